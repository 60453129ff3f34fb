// activation's stages in the step-through (web/explain/stepthrough.js): g applied sample by sample, and backward the
// product with g′(x_in). Each stage: its title, caption, drawing (step-draw.js's frame kit) and hover. Loaded with the
// step-through, not at start-up.
import { extent, stemRow } from '../../explain/plot.js';
import { deltaText } from '../../explain/step-text.js';
import { activationDerivative } from '../../shared/activation.js';

/** Both rows show x_in (or δ) and x_out (or ∂C/∂x_in) of channel 0, one sample a slot. */
function draw({ ctx, palette: p, frame, layer, g, rowBox }) {
  const N = g.inLength;
  const box = rowBox(0, N);
  const forward = frame.kind === 'activation-forward';
  const top = forward ? layer.input : layer.gradOutput;
  const bottom = forward ? layer.output : layer.gradInput;
  stemRow(ctx, box, top.subarray(0, N), { color: forward ? p.input : p.gradient, palette: p, scale: extent([top]), label: forward ? 'x_in' : `${deltaText(frame.layer)} = \u2202C/\u2202x_out` });
  if (!forward) {
    const gp = new Float64Array(N).map((_, i) => activationDerivative(g.fn, layer.input[i], layer.output[i]));
    stemRow(ctx, rowBox(1, N), gp, { color: p.weight, palette: p, scale: 1, label: `g\u2032(x_in) for ${g.fn}` });
  }
  stemRow(ctx, rowBox(2, N), bottom.subarray(0, N), { color: forward ? p.output : p.gradient, palette: p, scale: extent([bottom]), label: forward ? `x_out = ${g.fn}(x_in)` : `\u2202C/\u2202x_in = ${deltaText(frame.layer)} \u2299 g\u2032(x_in)` });
  return box;
}

/** A hover on the top row: that input sample. */
const inputSample = (frame, g, slot) => (slot < g.inLength ? { panel: 'input', layer: frame.layer, channel: 0, index: slot } : null);

export default {
  forward: [{
    kind: 'activation-forward',
    title: 'activation forward',
    caption: ({ g, text }) => ({ text, tex: [`x_{\\text{out}} = g(x_{\\text{in}}), \\quad g = \\text{${g.fn}}`] }),
    draw,
    hover: inputSample,
  }],
  backward: [{
    kind: 'activation-backward',
    title: 'activation backward: multiply by g\u2032(x_in)',
    caption: ({ text }) => ({ text, tex: [`\\frac{\\partial C}{\\partial x_{\\text{in}}} = \\frac{\\partial C}{\\partial x_{\\text{out}}} \\odot g'(x_{\\text{in}}) \\quad\\text{(only the activation step, not the conv layer's own backward)}`] }),
    draw,
    hover: inputSample,
  }],
};

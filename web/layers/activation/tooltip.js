// The tooltip words of a activation layer: what one hovered sample is and which terms made it, read from the model's
// views (x_out = g(x_in); ∂C/∂x_in = δ·g′(x_in)). web/app/tooltip.js asks the hovered layer's type; text only. Each
// part gets (hover: { track, channel, index }, model, l, g) and returns { title, lines } (gradInput: the lines under
// the common title), or is absent when the type has nothing to say there.
import { activationDerivative } from '../../shared/activation.js';
import { formatNumber as f } from '../../shared/format.js';

/** An output sample: g(x_in), and g′ there. */
export function output({ channel: c, index }, model, l, g) {
  const y = model.view('output', l)[c * g.outLength + index];
  const x = model.view('input', l)[c * g.inLength + index];
  return { title: `x_out[${c}, ${index}] = ${g.fn}(${f(x)}) = ${f(y)}`, lines: [`g′(x_in) = ${f(activationDerivative(g.fn, x, y))}`] };
}

/** ∂C/∂x_in = δ · g′(x_in). */
export function gradInput({ channel: c, index }, model, l, g) {
  const x = model.view('input', l)[c * g.inLength + index];
  const y = model.view('output', l)[c * g.inLength + index];
  const dy = model.view('gradOutput', l)[c * g.inLength + index];
  return [`= δ · g′(x_in) = ${f(dy)} · ${f(activationDerivative(g.fn, x, y))}`];
}

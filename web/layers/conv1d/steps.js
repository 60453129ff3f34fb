// conv1d's stages in the step-through (web/explain/stepthrough.js): the kernel window sliding over the padded input,
// ∂C/∂W accumulating window by window, δ flowing through the flipped kernel into ∂C/∂x_pad, and the padding rule
// folding ∂C/∂x_pad back onto ∂C/∂x_in. Each stage: its frames (items), title, caption (text and TeX with the core's
// numbers), drawing (step-draw.js's frame kit) and hover. Loaded with the step-through, not at start-up.
import { convForwardTex } from './equations.js';
import { paddedSource } from './padding.js';
import { arrow, band, extent, stemRow, withAlpha } from '../../explain/plot.js';
import { deltaText, filledText } from '../../explain/step-text.js';
import { elide, num, texFactor, texNum, texSum } from '../../shared/format.js';
import { backwardCoverage } from '../../shared/formulas.js';
import { windowCentreCell as centre } from '../../shared/geometry.js';

/** Σ_{t' ≤ t} δ[o,t'] · x_pad[c, t's + kd] for every (o, c, k): the running sum of ∂C/∂W. */
export function partialWeightGrad(layer, t) {
  const g = layer.geometry;
  const out = new Float64Array(g.outChannels * g.inChannels * g.kernelSize);
  for (let o = 0; o < g.outChannels; o++) {
    for (let c = 0; c < g.inChannels; c++) {
      for (let k = 0; k < g.kernelSize; k++) {
        let sum = 0;
        for (let u = 0; u <= t; u++) sum += layer.gradOutput[o * g.outLength + u] * layer.padded[c * g.paddedLength + u * g.stride + k * g.dilation];
        out[(o * g.inChannels + c) * g.kernelSize + k] = sum;
      }
    }
  }
  return out;
}

/** Largest running |∂C/∂W| over the whole stage (so the axis does not jump between frames). */
function partialMax(layer) {
  if (!layer.partialMaxCache) {
    const g = layer.geometry;
    let best = new Float64Array(1);
    for (let t = 0; t < g.outLength; t++) {
      const p = partialWeightGrad(layer, t);
      if (extent([p]) > extent([best])) best = p;
    }
    layer.partialMaxCache = best;
  }
  return layer.partialMaxCache;
}

/** A hover on the top row (x_pad) of a frame: that padded cell. */
const paddedCell = (frame, g, slot) => (slot < g.paddedLength ? { panel: 'padded', layer: frame.layer, channel: 0, index: slot } : null);

const forward = {
  kind: 'conv-forward',
  items: (g) => g.outChannels * g.outLength,
  title: 'conv1d forward: the kernel window slides over the padded input',
  caption({ frame, layer, g, text, pick }) {
    const o = Math.floor(frame.upto / g.outLength), t = frame.upto % g.outLength;
    const tex = [convForwardTex(g), ...pick({ kind: 'signal', level: frame.layer + 1, channel: o, index: t }, `forward-${frame.layer}`)];
    return { text: `${text}; ${filledText(frame, g.outLength, 'output sample')}${g.outChannels > 1 ? ` of channel ${o}` : ''} = ${num(layer.output[frame.upto])}`, tex };
  },
  draw({ ctx, palette: p, frame, layer, g, rowBox, rowH, padShade, current }) {
    const o = Math.floor(frame.upto / g.outLength), t = frame.upto % g.outLength;
    const c = 0;
    const P = g.paddedLength;
    const box = rowBox(0, P);
    const xpad = layer.padded.subarray(c * P, (c + 1) * P);
    const w = layer.weight.subarray((o * g.inChannels + c) * g.kernelSize, (o * g.inChannels + c + 1) * g.kernelSize);
    const y = layer.output.subarray(o * g.outLength, (o + 1) * g.outLength);
    band(ctx, box, t * g.stride, t * g.stride + g.dilation * (g.kernelSize - 1), box.y, rowBox(2, P).y + rowH - 8, p.weight);
    stemRow(ctx, box, xpad, { color: p.input, palette: p, shade: padShade(g.padLeft, g.inLength), label: `x_pad (channel ${c}; shaded: ${g.paddingMode} padding)` });
    stemRow(ctx, rowBox(1, P), w, { color: p.weight, palette: p, offset: t * g.stride, spacing: g.dilation, scale: extent([layer.weight]), label: `W (window at t = ${t})` });
    stemRow(ctx, rowBox(2, P), y, { color: p.output, palette: p, offset: centre(g, 0), spacing: g.stride, scale: extent([layer.output]),
      hidden: (i) => o * g.outLength + i > frame.upto, mark: (i) => (current(o * g.outLength + i) ? p.text : null), label: `x_out (channel ${o}) fills in` });
    return box;
  },
  hover: paddedCell,
};

const weightGrad = {
  kind: 'conv-weight-grad',
  items: (g) => g.outLength,
  title: 'conv1d backward: the input windows, weighted by \u03b4[t], accumulate into \u2202C/\u2202W',
  caption({ frame, layer, g, text }) {
    const t = frame.upto;
    const xs = [];
    for (let k = 0; k < g.kernelSize; k++) xs.push(`{${texNum(layer.padded[t * g.stride + k * g.dilation])}}`);
    const partial = partialWeightGrad(layer, t);
    const sumB = layer.gradOutput.subarray(0, t + 1).reduce((s, v) => s + v, 0);
    const tex = [`\\frac{\\partial C}{\\partial W} \\mathrel{+}= \\delta^{(${frame.layer + 1})}[${t}]\\,\\big(${elide(xs, 7).join(',\\,')}\\big) = ${texFactor(layer.gradOutput[t])}\\,\\big(${elide(xs, 7).join(',\\,')}\\big)`,
      `\\frac{\\partial C}{\\partial W} = \\big(${elide(Array.from(partial.subarray(0, g.kernelSize), (v) => `{${texNum(v)}}`), 7).join(',\\,')}\\big)${g.bias ? `, \\quad \\frac{\\partial C}{\\partial b} = ${texNum(sumB)}` : ''}${t === g.outLength - 1 ? '\\quad\\text{(complete)}' : ''}`];
    const multi = g.inChannels > 1 || g.outChannels > 1;
    return { text: `${text}; t = ${t}${multi ? ' (numbers of out channel 0, in channel 0; every channel pair accumulates alike)' : ''}`, tex };
  },
  draw({ ctx, palette: p, frame, layer, g, rowBox, rowH, width, margin, padShade }) {
    const t = frame.upto;
    const P = g.paddedLength;
    const box = rowBox(0, P);
    const c = 0, o = 0;
    const xpad = layer.padded.subarray(c * P, (c + 1) * P);
    const d = layer.gradOutput.subarray(o * g.outLength, (o + 1) * g.outLength);
    band(ctx, box, t * g.stride, t * g.stride + g.dilation * (g.kernelSize - 1), box.y, rowBox(1, P).y + rowH - 8, p.gradient);
    stemRow(ctx, box, xpad, { color: p.input, palette: p, shade: padShade(g.padLeft, g.inLength), label: `x_pad: the window of t = ${t}` });
    stemRow(ctx, rowBox(1, P), d, { color: p.gradient, palette: p, offset: centre(g, 0), spacing: g.stride, mark: (i) => (i === t ? p.text : null), dim: (i) => i > t, label: `${deltaText(frame.layer)} = \u2202C/\u2202x_out` });
    const count = g.outChannels * g.inChannels * g.kernelSize;
    const partial = partialWeightGrad(layer, t);
    const wb = { ...rowBox(2, count), w: Math.min(width - 2 * margin, count * 60) };
    stemRow(ctx, wb, partial, { color: p.weight, palette: p, scale: extent([layer.gradWeight, partialMax(layer)]), label: `\u2202C/\u2202W after t = 0\u2026${t}` });
    return box;
  },
  hover: paddedCell,
};

const inputGrad = {
  kind: 'conv-input-grad',
  items: (g) => g.inChannels * g.paddedLength,
  title: 'conv1d backward: the output gradient flows through the flipped kernel into \u2202C/\u2202x_pad',
  caption({ frame, layer, g, text, pick }) {
    const c = Math.floor(frame.upto / g.paddedLength), j = frame.upto % g.paddedLength;
    const tex = pick({ kind: 'padded', layer: frame.layer, channel: c, index: j }, `input-grad-${frame.layer}`);
    return { text: `${text}; padded position j = ${j}: ${num(layer.gradPadded[frame.upto])}`, tex };
  },
  draw({ ctx, palette: p, frame, layer, g, rowBox, rowH, padShade, current }) {
    const c = Math.floor(frame.upto / g.paddedLength), j = frame.upto % g.paddedLength;
    const P = g.paddedLength, o = 0;
    const box = rowBox(0, P);
    const d = layer.gradOutput.subarray(o * g.outLength, (o + 1) * g.outLength);
    const flipped = [];
    for (let k = g.kernelSize - 1; k >= 0; k--) flipped.push(layer.weight[(o * g.inChannels + c) * g.kernelSize + k]);
    const c0 = centre(g, 0);
    const left = j - g.dilation * (g.kernelSize - 1) + c0;
    band(ctx, box, left, j + c0, box.y, rowBox(2, P).y + rowH - 8, p.weight);
    stemRow(ctx, box, d, { color: p.gradient, palette: p, offset: c0, spacing: g.stride, label: `${deltaText(frame.layer)} = \u2202C/\u2202x_out (zero outside)` });
    stemRow(ctx, rowBox(1, P), flipped, { color: p.weight, palette: p, offset: left, spacing: g.dilation, scale: extent([layer.weight]), label: 'flipped kernel W^flip[q] = W[K\u22121\u2212q]' });
    const gp = layer.gradPadded.subarray(c * P, (c + 1) * P);
    // With stride > 1 the last (N_pad − d(K−1) − 1) mod s cells are read by no window: marked, gradient 0.
    const cover = backwardCoverage(g);
    if (cover.uncovered > 0) band(ctx, rowBox(2, P), cover.covered, P - 1, rowBox(2, P).y, rowBox(2, P).y + rowH - 8, p.text, 0.12);
    stemRow(ctx, rowBox(2, P), gp, { color: p.gradient, palette: p, shade: padShade(g.padLeft, g.inLength), scale: extent([layer.gradPadded]),
      hidden: (i) => c * P + i > frame.upto, mark: (i) => (current(c * P + i) ? p.text : null), label: `\u2202C/\u2202x_pad[${j}] (shaded: padded cells${cover.uncovered > 0 ? `; dark: the last ${cover.uncovered} read by no window, gradient 0` : ''})` });
    return box;
  },
  // its top row is δ, not a signal the page's plots hover
  hover: () => null,
};

const fold = {
  kind: 'conv-fold',
  title: 'conv1d backward: the padding rule folds \u2202C/\u2202x_pad back onto \u2202C/\u2202x_in',
  caption({ layer, g, text }) {
    const lines = [];
    for (let n = 0; n < g.inLength && lines.length < 4; n++) {
      const sources = [];
      for (let j = 0; j < g.paddedLength; j++) {
        if ((j < g.padLeft || j >= g.padLeft + g.inLength) && paddedSource(j, g.padLeft, g.inLength, g.paddingMode) === n) sources.push(j);
      }
      if (sources.length) {
        const parts = [n + g.padLeft, ...sources].map((j) => texFactor(layer.gradPadded[j]));
        lines.push(`\\frac{\\partial C}{\\partial x_{\\text{in}}[${n}]} = ${texSum(parts)} = ${texNum(layer.gradInput[n])}`);
      }
    }
    if (!lines.length) lines.push(g.paddingMode === 'zeros' && (g.padLeft || g.padRight)
      ? `\\frac{\\partial C}{\\partial x_{\\text{in}}[i]} = \\frac{\\partial C}{\\partial x_{\\text{pad}}[i + ${g.padLeft}]} \\quad\\text{(the zeros were constants: their gradient is dropped)}`
      : `\\frac{\\partial C}{\\partial x_{\\text{in}}} = \\frac{\\partial C}{\\partial x_{\\text{pad}}} \\quad\\text{(no padding)}`);
    return { text, tex: lines };
  },
  draw({ ctx, palette: p, layer, g, rowBox, padShade }) {
    const P = g.paddedLength, N = g.inLength;
    const box = rowBox(0, P);
    const s = extent([layer.gradPadded, layer.gradInput]);
    stemRow(ctx, box, layer.gradPadded.subarray(0, P), { color: p.gradient, palette: p, shade: padShade(g.padLeft, N), scale: s, label: '\u2202C/\u2202x_pad' });
    const b2 = rowBox(2, P);
    stemRow(ctx, b2, layer.gradInput.subarray(0, N), { color: p.gradient, palette: p, offset: g.padLeft, scale: s, label: `\u2202C/\u2202x_in (${g.paddingMode}: ${g.paddingMode === 'zeros' ? 'padded cells dropped' : 'each copy returns its gradient to its source'})` });
    const cell = box.w / box.slots;
    for (let j = 0; j < P; j++) {
      if (j >= g.padLeft && j < g.padLeft + N) continue;
      const src = paddedSource(j, g.padLeft, N, g.paddingMode);
      if (src < 0) continue;
      arrow(ctx, box.x + (j + 0.5) * cell, box.y + box.h - 2, b2.x + (src + g.padLeft + 0.5) * cell, b2.y + 4, withAlpha(p.text, 0.6), 1);
    }
    return box;
  },
  hover: paddedCell,
};

export default { forward: [forward], backward: [weightGrad, inputGrad, fold] };

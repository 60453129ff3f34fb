// maxpool1d's stages in the step-through (web/explain/stepthrough.js): each window keeps its maximum and remembers
// where it was; backward, each window's gradient jumps to that arg-max. Each stage: its frames (items), title, caption
// (text and TeX with the core's numbers), drawing (step-draw.js's frame kit) and hover. Loaded with the step-through.
import { arrow, band, extent, stemRow } from '../../explain/plot.js';
import { deltaText, filledText } from '../../explain/step-text.js';
import { num, texNum } from '../../shared/format.js';
import { poolWindow } from '../../shared/formulas.js';
import { windowCentreCell as centre } from '../../shared/geometry.js';

/** Whether pool window t of channel c has no real sample (all taps in the −∞ padding). */
function emptyWindow(layer, c, t) {
  const g = layer.geometry;
  return poolWindow(g, layer.input.subarray(c * g.inLength, (c + 1) * g.inLength), t).empty;
}

/** A hover on the top row (the padded axis of x_in or δ) of a frame: that input sample, if it is one. */
function inputSample(frame, g, slot) {
  const i = slot - g.padding;
  return i >= 0 && i < g.inLength ? { panel: 'input', layer: frame.layer, channel: 0, index: i } : null;
}

const forward = {
  kind: 'pool-forward',
  items: (g) => g.outChannels * g.outLength,
  title: 'max-pool forward: each window keeps its maximum and remembers where it was',
  caption({ frame, layer, g, text, pick }) {
    const c = Math.floor(frame.upto / g.outLength), t = frame.upto % g.outLength;
    const tex = pick({ kind: 'signal', level: frame.layer + 1, channel: c, index: t }, `forward-${frame.layer}`);
    if (emptyWindow(layer, c, t)) return { text: `${text}; window t = ${t} is empty (every tap is padding): \u2212\u221e, no arg-max`, tex };
    return { text: `${text}; ${filledText(frame, g.outLength, 'window')}: maximum ${num(layer.output[frame.upto])} at x_in index a[${t}] = ${layer.argmax[frame.upto]}`, tex };
  },
  draw({ ctx, palette: p, frame, layer, g, rowBox, rowH, padShade, current }) {
    const c = Math.floor(frame.upto / g.outLength), t = frame.upto % g.outLength;
    const N = g.inLength, P = N + 2 * g.padding;
    const box = rowBox(0, P);
    const x = layer.input.subarray(c * N, (c + 1) * N);
    const y = layer.output.subarray(c * g.outLength, (c + 1) * g.outLength);
    const a = layer.argmax.subarray(c * g.outLength, (c + 1) * g.outLength);
    band(ctx, box, t * g.stride, t * g.stride + g.dilation * (g.kernelSize - 1), box.y, rowBox(2, P).y + rowH - 8, p.weight);
    stemRow(ctx, box, x, { color: p.input, palette: p, offset: g.padding, shade: padShade(g.padding, N), scale: extent([layer.input, layer.output]),
      mark: (i) => (i === a[t] && !emptyWindow(layer, c, t) ? p.output : null),
      label: emptyWindow(layer, c, t) ? `x_in (shaded: \u2212\u221e padding); window ${t} is empty: every tap is padding` : `x_in (shaded: \u2212\u221e padding); ring: arg-max a[${t}] = ${a[t]}` });
    stemRow(ctx, rowBox(2, P), y, { color: p.output, palette: p, offset: centre(g, 0), spacing: g.stride, scale: extent([layer.input, layer.output]),
      hidden: (i) => c * g.outLength + i > frame.upto, mark: (i) => (current(c * g.outLength + i) ? p.text : null), label: 'x_out = window maximum' });
    return box;
  },
  hover: inputSample,
};

const backward = {
  kind: 'pool-backward',
  items: (g) => g.outChannels * g.outLength,
  title: 'max-pool backward: each window\u2019s gradient jumps to its arg-max',
  caption({ frame, layer, g, text }) {
    const c = Math.floor(frame.upto / g.outLength), t = frame.upto % g.outLength;
    const a = layer.argmax[frame.upto];
    const d = layer.gradOutput[frame.upto];
    if (emptyWindow(layer, c, t)) return { text: `${text}; window t = ${t} is empty (all padding) and sends nothing`, tex: [] };
    const tex = [`\\frac{\\partial C}{\\partial x_{\\text{in}}[${a}]} \\mathrel{+}= \\frac{\\partial C}{\\partial x_{\\text{out}}[${t}]} = ${texNum(d)} \\qquad (a[${t}] = ${a})`];
    return { text: `${text}; window t = ${t}${c ? ` (channel ${c})` : ''} sends ${num(d)} to input ${a}`, tex };
  },
  draw({ ctx, palette: p, frame, layer, g, rowBox, padShade }) {
    const c = Math.floor(frame.upto / g.outLength), t = frame.upto % g.outLength;
    const N = g.inLength, P = N + 2 * g.padding;
    const box = rowBox(0, P);
    const d = layer.gradOutput.subarray(c * g.outLength, (c + 1) * g.outLength);
    const a = layer.argmax.subarray(c * g.outLength, (c + 1) * g.outLength);
    const partial = new Float64Array(N);
    for (let u = 0; u <= t; u++) if (!emptyWindow(layer, c, u)) partial[a[u]] += d[u];  // an empty window sends nothing
    const empty = emptyWindow(layer, c, t);
    const s = extent([layer.gradOutput, layer.gradInput]);
    stemRow(ctx, box, d, { color: p.gradient, palette: p, offset: centre(g, 0), spacing: g.stride, scale: s, mark: (i) => (i === t ? p.text : null), label: `${deltaText(frame.layer)} = \u2202C/\u2202x_out; window t = ${t}` });
    const b2 = rowBox(2, P);
    stemRow(ctx, b2, partial, { color: p.gradient, palette: p, offset: g.padding, shade: padShade(g.padding, N), scale: s, mark: (i) => (i === a[t] && !empty ? p.text : null),
      label: empty ? `\u2202C/\u2202x_in: window ${t} is empty (all padding) and sends nothing` : `\u2202C/\u2202x_in accumulates at the arg-max (a[${t}] = ${a[t]})` });
    const cell = box.w / box.slots;
    if (!empty) arrow(ctx, box.x + (centre(g, t) + 0.5) * cell, box.y + box.h / 2 + 6, b2.x + (a[t] + g.padding + 0.5) * cell, b2.y + 4, p.text);
    return box;
  },
  hover: inputSample,
};

export default { forward: [forward], backward: [backward] };

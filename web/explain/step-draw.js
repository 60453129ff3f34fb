// The step-through's drawing: frame i of a snapshot on a canvas (the sliding window, the running sums, the arrows of
// the gradient), a pure function of (snapshot, frame). The frames themselves are data (step-frames.js).
import { activationDerivative } from '../shared/activation.js';
import { backwardCoverage } from '../shared/formulas.js';
import { snapshotPlan } from './step-training.js';
import { paddedSource, windowCentreCell as centre } from '../shared/geometry.js';
import { arrow, band, extent, setupCanvas, stemRow, withAlpha } from './plot.js';
import { deltaText, emptyWindow, concat, partialWeightGrad, partialMax } from './step-frames.js';

/** Draws frame `frame` of `snapshot` on `canvas` (width in CSS pixels). Returns the slot box (for hover). */
export function drawFrame(canvas, snapshot, frame, { palette, width = 720, learningRate = 0, plan = snapshotPlan(snapshot, learningRate) } = {}) {
  const p = palette;
  const rowH = 74;
  const rows = 3;
  const height = rows * rowH + 16;
  const ctx = setupCanvas(canvas, width, height);
  ctx.fillStyle = p.background;
  ctx.fillRect(0, 0, width, height);
  const layer = frame.layer === null ? null : snapshot.layers[frame.layer];
  const g = layer && layer.geometry;
  const margin = 8;
  const rowBox = (r, slots) => ({ x: margin, y: 6 + r * rowH, w: width - 2 * margin, h: rowH - 8, slots });
  const padShade = (pl, n) => (s) => (s < pl || s >= pl + n ? withAlpha(p.padding, 0.22) : null);
  const current = (i) => i >= frame.from && i <= frame.upto;
  let box = null;

  switch (frame.kind) {
    case 'layer-forward':
    case 'layer-backward': {
      // every channel, flattened: what the layer reads (x_in or δ) above what it gives (x_out or ∂C/∂x_in)
      const forward = frame.kind === 'layer-forward';
      const top = forward ? layer.input : layer.gradOutput;
      const bottom = forward ? layer.output : layer.gradInput;
      box = rowBox(0, top.length);
      stemRow(ctx, box, top, { color: forward ? p.input : p.gradient, palette: p, scale: extent([top]),
        label: forward ? 'x_in (every channel, one after another)' : `${deltaText(frame.layer)} = \u2202C/\u2202x_out` });
      stemRow(ctx, rowBox(2, bottom.length), bottom, { color: forward ? p.output : p.gradient, palette: p, scale: extent([bottom]),
        label: forward ? 'x_out' : '\u2202C/\u2202x_in (every channel, one after another)' });
      break;
    }
    case 'conv-forward': {
      const o = Math.floor(frame.upto / g.outLength), t = frame.upto % g.outLength;
      const c = 0;
      const P = g.paddedLength;
      box = rowBox(0, P);
      const xpad = layer.padded.subarray(c * P, (c + 1) * P);
      const w = layer.weight.subarray((o * g.inChannels + c) * g.kernelSize, (o * g.inChannels + c + 1) * g.kernelSize);
      const y = layer.output.subarray(o * g.outLength, (o + 1) * g.outLength);
      band(ctx, box, t * g.stride, t * g.stride + g.dilation * (g.kernelSize - 1), box.y, rowBox(2, P).y + rowH - 8, p.weight);
      stemRow(ctx, box, xpad, { color: p.input, palette: p, shade: padShade(g.padLeft, g.inLength), label: `x_pad (channel ${c}; shaded: ${g.paddingMode} padding)` });
      stemRow(ctx, rowBox(1, P), w, { color: p.weight, palette: p, offset: t * g.stride, spacing: g.dilation, scale: extent([layer.weight]), label: `W (window at t = ${t})` });
      stemRow(ctx, rowBox(2, P), y, { color: p.output, palette: p, offset: centre(g, 0), spacing: g.stride, scale: extent([layer.output]),
        hidden: (i) => o * g.outLength + i > frame.upto, mark: (i) => (current(o * g.outLength + i) ? p.text : null), label: `x_out (channel ${o}) fills in` });
      break;
    }
    case 'pool-forward': {
      const c = Math.floor(frame.upto / g.outLength), t = frame.upto % g.outLength;
      const N = g.inLength, P = N + 2 * g.padding;
      box = rowBox(0, P);
      const x = layer.input.subarray(c * N, (c + 1) * N);
      const y = layer.output.subarray(c * g.outLength, (c + 1) * g.outLength);
      const a = layer.argmax.subarray(c * g.outLength, (c + 1) * g.outLength);
      band(ctx, box, t * g.stride, t * g.stride + g.dilation * (g.kernelSize - 1), box.y, rowBox(2, P).y + rowH - 8, p.weight);
      stemRow(ctx, box, x, { color: p.input, palette: p, offset: g.padding, shade: padShade(g.padding, N), scale: extent([layer.input, layer.output]),
        mark: (i) => (i === a[t] && !emptyWindow(layer, c, t) ? p.output : null),
        label: emptyWindow(layer, c, t) ? `x_in (shaded: \u2212\u221e padding); window ${t} is empty: every tap is padding` : `x_in (shaded: \u2212\u221e padding); ring: arg-max a[${t}] = ${a[t]}` });
      stemRow(ctx, rowBox(2, P), y, { color: p.output, palette: p, offset: centre(g, 0), spacing: g.stride, scale: extent([layer.input, layer.output]),
        hidden: (i) => c * g.outLength + i > frame.upto, mark: (i) => (current(c * g.outLength + i) ? p.text : null), label: 'x_out = window maximum' });
      break;
    }
    case 'activation-forward':
    case 'activation-backward': {
      const N = g.inLength;
      box = rowBox(0, N);
      const forward = frame.kind === 'activation-forward';
      const top = forward ? layer.input : layer.gradOutput;
      const bottom = forward ? layer.output : layer.gradInput;
      stemRow(ctx, box, top.subarray(0, N), { color: forward ? p.input : p.gradient, palette: p, scale: extent([top]), label: forward ? 'x_in' : `${deltaText(frame.layer)} = \u2202C/\u2202x_out` });
      if (!forward) {
        const gp = new Float64Array(N).map((_, i) => activationDerivative(g.fn, layer.input[i], layer.output[i]));
        stemRow(ctx, rowBox(1, N), gp, { color: p.weight, palette: p, scale: 1, label: `g\u2032(x_in) for ${g.fn}` });
      }
      stemRow(ctx, rowBox(2, N), bottom.subarray(0, N), { color: forward ? p.output : p.gradient, palette: p, scale: extent([bottom]), label: forward ? `x_out = ${g.fn}(x_in)` : `\u2202C/\u2202x_in = ${deltaText(frame.layer)} \u2299 g\u2032(x_in)` });
      break;
    }
    case 'loss': {
      if (snapshot.lossKind === 'crossentropy') {
        // the logits z, their softmax p (the true class ringed) and ∂C/∂z = p − 1[j = y]
        const K = snapshot.outputChannels, y = snapshot.target[0];
        box = rowBox(0, K);
        const mark = (j) => (j === y ? p.target : null);
        stemRow(ctx, box, snapshot.prediction.subarray(0, K), { color: p.output, palette: p, mark, label: 'z (the logits, \u0177); ring: the true class y' });
        stemRow(ctx, rowBox(1, K), snapshot.probabilities, { color: p.target, palette: p, scale: 1, mark, label: `p_j = softmax(z)_j; C = \u2212log p_${y}` });
        stemRow(ctx, rowBox(2, K), snapshot.gradPrediction.subarray(0, K), { color: p.gradient, palette: p, scale: 1, mark, label: '\u2202C/\u2202z_j = p_j \u2212 1[j = y]' });
        break;
      }
      const n = snapshot.outputLength;
      box = rowBox(0, n);
      const s = extent([snapshot.prediction.subarray(0, n), snapshot.target.subarray(0, n)]);
      const scale = plan.display.loss.scale(snapshot.outputChannels * n, 1).text;
      stemRow(ctx, box, snapshot.prediction.subarray(0, n), { color: p.output, palette: p, scale: s, label: '\u0177 (prediction)' });
      stemRow(ctx, rowBox(1, n), snapshot.target.subarray(0, n), { color: p.target, palette: p, scale: s, label: 'y (target)' });
      stemRow(ctx, rowBox(2, n), snapshot.gradPrediction.subarray(0, n), { color: p.gradient, palette: p,
        label: `\u2202C/\u2202\u0177 = ${scale}(\u0177 \u2212 y)${plan.display.loss.name === 'mse' ? `, n = channels \u00b7 M = ${snapshot.outputChannels * n}` : ''}` });
      break;
    }
    case 'batch': {
      // the first parameter tensor: example 1's gradient, the last example's, and the batch's (scaled) sum
      const u = plan.update[0];
      const l = u.layer;
      const firstGrad = plan.snapshots[0].layers[l].gradWeight;
      const lastGrad = (plan.snapshots[plan.snapshots.length - 1] || plan.snapshots[0]).layers[l].gradWeight;
      const n = firstGrad.length;
      box = { ...rowBox(0, n), w: Math.min(width - 2 * margin, n * 60) };
      const s = extent([firstGrad, lastGrad, u.grad.weight]);
      stemRow(ctx, box, firstGrad, { color: p.gradient, palette: p, scale: s, label: `layer ${l + 1}: \u2202C_e/\u2202W of example 1 of the batch` });
      stemRow(ctx, { ...box, y: rowBox(1, n).y }, lastGrad, { color: p.gradient, palette: p, scale: s, label: `\u2026 of example ${plan.display.batch}` });
      stemRow(ctx, { ...box, y: rowBox(2, n).y }, u.grad.weight, { color: p.weight, palette: p, scale: s, label: `\u2202C/\u2202W of the batch (${plan.display.loss.setReduction === 'sum' ? 'the sum' : `the sum \u00f7 ${plan.display.batch}`})` });
      break;
    }
    case 'pool-backward': {
      const c = Math.floor(frame.upto / g.outLength), t = frame.upto % g.outLength;
      const N = g.inLength, P = N + 2 * g.padding;
      box = rowBox(0, P);
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
      break;
    }
    case 'conv-weight-grad': {
      const t = frame.upto;
      const P = g.paddedLength;
      box = rowBox(0, P);
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
      break;
    }
    case 'conv-input-grad': {
      const c = Math.floor(frame.upto / g.paddedLength), j = frame.upto % g.paddedLength;
      const P = g.paddedLength, o = 0;
      box = rowBox(0, P);
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
      break;
    }
    case 'conv-fold': {
      const P = g.paddedLength, N = g.inLength;
      box = rowBox(0, P);
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
      break;
    }
    case 'update':
    case 'done': {
      // every layer with parameters: before, the change, after (predicted; after the step, the core's own weights)
      const done = frame.kind === 'done' && plan.actual;
      const before = concat(plan.update.map((u) => concat([u.before.weight, u.before.bias])));
      const next = concat(plan.update.map((u, i) => (done ? concat([plan.actual[i].weight, plan.actual[i].bias]) : concat([u.after.weight, u.after.bias]))));
      const change = next.map((v, i) => v - before[i]);
      const n = before.length;
      box = { ...rowBox(0, n), w: Math.min(width - 2 * margin, n * 60) };
      const s = extent([before, next]);
      stemRow(ctx, box, before, { color: p.weight, palette: p, scale: s, dim: () => frame.kind === 'done', label: 'W, b before (every layer with parameters)' });
      stemRow(ctx, { ...box, y: rowBox(1, n).y }, change, { color: p.gradient, palette: p, label: `\u0394\u03b8 of ${plan.display.optimizer.title(plan.display.training)}` });
      stemRow(ctx, { ...box, y: rowBox(2, n).y }, next, { color: p.weight, palette: p, scale: s, dim: () => frame.kind !== 'done', label: done ? 'W, b after (made by the core)' : 'W, b after (predicted)' });
      break;
    }
    default:
      break;
  }
  return box;
}

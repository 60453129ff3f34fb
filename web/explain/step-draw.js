// The step-through's drawing: frame i of a snapshot on a canvas, a pure function of (snapshot, frame). A layer type's
// own stages draw themselves (web/layers/<type>/steps.js) with the frame kit below; this file draws the rest: a whole
// layer at once, the loss, the batch and the update. The frames themselves are data (step-frames.js).
import { snapshotPlan } from './step-training.js';
import { extent, setupCanvas, stemRow, withAlpha } from './plot.js';
import { layerStage } from './step-frames.js';
import { deltaText } from './step-text.js';

/** The arrays one after another, as one Float64Array. */
function concat(arrays) {
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const out = new Float64Array(total);
  let at = 0;
  for (const a of arrays) { out.set(a, at); at += a.length; }
  return out;
}

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
  const stage = g && layerStage(g, frame);
  // the frame kit a type's stage draws with: three rows of stems, padding shaded, the frame's own items marked
  if (stage) return stage.draw({ ctx, palette: p, frame, layer, g, rowBox, rowH, width, margin, padShade, current });

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

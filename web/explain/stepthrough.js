// Step-through: one training step, animated. Forward (the kernel window slides over the padded input while the
// output fills in), loss, backward (the upstream gradient flows through the flipped kernel into ∂C/∂x_in, the input
// windows accumulate into ∂C/∂W, pool gradients jump to their arg-max), then the SGD update.
//
// Frames are data: buildFrames(snapshot) lists them and drawFrame / frameCaption draw frame i from the snapshot
// alone, so frame i is a pure function of (experiment, i). The numbers shown are the core's (the snapshot); the
// animation only visualises the running sums. The update is applied through the core — the page's own step(1) — so
// the weights after the animation are exactly those of step(1): by Play or "To end", or on the last frame by its
// explicit "Take this training step" button (scrubbing the slider or stepping there never trains).
import { activationDerivative } from '../shared/activation.js';
import { h, replaceChildren } from '../shared/dom.js';
import { convForwardTex, substitute } from './equations.js';
import { elide, num, texFactor, texNum, texSum } from '../shared/format.js';
import { backwardCoverage, poolWindow } from '../shared/formulas.js';
import { paddedSource, windowCentreCell as centre } from '../shared/geometry.js';
import { renderTex } from './katex.js';
import { arrow, band, extent, paletteOf, setupCanvas, slotAt, stemRow, withAlpha } from './plot.js';
import { takeSnapshot } from './snapshot.js';
import { classifierLayerBlocks } from './classifier-equations.js';
import { batchCaption, exampleWords, hasParameters, lossCaption, planStep, recordActual, snapshotPlan, updateCaption } from './step-training.js';
import { experimentDisplay } from '../shared/training-display.js';

/** At most this many frames per stage: longer signals advance several samples per frame. */
export const MAX_FRAMES_PER_STAGE = 40;

const STAGE_TITLES = {
  'conv-forward': 'conv1d forward: the kernel window slides over the padded input',
  'activation-forward': 'activation forward',
  'layer-forward': 'forward',
  'layer-backward': 'backward',
  'pool-forward': 'max-pool forward: each window keeps its maximum and remembers where it was',
  loss: 'loss and its gradient at the prediction',
  batch: 'the batch: its examples\u2019 gradients, summed into the step\u2019s gradient',
  'pool-backward': 'max-pool backward: each window\u2019s gradient jumps to its arg-max',
  'activation-backward': 'activation backward: multiply by g\u2032(x_in)',
  'conv-input-grad': 'conv1d backward: the output gradient flows through the flipped kernel into \u2202C/\u2202x_pad',
  'conv-fold': 'conv1d backward: the padding rule folds \u2202C/\u2202x_pad back onto \u2202C/\u2202x_in',
  'conv-weight-grad': 'conv1d backward: the input windows, weighted by \u03b4[t], accumulate into \u2202C/\u2202W',
  update: 'update of the weights by the optimizer',
  done: 'Update applied through the core (the same call as step 1)',
};

/** A stage of `count` items split into frames of ⌈count / MAX⌉ items each. */
function stage(frames, base, count) {
  const chunk = Math.max(1, Math.ceil(count / MAX_FRAMES_PER_STAGE));
  for (let from = 0; from < count; from += chunk) {
    frames.push({ ...base, from, upto: Math.min(count, from + chunk) - 1, count });
  }
}

/**
 * The frames of one training step for a snapshot: [{ phase, kind, layer, from, upto, count }]. Items are the
 * flattened (channel, position) pairs of the stage; a frame covers items from … upto.
 */
export function buildFrames(snapshot, { batch = 1 } = {}) {
  const frames = [];
  const layers = snapshot.layers;
  layers.forEach((layer, l) => {
    const g = layer.geometry;
    // avg-pool, global pool, linear: one frame each way, the whole layer at once
    if (classifierLayerBlocks(g, l)) frames.push({ phase: 'forward', kind: 'layer-forward', layer: l, from: 0, upto: 0, count: 1 });
    else if (g.type === 'conv1d') stage(frames, { phase: 'forward', kind: 'conv-forward', layer: l }, g.outChannels * g.outLength);
    else if (g.type === 'maxpool1d') stage(frames, { phase: 'forward', kind: 'pool-forward', layer: l }, g.outChannels * g.outLength);
    else frames.push({ phase: 'forward', kind: 'activation-forward', layer: l, from: 0, upto: 0, count: 1 });
  });
  frames.push({ phase: 'loss', kind: 'loss', layer: null, from: 0, upto: 0, count: 1 });
  for (let l = layers.length - 1; l >= 0; l--) {
    const g = layers[l].geometry;
    if (classifierLayerBlocks(g, l)) {
      frames.push({ phase: 'backward', kind: 'layer-backward', layer: l, from: 0, upto: 0, count: 1 });
    } else if (g.type === 'conv1d') {
      stage(frames, { phase: 'backward', kind: 'conv-weight-grad', layer: l }, g.outLength);
      stage(frames, { phase: 'backward', kind: 'conv-input-grad', layer: l }, g.inChannels * g.paddedLength);
      frames.push({ phase: 'backward', kind: 'conv-fold', layer: l, from: 0, upto: 0, count: 1 });
    } else if (g.type === 'maxpool1d') {
      stage(frames, { phase: 'backward', kind: 'pool-backward', layer: l }, g.outChannels * g.outLength);
    } else {
      frames.push({ phase: 'backward', kind: 'activation-backward', layer: l, from: 0, upto: 0, count: 1 });
    }
  }
  const trains = layers.some((layer) => hasParameters(layer.geometry));
  // a batch of B sums its examples' gradients before the update (the frames animate its first example)
  if (trains && batch > 1) frames.push({ phase: 'backward', kind: 'batch', layer: null, from: 0, upto: 0, count: 1 });
  if (trains) frames.push({ phase: 'update', kind: 'update', layer: null, from: 0, upto: 0, count: 1 });
  frames.push({ phase: 'done', kind: 'done', layer: null, from: 0, upto: 0, count: 1 });
  return frames;
}

/**
 * The weights after a plain SGD step on the snapshot's example, as the core computes them in float32:
 * W − fround(η·∂C/∂W), per layer with parameters. → [{ layer, weight: Float32Array, bias: Float32Array }]
 */
export function predictedUpdate(snapshot, learningRate) {
  return snapshotPlan(snapshot, learningRate).update.map((u) => ({ layer: u.layer, weight: u.after.weight, bias: u.after.bias }));
}

/** δ of layer l as plain text: δ⁽¹⁾, δ⁽²⁾ … (the notation box's δ^(ℓ)). */
function deltaText(l) {
  const sup = '\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079';
  return `\u03b4\u207d${String(l + 1).split('').map((c) => sup[Number(c)]).join('')}\u207e`;
}

/** Whether pool window t of channel c has no real sample (all taps in the −∞ padding). */
function emptyWindow(layer, c, t) {
  const g = layer.geometry;
  return poolWindow(g, layer.input.subarray(c * g.inLength, (c + 1) * g.inLength), t).empty;
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

function concat(arrays) {
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const out = new Float64Array(total);
  let at = 0;
  for (const a of arrays) { out.set(a, at); at += a.length; }
  return out;
}


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

/**
 * A frame may fill several samples (long signals): name them all, e.g. "output samples t = 0…1 filled; t = 1",
 * so the caption matches what the frame shows.
 */
function filledText(frame, length, noun) {
  const t = frame.upto % length;
  const from = frame.from % length;
  if (frame.from === frame.upto || from > t) return `${noun} t = ${t}`;
  return `${noun}s t = ${from}\u2026${t} filled in this frame (${t - from + 1}); ${noun} t = ${t}`;
}

/**
 * What frame `frame` says: { text (plain, for screen readers), tex (one or more TeX lines) }.
 */
export function frameCaption(snapshot, frame, { learningRate = 0, plan = snapshotPlan(snapshot, learningRate) } = {}) {
  const layer = frame.layer === null ? null : snapshot.layers[frame.layer];
  const g = layer && layer.geometry;
  const where = frame.layer === null ? '' : `Layer ${frame.layer + 1}: `;
  const text = `${where}${STAGE_TITLES[frame.kind]}`;
  const pick = (target, block) => substitute(snapshot, target, { learningRate, display: plan.display }).filter((b) => b.block === block).flatMap((b) => b.lines);
  let tex = [];
  switch (frame.kind) {
    case 'conv-forward': {
      const o = Math.floor(frame.upto / g.outLength), t = frame.upto % g.outLength;
      tex = [convForwardTex(g), ...pick({ kind: 'signal', level: frame.layer + 1, channel: o, index: t }, `forward-${frame.layer}`)];
      return { text: `${text}; ${filledText(frame, g.outLength, 'output sample')}${g.outChannels > 1 ? ` of channel ${o}` : ''} = ${num(layer.output[frame.upto])}`, tex };
    }
    case 'pool-forward': {
      const c = Math.floor(frame.upto / g.outLength), t = frame.upto % g.outLength;
      tex = pick({ kind: 'signal', level: frame.layer + 1, channel: c, index: t }, `forward-${frame.layer}`);
      if (emptyWindow(layer, c, t)) return { text: `${text}; window t = ${t} is empty (every tap is padding): \u2212\u221e, no arg-max`, tex };
      return { text: `${text}; ${filledText(frame, g.outLength, 'window')}: maximum ${num(layer.output[frame.upto])} at x_in index a[${t}] = ${layer.argmax[frame.upto]}`, tex };
    }
    case 'layer-forward':
    case 'layer-backward': {
      const block = classifierLayerBlocks(g, frame.layer)[frame.kind === 'layer-forward' ? 'forward' : 'backward'];
      return { text: block.title, tex: block.lines.filter((line) => typeof line === 'string') };
    }
    case 'activation-forward':
      return { text, tex: [`x_{\\text{out}} = g(x_{\\text{in}}), \\quad g = \\text{${g.fn}}`] };
    case 'activation-backward':
      return { text, tex: [`\\frac{\\partial C}{\\partial x_{\\text{in}}} = \\frac{\\partial C}{\\partial x_{\\text{out}}} \\odot g'(x_{\\text{in}}) \\quad\\text{(only the activation step, not the conv layer's own backward)}`] };
    case 'loss': {
      const cap = lossCaption(plan);
      return { text: `${text}; ${cap.text}`, tex: cap.tex };
    }
    case 'batch':
      return batchCaption(plan);
    case 'pool-backward': {
      const c = Math.floor(frame.upto / g.outLength), t = frame.upto % g.outLength;
      const a = layer.argmax[frame.upto];
      const d = layer.gradOutput[frame.upto];
      if (emptyWindow(layer, c, t)) return { text: `${text}; window t = ${t} is empty (all padding) and sends nothing`, tex: [] };
      tex = [`\\frac{\\partial C}{\\partial x_{\\text{in}}[${a}]} \\mathrel{+}= \\frac{\\partial C}{\\partial x_{\\text{out}}[${t}]} = ${texNum(d)} \\qquad (a[${t}] = ${a})`];
      return { text: `${text}; window t = ${t}${c ? ` (channel ${c})` : ''} sends ${num(d)} to input ${a}`, tex };
    }
    case 'conv-weight-grad': {
      const t = frame.upto;
      const xs = [];
      for (let k = 0; k < g.kernelSize; k++) xs.push(`{${texNum(layer.padded[t * g.stride + k * g.dilation])}}`);
      const partial = partialWeightGrad(layer, t);
      const sumB = layer.gradOutput.subarray(0, t + 1).reduce((s, v) => s + v, 0);
      tex = [`\\frac{\\partial C}{\\partial W} \\mathrel{+}= \\delta^{(${frame.layer + 1})}[${t}]\\,\\big(${elide(xs, 7).join(',\\,')}\\big) = ${texFactor(layer.gradOutput[t])}\\,\\big(${elide(xs, 7).join(',\\,')}\\big)`,
        `\\frac{\\partial C}{\\partial W} = \\big(${elide(Array.from(partial.subarray(0, g.kernelSize), (v) => `{${texNum(v)}}`), 7).join(',\\,')}\\big)${g.bias ? `, \\quad \\frac{\\partial C}{\\partial b} = ${texNum(sumB)}` : ''}${t === g.outLength - 1 ? '\\quad\\text{(complete)}' : ''}`];
      const multi = g.inChannels > 1 || g.outChannels > 1;
      return { text: `${text}; t = ${t}${multi ? ' (numbers of out channel 0, in channel 0; every channel pair accumulates alike)' : ''}`, tex };
    }
    case 'conv-input-grad': {
      const c = Math.floor(frame.upto / g.paddedLength), j = frame.upto % g.paddedLength;
      tex = pick({ kind: 'padded', layer: frame.layer, channel: c, index: j }, `input-grad-${frame.layer}`);
      return { text: `${text}; padded position j = ${j}: ${num(layer.gradPadded[frame.upto])}`, tex };
    }
    case 'conv-fold': {
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
    }
    case 'update':
    case 'done':
      return updateCaption(plan, frame.kind === 'done');
    default:
      return { text, tex };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The panel.

const SPEEDS = [1, 2, 4, 8, 15, 30, 60];

/**
 * Mounts the step-through player into `root`. → { frameCount(), frame(), goTo(i), finish(), play(), pause(),
 * refresh(), predicted() } (also used by the tests).
 */
export function mountStepThrough(root, context, { onHover } = {}) {
  const palette = paletteOf(context);
  const canvas = h('canvas', { role: 'img', 'aria-label': 'Step-through animation of one training step' });
  const caption = h('p', { class: 'explain-caption', 'aria-live': 'polite' });
  const texBox = h('div', { class: 'explain-tex explain-step-tex' });
  const counter = h('span', { class: 'explain-counter' });
  const slider = h('input', { type: 'range', min: 0, max: 0, value: 0, 'aria-label': 'Frame', class: 'explain-slider' });
  const speed = h('select', { 'aria-label': 'Speed (frames per second)' }, SPEEDS.map((s) => h('option', { value: s, selected: s === 8 }, `${s} frames/s`)));
  const playButton = h('button', { type: 'button', class: 'explain-play' }, 'Play');
  const status = h('p', { class: 'explain-status', role: 'status' });
  const scope = h('p', { class: 'explain-eq-note', hidden: true });  // when the page's step is more than one example's SGD
  const buttons = {
    restart: h('button', { type: 'button', 'aria-label': 'Start: back to the first frame' }, '\u00ab Start'),
    back: h('button', { type: 'button', 'aria-label': 'Back: previous frame' }, '\u25c0 Back'),
    forward: h('button', { type: 'button', 'aria-label': 'Step: next frame' }, 'Step \u25b6'),
    end: h('button', { type: 'button', 'aria-label': 'To end: jump to the end and apply the update' }, 'To end \u00bb'),
    // scrubbing or stepping to the last frame only shows it; taking the training step is this explicit button
    take: h('button', { type: 'button', class: 'explain-primary explain-take', hidden: true }, 'Take this training step'),
  };
  replaceChildren(root,
    h('p', {}, 'The page\u2019s next training step, frame by frame, with the core\u2019s numbers: the example (or the first example of the batch) that step trains, '
      + 'its loss and gradients, the batch sum, and the optimizer\u2019s update. Each frame is a function of the experiment and the frame number only; '
      + 'the update is applied through the core, exactly as \u201cStep 1\u201d does \u2014 by Play, \u201cTo end\u201d or the last frame\u2019s \u201cTake this training step\u201d (scrubbing never trains).'),
    h('div', { class: 'explain-controls', role: 'group', 'aria-label': 'Step-through controls' },
      buttons.restart, buttons.back, playButton, buttons.forward, buttons.end, speed, counter),
    scope, slider, canvas, caption, texBox, buttons.take, status);

  let snapshot = null;
  let frames = [];
  let index = 0;
  let timer = null;
  let applied = false;
  let learningRate = 0;
  let box = null;
  let ownUpdate = false;
  let needsReload = false;

  let plan = null;

  function load() {
    const model = context.model();
    const exp = context.experiment();
    learningRate = exp.learningRate;
    const display = typeof context.display === 'function' ? context.display() : experimentDisplay(exp, model);
    // the examples of the page's next step (the views are put back on the example the page shows)
    plan = planStep(model, exp, display, typeof context.shownExample === 'function' ? context.shownExample() : null);
    snapshot = plan.snapshots[0];
    scope.hidden = false;
    scope.textContent = `This step: ${display.stepWords}. The frames animate ${exampleWords(plan)}`
      + `${display.batch > 1 ? '; the batch frame sums its examples\u2019 gradients' : ''}; the update frame predicts the weights in float32 `
      + 'and the last frame shows those the core made.';
    needsReload = false;
    frames = buildFrames(snapshot, { batch: display.batch });
    index = 0;
    applied = false;
    slider.max = String(frames.length - 1);
  }

  function show(autoApply = true) {
    if (!snapshot) load();
    const frame = frames[index];
    const width = Math.max(320, Math.min(960, (root.clientWidth || 720) - 4));
    box = drawFrame(canvas, snapshot, frame, { palette, width, learningRate, plan });
    const cap = frameCaption(snapshot, frame, { learningRate, plan });
    caption.textContent = cap.text;
    canvas.setAttribute('aria-label', `Step-through frame ${index + 1} of ${frames.length}: ${cap.text}`);
    replaceChildren(texBox, ...cap.tex.map((t) => { const el = h('div', { class: 'explain-tex-line' }); renderTex(el, t); return el; }));
    counter.textContent = `Frame ${index + 1} / ${frames.length} \u00b7 ${frame.phase}`;
    slider.value = String(index);
    buttons.back.disabled = index === 0;
    buttons.restart.disabled = index === 0;
    buttons.end.disabled = applied;
    buttons.take.hidden = !(frame.kind === 'done' && !applied);
    if (frame.kind === 'done' && !applied && autoApply) apply();
  }

  /** Applies the SGD step through the page (its step(1)), or through the model when there is no page. */
  function apply() {
    applied = true;
    pause();
    ownUpdate = true;
    try {
      const page = typeof context.step === 'function' ? context : null;
      if (page && typeof page.step === 'function') page.step(1);
      else {
        context.model().train(1, learningRate);
        context.redraw();
      }
    } finally {
      ownUpdate = false;
    }
    buttons.take.hidden = true;
    const worst = recordActual(plan, context.model());
    status.textContent = `The update was applied through the core (the same call as \u201cStep 1\u201d); its weights differ from the predicted ones by at most ${num(worst)}. Press Play or Step to animate the next step.`;
    buttons.end.disabled = true;
    show(false);  // the last frame again, now with the weights the core made
  }

  function goTo(i, { autoApply = true } = {}) {
    let target = i;
    if (applied) {  // the weights have moved on: the next step starts from its first frame
      load();
      status.textContent = '';
      target = 0;
    }
    index = Math.max(0, Math.min(frames.length - 1, target));
    show(autoApply);
  }

  function tick() {
    if (index >= frames.length - 1) { pause(); return; }
    goTo(index + 1);
  }

  function play() {
    if (timer) return;
    if (applied) goTo(0);
    else if (index >= frames.length - 1) goTo(0);
    playButton.textContent = 'Pause';
    playButton.setAttribute('aria-pressed', 'true');
    timer = setInterval(tick, 1000 / Number(speed.value));
  }

  function pause() {
    if (timer) clearInterval(timer);
    timer = null;
    playButton.textContent = 'Play';
    playButton.setAttribute('aria-pressed', 'false');
  }

  playButton.addEventListener('click', () => (timer ? pause() : play()));
  buttons.restart.addEventListener('click', () => { pause(); goTo(0); });
  buttons.back.addEventListener('click', () => { pause(); goTo(index - 1); });
  buttons.forward.addEventListener('click', () => { pause(); goTo(index + 1, { autoApply: false }); });
  buttons.take.addEventListener('click', () => { if (!applied) apply(); });
  buttons.end.addEventListener('click', () => { pause(); goTo(frames.length - 1); });
  slider.addEventListener('input', () => { pause(); goTo(Number(slider.value), { autoApply: false }); });
  speed.addEventListener('change', () => { if (timer) { pause(); play(); } });
  canvas.addEventListener('mousemove', (event) => {
    if (!box || !onHover || !snapshot) return;
    const hover = hoverAt(frames[index], snapshot, slotAt(canvas, event, box));
    if (hover) onHover(hover);
  });
  canvas.addEventListener('mouseleave', () => onHover && onHover(null));

  return {
    frameCount: () => { if (!snapshot || needsReload) { load(); status.textContent = ''; } return frames.length; },
    frame: () => index,
    frames: () => frames,
    goTo,
    play,
    pause,
    finish: () => { pause(); goTo(frames.length - 1); },
    applied: () => applied,
    predicted: () => (plan ? plan.update.map((u) => ({ layer: u.layer, weight: u.after.weight, bias: u.after.bias })) : null),
    /** The plan of the step shown: its examples, snapshots, batch gradient, predicted and (once applied) actual weights. */
    plan: () => plan,
    /** The page changed (step, rebuild, reset): start again from its current state, unless we caused it. */
    refresh() {
      if (ownUpdate) return;  // our own step(1)
      if (applied) { needsReload = true; return; }  // keep showing the applied update until Play/Step
      pause();
      snapshot = null;
      applied = false;
      status.textContent = '';
      show();
    },
    show,
  };
}

/** The hover event for a slot of the frame's top row, in the page's hover vocabulary. */
function hoverAt(frame, snapshot, slot) {
  if (slot < 0 || frame.layer === null) return null;
  const g = snapshot.layers[frame.layer].geometry;
  if (g.type === 'conv1d') {
    if (frame.kind === 'conv-forward' || frame.kind === 'conv-weight-grad' || frame.kind === 'conv-fold') {
      return slot < g.paddedLength ? { panel: 'padded', layer: frame.layer, channel: 0, index: slot } : null;
    }
    return null;
  }
  if (g.type === 'maxpool1d') {
    const i = slot - g.padding;
    return i >= 0 && i < g.inLength ? { panel: 'input', layer: frame.layer, channel: 0, index: i } : null;
  }
  return slot < g.inLength ? { panel: 'input', layer: frame.layer, channel: 0, index: slot } : null;
}

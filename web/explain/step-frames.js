// The step-through's frames as data: buildFrames(snapshot) lists the frames of one training step (each layer type's
// stages, web/layers/<type>/index.js `steps`), frameCaption says what a frame shows with the core's numbers, and the
// running sums (partialWeightGrad) end at the core's gradients. Pure functions of (snapshot, frame): no DOM.
import { layerBlocks, substitute } from './equations.js';
import { layerType } from '../layers/registry.js';
import { convForwardTex } from '../layers/conv1d/equations.js';
import { batchCaption, hasParameters, lossCaption, snapshotPlan, updateCaption } from './step-training.js';
import { elide, num, texFactor, texNum, texSum } from '../shared/format.js';
import { poolWindow } from '../shared/formulas.js';
import { paddedSource } from '../shared/geometry.js';
import { extent } from './plot.js';

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
  // each layer type's stages (web/layers/<type>/index.js `steps`): a stage of many items walks them frame by frame
  const stages = (phase, g, l) => {
    for (const { kind, items } of layerType(g.type).steps[phase]) {
      if (items) stage(frames, { phase, kind, layer: l }, items(g));
      else frames.push({ phase, kind, layer: l, from: 0, upto: 0, count: 1 });
    }
  };
  layers.forEach((layer, l) => stages('forward', layer.geometry, l));
  frames.push({ phase: 'loss', kind: 'loss', layer: null, from: 0, upto: 0, count: 1 });
  for (let l = layers.length - 1; l >= 0; l--) stages('backward', layers[l].geometry, l);
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
export function deltaText(l) {
  const sup = '\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079';
  return `\u03b4\u207d${String(l + 1).split('').map((c) => sup[Number(c)]).join('')}\u207e`;
}

/** Whether pool window t of channel c has no real sample (all taps in the −∞ padding). */
export function emptyWindow(layer, c, t) {
  const g = layer.geometry;
  return poolWindow(g, layer.input.subarray(c * g.inLength, (c + 1) * g.inLength), t).empty;
}

export function concat(arrays) {
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
export function partialMax(layer) {
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
      const blocks = layerBlocks(g, frame.layer);
      const block = frame.kind === 'layer-forward' ? blocks.forward : blocks.backward[0];
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

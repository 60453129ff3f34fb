// The values a formula is checked against, all from the core: for one set of the layer's input x, kernel W, bias b and
// upstream gradient δ, cp.conv1d / cp.maxPool1d give y, ∂C/∂x_in, ∂C/∂W, ∂C/∂b, and a one-layer model gives the
// padded input the conv layer reads. The formula sees the same x, W, b, δ (and xpad) as its symbols.
import { mulberry32 } from '../random.js';
import { paddedSource } from '../geometry.js';
import { LAYER_QUANTITIES } from './symbols.js';

/**
 * The layer a formula goal names, from the core's geometry (model.layers[l]) and its spec (model.spec.layers[l]):
 * → { layer } or { error } (a message naming the rule: a conv1d or maxpool1d layer with one channel in and out).
 */
export function formulaLayer(geometry, spec, layerNumber, quantity) {
  if (!geometry) return { error: `layer ${layerNumber} does not exist` };
  const quantities = LAYER_QUANTITIES[geometry.type];
  if (!quantities) {
    return { error: `layer ${layerNumber} is ${/^[aeiou]/.test(geometry.type) ? 'an' : 'a'} ${geometry.type} layer; a formula goal needs a conv1d or maxpool1d layer` };
  }
  if (geometry.inChannels !== 1 || geometry.outChannels !== 1) {
    return { error: `layer ${layerNumber} has ${geometry.inChannels} input and ${geometry.outChannels} output channels; `
      + 'a formula goal needs one of each' };
  }
  if (quantity && !quantities.includes(quantity)) {
    return { error: `a ${geometry.type} layer has no ${quantity === 'dw' ? '∂C/∂W' : '∂C/∂b'} (quantity ${quantity})` };
  }
  if (quantity === 'db' && !geometry.bias) return { error: `layer ${layerNumber} has no bias, so no ∂C/∂b` };
  const conv = geometry.type === 'conv1d';
  return {
    layer: {
      type: geometry.type,
      N: geometry.inLength, M: geometry.outLength, K: geometry.kernelSize, s: geometry.stride, d: geometry.dilation,
      p: conv ? geometry.padLeft : geometry.padding, pr: conv ? geometry.padRight : geometry.padding,
      padding: conv ? spec?.padding ?? geometry.padLeft : geometry.padding,
      paddingMode: conv ? geometry.paddingMode : 'zeros',
      bias: conv && Boolean(geometry.bias),
      ceilMode: !conv && Boolean(geometry.ceilMode),
    },
  };
}

/** The indices a quantity is evaluated at: y → t = 0 … M−1, dx → i = 0 … N−1, dw → k = 0 … K−1, db → one. */
export function quantityIndices(layer, quantity) {
  const count = { y: layer.M, dx: layer.N, dw: layer.K, db: 1 }[quantity];
  return Array.from({ length: count }, (_, n) => n);
}

/** Random x, W, b, δ for the layer (uniform in −1 … 1), the same for the same seed. */
export function randomValues(layer, seed) {
  const random = mulberry32(seed);
  const draw = (n) => Float32Array.from({ length: n }, () => 2 * random() - 1);
  return { x: draw(layer.N), w: draw(layer.type === 'conv1d' ? layer.K : 0), b: draw(layer.bias ? 1 : 0), delta: draw(layer.M) };
}

/** The current x_in, W, b, δ = ∂C/∂x_out of a model's layer (after model.evaluate()), as copies. */
export function modelValues(model, layerIndex) {
  const g = model.layers[layerIndex];
  const conv = g.type === 'conv1d';
  return {
    x: model.view('input', layerIndex).slice(),
    w: conv ? model.view('weight', layerIndex).slice() : new Float32Array(0),
    b: conv && g.bias ? model.view('bias', layerIndex).slice() : new Float32Array(0),
    delta: model.view('gradOutput', layerIndex).slice(),
  };
}

/**
 * The true quantities and the formula's environment for one set of values: → { env, truth: { y, dx, dw, db } }
 * (Float64Arrays; db has one entry).
 */
export function layerTruth(cp, layer, values, { padded = true } = {}) {
  const f64 = (a) => Float64Array.from(a);
  const { x, w, b, delta } = values;
  const env = {
    x: f64(x), W: f64(w), delta: f64(delta), b: b.length ? b[0] : 0, bias: f64(b.length ? b : [0]),
    N: layer.N, K: layer.K, M: layer.M, s: layer.s, d: layer.d, p: layer.p, pr: layer.pr,
    xpadOutside: layer.type === 'conv1d' ? 0 : -Infinity,
  };
  if (layer.type === 'conv1d') {
    const r = cp.conv1d({ x, inChannels: 1, outChannels: 1, kernelSize: layer.K, w, b: layer.bias ? b : null,
      stride: layer.s, padding: layer.padding, dilation: layer.d, paddingMode: layer.paddingMode, gradOut: delta });
    // The padded input takes a one-layer model: built only for a formula that reads xpad.
    env.xpad = padded ? f64(paddedInput(cp, layer, x, w)) : new Float64Array(0);
    return { env, truth: { y: f64(r.y), dx: f64(r.dx), dw: f64(r.dw), db: f64(r.db ?? [0]) } };
  }
  const r = cp.maxPool1d({ x, channels: 1, kernelSize: layer.K, stride: layer.s, padding: layer.p, dilation: layer.d,
    ceilMode: layer.ceilMode, gradOut: delta });
  // Max-pool's padding is −∞ (its definition, not a boundary rule the core applies to a buffer).
  env.xpad = Float64Array.from({ length: layer.N + 2 * layer.p }, (_, j) => {
    const i = paddedSource(j, layer.p, layer.N, 'zeros');
    return i < 0 ? -Infinity : x[i];
  });
  return { env, truth: { y: f64(r.y), dx: f64(r.dx) } };
}

const drawCache = new Map();
const DRAW_CACHE_SIZE = 12;

/**
 * layerTruth of a random draw, remembered per layer and seed (a learner checks formula after formula on the same
 * layer; the core's values for the same draw do not change).
 */
export function drawTruth(cp, layer, seed, { padded = true } = {}) {
  const key = `${JSON.stringify(layer)}|${seed}|${padded}`;
  let entry = drawCache.get(key);
  if (!entry) {
    const values = randomValues(layer, seed);
    entry = { values, ...layerTruth(cp, layer, values, { padded }) };
    if (drawCache.size >= DRAW_CACHE_SIZE) drawCache.delete(drawCache.keys().next().value);
  } else {
    drawCache.delete(key);  // most recently used last
  }
  drawCache.set(key, entry);
  return entry;
}

/** The conv layer's padded input as the core builds it (a one-layer model's 'padded' view). */
function paddedInput(cp, layer, x, w) {
  const model = cp.createModel({ inputLength: layer.N, inputChannels: 1, seed: 0, layers: [{ type: 'conv1d',
    outChannels: 1, kernelSize: layer.K, stride: layer.s, padding: layer.padding, dilation: layer.d,
    paddingMode: layer.paddingMode, bias: false }] });
  try {
    model.setInput(x);
    model.setParameters(0, { weight: w });
    model.evaluate();
    return model.view('padded', 0).slice();
  } finally {
    model.delete();
  }
}

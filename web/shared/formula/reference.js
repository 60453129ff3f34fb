// The values a formula is checked against, all from the core: for one set of the layer's input x, kernel W, bias b and
// upstream gradient δ, the layer type's formula part (web/layers/<type>/formula.js, through parts.js) gives y,
// ∂C/∂x_in, ∂C/∂W, ∂C/∂b and the padded input the layer reads. The formula sees the same x, W, b, δ, xpad as its symbols.
import { mulberry32 } from '../random.js';
import { formulaPart, formulaTypes } from './parts.js';

/**
 * The layer a formula goal names, from the core's geometry (model.layers[l]) and its spec (model.spec.layers[l]), once
 * the formula parts are loaded: → { layer } or { error } (a message naming the rule: a layer type with a formula goal,
 * one channel in and out, and the quantity that type has).
 */
export function formulaLayer(geometry, spec, layerNumber, quantity) {
  if (!geometry) return { error: `layer ${layerNumber} does not exist` };
  const part = formulaPart(geometry.type);
  if (!part) {
    return { error: `layer ${layerNumber} is ${/^[aeiou]/.test(geometry.type) ? 'an' : 'a'} ${geometry.type} layer; a formula `
      + `goal needs a ${formulaTypes()} layer` };
  }
  if (geometry.inChannels !== 1 || geometry.outChannels !== 1) {
    return { error: `layer ${layerNumber} has ${geometry.inChannels} input and ${geometry.outChannels} output channels; `
      + 'a formula goal needs one of each' };
  }
  if (quantity && !part.quantities.includes(quantity)) {
    return { error: `a ${part.title} layer has no ${quantity === 'dw' ? '∂C/∂W' : '∂C/∂b'} (quantity ${quantity})` };
  }
  const own = part.layer(geometry, spec);
  if (quantity === 'db' && !own.bias) return { error: `layer ${layerNumber} has no bias, so no ∂C/∂b` };
  return {
    layer: {
      type: geometry.type, title: part.title,
      N: geometry.inLength, M: geometry.outLength, K: geometry.kernelSize, s: geometry.stride, d: geometry.dilation,
      ...own,
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
  return { x: draw(layer.N), w: draw(layer.weights ? layer.K : 0), b: draw(layer.bias ? 1 : 0), delta: draw(layer.M) };
}

/** The current x_in, W, b, δ = ∂C/∂x_out of a model's layer (after model.evaluate()), as copies. */
export function modelValues(model, layerIndex, layer) {
  return {
    x: model.view('input', layerIndex).slice(),
    w: layer.weights ? model.view('weight', layerIndex).slice() : new Float32Array(0),
    b: layer.bias ? model.view('bias', layerIndex).slice() : new Float32Array(0),
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
    N: layer.N, K: layer.K, M: layer.M, s: layer.s, d: layer.d, p: layer.p, pr: layer.pr, xpadOutside: layer.padValue,
  };
  const { xpad, ...truth } = formulaPart(layer.type).truth(cp, layer, values, { padded });
  env.xpad = f64(xpad);
  return { env, truth: Object.fromEntries(Object.entries(truth).map(([q, v]) => [q, f64(v)])) };
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

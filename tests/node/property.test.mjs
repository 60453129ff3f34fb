// Property test of the JS API (issue 6, item 3): 10,000 random argument objects — wrong types, missing fields,
// negative / huge / fractional / NaN sizes, wrong array lengths, strings, nested junk, extra fields, proxies —
// to cp.conv1d, cp.maxPool1d, cp.avgPool1d, cp.globalPool1d, cp.linear, cp.crossEntropy, cp.createModel and the
// model's methods. Every call must either return a correctly shaped result or throw ConvPoolError with a real
// message (not a bare number, not an "internal error" from a trap in the WebAssembly core). Afterwards the module
// must still compute a golden result exactly as before and hold no more heap than before.
// Reproducible: the PRNG seed is fixed (override with CONVPOOL_PROPERTY_SEED=n); a failure prints the call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool, ConvPoolError } from '../../web/convpool.js';
import { floats, loadGolden, worstDeviation } from '../helpers/golden.mjs';
import { random as prng } from '../helpers/random.mjs';

const cp = await loadConvPool();
const SEED = Number(process.env.CONVPOOL_PROPERTY_SEED ?? 20240601);
const CALLS = 10_000;

const random = prng(SEED);
const chance = (p) => random() < p;
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

// Values of every kind a caller could pass by mistake (or on purpose).
function junk(depth = 0) {
  const simple = [
    undefined, null, true, false, '', 'abc', '3', 'same', 'valid', ' 3 ', NaN, Infinity, -Infinity, 0, -0, -1, 1.5,
    2 ** 31, -(2 ** 31), 2 ** 53, 1e308, -1e-308, Number.MAX_SAFE_INTEGER + 2, 5n, Symbol('junk'), () => 1,
    new Date(0), /re/, new Map([[1, 2]]), new Float32Array(3), new Int32Array([1, 2]), new BigInt64Array(2),
    new DataView(new ArrayBuffer(4)), new ArrayBuffer(8), Object.create(null), { valueOf: () => 3 },
    { toString: () => 'same' }, [3], [], ['a'], [1, 'b', 3], new Array(3), [NaN, Infinity],
  ];
  if (depth < 2 && chance(0.15)) {
    return chance(0.5) ? { nested: junk(depth + 1), length: junk(depth + 1) } : [junk(depth + 1), junk(depth + 1)];
  }
  if (chance(0.05)) return new Proxy({}, { get: (_, key) => (key === 'length' ? 4 : undefined) });
  if (chance(0.05)) return new Proxy([1, 2, 3], {});  // Array.isArray is true for an array proxy
  return pick(simple);
}

// A size: usually valid and small, sometimes invalid in every way the brief lists.
function size(lo, hi, p = 0.06) {
  if (!chance(p)) return int(lo, hi);
  return pick([0, -1, -7, 2 ** 20 + 1, 2 ** 31 - 1, 2 ** 31, 1e12, 2.5, 0.999, NaN, Infinity, -Infinity, '3', null,
    undefined, junk()]);
}

// A data value: usually ordinary, sometimes NaN or ±∞ (data may be non-finite and must propagate).
const value = () => (chance(0.03) ? pick([NaN, Infinity, -Infinity, 3e38, -0]) : random() * 4 - 2);

// An array of n values: usually a Float32Array of the right length, sometimes not.
function array(n, p = 0.06) {
  const good = Number.isInteger(n) && n >= 0 && n < 1e6 ? n : 4;
  if (!chance(p)) return Float32Array.from({ length: good }, value);
  switch (int(0, 7)) {
    case 0: return Array.from({ length: good }, value);                    // a plain array: allowed
    case 1: return new Float32Array(Math.max(0, good + pick([-1, 1, 7])));  // wrong length
    case 2: return new Float64Array(good).fill(0.5);                       // another typed array: converted
    case 3: return Array.from({ length: good }, (_, i) => (i === 0 ? 'x' : 1));  // a string inside
    case 4: return new Int8Array(good);
    case 5: return new Float32Array(0);
    case 6: return new BigInt64Array(good);
    default: return junk();
  }
}

// Sometimes replace a field by junk, drop it, or add an unknown one.
function mutate(object) {
  const keys = Object.keys(object);
  if (chance(0.1)) object[pick(keys)] = junk();
  if (chance(0.05)) delete object[pick(keys)];
  if (chance(0.04)) object[pick(['extra', 'inputLength', 'bias', 'channel', '__proto__x'])] = junk();
  return object;
}

function wholeArgs(args) {
  if (chance(0.03)) return junk();
  return args;
}

// ---- expected shapes (only for calls that returned) ----
function safely(fn, fallback) {
  try { return fn(); } catch { return fallback; }  // junk fields (symbols, null-prototype objects) in the arithmetic
}
const orDefault = (v, d) => (v === undefined || v === null ? d : v);

function convOutLength(a) {
  const n = a.x.length / a.inChannels;
  const k = a.kernelSize;
  const d = orDefault(a.dilation, 1);
  const s = orDefault(a.stride, 1);
  const padding = orDefault(a.padding, 0);
  if (padding === 'same') return n;
  const p = padding === 'valid' ? 0 : padding;
  return Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
}

function poolOutLength(a) {
  const n = a.x.length / a.channels;
  const k = a.kernelSize;
  const d = orDefault(a.dilation, 1);
  const s = orDefault(a.stride, k);
  const p = orDefault(a.padding, 0);
  const ceil = orDefault(a.ceilMode, false);
  let out = Math.floor((n + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0)) / s) + 1;
  if (ceil && (out - 1) * s >= n + p) out -= 1;
  return out;
}

// ---- the outcome check ----
const counts = { returned: 0, threw: 0, byApi: {} };
let current = '';  // what is being called, for the failure message

function show(v, depth = 0) {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'symbol' || typeof v === 'function') return String(v);
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${v.length ?? v.byteLength})`;
  if (Array.isArray(v)) return depth > 2 ? '[…]' : `[${v.slice(0, 6).map((e) => show(e, depth + 1)).join(', ')}${v.length > 6 ? ', …' : ''}]`;
  if (v && typeof v === 'object') {
    if (depth > 2) return '{…}';
    try {
      return `{${Object.keys(v).map((k) => `${k}: ${show(v[k], depth + 1)}`).join(', ')}}`;
    } catch { return '{?}'; }
  }
  return String(v);
}

/** Runs fn; checks a throw is a proper ConvPoolError, or the result with `check`. Returns the result or undefined. */
function attempt(api, args, fn, check) {
  current = `${api}(${show(args)})`;
  const tally = (counts.byApi[api] ??= { returned: 0, threw: 0 });
  let result;
  try {
    result = fn();
  } catch (error) {
    assert.ok(error instanceof ConvPoolError,
      `${current} threw ${error && error.constructor && error.constructor.name}: ${error && error.message || error}`);
    assert.equal(typeof error.message, 'string', current);
    assert.ok(error.message.length > 0, `${current}: empty message`);
    assert.doesNotMatch(error.message, /^\s*-?\d+\s*$/, `${current}: bare number ${error.message}`);
    assert.doesNotMatch(error.message, /internal error/, `${current}: ${error.message}`);
    counts.threw++;
    tally.threw++;
    return undefined;
  }
  check(result);
  counts.returned++;
  tally.returned++;
  return result;
}

function conv1dCall() {
  const inChannels = size(1, 3);
  const outChannels = size(1, 3);
  const kernelSize = size(1, 5);
  const n = int(1, 12);
  const bias = chance(0.5);
  const c = Number.isInteger(inChannels) && inChannels > 0 && inChannels < 100 ? inChannels : 1;
  const o = Number.isInteger(outChannels) && outChannels > 0 && outChannels < 100 ? outChannels : 1;
  const k = Number.isInteger(kernelSize) && kernelSize > 0 && kernelSize < 100 ? kernelSize : 1;
  // groups: usually 1, sometimes one that divides both channel counts, sometimes one that does not
  const groups = chance(0.7) ? undefined : (chance(0.7) ? pick([1, c, gcd(c, o)]) : size(1, 3));
  const perGroup = Number.isInteger(groups) && groups > 0 && c % groups === 0 ? c / groups : c;
  const args = mutate({
    x: array(c * n),
    inChannels,
    outChannels,
    kernelSize,
    groups,
    w: array(o * perGroup * k),
    b: bias ? array(o) : pick([null, undefined]),
    stride: chance(0.5) ? size(1, 3) : undefined,
    padding: chance(0.6) ? (chance(0.4) ? pick(['same', 'valid', 'full', 'SAME']) : size(0, 3)) : undefined,
    dilation: chance(0.4) ? size(1, 3) : undefined,
    paddingMode: chance(0.6) ? pick(['zeros', 'reflect', 'replicate', 'circular', 'wrap', '', 5]) : undefined,
  });
  if (chance(0.5)) {
    const L = safely(() => convOutLength({ ...args, x: { length: c * n }, inChannels: c, kernelSize: k }), n);
    args.gradOut = array(o * (Number.isInteger(L) && L > 0 ? L : 1), 0.1);
  }
  const whole = wholeArgs(args);
  attempt('conv1d', whole, () => cp.conv1d(whole), (r) => {
    const L = convOutLength(whole);
    assert.equal(r.outLength, L, `${current}: outLength`);
    assert.ok(r.y instanceof Float32Array && r.y.length === whole.outChannels * L, `${current}: y`);
    if (whole.gradOut !== undefined && whole.gradOut !== null) {
      assert.equal(r.dx.length, whole.x.length, `${current}: dx`);
      assert.equal(r.dw.length, whole.w.length, `${current}: dw`);
      if (whole.b !== undefined && whole.b !== null) assert.equal(r.db.length, whole.outChannels, `${current}: db`);
      else assert.equal(r.db, undefined, `${current}: db without bias`);
    } else {
      assert.equal(r.dx, undefined, `${current}: dx without gradOut`);
    }
  });
}

function gcd(a, b) { return b === 0 ? a : gcd(b, a % b); }

function avgPool1dCall() {
  const channels = size(1, 3);
  const kernelSize = size(1, 5);
  const n = int(1, 12);
  const c = Number.isInteger(channels) && channels > 0 && channels < 100 ? channels : 1;
  const args = mutate({
    x: array(c * n),
    channels,
    kernelSize,
    stride: chance(0.5) ? size(1, 3) : undefined,
    padding: chance(0.5) ? size(0, 2) : undefined,
    ceilMode: chance(0.5) ? (chance(0.9) ? chance(0.5) : junk()) : undefined,
    countIncludePad: chance(0.5) ? (chance(0.9) ? chance(0.5) : junk()) : undefined,
  });
  if (chance(0.5)) {
    const L = safely(() => poolOutLength({ ...args, x: { length: c * n }, channels: c, dilation: 1 }), 1);
    args.gradOut = array(c * (Number.isInteger(L) && L > 0 ? L : 1), 0.1);
  }
  const whole = wholeArgs(args);
  attempt('avgPool1d', whole, () => cp.avgPool1d(whole), (r) => {
    const L = poolOutLength({ ...whole, dilation: 1 });
    assert.equal(r.outLength, L, `${current}: outLength`);
    assert.ok(r.y instanceof Float32Array && r.y.length === whole.channels * L, `${current}: y`);
    if (whole.gradOut !== undefined && whole.gradOut !== null) assert.equal(r.dx.length, whole.x.length, `${current}: dx`);
    else assert.equal(r.dx, undefined, `${current}: dx without gradOut`);
  });
}

function globalPool1dCall() {
  const channels = size(1, 3);
  const c = Number.isInteger(channels) && channels > 0 && channels < 100 ? channels : 1;
  const args = mutate({
    x: array(c * int(1, 12)),
    channels,
    op: chance(0.9) ? pick(['max', 'avg']) : pick(['min', 'mean', '', 3, undefined]),
  });
  if (chance(0.5)) args.gradOut = array(c, 0.1);
  const whole = wholeArgs(args);
  attempt('globalPool1d', whole, () => cp.globalPool1d(whole), (r) => {
    const n = whole.x.length / whole.channels;
    assert.equal(r.outLength, 1, `${current}: outLength`);
    assert.ok(r.y instanceof Float32Array && r.y.length === whole.channels, `${current}: y`);
    if (whole.op === 'max') {
      for (const i of r.indices) assert.ok(i >= 0 && i < n, `${current}: index ${i} outside 0…${n - 1}`);
    } else {
      assert.equal(r.indices, undefined, `${current}: indices for avg`);
    }
    if (whole.gradOut !== undefined && whole.gradOut !== null) assert.equal(r.dx.length, whole.x.length, `${current}: dx`);
  });
}

function linearCall() {
  const inFeatures = size(1, 12);
  const outFeatures = size(1, 4);
  const j = Number.isInteger(inFeatures) && inFeatures > 0 && inFeatures < 100 ? inFeatures : 1;
  const o = Number.isInteger(outFeatures) && outFeatures > 0 && outFeatures < 100 ? outFeatures : 1;
  const args = mutate({
    x: array(j), inFeatures, outFeatures, w: array(o * j), b: chance(0.5) ? array(o) : pick([null, undefined]),
  });
  if (chance(0.5)) args.gradOut = array(o, 0.1);
  const whole = wholeArgs(args);
  attempt('linear', whole, () => cp.linear(whole), (r) => {
    assert.ok(r.y instanceof Float32Array && r.y.length === whole.outFeatures, `${current}: y`);
    if (whole.gradOut !== undefined && whole.gradOut !== null) {
      assert.equal(r.dx.length, whole.inFeatures, `${current}: dx`);
      assert.equal(r.dw.length, whole.inFeatures * whole.outFeatures, `${current}: dw`);
      assert.equal(r.db === undefined, whole.b === undefined || whole.b === null, `${current}: db`);
    } else {
      assert.equal(r.dx, undefined, `${current}: dx without gradOut`);
    }
  });
}

function crossEntropyCall() {
  const classes = size(1, 5);
  const count = int(1, 4);
  const k = Number.isInteger(classes) && classes > 0 && classes < 100 ? classes : 1;
  // targets: usually valid class indices, sometimes fractional, negative, too large, NaN
  const target = Array.from({ length: count }, () => (chance(0.95) ? int(0, k - 1) : pick([k, -1, 0.5, NaN, Infinity, 1e10])));
  const args = mutate({
    logits: array(count * k),
    classes,
    target: chance(0.9) ? target : array(count + pick([-1, 1])),
    count: chance(0.3) ? (chance(0.8) ? count : size(1, 5)) : undefined,
    gradient: chance(0.5) ? (chance(0.9) ? chance(0.5) : junk()) : undefined,
  });
  const whole = wholeArgs(args);
  attempt('crossEntropy', whole, () => cp.crossEntropy(whole), (r) => {
    const n = whole.logits.length / whole.classes;
    assert.equal(typeof r.loss, 'number', `${current}: loss`);
    assert.ok(r.accuracy >= 0 && r.accuracy <= 1, `${current}: accuracy ${r.accuracy}`);
    assert.ok(r.predicted instanceof Int32Array && r.predicted.length === n, `${current}: predicted`);
    for (const p of r.predicted) assert.ok(p >= 0 && p < whole.classes, `${current}: predicted ${p}`);
    assert.equal(r.probabilities.length, whole.logits.length, `${current}: probabilities`);
    if (whole.gradient === true) assert.equal(r.dLogits.length, whole.logits.length, `${current}: dLogits`);
    else assert.equal(r.dLogits, undefined, `${current}: dLogits without gradient`);
  });
}

function maxPool1dCall() {
  const channels = size(1, 3);
  const kernelSize = size(1, 5);
  const n = int(1, 12);
  const c = Number.isInteger(channels) && channels > 0 && channels < 100 ? channels : 1;
  const args = mutate({
    x: array(c * n),
    channels,
    kernelSize,
    stride: chance(0.5) ? size(1, 3) : undefined,
    padding: chance(0.5) ? size(0, 2) : undefined,
    dilation: chance(0.4) ? size(1, 3) : undefined,
    ceilMode: chance(0.5) ? (chance(0.9) ? chance(0.5) : junk()) : undefined,
  });
  if (chance(0.5)) {
    const L = safely(() => poolOutLength({ ...args, x: { length: c * n }, channels: c }), 1);
    args.gradOut = array(c * (Number.isInteger(L) && L > 0 ? L : 1), 0.1);
  }
  const whole = wholeArgs(args);
  attempt('maxPool1d', whole, () => cp.maxPool1d(whole), (r) => {
    const L = poolOutLength(whole);
    const n = whole.x.length / whole.channels;
    assert.equal(r.outLength, L, `${current}: outLength`);
    assert.ok(r.y instanceof Float32Array && r.y.length === whole.channels * L, `${current}: y`);
    assert.ok(r.indices instanceof Int32Array && r.indices.length === r.y.length, `${current}: indices`);
    for (const i of r.indices) assert.ok(i >= 0 && i < n, `${current}: index ${i} outside 0…${n - 1}`);
    if (whole.gradOut !== undefined && whole.gradOut !== null) assert.equal(r.dx.length, whole.x.length, `${current}: dx`);
  });
}

function layerSpec() {
  switch (int(0, 3)) {
    case 0: return mutate({
      type: 'conv1d', outChannels: size(1, 3), kernelSize: size(1, 4),
      stride: chance(0.3) ? size(1, 2) : undefined,
      padding: chance(0.5) ? (chance(0.5) ? pick(['same', 'valid']) : size(0, 2)) : undefined,
      dilation: chance(0.3) ? size(1, 2) : undefined,
      groups: chance(0.2) ? size(1, 2) : undefined,
      paddingMode: chance(0.4) ? pick(['zeros', 'reflect', 'replicate', 'circular', 'mirror']) : undefined,
      bias: chance(0.3) ? (chance(0.9) ? chance(0.5) : junk()) : undefined,
    });
    case 1: return mutate({
      type: 'maxpool1d', kernelSize: size(1, 3), stride: chance(0.5) ? size(1, 2) : undefined,
      padding: chance(0.3) ? size(0, 1) : undefined, dilation: chance(0.3) ? size(1, 2) : undefined,
      ceilMode: chance(0.3) ? chance(0.5) : undefined,
    });
    case 2: return mutate({ type: 'activation', fn: pick(['identity', 'relu', 'tanh', 'sigmoid', 'gelu', undefined]) });
    default: return chance(0.5) ? junk() : { type: pick(['dense', 'conv2d', 7, null]) };
  }
}

function modelSpec() {
  let layers = Array.from({ length: int(0, 4) }, layerSpec);
  if (chance(0.05)) layers = new Array(int(1, 3));                           // holes
  if (chance(0.03)) layers = Array.from({ length: 17 }, () => ({ type: 'activation' }));  // past the cap
  if (chance(0.05)) layers = junk();
  return mutate({
    inputLength: size(1, 24),
    inputChannels: chance(0.7) ? size(1, 2) : undefined,
    layers,
    loss: chance(0.5) ? pick(['sse', 'mse', 'mae', 3]) : undefined,
    seed: chance(0.5) ? size(0, 1000) : undefined,
  });
}

const VIEW_NAMES = ['input', 'target', 'output', 'gradInput', 'gradOutput', 'weight', 'bias', 'gradWeight', 'gradBias',
  'padded', 'gradPadded', 'argmax', 'nope', 5, undefined];

function modelMethods(model) {
  const inSize = model.inputChannels * model.inputLength;
  const outSize = model.outputChannels * model.outputLength;
  const rounds = int(1, 6);
  for (let i = 0; i < rounds; i++) {
    const method = pick(['setInput', 'setTarget', 'train', 'train', 'loss', 'evaluate', 'view', 'gradientCheck',
      'reset', 'setParameters', 'getParameters', 'stepCount']);
    const api = `model.${method}`;
    switch (method) {
      case 'setInput': {
        const x = array(inSize, 0.3);
        attempt(api, x, () => model.setInput(x), (r) => assert.equal(r, undefined));
        break;
      }
      case 'setTarget': {
        const y = array(outSize, 0.3);
        attempt(api, y, () => model.setTarget(y), (r) => assert.equal(r, undefined));
        break;
      }
      case 'train': {
        const steps = chance(0.85) ? int(0, 5) : pick([-1, 1.5, NaN, 1e7 + 1, 2 ** 31, '3', null, junk()]);
        const rate = chance(0.8) ? pick([0, 0.01, 0.1, 1, 1e6, -0.5]) : pick([NaN, Infinity, 1e39, 1e300, '0.1', junk()]);
        attempt(api, [steps, rate], () => model.train(steps, rate), (r) => {
          assert.equal(typeof r, 'number', `${current}: loss`);
          assert.equal(typeof model.lastTrain.diverged, 'boolean');
          assert.ok(model.lastTrain.stepsRun >= 0 && model.lastTrain.stepsRun <= steps, `${current}: stepsRun`);
        });
        break;
      }
      case 'loss':
      case 'evaluate':
        attempt(api, [], () => model[method](), (r) => assert.equal(typeof r, 'number'));
        break;
      case 'view': {
        const name = pick(VIEW_NAMES);
        const layer = chance(0.4) ? undefined : (chance(0.8) ? int(-1, model.layers.length) : junk());
        attempt(api, [name, layer], () => model.view(name, layer), (r) => {
          assert.ok(r instanceof Float32Array || r instanceof Int32Array, `${current}: ${show(r)}`);
        });
        break;
      }
      case 'gradientCheck': {
        const options = chance(0.6) ? { maxPerTensor: chance(0.8) ? int(1, 4) : junk() } : junk();
        attempt(api, options, () => model.gradientCheck(options), (r) => {
          assert.equal(typeof r.worstRelativeError, 'number');
          assert.ok(Array.isArray(r.entries));
        });
        break;
      }
      case 'reset': {
        const seed = chance(0.6) ? int(0, 100) : junk();
        attempt(api, seed, () => model.reset(seed), (r) => assert.equal(r, undefined));
        break;
      }
      case 'setParameters': {
        const convs = model.layers.flatMap((l, index) => (l.type === 'conv1d' ? [index] : []));
        const layer = chance(0.7) && convs.length ? pick(convs) : (chance(0.7) ? int(-1, model.layers.length) : junk());
        const g = typeof layer === 'number' ? model.layers[layer] : undefined;
        const wn = g && g.type === 'conv1d' ? g.outChannels * (g.inChannels / g.groups) * g.kernelSize : 3;
        const bn = g && g.type === 'conv1d' && g.bias ? g.outChannels : 0;
        const params = chance(0.8) ? { weight: chance(0.8) ? array(wn, 0.3) : undefined, bias: chance(0.5) ? array(bn, 0.3) : undefined } : junk();
        attempt(api, [layer, params], () => model.setParameters(layer, params), (r) => assert.equal(r, undefined));
        break;
      }
      case 'getParameters': {
        const convs = model.layers.flatMap((l, index) => (l.type === 'conv1d' ? [index] : []));
        const layer = chance(0.7) && convs.length ? pick(convs) : (chance(0.7) ? int(-1, model.layers.length) : junk());
        attempt(api, layer, () => model.getParameters(layer), (r) => assert.ok(r.weight instanceof Float32Array));
        break;
      }
      default:
        attempt(api, [], () => model.stepCount(), (r) => assert.ok(Number.isInteger(r) && r >= 0));
    }
  }
}

function createModelCall() {
  const spec = wholeArgs(modelSpec());
  const model = attempt('createModel', spec, () => cp.createModel(spec), (m) => {
    assert.ok(Number.isInteger(m.outputLength) && m.outputLength >= 1, `${current}: outputLength`);
    assert.ok(Number.isInteger(m.outputChannels) && m.outputChannels >= 1, `${current}: outputChannels`);
  });
  if (!model) return;
  try {
    modelMethods(model);
  } finally {
    model.delete();
  }
  if (chance(0.1)) {  // a deleted model refuses politely
    attempt('deleted model', [], () => model.train(1, 0.1), () => assert.fail(`${current}: a deleted model trained`));
  }
}

function goldenConv(c) {
  return cp.conv1d({
    x: floats(c.x), inChannels: c.inChannels, outChannels: c.outChannels, kernelSize: c.kernelSize,
    w: floats(c.w), b: c.bias ? floats(c.b) : null, stride: c.stride, padding: c.padding, dilation: c.dilation,
    paddingMode: c.paddingMode, gradOut: floats(c.gradOut),
  });
}

test(`${CALLS} random argument objects: a correct result or ConvPoolError, never anything else`, () => {
  const golden = loadGolden('conv1d.json').cases;
  const before = goldenConv(golden[0]);
  // Warm up the allocator and the module's own buffers, then measure the heap in use.
  for (let i = 0; i < 20; i++) createModelCall();
  const heapBefore = cp.heapBytesInUse();

  const started = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const r = random();
    if (r < 0.25) conv1dCall();
    else if (r < 0.4) maxPool1dCall();
    else if (r < 0.5) avgPool1dCall();
    else if (r < 0.55) globalPool1dCall();
    else if (r < 0.62) linearCall();
    else if (r < 0.7) crossEntropyCall();
    else createModelCall();
  }
  const seconds = (performance.now() - started) / 1000;

  // The module is intact: bit-identical golden results before and after, within tolerance of PyTorch, and no leak.
  for (const c of golden.slice(0, 10)) {
    const r = goldenConv(c);
    for (const [key, want] of [['y', c.y], ['dx', c.dx], ['dw', c.dw]]) {
      const worst = worstDeviation(r[key], want);
      assert.ok(worst.badness <= 1, `after the storm, ${c.name} ${key}[${worst.index}] is ${worst.got}, PyTorch ${worst.want}`);
    }
  }
  const after = goldenConv(golden[0]);
  assert.deepEqual(Array.from(after.y), Array.from(before.y));
  assert.deepEqual(Array.from(after.dw), Array.from(before.dw));
  const heapAfter = cp.heapBytesInUse();
  console.log(`property test (seed ${SEED}): ${counts.returned + counts.threw} calls in ${seconds.toFixed(1)} s, ` +
    `${counts.returned} returned, ${counts.threw} threw ConvPoolError; heap in use ${heapBefore} → ${heapAfter} bytes`);
  for (const [api, c] of Object.entries(counts.byApi)) console.log(`  ${api}: ${c.returned} returned, ${c.threw} threw`);
  assert.ok(heapAfter <= heapBefore + 4096, `heap in use grew from ${heapBefore} to ${heapAfter} bytes: a leak`);
  assert.ok(counts.returned > 1000 && counts.threw > 1000, 'both outcomes are exercised');
});

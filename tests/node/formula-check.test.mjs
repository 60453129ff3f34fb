// The formula goal's parser, evaluator and checker (web/shared/formula/) against the core (the real WASM module through
// web/convpool.js): right formulas in many spellings accepted, the classic wrong ones refused with the detail that names
// the mistake, over every padding mode, strides and dilations; unreadable and hostile text answered with a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool } from '../../web/convpool.js';
import { checkFormula } from '../../web/shared/formula/check.js';
import { formulaLayer, randomValues } from '../../web/shared/formula/reference.js';
import { compileFormula } from '../../web/shared/formula/evaluate.js';
import { loadFormulaParts } from '../../web/shared/formula/parts.js';

const cp = await loadConvPool();
await loadFormulaParts();  // each layer type's formula part (web/layers/<type>/formula.js), as the page's judge loads it

const conv = (fields) => ({ type: 'conv1d', outChannels: 1, kernelSize: 3, stride: 1, padding: 0, dilation: 1,
  paddingMode: 'zeros', bias: true, ...fields });
const pool = (fields) => ({ type: 'maxpool1d', kernelSize: 3, stride: 1, padding: 0, dilation: 1, ceilMode: false, ...fields });

// The layers the formulas are checked on (N = 17 samples: odd, so no window pattern repeats evenly).
const L = {
  zeros: conv({ padding: 1 }),                                    // s = d = 1, p = 1
  zerosS2: conv({ kernelSize: 4, stride: 2, padding: 2 }),
  zerosD2: conv({ dilation: 2, padding: 'same' }),
  zerosS3D2: conv({ kernelSize: 5, stride: 3, dilation: 2, padding: 3 }),
  valid: conv({ padding: 'valid' }),
  zerosK5: conv({ kernelSize: 5, padding: 2 }),
  dilated: conv({ dilation: 2, padding: 2 }),
  noBias: conv({ padding: 1, bias: false }),
  reflect: conv({ padding: 1, paddingMode: 'reflect' }),
  reflectS2D2: conv({ stride: 2, dilation: 2, padding: 2, paddingMode: 'reflect' }),
  replicate: conv({ padding: 2, kernelSize: 4, paddingMode: 'replicate' }),
  replicateS2: conv({ stride: 2, padding: 1, paddingMode: 'replicate' }),
  circular: conv({ kernelSize: 5, padding: 'same', paddingMode: 'circular' }),
  pool: pool({}),                                                  // stride 1, no padding
  poolS2P1: pool({ stride: 2, padding: 1 }),
  poolD2P1: pool({ kernelSize: 2, dilation: 2, padding: 1 }),
  poolCeil: pool({ stride: 2, padding: 1, ceilMode: true }),
  poolS2: pool({ kernelSize: 2, stride: 2 }),
  pool2: pool({ kernelSize: 2 }),
};

function layerFor(name, quantity, N = 17) {
  const model = cp.createModel({ inputLength: N, inputChannels: 1, layers: [L[name]], loss: 'sse', seed: 3 });
  try {
    const { layer, error } = formulaLayer(model.layers[0], model.spec.layers[0], 1, quantity);
    assert.equal(error, undefined, `layer ${name}: ${error}`);
    return layer;
  } finally {
    model.delete();
  }
}

function judge(text, quantity, layerName, current = null) {
  const layer = layerFor(layerName, quantity);
  return checkFormula({ cp, text, quantity, layer, current: current ?? randomValues(layer, 99) });
}

// [layers, quantity, formula] — every one must be accepted on every layer listed.
const RIGHT = [
  // §10's forms first
  [['zeros', 'zerosS2', 'zerosD2', 'zerosS3D2', 'valid'], 'y', String.raw`b + \sum_{k=0}^{K-1} W_{k} x_{t s + k d - p}`],
  [['zeros', 'reflect', 'replicate', 'circular', 'valid'], 'y', String.raw`b+\sum_{k=0}^{K-1}W[k]\cdot xpad[t+k]`],
  [['zeros', 'zerosS2', 'zerosS3D2', 'valid'], 'dw', String.raw`\sum_{t=0}^{M-1} \delta_{t} x_{t s + k d - p}`],
  [['zeros', 'reflect', 'zerosS3D2'], 'db', String.raw`\sum_{t=0}^{M-1} \delta_t`],
  [['zeros', 'zerosK5', 'valid'], 'dx', String.raw`\sum_{k=0}^{K-1} W_{k} \delta_{i + p - k}`],
  [['zeros', 'zerosS2', 'zerosD2', 'zerosS3D2', 'valid'], 'dx',
    String.raw`\sum_{t=0}^{M-1}\sum_{k=0}^{K-1} [t s + k d - p = i] W_k \delta_t`],
  [['pool', 'pool2'], 'y', String.raw`\max_{k=0}^{K-1} x_{t + k}`],
  // other spellings of the forward pass
  [['reflectS2D2', 'replicateS2', 'zerosS3D2'], 'y', String.raw`\sum_{j=0}^{K-1} W_j \mathrm{xpad}_{ts+jd} + b`],
  [['zerosS2'], 'y', 'b + sum_{k=0}^{K-1} W[k]*x[t*s+k*d-p]'],
  [['zerosD2'], 'y', 'b + Σ_{k=0}^{K−1} W_k · x_{ts+kd−p}'],
  [['zerosS3D2'], 'y', String.raw`\sum_{0 \le k < K} W_k x_{ts + kd - p} + b`],
  [['zerosS2'], 'y', String.raw`b + \sum_{k=0}^{K-1} W_{K-1-k} x_{t s + (K-1-k) d - p}`],
  [['zerosD2'], 'y', String.raw`b + \sum_{j=0}^{N-1} \sum_{k=0}^{K-1} [j = t s + k d - p] W_k x_j`],
  [['zerosS3D2'], 'y', String.raw`b + \sum_{j=0}^{N-1} [0 \le j - ts + p < Kd] [(j - ts + p) \bmod d = 0] W_{(j-ts+p)/d} x_j`],
  [['zeros'], 'y', String.raw`\frac{2b + 2\sum_{k=0}^{K-1} W_k x_{ts+kd-p}}{2}`],
  [['zerosS2'], 'y', String.raw`b + \sum_{k=0}^{K-1} W_k \, \mathrm{xpad}_{ts+kd}`],
  [['noBias'], 'y', String.raw`\sum_{k=0}^{K-1} W_{k} x_{t + k - p}`],
  [['zeros'], 'y', String.raw`b\cdot 1 + \sum\limits_{k=0}^{K-1} W_{k}\times x_{t+k-p_l}`],
  [['reflect'], 'y', String.raw`b+\sum_{k=0}^{K-1}W_{k}xpad_{\lbrace t+k\rbrace}`],  // a math field's typed "{"
  [['zerosS2'], 'y', String.raw`b+\sum_{k=0}^{K-1}W_{k}\left\lbrace x_{ts+kd-p}\right\rbrace`],
  // ∂C/∂x_in
  [['zerosS3D2'], 'dx', String.raw`\sum_{k=0}^{K-1}\sum_{t=0}^{M-1} W_k \delta_t [i = ts + kd - p]`],
  [['zerosS2'], 'dx', String.raw`\sum_{k=0}^{K-1} [(i + p - k d) \bmod s = 0] W_k \delta_{(i+p-kd)/s}`],
  [['zeros'], 'dx', 'sum_{m=0}^{K-1} delta[i+p-m] W[m]'],
  [['zerosK5'], 'dx', String.raw`\sum_{k=0}^{K-1} W_{K-1-k} \delta_{i + p - (K-1-k)}`],
  [['replicate', 'replicateS2'], 'dx', String.raw`\sum_{t=0}^{M-1}\sum_{k=0}^{K-1} W_k \delta_t \left([ts+kd-p=i] + [i=0][ts+kd-p<0] + [i=N-1][ts+kd-p>N-1]\right)`],
  [['reflect', 'reflectS2D2'], 'dx', String.raw`\sum_{t=0}^{M-1}\sum_{k=0}^{K-1} W_k \delta_t ([ts+kd-p=i] + [ts+kd-p<0][p-ts-kd=i] + [ts+kd-p>N-1][2N-2-ts-kd+p=i])`],
  [['circular'], 'dx', String.raw`\sum_{t=0}^{M-1}\sum_{k=0}^{K-1} W_k \delta_t [(ts+kd-p) \bmod N = i]`],
  // ∂C/∂W and ∂C/∂b
  [['reflect', 'replicate', 'circular', 'reflectS2D2'], 'dw', String.raw`\sum_{t=0}^{M-1} \delta_t xpad_{ts+kd}`],
  [['zerosS2'], 'dw', 'sum_{j=0}^{M-1} x[j*s + k*d - p] * delta[j]'],
  [['zerosD2'], 'dw', String.raw`\sum_{t=0}^{M-1} \sum_{j=0}^{N-1} [j = ts + kd - p] \delta_t x_j`],
  [['zerosS2'], 'db', 'sum_{t=0}^{M-1} δ[t]'],
  [['replicateS2'], 'db', String.raw`\sum_{0\leq t\leq M-1}\delta_{t}`],
  // max-pool forward and backward
  [['poolS2P1', 'poolD2P1', 'poolCeil', 'pool'], 'y', String.raw`\max_{k=0}^{K-1} xpad_{ts+kd}`],
  [['poolS2', 'pool'], 'y', String.raw`\max_{j=0}^{K-1} x[t s + j d]`],
  [['pool2'], 'y', String.raw`\max(x_{t}, x_{t+1})`],
  [['pool', 'poolS2P1', 'poolD2P1', 'poolCeil'], 'dx',
    String.raw`\sum_{t=0}^{M-1} \delta_t [i = t s - p + d \arg\max_{k=0}^{K-1} xpad_{ts+kd}]`],
  [['poolS2P1'], 'dx', 'sum_{t=0}^{M-1} delta[t] * [i + p = t*s + d*argmax_{k=0}^{K-1} xpad[t*s+k*d]]'],
  [['pool'], 'dx', String.raw`\sum_{t=0}^{M-1} \delta_t [i = t + \operatorname{argmax}_{k=0}^{K-1} x_{t+k}]`],
];

test(`${RIGHT.reduce((n, r) => n + r[0].length, 0)} right formulas (${RIGHT.length} spellings) are accepted on every layer they describe`, () => {
  for (const [layers, quantity, text] of RIGHT) {
    for (const name of layers) {
      const r = judge(text, quantity, name);
      assert.ok(r.met, `${quantity} on ${name}: ${text}\n  → ${r.detail}`);
      assert.match(r.detail, /^Right at every index, for the current values and 3 random draws\.$/);
    }
  }
});

// [layer, quantity, formula, what the detail must say]
const WRONG = [
  ['zeros', 'dx', String.raw`\delta_{i}`, /kernel is missing: a common mistake is ∂C\/∂x_in = ∂C\/∂x_out · g′/],
  ['zerosS2', 'dx', 'delta_i', /kernel is missing/],
  ['zeros', 'y', String.raw`\sum_{k=0}^{K-1} W_{k} x_{t-k}`, /reads x further left as k grows .*: a convolution, not a correlation/],
  ['zeros', 'dw', String.raw`\sum_{t=0}^{M-1} \delta_t x_{t}`, /does not depend on k: it gives the same number for every ∂C\/∂W\[k\]/],
  ['zeros', 'y', String.raw`b + \sum_{k=0}^{K-1} W_{K-1-k} x_{t + k - p}`, /A convolution, not a correlation: .*W\[K−1−k\]/],
  ['zerosK5', 'y', String.raw`b + \sum_{k=0}^{K-1} W_{K-1-k} x_{t + k - p}`, /convolution, not a correlation/],
  ['zeros', 'y', String.raw`b + \sum_{k=0}^{K-1} W_k x_{t+k}`, /shifted by 1, the left padding p = 1\. A common mistake is to ignore the padding offset/],
  ['zerosK5', 'y', String.raw`b + \sum_{k=0}^{K-1} W_k x_{t+k}`, /ignore the padding offset/],
  ['zerosK5', 'y', String.raw`\sum_{k=0}^{K-1} W_k x_{t+k}`, /true value at t \+ 2 \(and the bias b is missing\): it is shifted by 2, the left padding p = 2/],
  ['zeros', 'y', String.raw`\sum_{k=0}^{K-1} W_k x_{t+k-p}`, /The bias b is missing/],
  ['zerosS3D2', 'y', String.raw`\sum_{k=0}^{K-1} W_k x_{ts+kd-p}`, /bias b is missing/],
  ['zeros', 'y', String.raw`\sum_{k=0}^{K-1} (b + W_k x_{t+k-p})`, /added K times/],
  ['zerosS2', 'y', String.raw`b + \sum_{k=0}^{K-1} W_k x_{t + kd - p}`, /Right for stride 1, wrong for stride 2: the stride s is missing/],
  ['dilated', 'y', String.raw`b + \sum_{k=0}^{K-1} W_k x_{ts + k - p}`, /Right for dilation 1, wrong for dilation 2: the dilation d is missing/],
  ['zeros', 'y', String.raw`b + \sum_{k=1}^{K-1} W_k x_{t+k-p}`, /sum over k runs k = 1 … 2; the kernel has 3 taps/],
  ['zeros', 'y', String.raw`b + \sum_{k=0}^{K-2} W_k x_{t+k-p}`, /off-by-one/],
  ['reflect', 'y', String.raw`b + \sum_{k=0}^{K-1} W_k x_{t+k-p}`, /right for t = 1 … 15, wrong at t = 0, 16: the padded edges.*paddingMode 'reflect'.*xpad/],
  ['circular', 'y', String.raw`b + \sum_{k=0}^{K-1} W_k x_{t+k-p}`, /the padded edges.*'circular'/],
  ['pool', 'y', String.raw`\max_{j=0}^{N-1} x_j`, /max over the whole signal, not over the window/],
  ['poolS2P1', 'y', String.raw`\max_{k=0}^{K-1} x_{ts+kd-p}`, /pads with −∞, not 0/],
  ['poolS2', 'y', String.raw`\max_{k=0}^{K-1} x_{t+k}`, /Right for stride 1, wrong for stride 2/],
  ['zeros', 'dx', String.raw`\sum_{k=0}^{K-1} W_{K-1-k} \delta_{i+p-k}`, /A convolution, not a correlation/],
  ['zeros', 'dx', String.raw`\sum_{k=0}^{K-1} W_k \delta_{i-k}`, /shifted by 1, the left padding p = 1/],
  ['zerosK5', 'dx', String.raw`\sum_{k=0}^{K-1} W_k \delta_{i+k}`, /reads δ further right as k grows .*the taps are paired the wrong way round/],
  ['zerosS2', 'dx', String.raw`\sum_{k=0}^{K-1} W_k \delta_{i+p-k}`, /Right for stride 1, wrong for stride 2/],
  ['replicate', 'dx', String.raw`\sum_{t=0}^{M-1}\sum_{k=0}^{K-1} [ts+kd-p=i] W_k \delta_t`, /right for i = 1 … 15, wrong at i = 0, 16: the samples near the edges\. With paddingMode 'replicate' the padded cells copy samples/],
  ['circular', 'dx', String.raw`\sum_{t=0}^{M-1}\sum_{k=0}^{K-1} [ts+kd-p=i] W_k \delta_t`, /near the edges.*'circular'/],
  ['zeros', 'dw', String.raw`\sum_{t=0}^{M-1} \delta_t x_{t+k}`, /Right without padding, wrong with p = 1: the padding offset −p is missing/],
  ['zeros', 'dw', String.raw`\sum_{t=0}^{M-1} \delta_t x_{t s + (K-1-k) d - p}`, /taps are mirrored/],
  ['zerosS2', 'db', String.raw`\sum_{t=0}^{M-2} \delta_t`, /runs t = 0 … 7; δ has 9 entries/],
  ['zeros', 'db', String.raw`\delta_0`, /^For the current values: ∂C\/∂b (is too (large|small) by (less|more) than 50 %|has the wrong sign or size)\.( |$)/],
  ['zerosD2', 'y', String.raw`-b - \sum_{k=0}^{K-1} W_k x_{ts+kd-p}`, /The sign is flipped/],
  ['zerosS2', 'dw', String.raw`2\sum_{t=0}^{M-1} \delta_t x_{ts+kd-p}`, /2 times the right value/],
  ['pool', 'dx', String.raw`\delta_i`, /wrong at i = /],
  ['replicateS2', 'y', String.raw`b + \sum_{k=0}^{K-1} W_k xpad_{t+k}`, /Right for stride 1, wrong for stride 2/],
  ['zeros', 'y', String.raw`\sum_{k=0}^{K-1} W_k \delta_{t+k}`, /wrong at/],
  ['zerosS2', 'dx', String.raw`\sum_{t=1}^{M-1}\sum_{k=0}^{K-1} [ts+kd-p=i] W_k \delta_t`, /sum over t runs t = 1 … 8; δ has 9 entries/],
];

test(`${WRONG.length} wrong formulas (the classic mistakes) are refused with the detail that names them`, () => {
  for (const [name, quantity, text, expected] of WRONG) {
    const r = judge(text, quantity, name);
    assert.equal(r.met, false, `${quantity} on ${name} was accepted: ${text}`);
    assert.equal(r.error, undefined, `${quantity} on ${name}: ${text} could not be evaluated: ${r.detail}`);
    assert.match(r.detail, expected, `${quantity} on ${name}: ${text}`);
  }
});

test('a formula right only for the current values (a symmetric kernel) is refused by the random draws', () => {
  const layer = layerFor('zeros', 'y');
  const current = randomValues(layer, 5);
  current.w = Float32Array.from([0.5, -1, 0.5]);
  const flipped = String.raw`b + \sum_{k=0}^{K-1} W_{K-1-k} x_{t+k-p}`;
  const r = checkFormula({ cp, text: flipped, quantity: 'y', layer, current });
  assert.equal(r.met, false);
  assert.match(r.detail, /^Right for the current values, but wrong for random draw 1: right by coincidence here \(the current kernel is symmetric/);
  assert.ok(r.cases[0].wrong.length === 0 && r.cases[1].wrong.length > 0);
});

test('max-pool backward by value equality fails where the current input has ties; the arg-max form passes', () => {
  const layer = layerFor('pool', 'dx');
  const current = randomValues(layer, 6);
  current.x.fill(0, 4, 9);  // a flat stretch, as after a ReLU: the first maximum wins the tie
  const byValue = String.raw`\sum_{t=0}^{M-1} \delta_t [x_i = \max_{k=0}^{K-1} x_{t+k}]`;
  const r = checkFormula({ cp, text: byValue, quantity: 'dx', layer, current });
  assert.equal(r.met, false);
  assert.match(r.detail, /^For the current values: right for i = .*wrong at i = /);
  const byArgmax = String.raw`\sum_{t=0}^{M-1} \delta_t [i = t + \arg\max_{k=0}^{K-1} x_{t+k}]`;
  assert.ok(checkFormula({ cp, text: byArgmax, quantity: 'dx', layer, current }).met);
});

// [text, quantity, layer, what the message must say]
const UNREADABLE = [
  ['x_{t', 'y', 'zeros', /expected “}” to close the “{” at character 3 at the end/],
  ['W_k +', 'y', 'zeros', /ends too early/],
  [String.raw`\sum_{k=0} W_k`, 'y', 'zeros', /needs an upper bound/],
  [String.raw`\sum_k W_k x_{t+k}`, 'y', 'zeros', /needs the bounds of k/],
  [String.raw`\foo + 1`, 'y', 'zeros', /\\foo at character 1 is not part of this grammar/],
  ['x_t ] + 1', 'y', 'zeros', /a “]” that closes nothing at character 5/],
  ['[t] x_t', 'y', 'zeros', /holds no comparison/],
  ['W + b', 'y', 'zeros', /W at character 1 needs an index/],
  ['b + x_j', 'y', 'zeros', /j at character 7 is not defined here: the free index is t \(y\[t\]\)/],
  [String.raw`\sum_{s=0}^{2} W_s`, 'y', 'zeros', /s at character 7 is the stride; give the index of \\sum another letter/],
  ["\\delta_i g'(x_i)", 'dx', 'zeros', /at character 11: there is no g′ here/],
  [String.raw`\delta_i g(x_i)`, 'dx', 'zeros', /activation g is not part of this layer.*common mistake/],
  ['', 'y', 'zeros', /empty/],
  [String.raw`\sum_{k=0}^{K-1}\sum_{k=0}^{K-1} W_k`, 'y', 'zeros', /already the index of a \\sum around this one/],
  [String.raw`\sum_{t=0}^{K-1} W_t`, 'y', 'zeros', /t at character 7 is the free index of y\[t\]/],
  [String.raw`\max_{k=0}^{K-1} W_k x_{t+k}`, 'y', 'pool', /a max-pool 1d layer has no weights W/],
  ['b + x_t', 'y', 'pool', /a max-pool 1d layer has no bias/],
  [String.raw`\partial C`, 'dx', 'zeros', /type only the right-hand side/],
  ['x_t = 3', 'y', 'zeros', /“=” outside an Iverson bracket/],
  ['N_2', 'y', 'zeros', /N at character 1 is the input length, a number; it takes no index/],
];

test(`${UNREADABLE.length} unreadable formulas get a message naming the place, never an exception`, () => {
  for (const [text, quantity, name, expected] of UNREADABLE) {
    const r = judge(text, quantity, name);
    assert.equal(r.met, false, text);
    assert.ok(r.error, `${text}: no error object`);
    assert.match(r.detail, /^The page cannot (read|evaluate) this formula: /);
    assert.match(r.error.message, expected, text);
  }
  // not text at all
  for (const value of [42, null, undefined, {}]) {
    const r = compileFormula(value, { quantity: 'y', layer: { weights: true, title: 'conv1d' } });
    assert.match(r.error.message, /must be text/);
  }
});

test('the error marks the place: start and end point at the offending text', () => {
  const text = String.raw`b + \sum_{k=0}^{K-1} W_k q_{t}`;
  const r = compileFormula(text, { quantity: 'y', layer: { weights: true, title: 'conv1d' } });
  assert.equal(text.slice(r.error.start, r.error.end), 'q');
});

test('hostile input (100,000 characters, deep nesting, huge bounds, nested long sums) is answered within 50 ms', () => {
  const hostile = [
    ['('.repeat(49_999) + '1' + ')'.repeat(50_000), /100,000 characters; the page reads at most 4,000/],
    ['('.repeat(1900) + 't' + ')'.repeat(1900), /nests too deeply/],
    ['-'.repeat(3999) + 't', /nests too deeply/],
    [String.raw`\frac{`.repeat(600) + '1', /nests too deeply/],
    [String.raw`\sum_{k=0}^{10^{12}} x_k`, /runs over 1,000,000,000,001 values.*at most 10,000/],
    [String.raw`\sum_{a=0}^{9999}\sum_{c=0}^{9999}\sum_{e=0}^{9999} 1`, /would take about .* steps; the page stops at 40,000,000/],
    ['x_{t}'.repeat(799), /./],
    ['[t=t'.repeat(900), /./],
  ];
  const layer = layerFor('zeros', 'y');
  const current = randomValues(layer, 1);
  for (const [text, expected] of hostile) {
    // The machine is shared by many processes: this process's CPU time (best of five runs) measures this work, where
    // the wall clock would measure the neighbours'.
    let ms = Infinity;
    let r;
    for (let run = 0; run < 5; run++) {
      const started = process.cpuUsage();
      r = checkFormula({ cp, text, quantity: 'y', layer, current });
      const used = process.cpuUsage(started);
      ms = Math.min(ms, (used.user + used.system) / 1000);
    }
    assert.equal(r.met, false, text.slice(0, 40));
    assert.match(r.detail, expected, text.slice(0, 40));
    assert.ok(ms < 50, `${text.slice(0, 40)}… took ${ms.toFixed(1)} ms of CPU time (limit 50 ms): ${r.detail}`);
  }
});

test('sums whose bounds hide their length (they use another index) are stopped by the step budget with a message', () => {
  const layer = layerFor('zeros', 'y');
  const text = String.raw`\sum_{a=0}^{t+3000}\sum_{c=0}^{a+3000}\sum_{e=0}^{c+3000} x_e`;
  const started = process.cpuUsage();
  const r = checkFormula({ cp, text, quantity: 'y', layer, current: randomValues(layer, 1) });
  const used = process.cpuUsage(started);
  const ms = (used.user + used.system) / 1000;
  assert.equal(r.met, false);
  assert.match(r.detail, /takes more than 40,000,000 steps to evaluate at every index; the page stops there .*\(at t = 0\)/);
  // The budget bounds the work: about a third of a second of this process's CPU time.
  assert.ok(ms < 1500, `stopping took ${ms.toFixed(0)} ms of CPU time`);
});

test("§10's most expensive form (a double sum with an Iverson bracket) is checked on a 256-sample layer", () => {
  const model = cp.createModel({ inputLength: 256, inputChannels: 1, loss: 'sse', seed: 3,
    layers: [conv({ kernelSize: 5, padding: 'same' })] });
  const { layer } = formulaLayer(model.layers[0], model.spec.layers[0], 1, 'dx');
  model.delete();
  const r = checkFormula({ cp, text: String.raw`\sum_{t=0}^{M-1}\sum_{k=0}^{K-1} [t s + k d - p = i] W_k \delta_t`,
    quantity: 'dx', layer, current: randomValues(layer, 4) });
  assert.ok(r.met, r.detail);
});

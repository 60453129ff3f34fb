// The PyTorch golden vectors through web/convpool.js: the WASM build agrees with PyTorch 1.13 (float64) within
// the documented tolerance (1e-4 relative, 1e-5 absolute near zero) on every case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool } from '../../web/convpool.js';
import { assertClose, floats, loadGolden } from '../helpers/golden.mjs';

const cp = await loadConvPool();

for (const file of ['conv1d.json', 'conv1d_groups.json']) {
  test(`conv1d matches PyTorch on every golden case of ${file}`, () => {
    const { cases } = loadGolden(file);
    assert.ok(cases.length > 40);
    for (const c of cases) checkConv(c);
  });
}

function checkConv(c) {
  {
    const r = cp.conv1d({
      x: floats(c.x), inChannels: c.inChannels, outChannels: c.outChannels, kernelSize: c.kernelSize,
      w: floats(c.w), b: c.bias ? floats(c.b) : null, stride: c.stride, padding: c.padding, dilation: c.dilation,
      paddingMode: c.paddingMode, gradOut: floats(c.gradOut), ...(c.groups === undefined ? {} : { groups: c.groups }),
    });
    assert.equal(r.outLength, c.outLength, c.name);
    assertClose(c.name, 'y', r.y, c.y);
    assertClose(c.name, 'dx', r.dx, c.dx);
    assertClose(c.name, 'dw', r.dw, c.dw);
    if (c.bias) assertClose(c.name, 'db', r.db, c.db);
    else assert.equal(r.db, undefined, `${c.name}: no bias, no db`);
  }
}

test('max-pool matches PyTorch on every golden case, indices included', () => {
  const { cases } = loadGolden('maxpool1d.json');
  assert.ok(cases.length > 50);
  for (const c of cases) {
    const r = cp.maxPool1d({
      x: floats(c.x), channels: c.channels, kernelSize: c.kernelSize, stride: c.stride, padding: c.padding,
      dilation: c.dilation, ceilMode: c.ceilMode, gradOut: floats(c.gradOut),
    });
    assert.equal(r.outLength, c.outLength, c.name);
    assertClose(c.name, 'y', r.y, c.y);
    assert.deepEqual(Array.from(r.indices), c.indices, `${c.name}: indices`);
    assertClose(c.name, 'dx', r.dx, c.dx);
  }
});

test('results without gradOut carry no gradients', () => {
  const r = cp.conv1d({ x: new Float32Array(6), inChannels: 1, outChannels: 1, kernelSize: 3, w: new Float32Array(3) });
  assert.deepEqual(Object.keys(r).sort(), ['outLength', 'y']);
  const p = cp.maxPool1d({ x: new Float32Array(6), channels: 1, kernelSize: 2 });
  assert.equal(p.outLength, 3);  // stride defaults to kernelSize, as in PyTorch
  assert.equal(p.dx, undefined);
});

test('avg-pool matches PyTorch on every golden case (ceil mode, padding, countIncludePad both ways)', () => {
  const { cases } = loadGolden('avgpool1d.json');
  assert.ok(cases.length > 100);
  for (const c of cases) {
    const r = cp.avgPool1d({
      x: floats(c.x), channels: c.channels, kernelSize: c.kernelSize,
      ...(c.strideDefaulted ? {} : { stride: c.stride }),
      padding: c.padding, ceilMode: c.ceilMode, countIncludePad: c.countIncludePad, gradOut: floats(c.gradOut),
    });
    assert.equal(r.outLength, c.outLength, c.name);
    assertClose(c.name, 'y', r.y, c.y);
    assertClose(c.name, 'dx', r.dx, c.dx);
  }
});

test('global pooling matches AdaptiveMaxPool1d(1) / AdaptiveAvgPool1d(1), indices included', () => {
  const { cases } = loadGolden('globalpool1d.json');
  assert.ok(cases.length > 20);
  for (const c of cases) {
    const r = cp.globalPool1d({ x: floats(c.x), channels: c.channels, op: c.op, gradOut: floats(c.gradOut) });
    assert.equal(r.outLength, 1);
    assertClose(c.name, 'y', r.y, c.y);
    assertClose(c.name, 'dx', r.dx, c.dx);
    if (c.op === 'max') assert.deepEqual(Array.from(r.indices), c.indices, `${c.name}: indices`);
    else assert.equal(r.indices, undefined, `${c.name}: avg has no indices`);
  }
});

test('linear matches nn.Flatten + nn.Linear on every golden case', () => {
  const { cases } = loadGolden('linear.json');
  assert.ok(cases.length > 20);
  for (const c of cases) {
    const r = cp.linear({
      x: floats(c.x), inFeatures: c.inFeatures, outFeatures: c.outFeatures, w: floats(c.w),
      b: c.bias ? floats(c.b) : null, gradOut: floats(c.gradOut),
    });
    assertClose(c.name, 'y', r.y, c.y);
    assertClose(c.name, 'dx', r.dx, c.dx);
    assertClose(c.name, 'dw', r.dw, c.dw);
    if (c.bias) assertClose(c.name, 'db', r.db, c.db);
    else assert.equal(r.db, undefined, `${c.name}: no bias, no db`);
  }
});

test('cross-entropy matches nn.CrossEntropyLoss on every golden case (loss, gradient, accuracy)', () => {
  const { cases } = loadGolden('crossentropy.json');
  assert.ok(cases.length > 20);
  for (const c of cases) {
    const r = cp.crossEntropy({ logits: floats(c.logits), classes: c.classes, target: c.target, gradient: true });
    assertClose(c.name, 'loss', [r.loss], [c.loss]);
    assertClose(c.name, 'dLogits', r.dLogits, c.dLogits);
    assert.deepEqual(Array.from(r.predicted), c.predicted, `${c.name}: predicted`);
    assert.equal(r.accuracy, c.accuracy, `${c.name}: accuracy`);
  }
  const r = cp.crossEntropy({ logits: [1, 2, 3, 3, 2, 1], classes: 3, target: [2, 0] });
  assert.equal(r.dLogits, undefined, 'no gradient unless asked for');
  const sums = [0, 1].map((n) => r.probabilities[3 * n] + r.probabilities[3 * n + 1] + r.probabilities[3 * n + 2]);
  for (const sum of sums) assert.ok(Math.abs(sum - 1) < 1e-6, `softmax rows sum to 1, got ${sum}`);
});

test('new results carry only what was asked for; avg-pool stride defaults to kernelSize', () => {
  const a = cp.avgPool1d({ x: new Float32Array(6), channels: 1, kernelSize: 2 });
  assert.deepEqual(Object.keys(a).sort(), ['outLength', 'y']);
  assert.equal(a.outLength, 3);
  const g = cp.globalPool1d({ x: new Float32Array(6), channels: 2, op: 'avg' });
  assert.deepEqual(Object.keys(g).sort(), ['outLength', 'y']);
  const l = cp.linear({ x: new Float32Array(4), inFeatures: 4, outFeatures: 2, w: new Float32Array(8) });
  assert.deepEqual(Object.keys(l), ['y']);
});

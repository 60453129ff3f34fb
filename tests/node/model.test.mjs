// The model through web/convpool.js: training, bit-identical results against the native build, no leaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadConvPool } from '../../web/convpool.js';

const cp = await loadConvPool();

const bits = (value) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
};

// Keep in step with tests/core/determinism_main.cpp.
function determinismSpec() {
  return {
    inputLength: 200, inputChannels: 2, loss: 'mse', seed: 1234,
    layers: [
      { type: 'conv1d', outChannels: 3, kernelSize: 5, padding: 3, dilation: 2, paddingMode: 'reflect' },
      { type: 'activation', fn: 'tanh' },
      { type: 'maxpool1d', kernelSize: 3, stride: 1, padding: 1 },
      { type: 'conv1d', outChannels: 1, kernelSize: 4, padding: 'same', paddingMode: 'circular' },
      { type: 'activation', fn: 'sigmoid' },
    ],
  };
}

test('WASM training is bit-identical to the native build', () => {
  const binary = new URL('../../build/native/tests/core/convpool_determinism', import.meta.url);
  assert.ok(existsSync(binary), 'build the native core first (npm test does)');
  const native = JSON.parse(execFileSync(binary.pathname, { encoding: 'utf8' }));

  const model = cp.createModel(determinismSpec());
  const input = new Float32Array(400);
  input.set(cp.generateSignal('sines', 200, { cycles: 4, seed: 9 }), 0);
  input.set(cp.generateSignal('noise', 200, { cycles: 0, seed: 5 }), 200);
  model.setInput(input);
  model.setTarget(cp.generateSignal('square', model.outputLength, { cycles: 3, seed: 0 }));
  const losses = [1, 9, 90, 400].map((n) => bits(model.train(n, 0.5)));
  const weights = Array.from(model.view('weight', 3), bits);
  model.delete();
  assert.deepEqual(losses, native.losses);
  assert.deepEqual(weights, native.lastWeights);
  assert.notEqual(native.losses[0], native.losses[3], 'training changed the loss');

  // The same network on a shuffled data set in mini-batches, Adam with weight decay, a validation set.
  const learner = cp.createModel({ ...determinismSpec(), batchSize: 4, shuffle: true,
    optimizer: { type: 'adam', beta1: 0.8 }, weightDecay: 0.01 });
  const out = learner.outputLength;
  const inputs = new Float32Array(8 * 400);
  const targets = new Float32Array(8 * out);
  for (let e = 0; e < 8; e++) {
    inputs.set(cp.generateSignal('sines', 200, { cycles: 2 + e, seed: e }), e * 400);
    inputs.set(cp.generateSignal('noise', 200, { cycles: 0, seed: 10 + e }), e * 400 + 200);
    targets.set(cp.generateSignal('square', out, { cycles: 1 + e, seed: 0 }), e * out);
  }
  learner.setDataset({ inputs: inputs.subarray(0, 6 * 400), targets: targets.subarray(0, 6 * out), count: 6 });
  learner.setValidation({ inputs: inputs.subarray(6 * 400), targets: targets.subarray(6 * out), count: 2 });
  const rates = [0.01, 0.003, 0.02, 0.001];
  const datasetLosses = [1, 9, 90, 400].map((n, i) => bits(learner.train(n, Math.fround(rates[i]))));
  datasetLosses.push(bits(learner.loss()), bits(learner.validationLoss()));
  const datasetWeights = Array.from(learner.view('weight', 3), bits);
  learner.delete();
  assert.deepEqual(datasetLosses, native.datasetLosses);
  assert.deepEqual(datasetWeights, native.datasetWeights);

  // A classifier on the same examples: avg-pool, global max pool, linear, loss 'crossentropy' (class e mod 3).
  const [conv1, tanh] = determinismSpec().layers;
  const classifier = cp.createModel({ ...determinismSpec(), batchSize: 4, shuffle: true, loss: 'crossentropy',
    optimizer: { type: 'adam', beta1: 0.8 }, weightDecay: 0.01,
    layers: [conv1, tanh,
      { type: 'avgpool1d', kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false },
      { type: 'conv1d', outChannels: 4, kernelSize: 3, padding: 'same' },
      { type: 'globalpool', op: 'max' },
      { type: 'linear', outFeatures: 3 }] });
  const classes = Float32Array.from({ length: 8 }, (_, e) => e % 3);
  classifier.setDataset({ inputs: inputs.subarray(0, 6 * 400), targets: classes.subarray(0, 6), count: 6 });
  classifier.setValidation({ inputs: inputs.subarray(6 * 400), targets: classes.subarray(6), count: 2 });
  const classifierLosses = [1, 9, 90, 400].map((n, i) => bits(classifier.train(n, Math.fround(rates[i]))));
  classifierLosses.push(bits(classifier.loss()), bits(classifier.validationLoss()), bits(classifier.accuracy()));
  const classifierWeights = Array.from(classifier.view('weight', 5), bits);
  classifier.delete();
  assert.deepEqual(classifierLosses, native.classifierLosses);
  assert.deepEqual(classifierWeights, native.classifierWeights);

  // The benchmark's data-set network at an odd length (its fast paths and their tails): conv(1→8, k9, 'same') →
  // ReLU → max-pool(2, stride 1) → conv(8→1, k9, 'same'), MSE, batches of 4 from 6 examples, Adam.
  const n = 203;
  const widen = { type: 'conv1d', outChannels: 8, kernelSize: 9, padding: 'same' };
  const bench = cp.createModel({ inputLength: n, inputChannels: 1, loss: 'mse', seed: 42, batchSize: 4,
    optimizer: { type: 'adam' },
    layers: [widen, { type: 'activation', fn: 'relu' }, { type: 'maxpool1d', kernelSize: 2, stride: 1 },
      { ...widen, outChannels: 1 }] });
  const benchOut = bench.outputLength;
  const benchInputs = new Float32Array(6 * n);
  const benchTargets = new Float32Array(6 * benchOut);
  for (let e = 0; e < 6; e++) {
    benchInputs.set(cp.generateSignal('noise', n, { cycles: 0, seed: 20 + e }), e * n);
    benchTargets.set(cp.generateSignal('sines', benchOut, { cycles: 1 + e, seed: e }), e * benchOut);
  }
  bench.setDataset({ inputs: benchInputs, targets: benchTargets, count: 6 });
  const benchLosses = [1, 9, 90, 400].map((steps, i) => bits(bench.train(steps, Math.fround(rates[i]))));
  const benchWeights = [0, 3].flatMap((l) => [...bench.view('weight', l), ...bench.view('bias', l)].map(bits));
  const benchInputGradient = Array.from(bench.view('gradInput'), bits);
  bench.delete();
  assert.deepEqual(benchLosses, native.benchLosses);
  assert.deepEqual(benchWeights, native.benchWeights);
  assert.deepEqual(benchInputGradient, native.benchInputGradient);
  assert.notEqual(native.benchLosses[0], native.benchLosses[3], 'training the benchmark network changed its loss');
});

test('the contract example trains and lowers its loss', () => {
  const model = cp.createModel({
    inputLength: 256, inputChannels: 1,
    layers: [
      { type: 'conv1d', outChannels: 1, kernelSize: 5, stride: 1, padding: 'same', dilation: 1, paddingMode: 'zeros', bias: true },
      { type: 'activation', fn: 'relu' },
      { type: 'maxpool1d', kernelSize: 2, stride: 1, padding: 0, dilation: 1, ceilMode: false },
    ],
    loss: 'sse', seed: 42,
  });
  assert.equal(model.outputLength, 255);
  assert.equal(model.outputChannels, 1);
  const x = cp.generateSignal('sine', 256, { cycles: 3 });
  model.setInput(x);
  // Target: the input smoothed by a hidden kernel, then pooled: reachable by the model.
  const smooth = cp.conv1d({ x, inChannels: 1, outChannels: 1, kernelSize: 5, w: new Float32Array([0.1, 0.2, 0.4, 0.2, 0.1]), padding: 'same' });
  model.setTarget(cp.maxPool1d({ x: smooth.y.map((v) => Math.max(v, 0)), channels: 1, kernelSize: 2, stride: 1 }).y);
  const before = model.loss();
  const last = model.train(500, 0.002);
  assert.ok(Number.isFinite(last));
  assert.ok(model.loss() < before / 10, `loss ${model.loss()} did not drop well below ${before}`);
  assert.equal(model.stepCount(), 500);
  assert.equal(model.lastTrain.stepsRun, 500);
  model.reset();
  assert.equal(model.stepCount(), 0);
  assert.equal(model.loss(), before, 'reset restores the seeded weights exactly');
  model.delete();
});

test('same seed, same weights; views follow the model', () => {
  const spec = { inputLength: 32, layers: [{ type: 'conv1d', outChannels: 2, kernelSize: 3 }], seed: 7 };
  const a = cp.createModel(spec);
  const b = cp.createModel(spec);
  assert.deepEqual(Array.from(a.view('weight', 0)), Array.from(b.view('weight', 0)));
  const bound = 1 / Math.sqrt(3);
  for (const w of a.view('weight', 0)) assert.ok(Math.abs(w) <= bound);
  a.setParameters(0, { weight: [1, 0, 0, 0, 1, 0], bias: [0, 0] });
  a.setInput(Float32Array.from({ length: 32 }, (_, i) => i));
  a.evaluate();
  assert.deepEqual(Array.from(a.view('output', 0).slice(0, 3)), [0, 1, 2]);
  assert.deepEqual(Array.from(a.view('output', 0).slice(30, 33)), [1, 2, 3]);
  a.delete();
  b.delete();
});

test('a diverging learning rate stops at the step where the loss overflowed', () => {
  const model = cp.createModel({ inputLength: 64, layers: [{ type: 'conv1d', kernelSize: 5, padding: 'same' }] });
  model.setInput(cp.generateSignal('noise', 64, { seed: 1 }));
  model.setTarget(cp.generateSignal('sine', 64));
  const loss = model.train(100000, 1e6);
  assert.ok(!Number.isFinite(loss));
  assert.equal(model.lastTrain.diverged, true);
  assert.ok(model.lastTrain.stepsRun < 100000);
  assert.ok(Number.isFinite(model.loss()), 'the last finite weights were kept');
  model.delete();
});

test('10,000 createModel/train/delete cycles leave the WASM heap unchanged', () => {
  const spec = {
    inputLength: 128, layers: [
      { type: 'conv1d', outChannels: 2, kernelSize: 5, padding: 'same', paddingMode: 'replicate' },
      { type: 'activation', fn: 'relu' }, { type: 'maxpool1d', kernelSize: 2, stride: 1 },
      { type: 'conv1d', outChannels: 1, kernelSize: 3 }],
  };
  const warm = cp.createModel(spec);
  warm.train(5, 0.01);
  warm.delete();
  const inUse = cp.heapBytesInUse();
  const size = cp.heapSize();
  for (let i = 0; i < 10000; i++) {
    const model = cp.createModel({ ...spec, seed: i });
    model.train(3, 0.01);
    model.delete();
  }
  assert.equal(cp.heapBytesInUse(), inUse);
  assert.equal(cp.heapSize(), size);
});

test('the gradient check agrees with the backward pass', () => {
  const model = cp.createModel({
    inputLength: 40, inputChannels: 2, layers: [
      { type: 'conv1d', outChannels: 2, kernelSize: 3, padding: 2, paddingMode: 'circular' },
      { type: 'activation', fn: 'sigmoid' }, { type: 'maxpool1d', kernelSize: 3, stride: 2, ceilMode: true },
      { type: 'conv1d', outChannels: 1, kernelSize: 2, stride: 2 }],
    loss: 'mse',
  });
  model.setInput(Float32Array.from({ length: 80 }, (_, i) => Math.sin(i * 0.7)));
  model.setTarget(new Float32Array(model.outputLength).fill(0.3));
  const report = model.gradientCheck({ maxPerTensor: 16 });
  assert.ok(report.entries.length > 20);
  assert.ok(report.worstRelativeError < 1e-4, `worst ${report.worstRelativeError}`);
  model.delete();
});

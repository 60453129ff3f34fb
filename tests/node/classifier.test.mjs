// Classifiers through web/convpool.js: the layer types avgpool1d, globalpool, linear and the loss 'crossentropy'
// against PyTorch 1.13 (tests/golden/classifier.json, made by tests/golden/classifier.py): every step's batch loss,
// the final parameters, loss and accuracy of the training and validation sets, within 1e-4 relative (1e-5
// absolute near zero). Then finite differences through a classifier, the views a page draws, and the argument rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool, ConvPoolError } from '../../web/convpool.js';
import { assertClose, floats, loadGolden } from '../helpers/golden.mjs';

const cp = await loadConvPool();
const { cases } = loadGolden('classifier.json');

function goldenModel(c) {
  const model = cp.createModel({
    inputLength: c.inputLength, inputChannels: c.inputChannels, layers: c.layers, loss: c.loss, seed: 1,
    batchSize: c.batchSize, optimizer: c.optimizer, weightDecay: c.weightDecay,
  });
  for (const [layer, p] of Object.entries(c.initialParameters)) {
    model.setParameters(Number(layer), { weight: floats(p.weight), bias: floats(p.bias) });
  }
  model.setDataset({ inputs: floats(c.inputs), targets: floats(c.targets), count: c.count });
  model.setValidation({ inputs: floats(c.validationInputs), targets: floats(c.validationTargets), count: c.validationCount });
  return model;
}

test('classifiers follow PyTorch step by step: crossentropy, avgpool1d, globalpool max/avg, linear', () => {
  assert.ok(cases.length >= 3);
  const types = new Set(cases.flatMap((c) => c.layers.map((l) => l.type + (l.op ? `:${l.op}` : ''))));
  for (const type of ['avgpool1d', 'globalpool:max', 'globalpool:avg', 'linear']) assert.ok(types.has(type), type);
  for (const c of cases) {
    const model = goldenModel(c);
    assert.equal(model.outputChannels, c.classes);
    assert.equal(model.outputLength, 1);
    const losses = Array.from({ length: c.steps }, () => model.train(1, c.learningRate));
    assertClose(c.name, 'step loss', losses, c.losses);
    for (const [layer, p] of Object.entries(c.finalParameters)) {
      const { weight, bias } = model.getParameters(Number(layer));
      assertClose(c.name, `layers[${layer}].weight after ${c.steps} steps`, weight, p.weight);
      assertClose(c.name, `layers[${layer}].bias after ${c.steps} steps`, bias, p.bias);
    }
    assertClose(c.name, 'training-set loss', [model.loss()], [c.trainLoss]);
    assertClose(c.name, 'validation loss', [model.validationLoss()], [c.validationLoss]);
    assert.equal(model.accuracy(), c.trainAccuracy, `${c.name}: training accuracy`);
    assert.equal(model.validationAccuracy(), c.validationAccuracy, `${c.name}: validation accuracy`);
    model.delete();
  }
});

test('finite differences agree with the backward through every classifier, parameters and inputs', () => {
  for (const c of cases) {
    const model = goldenModel(c);
    model.train(3, c.learningRate);
    model.showExample(1);
    const report = model.gradientCheck({ maxPerTensor: 12 });
    const checked = new Set(report.entries.map((e) => `${e.layer}:${e.tensor}`));
    for (const layer of Object.keys(c.initialParameters)) {
      assert.ok(checked.has(`${layer}:weight`), `${c.name}: layers[${layer}].weight was checked`);
    }
    assert.ok(report.worstRelativeError < 1e-5, `${c.name}: worst relative error ${report.worstRelativeError}`);
    assert.ok(report.kinks < report.entries.length / 4, `${c.name}: ${report.kinks} of ${report.entries.length} at kinks`);
    model.delete();
  }
});

test('the views of a classifier: probabilities sum to 1, global max arg-max, linear weights, one class target', () => {
  const model = cp.createModel({
    inputLength: 12, layers: [
      { type: 'conv1d', outChannels: 2, kernelSize: 3, padding: 'same' },
      { type: 'avgpool1d', kernelSize: 3, stride: 2, padding: 1, countIncludePad: false },
      { type: 'globalpool', op: 'max' },
      { type: 'linear', outFeatures: 3 },
    ], loss: 'crossentropy', seed: 4,
  });
  model.setInput(Float32Array.from({ length: 12 }, (_, i) => Math.cos(i)));
  model.setTarget([2]);
  const loss = model.evaluate();
  const p = model.view('probabilities');
  assert.equal(p.length, 3);
  assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  assert.ok(Math.abs(loss + Math.log(p[2])) < 1e-5, `loss ${loss} = −log p[2] = ${-Math.log(p[2])}`);
  assert.deepEqual(Array.from(model.view('target')), [2]);
  const argmax = model.view('argmax', 2);
  assert.ok(argmax instanceof Int32Array && argmax.length === 2);
  const pooled = model.view('input', 2);
  const n = model.layers[2].inLength;
  for (let c = 0; c < 2; c++) {
    assert.equal(model.view('output', 2)[c], Math.max(...pooled.subarray(c * n, (c + 1) * n)));
    assert.equal(pooled[c * n + argmax[c]], model.view('output', 2)[c]);
  }
  assert.equal(model.layers[3].inFeatures, 2);
  assert.equal(model.view('weight', 3).length, 3 * 2);
  assert.equal(model.view('gradWeight', 3).length, 3 * 2);
  // dC/dz = p − onehot(y) for one example
  const g = model.view('gradOutput');
  for (let j = 0; j < 3; j++) assert.ok(Math.abs(g[j] - (p[j] - (j === 2 ? 1 : 0))) < 1e-6);
  assert.equal(model.layers[1].countIncludePad, false);
  assert.equal(model.layers[2].op, 'max');
  model.delete();
});

test('linear init draws PyTorch\'s ±1/√fan_in from the seed, after the conv layers, the same each time', () => {
  const spec = {
    inputLength: 16, layers: [{ type: 'conv1d', outChannels: 2, kernelSize: 3 }, { type: 'linear', outFeatures: 4 }],
    loss: 'sse', seed: 9,
  };
  const a = cp.createModel(spec);
  const b = cp.createModel(spec);
  const { weight, bias } = a.getParameters(1);
  assert.equal(weight.length, 4 * 2 * 14);
  const bound = 1 / Math.sqrt(28);
  assert.ok(weight.every((w) => Math.abs(w) <= bound) && bias.every((v) => Math.abs(v) <= bound));
  assert.ok(Math.max(...weight.map(Math.abs)) > bound / 2);
  assert.deepEqual(b.getParameters(1), { weight, bias });
  a.reset(10);
  assert.notDeepEqual(a.getParameters(1).weight, weight);
  a.delete();
  b.delete();
});

test('classifier argument rules name the argument, its value and the rule', () => {
  const base = { inputLength: 10, loss: 'crossentropy', seed: 1 };
  const conv = { type: 'conv1d', outChannels: 3, kernelSize: 3 };
  assert.throws(() => cp.createModel({ ...base, layers: [conv] }), (e) => e instanceof ConvPoolError
    && /loss 'crossentropy' needs a last layer with output length 1/.test(e.message)
    && /layers\[0\] \(conv1d\) has output length 8/.test(e.message));
  assert.throws(() => cp.createModel({ ...base, layers: [conv, { type: 'globalpool', op: 'min' }] }),
    (e) => e instanceof ConvPoolError && /layers\[1\]\.op 'min'/.test(e.message) && /max/.test(e.message));
  assert.throws(() => cp.createModel({ ...base, layers: [conv, { type: 'linear' }] }),
    (e) => e instanceof ConvPoolError && /layers\[1\]\.outFeatures is required/.test(e.message));
  assert.throws(() => cp.createModel({ ...base, layers: [conv, { type: 'linear', outFeatures: 0 }] }),
    (e) => e instanceof ConvPoolError && /layers\[1\] \(linear\): outFeatures 0 must be at least 1/.test(e.message));
  assert.throws(() => cp.createModel({ ...base, layers: [{ type: 'avgpool1d', kernelSize: 2, padding: 2 }] }),
    (e) => e instanceof ConvPoolError && /layers\[0\] \(avgpool1d\): padding 2/.test(e.message));

  const model = cp.createModel({ ...base, layers: [conv, { type: 'globalpool', op: 'avg' }] });
  const inputs = new Float32Array(20);
  assert.throws(() => model.setDataset({ inputs, targets: [0, 3], count: 2 }),
    (e) => e instanceof ConvPoolError && e.message === 'targets[1] 3 must be a class index: an integer from 0 to 2 (classes 3)');
  assert.throws(() => model.setDataset({ inputs, targets: [0, 1, 2], count: 2 }),
    (e) => e instanceof ConvPoolError && /targets has length 3 but must have length count = 2 \(one class index per example/.test(e.message));
  assert.throws(() => model.setValidation({ inputs, targets: [0.5, 1], count: 2 }),
    (e) => e instanceof ConvPoolError && /validation targets\[0\] 0\.5 must be a class index/.test(e.message));
  assert.throws(() => model.setTarget([5]), (e) => e instanceof ConvPoolError
    && e.message === 'target 5 must be a class index: an integer from 0 to 2 (classes 3)');
  assert.throws(() => model.setTarget([0, 1, 2]), (e) => e instanceof ConvPoolError && /target has length 3/.test(e.message));
  // refused calls leave a usable model
  model.setDataset({ inputs, targets: [0, 2], count: 2 });
  assert.ok(Number.isFinite(model.loss()));
  assert.equal(model.accuracy() >= 0 && model.accuracy() <= 1, true);
  assert.ok(Number.isNaN(model.validationAccuracy()));
  model.delete();

  const regression = cp.createModel({ inputLength: 10, layers: [conv], seed: 1 });
  assert.ok(Number.isNaN(regression.accuracy()));
  assert.throws(() => regression.view('probabilities'), ConvPoolError);
  regression.delete();
});

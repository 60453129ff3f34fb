// The waveform-classification data (web/shared/classification-data.js) and a small 1-D CNN classifier learning it
// through the library: conv → ReLU → max-pool → conv → ReLU → global pool → linear, loss 'crossentropy', Adam.
// It must reach ≥ 95 % accuracy on a held-out validation set (other seeds, never trained on) within 3,000 steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool } from '../../web/convpool.js';
import { WAVEFORM_CLASSES, makeWaveformDataset, sinTurns } from '../../web/shared/classification-data.js';
import { CLASSIFIER_LEARNING_RATE, classifierSpec } from '../../web/shared/classifier-preset.js';

const cp = await loadConvPool();

test('the data set is deterministic from its seed, balanced, and its classes differ', () => {
  const a = makeWaveformDataset({ seed: 5, count: 40, length: 64 });
  const b = makeWaveformDataset({ seed: 5, count: 40, length: 64 });
  const c = makeWaveformDataset({ seed: 6, count: 40, length: 64 });
  assert.deepEqual(a.inputs, b.inputs);
  assert.deepEqual(a.targets, b.targets);
  assert.notDeepEqual(a.inputs, c.inputs);
  assert.equal(a.inputs.length, 40 * 64);
  assert.deepEqual(a.names, WAVEFORM_CLASSES);
  assert.equal(a.classes, 4);
  for (let k = 0; k < 4; k++) assert.equal(a.targets.filter((t) => t === k).length, 10);
  assert.ok(a.inputs.every(Number.isFinite));
  // without noise a square wave holds only ±amplitude, a sawtooth spans its range
  const clean = makeWaveformDataset({ seed: 1, count: 4, length: 64, noise: 0 });
  const square = clean.inputs.subarray(64, 128);
  assert.equal(new Set(Array.from(square, Math.abs)).size, 1);
  // the portable sine agrees with Math.sin to 1e-12
  for (let t = -2; t <= 2; t += 0.0137) assert.ok(Math.abs(sinTurns(t) - Math.sin(2 * Math.PI * t)) < 1e-12, `t ${t}`);
  assert.throws(() => makeWaveformDataset({ classes: ['sine'] }), /classes .* must be two or more/);
  assert.throws(() => makeWaveformDataset({ count: 0 }), /count 0 must be an integer from 1/);
});

test('a small CNN classifies the waveforms with ≥ 95 % validation accuracy within 3,000 steps', () => {
  const train = makeWaveformDataset({ seed: 1, count: 240, length: 128 });
  const validation = makeWaveformDataset({ seed: 2, count: 120, length: 128 });
  const model = cp.createModel(classifierSpec({ inputLength: 128, classes: train.classes, seed: 3 }));
  model.setDataset({ inputs: train.inputs, targets: train.targets, count: train.count });
  model.setValidation({ inputs: validation.inputs, targets: validation.targets, count: validation.count });
  const started = performance.now();
  let steps = 0;
  let accuracy = model.validationAccuracy();
  const history = [];
  while (steps < 3000 && accuracy < 0.95) {
    model.train(50, CLASSIFIER_LEARNING_RATE);
    steps += 50;
    accuracy = model.validationAccuracy();
    history.push(`${steps}: ${(accuracy * 100).toFixed(1)} %`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`# waveform classifier: validation accuracy ${(accuracy * 100).toFixed(1)} % after ${steps} steps `
    + `(${seconds.toFixed(2)} s in WASM, batch ${model.spec.batchSize}); training accuracy `
    + `${(model.accuracy() * 100).toFixed(1)} %`);
  assert.ok(accuracy >= 0.95, `validation accuracy after ${steps} steps: ${history.join(', ')}`);
  model.delete();
});

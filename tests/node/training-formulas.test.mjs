// The training step's equations (web/explain/training-equations.js) with their numbers against the core: the
// change of a weight the displayed update rule computes from the model's views (gradWeight, velocity, adamM, adamV)
// equals the change the core made in that step, for every optimizer, with and without weight decay and batches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool } from '../../web/convpool.js';
import { batchGradTex, optimizerNumbers, optimizerTex } from '../../web/explain/training-equations.js';
import { initialTraining, trainingSpec } from '../../web/shared/schema.js';
import { datasetExamples, packExamples } from '../../web/shared/datasets.js';

const cp = await loadConvPool();

const CASES = [
  { optimizer: 'sgd' },
  { optimizer: 'sgd', weightDecay: 0.01 },
  { optimizer: 'sgd', momentum: 0.9 },
  { optimizer: 'sgd', momentum: 0.8, dampening: 0.3, weightDecay: 0.02 },
  { optimizer: 'sgd', momentum: 0.9, nesterov: true, weightDecay: 0.01 },
  { optimizer: 'adam' },
  { optimizer: 'adam', beta1: 0.7, beta2: 0.95, eps: 1e-6, weightDecay: 0.01 },
];

for (const options of CASES) {
  for (const batchSize of [1, 3]) {
    test(`the displayed ${JSON.stringify(options)} update, batch ${batchSize}, is the core's step`, () => {
      const training = { ...initialTraining(), ...options, batchSize };
      const model = cp.createModel({ inputLength: 32, inputChannels: 1, loss: 'mse', seed: 3, layers: [
        { type: 'conv1d', outChannels: 1, kernelSize: 5, padding: 'same' }, { type: 'activation', fn: 'tanh' }], ...trainingSpec(training) });
      const { train } = datasetExamples(cp, { preset: 'denoise', seed: 2, count: 7, validation: 0 }, 32);
      model.setDataset(packExamples(train, model));
      const eta = 0.05;
      for (let t = 1; t <= 6; t++) {
        const before = model.view('weight', 0).slice();
        model.train(1, eta);
        for (let k = 0; k < 5; k++) {
          const { change, lines } = optimizerNumbers(model, 0, k, training, eta);
          const actual = model.view('weight', 0)[k] - before[k];
          assert.ok(Math.abs(change - actual) <= 1e-5 * Math.max(1e-3, Math.abs(actual)) + 1e-7,
            `step ${t}, tap ${k}: the rule gives ${change}, the core changed the weight by ${actual}`);
          assert.ok(lines.every((line) => typeof line === 'string' && !line.includes('NaN')));
        }
      }
      assert.match(batchGradTex(model.layers[0], 0, batchSize), new RegExp(`\\\\sum_\\{b=1\\}\\^\\{${batchSize}\\}`));
      assert.ok(optimizerTex(training, eta).length >= 2);
      model.delete();
    });
  }
}

test('every training equation and its numbers typeset in KaTeX without an error', async () => {
  const katex = (await import('../../web/generated/vendor/katex/katex.mjs')).default;
  const model = cp.createModel({ inputLength: 16, inputChannels: 2, loss: 'sse', seed: 1, layers: [
    { type: 'conv1d', outChannels: 2, kernelSize: 3, padding: 'same' }], ...trainingSpec({ ...initialTraining(), optimizer: 'adam', batchSize: 2 }) });
  model.setInput(new Float32Array(32).fill(0.5));
  model.setTarget(new Float32Array(32));
  model.train(2, 0.01);
  for (const options of CASES) {
    const training = { ...initialTraining(), ...options };
    const lines = [batchGradTex(model.layers[0], 0, 2), ...optimizerTex(training, 0.01)];
    if (options.optimizer === 'adam') lines.push(...optimizerNumbers(model, 0, 1, training, 0.01).lines);
    for (const tex of lines) assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true }), tex);
  }
  model.delete();
});

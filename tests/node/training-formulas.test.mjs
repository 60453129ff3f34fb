// The training step's equations (web/explain/training-equations.js) with their numbers against the core, on the page's
// path: the session trains, records the step (θ before and after, the batch's gradient at θ before) and then
// re-evaluates every view at the new weights — so the numbers must come from that record, not from the views (issue
// 24, item 2: the panel used to show the gradient at θ_u; plain SGD with λ = 0.1 moved a weight by 0.004054 while the
// panel's rule gave −0.0867). For every optimizer, with and without weight decay and batches, the Δθ the displayed
// rule computes equals the change the core made, and the gradient shown is the one at θ_{u−1}.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool } from '../../web/convpool.js';
import { batchGradTex, optimizerNumbers, optimizerTex } from '../../web/explain/training-equations.js';
import { initialTraining, trainingSpec } from '../../web/shared/schema.js';
import { createSession } from '../../web/shared/session.js';
import { defaultExperiment } from '../../web/shared/experiment.js';
import { trainingDisplay } from '../../web/shared/training-display.js';

const cp = await loadConvPool();

const CASES = [
  { optimizer: 'sgd' },
  { optimizer: 'sgd', weightDecay: 0.1 },
  { optimizer: 'sgd', momentum: 0.9 },
  { optimizer: 'sgd', momentum: 0.8, dampening: 0.3, weightDecay: 0.02 },
  { optimizer: 'sgd', momentum: 0.9, nesterov: true, weightDecay: 0.1 },
  { optimizer: 'adam' },
  { optimizer: 'adam', beta1: 0.7, beta2: 0.95, eps: 1e-6, weightDecay: 0.01 },
];

for (const options of CASES) {
  for (const batchSize of [1, 3]) {
    test(`the displayed ${JSON.stringify(options)} update, batch ${batchSize}, is the core's step, on the page's path`, () => {
      const training = { ...initialTraining(), ...options, batchSize };
      const experiment = defaultExperiment();
      experiment.network = { inputLength: 32, inputChannels: 1, loss: 'mse', seed: 3, layers: [
        { type: 'conv1d', outChannels: 1, kernelSize: 5, stride: 1, padding: 'same', dilation: 1, paddingMode: 'zeros', bias: true },
        { type: 'activation', fn: 'tanh' }] };
      experiment.dataset = { preset: 'denoise', seed: 2, count: 7, validation: 0 };
      experiment.training = training;
      experiment.learningRate = 0.05;
      const session = createSession(cp);
      assert.equal(session.load(experiment), true);
      const model = session.model;
      for (let t = 1; t <= 6; t++) {
        const before = model.view('weight', 0).slice();
        session.train(1);
        const record = session.lastStep;
        assert.equal(record.u, t);
        for (let k = 0; k < 5; k++) {
          const { change, actual, lines } = optimizerNumbers(record, 0, k, training);
          assert.equal(actual, model.view('weight', 0)[k] - before[k], 'the record holds the real θ_u − θ_{u−1}');
          assert.ok(Math.abs(change - actual) <= 1e-5 * Math.max(1e-3, Math.abs(actual)) + 1e-7,
            `step ${t}, tap ${k}: the rule gives ${change}, the core changed the weight by ${actual}`);
          assert.ok(lines.every((line) => typeof line === 'string' && !line.includes('NaN') && !line.includes('undefined')));
        }
      }
      // the views were re-evaluated at θ_u: their gradient is not the step's (what the panel showed before)
      const viewGrad = model.view('gradWeight', 0)[2];
      assert.notEqual(viewGrad, session.lastStep.layers[0].grad.weight[2], 'the record keeps the gradient at θ_{u−1}');
      const display = trainingDisplay({ loss: 'mse', dataset: { count: 7, validationCount: 0 }, training, learningRate: 0.05 });
      const sum = batchGradTex(model.layers[0], 0, display, 32);
      assert.match(sum[0], new RegExp(`\\\\sum_\\{e=1\\}\\^\\{${batchSize}\\}`));
      assert.ok(optimizerTex(training, 0.05).length >= 2);
      model.delete();
    });
  }
}

test('every training equation and its numbers typeset in KaTeX without an error', async () => {
  const katex = (await import('../../web/generated/vendor/katex/katex.mjs')).default;
  for (const options of CASES) {
    const training = { ...initialTraining(), ...options, batchSize: 2 };
    const experiment = defaultExperiment();
    experiment.network = { inputLength: 16, inputChannels: 2, loss: 'sse', seed: 1, layers: [
      { type: 'conv1d', outChannels: 2, kernelSize: 3, stride: 1, padding: 'same', dilation: 1, paddingMode: 'zeros', bias: true }] };
    experiment.input = [{ preset: 'sines', cycles: 2, seed: 1 }, { preset: 'noise', cycles: 1, seed: 2 }];
    experiment.training = training;
    const session = createSession(cp);
    assert.equal(session.load(experiment), true);
    session.train(2);
    const display = session.display();
    const lines = [...batchGradTex(session.model.layers[0], 0, display, 32), ...optimizerTex(training, 0.01),
      ...optimizerNumbers(session.lastStep, 0, 1, training).lines];
    for (const tex of lines) assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true }), tex);
    session.model.delete();
  }
  assert.ok(trainingSpec(initialTraining()).batchSize === 1);
});

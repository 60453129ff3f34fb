// Data sets, mini-batches and optimizers through web/convpool.js against PyTorch 1.13 (tests/golden/training.json,
// made by tests/golden/training.py): every step's batch loss, the final weights, the training and validation
// losses, within 1e-4 relative (1e-5 absolute near zero). Then the optimizer rules torch.optim enforces
// (tests/golden/optimizer_errors.json), the data set's argument rules, and the state reset() clears.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool, ConvPoolError } from '../../web/convpool.js';
import { assertClose, floats, loadGolden } from '../helpers/golden.mjs';

const cp = await loadConvPool();
const { cases } = loadGolden('training.json');

function goldenModel(c) {
  const model = cp.createModel({
    inputLength: c.inputLength, inputChannels: c.inputChannels, layers: c.layers, loss: c.loss, seed: 1,
    batchSize: c.batchSize, shuffle: false, optimizer: c.optimizer, weightDecay: c.weightDecay,
  });
  const convs = model.layers.map((g, l) => (g.type === 'conv1d' ? l : -1)).filter((l) => l >= 0);
  convs.forEach((l, i) => model.setParameters(l, {
    weight: floats(c.initialParameters[i].weight), bias: floats(c.initialParameters[i].bias),
  }));
  model.setDataset({ inputs: floats(c.inputs), targets: floats(c.targets), count: c.count });
  model.setValidation({ inputs: floats(c.validationInputs), targets: floats(c.validationTargets), count: c.validationCount });
  return { model, convs };
}

test('every optimizer and batch configuration follows PyTorch step by step for 50 steps', () => {
  assert.ok(cases.length >= 10);
  const optimizers = new Set(cases.map((c) => c.optimizer.type + (c.optimizer.nesterov ? '+nesterov' : '')
    + (c.optimizer.momentum ? '+momentum' : '')));
  assert.ok(optimizers.has('sgd') && optimizers.has('sgd+momentum') && optimizers.has('sgd+nesterov+momentum')
    && optimizers.has('adam'), [...optimizers].join(', '));
  assert.ok(cases.some((c) => c.count % c.batchSize !== 0) && cases.some((c) => c.count % c.batchSize === 0));
  for (const c of cases) {
    const { model, convs } = goldenModel(c);
    const losses = c.learningRates.map((lr) => model.train(1, lr));
    assertClose(c.name, 'step loss', losses, c.losses);
    convs.forEach((l, i) => {
      const { weight, bias } = model.getParameters(l);
      assertClose(c.name, `layers[${l}].weight after 50 steps`, weight, c.finalParameters[i].weight);
      assertClose(c.name, `layers[${l}].bias after 50 steps`, bias, c.finalParameters[i].bias);
    });
    assertClose(c.name, 'training-set loss', [model.loss()], [c.trainLoss]);
    assertClose(c.name, 'validation loss', [model.validationLoss()], [c.validationLoss]);
    assert.equal(model.stepCount(), 50);
    model.delete();
  }
});

test('one train(50) call with a constant rate equals fifty train(1) calls, bit for bit', () => {
  const c = cases.find((k) => k.optimizer.type === 'adam');
  const a = goldenModel(c).model;
  const b = goldenModel(c).model;
  let last;
  for (let i = 0; i < 50; i++) last = a.train(1, 0.01);
  assert.equal(b.train(50, 0.01), last);
  assert.deepEqual(a.view('weight', 0), b.view('weight', 0));
  assert.deepEqual(a.view('adamV', 0), b.view('adamV', 0));
  a.delete();
  b.delete();
});

test('reset(seed) clears the optimizer state and the batch order: the run repeats exactly', () => {
  const c = cases.find((k) => k.optimizer.momentum && !k.optimizer.nesterov);
  const { model } = goldenModel(c);
  model.reset(7);
  const first = [model.train(13, 0.02), model.train(4, 0.01)];
  const velocity = model.view('velocity', 0).slice();
  assert.ok(velocity.some((v) => v !== 0), 'momentum left a velocity');
  model.reset(7);
  assert.ok(model.view('velocity', 0).every((v) => v === 0), 'reset cleared the velocity');
  assert.equal(model.stepCount(), 0);
  assert.deepEqual([model.train(13, 0.02), model.train(4, 0.01)], first);
  assert.deepEqual(model.view('velocity', 0), velocity);
  model.delete();
});

test('view() exposes the optimizer state of each conv layer, and only the chosen optimizer\'s', () => {
  const adam = goldenModel(cases.find((k) => k.optimizer.type === 'adam')).model;
  adam.train(3, 0.01);
  for (const name of ['adamM', 'adamMBias', 'adamV', 'adamVBias']) {
    const view = adam.view(name, 0);
    assert.equal(view.length, name.endsWith('Bias') ? adam.view('bias', 0).length : adam.view('weight', 0).length);
    assert.ok(view.some((v) => v !== 0), `${name} moved`);
  }
  assert.ok(adam.view('adamV', 0).every((v) => v >= 0), 'v is a mean of squares');
  assert.throws(() => adam.view('velocity', 0), (e) => e instanceof ConvPoolError && /velocity.*does not exist/.test(e.message));
  adam.delete();
});

test('setInput/setTarget still make a data set of one example, and loss() is then that example\'s', () => {
  const model = cp.createModel({ inputLength: 8, layers: [{ type: 'conv1d', kernelSize: 3, padding: 'same' }], loss: 'mse', seed: 3 });
  const x = Float32Array.from({ length: 8 }, (_, i) => Math.sin(i));
  const y = Float32Array.from({ length: 8 }, (_, i) => Math.cos(i));
  model.setDataset({ inputs: new Float32Array(16), targets: new Float32Array(16), count: 2 });
  assert.equal(model.exampleCount(), 2);
  model.setInput(x);
  model.setTarget(y);
  assert.equal(model.exampleCount(), 1);
  const twin = cp.createModel({ inputLength: 8, layers: [{ type: 'conv1d', kernelSize: 3, padding: 'same' }], loss: 'mse', seed: 3 });
  twin.setDataset({ inputs: x, targets: y, count: 1 });
  assert.equal(model.train(20, 0.1), twin.train(20, 0.1));
  assert.equal(model.loss(), twin.loss());
  assert.ok(Number.isNaN(model.validationLoss()), 'no validation set: NaN');
  model.delete();
  twin.delete();
});

test('shuffle: a seeded order, the same for the same seed, different from the documented order', () => {
  const c = cases.find((k) => k.count >= 8);
  const run = (shuffle, seed) => {
    const model = cp.createModel({ inputLength: c.inputLength, layers: c.layers, loss: c.loss, seed, batchSize: 2, shuffle });
    model.setDataset({ inputs: floats(c.inputs), targets: floats(c.targets), count: c.count });
    const losses = Array.from({ length: 12 }, () => model.train(1, 0.01));
    model.delete();
    return losses;
  };
  assert.deepEqual(run(true, 5), run(true, 5));
  assert.notDeepEqual(run(true, 5), run(false, 5));
  assert.notDeepEqual(run(true, 5), run(true, 6));
});

test('showExample puts one example in the views without touching the training order', () => {
  const c = cases[0];
  const { model } = goldenModel(c);
  const loss = model.showExample(2);
  assert.deepEqual(model.view('input'), floats(c.inputs).slice(2 * c.inputLength, 3 * c.inputLength));
  assert.ok(Number.isFinite(loss));
  model.showExample(1, { validation: true });
  assert.deepEqual(model.view('input'), floats(c.validationInputs).slice(c.inputLength, 2 * c.inputLength));
  assert.throws(() => model.showExample(c.count), (e) => e instanceof ConvPoolError && /index 5 must be at most 4/.test(e.message));
  assertClose(c.name, 'first step after showExample', [model.train(1, c.learningRates[0])], [c.losses[0]]);
  model.delete();
});

test('every optimizer setting torch.optim refuses throws ConvPoolError naming the field, value and rule', () => {
  const { cases: refused } = loadGolden('optimizer_errors.json');
  assert.ok(refused.length >= 8);
  const rules = {
    sgd_momentum_negative: /optimizer\.momentum -0\.5 must be at least 0/,
    sgd_weight_decay_negative: /weightDecay -0\.1 must be at least 0/,
    sgd_nesterov_without_momentum: /optimizer\.nesterov true requires momentum > 0 and dampening 0/,
    sgd_nesterov_with_dampening: /optimizer\.nesterov true requires momentum > 0 and dampening 0 \(momentum is 0\.9, dampening 0\.1\)/,
    adam_beta1_one: /optimizer\.beta1 1 must be in \[0, 1\)/,
    adam_beta1_negative: /optimizer\.beta1 -0\.1 must be in \[0, 1\)/,
    adam_beta2_above_one: /optimizer\.beta2 1\.5 must be in \[0, 1\)/,
    adam_eps_negative: /optimizer\.eps -1e-08 must be at least 0/,
    adam_weight_decay_negative: /weightDecay -1 must be at least 0/,
  };
  for (const c of refused) {
    assert.ok(rules[c.name], `no expected rule for ${c.name} (PyTorch: ${c.torchError})`);
    assert.throws(() => cp.createModel({ inputLength: 8, layers: [], optimizer: c.optimizer, weightDecay: c.weightDecay }),
      (e) => e instanceof ConvPoolError && rules[c.name].test(e.message), c.name);
  }
});

test('bad data set and training arguments throw ConvPoolError naming the argument, value and rule', () => {
  const model = cp.createModel({ inputLength: 8, inputChannels: 2, layers: [{ type: 'conv1d', kernelSize: 3 }], seed: 1 });
  const bad = [
    [() => model.setDataset({ inputs: new Float32Array(32), targets: new Float32Array(12), count: 3 }),
      /inputs has length 32 but must have length count \* inputChannels \* inputLength = 3 \* 2 \* 8 = 48/],
    [() => model.setDataset({ inputs: new Float32Array(48), targets: new Float32Array(12), count: 3 }),
      /targets has length 12 but must have length count \* outputChannels \* outputLength = 3 \* 1 \* 6 = 18/],
    [() => model.setDataset({ inputs: new Float32Array(0), targets: new Float32Array(0), count: 0 }), /count 0 must be at least 1/],
    [() => model.setDataset({ inputs: [], targets: [], count: 1.5 }), /count 1\.5 must be an integer/],
    [() => model.setDataset({ inputs: 'abc', targets: [], count: 1 }), /inputs 'abc' must be a Float32Array/],
    [() => model.setDataset({ inputs: [], targets: [], count: 1, labels: [] }), /unknown field 'labels'/],
    [() => model.setDataset(null), /setDataset argument null must be an object/],
    [() => model.setValidation({ inputs: [], targets: [], count: -1 }), /count -1 must be at least 1/],
    [() => model.setDataset({ inputs: new Float32Array(16 * 70000), targets: new Float32Array(6 * 70000), count: 70000 }),
      /count 70000 must be at most 65536 \(the data set cap\)/],
    [() => model.showExample(-1), /index -1 must be at least 0/],
    [() => cp.createModel({ inputLength: 8, layers: [], batchSize: 0 }), /batchSize 0 must be at least 1/],
    [() => cp.createModel({ inputLength: 8, layers: [], batchSize: 5000 }), /batchSize 5000 must be at most 4096 \(the batch size cap\)/],
    [() => cp.createModel({ inputLength: 8, layers: [], shuffle: 'yes' }), /shuffle 'yes' must be true or false/],
    [() => cp.createModel({ inputLength: 8, layers: [], optimizer: { type: 'rmsprop' } }), /optimizer\.type 'rmsprop' must be one of 'sgd', 'adam'/],
    [() => cp.createModel({ inputLength: 8, layers: [], optimizer: 'adam' }), /optimizer 'adam' must be an object with a 'type'/],
    [() => cp.createModel({ inputLength: 8, layers: [], optimizer: { type: 'adam', momentum: 0.9 } }), /optimizer has an unknown field 'momentum'/],
    [() => cp.createModel({ inputLength: 8, layers: [], optimizer: { type: 'sgd', momentum: NaN } }), /optimizer\.momentum NaN must be a finite number/],
    [() => cp.createModel({ inputLength: 8, layers: [], optimizer: { type: 'sgd', nesterov: 1 } }), /optimizer\.nesterov 1 must be true or false/],
    [() => cp.createModel({ inputLength: 8, layers: [], weightDecay: Infinity }), /weightDecay Infinity must be a finite number/],
  ];
  for (const [call, rule] of bad) {
    assert.throws(call, (e) => e instanceof ConvPoolError && rule.test(e.message), String(rule));
  }
  // Refused calls changed nothing: the model still trains its one example.
  assert.equal(model.exampleCount(), 1);
  assert.ok(Number.isFinite(model.train(2, 0.01)));
  model.delete();
});

test('after a step the network\'s dC/dx_in is the one of the batch\'s last example, as the views show it', () => {
  const c = cases.find((k) => k.loss === 'sse' && k.batchSize > 1);  // sse: an example's share is its own gradient
  const { model } = goldenModel(c);
  const { model: twin } = goldenModel(c);
  const last = (c.batchSize - 1) % c.count;  // step 0's last position
  twin.showExample(last);                     // at the weights before the step
  model.train(1, c.learningRates[0]);
  assert.deepEqual(model.view('input'), twin.view('input'));
  assert.deepEqual(model.view('gradInput'), twin.view('gradInput'));
  assert.ok(model.view('gradInput').some((v) => v !== 0));
  model.delete();
  twin.delete();
});

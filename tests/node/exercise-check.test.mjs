// Goal checks against the real WASM core (web/shared/exercise/check.js, session.js): the true values a learner is asked
// for equal what the core's own functions compute, wrong answers get feedback, settings are checked by building models.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConvPool } from '../../web/convpool.js';
import {
  checkExercise, equationFor, modelProbe, parseTyped, trySetting, wrongAnswerFeedback,
} from '../../web/shared/exercise/check.js';
import { prepareExercise, validateExercise } from '../../web/shared/exercise/model.js';
import { hiddenQuantities } from '../../web/shared/exercise/hidden.js';
import { createExerciseSession, exerciseEvent, readSuspendData, suspendData } from '../../web/shared/exercise/session.js';
import { random } from '../helpers/random.mjs';
import { LAYER_TYPES } from '../../web/layers/registry.js';
import { ANSWER_QUANTITIES } from '../../web/shared/exercise/goals/answer.js';

const cp = await loadConvPool();

const SPEC = {
  inputLength: 20, inputChannels: 2, loss: 'sse', seed: 3,
  layers: [
    { type: 'conv1d', outChannels: 2, kernelSize: 3, padding: 2, dilation: 2, paddingMode: 'reflect' },
    { type: 'activation', fn: 'tanh' },
    { type: 'maxpool1d', kernelSize: 3, stride: 2, padding: 1, ceilMode: true },
  ],
};

function trainedModel(spec = SPEC, steps = 3) {
  const model = cp.createModel(spec);
  const rand = random(11);
  model.setInput(Float32Array.from({ length: spec.inputChannels * spec.inputLength }, () => rand() * 2 - 1));
  model.setTarget(Float32Array.from({ length: model.outputChannels * model.outputLength }, () => rand() * 2 - 1));
  model.train(steps, 0.05);
  return model;
}

/** Equal up to float32 rounding (the model and cp.conv1d may sum in a different order). */
function close(actual, expected, what) {
  assert.ok(Math.abs(actual - expected) <= 1e-5 * Math.abs(expected) + 1e-6, `${what}: ${actual} vs the core's ${expected}`);
}

const answerGoal = (fields) => validateExercise({ title: 't', goals: [{ type: 'answer', ...fields }] }).goals[0];

test("true values are the core's own: every y, ∂C/∂x, ∂C/∂W, ∂C/∂b entry and output length", () => {
  const model = trainedModel();
  try {
    const probe = modelProbe(model);
    const truth = (fields) => probe.trueValue(answerGoal(fields));
    // The conv layer recomputed by cp.conv1d from the model's current weights and its upstream gradient.
    model.evaluate();
    const g = model.layers[0];
    const { weight, bias } = model.getParameters(0);
    const conv = cp.conv1d({
      x: model.view('input', 0).slice(), inChannels: 2, outChannels: 2, kernelSize: 3, w: weight, b: bias,
      padding: 2, dilation: 2, paddingMode: 'reflect', gradOut: model.view('gradOutput', 0).slice(),
    });
    assert.equal(truth({ quantity: 'outputLength', layer: 0 }), conv.outLength);
    for (let o = 0; o < 2; o++) {
      close(truth({ quantity: 'db', layer: 0, channel: o }), conv.db[o], `db[${o}]`);
      for (let t = 0; t < g.outLength; t++) close(truth({ quantity: 'y', layer: 0, channel: o, index: t }), conv.y[o * g.outLength + t], `y[${o}, ${t}]`);
      for (let c = 0; c < 2; c++) {
        for (let k = 0; k < 3; k++) {
          close(truth({ quantity: 'dw', layer: 0, channel: o, inChannel: c, index: k }), conv.dw[(o * 2 + c) * 3 + k], `dw[${o}, ${c}, ${k}]`);
        }
      }
    }
    for (let c = 0; c < 2; c++) {
      for (let i = 0; i < 20; i++) close(truth({ quantity: 'dx', layer: 0, channel: c, index: i }), conv.dx[c * 20 + i], `dx[${c}, ${i}]`);
    }
    // The pool layer recomputed by cp.maxPool1d.
    const p = model.layers[2];
    const pool = cp.maxPool1d({
      x: model.view('input', 2).slice(), channels: 2, kernelSize: 3, stride: 2, padding: 1, ceilMode: true,
      gradOut: model.view('gradOutput', 2).slice(),
    });
    assert.equal(truth({ quantity: 'outputLength', layer: 2 }), pool.outLength);
    for (let t = 0; t < p.outLength; t++) close(truth({ quantity: 'y', layer: 2, channel: 1, index: t }), pool.y[p.outLength + t], `pool y[1, ${t}]`);
    for (let i = 0; i < p.inLength; i++) close(truth({ quantity: 'dx', layer: 2, channel: 1, index: i }), pool.dx[p.inLength + i], `pool dx[1, ${i}]`);
    // Entries that do not exist are refused with a message, never read out of bounds.
    assert.throws(() => truth({ quantity: 'dw', layer: 2 }), /maxpool1d layer: it has no ∂C\/∂W/);
    assert.throws(() => truth({ quantity: 'y', layer: 0, index: 999 }), (e) => e.message.includes(`outside the layer's shape [2, ${g.outLength}]`));
    assert.throws(() => truth({ quantity: 'y', layer: 5 }), /layer 6 does not exist/);
  } finally {
    model.delete();
  }
});

test('the probe evaluates at the current weights: after a step the true gradient is the new one', () => {
  const model = trainedModel(SPEC, 0);
  try {
    const probe = modelProbe(model);
    const goal = answerGoal({ quantity: 'dw', layer: 0, index: 1 });
    probe.trueValue(goal);
    model.train(1, 0.05);
    const ofTheStep = model.view('gradWeight', 0)[1];  // what train() left: the gradient at the weights before the update
    probe.invalidate();                                 // as session.js does before each check
    const truth = probe.trueValue(goal);
    model.evaluate();
    assert.equal(truth, model.view('gradWeight', 0)[1]);
    assert.notEqual(truth, ofTheStep, 'the gradient at the updated weights, not the one of the step');
  } finally {
    model.delete();
  }
});

test('typed answers: right within the relative tolerance, wrong ones say how far off and, after a hint, which equation', async () => {
  const model = trainedModel();
  try {
    const probe = modelProbe(model);
    const exercise = validateExercise({
      title: 'gradients',
      goals: [
        { type: 'answer', quantity: 'dw', layer: 0, channel: 1, inChannel: 0, index: 2, hints: ['δ first'] },
        { type: 'answer', quantity: 'outputLength', layer: 2 },
      ],
    });
    const truth = probe.trueValue(exercise.goals[0]);
    const length = probe.trueValue(exercise.goals[1]);
    const events = [];
    const session = createExerciseSession({ exercise, probe, onChange: (result, event) => events.push(event) });
    assert.deepEqual(session.result().goals.map((g) => g.met), [false, false]);

    let result = await session.answer(0, truth * 1.3);
    assert.equal(result.goals[0].met, false);
    assert.match(result.goals[0].detail, /too (large|small), by 10 to 50 %/);
    assert.doesNotMatch(result.goals[0].detail, /Look at/, 'no equation before a hint');
    assert.equal(session.revealHint(0), 'δ first');
    result = session.result();
    assert.ok(result.goals[0].detail.includes(equationFor('dw', probe.geometry(0))), result.goals[0].detail);
    result = await session.answer(0, truth / 2);
    assert.match(result.goals[0].detail, /exactly half/);
    result = await session.answer(0, -truth);
    assert.match(result.goals[0].detail, /wrong sign/);
    result = await session.answer(0, String(truth * (1 + 5e-4)).replace('-', '−'));
    assert.equal(result.goals[0].met, true, 'within 1e-3 relative, typed with a minus sign');
    assert.equal(events.length, 1);
    assert.deepEqual(events[0], { convpool: 1, event: 'exercise', passed: false, score: 0.5, goals: [
      { text: 'Type ∂C/∂W[1, 0, 2] of layer 1', met: true }, { text: 'Type the output length of layer 3', met: false }] });

    result = await session.answer(1, length + 1);
    assert.match(result.goals[1].detail, /too long by one/);
    result = await session.answer(1, 'ten');
    assert.match(result.goals[1].detail, /ten is not a number/);
    result = await session.answer(1, length);
    assert.equal(result.passed, true);
    assert.equal(result.score, 1);
    assert.equal(events.at(-1).passed, true);
    await assert.rejects(session.answer(5, 1), /goalIndex 5 must be a whole number from 0 to 1/);
  } finally {
    model.delete();
  }
});

test('a hint points at an equation for every quantity a goal can ask of each layer type, and only for those', () => {
  // every registered type, with the options that change its words (avg-pool's divisor, global max or avg, a bias)
  const spec = {
    inputLength: 12, inputChannels: 2, loss: 'sse', seed: 5,
    layers: [
      { type: 'conv1d', outChannels: 2, kernelSize: 3, padding: 1 },
      { type: 'activation', fn: 'relu' },
      { type: 'maxpool1d', kernelSize: 2, stride: 1 },
      { type: 'avgpool1d', kernelSize: 3, stride: 1, padding: 1, countIncludePad: false },
      { type: 'globalpool', op: 'max' },
      { type: 'linear', outFeatures: 3 },
    ],
  };
  const model = trainedModel(spec, 1);
  try {
    const probe = modelProbe(model);
    assert.deepEqual(model.layers.map((g) => g.type), LAYER_TYPES, 'the network has one layer of each registered type');
    const seen = new Set();
    model.layers.forEach((g, layer) => {
      for (const quantity of ANSWER_QUANTITIES) {
        let askable = true;
        try { probe.trueValue(answerGoal({ quantity, layer })); } catch { askable = false; }
        const equation = equationFor(quantity, g);
        if (askable) {
          assert.equal(typeof equation, 'string', `layer ${layer + 1} (${g.type}): no equation for ${quantity}, which a goal can ask`);
          assert.ok(equation.length > 10, `${g.type} ${quantity}: "${equation}"`);
          seen.add(equation);
        } else assert.equal(equation, null, `${g.type} ${quantity} cannot be asked, yet has the equation "${equation}"`);
      }
    });
    assert.match(equationFor('dx', model.layers[3]), /padding not counted/, 'avg-pool without count_include_pad says so');
    assert.match(equationFor('y', model.layers[4]), /max_i/, 'global max pool: a maximum');
    assert.match(equationFor('y', model.layers[5]), /b\[o\]/, 'linear with a bias: b[o]');
    assert.equal(seen.size, 3 * LAYER_TYPES.length + 2, 'each type has its own words (conv1d also for ∂C/∂W and ∂C/∂b)');
  } finally {
    model.delete();
  }
});

test('wrong-answer feedback names no true value', () => {
  const goal = answerGoal({ quantity: 'y', layer: 0 });
  for (const [typed, truth] of [[1.234, 0.5678], [-3, 7.25], [0.1, 0]]) {
    const text = wrongAnswerFeedback(goal, typed, truth);
    assert.ok(!text.includes(String(truth)) || truth === 0, `"${text}" must not name ${truth}`);
  }
});

test('a setting goal is checked from the geometry the core computes when it builds the network', () => {
  const goal = validateExercise({
    title: 's', goals: [{ type: 'setting', layer: 0, quantity: 'outLength', equals: 20, keep: { kernelSize: 3, paddingMode: 'reflect' } }],
  }).goals[0];
  // padding 2 with dilation 2 keeps 20; padding 1 does not; 'same' does; 'zeros' breaks the kept mode;
  // padding 20 with reflect is refused by the core (p must be < N) and so cannot hold.
  assert.equal(trySetting(cp, SPEC, 0, {}, goal).holds, true);
  assert.equal(trySetting(cp, SPEC, 0, { padding: 1 }, goal).holds, false);
  assert.equal(trySetting(cp, SPEC, 0, { padding: 'same' }, goal).holds, true);
  assert.equal(trySetting(cp, SPEC, 0, { paddingMode: 'zeros' }, goal).holds, false);
  const refusedByCore = trySetting(cp, SPEC, 0, { padding: 20 }, goal);
  assert.equal(refusedByCore.holds, false);
  assert.match(refusedByCore.error, /padding 20 must be smaller than the input length 20/);
  assert.equal(cp.liveModels(), 0, 'trySetting frees every model it builds');
});

test('lossBelow: met at or below the value, within maxSteps; once met it stays met', () => {
  const model = trainedModel(SPEC, 0);
  try {
    const probe = modelProbe(model);
    const start = model.loss();
    const exercise = validateExercise({ title: 'l', goals: [{ type: 'lossBelow', value: start * 0.9, maxSteps: 50 }] });
    const session = createExerciseSession({ exercise, probe });
    assert.equal(session.result().passed, false);
    let steps = 0;
    while (!session.update().passed && steps < 50) { model.train(1, 0.05); steps++; }
    assert.equal(session.result().passed, true, `the loss fell to ${model.loss()} from ${start} in ${steps} steps`);
    model.train(100, 0.05);
    assert.equal(session.update().passed, true, 'still met after maxSteps: it was reached in time');
    assert.equal(session.progress().metAt[0], steps);

    const late = createExerciseSession({ exercise, probe });
    assert.equal(late.result().passed, false, `reached only after ${model.stepCount()} steps`);
    assert.match(late.result().goals[0].detail, /more than 50; reset and try again/);
  } finally {
    model.delete();
  }
});

test('choices are checked by hash; suspend data resumes answers, hints and re-checks stored choices', async () => {
  const model = trainedModel();
  try {
    const probe = modelProbe(model);
    const exercise = await prepareExercise({
      title: 'c', goals: [
        { type: 'choice', question: 'Pooling pads with', options: ['0', '−∞', 'the edge'], correct: '−∞' },
        { type: 'answer', quantity: 'y', layer: 0, hints: ['one', 'two'] },
      ],
    });
    const session = createExerciseSession({ exercise, probe });
    assert.equal((await session.answer(0, '0')).goals[0].met, false);
    assert.equal((await session.answer(0, 1)).goals[0].met, true);
    await session.answer(1, 0.25);
    session.revealHint(1);
    const saved = suspendData({ fragment: 'v=1&n=20', progress: session.progress() });
    assert.ok(saved.length <= 4096);

    const stored = readSuspendData(saved);
    assert.equal(stored.fragment, 'v=1&n=20');
    const resumed = createExerciseSession({ exercise, probe, progress: stored.progress });
    await resumed.ready;
    assert.equal(resumed.result().goals[0].met, true);
    assert.deepEqual(resumed.hintsShown(1), ['one']);
    assert.equal(resumed.progress().answers[1], 0.25);

    // Suspend data edited to claim a wrong choice was right (or met earlier): the hash says otherwise.
    assert.ok(saved.startsWith('z2:'), 'suspend data is compressed');
    const forged = { v: 1, f: stored.fragment, p: { ...stored.progress, choices: { 0: '0' }, choiceMet: { 0: true },
      rightChoices: { 0: '0' }, everMet: { 0: true } } };
    const cheat = createExerciseSession({ exercise, probe, progress: readSuspendData(JSON.stringify(forged)).progress });
    await cheat.ready;
    assert.equal(cheat.result().goals[0].met, false);
    assert.equal(readSuspendData('{not json'), null);
  } finally {
    model.delete();
  }
});

test('checkExercise and exerciseEvent have the documented shapes', () => {
  const model = trainedModel();
  try {
    const exercise = validateExercise({ title: 'x', task: 'y', goals: [{ type: 'lossBelow', value: 1e9 }] });
    const result = checkExercise(exercise, modelProbe(model));
    assert.equal(result.passed, true);
    assert.equal(result.score, 1);
    const event = exerciseEvent(result);
    assert.deepEqual(Object.keys(event), ['convpool', 'event', 'passed', 'score', 'goals']);
    assert.deepEqual(Object.keys(event.goals[0]), ['text', 'met']);
  } finally {
    model.delete();
  }
});

test('typed numbers: a minus sign and a decimal comma are read; hidden plots are listed', () => {
  assert.equal(parseTyped('−0,25'), -0.25);
  assert.equal(parseTyped(' 1.5e-3 '), 0.0015);
  assert.ok(Number.isNaN(parseTyped('1,000.5')));
  assert.ok(Number.isNaN(parseTyped('')));
  const exercise = validateExercise({ title: 'h', goals: [
    { type: 'answer', quantity: 'dw', layer: 1, hidePlot: true }, { type: 'lossBelow', value: 1, hidePlot: true },
    { type: 'answer', quantity: 'y', layer: 0 }] });
  assert.deepEqual(hiddenQuantities(exercise), [{ quantity: 'dw', layer: 1 }, { quantity: 'loss', layer: null }]);
});

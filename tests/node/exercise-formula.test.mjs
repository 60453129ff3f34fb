// The formula goal through the exercise controller (the page's handle: setExercise / answer / exercise()) with a real
// WASM model: every form contract §10 lists is accepted on its layers, wrong ones refused with a detail, unreadable
// text answered with a message (never an exception); the goal reports like any other (events, SCORM score and suspend
// data) and the learner's formula travels in the link.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConvPool } from '../../web/convpool.js';
import { createExerciseController } from '../../web/shared/exercise/controller.js';
import { readSuspendData } from '../../web/shared/exercise/session.js';
import { validateExercise } from '../../web/shared/exercise/model.js';
import { recordingLms } from '../helpers/recording-lms.mjs';

const cp = await loadConvPool();

// A conv layer, a ReLU and a max-pool: δ of each layer is a real ∂C/∂x_out from the loss.
const FRAGMENT = 'v=1&n=24&ch=1&layers=conv-k3-o1-s1-d1-psame-mzeros-b1,act-relu,pool-k2-s1-p0-d1-c0&loss=sse&seed=2'
  + '&in0=sine-2-0&target=same&lr=0.05&spf=1&steps=0';

function modelFor(layers, n = 24) {
  const m = cp.createModel({ inputLength: n, inputChannels: 1, loss: 'sse', seed: 2, layers });
  m.setInput(cp.generateSignal('sine', n, { cycles: 2 }));
  m.setTarget(cp.generateSignal('square', m.outputLength, { cycles: 3 }));
  return m;
}

function page(model, extra = {}) {
  const posted = [];
  const controller = createExerciseController({
    model: () => model, fragment: () => FRAGMENT, post: (message) => posted.push(message), scormApi: null,
    singleFileHtml: async () => '', ...extra,
  });
  return { controller, posted };
}

const conv = (fields) => ({ type: 'conv1d', outChannels: 1, kernelSize: 3, stride: 1, padding: 0, dilation: 1,
  paddingMode: 'zeros', bias: true, ...fields });
const pool = (fields) => ({ type: 'maxpool1d', kernelSize: 2, stride: 1, padding: 0, dilation: 1, ceilMode: false, ...fields });

// Contract §10's forms, each on layers it describes (layer 0 of each network; a ReLU after it makes δ real).
const FORMS = [
  [String.raw`b + \sum_{k=0}^{K-1} W_{k} x_{t s + k d - p}`, 'y',
    [conv({ padding: 1 }), conv({ stride: 2, padding: 2, kernelSize: 4 }), conv({ dilation: 3, padding: 2 })]],
  [String.raw`b+\sum_{k=0}^{K-1}W[k]\cdot xpad[t+k]`, 'y',
    [conv({ padding: 'same', paddingMode: 'reflect' }), conv({ padding: 2, kernelSize: 5, paddingMode: 'replicate' }),
      conv({ padding: 1, paddingMode: 'circular' }), conv({ padding: 1 })]],
  [String.raw`\sum_{t=0}^{M-1} \delta_{t} x_{t s + k d - p}`, 'dw', [conv({ padding: 1 }), conv({ stride: 3, dilation: 2, padding: 3 })]],
  [String.raw`\sum_{t=0}^{M-1} \delta_t`, 'db', [conv({ padding: 1 }), conv({ paddingMode: 'reflect', padding: 1 })]],
  [String.raw`\sum_{k=0}^{K-1} W_{k} \delta_{i + p - k}`, 'dx', [conv({ padding: 1 }), conv({ padding: 'same', kernelSize: 5 })]],
  [String.raw`\sum_{t=0}^{M-1}\sum_{k=0}^{K-1} [t s + k d - p = i] W_k \delta_t`, 'dx',
    [conv({ padding: 1 }), conv({ stride: 2, dilation: 2, padding: 3, kernelSize: 4 })]],
  [String.raw`\max_{k=0}^{K-1} x_{t + k}`, 'y', [pool({}), pool({ kernelSize: 3 })]],
];

test('every form of contract §10 is accepted on the layers it describes, through setExercise + answer', async () => {
  for (const [text, quantity, layers] of FORMS) {
    for (const layer of layers) {
      const m = modelFor([layer, { type: 'activation', fn: 'tanh' }]);
      try {
        const { controller } = page(m);
        await controller.setExercise({ title: 'Derive it', goals: [{ type: 'formula', quantity, layer: 0 }] });
        assert.equal(controller.exercise().goals[0].met, false);
        assert.equal(controller.exercise().goals[0].detail, 'no answer yet');
        const result = await controller.answer(0, text);
        assert.ok(result.goals[0].met, `${quantity} ${JSON.stringify(layer)}: ${text}\n  → ${result.goals[0].detail}`);
        assert.equal(result.passed, true);
        assert.equal(result.score, 1);
      } finally {
        m.delete();
      }
    }
  }
});

test("§10's wrong examples are refused with a detail; unreadable text gets a message, never an exception", async () => {
  const m = modelFor([conv({ padding: 1 }), { type: 'activation', fn: 'tanh' }]);
  try {
    const { controller } = page(m);
    await controller.setExercise({ title: 'Derive it', goals: [
      { type: 'formula', quantity: 'dx', layer: 0 }, { type: 'formula', quantity: 'y', layer: 0 }] });
    let r = await controller.answer(0, String.raw`\delta_{i}`);
    assert.equal(r.goals[0].met, false);
    assert.match(r.goals[0].detail, /kernel is missing: a common mistake is ∂C\/∂x_in = ∂C\/∂x_out · g′\(x_in\)/);
    r = await controller.answer(1, String.raw`\sum_{k=0}^{K-1} W_{k} x_{t-k}`);
    assert.equal(r.goals[1].met, false);
    assert.match(r.goals[1].detail, /a convolution, not a correlation/);
    for (const text of ['x_{t', String.raw`\sum_k`, '', '((((', 'W_k +', '\\', 'ŷ']) {
      r = await controller.answer(1, text);
      assert.equal(r.goals[1].met, false, text);
      assert.ok(r.goals[1].detail.length > 10, `${JSON.stringify(text)} → ${r.goals[1].detail}`);
    }
    r = await controller.answer(1, 'x_{t');
    assert.match(r.goals[1].detail, /^The page cannot read this formula: expected “}” to close the “{” at character 3 at the end\.$/);
    await assert.rejects(controller.answer(1, 42), /answer 42 must be the formula as text/);
    await assert.rejects(controller.answer(1, 'x'.repeat(5000)), /has 5000 characters; a formula may have at most 4000/);
  } finally {
    m.delete();
  }
});

test('the formula goal validates its fields: quantity, layer, tolerance; a layer it cannot judge says why', async () => {
  assert.throws(() => validateExercise({ title: 't', goals: [{ type: 'formula', quantity: 'dz', layer: 0 }] }),
    /goals\[0\]\.quantity 'dz' must be one of y, dx, dw, db/);
  assert.throws(() => validateExercise({ title: 't', goals: [{ type: 'formula', quantity: 'y', layer: 0, tolerance: 2 }] }),
    /goals\[0\]\.tolerance 2 must be a relative tolerance above 0 and below 1/);
  assert.throws(() => validateExercise({ title: 't', goals: [{ type: 'formula', quantity: 'y', layer: 0, index: 3 }] }),
    /goals\[0\] has an unknown field 'index'/);
  assert.equal(validateExercise({ title: 't', goals: [{ type: 'formula', quantity: 'y', layer: 0 }] }).goals[0].tolerance, 1e-4);
  const m = modelFor([conv({ padding: 1 }), { type: 'activation', fn: 'tanh' }, pool({})]);
  try {
    const { controller } = page(m);
    await controller.setExercise({ title: 't', goals: [{ type: 'formula', quantity: 'dw', layer: 2 },
      { type: 'formula', quantity: 'y', layer: 1 }] });
    let r = await controller.answer(0, 'x_k');
    assert.match(r.goals[0].detail, /cannot be checked on the current network: a max-pool 1d layer has no ∂C\/∂W/);
    r = await controller.answer(1, 'x_t');
    assert.match(r.goals[1].detail, /layer 2 is an activation layer; a formula goal needs a conv1d or max-pool 1d layer/);
  } finally {
    m.delete();
  }
});

test('a formula goal reports like any other: events, SCORM score and suspend data; the formula travels in the link', async () => {
  const m = modelFor([conv({ padding: 'same' }), { type: 'activation', fn: 'relu' }, pool({})]);
  const api = recordingLms();
  try {
    const { controller, posted } = page(m, { scormApi: api });
    controller.startScorm();
    await controller.setExercise({ title: 'Derive it', goals: [{ type: 'formula', quantity: 'db', layer: 0 },
      { type: 'formula', quantity: 'y', layer: 2 }] });
    await controller.answer(0, String.raw`\sum_{t=0}^{M-1} \delta_t`);
    const event = posted.at(-1);
    assert.deepEqual({ ...event, goals: event.goals.map((g) => g.met) },
      { convpool: 1, event: 'exercise', passed: false, score: 0.5, goals: [true, false] });
    assert.equal(api.data['cmi.core.score.raw'], '50');
    const typed = String.raw`\max_{k=0}^{K-1} x_{t+k}`;
    await controller.answer(1, typed);
    assert.equal(api.data['cmi.core.lesson_status'], 'passed');
    assert.equal(api.data['cmi.core.score.raw'], '100');
    // each check is one interaction record: the formula as typed, 'fill-in', right or wrong
    const records = Object.keys(api.data).filter((k) => /^cmi\.interactions\.\d+\.type$/.test(k));
    assert.equal(records.length, 2);
    assert.equal(api.data['cmi.interactions.1.type'], 'fill-in');
    assert.equal(api.data['cmi.interactions.1.student_response'], typed);
    assert.equal(api.data['cmi.interactions.1.result'], 'correct');
    const stored = readSuspendData(api.data['cmi.suspend_data']);
    assert.equal(stored.progress.formulas[1], typed);
    // The link: getState() carries the learner's formulas; opening it shows them judged again.
    const state = controller.state();
    assert.match(state, /&ex=1\.[^&]+&fx=[A-Za-z0-9+\-$]+$/);
    const other = page(m);
    await other.controller.load(state, async (experiment) => assert.doesNotMatch(experiment, /fx=|ex=/));
    assert.equal(other.controller.progress().formulas[1], typed);
    assert.equal(other.controller.exercise().passed, true);
  } finally {
    m.delete();
  }
});

test('a reload keeps the typed formulas (local storage keyed by the exercise), without fx= in the link', async () => {
  const m = modelFor([conv({ padding: 'same' }), { type: 'activation', fn: 'relu' }, pool({})]);
  try {
    const kept = new Map();
    const storage = { get: (k) => kept.get(k) ?? null, set: (k, v) => kept.set(k, v) };
    const exercise = { title: 'Reload', goals: [{ type: 'formula', quantity: 'db', layer: 0 }, { type: 'formula', quantity: 'y', layer: 2 }] };
    const first = page(m, { storage }).controller;
    await first.setExercise(exercise);
    const right = String.raw`\sum_{t=0}^{M-1} \delta_t`;
    const wrong = String.raw`\max_{k=0}^{K-1} x_{t-k}`;
    await first.answer(0, right);
    await first.answer(1, wrong);
    // the link without the learner's formulas (as a bookmark of the exercise alone): local storage brings them back
    const link = first.state().replace(/&fx=[^&]*$/, '');
    assert.doesNotMatch(link, /fx=/);
    const again = page(m, { storage }).controller;  // F5: a new page on the same exercise
    const result = (await again.load(link, async () => {})).exercise;
    assert.deepEqual(again.progress().formulas, { 0: right, 1: wrong }, 'both typed formulas after the reload');
    assert.deepEqual(result.goals.map((g) => g.met), [true, false], 'judged again: the right one met, the wrong one not');
    const other = page(m, { storage }).controller;
    await other.setExercise({ ...exercise, title: 'another' });
    assert.deepEqual(other.progress().formulas, {}, 'another exercise does not see them');
  } finally {
    m.delete();
  }
});

// The lessons' formula goals (web/shared/exercise/lessons.js) on the lessons' own networks, after the learner met their
// setting goals: a right derivation is accepted and the classic mistake the hints warn of is refused.
const LESSON_FORMULAS = {
  '1a': { change: { padding: 1 }, goals: {
    y: [String.raw`b + \sum_{k=0}^{K-1} W_k x_{t+k-p}`, String.raw`b + \sum_{k=0}^{K-1} W_{K-1-k} x_{t+k-p}`, /convolution, not a correlation/],
  } },
  '1b': { goals: {
    dx: [String.raw`\sum_{t=0}^{M-1}\sum_{k=0}^{K-1} [t s + k d - p = i] W_k \delta_t`, String.raw`\delta_i`, /kernel is missing/],
    dw: [String.raw`\sum_{t=0}^{M-1} \delta_t xpad_{t s + k d}`, String.raw`\delta_k x_k`, /wrong at/],
  } },
  '1c': { change: { padding: 2, paddingMode: 'reflect' }, goals: {
    y: [String.raw`b + \sum_{k=0}^{K-1} W_k xpad_{t+k}`, String.raw`b + \sum_{k=0}^{K-1} W_k x_{t+k-p}`, /the padded edges.*'reflect'/],
    dx: [String.raw`\sum_{t=0}^{M-1}\sum_{k=0}^{K-1} W_k \delta_t ([ts+kd-p=i] + [ts+kd-p<0][p-ts-kd=i] + [ts+kd-p>N-1][2N-2-ts-kd+p=i])`,
      String.raw`\sum_{t=0}^{M-1}\sum_{k=0}^{K-1} [ts+kd-p=i] W_k \delta_t`, /near the edges.*'reflect'/],
  } },
  '2a': { goals: {
    y: [String.raw`\max_{k=0}^{K-1} x_{t+k}`, String.raw`\max_{j=0}^{N-1} x_j`, /whole signal/],
    dx: [String.raw`\sum_{t=0}^{M-1} \delta_t [i = t s + d \arg\max_{k=0}^{K-1} xpad_{t s + k d} - p]`, String.raw`\delta_i`, /wrong at/],
  } },
  '2b': { change: { ceilMode: false }, goals: {
    y: [String.raw`\max_{k=0}^{K-1} xpad_{t s + k d}`, String.raw`\max_{k=0}^{K-1} x_{t s + k d - p}`, /pads with −∞, not 0/],
  } },
};

test('every lesson formula goal accepts a right derivation and refuses the mistake its hints name', async () => {
  const { LESSON_EXERCISES } = await import('../../web/shared/exercise/lessons.js');
  const { inputSignal, targetSignal } = await import('../../web/shared/signals.js');
  const { createFormulaJudge } = await import('../../web/shared/formula/judge.js');
  const judge = await createFormulaJudge();
  for (const { id, experiment, exercise } of LESSON_EXERCISES) {
    const goals = validateExercise(exercise).goals.filter((g) => g.type === 'formula');
    const plan = LESSON_FORMULAS[id];
    assert.equal(goals.length, plan ? Object.keys(plan.goals).length : 0, `lesson ${id}: formula goals`);
    if (!plan) continue;
    const network = structuredClone(experiment.network);
    const setting = exercise.goals.find((g) => g.type === 'setting');
    if (plan.change) Object.assign(network.layers[setting.layer], plan.change);
    const model = cp.createModel(network);
    try {
      const x = inputSignal(cp, experiment);
      model.setInput(x);
      model.setTarget(targetSignal(cp, experiment, model, x));
      for (const goal of goals) {
        const [right, wrong, detail] = plan.goals[goal.quantity];
        const accepted = judge(goal, right, model);
        assert.ok(accepted.met, `lesson ${id} ${goal.quantity}: ${right}\n  → ${accepted.detail}`);
        const refused = judge(goal, wrong, model);
        assert.equal(refused.met, false, `lesson ${id} ${goal.quantity} accepted ${wrong}`);
        assert.match(refused.detail, detail, `lesson ${id} ${goal.quantity}: ${wrong}`);
        assert.ok(goal.hints.length >= 2, `lesson ${id} ${goal.quantity}: hints that lead to the formula`);
      }
    } finally {
      model.delete();
    }
  }
});

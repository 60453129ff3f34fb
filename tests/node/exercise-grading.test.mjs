// Grading with exercises (issue 23): what a teacher needs before putting a grade on them, item by item, on the
// engine (web/shared/exercise/) with real WASM models, a recording LMS and scorm-again's SCORM 1.2 LMS.
// The page's side of the same items is tests/browser/exercise-grading.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { Scorm12API } from 'scorm-again/scorm12';
import { loadConvPool } from '../../web/convpool.js';
import { normalizeExperiment, serializeExperiment } from '../../web/shared/experiment.js';
import { createExerciseController } from '../../web/shared/exercise/controller.js';
import { hiddenRule } from '../../web/shared/exercise/hidden.js';
import { LESSON_EXERCISES } from '../../web/shared/exercise/lessons.js';
import { encodeExercise, fragmentWithExercise, readExerciseFragment } from '../../web/shared/exercise/link.js';
import { prepareExercise, sha256Hex, validateExercise } from '../../web/shared/exercise/model.js';
import { wrongAnswerFeedback } from '../../web/shared/exercise/check.js';
import { packSuspendData, readSuspendData } from '../../web/shared/exercise/session.js';
import { recordingLms } from '../helpers/recording-lms.mjs';

const cp = await loadConvPool();
const SPEC = { inputLength: 16, inputChannels: 1, loss: 'sse', seed: 2, layers: [{ type: 'conv1d', outChannels: 1, kernelSize: 3, padding: 0 }] };
const FRAGMENT = 'v=1&n=16&ch=1&layers=conv-k3-o1-s1-d1-p0-mzeros-b1&loss=sse&seed=2&in0=sine-2-0&target=same&lr=0.05&spf=1&steps=0';

function model(padding = 0) {
  const m = cp.createModel({ ...SPEC, layers: [{ ...SPEC.layers[0], padding }] });
  m.setInput(cp.generateSignal('sine', 16, { cycles: 2 }));
  m.setTarget(cp.generateSignal('sine', m.outputLength, { cycles: 2 }));
  return m;
}

/** A controller on a page whose model and fragment the test swaps (as the page's edits do). */
function pageWith({ models, fragment = FRAGMENT, scormApi = null, storage = null }) {
  const page = { model: models[0], fragment };
  const controller = createExerciseController({
    model: () => page.model, fragment: () => page.fragment, post: null, scormApi, storage,
    singleFileHtml: async () => '', measuredOn: () => 'the one example',
  });
  return { page, controller };
}

const lesson = (id) => LESSON_EXERCISES.find((l) => l.id === id);
const lessonFragment = (id) => serializeExperiment(normalizeExperiment(lesson(id).experiment).experiment);

test('item 1: one rule hides a goal\'s quantity wherever the model shows it (its plot, the next layer\'s input, δ of the layer below)', () => {
  const exercise = validateExercise({ title: 'h', goals: [
    { type: 'answer', quantity: 'y', layer: 0, hidePlot: true }, { type: 'answer', quantity: 'dx', layer: 1, hidePlot: true }] });
  const rule = hiddenRule(exercise);
  const m = cp.createModel({ ...SPEC, layers: [SPEC.layers[0], { type: 'maxpool1d', kernelSize: 2, stride: 1 }] });
  try {
    m.setInput(cp.generateSignal('sine', 16, { cycles: 2 }));
    m.setTarget(new Float32Array(m.outputLength));
    m.evaluate();
    const masked = rule.mask(m);
    assert.equal(rule.mask(m), masked, 'one masked model per model (views compare identity)');
    for (const [kind, layer] of [['output', 0], ['input', 1], ['gradInput', 1], ['gradOutput', 0]]) {
      assert.ok(masked.view(kind, layer).every(Number.isNaN), `${kind} of layer ${layer} is hidden`);
      assert.ok(m.view(kind, layer).some(Number.isFinite), `the core still has ${kind} of layer ${layer}`);
    }
    assert.ok(masked.view('output', 1).some(Number.isFinite), 'y of the pool is not asked for: shown');
    assert.ok(masked.view('gradWeight', 0).some(Number.isFinite), '∂C/∂W is not asked for: shown');
    const report = masked.gradientCheck({ maxPerTensor: 4 });
    const inputEntries = report.entries.filter((e) => e.tensor === 'input' && e.layer === 1);
    assert.ok(inputEntries.length > 0 && inputEntries.every((e) => Number.isNaN(e.analytic) && Number.isNaN(e.numeric)),
      'the gradient check does not list a hidden ∂C/∂x');
    assert.equal(masked.loss(), m.loss(), 'everything else is the model itself');
    assert.deepEqual([rule.hidesPlot('forward', 0, 2), rule.hidesPlot('backward', 1, 2), rule.hidesPlot('kernel', 0, 2)], [true, true, false]);
    assert.equal(hiddenRule(validateExercise({ title: 'n', goals: [{ type: 'lossBelow', value: 1 }] })).any, false);
    const lossRule = hiddenRule(validateExercise({ title: 'l', goals: [{ type: 'lossBelow', value: 1, hidePlot: true }] }));
    const lossMasked = lossRule.mask(m);
    assert.ok(lossRule.hidesLoss && Number.isNaN(lossMasked.loss()) && Number.isNaN(lossMasked.evaluate()), 'a hidden loss reads NaN');
    assert.ok(Number.isFinite(m.loss()), 'the core still has it');
    assert.equal(lossRule.hidesPlot('loss', null, 2), true);
  } finally {
    m.delete();
  }
});

test('item 2: lessons with loss goals lock the data set and training options; an edited data or optimizer lock is refused', async () => {
  for (const { id, exercise } of LESSON_EXERCISES) {
    if (!exercise.goals.some((g) => g.type === 'lossBelow')) continue;
    assert.ok(exercise.lock.includes('dataset'), `${id}: a loss goal measures the data set, so the lesson locks it`);
  }
  const { exercise } = lesson('diverge');
  const link = await fragmentWithExercise(lessonFragment('diverge'), exercise);
  assert.notEqual((await readExerciseFragment(link)).exercise, null, 'the lesson link opens');
  const [experiment, ex] = link.split('&ex=');
  for (const edit of ['&opt=adam', '&data=own-1-32-30.' + 'A'.repeat(331), '&bs=4', '&wd=0.1']) {
    const read = await readExerciseFragment(`${experiment}${edit}&ex=${ex}`);
    assert.equal(read.exercise, null, `${edit} added to the link is refused`);
    assert.match(read.problem, /changed after it was made/);
  }
});

test('item 2: a loss goal says what it is measured on and does not count on changed data', async () => {
  const m = model();
  try {
    const { page, controller } = pageWith({ models: [m] });
    page.fragment = `${FRAGMENT}&data=own-1-16-14.${'A'.repeat(160)}`;
    await controller.setExercise({ title: 'l', goals: [{ type: 'lossBelow', value: 1e-12 }] });
    page.fragment = `${FRAGMENT}&data=own-1-16-14.${'B'.repeat(160)}`;  // the learner's own examples instead
    m.setTarget(m.view('output'));  // (and a loss of 0 on them)
    const goal = controller.update().goals[0];
    assert.equal(goal.met, false);
    assert.match(goal.detail, /measured on the exercise's own data set/);
    page.fragment = `${FRAGMENT}&data=own-1-16-14.${'A'.repeat(160)}`;
    const back = controller.update().goals[0];
    assert.equal(back.met, true, back.detail);
    assert.match(back.detail, /on the one example/);
  } finally {
    m.delete();
  }
});

test('item 3: a met goal stays met for grading; the LMS never gets a lower score, nor another status after passed', async () => {
  const [short, same] = [model(0), model(1)];
  try {
    const api = recordingLms();
    const { page, controller } = pageWith({ models: [short], scormApi: api });
    controller.startScorm();
    await controller.setExercise({ title: 's', goals: [
      { type: 'setting', layer: 0, quantity: 'outLength', equals: 16 },
      { type: 'choice', question: 'q', options: ['a', 'b'], correct: 'b' }] });
    page.model = same;
    assert.equal(controller.update().score, 0.5);
    page.model = short;  // padding set back
    const undone = controller.update();
    assert.deepEqual(undone.goals.map((g) => [g.met, g.now]), [[true, false], [false, false]], 'met for grading, not now');
    assert.equal(undone.score, 0.5);
    await controller.answer(1, 'b');
    await controller.answer(1, 'a');  // a wrong choice after the right one
    page.model = same;
    controller.update();
    page.model = short;
    const last = controller.update();
    assert.equal(last.passed, true);
    assert.equal(last.score, 1);
    const scores = api.calls.filter((c) => c[0] === 'LMSSetValue' && c[1] === 'cmi.core.score.raw').map((c) => Number(c[2]));
    assert.deepEqual(scores, [...scores].sort((a, b) => a - b), `scores only go up: ${scores}`);
    assert.equal(scores.at(-1), 100);
    const statuses = api.calls.filter((c) => c[0] === 'LMSSetValue' && c[1] === 'cmi.core.lesson_status').map((c) => c[2]);
    assert.deepEqual(statuses, ['incomplete', 'passed']);

    // A second visit that starts the experiment over: the LMS keeps 100 and passed.
    api.data['cmi.core.entry'] = 'resume';
    api.calls.length = 0;
    const second = pageWith({ models: [short], scormApi: api });
    const resumed = second.controller.startScorm();
    await second.controller.load(resumed.fragment, () => {});
    assert.equal(second.controller.exercise().score, 1, 'the grade comes back with the suspend data');
    assert.ok(!api.calls.some((c) => c[0] === 'LMSSetValue' && ((c[1] === 'cmi.core.score.raw' && Number(c[2]) < 100)
      || (c[1] === 'cmi.core.lesson_status' && c[2] !== 'passed'))), 'nothing lower is written');
  } finally {
    short.delete();
    same.delete();
  }
});

test('item 4: suspend data is compressed; a > 4,096-character link comes back with the answers; past the limit it says what it dropped', async () => {
  const m = model();
  try {
    const rows = Array.from({ length: 40 }, () => [new Array(16).fill(0.5), new Array(14).fill(0.25)]);
    const base = normalizeExperiment({}).experiment;
    const long = serializeExperiment({ ...base, dataset: { own: rows, validation: 0 } });
    assert.ok(long.length > 4096, `the link has ${long.length} characters`);
    const api = recordingLms();
    const { controller } = pageWith({ models: [m], fragment: long, scormApi: api });
    controller.startScorm();
    await controller.setExercise({ title: 'a', goals: [{ type: 'answer', quantity: 'y', layer: 0 }, { type: 'answer', quantity: 'db', layer: 0 }] });
    await controller.answer(0, '0,123');
    const stored = api.data['cmi.suspend_data'];
    assert.ok(stored.length <= 4096, `suspend data of ${stored.length} characters`);
    const read = readSuspendData(stored);
    assert.equal(read.fragment.split('&ex=')[0], long, 'the learner\'s whole experiment');
    assert.ok(read.fragment.includes('&ex=1.'), 'with its exercise');
    assert.equal(read.progress.answers[0], '0,123');

    // Random data does not compress: then the progress is kept and the page is told the experiment was not.
    const noise = `data=own-1-1500-1.${randomBytes(6004).toString('base64url')}`;
    const packed = packSuspendData({ fragment: noise, progress: { answers: { 0: '1.5' }, everMet: { 1: true } } });
    assert.equal(packed.dropped, 'experiment');
    assert.deepEqual(readSuspendData(packed.text).progress.answers, { 0: '1.5' });
    assert.equal(readSuspendData('{"v":1,"f":"n=8","p":{}}').fragment, 'n=8', 'suspend data written before compression still reads');
  } finally {
    m.delete();
  }
});

test('item 4: a reload keeps the answers (local storage keyed by the exercise); another exercise does not see them', async () => {
  const m = model();
  try {
    const kept = new Map();
    const storage = { get: (k) => kept.get(k) ?? null, set: (k, v) => kept.set(k, v) };
    const first = pageWith({ models: [m], storage }).controller;
    const exercise = { title: 'r', goals: [{ type: 'answer', quantity: 'y', layer: 0 }, { type: 'choice', question: 'q', options: ['a', 'b'], correct: 'a' }] };
    await first.setExercise(exercise);
    m.evaluate();
    await first.answer(0, m.view('output', 0)[0]);
    await first.answer(1, 'a');
    const link = first.state();
    const again = pageWith({ models: [m], storage }).controller;  // F5: the same link, a new page
    const result = (await again.load(link, () => {})).exercise;
    assert.deepEqual(result.goals.map((g) => g.met), [true, true], '2 of 2 goals after the reload');
    assert.equal(again.progress().answers[0], m.view('output', 0)[0]);
    const other = pageWith({ models: [m], storage }).controller;
    await other.setExercise({ ...exercise, title: 'another' });
    assert.deepEqual(other.exercise().goals.map((g) => g.met), [false, false]);
  } finally {
    m.delete();
  }
});

test('item 5: SHA-256 without crypto.subtle gives the same digests: an existing link is unchanged and still opens', async () => {
  // A link made by the Web Crypto version of this code (before @noble/hashes): exercise, fragment and digest as written then.
  const exercise = { title: 'Same length', task: 'Make $N = 24$.', goals: [
    { type: 'setting', layer: 0, quantity: 'outLength', equals: 24, keep: { kernelSize: 3 } },
    { type: 'answer', quantity: 'y', layer: 0, channel: 0, index: 3, hidePlot: true },
    { type: 'choice', question: 'Which?', options: ['a', 'b'], salt: '30364ea88d56b03e7314c7784d082258',
      answerHash: '296f644817de0e2a384248a8d10c61e2728f79a2888a505c883cd7152f898f01' }],
  lock: ['signals', 'network'], hide: ['export'] };
  const fragment = 'v=1&n=24&ch=1&layers=conv-1-3-1-0-1-zeros-1&loss=sse&seed=42&in0=sine-2-0&target=filtered-0.25,0.5,0.25&lr=0.02';
  const subtle = Object.getOwnPropertyDescriptor(globalThis.crypto, 'subtle')
    ?? Object.getOwnPropertyDescriptor(Object.getPrototypeOf(globalThis.crypto), 'subtle');
  Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });  // as on http://course.example/
  try {
    const encoded = await encodeExercise(exercise, fragment);
    assert.equal(encoded.split('.').at(-1), 'bee12a6bb06e32e8319cab39e1bb47b7', 'the digest a Web Crypto page wrote');
    assert.equal(await sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 'FIPS 180-2 test vector');
    assert.notEqual((await readExerciseFragment(`${fragment}&ex=${encoded}`)).exercise, null);
    const prepared = await prepareExercise({ title: 'c', goals: [{ type: 'choice', question: 'q', options: ['a', 'b'], correct: 1 }] });
    assert.match(prepared.goals[0].answerHash, /^[0-9a-f]{64}$/);
  } finally {
    delete globalThis.crypto.subtle;
    if (!('subtle' in globalThis.crypto) && subtle) Object.defineProperty(globalThis.crypto, 'subtle', subtle);
  }
});

test('item 8: feedback fits the quantity: the factor 2 only for gradients; a wrong sign that is also off in size says both', () => {
  const goal = (quantity) => ({ quantity, tolerance: 1e-3 });
  assert.equal(wrongAnswerFeedback(goal('dw'), 0.5, -5.2e-4), 'of the wrong sign, and about 1000 times too large in size');
  assert.match(wrongAnswerFeedback(goal('dx'), 0.5, 0.25), /twice.*factor 2/);
  assert.match(wrongAnswerFeedback(goal('db'), 0.125, 0.25), /half.*2\(ŷ − y\)/);
  for (const [typed, truth] of [[0.5, 0.25], [0.125, 0.25]]) {
    assert.doesNotMatch(wrongAnswerFeedback(goal('y'), typed, truth), /factor|2\(ŷ/, `y: ${typed} for ${truth}`);
  }
  assert.equal(wrongAnswerFeedback(goal('y'), -0.25, 0.25), 'right size, wrong sign');
  assert.match(wrongAnswerFeedback(goal('dw'), -0.25, 0.25), /update −η/);
  assert.equal(wrongAnswerFeedback(goal('y'), -0.3, 0.25), 'of the wrong sign, and too large, by 10 to 50 % in size');
});

test('item 9: every check is a cmi.interactions record scorm-again accepts, with a guess count; the first write after a resume carries the exercise', async () => {
  const [short, same] = [model(0), model(1)];
  try {
    const api = new Scorm12API({ logLevel: 5, autocommit: false });
    const errors = [];
    const { page, controller } = pageWith({ models: [short], scormApi: api });
    const reporter = controller.startScorm();
    assert.ok(reporter);
    await controller.setExercise({ title: 'i', goals: [
      { type: 'answer', quantity: 'db', layer: 0 },
      { type: 'choice', question: 'q', options: ['a', 'b', 'c'], correct: 'c' },
      { type: 'setting', layer: 0, quantity: 'outLength', equals: 16 }] });
    await controller.answer(0, '0.5');
    short.evaluate();
    await controller.answer(0, String(short.view('gradBias', 0)[0]));
    await controller.answer(1, 'c');
    page.model = same;
    controller.update();
    assert.equal(api.LMSGetLastError(), '0', api.LMSGetErrorString(api.LMSGetLastError()));
    const cmi = JSON.parse(JSON.stringify(api.cmi));
    const records = Object.values(cmi.interactions);
    assert.deepEqual(records.map((r) => [r.id, r.type, r.result]), [
      ['goal-1-guess-1', 'numeric', 'wrong'], ['goal-1-guess-2', 'numeric', 'correct'], ['goal-2-guess-1', 'choice', 'correct'],
      ['goal-3-guess-1', 'performance', 'correct']]);
    assert.equal(records[0].student_response, '0.5');
    assert.equal(records[2].student_response, 'c', 'a choice is its letter');
    for (const r of records) assert.match(r.time, /^\d\d:\d\d:\d\d$/);
    assert.deepEqual(controller.exercise().goals.map((g) => g.guesses), [2, 1, 1]);
    assert.deepEqual(errors, []);
  } finally {
    short.delete();
    same.delete();
  }

  // Resume with a choice stored: the first suspend data written (when the choice is re-checked) holds the exercise.
  const m = model();
  try {
    const api = recordingLms();
    const { controller } = pageWith({ models: [m], scormApi: api });
    controller.startScorm();
    await controller.setExercise({ title: 'c', goals: [{ type: 'choice', question: 'q', options: ['a', 'b'], correct: 'a' },
      { type: 'answer', quantity: 'y', layer: 0 }] });
    await controller.answer(0, 'a');
    api.data['cmi.core.entry'] = 'resume';
    api.calls.length = 0;
    const second = pageWith({ models: [m], scormApi: api }).controller;
    const resumed = second.startScorm();
    await second.load(resumed.fragment, () => {});
    const writes = api.calls.filter((c) => c[0] === 'LMSSetValue' && c[1] === 'cmi.suspend_data');
    assert.ok(writes.length > 0);
    for (const [, , text] of writes) assert.ok(readSuspendData(text).fragment.includes('&ex=1.'), 'every write carries the exercise');
  } finally {
    m.delete();
  }
});

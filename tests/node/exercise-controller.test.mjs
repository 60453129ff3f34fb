// The controller behind the page's handle (web/shared/exercise/controller.js) with a real WASM model, a recording
// parent window and a recording SCORM 1.2 API: what setExercise / exercise() / answer() / exportPackage and the
// 'exercise' events will do once the page is wired to it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConvPool } from '../../web/convpool.js';
import { createExerciseController } from '../../web/shared/exercise/controller.js';
import { readPackage } from '../../web/shared/exercise/package.js';
import { readSuspendData } from '../../web/shared/exercise/session.js';
import { recordingLms } from '../helpers/recording-lms.mjs';

const cp = await loadConvPool();
const FRAGMENT = 'v=1&n=16&ch=1&layers=conv-k3-o1-s1-d1-p0-mzeros-b1&loss=sse&seed=2&in0=sine-2-0&target=same&lr=0.05&spf=1&steps=0';
const SPEC = { inputLength: 16, inputChannels: 1, loss: 'sse', seed: 2, layers: [{ type: 'conv1d', outChannels: 1, kernelSize: 3, padding: 0 }] };
const STUB_PAGE = '<!doctype html><html><head>\n  <meta http-equiv="Content-Security-Policy" content="default-src \'none\'">\n</head><body></body></html>';

function page(model, { scormApi = null } = {}) {
  const posted = [];
  const renders = [];
  const controller = createExerciseController({
    model: () => model, fragment: () => FRAGMENT, post: (m) => posted.push(m), scormApi,
    singleFileHtml: async () => STUB_PAGE, onChange: (r) => renders.push(r),
  });
  return { controller, posted, renders };
}

function model() {
  const m = cp.createModel(SPEC);
  m.setInput(cp.generateSignal('sine', 16, { cycles: 2 }));
  m.setTarget(cp.generateSignal('sine', m.outputLength, { cycles: 2 }));
  return m;
}

const EXERCISE = {
  title: 'Forward and gradient',
  task: 'Type $y_0$ and $\\partial C/\\partial b$.',
  goals: [
    { type: 'answer', quantity: 'y', layer: 0, index: 0 },
    { type: 'answer', quantity: 'db', layer: 0 },
    { type: 'choice', question: 'Conv output length with p = 0?', options: ['N', 'N − K + 1'], correct: 'N − K + 1' },
  ],
  lock: ['network'],
};

test('setExercise → exercise() → answer(): events to the parent on each change of a goal, the exercise in the state', async () => {
  const m = model();
  try {
    const { controller, posted } = page(m);
    assert.equal(controller.exercise(), null);
    const first = await controller.setExercise(EXERCISE);
    assert.deepEqual(Object.keys(first), ['title', 'task', 'passed', 'score', 'goals']);
    assert.equal(first.score, 0);
    assert.ok(controller.state().startsWith(`${FRAGMENT}&ex=1.`));

    m.evaluate();
    const y0 = m.view('output', 0)[0];
    const db = m.view('gradBias', 0)[0];
    await controller.answer(0, y0 * 3);
    assert.equal(posted.length, 0, 'a wrong answer changes no goal: no event');
    await controller.answer(0, y0);
    assert.deepEqual(posted.at(-1), { convpool: 1, event: 'exercise', passed: false, score: 1 / 3, goals: [
      { text: 'Type y[0, 0] of layer 1', met: true }, { text: 'Type ∂C/∂b[0] of layer 1', met: false },
      { text: 'Conv output length with p = 0?', met: false }] });
    await controller.answer(1, db);
    await controller.answer(2, 'N − K + 1');
    assert.equal(controller.exercise().passed, true);
    assert.equal(posted.at(-1).passed, true);
    assert.equal(posted.at(-1).score, 1);

    // Training on changes y and ∂C/∂b, but answers that were right when typed stay right.
    m.train(5, 0.05);
    assert.equal(controller.update().passed, true);
    await assert.rejects(controller.answer(7, 1), /goalIndex 7/);
    await assert.rejects(controller.exportPackage('zip'), /format 'zip' must be 'scorm12'/);
  } finally {
    m.delete();
  }
});

test('a link made by state() opens the exercise in a fresh controller; a tampered one is refused with a notice', async () => {
  const m = model();
  try {
    const { controller } = page(m);
    await controller.setExercise(EXERCISE);
    const link = controller.state();
    const fresh = page(m).controller;
    const loaded = [];
    const opened = await fresh.load(`#${link}`, (experiment) => loaded.push(experiment));
    assert.deepEqual(loaded, [FRAGMENT], 'the page loads the experiment part before the exercise is checked');
    assert.equal(opened.problem, undefined);
    assert.equal(opened.exercise.title, 'Forward and gradient');
    assert.equal(fresh.exercise().goals.length, 3);
    assert.equal(fresh.state(), link, 'the link it gives is the link it opened');
    const tampered = link.replace('layers=conv-k3-o1-s1-d1-p0', 'layers=conv-k3-o1-s1-d1-p1');
    const refused = await page(m).controller.load(tampered, () => {});
    assert.match(refused.problem, /refused: it was changed after it was made/);
    assert.equal(refused.exercise, null);
    assert.equal(refused.experiment, tampered.split('&ex=')[0]);
  } finally {
    m.delete();
  }
});

test('in an LMS: SCORM status, score and suspend data follow the goals; a second visit resumes', async () => {
  const m = model();
  try {
    const api = recordingLms();
    const { controller } = page(m, { scormApi: api });
    const launch = controller.startScorm();
    assert.deepEqual(launch.fragment, null, 'first visit');
    await controller.setExercise(EXERCISE);
    assert.equal(api.data['cmi.core.lesson_status'], 'incomplete');
    await controller.answer(2, 'N − K + 1');
    assert.equal(api.data['cmi.core.score.raw'], '33');
    const saved = readSuspendData(api.data['cmi.suspend_data']);
    assert.ok(saved.fragment.startsWith(`${FRAGMENT}&ex=1.`));
    assert.ok(api.data['cmi.suspend_data'].length <= 4096);

    // The second visit: the LMS hands back the suspend data; the choice is re-checked and counts again, and the score
    // the LMS holds never drops back to 0 on the way.
    api.data['cmi.core.entry'] = 'resume';
    api.calls.length = 0;
    const second = page(m, { scormApi: api }).controller;
    const resumed = second.startScorm();
    assert.equal(resumed.fragment, saved.fragment);
    const result = (await second.load(resumed.fragment, () => {})).exercise;
    assert.deepEqual(result.goals.map((g) => g.met), [false, false, true]);
    const scores = api.calls.filter((c) => c[0] === 'LMSSetValue' && c[1] === 'cmi.core.score.raw').map((c) => c[2]);
    assert.ok(scores.every((s) => Number(s) >= 33), `scores reported on resuming: ${scores}`);
    assert.equal(api.data['cmi.core.score.raw'], '33');

    m.evaluate();
    await second.answer(0, m.view('output', 0)[0]);
    await second.answer(1, m.view('gradBias', 0)[0]);
    assert.equal(api.data['cmi.core.lesson_status'], 'passed');
    assert.equal(api.data['cmi.core.score.raw'], '100');
  } finally {
    m.delete();
  }
});

test("exportPackage('scorm12') zips the page with this exercise and this experiment", async () => {
  const m = model();
  try {
    const { controller } = page(m);
    await assert.rejects(controller.exportPackage('scorm12'), /needs an exercise/);
    await controller.setExercise(EXERCISE);
    const files = readPackage(await controller.exportPackage('scorm12'));
    assert.ok(files['imsmanifest.xml'].includes('<title>Forward and gradient</title>'));
    assert.ok(files['convpool-playground.html'].includes('name="convpool-launch"'));
  } finally {
    m.delete();
  }
});

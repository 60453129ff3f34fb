// The UI-free session (web/shared/session.js) against the real WASM module: loading links, replaying their steps
// bit-identically, edits, training, divergence, queued work and reset, all observed through its typed events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool } from '../../web/convpool.js';
import { createSession, buildModel } from '../../web/shared/session.js';
import { parseFragment, serializeExperiment, defaultExperiment } from '../../web/shared/experiment.js';
import { SESSION_EVENTS } from '../../web/shared/session-events.js';
import { ConvPoolError } from '../../web/lib/errors.js';

const cp = await loadConvPool();

const DEFAULT = serializeExperiment(defaultExperiment());
const TRAINED = DEFAULT.replace('steps=0', 'steps=100') + '&sched=60@0.01~40@0.05';

/** A session plus every event it emitted, in order, as [type, detail]. */
function recordedSession() {
  const session = createSession(cp);
  const events = [];
  for (const type of ['model', 'weights', 'problems', 'replay', 'idle', 'diverged', 'limit', 'settings']) {
    session.on(type, (detail) => events.push([type, detail]));
  }
  return { session, events };
}

const typesOf = (events) => events.map(([type]) => type);

test('loading the default link builds a model and says so: model, idle, problems []', () => {
  const { session, events } = recordedSession();
  assert.equal(session.loadFragment(''), true);
  assert.deepEqual(typesOf(events), ['model', 'idle', 'problems']);
  assert.equal(events[0][1].cause, 'load');
  assert.deepEqual(events[2][1].problems, []);
  assert.equal(session.fragment(), DEFAULT);
  assert.ok(Number.isFinite(session.loss()), `loss ${session.loss()} is finite`);
  assert.equal(session.stepCount(), 0);
});

test("a link's recorded steps replay bit-identically to training the same schedule by hand", () => {
  const { session, events } = recordedSession();
  assert.equal(session.loadFragment(TRAINED), true);
  assert.deepEqual(events.find(([type]) => type === 'replay')[1], { steps: 100 });
  assert.equal(session.pendingSteps, 100);
  assert.equal(session.replaying, true);
  assert.equal(session.runPending(), true);
  assert.equal(session.pendingSteps, 0);
  assert.equal(typesOf(events).at(-1), 'idle');
  assert.equal(session.stepCount(), 100);
  assert.equal(session.fragment(), TRAINED, 'the fragment after the replay is the link itself');

  const model = buildModel(cp, parseFragment(DEFAULT).experiment);
  model.train(60, 0.01);
  model.train(40, 0.05);
  assert.equal(session.loss(), model.loss(), 'same loss, bit for bit');
  model.delete();
});

test('a replay under a time budget runs in chunks and ends with idle', () => {
  const { session, events } = recordedSession();
  session.loadFragment(TRAINED);
  let rounds = 0;
  while (session.pendingSteps > 0 && rounds < 100000) {
    session.runPending(0.001);
    rounds += 1;
  }
  assert.equal(session.pendingSteps, 0, `replay finished after ${rounds} rounds`);
  assert.equal(session.stepCount(), 100);
  assert.equal(typesOf(events).filter((type) => type === 'idle').length, 1, 'one idle, at the end');
});

test('an edit builds a new model at step 0; a refused edit keeps the old one and names the rule', () => {
  const { session, events } = recordedSession();
  session.loadFragment(TRAINED);
  session.runPending();
  const before = session.serial;
  events.length = 0;
  assert.deepEqual(session.edit((e) => { e.network.layers[0].kernelSize = 7; }), { ok: true });
  assert.equal(events[0][0], 'model');
  assert.equal(events[0][1].cause, 'edit');
  assert.equal(session.serial, before + 1);
  assert.equal(session.model.layers[0].kernelSize, 7);
  assert.equal(session.stepCount(), 0);
  assert.match(session.fragment(), /layers=conv-k7-.*&steps=0$/);

  const serial = session.serial;
  const refused = session.edit((e) => { e.network.layers[0].padding = 5; e.network.layers[0].paddingMode = 'reflect'; e.network.inputLength = 4; });
  assert.equal(refused.ok, false);
  assert.match(refused.message, /padding 5 must be smaller than the input length 4/);
  assert.equal(session.serial, serial, 'the last valid model keeps running');
  assert.equal(session.model.layers[0].kernelSize, 7);
});

test('training records the η schedule and emits weights; settings change η without a new model', () => {
  const { session, events } = recordedSession();
  session.loadFragment('');
  events.length = 0;
  session.train(10);
  session.setSettings({ learningRate: 0.05 });
  session.train(5);
  assert.deepEqual(session.experiment.schedule, [[10, 0.01], [5, 0.05]]);
  assert.equal(session.experiment.steps, 15);
  assert.ok(typesOf(events).includes('weights'));
  assert.ok(!typesOf(events).includes('model'));
  assert.deepEqual(events.find(([type]) => type === 'settings')[1], { learningRate: 0.05, stepsPerFrame: 2 });
  assert.equal(session.history.at(-1).step, 15);
});

test('divergence stops training, keeps the last finite weights and empties the queue', () => {
  const { session, events } = recordedSession();
  session.loadFragment('v=1&n=64&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1&loss=sse&seed=42&in0=sines-3-1&target=same&lr=10');
  session.queue(1000);
  session.runPending();
  const diverged = events.find(([type]) => type === 'diverged');
  assert.ok(diverged, `a diverged event (saw ${[...new Set(typesOf(events))].join(', ')})`);
  assert.equal(diverged[1].step, session.stepCount() + 1);
  assert.ok(!Number.isFinite(diverged[1].loss));
  assert.ok(Number.isFinite(session.loss()), 'the weights of the last finite loss were kept');
  assert.equal(session.pendingSteps, 0);
  assert.equal(session.replayDiverged, false, 'queued clicks are not a link');
});

test('a bad link loads what it can and lists its problems', () => {
  const { session, events } = recordedSession();
  assert.equal(session.loadFragment('v=1&n=64&layers=conv-k999-o1-s1-d1-psame-mzeros-b1&bogus=1'), false);
  const { problems, source } = events.find(([type]) => type === 'problems')[1];
  assert.equal(source, 'link');
  assert.ok(problems.some((p) => /kernel size K 999 is outside 1…64/.test(p)), problems.join(' | '));
  assert.ok(problems.some((p) => /bogus/.test(p)), problems.join(' | '));
  assert.equal(session.model.layers[0].kernelSize, 64);
});

test('reset runs queued work first, then starts again from the seed', () => {
  const { session, events } = recordedSession();
  session.loadFragment('');
  const fresh = session.loss();
  session.queue(30);
  session.reset();
  assert.equal(session.pendingSteps, 0);
  assert.equal(session.stepCount(), 0);
  assert.equal(session.loss(), fresh, 'the same weights as a fresh load');
  assert.deepEqual(events.at(-1), ['weights', { steps: 0, loss: session.history[0].loss, reset: true }]);
});

test('every model the session replaces is deleted (no leak)', () => {
  const session = createSession(cp);
  session.loadFragment('');
  const live = cp.liveModels();
  for (let k = 2; k < 8; k++) session.edit((e) => { e.network.layers[0].kernelSize = k; });
  session.loadFragment(TRAINED);
  assert.equal(cp.liveModels(), live);
});

test('an edit that returns to the running experiment changes nothing: steps, history and model are kept', () => {
  const { session, events } = recordedSession();
  session.loadFragment(DEFAULT);
  session.train(25);
  const serial = session.serial;
  const history = session.history.length;
  events.length = 0;
  assert.deepEqual(session.edit((e) => { e.network.layers[0].kernelSize = 5; }), { ok: true, unchanged: true });
  assert.deepEqual(events, [], 'no event: nothing changed');
  assert.equal(session.serial, serial);
  assert.equal(session.stepCount(), 25);
  assert.equal(session.history.length, history);
});

/** The data set the page must play smoothly: 256 training + 64 validation examples of N = 256, batches of 32. */
const DATASET = 'v=1&n=256&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1~act-tanh~pool-k2-s1-p0-d1-c0&loss=mse'
  + '&seed=42&in0=sines-3-1&target=same&lr=0.01&spf=50&steps=0&bs=32&opt=adam&data=denoise-1-320&val=0.2';
const EPOCH = 256 / 32;

test("a data set's curve gets a point after every epoch of a call and after its last step, each the whole sets' exact loss", () => {
  const session = createSession(cp);
  assert.equal(session.loadFragment(DATASET), true);
  session.train(20);
  assert.deepEqual(session.history.map((p) => p.step), [0, 8, 16, 20]);
  // the same loss as a model trained straight to step 20 by the library (links replay bit-for-bit)
  const replayed = createSession(cp);
  replayed.loadFragment(DATASET);
  replayed.model.train(20, 0.01);
  assert.equal(session.history.at(-1).loss, replayed.model.loss());
  assert.equal(session.history.at(-1).validation, replayed.model.validationLoss());
});

test("the time a call of train() takes counts its curve points, and the steps that fit a budget are whole epochs", () => {
  const session = createSession(cp);
  session.loadFragment(DATASET);
  session.train(3 * EPOCH);  // measures a step and a point on this machine
  const { msPerStep, msPerPoint } = session;
  assert.ok(msPerStep > 0 && msPerPoint > 0, `measured msPerStep ${msPerStep}, msPerPoint ${msPerPoint}`);
  assert.equal(session.trainingMs(0), 0);
  assert.equal(session.trainingMs(16), 16 * msPerStep + 2 * msPerPoint);
  assert.equal(session.trainingMs(17), 17 * msPerStep + 3 * msPerPoint, 'a partial epoch pays a whole point');
  assert.equal(session.stepsWithin(Infinity, 50), 50, 'the steps per frame when everything fits');
  assert.equal(session.stepsWithin(0, 50), 0, 'nothing fits no time');
  const oneEpoch = session.trainingMs(EPOCH);
  for (const budget of [0.2, 0.7, 1, 1.5, 2.5, 3.5, 6.5].map((epochs) => epochs * oneEpoch)) {
    const steps = session.stepsWithin(budget, 1000);
    assert.ok(session.trainingMs(steps) <= budget, `${steps} steps take ${session.trainingMs(steps)} ms > budget ${budget} ms`);
    assert.ok(session.trainingMs(steps + EPOCH) > budget, `${steps} steps leave room for another epoch in ${budget} ms`);
    if (steps >= EPOCH) assert.equal(steps % EPOCH, 0, `${steps} steps within ${budget} ms are whole epochs of ${EPOCH}`);
    else if (steps === 0) assert.ok(session.trainingMs(1) > budget, `one step and its point fit ${budget} ms, yet 0 steps`);
  }
});

test('loading in parts (the page start-up: one task per part) gives what loading at once gives, events included', async () => {
  const links = ['', TRAINED, 'v=1&n=64&layers=conv-k999-o1-s1-d1-psame-mzeros-b1&bogus=1'];
  for (const link of links) {
    const once = recordedSession();
    const parts = recordedSession();
    const answer = once.session.loadFragment(link);
    const pending = parts.session.loadFragmentInParts(link);
    assert.ok(pending instanceof Promise, 'loadFragmentInParts answers with a promise');
    assert.equal(parts.session.model, null, `link '${link}': no model is adopted before the first task ends`);
    assert.equal(await pending, answer, `link '${link}': the same answer`);
    assert.deepEqual(typesOf(parts.events), typesOf(once.events), `link '${link}': the same events`);
    assert.equal(parts.session.fragment(), once.session.fragment(), `link '${link}': the same experiment`);
    assert.equal(parts.session.loss(), once.session.loss(), `link '${link}': the same loss (bit for bit)`);
    assert.deepEqual(parts.session.model.getParameters(0), once.session.model.getParameters(0), `link '${link}': the same weights`);
  }
});

test('session.on takes the listed events only: a typo or a removed event is refused with the list', () => {
  const session = createSession(cp);
  for (const name of Object.keys(SESSION_EVENTS)) assert.equal(typeof session.on(name, () => {}), 'function', name);
  for (const name of ['modle', 'example', 'validation', '', 'toString']) {
    assert.throws(() => session.on(name, () => {}), (error) => error instanceof ConvPoolError && error.field === 'type'
      && error.message.includes(`'${name}' does not exist`) && error.message.includes("'model', 'weights'"),
    `session.on('${name}') is refused`);
  }
  assert.throws(() => session.on('model'), /fn must be a function/);
});

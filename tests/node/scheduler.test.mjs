// The page's training scheduler (web/app/scheduler.js) against a stand-in session on a hand-driven clock: each playing
// frame trains what fits its budget (training, curve points and redraw), a frame that cannot pay for the smallest
// chunk worth drawing saves its budget for the next, and the budget follows late frames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createScheduler, FRAME_BUDGET_MS, MIN_FRAME_BUDGET_MS, LATE_FRAME_MS, MAX_SAVED_BUDGET_MS,
} from '../../web/app/scheduler.js';

/**
 * A session whose steps cost `msPerStep` each on the hand-driven `clock` (curve points included), with epochs of
 * `epoch` steps; it records every train(n).
 */
function standInSession(clock, { msPerStep, epoch = 1 }) {
  const trained = [];
  const session = {
    experiment: { steps: 0, stepsPerFrame: 50 },
    pendingSteps: 0,
    on() {},
    epochSteps: () => epoch,
    stepsWithin: (budgetMs, most) => Math.max(0, Math.min(most, Math.floor(budgetMs / msPerStep))),
    train(n) { trained.push(n); session.experiment.steps += n; clock.now += n * msPerStep; },
    cancelPending() {},
  };
  return { session, trained };
}

/**
 * Runs fn(runFrame, clock) with performance.now() on a hand-driven clock and animation frames run by hand:
 * runFrame(now) sets the clock to `now` and runs the frame the scheduler requested.
 */
function withFrames(fn) {
  const requested = [];
  const clock = { now: 0 };
  const savedFrame = globalThis.requestAnimationFrame;
  globalThis.requestAnimationFrame = (callback) => requested.push(callback);
  performance.now = () => clock.now;  // an own property over the prototype's method, deleted afterwards
  const runFrame = (now) => {
    assert.equal(requested.length, 1, `one frame requested before the frame at ${now} ms, saw ${requested.length}`);
    clock.now = now;
    requested.shift()(now);
  };
  try { fn(runFrame, clock); } finally {
    globalThis.requestAnimationFrame = savedFrame;
    delete performance.now;
  }
}

const failOnError = (error) => { throw error; };

test('late frames shrink the budget, punctual ones restore it; a frame where nothing fits saves its budget, then one step runs', () => {
  withFrames((runFrame, clock) => {
    const { session, trained } = standInSession(clock, { msPerStep: 100 });  // not one step fits any budget
    let draws = 0;
    const scheduler = createScheduler(session, { draw: () => { draws += 1; }, onError: failOnError });
    scheduler.setPlaying(true);
    let now = 1000;
    runFrame(now);
    assert.equal(scheduler.frameBudget, FRAME_BUDGET_MS, 'the first frame of a run has nothing to compare with');
    assert.deepEqual([trained.length, draws], [0, 0], 'nothing fitted: no step, no redraw, the budget saved');
    runFrame(now += 16.7);
    assert.deepEqual(trained, [1], `the saved budget reached ${MAX_SAVED_BUDGET_MS} ms: one step anyway`);
    assert.equal(draws, 1, 'and a redraw');
    for (let i = 0; i < 2; i++) runFrame(now += 16.7);
    assert.equal(scheduler.frameBudget, FRAME_BUDGET_MS, 'punctual frames at 60 Hz keep the whole budget');
    runFrame(now += LATE_FRAME_MS + 13);
    assert.equal(scheduler.frameBudget, FRAME_BUDGET_MS * 0.75, 'a late frame takes a quarter off');
    for (let i = 0; i < 20; i++) runFrame(now += 50);
    assert.equal(scheduler.frameBudget, MIN_FRAME_BUDGET_MS, 'never below the minimum');
    const before = trained.length;
    for (let i = 0; i < 100; i++) runFrame(now += 16.7);
    assert.equal(scheduler.frameBudget, FRAME_BUDGET_MS, 'punctual frames give it back');
    const steps = trained.length - before;
    assert.ok(steps >= 100 / 10 && steps <= 100 / 2, `with nothing fitting, a step every few frames: ${steps} in 100 frames`);
    assert.equal(draws, trained.length, 'a frame that trained nothing drew nothing');
    scheduler.setPlaying(false);
  });
});

test('a frame trains what fits, up to the steps per frame, and the redraw is paid from the same budget', () => {
  withFrames((runFrame, clock) => {
    const { session, trained } = standInSession(clock, { msPerStep: 1 });
    const scheduler = createScheduler(session, { draw: () => { clock.now += 3; }, onError: failOnError });
    scheduler.setPlaying(true);
    runFrame(0);
    assert.deepEqual(trained, [9], 'a budget of 10 ms, less the first guess of 1 ms for a redraw: 9 steps of 1 ms');
    for (let i = 1; i <= 20; i++) runFrame(16.7 * i);
    assert.equal(trained.at(-1), FRAME_BUDGET_MS - 3, `a measured redraw of 3 ms leaves 7 steps: ${trained.slice(-5).join(', ')}`);
    session.experiment.stepsPerFrame = 4;
    runFrame(16.7 * 21);
    assert.equal(trained.at(-1), 4, 'never more than the steps per frame');
    scheduler.setPlaying(false);
  });
});

test('on a slow machine whole epochs run every few frames, and the frames between them cost nothing', () => {
  withFrames((runFrame, clock) => {
    // an epoch of 8 steps costs 8 ms: more than a late frame's budget, less than what two frames save
    const { session, trained } = standInSession(clock, { msPerStep: 1, epoch: 8 });
    let draws = 0;
    const scheduler = createScheduler(session, { draw: () => { draws += 1; }, onError: failOnError });
    scheduler.setPlaying(true);
    let now = 0;
    for (let i = 0; i < 8; i++) runFrame(now += 50);  // late frames: the budget falls to its minimum
    assert.equal(scheduler.frameBudget, MIN_FRAME_BUDGET_MS);
    const from = trained.length;
    const drawsFrom = draws;
    for (let i = 0; i < 12; i++) runFrame(now += 50);
    const chunks = trained.slice(from);
    assert.ok(chunks.length >= 2 && chunks.length <= 6, `an epoch every few frames: ${chunks.length} chunks in 12 frames`);
    assert.ok(chunks.every((n) => n >= 8), `whole epochs only: ${chunks.join(', ')}`);
    assert.equal(draws - drawsFrom, chunks.length, 'a redraw only after training');
    scheduler.setPlaying(false);
  });
});

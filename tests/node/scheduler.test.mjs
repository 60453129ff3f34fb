// The page's training scheduler (web/app/scheduler.js) against a stand-in session and a hand-driven animation-frame
// clock: each playing frame trains what fits its budget, at least one step, and the budget follows late frames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScheduler, FRAME_BUDGET_MS, MIN_FRAME_BUDGET_MS, LATE_FRAME_MS } from '../../web/app/scheduler.js';

/** A session that fits `fits(budgetMs, most)` steps in a budget and records every budget it was asked about. */
function standInSession(fits) {
  const asked = [];
  const trained = [];
  const session = {
    experiment: { steps: 0, stepsPerFrame: 50 },
    pendingSteps: 0,
    on() {},
    stepsWithin(budgetMs, most) { asked.push(budgetMs); return fits(budgetMs, most); },
    train(n) { trained.push(n); session.experiment.steps += n; },
    cancelPending() {},
  };
  return { session, asked, trained };
}

/** Runs the animation frames the scheduler requests, one per time stamp of `times`. */
function withFrames(fn) {
  const requested = [];
  const saved = globalThis.requestAnimationFrame;
  globalThis.requestAnimationFrame = (callback) => requested.push(callback);
  const runFrame = (now) => {
    assert.equal(requested.length, 1, `one frame requested before the frame at ${now} ms, saw ${requested.length}`);
    requested.shift()(now);
  };
  try { fn(runFrame); } finally { globalThis.requestAnimationFrame = saved; }
}

test('a frame where nothing fits still trains one step; late frames shrink the budget, punctual ones restore it', () => {
  const { session, asked, trained } = standInSession(() => 0);
  withFrames((runFrame) => {
    let draws = 0;
    const scheduler = createScheduler(session, { draw: () => { draws += 1; }, onError: (error) => { throw error; } });
    scheduler.setPlaying(true);
    let now = 1000;
    runFrame(now);
    assert.equal(scheduler.frameBudget, FRAME_BUDGET_MS, 'the first frame of a run has nothing to compare with');
    for (let i = 0; i < 3; i++) runFrame(now += 16.7);
    assert.equal(scheduler.frameBudget, FRAME_BUDGET_MS, 'punctual frames at 60 Hz keep the whole budget');
    runFrame(now += LATE_FRAME_MS + 13);
    assert.equal(scheduler.frameBudget, FRAME_BUDGET_MS * 0.75, 'a late frame takes a quarter off');
    for (let i = 0; i < 20; i++) runFrame(now += 50);
    assert.equal(scheduler.frameBudget, MIN_FRAME_BUDGET_MS, 'never below the minimum');
    for (let i = 0; i < 100; i++) runFrame(now += 16.7);
    assert.equal(scheduler.frameBudget, FRAME_BUDGET_MS, 'punctual frames give it back');
    assert.deepEqual(new Set(trained), new Set([1]), 'one step per frame when no chunk fits');
    assert.equal(trained.length, 125);
    assert.equal(draws, 125, 'every playing frame draws');
    assert.ok(asked.every((budget) => budget <= FRAME_BUDGET_MS), `budgets asked: ${asked.slice(0, 5).join(', ')}…`);
    scheduler.setPlaying(false);
  });
});

test('a frame trains the chunks that fit, up to the steps per frame, and stops when no more fit', () => {
  // 10 steps fit the first question; after that nothing (the budget is used up)
  let first = true;
  const { session, trained } = standInSession((budget, most) => {
    const steps = first ? Math.min(10, most) : 0;
    first = false;
    return steps;
  });
  withFrames((runFrame) => {
    const scheduler = createScheduler(session, { draw() {}, onError: (error) => { throw error; } });
    scheduler.setPlaying(true);
    runFrame(0);
    assert.deepEqual(trained, [10], 'no step beyond what fitted once some ran');
    session.experiment.stepsPerFrame = 4;
    first = true;
    runFrame(16.7);
    assert.deepEqual(trained, [10, 4], 'never more than the steps per frame');
    scheduler.setPlaying(false);
  });
});

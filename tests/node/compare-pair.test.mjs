// The comparison's two sessions in Node (web/app/compare/pair.js, DOM-free): the lockstep trainer the scheduler and
// the handle drive gives each side exactly its solo run; asking for the losses leaves the plots' example alone;
// ending the comparison frees B's model.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool } from '../../web/convpool.js';
import { createSession } from '../../web/shared/session.js';
import { createPair } from '../../web/app/compare/pair.js';
import { hiddenRule } from '../../web/shared/exercise/hidden.js';

const A = 'v=1&n=64&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1~act-tanh~pool-k2-s1-p0-d1-c0&loss=sse&seed=42'
  + '&in0=sines-3-1&target=filtered-0.1,0.2,0.4,0.2,0.1&lr=0.01&spf=2&steps=0';
const DATA = 'v=1&n=32&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1&loss=mse&seed=3&in0=sine-2-1&target=filtered-0.1,0.2,0.4,0.2,0.1'
  + '&lr=0.01&spf=5&steps=0&bs=4&opt=adam&data=denoise-7-24&val=0.25';

let cp;
before(async () => { cp = await loadConvPool(); });

function solo(fragment, chunks) {
  const s = createSession(cp);
  s.loadFragment(fragment);
  for (const n of chunks) s.train(n);
  const result = { steps: s.experiment.steps, loss: s.loss(), fragment: s.fragment() };
  s.model.delete();
  return result;
}

test('the lockstep trainer (Play, a replay) and step(n) give each side its solo run, bit for bit', () => {
  for (const [a, b] of [[A, A.replace('mzeros', 'mreflect').replace('lr=0.01', 'lr=0.02')], [DATA, DATA.replace('opt=adam', 'opt=sgd')]]) {
    const session = createSession(cp);
    session.loadFragment(a);
    const pair = createPair(session);
    assert.equal(pair.trainer, session, 'alone, the trainer is the session');
    assert.equal(pair.start(b), true);
    const lockstep = pair.trainer;
    assert.notEqual(lockstep, session);
    // chunks as the scheduler cuts them (within a budget), then a handle step(n)
    const chunk = Math.max(1, lockstep.stepsWithin(5, 17));
    lockstep.train(chunk);
    lockstep.train(3);
    pair.step(11);
    lockstep.queue(7);
    while (lockstep.pendingSteps > 0) lockstep.runPending(1);
    const total = chunk + 3 + 11 + 7;
    const summary = pair.summary();
    assert.deepEqual([summary.a.step, summary.b.step], [total, total], 'both sides took every step');
    const aloneA = solo(a, [total]);
    const aloneB = solo(b, [total]);
    assert.ok(Object.is(summary.a.loss, aloneA.loss), `A: ${summary.a.loss} vs alone ${aloneA.loss}`);
    assert.ok(Object.is(summary.b.loss, aloneB.loss), `B: ${summary.b.loss} vs alone ${aloneB.loss}`);
    assert.equal(pair.b.fragment(), aloneB.fragment, "B's link records the same schedule as its solo run");
    const before = cp.liveModels();
    pair.end();
    assert.equal(cp.liveModels(), before - 1, "ending the comparison frees B's model");
    assert.equal(pair.summary(), null);
    assert.equal(pair.trainer, session);
    session.model.delete();
  }
});

test('asking for the losses leaves the shown example in the views (a data set)', () => {
  const session = createSession(cp);
  session.loadFragment(DATA);
  session.train(6);
  const shownInput = () => Array.from(session.model.view('input'));
  const before = shownInput();
  session.loss();
  session.validationLoss();
  assert.deepEqual(shownInput(), before, 'loss() and validationLoss() put the shown example back');
  session.model.delete();
});

test('an edit on one side starts the other again from step 0 (the curves share their steps)', () => {
  const session = createSession(cp);
  session.loadFragment(A);
  const pair = createPair(session);
  pair.start(A);
  pair.step(5);
  const result = pair.b.edit((e) => { e.network.layers[0].paddingMode = 'circular'; });
  assert.equal(result.ok, true);
  assert.deepEqual([session.experiment.steps, pair.b.experiment.steps], [0, 0]);
  pair.step(4);
  assert.deepEqual([pair.summary().a.step, pair.summary().b.step], [4, 4]);
  pair.end();
  session.model.delete();
});

test("an exercise's hiding rule on A holds for B: a copy of A must not show the values the exercise asks for", () => {
  const session = createSession(cp);
  session.loadFragment(A);
  const pair = createPair(session);
  const rule = hiddenRule({ title: 'Find y', task: '', goals: [{ type: 'answer', quantity: 'y', layer: 0, channel: 0, index: 4, hidePlot: true }] });
  assert.equal(rule.any, true, 'the answer goal hides something');
  const masked = (side) => Array.from(side.model.view('output', 0)).every(Number.isNaN);
  // B started while A hides: B hides the same from its first model on
  session.setHidden(rule);
  assert.equal(masked(session), true, "A's layer-1 output reads as hidden");
  assert.equal(pair.start(A), true);
  assert.equal(pair.b.hidden, rule);
  assert.equal(masked(pair.b), true, "B (a copy of A) hides layer 1's output too");
  // the exercise closed: both sides show everything again; a new rule reaches a running B
  session.setHidden(null);
  assert.equal(pair.b.hidden, null);
  assert.equal(masked(pair.b), false);
  session.setHidden(rule);
  assert.equal(masked(pair.b), true, 'a rule set while comparing reaches B');
  pair.end();
  session.model.delete();
});

// Exercises on the page, end to end: an author builds an exercise in the editor (a goal picked on a plot, goals from
// the form, a lock), copies its link; a learner opens the link inside a course page, gets feedback on wrong answers,
// passes every goal, and the course page sees the 'exercise' events. A link tampered with is refused.
// True values come from the core (web/convpool.js in Node, the same experiment built the way the page builds it).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { startBrowser } from './harness.mjs';
import LZString from '../../web/generated/vendor/lz-string.js';
import { loadConvPool } from '../../web/convpool.js';
import { parseFragment } from '../../web/shared/experiment.js';
import { buildModel } from '../../web/shared/session.js';
import { splitFragment } from '../../web/shared/exercise/link.js';

const SHOTS = '/work/wt/shots';
let browser;
let cp;

before(async () => {
  browser = await startBrowser();
  cp = await loadConvPool();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => { await browser?.close(); });

/** Waits for fn(arg) in `target` (a page or frame) to be truthy; on timeout names what was awaited and what was seen. */
async function waitFor(target, what, fn, arg, seen) {
  try {
    await target.waitForFunction(fn, arg, { timeout: 20_000 });
  } catch {
    assert.fail(`timed out waiting for ${what}; saw ${JSON.stringify(seen ? await target.evaluate(seen, arg) : null)}`);
  }
}

/** The true value of y / ∂C/∂x of a layer for the experiment in a link, from the core at step 0. */
function trueValue(link, { quantity, layer, channel, index }) {
  const { experiment } = parseFragment(splitFragment(new URL(link).hash.slice(1)).experiment);
  const model = buildModel(cp, experiment);
  try {
    model.evaluate();
    const g = model.layers[layer];
    return quantity === 'y' ? model.view('output', layer)[channel * g.outLength + index]
      : model.view('gradInput', layer)[channel * g.inLength + index];
  } finally { model.delete(); }
}

async function authorAnExercise() {
  const { page, errors } = await browser.newPage('/');
  await page.click('#make-exercise');
  await waitFor(page, 'the editor to open', () => !document.getElementById('exercise-editor').hidden);
  await page.fill('#ex-title', 'Read the first layer');
  await page.fill('#ex-task', 'The input has $N = 64$ samples. Compute the values below from the forward and backward equations.');
  // A goal picked on a plot: the first layer's forward plot, its output row, sample 3 (arrow keys + Enter).
  await page.click('#ex-pick');
  await page.focus('canvas[data-layer="0"][data-kind="forward"]');
  for (const key of ['ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'Enter']) await page.keyboard.press(key);
  await waitFor(page, 'the picked goal', () => document.getElementById('ex-goals').textContent.includes('y[0, 3] of layer 1'),
    null, () => document.getElementById('ex-goals').textContent);
  // A typed-answer goal from the form, with a hint.
  await page.selectOption('#ex-goal-type', 'answer');
  await page.selectOption('#ex-quantity', 'dx');
  await page.fill('#ex-layer', '1');
  await page.fill('#ex-index', '2');
  await page.fill('#ex-goal-hints', 'The gradient at the input gathers every output whose window reads x[2].');
  await page.click('#ex-add-goal');
  // A multiple-choice goal from the form.
  await page.selectOption('#ex-goal-type', 'choice');
  await page.fill('#ex-goal-hints', '');
  await page.fill('#ex-question', 'Which padding keeps the output length N for an odd K?');
  await page.fill('#ex-options', "'valid' (no padding)\n'same' ((K − 1)/2 on each side)\nK on each side");
  await page.fill('#ex-correct', '2');
  await page.click('#ex-add-goal');
  await waitFor(page, 'three goals in the draft', () => document.querySelectorAll('#ex-goals li[data-goal]').length === 3,
    null, () => document.getElementById('ex-goals').textContent);
  await page.check('input[name="ex-lock"][value="network"]');
  await page.click('#ex-preview');
  await waitFor(page, 'the preview', () => !document.getElementById('exercise-panel').hidden);
  await page.setViewportSize({ width: 1280, height: 1700 });  // the whole editor in the picture
  await page.evaluate(() => { document.getElementById('exercise-editor').scrollTop = 0; window.scrollTo(0, 0); });
  await page.screenshot({ path: `${SHOTS}/w15-editor.png` });
  await page.click('#ex-copy-link');
  await waitFor(page, 'the link', () => document.getElementById('ex-output').value.includes('ex=1.'),
    null, () => document.getElementById('ex-status').textContent);
  const link = await page.inputValue('#ex-output');
  assert.deepEqual(errors, []);
  await page.close();
  return link;
}

let link;

test('an exercise authored in the editor is checked for a learner who opens its link in a course page', async () => {
  link = await authorAnExercise();
  // The link never carries an answer: a choice is a salted hash, typed answers are computed by the page.
  const packed = decodeURIComponent(new URL(link).hash).match(/ex=1\.([^.]+)\./)[1];
  const stored = JSON.parse(LZString.decompressFromEncodedURIComponent(packed));
  assert.equal(stored.goals.length, 3);
  assert.ok(stored.goals[2].answerHash && !('correct' in stored.goals[2]), 'the choice is stored as a hash only');

  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  await page.setViewportSize({ width: 1280, height: 1000 });
  // A minimal course page on the same origin (served by the test, so without the playground's own CSP).
  await page.route(`${browser.origin}/course-test.html`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
    <title>course</title><link rel="icon" href="data:,"><h1>Week 5</h1><iframe id="f" style="width:1240px;height:1500px;border:0"></iframe>
    <script>window.events = []; addEventListener('message', (e) => { if (e.data && e.data.event === 'exercise') events.push(e.data); });</script>` }));
  await page.goto(`${browser.origin}/course-test.html`);
  await page.evaluate((src) => { document.getElementById('f').src = src; }, link);
  const frameHandle = await page.waitForSelector('#f');
  await waitFor(page, 'the playground frame', () => document.getElementById('f').contentWindow.location.href.includes('ex=1.'));
  const frame = await frameHandle.contentFrame();
  await frame.waitForFunction(() => window.convpoolPlayground && window.convpoolPlayground.ready, null, { timeout: 20_000 });
  await frame.evaluate(() => window.convpoolPlayground.ready);
  await waitFor(frame, 'the exercise panel', () => !document.getElementById('exercise-panel').hidden);
  assert.equal(await frame.evaluate(() => document.getElementById('input-length').disabled), true, 'the exercise locks the network');
  assert.equal(await frame.textContent('#exercise-title'), 'Exercise: Read the first layer');

  const y3 = trueValue(link, { quantity: 'y', layer: 0, channel: 0, index: 3 });
  const dx2 = trueValue(link, { quantity: 'dx', layer: 0, channel: 0, index: 2 });
  // A wrong answer (twice the true value) fails the goal and says how far off it is — without the factor-2 hint of a
  // squared error's gradient, which is about gradients, not about a forward value.
  await frame.fill('#exercise-answer-0', String(2 * y3));
  await frame.click('[data-goal="0"] button[type="submit"]');
  await waitFor(frame, 'feedback on the wrong answer', () => /too (large|small)/.test(document.getElementById('exercise-feedback-0').textContent),
    null, () => document.getElementById('exercise-feedback-0').textContent);
  assert.doesNotMatch(await frame.textContent('#exercise-feedback-0'), /factor|2\(ŷ/);
  assert.equal(await frame.getAttribute('[data-goal="0"]', 'data-met'), 'false');
  // After a hint, a wrong answer names the equation to look at.
  await frame.fill('#exercise-answer-1', String(dx2 * 1.3 + 0.5));
  await frame.click('[data-goal="1"] button[type="submit"]');
  await frame.click('[data-goal="1"] .exercise-hint-button');
  await waitFor(frame, 'the equation after a hint', () => /equation/.test(document.getElementById('exercise-feedback-1').textContent),
    null, () => document.getElementById('exercise-feedback-1').textContent);
  await page.locator('#f').screenshot({ path: `${SHOTS}/w15-student.png` });

  // Every goal passed: the right numbers (as a learner types them, rounded to 6 significant digits) and the right option.
  await frame.fill('#exercise-answer-0', y3.toPrecision(6));
  await frame.click('[data-goal="0"] button[type="submit"]');
  await frame.fill('#exercise-answer-1', dx2.toPrecision(6));
  await frame.click('[data-goal="1"] button[type="submit"]');
  await frame.check('#exercise-choice-2-1');
  await frame.click('[data-goal="2"] button[type="submit"]');
  await waitFor(frame, 'the passed state', () => document.getElementById('exercise-panel').dataset.passed === 'true',
    null, () => document.getElementById('exercise-panel').textContent);
  assert.equal(await frame.isVisible('.exercise-passed'), true);
  const result = await frame.evaluate(() => window.convpoolPlayground.exercise());
  assert.equal(result.passed, true);
  assert.equal(result.score, 1);
  await page.locator('#f').screenshot({ path: `${SHOTS}/w15-passed.png` });

  // The course page heard the exercise arrive (score 0) and every change: the score rose to 1, the last event says passed.
  await waitFor(page, 'the passed event', () => window.events.some((e) => e.passed), null, () => window.events);
  const events = await page.evaluate(() => window.events);
  assert.deepEqual(events.map((e) => e.score), [0, 1 / 3, 2 / 3, 1]);
  assert.deepEqual(Object.keys(events.at(-1)).sort(), ['convpool', 'event', 'goals', 'passed', 'score']);
  assert.equal(events.at(-1).goals.length, 3);
  assert.ok(events.at(-1).goals.every((g) => g.met === true && typeof g.text === 'string'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link tampered to skip goals or to unlock the network is refused with a notice', async () => {
  assert.ok(link, 'the first test made a link');
  const url = new URL(link);
  const hash = decodeURIComponent(url.hash.slice(1));
  const [, packed] = hash.match(/ex=1\.([^.]+)\./);
  const exercise = JSON.parse(LZString.decompressFromEncodedURIComponent(packed));
  const fewer = LZString.compressToEncodedURIComponent(JSON.stringify({ ...exercise, goals: exercise.goals.slice(0, 1) }));
  const tampered = [
    hash.replace(packed, fewer),                 // a goal removed
    hash.replace(/(^|&)n=64/, '$1n=32'),          // the locked network edited
  ];
  for (const fragment of tampered) {
    const { page, errors } = await browser.newPage(`/#${fragment}`);
    await waitFor(page, 'the refusal notice', () => /refused/.test(document.getElementById('notice-text').textContent),
      null, () => document.getElementById('notice-text').textContent);
    assert.equal(await page.evaluate(() => window.convpoolPlayground.exercise()), null);
    assert.equal(await page.isHidden('#exercise-panel'), true);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('a lesson offers "Try it as an exercise": its goals appear in the exercise panel and are checked', async () => {
  const { page, errors } = await browser.newPage('/');
  await page.evaluate(() => document.querySelector('.site-footer').scrollIntoView());  // the explanations mount when near
  await waitFor(page, 'the lessons to mount', () => document.querySelector('[data-lesson-exercise="1a"]') !== null);
  await page.evaluate(() => document.querySelector('[data-lesson-exercise="1a"]').click());
  await waitFor(page, 'lesson 1a as an exercise', () => window.convpoolPlayground.exercise()?.title === 'Conv forward: the same length',
    null, () => window.convpoolPlayground.exercise());
  const result = await page.evaluate(() => window.convpoolPlayground.exercise());
  assert.equal(result.goals.length, 5);  // a setting, two typed values, the forward equation as a formula, a choice
  assert.equal(result.passed, false);
  assert.equal(await page.isVisible('#exercise-panel'), true);
  // Its y goals hide the conv layer's forward plot, which would show the answer.
  assert.equal(await page.evaluate(() => document.querySelector('canvas[data-layer="0"][data-kind="forward"]').classList.contains('exercise-hidden')), true);
  const text = await page.textContent('body');
  assert.doesNotMatch(text, /assignment|student report/i);
  // Here the controls stay free: an edit of a setting the exercise binds (N) still leaves a link that opens with it.
  const before = await page.evaluate(() => window.convpoolPlayground.getState().split('&ex=')[1]);
  await page.fill('#input-length', '30');
  await page.press('#input-length', 'Enter');
  // The new digest is computed asynchronously: wait for the exercise part of the link to change with N.
  await waitFor(page, 'the link to follow the edit', (old) => {
    const state = window.convpoolPlayground.getState();
    return /(^|&)n=30&/.test(state) && state.split('&ex=')[1] !== old;
  }, before, () => window.convpoolPlayground.getState());
  const state = await page.evaluate(() => window.convpoolPlayground.getState());
  const reopened = await browser.newPage(`/#${state}`);
  const title = await reopened.page.evaluate(() => window.convpoolPlayground.exercise()?.title ?? null);
  assert.equal(title, 'Conv forward: the same length', 'the edited experiment\'s link still carries the exercise');
  assert.deepEqual(reopened.errors, []);
  await reopened.page.close();
  assert.deepEqual(errors, []);
  await page.close();
});

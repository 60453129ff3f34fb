// A learner derives ∂C/∂x_in on lesson 1b, in the page: types a wrong formula in the math input (MathLive), sees the
// indices where it breaks marked on the plot of the true gradient, types the right one, and the goal is met; the plain
// text box takes the same grammar (keyboards, screen readers); the formula travels in the link. MathLive loads only
// with a formula goal, makes no request beyond the page's origin and runs under the page's CSP (Trusted Types included).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { ARTIFACTS, startBrowser } from './harness.mjs';
import { waitUntil } from './waiting.mjs';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core (WCAG 2.1 A/AA, best practice) on one part of the page → "id: targets" lines, empty when it passes. */
async function axeViolations(page, selector) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(([where, tags]) => window.axe.run(document.querySelector(where), { runOnly: { type: 'tag', values: tags } })
    .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)),
  [selector, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']]);
}

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const DX_GOAL = 3;   // lesson 1b: ∂C/∂W[1], ∂C/∂b, ∂C/∂x[5] typed as numbers, then ∂C/∂x_in and ∂C/∂W as formulas
const DW_GOAL = 4;

const goalState = (i) => window.convpoolPlayground.exercise()?.goals[i] ?? null;

async function openLesson(page, id) {
  await page.evaluate(() => document.querySelector('.site-footer').scrollIntoView());  // the explanations mount when near
  await waitUntil(page, (lesson) => document.querySelector(`[data-lesson-exercise="${lesson}"]`) !== null,
    { what: `lesson ${id}'s "Try it as an exercise"`, arg: id });
  await page.evaluate((lesson) => document.querySelector(`[data-lesson-exercise="${lesson}"]`).click(), id);
  await waitUntil(page, () => window.convpoolPlayground.exercise()?.title === 'Conv backward and the update', {
    what: 'lesson 1b as an exercise', observe: () => window.convpoolPlayground.exercise()?.title ?? null });
  // The lesson hands the focus to the exercise's title once it is installed; the learner starts from there.
  await waitUntil(page, () => document.activeElement?.id === 'exercise-title', {
    what: 'the focus on the exercise title', observe: () => document.activeElement?.outerHTML.slice(0, 80) });
}

/** Types `keys` into goal i's math field as a learner would (a backslash opens MathLive's LaTeX mode), then Enter. */
async function typeInMathField(page, i, keys) {
  const field = page.locator(`math-field[data-formula-goal="${i}"]`);
  await field.click();
  await waitUntil(page, (goal) => document.activeElement?.dataset?.formulaGoal === String(goal),
    { what: `the math field of goal ${i} to take the focus`, arg: i, observe: () => document.activeElement?.tagName });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(keys);
  await page.keyboard.press('Enter');  // closes the LaTeX mode and checks the formula
}

test('on lesson 1b a learner types a wrong then a right ∂C/∂x_in in the math input, sees the marked indices, and meets the goal', async () => {
  const { page, errors, foreignRequests } = await browser.newPage('/');
  assert.equal(await page.evaluate(() => customElements.get('math-field') === undefined), true, 'MathLive loaded before any formula goal');
  await openLesson(page, '1b');
  const row = page.locator(`.exercise-goal[data-goal="${DX_GOAL}"]`);
  assert.equal(await row.getAttribute('data-type'), 'formula');
  await waitUntil(page, (i) => document.querySelector(`math-field[data-formula-goal="${i}"]`)?.isConnected, {
    what: 'the math input (MathLive, loaded on first use)', arg: DX_GOAL,
    observe: () => document.querySelector('.exercise-formula')?.textContent.slice(0, 200) });

  // The classic mistake: ∂C/∂x_in = ∂C/∂x_out (· g′), the kernel forgotten.
  await typeInMathField(page, DX_GOAL, '\\delta_i');
  await waitUntil(page, (i) => (window.convpoolPlayground.exercise().goals[i].detail ?? '').includes('kernel'), {
    what: 'the feedback on δ_i', arg: DX_GOAL, observe: (i) => ({ goal: window.convpoolPlayground.exercise().goals[i],
      typed: document.querySelector(`math-field[data-formula-goal="${i}"]`)?.value, focus: document.activeElement?.tagName }) });
  let state = await page.evaluate(goalState, DX_GOAL);
  assert.equal(state.met, false);
  assert.match(state.detail, /wrong at every i .* The kernel is missing: a common mistake is ∂C\/∂x_in = ∂C\/∂x_out · g′\(x_in\)/);
  assert.match(await row.locator('.exercise-feedback').textContent(), /The kernel is missing/);
  const plot = row.locator('canvas.exercise-formula-plot');
  assert.equal(await plot.isVisible(), true, 'the plot of the true ∂C/∂x_in with the learner\'s values');
  const wrong = (await plot.getAttribute('data-wrong')).split(',').map(Number);
  assert.ok(wrong.length > 10, `marked indices: ${wrong}`);
  // Lesson 1b also asks for ∂C/∂x[5] as a number and hides that plot: the formula's plot marks, it does not show the truth.
  assert.equal(await plot.getAttribute('data-truth'), 'false');
  assert.match(await plot.getAttribute('aria-label'), /checked against ∂C\/∂x_in from the core, which this exercise hides: they disagree at i = 0, 1, 2/);
  await row.screenshot({ path: `${ARTIFACTS}formula-1b-wrong-desktop.png` });
  assert.deepEqual(await axeViolations(page, '#exercise-panel'), [], 'the formula goal with its math input, plot and feedback');

  // A shifted window: the padding offset ignored, named as such.
  await typeInMathField(page, DX_GOAL, '\\sum_{k=0}^{K-1}W_k\\delta_{i-k}');
  await waitUntil(page, (i) => /shifted/.test(window.convpoolPlayground.exercise().goals[i].detail), {
    what: 'the feedback on the shifted formula', arg: DX_GOAL, observe: (i) => window.convpoolPlayground.exercise().goals[i] });
  state = await page.evaluate(goalState, DX_GOAL);
  assert.match(state.detail, /shifted by 1, the left padding p = 1\. A common mistake is to ignore the padding offset/);

  // The right derivation: a sum over every (t, k) whose window read x[i].
  await typeInMathField(page, DX_GOAL, '\\sum_{t=0}^{M-1}\\sum_{k=0}^{K-1}[ts+kd-p=i]W_k\\delta_t');
  await waitUntil(page, (i) => window.convpoolPlayground.exercise().goals[i].met, {
    what: 'the right ∂C/∂x_in to meet the goal', arg: DX_GOAL, observe: (i) => window.convpoolPlayground.exercise().goals[i] });
  state = await page.evaluate(goalState, DX_GOAL);
  assert.equal(state.detail, 'Right at every index, for the current values and 3 random draws.');
  assert.equal(await row.getAttribute('data-met'), 'true');
  assert.equal(await plot.getAttribute('data-wrong'), '');
  await row.screenshot({ path: `${ARTIFACTS}formula-1b-right-desktop.png` });

  // The same grammar as plain text, for ∂C/∂W (the update rule's gradient), through the text box.
  const dwRow = page.locator(`.exercise-goal[data-goal="${DW_GOAL}"]`);
  await dwRow.getByRole('button', { name: 'Type as plain text' }).click();
  const box = dwRow.getByRole('textbox', { name: '∂C/∂W[k] =', exact: true });
  await box.fill('sum_{t=0}^{M-1} delta[t] * xpad[t*s + k*d]');
  await box.press('Enter');
  await waitUntil(page, (i) => window.convpoolPlayground.exercise().goals[i].met, {
    what: 'the plain-text ∂C/∂W to meet its goal', arg: DW_GOAL, observe: (i) => window.convpoolPlayground.exercise().goals[i] });

  // The formulas travel in the link: opened again, they are there and judged again.
  const link = await page.evaluate(() => window.convpoolPlayground.getState());
  assert.match(link, /&fx=/);
  const reopened = await browser.newPage(`/#${link}`);
  await waitUntil(reopened.page, (i) => window.convpoolPlayground.exercise()?.goals[i]?.met === true, {
    what: 'the reopened link to judge the stored formula', arg: DX_GOAL, observe: () => window.convpoolPlayground.exercise() });
  await waitUntil(reopened.page, (i) => document.querySelector(`#exercise-formula-${i}`)?.value.includes('\\sum'), {
    what: 'the stored formula in the box', arg: DX_GOAL });
  assert.deepEqual(reopened.errors, []);
  await reopened.page.close();

  assert.deepEqual(foreignRequests, [], 'MathLive and the checker make no request beyond the page');
  assert.deepEqual(errors, [], 'no console error (a Trusted Types or CSP violation would be one)');
  await page.close();
});

test('on a phone the formula box, its plot and its feedback fit the screen', async () => {
  const { page, errors } = await browser.newPage('/');
  await page.setViewportSize({ width: 390, height: 844 });
  await openLesson(page, '1b');
  await waitUntil(page, (i) => document.querySelector(`math-field[data-formula-goal="${i}"]`)?.isConnected,
    { what: 'the math input on a phone', arg: DX_GOAL });
  // met first, then a wrong try: the panel keeps the goal met and says what the last answer got
  await typeInMathField(page, DX_GOAL, '\\sum_{t=0}^{M-1}\\sum_{k=0}^{K-1}[ts+kd-p=i]W_k\\delta_t');
  await waitUntil(page, (i) => window.convpoolPlayground.exercise().goals[i].met, {
    what: 'the right ∂C/∂x_in to meet the goal', arg: DX_GOAL, observe: (i) => window.convpoolPlayground.exercise().goals[i] });
  await typeInMathField(page, DX_GOAL, '\\sum_{k=0}^{K-1}W_{K-1-k}\\delta_{i+p-k}');
  await waitUntil(page, (i) => /convolution/.test(window.convpoolPlayground.exercise().goals[i].detail), {
    what: 'the feedback on a flipped kernel', arg: DX_GOAL, observe: (i) => window.convpoolPlayground.exercise().goals[i] });
  const row = page.locator(`.exercise-goal[data-goal="${DX_GOAL}"]`);
  const overflow = await row.evaluate((li) => [...li.querySelectorAll('*')]
    .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => e.className || e.tagName));
  assert.deepEqual(overflow, [], 'nothing of the formula goal sticks out of a 390 px screen');
  await row.scrollIntoViewIfNeeded();
  await row.screenshot({ path: `${ARTIFACTS}formula-1b-phone.png` });
  await waitUntil(page, (i) => /convolution/.test(document.getElementById(`exercise-feedback-${i}`).textContent), {
    what: 'the panel to show that feedback', arg: DX_GOAL, observe: (i) => document.getElementById(`exercise-feedback-${i}`).textContent });
  const feedback = await page.textContent(`#exercise-feedback-${DX_GOAL}`);
  assert.doesNotMatch(feedback, /\.\./, `the feedback's sentences end with one full stop: ${feedback}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the exercise editor offers "type the formula" and previews what the classic wrong answers would get', async () => {
  const { page, errors } = await browser.newPage('/');
  await page.click('#make-exercise');
  await waitUntil(page, () => !document.getElementById('exercise-editor').hidden, { what: 'the editor to open' });
  await page.selectOption('#ex-goal-type', 'formula');
  await page.selectOption('#ex-formula-quantity', 'dx');
  await page.fill('#ex-layer', '1');
  assert.equal(await page.isVisible('#ex-index'), false, 'a formula goal has no index: it covers every one');
  await page.fill('#ex-formula-try', String.raw`\sum_{k=0}^{K-1} W_k \delta_{i+p-k}`);
  await page.click('#ex-formula-preview');
  await waitUntil(page, () => document.querySelectorAll('#ex-formula-previews li[data-met]').length >= 3, {
    what: 'the preview of the learner answers', observe: () => document.getElementById('ex-formula-previews').textContent });
  const previews = await page.$$eval('#ex-formula-previews li', (items) => items.map((li) => ({ met: li.dataset.met, text: li.textContent })));
  assert.equal(previews[0].met, 'true', `the author's own formula: ${previews[0].text}`);
  assert.match(previews[1].text, /the kernel forgotten .*: .*The kernel is missing: a common mistake is/);
  assert.match(previews[2].text, /the kernel flipped: .*A convolution, not a correlation/);
  await page.click('#ex-add-goal');
  await waitUntil(page, () => document.getElementById('ex-goals').textContent.includes('Type the formula of ∂C/∂x_in[i] for layer 1'),
    { what: 'the formula goal in the draft', observe: () => document.getElementById('ex-goals').textContent });
  await page.click('#ex-preview');
  await waitUntil(page, () => window.convpoolPlayground.exercise()?.goals[0]?.type === 'formula', {
    what: 'the previewed exercise with its formula goal', observe: () => window.convpoolPlayground.exercise() });
  await page.locator('#exercise-editor').screenshot({ path: `${ARTIFACTS}formula-editor.png` });
  assert.deepEqual(errors, []);
  await page.close();
});

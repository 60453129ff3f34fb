// axe-core (WCAG 2.2 A/AA and best practice) on every view of the page: desktop, phone, embed, the explanations
// opened, dark mode and the editors; every plot's text alternative; reduced motion; the keyboard's focus order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { startBrowser } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
// wcag22aa: target sizes (2.5.8), which Lighthouse's accessibility audit checks too
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const PHONE = { width: 390, height: 844 };

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** Runs axe on the page; → its violations as "id: target, target" lines (empty when there are none). */
async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } })
    .then((result) => result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }))), AXE_TAGS);
  return violations.map((v) => `${v.id} (${v.help}): ${v.targets.slice(0, 8).join(', ')}${v.targets.length > 8 ? ` … ${v.targets.length} in all` : ''}`);
}

/** Waits until `predicate` (run in the page) is true, or fails naming what it waited for. */
async function waitFor(page, predicate, what, arg) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: 20000 });
  } catch {
    assert.fail(`waited 20 s for ${what}; it did not happen`);
  }
}

async function openPage(path, { viewport, colorScheme, reducedMotion } = {}) {
  const opened = await browser.newPage(path, { waitForReady: false });
  const { page } = opened;
  if (viewport) await page.setViewportSize(viewport);
  if (colorScheme || reducedMotion) await page.emulateMedia({ colorScheme, reducedMotion });
  if (viewport || colorScheme || reducedMotion) await page.reload();
  await page.evaluate(() => window.convpoolPlayground.ready);
  return opened;
}

/** Opens the explanations (every <details> part) once they are mounted. */
async function openExplanations(page) {
  await page.evaluate(() => document.querySelector('.site-footer').scrollIntoView());
  await waitFor(page, () => window.convpoolExplain && document.querySelectorAll('#explain details').length > 0, 'the explanations to mount');
  // every part opened and laid out (parts far from the screen skip rendering: content-visibility) so axe sees all
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('#explain details')) { d.open = true; d.style.contentVisibility = 'visible'; }
  });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

const views = [
  { name: 'desktop 1280', path: '/', viewport: { width: 1280, height: 900 } },
  { name: 'phone 390×844', path: '/', viewport: PHONE },
  { name: 'embed 600×700', path: '/?embed=1', viewport: { width: 600, height: 700 } },
  { name: 'embed with hidden and locked controls', path: '/?embed=1&hide=share,export&lock=network', viewport: { width: 600, height: 700 } },
  { name: 'dark mode, desktop', path: '/', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
  { name: 'dark mode, phone', path: '/', viewport: PHONE, colorScheme: 'dark' },
];

for (const view of views) {
  test(`axe-core finds no violation: ${view.name}`, async () => {
    const { page, errors } = await openPage(view.path, view);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe-core violations in ${view.name}:\n${violations.join('\n')}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

for (const view of [views[0], views[1], views[4]]) {
  test(`axe-core finds no violation with the explanations, the plot tables and the editors opened: ${view.name}`, async () => {
    const { page, errors } = await openPage(view.path, view);
    await openExplanations(page);
    // every plot's table, and an editor showing an error
    await page.evaluate(() => { for (const d of document.querySelectorAll('details.plot-data')) d.open = true; });
    await waitFor(page, () => [...document.querySelectorAll('details.plot-data')].every((d) => d.querySelector('table')), 'every plot table to render');
    // on a phone the editor groups start folded (one tap from Play): open them, as a learner would
    for (const toggle of await page.$$('.group-toggle[aria-expanded="false"]')) await toggle.click();
    await page.click('#add-layer');
    await waitFor(page, () => [...document.querySelectorAll('pre, .explain-tex-line, .plot-data-body')]
      .every((el) => el.scrollWidth <= el.clientWidth + 1 || el.hasAttribute('tabindex')), 'every sideways-scrolling region to take the focus');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe-core violations in ${view.name} with everything opened:\n${violations.join('\n')}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('every plot has a summary with its range and a table of its numbers, built on demand', async () => {
  const { page, errors } = await openPage('/');
  await waitFor(page, () => [...document.querySelectorAll('.panel canvas')].every((c) => {
    const summary = document.getElementById(c.getAttribute('aria-describedby') || '');
    return summary && summary.textContent.length > 0;
  }), 'every plot canvas to have a filled summary (aria-describedby)');
  const summaries = await page.evaluate(() => [...document.querySelectorAll('.panel canvas')]
    .map((c) => ({ id: c.id, text: document.getElementById(c.getAttribute('aria-describedby')).textContent })));
  const n = await page.evaluate(() => Number(document.getElementById('input-length').value));
  const input = summaries.find((s) => s.id === 'canvas-input');
  assert.match(input.text, new RegExp(`^x: ${n} samples from (\\S+) to (\\S+)\\.$`), `input summary: ${input.text}`);
  for (const s of summaries) assert.match(s.text, /(samples|Loss C|Kernel W).*(from|=)/, `summary of ${s.id}: ${s.text}`);
  // the table of the input is not built until opened, then holds one row per sample, whose extremes are the summary's
  assert.equal(await page.evaluate(() => document.querySelector('details[data-plot="canvas-input"] table')), null,
    'the table is built only when asked for');
  await page.click('details[data-plot="canvas-input"] > summary');
  await waitFor(page, () => document.querySelector('details[data-plot="canvas-input"] table tbody tr'), 'the input table to render');
  const cells = await page.evaluate(() => [...document.querySelectorAll('details[data-plot="canvas-input"] tbody tr')]
    .map((row) => row.querySelector('td').textContent));
  assert.equal(cells.length, n, `the table has ${cells.length} rows for ${n} samples`);
  const numbers = cells.map((text) => Number(text.replace('−', '-')));
  const [, lo, hi] = input.text.match(/from (\S+) to (\S+)\.$/);
  assert.equal(Math.min(...numbers), Number(lo.replace('−', '-')), 'the table\'s smallest value is the summary\'s');
  assert.equal(Math.max(...numbers), Number(hi.replace('−', '-')), 'the table\'s largest value is the summary\'s');
  assert.deepEqual(errors, []);
  await page.close();
});

test('focus order follows the page: skip link, controls, then the plots from top to bottom', async () => {
  const { page } = await openPage('/');
  const positive = await page.evaluate(() => [...document.querySelectorAll('[tabindex]')].filter((el) => el.tabIndex > 0).map((el) => el.id || el.className));
  assert.deepEqual(positive, [], 'no positive tabindex (it would pull an element out of the page order)');
  // walk the plots with Tab: the canvases come in the order they sit on the page (document order = visual order)
  await page.focus('#canvas-input');
  const visited = [];
  for (let i = 0; i < 40; i++) {
    const here = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? { id: el.id, tag: el.tagName, top: el.getBoundingClientRect().top + window.scrollY } : null;
    });
    if (here.tag === 'CANVAS') visited.push(here);
    await page.keyboard.press('Tab');
  }
  assert.ok(visited.length >= 5, `Tab reached only ${visited.map((v) => v.id).join(', ')}`);
  for (let i = 1; i < visited.length; i++) {
    assert.ok(visited[i].top >= visited[i - 1].top, `focus went up the page: ${visited[i - 1].id} (${visited[i - 1].top}px) → ${visited[i].id} (${visited[i].top}px)`);
  }
  await page.close();
});

test('prefers-reduced-motion: no animation or transition runs anywhere on the page', async () => {
  const { page } = await openPage('/', { reducedMotion: 'reduce' });
  await openExplanations(page);
  const moving = await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => {
    const style = getComputedStyle(el);
    const seconds = (list) => list.split(',').some((t) => parseFloat(t) > 0);
    return (style.animationName !== 'none' && seconds(style.animationDuration)) || seconds(style.transitionDuration);
  }).map((el) => el.id || el.className || el.tagName));
  assert.deepEqual(moving, []);
  // Play keeps the page where it is
  const before = await page.evaluate(() => window.scrollY);
  await page.click('#play');
  await waitFor(page, () => window.convpoolPlayground.stepCount() > 5, 'Play to train a few steps');
  await page.click('#play');
  assert.equal(await page.evaluate(() => window.scrollY), before, 'Play scrolled the page');
  await page.close();
});

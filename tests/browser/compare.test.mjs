// Two experiments side by side (README "Compare two experiments", contract §11): setComparison / comparison /
// step(n) in lockstep / getState round trip, each side bit for bit its solo run; Play in lockstep; the link in a
// fresh page; postMessage; the lessons that open as comparisons; screenshots at 1280 px, 390 px and embedded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { startBrowser, ARTIFACTS, playgroundReady } from './harness.mjs';
import { waitUntil, within } from './waiting.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

// A: the default network with zeros padding; B: the same with reflect padding and η 0.02 (two differences).
const A = 'v=1&n=64&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1~act-tanh~pool-k2-s1-p0-d1-c0&loss=sse&seed=42'
  + '&in0=sines-3-1&target=filtered-0.1,0.2,0.4,0.2,0.1&lr=0.01&spf=2&steps=0';
const B = A.replace('mzeros', 'mreflect').replace('lr=0.01', 'lr=0.02');
// a data set with Adam (the optimizer lesson's kind of experiment) against the same with plain SGD
const DATA_A = 'v=1&n=32&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1&loss=mse&seed=3&in0=sine-2-1&target=filtered-0.1,0.2,0.4,0.2,0.1'
  + '&lr=0.01&spf=5&steps=0&bs=4&opt=adam&data=denoise-7-24&val=0.25';

/** Runs `fragment` alone in a page: setState, then step(n) for each n of `steps`; → { step, loss } (loss as a double). */
function solo(page, fragment, steps) {
  return page.evaluate(({ fragment, steps }) => {
    const p = window.convpoolPlayground;
    if (!p.setState(fragment)) throw new Error(`setState refused ${fragment}`);
    for (const n of steps) p.step(n);
    return { step: p.stepCount(), loss: p.loss() };
  }, { fragment, steps });
}

test('setComparison, step(n) in lockstep, comparison(): each side equals its solo run bit for bit; null ends it', async () => {
  const { page, errors } = await browser.newPage(`/#${A}`);
  const together = await page.evaluate(async ({ B }) => {
    const p = window.convpoolPlayground;
    const before = p.comparison();
    const ok = await p.setComparison(B);
    const lastLoss = p.step(37);
    p.step(5);
    return { before, ok, lastLoss, pair: p.comparison(), differences: document.getElementById('comparison-differences').textContent };
  }, { B });
  assert.equal(together.before, null, 'comparison() before setComparison');
  assert.equal(together.ok, true, 'setComparison(B) read B exactly');
  assert.equal(together.pair.a.step, 42);
  assert.equal(together.pair.b.step, 42);
  assert.notEqual(together.pair.a.loss, together.pair.b.loss, 'reflect padding and another η train differently');
  assert.equal(together.differences, 'B: padding mode reflect instead of zeros; η 0.02 instead of 0.01.'
    .replace('padding mode', 'layer 1 padding mode'));

  const ended = await page.evaluate(async () => {
    const p = window.convpoolPlayground;
    await p.setComparison(null);
    return { pair: p.comparison(), state: p.getState(), shown: !document.getElementById('comparison').hidden };
  });
  assert.equal(ended.pair, null, 'setComparison(null) ends the comparison');
  assert.ok(!ended.state.includes('vs='), `getState() without B after the end: ${ended.state}`);
  assert.equal(ended.shown, false, 'the comparison view is hidden after the end');

  const aloneA = await solo(page, A, [37, 5]);
  const aloneB = await solo(page, B, [37, 5]);
  assert.ok(Object.is(aloneA.loss, together.pair.a.loss), `A alone ${aloneA.loss} = A compared ${together.pair.a.loss}`);
  assert.ok(Object.is(aloneB.loss, together.pair.b.loss), `B alone ${aloneB.loss} = B compared ${together.pair.b.loss}`);
  // and the same in another page, run as one step(42)
  const { page: other } = await browser.newPage('/');
  const fresh = await solo(other, B, [42]);
  assert.ok(Object.is(fresh.loss, together.pair.b.loss), `B alone in a second page, one step(42): ${fresh.loss} vs ${together.pair.b.loss}`);
  assert.deepEqual(errors, []);
  await Promise.all([page.close(), other.close()]);
});

test('getState() carries both; a fresh page from the link restores the comparison bit for bit', async () => {
  const { page, errors } = await browser.newPage(`/#${DATA_A}`);
  const first = await page.evaluate(async ({ B }) => {
    const p = window.convpoolPlayground;
    await p.setComparison(B);
    p.step(20);
    p.step(3);
    return { state: p.getState(), pair: p.comparison() };
  }, { B: DATA_A.replace('opt=adam', 'opt=sgd') });
  assert.match(first.state, /&vs=v%3D1%26/, 'the link holds B beside A');
  const { page: reopened, errors: reopenedErrors } = await browser.newPage(`/#${first.state}`);
  const restored = await reopened.evaluate(() => ({ pair: window.convpoolPlayground.comparison(), state: window.convpoolPlayground.getState() }));
  assert.ok(restored.pair, 'comparison() in the page opened from the link');
  for (const side of ['a', 'b']) {
    assert.equal(restored.pair[side].step, first.pair[side].step, `${side}'s step`);
    assert.ok(Object.is(restored.pair[side].loss, first.pair[side].loss), `${side}'s loss ${restored.pair[side].loss} vs ${first.pair[side].loss}`);
  }
  assert.equal(restored.state, first.state, 'the reopened page writes the same link');
  // setState with a link without B ends the comparison, as a fresh page of that link would show
  const single = await reopened.evaluate(({ A }) => { const p = window.convpoolPlayground; const ok = p.setState(A); return { ok, pair: p.comparison() }; }, { A });
  assert.deepEqual(single, { ok: true, pair: null });
  assert.deepEqual([...errors, ...reopenedErrors], []);
  await Promise.all([page.close(), reopened.close()]);
});

test('Play trains both sides in lockstep; the Compare button makes B a copy of A and the controls edit B', async () => {
  const { page, errors } = await browser.newPage(`/#${A}`);
  await page.click('#compare');
  await waitUntil(page, () => window.convpoolPlayground.comparison() !== null && document.getElementById('comparison')?.hidden === false, {
    what: 'the comparison after a click on "Compare with…"', observe: () => window.convpoolPlayground.comparison(),
  });
  const copy = await page.evaluate(() => ({
    differences: document.getElementById('comparison-differences').textContent, editing: document.body.dataset.editing,
  }));
  assert.equal(copy.editing, 'b', 'the controls edit B after "Compare with…"');
  assert.match(copy.differences, /still a copy of A/);
  // the learner changes B's padding mode with the page's own control
  await page.locator('#layer-list select').filter({ has: page.locator('option[value="circular"]') }).first().selectOption('circular');
  await waitUntil(page, () => /circular instead of zeros/.test(document.getElementById('comparison-differences').textContent), {
    what: 'the differences line naming B\'s new padding mode', observe: () => document.getElementById('comparison-differences').textContent,
  });
  await page.click('#play');
  await waitUntil(page, () => window.convpoolPlayground.comparison().a.step >= 40, {
    what: 'Play to train 40 steps', observe: () => window.convpoolPlayground.comparison(),
  });
  await page.click('#play');
  const pair = await page.evaluate(() => window.convpoolPlayground.comparison());
  assert.equal(pair.a.step, pair.b.step, `lockstep after Play: ${JSON.stringify(pair)}`);
  const state = await page.evaluate(() => window.convpoolPlayground.getState());
  const { page: solo1 } = await browser.newPage('/');
  const [fragmentA, fragmentB] = [state.split('&vs=')[0], decodeURIComponent(state.split('&vs=')[1])];
  for (const [side, fragment] of [['a', fragmentA], ['b', fragmentB]]) {
    const alone = await solo1.evaluate((f) => { const p = window.convpoolPlayground; p.setState(f); return { step: p.stepCount(), loss: p.loss() }; }, fragment);
    assert.equal(alone.step, pair[side].step);
    assert.ok(Object.is(alone.loss, pair[side].loss), `${side} replayed alone: ${alone.loss} vs ${pair[side].loss}`);
  }
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.locator('#comparison').screenshot({ path: join(ARTIFACTS, 'compare-1280.png') });
  assert.deepEqual(errors, []);
  await Promise.all([page.close(), solo1.close()]);
});

test('hover works on both sides: the tooltip explains the side under the pointer; the difference toggle draws B − A', async () => {
  const { page, errors } = await browser.newPage(`/#${A}`);
  await page.evaluate(async ({ B }) => { await window.convpoolPlayground.setComparison(B); window.convpoolPlayground.step(5); }, { B });
  await page.locator('.site-footer').scrollIntoViewIfNeeded();
  await waitUntil(page, () => Boolean(window.convpoolExplain), {
    what: 'the explanations to mount', observe: () => `data-explain="${document.getElementById('explain')?.dataset.explain}"`,
  });
  // what the explanations explain: the padding mode of their experiment, and the sample their equations substitute
  const explained = () => page.evaluate(() => ({
    mode: window.convpoolExplain.__context.experiment().network.layers[0].paddingMode,
    hovered: window.convpoolExplain.equations.lastHover(),
  }));
  const forwardB = page.locator('#comparison canvas[data-row="forward-0"][data-side="b"]');
  await forwardB.scrollIntoViewIfNeeded();
  const box = await forwardB.boundingBox();
  await page.mouse.move(box.x + 8, box.y + 60);
  await waitUntil(page, () => /^B · /.test(document.getElementById('tooltip').textContent) && !document.getElementById('tooltip').hidden, {
    what: 'a tooltip for side B', observe: () => document.getElementById('tooltip').textContent,
  });
  const onB = await explained();
  assert.equal(onB.mode, 'reflect', 'the explanations follow side B under the pointer');
  assert.equal(onB.hovered?.layer, 0, `the equations substitute B's hovered sample: ${JSON.stringify(onB.hovered)}`);
  const forwardA = page.locator('#comparison canvas[data-row="forward-0"][data-side="a"]');
  const boxA = await forwardA.boundingBox();
  await page.mouse.move(boxA.x + 8, boxA.y + 60);
  await waitUntil(page, () => /^A · /.test(document.getElementById('tooltip').textContent), {
    what: 'a tooltip for side A', observe: () => document.getElementById('tooltip').textContent,
  });
  assert.equal((await explained()).mode, 'zeros', 'the explanations follow side A under the pointer');
  // the keyboard: a plot of B focused, → walks its samples and the tooltip says them
  await page.locator('#comparison canvas[data-row="input"][data-side="b"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await waitUntil(page, () => /^B · x\[0, 2\]/.test(document.getElementById('tooltip').textContent), {
    what: "the tooltip of B's x[0, 2] after two → keys", observe: () => document.getElementById('tooltip').textContent,
  });
  await page.locator('#comparison .comparison-diff-toggle[data-row="forward-0"]').click();
  const diff = await page.evaluate(() => {
    const row = document.querySelector('#comparison .comparison-row[data-row="forward-0"]');
    const canvas = row.querySelector('.comparison-diff');
    return { hidden: canvas.hidden, height: canvas.getBoundingClientRect().height, pressed: row.querySelector('.comparison-diff-toggle').getAttribute('aria-pressed') };
  });
  assert.equal(diff.pressed, 'true');
  assert.equal(diff.hidden, false);
  assert.ok(diff.height > 50, `the difference plot is drawn (${diff.height}px high)`);
  await page.locator('#comparison .comparison-row[data-row="forward-0"]').screenshot({ path: join(ARTIFACTS, 'compare-difference.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('phone (390 px): A/B tabs under the shared loss chart', async () => {
  const { page, errors } = await browser.newPage(`/#${A}`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(async ({ B }) => { await window.convpoolPlayground.setComparison(B); window.convpoolPlayground.step(20); }, { B });
  const visible = (side) => page.locator(`#comparison canvas[data-row="input"][data-side="${side}"]`).isVisible();
  await page.locator('#comparison-tab-a').click();
  assert.deepEqual([await visible('a'), await visible('b')], [true, false], 'tab A shows A only');
  await page.locator('#comparison-tab-b').click();
  assert.deepEqual([await visible('a'), await visible('b')], [false, true], 'tab B shows B only');
  assert.ok(await page.locator('#comparison-loss').isVisible(), 'the loss chart stays on top');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 390 px (overflow ${overflow}px)`);
  await page.locator('#comparison').screenshot({ path: join(ARTIFACTS, 'compare-390.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('embedded (?embed=1&lock=network) with a comparison: postMessage setComparison / comparison / step; locks hold for B', async () => {
  const errors = [];
  // postMessage from a parent page that holds the embed in an iframe (a page posting to itself is ignored)
  const parent = await browser.context.newPage();
  await parent.setContent(`<iframe id="f" style="width:1000px;height:1200px" src="${browser.origin}/?embed=1&lock=network#${A}"></iframe>`);
  parent.on('pageerror', (e) => errors.push(e.message));
  const child = parent.frames().find((f) => f !== parent.mainFrame());
  await playgroundReady(child, 'the embedded page');
  const answers = await within(parent.evaluate(async ({ B }) => {
    const frame = document.getElementById('f').contentWindow;
    let id = 0;
    const call = (method, ...args) => new Promise((resolve, reject) => {
      const mine = `c${++id}`;
      const on = (e) => {
        if (e.data?.id !== mine) return;
        removeEventListener('message', on);
        'error' in e.data ? reject(new Error(e.data.error)) : resolve(e.data.result);
      };
      addEventListener('message', on);
      frame.postMessage({ convpool: 1, id: mine, method, args }, '*');
    });
    const before = await call('comparison');
    const shown = await call('setComparison', B);
    await call('step', 12);
    const pair = await call('comparison');
    const state = await call('getState');
    let refused = null;
    try { await call('setComparison', 42); } catch (e) { refused = e.message; }
    return { before, shown, pair, state, refused };
  }, { B }), 'the postMessage calls');
  assert.equal(answers.before, null);
  assert.equal(answers.shown, true);
  assert.equal(answers.pair.a.step, 12);
  assert.equal(answers.pair.b.step, 12);
  assert.match(answers.state, /&vs=/);
  assert.match(answers.refused, /setComparison needs the fragment string/);
  const locked = await child.evaluate(() => {
    document.querySelector('#comparison [data-edit-side="b"]').click();
    return [...document.querySelectorAll('[data-control="network"] select, [data-control="network"] input')].every((c) => c.disabled);
  });
  assert.equal(locked, true, 'the network stays locked while the controls edit B');
  await parent.locator('iframe').screenshot({ path: join(ARTIFACTS, 'compare-embed.png') });
  assert.deepEqual(errors, []);
  await parent.close();
});

test('the lessons 1c (zeros vs reflect), 2b (pool boundaries) and SGD vs Adam open as comparisons, with their link', async () => {
  const { page, errors } = await browser.newPage('/');
  await page.locator('.site-footer').scrollIntoViewIfNeeded();
  await waitUntil(page, () => Boolean(window.convpoolExplain), {
    what: 'the explanations to mount', observe: () => `data-explain="${document.getElementById('explain')?.dataset.explain}"`,
  });
  const expected = {
    '1c': 'B: padding mode reflect instead of zeros.',
    '2b': 'B: layer 2 padding p (−∞) 1 instead of 0; layer 2 ceil mode on instead of off.',
    optimizers: 'B: optimizer adam instead of sgd.',
  };
  for (const [id, differences] of Object.entries(expected)) {
    const card = page.locator(`#explain article[data-lesson="${id}"]`);
    const href = await card.locator('a.explain-link').getAttribute('href');
    assert.match(href, /#v=1&.*&vs=v%3D1%26/, `lesson ${id}'s link carries both experiments`);
    await card.locator('button.explain-primary').click();
    await waitUntil(page, (text) => window.convpoolPlayground.comparison() !== null
      && document.getElementById('comparison-differences')?.textContent === text, {
      what: `lesson ${id} opened as a comparison`, arg: differences,
      observe: () => document.getElementById('comparison-differences')?.textContent,
    });
    // and its link opens the same comparison in a fresh page
    const fragment = href.slice(href.indexOf('#'));
    const { page: linked } = await browser.newPage(`/${fragment}`);
    const shown = await linked.evaluate(() => ({ pair: window.convpoolPlayground.comparison(), text: document.getElementById('comparison-differences').textContent }));
    assert.equal(shown.text, differences, `lesson ${id}'s link`);
    assert.deepEqual(shown.pair, await page.evaluate(() => window.convpoolPlayground.comparison()), `lesson ${id}: the same A and B from the link`);
    await linked.close();
  }
  await page.evaluate(() => window.convpoolPlayground.step(150));
  await page.locator('#comparison').scrollIntoViewIfNeeded();
  await page.locator('#comparison-loss').screenshot({ path: join(ARTIFACTS, 'compare-optimizers-loss.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('axe-core finds no violation in the comparison view (desktop, phone, dark)', async () => {
  const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const both = `/#${A}&vs=${encodeURIComponent(B)}`;
  for (const [name, viewport, colorScheme] of [['1280 px', { width: 1280, height: 900 }, 'light'], ['390 px', { width: 390, height: 844 }, 'light'],
    ['1280 px dark', { width: 1280, height: 900 }, 'dark']]) {
    const { page, errors } = await browser.newPage(both);
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme });
    await page.locator('#comparison .comparison-diff-toggle').first().click();
    await page.evaluate(axe);
    const violations = await page.evaluate(() => window.axe.run(document.getElementById('comparison'),
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
      .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`)));
    assert.deepEqual(violations, [], `axe-core in the comparison at ${name}`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('while comparing, Export → PyTorch code is of the side the controls edit, and its note says which', async () => {
  const { page, errors } = await browser.newPage('/');
  await page.evaluate(async ({ A, B }) => {
    const p = window.convpoolPlayground;
    p.setState(A);
    await p.setComparison(B);
  }, { A, B });
  const exported = async (side) => {
    await page.locator('#comparison').getByRole('button', { name: `Edit ${side}`, exact: true }).click();
    await page.getByRole('button', { name: 'PyTorch code', exact: true }).click();
    await waitUntil(page, (s) => {
      const note = document.getElementById('code-export-note');
      const code = document.querySelector('#code-export .code-viewer-code code');
      return Boolean(note && code && code.textContent && note.textContent.startsWith(`The code of experiment ${s} `));
    }, { what: `the code viewer to show experiment ${side}'s code`, arg: side,
      observe: () => document.getElementById('code-export-note')?.textContent ?? '(no viewer yet)' });
    return page.evaluate(() => ({
      code: document.querySelector('#code-export .code-viewer-code code').textContent,
      label: document.getElementById('code-export').getAttribute('aria-label'),
    }));
  };
  const b = await exported('B');
  assert.match(b.code, /padding_mode='reflect'/, "B's script builds B's reflect padding");
  assert.equal(b.label, 'PyTorch code of experiment B');
  const a = await exported('A');
  assert.match(a.code, /padding_mode='zeros'/, "A's script builds A's zeros padding");
  assert.doesNotMatch(a.code, /padding_mode='reflect'/);
  assert.deepEqual(errors, []);
  await page.close();
});

// What a new user trips over, second walk (desktop 1280×800, phone 390×844 with touch, a 600×700 embed, keyboard):
// drawing, the learner's own data, the data panel, the network overview, exercises, the first-visit hint, the
// classifier's plots, the embed protocol, sharing from `npm start`, the replayed loss curve and scrolling regions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startBrowser, playgroundReady } from './harness.mjs';
import { waitUntil, installPlaygroundCaller } from './waiting.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.convpoolPlayground[m](...a), [method, args]);

/** The experiment of the page's current link, parsed by the page's own reader. */
const experimentOf = (page) => page.evaluate(async () => {
  const { parseFragment } = await import('/shared/experiment.js');
  return parseFragment(window.convpoolPlayground.getState()).experiment;
});

/** A page at width × height (from the start: the layout is decided at load); `touch`: Chromium emulates a touch screen. */
async function pageIn({ width, height, touch = false }, path = '/') {
  const { page, errors } = await browser.newPage(path);
  await page.setViewportSize({ width, height });
  if (touch) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
  }
  await page.goto('about:blank');  // (a reload would keep the link the first load wrote into the address: no first visit)
  await page.goto(browser.origin + path);
  await playgroundReady(page, path);
  return { page, errors, close: () => page.close() };
}

// ---- 1. drawing: the scale holds still while the pointer is down ------------------------------------------------

/** The input plot's geometry: its box on the page and its one row (label 18 px above it, 4 px below). */
async function inputRow(page) {
  const canvas = page.locator('#canvas-input');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const row = box.height - 18 - 4;
  return { box, top: box.y + 18, row, mid: box.y + 18 + row / 2, amplitude: row / 2 - 5 };
}

/** A stroke from (x0, y(x0)) to (x1, y(x1)) in `steps` moves: the mouse, or a finger through CDP touch events. */
async function stroke(page, points, { touch = false } = {}) {
  if (!touch) {
    await page.mouse.move(points[0].x, points[0].y);
    await page.mouse.down();
    for (const p of points.slice(1)) await page.mouse.move(p.x, p.y);
    await page.mouse.up();
    return;
  }
  const cdp = await page.context().newCDPSession(page);
  const at = (p) => [{ x: p.x, y: p.y, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(points[0]) });
  for (const p of points.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(p) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

for (const touch of [false, true]) {
  test(`1. drawing with ${touch ? 'a finger' : 'the mouse'}: a straight stroke gives equal values, a sine has no plateau at the cap`, async () => {
    const { page, close } = await pageIn(touch ? { width: 390, height: 844, touch } : { width: 1280, height: 800 });
    await page.click('#draw-input');
    let g = await inputRow(page);
    const n = (await experimentOf(page)).network.inputLength;
    const xs = (from, to, count) => Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
    // a straight stroke 3 px inside the row's top edge: just above +1, where a rescaling plot jumps to ±2
    const y = g.top + 3;
    await stroke(page, xs(g.box.x + g.box.width * 0.1, g.box.x + g.box.width * 0.9, 40).map((x) => ({ x, y })), { touch });
    const straight = (await experimentOf(page)).input[0].drawn;
    const from = Math.ceil(0.12 * n);
    const to = Math.floor(0.88 * n);
    const covered = straight.slice(from, to);
    const spread = Math.max(...covered) - Math.min(...covered);
    assert.ok(spread <= 0.02 * 2, `a straight stroke at one height: values ${covered[0]} … spread ${spread.toFixed(4)} `
      + `(at most 2 % of the ±1 range); values ${covered.slice(0, 8).join(' ')}`);
    assert.ok(covered[0] > 0.95 && covered[0] < 1.2, `the stroke's value follows the pointer (about 1.05): ${covered[0]}`);

    // on a fresh page (its plot at ±1 again), a sine whose crests reach just past the row's ±1 lines, as a hand draws it
    await page.goto('about:blank');
    await page.goto(`${browser.origin}/`);
    await playgroundReady(page);
    await page.click('#draw-input');
    g = await inputRow(page);
    const sine = xs(g.box.x + 8, g.box.x + g.box.width - 8, 80).map((x, i) => ({ x, y: g.mid - 1.06 * g.amplitude * Math.sin((4 * Math.PI * i) / 79) }));
    await stroke(page, sine, { touch });
    const drawn = (await experimentOf(page)).input[0].drawn;
    const top = Math.max(...drawn);
    const atTop = drawn.filter((v) => v >= top - 1e-3).length;
    assert.ok(top < 1.2, `the sine's crest follows the pointer (≈ 1.06), not the ±2 cap: max ${top}; ${drawn.slice(0, 20).join(' ')}`);
    assert.ok(atTop <= 3, `no plateau at the crest: ${atTop} samples at the maximum ${top}`);
    await close();
  });
}

// ---- 2 and 3. own data: delimiter and decimal mark; the panel shows what was read -------------------------------

async function pasteCsv(page, text) {
  await page.selectOption('#data-source', 'own');
  await page.fill('#data-csv', text);
  await page.click('#data-csv-use');
}

test('2. a spreadsheet CSV with semicolons and decimal commas is read right; an ambiguous one is refused naming row and column', async () => {
  const { page, errors } = await browser.newPage('/');
  const e = await experimentOf(page);
  const n = e.network.inputLength;
  // 12 rows, as a German spreadsheet exports them: "0,5;-1,25;…"
  const rows = Array.from({ length: 12 }, (_, r) => Array.from({ length: n + n - 4 }, (_, i) => Math.round(100 * Math.sin(r + i / 5)) / 100));
  const csv = `${rows.map((row) => row.map((v) => String(v).replace('.', ',')).join(';')).join('\n')}\n`;
  await pasteCsv(page, csv);
  await waitUntil(page, () => document.getElementById('data-count').value === '12', {
    what: 'the examples field to show the 12 rows read', observe: () => document.getElementById('data-count').value,
  });
  const own = (await experimentOf(page)).dataset.own;
  assert.equal(own.length, 12);
  const worst = Math.max(...own.flatMap(([x, y], r) => [...x, ...y].map((v, i) => Math.abs(v - rows[r][i]))));
  assert.ok(worst < 1e-6, `every value read as written (worst difference ${worst}); row 1 starts ${own[0][0].slice(0, 4)}`);
  assert.ok(Math.max(...own.flatMap(([x]) => x.map(Math.abs))) <= 1, 'no comma taken as a separator (values up to 9408 before)');
  const summary = await page.textContent('#data-summary');
  assert.match(summary, /12 own examples read \(read as semicolon-separated, decimal comma\)/);
  assert.match(summary, /9 for training, 3 for validation/);

  // ambiguous: commas and spaces both between values
  await page.fill('#data-csv', `${Array.from({ length: n + 2 }, () => '0,5').join(' ')}\n`);
  await page.click('#data-csv-use');
  const error = page.locator('#data-error');
  await waitUntil(page, () => !document.getElementById('data-error').hidden, { what: 'the refusal', observe: () => document.getElementById('data-error').textContent });
  assert.match(await error.textContent(), /row 1, column 2: .*mixes commas and spaces.*The data set is unchanged/);
  assert.equal((await experimentOf(page)).dataset.own.length, 12, 'the data set read before stays');
  assert.deepEqual(errors, []);
  await page.close();
});

test('3. the data panel: rows read, the hidden-kernel legend only where one exists, no signals editor for a classifier, an epoch counter', async () => {
  const { page, errors } = await browser.newPage('/');
  const ghostLegend = () => page.evaluate(async () => {
    const { hiddenKernelOf } = await import('/shared/datasets.js');
    const { parseFragment } = await import('/shared/experiment.js');
    return hiddenKernelOf(parseFragment(window.convpoolPlayground.getState()).experiment);
  });
  assert.deepEqual(await ghostLegend(), [0.1, 0.2, 0.4, 0.2, 0.1], "the one example's 'filtered' target has its kernel");
  await page.selectOption('#data-source', 'denoise');
  await waitUntil(page, () => !document.getElementById('train-epoch').hidden, { what: 'the epoch counter', observe: () => document.getElementById('train-epoch').outerHTML });
  assert.equal(await ghostLegend(), null, 'denoising has no hidden kernel');
  // the kernel plot says "dashed: hidden kernel" only with one: compare its pixels in the legend's colour
  assert.match(await page.textContent('#data-summary'), /^32 examples: 24 for training, 8 for validation\.$/);
  assert.match(await page.textContent('#train-epoch'), /^epoch 0 \(batches of \d+, 24 training examples\)$/);
  await api(page, 'step', 6);
  const batch = (await experimentOf(page)).training.batchSize;
  assert.equal(await page.textContent('#train-epoch'), `epoch ${Number.isInteger((6 * batch) / 24) ? (6 * batch) / 24 : ((6 * batch) / 24).toFixed(2)} (batches of ${batch}, 24 training examples)`);
  await page.selectOption('#data-source', 'smooth');
  assert.deepEqual(await ghostLegend(), [0.1, 0.2, 0.4, 0.2, 0.1], 'smoothing: the moving average made its targets');

  // the classifier: the signals editor and the CSV box do not apply
  await page.selectOption('#data-source', 'classify');
  const accept = page.locator('#classify-offer button').first();
  await accept.click();
  await waitUntil(page, () => document.querySelector('.controls > [data-control="signals"]').offsetParent === null, {
    what: 'the Signals group to leave with the classifier', observe: () => getComputedStyle(document.querySelector('.controls > [data-control="signals"]')).display,
  });
  assert.equal(await page.locator('.own-data').isVisible(), false, 'no CSV box for the classifier');
  assert.equal(await ghostLegend(), null);
  await page.selectOption('#data-source', 'one');
  await waitUntil(page, () => document.querySelector('.controls > [data-control="signals"]').offsetParent !== null, { what: 'the Signals group back' });
  assert.ok(await page.locator('#train-epoch').isHidden(), 'no epoch counter for one example');
  assert.deepEqual(errors, []);
  await page.close();
});

// ---- 8. the embed protocol ------------------------------------------------------------------------------------

test('8. an unknown postMessage method is answered with an error naming it; Space on a focused plot does not scroll', async () => {
  const { page } = await browser.newPage('/', { waitForReady: false });
  await page.evaluate(installPlaygroundCaller);
  const replies = await page.evaluate(async () => {
    document.body.replaceChildren();
    const frame = document.createElement('iframe');
    frame.src = '/?embed=1';
    frame.style.cssText = 'width:600px;height:700px';
    document.body.append(frame);
    await new Promise((r) => frame.addEventListener('load', r));
    const call = (id, method, args) => window.convpoolCall(frame.contentWindow, id, method, args);
    return { typo: await call('t', 'stepp', [5]), ok: await call('o', 'stepCount', []) };
  });
  assert.equal(replies.typo.id, 't');
  assert.match(replies.typo.error, /unknown method "stepp".*step, loss/);
  assert.equal(replies.ok.result, 0, 'nothing ran');
  await page.close();

  const { page: embed, errors } = await browser.newPage('/?embed=1');
  await embed.setViewportSize({ width: 600, height: 700 });
  await embed.focus('#canvas-prediction');
  const before = await embed.evaluate(() => scrollY);
  await embed.keyboard.press('Space');
  await embed.keyboard.press('Space');
  assert.equal(await embed.evaluate(() => scrollY), before, 'Space on a plot keeps the page where it is');
  await waitUntil(embed, () => document.getElementById('inspect-live').textContent !== '', {
    what: 'Space to pick the plot\'s sample, as Enter does', observe: () => document.getElementById('inspect-live').textContent,
  });
  assert.deepEqual(errors, []);
  await embed.close();
});

// ---- 10. the replayed loss curve -----------------------------------------------------------------------------

/** The steps of the loss curve's first `count` points, walked with the keyboard (Home, then → and the live region). */
async function firstCurveSteps(page, count) {
  await page.focus('#canvas-loss');
  await page.keyboard.press('Home');
  await waitUntil(page, () => /^step 0\b/.test(document.getElementById('inspect-live').textContent), {
    what: 'the live region to say the first point of the loss curve', observe: () => document.getElementById('inspect-live').textContent,
  });
  const steps = [];
  for (let i = 0; i < count; i++) {
    steps.push(Number((await page.textContent('#inspect-live')).match(/^step (\d+)/)[1]));
    await page.keyboard.press('ArrowRight');
  }
  return steps;
}

test('10. a shared link replays its loss curve as finely as it was trained live (a point per step at the start)', async () => {
  const { page, errors } = await browser.newPage('/');
  // live training as Play runs it at 2 steps per frame
  await page.evaluate(() => { for (let i = 0; i < 300; i++) window.convpoolPlayground.step(2); });
  const live = await firstCurveSteps(page, 31);
  assert.deepEqual(live, Array.from({ length: 31 }, (_, i) => i), 'the live curve has a point per step');
  const state = await api(page, 'getState');
  const replayed = await browser.newPage(`/#${state}`);
  assert.equal(await api(replayed.page, 'stepCount'), 600);
  assert.deepEqual(await firstCurveSteps(replayed.page, 31), live, 'the replayed curve has the same first points');
  assert.equal(await api(replayed.page, 'loss'), await api(page, 'loss'), 'and the same loss to the last bit');
  assert.deepEqual([...errors, ...replayed.errors], []);
  await replayed.page.close();
  await page.close();
});

// ---- 7. the classifier's plots --------------------------------------------------------------------------------

/** A page with the waveform classifier (the data-set panel's task, its network accepted) trained `steps` steps. */
async function classifierPage(steps) {
  const opened = await browser.newPage('/');
  await opened.page.selectOption('#data-source', 'classify');
  await opened.page.locator('#classify-offer button').first().click();
  await waitUntil(opened.page, () => window.convpoolPlayground.getState().includes('crossentropy'), { what: 'the classifier' });
  await api(opened.page, 'step', steps);
  return opened;
}

test('7. the classifier: all 8 channels drawn, the 8 first-layer kernels apart, the validation C label above the accuracy curve', async () => {
  const { page, errors } = await classifierPage(200);
  // record what the plots write, with where
  await page.evaluate(() => {
    window.__texts = [];
    window.__frames = [];
    const { fillText, strokeRect } = CanvasRenderingContext2D.prototype;
    CanvasRenderingContext2D.prototype.fillText = function (text, x, y) {
      window.__texts.push({ canvas: this.canvas.id, text, x, y, width: this.measureText(text).width });
      return fillText.apply(this, arguments);
    };
    CanvasRenderingContext2D.prototype.strokeRect = function (x, y, w, h) {
      window.__frames.push({ canvas: this.canvas.id, x, y, w, h });
      return strokeRect.apply(this, arguments);
    };
  });
  await api(page, 'step', 1);
  const forward = page.locator('#plot-forward-0');
  await forward.scrollIntoViewIfNeeded();
  await waitUntil(page, () => window.__texts.some((t) => t.canvas === 'plot-forward-0'), { what: 'the first layer\'s forward plot drawn' });
  await page.locator('#plot-kernel-0').scrollIntoViewIfNeeded();  // (a plot off screen is drawn once it is near)
  await waitUntil(page, () => window.__texts.some((t) => t.canvas === 'plot-kernel-0'), { what: 'the first layer\'s kernels drawn' });
  await page.locator('#canvas-loss').scrollIntoViewIfNeeded();
  await waitUntil(page, () => window.__texts.some((t) => t.canvas === 'canvas-loss'), { what: 'the loss chart drawn' });
  const drawn = await page.evaluate(() => {
    const texts = window.__texts;
    return {
      forward: texts.filter((t) => t.canvas === 'plot-forward-0').map((t) => t.text),
      kernel: texts.filter((t) => t.canvas === 'plot-kernel-0').map((t) => t.text),
      validation: texts.find((t) => t.canvas === 'canvas-loss' && /^validation C/.test(t.text)),
      accuracy: texts.find((t) => t.canvas === 'canvas-loss' && /^accuracy/.test(t.text)),
      frame: window.__frames.find((f) => f.canvas === 'canvas-loss'),
    };
  });
  const channels = [...new Set(drawn.forward.filter((t) => /^ch \d$/.test(t)))];  // (a plot may be drawn twice)
  assert.deepEqual(channels, ['ch 0', 'ch 1', 'ch 2', 'ch 3', 'ch 4', 'ch 5', 'ch 6', 'ch 7'], `the 8 output channels each have a row: ${drawn.forward.join(' | ')}`);
  assert.ok(!drawn.forward.some((t) => /not drawn/.test(t)), 'no channel left out');
  const kernels = [...new Set(drawn.kernel.filter((t) => /^ch \d$/.test(t)))];
  assert.equal(kernels.length, 8, `each of the 8 kernels is labelled with its channel: ${drawn.kernel.join(' | ')}`);
  assert.ok(drawn.validation && drawn.frame, 'the loss chart draws its frame and the validation C');
  assert.ok(drawn.validation.y + 2 <= drawn.frame.y, `the validation C (baseline ${drawn.validation.y}) sits above the plot area `
    + `(top ${drawn.frame.y}), where the accuracy curve runs`);
  assert.deepEqual(errors, []);
  await page.close();
});

// ---- 9. sharing from npm start --------------------------------------------------------------------------------

test('9. a link copied from localhost says it points at localhost and how to share it on the network', async () => {
  const { page, errors } = await browser.newPage('/');
  await page.click('#copy-link');
  await waitUntil(page, () => document.getElementById('share-status').textContent !== '', { what: 'the share status' });
  assert.match(await page.textContent('#share-status'), /It points at localhost, so it opens only on this computer.*npm start -- --host/);
  await page.click('#copy-embed');
  await waitUntil(page, () => /Embed code|embed code/.test(document.getElementById('share-status').textContent), { what: 'the embed status' });
  assert.match(await page.textContent('#share-status'), /points at localhost/);
  const elsewhere = await page.evaluate(async () => {
    const { onlyHere } = await import('/app/url.js');
    return [onlyHere({ protocol: 'https:', hostname: 'course.example.org' }), onlyHere({ protocol: 'http:', hostname: '192.0.2.7' }),
      onlyHere({ protocol: 'http:', hostname: '127.0.0.1' }) !== '', onlyHere({ protocol: 'file:', hostname: '' }) !== ''];
  });
  assert.deepEqual(elsewhere, ['', '', true, true], 'only a localhost or file page says so');
  assert.deepEqual(errors, []);
  await page.close();
});

// ---- 11. axe-core on the phone right after ready --------------------------------------------------------------

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page now; → its violations as "id: targets" lines. */
const AXE_RUN = () => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
  .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));

test('11. the phone view (390×844) has no axe violation right after ready, nor the moment a scrolling region is shown', async () => {
  const { page, errors } = await browser.newPage('/', { waitForReady: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload({ waitUntil: 'commit' });
  await waitUntil(page, () => window.convpoolPlayground, { what: 'the page handle' });
  await page.evaluate(AXE_SOURCE);
  // axe runs as `ready` resolves: nothing idle has run in between
  const atReady = await page.evaluate(`window.convpoolPlayground.ready.then(${AXE_RUN})`);
  assert.deepEqual(atReady, [], 'axe-core on the phone right after ready');
  // the explanations mount in idle time after ready, their parts laid out only near the screen (content-visibility):
  // a lesson's pseudo-code, wider than a phone, must be reachable as soon as it is scrolled to (two frames later),
  // not after a later idle pass
  await waitUntil(page, () => document.getElementById('explain').dataset.explain === 'mounted', { what: 'the explanations' });
  const scrolledTo = await page.evaluate(`(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const result = [];
    for (const pre of [...document.querySelectorAll('#explain pre')].filter((el) => el.closest('details')?.open !== false).slice(0, 6)) {
      pre.scrollIntoView({ block: 'center' });
      await frame();
      await frame();
      if (pre.scrollWidth > pre.clientWidth + 1) result.push({ box: pre.className, tabindex: pre.getAttribute('tabindex') });
    }
    return result;
  })()`);
  assert.ok(scrolledTo.length > 0, 'a box of the explanations scrolls sideways on a phone (what this part is about)');
  assert.deepEqual(scrolledTo.filter((box) => box.tabindex !== '0'), [], 'every scrolling box has its tab stop as soon as it is on screen');
  assert.deepEqual(await page.evaluate(`(${AXE_RUN})()`), [], 'axe-core once the explanations are in');
  assert.deepEqual(errors, []);
  await page.close();
});

// ---- 6. the first steps cover nothing ------------------------------------------------------------------------

/** Every control and plot on screen whose centre shows something else than itself: a notice or hint on top of it. */
const coveredByNotice = (page) => page.evaluate(() => {
  const covered = [];
  for (const el of document.querySelectorAll('.layout button, .layout input, .layout select, .layout textarea, .layout canvas, .layout h2, .layout legend, .layout label')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || el.closest('#welcome, #notice')) continue;
    const x = r.left + r.width / 2;
    const y = r.top + Math.min(r.height / 2, 10);
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const top = document.elementFromPoint(x, y);
    if (top && top.closest('#welcome, #notice, .notice')) covered.push(`${el.tagName.toLowerCase()}#${el.id || ''} under ${top.closest('#welcome, #notice, .notice').id}`);
  }
  return covered;
});

for (const view of [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844, touch: true }]) {
  test(`6. the "New here?" hint covers no control or plot (${view.name}), through data-set changes and the exercise editor`, async () => {
    const { page, errors, close } = await pageIn(view);
    const hint = page.locator('#welcome, #notice[data-kind="welcome"]');  // (the hint was a notice bar before)
    assert.match(await hint.textContent(), /New here\? Press Play/);
    assert.ok(await hint.isVisible(), 'the first steps are shown on a first visit');
    const positions = [0, 400, 900, 1600];
    for (const y of positions) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      assert.deepEqual(await coveredByNotice(page), [], `at scroll ${y}`);
    }
    await page.selectOption('#data-source', 'denoise');
    await waitUntil(page, () => !document.getElementById('train-epoch').hidden, { what: 'the data set' });
    for (const y of positions) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      assert.deepEqual(await coveredByNotice(page), [], `with a data set, at scroll ${y}`);
    }
    const make = page.locator('#make-exercise');
    if (await make.isVisible()) {
      await make.click();
      await waitUntil(page, () => !document.getElementById('exercise-editor').hidden, { what: 'the exercise editor' });
      assert.deepEqual(await coveredByNotice(page), [], 'with the exercise editor open');
    }
    assert.ok(await hint.isVisible(), 'still there until Play or a step');
    await page.evaluate(() => document.getElementById('step-1').click());  // (on a phone the open editor fills the screen)
    await waitUntil(page, () => !document.querySelector('#welcome:not([hidden]), #notice[data-kind="welcome"]:not([hidden])'), {
      what: 'the first steps to go with the first step' });
    assert.deepEqual(errors, []);
    await close();
  });
}

// ---- 4. the network at a glance; plots with room to be read ----------------------------------------------------

for (const view of [{ name: 'desktop 1280', width: 1280, height: 800, path: '/' }, { name: 'embed 600', width: 600, height: 700, path: '/?embed=1' },
  { name: 'phone 390', width: 390, height: 844, path: '/', touch: true }]) {
  test(`4. the network overview and the larger plots: ${view.name}`, async () => {
    const { page, errors, close } = await pageIn(view, view.path);
    await waitUntil(page, () => document.getElementById('overview').dataset.overview === 'ready', {
      what: 'the overview to be built', observe: () => document.getElementById('overview').outerHTML.slice(0, 200),
    });
    const e = await experimentOf(page);
    const nodes = await page.$$eval('#overview .overview-node', (all) => all.map((b) => ({
      title: b.querySelector('.overview-title').textContent, shape: b.querySelector('.overview-shape').textContent,
    })));
    assert.equal(nodes.length, e.network.layers.length + 2, 'the input, each layer and the loss');
    assert.deepEqual(nodes[0], { title: 'input x', shape: `${e.network.inputChannels} × ${e.network.inputLength}` });
    assert.match(nodes[nodes.length - 1].title, /^loss C/);
    // the shapes are the core's: the default network's max-pool (k=2, stride 1) makes 63 samples of 64
    assert.deepEqual(nodes.slice(1, -1).map((n) => n.shape), ['1 × 64', '1 × 64', '1 × 63']);
    const box = await page.locator('#overview').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= view.width + 0.5, `the overview fits the width (${box.x} + ${box.width})`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), view.width, 'no sideways scrolling of the page');
    // a click brings the layer's plots into view and focuses its heading
    await page.locator('#overview .overview-node').nth(3).click();
    await waitUntil(page, () => document.activeElement?.closest('#layer-title-2') !== null
      && document.getElementById('layer-title-2').getBoundingClientRect().top >= -2 && document.getElementById('layer-title-2').getBoundingClientRect().bottom <= innerHeight + 2, {
      what: 'layer 3 in view with its heading focused', observe: () => [document.activeElement?.outerHTML.slice(0, 80), document.getElementById('layer-title-2').getBoundingClientRect().top],
    });
    // the input and output plots: at least twice their old 80 px on a desktop or embed, and larger on a phone
    const heights = await page.$$eval('#canvas-input, #canvas-prediction', (all) => all.map((c) => c.getBoundingClientRect().height));
    for (const h of heights) assert.ok(h >= (view.width >= 600 ? 2 * 72 : 110), `a signal plot is ${h} px high`);
    await page.screenshot({ path: `test-artifacts/overview-${view.name.replace(/\W+/g, '-')}.png` });
    assert.deepEqual(errors, []);
    await close();
  });
}

test('4. the overview reads shapes from the model and names from the layer schema: it names no layer type', async () => {
  const { page } = await browser.newPage('/', { waitForReady: false });
  const source = await page.evaluate(() => fetch('/app/overview.js').then((r) => r.text()));
  for (const type of ['conv1d', 'maxpool1d', 'avgpool1d', 'activation', 'globalpool', 'linear']) {
    assert.doesNotMatch(source, new RegExp(`'${type}'`), `overview.js names the type '${type}'`);
  }
  await page.close();
});

// ---- 5. exercises: the goal's plot beside its box --------------------------------------------------------------

for (const view of [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844, touch: true }]) {
  test(`5. each exercise goal has a live copy of its plot beside its answer box (${view.name}); a hidden plot is not copied`, async () => {
    const { page, errors, close } = await pageIn(view);
    await page.evaluate(() => window.convpoolPlayground.setExercise({
      title: 'Read the plots', task: 'Read y and ∂C/∂x of layer 1.',
      goals: [
        { type: 'answer', quantity: 'y', layer: 0, channel: 0, index: 3 },
        { type: 'answer', quantity: 'dx', layer: 0, channel: 0, index: 3, hidePlot: true },
        { type: 'lossBelow', value: 0.5 },
      ],
    }));
    await waitUntil(page, () => document.querySelectorAll('#exercise-panel .goal-plot').length === 3, {
      what: 'a plot beside each of the 3 goals', observe: () => document.getElementById('exercise-panel').innerHTML.slice(0, 300),
    });
    const figures = await page.$$eval('#exercise-panel .goal-plot', (all) => all.map((f) => ({ plot: f.dataset.plot, copy: !f.querySelector('canvas').hidden, note: f.querySelector('figcaption').textContent })));
    assert.deepEqual(figures.map((f) => [f.plot, f.copy]), [['plot-forward-0', true], ['plot-backward-0', false], ['canvas-loss', true]]);
    assert.match(figures[1].note, /hidden in this exercise/, 'the hidden plot is not given away');
    await waitUntil(page, () => {
      const c = document.querySelector('.goal-plot[data-plot="plot-forward-0"] canvas');
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
      return ink > 500;
    }, { what: 'the copy to show the plot' });
    // the answer box and its plot on one screen
    const box = page.locator('#exercise-answer-0');
    await box.scrollIntoViewIfNeeded();
    const apart = await page.evaluate(() => {
      const answer = document.getElementById('exercise-answer-0').getBoundingClientRect();
      const copy = document.querySelector('.goal-plot[data-plot="plot-forward-0"] canvas').getBoundingClientRect();
      return { gap: Math.abs(copy.top - answer.bottom), bothOnScreen: answer.top >= 0 && copy.bottom <= innerHeight + 1 || copy.top >= 0 && answer.bottom <= innerHeight };
    });
    assert.ok(apart.gap < 300, `the copy is ${Math.round(apart.gap)} px from the answer box`);
    // live: training changes the loss curve's copy
    const before = await page.$eval('.goal-plot[data-plot="canvas-loss"] canvas', (c) => c.toDataURL());
    await api(page, 'step', 50);
    await waitUntil(page, (old) => document.querySelector('.goal-plot[data-plot="canvas-loss"] canvas').toDataURL() !== old, {
      what: 'the loss copy to follow training', arg: before,
    });
    await page.locator('#exercise-panel').screenshot({ path: `test-artifacts/goal-plots-${view.name}.png` });
    // a click on the copy brings the full plot into view
    await page.click('.goal-plot[data-plot="plot-forward-0"] .goal-plot-show');
    await waitUntil(page, () => { const r = document.getElementById('plot-forward-0').getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; }, { what: 'the full plot in view' });
    assert.deepEqual(errors, []);
    await close();
  });
}

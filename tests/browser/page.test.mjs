// The playground page in real headless Chromium: loading, training, sharing, presets, drawing, embedding,
// hovering, offline-ness and a screenshot artifact (test-artifacts/, not committed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startBrowser, ARTIFACTS } from './harness.mjs';
import { drawnPlot, installPlaygroundCaller, pointAt, waitUntil } from './waiting.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.convpoolPlayground[m](...a), [method, args]);

test('the default page loads with no console errors, draws every panel and saves a screenshot', async () => {
  const { page, errors, foreignRequests } = await browser.newPage('/');
  const canvases = await page.locator('canvas').count();
  assert.ok(canvases >= 3 + 3 * 2 + 1, `expected the signal, loss and per-layer canvases, found ${canvases}`);
  assert.equal(await page.locator('#explain').count(), 1);
  assert.equal(await api(page, 'stepCount'), 0);
  assert.ok(Number.isFinite(await api(page, 'loss')));
  await page.screenshot({ path: join(ARTIFACTS, 'default-experiment.png'), fullPage: false });
  await page.setViewportSize({ width: 360, height: 800 });
  // the signal canvases redrawn at their new width (a ResizeObserver asks for the redraw) before the screenshot
  await waitUntil(page, () => ['canvas-input', 'canvas-prediction'].every((id) => {
    const c = document.getElementById(id);
    return c.clientWidth <= 360 && c.width === Math.round(Math.max(120, c.clientWidth) * Math.min(3, devicePixelRatio));
  }), {
    what: 'the signal canvases to be redrawn at a 360px viewport',
    observe: () => ['canvas-input', 'canvas-prediction'].map((id) => `${id}: ${document.getElementById(id).width}px drawn, ${document.getElementById(id).clientWidth}px wide`),
  });
  await page.screenshot({ path: join(ARTIFACTS, 'default-experiment-360px.png'), fullPage: false });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 360px`);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests, []);
  await page.close();
});

test('step(100) lowers the loss; the step count and the status follow', async () => {
  const { page, errors } = await browser.newPage('/');
  const before = await api(page, 'loss');
  await api(page, 'step', 100);
  const afterLoss = await api(page, 'loss');
  assert.ok(afterLoss < before / 10, `loss ${before} → ${afterLoss}`);
  assert.equal(await api(page, 'stepCount'), 100);
  assert.match(await page.locator('#train-status').textContent(), /step 100/);
  await page.click('#reset');
  assert.equal(await api(page, 'stepCount'), 0);
  assert.equal(await api(page, 'loss'), before);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link from getState() opened in a fresh page gives the same loss to the last bit', async () => {
  const { page } = await browser.newPage('/');
  await api(page, 'step', 37);
  // change η mid-way: the link records the schedule, so the replay is still exact
  await page.evaluate(() => {
    const slider = document.getElementById('learning-rate');
    slider.value = '-2.5';
    slider.dispatchEvent(new Event('input'));
  });
  await api(page, 'step', 63);
  const state = await api(page, 'getState');
  const loss = await api(page, 'loss');
  await page.close();
  const fresh = await browser.newPage(`/#${state}`);
  assert.equal(await api(fresh.page, 'stepCount'), 100);
  assert.equal(await api(fresh.page, 'loss'), loss);
  assert.equal(await api(fresh.page, 'getState'), state);
  assert.deepEqual(fresh.errors, []);
  await fresh.page.close();
});

test('every input and target preset loads and trains', async () => {
  const { page, errors } = await browser.newPage('/');
  const inputs = await page.locator('#input-list select').first().locator('option').evaluateAll((o) => o.map((x) => x.value));
  assert.deepEqual(inputs, ['sine', 'square', 'sawtooth', 'triangle', 'chirp', 'impulse', 'step', 'noise', 'sines']);
  for (const preset of inputs) {
    await page.locator('#input-list select').first().selectOption(preset);
    assert.match(await api(page, 'getState'), new RegExp(`in0=${preset}-`));
    assert.ok(Number.isFinite(await api(page, 'step', 5)), preset);
  }
  const targets = await page.locator('#target-preset option').evaluateAll((o) => o.map((x) => x.value));
  assert.ok(targets.length >= 8);
  let previous = await page.inputValue('#target-preset');
  for (const target of targets) {
    const steps = await api(page, 'stepCount');
    await page.selectOption('#target-preset', target);
    // choosing the target already running changes nothing (training goes on); a new one restarts it
    assert.equal(await api(page, 'stepCount'), target === previous ? steps : 0, `${target}: a new target restarts training`);
    previous = target;
    assert.ok(Number.isFinite(await api(page, 'step', 5)), target);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('an invalid layer shows the core message next to it and keeps the last valid experiment', async () => {
  const { page, errors } = await browser.newPage('/');
  const state = await api(page, 'getState');
  const kernel = page.locator('.layer-card[data-layer="0"] input[data-key="kernelSize"]');
  await page.locator('.layer-card[data-layer="0"] select').nth(1).selectOption('valid');
  await kernel.fill('60');
  await kernel.dispatchEvent('change');
  await page.locator('#input-length').fill('16');
  await page.locator('#input-length').dispatchEvent('change');
  const message = page.locator('.field-error:not([hidden]), .layer-error:not([hidden]), #network-error:not([hidden])');
  await message.first().waitFor();
  assert.match(await message.first().textContent(), /kernelSize|empty|padded input/);
  assert.notEqual(await api(page, 'getState'), '');
  assert.ok(Number.isFinite(await api(page, 'step', 3)));
  assert.ok((await api(page, 'getState')).includes('n=64'), 'the last valid network keeps running');
  assert.ok(state.includes('n=64'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('drawing on the input canvas changes the input (and the link holds the drawing)', async () => {
  const { page, errors } = await browser.newPage('/');
  const before = await api(page, 'getState');
  await page.click('#draw-input');
  const box = await page.locator('#canvas-input').boundingBox();
  await page.mouse.move(box.x + box.width * 0.2, box.y + 30);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * (0.2 + i * 0.05), box.y + 30 + i * 3);
  await page.mouse.up();
  const state = await api(page, 'getState');
  assert.notEqual(state, before);
  assert.match(state, /in0=draw\./);
  const loss = await api(page, 'loss');
  const fresh = await browser.newPage(`/#${state}`);
  assert.equal(await api(fresh.page, 'loss'), loss, 'the drawn input round-trips through the link exactly');
  assert.deepEqual(errors, []);
  assert.deepEqual(fresh.errors, []);
  await fresh.page.close();
  await page.close();
});

test('a garbled or hostile fragment loads the defaults with a notice and never breaks the page', async () => {
  const hostile = [
    '#garbage', '#v=1&n=-5&layers=conv-k999999~%3Cimg%20src=x%20onerror=alert(1)%3E&in0=draw.%%%',
    `#v=1&layers=${'conv-k3~'.repeat(50)}&target=draw.${'A'.repeat(20000)}`, '#n=8&layers=conv-k7-pvalid~pool-k9',
  ];
  for (const fragment of hostile) {
    const { page, errors } = await browser.newPage(`/${fragment}`);
    assert.equal(await page.locator('#notice').isVisible(), true, fragment);
    assert.equal(await page.locator('img').count(), 0);
    assert.ok(Number.isFinite(await api(page, 'step', 2)));
    assert.deepEqual(errors, [], fragment);
    await page.close();
  }
  const { page } = await browser.newPage('/');
  assert.equal(await api(page, 'setState', 'x'.repeat(300000)), false);
  assert.equal(await api(page, 'setState', 'v=1&n=32'), true);
  assert.equal(await page.locator('#input-length').inputValue(), '32');
  await page.close();
});

test('embed mode hides and locks the listed controls; postMessage twin answers', async () => {
  const { page, errors } = await browser.newPage('/?embed=1&hide=layers,export,seed&lock=lr,play');
  assert.equal(await page.evaluate(() => document.body.classList.contains('embed')), true);
  assert.equal(await page.locator('#layer-list').isVisible(), false);
  assert.equal(await page.locator('#add-layer').isVisible(), false);
  assert.equal(await page.locator('[data-control="export"]').isVisible(), false);
  assert.equal(await page.locator('#seed').isVisible(), false);
  assert.equal(await page.locator('.site-header').isVisible(), false);
  assert.equal(await page.locator('#learning-rate').isDisabled(), true);
  assert.equal(await page.locator('#play').isDisabled(), true);
  assert.equal(await page.locator('#step-1').isDisabled(), false);
  assert.deepEqual(errors, []);
  await page.close();

  // a course page that iframes the playground and drives it with postMessage
  const host = await browser.newPage('/', { waitForReady: false });
  await host.page.evaluate(installPlaygroundCaller);
  const replies = await host.page.evaluate(async () => {
    document.body.replaceChildren();
    const frame = document.createElement('iframe');
    frame.src = '/?embed=1';
    frame.style.width = '800px';
    document.body.append(frame);
    const messages = [];
    window.addEventListener('message', (e) => messages.push(e.data));
    await new Promise((r) => frame.addEventListener('load', r));
    const call = (id, method, args) => window.convpoolCall(frame.contentWindow, id, method, args);
    const first = await call('a', 'loss', []);
    const stepped = await call('b', 'step', [20]);
    const count = await call('c', 'stepCount', []);
    const bad = await call('d', 'setState', [42]);
    frame.contentWindow.postMessage({ convpool: 1, id: 'e', method: 'constructor', args: [] }, '*');
    frame.contentWindow.postMessage({ convpool: 1, id: 'f', method: 'step', args: [{ evil: 1 }] }, '*');
    // the frame handles messages in order: once a later call is answered, e and f have been read (e is an unknown
    // method of the documented shape: answered with an error naming it; f is another shape: not answered)
    const after = await call('g', 'stepCount', []);
    return { first, stepped, count, bad, after, ignored: messages.filter((m) => m.id === 'e' || m.id === 'f'), heights: messages.filter((m) => m.event === 'height') };
  });
  assert.equal(replies.first.convpool, 1);
  assert.ok(Number.isFinite(replies.first.result));
  assert.ok(Number.isFinite(replies.stepped.result));
  assert.equal(replies.count.result, 20);
  assert.ok(typeof replies.bad.error === 'string');
  assert.equal(replies.after.result, 20);
  assert.deepEqual(replies.ignored.map((m) => m.id), ['e'], 'only the unknown method is answered');
  assert.match(replies.ignored[0].error, /^unknown method "constructor": the playground answers step, loss, stepCount/);
  assert.ok(replies.heights.length >= 1 && replies.heights[0].height > 300, 'the iframe reports its height');
  await host.page.close();
});

test('hovering a sample shows its tooltip with the terms that made it', async () => {
  const { page, errors } = await browser.newPage('/');
  const canvas = await drawnPlot(page, 'canvas[data-kind="forward"][data-layer="0"]');
  const box = await canvas.boundingBox();
  // the output track is the second one: label 18 px + row 58 px, then its label; aim at its middle
  await pointAt(canvas, box.width / 2, 18 + 58 + 18 + 29);
  const tooltip = page.locator('#tooltip');
  // the terms load with the first pointer on a plot: a loaded machine may show 'Loading the terms…' first
  await waitUntil(page, () => /x_out\[0, \d+\]/.test(document.getElementById('tooltip').textContent), {
    what: 'the tooltip of the hovered sample x_out[0, t]', observe: () => document.getElementById('tooltip').textContent,
  });
  assert.equal(await tooltip.isVisible(), true);
  const text = await tooltip.textContent();
  assert.match(text, /W\[0,0,\d\]·x_pad\[0,\d+\]/);
  await page.mouse.move(0, 0);
  await tooltip.waitFor({ state: 'hidden' });
  // keyboard: focus a canvas and use the arrow keys
  await page.locator('#canvas-prediction').focus();
  await page.keyboard.press('ArrowRight');
  // the tooltip follows on the next frame
  await waitUntil(page, () => /ŷ\[0, 1\]/.test(document.getElementById('tooltip').textContent), {
    what: 'the tooltip of ŷ[0, 1] after ArrowRight on the prediction canvas', observe: () => document.getElementById('tooltip').textContent,
  });
  assert.equal(await tooltip.isVisible(), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a mouse resting on a plot before its first drawing gets the tooltip once the plot is drawn', async () => {
  const { page, errors } = await browser.newPage('/');
  await page.evaluate(() => window.convpoolPlayground.ready);
  // layer 1's plot is below the first screen: it is drawn when it comes on screen. The pointer arrives in the same
  // task that scrolls it there, before its first drawing (which is what makes its hit-tester), and then rests.
  const before = await page.evaluate(() => {
    const canvas = document.querySelector('canvas[data-kind="forward"][data-layer="1"]');
    canvas.scrollIntoView({ block: 'center' });
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = false;
    for (let i = 3; i < pixels.length && !drawn; i += 4) drawn = pixels[i] !== 0;
    const rect = canvas.getBoundingClientRect();
    const at = { clientX: rect.left + rect.width / 2, clientY: rect.top + 18 + 58 + 18 + 29, pointerType: 'mouse', bubbles: true };
    canvas.dispatchEvent(new PointerEvent('pointerenter', at));
    canvas.dispatchEvent(new PointerEvent('pointermove', at));
    return { drawn, tooltip: getComputedStyle(document.getElementById('tooltip')).display };
  });
  assert.equal(before.drawn, false, 'layer 1\'s plot was already drawn before it came on screen: this test no longer reaches the case it is about');
  // the tooltip's terms load with the first pointer on a plot (a loaded machine may show 'Loading…' first)
  await waitUntil(page, () => {
    const box = document.getElementById('tooltip');
    return !box.hidden && getComputedStyle(box).display !== 'none' && /x_out\[0, \d+\]/.test(box.textContent);
  }, { what: "the tooltip of the sample under the resting pointer (x_out[0, t]), once layer 1's plot is drawn",
    observe: () => `${document.getElementById('tooltip').hidden ? 'hidden' : 'shown'}: ${document.getElementById('tooltip').textContent}` });
  assert.deepEqual(errors, []);
  await page.close();
});

test('no request leaves the origin while training, exporting and sharing', async () => {
  const { page, errors, foreignRequests } = await browser.newPage('/');
  await page.click('#play');
  await waitUntil(page, () => window.convpoolPlayground.stepCount() > 0, {
    what: 'Play to train', observe: () => `step count ${window.convpoolPlayground.stepCount()}, Play pressed: ${document.getElementById('play').getAttribute('aria-pressed')}`,
  });
  await page.click('#play');
  const download = page.waitForEvent('download');
  await page.click('#export-csv');
  const file = await download;
  assert.equal(file.suggestedFilename(), 'convpool-signals.csv');
  const json = page.waitForEvent('download');
  await page.click('#export-json');
  assert.equal((await json).suggestedFilename(), 'convpool-experiment.json');
  const png = page.waitForEvent('download');
  await page.click('#export-png');
  assert.equal((await png).suggestedFilename(), 'convpool-plots.png');
  await page.click('#copy-link');
  await page.locator('#share-status').filter({ hasText: /./ }).waitFor();
  assert.deepEqual(foreignRequests, []);
  assert.deepEqual(errors, []);
  await page.close();
});

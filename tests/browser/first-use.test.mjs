// What a new user trips over, measured in real Chromium at 1280×800, 390×844 and as a 600×700 embed: the pressed
// button's contrast, where the editor and the plots are, the wording and place of error messages, edits that must
// not reset training, keyboard focus, keyboard inspection, the explanations next to the plots, and small hints.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './harness.mjs';
import { waitUntil } from './waiting.mjs';
import { LIMITS } from '../../web/shared/schema.js';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.convpoolPlayground[m](...a), [method, args]);

/** A page opened at `width`×`height` from the start (the layout and the folded editors are decided at load). */
async function pageAt(path, width, height) {
  const { page, errors } = await browser.newPage(path);
  await page.setViewportSize({ width, height });
  await page.reload();
  await page.evaluate(() => window.convpoolPlayground.ready);
  return { page, errors };
}

/** WCAG contrast ratio of an element's computed text colour on its computed background. */
function contrastOf(page, selector) {
  return page.evaluate((sel) => {
    const rgb = (s) => s.match(/[\d.]+/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
      const lin = (v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const style = getComputedStyle(document.querySelector(sel));
    const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))].sort((x, y) => y - x);
    return { ratio: (a + 0.05) / (b + 0.05), color: style.color, background: style.backgroundColor };
  }, selector);
}

/** The text of the error shown under the field `input` (its own row), or '' when none is shown. */
const fieldError = (page, input) => input.evaluate((el) => {
  const error = el.closest('.field').querySelector('.field-error');
  return error && !error.hidden ? error.textContent : '';
});

async function setField(input, value) {
  await input.fill(value);
  await input.dispatchEvent('change');
}

const kernelOf = (page, layer) => page.locator(`.layer-card[data-layer="${layer}"] input[data-key="kernelSize"]`);

test('1. the pressed Play button (hovered, as after a click) and the pressed Draw toggles keep ≥ 4.5:1 contrast; icons are SVG', async () => {
  const { page, errors } = await browser.newPage('/');
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'true', null, { timeout: 5000 });
  await page.hover('#play');
  const play = await contrastOf(page, '#play');
  assert.ok(play.ratio >= 4.5, `Pause while hovered: ${play.color} on ${play.background} = ${play.ratio.toFixed(2)}:1`);
  assert.equal(await page.locator('#play svg').count(), 1, 'the pause icon is an inline SVG');
  assert.doesNotMatch(await page.textContent('#play'), /[⏸▶]/, 'no font-dependent glyph');
  assert.match(await page.textContent('#play'), /Pause/);
  await page.click('#play');
  for (const id of ['#draw-input', '#draw-target']) {
    await page.click(id);
    await page.hover(id);
    const pressed = await contrastOf(page, id);
    assert.equal(await page.getAttribute(id, 'aria-pressed'), 'true');
    assert.ok(pressed.ratio >= 4.5, `${id} pressed and hovered: ${pressed.ratio.toFixed(2)}:1`);
    await page.click(id);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('2. on a 390×844 phone the network editor is within two screens of Play, one tap away', async () => {
  const { page, errors } = await pageAt('/', 390, 844);
  const playTop = (await page.locator('#play').boundingBox()).y;
  const editor = page.locator('[data-control="network"]');
  const editorTop = (await editor.boundingBox()).y;
  assert.ok(editorTop - playTop <= 2 * 844, `network editor starts ${Math.round(editorTop - playTop)} px below Play`);
  const toggle = editor.locator('.group-toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'the editor starts folded on a phone');
  await toggle.click();
  const kernel = kernelOf(page, 0);
  await kernel.waitFor({ state: 'visible', timeout: 5000 });
  const kernelTop = (await kernel.boundingBox()).y;
  assert.ok(kernelTop - playTop <= 2 * 844, `kernel size K is ${Math.round(kernelTop - playTop)} px below Play`);
  const firstPlot = (await page.locator('#canvas-input').boundingBox()).y;
  await toggle.click();
  assert.ok((await page.locator('#canvas-input').boundingBox()).y < firstPlot, 'folding the editor brings the plots back up');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scroll (${overflow}px)`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('3. a 600×700 embed leads with the plots, says what is locked, and its selects show their whole label', async () => {
  const { page, errors } = await pageAt('/?embed=1&hide=export&lock=network', 600, 700);
  const plotTop = (await page.locator('#canvas-input').boundingBox()).y;
  assert.ok(plotTop < 700, `the first plot starts at ${Math.round(plotTop)} px in a 700 px embed`);
  const note = page.locator('[data-control="network"] .locked-note');
  assert.match(await note.textContent(), /locked by the course/i);
  assert.equal(await page.locator('#input-length').getAttribute('title'), 'locked by the course');
  const cut = await page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d');
    return ['#loss-kind', '#target-preset', '#steps-per-frame'].map((sel) => {
      const select = document.querySelector(sel);
      const style = getComputedStyle(select);
      ctx.font = `${style.fontSize} ${style.fontFamily}`;
      const text = ctx.measureText(select.options[select.selectedIndex].text).width;
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;  // − the arrow
      return { sel, text, room };
    }).filter((s) => s.text > s.room);
  });
  assert.deepEqual(cut, [], 'selects whose label does not fit');
  assert.deepEqual(errors, []);
  await page.close();
});

test('4. error messages speak the page\'s words, name the field and the rule, sit next to the field', async () => {
  const { page, errors } = await browser.newPage('/');
  const kernel = kernelOf(page, 0);
  await setField(kernel, '0');
  const k0 = await fieldError(page, kernel);
  assert.match(k0, /kernel size K/);
  assert.match(k0, /kernel size K must be a whole number from 1 to 64; 0 is too small/);
  assert.doesNotMatch(k0, /used|layers\[|kernelSize/);
  await setField(kernel, 'abc');
  assert.equal(await kernel.inputValue(), 'abc', '"abc" stays in the box');
  assert.match(await fieldError(page, kernel), /kernel size K must be a whole number.*“abc” is not one/);
  await setField(kernel, '5');
  assert.equal(await fieldError(page, kernel), '');

  await setField(page.locator('#input-length'), '8');
  const card = page.locator('.layer-card[data-layer="0"]');
  await card.locator('select[data-key="paddingKind"]').selectOption('number');
  await card.locator('select[data-key="paddingMode"]').selectOption('reflect');
  const padding = card.locator('input[data-key="padding"]');
  await setField(padding, '8');
  const reflect = await fieldError(page, padding);
  assert.match(reflect, /padding 8 must be smaller than the input length 8 for reflect padding/);
  assert.doesNotMatch(reflect, /layers\[|paddingMode|conv1d\)/);
  await setField(padding, '100');
  const big = await fieldError(page, padding);
  assert.match(big, /padding p must be a whole number from 0 to 64; 100 is too large/);
  assert.match(big, /reflect padding/, `padding 100 also reports the reflect rule: ${big}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('5. returning to the running network after an invalid edit keeps the steps and the loss curve', async () => {
  const { page, errors } = await browser.newPage('/');
  await api(page, 'step', 200);
  const loss = await api(page, 'loss');
  const kernel = kernelOf(page, 0);
  await setField(kernel, '0');
  await setField(kernel, '5');
  assert.equal(await api(page, 'stepCount'), 200, 'the steps are kept');
  assert.equal(await api(page, 'loss'), loss, 'the weights are kept');
  assert.match(await page.textContent('#train-status'), /step 200/);
  // editing while playing: an edit that changes nothing does not stop Play
  await page.click('#play');
  await setField(kernel, '5');
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'true', 'Play goes on');
  // a real edit while playing: the new network starts at step 0 and keeps training
  await setField(kernel, '3');
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'true', 'Play goes on after a real edit');
  await page.waitForFunction(() => window.convpoolPlayground.stepCount() > 0
    && window.convpoolPlayground.getState().includes('conv-k3-'), null, { timeout: 10000 });
  await page.click('#play');
  assert.deepEqual(errors, []);
  await page.close();
});

test('6. every invalid field is shown at once, and held-back edits are said', async () => {
  const { page, errors } = await browser.newPage('/');
  await setField(kernelOf(page, 0), '0');
  const stride = page.locator('.layer-card[data-layer="0"] input[data-key="stride"]');
  await setField(stride, '99');
  await setField(page.locator('#input-length'), '');
  assert.match(await fieldError(page, kernelOf(page, 0)), /kernel size K/);
  assert.match(await fieldError(page, stride), /stride s must be a whole number from 1 to 16; 99 is too large/);
  assert.match(await fieldError(page, page.locator('#input-length')), /input length N is empty/);
  assert.equal(await page.locator('[data-control="network"] [aria-invalid="true"]:is(input)').count(), 3);
  assert.equal(await page.isVisible('#network-held'), true, 'the page says the other edits wait');
  assert.deepEqual(errors, []);
  await page.close();
});

test('7. keyboard focus stays on the added, moved or remaining layer (in view), and the layer limit is said', async () => {
  const { page, errors } = await browser.newPage('/');
  await page.setViewportSize({ width: 1280, height: 800 });
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    const card = el.closest('.layer-card');
    const r = (card || el).getBoundingClientRect();
    return { tag: el.tagName, label: el.getAttribute('aria-label'), layer: card ? Number(card.dataset.layer) : -1,
      inView: r.top >= 0 && r.bottom <= innerHeight + 1 };
  });
  const count = await page.locator('.layer-card').count();
  assert.ok(count < LIMITS.maxLayers);
  await page.focus('#add-layer');
  await page.keyboard.press('Enter');
  let at = await focused();
  assert.equal(at.layer, count, `focus after "+ Add layer": ${JSON.stringify(at)}`);
  assert.equal(at.inView, true, 'the new layer is scrolled into view');
  assert.match(await page.textContent('#layer-limit'), new RegExp(`${LIMITS.maxLayers}`));
  if (count + 1 >= LIMITS.maxLayers) assert.match(await page.textContent('#layer-limit'), /the most a network may have/);
  // move layer 2 up: focus follows it to position 1
  const type = await page.locator('.layer-card[data-layer="1"]').getAttribute('data-type');
  await page.focus('.layer-card[data-layer="1"] button[aria-label="Move layer 2 up"]');
  await page.keyboard.press('Enter');
  at = await focused();
  assert.equal(at.layer, 0, `focus after ↑: ${JSON.stringify(at)}`);
  assert.equal(await page.locator('.layer-card[data-layer="0"]').getAttribute('data-type'), type);
  await page.focus('.layer-card[data-layer="0"] button[aria-label="Move layer 1 down"]');
  await page.keyboard.press('Enter');
  at = await focused();
  assert.equal(at.layer, 1, `focus after ↓: ${JSON.stringify(at)}`);
  assert.equal(at.label, 'Move layer 2 down', 'focus stays on the button pressed');
  await page.focus('.layer-card[data-layer="1"] button[aria-label="Remove layer 2"]');
  await page.keyboard.press('Enter');
  at = await focused();
  assert.equal(at.layer, 1, `focus after ✕ goes to the layer now in its place: ${JSON.stringify(at)}`);
  assert.match(await page.textContent('#layer-status'), /removed/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('8. the arrow keys reach every channel of a 2-channel plot, the sample is announced, the header says how', async () => {
  const { page, errors } = await browser.newPage('/');
  assert.match(await page.textContent('.site-header'), /arrow keys/);
  await page.selectOption('#input-channels', '2');
  await page.waitForFunction(() => window.convpoolPlayground.getState().includes('ch=2'), null, { timeout: 5000 });
  await page.focus('#canvas-input');
  await page.keyboard.press('ArrowRight');
  const live = page.locator('#inspect-live');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  // the first announcement waits for the tooltip's code (loaded when a plot is first reached)
  await waitUntil(page, () => /x\[0, 1\]/.test(document.getElementById('inspect-live').textContent), {
    what: 'the live region to announce x[0, 1] after ArrowRight', observe: () => document.getElementById('inspect-live').textContent,
  });
  assert.match(await live.textContent(), /x\[0, 1\]/);
  await page.keyboard.press('ArrowDown');
  assert.match(await live.textContent(), /x\[1, 1\]/, 'ArrowDown reaches channel 1');
  await page.keyboard.press('ArrowUp');
  assert.match(await live.textContent(), /x\[0, 1\]/);
  assert.deepEqual(errors, []);
  await page.close();
});

/** Waits for the explanations (mounted once the page is quiet). */
async function explanations(page) {
  await page.locator('.site-footer').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.convpoolExplain !== undefined, null, { timeout: 10000 });
}

test('9. step-through: scrubbing never takes a step (an explicit button does), captions name every filled sample', async () => {
  const { page, errors } = await browser.newPage('/');
  await api(page, 'step', 30);
  await explanations(page);
  await page.evaluate(() => window.convpoolExplain.open('step'));
  const slider = page.locator('#explain-stepthrough input[type="range"]');
  await slider.evaluate((el) => { el.value = el.max; el.dispatchEvent(new Event('input')); });
  assert.equal(await api(page, 'stepCount'), 30, 'scrubbing to the end took no step');
  const take = page.locator('#explain-stepthrough .explain-take');
  assert.equal(await take.isVisible(), true, 'the last frame offers the step as a button');
  await take.click();
  assert.equal(await api(page, 'stepCount'), 31, 'the button took the step');
  // frame 1 of a layer filling more than one output per frame names them all
  const caption = await page.evaluate(() => {
    const st = window.convpoolExplain.stepThrough;
    st.goTo(0, { autoApply: false });
    const frame = st.frames()[0];
    return { text: document.querySelector('#explain-stepthrough .explain-caption').textContent, filled: frame.upto - frame.from + 1 };
  });
  if (caption.filled > 1) assert.match(caption.text, new RegExp(`t = 0…${caption.filled - 1} filled`), caption.text);
  else assert.match(caption.text, /t = 0/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('9. the hovered sample\'s equation can be pinned beside the plots; "Load this lesson" keeps the plots in view', async () => {
  const { page, errors } = await browser.newPage('/');
  await page.setViewportSize({ width: 1280, height: 800 });
  await explanations(page);
  await page.click('#explain-equations .explain-pin');
  const canvas = page.locator('#layer-panels canvas').first();
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() => document.querySelector('#explain-equations .explain-hover .explain-substituted'), null, { timeout: 5000 });
  const both = await page.evaluate(() => {
    const inView = (el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight + 1 && r.height > 0; };
    return { equation: inView(document.querySelector('#explain-equations .explain-hover-pinned')), plot: inView(document.querySelector('#layer-panels canvas')) };
  });
  assert.deepEqual(both, { equation: true, plot: true }, 'the equation and the hovered plot are on screen together');
  await page.evaluate(() => window.convpoolExplain.open('lessons'));
  const load = page.locator('#explain-lessons button.explain-primary').first();
  await load.scrollIntoViewIfNeeded();
  await load.click();
  const top = await page.evaluate(() => document.getElementById('panels').getBoundingClientRect().top);
  assert.ok(Math.abs(top) < 100, `after "Load this lesson" the plots start at ${Math.round(top)} px`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('10. the PNG export ends with a plot, not blank; a too-large η is named; the first visit says press Play', async () => {
  const { page, errors } = await browser.newPage('/');
  assert.match(await page.textContent('#welcome'), /Press Play/);
  assert.ok(await page.locator('#welcome').isVisible(), 'the first steps show on a first visit');
  await explanations(page);
  const tail = await page.evaluate(async () => {
    const { panelsPng } = await import('/app/export.js');
    const blob = await panelsPng(document.getElementById('panels'));
    const bitmap = await createImageBitmap(blob);
    const c = document.createElement('canvas');
    c.width = bitmap.width; c.height = bitmap.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const rows = 120;
    const data = ctx.getImageData(0, bitmap.height - rows, bitmap.width, rows).data;
    const [r, g, b] = ctx.getImageData(0, bitmap.height - 1, 1, 1).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) > 60) inked++;
    return { inked, height: bitmap.height };
  });
  assert.ok(tail.inked > 100, `the last 120 px of the PNG hold ${tail.inked} drawn pixels (height ${tail.height})`);
  await page.evaluate(() => {
    const slider = document.getElementById('learning-rate');
    slider.value = '0';
    slider.dispatchEvent(new Event('input'));
  });
  await api(page, 'step', 50);
  assert.notEqual(await page.textContent('#notice-text'), '', 'a notice');
  assert.equal(await page.getAttribute('#notice', 'data-kind'), 'eta');
  assert.match(await page.textContent('#notice-text'), /η = 1 is probably too large.*diverges/);
  const linked = await browser.newPage(`/#${await api(page, 'getState')}`);
  assert.ok(await linked.page.locator('#welcome').isHidden(), 'a shared link shows no first-visit hint');
  await linked.page.close();
  assert.deepEqual(errors, []);
  await page.close();
});

// The classifier's loss as the page shows it, in real headless Chromium (issue 24, items 1, 6 and 7): the status
// line, the loss chart's label and its tooltip name the same C (mean per example); the last layer's δ tooltip, the
// hovered equations and the step-through's loss frame show p_j, C = −log p_y and p_j − 1[j = y] with numbers,
// never "undefined", NaN or a squared error; the step-through's last frame shows the weights the core made.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, ARTIFACTS, setControl } from './harness.mjs';
import { pointAt, waitUntil, within } from './waiting.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.convpoolPlayground[m](...a), [method, args]);
const clean = (text) => !/undefined|NaN|\[object/.test(text);

/** The page with the small classifier on 'classify waveforms', trained `steps` steps. */
async function classifierPage(steps, viewport) {
  const opened = await browser.newPage('/');
  if (viewport) await opened.page.setViewportSize(viewport);
  await setControl(opened.page, '#data-source', 'classify');
  await waitUntil(opened.page, () => !document.getElementById('classify-offer').hidden, { what: 'the classifier offer' });
  await opened.page.click('#classify-use-network');
  await api(opened.page, 'step', steps);
  return opened;
}

test('one C, named: status line, chart label, chart tooltip and loss() agree on the classifier', async () => {
  const { page, errors } = await classifierPage(20);
  const loss = await api(page, 'loss');
  const status = await page.textContent('#train-status');
  const shown = status.match(/training C \(mean per example\) = ([\d.e−-]+)/);
  assert.ok(shown, `the status line names C: ${status}`);
  assert.ok(Math.abs(Number(shown[1].replace('−', '-')) - loss) <= 1e-3 * loss, `status ${shown[1]} vs loss() ${loss}`);
  const label = await page.getAttribute('#canvas-loss', 'aria-label');
  assert.match(label, new RegExp(`training C \\(mean per example\\) = ${shown[1].replace('.', '\\.')} after 20 steps; validation C \\(mean per example\\) = `));
  // the curve's tooltip at its last point: the same number, the same name
  const chart = page.locator('#canvas-loss');
  const box = await chart.boundingBox();
  await pointAt(chart, box.width - 14, box.height / 2);
  await waitUntil(page, () => /training C/.test(document.getElementById('tooltip').textContent) && !document.getElementById('tooltip').hidden,
    { what: 'the loss-curve tooltip naming training C', observe: () => document.getElementById('tooltip').textContent });
  const tip = await page.textContent('#tooltip');
  assert.ok(tip.includes(`training C (mean per example) = ${shown[1]}`), `tooltip: ${tip}`);
  assert.match(tip, /validation C \(mean per example\) = /);
  await page.screenshot({ path: `${ARTIFACTS}truth-classifier-status.png` });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the last layer's δ tooltip and the hovered equations show p_j, −log p_y and p_j − 1[j = y]", async () => {
  const { page, errors } = await classifierPage(5);
  // the linear layer's backward plot: its top track is δ = ∂C/∂z (one bar per class)
  const layers = await page.evaluate(() => window.convpoolPlayground.getState().match(/layers=([^&]*)/)[1].split('~').length);
  const backward = page.locator(`#plot-backward-${layers - 1}`);
  await backward.scrollIntoViewIfNeeded();
  const box = await backward.boundingBox();
  let tip = '';
  const tried = [];
  search: for (const fy of [0.06, 0.1, 0.14, 0.18, 0.22, 0.26, 0.3, 0.35]) {
    for (const fx of [0.5, 0.3, 0.7]) {
      await pointAt(backward, box.width * fx, box.height * fy);
      // a type's tooltip words load on first use: wait past "Loading the terms…" to the terms (or no tooltip)
      await waitUntil(page, () => !/Loading the terms/.test(document.getElementById('tooltip').textContent), {
        what: 'the tooltip to finish loading', observe: () => document.getElementById('tooltip').textContent });
      tip = await page.evaluate(() => (document.getElementById('tooltip').hidden ? '' : document.getElementById('tooltip').textContent));
      tried.push(`${fx},${fy}: ${tip.slice(0, 40)}`);
      if (/∂C\/∂z_/.test(tip)) break search;
    }
  }
  assert.match(tip, /∂C\/∂z_\d = /, `a δ of the logits: ${tried.join(' | ')}`);
  assert.match(tip, /= p_\d − 1\[\d = y\] = [\d.]+ − [01]/);
  assert.match(tip, /true class y = \d/);
  assert.ok(clean(tip) && !/2\(|ŷ − y|\(ŷ − y\)/.test(tip), `no squared error, nothing undefined: ${tip}`);

  await within(page.evaluate(async () => {
    await new Promise((resolve) => { (function wait() { if (window.convpoolExplain) resolve(); else setTimeout(wait, 20); })(); });
    return window.convpoolExplain.ready;
  }), 'the explanations to load');
  const parts = await page.evaluate((L) => window.convpoolExplain.equations.hover({ panel: 'backward', layer: L - 1, track: 'gradOutput', channel: 1, index: 0 })
    .map((p) => ({ block: p.block, lines: p.lines })), layers);
  const loss = parts.find((p) => p.block === 'loss');
  assert.ok(loss, `the loss block gets numbers: ${JSON.stringify(parts)}`);
  const text = loss.lines.join(' ');
  for (const want of ['p_{1} = ', '-\\log p_{', '\\mathbb{1}[1 = ']) assert.ok(text.includes(want), `${want} in ${text}`);
  assert.ok(clean(text) && !/\^2/.test(text), text);
  const block = await page.textContent('#explain-equations section[data-block="loss"]');
  assert.ok(clean(block), block);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the step-through's loss frame and update on the classifier: the core's p, C and the weights it made", async () => {
  for (const [name, viewport] of [['desktop', null], ['phone', { width: 390, height: 844 }]]) {
    const { page, errors } = await classifierPage(3, viewport);
    await within(page.evaluate(async () => {
      await new Promise((resolve) => { (function wait() { if (window.convpoolExplain) resolve(); else setTimeout(wait, 20); })(); });
      return window.convpoolExplain.ready;
    }), 'the explanations to load');
    const frame = await page.evaluate(() => {
      window.convpoolExplain.open('step');
      const st = window.convpoolExplain.stepThrough;
      st.frameCount();
      const index = st.frames().findIndex((f) => f.kind === 'loss');
      st.goTo(index, { autoApply: false });
      const root = document.getElementById('explain-stepthrough');
      return { caption: root.querySelector('.explain-caption').textContent, tex: [...root.querySelectorAll('.explain-step-tex .explain-tex-line')].map((e) => e.dataset.tex || e.textContent).join('\n') };
    });
    assert.match(frame.caption, /loss of training example \d+, the first of the next step’s batch of 16/);
    assert.match(frame.caption, /this example’s C_e = [\d.]+; in the batch its δ is divided by B = 16/);
    for (const want of ['p_j = ', '-\\log p_', '\\mathbb{1}[j = y]', '{16}']) assert.ok(frame.tex.includes(want), `${name}: ${want} in ${frame.tex}`);
    assert.ok(clean(frame.caption + frame.tex), `${name}: ${frame.caption} ${frame.tex}`);
    await page.locator('#explain-stepthrough canvas').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}truth-stepthrough-loss-${name}.png` });
    // to the end: the core applies the step, the last frame shows its weights and how far the prediction was
    const before = await api(page, 'stepCount');
    const done = await page.evaluate(() => {
      const st = window.convpoolExplain.stepThrough;
      st.finish();
      return { status: document.querySelector('#explain-stepthrough .explain-status').textContent, caption: document.querySelector('#explain-stepthrough .explain-caption').textContent };
    });
    assert.equal(await api(page, 'stepCount'), before + 1, 'one step was taken');
    const worst = Number(done.status.match(/at most (\d[\d.]*(e−\d+)?|0)/)[1].replace('−', '-'));
    assert.ok(worst < 1e-5, `the predicted Adam step is the core's within float rounding: ${done.status}`);
    assert.match(done.caption, /Adam/);
    await page.screenshot({ path: `${ARTIFACTS}truth-stepthrough-done-${name}.png` });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

// Classification on the page in real headless Chromium: choosing "classify waveforms" in the data-set panel asks
// before it replaces the network, loads the small classifier on "use", and Undo brings the learner's network back;
// trained through the handle, the classifier reaches ≥ 95 % validation accuracy within 3,000 steps, the panels
// show softmax bars and class names, and its link replays bit-for-bit in a fresh page. Old links are unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, setControl } from './harness.mjs';
import { pointAt, waitUntil } from './waiting.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.convpoolPlayground[m](...a), [method, args]);

test('the panel asks before replacing the network, Undo brings it back, and the classifier learns to ≥ 95 %', async () => {
  const { page, errors } = await browser.newPage('/');
  const original = await api(page, 'getState');
  await setControl(page, '#data-source', 'classify');
  // the default network ends in 1 channel of 63 samples: the panel asks, and nothing has changed yet
  await waitUntil(page, () => !document.getElementById('classify-offer').hidden, { what: 'the classifier offer to show' });
  assert.match(await page.textContent('#classify-offer'), /needs a network that ends in one value per class/);
  assert.equal(await api(page, 'getState'), original, 'nothing changes before the learner chooses');
  await page.click('#classify-keep-network');
  assert.equal(await page.locator('#classify-offer').isHidden(), true);
  assert.equal(await page.inputValue('#data-source'), 'one', 'keeping the network puts the choice back');
  assert.equal(await api(page, 'getState'), original, 'keeping the network keeps the experiment');

  await setControl(page, '#data-source', 'classify');
  await page.click('#classify-use-network');
  const loaded = await api(page, 'getState');
  assert.match(loaded, /&loss=crossentropy&/);
  assert.match(loaded, /gpool-avg~lin-o4-b1/);
  assert.match(loaded, /&data=classify-1-320&val=0.25/);
  assert.equal(await page.inputValue('#loss-kind'), 'crossentropy', 'the loss select follows');
  await page.click('#classify-undo');
  assert.equal(await api(page, 'getState'), original, 'Undo restores the previous experiment exactly');
  assert.equal(await page.inputValue('#loss-kind'), 'sse');
  await setControl(page, '#data-source', 'classify');
  await page.click('#classify-use-network');
  assert.equal(await api(page, 'getState'), loaded, 'the same choice gives the same experiment');

  // train through the handle in chunks until the held-out examples are classified
  let steps = 0;
  let accuracy = await api(page, 'validationAccuracy');
  const seen = [];
  const started = Date.now();
  while (steps < 3000 && accuracy < 0.95) {
    await api(page, 'step', 100);
    steps += 100;
    accuracy = await api(page, 'validationAccuracy');
    seen.push(`${steps}: ${(accuracy * 100).toFixed(1)} %`);
  }
  console.log(`# on the page: validation accuracy ${(accuracy * 100).toFixed(1)} % after ${steps} steps, `
    + `${Date.now() - started} ms; training accuracy ${((await api(page, 'accuracy')) * 100).toFixed(1)} %`);
  assert.ok(accuracy >= 0.95, `validation accuracy by step: ${seen.join(', ')}`);
  assert.equal(await api(page, 'stepCount'), steps);
  assert.match(await page.textContent('#train-status'), /validation accuracy \d+\.\d %/);
  assert.match(await page.getAttribute('#canvas-loss', 'aria-label'), /accuracy: training \d+\.\d %, validation \d+\.\d %/);
  // the prediction plot's text alternative describes the softmax bars it now shows (it kept the last signal's words)
  await waitUntil(page, () => /^Softmax probabilities p of the shown example over 4 classes: predicted \S+ \(p = [\d.]+\); true class \S+ \(p = [\d.]+\)\.$/
    .test(document.getElementById('canvas-prediction-summary').textContent), {
    what: "the prediction plot's summary to describe the softmax probabilities",
    observe: () => document.getElementById('canvas-prediction-summary').textContent,
  });
  // the strip names classes; hovering the softmax bars gives a tooltip (and nothing throws)
  assert.equal(await page.locator('.example-tile').count(), 6);
  const classes = await page.locator('.example-tile').first().getAttribute('data-classes');
  assert.match(classes, /^(sine|square|sawtooth|chirp)\|(sine|square|sawtooth|chirp)$/);
  await page.locator('.example-tile[data-validation="1"]').first().click();
  // aimed once the canvas is scrolled into view and settled (a box read off screen would point at nothing)
  const prediction = page.locator('#canvas-prediction');
  const box = await prediction.boundingBox();
  await pointAt(prediction, box.width * 0.125, box.height * 0.6);
  // a type's tooltip words load on first use: "Loading the terms…" may show first, then the terms themselves
  await waitUntil(page, () => {
    const tip = document.getElementById('tooltip');
    return !tip.hidden && /p_0 = /.test(tip.textContent);
  }, { what: 'the tooltip over a softmax bar showing p_0 = …',
      observe: () => document.getElementById('tooltip').textContent });

  const state = await api(page, 'getState');
  const trained = await api(page, 'loss');
  const validation = await api(page, 'validationAccuracy');
  assert.deepEqual(errors, []);
  await page.close();

  const fresh = await browser.newPage(`/#${state}`);
  assert.equal(await api(fresh.page, 'stepCount'), steps);
  assert.equal(await api(fresh.page, 'loss'), trained, 'training loss bit-identical after the replay');
  assert.equal(await api(fresh.page, 'validationAccuracy'), validation);
  assert.equal(await fresh.page.inputValue('#data-source'), 'classify');
  assert.deepEqual(fresh.errors, []);
  await fresh.page.close();
});

test('a network that already ends in one value per class keeps its layers: only the loss changes, and Undo', async () => {
  const { page, errors } = await browser.newPage('/');
  // conv with 4 output channels, then global max pool: 4 values of length 1
  await api(page, 'setState', 'v=1&n=64&ch=1&layers=conv-k5-o4-s1-d1-psame-mzeros-b1~gpool-max&loss=sse&seed=42'
    + '&in0=sines-3-1&target=same&lr=0.01&spf=2&steps=0');
  const before = await api(page, 'getState');
  await setControl(page, '#data-source', 'classify');
  await waitUntil(page, () => !document.getElementById('classify-offer').hidden, { what: 'the classify message' });
  const state = await api(page, 'getState');
  assert.match(state, /layers=conv-k5-o4-s1-d1-psame-mzeros-b1~gpool-max&loss=crossentropy/);
  assert.match(await page.textContent('#classify-offer'), /the loss is now cross-entropy \(it was sse\)/);
  assert.ok(Number.isFinite(await api(page, 'loss')));
  await page.click('#classify-undo');
  assert.equal(await api(page, 'getState'), before);
  assert.deepEqual(errors, []);
  await page.close();
});

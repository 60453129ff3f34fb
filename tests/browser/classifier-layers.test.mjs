// The classifier layers on the page: a network with every new layer type (avg-pool, global pool, linear) loaded
// through the handle's link form, trained and drawn without console errors; the layer editor offers them from the
// schema rows; a link asking for loss 'crossentropy' is read as 'sse' with a notice saying why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startBrowser, ARTIFACTS } from './harness.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.convpoolPlayground[m](...a), [method, args]);

// conv → ReLU → avg-pool (padding 1, ceil mode, padding not counted) → conv → global max → linear → tanh → linear
const LAYERS = [
  'conv-k5-o2-s1-d1-psame-mzeros-b1', 'act-relu', 'avg-k3-s2-p1-c1-i0', 'conv-k3-o3-s1-d1-psame-mzeros-b1',
  'gpool-max', 'lin-o4-b1', 'act-tanh', 'lin-o2-b0',
].join('~');

/** The state with its `layers` field replaced. */
const withField = (state, key, value) => state.split('&').map((pair) => (pair.startsWith(`${key}=`) ? `${key}=${value}` : pair)).join('&');

test('every new layer type loads from a link, trains and is drawn without console errors', async () => {
  const { page, errors } = await browser.newPage('/');
  const state = withField(await api(page, 'getState'), 'layers', LAYERS);
  assert.equal(await api(page, 'setState', state), true, 'the handle accepted the link');
  await page.waitForFunction((n) => document.querySelectorAll('#layer-panels .layer-panel').length === n, 8,
    { timeout: 10000 }).catch(async () => {
    throw new Error(`waited for 8 layer panels, saw ${await page.locator('#layer-panels .layer-panel').count()}`);
  });
  const titles = await page.locator('#layer-panels .layer-panel h2').allTextContents();
  assert.match(titles[2], /avg-pool 1d.*k=3, s=2, padding 1, ceil mode, padding not counted/);
  assert.match(titles[4], /global pool.*max over the whole length/);
  assert.match(titles[5], /linear.*4 out, bias/);
  assert.equal(await page.locator('#layer-panels canvas[data-kind="weights"]').count(), 2, 'a heat map per linear layer');
  const before = await api(page, 'loss');
  await api(page, 'step', 50);
  const after = await api(page, 'loss');
  assert.ok(Number.isFinite(after) && after < before, `loss ${before} → ${after}`);
  // the network ends in 2 values (one sample per channel): the target of each is drawn as its own dashed mark
  await page.locator('#canvas-prediction').scrollIntoViewIfNeeded();
  const targetPixels = await page.evaluate(() => {
    const canvas = document.getElementById('canvas-prediction');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - 0x00) < 30 && Math.abs(data[i + 1] - 0x9e) < 30 && Math.abs(data[i + 2] - 0x73) < 30) n += 1;
    return n;
  });
  assert.ok(targetPixels > 20, `the one-sample targets are drawn (${targetPixels} pixels of the target's colour)`);
  // every layer canvas has been drawn (a drawn canvas has a pixel buffer sized to its CSS box)
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => [...document.querySelectorAll('#layer-panels canvas')].every((c) => c.width > 0 && c.height > 0),
    null, { timeout: 10000 });
  assert.equal(await api(page, 'getState'), withField(await api(page, 'getState'), 'layers', LAYERS), 'the link keeps the layers');
  await page.locator('#layer-panels .layer-panel').nth(5).screenshot({ path: join(ARTIFACTS, 'linear-layer.png') });
  // hovering across the forward and backward plots of the new layers shows their tooltips, without errors
  let tooltips = 0;
  for (const l of [2, 4, 5, 7]) {
    for (const kind of ['forward', 'backward']) {
      const canvas = page.locator(`#layer-panels canvas[data-layer="${l}"][data-kind="${kind}"]`);
      await canvas.scrollIntoViewIfNeeded();
      const box = await canvas.boundingBox();
      for (const fx of [0.02, 0.3, 0.5, 0.7]) {
        for (const fy of [0.2, 0.5, 0.8]) {
          await page.mouse.move(box.x + fx * box.width, box.y + fy * box.height);
          if (await page.locator('#tooltip:not([hidden])').count()) tooltips += 1;
        }
      }
    }
  }
  assert.ok(tooltips > 0, 'some hovered sample showed a tooltip');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the layer editor offers the new types, with controls from their schema rows', async () => {
  const { page, errors } = await browser.newPage('/');
  const select = page.locator('.layer-card[data-layer="0"] select').first();
  const options = await select.locator('option').allTextContents();
  for (const title of ['avg-pool 1d', 'global pool', 'linear']) assert.ok(options.includes(title), `${title} in ${options}`);
  await select.selectOption('avgpool1d');
  await page.waitForFunction(() => document.querySelector('.layer-card[data-layer="0"]')?.dataset.type === 'avgpool1d',
    null, { timeout: 10000 });
  const labels = await page.locator('.layer-card[data-layer="0"] .layer-fields label').allTextContents();
  assert.deepEqual(labels, ['kernel size K', 'stride s', 'padding p (zeros)', 'ceil mode', 'count padding']);
  await page.waitForFunction(() => /avg-/.test(window.convpoolPlayground.getState()), null, { timeout: 10000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('softmax probabilities are drawn as bars with the true class marked (the renderer a classification view uses)', async () => {
  const { page, errors } = await browser.newPage('/');
  const drawn = await page.evaluate(async () => {
    const { drawProbabilities } = await import('/app/render/probabilities.js');
    const canvas = document.createElement('canvas');
    canvas.style.width = '480px';
    document.body.append(canvas);
    const result = drawProbabilities(canvas, new Float32Array([0.1, 0.6, 0.25, 0.05]), 2, ['sine', 'square', 'sawtooth', 'chirp']);
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 250 || pixels[i + 1] < 250 || pixels[i + 2] < 250) inked += 1;
    return { predicted: result.predicted, hit: result.hit(6 + 2.5 * (468 / 4), 100), inked, height: canvas.style.height };
  });
  assert.equal(drawn.predicted, 1, 'the largest probability is the prediction');
  assert.deepEqual(drawn.hit, { track: 'probabilities', channel: 0, index: 2 });
  assert.ok(drawn.inked > 1000, `the bars and labels cover ${drawn.inked} pixels`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('in the browser, the waveform classifier reaches ≥ 95 % validation accuracy within 3,000 steps', async () => {
  const { page, errors } = await browser.newPage('/');
  const run = await page.evaluate(async () => {
    const { loadConvPool } = await import('/convpool.js');
    const { makeWaveformDataset } = await import('/shared/classification-data.js');
    const { CLASSIFIER_LEARNING_RATE, classifierSpec } = await import('/shared/classifier-preset.js');
    const cp = await loadConvPool();
    const pick = ({ inputs, targets, count }) => ({ inputs, targets, count });
    const train = makeWaveformDataset({ seed: 1, count: 240, length: 128 });
    const model = cp.createModel(classifierSpec({ inputLength: 128, classes: train.classes, seed: 3 }));
    model.setDataset(pick(train));
    model.setValidation(pick(makeWaveformDataset({ seed: 2, count: 120, length: 128 })));
    const started = performance.now();
    let steps = 0;
    let accuracy = 0;
    while (steps < 3000 && accuracy < 0.95) {
      model.train(50, CLASSIFIER_LEARNING_RATE);
      steps += 50;
      accuracy = model.validationAccuracy();
    }
    const ms = performance.now() - started;
    model.delete();
    return { steps, accuracy, ms };
  });
  console.log(`# in Chromium: validation accuracy ${(run.accuracy * 100).toFixed(1)} % after ${run.steps} steps, ${run.ms.toFixed(0)} ms`);
  assert.ok(run.accuracy >= 0.95, `validation accuracy ${run.accuracy} after ${run.steps} steps`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a link with loss 'crossentropy' is read as sse and the notice says why", async () => {
  const { page, errors } = await browser.newPage('/');
  const state = withField(await api(page, 'getState'), 'loss', 'crossentropy');
  await api(page, 'setState', state);
  await page.waitForFunction(() => !document.getElementById('notice').hidden, null, { timeout: 10000 });
  assert.match(await page.locator('#notice-text').textContent(), /loss 'crossentropy' needs a classification data set/);
  assert.match(await api(page, 'getState'), /loss=sse/);
  assert.ok(Number.isFinite(await api(page, 'loss')));
  assert.deepEqual(errors, []);
  await page.close();
});

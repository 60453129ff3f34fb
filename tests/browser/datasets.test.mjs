// Data sets on the page in real headless Chromium: a task preset trained with Adam and batches draws both loss
// curves and the example strip; its link replays bit-for-bit in a fresh page; an old link loads exactly as before;
// the learner's CSV and WAV import, and a malformed CSV shows its message while the data set stays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, setControl } from './harness.mjs';
import { waitUntil } from './waiting.mjs';
import { loadConvPool } from '../../web/convpool.js';
import { parseFragment } from '../../web/shared/experiment.js';
import { inputSignal, targetSignal } from '../../web/shared/signals.js';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** Chooses a file in the panel's file input and waits until the panel has handled it (read is asynchronous). */
async function chooseFile(page, file) {
  const before = Number(await page.getAttribute('#dataset-panel', 'data-files-read') || 0);
  await page.setInputFiles('#data-file', file);
  try {
    await page.waitForFunction((n) => Number(document.getElementById('dataset-panel').dataset.filesRead || 0) > n, before, { timeout: 20000 });
  } catch {
    assert.fail(`waited for ${file.name} to be handled (data-files-read > ${before}); saw ${await page.getAttribute('#dataset-panel', 'data-files-read')}`);
  }
}

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.convpoolPlayground[m](...a), [method, args]);

/** Pixels of the loss plot (below its title lines) close to a colour, by canvas. */
function curvePixels(page, hex) {
  return page.evaluate((colour) => {
    const canvas = document.getElementById('canvas-loss');
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const top = Math.round(45 * ratio);
    const data = canvas.getContext('2d').getImageData(0, top, canvas.width, canvas.height - top - Math.round(26 * ratio)).data;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 200 && Math.abs(data[i] - r) < 40 && Math.abs(data[i + 1] - g) < 40 && Math.abs(data[i + 2] - b) < 40) n++;
    }
    return n;
  }, hex);
}

test('a preset data set trains with Adam in batches, draws both curves and the strip; its link replays bit-for-bit', async () => {
  const { page, errors } = await browser.newPage('/');
  const greenBefore = await curvePixels(page, '#009E73');
  await setControl(page, '#data-validation', 0.25);
  await setControl(page, '#data-source', 'smooth');
  await setControl(page, '#train-optimizer', 'adam');
  await setControl(page, '#train-batchSize', 8);
  await setControl(page, '#train-shuffle', true);
  assert.equal(await page.locator('#data-error').isHidden(), true, 'no error after valid edits');
  const start = await api(page, 'loss');
  await api(page, 'step', 150);
  const trained = await api(page, 'loss');
  assert.ok(trained < start, `training loss ${start} → ${trained}`);
  const validation = await api(page, 'validationLoss');
  assert.ok(Number.isFinite(validation), `validation loss ${validation} is a number`);
  assert.ok(await curvePixels(page, '#000000') > 50, 'the training curve is drawn');
  assert.ok(await curvePixels(page, '#009E73') > greenBefore + 50, 'the validation curve is drawn');
  assert.match(await page.getAttribute('#canvas-loss', 'aria-label'), /validation C \(mean per example\) = /);
  assert.equal(await page.locator('.example-tile').count(), 6, '4 training and 2 validation tiles');
  await page.locator('.example-tile[data-validation="1"]').first().click();
  assert.equal(await page.getAttribute('.example-tile[data-validation="1"]', 'aria-pressed'), 'true', 'the clicked tile is selected');
  const state = await api(page, 'getState');
  assert.match(state, /&bs=8&shuf=1&opt=adam&data=smooth-1-32&val=0.25$/);
  assert.deepEqual(errors, []);
  await page.close();

  const fresh = await browser.newPage(`/#${state}`);
  assert.equal(await api(fresh.page, 'stepCount'), 150);
  assert.equal(await api(fresh.page, 'loss'), trained, 'training loss bit-identical');
  assert.equal(await api(fresh.page, 'validationLoss'), validation, 'validation loss bit-identical');
  assert.equal(await fresh.page.inputValue('#train-optimizer'), 'adam', 'the panel shows the link\'s optimizer');
  assert.deepEqual(fresh.errors, []);
  await fresh.page.close();
});

test('a link made before data sets existed loads exactly: one example, plain SGD, the same loss as the library', async () => {
  const old = 'v=1&n=64&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1~act-tanh~pool-k2-s1-p0-d1-c0&loss=sse&seed=42'
    + '&in0=sines-3-1&target=filtered-0.1,0.2,0.4,0.2,0.1&lr=0.01&spf=2&steps=100&sched=60@0.01~40@0.05';
  const { page, errors } = await browser.newPage(`/#${old}`);
  assert.equal(await api(page, 'getState'), old, 'the link reads back unchanged');
  const cp = await loadConvPool();
  const { experiment } = parseFragment(old);
  const model = cp.createModel(experiment.network);
  const x = inputSignal(cp, experiment);
  model.setInput(x);
  model.setTarget(targetSignal(cp, experiment, model, x));
  model.train(60, 0.01);
  model.train(40, 0.05);
  assert.equal(await api(page, 'loss'), model.loss(), 'bit-identical to plain SGD on the one example');
  model.delete();
  assert.equal(await page.inputValue('#data-source'), 'one');
  assert.equal(await page.locator('#example-strip').isHidden(), true, 'no strip without a data set');
  assert.ok(Number.isNaN(await api(page, 'validationLoss')));
  assert.deepEqual(errors, []);
  await page.close();
});

test('CSV rows pasted become the data set; a malformed CSV names row and column and nothing is lost', async () => {
  const { page, errors } = await browser.newPage('/');
  const row = (i) => [...Array.from({ length: 64 }, (_, t) => ((t * (i + 1)) % 7) / 7), ...Array.from({ length: 63 }, (_, t) => ((t + i) % 5) / 5)].join(',');
  await setControl(page, '#data-validation', 0.25);
  await page.fill('#data-csv', `# own examples\n${[0, 1, 2, 3, 4, 5, 6, 7].map(row).join('\n')}\n`);
  await page.click('#data-csv-use');
  // the CSV reader loads on first use: wait until the rows were read (used or refused)
  await waitUntil(page, () => document.getElementById('data-source').value === 'own' || !document.getElementById('data-error').hidden, {
    what: 'the pasted rows to be read', observe: () => `${document.getElementById('data-source').value}: ${document.getElementById('data-error').textContent}`,
  });
  assert.equal(await page.locator('#data-error').isHidden(), true, await page.textContent('#data-error'));
  assert.equal(await page.inputValue('#data-source'), 'own');
  const state = await api(page, 'getState');
  assert.match(state, /&data=own-8-64-63\.[A-Za-z0-9_-]+&val=0.25$/);
  await api(page, 'step', 20);
  const loss = await api(page, 'loss');
  const trainedState = await api(page, 'getState');

  await page.fill('#data-csv', `${row(0)}\n${row(1).replace(/^0,/, 'zero,')}`);
  await page.click('#data-csv-use');
  const message = await page.textContent('#data-error');
  assert.match(message, /row 2, column 1: 'zero' is not a number/);
  assert.match(message, /unchanged/);
  assert.equal(await api(page, 'getState'), trainedState, 'the experiment, its data set and its steps are kept');
  assert.equal(await api(page, 'loss'), loss);

  await chooseFile(page, { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('1,2,3\n1,2') });
  assert.match(await page.textContent('#data-error'), /bad\.csv was not used: row 1 has 3 values/);
  assert.equal(await api(page, 'getState'), trainedState);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a WAV file is cut into windows of N samples with a smoothed target', async () => {
  const { page, errors } = await browser.newPage('/');
  const samples = 2000;
  const wav = Buffer.alloc(44 + 2 * samples);
  wav.write('RIFF', 0); wav.writeUInt32LE(36 + 2 * samples, 4); wav.write('WAVE', 8); wav.write('fmt ', 12);
  wav.writeUInt32LE(16, 16); wav.writeUInt16LE(1, 20); wav.writeUInt16LE(1, 22); wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28); wav.writeUInt16LE(2, 32); wav.writeUInt16LE(16, 34); wav.write('data', 36);
  wav.writeUInt32LE(2 * samples, 40);
  for (let i = 0; i < samples; i++) wav.writeInt16LE(Math.round(10000 * (((i * 13) % 97) / 97 - 0.5)), 44 + 2 * i);
  await setControl(page, '#data-count', 12);
  await chooseFile(page, { name: 'sound.wav', mimeType: 'audio/wav', buffer: wav });
  assert.equal(await page.locator('#data-error').isHidden(), true, await page.textContent('#data-error'));
  assert.equal(await page.inputValue('#data-source'), 'own');
  const before = await api(page, 'loss');
  await api(page, 'step', 50);
  assert.ok(await api(page, 'loss') < before, 'training on the windows lowers the loss');
  await chooseFile(page, { name: 'broken.wav', mimeType: 'audio/wav', buffer: wav.subarray(0, 30) });
  assert.match(await page.textContent('#data-error'), /broken\.wav was not used: the WAV chunk 'fmt '/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the signals above (drawn or preset) join the own examples one by one', async () => {
  const { page, errors } = await browser.newPage('/');
  const input = await page.evaluate(() => window.convpoolPlayground.getState());
  await page.click('#data-add-signals');
  assert.equal(await page.inputValue('#data-source'), 'own');
  const one = await api(page, 'getState');
  assert.match(one, /&data=own-1-64-63\.[A-Za-z0-9_-]+(&val=[0-9.]+)?$/);
  assert.notEqual(one, input);
  await page.click('#data-add-signals');
  const two = await api(page, 'getState');
  assert.notEqual(two, one, 'a second example was added');
  const fresh = await browser.newPage(`/#${two}`);
  assert.equal(await api(fresh.page, 'loss'), await api(page, 'loss'), 'the two examples travel in the link');
  assert.deepEqual(errors, []);
  assert.deepEqual(fresh.errors, []);
  await fresh.page.close();
  await page.close();
});

test('embed options hide and lock the data-set controls by name', async () => {
  const { page, errors } = await browser.newPage('/?embed=1&hide=optimizer,own-data,examples&lock=batch,data-preset#'
    + 'v=1&n=64&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1&loss=mse&seed=1&in0=sines-3-1&target=same&lr=0.01&spf=2&steps=0&data=edges-1-8');
  assert.equal(await page.locator('#example-strip').isVisible(), false, 'the strip stays hidden with a data set');
  assert.equal(await page.locator('#train-optimizer').isVisible(), false, 'optimizer hidden');
  assert.equal(await page.locator('#data-csv').isVisible(), false, 'own data hidden');
  assert.equal(await page.locator('#train-batchSize').isDisabled(), true, 'batch size locked');
  assert.equal(await page.locator('#data-source').isDisabled(), true, 'data source locked');
  assert.equal(await page.locator('#train-shuffle').isDisabled(), false, 'shuffle neither hidden nor locked');
  // a locked control stays locked after the panel re-renders (a new model)
  await setControl(page, '#train-shuffle', true);
  assert.equal(await page.locator('#train-batchSize').isDisabled(), true, 'still locked after an edit');
  assert.deepEqual(errors, []);
  await page.close();
});

// Export → "PyTorch code" / "NumPy code" on the page: the viewer (and highlight.js) load only on the first click,
// the viewer shows exactly the text the handle's exportCode(kind) returns, Download saves that text under the
// script's name, an embedding page gets the same text through postMessage, and nothing logs an error or breaks the
// page's CSP / Trusted Types.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTIFACTS, startBrowser } from './harness.mjs';
import { HIDDEN_KERNELS, defaultExperiment, serializeExperiment } from '../../web/shared/experiment.js';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** Resources the page has fetched whose address matches `pattern` (the Resource Timing list). */
const fetched = (page, pattern) => page.evaluate((source) => performance.getEntriesByType('resource')
  .map((entry) => entry.name).filter((name) => new RegExp(source).test(name)), pattern.source);

/** Waits until the viewer shows the script named `fileName`; the failure says what it showed instead. */
async function waitForViewer(page, fileName) {
  await page.waitForFunction((name) => {
    const section = document.getElementById('code-export');
    const title = section && section.querySelector('.code-viewer-name');
    return !section.hidden && title && title.textContent === name
      && section.querySelector('.code-viewer-code code').textContent.length > 0;
  }, fileName, { timeout: 20000 }).catch(async (error) => {
    const seen = await page.evaluate(() => {
      const section = document.getElementById('code-export');
      return { hidden: section.hidden, title: section.querySelector('.code-viewer-name')?.textContent ?? null };
    });
    throw new Error(`the code viewer never showed ${fileName}; saw ${JSON.stringify(seen)} (${error.message})`);
  });
}

test('Export → PyTorch / NumPy code shows the handle\'s exportCode text; Download saves it; lazy viewer', async () => {
  const { page, errors, foreignRequests } = await browser.newPage('/');
  await page.evaluate(() => window.convpoolPlayground.step(12));
  assert.deepEqual(await fetched(page, /highlight|code-viewer/), [],
    'the viewer and highlight.js are not loaded before the first click');

  for (const [kind, label] of [['pytorch', 'PyTorch code'], ['numpy', 'NumPy code']]) {
    await page.getByRole('button', { name: label, exact: true }).click();
    await waitForViewer(page, `convpool_${kind}.py`);
    const shown = await page.evaluate((k) => ({
      text: document.querySelector('#code-export .code-viewer-code code').textContent,
      fromHandle: window.convpoolPlayground.exportCode(k),
      state: window.convpoolPlayground.getState(),
      keywords: document.querySelectorAll('#code-export .hljs-keyword').length,
    }), kind);
    assert.equal(shown.text, shown.fromHandle, `${kind}: the viewer shows exactly the handle's exportCode('${kind}')`);
    assert.match(shown.text, /^# A convpool experiment, reproduced with /, `${kind}: the script's header`);
    assert.match(shown.text, /SCHEDULE = \[\(12, /, `${kind}: the 12 recorded steps are replayed`);
    assert.match(shown.text, /print\(f'loss \{current_loss\(/, `${kind}: it prints the loss last`);
    assert.ok(shown.text.replace(/\n#\s+/g, '').includes(shown.state.slice(0, 40)),
      `${kind}: the header carries the experiment's link`);
    assert.ok(shown.keywords > 5, `${kind}: syntax-highlighted (${shown.keywords} keywords)`);

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10000 }),
      page.click('#code-export .code-viewer-bar button:text("Download")'),
    ]);
    assert.equal(download.suggestedFilename(), `convpool_${kind}.py`);
    assert.equal(await readFile(await download.path(), 'utf8'), shown.fromHandle, `${kind}: the downloaded file`);
  }
  assert.ok((await fetched(page, /highlight-python/)).length === 1, 'highlight.js was loaded once, on demand');

  await page.click('.code-export-close');
  assert.equal(await page.locator('#code-export').isVisible(), false, 'Close hides the code');
  await assert.rejects(page.evaluate(() => window.convpoolPlayground.exportCode('rust')), /kind 'rust' must be one of 'pytorch', 'numpy'/);
  assert.deepEqual(errors, [], 'no console errors, CSP or Trusted Types violations');
  assert.deepEqual(foreignRequests, [], 'no request leaves the origin');
  await page.close();
});

test('an embedding page gets the same script through postMessage exportCode', async () => {
  const host = await browser.newPage('/', { waitForReady: false });
  const result = await host.page.evaluate(async () => {
    document.body.replaceChildren();
    const frame = document.createElement('iframe');
    frame.src = '/?embed=1';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve));
    const call = (id, method, args) => new Promise((resolve) => {
      const listen = (e) => {
        if (e.data && e.data.id === id) { window.removeEventListener('message', listen); resolve(e.data); }
      };
      window.addEventListener('message', listen);
      frame.contentWindow.postMessage({ convpool: 1, id, method, args }, '*');
    });
    await call('s', 'step', [3]);
    const viaMessage = await call('n', 'exportCode', ['numpy']);
    const bad = await call('b', 'exportCode', ['matlab']);
    await frame.contentWindow.convpoolPlayground.ready;
    return { viaMessage, bad, direct: frame.contentWindow.convpoolPlayground.exportCode('numpy') };
  });
  assert.equal(typeof result.viaMessage.result, 'string', `a script comes back (got ${JSON.stringify(result.viaMessage).slice(0, 200)})`);
  assert.equal(result.viaMessage.result, result.direct, 'the same text as the handle');
  assert.match(result.viaMessage.result, /SCHEDULE = \[\(3, /);
  assert.match(result.bad.error, /kind 'matlab' must be one of 'pytorch', 'numpy'/);
  // (the host is a playground page whose body was replaced while it started: its own errors are not this test's)
  await host.page.close();
});

/**
 * The link of the page's default network learning the edge kernel from a step input with Nesterov momentum for
 * `steps` steps: a training that amplifies float32 rounding from its first steps.
 */
function chaoticLink(steps) {
  const e = defaultExperiment();
  e.target = { preset: 'filtered', kernel: [...HIDDEN_KERNELS.edge] };
  e.input = [{ preset: 'step', cycles: 3, seed: 1 }];
  Object.assign(e.training, { momentum: 0.9, nesterov: true });
  e.steps = steps;
  e.schedule = [[steps, e.learningRate]];
  return serializeExperiment(e);
}

test('the code viewer says how closely the script reproduces the page: float32 chaos with the step it parts from',
  async () => {
    const { page, errors } = await browser.newPage('/');
    const showNote = async (label) => {
      await page.getByRole('button', { name: label, exact: true }).click();
      await page.waitForFunction(() => {
        const note = document.getElementById('code-export-note');
        // 'pending' while the export replays the training: the sentence that follows is the one to read
        return note && !note.hidden && note.textContent.length > 0 && note.dataset.parts !== 'pending';
      }, null, { timeout: 20000 }).catch(async (error) => {
        const seen = await page.evaluate(() => document.getElementById('code-export-note')?.outerHTML ?? null);
        throw new Error(`the code viewer's note never showed; saw ${seen} (${error.message})`);
      });
      return page.evaluate(() => {
        const note = document.getElementById('code-export-note');
        return { text: note.textContent, parts: note.dataset.parts,
          script: document.querySelector('#code-export .code-viewer-code code').textContent };
      });
    };
    await page.evaluate(() => window.convpoolPlayground.step(40));
    const calm = await showNote('PyTorch code');
    assert.match(calm.text, /^Reproducing the page: .* stays within 0\.0001 of its loss at every checkpoint/,
      `the default experiment after 40 steps reproduces; the note says ${JSON.stringify(calm.text)}`);
    assert.equal(calm.parts, 'no');
    assert.match(calm.script, /^PAGE_LOSSES = \{/m, 'the script carries the page\'s losses at its checkpoints');

    assert.equal(await page.evaluate((s) => window.convpoolPlayground.setState(s), chaoticLink(120)), true);
    await page.waitForFunction(() => window.convpoolPlayground.stepCount() === 120, null, { timeout: 20000 });
    const chaos = await showNote('NumPy code');
    assert.match(chaos.text,
      /^Float32 chaos: .* parts from its loss (within the first \d+( steps?)?|between step \d+ and step \d+)\. .*page_check/,
      `the chaotic link's note names the steps it parts within; it says ${JSON.stringify(chaos.text)}`);
    assert.equal(chaos.parts, 'yes');
    assert.ok(chaos.script.replace(/\n# ?/g, ' ').includes(chaos.text),
      'the script\'s header says the same as the viewer');
    await page.locator('#code-export').screenshot({ path: join(ARTIFACTS, 'code-export-chaos-note.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#code-export').screenshot({ path: join(ARTIFACTS, 'code-export-chaos-note-phone.png') });
    assert.deepEqual(errors, [], 'no console errors');
    await page.close();
  });

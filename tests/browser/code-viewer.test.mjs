// The code viewer (web/shared/code-viewer.js) on its standalone demo page, in Chromium under the page's CSP and
// Trusted Types: the exported scripts render syntax-coloured and character for character, Copy puts the text on
// the clipboard, Download saves it under the script's name, and switching scripts updates the view.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startBrowser } from './harness.mjs';

const DEMO = '/examples/code-viewer-demo.html';
let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

async function openDemo() {
  const opened = await browser.newPage(DEMO, { waitForReady: false });
  await opened.page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20000 })
    .catch(async (error) => {
      throw new Error(`the demo never set body[data-ready]; errors seen: ${JSON.stringify(opened.errors)} (${error.message})`);
    });
  return opened;
}

test('renders each exported script highlighted and exact; Copy and Download give the same text', async () => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: browser.origin });
  const { page, errors, foreignRequests } = await openDemo();

  for (const kind of ['pytorch', 'numpy']) {
    if (kind === 'numpy') {
      await page.click('#demo-kinds button[data-kind="numpy"]');
      await page.waitForFunction(() => document.querySelector('.code-viewer-name').textContent === 'convpool_numpy.py',
        null, { timeout: 5000 });
    }
    const shown = await page.evaluate((k) => ({
      expected: window.codeViewerDemo.scripts[k],
      text: document.querySelector('.code-viewer-code code').textContent,
      keywords: document.querySelectorAll('.code-viewer .hljs-keyword').length,
      comments: document.querySelectorAll('.code-viewer .hljs-comment').length,
      numbers: document.querySelectorAll('.code-viewer .hljs-number').length,
      keywordColour: getComputedStyle(document.querySelector('.code-viewer .hljs-keyword')).color,
      plainColour: getComputedStyle(document.querySelector('.code-viewer-code')).color,
    }), kind);
    assert.equal(shown.text, shown.expected, `${kind}: the viewer shows the script character for character`);
    assert.ok(shown.keywords > 5 && shown.comments > 3 && shown.numbers > 10,
      `${kind}: highlighted (keywords ${shown.keywords}, comments ${shown.comments}, numbers ${shown.numbers})`);
    assert.notEqual(shown.keywordColour, shown.plainColour, `${kind}: keywords have their own colour`);

    await page.click('.code-viewer-bar button:text("Copy")');
    await page.waitForFunction(() => document.querySelector('.code-viewer').dataset.copied !== undefined, null,
      { timeout: 5000 });
    const copied = await page.evaluate(() => ({
      flag: document.querySelector('.code-viewer').dataset.copied,
      status: document.querySelector('.code-viewer-status').textContent,
    }));
    assert.equal(copied.flag, 'yes', `${kind}: Copy worked (status: ${copied.status})`);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown.expected, `${kind}: clipboard`);
    await page.evaluate(() => { delete document.querySelector('.code-viewer').dataset.copied; });

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10000 }),
      page.click('.code-viewer-bar button:text("Download")'),
    ]);
    assert.equal(download.suggestedFilename(), `convpool_${kind}.py`);
    assert.equal(await readFile(await download.path(), 'utf8'), shown.expected, `${kind}: the downloaded file`);
  }
  assert.deepEqual(errors, [], 'no console errors, CSP or Trusted Types violations');
  assert.deepEqual(foreignRequests, [], 'no request leaves the origin');
  await page.close();
});

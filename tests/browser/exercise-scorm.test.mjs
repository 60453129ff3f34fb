// The SCORM 1.2 adapter (web/shared/exercise/scorm.js) in real Chromium windows: a SCO in an iframe finds the player's
// API on its parent, reports, and finishes when it is left (pagehide); a SCO on another origin finds nothing and
// throws nothing (reading a cross-origin window's API throws in a browser).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startBrowser } from './harness.mjs';

const WEB = fileURLToPath(new URL('../../web/', import.meta.url));

const PLAYER = `<!doctype html><meta charset="utf-8"><title>player</title><link rel="icon" href="data:,">
<script>
  window.lmsCalls = [];
  const record = (name) => (...args) => { lmsCalls.push([name, ...args]); return 'true'; };
  window.API = {
    LMSInitialize: record('LMSInitialize'), LMSSetValue: record('LMSSetValue'), LMSCommit: record('LMSCommit'),
    LMSFinish: record('LMSFinish'), LMSGetValue: (e) => { lmsCalls.push(['LMSGetValue', e]); return ''; },
    LMSGetLastError: () => '0', LMSGetErrorString: () => '', LMSGetDiagnostic: () => '',
  };
</script>
<iframe id="sco" src="SCO_URL"></iframe>`;

const SCO = `<!doctype html><meta charset="utf-8"><title>sco</title><link rel="icon" href="data:,">
<script type="module">
  import { createScormReporter, findScormApi } from '/web/shared/exercise/scorm.js';
  window.errors = [];
  const api = findScormApi(window);
  window.found = api !== null;
  const reporter = createScormReporter(api, { onError: (e) => window.errors.push(e) });
  if (reporter) {
    reporter.start();
    reporter.report({ passed: true, score: 1, suspendData: '{"v":1}' });
    reporter.finishOnExit(window);
  }
  window.done = true;
</script>`;

let browser;
let server;
let port;

before(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url, 'http://x');
    if (url.pathname === '/lms/player.html') {
      const sco = url.searchParams.get('sco');
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PLAYER.replace('SCO_URL', sco));
      return;
    }
    if (url.pathname === '/lms/sco.html') { response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(SCO); return; }
    const path = normalize(join(WEB, decodeURIComponent(url.pathname.replace(/^\/web\//, ''))));
    if (!url.pathname.startsWith('/web/') || !path.startsWith(WEB) || !existsSync(path) || statSync(path).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(readFileSync(path));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

async function openPlayer(scoUrl) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  await page.goto(`http://127.0.0.1:${port}/lms/player.html?sco=${encodeURIComponent(scoUrl)}`);
  const frame = page.frame({ url: /\/lms\/sco\.html/ });
  assert.ok(frame, 'the SCO frame is there');
  await frame.waitForFunction(() => window.done === true, null, { timeout: 15_000 });
  return { page, frame, errors };
}

test('a same-origin SCO finds the API on its parent, reports, and calls LMSFinish when it is left', async () => {
  const { page, frame, errors } = await openPlayer(`http://127.0.0.1:${port}/lms/sco.html`);
  assert.equal(await frame.evaluate(() => window.found), true);
  // Leaving the SCO (the player moves on) fires pagehide, and the adapter finishes.
  await page.evaluate(() => { document.getElementById('sco').src = 'about:blank'; });
  await page.waitForFunction(() => window.lmsCalls.some((c) => c[0] === 'LMSFinish'), null, { timeout: 15_000 })
    .catch(async () => assert.fail(`LMSFinish never came; calls: ${JSON.stringify(await page.evaluate(() => window.lmsCalls))}`));
  const calls = await page.evaluate(() => window.lmsCalls);
  const names = calls.map((c) => (c[0] === 'LMSSetValue' || c[0] === 'LMSGetValue' ? `${c[0]} ${c[1]}` : c[0]));
  assert.equal(names[0], 'LMSInitialize');
  assert.ok(names.indexOf('LMSSetValue cmi.core.lesson_status') < names.indexOf('LMSSetValue cmi.core.score.raw'));
  assert.deepEqual(calls.filter((c) => c[0] === 'LMSSetValue' && c[1] === 'cmi.core.lesson_status').map((c) => c[2]), ['incomplete', 'passed']);
  assert.deepEqual(calls.filter((c) => c[1] === 'cmi.core.score.raw').map((c) => c[2]), ['100']);
  assert.equal(names.at(-1), 'LMSFinish');
  assert.equal(names.filter((n) => n === 'LMSFinish').length, 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a SCO on another origin finds no API and throws nothing', async () => {
  const { page, frame, errors } = await openPlayer(`http://localhost:${port}/lms/sco.html`);
  assert.equal(await frame.evaluate(() => window.found), false);
  assert.deepEqual(await frame.evaluate(() => window.errors), []);
  assert.deepEqual(await page.evaluate(() => window.lmsCalls), []);
  assert.deepEqual(errors, []);
  await page.close();
});

// The SCORM 1.2 adapter (web/shared/exercise/scorm.js) in real Chromium windows: a SCO in an iframe finds the player's
// API on its parent, reports, and finishes when it is left (pagehide); a SCO on another origin finds nothing and
// throws nothing (reading a cross-origin window's API throws in a browser). Then the whole page as an LMS runs it:
// the SCORM zip's launch page (the single file with the exercise baked in) inside a stub SCORM 1.2 player.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startBrowser } from './harness.mjs';
import { loadConvPool } from '../../web/convpool.js';
import { parseFragment } from '../../web/shared/experiment.js';
import { buildModel } from '../../web/shared/session.js';
import { splitFragment } from '../../web/shared/exercise/link.js';
import { prepareExercise } from '../../web/shared/exercise/model.js';
import { buildScormPackage, parseLaunchData, readPackage } from '../../web/shared/exercise/package.js';
import { readSuspendData } from '../../web/shared/exercise/session.js';

const WEB = fileURLToPath(new URL('../../web/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SINGLE = join(ROOT, 'dist', 'convpool-playground.html');
const packageFiles = {};  // the SCORM zip's files, served under /pkg/

/** A stub SCORM 1.2 player: records every call, answers LMSGetValue from `stored`, and runs /pkg/'s launch page. */
const LMS_PLAYER = (stored) => `<!doctype html><meta charset="utf-8"><title>stub LMS</title><link rel="icon" href="data:,">
<script>
  window.lmsCalls = [];
  const stored = ${JSON.stringify(stored)};
  const record = (name) => (...args) => { lmsCalls.push([name, ...args]); return 'true'; };
  window.API = {
    LMSInitialize: record('LMSInitialize'), LMSCommit: record('LMSCommit'), LMSFinish: record('LMSFinish'),
    LMSSetValue: (e, v) => { lmsCalls.push(['LMSSetValue', e, v]); stored[e] = v; return 'true'; },
    LMSGetValue: (e) => { lmsCalls.push(['LMSGetValue', e]); return stored[e] ?? ''; },
    LMSGetLastError: () => '0', LMSGetErrorString: () => '', LMSGetDiagnostic: () => '',
  };
</script>
<iframe id="sco" src="/pkg/convpool-playground.html" style="width:1200px;height:900px;border:0"></iframe>`;

function newest(path) {
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), 0) : s.mtimeMs;
}

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
    if (url.pathname === '/lms/stub-player.html') {
      const stored = JSON.parse(url.searchParams.get('stored') || '{}');
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(LMS_PLAYER(stored));
      return;
    }
    if (url.pathname.startsWith('/pkg/') && packageFiles[url.pathname.slice(5)] !== undefined) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(packageFiles[url.pathname.slice(5)]);
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
  assert.deepEqual(calls.filter((c) => c[0] === 'LMSSetValue' && c[1] === 'cmi.core.score.raw').map((c) => c[2]), ['100']);
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

// ---------------------------------------------------------------------------------------------------------------------
// The SCORM package's launch page in a stub player: LMSInitialize … LMSFinish, with the values a real LMS would keep.

let launchFragment = null;
let truth = null;

async function makePackage() {
  if (!existsSync(SINGLE) || statSync(SINGLE).mtimeMs < newest(WEB)) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'dist.mjs')], { cwd: ROOT, stdio: 'ignore' });
  }
  const fragment = 'v=1&n=24&ch=1&layers=conv-k3-o1-s1-d1-p0-mzeros-b1&loss=sse&seed=3&in0=sine-2-0&target=filtered-0.25,0.5,0.25&lr=0.02&spf=1&steps=0';
  const exercise = await prepareExercise({
    title: 'Read one output', task: 'Type $y[0, 4]$, then answer the question.', lock: ['network'],
    goals: [{ type: 'answer', quantity: 'y', layer: 0, channel: 0, index: 4 },
      { type: 'choice', question: 'Which padding was used?', options: ['none', 'one sample each side'], correct: 'none' }],
  });
  const files = readPackage(await buildScormPackage({ html: readFileSync(SINGLE, 'utf8'), fragment, exercise }));
  assert.deepEqual(Object.keys(files).sort(), ['adlcp_rootv1p2.xsd', 'convpool-playground.html', 'ims_xml.xsd',
    'imscp_rootv1p1p2.xsd', 'imsmanifest.xml', 'imsmd_rootv1p2p1.xsd']);
  Object.assign(packageFiles, files);
  const meta = files['convpool-playground.html'].match(/<meta name="convpool-launch" content="([^"]*)">/)[1];
  launchFragment = parseLaunchData(meta.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).fragment;
  // The true y[0, 4] from the core, for the experiment the package launches.
  const cp = await loadConvPool();
  const model = buildModel(cp, parseFragment(splitFragment(launchFragment).experiment).experiment);
  model.evaluate();
  truth = model.view('output', 0)[4];
  model.delete();
}

async function openStubLms(stored) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  await page.goto(`http://127.0.0.1:${port}/lms/stub-player.html?stored=${encodeURIComponent(JSON.stringify(stored))}`);
  const frame = page.frame({ url: /\/pkg\/convpool-playground\.html/ });
  assert.ok(frame, 'the launch page frame is there');
  await frame.waitForFunction(() => window.convpoolPlayground, null, { timeout: 30_000 });
  await frame.evaluate(() => window.convpoolPlayground.ready);
  return { page, frame, errors };
}

const setValues = (calls, element) => calls.filter((c) => c[0] === 'LMSSetValue' && c[1] === element).map((c) => c[2]);

async function leave(page) {
  await page.evaluate(() => { document.getElementById('sco').src = 'about:blank'; });
  await page.waitForFunction(() => window.lmsCalls.some((c) => c[0] === 'LMSFinish'), null, { timeout: 15_000 })
    .catch(async () => assert.fail(`LMSFinish never came; calls: ${JSON.stringify(await page.evaluate(() => window.lmsCalls))}`));
  return page.evaluate(() => window.lmsCalls);
}

let suspended = null;

test('the SCORM zip\'s launch page reports to a SCORM 1.2 player: initialize, incomplete, score, passed, suspend data, finish', async () => {
  await makePackage();
  const { page, frame, errors } = await openStubLms({ 'cmi.core.entry': 'ab-initio', 'cmi.core.lesson_status': 'not attempted' });
  assert.equal(await frame.evaluate(() => document.body.classList.contains('embed')), true, 'the launch page runs embedded');
  assert.equal(await frame.evaluate(() => document.getElementById('input-length').disabled), true, 'the exercise locks the network');
  assert.equal((await frame.evaluate(() => window.convpoolPlayground.exercise())).title, 'Read one output');
  // A wrong answer first (score stays 0), then the right one and the right option, as a learner types and clicks them.
  await frame.fill('#exercise-answer-0', String(truth + 1));
  await frame.click('[data-goal="0"] button[type="submit"]');
  await frame.waitForFunction(() => document.getElementById('exercise-feedback-0').textContent !== '', null, { timeout: 15_000 });
  await frame.fill('#exercise-answer-0', truth.toPrecision(6));
  await frame.click('[data-goal="0"] button[type="submit"]');
  await page.waitForFunction(() => window.lmsCalls.some((c) => c[1] === 'cmi.core.score.raw' && c[2] === '50'), null, { timeout: 15_000 })
    .catch(async () => assert.fail(`no score 50; calls: ${JSON.stringify(await page.evaluate(() => window.lmsCalls))}`));
  await frame.check('#exercise-choice-1-0');
  await frame.click('[data-goal="1"] button[type="submit"]');
  await page.waitForFunction(() => window.lmsCalls.some((c) => c[1] === 'cmi.core.lesson_status' && c[2] === 'passed'), null, { timeout: 15_000 })
    .catch(async () => assert.fail(`never passed; calls: ${JSON.stringify(await page.evaluate(() => window.lmsCalls))}`));
  const calls = await leave(page);
  const names = calls.map((c) => c[0]);
  assert.equal(names[0], 'LMSInitialize');
  assert.equal(names.at(-1), 'LMSFinish');
  assert.equal(names.filter((n) => n === 'LMSFinish').length, 1);
  assert.deepEqual(setValues(calls, 'cmi.core.lesson_status'), ['incomplete', 'passed']);
  assert.deepEqual(setValues(calls, 'cmi.core.score.raw'), ['0', '50', '100']);
  assert.deepEqual(setValues(calls, 'cmi.core.score.min'), ['0']);
  assert.deepEqual(setValues(calls, 'cmi.core.score.max'), ['100']);
  assert.deepEqual(setValues(calls, 'cmi.core.exit'), ['']);
  assert.match(setValues(calls, 'cmi.core.session_time')[0], /^\d{4}:\d{2}:\d{2}\.\d{2}$/);
  assert.ok(names.lastIndexOf('LMSCommit') > names.lastIndexOf('LMSSetValue'), 'the last values are committed before LMSFinish');
  suspended = setValues(calls, 'cmi.suspend_data').at(-1);
  assert.ok(suspended.length <= 4096, `suspend data of ${suspended.length} characters fits SCORM 1.2`);
  assert.match(readSuspendData(suspended).fragment, /&ex=1\./, 'the suspend data holds the experiment with its exercise');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a return visit resumes from the suspend data: the answers come back and the goals are met again', async () => {
  assert.ok(suspended, 'the first visit stored suspend data');
  const { page, frame, errors } = await openStubLms({ 'cmi.core.entry': 'resume', 'cmi.core.lesson_status': 'incomplete', 'cmi.suspend_data': suspended });
  const result = await frame.evaluate(() => window.convpoolPlayground.exercise());
  assert.equal(result.passed, true, `resumed: ${JSON.stringify(result)}`);
  assert.equal(await frame.evaluate(() => document.getElementById('exercise-panel').dataset.passed), 'true', 'the panel shows it passed');
  assert.equal(await frame.inputValue('#exercise-answer-0'), truth.toPrecision(6), 'the answer typed last time is back in its box');
  assert.equal(await frame.isChecked('#exercise-choice-1-0'), true, 'the option chosen last time is checked');
  const calls = await leave(page);
  assert.deepEqual(setValues(calls, 'cmi.core.lesson_status'), ['incomplete', 'passed']);
  assert.ok(calls.some((c) => c[0] === 'LMSGetValue' && c[1] === 'cmi.suspend_data'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('exportPackage works in the single file (it rebuilds itself) and in dist/ (it fetches the single file beside it), and says why elsewhere', async () => {
  if (!Object.keys(packageFiles).length) await makePackage();  // builds dist/ when it is stale
  const exercise = { title: 'Export me', goals: [{ type: 'answer', quantity: 'y', layer: 0, channel: 0, index: 1 }] };
  const exportFrom = async (url) => {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.convpoolPlayground, null, { timeout: 30_000 });
    const outcome = await page.evaluate(async (ex) => {
      const p = window.convpoolPlayground;
      await p.ready;
      await p.setExercise(ex);
      try { return { bytes: Array.from(await p.exportPackage('scorm12')) }; } catch (error) { return { error: error.message }; }
    }, exercise);
    await page.close();
    return outcome;
  };
  const { serve } = await import('../../scripts/serve.mjs');
  const dist = await serve({ root: join(ROOT, 'dist'), port: 0 });
  try {
    for (const url of [`file://${SINGLE}`, `http://127.0.0.1:${dist.address().port}/`]) {
      const outcome = await exportFrom(url);
      assert.ok(outcome.bytes, `${url}: ${outcome.error}`);
      const files = readPackage(Uint8Array.from(outcome.bytes));
      assert.deepEqual(Object.keys(files).sort(), ['adlcp_rootv1p2.xsd', 'convpool-playground.html', 'ims_xml.xsd',
        'imscp_rootv1p1p2.xsd', 'imsmanifest.xml', 'imsmd_rootv1p2p1.xsd'], url);
      assert.match(files['imsmanifest.xml'], /<title>Export me<\/title>/);
      assert.match(files['convpool-playground.html'], /<meta name="convpool-launch" content="[^"]*ex=1\./);
    }
  } finally {
    await new Promise((resolve) => dist.close(resolve));
  }
  // A static site that serves no single file beside its page (web/ copied as it is): the refusal says where to get one.
  // (`npm start` serves one, built on demand: tests/browser/exercise-grading.test.mjs, item 6.)
  const source = await exportFrom(`http://127.0.0.1:${browser.origin.split(':').pop()}/`);
  assert.match(source.error ?? '', /npm run dist/);
});

// The distribution (npm run dist, scripts/dist.mjs) in real headless Chromium: the single self-contained file opened
// from file://, the static site served from a sub-path, and the example course page driving an iframe by postMessage.
// Builds dist/ first when it is missing or older than what it is made from (npm test does not run npm run dist).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startBrowser, playgroundReady, ARTIFACTS } from './harness.mjs';
import { waitUntil } from './waiting.mjs';
import { serve } from '../../scripts/serve.mjs';
import { startupScripts } from '../../scripts/startup-js.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');
const SINGLE = join(DIST, 'convpool-playground.html');
const SUB_PATH = '/course/convpool/';

/** Newest modification time of the files under `path`. */
function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), 0);
}

function ensureDist() {
  const sources = [join(ROOT, 'web'), join(ROOT, 'scripts', 'dist.mjs')];
  const fresh = existsSync(SINGLE) && existsSync(join(DIST, 'index.html'))
    && Math.min(newest(SINGLE), statSync(join(DIST, 'index.html')).mtimeMs) >= Math.max(...sources.map(newest));
  if (!fresh) execFileSync(process.execPath, [join(ROOT, 'scripts', 'dist.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

let browser;
let hostRoot;
let host;
let hostOrigin;
before(async () => {
  ensureDist();
  browser = await startBrowser();
  // a static host with the site in a sub-folder, as a university web space or GitHub Pages project site has it
  hostRoot = mkdtempSync(join(tmpdir(), 'convpool-host-'));
  mkdirSync(join(hostRoot, 'course'), { recursive: true });
  cpSync(DIST, join(hostRoot, 'course', 'convpool'), { recursive: true });
  host = await serve({ root: hostRoot, port: 0 });
  hostOrigin = `http://127.0.0.1:${host.address().port}`;
});
after(async () => {
  await browser?.close();
  if (host) await new Promise((resolve) => host.close(resolve));
  if (hostRoot) rmSync(hostRoot, { recursive: true, force: true });
});

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.convpoolPlayground[m](...a), [method, args]);

/** Opens any URL in the harness's browser, collecting console errors and every request and failed response. */
async function open(url, { waitForReady = true } = {}) {
  const page = await browser.context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => { if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`); });
  page.on('requestfailed', (request) => errors.push(`failed: ${request.url()}`));
  await page.goto(url);
  if (waitForReady) await playgroundReady(page, url);
  return { page, errors, requests };
}

/**
 * Waits until the explanations have rendered TeX with KaTeX and its fonts have settled. A font starts loading only
 * when laid-out text needs it, so document.fonts.ready right after the equations appear can resolve before any
 * KaTeX font was even asked for: wait for the fonts' own status instead (some loaded, none still loading).
 */
async function katexRendered(page) {
  await waitUntil(page, () => document.querySelector('#explain .katex'), {
    what: 'KaTeX equations in the explanations', observe: () => `data-explain="${document.getElementById('explain')?.dataset.explain}"`,
  });
  const fontStatus = () => {
    const katexFonts = [...document.fonts].filter((f) => /\bKaTeX_/.test(f.family));
    const count = (status) => katexFonts.filter((f) => f.status === status).length;
    return { loaded: count('loaded'), failed: count('error'), loading: count('loading') };
  };
  await waitUntil(page, () => {
    document.querySelector('#explain .katex').getBoundingClientRect();  // lays the equations out: their fonts are asked for
    const fonts = [...document.fonts].filter((f) => /\bKaTeX_/.test(f.family));
    return fonts.some((f) => f.status === 'loaded' || f.status === 'error') && !fonts.some((f) => f.status === 'loading');
  }, { what: 'the KaTeX fonts of the rendered equations to load', observe: fontStatus });
  return page.evaluate(fontStatus);
}

// A non-default experiment: two input channels, reflect padding, stride-1 pooling, mse, η changed once.
const FRAGMENT = 'v=1&n=80&ch=2&layers=conv-k3-o2-s1-d1-psame-mreflect-b1~act-relu~conv-k5-o1-s1-d2-p4-mcircular-b1'
  + '&loss=mse&seed=11&in0=chirp-2-1&in1=noise-3-5&target=filtered--1,0,1&lr=0.03&spf=2&steps=0';

/** Trains `page` the same way every time: 150 steps, η changed, 90 more steps. → { loss, state } */
async function trainTheSameWay(page) {
  await api(page, 'step', 150);
  await page.evaluate(() => {
    const slider = document.getElementById('learning-rate');
    slider.value = '-1.8';
    slider.dispatchEvent(new Event('input'));
  });
  await api(page, 'step', 90);
  return { loss: await api(page, 'loss'), state: await api(page, 'getState') };
}

test('dist/ holds the static site with relative paths and the single file with a strict CSP', () => {
  for (const file of ['index.html', 'style.css', 'assets/main.js', 'assets/convpool-core.wasm', 'assets/explain.css',
    'generated/vendor/katex/katex.min.css', 'examples/course-page.html', 'examples/course-page.js']) {
    assert.ok(existsSync(join(DIST, file)), `dist/${file}`);
  }
  const index = readFileSync(join(DIST, 'index.html'), 'utf8');
  assert.doesNotMatch(index, /(?:src|href)="(?:\/|https?:)/, 'index.html refers to an absolute URL');
  const single = readFileSync(SINGLE, 'utf8');
  const start = single.indexOf('<script type="module">');
  const end = single.indexOf('</script>', start);
  assert.ok(start > 0 && end > start, 'one inline module script');
  const outside = single.slice(0, start) + single.slice(end);
  assert.doesNotMatch(outside, /<script(?! type="module">)|<link[^>]+stylesheet/, 'no other script, no stylesheet file');
  const csp = single.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
  assert.ok(csp, 'a CSP <meta>');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /'unsafe-eval'|https?:|\*/);
  assert.doesNotMatch(csp.match(/script-src[^;]*/)[0], /'unsafe-inline'|'self'/);
  const size = statSync(SINGLE).size;
  assert.ok(size < 2.5 * 1024 * 1024, `the single file is ${size} bytes`);
});

test('the start-up JS comes in a few files: the start-up modules share one chunk beside main.js', async () => {
  // each file is a request; on HTTP/1.1 (six connections) a slow network fetched ~35 small chunks in waves of round
  // trips that held back the first paint (Lighthouse FCP 2.5 s → 1.1 s with one chunk)
  const { parts } = await startupScripts(join(DIST, 'assets'));
  const files = Object.keys(parts);
  assert.ok(files.length <= 12, `start-up JS in ${files.length} files (at most 12 expected): ${files.join(', ')}`);
  const preloaded = [...readFileSync(join(DIST, 'index.html'), 'utf8').matchAll(/<link rel="modulepreload" href="assets\/([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(files.filter((f) => f !== 'main.js' && !preloaded.includes(f)), [], 'every start-up chunk is preloaded by index.html');
  assert.ok(files.every((f) => parts[f] > 0), `no empty chunk: ${JSON.stringify(parts)}`);
});

test('the single file opened from file:// trains to the same loss as the served page, with KaTeX and no fetches', async () => {
  const served = await browser.newPage(`/#${FRAGMENT}`);
  const expected = await trainTheSameWay(served.page);
  assert.deepEqual(served.errors, []);
  await served.page.close();

  const fileUrl = pathToFileURL(SINGLE).href;
  const { page, errors, requests } = await open(`${fileUrl}#${FRAGMENT}`);
  assert.equal(await api(page, 'getState'), FRAGMENT);
  const got = await trainTheSameWay(page);
  assert.equal(got.loss, expected.loss, 'loss() bit-identical to the served page');
  assert.equal(got.state, expected.state);
  assert.equal(await api(page, 'stepCount'), 240);
  // a link made in the single file replays exactly in the single file
  const replay = await open(`${fileUrl}#${got.state}`);
  assert.equal(await api(replay.page, 'loss'), expected.loss);
  assert.deepEqual(replay.errors, []);
  await replay.page.close();

  const fonts = await katexRendered(page);
  assert.ok(fonts.loaded > 0 && fonts.failed === 0, `KaTeX fonts ${JSON.stringify(fonts)}`);
  assert.equal(await page.locator('link[rel="stylesheet"]').count(), 0, 'no stylesheet <link> was added');
  assert.equal(await page.locator('style[data-convpool-bundled]').count(), 1);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, 'single-file.png') });
  await page.locator('#explain').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'single-file-explain.png') });
  assert.deepEqual(errors, []);
  assert.deepEqual(requests.filter((url) => !url.startsWith(fileUrl) && !url.startsWith('data:') && !url.startsWith('blob:')), []);
  assert.deepEqual(requests.filter((url) => url.startsWith('file:') && url.split('#')[0] !== fileUrl), [], 'no other file read');
  await page.close();
});

test('the single file from file:// runs a formula goal: the math input (MathLive) under its CSP, with no fetches', async () => {
  const fileUrl = pathToFileURL(SINGLE).href;
  const { page, errors, requests } = await open(fileUrl);
  await api(page, 'setExercise', { title: 'Derive it', goals: [{ type: 'formula', quantity: 'y', layer: 0 }] });
  await waitUntil(page, () => document.querySelector('math-field[data-formula-goal="0"]')?.isConnected, {
    what: 'the math input in the single file', observe: () => document.querySelector('.exercise-formula')?.textContent.slice(0, 120) });
  await page.click('math-field[data-formula-goal="0"]');
  await waitUntil(page, () => document.activeElement?.dataset?.formulaGoal === '0', { what: 'the focus in the math input' });
  await page.keyboard.type('b+\\sum_{k=0}^{K-1}W_kxpad_{t+k}');
  await page.keyboard.press('Enter');
  await waitUntil(page, () => window.convpoolPlayground.exercise().goals[0].met, {
    what: 'the typed forward equation to meet the goal', observe: () => window.convpoolPlayground.exercise().goals[0] });
  assert.deepEqual(errors, [], 'no console error (a Trusted Types or CSP violation would be one)');
  assert.deepEqual(requests.filter((url) => url.split('#')[0] !== fileUrl && !url.startsWith('data:') && !url.startsWith('blob:')), []);
  await page.close();
});

test('the single file in a sandboxed iframe (as LMSs show uploads) of a local page hides, locks, reports its height and answers postMessage', async () => {
  const fileUrl = pathToFileURL(SINGLE).href;
  const parent = join(hostRoot, 'local-course-page.html');
  const src = `${fileUrl}?embed=1&hide=export,layers&lock=lr#${FRAGMENT}`;
  writeFileSync(parent, `<!doctype html><meta charset="utf-8"><title>local</title>
<iframe id="f" sandbox="allow-scripts" src="${src.replace(/&/g, '&amp;')}" style="width:100%;height:900px;border:0"></iframe>
<script>
  window.replies = []; window.heights = [];
  addEventListener('message', (e) => {
    if (e.data && e.data.convpool === 1 && e.data.event === 'height') window.heights.push(e.data.height);
    else if (e.data && e.data.convpool === 1) window.replies.push(e.data);
  });
  window.ask = (msg) => document.getElementById('f').contentWindow.postMessage(msg, '*');
</script>`);
  const { page, errors } = await open(pathToFileURL(parent).href, { waitForReady: false });
  const frame = await frameOf(page, '#f');
  await playgroundReady(frame, 'the single file in a sandboxed iframe');
  assert.equal(await frame.locator('body.embed').count(), 1);
  assert.equal(await frame.locator('#learning-rate').isDisabled(), true);
  assert.equal(await frame.locator('#add-layer').isVisible(), false);
  await page.evaluate(() => window.ask({ convpool: 1, id: 'f1', method: 'step', args: [10] }));
  await waitUntil(page, () => window.replies.some((r) => r.id === 'f1'), {
    what: "the sandboxed iframe's answer to postMessage call 'f1': step(10)", observe: () => window.replies,
  });
  const reply = await page.evaluate(() => window.replies.find((r) => r.id === 'f1'));
  assert.ok(Number.isFinite(reply.result), JSON.stringify(reply));
  assert.equal(await frame.evaluate(() => window.convpoolPlayground.stepCount()), 10);
  assert.ok((await page.evaluate(() => window.heights)).length > 0, 'height messages');
  assert.deepEqual(errors, []);
  await page.close();
});

test(`dist/ served from a sub-path (${SUB_PATH}) loads, trains, and loads the explanations and KaTeX lazily`, async () => {
  const served = await browser.newPage(`/#${FRAGMENT}`);
  const expected = await trainTheSameWay(served.page);
  await served.page.close();

  const { page, errors, requests } = await open(`${hostOrigin}${SUB_PATH}#${FRAGMENT}`);
  const atFirstFrame = [...requests];
  assert.ok(atFirstFrame.some((u) => u.endsWith(`${SUB_PATH}assets/convpool-core.wasm`)), 'the WASM comes from assets/');
  const got = await trainTheSameWay(page);
  assert.equal(got.loss, expected.loss);
  assert.equal(got.state, expected.state);
  const fonts = await katexRendered(page);
  assert.ok(fonts.loaded > 0 && fonts.failed === 0, `KaTeX fonts ${JSON.stringify(fonts)}`);
  assert.ok(requests.some((u) => u.endsWith('/assets/explain.css')), 'explain.css loaded');
  assert.ok(requests.some((u) => u.endsWith('/katex.min.css')), 'KaTeX CSS loaded');
  assert.deepEqual(requests.filter((u) => !u.startsWith(`${hostOrigin}${SUB_PATH}`) && !u.startsWith('data:') && !u.startsWith('blob:')), [],
    'every request stays inside the sub-path');
  assert.deepEqual(errors, []);
  await page.close();
});

/** The Frame of the iframe `selector`, once it holds the playground (whatever it has loaded so far). */
async function frameOf(page, selector) {
  const frame = await (await page.waitForSelector(selector)).contentFrame();
  await waitUntil(frame, () => window.convpoolPlayground !== undefined, {
    what: `the playground in ${selector}`, observe: () => `${location.href.slice(0, 80)}, ${document.readyState}`,
  });
  return frame;
}

/** Opens the example course page (at `url`) and drives its second iframe with its buttons. */
async function driveExample(url) {
  const { page, errors } = await open(url, { waitForReady: false });
  await waitUntil(page, () => document.body.dataset.connected === 'true', {
    what: 'the course page to connect to its driven iframe', observe: () => document.getElementById('log').textContent,
  });
  const exercise = page.frameLocator('#exercise-frame');
  const driven = await frameOf(page, '#driven-frame');
  const exerciseFrame = await frameOf(page, '#exercise-frame');
  await playgroundReady(exerciseFrame, 'the exercise iframe');
  // different settings in the two iframes
  assert.equal(await exercise.locator('#input-length').isDisabled(), true, 'exercise 1: network locked');
  assert.equal(await exercise.locator('#learning-rate').isDisabled(), false, 'exercise 1: η free');
  assert.equal(await exercise.locator('#step-100').isVisible(), true);
  assert.equal(await page.frameLocator('#driven-frame').locator('#step-100').isVisible(), false, 'exercise 2: train hidden');
  // the iframes took the heights they reported
  const heights = await page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => f.style.height));
  assert.ok(heights.every((h) => /^\d+px$/.test(h)), `heights ${heights}`);
  // an iframe taller than its content shrinks back at the next change of the content
  await page.evaluate(() => { document.getElementById('exercise-frame').style.height = '5000px'; });
  await exerciseFrame.evaluate(() => { document.querySelector('[data-panel="loss"]').style.paddingBottom = '40px'; });
  await waitUntil(page, () => parseFloat(document.getElementById('exercise-frame').style.height) < 5000, {
    what: 'the exercise iframe to shrink back from 5000px', observe: () => document.getElementById('exercise-frame').style.height,
  });
  const content = await exerciseFrame.evaluate(() => document.documentElement.getBoundingClientRect().height);
  const height = await page.evaluate(() => parseFloat(document.getElementById('exercise-frame').style.height));
  assert.ok(Math.abs(height - content) <= 1, `iframe ${height}px for ${content}px of content`);

  const log = page.locator('#log');
  const logShows = (text, after) => waitUntil(page, (t) => document.getElementById('log').textContent.includes(t), {
    arg: text, what: `the log to show '${text}' after ${after}`,
    observe: () => `log: ${JSON.stringify(document.getElementById('log').textContent)}`,
  });
  await page.click('#drive-step');
  await logShows('steps taken: 100', "clicking 'Train 100 steps'");
  // The scoreboard follows the exercise events: 100 steps at η = 0.01 meet exercise 2's loss goal (1 of its 2 goals).
  await assert.doesNotReject(page.locator('#scoreboard tr[data-frame="driven-frame"] .goals').filter({ hasText: '1 of 2' })
    .waitFor({ timeout: 10000 }), 'the scoreboard shows exercise 2 with one goal met');
  await assert.doesNotReject(page.locator('#scoreboard tr[data-frame="exercise-frame"] .goals').filter({ hasText: '0 of 3' })
    .waitFor({ timeout: 10000 }), 'the scoreboard shows exercise 1 with none of its 3 goals met');
  await page.click('#drive-loss');
  await logShows('loss now:', "clicking 'Show the loss'");
  const loss = await driven.evaluate(() => window.convpoolPlayground.loss());
  assert.ok((await log.textContent()).includes(`loss now: ${loss.toPrecision(6)}`), await log.textContent());
  assert.equal(await driven.evaluate(() => window.convpoolPlayground.stepCount()), 100);
  await page.click('#drive-fast');
  await logShows('loaded η = 0.1 (true = exactly): true', "clicking 'Load: η = 0.1'");
  // The same exercise on a new experiment: a goal met before stays met (grades only go up; web/shared/exercise/session.js).
  await assert.doesNotReject(page.locator('#scoreboard tr[data-frame="driven-frame"] .goals').filter({ hasText: '1 of 2' })
    .waitFor({ timeout: 10000 }), 'the reloaded exercise keeps its met goal on the scoreboard');
  assert.equal(await driven.evaluate(() => window.convpoolPlayground.stepCount()), 0, 'on the new experiment, at step 0');
  assert.match(await driven.evaluate(() => window.convpoolPlayground.getState()), /&lr=0\.1&/);
  await page.click('#drive-link');
  await logShows('link to this state:', "clicking 'Get a link to this state'");
  assert.equal(await exerciseFrame.evaluate(() => window.convpoolPlayground.stepCount()), 0, 'exercise 1 untouched');
  return { page, errors };
}

test('the example course page embeds two locked playgrounds and drives one through postMessage', async () => {
  const { page, errors } = await driveExample(`${browser.origin}/examples/course-page.html`);
  await page.screenshot({ path: join(ARTIFACTS, 'course-page.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
  const hosted = await driveExample(`${hostOrigin}${SUB_PATH}examples/course-page.html`);
  assert.deepEqual(hosted.errors, []);
  await hosted.page.close();
});

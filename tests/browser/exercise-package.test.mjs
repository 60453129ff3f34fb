// The SCORM package's launch page as an LMS runs it: unpacked on a web server that sends no security headers of its
// own, in an iframe of a player page that holds a SCORM 1.2 `API`. The single file's own CSP must still let it load,
// compile its WASM and train; its frame must reach the player's API; the launch <meta> must carry the exercise.
// (The page's SCORM calls, from LMSInitialize to LMSFinish, are checked in tests/browser/exercise-scorm.test.mjs;
// tests/node/exercise-*.test.mjs cover the adapter and the package's structure.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, startBrowser } from './harness.mjs';
import { serializeExperiment, normalizeExperiment } from '../../web/shared/experiment.js';
import { readExerciseFragment } from '../../web/shared/exercise/link.js';
import { LESSON_EXERCISES } from '../../web/shared/exercise/lessons.js';
import { buildScormPackage, parseLaunchData, readPackage } from '../../web/shared/exercise/package.js';
import { SOURCE_TEMPLATE_ID, assembleSingleFile } from '../../web/shared/exercise/single-file.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SINGLE = join(ROOT, 'dist', 'convpool-playground.html');

function newest(path) {
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), 0) : s.mtimeMs;
}

let browser;
let lms;
let lmsOrigin;
let dir;

before(async () => {
  if (!existsSync(SINGLE) || statSync(SINGLE).mtimeMs < newest(join(ROOT, 'web'))) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'dist.mjs')], { cwd: ROOT, stdio: 'ignore' });
  }
  const lesson = LESSON_EXERCISES.find((l) => l.id === '1a');
  const fragment = serializeExperiment(normalizeExperiment(lesson.experiment).experiment);
  const files = readPackage(await buildScormPackage({ html: readFileSync(SINGLE, 'utf8'), fragment, exercise: lesson.exercise }));
  dir = mkdtempSync(join(tmpdir(), 'convpool-lms-'));
  mkdirSync(join(dir, 'sco'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'sco', name), text);
  writeFileSync(join(dir, 'player.html'), `<!doctype html><meta charset="utf-8"><title>stub SCORM 1.2 player</title><link rel="icon" href="data:,">
<script>
  window.lmsCalls = [];
  window.API = {
    LMSInitialize: (a) => { lmsCalls.push(['LMSInitialize', a]); return 'true'; },
    LMSGetValue: (e) => { lmsCalls.push(['LMSGetValue', e]); return ''; },
    LMSSetValue: (e, v) => { lmsCalls.push(['LMSSetValue', e, v]); return 'true'; },
    LMSCommit: (a) => { lmsCalls.push(['LMSCommit', a]); return 'true'; },
    LMSFinish: (a) => { lmsCalls.push(['LMSFinish', a]); return 'true'; },
    LMSGetLastError: () => '0', LMSGetErrorString: () => '', LMSGetDiagnostic: () => '',
  };
</script>
<iframe id="sco" src="sco/convpool-playground.html" style="width:100%;height:900px;border:0"></iframe>`);
  // A plain static server, as an LMS serves an unpacked package: no Content-Security-Policy header of its own.
  lms = createServer((request, response) => {
    const path = join(dir, decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (!path.startsWith(dir) || !existsSync(path) || statSync(path).isDirectory()) { response.writeHead(404).end(); return; }
    response.writeHead(200, { 'Content-Type': path.endsWith('.xml') ? 'application/xml' : 'text/html; charset=utf-8' }).end(readFileSync(path));
  });
  await new Promise((resolve) => lms.listen(0, '127.0.0.1', resolve));
  lmsOrigin = `http://127.0.0.1:${lms.address().port}`;
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (lms ? lms.close(resolve) : resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the launch page loads under its own CSP inside an LMS player, trains, reaches the API and carries the exercise', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  const violations = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  await page.goto(`${lmsOrigin}/player.html`);
  const frame = page.frame({ url: /sco\/convpool-playground\.html/ });
  assert.ok(frame, 'the SCO frame is there');
  await frame.evaluate(() => {
    window.addEventListener('securitypolicyviolation', (e) => { window.cspViolations = (window.cspViolations || []).concat(e.violatedDirective); });
  });
  await frame.evaluate(() => window.convpoolPlayground.ready);
  const loss = await frame.evaluate(() => window.convpoolPlayground.step(20));
  assert.ok(Number.isFinite(loss), `trained 20 steps under the CSP: loss ${loss}`);
  const policy = await frame.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
  assert.match(policy, /script-src 'sha256-[^']+' 'wasm-unsafe-eval'/);
  // The frame is same-origin with the player: the API search finds it on window.parent.
  assert.equal(await frame.evaluate(() => typeof window.parent.API.LMSInitialize), 'function');
  const content = await frame.evaluate(() => document.querySelector('meta[name="convpool-launch"]').content);
  const launch = parseLaunchData(content);
  assert.equal(launch.search, 'embed=1&lock=signals,draw,length,channels');
  const read = await readExerciseFragment(launch.fragment);
  assert.equal(read.problem, undefined);
  assert.equal(read.exercise.title, 'Conv forward: the same length');
  // What the page will hand to exportPackage: its own HTML, rebuilt from its DOM, is the single file exactly.
  const texts = await frame.evaluate((id) => ({
    source: document.getElementById(id).content.textContent,
    script: document.querySelector('script[type="module"]').textContent,
    style: document.querySelector('style[data-convpool-bundled]').textContent,
  }), SOURCE_TEMPLATE_ID);
  assert.ok(assembleSingleFile(texts) === readFileSync(SINGLE, 'utf8'), 'the page rebuilds dist/convpool-playground.html');
  violations.push(...(await frame.evaluate(() => window.cspViolations || [])));
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: join(ARTIFACTS, 'scorm-launch-in-stub-lms.png') });
  await page.close();
});

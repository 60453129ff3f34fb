// Robustness of the page in real headless Chromium: hostile links (≥ 500 fragments through setState, location.hash
// and full page loads), divergence, refused non-finite drawings, flat WASM memory over 100,000 steps and 1,000
// network changes, the Content-Security-Policy (header value and no violation while the page works), and a fuzzed
// postMessage interface driven from a cross-origin parent page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startBrowser, playgroundReady } from './harness.mjs';
import { animationFrames, installPlaygroundCaller, waitUntil } from './waiting.mjs';
import {
  craftedFragments, mutatedFragments, randomFragments, VALID_FRAGMENTS, DEFAULT_FRAGMENT, HUGE_REPLAY, PAYLOADS,
  drawnText,
} from './hostile.mjs';

const DIVERGING = 'v=1&n=64&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1&loss=sse&seed=42&in0=sines-3-1'
  + '&target=filtered-0.1,0.2,0.4,0.2,0.1&lr=10&spf=1&steps=0';

let browser;
before(async () => {
  browser = await startBrowser();
  // every page and frame of this file records CSP violations and any element or attribute that could run script
  await browser.context.addInitScript(() => {
    window.__csp = [];
    window.__injected = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
    const suspicious = (node) => {
      if (!(node instanceof Element)) return null;
      const tag = node.tagName.toLowerCase();
      const allowed = node.dataset.trusted || (tag === 'iframe' && window.__allowFrames)
        || (tag === 'link' && node.rel === 'stylesheet' && node.href.startsWith(location.origin));
      if (/^(script|img|iframe|object|embed|frame|base|meta|link|form)$/.test(tag) && !allowed) return `<${tag}>`;
      for (const attribute of node.attributes) {
        if (/^on/i.test(attribute.name) || /javascript:|__pwned/i.test(attribute.value)) return `${node.tagName} ${attribute.name}`;
      }
      return null;
    };
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const nodes = record.type === 'attributes' ? [record.target] : [...record.addedNodes];
        for (const node of nodes) {
          const found = suspicious(node);
          if (found) window.__injected.push(found);
          if (node instanceof Element) for (const inner of node.querySelectorAll('*')) { const f = suspicious(inner); if (f) window.__injected.push(f); }
        }
      }
    });
    // from the end of parsing on: the page's own markup is not an injection
    const attributeFilter = ['onerror', 'onload', 'onclick', 'onmouseover', 'onfocus', 'onanimationstart', 'href', 'src',
      'srcdoc', 'action', 'formaction', 'xlink:href', 'data'];
    document.addEventListener('DOMContentLoaded', () => observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter }));
  });
});
after(async () => { await browser?.close(); });

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.convpoolPlayground[m](...a), [method, args]);
const noticeOf = (page) => page.evaluate(() => {
  const n = document.getElementById('notice');
  return { visible: !n.hidden && n.getBoundingClientRect().height > 0, kind: n.dataset.kind || '', text: n.textContent.trim() };
});

/** Runs `fragments` through setState (or location.hash) inside the page; → per-fragment findings (problems only). */
async function runFragments(page, fragments, mode) {
  return page.evaluate(async ({ fragments, mode }) => {
    const pg = window.convpoolPlayground;
    const notice = document.getElementById('notice');
    const problems = [];
    let slowest = { ms: 0 };
    let refused = 0;
    for (let i = 0; i < fragments.length; i++) {
      const f = fragments[i];
      const label = `${mode} #${i}: ${JSON.stringify(f.slice(0, 120))}${f.length > 120 ? `… (${f.length} chars)` : ''}`;
      const fail = (what) => problems.push(`${label}: ${what}`);
      notice.hidden = true;
      notice.dataset.kind = '';
      const started = performance.now();
      try {
        let ok = null;
        if (mode === 'setState') {
          ok = pg.setState(f);
          if (typeof ok !== 'boolean') fail(`setState returned ${typeof ok}`);
        } else {
          // a hash that changes the URL fires hashchange (after the page's own listener); an unchanged one fires none
          let heard;
          const changed = new Promise((resolve) => { heard = resolve; window.addEventListener('hashchange', heard, { once: true }); });
          const before = location.href;
          location.hash = f;
          if (location.href !== before) {
            let timer;
            await Promise.race([changed, new Promise((resolve) => { timer = setTimeout(resolve, 15_000, 'late'); })])
              .then((late) => { if (late === 'late') fail('no hashchange event within 15 s'); });
            clearTimeout(timer);
          }
          window.removeEventListener('hashchange', heard);
        }
        const visible = !notice.hidden && notice.textContent.trim().length > 0;
        if (ok === false) {
          refused++;
          if (!visible) fail('refused without a visible notice');
        }
        if (notice.dataset.kind === 'error') fail(`error notice: ${notice.textContent}`);
        const state = pg.getState();
        if (!/^v=1&n=\d+&ch=\d&layers=[a-z]/.test(state)) fail(`getState() is not a valid link: ${state.slice(0, 80)}`);
        // training and drawing every third one (a redraw is the page's slowest part); loss() for all
        const loss = i % 3 === 0 ? pg.step(1) : pg.loss();
        if (typeof loss !== 'number') fail(`step(1)/loss() returned ${typeof loss}`);
        if (mode === 'setState' && i % 6 === 0) {
          if (pg.setState(state) !== true || pg.getState() !== state) fail(`its normalised link does not round-trip: ${state}`);
        }
        const panels = document.querySelectorAll('#layer-panels > section').length;
        const layers = state.match(/layers=([^&]*)/)[1].split('~').length;
        if (panels !== layers) fail(`${panels} layer panels for ${layers} layers`);
      } catch (error) {
        fail(`threw ${error && error.message || error}`);
      }
      if (window.__pwned !== undefined) fail('an injected script ran (window.__pwned is set)');
      if (Object.prototype.polluted !== undefined || ({}).polluted !== undefined) fail('Object.prototype was polluted');
      if (window.__injected.length) fail(`suspicious DOM: ${window.__injected.splice(0).join(', ')}`);
      const ms = performance.now() - started;
      if (ms > slowest.ms) slowest = { ms: Math.round(ms), label };
      if (i % 10 === 9) {  // let a frame draw the current experiment: a drawing failure would show as an error notice
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));  // after a whole frame
        if (notice.dataset.kind === 'error') fail(`error notice after drawing: ${notice.textContent}`);
      }
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));  // after a whole frame
    return { problems, slowest, refused, csp: window.__csp.slice() };
  }, { fragments, mode });
}

test('≥ 500 hostile link fragments: defaults or the valid part, a notice, no script, no uncaught error', async () => {
  const crafted = craftedFragments();
  const mutated = mutatedFragments(110, 11);
  const random = randomFragments(40, 12);
  const all = [...crafted, ...mutated, ...random, ...VALID_FRAGMENTS];
  assert.ok(all.length >= 500, `${all.length} fragments`);
  const { page, errors, foreignRequests } = await browser.newPage('/');
  const viaSetState = await runFragments(page, all, 'setState');
  // a fifth of them again through location.hash (the hashchange path), the ones the hash setter keeps intact included
  const hashed = all.filter((f, i) => i % 9 === 2 && f.length < 50_000);
  const viaHash = await runFragments(page, hashed, 'hash');
  const tried = all.length + hashed.length;
  console.log(`# fragments: ${all.length} via setState (${viaSetState.refused} refused with a notice), `
    + `${tried - all.length} via location.hash; slowest ${viaSetState.slowest.ms} ms (${viaSetState.slowest.label})`);
  assert.deepEqual(viaSetState.problems, []);
  assert.deepEqual(viaHash.problems, []);
  assert.deepEqual(viaHash.csp, []);
  assert.ok(viaSetState.refused > 0.7 * all.length, `only ${viaSetState.refused} refused`);
  // the valid part survives: good fields are kept, bad ones reset, and the notice names what was wrong
  assert.equal(await api(page, 'setState', `v=1&n=32&lr=${encodeURIComponent(PAYLOADS[1])}&seed=9`), false);
  const state = await api(page, 'getState');
  assert.match(state, /n=32&.*seed=9&.*lr=0\.01&/);
  assert.match((await noticeOf(page)).text, /learning rate η must be a finite number/);
  assert.equal(await api(page, 'setState', 'v=1&n=16&layers=conv-k5-o1~lstm-k3~act-relu'), false);
  assert.match(await api(page, 'getState'), /n=16&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1~act-relu&/);
  assert.match((await noticeOf(page)).text, /layer 2 has an unknown type; dropped/);
  assert.equal(await api(page, 'setState', 'v=1&<img src=x onerror=window.__pwned=1>=1'), false);
  assert.match((await noticeOf(page)).text, /ignored unknown part\(s\) of the link: <img src/);  // shown as text, harmlessly
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests, []);
  await page.close();
});

test('full page loads of hostile links: ready resolves, the page works, a notice says what happened', async () => {
  const fragments = [
    ...PAYLOADS.slice(0, 3).map((p) => `v=1&n=32&lr=${encodeURIComponent(p)}`), PAYLOADS[0], PAYLOADS[1],
    'garbage', `in0=draw.${'A'.repeat(20000)}`, `target=${drawnText('1,NaN')}`,
    'z'.repeat(200_001), `v=1&in0=${'a'.repeat(100_000)}`, 'n=8&layers=conv-k5-p8-mreflect',
    '__proto__[polluted]=1&constructor[prototype][polluted]=1', 'n=\u{1F600}&\u202e=1', 'steps=10000000',
    `${DIVERGING.replace('steps=0', 'steps=200')}&sched=200@10`,
  ];
  const { page, errors, foreignRequests } = await browser.newPage('/', { waitForReady: false });
  let loads = 0;
  for (const [i, fragment] of fragments.entries()) {
    await page.goto(`${browser.origin}/?load=${i}#${fragment}`, { waitUntil: 'commit' });
    await waitUntil(page, () => window.convpoolPlayground, { what: `convpoolPlayground on load ${i}`, observe: () => document.readyState });
    await playgroundReady(page, `load ${i}: #${fragment.slice(0, 60)}`);
    loads++;
    const notice = await noticeOf(page);
    assert.ok(notice.visible && notice.text.length > 0, `no notice for ${fragment.slice(0, 80)}`);
    assert.notEqual(notice.kind, 'error', notice.text);
    assert.ok(await page.locator('#layer-panels canvas').count() >= 2, fragment.slice(0, 80));
    assert.equal(typeof await api(page, 'step', 2), 'number');
    const flags = await page.evaluate(() => [window.__pwned, Object.prototype.polluted, window.__injected.length, window.__csp.length]);
    assert.deepEqual(flags, [undefined, undefined, 0, 0], fragment.slice(0, 80));
  }
  // a link that asks for 1,000,000 steps of a huge network loads at step 0 with a notice, not after hours
  const started = Date.now();
  await page.goto(`${browser.origin}/?load=huge#${HUGE_REPLAY}`);
  await playgroundReady(page, 'the huge replay link');
  loads++;
  assert.ok(Date.now() - started < 10_000, `the huge link took ${Date.now() - started} ms to load`);
  assert.equal(await api(page, 'stepCount'), 0);
  assert.match((await noticeOf(page)).text, /would take about [\d,]+ minutes?, so it starts from step 0/);
  // … and playing it, or clicking ×100, never freezes the page: the longest gap between frames stays short
  const gap = await page.evaluate(async () => {
    let last = performance.now();
    let longest = 0;
    let running = true;
    const tick = () => { const now = performance.now(); longest = Math.max(longest, now - last); last = now; if (running) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const frames = async (n) => { for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r)); };
    const pg = window.convpoolPlayground;
    // Play for 30 frames, pause; then ×100, which trains across frames: watch until its 100 steps are taken
    document.getElementById('play').click();
    await frames(30);
    document.getElementById('play').click();
    const paused = pg.stepCount();
    document.getElementById('step-100').click();
    const started = performance.now();
    while (pg.stepCount() < paused + 100 && performance.now() - started < 60_000) await frames(1);
    running = false;
    return { longest, played: paused, afterHundred: pg.stepCount() - paused };
  });
  assert.ok(gap.longest < 1500, `a frame took ${Math.round(gap.longest)} ms on the huge network`);
  assert.ok(gap.played > 0, 'Play did train');
  assert.equal(gap.afterHundred, 100, '×100 took its 100 steps (across frames) within 60 s');
  console.log(`# full page loads of hostile links: ${loads}; longest frame on the huge network ${Math.round(gap.longest)} ms`);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests, []);
  await page.close();
});

test('a learning rate that overflows the loss stops training at that step with a message; reset recovers', async () => {
  const { page, errors } = await browser.newPage('/');
  assert.equal(await api(page, 'setState', DIVERGING), true);
  const initial = await api(page, 'loss');
  await page.click('#play');
  const notice = page.locator('#notice[data-kind="divergence"]');
  await notice.waitFor({ state: 'visible', timeout: 10_000 });
  const text = await notice.textContent();
  const steps = await api(page, 'stepCount');
  assert.match(text, new RegExp(`Training diverged at step ${steps + 1}: the loss became`), text);
  assert.match(text, /The weights of step \d+ were kept/);
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'false', 'Play is paused');
  await animationFrames(page, 3);  // frames in which Play, were it still running, would have trained
  assert.equal(await api(page, 'stepCount'), steps, 'no training after the divergence');
  const kept = await api(page, 'loss');
  assert.ok(Number.isFinite(kept), `the kept weights give a finite loss (${kept})`);
  assert.match(await page.locator('#train-status').textContent(), new RegExp(`step ${steps} · C = `));
  // the weights stay viewable: every weight in the CSV export is finite
  const download = page.waitForEvent('download');
  await page.click('#export-csv');
  const csv = await (await download).createReadStream().then(async (s) => { let t = ''; for await (const c of s) t += c; return t; });
  const header = csv.split('\n')[0].match(/"(?:[^"]|"")*"|[^,]+/g);
  const wColumn = header.findIndex((h) => h.includes('W (o,c,k'));
  const weights = csv.split('\n').slice(1, 6).map((line) => Number(line.split(',')[wColumn]));
  assert.ok(weights.every(Number.isFinite), `weights ${weights}`);
  // stepping again diverges again at once and keeps the same weights
  assert.ok(!Number.isFinite(await api(page, 'step', 5)));
  assert.equal(await api(page, 'stepCount'), steps);
  // reset recovers; a sane rate trains
  await page.click('#reset');
  assert.equal(await api(page, 'stepCount'), 0);
  assert.equal(await api(page, 'loss'), initial);
  assert.equal(await notice.isVisible(), false);
  await page.evaluate(() => {
    const slider = document.getElementById('learning-rate');
    slider.value = '-3';
    slider.dispatchEvent(new Event('input'));
  });
  assert.ok(await api(page, 'step', 50) < initial);
  // the programmatic step(n) and a crafted link whose recorded steps diverge stop the same way
  assert.equal(await api(page, 'setState', DIVERGING), true);
  assert.ok(!Number.isFinite(await api(page, 'step', 1000)));
  assert.ok(await api(page, 'stepCount') < 1000);
  assert.equal(await notice.isVisible(), true);
  assert.equal(await api(page, 'setState', `${DIVERGING.replace('steps=0', 'steps=500')}&sched=500@10`), false);
  assert.ok(await api(page, 'stepCount') < 500);
  assert.match(await notice.textContent(), /Training diverged at step \d+/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('NaN and ±∞ in drawn data are refused or sanitised at the input, with a notice', async () => {
  const { page, errors } = await browser.newPage('/');
  for (const text of ['0,NaN,5', '1,Infinity,2', '1,-Infinity', '1e309,1', 'NaN']) {
    for (const key of ['in0', 'target']) {
      assert.equal(await api(page, 'setState', `v=1&n=32&${key}=${drawnText(text)}`), false, `${key} ${text}`);
      assert.match((await noticeOf(page)).text, /drawing could not be read/);
      assert.ok(Number.isFinite(await api(page, 'loss')));
    }
  }
  // values far outside ±2 are clamped, and said so
  assert.equal(await api(page, 'setState', `v=1&n=32&in0=${drawnText('99999,99999,-99999')}`), false);
  assert.match((await noticeOf(page)).text, /input channel 1 drawing had values beyond ±2; clamped them/);
  assert.ok(Number.isFinite(await api(page, 'step', 3)));
  // an imported JSON experiment with ±∞ (1e999) and text in a drawing is sanitised with a notice
  const experiment = { v: 1, input: [{ drawn: [0, 0.5, 1, 0.25] }], target: { drawn: [1, 'x', null, 2] } };
  const json = JSON.stringify(experiment).replace('0.5', '1e999').replace('0.25', '-1e999');
  await page.evaluate(() => { document.getElementById('notice').hidden = true; document.getElementById('notice').dataset.kind = ''; });
  await page.setInputFiles('#import-json', { name: 'e.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await page.locator('#notice[data-kind="warning"]').waitFor({ state: 'visible' });
  assert.match((await noticeOf(page)).text, /input channel 1 drawing had non-numbers.*set them to 0.*target drawing had non-numbers/);
  assert.match(await api(page, 'getState'), /in0=draw\..*target=draw\./);
  assert.ok(Number.isFinite(await api(page, 'loss')));
  assert.ok(Number.isFinite(await api(page, 'step', 5)));
  assert.deepEqual(errors, []);
  await page.close();
});

test('100,000 steps and 1,000 network changes keep the WASM heap and the live embind objects flat', async () => {
  const { page, errors } = await browser.newPage('/');
  const networks = [
    ...VALID_FRAGMENTS,
    'v=1&n=128&ch=3&layers=conv-k9-o4-s2-d1-p4-mzeros-b1~act-relu~conv-k3-o2-s1-d1-psame-mreflect-b0~pool-k3-s1-p1-d1-c1&in0=sine-2-1&in1=noise-1-3&in2=step-1-1&target=pooled-3',
    'v=1&n=256&ch=1&layers=conv-k15-o8-s1-d2-pvalid-mzeros-b1~act-sigmoid~pool-k4-s4-p2-d1-c1&target=signal-noise-2-7',
    'v=1&n=512&ch=4&layers=conv-k33-o8-s1-d4-psame-mcircular-b1&target=same',  // the largest buffers, in the warm-up
  ];
  // the explanations are built once the page is idle: let that happen before measuring, not in the middle of it
  await page.waitForFunction(() => window.convpoolExplain, null, { timeout: 15_000 });
  const result = await page.evaluate(async ({ networks, base }) => {
    const pg = window.convpoolPlayground;
    const d = pg.debug;
    const measure = () => ({ heapBytesInUse: d.heapBytesInUse(), heapSize: d.heapSize(), liveModels: d.liveModels(), embind: d.embindInstances() });
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));  // after a whole frame
    const kernel = () => document.querySelector('.layer-card[data-layer="0"] input[data-key="kernelSize"]');
    const editKernel = (k) => { const input = kernel(); input.value = String(k); input.dispatchEvent(new Event('change')); };
    // the same closing sequence before both measurements, so that any state the allocator keeps from the last
    // operations (not a leak) is the same
    const settle = async () => {
      for (const n of networks.slice(0, -2)) { pg.setState(n); pg.step(5); }
      pg.setState(base);
      for (const k of [3, 7, 9, 5]) editKernel(k);
      pg.setState(base);
      pg.step(10);
      await frame();
      await frame();
    };
    // warm-up: every network once (allocator pools, embind type caches, the explain panel)
    for (const n of networks) { pg.setState(n); pg.step(20); await frame(); }
    pg.setState(base);
    pg.step(1000);
    await settle();
    const before = measure();
    const started = performance.now();
    const stepsBefore = pg.stepCount();
    for (let i = 0; i < 10; i++) { pg.step(10_000); if (i % 3 === 0) await frame(); }
    const afterSteps = pg.stepCount() - stepsBefore;
    const afterTraining = measure();
    let changes = 0;
    const loop = networks.length - 2;  // the two biggest only in the warm-up (their redraws are slow)
    let halfway = null;
    for (let i = 0; i < 900; i++) {
      if (!pg.setState(networks[i % loop])) throw new Error(`network ${i % loop} was refused`);
      changes++;
      if (i % 60 === 0) { pg.step(5); await frame(); }
      if (i === 449) { pg.setState(base); halfway = measure(); }
    }
    pg.setState(base);
    for (let i = 0; i < 100; i++) { editKernel([3, 7, 9, 5][i % 4]); changes++; if (i % 25 === 0) await frame(); }
    await settle();
    return { before, afterTraining, halfway, after: measure(), afterSteps, changes, ms: Math.round(performance.now() - started) };
  }, { networks, base: DEFAULT_FRAGMENT });
  console.log(`# memory: ${JSON.stringify(result)}`);
  assert.equal(result.afterSteps, 100_000);
  assert.equal(result.changes, 1000);
  // dlmalloc hands a request the whole free chunk when the remainder would be under its 16-byte minimum chunk, so
  // the same live allocations (a model's ~20 buffers) count a few bytes more or less depending on where they landed
  // (measured: −56…+16 bytes, in both directions, with identical operations). So: within 256 bytes after training,
  // at the halfway mark and at the end — a leak of even one small allocation per change would be ≥ 1000 × 16 bytes —
  // and every count (memory size, live models, embind instances) exactly equal.
  for (const at of ['afterTraining', 'halfway', 'after']) {
    assert.ok(Math.abs(result[at].heapBytesInUse - result.before.heapBytesInUse) <= 256,
      `WASM allocator bytes in use ${at}: ${result[at].heapBytesInUse} vs ${result.before.heapBytesInUse}`);
    assert.equal(result[at].heapSize, result.before.heapSize, `WASM memory size ${at}`);
    assert.equal(result[at].liveModels, result.before.liveModels, `live models (embind handles) ${at}`);
    assert.equal(result[at].embind, result.before.embind, `embind instance count ${at}`);
  }
  assert.ok(result.before.liveModels >= 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Content-Security-Policy header forbids inline script, eval and other origins, and the page works under it', async () => {
  for (const path of ['/', '/app/main.js', '/generated/convpool-core.wasm', '/style.css', '/explain/index.js']) {
    const response = await fetch(browser.origin + path);
    assert.equal(response.status, 200, path);
    const csp = response.headers.get('content-security-policy');
    assert.ok(csp, `${path} has no CSP`);
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"], path);
    assert.deepEqual(directives['default-src'], ["'self'"]);
    assert.deepEqual(directives['object-src'], ["'none'"]);
    assert.deepEqual(directives['base-uri'], ["'none'"]);
    assert.deepEqual(directives['require-trusted-types-for'], ["'script'"]);
    assert.ok(!/'unsafe-eval'|'unsafe-hashes'|'strict-dynamic'/.test(csp), csp);
    for (const [name, values] of Object.entries(directives)) {
      for (const value of values) {
        // only keywords and the same-origin data:/blob: schemes for images and fonts; never a host, http(s): or *
        // (and the one Trusted Types policy, MathLive's: web/app/math-field.js)
        assert.ok(/^'[a-z-]+'$/.test(value) || (['data:', 'blob:'].includes(value) && ['img-src', 'font-src'].includes(name))
          || (name === 'trusted-types' && value === 'convpool-mathlive'), `${name} allows ${value}`);
      }
    }
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  }
  const { page, errors, foreignRequests } = await browser.newPage('/');
  // use every part of the page: train, hover, explanations (KaTeX), exports, share
  await page.click('#play');
  await waitUntil(page, () => window.convpoolPlayground.stepCount() > 0, {
    what: 'Play to train', observe: () => `step count ${window.convpoolPlayground.stepCount()}`,
  });
  await page.click('#play');
  const canvas = page.locator('canvas[data-kind="forward"][data-layer="0"]');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 100);
  await page.locator('#explain').scrollIntoViewIfNeeded();
  await waitUntil(page, () => document.querySelector('#explain .katex'), {
    what: 'KaTeX equations in the explanations', observe: () => `data-explain="${document.getElementById('explain').dataset.explain}"`,
  });
  for (const kind of ['csv', 'json', 'png']) {
    const download = page.waitForEvent('download');
    await page.click(`#export-${kind}`);
    await download;
  }
  await page.click('#copy-link');
  await page.click('#copy-embed');
  await api(page, 'setState', VALID_FRAGMENTS[2]);
  await api(page, 'step', 20);
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'CSP violations while the page works');
  assert.deepEqual(await page.evaluate(() => window.__injected), []);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests, []);
  // and the policy is really enforced: inline script, eval and HTML strings are all refused
  const enforced = await page.evaluate(async () => {
    const before = window.__csp.length;
    const script = document.createElement('script');
    script.dataset.trusted = '1';  // not an injection: this test adds it on purpose
    try { script.textContent = 'window.__inline = 1'; document.body.append(script); } catch { /* Trusted Types */ }
    let evalRefused = false;
    try { setTimeout('window.__evalRan = 1', 0); } catch { evalRefused = true; }  // a string timer is eval: refused
    let htmlRefused = false;
    try { document.createElement('div').innerHTML = '<b>x</b>'; } catch { htmlRefused = true; }
    // violation reports are delivered as events, later: wait for the three (inline, eval, HTML), with a deadline
    const started = performance.now();
    while (window.__csp.length < before + 3 && performance.now() - started < 15_000) await new Promise((r) => requestAnimationFrame(r));
    return { inline: window.__inline, evalRan: window.__evalRan, evalRefused, htmlRefused, violations: window.__csp.length };
  });
  assert.deepEqual(enforced, { inline: undefined, evalRan: undefined, evalRefused: true, htmlRefused: true, violations: enforced.violations });
  assert.ok(enforced.violations >= 3, `the securitypolicyviolation listener sees the violations (${enforced.violations})`);
  await page.close();
});

test('postMessage: ~200 hostile messages from a cross-origin parent are ignored; valid calls still work', async (t) => {
  // the course page: another origin (a second loopback server, another port) that iframes the playground
  const course = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html><head><title>A course page</title></head><body></body></html>');
  });
  await new Promise((resolve) => course.listen(0, '127.0.0.1', resolve));
  t.after(() => { course.closeAllConnections(); course.close(); });
  const page = await browser.context.newPage();
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await page.goto(`http://127.0.0.1:${course.address().port}/lesson.html`);
  const frameOrigin = browser.origin;
  await page.evaluate(installPlaygroundCaller);
  const result = await page.evaluate(async ({ frameOrigin, payloads }) => {
    window.__allowFrames = true;
    const frame = document.createElement('iframe');
    frame.src = `${frameOrigin}/?embed=1`;
    frame.style.width = '900px';
    frame.style.height = '700px';
    document.body.append(frame);
    await new Promise((r) => frame.addEventListener('load', r));
    const received = [];
    window.addEventListener('message', (e) => { if (!(e.data && e.data.event === 'height')) received.push(e.data); });
    const post = (message) => frame.contentWindow.postMessage(message, '*');
    // every call gives up after 15 s, so a page that stops answering fails the test (naming the call) instead of hanging it
    const call = (id, method, args) => window.convpoolCall(frame.contentWindow, id, method, args);
    const first = await call('ready', 'stepCount', []);  // answers once the page is ready

    // messages that are not of the documented shape: none may be answered
    let seed = 7;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const deep = (n) => { let o = { convpool: 1 }; for (let i = 0; i < n; i++) o = { o }; return o; };
    const big = 'x'.repeat(1_000_000);
    const methods = ['step', 'loss', 'stepCount', 'getState', 'setState', 'reset'];
    const badMethods = ['eval', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'debug', 'ready',
      'then', 'STEP', ' step', 'step ', 'setState\u0000', 'prototype', '__defineGetter__', 'apply', 'call', 'bind', ''];
    const hostile = [
      null, undefined, 0, 1, -1, NaN, Infinity, true, false, '', 'step', big, [], [1, 2], [{ convpool: 1, id: 'b', method: 'step' }],
      {}, { convpool: 1 }, { convpool: '1', id: 'b', method: 'step' }, { convpool: 2, id: 'b', method: 'step' },
      { convpool: true, id: 'b', method: 'step' }, { convpool: 1, method: 'step' }, { convpool: 1, id: 'b' },
      { convpool: 1, id: null, method: 'step' }, { convpool: 1, id: {}, method: 'step' }, { convpool: 1, id: ['b'], method: 'loss' },
      { convpool: 1, id: true, method: 'loss' }, { convpool: 1, id: 'i'.repeat(101), method: 'loss' },
      { convpool: 1, id: 'b', method: 'step', args: 5 }, { convpool: 1, id: 'b', method: 'step', args: '5' },
      { convpool: 1, id: 'b', method: 'step', args: { 0: 5, length: 1 } }, { convpool: 1, id: 'b', method: 'step', args: [1, 2] },
      { convpool: 1, id: 'b', method: 'setState', args: ['v=1', 'x'] }, { convpool: 1, id: 'b', method: 'step', args: [[5]] },
      { convpool: 1, id: 'b', method: 'step', args: [{ valueOf: 5 }] }, { convpool: 1, id: 'b', method: 'setState', args: [{ toString: 'v=1' }] },
      { convpool: 1, id: 'b', method: 'step', args: [new Date()] }, { convpool: 1, id: 'b', method: 'step', args: [/x/] },
      { convpool: 1, id: 'b', method: 'step', args: [new Map([[1, 2]])] }, { convpool: 1, id: 'b', method: 'step', args: [new Set([1])] },
      { convpool: 1, id: 'b', method: 'step', args: [new Float32Array(4)] }, { convpool: 1, id: 'b', method: 'step', args: [new ArrayBuffer(8)] },
      { convpool: 1, id: 'b', method: 'step', args: [new Error('x')] }, { convpool: 1, id: 'b', method: 'step', args: [10n] },
      { convpool: 1, id: 'b', method: 'step', args: [big, big] }, { convpool: 1, id: 'b', method: 'setState', args: [deep(500)] },
      deep(1000), { convpool: 1, id: 'b', method: 'step', extra: 1 }, { convpool: 1, id: 'b', method: 'step', event: 'height' },
      { convpool: 1, id: 'b', method: 'step', result: 1 }, { convpool: 1, id: 'b', method: 'step', args: [1], constructor: { prototype: { polluted: 1 } } },
      JSON.parse('{"convpool":1,"id":"b","method":"step","args":[1],"__proto__":{"polluted":1}}'),
      JSON.parse('{"convpool":1,"id":"b","method":"setState","args":["v=1"],"prototype":{"polluted":1}}'),
      JSON.parse('{"__proto__":{"convpool":1,"id":"b","method":"step","polluted":1}}'),
      Object.assign(Object.create(null), { convpool: 1, id: 'b', method: 'nope' }),
      new Map([['convpool', 1], ['id', 'b'], ['method', 'step']]), new Date(), /convpool/, new Float32Array(8), new Blob(['x']),
      ...badMethods.map((method) => ({ convpool: 1, id: 'b', method, args: [] })),
      ...payloads.map((p) => ({ convpool: 1, id: 'b', method: p, args: [p] })),
      ...payloads.map((p) => ({ convpool: 1, id: 'b', method: 'step', args: [p], [p]: p })),
    ];
    while (hostile.length < 170) {  // random shapes from the same ingredients
      const m = {};
      const keys = ['convpool', 'id', 'method', 'args', '__proto__', 'constructor', 'x', 'event', 'height', 'then'];
      for (const key of keys) if (rand() < 0.6) m[key] = [1, 'b', methods[Math.floor(rand() * 6)], [rand() < 0.5 ? {} : []], { polluted: 1 }, null][Math.floor(rand() * 6)];
      if (methods.includes(m.method) && m.convpool === 1 && m.id === 'b' && Object.keys(m).every((k) => ['convpool', 'id', 'method', 'args'].includes(k))
        && (m.args === undefined || (Array.isArray(m.args) && m.args.length <= 1 && m.args.every((a) => a === null || typeof a !== 'object')))) continue;
      hostile.push(m);
    }
    for (const message of hostile) post(message);

    // documented shape, bad values: answered with an error (or a result), never a break
    const shaped = [
      ['step', ['x']], ['step', [-1]], ['step', [0]], ['step', [1.5]], ['step', [NaN]], ['step', [Infinity]], ['step', [1e12]],
      ['step', [null]], ['step', [true]], ['setState', []], ['setState', [null]], ['setState', [42]], ['setState', [true]],
      ['setState', [big]], ['setState', [payloads[0]]], ['setState', [payloads[1]]], ['setState', ['__proto__[polluted]=1']],
      ['loss', ['extra']], ['getState', [null]], ['stepCount', [1]], ['reset', [false]],
      ['step', [2]], ['loss', []], ['getState', []], ['reset', []], ['step', []], ['stepCount', []], ['setState', ['v=1&n=32']],
      ['step', [3]], ['stepCount', []],
    ];
    const replies = await Promise.all(shaped.map(([method, args], i) => call(`s${i}`, method, args)));
    // the frame reads messages in order: when this later call is answered, every earlier message has been handled
    const last = await call('last', 'stepCount', []);
    const state = await call('state', 'getState', []);
    return {
      first, hostileCount: hostile.length, shapedCount: shaped.length,
      // the documented shape with a method the page lacks is answered with an error naming it, and nothing else
      unknownReplies: received.filter((m) => m && m.id === 'b' && Object.keys(m).join() === 'convpool,id,error' && /^unknown method /.test(m.error)).length,
      unexpected: received.filter((m) => !(m && (m.id === 'ready' || m.id === 'last' || m.id === 'state' || /^s\d+$/.test(m.id)))
        && !(m && m.id === 'b' && Object.keys(m).join() === 'convpool,id,error' && /^unknown method /.test(m.error))),
      replies: replies.map((r, i) => ({ method: shaped[i][0], args: String(shaped[i][1][0]).slice(0, 30), result: r.result, error: r.error })),
      last, state, polluted: Object.prototype.polluted,
    };
  }, { frameOrigin, payloads: PAYLOADS });
  console.log(`# postMessage: ${result.hostileCount} hostile + ${result.shapedCount} documented-shape messages`);
  assert.ok(result.hostileCount + result.shapedCount >= 200);
  assert.equal(result.first.result, 0);
  assert.deepEqual(result.unexpected, [], 'no answer to a message of another shape');
  assert.ok(result.unknownReplies >= 19, `each unknown method of the documented shape is named in an error (${result.unknownReplies})`);
  const byIndex = result.replies;
  for (const r of byIndex.slice(0, 13)) assert.equal(typeof r.error, 'string', `${r.method}(${r.args}) should be refused`);
  for (const r of byIndex.slice(13, 17)) assert.equal(r.result, false, `${r.method}(${r.args}): loaded what it could, said false`);
  assert.ok(Number.isFinite(byIndex[17].result));
  assert.equal(byIndex[26].result, 1);
  assert.equal(byIndex[27].result, true);
  assert.ok(Number.isFinite(byIndex[28].result));
  assert.equal(byIndex[29].result, 3, 'the valid calls after the storm still work');
  assert.equal(result.last.result, 3);
  assert.match(result.state.result, /^v=1&n=32&/);
  assert.equal(result.polluted, undefined);
  // inside the (cross-origin) frame: nothing ran, nothing was polluted, the page still works
  const inner = page.frames().find((f) => f.url().startsWith(frameOrigin));
  const innerState = await inner.evaluate(() => ({
    pwned: window.__pwned, polluted: Object.prototype.polluted, injected: window.__injected, csp: window.__csp,
    steps: window.convpoolPlayground.stepCount(), loss: window.convpoolPlayground.step(1),
  }));
  assert.deepEqual({ ...innerState, loss: Number.isFinite(innerState.loss) },
    { pwned: undefined, polluted: undefined, injected: [], csp: [], steps: 3, loss: true });
  assert.deepEqual(errors, []);
  await page.close();
});

// Start-up on a slow phone's CPU: the page as `npm start` serves it (bundled), in headless Chromium with its CPU
// slowed 4× (CDP Emulation.setCPUThrottlingRate), every main-thread task over 50 ms recorded by a 'longtask'
// PerformanceObserver from the first byte until the page has settled (ready, the explanations mounted and typeset, then
// SETTLE_MS without a long task). Prints one JSON line per run and a summary line:
//   {"page":"startup","cpuSlowdown":4,"runs":3,"longestTaskMs":…,"longTasks":[…],"target":{"longestTaskMs":50},"met":…}
// Each long task carries `after`: the page's last start-up mark (performance.mark 'convpool:…', web/app/main.js) before
// it ended, which says which part of the start-up it was.
// Usage: node bench/startup_bench.mjs [--runs 3] [--trace]      (run by scripts/bench.mjs after the Lighthouse audit)
//   --trace  also records a Chromium trace of each load and prints what every task over 50 ms was doing
//            ({"page":"startup-trace",…}: scripts evaluated, functions called, style, layout, paint, GC); tracing
//            slows the page, so use it to find a long task, not to measure one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './serve-child.mjs';
import { chromium } from 'playwright-core';
import { longTasksFromTrace, startTrace } from './trace-tasks.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const TRACE = process.argv.includes('--trace');
const CPU_SLOWDOWN = 4;
const LONG_TASK_MS = 50;
const SETTLE_MS = 1500;
const DEADLINE_MS = 60_000;

async function measure(context, url) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 412, height: 823 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const stopTrace = TRACE ? await startTrace(cdp) : null;
  await page.addInitScript(() => {
    window.startupLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.startupLongTasks.push({ start: Math.round(entry.startTime), ms: Math.round(entry.duration) });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.evaluate(() => window.convpoolPlayground.ready);
  const readyMs = await page.evaluate(() => Math.round(performance.now()));
  // settled: the explanations are mounted and typeset (their `ready`: KaTeX and every formula), or the page has none,
  // and no long task came for SETTLE_MS. Polled inside the page: Playwright's waitForFunction injects a script of its
  // own, which would be a long task of the measurement, not of the page.
  await page.evaluate(({ settle, deadline }) => new Promise((resolve, reject) => {
    const started = performance.now();
    let typeset = false;
    const check = () => {
      const explain = document.getElementById('explain');
      const none = !explain || explain.hidden || explain.dataset.explain === 'skipped';
      if (window.convpoolExplain && !window.startupExplainWatched) {
        window.startupExplainWatched = true;
        Promise.resolve(window.convpoolExplain.ready).then(() => { typeset = true; }, () => { typeset = true; });
      }
      const tasks = window.startupLongTasks;
      const lastEnd = tasks.length ? tasks[tasks.length - 1].start + tasks[tasks.length - 1].ms : 0;
      if ((none || typeset) && performance.now() - lastEnd > settle) resolve();
      else if (performance.now() - started > deadline) {
        reject(new Error(`the page did not settle within ${deadline} ms (explanations ${explain?.dataset.explain}, typeset ${typeset})`));
      } else setTimeout(check, 200);
    };
    check();
  }), { settle: SETTLE_MS, deadline: DEADLINE_MS });
  // each task with the last start-up mark before its end (marks are cheap; the page sets them as it starts)
  const tasks = await page.evaluate(() => {
    const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('convpool:'));
    return window.startupLongTasks.map((task) => {
      const before = marks.filter((m) => m.startTime <= task.start + task.ms);
      return { ...task, after: before.length ? before[before.length - 1].name : 'navigation' };
    });
  });
  const traced = stopTrace ? longTasksFromTrace(await stopTrace(), LONG_TASK_MS) : null;
  await page.close();
  return { readyMs, tasks, traced };
}

const server = await startServer();
const userDataDir = mkdtempSync(join(tmpdir(), 'convpool-startup-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const longest = [];
  for (let run = 0; run < RUNS; run++) {
    const { readyMs, tasks, traced } = await measure(context, server.url);
    const max = tasks.reduce((m, t) => Math.max(m, t.ms), 0);
    longest.push(max);
    console.log(JSON.stringify({ page: 'startup-run', run, cpuSlowdown: CPU_SLOWDOWN, readyMs, longestTaskMs: max, longTasks: tasks }));
    if (traced) for (const task of traced) console.log(JSON.stringify({ page: 'startup-trace', run, ...task }));
  }
  const sorted = [...longest].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1];
  console.log(JSON.stringify({ page: 'startup', cpuSlowdown: CPU_SLOWDOWN, runs: RUNS, longestTaskMsMedian: median,
    longestTaskMsPerRun: longest, target: { longestTaskMs: LONG_TASK_MS }, met: median <= LONG_TASK_MS }));
} finally {
  await context.close();
  server.stop();
  rmSync(userDataDir, { recursive: true, force: true });
}

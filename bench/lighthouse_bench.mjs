// Lighthouse's mobile audit (simulated Moto G-class CPU at 4× slowdown, slow 4G) of the page as `npm start` serves it,
// three runs, medians; prints one JSON line: {"page":"lighthouse",…,"targets","met"}. Run by scripts/bench.mjs, or alone:
//   node bench/lighthouse_bench.mjs [--runs 3]
// Uses Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) and Lighthouse from the benchmark's own package
// (bench/package.json, pinned by bench/package-lock.json; `npm run bench` installs it, or `bash scripts/setup.sh bench`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './serve-child.mjs';

const { lighthouse, chromeLauncher } = await Promise.all([import('lighthouse'), import('chrome-launcher')])
  .then(([l, c]) => ({ lighthouse: l.default, chromeLauncher: c }), (error) => {
    console.error(`lighthouse_bench: the benchmark's packages are not installed (${error.message});`
      + ' run: bash scripts/setup.sh bench');
    process.exit(1);
  });

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const TARGETS = { performance: 95, lcpMs: 2500, tbtMs: 150, cls: 0.05, accessibility: 100 };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function audit(url) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'convpool-lighthouse-'));
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    userDataDir,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port, output: 'json', logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],  // mobile form factor and simulated throttling: the defaults
    });
    const { categories, audits } = result.lhr;
    return {
      performance: Math.round(categories.performance.score * 100),
      accessibility: Math.round(categories.accessibility.score * 100),
      fcpMs: audits['first-contentful-paint'].numericValue,
      lcpMs: audits['largest-contentful-paint'].numericValue,
      tbtMs: audits['total-blocking-time'].numericValue,
      cls: audits['cumulative-layout-shift'].numericValue,
      speedIndexMs: audits['speed-index'].numericValue,
      transferBytes: audits['total-byte-weight'].numericValue,
      failedAccessibility: Object.values(audits)
        .filter((a) => categories.accessibility.auditRefs.some((ref) => ref.id === a.id) && a.score === 0)
        .map((a) => a.id),
    };
  } finally {
    await chrome.kill();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

const server = await startServer();
try {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await audit(server.url));
  const pick = (key) => median(runs.map((run) => run[key]));
  const figures = {
    performance: pick('performance'), accessibility: pick('accessibility'), fcpMs: Math.round(pick('fcpMs')),
    lcpMs: Math.round(pick('lcpMs')), tbtMs: Math.round(pick('tbtMs')), cls: Number(pick('cls').toFixed(4)),
    speedIndexMs: Math.round(pick('speedIndexMs')), transferBytes: pick('transferBytes'),
  };
  const checks = {
    performance: figures.performance >= TARGETS.performance, lcpMs: figures.lcpMs <= TARGETS.lcpMs,
    tbtMs: figures.tbtMs <= TARGETS.tbtMs, cls: figures.cls <= TARGETS.cls,
    accessibility: figures.accessibility >= TARGETS.accessibility,
  };
  console.log(JSON.stringify({
    page: 'lighthouse', formFactor: 'mobile', served: 'npm start', runs: RUNS, ...figures,
    perRun: runs.map(({ performance, lcpMs, tbtMs }) => ({ performance, lcpMs: Math.round(lcpMs), tbtMs: Math.round(tbtMs) })),
    failedAccessibility: [...new Set(runs.flatMap((run) => run.failedAccessibility))],
    targets: { performance: `>= ${TARGETS.performance}`, lcpMs: `<= ${TARGETS.lcpMs}`, tbtMs: `<= ${TARGETS.tbtMs}`,
      cls: `<= ${TARGETS.cls}`, accessibility: `>= ${TARGETS.accessibility}` },
    checks, met: Object.values(checks).every(Boolean),
  }));
} finally {
  server.stop();
}

// Retakes the README's screenshot, docs/screenshot.png: the playground at 1280 × 1000 in headless Chromium (Debian's,
// through playwright-core, as the browser tests run it), the default experiment after 25 training steps, so the
// plots show ŷ on its way to the target. After `npm run build`:   node scripts/screenshot.mjs [out.png]
import { fileURLToPath } from 'node:url';
import { startBrowser } from '../tests/browser/harness.mjs';

const out = process.argv[2] || fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));
const STEPS = 25;

const browser = await startBrowser();
try {
  const { page, errors } = await browser.newPage('/');
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.evaluate((steps) => window.convpoolPlayground.step(steps), STEPS);
  // two animation frames: the redraw that step() asked for has been painted
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
  await page.screenshot({ path: out });
  console.log(`screenshot: ${out}`);
} finally {
  await browser.close();
}

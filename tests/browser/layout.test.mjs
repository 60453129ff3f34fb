// The page's layout on every screen: no sideways scroll from 320 to 2560 px, no layout shift while it starts
// (the plots' space is kept before the WebAssembly arrives), collapsible layer panels, finger drawing that does not
// scroll the page, and plots that follow the colour scheme when it changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './harness.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

const nextFrames = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

async function waitFor(page, predicate, what, arg) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: 20000 });
  } catch {
    assert.fail(`waited 20 s for ${what}; it did not happen`);
  }
}

test('no horizontal scroll at any width from 320 to 2560 px', async () => {
  const { page, errors } = await browser.newPage('/');
  const widths = [320, 340, 360, 375, 390, 412, 480, 600, 768, 860, 861, 1024, 1280, 1440, 1920, 2560];
  const overflowing = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    // the layout has settled once the view's resize redraw ran: wait for the scroll width to stop changing
    await waitFor(page, (w) => window.innerWidth === w, `the viewport to become ${width}px wide`, width);
    await nextFrames(page);
    const sizes = await page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth }));
    if (sizes.scroll > sizes.inner) overflowing.push(`${width}px: scrollWidth ${sizes.scroll} > innerWidth ${sizes.inner}`);
  }
  // and with every part opened (the explanations, every plot's table) on the narrowest screens
  await page.evaluate(() => document.querySelector('.site-footer').scrollIntoView());
  await waitFor(page, () => window.convpoolExplain, 'the explanations to mount');
  await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
  await waitFor(page, () => [...document.querySelectorAll('details.plot-data')].every((d) => d.querySelector('table')), 'every plot table to render');
  for (const width of [320, 360, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await waitFor(page, (w) => window.innerWidth === w, `the viewport to become ${width}px wide`, width);
    await nextFrames(page);
    const sizes = await page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth }));
    if (sizes.scroll > sizes.inner) overflowing.push(`${width}px, everything opened: scrollWidth ${sizes.scroll} > innerWidth ${sizes.inner}`);
  }
  assert.deepEqual(overflowing, []);
  assert.deepEqual(errors, []);
  await page.close();
});

for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
  test(`starting up shifts the layout by less than 0.05 (cumulative layout shift) at ${viewport.width}px`, async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    await page.addInitScript(() => {
      window.layoutShifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if (entry.hadRecentInput) continue;
          window.layoutShifts.push({ value: entry.value, sources: (entry.sources || []).map((s) => (s.node ? s.node.id || s.node.className || s.node.nodeName : '?')) });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${browser.origin}/`);
    await page.evaluate(() => window.convpoolPlayground.ready);
    await nextFrames(page);
    const shifts = await page.evaluate(() => window.layoutShifts);
    const total = shifts.reduce((sum, s) => sum + s.value, 0);
    assert.ok(total <= 0.05, `layout shift ${total.toFixed(4)} > 0.05: ${JSON.stringify(shifts)}`);
    await page.close();
  });
}

test('layer panels collapse and expand from their heading; a collapsed panel keeps its plots out of the way', async () => {
  const { page, errors } = await browser.newPage('/');
  await page.setViewportSize({ width: 360, height: 800 });
  const toggle = page.locator('#layer-panels .layer-toggle').first();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const tall = await page.evaluate(() => document.querySelector('#layer-panels section').getBoundingClientRect().height);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  const short = await page.evaluate(() => document.querySelector('#layer-panels section').getBoundingClientRect().height);
  assert.ok(short < tall / 3, `collapsed height ${short}px, open ${tall}px`);
  await toggle.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await waitFor(page, () => document.querySelector('#layer-panels canvas').getBoundingClientRect().height > 50, 'the reopened plot to be drawn');
  // readable at 360 px: the plots take the width of the screen, less the margins
  const width = await page.evaluate(() => document.querySelector('#layer-panels canvas').getBoundingClientRect().width);
  assert.ok(width >= 300, `a layer plot is ${width}px wide at 360px`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('drawing with a finger: the canvas takes the touch (touch-action none) only while drawing mode is on', async () => {
  const { page, errors } = await browser.newPage('/');
  const touchAction = () => page.evaluate(() => getComputedStyle(document.getElementById('canvas-input')).touchAction);
  assert.equal(await touchAction(), 'pan-y', 'without drawing mode a finger on a plot scrolls the page');
  await page.click('#draw-input');
  assert.equal(await touchAction(), 'none', 'in drawing mode the page must not scroll under the finger');
  await page.click('#draw-input');
  assert.equal(await touchAction(), 'pan-y');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the plots follow the colour scheme: switching to dark redraws them on a dark background', async () => {
  const { page, errors } = await browser.newPage('/');
  const corner = () => page.evaluate(() => {
    const canvas = document.getElementById('canvas-input');
    return Array.from(canvas.getContext('2d').getImageData(1, 1, 1, 1).data.slice(0, 3));
  });
  const light = await corner();
  assert.ok(light.every((v) => v > 200), `light background ${light}`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await waitFor(page, () => {
    const d = document.getElementById('canvas-input').getContext('2d').getImageData(1, 1, 1, 1).data;
    return d[0] < 60 && d[1] < 60 && d[2] < 60;
  }, 'the input plot to be redrawn on a dark background');
  const page2Background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(page2Background, 'rgb(244, 245, 247)', 'the page background turns dark too');
  await page.emulateMedia({ colorScheme: 'light' });
  await waitFor(page, () => document.getElementById('canvas-input').getContext('2d').getImageData(1, 1, 1, 1).data[0] > 200,
    'the input plot to be redrawn on a light background');
  assert.deepEqual(errors, []);
  await page.close();
});

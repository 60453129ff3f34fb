// Shared setup of the browser suites: serves web/ on a free loopback port and drives Debian's Chromium with
// playwright-core. Every page collects console errors, uncaught exceptions and any request that leaves the origin.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { within } from './waiting.mjs';

export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-default-apps', '--disable-extensions'];

/** Waits for window.convpoolPlayground.ready in `target` (a page or frame), with a deadline naming `label`. */
export function playgroundReady(target, label = target.url()) {
  return within(target.evaluate(() => window.convpoolPlayground.ready), `convpoolPlayground.ready on ${label.slice(0, 100)}`);
}

/** Sets a control's value (a checkbox's checked) and fires 'change', as a learner's edit does. */
export async function setControl(page, selector, value) {
  // a control of a part that loads after `ready` (the data-set panel, in idle time) is waited for, not assumed
  await page.waitForSelector(selector, { state: 'attached', timeout: 30000 }).catch((error) => {
    throw new Error(`setControl: waited 30 s for ${selector} to be in the page; it never came (${error.message.split('\n')[0]})`);
  });
  await page.evaluate(([s, v]) => {
    const node = document.querySelector(s);
    if (node.type === 'checkbox') node.checked = v; else node.value = String(v);
    node.dispatchEvent(new Event('change'));
  }, [selector, value]);
}

/**
 * Starts the server and the browser once per test file.
 * → { origin, newPage(path = '/'), close() }; newPage resolves to { page, errors, foreignRequests }.
 */
export async function startBrowser({ root } = {}) {
  const server = await serve({ port: 0, ...(root ? { root } : {}) });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const userDataDir = mkdtempSync(join(tmpdir(), 'convpool-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  mkdirSync(ARTIFACTS, { recursive: true });

  async function newPage(path = '/', { waitForReady = true } = {}) {
    const page = await context.newPage();
    const errors = [];
    const foreignRequests = [];
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
    });
    await page.goto(origin + path);
    if (waitForReady) await playgroundReady(page, path);
    return { page, errors, foreignRequests };
  }

  async function close() {
    await context.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(userDataDir, { recursive: true, force: true });
  }

  return { origin, context, newPage, close };
}

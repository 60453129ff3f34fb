// The example course page (web/examples/course-page.html) when an iframe stops answering: every call has a deadline,
// and the reader sees which call, to which iframe, got no answer within how long. (Driving the page when the
// playground does answer is tests/browser/dist.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './harness.mjs';
import { waitUntil } from './waiting.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** Waits until the course page's log shows `text`, naming `after` (what should have made it appear). */
const logShows = (page, text, after) => waitUntil(page, (t) => document.getElementById('log').textContent.includes(t), {
  arg: text, what: `the log to show '${text}' after ${after}`,
  observe: () => `log: ${JSON.stringify(document.getElementById('log').textContent)}`,
});

test('a call to an iframe that never answers fails after its deadline, and the log says which call, iframe and wait', async () => {
  const { page, errors } = await browser.newPage('/examples/course-page.html', { waitForReady: false });
  await waitUntil(page, () => document.body.dataset.connected === 'true', {
    what: 'the course page to connect to its driven iframe', observe: () => document.getElementById('log').textContent,
  });
  // The page's own module instance (same URL), its call deadline shortened so the test does not wait 15 s.
  await page.evaluate(async () => {
    const coursePage = await import(new URL('course-page.js', location.href).href);
    coursePage.timeouts.callMs = 1500;
  });
  // The driven iframe now shows a blank page: messages to it are never answered.
  await page.evaluate(() => { document.getElementById('driven-frame').src = 'about:blank'; });
  await waitUntil(page, () => {
    const frame = document.getElementById('driven-frame').contentWindow;
    return frame.location.href === 'about:blank' && frame.document.readyState === 'complete' && !frame.convpoolPlayground;
  }, { what: 'the driven iframe to show about:blank', observe: () => document.getElementById('driven-frame').contentWindow.location.href });

  await page.click('#drive-loss');
  await logShows(page, 'loss now failed: loss() to the iframe #driven-frame got no answer within 1.5 s', "clicking 'Show the loss'");
  await page.click('#drive-step');
  await logShows(page, 'loss after 100 more steps failed: step(100) to the iframe #driven-frame got no answer within 1.5 s',
    "clicking 'Train 100 steps'");
  await page.click('#drive-link');
  await logShows(page, 'link to this state failed: getState() to the iframe #driven-frame got no answer within 1.5 s',
    "clicking 'Get a link to this state'");
  assert.deepEqual(errors, []);
  await page.close();
});

test('a call to an iframe that has left the page fails at once with an error naming the call and the iframe', async () => {
  const { page, errors } = await browser.newPage('/examples/course-page.html', { waitForReady: false });
  const message = await page.evaluate(async () => {
    const { callPlayground } = await import(new URL('course-page.js', location.href).href);
    const frame = document.getElementById('exercise-frame');
    frame.remove();
    return callPlayground(frame, 'setState', 'v=1&n=64').then(() => 'resolved', (error) => error.message);
  });
  assert.equal(message, 'setState("v=1&n=64") to the iframe #exercise-frame: the iframe is no longer in the page');
  assert.deepEqual(errors, []);
  await page.close();
});

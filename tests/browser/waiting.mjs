// Waiting for conditions, never for a fixed time: every wait has a generous deadline, and when it passes the error
// says what was awaited and what was seen instead. A loaded machine makes things slower, not different.

/** The deadline of one wait; generous, because a shared CI machine can be several times slower than a laptop. */
export const DEADLINE_MS = 30_000;

const show = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * Waits until `predicate(arg)` is truthy in `target` (a page or a frame). On timeout throws
 * "timed out after … waiting for <what>; saw: <observe(arg)>".
 */
export async function waitUntil(target, predicate, { what, arg, observe, timeout = DEADLINE_MS }) {
  try {
    return await target.waitForFunction(predicate, arg, { timeout });
  } catch (error) {
    if (error?.name !== 'TimeoutError') throw error;
    let seen = '(nothing observed)';
    if (observe) {
      try { seen = show(await target.evaluate(observe, arg)); } catch (e) { seen = `(could not observe: ${e.message})`; }
    }
    throw new Error(`timed out after ${timeout} ms waiting for ${what}; saw: ${seen}`, { cause: error });
  }
}

/** Resolves as `promise` does, or rejects after `timeout` ms with an error naming `what`. */
export async function within(promise, what, timeout = DEADLINE_MS) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeout} ms waiting for ${what}`)), timeout);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for `count` animation frames of the page (a frame where a running loop would have drawn or trained). */
export function animationFrames(page, count = 2) {
  return within(page.evaluate((n) => new Promise((resolve) => {
    const next = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
    next(n);
  }), count), `${count} animation frames`);
}

/**
 * Points the mouse at (x, y) CSS pixels inside the element of `locator` and resolves once the page has handled a
 * mouse move over that element. Aiming waits until the element is visible and has not moved for two animation
 * frames (Playwright's stability check): just after a scroll, parts with `content-visibility: auto` above it still
 * have their placeholder size, and the next frame moves everything below them (scroll anchoring makes up for it on
 * screen). A position measured before that frame is stale, and the mouse would land on something else.
 */
/**
 * Scrolls a plot into view and waits until it has been drawn (a pixel that is not transparent): the page draws what
 * comes on screen in parts, and a plot's hit-tester exists once it has been drawn, so a pointer aimed earlier finds no
 * sample and (the pointer then resting) no tooltip follows.
 */
export async function drawnPlot(page, selector) {
  await page.locator(selector).scrollIntoViewIfNeeded();
  await waitUntil(page, (sel) => {
    const canvas = document.querySelector(sel);
    if (!canvas || !canvas.width || !canvas.height) return false;
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
    return false;
  }, { what: `${selector} to be drawn before pointing at it`, arg: selector });
  return page.locator(selector);
}

export async function pointAt(locator, x, y) {
  await locator.evaluate((element) => {
    window.__mouseMoveSeen = new Promise((resolve) => {
      const seen = (event) => {
        if (event.target !== element) return;
        window.removeEventListener('mousemove', seen);
        resolve();
      };
      window.addEventListener('mousemove', seen);
    });
  });
  await locator.hover({ position: { x, y } });
  await within(locator.page().evaluate(() => window.__mouseMoveSeen), `the page to handle a mouse move over ${locator} at (${Math.round(x)}, ${Math.round(y)})`);
}

/**
 * In-page helper (pass to page.evaluate): defines window.convpoolCall(target, id, method, args, timeoutMs), which
 * posts { convpool: 1, id, method, args } to the window `target` and resolves to the reply. Every call has its own
 * deadline: a playground that stops answering fails the test with the call's name instead of hanging it.
 */
export function installPlaygroundCaller() {
  window.convpoolCall = (target, id, method, args = [], timeoutMs = 15_000) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      window.removeEventListener('message', listen);
      reject(new Error(`postMessage call '${id}': ${method}(${String(JSON.stringify(args)).slice(0, 60)}) got no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    function listen(event) {
      const data = event.data;
      if (!data || data.id !== id || !('result' in data || 'error' in data)) return;
      clearTimeout(timer);
      window.removeEventListener('message', listen);
      resolve(data);
    }
    window.addEventListener('message', listen);
    target.postMessage({ convpool: 1, id, method, args }, '*');
  });
}

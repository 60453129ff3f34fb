// A region that scrolls sideways (a wide equation, a code listing, a plot's table on a phone) must be reachable with
// the keyboard, or its hidden part can only be seen with a mouse. Such regions get tabindex="0" while they overflow
// (and lose it when they no longer do, so they add no needless tab stop).
const CANDIDATES = 'pre, .explain-tex-line, .explain-eq, .explain-hover, .explain-pre, .plot-data-body, .explain-gc-wrap';
const MARK = 'scrollFocus';
const SETTLE_MS = 300;

/** At most this long per task (ms): reading the sizes of the explanations' many boxes lays them out, part by part. */
const SLICE_MS = 8;

/** False for an element the browser skips rendering (off screen under content-visibility: auto, a closed part). */
function rendered(el) {
  return typeof el.checkVisibility !== 'function' || el.checkVisibility({ contentVisibilityAuto: true });
}

/** Whether `el` scrolls (its content overflows and its overflow may scroll). Reads layout. */
function scrolls(el) {
  if (el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1) return false;
  const style = getComputedStyle(el);
  return /(auto|scroll)/.test(`${style.overflowX} ${style.overflowY}`);
}

/** Gives `elements[i]` a tab stop when `scrolling[i]`, takes away the one given here when not. */
function mark(elements, scrolling) {
  elements.forEach((el, i) => {
    if (scrolling[i] && !el.hasAttribute('tabindex')) {
      el.tabIndex = 0;
      el.dataset[MARK] = '1';
    } else if (!scrolling[i] && el.dataset[MARK]) {
      el.removeAttribute('tabindex');
      delete el.dataset[MARK];
    }
  });
}

/** The candidates under `roots`, each once (one root may hold another). */
function candidates(roots) {
  const all = new Set();
  for (const root of roots) if (root) for (const el of root.querySelectorAll(CANDIDATES)) all.add(el);
  return [...all];
}

/**
 * Keeps the tab stops current: after the page's parts open, change or resize, in idle time and in slices of
 * SLICE_MS (never one long task, whatever the number of boxes). A part skipped by content-visibility is done when
 * it is rendered ('contentvisibilityautostatechange'), a closed part when it opens ('toggle').
 */
export function keepScrollersFocusable(roots) {
  let queue = [];  // candidates still to look at, in document order
  let working = false;
  const idle = (fn) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 1000 }) : setTimeout(fn, 0));
  const slice = () => {
    const started = performance.now();
    while (queue.length && performance.now() - started < SLICE_MS) {
      const el = queue.shift();
      // marking changes no layout, so the reads after it stay cheap: one layout per slice at most
      if (el.isConnected && rendered(el)) mark([el], [scrolls(el)]);
    }
    if (queue.length) idle(slice);
    else working = false;
  };
  /** Looks at every candidate again, from the first (a slice under way goes on with the new list). */
  const run = () => {
    queue = candidates(roots());
    if (!working) {
      working = true;
      idle(slice);
    }
  };
  // once the changes have stopped for SETTLE_MS (typesetting the equations changes the section dozens of times)
  let timer = null;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(run, SETTLE_MS);
  };
  document.addEventListener('toggle', schedule, true);
  // a part laid out only near the screen (content-visibility: auto) has its real sizes once it is rendered
  document.addEventListener('contentvisibilityautostatechange', schedule, true);
  window.addEventListener('resize', schedule);
  const observer = new MutationObserver(schedule);
  for (const root of roots()) if (root) observer.observe(root, { childList: true, subtree: true });
  schedule();
  return { schedule, run };
}

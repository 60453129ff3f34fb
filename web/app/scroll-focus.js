// A region that scrolls sideways (a wide equation, a code listing, a plot's table on a phone) must be reachable with
// the keyboard, or its hidden part can only be seen with a mouse. Such regions get tabindex="0" while they overflow
// (and lose it when they no longer do, so they add no needless tab stop), from the moment they are shown; a box
// not measured yet (just added, or in a part not yet rendered: content-visibility: auto) gets one until it is.
const CANDIDATES = 'pre, .explain-tex-line, .explain-eq, .explain-hover, .explain-pre, .plot-data-body, .explain-gc-wrap';
const MARK = 'scrollFocus';
const SETTLE_MS = 300;
/** Boxes marked at once when they appear (more wait for the idle pass): a big part's mount stays one short task. */
const NOW_LIMIT = 600;

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

/**
 * A box in a part the browser skips rendering (content-visibility: auto, off screen) cannot be measured without
 * laying the part out, yet the keyboard and screen readers reach it: it gets a tab stop on trust, checked once the
 * part is rendered.
 */
function markUnmeasured(elements) {
  for (const el of elements) {
    if (el.hasAttribute('tabindex')) continue;
    el.tabIndex = 0;
    el.dataset[MARK] = '1';
  }
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
      else if (el.isConnected && el.closest('details')?.open !== false) markUnmeasured([el]);
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
  // A region must be reachable from the moment it is shown, not from the next idle time: what was just added,
  // opened or rendered gets its tab stop at once (a microtask after the change, before the browser paints or anything
  // else runs), at most NOW_LIMIT boxes, and is measured right after the browser's next layout (a ResizeObserver's
  // first report comes after layout, before paint), where reading its size costs nothing: reading it in the
  // microtask would lay out a just-added part there and then, all of it (the explanations' first part: a long task
  // on a slow phone). A box in a part the browser skips rendering gets no report and keeps its stop on trust; the
  // idle pass then does the rest and takes away stops no longer needed.
  const afterLayout = typeof ResizeObserver === 'function'
    ? new ResizeObserver((entries) => {
      const measured = [];
      for (const { target } of entries) {
        afterLayout.unobserve(target);
        if (target.isConnected && rendered(target)) measured.push(target);
      }
      mark(measured, measured.map(scrolls));  // every read before the first write: no layout forced in between
    })
    : null;
  const markNow = (nodes) => {
    const found = [];
    for (const node of nodes) {
      // a box whose content changed (an equation typeset into its line) may overflow now
      const around = node.parentElement?.closest(CANDIDATES);
      if (around && !found.includes(around) && found.length < NOW_LIMIT) found.push(around);
      if (node.nodeType !== 1 || found.length >= NOW_LIMIT) continue;
      if (node.matches(CANDIDATES)) found.push(node);
      for (const el of node.querySelectorAll(CANDIDATES)) if (found.length < NOW_LIMIT) found.push(el);
    }
    // (in a closed <details> a box cannot take the focus: it is measured once the part opens, 'toggle' below)
    const reachable = found.filter((el) => el.closest('details')?.open !== false);
    markUnmeasured(reachable);
    if (afterLayout) for (const el of reachable) afterLayout.observe(el);
  };
  document.addEventListener('toggle', (event) => { if (event.target.open) markNow([event.target]); schedule(); }, true);
  // a part laid out only near the screen (content-visibility: auto) has its real sizes once it is rendered
  document.addEventListener('contentvisibilityautostatechange', (event) => { if (!event.skipped) markNow([event.target]); schedule(); }, true);
  window.addEventListener('resize', schedule);
  // a web font arriving (the equations' KaTeX fonts) widens text with no change to the page's elements
  document.fonts?.addEventListener('loadingdone', () => { markNow(roots()); schedule(); });
  const observer = new MutationObserver((records) => {
    markNow(records.flatMap((record) => [...record.addedNodes]));
    schedule();
  });
  for (const root of roots()) if (root) observer.observe(root, { childList: true, subtree: true });
  schedule();
  return { schedule, run };
}

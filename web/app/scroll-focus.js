// A region that scrolls sideways (a wide equation, a code listing, a plot's table on a phone) must be reachable with
// the keyboard, or its hidden part can only be seen with a mouse. Such regions get tabindex="0" while they overflow
// (and lose it when they no longer do, so they add no needless tab stop).
const CANDIDATES = 'pre, .explain-tex-line, .explain-eq, .explain-hover, .explain-pre, .plot-data-body, .explain-gc-wrap';
const MARK = 'scrollFocus';
const SETTLE_MS = 300;

/** Gives every overflowing candidate under `root` a tab stop; → how many overflow. Reads every size first, then
 * writes (a write between reads would force a layout per element). */
export function updateScrollFocus(root = document) {
  const elements = [...root.querySelectorAll(CANDIDATES)];
  const scrolls = elements.map((el) => {
    if (el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1) return false;
    const style = getComputedStyle(el);
    return /(auto|scroll)/.test(`${style.overflowX} ${style.overflowY}`);
  });
  elements.forEach((el, i) => {
    if (scrolls[i] && !el.hasAttribute('tabindex')) {
      el.tabIndex = 0;
      el.dataset[MARK] = '1';
    } else if (!scrolls[i] && el.dataset[MARK]) {
      el.removeAttribute('tabindex');
      delete el.dataset[MARK];
    }
  });
  return scrolls.filter(Boolean).length;
}

/** Keeps the tab stops current: after the page's parts open, change or resize (in idle time). */
export function keepScrollersFocusable(roots) {
  let pending = false;
  const run = () => {
    pending = false;
    for (const root of roots()) if (root) updateScrollFocus(root);
  };
  // once the changes have stopped for SETTLE_MS (typesetting the equations changes the section dozens of times)
  let timer = null;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (pending) return;
      pending = true;
      if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
      else run();
    }, SETTLE_MS);
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

// A region that scrolls sideways (a wide equation, a code listing, a plot's table on a phone) must be reachable with
// the keyboard, or its hidden part can only be seen with a mouse. Such regions get tabindex="0" while they overflow
// (and lose it when they no longer do, so they add no needless tab stop).
const CANDIDATES = 'pre, .explain-tex-line, .explain-eq, .explain-hover, .explain-pre, .plot-data-body, .explain-gc-wrap';
const MARK = 'scrollFocus';

/** Gives every overflowing candidate under `root` a tab stop (and a name when it has none); → how many overflow. */
export function updateScrollFocus(root = document) {
  let count = 0;
  for (const el of root.querySelectorAll(CANDIDATES)) {
    const overflows = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
    const style = overflows ? getComputedStyle(el) : null;
    const scrolls = overflows && /(auto|scroll)/.test(`${style.overflowX} ${style.overflowY}`);
    if (scrolls) {
      count++;
      if (!el.hasAttribute('tabindex')) {
        el.tabIndex = 0;
        el.dataset[MARK] = '1';
      }
    } else if (el.dataset[MARK]) {
      el.removeAttribute('tabindex');
      delete el.dataset[MARK];
    }
  }
  return count;
}

/** Keeps the tab stops current: after the page's parts open, change or resize (in idle time). */
export function keepScrollersFocusable(roots) {
  let pending = false;
  const run = () => {
    pending = false;
    for (const root of roots()) if (root) updateScrollFocus(root);
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 300 });
    else setTimeout(run, 100);
  };
  document.addEventListener('toggle', schedule, true);
  window.addEventListener('resize', schedule);
  const observer = new MutationObserver(schedule);
  for (const root of roots()) if (root) observer.observe(root, { childList: true, subtree: true });
  schedule();
  return { schedule, run };
}

// Mounting a heavy optional part of the page (the explanations: KaTeX, lessons, lab — several hundred ms of main
// thread) at a moment the learner will not feel: when they scroll near it, or once the page has been quiet for a
// moment (the caller says when it was last busy: training, hovering). Never in the middle of a training run.

/**
 * Calls `mount` once: when `sentinel` comes within half a viewport of the screen, or when `lastBusyAt()` (a
 * performance.now() time) is at least `quietMs` in the past.
 */
export function mountWhenQuietOrNear(sentinel, { lastBusyAt, quietMs }, mount) {
  let mounted = false;
  let timer = null;
  const observer = typeof IntersectionObserver === 'function'
    ? new IntersectionObserver((entries) => { if (entries.some((entry) => entry.isIntersecting)) now(); },
      { rootMargin: '0px 0px 50% 0px' })
    : null;

  function now() {
    if (mounted) return;
    mounted = true;
    clearTimeout(timer);
    if (observer) observer.disconnect();
    mount();
  }

  function checkQuiet() {
    const quietFor = performance.now() - lastBusyAt();
    if (quietFor >= quietMs) now();
    else timer = setTimeout(checkQuiet, quietMs - quietFor);
  }

  if (observer && sentinel) observer.observe(sentinel);
  timer = setTimeout(checkQuiet, quietMs);
}

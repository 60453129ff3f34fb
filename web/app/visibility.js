// Which canvases are on screen. While training runs only those are redrawn every frame; the others are remembered
// as stale and drawn when they scroll into view or once training pauses, so a long page does not paint (and
// upload to the compositor) plots nobody can see — the difference between ~20 and 60 frames per second.

const MARGIN_PX = 100;  // canvases this close to the viewport count as on screen

/** `onStaleVisible()` is called when a stale canvas comes into view. */
export function createVisibility(onStaleVisible) {
  const onScreen = new WeakMap();
  const stale = new Set();
  const observer = typeof IntersectionObserver === 'function'
    ? new IntersectionObserver((entries) => {
      let wake = false;
      for (const entry of entries) {
        onScreen.set(entry.target, entry.isIntersecting);
        if (entry.isIntersecting && stale.has(entry.target)) wake = true;
      }
      if (wake) onStaleVisible();
    }, { rootMargin: `${MARGIN_PX}px` })
    : null;

  /** A new canvas: ask where it is now (this reads layout); the observer keeps the answer current after. */
  function locate(canvas) {
    if (!observer || onScreen.has(canvas)) return;
    const rect = canvas.getBoundingClientRect();
    onScreen.set(canvas, rect.bottom > -MARGIN_PX && rect.top < window.innerHeight + MARGIN_PX);
    observer.observe(canvas);
  }

  return {
    locate,
    /** Whether to draw `canvas` now (always when `everything`); if not, it is marked stale. */
    shouldDraw(canvas, everything) {
      if (!observer) return true;
      locate(canvas);
      // a canvas with a live copy elsewhere (an exercise goal's, goal-plots.js) is drawn as if on screen
      if (everything || onScreen.get(canvas) || canvas.dataset.mirrored) {
        stale.delete(canvas);
        return true;
      }
      stale.add(canvas);
      return false;
    },
    hasStale() { return stale.size > 0; },
    isStale(canvas) { return stale.has(canvas); },
    /** Marks `canvas` as not drawn (its turn comes later). */
    markStale(canvas) { stale.add(canvas); },
    /** Whether a canvas on screen waits to be drawn. */
    hasStaleOnScreen() { return [...stale].some((canvas) => !observer || onScreen.get(canvas)); },
    /** Forgets canvases that were removed from the page. */
    forget(canvases) {
      for (const canvas of canvases) {
        stale.delete(canvas);
        if (observer) observer.unobserve(canvas);
      }
    },
  };
}

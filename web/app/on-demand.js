// Parts of the page a first visit does not need (file import, export, the example strip, …) load by import() the
// first time the learner asks for them. While one loads the pointer says so, and a slow load says it in a notice;
// a failed load says what failed and changes nothing (the experiment and its training are as they were), and the next
// request tries again.
const SLOW_MS = 800;  // a load this long is worth a word (a fast connection takes a few ms)

let pending = 0;

/**
 * onDemand(load, what, notices) → get(): a Promise of the module `load()` imports, imported once. `what` names it in
 * the notices ("the export"). A rejected get() has already told the learner.
 */
export function onDemand(load, what, notices) {
  let loading = null;
  return function get() {
    if (loading) return loading;
    pending += 1;
    document.documentElement.dataset.loadingPart = what;  // style.css: a busy pointer
    const slow = setTimeout(() => notices.show(`Loading ${what}…`, 'loading'), SLOW_MS);
    loading = load().then((module) => {
      notices.hide('loading');
      return module;
    }, (error) => {
      loading = null;
      notices.show(`${what[0].toUpperCase()}${what.slice(1)} could not be loaded (${error && error.message || error}). `
        + 'Nothing was changed; check the connection and try again.', 'error');
      throw error;
    }).finally(() => {
      clearTimeout(slow);
      if (--pending === 0) delete document.documentElement.dataset.loadingPart;
    });
    return loading;
  };
}

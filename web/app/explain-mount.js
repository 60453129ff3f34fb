// The explanations (web/explain/: KaTeX, every equation, the lessons; a separate chunk) mounted when the page is
// quiet or the learner scrolls near them (explain-open.js, loaded then, builds the one context object they may use).
// The section's data-explain says where they stand (skipped, waiting, loading, mounted, failed), so a test or a
// curious reader can wait for it.
import { $ } from '../shared/dom.js';
import { mountWhenQuietOrNear } from './deferred-mount.js';

/**
 * The explanations wait until the page has been quiet (no training, no hovering) this long, or the learner scrolls
 * near: their few hundred ms of building (at a slow phone's speed) then never falls in the first seconds of use.
 */
const EXPLAIN_QUIET_MS = 2000;

/** Schedules the mount (never in an embed or when hidden). */
export function scheduleExplanations({ session, view, inspection, links, handle, exercises, embedded, pair, showComparison }) {
  const section = $('explain');
  const skip = section.hidden || embedded;
  section.dataset.explain = skip ? 'skipped' : 'waiting';
  if (skip) return;
  mountWhenQuietOrNear(document.querySelector('.site-footer'), {
    lastBusyAt: () => Math.max(session.lastBusyAt, inspection.lastBusyAt), quietMs: EXPLAIN_QUIET_MS,
  }, () => {
    section.dataset.explain = 'loading';
    import('./explain-open.js').then((m) => m.openExplanations(section, { session, view, inspection, links, handle, exercises, pair, showComparison }))
      .catch((error) => {
        section.dataset.explain = 'failed';
        console.warn('the explanations could not be loaded', error);
      });
  });
}

// Every plot's text alternative: a summary a screen reader reads with the canvas (aria-describedby), and a
// disclosure under it that renders the plot's numbers as HTML tables when opened. Both come from the hit-tester's
// describe() (web/app/render/describe.js). Summaries are refreshed in idle time, at most once a second while
// training plays, and at once when the plot takes the focus; an open table follows its plot the same way.
import { h, replaceChildren } from '../shared/dom.js';

const REFRESH_EVERY_MS = 1000;
const SLICE_MS = 8;

/** Adds the summary and the table disclosure after `canvas` (call once per canvas, when it is built). */
export function addTextAlternative(canvas) {
  const summaryId = `${canvas.id || `plot-${canvas.dataset.kind}-${canvas.dataset.layer}`}-summary`;
  if (!canvas.id) canvas.id = summaryId.replace(/-summary$/, '');
  const summary = h('p', { id: summaryId, class: 'visually-hidden plot-summary' });
  const details = h('details', { class: 'plot-data', dataset: { plot: canvas.id } },
    h('summary', {}, 'Numbers as a table'), h('div', { class: 'plot-data-body' }));
  canvas.setAttribute('aria-describedby', summaryId);
  canvas.after(summary, details);
}

/** plots() → the view's hit-testers by key; keyOf(canvas) → its key. → { refresh(canvas?), schedule() } */
export function createPlotText({ plots, canvases }) {
  let lastRefresh = -Infinity;
  let pending = false;

  const keyOf = (canvas) => (canvas.dataset.kind ? `${canvas.dataset.kind}-${canvas.dataset.layer}` : canvas.id.replace(/^canvas-/, ''));
  const partsOf = (canvas) => ({
    summary: document.getElementById(canvas.getAttribute('aria-describedby')),
    details: canvas.parentElement && canvas.parentElement.querySelector(`details.plot-data[data-plot="${canvas.id}"]`),
  });

  function refresh(canvas) {
    const plot = plots()[keyOf(canvas)];
    if (!plot || typeof plot.describe !== 'function') return;
    const { summary, details } = partsOf(canvas);
    // a plot an exercise hides (exercise-runtime.js asks web/shared/exercise/hidden.js) keeps its numbers to itself
    const hidden = canvas.classList.contains('exercise-hidden');
    if (details) details.hidden = hidden;
    if (hidden) {
      if (summary) summary.textContent = 'This plot is hidden during the exercise: it would show an answer.';
      if (details) { details.open = false; details.querySelector('.plot-data-body')?.replaceChildren(); }
      return;
    }
    let described;
    try { described = plot.describe(); } catch { return; }
    if (summary && summary.textContent !== described.summary) summary.textContent = described.summary;
    if (details && details.open) renderTables(details.querySelector('.plot-data-body'), described.tables());
  }

  function refreshAll() {
    pending = false;
    lastRefresh = performance.now();
    for (const canvas of canvases()) refresh(canvas);
  }

  /**
   * Refreshes every plot in idle time, a few per idle period (describing a long network's plots at once is a long
   * task on a slow phone): at most SLICE_MS each, at least one plot per period.
   */
  let passes = 0;
  function refreshInSlices(deadline) {
    pending = false;  // a redraw from now on asks for a new pass, which takes over from this one
    lastRefresh = performance.now();
    const queue = [...canvases()];
    const pass = ++passes;
    const slice = (idle) => {
      if (pass !== passes) return;
      const started = performance.now();
      while (queue.length) {
        refresh(queue.shift());
        if (performance.now() - started >= SLICE_MS || idle.timeRemaining() <= 0) break;
      }
      if (queue.length) requestIdleCallback(slice, { timeout: 500 });
    };
    slice(deadline);
  }

  /** After a redraw: refresh in idle time, not more than once per REFRESH_EVERY_MS. */
  function schedule() {
    if (pending) return;
    pending = true;
    const wait = Math.max(0, lastRefresh + REFRESH_EVERY_MS - performance.now());
    setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(refreshInSlices, { timeout: 500 });
      else refreshAll();
    }, wait);
  }

  // focus (a screen reader is about to read the summary) and opening a table refresh that plot at once
  document.addEventListener('focusin', (event) => {
    if (event.target instanceof HTMLCanvasElement && event.target.hasAttribute('aria-describedby')) refresh(event.target);
  });
  document.addEventListener('toggle', (event) => {
    const details = event.target;
    if (!(details instanceof HTMLDetailsElement) || !details.classList.contains('plot-data') || !details.open) return;
    const canvas = document.getElementById(details.dataset.plot);
    if (canvas) refresh(canvas);
  }, true);

  return { refresh, refreshAll, schedule };
}

/** Tables of numbers, built element by element (never innerHTML). */
function renderTables(body, tables) {
  replaceChildren(body, tables.map((table) => [
    h('table', {},
      h('caption', {}, table.caption),
      h('thead', {}, h('tr', {}, table.columns.map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, table.rows.map((row) => h('tr', {}, row.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell))))))),
    table.note ? h('p', { class: 'plot-data-note' }, `Shown: ${table.note}.`) : null,
  ]));
}

// The page's side of a comparison (compare/pair.js), wired once at start-up and small on purpose: B's events stop
// Play, write the link and say what went wrong as A's do; the "Compare with…" button; and the comparison's view,
// loaded on first use (view.js), which points the page's controls at A or B. → showComparison(): a promise settled
// once the view shows the comparison (at once when there is none).
import { $ } from '../../shared/dom.js';
import { formatNumber } from '../../shared/format.js';
import { showSessionNotices } from '../notices.js';
import { onDemand } from '../on-demand.js';

/**
 * context: { pair, scheduler, view, links, controls, datasetPanel, notices, handle, embedOptions, applyEmbedRules(),
 * writesLink() (false while the page starts: its link is the one it opened) }.
 */
export function wireComparison(context) {
  const { pair, scheduler, links, controls, datasetPanel, notices } = context;
  const viewCode = onDemand(() => import('./view.js'), 'the comparison view', notices);
  let view = null;
  /** The controls (the network and signals form, η, the data-set panel) show and edit `side`'s experiment. */
  function edit(side) {
    pair.edit(side);
    controls.render(pair.editing.experiment);
    datasetPanel.render(pair.editing.experiment);
    context.applyEmbedRules();
  }
  const sideB = { show: (text, kind) => notices.show(`Experiment B: ${text}`, kind), hide: notices.hide };
  pair.onSession((b) => {
    showSessionNotices(b, sideB, formatNumber);
    b.on('model', ({ cause }) => { if (cause !== 'edit') scheduler.setPlaying(false); });
    for (const type of ['diverged', 'limit']) b.on(type, () => scheduler.setPlaying(false));
    b.on('replay', scheduler.requestFrame);
    b.on('weights', scheduler.requestRedraw);
    links.follow(b);
  });
  pair.onChange((b) => {
    if (!b) {
      view?.hide();
      edit('a');
    }
    $('compare').textContent = b ? 'End comparison' : 'Compare with…';
    $('compare').setAttribute('aria-pressed', String(Boolean(b)));
    scheduler.requestRedraw();
    if (context.writesLink()) links.writeNow();
  });
  const showComparison = () => (pair.comparing ? viewCode().then((m) => {
    view ??= m.createComparisonView({ ...context, edit });
    if (pair.comparing) view.show();
  }) : Promise.resolve());
  // "Compare with…": B starts as a copy of A, and the controls edit B (the learner changes what is to be compared)
  $('compare').addEventListener('click', () => {
    scheduler.setPlaying(false);
    if (pair.comparing) { pair.end(); return; }
    pair.start(pair.a.fragment());
    showComparison().then(() => view.edit('b'), () => pair.end());
  });
  return showComparison;
}

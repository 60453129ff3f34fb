// The explanations' context (the one object web/explain/ may use) and their mount: loaded by explain-mount.js when
// the page is quiet or the learner scrolls near them, so a first visit's start-up does not carry it.
import { cloneExperiment, normalizeExperiment, serializeExperiment } from '../shared/experiment.js';
import { joinComparison } from './compare/pair.js';
import { palette } from '../shared/palette.js';
import { $ } from '../shared/dom.js';
import { nextTask } from '../shared/yield.js';

/** Builds the context from the page's parts and mounts web/explain/ into `section`. */
export function openExplanations(section, { session, view, inspection, links, handle, exercises, pair, showComparison }) {
  mount(section, {
    cp: session.cp,
    // while two experiments are compared, the explanations explain the side the pointer was last on (pair.shown)
    model: () => pair.shown.model,
    experiment: () => cloneExperiment(pair.shown.experiment),
    setExperiment: (experiment) => session.load(experiment, { source: 'experiment' }),
    linkFor: (experiment) => links.linkFor(normalizeExperiment(experiment).experiment),
    on(type, fn) {
      pair.on(type, (detail, side) => { if (side === pair.shown) fn(detail); });
      // the other side coming into view is a new model for them
      if (type === 'model') pair.onFocus(() => fn({ model: pair.shown.model, experiment: pair.shown.experiment, cause: 'focus' }));
    },
    onUpdate: view.onRedraw,
    onHover(fn) { inspection.onHover(fn); pair.onHover(fn); },
    palette,
    redraw: () => view.redraw(),
    step: (n) => handle.step(n),
    // how this experiment's loss, C and update read (web/shared/training-display.js), the example the views show,
    // and the record of the last step (θ before and after, the batch's gradient at θ before)
    display: () => session.display(),
    shownExample: () => session.shownExample,
    lastStep: () => session.lastStep,
    // A lesson as an exercise: its experiment, then its goals in the exercise panel (the page's controls stay free).
    async tryExercise(experiment, exercise) {
      session.load(experiment, { source: 'experiment' });
      await exercises.setExercise(exercise, { applyLocks: false });
      $('exercise-panel').scrollIntoView({ block: 'start', behavior: 'smooth' });
      $('exercise-title')?.setAttribute('tabindex', '-1');
      $('exercise-title')?.focus({ preventScroll: true });
    },
    showPlots: () => $('panels').scrollIntoView({ block: 'start' }),
    // lessons that open as two experiments side by side: open(a, b) shows them (A the page's, B beside it), link(a, b)
    // is their link
    compare: {
      open(a, b) {
        const ok = session.load(a, { source: 'experiment' });
        pair.start(b);
        showComparison().catch(() => {});  // a failed load of the view has said so; A is open either way
        return ok;
      },
      link: (a, b) => joinComparison(links.linkFor(normalizeExperiment(a).experiment), serializeExperiment(normalizeExperiment(b).experiment)),
    },
  });
}

function mount(section, context) {
  section.dataset.explain = 'loading';
  // the chunk is evaluated in one task and mounted in the next (two shorter tasks, not one long one)
  import('../explain/index.js').then(async (m) => {
    await nextTask();
    m.mountExplain(section, context);
    section.dataset.explain = 'mounted';
  }).catch((error) => {
    section.dataset.explain = 'failed';
    console.warn('the explanations could not be loaded', error);
  });
}

// The composition root: loads the library, builds the session (web/shared/session.js: the experiment, its model and
// its training, no DOM), and wires the parts of the page to it, each in its own file: the scheduler (training in
// animation frames), the view (plots), inspection (hover, keys, tooltip), freehand drawing, the link, the controls,
// notices, the public handle with its postMessage twin, and the explanations, mounted lazily.
import { loadConvPool } from '../convpool.js';
import { createSession } from '../shared/session.js';
import { formatNumber } from '../shared/format.js';
import { followColorScheme, onThemeChange } from '../shared/palette.js';
import { $ } from '../shared/dom.js';
import { createNotices, showSessionNotices } from './notices.js';
import { createScheduler } from './scheduler.js';
import { createView } from './view.js';
import { createInspection } from './inspect.js';
import { setupDrawing } from './drawing.js';
import { createLinks } from './url.js';
import { createControls } from './controls.js';
import { publishHandle } from './api.js';
import * as embed from './embed.js';
import { onDemand } from './on-demand.js';
import { createPageExercises, hasExercise, readLaunch, wireExerciseEditor } from './exercise-page.js';
import { makeCollapsible } from './collapsible.js';
import { hideWelcome, showWelcome, watchLearningRate } from './hints.js';
import { applyTaskLabels } from './task-labels.js';
import { reservePlotSpace } from './panels.js';
import { scheduleExplanations } from './explain-mount.js';
import { createPlotText } from './plot-text.js';
import { keepScrollersFocusable } from './scroll-focus.js';
import { nextTask } from '../shared/yield.js';
import { createPair, splitComparison } from './compare/pair.js';
import { wireComparison } from './compare/wiring.js';

/** A click on ×10/×100 runs at once when it costs less than this (work units); otherwise it trains across frames. */
const SYNC_STEP_WORK = 5e7;

// A SCORM package's launch page carries its experiment, exercise and embed options in a <meta> (exercise-page.js).
const launch = readLaunch(document);
const embedOptions = embed.parseEmbedOptions(launch ? launch.search : location.search);
// the first steps are in the page from its first paint; a page opened with a link or embedded drops them now
if (launch || embedOptions.embed || (location.hash && location.hash !== '#')) hideWelcome();
const notices = createNotices();
const stripCode = onDemand(() => import('./example-strip.js'), 'the example strip', notices);
const exporter = onDemand(() => import('./export.js'), 'the export and import of experiments', notices);
const codeExport = onDemand(() => import('./code-export-menu.js'), 'the code export', notices);
let session = null;
let view = null;
let scheduler = null;
let exercises = null;
let pair = null;  // A (the session) and, while comparing, B (compare/pair.js)
let showComparison = () => Promise.reject(new Error('convpool is still loading'));
const { handle, resolveReady, rejectReady } = publishHandle(() => session, {
  redraw: () => view.redraw(), stop: () => scheduler.setPlaying(false), notice: notices.show, exercises: () => exercises,
  pair: () => pair, comparisonShown: () => showComparison(),
});

// Start-up runs in parts of a few ms each (at a slow phone's speed, none near 50 ms), each in its own task with a
// performance mark after it ('convpool:…', which bench/startup_bench.mjs names its long tasks by): the WASM's
// download and compilation first (they go on off the main thread), the page's own rules and the plots' space, the
// session, the wiring, the model, the first drawing, then `ready`; the explanations later, in idle time.
async function start() {
  performance.mark('convpool:start');
  let startingUp = true;  // the first load: its form is rendered in its own task after the first drawing; its link is the one opened
  await nextTask();  // the module graph was evaluated (and much of it compiled) in the task that started us
  // the WASM is on its way already (index.html preloads it); compiling the Emscripten loader is a part of its own
  const library = loadConvPool();
  performance.mark('convpool:loader');
  await nextTask();
  embed.applyEmbedRules(embedOptions);
  makeCollapsible(document.querySelector('[data-control="network"]'), 'network');
  makeCollapsible(document.querySelector('[data-control="signals"]'), 'signals');
  followColorScheme();
  performance.mark('convpool:rules');
  await nextTask();
  await reservePlotSpace(location.hash);  // the panels on screen first, at their drawn heights
  performance.mark('convpool:panels');
  const cp = await library;
  performance.mark('convpool:wasm');
  await nextTask();  // instantiating the WASM (its bindings' registration) was a task of its own
  session = createSession(cp);
  pair = createPair(session);
  showSessionNotices(session, notices, formatNumber);
  watchLearningRate(session, notices);
  scheduler = createScheduler(session, {
    trainer: () => pair.trainer,
    draw: () => view.redraw(),
    onError: (error) => notices.show(`Something went wrong while training or drawing: ${error && error.message || error}. Training was paused.`, 'error'),
  });
  let inspection = null;
  let heldRange = () => null;  // a drawing stroke's scale (drawing.js, wired below)
  view = createView(session, {
    hover: () => inspection.hover, requestRedraw: scheduler.requestRedraw, onPanels: (canvases) => inspection.wireLayers(canvases),
    notice: notices.show, heldRange: (key) => heldRange(key),
  });
  const withExercise = Boolean(launch) || hasExercise(location.hash);
  exercises = createPageExercises(session, { embedOptions, applyEmbedRules: embed.applyEmbedRules, notices, scorm: withExercise });
  // the link holds A (with its exercise) and, while comparing, B beside it (vs=); opening one without B ends a comparison
  const openLink = (fragment, options) => {
    const { main, comparison } = splitComparison(fragment);
    const opened = exercises.open(main, options);
    if (comparison !== null) {
      pair.start(comparison);
      opened.comparison = showComparison().catch(() => {});
    } else pair.end();
    return opened;
  };
  const links = createLinks(session, {
    embedOptions, fragment: () => pair.fragment(exercises.state()), open: openLink, busy: () => pair.trainer.pendingSteps > 0,
  });
  // the exercise arrives after its experiment (it is verified first): the link in the address bar follows it, so a
  // reload opens the exercise again (and its answers, kept in local storage)
  exercises.onResult(() => links.writeNow());
  const controls = createControls({
    onNetwork(network) {
      // an edit that builds a new model stops playing (the session's 'model' event); one that changes nothing does not
      return pair.editing.edit((e) => {
        e.network = network;
        e.input = Array.from({ length: network.inputChannels }, (_, c) => e.input[c] || { preset: 'sine', cycles: 3, seed: 1 + c });
      });
    },
    /** The core's refusal of a network as { rule, layer, field }, or null (nothing adopted: the model is built and freed). */
    check(network) {
      try {
        session.cp.createModel(network).delete();
        return null;
      } catch (error) {
        return { rule: error.message, layer: error.layer ?? null, field: error.field ?? null };
      }
    },
    onSignals({ input, target }) {
      scheduler.setPlaying(false);
      const result = pair.editing.edit((e) => { if (input) e.input = input; if (target) e.target = target; });
      if (result.ok) controls.render(pair.editing.experiment);
      else notices.show(result.message, 'warning');
    },
    onLearningRate: (learningRate) => pair.editing.setSettings({ learningRate }),
    onStepsPerFrame: (stepsPerFrame) => { for (const side of pair.sessions()) side.setSettings({ stepsPerFrame }); },
    onStep(n) {
      // a click must not freeze the page: expensive steps train across animation frames (like a link's replay);
      // while comparing, both sides (the trainer) take them
      const trainer = pair.trainer;
      if (trainer.pendingSteps > 0 || n * trainer.stepWork() > SYNC_STEP_WORK) {
        trainer.queue(n);
        scheduler.requestFrame();
      } else handle.step(n);
    },
    onPlay: () => scheduler.setPlaying(!scheduler.playing),  // during a replay, play starts when it ends (no freeze)
    onReset: () => handle.reset(),
    onShare: links.share,
    // while comparing, files and code are of the side the controls edit (its button says which), as the controls are
    onExport: (kind) => exporter().then((m) => m.exportAs(kind, pair.editing, $('panels')), () => {}),
    onImport: (file) => exporter().then((m) => m.importExperiment(file, pair.editing, notices.show), () => {}),
  });
  performance.mark('convpool:controls');
  await nextTask();
  scheduler.onPlaying((playing) => { controls.setPlaying(playing); if (!playing && !startingUp) links.writeNow(); });
  const drawingState = setupDrawing(session, {
    plots: () => view.plots,
    edit: (change) => { scheduler.setPlaying(false); session.edit(change); view.redraw(); },
    afterStroke: () => { controls.render(session.experiment); view.redraw(); },  // the plot takes its own scale again
  });
  heldRange = drawingState.heldRange;
  inspection = createInspection(session, { plots: () => view.plots, isDrawing: drawingState.isDrawing, requestRedraw: scheduler.requestRedraw });
  view.onRedraw(inspection.refreshTooltip);
  const plotText = createPlotText({ plots: () => view.plots, canvases: () => document.querySelectorAll('.panel canvas[aria-describedby]') });
  view.onRedraw(plotText.schedule);
  session.on('hidden', () => view.redraw(true));  // an exercise hides values (or stops): every plot and its text follow
  onThemeChange(() => view.redraw(true));
  keepScrollersFocusable(() => [$('explain'), $('panels')]);
  controls.onRender(() => embed.applyEmbedRules(embedOptions));
  // Export → PyTorch / NumPy code: the menu (code-export-menu.js) loads with the first click
  let codeMenu = null;
  for (const kind of ['pytorch', 'numpy']) {
    $(`export-${kind}`)?.addEventListener('click', () => codeExport().then((m) => {
      codeMenu ??= m.setupCodeExport(() => pair.editing, {
        container: $('code-export'), notice: notices.show,
        side: () => (pair.comparing ? (pair.editing === pair.b ? 'B' : 'A') : null),
      });
      return codeMenu.show(kind);
    }, () => {}));
  }
  performance.mark('convpool:inspection');
  await nextTask();
  session.on('model', ({ cause }) => { if (cause === 'load' && !startingUp && pair.editing === session) controls.render(session.experiment); });
  // The data-set panel (dataset-panel.js) is below the first screen everywhere: its code loads in idle time after
  // ready (its group keeps its legend meanwhile), then shows the experiment of the moment (the side being edited).
  let datasetPanel = null;
  const loadDatasetPanel = () => import('./dataset-panel.js').then((m) => {
    datasetPanel = m.createDatasetPanel($('dataset-panel'), {
      edit(change) {
        scheduler.setPlaying(false);
        const result = pair.editing.edit(change);
        // the panel may change the network too (a classifier for a classification data set): the editor follows
        if (result.ok) controls.render(pair.editing.experiment);
        return result;
      },
      experiment: () => pair.editing.experiment,
      model: () => pair.editing.model,
      cp: session.cp,
      notices,
    });
    datasetPanel.render(pair.editing.experiment);
    embed.applyEmbedRules(embedOptions);
    $('dataset-panel').dataset.ready = 'true';
  }, (error) => notices.show(`The data-set panel could not be loaded (${error && error.message || error}); reload to try again.`, 'error'));
  session.on('model', () => { if (pair.editing === session) datasetPanel?.render(session.experiment); embed.applyEmbedRules(embedOptions); });
  session.on('model', () => applyTaskLabels(session.experiment));
  // The example strip (example-strip.js) loads with the first data set: without one it stays hidden, as in index.html.
  let strip = null;
  let stripFailed = false;  // a failed load is tried again with the next model, not at every redraw
  session.on('model', () => { stripFailed = false; });
  view.onRedraw(() => {
    if (strip) { strip.redraw(); return; }
    if (stripFailed || !session.experiment.dataset || embedOptions.hide.has('examples')) return;
    stripCode().then((m) => {
      strip ??= m.createExampleStrip($('example-strip'), session, {
        onSelect: (index, validation) => { session.showExample(index, validation); view.redraw(); },
        hiddenByEmbed: embedOptions.hide.has('examples'),
      });
      strip.redraw();
    }, () => { stripFailed = true; });
  });

  showComparison = wireComparison({
    pair, scheduler, view, links, controls, notices, handle, embedOptions,
    datasetPanel: { render: (experiment) => datasetPanel?.render(experiment) },  // loaded in idle time
    applyEmbedRules: () => embed.applyEmbedRules(embedOptions), writesLink: () => !startingUp,
  });

  const replayed = new Promise((resolve) => session.on('idle', resolve));
  performance.mark('convpool:wired');
  await nextTask();
  // A page that opens with an exercise loads the exercise code now (a first visit without one never does).
  if (withExercise) await exercises.load().catch(() => {});  // a failed load is said when the exercise is opened
  // In an LMS the last visit's state (suspend data) comes first, then the launch page's, then the link's.
  const resumed = exercises.startScorm();
  const firstVisit = !resumed && !launch && (!location.hash || location.hash === '#');
  scheduler.holdDrawing();  // the first model's drawing is the start-up's own, in parts (below)
  const opened = openLink(resumed ?? (launch ? launch.fragment : location.hash), { inParts: true });
  await opened.ok;
  if (session.pendingSteps > 0) scheduler.releaseDrawing();  // a link's recorded steps replay in frames, drawn as they go
  if (firstVisit && !embedOptions.embed) showWelcome(session); else hideWelcome();
  performance.mark('convpool:model');
  await nextTask();
  if (embedOptions.embed) embed.reportHeight();
  if (session.pendingSteps > 0) await replayed;
  await opened.comparison;  // a link with B beside A: its view is part of the first drawing
  await view.prepare();  // a classifier's plots (their code loads with the first network that has them)
  scheduler.forgetRedraws();  // the new model's redraw is this one
  await view.redrawInParts();  // what is on screen, a few canvases per task
  scheduler.releaseDrawing();
  performance.mark('convpool:drawn');
  await opened.exercise;
  if (!embedOptions.embed) wireExerciseEditor({ session, exercises, inspection, links }, notices);
  await nextTask();
  const shown = session.experiment;
  await controls.renderInParts(shown);  // the network editor's layer cards in a task of their own
  startingUp = false;
  if (session.experiment !== shown) controls.render(session.experiment);
  resolveReady();
  // the overview (near the top) first; the data-set panel (below the first screen) after the next frame, so the
  // browser lays each out in a frame of its own
  showOverview(session, notices).then(afterNextFrame).then(() => whenIdle(loadDatasetPanel));
  scheduleExplanations({ session, view, inspection, links, handle, exercises, embedded: embedOptions.embed, pair, showComparison });
}

/** Runs fn in idle time (within 2 s at the latest). */
function whenIdle(fn) {
  if (window.requestIdleCallback) requestIdleCallback(fn, { timeout: 2000 }); else setTimeout(fn, 0);
}

/** Resolves in a task after the next frame has been rendered (or in a second, in a hidden tab, which renders none). */
function afterNextFrame() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 1000);
  });
}

/** Brings the element of `id` into view and focuses it (or the element `focus` selects in it). */
function jumpTo(id, focus) {
  const target = $(id);
  target.scrollIntoView({ block: 'start' });
  (document.querySelector(focus) || target).focus({ preventScroll: true });
}

/**
 * The network at a glance (overview.js), loaded in idle time: its box in index.html keeps its place meanwhile.
 * → a Promise that settles once it is shown (or its failure said).
 */
function showOverview(current, shown) {
  return new Promise((resolve) => whenIdle(resolve))
    .then(() => import('./overview.js'))
    .then((m) => { m.createOverview($('overview'), current, { jump: jumpTo }); })
    .catch((error) => shown.show(`The network overview could not be loaded (${error && error.message || error}).`, 'error'));
}

// Beside each goal of an exercise, a live copy of its plot (goal-plots.js, loaded with the first exercise panel).
$('exercise-panel').addEventListener('exercise-goals', (event) => {
  import('./goal-plots.js').then((m) => m.showGoalPlots(event.detail, { onRedraw: view.onRedraw, jump: jumpTo, requestRedraw: () => view.redraw(true) }),
    (error) => notices.show(`The copies of the exercise's plots could not be loaded (${error && error.message || error}).`, 'error'));
});

start().catch((error) => {
  scheduler?.releaseDrawing();
  notices.show(`The playground could not start: ${error && error.message || error}`, 'error');
  rejectReady(error);
});

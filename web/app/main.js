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
import { setupCodeExport } from './code-export-menu.js';
import { createDatasetPanel } from './dataset-panel.js';
import { createPageExercises, hasExercise, readLaunch, wireExerciseEditor } from './exercise-page.js';
import { makeCollapsible } from './collapsible.js';
import { showWelcome, watchLearningRate } from './hints.js';
import { applyTaskLabels } from './task-labels.js';
import { reservePlotSpace } from './panels.js';
import { scheduleExplanations } from './explain-mount.js';
import { createPlotText } from './plot-text.js';
import { keepScrollersFocusable } from './scroll-focus.js';
import { nextTask } from '../shared/yield.js';

/** A click on ×10/×100 runs at once when it costs less than this (work units); otherwise it trains across frames. */
const SYNC_STEP_WORK = 5e7;

// A SCORM package's launch page carries its experiment, exercise and embed options in a <meta> (exercise-page.js).
const launch = readLaunch(document);
const embedOptions = embed.parseEmbedOptions(launch ? launch.search : location.search);
const notices = createNotices();
const stripCode = onDemand(() => import('./example-strip.js'), 'the example strip', notices);
const exporter = onDemand(() => import('./export.js'), 'the export and import of experiments', notices);
let session = null;
let view = null;
let scheduler = null;
let exercises = null;
const { handle, resolveReady, rejectReady } = publishHandle(() => session, {
  redraw: () => view.redraw(), stop: () => scheduler.setPlaying(false), notice: notices.show, exercises: () => exercises,
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
  showSessionNotices(session, notices, formatNumber);
  watchLearningRate(session, notices);
  scheduler = createScheduler(session, {
    draw: () => view.redraw(),
    onError: (error) => notices.show(`Something went wrong while training or drawing: ${error && error.message || error}. Training was paused.`, 'error'),
  });
  let inspection = null;
  view = createView(session, {
    hover: () => inspection.hover, requestRedraw: scheduler.requestRedraw, onPanels: (canvases) => inspection.wireLayers(canvases),
    notice: notices.show,
  });
  const withExercise = Boolean(launch) || hasExercise(location.hash);
  exercises = createPageExercises(session, { embedOptions, applyEmbedRules: embed.applyEmbedRules, notices, scorm: withExercise });
  const links = createLinks(session, { embedOptions, fragment: () => exercises.state(), open: (f) => exercises.open(f) });
  const controls = createControls({
    onNetwork(network) {
      // an edit that builds a new model stops playing (the session's 'model' event); one that changes nothing does not
      return session.edit((e) => {
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
      const result = session.edit((e) => { if (input) e.input = input; if (target) e.target = target; });
      if (result.ok) controls.render(session.experiment);
      else notices.show(result.message, 'warning');
    },
    onLearningRate: (learningRate) => session.setSettings({ learningRate }),
    onStepsPerFrame: (stepsPerFrame) => session.setSettings({ stepsPerFrame }),
    onStep(n) {
      // a click must not freeze the page: expensive steps train across animation frames (like a link's replay)
      if (session.pendingSteps > 0 || n * session.stepWork() > SYNC_STEP_WORK) {
        session.queue(n);
        scheduler.requestFrame();
      } else handle.step(n);
    },
    onPlay: () => scheduler.setPlaying(!scheduler.playing),  // during a replay, play starts when it ends (no freeze)
    onReset: () => handle.reset(),
    onShare: links.share,
    onExport: (kind) => exporter().then((m) => m.exportAs(kind, session, $('panels')), () => {}),
    onImport: (file) => exporter().then((m) => m.importExperiment(file, session, notices.show), () => {}),
  });
  performance.mark('convpool:controls');
  await nextTask();
  scheduler.onPlaying((playing) => { controls.setPlaying(playing); if (!playing && !startingUp) links.writeNow(); });
  const isDrawing = setupDrawing(session, {
    plots: () => view.plots,
    edit: (change) => { scheduler.setPlaying(false); session.edit(change); view.redraw(); },
    afterStroke: () => controls.render(session.experiment),
  });
  inspection = createInspection(session, { plots: () => view.plots, isDrawing, requestRedraw: scheduler.requestRedraw });
  view.onRedraw(inspection.refreshTooltip);
  const plotText = createPlotText({ plots: () => view.plots, canvases: () => document.querySelectorAll('.panel canvas[aria-describedby]') });
  view.onRedraw(plotText.schedule);
  onThemeChange(() => view.redraw(true));
  keepScrollersFocusable(() => [$('explain'), $('panels')]);
  controls.onRender(() => embed.applyEmbedRules(embedOptions));
  setupCodeExport(session, { container: $('code-export'), notice: notices.show });
  performance.mark('convpool:inspection');
  await nextTask();
  session.on('model', ({ cause }) => { if (cause === 'load' && !startingUp) controls.render(session.experiment); });
  const datasetPanel = createDatasetPanel($('dataset-panel'), {
    edit(change) {
      scheduler.setPlaying(false);
      const result = session.edit(change);
      // the panel may change the network too (a classifier for a classification data set): the editor follows
      if (result.ok) controls.render(session.experiment);
      return result;
    },
    experiment: () => session.experiment,
    model: () => session.model,
    cp: session.cp,
    notices,
  });
  session.on('model', () => { datasetPanel.render(session.experiment); embed.applyEmbedRules(embedOptions); });
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

  const replayed = new Promise((resolve) => session.on('idle', resolve));
  performance.mark('convpool:wired');
  await nextTask();
  // A page that opens with an exercise loads the exercise code now (a first visit without one never does).
  if (withExercise) await exercises.load().catch(() => {});  // a failed load is said when the exercise is opened
  // In an LMS the last visit's state (suspend data) comes first, then the launch page's, then the link's.
  const resumed = exercises.startScorm();
  const firstVisit = !resumed && !launch && (!location.hash || location.hash === '#');
  scheduler.holdDrawing();  // the first model's drawing is the start-up's own, in parts (below)
  const opened = exercises.open(resumed ?? (launch ? launch.fragment : location.hash), { inParts: true });
  await opened.ok;
  if (session.pendingSteps > 0) scheduler.releaseDrawing();  // a link's recorded steps replay in frames, drawn as they go
  if (firstVisit && !embedOptions.embed) showWelcome(session, notices);
  performance.mark('convpool:model');
  await nextTask();
  if (embedOptions.embed) embed.reportHeight();
  if (session.pendingSteps > 0) await replayed;
  await view.prepare();  // a classifier's plots (their code loads with the first network that has them)
  scheduler.forgetRedraws();  // the new model's redraw is this one
  await view.redrawInParts();  // what is on screen, a few canvases per task
  scheduler.releaseDrawing();
  performance.mark('convpool:drawn');
  await opened.exercise;
  if (!embedOptions.embed) wireExerciseEditor({ session, exercises, inspection, links }, notices);
  await nextTask();
  startingUp = false;
  controls.render(session.experiment);
  resolveReady();
  scheduleExplanations({ session, view, inspection, links, handle, exercises, embedded: embedOptions.embed });
}

start().catch((error) => {
  scheduler?.releaseDrawing();
  notices.show(`The playground could not start: ${error && error.message || error}`, 'error');
  rejectReady(error);
});

// The orchestrator: builds the model from the experiment, trains it in requestAnimationFrame chunks under a time
// budget (the page never blocks), redraws every panel from the model's zero-copy views, keeps the URL fragment in
// sync, and exposes window.convpoolPlayground (contract.md §5) plus its postMessage twin.
import { loadConvPool } from '../convpool.js';
import {
  LIMITS, defaultExperiment, cloneExperiment, normalizeExperiment, parseFragment, serializeExperiment, quantizeDrawn,
} from './state.js';
import { inputSignal, targetSignal } from './signals.js';
import { palette } from './palette.js';
import { createControls } from './controls.js';
import { buildLayerPanels } from './panels.js';
import { layerPlots } from './render/layers.js';
import { drawTracks } from './render/tracks.js';
import { drawKernel, placeHiddenKernel } from './render/kernel.js';
import { drawLoss } from './render/loss.js';
import { canvasCssWidth, formatNumber } from './render/canvas.js';
import { describeHover, showTooltip } from './tooltip.js';
import { attachDrawing } from './draw.js';
import * as embed from './embed.js';
import * as exporter from './export.js';
import { createVisibility } from './visibility.js';
import { mountWhenQuietOrNear } from './deferred-mount.js';

const $ = (id) => document.getElementById(id);
const FRAME_BUDGET_MS = 12;
const REPLAY_BUDGET_MS = 30;
const MAX_HISTORY = 4000;
/**
 * Work units (≈ multiply-adds; ≈ 1 ns each in Chromium's WASM) that one link may replay: about half a minute. The
 * default network replays the documented 1,000,000 steps well within it; a link asking for more (a big network
 * times many steps) loads at step 0 with a notice instead of freezing the page for hours. A count, not a timing,
 * so a link is replayed (or not) the same way on every device.
 */
const REPLAY_WORK_LIMIT = 3e10;
/** A click on ×10/×100 runs at once when it costs less than this (work units); otherwise it trains across frames. */
const SYNC_STEP_WORK = 5e7;
/** One postMessage 'step' may ask for at most this much work (≈ 10 s), so a message cannot freeze the page. */
const MESSAGE_STEP_WORK = 1e10;
const NS_PER_WORK = 2;  // a conservative first guess of the speed, replaced by measurements as training runs

const app = {
  cp: null,
  experiment: null,
  model: null,
  history: [],          // [{ step, loss }] loss at the weights after `step` steps
  playing: false,
  replay: null,         // [[steps, η], …] still to replay from a link
  hover: null,          // { panel, layer, track, channel, index }
  plots: {},            // hit-testers of the drawn canvases, by key
  layerCanvases: [],
  layoutKey: '',
  msPerStep: 0.02,
  drawing: { input: false, target: false },
  frameRequested: false,
  redrawRequested: false,
  updateListeners: [],
  hoverListeners: [],
  embedOptions: embed.parseEmbedOptions(location.search),
  writtenHash: null,
  replayWaiters: [],
  replayDiverged: false,
  lastBusyAt: 0,        // performance.now() of the last training call or hover: the explanations wait for a quiet moment
};

let resolveReady;
let rejectReady;
const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });

function requireLoaded() {
  if (!app.model) throw new Error('convpool is still loading; await convpoolPlayground.ready first');
}

/** contract.md §5 */
window.convpoolPlayground = Object.freeze({
  ready,
  step(n = 1) {
    requireLoaded();
    flushReplay();
    const steps = Number(n);
    if (!Number.isInteger(steps) || steps < 1) throw new Error(`step(n): n ${String(n)} must be a whole number ≥ 1`);
    const room = LIMITS.maxSteps - app.experiment.steps;
    const loss = trainSteps(Math.min(steps, Math.max(0, room)), app.experiment.learningRate);
    redrawNow();
    scheduleHashWrite();
    return loss;
  },
  loss() { requireLoaded(); flushReplay(); return app.model.loss(); },
  stepCount() { requireLoaded(); flushReplay(); return app.model.stepCount(); },
  getState() { requireLoaded(); flushReplay(); return serializeExperiment(app.experiment); },
  setState(fragment) {
    requireLoaded();
    if (typeof fragment !== 'string') {
      showNotice('setState needs the text of a link fragment; nothing was changed.', 'warning');
      return false;
    }
    app.replayDiverged = false;
    const ok = loadFragment(fragment);
    flushReplay();
    return ok && !app.replayDiverged;  // a crafted link whose recorded steps diverge is not reproduced exactly
  },
  reset() { requireLoaded(); resetTraining(); },
  /**
   * Measuring hooks for tests and the curious (not part of contract.md §5): WASM allocator bytes in use, the WASM
   * memory size, live models (embind handles) and embind's own instance count; all flat when nothing leaks.
   */
  debug: Object.freeze({
    heapBytesInUse() { requireLoaded(); return app.cp.heapBytesInUse(); },
    heapSize() { requireLoaded(); return app.cp.heapSize(); },
    liveModels() { requireLoaded(); return app.cp.liveModels(); },
    embindInstances() { requireLoaded(); return app.cp.embindInstances(); },
    /** Estimated work of one training step of the current network (units ≈ multiply-adds). */
    stepWork() { requireLoaded(); return stepWork(app.model); },
  }),
});

// ---------------------------------------------------------------------------------------------------------------
// Notices

function showNotice(text, kind = 'info') {
  const notice = $('notice');
  $('notice-text').textContent = text;
  notice.dataset.kind = kind;
  notice.hidden = false;
}

function hideNotice(kind) {
  if (!kind || $('notice').dataset.kind === kind) $('notice').hidden = true;
}

// ---------------------------------------------------------------------------------------------------------------
// Building and loading experiments

/** A model for `experiment` with its input and target set; throws the core's ConvPoolError when it refuses. */
function buildModel(experiment) {
  const model = app.cp.createModel(experiment.network);
  try {
    const x = inputSignal(app.cp, experiment);
    model.setInput(x);
    model.setTarget(targetSignal(app.cp, experiment, model, x));
  } catch (error) {
    model.delete();
    throw error;
  }
  return model;
}

/** Estimated work of one SGD step (forward, backward, update) of `model`, in units of ≈ one multiply-add. */
function stepWork(model) {
  let work = 64 + 4 * model.outputChannels * model.outputLength;
  for (const g of model.layers) {
    if (g.type === 'conv1d') work += 3 * g.outChannels * g.inChannels * g.kernelSize * g.outLength + 2 * g.inChannels * g.paddedLength;
    else if (g.type === 'maxpool1d') work += 4 * g.outChannels * g.outLength * g.kernelSize + 2 * g.inChannels * g.inLength;
    else work += 40 * g.inChannels * g.inLength;  // the core's portable tanh/sigmoid cost tens of operations
  }
  return work;
}

/** Makes `experiment` (already built into `model`) the current one; its recorded steps are replayed. */
function adopt(experiment, model, { renderControls = true } = {}) {
  if (app.model && app.model !== model) app.model.delete();
  app.modelSerial = (app.modelSerial || 0) + 1;
  app.model = model;
  const queue = experiment.steps > 0 ? experiment.schedule.map(([n, lr]) => [n, lr]) : [];
  experiment.steps = 0;
  experiment.schedule = [];
  app.experiment = experiment;
  app.replay = queue.length ? queue : null;
  app.msPerStep = Math.max(0.0005, stepWork(model) * NS_PER_WORK * 1e-6);
  app.history = [{ step: 0, loss: model.evaluate() }];
  setHover(null);
  hideNotice('divergence');
  if (renderControls) controls.render(experiment);
  rebuildPanelsIfNeeded();
  if (app.replay) {
    const total = queue.reduce((s, [n]) => s + n, 0);
    if (total > 20000) showNotice(`Replaying the link's ${total.toLocaleString('en')} training steps…`, 'replay');
    scheduleFrame();
  } else {
    hideNotice('replay');
    for (const resolve of app.replayWaiters.splice(0)) resolve();  // a replay replaced by an edit is over too
  }
  requestRedraw();
  writeHash();
}

/** Loads an experiment object as if it came from a link. → true, or false with a notice. */
function loadExperiment(raw, { problems = [], source = 'link' } = {}) {
  const normalized = normalizeExperiment(raw);
  const all = [...problems, ...normalized.problems];
  let experiment = normalized.experiment;
  let model;
  try {
    model = buildModel(experiment);
  } catch (error) {
    all.push(`the network was refused: ${error.message}`);
    experiment = defaultExperiment();
    model = buildModel(experiment);
  }
  const work = experiment.steps * stepWork(model);
  if (work > REPLAY_WORK_LIMIT) {
    const minutes = Math.max(1, Math.round((work * 1e-9) / 60));
    all.push(`replaying its ${experiment.steps.toLocaleString('en')} training steps on this network would take `
      + `about ${minutes.toLocaleString('en')} minute${minutes > 1 ? 's' : ''}, so it starts from step 0 (press Play to train)`);
    experiment.steps = 0;
    experiment.schedule = [];
  }
  setPlaying(false);
  adopt(experiment, model);
  if (all.length) {
    showNotice(`This ${source} could not be loaded exactly: ${all.slice(0, 4).join('; ')}.`, 'warning');
    return false;
  }
  hideNotice('warning');
  return true;
}

function loadFragment(fragment) {
  const { experiment, problems, empty } = parseFragment(fragment);
  if (empty) return loadExperiment(experiment);
  // parseFragment already normalised; normalising again is idempotent and keeps one code path
  return loadExperiment(experiment, { problems });
}

/** A new experiment from an edit of the current one: steps start again from 0 (a link must replay exactly). */
function tryEdit(change) {
  const experiment = cloneExperiment(app.experiment);
  change(experiment);
  experiment.steps = 0;
  experiment.schedule = [];
  const normalized = normalizeExperiment(experiment);
  if (normalized.problems.length) return { ok: false, message: normalized.problems[0] };
  let model;
  try {
    model = buildModel(normalized.experiment);
  } catch (error) {
    return { ok: false, message: error.message };
  }
  adopt(normalized.experiment, model, { renderControls: false });
  return { ok: true };
}

function resetTraining() {
  flushReplay();
  setPlaying(false);
  app.model.reset(app.experiment.network.seed);
  app.experiment.steps = 0;
  app.experiment.schedule = [];
  app.history = [{ step: 0, loss: app.model.evaluate() }];
  hideNotice('divergence');
  hideNotice('limit');
  redrawNow();
  writeHash();
}

// ---------------------------------------------------------------------------------------------------------------
// Training

/**
 * Runs n SGD steps at η inside WASM in up to 50 pieces (so the loss curve gets points; SGD in pieces is
 * bit-identical to one call), records them, refreshes every view; → the loss of the last step.
 */
function trainSteps(n, learningRate) {
  if (n <= 0) return app.model.loss();
  const piece = Math.ceil(n / 50);
  let loss;
  for (let done = 0; done < n; done += piece) {
    loss = trainPiece(Math.min(piece, n - done), learningRate);
    if (app.model.lastTrain.diverged || app.experiment.steps >= LIMITS.maxSteps) break;
  }
  return loss;
}

function trainPiece(n, learningRate) {
  const started = performance.now();
  app.lastBusyAt = started;
  const loss = app.model.train(n, learningRate);
  const { stepsRun, diverged } = app.model.lastTrain;
  const elapsed = performance.now() - started;
  app.msPerStep = 0.8 * app.msPerStep + 0.2 * Math.max(0.0005, elapsed / Math.max(1, stepsRun));
  const e = app.experiment;
  if (stepsRun > 0) {
    const last = e.schedule[e.schedule.length - 1];
    if (last && last[1] === learningRate) last[0] += stepsRun;
    else e.schedule.push([stepsRun, learningRate]);
    e.steps += stepsRun;
  }
  const current = app.model.evaluate();
  app.history.push({ step: e.steps, loss: current });
  if (app.history.length > MAX_HISTORY) app.history = app.history.filter((_, i) => i % 2 === 0 || i === app.history.length - 1);
  if (diverged) {
    setPlaying(false);
    if (app.replay) app.replayDiverged = true;
    app.replay = null;
    hideNotice('replay');
    showNotice(`Training diverged at step ${e.steps + 1}: the loss became ${formatNumber(loss)}. The weights of step ${e.steps} were kept. `
      + `Try a smaller learning rate η (e.g. ${Number((learningRate / 10).toPrecision(2))}); Reset starts again.`, 'divergence');
  } else if (e.steps >= LIMITS.maxSteps) {
    setPlaying(false);
    showNotice(`Reached ${LIMITS.maxSteps.toLocaleString('en')} steps, the most a link can replay. Reset to train again.`, 'limit');
  }
  return loss;
}

function flushReplay() {
  while (app.replay) replayChunk(Infinity);
}

function replayChunk(budget) {
  const started = performance.now();
  while (app.replay && performance.now() - started < budget) {
    const segment = app.replay[0];
    const left = budget - (performance.now() - started);
    const chunk = Number.isFinite(budget) ? Math.min(segment[0], Math.max(1, Math.floor(left / app.msPerStep))) : segment[0];
    trainSteps(chunk, segment[1]);
    if (!app.replay) break;  // diverged
    segment[0] -= chunk;
    if (segment[0] <= 0) app.replay.shift();
    if (app.replay.length === 0) app.replay = null;
  }
  if (!app.replay) {
    hideNotice('replay');
    writeHash();
    for (const resolve of app.replayWaiters.splice(0)) resolve();
  }
}

function setPlaying(playing) {
  if (playing && app.experiment.steps >= LIMITS.maxSteps) return;
  app.playing = playing;
  controls.setPlaying(playing);
  if (playing) scheduleFrame();
  else writeHash();
}

function scheduleFrame() {
  if (app.frameRequested) return;
  app.frameRequested = true;
  requestAnimationFrame(frame);
}

function requestRedraw() {
  app.redrawRequested = true;
  scheduleFrame();
}

let lastHashWrite = 0;

function frame() {
  app.frameRequested = false;
  try {
    frameBody();
  } catch (error) {
    // never leave the page stuck in a loop of failing frames: stop, say what happened, keep the page usable
    app.playing = false;
    app.replay = null;
    controls.setPlaying(false);
    for (const resolve of app.replayWaiters.splice(0)) resolve();
    showNotice(`Something went wrong while training or drawing: ${error && error.message || error}. Training was paused.`, 'error');
    return;
  }
  if (app.replay || app.playing) scheduleFrame();
}

function frameBody() {
  let changed = app.redrawRequested;
  if (app.replay) {
    replayChunk(REPLAY_BUDGET_MS);
    changed = true;
  } else if (app.playing) {
    const started = performance.now();
    let remaining = app.experiment.stepsPerFrame;
    while (app.playing && remaining > 0) {
      const left = FRAME_BUDGET_MS - (performance.now() - started);
      if (left <= 0) break;
      const chunk = Math.min(remaining, Math.max(1, Math.floor(left / app.msPerStep)));
      trainSteps(chunk, app.experiment.learningRate);
      remaining -= chunk;
    }
    changed = true;
    if (performance.now() - lastHashWrite > 1000) writeHash();
  }
  if (changed) redrawNow();
}

// ---------------------------------------------------------------------------------------------------------------
// Drawing the panels

/** Every canvas of the layer panels (forward, backward and, for conv layers, kernel), flat. */
const layerCanvasList = () => app.layerCanvases.flatMap((c) => Object.values(c).filter(Boolean));

function rebuildPanelsIfNeeded() {
  const key = JSON.stringify(app.experiment.network.layers);
  if (key === app.layoutKey) return;
  app.layoutKey = key;
  visibility.forget(layerCanvasList());
  app.layerCanvases = buildLayerPanels($('layer-panels'), app.experiment.network.layers);
  app.layerCanvases.forEach((canvases, l) => {
    wireCanvas(canvases.forward, `forward-${l}`, 'forward', l);
    wireCanvas(canvases.backward, `backward-${l}`, 'backward', l);
    if (canvases.kernel) wireCanvas(canvases.kernel, `kernel-${l}`, 'kernel', l);
  });
}

function hoverOn(panel, layer) {
  const h = app.hover;
  return h && h.panel === panel && (layer === undefined || h.layer === layer) ? h : null;
}

const visibility = createVisibility(() => requestRedraw());
const CATCH_UP_MS = 250;

/**
 * Redraws the panels from the model's views. Canvases off screen are skipped (unless `everything`) and drawn by a
 * catch-up redraw once redraws pause for CATCH_UP_MS, so nothing stays stale at rest.
 */
function redrawNow(everything = false) {
  app.redrawRequested = false;
  const m = app.model;
  const e = app.experiment;
  if (!m) return;
  const draw = (canvas) => visibility.shouldDraw(canvas, everything);
  // Every layout read before the first write: new canvases are located and measured together (one layout), not
  // one forced layout per canvas after the previous one was resized.
  for (const canvas of [$('canvas-input'), $('canvas-prediction'), $('canvas-loss'), ...layerCanvasList()]) {
    visibility.locate(canvas);
    canvasCssWidth(canvas);
  }
  const n = m.inputLength;
  const x = m.view('input');
  const inputHover = hoverOn('signals-input');
  // The input only changes with a new model (every edit builds one), the hover or the width: training leaves it be.
  const inputCanvas = $('canvas-input');
  const inputKey = `${app.modelSerial}|${canvasCssWidth(inputCanvas)}|${JSON.stringify(inputHover)}`;
  const inputChanged = inputKey !== app.inputKey || everything;
  if (inputChanged && draw(inputCanvas)) app.inputKey = inputKey;
  if (inputChanged && app.inputKey === inputKey) app.plots.input = drawTracks(inputCanvas, {
    cells: n,
    tracks: [{
      id: 'x', label: e.input.some((c) => c.drawn) ? 'x (drawn by hand)' : 'x', color: palette.input, style: 'line',
      channels: m.inputChannels, length: n, value: (c, i) => x[c * n + i], position: (i) => i,
    }],
    highlights: inputHover ? [{ track: 'x', channel: inputHover.channel, indices: [inputHover.index] }] : [],
  });
  const outN = m.outputLength;
  const yHat = m.view('output');
  const y = m.view('target');
  const predictionHover = hoverOn('signals-output');
  if (draw($('canvas-prediction'))) app.plots.prediction = drawTracks($('canvas-prediction'), {
    cells: outN,
    tracks: [{
      id: 'output', label: `ŷ and target y (${outN} samples${m.outputChannels > 1 ? ` × ${m.outputChannels} channels` : ''})`,
      color: palette.output, style: 'line', channels: m.outputChannels, length: outN,
      value: (c, i) => yHat[c * outN + i], position: (i) => i,
      overlay: { value: (c, i) => y[c * outN + i], color: palette.target, label: 'target' },
    }],
    highlights: predictionHover ? [{ track: 'output', channel: predictionHover.channel, indices: [predictionHover.index] }] : [],
  });
  const lossHover = hoverOn('loss');
  if (draw($('canvas-loss'))) app.plots.loss = drawLoss($('canvas-loss'), app.history, e.network.loss, lossHover ? lossHover.index : null);

  let firstConv = true;
  m.layers.forEach((g, l) => {
    const canvases = app.layerCanvases[l];
    if (!canvases) return;
    if (draw(canvases.forward) | draw(canvases.backward)) {  // | evaluates both, so each is marked fresh or stale
      const { forward, backward } = layerPlots(m, l, app.hover);
      app.plots[`forward-${l}`] = drawTracks(canvases.forward, forward);
      app.plots[`backward-${l}`] = drawTracks(canvases.backward, backward);
    }
    if (canvases.kernel) {
      const ghost = firstConv && e.target.preset === 'filtered' ? placeHiddenKernel(e.target.kernel, g.kernelSize) : null;
      firstConv = false;
      if (!draw(canvases.kernel)) return;
      const kernelHover = hoverOn('kernel', l);
      app.plots[`kernel-${l}`] = drawKernel(canvases.kernel, g, {
        weight: m.view('weight', l), bias: m.view('bias', l), gradWeight: m.view('gradWeight', l), gradBias: m.view('gradBias', l),
      }, ghost, kernelHover);
    }
  });
  const loss = app.history[app.history.length - 1].loss;
  $('train-status').textContent = `step ${e.steps} · C = ${formatNumber(loss)}`;
  $('canvas-loss').setAttribute('aria-label', `Loss curve: C = ${formatNumber(loss)} after ${e.steps} steps`);
  if (app.hover) refreshTooltip();
  clearTimeout(app.catchUpTimer);
  if (visibility.hasStale()) app.catchUpTimer = setTimeout(() => redrawNow(true), CATCH_UP_MS);
  for (const fn of app.updateListeners) {
    try { fn(); } catch (error) { console.warn('explain onUpdate listener failed', error); }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Hover, tap and keyboard inspection

const CANVAS_PANELS = { input: 'signals-input', prediction: 'signals-output', loss: 'loss' };
let tooltipAnchor = null;

function setHover(hover, anchor) {
  app.lastBusyAt = performance.now();
  const same = JSON.stringify(hover) === JSON.stringify(app.hover);
  app.hover = hover;
  tooltipAnchor = hover ? anchor : null;
  if (!hover) showTooltip($('tooltip'), null);
  if (same) return;
  for (const fn of app.hoverListeners) {
    try {
      fn(hover ? { panel: hover.panel, layer: hover.layer, channel: hover.channel, index: hover.index, track: hover.track } : null);
    } catch (error) { console.warn('explain onHover listener failed', error); }
  }
  if (app.model) requestRedraw();
}

function refreshTooltip() {
  if (!app.hover || !tooltipAnchor) return;
  let content = null;
  try { content = describeHover(app.hover, app); } catch { content = null; }
  showTooltip($('tooltip'), content, tooltipAnchor.x, tooltipAnchor.y);
}

/** Hover (mouse, pen), tap (touch) and arrow keys on one canvas; `key` names its hit-tester in app.plots. */
function wireCanvas(canvas, key, panel, layer) {
  const locate = (event) => {
    const rect = canvas.getBoundingClientRect();
    const plot = app.plots[key];
    const hit = plot && plot.hit(event.clientX - rect.left, event.clientY - rect.top);
    if (!hit) return null;
    return { panel, layer, track: hit.track, channel: hit.channel, index: hit.index };
  };
  const drawingHere = () => (key === 'input' && app.drawing.input) || (key === 'prediction' && app.drawing.target);
  canvas.addEventListener('pointermove', (event) => {
    if (event.pointerType === 'touch' || drawingHere() && event.buttons) return;
    setHover(locate(event), { x: event.pageX, y: event.pageY });
  });
  canvas.addEventListener('pointerdown', (event) => {
    if (event.pointerType !== 'touch' || drawingHere()) return;
    setHover(locate(event), { x: event.pageX, y: event.pageY });
  });
  canvas.addEventListener('pointerleave', (event) => {
    if (event.pointerType !== 'touch') setHover(null);
  });
  canvas.addEventListener('blur', () => setHover(null));
  canvas.addEventListener('keydown', (event) => {
    const tracks = keyboardTracks(key, layer);
    if (!tracks.length) return;
    const current = hoverOn(panel, layer);
    let t = current ? Math.max(0, tracks.findIndex((tr) => tr.id === current.track)) : 0;
    let index = current ? current.index : 0;
    let channel = current ? current.channel : 0;
    switch (event.key) {
      case 'ArrowRight': index += 1; break;
      case 'ArrowLeft': index -= 1; break;
      case 'ArrowDown': t = Math.min(tracks.length - 1, t + 1); break;
      case 'ArrowUp': t = Math.max(0, t - 1); break;
      case 'Home': index = 0; break;
      case 'End': index = Infinity; break;
      case 'Escape': setHover(null); return;
      default: return;
    }
    event.preventDefault();
    const track = tracks[t];
    index = Math.max(0, Math.min(track.length - 1, index));
    channel = Math.min(channel, track.channels - 1);
    const rect = canvas.getBoundingClientRect();
    const point = app.plots[key]?.point?.(track.id, channel, index);
    const anchor = point ? { x: rect.left + window.scrollX + point.x, y: rect.top + window.scrollY + point.y }
      : { x: rect.left + window.scrollX + 20, y: rect.top + window.scrollY + 20 };
    setHover({ panel, layer, track: track.id, channel, index }, anchor);
  });
}

function keyboardTracks(key, layer) {
  const m = app.model;
  if (key === 'input') return [{ id: 'x', length: m.inputLength, channels: m.inputChannels }];
  if (key === 'prediction') return [{ id: 'output', length: m.outputLength, channels: m.outputChannels }];
  if (key === 'loss') return [{ id: 'loss', length: app.history.length, channels: 1 }];
  const g = m.layers[layer];
  if (key.startsWith('kernel')) {
    const w = g.outChannels * g.inChannels * g.kernelSize;
    const tracks = [{ id: 'weight', length: w, channels: 1 }, { id: 'gradWeight', length: w, channels: 1 }];
    if (g.bias) tracks.push({ id: 'bias', length: g.outChannels, channels: 1 }, { id: 'gradBias', length: g.outChannels, channels: 1 });
    return tracks;
  }
  const cells = g.type === 'conv1d' ? g.paddedLength : g.type === 'maxpool1d' ? g.inLength + 2 * g.padding : g.inLength;
  if (key.startsWith('forward')) {
    return [{ id: 'input', length: cells, channels: g.inChannels }, { id: 'output', length: g.outLength, channels: g.outChannels }];
  }
  const tracks = [{ id: 'gradOutput', length: g.outLength, channels: g.outChannels }];
  if (g.type === 'conv1d' && (g.padLeft || g.padRight)) tracks.push({ id: 'gradPadded', length: cells, channels: g.inChannels });
  tracks.push({ id: 'gradInput', length: g.inLength, channels: g.inChannels });
  return tracks;
}

// ---------------------------------------------------------------------------------------------------------------
// Freehand drawing of the input and the target

function setupDrawing() {
  const toggles = { input: $('draw-input'), target: $('draw-target') };
  for (const [which, button] of Object.entries(toggles)) {
    button.addEventListener('click', () => {
      app.drawing[which] = !app.drawing[which];
      button.setAttribute('aria-pressed', String(app.drawing[which]));
      const canvas = which === 'input' ? $('canvas-input') : $('canvas-prediction');
      canvas.classList.toggle('drawing', app.drawing[which]);
    });
  }
  let pendingEdit = null;
  const commit = () => {
    if (!pendingEdit) return;
    const edit = pendingEdit;
    pendingEdit = null;
    setPlaying(false);
    tryEdit(edit);
    redrawNow();
  };
  attachDrawing($('canvas-input'), {
    enabled: () => app.drawing.input && !$('draw-input').disabled,
    locate: (x, y, channel) => {
      const hit = channel === null ? app.plots.input.hit(x, y) : { channel };
      return hit ? app.plots.input.invert('x', hit.channel, x, y) : null;
    },
    start: (channel) => Array.from(app.model.view('input').subarray(channel * app.model.inputLength, (channel + 1) * app.model.inputLength)),
    change: (values, channel) => {
      const drawn = quantizeDrawn(values, values.length);
      pendingEdit = (e) => { e.input[channel] = { drawn }; };
      commit();
    },
    end: () => { commit(); controls.render(app.experiment); },
  });
  attachDrawing($('canvas-prediction'), {
    enabled: () => app.drawing.target && !$('draw-target').disabled,
    locate: (x, y) => app.plots.prediction.invert('output', 0, x, y),
    start: () => Array.from(app.model.view('target').subarray(0, app.model.outputLength)),
    change: (values) => {
      const drawn = quantizeDrawn(values, values.length);
      pendingEdit = (e) => { e.target = { drawn }; };
      commit();
    },
    end: () => { commit(); controls.render(app.experiment); },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// URL, sharing, exporting

function linkFor(experiment) {
  return `${location.origin}${location.pathname}#${serializeExperiment(experiment)}`;
}

/** Writes the fragment soon, at most every HASH_WRITE_MS: history.replaceState costs a few ms, too much per frame. */
const HASH_WRITE_MS = 300;
function scheduleHashWrite() {
  if (app.hashTimer) return;
  app.hashTimer = setTimeout(() => { app.hashTimer = null; writeHash(); }, Math.max(0, HASH_WRITE_MS - (performance.now() - lastHashWrite)));
}

function writeHash() {
  if (!app.experiment || app.replay) return;
  lastHashWrite = performance.now();
  const fragment = serializeExperiment(app.experiment);
  if (fragment === app.writtenHash) return;
  app.writtenHash = fragment;
  try {
    history.replaceState(null, '', `${location.pathname}${location.search}#${fragment}`);
  } catch { /* some sandboxed iframes refuse; the link buttons still work */ }
}

async function share(kind) {
  flushReplay();
  const link = linkFor(app.experiment);
  let text = link;
  if (kind === 'embed') {
    const params = new URLSearchParams({ embed: '1' });
    const { hide, lock } = app.embedOptions;
    if (hide.size) params.set('hide', [...hide].join(','));
    if (lock.size) params.set('lock', [...lock].join(','));
    text = embed.embedCode(`${location.origin}${location.pathname}?${params.toString().replace(/%2C/g, ',')}#${serializeExperiment(app.experiment)}`);
  }
  const box = $('share-text');
  box.value = text;
  box.hidden = false;
  let copied = false;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch { /* clipboard refused (permissions, insecure context): the text box below is selected instead */ }
  if (!copied) box.select();
  $('share-status').textContent = copied ? `${kind === 'embed' ? 'Embed code' : 'Link'} copied to the clipboard.`
    : `Select and copy the ${kind === 'embed' ? 'embed code' : 'link'} below.`;
}

async function exportAs(kind) {
  flushReplay();
  if (kind === 'png') {
    const blob = await exporter.panelsPng($('panels'));
    if (blob) exporter.download(blob, 'convpool-plots.png');
  } else if (kind === 'json') {
    exporter.download(exporter.experimentJson(app.experiment), 'convpool-experiment.json');
  } else {
    exporter.download(exporter.signalsCsv(app.model), 'convpool-signals.csv');
  }
}

async function importJson(file) {
  if (file.size > 5_000_000) {
    showNotice('That file is too large to be a convpool experiment (over 5 MB); nothing was loaded.', 'warning');
    return;
  }
  let raw;
  try {
    raw = JSON.parse(await file.text());
  } catch {
    showNotice('That file is not JSON; nothing was loaded.', 'warning');
    return;
  }
  if (loadExperiment(raw, { source: 'file' })) showNotice('Experiment imported.', 'info');
}

// ---------------------------------------------------------------------------------------------------------------
// Controls

const controls = createControls({
  onNetwork(network) {
    setPlaying(false);
    return tryEdit((e) => {
      e.network = network;
      e.input = Array.from({ length: network.inputChannels }, (_, c) => e.input[c] || { preset: 'sine', cycles: 3, seed: 1 + c });
    });
  },
  onSignals({ input, target }) {
    setPlaying(false);
    const result = tryEdit((e) => {
      if (input) e.input = input;
      if (target) e.target = target;
    });
    if (result.ok) controls.render(app.experiment);
    else showNotice(result.message, 'warning');
  },
  onLearningRate(eta) {
    app.experiment.learningRate = eta;
    writeHash();
  },
  onStepsPerFrame(n) {
    app.experiment.stepsPerFrame = n;
    writeHash();
  },
  onStep(n) {
    // a click must not freeze the page: expensive steps train across animation frames (like a link's replay)
    if (app.replay || n * stepWork(app.model) > SYNC_STEP_WORK) {
      const room = LIMITS.maxSteps - app.experiment.steps - (app.replay || []).reduce((s, [k]) => s + k, 0);
      if (room > 0) {
        app.replay = [...(app.replay || []), [Math.min(n, room), app.experiment.learningRate]];
        scheduleFrame();
      }
      return;
    }
    window.convpoolPlayground.step(n);
  },
  onPlay() { setPlaying(!app.playing); },  // during a replay, play starts when it ends (no freeze)
  onReset() { resetTraining(); },
  onShare: share,
  onExport: exportAs,
  onImport: importJson,
});
controls.onRender(() => embed.applyEmbedRules(app.embedOptions));

// ---------------------------------------------------------------------------------------------------------------
// Explain hook (web/explain/, written separately; silently absent). Building it costs several hundred ms of main
// thread (KaTeX, every equation, the lessons), so it waits until the learner scrolls near it or the page has been
// quiet (no training, no hovering) for EXPLAIN_QUIET_MS: pressing Play right after load never stutters.
// Hidden (embed, hide=explain): never built. The section's data-explain says where it stands (skipped, waiting,
// loading, mounted, failed), so a test or a curious reader can wait for it instead of guessing a time.

const EXPLAIN_QUIET_MS = 400;

function scheduleExplain() {
  const section = $('explain');
  if (section.hidden || app.embedOptions.embed) { section.dataset.explain = 'skipped'; return; }
  section.dataset.explain = 'waiting';
  mountWhenQuietOrNear(document.querySelector('.site-footer'), {
    lastBusyAt: () => app.lastBusyAt, quietMs: EXPLAIN_QUIET_MS,
  }, () => mountExplain(section));
}

function mountExplain(section) {
  const context = {
    cp: app.cp,
    model: () => app.model,
    experiment: () => cloneExperiment(app.experiment),
    setExperiment: (experiment) => loadExperiment(experiment, { source: 'experiment' }),
    linkFor: (experiment) => linkFor(normalizeExperiment(experiment).experiment),
    onUpdate: (fn) => { if (typeof fn === 'function') app.updateListeners.push(fn); },
    onHover: (fn) => { if (typeof fn === 'function') app.hoverListeners.push(fn); },
    palette,
    redraw: () => redrawNow(),
  };
  section.dataset.explain = 'loading';
  import('../explain/index.js').then((m) => {
    m.mountExplain(section, context);
    section.dataset.explain = 'mounted';
  }).catch((error) => {
    section.dataset.explain = 'failed';
    console.warn('the explanations could not be loaded', error);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Start

async function start() {
  performance.mark('convpool:start');
  embed.applyEmbedRules(app.embedOptions);
  $('notice-close').addEventListener('click', () => { $('notice').hidden = true; });
  document.addEventListener('pointerdown', (event) => {
    if (event.pointerType === 'touch' && !(event.target instanceof HTMLCanvasElement)) setHover(null);
  });
  app.cp = await loadConvPool();
  performance.mark('convpool:wasm');
  for (const [key, panel] of Object.entries(CANVAS_PANELS)) wireCanvas($(`canvas-${key}`), key, panel);
  setupDrawing();
  loadFragment(location.hash);
  performance.mark('convpool:model');
  window.addEventListener('hashchange', () => {
    const fragment = location.hash.replace(/^#/, '');
    if (fragment !== app.writtenHash) loadFragment(fragment);
  });
  new ResizeObserver(() => requestRedraw()).observe($('panels'));
  if (app.embedOptions.embed) embed.reportHeight();
  if (app.replay) await new Promise((resolve) => app.replayWaiters.push(resolve));
  redrawNow();
  performance.mark('convpool:drawn');
  resolveReady();
  scheduleExplain();
}

// listen from the start: a parent may post as soon as the iframe's load event fires (replies wait for `ready`)
embed.listenForMessages(window.convpoolPlayground, {
  maxSteps: () => Math.max(1, Math.floor(MESSAGE_STEP_WORK / stepWork(app.model))),
});
start().catch((error) => {
  showNotice(`The playground could not start: ${error && error.message || error}`, 'error');
  rejectReady(error);
});

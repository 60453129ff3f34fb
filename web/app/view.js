// The view: the plots of the page, drawn from the session's model through its zero-copy views. It rebuilds the
// layer panels when the layer list changes and redraws what is on screen; canvases off screen are drawn by a
// catch-up redraw once redraws pause, so nothing stays stale at rest.
import { $ } from '../shared/dom.js';
import { canvasCssWidth } from '../shared/canvas.js';
import { countOf, formatNumber } from '../shared/format.js';
import { palette } from '../shared/palette.js';
import { buildLayerPanels } from './panels.js';
import { layerPlots } from './render/layers.js';
import { drawTracks, signalRowHeight } from './render/tracks.js';
import { drawKernel, placeHiddenKernel } from './render/kernel.js';
import { drawLoss } from './render/loss.js';
import { hiddenKernelOf, presetClassNames } from '../shared/datasets.js';
import { createVisibility } from './visibility.js';
import { nextTask } from '../shared/yield.js';
import { weightShape } from '../layers/registry.js';

const CATCH_UP_MS = 250;
// A catch-up redraw draws only the plots left stale (off screen), and stops starting new ones after this long: the
// rest follow in the next one, CATCH_UP_NEXT_MS later, so it never holds a slow phone's main thread for the whole
// page of plots at once (the first drawing of a canvas alone can cost a slow phone tens of ms).
const CATCH_UP_BUDGET_MS = 8;
const CATCH_UP_NEXT_MS = 50;
/** The start-up drawing's budget per task (ms; what a canvas's first drawing costs a slow phone may come on top). */
const PART_BUDGET_MS = 8;

/**
 * hover() → the inspected sample or null; requestRedraw() asks for a redraw at the next frame; onPanels(canvases)
 * is told about every new set of layer canvases ([{ forward, backward, kernel|null }] per layer).
 */
export function createView(session, { hover, requestRedraw, onPanels, notice = () => {}, heldRange = () => null }) {
  // The classification plots (render/classification.js) load with the first network that needs them; until then
  // their canvases stay stale (not drawn) and are drawn once the code is in.
  let classification = null;
  let classificationLoad = null;
  let classificationFailedFor = -1;  // the model (serial) whose load failed: the next model tries again
  let waitingForCode = false;
  const needsClassification = (e) => e.network.loss === 'crossentropy' || e.network.layers.some((g) => weightShape(g) === 'matrix');
  function loadClassification() {
    classificationLoad ??= import('./render/classification.js').then((m) => {
      classification = m;
      if (session.model) redraw(true);
    }, (error) => {
      classificationLoad = null;
      classificationFailedFor = session.serial;
      notice(`The classifier's plots could not be loaded (${error && error.message || error}); training goes on. `
        + 'Check the connection and reload to see them.', 'error');
    });
    return classificationLoad;
  }
  /** False (and the load started) while the classification plots' code is not in: the caller skips its canvas. */
  function classificationReady() {
    if (classification) return true;
    waitingForCode = true;
    if (classificationFailedFor !== session.serial) loadClassification();
    return false;
  }

  const plots = {};  // hit-testers of the drawn canvases, by key ('input', 'forward-0', …)
  const redrawListeners = [];
  let layerCanvases = [];
  let layoutKey = '';
  let inputKey = '';
  let catchUpTimer = null;
  const visibility = createVisibility(() => requestRedraw());
  const layerCanvasList = () => layerCanvases.flatMap((c) => Object.values(c).filter(Boolean));
  const hoverOn = (panel, layer) => {
    const h = hover();
    return h && h.panel === panel && (layer === undefined || h.layer === layer) ? h : null;
  };

  session.on('model', ({ experiment }) => {
    const key = JSON.stringify(experiment.network.layers);
    if (key !== layoutKey) {
      layoutKey = key;
      visibility.forget(layerCanvasList());
      layerCanvases = buildLayerPanels($('layer-panels'), experiment.network.layers);
      onPanels(layerCanvases);
    }
    requestRedraw();
  });
  session.on('weights', () => requestRedraw());
  // the plots follow the panels' width; their height grows with what is added below them (the explanations), which
  // needs no redraw (one would land in the frame that lays the new part out)
  let panelsWidth = null;
  new ResizeObserver((entries) => {
    const width = entries[entries.length - 1].contentRect.width;
    if (width === panelsWidth) return;
    panelsWidth = width;
    requestRedraw();
  }).observe($('panels'));

  /**
   * Every layout read before the first write: new canvases are located and measured together (one layout), not one
   * forced layout per canvas after the previous one was resized.
   */
  function measure() {
    for (const canvas of [$('canvas-input'), $('canvas-prediction'), $('canvas-loss'), ...layerCanvasList()]) {
      visibility.locate(canvas);
      canvasCssWidth(canvas);
    }
  }

  /**
   * Redraws the panels now (off-screen canvases too when `everything`). `budgetMs`: draws no further canvas once this
   * long has passed (those left are stale, drawn by a later call); `onlyStale`: draws only the canvases left stale.
   */
  function redraw(everything = false, { budgetMs = Infinity, onlyStale = false } = {}) {
    const m = session.model;
    const e = session.experiment;
    if (!m) return;
    const started = performance.now();
    let drawn = 0;
    const draw = (canvas) => {
      if (onlyStale && !visibility.isStale(canvas)) return false;
      if (drawn > 0 && performance.now() - started >= budgetMs) {  // at least one per call: every call makes progress
        visibility.markStale(canvas);
        return false;
      }
      const now = visibility.shouldDraw(canvas, everything && performance.now() - started < CATCH_UP_BUDGET_MS);
      if (now) drawn += 1;
      return now;
    };
    measure();
    const n = m.inputLength;
    const x = m.view('input');
    const inputHover = hoverOn('signals-input');
    // The input only changes with a new model (every edit builds one), the hover or the width: training leaves it be.
    const inputCanvas = $('canvas-input');
    const key = `${session.serial}|${canvasCssWidth(inputCanvas)}|${JSON.stringify(inputHover)}|${heldRange('input')}`;
    if ((key !== inputKey || everything) && draw(inputCanvas)) {
      inputKey = key;
      plots.input = drawTracks(inputCanvas, {
        cells: n, range: heldRange('input'), rowHeight: signalRowHeight(m.inputChannels, canvasCssWidth(inputCanvas)),
        tracks: [{
          id: 'x', label: e.input.some((c) => c.drawn) ? 'x (drawn by hand)' : 'x', color: palette.input, style: 'line',
          channels: m.inputChannels, length: n, value: (c, i) => x[c * n + i], position: (i) => i,
        }],
        highlights: inputHover ? [{ track: 'x', channel: inputHover.channel, indices: [inputHover.index] }] : [],
      });
    }
    const outN = m.outputLength;
    const yHat = m.view('output');
    const y = m.view('target');
    const predictionHover = hoverOn('signals-output');
    // loss 'crossentropy': the prediction is a softmax over the classes, drawn as bars with the true class marked
    const classes = e.network.loss === 'crossentropy';
    if (classes && classificationReady() && draw($('canvas-prediction'))) {
      plots.prediction = classification.drawProbabilities($('canvas-prediction'), m.view('probabilities'), m.view('target')[0],
        e.dataset ? presetClassNames(e.dataset.preset) : null);
    } else if (!classes && draw($('canvas-prediction'))) plots.prediction = drawTracks($('canvas-prediction'), {
      cells: outN, range: heldRange('prediction'), rowHeight: signalRowHeight(m.outputChannels, canvasCssWidth($('canvas-prediction'))),
      tracks: [{
        id: 'output', label: `ŷ and target y (${countOf(outN, 'sample')}${m.outputChannels > 1 ? ` × ${m.outputChannels} channels` : ''})`,
        color: palette.output, style: 'line', channels: m.outputChannels, length: outN,
        value: (c, i) => yHat[c * outN + i], position: (i) => i,
        overlay: { value: (c, i) => y[c * outN + i], color: palette.target, label: 'target' },
      }],
      highlights: predictionHover ? [{ track: 'output', channel: predictionHover.channel, indices: [predictionHover.index] }] : [],
    });
    const lossHover = hoverOn('loss');
    const display = session.display();  // how C is defined and named in this mode (web/shared/training-display.js)
    if (classes) classificationReady();  // the accuracy curve under the loss comes with it
    if (draw($('canvas-loss'))) {
      plots.loss = drawLoss($('canvas-loss'), session.history, display, lossHover ? lossHover.index : null,
        classification && classification.drawAccuracy);
    }

    let firstConv = true;
    m.layers.forEach((g, l) => {
      const canvases = layerCanvases[l];
      if (!canvases) return;
      // each of the pair on its own (a budgeted redraw may leave the second to the next task)
      let specs = null;
      const specsOf = () => (specs ??= layerPlots(m, l, hover()));
      if (draw(canvases.forward)) plots[`forward-${l}`] = drawTracks(canvases.forward, specsOf().forward);
      if (draw(canvases.backward)) plots[`backward-${l}`] = drawTracks(canvases.backward, specsOf().backward);
      if (canvases.weights && classificationReady() && draw(canvases.weights)) {
        plots[`weights-${l}`] = classification.drawLinearWeights(canvases.weights, g, {
          weight: m.view('weight', l), bias: m.view('bias', l), gradWeight: m.view('gradWeight', l), gradBias: m.view('gradBias', l),
        });
      }
      if (canvases.kernel) {
        // the kernel hidden in the targets, where one exists (datasets.js: hiddenKernelOf)
        const hidden = firstConv ? hiddenKernelOf(e) : null;
        const ghost = hidden ? placeHiddenKernel(hidden, g.kernelSize) : null;
        firstConv = false;
        if (!draw(canvases.kernel)) return;
        plots[`kernel-${l}`] = drawKernel(canvases.kernel, g, {
          weight: m.view('weight', l), bias: m.view('bias', l), gradWeight: m.view('gradWeight', l), gradBias: m.view('gradBias', l),
        }, ghost, hoverOn('kernel', l));
      }
    });
    const loss = session.history[session.history.length - 1].loss;
    const latest = session.history[session.history.length - 1];
    const accuracy = Number.isFinite(latest.validationAccuracy) ? ` · validation accuracy ${(latest.validationAccuracy * 100).toFixed(1)} %` : '';
    // an exercise that hides the loss (web/shared/exercise/hidden.js) keeps C out of the status line too
    const c = session.hidden?.hidesLoss ? 'hidden during the exercise' : formatNumber(loss);
    $('train-status').textContent = `step ${e.steps} · ${display.cName} = ${c}${accuracy}`;
    showEpoch(e, m);
    const held = session.hidden?.hidesLoss ? NaN : session.history[session.history.length - 1].validation;
    $('canvas-loss').setAttribute('aria-label', `Loss curve: ${display.cName} = ${c} after ${e.steps} steps`
      + (Number.isFinite(held) ? `; ${display.validationName} = ${formatNumber(held)}` : '')
      + (Number.isFinite(latest.accuracy) ? `; accuracy: training ${(latest.accuracy * 100).toFixed(1)} %`
        + `${Number.isFinite(latest.validationAccuracy) ? `, validation ${(latest.validationAccuracy * 100).toFixed(1)} %` : ''}` : ''));
    clearTimeout(catchUpTimer);
    if (visibility.hasStale()) catchUpTimer = setTimeout(catchUp, onlyStale && everything ? CATCH_UP_NEXT_MS : CATCH_UP_MS);
    for (const fn of redrawListeners) {
      try { fn(); } catch (error) { console.warn('a redraw listener failed', error); }
    }
  }

  /** Draws stale (off-screen) canvases, at least one and no more than CATCH_UP_BUDGET_MS of them; the rest come next. */
  function catchUp() {
    redraw(true, { onlyStale: true, budgetMs: CATCH_UP_BUDGET_MS });
  }

  /**
   * The start-up drawing: the canvases on screen, PART_BUDGET_MS of drawing per task (a slow phone's first drawing of
   * a long network is several tasks, none near 50 ms); off-screen ones follow in the catch-up redraw as always.
   */
  async function redrawInParts() {
    if (!session.model) return;
    measure();  // the layout of the page with the new model's parts: a task of its own
    await nextTask();
    waitingForCode = false;
    redraw(false, { budgetMs: PART_BUDGET_MS });
    // (a canvas waiting for the classification plots' code is drawn when it arrives, not by this loop)
    while (session.model && visibility.hasStaleOnScreen() && !waitingForCode) {
      await nextTask();
      redraw(false, { budgetMs: PART_BUDGET_MS, onlyStale: true });
    }
  }

  /** With a data set: the passes over the training examples so far (steps × batch ÷ examples). */
  function showEpoch(e, m) {
    const line = $('train-epoch');
    line.hidden = !e.dataset;
    if (!e.dataset) return;
    const count = m.exampleCount();
    const epochs = (e.steps * e.training.batchSize) / count;
    line.textContent = `epoch ${Number.isInteger(epochs) ? epochs : epochs.toFixed(2)} (batches of ${e.training.batchSize}, `
      + `${count} training examples)`;
  }

  return {
    redraw,
    redrawInParts,
    /** → a Promise that settles once the plots the current network needs can be drawn (the start-up awaits it). */
    prepare: () => (session.model && needsClassification(session.experiment) ? loadClassification() : Promise.resolve()),
    /** Hit-testers of the drawn plots, by key: plots[key].hit(x, y), .point(track, channel, index), .invert(…). */
    plots,
    /** Calls fn after every redraw (the tooltip, the explanations). */
    onRedraw(fn) { if (typeof fn === 'function') redrawListeners.push(fn); },
  };
}

// The comparison view (loaded on first use): experiment A (the page's session) and B (compare/pair.js) side by side.
// At the top, what B changes (generated from the two experiments, differences.js), both steps and losses and one
// loss chart with both curves; below, one row per plot with A's and B's canvases in two columns and a "B − A" toggle
// that draws their difference under them. On a phone the columns become A/B tabs under the shared loss chart. Hover
// and the arrow keys work on both sides: the tooltip explains the sample of the side it is on, and the same sample is
// marked on the other side. A plot an exercise hides in A is hidden on both sides.
import { h } from '../../shared/dom.js';
import { palette } from '../../shared/palette.js';
import { formatNumber } from '../../shared/format.js';
import { describeLayer, layerType, weightShape } from '../../layers/registry.js';
import { drawTracks } from '../render/tracks.js';
import { layerPlots } from '../render/layers.js';
import { drawKernel } from '../render/kernel.js';
import { showTooltip } from '../tooltip-box.js';
import { differencesSentence } from '../../shared/experiment-differences.js';
import { differenceSpec, kernelDifferenceSpec } from './difference.js';
import { drawLossPair } from './loss-chart.js';

const SIDES = ['a', 'b'];
const LOSS_WORDS = { sse: 'Σ (ŷ−y)²', mse: 'mean of (ŷ−y)²', crossentropy: 'mean of −log p(true class)' };
/** Canvases off screen are drawn this long after the last redraw (while training plays only what is seen is drawn). */
const CATCH_UP_MS = 250;

/**
 * context: { pair, scheduler, view, notices, edit(side) } — edit('a' | 'b') points the page's controls at that side
 * (compare/wiring.js). → { show(), hide(), redraw(), edit('a' | 'b') }
 */
export function createComparisonView(context) {
  const { pair, view } = context;
  const session = (side) => (side === 'a' ? pair.a : pair.b);
  let shown = false;
  let hover = null;   // { side, key, kind, panel, layer, track, channel, index } or { panel: 'loss', step }
  let anchor = null;  // where the tooltip goes (page coordinates)
  let tab = 'a';      // the phone's tab
  let layoutKey = '';
  let rows = [];      // { key, kind, layer, title, canvases: { a, b }, diff: { button, canvas, note } }
  const plots = { a: {}, b: {} };  // hit-testers by row key
  const diffOn = new Set();
  const onScreen = new Set();
  let catchUp = null;
  let describeHover = null;  // tooltip.js's, loaded with the first hover
  let classification = null;  // render/classification.js, loaded for a classifier's plots

  const seen = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) onScreen.add(entry.target); else onScreen.delete(entry.target);
    }
    if (shown) context.scheduler.requestRedraw();
  }, { rootMargin: '200px 0px' });

  // ---- the frame: heading, what differs, the loss chart, the tabs and the rows ----
  const editButtons = Object.fromEntries(SIDES.map((side) => [side, h('button', {
    type: 'button', class: 'toggle', 'aria-pressed': 'false', dataset: { editSide: side },
    onclick: () => edit(side),
  }, `Edit ${side.toUpperCase()}`)]));
  const end = h('button', { type: 'button', id: 'comparison-end', onclick: () => { context.scheduler.setPlaying(false); pair.end(); } }, 'End comparison');
  const differences = h('p', { id: 'comparison-differences', class: 'comparison-differences' });
  const status = h('p', { id: 'comparison-status', class: 'comparison-status' });
  const lossCanvas = h('canvas', { id: 'comparison-loss', tabindex: '0', role: 'img', 'aria-label': 'Loss curves of A and B' });
  const tabs = Object.fromEntries(SIDES.map((side) => [side, h('button', {
    type: 'button', role: 'tab', id: `comparison-tab-${side}`, 'aria-controls': 'comparison-grid', 'aria-selected': String(side === tab),
    onclick: () => edit(side),  // on a phone the tab shown is the side the controls below edit
  }, `Experiment ${side.toUpperCase()}`)]));
  const tabList = h('div', { class: 'comparison-tabs', role: 'tablist', 'aria-label': 'Which experiment to show' }, tabs.a, tabs.b);
  const grid = h('div', { id: 'comparison-grid', class: 'comparison-grid', role: 'tabpanel', dataset: { tab } });
  const root = h('section', { id: 'comparison', class: 'panel comparison', 'aria-labelledby': 'comparison-title', hidden: true },
    h('div', { class: 'panel-head' },
      h('h2', { id: 'comparison-title' }, 'A against B, trained in lockstep'),
      h('div', { class: 'buttons comparison-edit', role: 'group', 'aria-label': 'The controls edit' }, editButtons.a, editButtons.b, end)),
    differences, status, lossCanvas, tabList, grid);
  const panels = document.getElementById('panels');
  panels.insertBefore(root, panels.querySelector('[data-panel="signals"]'));
  seen.observe(lossCanvas);
  wireLossHover();

  function selectTab(side) {
    tab = side;
    grid.dataset.tab = side;
    for (const s of SIDES) tabs[s].setAttribute('aria-selected', String(s === side));
    context.scheduler.requestRedraw();
  }

  /** Points the page's controls at `side` ('a' or 'b'); the phone shows that side's tab. */
  function edit(side) {
    if (!pair.comparing) return;
    context.edit(side);
    for (const s of SIDES) editButtons[s].setAttribute('aria-pressed', String(s === side));
    document.body.dataset.editing = side;
    selectTab(side);
  }

  // ---- the rows: one per plot of either side ----
  function rowList() {
    const layers = SIDES.map((s) => session(s).experiment.network.layers);
    const list = [{ key: 'input', kind: 'input', title: 'Input x' },
      { key: 'prediction', kind: 'prediction', title: 'Output ŷ against the target y' }];
    for (let l = 0; l < Math.max(layers[0].length, layers[1].length); l++) {
      // a weighted layer's parameters: a kernel drawn tap by tap, or a matrix drawn as a heat map (its type's shape)
      const shapes = layers.map((ls) => (ls[l] ? weightShape(ls[l]) : null));
      // each side's caption names its layer (the two may differ in any option, or in type)
      const captions = Object.fromEntries(SIDES.map((s, i) => [s, layers[i][l]
        ? `${s.toUpperCase()} · ${layerType(layers[i][l].type).title} (${describeLayer(layers[i][l])})` : `${s.toUpperCase()} · no layer ${l + 1}`]));
      list.push({ key: `forward-${l}`, kind: 'forward', layer: l, title: `Layer ${l + 1} forward`, captions });
      if (shapes.includes('kernel')) list.push({ key: `kernel-${l}`, kind: 'kernel', layer: l, title: `Layer ${l + 1} parameters`, captions });
      if (shapes.includes('matrix')) list.push({ key: `weights-${l}`, kind: 'weights', layer: l, title: `Layer ${l + 1} weights`, captions });
      list.push({ key: `backward-${l}`, kind: 'backward', layer: l, title: `Layer ${l + 1} backward (gradients)`, captions });
    }
    return list;
  }

  function buildRows() {
    const key = JSON.stringify(SIDES.map((s) => session(s).experiment.network.layers));
    if (key === layoutKey) return;
    layoutKey = key;
    for (const row of rows) for (const c of [row.canvases.a, row.canvases.b, row.diff.canvas]) seen.unobserve(c);
    rows = rowList().map((spec) => {
      const canvases = Object.fromEntries(SIDES.map((side) => [side, h('canvas', {
        tabindex: '0', role: 'img', class: `comparison-plot comparison-${side}`,
        'aria-label': `${spec.title}: experiment ${side.toUpperCase()}`, dataset: { side, row: spec.key },
      })]));
      const diffCanvas = h('canvas', { class: 'comparison-plot comparison-diff', role: 'img', 'aria-label': `${spec.title}: B − A`, hidden: true });
      const note = h('p', { class: 'hint comparison-diff-note', hidden: true });
      const button = h('button', {
        type: 'button', class: 'toggle comparison-diff-toggle', 'aria-pressed': String(diffOn.has(spec.key)),
        dataset: { row: spec.key }, onclick: () => toggleDifference(spec.key),
      }, 'Difference B − A');
      const row = { ...spec, canvases, diff: { button, canvas: diffCanvas, note } };
      row.element = h('div', { class: 'comparison-row', dataset: { row: spec.key } },
        h('div', { class: 'comparison-row-head' }, h('h3', {}, spec.title), button),
        ...SIDES.map((side) => h('div', { class: `comparison-cell comparison-cell-${side}` },
          h('p', { class: 'comparison-side' }, spec.captions ? spec.captions[side] : `Experiment ${side.toUpperCase()}`), canvases[side])),
        h('div', { class: 'comparison-cell comparison-cell-diff' }, note, diffCanvas));
      for (const side of SIDES) wireHover(canvases[side], side, row);
      for (const c of [canvases.a, canvases.b, diffCanvas]) seen.observe(c);
      return row;
    });
    grid.replaceChildren(...rows.map((r) => r.element));
    for (const row of rows) showDifference(row);
  }

  function toggleDifference(key) {
    if (diffOn.has(key)) diffOn.delete(key); else diffOn.add(key);
    const row = rows.find((r) => r.key === key);
    if (row) showDifference(row);
    redraw(true);
  }

  function showDifference(row) {
    const on = diffOn.has(row.key);
    row.diff.button.setAttribute('aria-pressed', String(on));
    row.diff.canvas.hidden = !on;
    if (!on) row.diff.note.hidden = true;
  }

  // ---- drawing ----
  /** The tracks spec of a row on one side's model (null: the side has no such plot), with that side's highlights. */
  function specOf(row, side) {
    const m = session(side).model;
    const e = session(side).experiment;
    const mark = hover && hover.key === row.key ? hover : null;
    if (row.kind === 'input') {
      const n = m.inputLength;
      const x = m.view('input');
      return {
        cells: n,
        tracks: [{ id: 'x', label: 'x', color: palette.input, style: 'line', channels: m.inputChannels, length: n, value: (c, i) => x[c * n + i], position: (i) => i }],
        highlights: mark ? [{ track: 'x', channel: mark.channel, indices: [mark.index] }] : [],
      };
    }
    if (row.kind === 'prediction') {
      if (e.network.loss === 'crossentropy') return null;  // class probabilities: drawn by the classification plots
      const n = m.outputLength;
      const yHat = m.view('output');
      const y = m.view('target');
      return {
        cells: n,
        tracks: [{
          id: 'output', label: `ŷ and target y (${n} samples)`, color: palette.output, style: 'line', channels: m.outputChannels, length: n,
          value: (c, i) => yHat[c * n + i], position: (i) => i,
          overlay: { value: (c, i) => y[c * n + i], color: palette.target, label: 'target' },
        }],
        highlights: mark ? [{ track: 'output', channel: mark.channel, indices: [mark.index] }] : [],
      };
    }
    const g = m.layers[row.layer];
    if (!g) return null;
    if (row.kind === 'forward' || row.kind === 'backward') {
      const layerHover = mark ? { panel: mark.panel, layer: mark.layer, track: mark.track, channel: mark.channel, index: mark.index } : null;
      return layerPlots(m, row.layer, layerHover)[row.kind];
    }
    return null;
  }

  /** A classifier's class probabilities as a tracks spec (for their difference; the side's own plot draws bars). */
  function probabilitiesSpec(side) {
    const p = session(side).model.view('probabilities');
    return { cells: p.length, tracks: [{ id: 'probabilities', label: 'p(class) of the example shown', color: palette.output, style: 'bars', channels: 1, length: p.length, value: (c, i) => p[i], position: (i) => i }] };
  }

  /** Whether `side`'s layer of a parameters row has the parameters that row draws (a kernel, or a weight matrix). */
  function hasParameters(side, row) {
    const layer = session(side).experiment.network.layers[row.layer];
    return Boolean(layer) && weightShape(layer) === (row.kind === 'kernel' ? 'kernel' : 'matrix');
  }

  function parameters(side, l) {
    const m = session(side).model;
    return { weight: m.view('weight', l), bias: m.view('bias', l), gradWeight: m.view('gradWeight', l), gradBias: m.view('gradBias', l) };
  }

  function drawSide(row, side) {
    const canvas = row.canvases[side];
    const m = session(side).model;
    const g = row.layer === undefined ? null : m.layers[row.layer];
    const mark = hover && hover.key === row.key ? hover : null;  // the same sample is marked on both sides
    canvas.hidden = false;
    if (row.kind === 'kernel' || row.kind === 'weights') {
      if (!hasParameters(side, row)) return absent(canvas, side, row);
      if (row.kind === 'kernel') {
        plots[side][row.key] = drawKernel(canvas, g, parameters(side, row.layer), null, mark ? { track: mark.track, index: mark.index } : null);
      } else if (loadClassification()) {
        plots[side][row.key] = classification.drawLinearWeights(canvas, g, parameters(side, row.layer));
      }
      return;
    }
    if (row.kind === 'prediction' && session(side).experiment.network.loss === 'crossentropy') {
      if (loadClassification()) {
        plots[side][row.key] = classification.drawProbabilities(canvas, m.view('probabilities'), m.view('target')[0], null);
      }
      return;
    }
    const spec = specOf(row, side);
    if (!spec) return absent(canvas, side, row);
    plots[side][row.key] = drawTracks(canvas, spec);
  }

  function absent(canvas, side, row) {
    delete plots[side][row.key];
    canvas.hidden = true;
  }

  function drawDifference(row) {
    let spec;
    if (row.kind === 'kernel') {
      spec = SIDES.every((s) => hasParameters(s, row)) ? kernelDifferenceSpec(parameters('a', row.layer), parameters('b', row.layer))
        : { reason: 'only one side has a kernel here' };
    } else if (row.kind === 'weights') {
      spec = SIDES.every((s) => hasParameters(s, row)) ? kernelDifferenceSpec(parameters('a', row.layer), parameters('b', row.layer))
        : { reason: 'only one side has a weight matrix here' };
    } else if (row.kind === 'prediction' && SIDES.some((s) => session(s).experiment.network.loss === 'crossentropy')) {
      spec = SIDES.every((s) => session(s).experiment.network.loss === 'crossentropy')
        ? differenceSpec(...SIDES.map((s) => probabilitiesSpec(s))) : { reason: 'only one side classifies' };
    } else {
      const [a, b] = SIDES.map((s) => specOf(row, s));
      spec = a && b ? differenceSpec(a, b) : { reason: 'only one side has this plot' };
    }
    row.diff.note.hidden = !spec.reason;
    row.diff.note.textContent = spec.reason ? `No difference to draw: ${spec.reason}.` : '';
    row.diff.canvas.hidden = Boolean(spec.reason);
    if (!spec.reason) drawTracks(row.diff.canvas, spec);
  }

  function loadClassification() {
    if (classification) return true;
    import('../render/classification.js').then((m) => { classification = m; redraw(true); }, (error) => {
      context.notices.show(`The classifier's plots could not be loaded (${error && error.message || error}).`, 'error');
    });
    return false;
  }

  /** A's plot hidden by an exercise (exercise-runtime.js marks the page's canvas): hidden on both sides here too. */
  function hiddenByExercise(row) {
    const id = row.kind === 'input' ? 'canvas-input' : row.kind === 'prediction' ? 'canvas-prediction' : `plot-${row.kind}-${row.layer}`;
    return Boolean(document.getElementById(id)?.classList.contains('exercise-hidden'));
  }

  /** Redraws what is on screen (everything when `all`); off-screen plots follow once redraws pause. */
  function redraw(all = false) {
    if (!shown || !pair.comparing || !pair.a.model || !pair.b.model) return;
    buildRows();
    differences.textContent = differencesSentence(pair.a.experiment, pair.b.experiment);
    const line = SIDES.map((s) => {
      const last = session(s).history[session(s).history.length - 1];
      return `${s.toUpperCase()}: step ${session(s).experiment.steps} · C = ${formatNumber(last.loss)}`;
    }).join('\n');
    status.textContent = line;
    const trainStatus = document.getElementById('train-status');
    if (trainStatus) trainStatus.textContent = line;
    const want = (canvas) => all || onScreen.has(canvas);
    const lossHidden = document.getElementById('canvas-loss')?.classList.contains('exercise-hidden');
    lossCanvas.hidden = Boolean(lossHidden);
    if (!lossHidden && want(lossCanvas)) drawLoss();
    let skipped = false;
    for (const row of rows) {
      const hidden = hiddenByExercise(row);
      row.element.hidden = hidden;
      if (hidden) continue;
      for (const side of SIDES) {
        if (want(row.canvases[side])) drawSide(row, side); else skipped = true;
      }
      if (diffOn.has(row.key)) {
        if (want(row.diff.canvas) || row.diff.canvas.hidden) drawDifference(row); else skipped = true;
      }
    }
    clearTimeout(catchUp);
    if (skipped && !all) catchUp = setTimeout(() => redraw(true), CATCH_UP_MS);
    refreshTooltip();
  }

  function drawLoss() {
    const losses = SIDES.map((s) => session(s).experiment.network.loss);
    const words = losses[0] === losses[1] ? LOSS_WORDS[losses[0]] : `A ${LOSS_WORDS[losses[0]]}, B ${LOSS_WORDS[losses[1]]}`;
    const perExample = SIDES.every((s) => session(s).experiment.dataset && session(s).experiment.network.loss === 'sse')
      ? Object.fromEntries(SIDES.map((s) => [s, { train: session(s).model.exampleCount(), validation: Math.max(1, session(s).model.validationCount()) }])) : null;
    plots.loss = drawLossPair(lossCanvas, { a: pair.a.history, b: pair.b.history }, `${words}${perExample ? ' per example' : ''}`, perExample,
      hover && hover.panel === 'loss' ? hover.step : null);
    const now = SIDES.map((s) => `${s.toUpperCase()} C = ${formatNumber(session(s).history[session(s).history.length - 1].loss)}`).join(', ');
    lossCanvas.setAttribute('aria-label', `Loss curves of A (solid) and B (dashed) after ${pair.a.experiment.steps} steps: ${now}`);
  }

  // ---- hover, tap and keys ----
  function setHover(next, at) {
    const same = JSON.stringify(next) === JSON.stringify(hover);
    hover = next;
    anchor = next ? at : null;
    if (!next) showTooltip(document.getElementById('tooltip'), null);
    if (!same) {
      context.scheduler.requestRedraw();
      // the explanations follow the side under the pointer, and substitute its sample as the page's hover does
      if (next && next.side) pair.point(next.side, { panel: pagePanel(next), layer: next.layer, channel: next.channel, index: next.index, track: next.track });
      else pair.point(null, null);
    }
    refreshTooltip();
  }
  const pagePanel = (point) => (point.kind === 'input' ? 'signals-input' : point.kind === 'prediction' ? 'signals-output' : point.panel);

  function lossAt(side, step) {
    const history = session(side).history;
    let best = null;
    for (const p of history) if (p.step <= step) best = p;
    return best;
  }

  function tooltipContent() {
    if (!hover) return null;
    if (hover.panel === 'loss') {
      return {
        title: `step ${hover.step}`,
        lines: SIDES.map((s) => {
          const p = lossAt(s, hover.step);
          return `${s.toUpperCase()}: C = ${p ? formatNumber(p.loss) : '—'}${p && Number.isFinite(p.validation) ? `, validation C = ${formatNumber(p.validation)}` : ''}`;
        }),
      };
    }
    if (!describeHover) {
      import('../tooltip.js').then((m) => { describeHover = m.describeHover; refreshTooltip(); }, () => {});
      return null;
    }
    const s = session(hover.side);
    try {
      const content = describeHover({ panel: pagePanel(hover), layer: hover.layer, track: hover.track, channel: hover.channel, index: hover.index },
        { model: s.model, experiment: s.experiment, history: s.history });
      return content && { title: `${hover.side.toUpperCase()} · ${content.title}`, lines: content.lines };
    } catch { return null; }
  }

  function refreshTooltip() {
    if (!hover || !anchor) return;
    showTooltip(document.getElementById('tooltip'), tooltipContent(), anchor.x, anchor.y);
  }

  const panelOf = (row) => (row.kind === 'weights' ? 'weights' : row.kind);

  function wireHover(canvas, side, row) {
    const locate = (event) => {
      const rect = canvas.getBoundingClientRect();
      const hit = plots[side][row.key]?.hit(event.clientX - rect.left, event.clientY - rect.top);
      return hit ? { side, key: row.key, kind: row.kind, panel: panelOf(row), layer: row.layer, track: hit.track, channel: hit.channel, index: hit.index } : null;
    };
    canvas.addEventListener('pointermove', (event) => setHover(locate(event), { x: event.pageX, y: event.pageY }));
    canvas.addEventListener('pointerdown', (event) => setHover(locate(event), { x: event.pageX, y: event.pageY }));
    canvas.addEventListener('pointerleave', (event) => { if (event.pointerType !== 'touch') setHover(null); });
    canvas.addEventListener('blur', () => setHover(null));
    canvas.addEventListener('keydown', (event) => {
      const spec = row.kind === 'kernel' || row.kind === 'weights' ? null : specOf(row, side);
      const track = spec?.tracks.find((t) => t.id === hover?.track) ?? spec?.tracks[0];
      if (!track) return;
      let index = hover && hover.key === row.key && hover.side === side ? hover.index : 0;
      const channel = hover && hover.key === row.key ? Math.min(hover.channel, track.channels - 1) : 0;
      if (event.key === 'ArrowRight') index += 1;
      else if (event.key === 'ArrowLeft') index -= 1;
      else if (event.key === 'Home') index = 0;
      else if (event.key === 'End') index = track.length - 1;
      else if (event.key === 'Escape') { setHover(null); return; } else return;
      event.preventDefault();
      index = Math.max(0, Math.min(track.length - 1, index));
      const rect = canvas.getBoundingClientRect();
      const point = plots[side][row.key]?.point?.(track.id, channel, index);
      setHover({ side, key: row.key, kind: row.kind, panel: panelOf(row), layer: row.layer, track: track.id, channel, index },
        { x: rect.left + window.scrollX + (point ? point.x : 20), y: rect.top + window.scrollY + (point ? point.y : 20) });
    });
  }

  function wireLossHover() {
    const at = (event) => {
      const rect = lossCanvas.getBoundingClientRect();
      return plots.loss?.hit(event.clientX - rect.left, event.clientY - rect.top) ?? null;
    };
    lossCanvas.addEventListener('pointermove', (event) => setHover(at(event), { x: event.pageX, y: event.pageY }));
    lossCanvas.addEventListener('pointerleave', () => setHover(null));
    lossCanvas.addEventListener('blur', () => setHover(null));
    lossCanvas.addEventListener('keydown', (event) => {
      const steps = plots.loss?.steps ?? [];
      if (!steps.length) return;
      let i = hover && hover.panel === 'loss' ? steps.indexOf(hover.step) : steps.length - 1;
      if (event.key === 'ArrowRight') i += 1; else if (event.key === 'ArrowLeft') i -= 1;
      else if (event.key === 'Escape') { setHover(null); return; } else return;
      event.preventDefault();
      const rect = lossCanvas.getBoundingClientRect();
      setHover({ panel: 'loss', step: steps[Math.max(0, Math.min(steps.length - 1, i))] }, { x: rect.left + window.scrollX + rect.width / 2, y: rect.top + window.scrollY + 30 });
    });
  }

  view.onRedraw(() => redraw());
  const onModel = () => { setHover(null); context.scheduler.requestRedraw(); };
  pair.a.on('model', onModel);
  pair.a.on('settings', () => redraw());
  let watched = null;
  function watchB() {
    if (!pair.b || watched === pair.b) return;
    watched = pair.b;
    pair.b.on('model', onModel);
    pair.b.on('settings', () => redraw());
  }

  return {
    show() {
      watchB();
      shown = true;
      root.hidden = false;
      document.body.classList.add('comparing');
      if (!document.body.dataset.editing) edit(pair.editing === pair.b ? 'b' : 'a');
      redraw(true);
    },
    hide() {
      shown = false;
      root.hidden = true;
      setHover(null);
      document.body.classList.remove('comparing');
      delete document.body.dataset.editing;
      layoutKey = '';
    },
    redraw,
    edit,
  };
}

// Boundary lab: the same input, kernel and upstream gradient under every boundary rule, side by side — outputs and
// ∂C/∂x_in — computed by the core (cp.conv1d, cp.maxPool1d; the padded input from a one-layer model's 'padded'
// view), with the texts that answer the boundary questions of the lessons 1c (conv) and 2b (pooling). Every general
// claim below states its condition; tests/node/formulas.test.mjs checks each one against the core over a sweep.
import CONV1D from '../layers/conv1d/index.js';
import MAXPOOL1D from '../layers/maxpool1d/index.js';
import { h, para, replaceChildren } from '../shared/dom.js';
import { num } from '../shared/format.js';
import { termCount } from '../shared/formulas.js';
import { paddedSource } from '../shared/geometry.js';
import { extent, paletteOf, setupCanvas, stemRow, withAlpha } from './plot.js';

/** What each conv boundary rule does at the edges, and when to choose it (question 1c). */
export const CONV_RULES = [
  {
    id: 'zeros', mode: 'zeros', title: 'zeros',
    does: 'Pads with 0: the signal is taken to be silent outside [0, N). With \'same\' padding the output keeps length N, but the '
      + 'edge outputs mix in zeros, so near the ends they no longer see the signal\'s level (with a smoothing kernel a level sags '
      + 'towards 0 there).',
    gradient: 'The padded zeros are constants, so their gradient is dropped. ∂C/∂x_in[i] is a sum of one δ·W term per tap that '
      + 'reads x_in[i]; the edge sample is read by fewer taps: with \'same\', odd K = 2p + 1, d = 1, stride 1 and N > p, x_in[0] '
      + 'collects p + 1 terms where an interior sample collects K. Whether its gradient is smaller depends on W and δ.',
    choose: 'Choose it when the signal really is zero outside the window (an impulse, a burst, zero-mean audio with silence '
      + 'around it), or to match the default of most CNN libraries.',
  },
  {
    id: 'reflect', mode: 'reflect', title: 'reflect',
    does: 'Mirrors the signal about its edge sample without repeating it: x[−1] = x[1], x[−2] = x[2]. The continuation has no '
      + 'step at the ends. PyTorch needs p < N.',
    gradient: 'Each mirrored copy sends its gradient back to the sample it copied. With \'same\', odd K = 2p + 1, d = 1 and stride 1 '
      + '(and N > 2p + 1), x_in[1] … x_in[p] collect K + 1 δ·W terms each, the edge sample x_in[0] — never copied — only p + 1, an '
      + 'interior sample K.',
    choose: 'Choose it for smooth natural signals (audio, sensor traces, image rows) when you want no edge artefacts and no '
      + 'invented level.',
  },
  {
    id: 'replicate', mode: 'replicate', title: 'replicate',
    does: 'Repeats the edge sample: x[−j] = x[0], x[N−1+j] = x[N−1]. The signal is held flat beyond its ends.',
    gradient: 'All p copies of x_in[0] return their gradients to x_in[0] (likewise x_in[N−1]). With \'same\', odd K = 2p + 1, d = 1, '
      + 'stride 1 and N > p, x_in[0] collects (p + 1)(p + 2)/2 δ·W terms where an interior sample collects K. What they add up to '
      + 'depends on the kernel: with δ = 1, W = [0.25, 0.5, 0.25] gives 1 at every sample, W = [0.1, 0.3, 0.6] gives 0.5 at the '
      + 'left end and 1.5 at the right.',
    choose: 'Choose it for signals that are locally constant near their ends (levels, steps, slowly varying measurements).',
  },
  {
    id: 'circular', mode: 'circular', title: 'circular',
    does: 'Wraps around: the left padding copies the end of the signal and the right padding its beginning, as if the signal '
      + 'were one period of a periodic signal. PyTorch needs p ≤ N.',
    gradient: 'The gradient of the left padding lands on the last samples and vice versa. With \'same\' padding, stride 1 and '
      + 'N > d(K − 1), every sample collects exactly K δ·W terms, as in the interior: no edge effect in the count, but the two '
      + 'ends are coupled.',
    choose: 'Choose it only for truly periodic data (a whole number of cycles, angles, circular buffers). Otherwise the jump '
      + 'where the end meets the beginning becomes a spurious edge.',
  },
  {
    id: 'valid', mode: 'zeros', valid: true, title: 'valid (no padding)',
    does: 'No padding: only windows that fit entirely inside the signal, so with stride 1 the output has N − d(K−1) samples. '
      + 'Nothing is invented.',
    gradient: 'x_in[0] lies in a single window, under its first tap only, so it collects one δ·W term where an interior sample '
      + 'collects K (stride 1, N > 2d(K − 1)): the edge samples take part in fewer terms of ∂C/∂x_in and of ∂C/∂W.',
    choose: 'Choose it when every output must come from real data and the shorter output is acceptable — but each stacked layer '
      + 'shrinks the signal by d(K−1), and keeping the length N needs padding.',
  },
];

/** The answer to question 1c, in one paragraph. */
export const CONV_ANSWER = 'To keep the length N with a kernel of K taps, dilation d and stride 1, the input needs d(K−1) extra '
  + 'samples in total. PyTorch\'s \'same\' puts ⌊d(K−1)/2⌋ of them on the left and the rest on the right: for odd K with d = 1 '
  + 'that is (K−1)/2 on each side; K = 4 gives 1 on the left and 2 on the right, K = 4 with d = 3 gives 4 and 5. '
  + 'What those samples contain is the boundary rule, and it decides both the edge outputs and, in the backward pass, where '
  + 'the gradient of the padded cells goes: dropped (zeros), or added back onto the samples they copied (reflect, replicate, '
  + 'circular). Zeros is the usual default and right when the signal is zero outside; reflect or replicate avoid the artificial '
  + 'edge for natural signals; circular is right only for periodic signals; valid avoids invented data at the cost of length. '
  + 'Note that the padding value is 0, not 1, and that \'same\' padding keeps the output length — it does not make it larger.';

/** What each pooling boundary rule does (question 2b). */
export const POOL_RULES = [
  {
    id: 'pool-valid', title: 'stride 1, no padding',
    text: 'Stride-1 max-pooling with a window of K and dilation d has N − d(K−1) outputs: x_in and x_out differ in size. '
      + 'Every window lies inside the signal. The edge samples are in fewer windows, so they can win fewer of them.',
  },
  {
    id: 'pool-pad', title: 'stride 1, −∞ padding',
    text: 'Padding p on each side gives N + 2p − d(K−1) outputs, so p = ⌊K/2⌋ keeps the length N only when 2⌊K/2⌋ = d(K−1): '
      + 'for odd K that means d = 1. Otherwise the length changes: K = 2 or 4 with d = 1 gives N + 1, K = 3 with d = 2 gives N − 2. With dilation, keeping N '
      + 'needs p = d(K−1)/2, which PyTorch\'s rule p ≤ K/2 allows only for K ≤ 2 (K = 2, d = 2, p = 1). The padding value is −∞, never 0: a padded cell never wins a window that holds a '
      + 'real sample (zero padding would wrongly output 0 next to a negative signal). With d = 1 every window holds one; with '
      + 'dilation a window can fall entirely in the padding: it is empty, outputs −∞ and passes no gradient. Padded cells never '
      + 'receive gradient, so nothing has to be folded back.',
  },
  {
    id: 'pool-floor', title: 'stride s > 1, floor mode',
    text: 'With a stride larger than 1 the windows may not reach the right end: floor mode drops an incomplete last window, '
      + 'so samples after the last complete window are in no window: they are never looked at and their gradient is 0. '
      + 'When the stride is larger than the window\'s span d(K−1) + 1, or shares a factor with the dilation d, samples between '
      + 'the windows are in no window either, in floor and ceil mode alike.',
  },
  {
    id: 'pool-ceil', title: 'stride s > 1, ceil mode',
    text: 'Ceil mode keeps an incomplete last window — its taps past the end read −∞, even with padding 0 — so the samples from '
      + 'where it starts to the end are pooled too. A window that would start beyond the input and its left padding '
      + '((M′ − 1)·s ≥ N + p) is still dropped: then ceil mode changes nothing, and samples after the last window stay unread '
      + '(as the gap samples of a large stride do). With stride 1 the division is exact, so ceil mode changes nothing. '
      + 'Ceil mode alone never makes a window of only padding: that takes dilation.',
  },
];

/** The answer to question 2b, in one paragraph. */
export const POOL_ANSWER = 'Max-pooling has no weights, so its boundary question is only which windows exist. With stride 1 the '
  + 'natural choice is no padding: the output is N − d(K−1) samples long and each is a true maximum. If the length must be kept '
  + '(odd K, d = 1), pad (K−1)/2 = ⌊K/2⌋ samples of −∞ on each side (never zeros): the padding never wins a window that holds '
  + 'a real sample, so the outputs stay maxima of real samples, and the backward pass still sends each window\'s gradient only '
  + 'to its arg-max, summed where overlapping windows share a winner (first maximum wins ties). Ceil mode only matters for '
  + 'strides above 1, where it keeps the last partial window so the tail of the signal is not ignored.';

/** The lab's inputs, taken from the current model: x (channel 0 of the first conv's or pool's input), kernel, geometry. */
export function labInputs(model) {
  const layers = model.layers;
  const conv = layers.findIndex((g) => g.type === CONV1D.type);
  const pool = layers.findIndex((g) => g.type === MAXPOOL1D.type);
  const x = model.view('input').slice(0, model.inputLength);
  const convInfo = conv >= 0 ? {
    layer: conv,
    x: model.view('input', conv).slice(0, layers[conv].inLength),
    kernel: model.view('weight', conv).slice(0, layers[conv].kernelSize),
    kernelSize: layers[conv].kernelSize,
    dilation: layers[conv].dilation,
    gradOutput: layers[conv].stride === 1 ? model.view('gradOutput', conv).slice(0, layers[conv].outLength) : null,
    padLeft: layers[conv].padLeft, padRight: layers[conv].padRight,
  } : { layer: -1, x, kernel: Float32Array.of(0.25, 0.5, 0.25), kernelSize: 3, dilation: 1, gradOutput: null, padLeft: 1, padRight: 1 };
  const poolInfo = pool >= 0 ? {
    layer: pool,
    x: model.view('input', pool).slice(0, layers[pool].inLength),
    kernelSize: layers[pool].kernelSize, dilation: layers[pool].dilation, stride: layers[pool].stride,
  } : { layer: -1, x, kernelSize: 3, dilation: 1, stride: 1 };
  return { conv: convInfo, pool: poolInfo };
}

/**
 * Runs the conv rules with the core. upstream: 'ones' or 'current' (the layer's own ∂C/∂x_out where the lengths agree).
 * → [{ rule, padLeft, padRight, padded, y, dx, error? }]
 */
export function runConvRules(cp, info, upstream = 'ones') {
  const N = info.x.length, K = info.kernelSize, d = info.dilation;
  const total = d * (K - 1);
  const symmetric = info.padLeft === info.padRight && info.padLeft > 0;
  const pl = symmetric ? info.padLeft : Math.floor(total / 2);
  const pr = symmetric ? info.padRight : total - Math.floor(total / 2);
  return CONV_RULES.map((rule) => {
    const padding = rule.valid ? 0 : symmetric ? pl : 'same';
    const padLeft = rule.valid ? 0 : pl, padRight = rule.valid ? 0 : pr;
    try {
      const model = cp.createModel({ inputLength: N, inputChannels: 1, layers: [
        { type: CONV1D.type, outChannels: 1, kernelSize: K, dilation: d, padding, paddingMode: rule.mode, bias: false }], seed: 0 });
      let padded;
      try {
        model.setInput(info.x);
        model.setParameters(0, { weight: info.kernel });
        model.evaluate();
        padded = model.view('padded', 0).slice();
      } finally {
        model.delete();
      }
      const M = N + padLeft + padRight - total;
      let gradOut = new Float32Array(M).fill(1);
      if (upstream === 'current' && info.gradOutput) {
        if (info.gradOutput.length === M) gradOut = info.gradOutput;
        else if (info.gradOutput.length > M) gradOut = info.gradOutput.slice(pl, pl + M);
      }
      const r = cp.conv1d({ x: info.x, inChannels: 1, outChannels: 1, kernelSize: K, w: info.kernel, dilation: d, padding,
        paddingMode: rule.mode, gradOut });
      // The samples whose count of δ·W terms differs from an interior sample's K: the ones the rule changes (ringed).
      const g = { kernelSize: K, dilation: d, stride: 1, paddedLength: N + padLeft + padRight, outLength: r.y.length };
      const source = (j) => paddedSource(j, padLeft, N, rule.mode);
      const ringed = Array.from({ length: N }, (_, n) => termCount(g, n, source) !== K);
      return { rule, padLeft, padRight, padded, y: r.y, dx: r.dx, gradOut, ringed };
    } catch (error) {
      return { rule, padLeft, padRight, error: error.message };
    }
  });
}

/** Runs the pooling rules with the core. → [{ rule, kernelSize, stride, padding, ceilMode, y, indices, dx, error? }] */
export function runPoolRules(cp, info) {
  const K = info.kernelSize, d = info.dilation;
  // A stride > 1 whose last window is partial, so that floor and ceil mode differ (when one exists nearby).
  const N = info.x.length;
  const span = d * (K - 1);
  const first = info.stride > 1 ? info.stride : Math.max(2, K);
  let big = first;
  for (let s = first; s < first + 4; s++) {
    if ((N - span - 1) % s !== 0 && (N - span - 1) >= 0) { big = s; break; }
  }
  const configs = {
    'pool-valid': { stride: 1, padding: 0, ceilMode: false },
    'pool-pad': { stride: 1, padding: Math.floor(K / 2), ceilMode: false },
    'pool-floor': { stride: big, padding: 0, ceilMode: false },
    'pool-ceil': { stride: big, padding: 0, ceilMode: true },
  };
  return POOL_RULES.map((rule) => {
    const c = configs[rule.id];
    try {
      const probe = cp.maxPool1d({ x: info.x, channels: 1, kernelSize: K, dilation: d, ...c });
      const r = cp.maxPool1d({ x: info.x, channels: 1, kernelSize: K, dilation: d, ...c, gradOut: new Float32Array(probe.outLength).fill(1) });
      return { rule, kernelSize: K, dilation: d, ...c, y: r.y, indices: r.indices, dx: r.dx };
    } catch (error) {
      return { rule, kernelSize: K, dilation: d, ...c, error: error.message };
    }
  });
}

/** Samples shown at each end in the edge view (the lab is about the edges). */
export const EDGE_SAMPLES = 10;

/**
 * The horizontal panes of a plot: the whole axis, or — for long signals — its two ends side by side.
 * → [{ x, w, from, slots }]
 */
function panes(width, axis) {
  const left = axis.padLeft + EDGE_SAMPLES, right = axis.slots - (axis.padLeft + axis.n - EDGE_SAMPLES);
  if (axis.n <= 2 * EDGE_SAMPLES + 8) return [{ x: 4, w: width - 8, from: 0, slots: axis.slots }];
  const gap = 18;
  const cell = (width - 8 - gap) / (left + right);
  return [
    { x: 4, w: cell * left, from: 0, slots: left },
    { x: 4 + cell * left + gap, w: cell * right, from: axis.slots - right, slots: right },
  ];
}

/** Draws rows (each: { values, options }) across the panes, with a break mark between the two ends. */
function drawRows(canvas, width, axis, rows, palette) {
  const rowH = 58;
  const height = rowH * rows.length + 6;
  const ctx = setupCanvas(canvas, width, height);
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, width, height);
  const ps = panes(width, axis);
  rows.forEach((row, r) => {
    ps.forEach((pane, i) => {
      const box = { x: pane.x, y: 3 + r * rowH, w: pane.w, h: rowH - 6, slots: pane.slots };
      stemRow(ctx, box, row.values, { ...row.options, palette, from: pane.from, label: i === 0 ? row.options.label : undefined });
    });
  });
  if (ps.length === 2) {
    ctx.fillStyle = palette.text;
    ctx.font = '14px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const x = ps[1].x - 14;
    for (let r = 0; r < rows.length; r++) ctx.fillText('\u22ef', x, 3 + r * rowH + rowH / 2);
  }
  return ps.length === 2;
}

/** One conv rule: padded input (padding shaded), output under its window centres, ∂C/∂x_in. */
function drawConvRule(canvas, result, axis, scales, palette, width) {
  const shift = axis.padLeft - result.padLeft;
  const N = axis.n;
  const isPad = (s) => s >= shift && s < shift + result.padded.length && (s - shift < result.padLeft || s - shift >= result.padLeft + N);
  const c0 = Math.floor(axis.span / 2);
  return drawRows(canvas, width, axis, [
    { values: result.padded, options: { color: palette.input, offset: shift, scale: scales.x, label: 'x_pad (grey: padding)',
      shade: (s) => (isPad(s) ? withAlpha(palette.padding, 0.3) : null) } },
    { values: result.y, options: { color: palette.output, offset: shift + c0, scale: scales.y, label: `x_out (${result.y.length} samples)` } },
    { values: result.dx, options: { color: palette.gradient, offset: axis.padLeft, scale: scales.dx, mark: (i) => (result.ringed[i] ? palette.text : null),
      label: '\u2202C/\u2202x_in (ringed: a term count other than K)' } },
  ], palette);
}

/** One pooling rule: input with its −∞ padding, outputs under their window centres, windows won per sample. */
function drawPoolRule(canvas, result, axis, scales, palette, width) {
  const N = axis.n;
  const p = result.padding;
  // The samples some window reads (with a stride above d(K−1) + 1 or with dilation there are gaps, not only a tail).
  const inWindow = new Uint8Array(N);
  for (let t = 0; t < result.y.length; t++) {
    for (let k = 0; k < result.kernelSize; k++) {
      const i = t * result.stride + k * result.dilation - p;
      if (i >= 0 && i < N) inWindow[i] = 1;
    }
  }
  const isPad = (s) => p > 0 && ((s >= axis.padLeft - p && s < axis.padLeft) || (s >= axis.padLeft + N && s < axis.padLeft + N + p));
  const c0 = Math.floor(result.dilation * (result.kernelSize - 1) / 2);
  return drawRows(canvas, width, axis, [
    { values: axis.x, options: { color: palette.input, offset: axis.padLeft, scale: scales.x, dim: (i) => !inWindow[i],
      label: p ? `x_in; grey: \u2212\u221e padding ${p}` : 'x_in (faded: in no window)', shade: (s) => (isPad(s) ? withAlpha(palette.padding, 0.3) : null) } },
    { values: result.y, options: { color: palette.output, offset: axis.padLeft - p + c0, spacing: result.stride, scale: scales.x, label: `x_out (${result.y.length} samples)` } },
    { values: result.dx, options: { color: palette.gradient, offset: axis.padLeft, scale: scales.dx, label: '\u2202C/\u2202x_in = windows won' } },
  ], palette);
}

/** Mounts the lab. → { refresh(), results() } */
export function mountBoundaryLab(root, context) {
  const palette = paletteOf(context);
  const upstream = h('select', { 'aria-label': 'Upstream gradient \u2202C/\u2202x_out used by every rule' },
    h('option', { value: 'ones' }, '\u2202C/\u2202x_out = 1 everywhere (shows how much each sample is used)'),
    h('option', { value: 'current' }, '\u2202C/\u2202x_out of the current experiment'));
  const convGrid = h('div', { class: 'explain-lab-grid' });
  const poolGrid = h('div', { class: 'explain-lab-grid' });
  const convNote = h('p', { class: 'explain-note' });
  const poolNote = h('p', { class: 'explain-note' });
  replaceChildren(root,
    h('p', {}, 'The same input, kernel and upstream gradient under every boundary rule, computed by the core. Shaded cells are padding; '
      + 'ringed ∂C/∂x_in samples are those that collect a number of δ·W terms other than K (an interior sample\u2019s): the samples whose gradient the rule changes.'),
    h('label', {}, 'Upstream gradient: ', upstream),
    h('h4', {}, 'Convolution (lesson 1c)'), convNote, convGrid,
    h('div', { class: 'explain-answer' }, h('h5', {}, 'Answer to 1c: how to handle the boundaries, and why'), para(CONV_ANSWER)),
    h('h4', {}, 'Max-pooling (lesson 2b)'), poolNote, poolGrid,
    h('div', { class: 'explain-answer' }, h('h5', {}, 'Answer to 2b: pooling at the boundaries'), para(POOL_ANSWER)));

  let last = null;
  const plotWidth = (card) => Math.max(240, (card.clientWidth || 360) - 12);

  function refresh() {
    const model = context.model();
    const info = labInputs(model);
    const convResults = runConvRules(context.cp, info.conv, upstream.value);
    const poolResults = runPoolRules(context.cp, info.pool);
    last = { conv: convResults, pool: poolResults, info };
    const N = info.conv.x.length;
    const span = info.conv.dilation * (info.conv.kernelSize - 1);
    const axis = { n: N, span, padLeft: Math.max(...convResults.map((r) => r.padLeft || 0)), slots: 0 };
    axis.slots = N + axis.padLeft + Math.max(...convResults.map((r) => r.padRight || 0));
    const ok = convResults.filter((r) => !r.error);
    const scales = { x: extent(ok.map((r) => r.padded)), y: extent(ok.map((r) => r.y)), dx: extent(ok.map((r) => r.dx)) };
    convNote.textContent = `Input: ${info.conv.layer >= 0 ? `the input of layer ${info.conv.layer + 1}` : 'the network input'} (${N} samples, channel 0); `
      + `kernel: ${info.conv.layer >= 0 ? 'its current weights' : 'a fixed [0.25, 0.5, 0.25] (the network has no conv layer)'} `
      + `(${Array.from(info.conv.kernel, (v) => num(v, 3)).join(', ')}), stride 1, dilation ${info.conv.dilation}.`;
    const convCards = convResults.map((r) => {
      const canvas = h('canvas', { role: 'img' });
      const card = h('figure', { class: 'explain-lab-card', dataset: { rule: r.rule.id } },
        h('figcaption', {}, h('strong', {}, r.rule.title)), canvas,
        para(['b', 'At the edges: '], r.rule.does), para(['b', 'Gradient: '], r.rule.gradient), para(['b', 'When: '], r.rule.choose));
      if (r.error) {
        canvas.remove();
        card.insertBefore(h('p', { class: 'explain-fail' }, `Not possible here: ${r.error}`), card.children[1]);
      }
      return { r, card, canvas };
    });
    replaceChildren(convGrid, ...convCards.map((c) => c.card));
    const edges = (a) => `${num(a[0], 3)}, ${num(a[1] ?? NaN, 3)} \u2026 ${num(a[a.length - 2] ?? NaN, 3)}, ${num(a[a.length - 1], 3)}`;
    let split = false;
    for (const { r, card, canvas } of convCards) {
      if (r.error) continue;
      split = drawConvRule(canvas, r, axis, scales, palette, plotWidth(card));
      canvas.setAttribute('aria-label', `${r.rule.title}: output has ${r.y.length} samples, first and last outputs ${edges(r.y)}; `
        + `input gradient at the edges ${edges(r.dx)}`);
    }
    if (split) convNote.textContent += ` The plots show the first and last ${EDGE_SAMPLES} samples (and the padding), where the rules differ.`;
    const pN = info.pool.x.length;
    const pAxis = { n: pN, x: info.pool.x, padLeft: Math.floor(info.pool.kernelSize / 2), slots: 0 };
    pAxis.slots = pN + 2 * pAxis.padLeft + Math.max(info.pool.stride, info.pool.kernelSize);
    const pOk = poolResults.filter((r) => !r.error);
    const pScales = { x: extent([info.pool.x]), dx: extent(pOk.map((r) => r.dx)) };
    poolNote.textContent = `Input: ${info.pool.layer >= 0 ? `the input of layer ${info.pool.layer + 1}` : 'the network input'} (${pN} samples); `
      + `window K = ${info.pool.kernelSize}${info.pool.dilation > 1 ? `, dilation ${info.pool.dilation}` : ''}; `
      + '∂C/∂x_out = 1 everywhere, so ∂C/∂x_in counts the windows each sample wins.';
    const poolCards = poolResults.map((r) => {
      const canvas = h('canvas', { role: 'img' });
      const card = h('figure', { class: 'explain-lab-card', dataset: { rule: r.rule.id } },
        h('figcaption', {}, h('strong', {}, `${r.rule.title}`), ` (K = ${r.kernelSize}, stride ${r.stride}, padding ${r.padding}${r.ceilMode ? ', ceil' : ''})`),
        canvas, para(r.rule.text));
      if (r.error) {
        canvas.remove();
        card.insertBefore(h('p', { class: 'explain-fail' }, `Not possible here: ${r.error}`), card.children[1]);
      }
      return { r, card, canvas };
    });
    replaceChildren(poolGrid, ...poolCards.map((c) => c.card));
    for (const { r, card, canvas } of poolCards) {
      if (r.error) continue;
      drawPoolRule(canvas, r, pAxis, pScales, palette, plotWidth(card));
      canvas.setAttribute('aria-label', `${r.rule.title}: ${r.y.length} outputs from ${pN} inputs; windows won by the first and last inputs: ${edges(r.dx)}`);
    }
    return last;
  }

  upstream.addEventListener('change', refresh);
  return { refresh, results: () => last };
}

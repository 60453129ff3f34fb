// The gradient check: the core's central finite differences in double precision (model.gradientCheck()) against
// the analytic ∂C/∂W, ∂C/∂b and ∂C/∂x_in of every layer, with the worst relative error and a sortable table.
import { h, replaceChildren } from '../shared/dom.js';
import { num } from '../shared/format.js';

/** Below this the backward pass agrees with the finite differences. */
export const PASS_THRESHOLD = 1e-3;

const TENSOR_LABEL = { weight: '\u2202C/\u2202W', bias: '\u2202C/\u2202b', input: '\u2202C/\u2202x_in' };

/** "W[o,c,k]" / "b[o]" / "x_in[c,i]" for an entry, given the layer geometry. */
export function entryName(entry, geometry) {
  const i = entry.index;
  if (entry.tensor === 'weight' && geometry && geometry.kernelSize) {
    const K = geometry.kernelSize, C = geometry.inChannels;
    const k = i % K, c = Math.floor(i / K) % C, o = Math.floor(i / (K * C));
    return geometry.inChannels === 1 && geometry.outChannels === 1 ? `W[${k}]` : `W[${o},${c},${k}]`;
  }
  if (entry.tensor === 'bias') return `b[${i}]`;
  if (geometry && geometry.inChannels > 1) {
    return `x_in[${Math.floor(i / geometry.inLength)},${i % geometry.inLength}]`;
  }
  return `x_in[${i}]`;
}

/** Entries ordered by relative error, worst first, kinks last (they do not count). */
export function orderEntries(entries, key = 'relativeError', descending = true) {
  const sign = descending ? -1 : 1;
  return [...entries].sort((a, b) => {
    if (key === 'relativeError' && a.atKink !== b.atKink) return a.atKink ? 1 : -1;
    const x = a[key], y = b[key];
    if (typeof x === 'string' || typeof y === 'string') return sign * String(x).localeCompare(String(y));
    if (x === y) return (a.layer - b.layer) || (a.index - b.index);
    return sign * (x < y ? -1 : 1);
  });
}

/**
 * Mounts the gradient-check panel. → { run() → report } (also for tests).
 */
export function mountGradientCheck(root, context) {
  const button = h('button', { type: 'button', class: 'explain-primary' }, 'Run gradient check');
  const summary = h('div', { class: 'explain-gc-summary', role: 'status', 'aria-live': 'polite' });
  const tableBox = h('div', { class: 'explain-gc-table' });
  replaceChildren(root,
    h('p', {}, 'The core perturbs every checked weight, bias and input sample \u03b8 by \u00b1h, with the relative step h = 10\u207b\u2076\u00b7max(1, |\u03b8|), in a double-precision copy '
      + 'of the network and compares the slope (C(\u03b8 + h) \u2212 C(\u03b8 \u2212 h)) / 2h with the backward pass of the same copy. '
      + 'Relative error = |analytic \u2212 numeric| / max(|analytic|, |numeric|, 10\u207b\u2076); below 10\u207b\u00b3 the backward equations are right.'),
    h('p', {}, 'Entries marked \u201ckink\u201d have a point where the loss is not differentiable within \u00b1h: a ReLU input '
      + 'that changes sign, or a max-pool window whose winner changes, between \u03b8 \u2212 h and \u03b8 + h (the core compares '
      + 'the forward pass\u2019s branches at both points). There the finite difference mixes two slopes, and the analytic value '
      + '(one valid subgradient: first maximum wins, ReLU\u2032(0) = 0) cannot match it, however small the slopes are. '
      + 'Those entries are shown but not counted in the worst error.'),
    button, summary, tableBox);

  let report = null;
  let sortKey = 'relativeError';
  let descending = true;

  function run() {
    const model = context.model();
    report = model.gradientCheck({ maxPerTensor: 64 });
    report.layers = model.layers;
    render();
    return report;
  }

  function render() {
    if (!report) return;
    const worst = report.worstRelativeError;
    const pass = worst < PASS_THRESHOLD;
    summary.dataset.worst = String(worst);
    summary.dataset.pass = String(pass);
    replaceChildren(summary,
      h('p', { class: pass ? 'explain-pass' : 'explain-fail' },
        h('strong', {}, `Worst relative error: ${worst.toExponential(2)}`),
        ` \u2014 ${pass ? 'passes' : 'FAILS'} (threshold 10\u207b\u00b3) over ${report.entries.length - report.kinks} entries`,
        report.kinks ? `; ${report.kinks} at a kink (excluded)` : ''));
    const groups = new Map();
    for (const e of report.entries) {
      const key = `${e.layer}|${e.tensor}`;
      const g = groups.get(key) || { layer: e.layer, tensor: e.tensor, worst: 0, count: 0, kinks: 0 };
      g.count += 1;
      if (e.atKink) g.kinks += 1;
      else g.worst = Math.max(g.worst, e.relativeError);
      groups.set(key, g);
    }
    summary.append(h('ul', { class: 'explain-gc-groups' }, [...groups.values()].map((g) => h('li', {},
      `Layer ${g.layer + 1} (${report.layers[g.layer] ? report.layers[g.layer].type : '?'}) ${TENSOR_LABEL[g.tensor] || g.tensor}: `,
      h('strong', {}, g.worst.toExponential(1)), ` worst of ${g.count - g.kinks}${g.kinks ? ` (+${g.kinks} at a kink)` : ''}`))));
    const columns = [
      ['layer', 'Layer'], ['tensor', 'Tensor'], ['index', 'Entry'], ['analytic', 'Analytic'], ['numeric', 'Numeric'],
      ['relativeError', 'Relative error'],
    ];
    const header = h('tr', {}, columns.map(([key, label]) => {
      const active = key === sortKey;
      return h('th', { scope: 'col', 'aria-sort': active ? (descending ? 'descending' : 'ascending') : 'none' },
        h('button', { type: 'button', class: 'explain-sort', onclick: () => { descending = active ? !descending : key === 'relativeError'; sortKey = key; render(); } },
          label, active ? (descending ? ' \u25bc' : ' \u25b2') : ''));
    }), h('th', { scope: 'col' }, 'Note'));
    const rows = orderEntries(report.entries, sortKey, descending).map((e) => {
      const g = report.layers[e.layer];
      return h('tr', { class: e.atKink ? 'explain-kink' : e.relativeError >= PASS_THRESHOLD ? 'explain-bad' : '' },
        h('td', {}, `${e.layer + 1} (${g ? g.type : '?'})`),
        h('td', {}, TENSOR_LABEL[e.tensor] || e.tensor),
        h('td', {}, entryName(e, g)),
        h('td', { class: 'num' }, num(e.analytic, 6)),
        h('td', { class: 'num' }, num(e.numeric, 6)),
        h('td', { class: 'num' }, e.relativeError.toExponential(2)),
        h('td', {}, e.atKink ? 'kink (not counted)' : ''));
    });
    replaceChildren(tableBox, h('table', {},
      h('caption', {}, 'Per-parameter check (at most 64 evenly spaced entries per tensor); click a column to sort'),
      h('thead', {}, header), h('tbody', {}, rows)));
  }

  button.addEventListener('click', () => {
    try {
      run();
    } catch (error) {
      summary.textContent = `The gradient check failed: ${error.message}`;
    }
  });

  return {
    run,
    report: () => report,
    /** The network changed: the old report no longer describes it. */
    invalidate() {
      if (!report) return;
      report = null;
      delete summary.dataset.worst;
      delete summary.dataset.pass;
      summary.textContent = 'The network changed: run the check again.';
      tableBox.textContent = '';
    },
  };
}

// The notation box at the top of the explanations: every letter the lessons, equations, step-through, boundary lab,
// tooltips and README use, defined once. NOTATION is plain data (tests/node/formulas.test.mjs reads it).
import { h } from '../shared/dom.js';

/** [symbol, meaning] pairs, in reading order. */
export const NOTATION = [
  ['x_in, x_out', 'the input and output of one layer ℓ; x_out of a conv layer followed by an activation is that activation\u2019s x_in (the pre-activation)'],
  ['N, M', 'samples per channel of x_in and of x_out'],
  ['c, o', 'an input channel and an output channel'],
  ['K, k', 'the kernel (or pooling window) size, and a tap k = 0 \u2026 K\u22121'],
  ['s, d', 'the stride and the dilation'],
  ['p_l, p_r, p', 'conv padding on the left and on the right; a max-pool pads p cells of \u2212\u221e on each side'],
  ['x_pad, N_pad', 'the padded input of a layer and its length N + p_l + p_r'],
  ['W, b', 'the conv kernel W[o,c,k] and bias b[o]; W^flip[m] = W[K\u22121\u2212m]'],
  ['a[t]', 'the arg-max of pool window t, an index of x_in: a[t] = t\u00b7s + k*\u00b7d \u2212 p, k* the first tap that attains the maximum'],
  ['\u0177, y', 'the prediction (the last layer\u2019s x_out) and the target; y means only the target'],
  ['C', 'the loss, \u03a3 (\u0177 \u2212 y)\u00b2 or its mean'],
  ['\u03b4^(\u2113)', '\u2202C/\u2202x_out of layer \u2113: the gradient arriving from the layer above (\u03b4 when the layer is clear)'],
  ['\u03b7', 'the learning rate of the SGD update W \u2190 W \u2212 \u03b7 \u2202C/\u2202W'],
];

/** The box: a definition list, collapsible so it stays out of the way once read. */
export function notationBox() {
  const rows = NOTATION.flatMap(([symbol, meaning]) => [h('dt', {}, symbol), h('dd', {}, meaning)]);
  return h('details', { class: 'explain-notation', id: 'explain-notation', open: true },
    h('summary', {}, h('strong', {}, 'Notation used throughout')), h('dl', {}, ...rows));
}

// The notation box at the top of the explanations: every letter the lessons, equations, step-through, boundary lab,
// tooltips and README use, defined once. NOTATION is plain data (tests/node/formulas.test.mjs reads it).
import { h } from '../shared/dom.js';

/** [symbol, meaning] pairs, in reading order. One symbol, one meaning, page-wide. */
export const NOTATION = [
  ['x_in, x_out', 'the input and output of one layer \u2113; x_out of a conv layer followed by an activation is that activation\u2019s x_in (the pre-activation)'],
  ['N, M', 'samples per channel of x_in and of x_out'],
  ['i, t', 'a sample of x_in (i = 0 \u2026 N\u22121) and a position of x_out (t = 0 \u2026 M\u22121)'],
  ['c, o', 'an input channel and an output channel'],
  ['K, k', 'the kernel (or pooling window) size, and a tap k = 0 \u2026 K\u22121'],
  ['s, d', 'the stride and the dilation'],
  ['p_l, p_r, p', 'conv padding on the left and on the right; a max-pool pads p cells of \u2212\u221e on each side, an avg-pool p zeros'],
  ['x_pad, N_pad, j', 'the padded input of a layer, its length N + p_l + p_r, and a cell j of it (j also counts the values of \u0177, z and p_j, and the flattened input of a linear layer)'],
  ['W, b', 'the kernel W[o,c,k] (a linear layer: W[o,j]) and the bias b[o]'],
  ['W^flip, q', 'the flipped kernel W^flip[q] = W[K\u22121\u2212q], q = 0 \u2026 K\u22121'],
  ['g, g\u2032', 'an activation function (identity, ReLU, tanh, sigmoid) and its derivative'],
  ['a[t]', 'the arg-max of pool window t, an index of x_in: a[t] = t\u00b7s + k*\u00b7d \u2212 p, k* the first tap that attains the maximum'],
  ['D_t', 'the divisor of avg-pool window t: the cells it averages (padding counted or not)'],
  ['\u0177, y', 'the prediction (the last layer\u2019s x_out) and the target; y means only the target (with cross-entropy: the true class)'],
  ['n', 'the output values of one example, n = channels \u00b7 M (mse divides by it)'],
  ['z, z_max', 'with cross-entropy: the logits z_j = \u0177_j, one per class j, and their largest'],
  ['p_j', 'the softmax probability of class j, p_j = e^{z_j} / \u03a3_i e^{z_i} (always with a class index; p alone is padding)'],
  ['C, C_e', 'the loss. One example: its loss, \u03a3 (\u0177 \u2212 y)\u00b2 (sse), their mean (mse) or \u2212log p_y (cross-entropy). A data set: C is the mean over its examples of each one\u2019s loss C_e (\u201ctraining C (mean per example)\u201d). A training step\u2019s C is its batch\u2019s loss: the sum (sse) or the mean (mse, cross-entropy) over the batch'],
  ['B, e', 'the batch size, and an example e = 1 \u2026 B of a batch'],
  ['\u03b4^(\u2113), \u03b4_e', '\u2202C/\u2202x_out of layer \u2113: the gradient arriving from the layer above (\u03b4 when the layer is clear); \u03b4_e example e\u2019s share in a batch (sse: 2(\u0177 \u2212 y); mse: 2(\u0177 \u2212 y)/(B\u00b7n); cross-entropy: (p_j \u2212 1[j = y])/B)'],
  ['\u03b4\u0303', '\u03b4 spread onto the x_pad axis: \u03b4\u0303[t\u00b7s] = \u03b4[t], 0 between and outside (the backward pass as a full correlation)'],
  ['\u03b8, u', 'any weight or bias, and the optimizer\u2019s step u = 1, 2, \u2026; \u03b8_u is its value after step u'],
  ['G_u', 'the gradient step u uses: \u2202C/\u2202\u03b8 of its batch at \u03b8_{u\u22121}, plus \u03bb\u03b8_{u\u22121} with weight decay'],
  ['\u03b7', 'the learning rate'],
  ['\u03bb', 'the weight decay (\u03bb_max, \u03bb_min with a subscript: the largest and smallest eigenvalue of A\u1d40A in the divergence exercise)'],
  ['\u03bc, \u03c4, vel_u', 'SGD\u2019s momentum, dampening and velocity: vel_u = \u03bc vel_{u\u22121} + (1 \u2212 \u03c4) G_u'],
  ['\u03b2\u2081, \u03b2\u2082, \u03b5', 'Adam\u2019s decay rates of m and v, and the \u03b5 added to \u221av\u0302'],
  ['m_u, v_u', 'Adam\u2019s running means of G_u and of G_u\u00b2 (m\u0302_u, v\u0302_u: divided by 1 \u2212 \u03b2^u, the bias correction)'],
];

/** The box: a definition list, collapsible so it stays out of the way once read. */
export function notationBox() {
  const rows = NOTATION.flatMap(([symbol, meaning]) => [h('dt', {}, symbol), h('dd', {}, meaning)]);
  return h('details', { class: 'explain-notation', id: 'explain-notation', open: true },
    h('summary', {}, h('strong', {}, 'Notation used throughout')), h('dl', {}, ...rows));
}

// maxpool1d's part of the formula goal (web/shared/formula/): the quantities a learner derives, the layer as the
// checker reads it, the true values from the core, and the classic wrong derivations (the exercise editor's preview).
// Loaded with the checker (web/shared/formula/parts.js), never at start-up.
import { paddedSource } from '../../shared/geometry.js';

export default {
  quantities: ['y', 'dx'],

  /** The layer from the core's geometry: its own fields besides N, M, K, s, d (no weights; −∞ padding). */
  layer: (g) => ({ weights: false, bias: false, p: g.padding, pr: g.padding, padding: g.padding, ceilMode: Boolean(g.ceilMode),
    padValue: -Infinity }),

  /** y and ∂C/∂x_in of x, δ from cp.maxPool1d; the padded input is −∞ outside 0 … N−1 (max-pool's padding). */
  truth(cp, layer, { x, delta }) {
    const r = cp.maxPool1d({ x, channels: 1, kernelSize: layer.K, stride: layer.s, padding: layer.p, dilation: layer.d,
      ceilMode: layer.ceilMode, gradOut: delta });
    const xpad = Float64Array.from({ length: layer.N + 2 * layer.p }, (_, j) => {
      const i = paddedSource(j, layer.p, layer.N, 'zeros');
      return i < 0 ? -Infinity : x[i];
    });
    return { y: r.y, dx: r.dx, xpad };
  },

  outLength: (cp, layer) => cp.maxPool1d({ x: new Float32Array(layer.N), channels: 1, kernelSize: layer.K, stride: layer.s,
    padding: layer.p, dilation: layer.d, ceilMode: layer.ceilMode }).outLength,

  mistakes: {
    y: [
      ['a max over the whole signal', String.raw`\max_{j=0}^{N-1} x_{j}`],
      ['the stride and padding ignored', String.raw`\max_{k=0}^{K-1} x_{t + k}`],
    ],
    dx: [
      ['the gradient passed straight through', String.raw`\delta_{i}`],
      ['every window’s gradient to every sample it holds', String.raw`\sum_{t=0}^{M-1} \sum_{k=0}^{K-1} [t s + k d - p = i] \delta_{t}`],
    ],
  },
};

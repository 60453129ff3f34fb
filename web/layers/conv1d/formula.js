// conv1d's part of the formula goal (web/shared/formula/): the quantities a learner derives, the layer as the checker
// reads it, the true values from the core, and the classic wrong derivations (the exercise editor's preview).
// Loaded with the checker (web/shared/formula/parts.js), never at start-up.

export default {
  quantities: ['y', 'dx', 'dw', 'db'],

  /** The layer from the core's geometry and its spec: its own fields besides N, M, K, s, d. */
  layer: (g, spec) => ({
    weights: true, bias: Boolean(g.bias), p: g.padLeft, pr: g.padRight, padding: spec?.padding ?? g.padLeft,
    paddingMode: g.paddingMode, padValue: 0,
  }),

  /** y, ∂C/∂x_in, ∂C/∂W, ∂C/∂b of x, W, b, δ from cp.conv1d; the padded input (a one-layer model's) when asked. */
  truth(cp, layer, { x, w, b, delta }, { padded }) {
    const r = cp.conv1d({ x, inChannels: 1, outChannels: 1, kernelSize: layer.K, w, b: layer.bias ? b : null,
      stride: layer.s, padding: layer.padding, dilation: layer.d, paddingMode: layer.paddingMode, gradOut: delta });
    return { y: r.y, dx: r.dx, dw: r.dw, db: r.db ?? [0], xpad: padded ? paddedInput(cp, layer, x, w) : [] };
  },

  /** The output length of the layer with some fields changed (a variant the diagnosis tries); throws if refused. */
  outLength: (cp, layer) => cp.conv1d({ x: new Float32Array(layer.N), inChannels: 1, outChannels: 1,
    kernelSize: layer.K, w: new Float32Array(layer.K), stride: layer.s, padding: layer.padding, dilation: layer.d,
    paddingMode: layer.paddingMode }).outLength,

  mistakes: {
    y: [
      ['a convolution (the kernel flipped)', String.raw`b + \sum_{k=0}^{K-1} W_{K-1-k} x_{t s + k d - p}`],
      ['the padding offset ignored', String.raw`b + \sum_{k=0}^{K-1} W_{k} x_{t s + k d}`],
      ['the bias forgotten', String.raw`\sum_{k=0}^{K-1} W_{k} x_{t s + k d - p}`],
    ],
    dx: [
      ['the kernel forgotten (∂C/∂x_out · g′ only)', String.raw`\delta_{i}`],
      ['the kernel flipped', String.raw`\sum_{k=0}^{K-1} W_{K-1-k} \delta_{i + p - k}`],
      ['the stride ignored', String.raw`\sum_{k=0}^{K-1} W_{k} \delta_{i + p - k d}`],
    ],
    dw: [
      ['one product, not a sum over outputs', String.raw`\delta_{k} x_{k}`],
      ['the padding offset ignored', String.raw`\sum_{t=0}^{M-1} \delta_{t} x_{t s + k d}`],
    ],
    db: [
      ['one output only', String.raw`\delta_{0}`],
      ['an off-by-one bound', String.raw`\sum_{t=0}^{M-2} \delta_{t}`],
    ],
  },
};

/** The padded input as the core builds it (a one-layer model's 'padded' view). */
function paddedInput(cp, layer, x, w) {
  const model = cp.createModel({ inputLength: layer.N, inputChannels: 1, seed: 0, layers: [{ type: 'conv1d',
    outChannels: 1, kernelSize: layer.K, stride: layer.s, padding: layer.padding, dilation: layer.d,
    paddingMode: layer.paddingMode, bias: false }] });
  try {
    model.setInput(x);
    model.setParameters(0, { weight: w });
    model.evaluate();
    return model.view('padded', 0).slice();
  } finally {
    model.delete();
  }
}

// The classic wrong derivations, per layer type and quantity: what the exercise editor's preview shows a teacher
// ("this is what a learner who writes … gets"), and what the tests check the feedback of.
export const CLASSIC_MISTAKES = Object.freeze({
  conv1d: {
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
  maxpool1d: {
    y: [
      ['a max over the whole signal', String.raw`\max_{j=0}^{N-1} x_{j}`],
      ['the stride and padding ignored', String.raw`\max_{k=0}^{K-1} x_{t + k}`],
    ],
    dx: [
      ['the gradient passed straight through', String.raw`\delta_{i}`],
      ['every window’s gradient to every sample it holds', String.raw`\sum_{t=0}^{M-1} \sum_{k=0}^{K-1} [t s + k d - p = i] \delta_{t}`],
    ],
  },
});

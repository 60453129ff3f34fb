// globalpool's part of the 'answer' goal (web/shared/exercise/goals/answer.js): for each quantity a learner can be
// asked to type, the equation a revealed hint points at, in plain text, for its operation (max or avg). Loaded with
// the exercises.
export default {
  outputLength: () => 'a global pool keeps one value per channel: L_out = 1',
  y: (g) => (g.op === 'max' ? 'y[c, 0] = x_out[c, 0] = max_i x_in[c, i]' : 'y[c, 0] = x_out[c, 0] = (1 / N) · Σ_i x_in[c, i]'),
  dx: (g) => (g.op === 'max'
    ? '∂C/∂x_in[c, i] = 1[i = a[c]] · ∂C/∂x_out[c, 0]: only the first sample that attains the maximum gets the gradient'
    : '∂C/∂x_in[c, i] = ∂C/∂x_out[c, 0] / N: every sample gets the same share'),
};

// linear's part of the 'answer' goal (web/shared/exercise/goals/answer.js): for each quantity a learner can be asked
// to type, the equation a revealed hint points at, in plain text (the input flattened channel by channel,
// j = c·N + i; the output is [out features, 1]). Loaded with the exercises.
export default {
  outputLength: () => 'a linear layer gives one value per output feature: L_out = 1 (its out features are the channels)',
  y: (g) => `y[o, 0] = x_out[o, 0] = ${g.bias ? 'b[o] + ' : ''}Σ_j W[o, j] · x[j], with x[j] = x_in[c, i] for j = c·N + i`,
  dx: () => '∂C/∂x_in[c, i] = Σ_o W[o, c·N + i] · ∂C/∂x_out[o, 0]',
};

// activation's part of the 'answer' goal (web/shared/exercise/goals/answer.js): for each quantity a learner can be
// asked to type, the equation a revealed hint points at, in plain text. Loaded with the exercises.
export default {
  outputLength: () => 'an activation keeps the length: L_out = N',
  y: () => 'y[c, t] = x_out[c, t] = g(x_in[c, t])',
  dx: () => '∂C/∂x_in[c, t] = ∂C/∂x_out[c, t] · g′(x_in[c, t])',
};

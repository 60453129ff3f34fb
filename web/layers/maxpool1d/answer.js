// maxpool1d's part of the 'answer' goal (web/shared/exercise/goals/answer.js): for each quantity a learner can be
// asked to type, the equation a revealed hint points at, in plain text. Loaded with the exercises.
export default {
  outputLength: () => 'L_out = ⌊(N + 2p − d·(K − 1) − 1 (+ s − 1 in ceil mode)) / s⌋ + 1',
  y: () => 'y[c, t] = x_out[c, t] = max_k x_pad[c, t·s + k·d] (padding is −∞; the first maximum wins ties)',
  dx: () => '∂C/∂x_in[c, i] = Σ_t 1[a[c, t] = i] · δ[c, t] with δ = ∂C/∂x_out: each window sends its gradient to its arg-max; overlapping windows add',
};

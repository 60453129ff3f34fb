// conv1d's part of the 'answer' goal (web/shared/exercise/goals/answer.js): for each quantity a learner can be asked
// to type, the equation a revealed hint points at, in plain text, for a layer of geometry g, in the page's notation
// (x_in, x_out, δ = ∂C/∂x_out; the goal's y is this layer's x_out). Loaded with the exercises.
export default {
  outputLength: () => 'L_out = ⌊(N + p_left + p_right − d·(K − 1) − 1) / s⌋ + 1',
  y: () => 'y[o, t] = x_out[o, t] = b[o] + Σ_c Σ_k W[o, c, k] · x_pad[c, t·s + k·d]',
  dx: () => '∂C/∂x_pad[c, j] = Σ_o Σ_k δ[o, t] · W[o, c, k] over t·s + k·d = j, then each padded cell adds into the sample it copies (zeros: dropped); δ = ∂C/∂x_out of this layer',
  dw: () => '∂C/∂W[o, c, k] = Σ_t δ[o, t] · x_pad[c, t·s + k·d], with δ = ∂C/∂x_out of this layer',
  db: () => '∂C/∂b[o] = Σ_t δ[o, t], with δ = ∂C/∂x_out of this layer',
};

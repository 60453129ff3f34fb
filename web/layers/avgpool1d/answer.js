// avgpool1d's part of the 'answer' goal (web/shared/exercise/goals/answer.js): for each quantity a learner can be
// asked to type, the equation a revealed hint points at, in plain text, for a layer of geometry g (its divisor D_t as
// the layer counts it). Loaded with the exercises.
const divisor = (g) => (g.countIncludePad
  ? 'D_t = min(t·s − p + K, N + p) − (t·s − p): the window, padding counted'
  : 'D_t = the input samples the window covers, padding not counted');

export default {
  outputLength: () => 'L_out = ⌊(N + 2p − K (+ s − 1 in ceil mode)) / s⌋ + 1 (ceil mode drops a last window that would start in the right padding)',
  y: (g) => `y[c, t] = x_out[c, t] = (1 / D_t) · Σ x_in[c, i] over the input samples i of window t (from t·s − p, K long), ${divisor(g)}`,
  dx: (g) => `∂C/∂x_in[c, i] = Σ_t δ[c, t] / D_t over the windows t that cover i, δ = ∂C/∂x_out, ${divisor(g)}`,
};

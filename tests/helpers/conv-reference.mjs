// Closed forms the formula tests check the core against (tests/node/formulas.test.mjs): the page does not show these
// numbers itself, so they live with the tests rather than in web/shared/formulas.js.

/** 'same' padding as PyTorch splits it: d(K−1) in total, ⌊total/2⌋ on the left, the rest on the right. */
export function samePadding(K, d = 1) {
  const total = d * (K - 1);
  const left = Math.floor(total / 2);
  return { total, left, right: total - left };
}

/**
 * δ̃: δ spread onto the x_pad axis, δ̃[t·s] = δ[t] and 0 elsewhere (also outside 0 … (M−1)s). With it the
 * backward pass is ∂C/∂x_pad[j] = Σ_{m=0}^{K−1} δ̃[j − d(K−1) + m·d] · W^flip[m], W^flip[m] = W[K−1−m]: a full
 * correlation with the flipped, dilated kernel. Evaluates that sum for one channel pair. → Float64Array(N_pad)
 */
export function fullCorrelation(g, delta, weight) {
  const K = g.kernelSize, d = g.dilation, s = g.stride;
  const tilde = (r) => (r >= 0 && r % s === 0 && r / s < g.outLength ? delta[r / s] : 0);
  const out = new Float64Array(g.paddedLength);
  for (let j = 0; j < g.paddedLength; j++) {
    let sum = 0;
    for (let m = 0; m < K; m++) sum += tilde(j - d * (K - 1) + m * d) * weight[K - 1 - m];
    out[j] = sum;
  }
  return out;
}

/** The closed forms of termCount at x_in[0] for 'same', odd K = 2p + 1, d = 1, stride 1 (the boundary lab's text). */
export function edgeTermCount(mode, K) {
  const p = (K - 1) / 2;
  switch (mode) {
    case 'replicate': return ((p + 1) * (p + 2)) / 2;
    case 'circular': return K;
    case 'valid': return 1;
    default: return p + 1;  // zeros, reflect: only the taps that read the sample's own cell
  }
}

/** Whether −∞ padding p keeps the length N at stride 1: N + 2p − d(K−1) = N, i.e. 2p = d(K−1) (p = ⌊K/2⌋: odd K with d = 1, K = 1, or K = 2 with d = 2). */
export function poolKeepsLength(N, K, d, p) { return N + 2 * p - d * (K - 1) === N; }

// The divisor of an average-pool window, as the core computes it (core/avgpool1d.hpp): its plot, tooltip and
// equations divide by this.

/**
 * The divisor of avg-pool window t, as PyTorch's AvgPool1d (and core/avgpool1d.hpp): the window covers
 * start … start + K − 1 with start = t·s − p; counting padding it is min(start + K, N + p) − start, otherwise the
 * input samples it covers, min(start + K, N) − max(start, 0).
 */
export function avgPoolDivisor(g, t) {
  const start = t * g.stride - g.padding;
  const n = g.inLength;
  if (g.countIncludePad) return Math.min(start + g.kernelSize, n + g.padding) - start;
  return Math.min(start + g.kernelSize, n) - Math.max(start, 0);
}

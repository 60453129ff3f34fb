// Geometry of padding and windows on a layer's axis, as the core computes it (core/padding.cpp, core/shape.cpp):
// the plots, the tooltips and the explanations all place cells and windows with these, never with their own copy.
// `g` is a layer's geometry from model.layers ({ type, kernelSize, stride, dilation, padLeft, padding, … }).

/**
 * The real input sample that padded cell j copies (n = input length, padLeft cells on the left), or −1 for a zero
 * (or −∞) cell: reflect mirrors about the edge sample, replicate repeats it, circular wraps around.
 */
export function paddedSource(j, padLeft, n, mode) {
  const i = j - padLeft;
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'reflect': return i < 0 ? -i : 2 * (n - 1) - i;
    case 'replicate': return i < 0 ? 0 : n - 1;
    case 'circular': return ((i % n) + n) % n;
    default: return -1;
  }
}

/** Left padding of a layer on its axis: conv padLeft, pool padding, activation 0. */
export function axisPadding(g) {
  if (g.type === 'conv1d') return g.padLeft;
  if (g.type === 'maxpool1d' || g.type === 'avgpool1d') return g.padding;
  return 0;
}

/** Layers whose one output per channel reads the whole input (global pool, linear): no sliding window. */
export function readsWholeInput(g) {
  return g.type === 'globalpool' || g.type === 'linear';
}

/** Number of cells on a layer's axis: the padded input. */
export function axisCells(g) {
  if (g.type === 'conv1d') return g.paddedLength;
  if (g.type === 'maxpool1d' || g.type === 'avgpool1d') return g.inLength + 2 * g.padding;
  return g.inLength;
}

/** Where output t sits on the axis: the centre of its window t·s … t·s + d(k−1) (half a cell when d(k−1) is odd). */
export function windowCentre(g, t) {
  if (g.type === 'activation') return t;
  if (readsWholeInput(g)) return (g.inLength - 1) / 2;
  return t * g.stride + ((g.dilation ?? 1) * (g.kernelSize - 1)) / 2;  // avg-pool has no dilation: 1
}

/** The cell holding the centre of output t's window (the left one of two middle cells). */
export function windowCentreCell(g, t) {
  return Math.floor(windowCentre(g, t));
}

/** Axis cells read by output t (its window): t·s + k·d for k = 0…K−1. */
export function windowCells(g, t) {
  if (g.type === 'activation') return [t];
  if (readsWholeInput(g)) return Array.from({ length: g.inLength }, (_, i) => i);
  return Array.from({ length: g.kernelSize }, (_, k) => t * g.stride + k * (g.dilation ?? 1));
}

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

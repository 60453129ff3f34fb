// A conv's boundary rules on its padded axis, as the core pads (core/padding.cpp): which input sample each padded
// cell copies. No imports, so the type's plot and the shared geometry both use it without a cycle.

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

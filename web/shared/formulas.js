// The pure part of the explanations' formulas: the numbers a formula is made of, the value it evaluates to, and the
// TeX the page shows with those numbers substituted. No DOM and no KaTeX, so tests/node/formulas.test.mjs evaluates
// every one of them against the core over a sweep of configurations. The geometry (lengths, paddings) is the core's
// own (model.layers); these functions only explain it.
//
// Notation (the notation box at the top of the explanations shows the same): a layer maps x_in (N samples per
// channel) to x_out (M samples); K is the kernel or window size and k = 0 … K−1 a tap; s the stride, d the dilation,
// p_l / p_r the padding on the left / right (p on each side for the pool); δ^(ℓ) = ∂C/∂x_out^(ℓ) the gradient
// arriving at layer ℓ from above; ŷ the prediction (the last layer's x_out) and y only the target.

/** TeX for the gradient δ of layer l (0-based): δ^{(l+1)}; without a layer, plain δ. */
export function deltaTex(l) { return Number.isInteger(l) ? `\\delta^{(${l + 1})}` : '\\delta'; }

/** Conv output length M = ⌊(N + p_l + p_r − d(K−1) − 1)/s⌋ + 1 with the numbers substituted. → { value, tex } */
export function convLength(g) {
  const N = g.inLength, K = g.kernelSize, s = g.stride, d = g.dilation, pl = g.padLeft, pr = g.padRight;
  const numerator = N + pl + pr - d * (K - 1) - 1;
  const value = Math.floor(numerator / s) + 1;
  const tex = 'M = \\left\\lfloor \\frac{N + p_l + p_r - d(K-1) - 1}{s} \\right\\rfloor + 1'
    + ` = \\left\\lfloor \\frac{${N} + ${pl} + ${pr} - ${d}\\cdot ${K - 1} - 1}{${s}} \\right\\rfloor + 1`
    + ` = \\left\\lfloor \\frac{${numerator}}{${s}} \\right\\rfloor + 1 = ${value}`;
  return { value, tex };
}

/**
 * Max-pool output length (PyTorch's rule). Floor mode: M = ⌊(N + 2p − d(K−1) − 1)/s⌋ + 1. Ceil mode: M' with ⌈·⌉,
 * then M = M' − 1 when (M' − 1)·s ≥ N + p: that last window would start beyond the input and its left padding.
 * → { value, first (M'), dropped, tex: [lines] }
 */
export function poolLength(g) {
  const N = g.inLength, K = g.kernelSize, s = g.stride, d = g.dilation, p = g.padding;
  const numerator = N + 2 * p - d * (K - 1) - 1;
  const ceil = Boolean(g.ceilMode);
  const first = (ceil ? Math.ceil(numerator / s) : Math.floor(numerator / s)) + 1;
  const [open, close] = ceil ? ['\\left\\lceil', '\\right\\rceil'] : ['\\left\\lfloor', '\\right\\rfloor'];
  const name = ceil ? "M'" : 'M';
  const lines = [`${name} = ${open} \\frac{N + 2p - d(K-1) - 1}{s} ${close} + 1`
    + ` = ${open} \\frac{${N} + 2\\cdot ${p} - ${d}\\cdot ${K - 1} - 1}{${s}} ${close} + 1`
    + ` = ${open} \\frac{${numerator}}{${s}} ${close} + 1 = ${first}`];
  if (!ceil) return { value: first, first, dropped: false, tex: lines };
  const start = (first - 1) * s;
  const dropped = start >= N + p;
  lines.push(dropped
    ? `(M' - 1)\\,s = ${first - 1}\\cdot ${s} = ${start} \\ge N + p = ${N + p}: \\quad M = M' - 1 = ${first - 1}`
      + ' \\quad\\text{(that window would start beyond the input and its left padding)}'
    : `(M' - 1)\\,s = ${first - 1}\\cdot ${s} = ${start} < N + p = ${N + p}: \\quad M = M' = ${first}`);
  return { value: dropped ? first - 1 : first, first, dropped, tex: lines };
}

/**
 * Window t of a max-pool over one channel x: its taps (input index i = t·s + k·d − p, or padding), the value it
 * outputs and its arg-max a[t] = t·s + k*·d − p, k* the first maximising tap (scanned left to right, a value wins when
 * it is greater than the running max or NaN, as in PyTorch).
 * A window whose taps all fall in the −∞ padding is empty: it outputs −∞, has no arg-max and passes no gradient.
 * → { taps: [{ k, i, inside, value }], empty, kStar, argmax, value }
 */
export function poolWindow(g, x, t) {
  const N = g.inLength;
  const taps = [];
  let kStar = -1;
  let best = -Infinity;
  for (let k = 0; k < g.kernelSize; k++) {
    const i = t * g.stride + k * g.dilation - g.padding;
    const inside = i >= 0 && i < N;
    const value = inside ? x[i] : -Infinity;
    taps.push({ k, i, inside, value });
    if (!inside) continue;
    if (kStar < 0) kStar = k;  // PyTorch starts at the first in-bounds tap with the running max −∞
    if (value > best || Number.isNaN(value)) { kStar = k; best = value; }
  }
  const empty = !taps.some((tap) => tap.inside);
  return { taps, empty, kStar: empty ? null : kStar, argmax: empty ? null : t * g.stride + kStar * g.dilation - g.padding, value: empty ? -Infinity : best };
}

/** "a[t] = t·s + k*·d − p = 3·2 + 1·1 − 1 = 6" for a non-empty window. */
export function argmaxTex(g, t, kStar) {
  const a = t * g.stride + kStar * g.dilation - g.padding;
  return `a[${t}] = t s + k^* d - p = ${t}\\cdot ${g.stride} + ${kStar}\\cdot ${g.dilation} - ${g.padding} = ${a}`;
}

/**
 * How far the full correlation of the backward pass reaches on x_pad: the windows span the first (M − 1)s + d(K − 1) + 1
 * cells; the last (N_pad − d(K − 1) − 1) mod s cells are read by no window, so their gradient is 0. Inside the span,
 * `skipped` cells are read by no tap either (s > d(K − 1) + 1 leaves gaps; s and d sharing a factor skips cells).
 * → { covered, uncovered, skipped, tex: [lines] }
 */
export function backwardCoverage(g) {
  const M = g.outLength, s = g.stride, span = g.dilation * (g.kernelSize - 1);
  const covered = (M - 1) * s + span + 1;
  const uncovered = g.paddedLength - covered;
  // inside the span, cells no tap reads: gaps when s > d(K−1) + 1, every other cell when s and d share a factor, …
  const read = new Uint8Array(covered);
  for (let t = 0; t < M; t++) for (let k = 0; k < g.kernelSize; k++) read[t * s + k * g.dilation] = 1;
  const skipped = read.reduce((n, r) => n + (r ? 0 : 1), 0);
  const tex = [`(M - 1)s + d(K - 1) + 1 = ${M - 1}\\cdot ${s} + ${g.dilation}\\cdot ${g.kernelSize - 1} + 1 = ${covered}`
    + ` \\text{ of } N_{\\text{pad}} = ${g.paddedLength} \\text{ cells}`];
  if (uncovered > 0) tex.push(`(N_{\\text{pad}} - d(K-1) - 1) \\bmod s = (${g.paddedLength} - ${span} - 1) \\bmod ${s} = ${uncovered} \\quad\\text{(the last cells: gradient 0)}`);
  return { covered, uncovered, skipped, tex };
}

/**
 * How many δ·W terms the backward pass adds into ∂C/∂x_in[i] of a stride-1 conv layer: the taps that read the cell
 * of x_in[i] plus those that read its padded copies. With δ = 1 and W = 1 this is ∂C/∂x_in itself. For 'same' with
 * odd K = 2p + 1 and d = 1 the edge sample x_in[0] collects p + 1 terms with zeros or reflect, (p+1)(p+2)/2 with
 * replicate, and K with circular (when N ≥ p); an interior sample collects K.
 */
export function termCount(g, n, source) {
  let count = 0;
  for (let j = 0; j < g.paddedLength; j++) {
    if (source(j) !== n) continue;
    for (let k = 0; k < g.kernelSize; k++) {
      const r = j - k * g.dilation;
      if (r >= 0 && r % g.stride === 0 && r / g.stride < g.outLength) count++;
    }
  }
  return count;
}


// A waveform-classification data set made from a seed: each example is one noisy waveform of a class (sine, square,
// sawtooth, chirp), with a random frequency, phase and amplitude; its target is the class index. No DOM, so the
// page, the library's tests and the bench make the same examples.
//
// Deterministic everywhere: the random numbers come from mulberry32 (integer arithmetic) and the waveforms use only
// +, −, ×, ÷ and floor (IEEE-exact in every JavaScript engine) — no Math.sin, Math.log, whose last bits may differ
// between browsers. So a seed gives bit-identical examples in Node, Chromium and Firefox.

import { mulberry32 } from './random.js';

/** The classes, in class-index order. */
export const WAVEFORM_CLASSES = Object.freeze(['sine', 'square', 'sawtooth', 'chirp']);

/**
 * sin(2π·turns) from the turns' fraction: reduced to a quarter turn, then the odd Taylor series of sin to x²¹
 * (|error| < 1e-15 on [0, π/2]): the same bits in every engine.
 */
export function sinTurns(turns) {
  let f = turns - Math.floor(turns);              // [0, 1)
  let sign = 1;
  if (f >= 0.5) { f -= 0.5; sign = -1; }           // sin(x + π) = −sin x
  if (f > 0.25) f = 0.5 - f;                       // sin(π − x) = sin x
  const x = 2 * Math.PI * f;
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 1; k <= 10; k++) {
    term *= -x2 / ((2 * k) * (2 * k + 1));
    sum += term;
  }
  return sign * sum;
}

/** One waveform of `length` samples at time t = i / length ∈ [0, 1): its class's shape with `cycles` cycles. */
function waveform(kind, length, cycles, phase, amplitude) {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const t = i / length;
    let turns = phase + cycles * t;                        // phase in turns (cycles of 2π)
    if (kind === 'chirp') turns = phase + cycles * (0.25 * t + 1.5 * t * t);  // frequency sweeps 0.25 → 3.25 × cycles
    const fraction = turns - Math.floor(turns);
    let value;
    if (kind === 'square') value = fraction < 0.5 ? 1 : -1;
    else if (kind === 'sawtooth') value = 2 * fraction - 1;
    else value = sinTurns(turns);                          // sine and chirp
    out[i] = amplitude * value;
  }
  return out;
}

function check(name, value, min, max) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} ${value} must be an integer from ${min} to ${max}`);
  }
}

/**
 * count examples of `length` samples, class i mod K for example i (balanced). Options: seed (0), count (240),
 * length (128), classes (the names to use, a subset of WAVEFORM_CLASSES in any order; default all four),
 * noise (0.25: the standard deviation of the added noise, roughly Gaussian: a sum of four uniforms),
 * minCycles (2) and maxCycles (6): the frequency range, in cycles over the window.
 * → { inputs: Float32Array (count × length, example-major), targets: Float32Array (count class indices),
 *     count, length, classes: K, names }
 */
export function makeWaveformDataset(options = {}) {
  const {
    seed = 0, count = 240, length = 128, classes = WAVEFORM_CLASSES, noise = 0.25, minCycles = 2, maxCycles = 6,
  } = options;
  check('seed', seed, 0, 2 ** 32 - 1);
  check('count', count, 1, 65536);
  check('length', length, 4, 1 << 16);
  if (!Array.isArray(classes) || classes.length < 2 || classes.some((c) => !WAVEFORM_CLASSES.includes(c))
    || new Set(classes).size !== classes.length) {
    throw new RangeError(`classes ${JSON.stringify(classes)} must be two or more different names of `
      + `${WAVEFORM_CLASSES.join(', ')}`);
  }
  if (!(Number.isFinite(noise) && noise >= 0)) throw new RangeError(`noise ${noise} must be a number ≥ 0`);
  if (!(Number.isFinite(minCycles) && minCycles > 0 && maxCycles >= minCycles && maxCycles <= length / 4)) {
    throw new RangeError(`minCycles ${minCycles} and maxCycles ${maxCycles} must satisfy 0 < minCycles ≤ maxCycles ≤ length/4`);
  }
  const random = mulberry32(seed);
  const inputs = new Float32Array(count * length);
  const targets = new Float32Array(count);
  // the noise: (Σ of four uniforms − 2) has variance 4/12, so × √3 gives standard deviation 1
  const noiseScale = noise * Math.sqrt(3);
  for (let e = 0; e < count; e++) {
    const k = e % classes.length;
    const cycles = minCycles + (maxCycles - minCycles) * random();
    const phase = random();
    const amplitude = 0.6 + 0.6 * random();
    const wave = waveform(classes[k], length, cycles, phase, amplitude);
    for (let i = 0; i < length; i++) {
      const n = random() + random() + random() + random() - 2;
      inputs[e * length + i] = wave[i] + noiseScale * n;
    }
    targets[e] = k;
  }
  return { inputs, targets, count, length, classes: classes.length, names: [...classes] };
}

// Data sets for the page: task presets generated from a seed (so a link holds four numbers, not the data), and the
// learner's own examples, fitted to the network's input and output. No DOM: Node tests and the page share it.
// Signals come from the core's generator (cp.generateSignal), so a preset is bit-identical in every browser; the
// arithmetic here is float32 (Math.fround) on integers and those signals only, no Math.sin.
import { resample } from './signals.js';
import { WAVEFORM_CLASSES, makeWaveformDataset } from './classification-data.js';

/** Task presets: each turns one seed into one (input, target) pair of length n. */
export const DATASET_PRESETS = ['denoise', 'edges', 'smooth', 'peaks'];

/** Classification presets: the whole set comes from one seed; each target is one class index (loss 'crossentropy'). */
export const CLASSIFICATION_PRESETS = ['classify'];

/** Every preset a data set may name (a link's `data=preset-seed-count`). */
export const ALL_DATASET_PRESETS = [...DATASET_PRESETS, ...CLASSIFICATION_PRESETS];

/** The class names of a classification preset, in class-index order (null for the other presets). */
export function presetClassNames(preset) {
  return preset === 'classify' ? [...WAVEFORM_CLASSES] : null;
}

/** True when `dataset` is a classification data set (its targets are class indices). */
export function isClassificationDataset(dataset) {
  return Boolean(dataset && !dataset.own && CLASSIFICATION_PRESETS.includes(dataset.preset));
}

export const PRESET_TITLES = Object.freeze({
  classify: 'classify waveforms (sine, square, sawtooth, chirp)',
  denoise: 'denoise noisy sines',
  edges: 'find the edges of steps',
  smooth: 'smooth noise',
  peaks: 'detect peaks',
});

/** The page's limits for a data set (a frame must stay fast; the core allows far more). */
export const DATASET_LIMITS = Object.freeze({ maxCount: 1024, maxValidation: 0.9, maxBatch: 256 });

/** A 31-bit seed for example `i` of a set made from `seed` (integer hashing: the same everywhere). */
export function exampleSeed(seed, i) {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 1;
}

/** A number in [lo, hi) from a seed, on a grid of 1/64 (exact in float32). */
function pick(seed, salt, lo, hi) {
  const u = (exampleSeed(seed, salt) % 4096) / 4096;
  return lo + Math.floor(u * (hi - lo) * 64) / 64;
}

const f32 = Math.fround;

/** y[t] = Σ_j h[j]·x[t + j − centre] with zeros beyond the ends. */
function correlate(x, h) {
  const out = new Float32Array(x.length);
  const centre = Math.floor((h.length - 1) / 2);
  for (let t = 0; t < x.length; t++) {
    let s = 0;
    for (let j = 0; j < h.length; j++) {
      const i = t + j - centre;
      if (i >= 0 && i < x.length) s = f32(s + f32(h[j] * x[i]));
    }
    out[t] = s;
  }
  return out;
}

/** The kernels that made a task's targets (from its clean input): what a first conv layer can find. */
const PRESET_KERNELS = Object.freeze({ edges: Object.freeze([-0.5, 0, 0.5]), smooth: Object.freeze([0.1, 0.2, 0.4, 0.2, 0.1]) });

/**
 * The kernel hidden in the experiment's targets, or null when none exists: the one example's 'filtered' target, or a
 * task whose targets a kernel made (smooth, edges). Own examples, a classifier's class indices and the other tasks
 * (denoise, peaks) have none.
 */
export function hiddenKernelOf(experiment) {
  if (experiment.network.loss === 'crossentropy') return null;
  const d = experiment.dataset;
  if (!d) return experiment.target.preset === 'filtered' ? experiment.target.kernel : null;
  return d.own ? null : PRESET_KERNELS[d.preset] || null;
}

/** One example of `preset` at length n from `seed` → { input, target } (Float32Array, n each). */
export function presetExample(cp, preset, n, seed) {
  const noise = cp.generateSignal('noise', n, { seed: exampleSeed(seed, 101) });
  const mix = (clean, amount) => clean.map((v, i) => f32(v + f32(amount * noise[i])));
  switch (preset) {
    case 'denoise': {
      // a clean sum of sines under uniform noise of amplitude 0.3: the kernel should average the noise away
      const clean = cp.generateSignal('sines', n, { cycles: pick(seed, 1, 1, 4), seed: exampleSeed(seed, 2) });
      return { input: mix(clean, 0.3), target: clean };
    }
    case 'edges': {
      // a square wave (its steps are the edges) with a little noise; the target is its central difference
      const cycles = pick(seed, 3, 1, 5);
      const amplitude = pick(seed, 4, 0.5, 1);
      const clean = cp.generateSignal('square', n, { cycles }).map((v) => f32(amplitude * v));
      return { input: mix(clean, 0.05), target: correlate(clean, PRESET_KERNELS.edges) };
    }
    case 'smooth': {
      // white noise and its 5-tap moving average [0.1 0.2 0.4 0.2 0.1]: a kernel of 5 or more taps can learn it exactly
      const x = noise;
      return { input: x, target: correlate(x, PRESET_KERNELS.smooth) };
    }
    case 'peaks': {
      // 1 where the clean signal is the largest within ±2 samples and above 0.3, else 0 (max-pooling's task)
      const clean = cp.generateSignal('sines', n, { cycles: pick(seed, 5, 1, 3), seed: exampleSeed(seed, 6) });
      const target = new Float32Array(n);
      for (let t = 0; t < n; t++) {
        let top = true;
        for (let j = Math.max(0, t - 2); j <= Math.min(n - 1, t + 2); j++) if (clean[j] > clean[t]) top = false;
        target[t] = top && clean[t] > 0.3 ? 1 : 0;
      }
      return { input: mix(clean, 0.1), target };
    }
    default:
      throw new Error(`unknown data set preset '${preset}' (one of ${DATASET_PRESETS.join(', ')})`);
  }
}

/** How many of `count` examples are held out for validation at share s (at least 1 when s > 0, at most count − 1). */
export function validationCount(count, share) {
  if (!(share > 0) || count < 2) return 0;
  return Math.min(count - 1, Math.max(1, Math.round(count * share)));
}

/**
 * Fits raw examples ({ input: number[], target: number[] } each) to a network: the input is resampled to
 * inputLength and copied to every input channel (or, when it holds inputChannels × inputLength values already, used
 * as it is); the target likewise to outputChannels × outputLength. → { inputs, targets, count } for model.setDataset.
 */
export function packExamples(examples, shape) {
  const { inputChannels, inputLength, outputChannels, outputLength } = shape;
  const inSize = inputChannels * inputLength;
  const outSize = outputChannels * outputLength;
  const inputs = new Float32Array(examples.length * inSize);
  const targets = new Float32Array(examples.length * outSize);
  examples.forEach((e, i) => {
    inputs.set(fit(e.input, inputChannels, inputLength), i * inSize);
    targets.set(fit(e.target, outputChannels, outputLength), i * outSize);
  });
  return { inputs, targets, count: examples.length };
}

function fit(values, channels, length) {
  if (values.length === channels * length) return Float32Array.from(values);
  const one = resample(values, length);
  const out = new Float32Array(channels * length);
  for (let c = 0; c < channels; c++) out.set(one, c * length);
  return out;
}

/**
 * The raw examples of an experiment's data set: a preset's `count` examples of the input's length, or the learner's
 * own rows. → { train: [...], validation: [...] } (validation is the last share of the examples).
 */
export function datasetExamples(cp, dataset, inputLength) {
  const all = dataset.own ? null : isClassificationDataset(dataset) ? waveformExamples(dataset, inputLength) : undefined;
  if (all) {
    const held = validationCount(all.length, dataset.validation);
    return { train: all.slice(0, all.length - held), validation: all.slice(all.length - held) };
  }
  return regressionExamples(cp, dataset, inputLength);
}

/**
 * The 'classify' preset: `count` noisy waveforms of inputLength samples, class i mod 4 for example i, from the
 * data set's seed (makeWaveformDataset: the same bits in every engine). Its frequency range shrinks on short inputs
 * (at most inputLength/4 cycles, so every cycle keeps four samples). → [{ input, target: [class index] }]
 */
function waveformExamples(dataset, inputLength) {
  const maxCycles = Math.min(6, inputLength / 4);
  const made = makeWaveformDataset({
    seed: dataset.seed, count: dataset.count, length: inputLength, maxCycles, minCycles: Math.min(2, maxCycles),
  });
  return Array.from({ length: made.count }, (_, i) => ({
    input: made.inputs.subarray(i * inputLength, (i + 1) * inputLength), target: [made.targets[i]],
  }));
}

function regressionExamples(cp, dataset, inputLength) {
  const all = dataset.own
    ? dataset.own.map((row) => ({ input: row[0], target: row[1] }))
    : Array.from({ length: dataset.count }, (_, i) => presetExample(cp, dataset.preset, inputLength, exampleSeed(dataset.seed, i)));
  const held = validationCount(all.length, dataset.validation);
  return { train: all.slice(0, all.length - held), validation: all.slice(all.length - held) };
}

/** Moving average over `width` samples (zeros beyond the ends): the default target of a WAV window. */
export function smoothed(values, width = 9) {
  return correlate(values, new Array(width).fill(1 / width));
}

/** Cuts audio samples into `count` windows of n samples at an even hop (no more than fit). → [{ input, target }]. */
export function windowsFromSamples(samples, n, count) {
  if (samples.length < n) return [];
  const fitting = Math.min(count, samples.length - n + 1);
  const hop = fitting > 1 ? Math.floor((samples.length - n) / (fitting - 1)) : 0;
  const out = [];
  for (let i = 0; i < fitting; i++) {
    const input = Float32Array.from(samples.subarray(i * hop, i * hop + n));
    out.push({ input, target: smoothed(input) });
  }
  return out;
}

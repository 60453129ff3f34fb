// The experiment: one plain JSON object that says everything needed to reproduce what the page shows.
// This module owns its defaults, its validation, and its URL-fragment form. Nothing here throws on bad input:
// every reader returns the valid part plus a list of `problems` (human-readable, shown as a notice).
//
// {
//   v: 1,
//   network: { inputLength, inputChannels, layers: [createModel layer objects], loss: 'sse'|'mse', seed },
//   input:  [ per input channel: { preset, cycles, seed } | { drawn: number[] } ],
//   target: { preset: 'filtered', kernel } | { preset: 'same' } | { preset: 'pooled', kernelSize }
//         | { preset: 'signal', kind, cycles, seed } | { drawn: number[] },
//   learningRate, stepsPerFrame, steps,
//   schedule: [[steps, learningRate], …]   // how the `steps` were taken (η may change between them); sums to steps
//   training: { batchSize, shuffle, optimizer, momentum, … }   // rows of TRAINING_SCHEMA (absent: plain SGD)
//   dataset: null | { preset, seed, count, validation } | { own: [[input[], target[]], …], validation }
// }
// `training` and `dataset` came later: an experiment (or link) without them reads as one example, plain SGD.
import LZString from '../generated/vendor/lz-string.js';
import { LIMITS, LOSSES, TRAINING_SCHEMA, initialTraining } from './schema.js';
import { decodeLayer, encodeLayer, initialLayer, isLayerType, layerType } from '../layers/registry.js';
import CONV1D from '../layers/conv1d/index.js';
import ACTIVATION from '../layers/activation/index.js';
import MAXPOOL1D from '../layers/maxpool1d/index.js';
import { ALL_DATASET_PRESETS, DATASET_LIMITS, isClassificationDataset } from './datasets.js';
import { IMPORT_LIMITS } from './import-limits.js';

export { LIMITS, LOSSES };

export const VERSION = 1;

export const INPUT_PRESETS = ['sine', 'square', 'sawtooth', 'triangle', 'chirp', 'impulse', 'step', 'noise', 'sines'];

/** Hidden kernels of the 'filtered' target: taps of a cross-correlation y[t] = Σ_k h[k]·x[t + k − centre]. */
export const HIDDEN_KERNELS = Object.freeze({
  smoothing: [0.1, 0.2, 0.4, 0.2, 0.1],
  edge: [-1, 0, 1],
  delay: [1, 0, 0],
});

/** Drawn values are multiples of 1/DRAWN_SCALE in ±LIMITS.drawnRange: exact in float32 and short in a link. */
export const DRAWN_SCALE = 1024;

/** The layers of a fresh page: conv → tanh → max-pool, each at its type's initial values. */
const DEFAULT_LAYERS = Object.freeze([CONV1D, ACTIVATION, MAXPOOL1D].map(({ type }) => Object.freeze(initialLayer(type))));

/** The experiment a fresh page shows: learn a smoothing kernel through conv → tanh → max-pool. */
export function defaultExperiment() {
  return {
    v: VERSION,
    network: {
      inputLength: 64, inputChannels: 1,
      layers: DEFAULT_LAYERS.map((layer) => ({ ...layer })),
      loss: 'sse', seed: 42,
    },
    input: [{ preset: 'sines', cycles: 3, seed: 1 }],
    target: { preset: 'filtered', kernel: [...HIDDEN_KERNELS.smoothing] },
    learningRate: 0.01,
    stepsPerFrame: 2,
    steps: 0,
    schedule: [],
    training: initialTraining(),
    dataset: null,
  };
}

export function cloneExperiment(experiment) {
  return JSON.parse(JSON.stringify(experiment));
}

// ---------------------------------------------------------------------------------------------------------------
// Validation: any value in, a complete valid experiment out (plus problems).

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A reader that clamps/defaults one field at a time and remembers what it had to fix. */
class Reader {
  constructor() { this.problems = []; }

  note(message) {
    if (this.problems.length < 20) this.problems.push(message);
  }

  int(name, value, min, max, fallback) {
    return this.inRange(name, value, min, max, fallback, Number.isInteger, 'a whole number');
  }

  num(name, value, min, max, fallback) {
    return this.inRange(name, value, min, max, fallback, Number.isFinite, 'a finite number');
  }

  /** A number that passes `isKind`, clamped to min…max; anything else falls back. Each correction is noted. */
  inRange(name, value, min, max, fallback, isKind, kind) {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !isKind(value)) {
      this.note(`${name} must be ${kind}; used ${fallback}`);
      return fallback;
    }
    if (value < min || value > max) {
      const clamped = Math.min(max, Math.max(min, value));
      this.note(`${name} ${value} is outside ${min}…${max}; used ${clamped}`);
      return clamped;
    }
    return value;
  }

  pick(name, value, allowed, fallback) {
    if (value === undefined) return fallback;
    if (!allowed.includes(value)) {
      this.note(`${name} must be one of ${allowed.join(', ')}; used ${fallback}`);
      return fallback;
    }
    return value;
  }

  bool(name, value, fallback) {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.note(`${name} must be true or false; used ${fallback}`);
      return fallback;
    }
    return value;
  }
}

/** One layer, field by field from its schema rows: a missing or bad value falls back to the row's initial value. */
function readLayer(r, raw, i) {
  const at = `layer ${i + 1}`;
  if (!isObject(raw)) {
    r.note(`${at} is not a layer; dropped`);
    return null;
  }
  if (!isLayerType(raw.type)) {
    r.note(`${at} has an unknown type; dropped`);
    return null;
  }
  const layer = { type: raw.type };
  for (const row of layerType(raw.type).fields) {
    const name = `${at} ${row.label}`;
    const value = raw[row.key];
    const fallback = row.fallback ?? row.initial;
    switch (row.type) {
      case 'int': layer[row.key] = r.int(name, value, row.min, row.max, fallback); break;
      case 'bool': layer[row.key] = r.bool(name, value, fallback); break;
      case 'choice': layer[row.key] = r.pick(name, value, row.choices, fallback); break;
      default:  // padding: 'same', 'valid' or a number of cells
        layer[row.key] = value === undefined ? row.initial
          : value === 'same' || value === 'valid' ? value : r.int(name, value, row.min, row.max, fallback);
    }
  }
  return layer;
}

function readNetwork(r, raw) {
  const fallback = defaultExperiment().network;
  if (!isObject(raw)) {
    if (raw !== undefined) r.note('the network could not be read; used the default network');
    return fallback;
  }
  let layers = fallback.layers;
  if (Array.isArray(raw.layers)) {
    if (raw.layers.length > LIMITS.maxLayers) r.note(`at most ${LIMITS.maxLayers} layers; the rest were dropped`);
    layers = raw.layers.slice(0, LIMITS.maxLayers).map((layer, i) => readLayer(r, layer, i)).filter(Boolean);
    if (layers.length === 0) {
      r.note('the network has no layers; used the default layers');
      layers = fallback.layers;
    }
  } else if (raw.layers !== undefined) {
    r.note('layers must be a list; used the default layers');
  }
  return {
    inputLength: r.int('input length N', raw.inputLength, LIMITS.minLength, LIMITS.maxLength, fallback.inputLength),
    inputChannels: r.int('input channels', raw.inputChannels, 1, LIMITS.maxInputChannels, 1),
    layers,
    loss: readLoss(r, raw.loss),
    seed: r.int('seed', raw.seed, 0, LIMITS.maxSeed, fallback.seed),
  };
}

/** The page's loss ('crossentropy' is checked against the data set once that is read: see lossForDataset). */
function readLoss(r, value) {
  return r.pick('loss', value, LOSSES, 'sse');
}

/**
 * 'crossentropy' needs one class index per example, and only a classification data set gives those: without one,
 * it says so and uses 'sse'.
 */
function lossForDataset(r, loss, dataset) {
  if (loss !== 'crossentropy' || isClassificationDataset(dataset)) return loss;
  r.note("loss 'crossentropy' needs a classification data set (one class index per example), such as the task "
    + "'classify waveforms'; used sse");
  return 'sse';
}

/** A drawn signal: finite numbers, clamped to ±drawnRange and snapped to multiples of 1/DRAWN_SCALE. */
export function quantizeDrawn(values, length) {
  const out = new Array(length);
  for (let i = 0; i < length; i++) out[i] = quantizeValue(values[i]);
  return out;
}

export function quantizeValue(value) {
  const v = typeof value === 'number' && Number.isFinite(value) ? value : 0;
  const clamped = Math.min(LIMITS.drawnRange, Math.max(-LIMITS.drawnRange, v));
  return Math.round(clamped * DRAWN_SCALE) / DRAWN_SCALE;
}

function readDrawn(r, name, raw) {
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > LIMITS.maxLength) {
    r.note(`${name} drawing could not be read`);
    return null;
  }
  if (raw.some((v) => typeof v !== 'number' || !Number.isFinite(v))) r.note(`${name} drawing had non-numbers (NaN, ±∞ or text); set them to 0`);
  else if (raw.some((v) => Math.abs(v) > LIMITS.drawnRange)) r.note(`${name} drawing had values beyond ±${LIMITS.drawnRange}; clamped them`);
  return { drawn: quantizeDrawn(raw, raw.length) };
}

function readInputChannel(r, raw, c) {
  const name = `input channel ${c + 1}`;
  const fallback = { preset: c === 0 ? 'sines' : 'sine', cycles: 3, seed: 1 + c };
  if (isObject(raw) && raw.drawn !== undefined) return readDrawn(r, name, raw.drawn) || fallback;
  if (!isObject(raw)) {
    if (raw !== undefined) r.note(`${name} could not be read; used a preset`);
    return fallback;
  }
  return {
    preset: r.pick(`${name} preset`, raw.preset, INPUT_PRESETS, fallback.preset),
    cycles: r.num(`${name} cycles`, raw.cycles, 0, LIMITS.maxCycles, 3),
    seed: r.int(`${name} seed`, raw.seed, 0, LIMITS.maxSeed, fallback.seed),
  };
}

function readTarget(r, raw) {
  const fallback = defaultExperiment().target;
  if (!isObject(raw)) {
    if (raw !== undefined) r.note('the target could not be read; used the default target');
    return fallback;
  }
  if (raw.drawn !== undefined) return readDrawn(r, 'target', raw.drawn) || fallback;
  switch (raw.preset) {
    case 'filtered': {
      const k = raw.kernel;
      if (!Array.isArray(k) || k.length < 1 || k.length > LIMITS.maxHiddenKernel
        || k.some((v) => typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 100)) {
        r.note(`the hidden kernel must be 1…${LIMITS.maxHiddenKernel} numbers within ±100; used smoothing`);
        return fallback;
      }
      return { preset: 'filtered', kernel: k.slice() };
    }
    case 'same': return { preset: 'same' };
    case 'pooled': return { preset: 'pooled', kernelSize: r.int('pooled kernel', raw.kernelSize, 1, 64, 5) };
    case 'signal': return {
      preset: 'signal',
      kind: r.pick('target signal', raw.kind, INPUT_PRESETS, 'sine'),
      cycles: r.num('target cycles', raw.cycles, 0, LIMITS.maxCycles, 2),
      seed: r.int('target seed', raw.seed, 0, LIMITS.maxSeed, 7),
    };
    default:
      r.note('unknown target preset; used the default target');
      return fallback;
  }
}

function readSchedule(r, raw, steps, learningRate) {
  const whole = steps > 0 ? [[steps, learningRate]] : [];
  if (raw === undefined) return whole;
  if (!Array.isArray(raw) || raw.length > LIMITS.maxSchedule) {
    r.note('the training schedule could not be read; replayed all steps at the current η');
    return whole;
  }
  const schedule = [];
  let total = 0;
  for (const entry of raw) {
    const ok = Array.isArray(entry) && entry.length === 2 && Number.isInteger(entry[0]) && entry[0] > 0
      && typeof entry[1] === 'number' && Number.isFinite(entry[1])
      && entry[1] >= LIMITS.minLearningRate && entry[1] <= LIMITS.maxLearningRate;
    if (!ok) {
      r.note('the training schedule has a bad entry; replayed all steps at the current η');
      return whole;
    }
    schedule.push([entry[0], entry[1]]);
    total += entry[0];
  }
  if (total !== steps) {
    if (raw.length > 0) r.note('the training schedule does not add up to the step count; replayed all steps at the current η');
    return whole;
  }
  return schedule;
}

/** The training options, row by row (TRAINING_SCHEMA): a missing or bad value falls back to the row's initial. */
function readTraining(r, raw) {
  const training = initialTraining();
  if (raw === undefined) return training;
  if (!isObject(raw)) {
    r.note('the training options could not be read; used plain SGD');
    return training;
  }
  for (const row of TRAINING_SCHEMA) {
    const value = raw[row.key];
    switch (row.type) {
      case 'int': training[row.key] = r.int(row.label, value, row.min, row.max, row.initial); break;
      case 'num': training[row.key] = r.num(row.label, value, row.min, row.max, row.initial); break;
      case 'bool': training[row.key] = r.bool(row.label, value, row.initial); break;
      default: training[row.key] = r.pick(row.label, value, row.choices, row.initial);
    }
  }
  return training;
}

/** The learner's own examples: 1…maxRows rows of [input numbers, target numbers], the same lengths on every row. */
function readOwnRows(r, raw) {
  const finite = (list) => Array.isArray(list) && list.length >= 1 && list.length <= IMPORT_LIMITS.maxValues
    && list.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > IMPORT_LIMITS.maxRows
    || !raw.every((row) => Array.isArray(row) && row.length === 2 && finite(row[0]) && finite(row[1])
      && row[0].length === raw[0][0].length && row[1].length === raw[0][1].length)) {
    r.note('the own data set could not be read; used one example');
    return null;
  }
  return raw.map(([input, target]) => [input.slice(), target.slice()]);
}

/** null (one example: the input and target above), a preset made from a seed, or the learner's own examples. */
function readDataset(r, raw) {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) {
    r.note('the data set could not be read; used one example');
    return null;
  }
  const validation = r.num('validation share', raw.validation, 0, DATASET_LIMITS.maxValidation, 0);
  if (raw.own !== undefined) {
    const own = readOwnRows(r, raw.own);
    return own ? { own, validation } : null;
  }
  return {
    preset: r.pick('data set preset', raw.preset, ALL_DATASET_PRESETS, 'denoise'),
    seed: r.int('data set seed', raw.seed, 0, LIMITS.maxSeed, 1),
    count: r.int('examples', raw.count, 1, DATASET_LIMITS.maxCount, 32),
    validation,
  };
}

/** Any value → { experiment, problems }; the experiment is complete and within LIMITS (the core checks the rest). */
export function normalizeExperiment(raw) {
  const r = new Reader();
  if (!isObject(raw)) {
    r.note('the experiment is not an object; loaded the defaults');
    return { experiment: defaultExperiment(), problems: r.problems };
  }
  if (raw.v !== undefined && raw.v !== VERSION) {
    r.note(`this experiment has version ${typeof raw.v === 'number' ? raw.v : '?'}; this page reads version ${VERSION}`);
  }
  const fallback = defaultExperiment();
  const network = readNetwork(r, raw.network);
  let input = Array.isArray(raw.input) ? raw.input.slice(0, network.inputChannels) : [];
  if (raw.input !== undefined && !Array.isArray(raw.input)) r.note('the input could not be read; used presets');
  input = Array.from({ length: network.inputChannels }, (_, c) => readInputChannel(r, input[c], c));
  const learningRate = r.num('learning rate η', raw.learningRate, LIMITS.minLearningRate, LIMITS.maxLearningRate,
    fallback.learningRate);
  // more steps than a link may replay is not a link this page wrote: start from 0 rather than replay a clamped count
  let steps = 0;
  if (Number.isInteger(raw.steps) && raw.steps > LIMITS.maxSteps) {
    r.note(`steps ${raw.steps} is more than a link may replay (${LIMITS.maxSteps}); started from step 0`);
  } else {
    steps = r.int('steps', raw.steps, 0, LIMITS.maxSteps, 0);
  }
  const experiment = {
    v: VERSION,
    network,
    input,
    target: readTarget(r, raw.target),
    learningRate,
    stepsPerFrame: r.int('steps per frame', raw.stepsPerFrame, 1, LIMITS.maxStepsPerFrame, fallback.stepsPerFrame),
    steps,
    schedule: readSchedule(r, raw.schedule, steps, learningRate),
    training: readTraining(r, raw.training),
    dataset: readDataset(r, raw.dataset),
  };
  network.loss = lossForDataset(r, network.loss, experiment.dataset);
  return { experiment, problems: r.problems };
}

// ---------------------------------------------------------------------------------------------------------------
// URL fragment: readable key=value pairs, e.g.
//   v=1&n=64&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1~act-tanh~pool-k2-s1-p0-d1-c0&loss=sse&seed=42
//   &in0=sines-3-1&target=filtered-0.1,0.2,0.4,0.2,0.1&lr=0.01&spf=2&steps=100&sched=100@0.01
// Drawn signals are `draw.` + lz-string(comma-separated deltas of round(value·1024)).

export function encodeDrawn(values) {
  let previous = 0;
  const deltas = values.map((v) => {
    const q = Math.round(quantizeValue(v) * DRAWN_SCALE);
    const d = q - previous;
    previous = q;
    return d;
  });
  return `draw.${LZString.compressToEncodedURIComponent(deltas.join(','))}`;
}

/** → number[] or null; never throws, refuses oversize input before decompressing it. */
export function decodeDrawn(text) {
  if (typeof text !== 'string' || !text.startsWith('draw.')) return null;
  const packed = text.slice(5);
  if (packed.length === 0 || packed.length > LIMITS.drawnChars || !/^[A-Za-z0-9+\-$]*$/.test(packed)) return null;
  let plain;
  try {
    plain = LZString.decompressFromEncodedURIComponent(packed);
  } catch {
    return null;
  }
  if (typeof plain !== 'string' || plain.length === 0 || plain.length > LIMITS.maxLength * 8) return null;
  if (!/^-?\d{1,5}(,-?\d{1,5})*$/.test(plain)) return null;
  let q = 0;
  const values = plain.split(',').map((d) => { q += Number(d); return q / DRAWN_SCALE; });
  return values.length <= LIMITS.maxLength ? values : null;
}

function encodeSignal(channel) {
  if (channel.drawn) return encodeDrawn(channel.drawn);
  return `${channel.preset}-${channel.cycles}-${channel.seed}`;
}

function decodeSignal(text) {
  if (text.startsWith('draw.')) return { drawn: decodeDrawn(text) ?? 'bad' };
  const [preset, cycles, seed, extra] = text.split('-');
  if (extra !== undefined) return 'bad';
  return { preset, cycles: toNumber(cycles), seed: toNumber(seed) };
}

function toNumber(s) {
  if (s === undefined) return undefined;
  return /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : NaN;
}

function encodeTarget(target) {
  if (target.drawn) return encodeDrawn(target.drawn);
  switch (target.preset) {
    case 'filtered': return `filtered-${target.kernel.map(String).join(',')}`;
    case 'pooled': return `pooled-${target.kernelSize}`;
    case 'signal': return `signal-${target.kind}-${target.cycles}-${target.seed}`;
    default: return 'same';
  }
}

function decodeTarget(text) {
  if (text.startsWith('draw.')) return { drawn: decodeDrawn(text) ?? 'bad' };
  const dash = text.indexOf('-');
  const preset = dash < 0 ? text : text.slice(0, dash);
  const rest = dash < 0 ? '' : text.slice(dash + 1);
  if (preset === 'filtered') return { preset, kernel: rest.split(',').slice(0, LIMITS.maxHiddenKernel + 1).map(toNumber) };
  if (preset === 'pooled') return { preset, kernelSize: toNumber(rest) };
  if (preset === 'signal') {
    const [kind, cycles, seed] = rest.split('-');
    return { preset, kind, cycles: toNumber(cycles), seed: toNumber(seed) };
  }
  return { preset };
}

/** Experiment → fragment text (without '#'). */
export function serializeExperiment(experiment) {
  const e = experiment;
  const parts = [
    `v=${VERSION}`,
    `n=${e.network.inputLength}`,
    `ch=${e.network.inputChannels}`,
    `layers=${e.network.layers.map(encodeLayer).join('~')}`,
    `loss=${e.network.loss}`,
    `seed=${e.network.seed}`,
    ...e.input.map((channel, c) => `in${c}=${encodeSignal(channel)}`),
    `target=${encodeTarget(e.target)}`,
    `lr=${e.learningRate}`,
    `spf=${e.stepsPerFrame}`,
    `steps=${e.steps}`,
  ];
  if (e.steps > 0) parts.push(`sched=${e.schedule.map(([n, lr]) => `${n}@${lr}`).join('~')}`);
  parts.push(...encodeTraining(e.training), ...encodeDataset(e.dataset));
  return parts.join('&');
}

/**
 * Fragment text (with or without '#') → { experiment, problems, empty }. Never throws: garbage, truncated, huge or
 * hostile text gives the defaults (or the part that could be read) and problems to show.
 */
export function parseFragment(fragment) {
  const text = typeof fragment === 'string' ? fragment.replace(/^#/, '') : '';
  if (text.trim() === '') return { experiment: defaultExperiment(), problems: [], empty: true };
  if (text.length > LIMITS.fragmentChars) {
    return { experiment: defaultExperiment(), problems: [`the link is too long (${text.length} characters, the limit is ${LIMITS.fragmentChars}); loaded the defaults`], empty: false };
  }
  try {
    return { ...parseFields(text), empty: false };
  } catch {
    return { experiment: defaultExperiment(), problems: ['the link could not be read; loaded the defaults'], empty: false };
  }
}

const TRAINING_KEYS = TRAINING_SCHEMA.map((row) => row.code);
const KNOWN_KEYS = new RegExp(`^(v|n|ch|layers|loss|seed|in[0-9]|target|lr|spf|steps|sched|data|val|${TRAINING_KEYS.join('|')})$`);

/** Training options in a link: only those away from their initial value (`bs=8&opt=adam`), so old links stay short. */
function encodeTraining(training) {
  if (!training) return [];
  const text = (row, v) => (row.type === 'bool' ? (v ? 1 : 0) : v);
  return TRAINING_SCHEMA.filter((row) => training[row.key] !== row.initial).map((row) => `${row.code}=${text(row, training[row.key])}`);
}

function decodeTraining(fields) {
  const training = {};
  let any = false;
  for (const row of TRAINING_SCHEMA) {
    if (!fields.has(row.code)) continue;
    any = true;
    const text = fields.get(row.code);
    training[row.key] = row.type === 'bool' ? (text === '1' ? true : text === '0' ? false : 'bad')
      : row.type === 'choice' ? text : toNumber(text);
  }
  return any ? training : undefined;
}

/**
 * A data set in a link: `data=denoise-7-64` (preset, seed, count) or `data=own-rows-inputValues-targetValues.` +
 * base64url of the rows' float32 values (little-endian, row after row: input then target), and `val=0.25` (the
 * validation share). Raw bytes rather than a compressor: exact, and its size is known before it is decoded.
 */
function encodeDataset(dataset) {
  if (!dataset) return [];
  const parts = dataset.own ? [`data=${encodeOwn(dataset.own)}`] : [`data=${dataset.preset}-${dataset.seed}-${dataset.count}`];
  if (dataset.validation > 0) parts.push(`val=${dataset.validation}`);
  return parts;
}

function encodeOwn(rows) {
  const inLength = rows[0][0].length;
  const outLength = rows[0][1].length;
  const values = new Float32Array(rows.length * (inLength + outLength));
  rows.forEach(([x, y], i) => { values.set(x, i * (inLength + outLength)); values.set(y, i * (inLength + outLength) + inLength); });
  const bytes = new Uint8Array(values.buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const base64 = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `own-${rows.length}-${inLength}-${outLength}.${base64}`;
}

/** → rows, or null when the text is not exactly what encodeOwn writes (sizes checked before decoding). */
function decodeOwn(text) {
  const match = /^own-(\d{1,4})-(\d{1,4})-(\d{1,4})\.([A-Za-z0-9_-]*)$/.exec(text);
  if (!match) return null;
  const [rows, inLength, outLength] = [1, 2, 3].map((i) => Number(match[i]));
  if (rows < 1 || rows > IMPORT_LIMITS.maxRows || inLength < 1 || outLength < 1 || inLength + outLength > IMPORT_LIMITS.maxValues) return null;
  const byteCount = rows * (inLength + outLength) * 4;
  if (match[4].length !== Math.ceil((byteCount * 4) / 3)) return null;
  let binary;
  try { binary = atob(match[4].replace(/-/g, '+').replace(/_/g, '/')); } catch { return null; }
  if (binary.length !== byteCount) return null;
  const bytes = new Uint8Array(byteCount);
  for (let i = 0; i < byteCount; i++) bytes[i] = binary.charCodeAt(i);
  const values = new Float32Array(bytes.buffer);
  const width = inLength + outLength;
  return Array.from({ length: rows }, (_, r) => [Array.from(values.subarray(r * width, r * width + inLength)),
    Array.from(values.subarray(r * width + inLength, (r + 1) * width))]);
}

function decodeDataset(fields) {
  if (!fields.has('data')) return undefined;
  const text = fields.get('data');
  const validation = fields.has('val') ? toNumber(fields.get('val')) : undefined;
  if (text.startsWith('own-')) return { own: decodeOwn(text) ?? 'bad', validation };
  const [preset, seed, count, extra] = text.split('-');
  if (extra !== undefined) return 'bad';
  return { preset, seed: toNumber(seed), count: toNumber(count), validation };
}

function parseFields(text) {
  const fields = new Map();
  const unknown = [];
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    let value = eq < 0 ? '' : pair.slice(eq + 1);
    try { value = decodeURIComponent(value); } catch { /* keep it raw; its reader will refuse it */ }
    if (KNOWN_KEYS.test(key)) fields.set(key, value);
    else if (unknown.length < 3) unknown.push(key.slice(0, 20));
  }
  if (fields.size === 0) {
    return { experiment: defaultExperiment(), problems: ['the link holds no experiment; loaded the defaults'] };
  }
  const num = (key) => (fields.has(key) ? toNumber(fields.get(key)) : undefined);
  const raw = {
    v: num('v'),
    network: {
      inputLength: num('n'),
      inputChannels: num('ch'),
      layers: fields.has('layers') ? fields.get('layers').split('~').slice(0, LIMITS.maxLayers + 1).map(decodeLayer) : undefined,
      loss: fields.get('loss'),
      seed: num('seed'),
    },
    input: [],
    target: fields.has('target') ? decodeTarget(fields.get('target')) : undefined,
    learningRate: num('lr'),
    stepsPerFrame: num('spf'),
    steps: num('steps'),
    schedule: fields.has('sched')
      ? fields.get('sched').split('~').slice(0, LIMITS.maxSchedule + 1).map((s) => s.split('@').map(toNumber))
      : undefined,
    training: decodeTraining(fields),
    dataset: decodeDataset(fields),
  };
  for (let c = 0; c < LIMITS.maxInputChannels; c++) {
    if (fields.has(`in${c}`)) raw.input[c] = decodeSignal(fields.get(`in${c}`));
  }
  const { experiment, problems } = normalizeExperiment(raw);
  if (unknown.length) problems.push(`ignored unknown part(s) of the link: ${unknown.join(', ')}`);
  return { experiment, problems };
}

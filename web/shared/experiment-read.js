// The experiment: one plain JSON object that says everything needed to reproduce what the page shows. This module
// owns its defaults and its validation (its link form is experiment-link.js; experiment.js exports both). Nothing
// here throws on bad input: the reader returns the valid part plus a list of `problems` (human-readable, shown as a
// notice) and their `places`.
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
import { LIMITS, LOSSES, TRAINING_SCHEMA, initialTraining } from './schema.js';
import { initialLayer, isLayerType, layerType } from '../layers/registry.js';
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

/**
 * The experiment a fresh page shows: learn a smoothing kernel through conv → tanh → max-pool.
 * @returns {import('../types.js').Experiment}
 */
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

/** @param {import('../types.js').Experiment} experiment @returns {import('../types.js').Experiment} */
export function cloneExperiment(experiment) {
  return JSON.parse(JSON.stringify(experiment));
}

// ---------------------------------------------------------------------------------------------------------------
// Validation: any value in, a complete valid experiment out (plus problems).

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A reader that clamps/defaults one field at a time and remembers what it had to fix: `problems` as the notices
 * show them ("…; used 1"), and beside each its place { layer, field, rule } as data (the layer's index or null, its
 * option or null, the rule without what was used instead), so the editor shows it at its field without reading it.
 */
class Reader {
  constructor() { this.problems = []; this.places = []; }

  note(message, place = {}, used = undefined) {
    if (this.problems.length >= 20) return;
    this.problems.push(used === undefined ? message : `${message}; used ${used}`);
    this.places.push({ layer: place.layer ?? null, field: place.field ?? null, rule: message });
  }

  int(name, value, min, max, fallback, place) {
    return this.inRange(name, value, min, max, fallback, Number.isInteger, 'a whole number', place);
  }

  num(name, value, min, max, fallback, place) {
    return this.inRange(name, value, min, max, fallback, Number.isFinite, 'a finite number', place);
  }

  /** A number that passes `isKind`, clamped to min…max; anything else falls back. Each correction is noted. */
  inRange(name, value, min, max, fallback, isKind, kind, place) {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !isKind(value)) {
      this.note(`${name} must be ${kind}`, place, fallback);
      return fallback;
    }
    if (value < min || value > max) {
      const clamped = Math.min(max, Math.max(min, value));
      this.note(`${name} ${value} is outside ${min}…${max}`, place, clamped);
      return clamped;
    }
    return value;
  }

  pick(name, value, allowed, fallback, place) {
    if (value === undefined) return fallback;
    if (!allowed.includes(value)) {
      this.note(`${name} must be one of ${allowed.join(', ')}`, place, fallback);
      return fallback;
    }
    return value;
  }

  bool(name, value, fallback, place) {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.note(`${name} must be true or false`, place, fallback);
      return fallback;
    }
    return value;
  }
}

/** One layer, field by field from its schema rows: a missing or bad value falls back to the row's initial value. */
function readLayer(r, raw, i) {
  const at = `layer ${i + 1}`;
  if (!isObject(raw)) {
    r.note(`${at} is not a layer; dropped`, { layer: i });
    return null;
  }
  if (!isLayerType(raw.type)) {
    r.note(`${at} has an unknown type; dropped`, { layer: i, field: 'type' });
    return null;
  }
  const layer = { type: raw.type };
  for (const row of layerType(raw.type).fields) {
    const name = `${at} ${row.label}`;
    const value = raw[row.key];
    const fallback = row.fallback ?? row.initial;
    const place = { layer: i, field: row.key };
    switch (row.type) {
      case 'int': layer[row.key] = r.int(name, value, row.min, row.max, fallback, place); break;
      case 'bool': layer[row.key] = r.bool(name, value, fallback, place); break;
      case 'choice': layer[row.key] = r.pick(name, value, row.choices, fallback, place); break;
      default:  // padding: 'same', 'valid' or a number of cells
        layer[row.key] = value === undefined ? row.initial
          : value === 'same' || value === 'valid' ? value : r.int(name, value, row.min, row.max, fallback, place);
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
    inputLength: r.int('input length N', raw.inputLength, LIMITS.minLength, LIMITS.maxLength, fallback.inputLength,
      { field: 'inputLength' }),
    inputChannels: r.int('input channels', raw.inputChannels, 1, LIMITS.maxInputChannels, 1, { field: 'inputChannels' }),
    layers,
    loss: readLoss(r, raw.loss),
    seed: r.int('seed', raw.seed, 0, LIMITS.maxSeed, fallback.seed, { field: 'seed' }),
  };
}

/** The page's loss ('crossentropy' is checked against the data set once that is read: see lossForDataset). */
function readLoss(r, value) {
  return r.pick('loss', value, LOSSES, 'sse', { field: 'loss' });
}

/**
 * 'crossentropy' needs one class index per example, and only a classification data set gives those: without one,
 * it says so and uses 'sse'.
 */
function lossForDataset(r, loss, dataset) {
  if (loss !== 'crossentropy' || isClassificationDataset(dataset)) return loss;
  r.note("loss 'crossentropy' needs a classification data set (one class index per example), such as the task "
    + "'classify waveforms'", { field: 'loss' }, 'sse');
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

/**
 * Any value → { experiment, problems, places }; the experiment is complete and within LIMITS (the core checks the
 * rest). places[i] says where problems[i] is: { layer, field, rule } (see Reader).
 * @returns {{ experiment: import('../types.js').Experiment, problems: string[], places: import('../types.js').Place[] }}
 */
export function normalizeExperiment(raw) {
  const r = new Reader();
  if (!isObject(raw)) {
    r.note('the experiment is not an object; loaded the defaults');
    return { experiment: defaultExperiment(), problems: r.problems, places: r.places };
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
  return { experiment, problems: r.problems, places: r.places };
}


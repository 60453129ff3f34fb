// The layer schema: every option of every layer type, declared once. The library's argument checks
// (web/convpool.js), the experiment's reader and link form (experiment.js), the layer controls (app/controls.js) and
// the layer descriptions (app/panels.js) all walk these rows; a new layer option is one row here (plus the core and
// its binding). No DOM and no imports, so the library can use it in Node.

/** The page's limits (tighter than the core's caps so a frame stays fast); reading an experiment clamps to them. */
export const LIMITS = Object.freeze({
  minLength: 4, maxLength: 2048, maxInputChannels: 4, maxOutChannels: 8, maxKernelSize: 64, maxStride: 16,
  maxDilation: 16, maxPadding: 64, maxLayers: 8, maxSteps: 1_000_000, maxSchedule: 1000, maxHiddenKernel: 64,
  maxCycles: 512, maxSeed: 2 ** 31 - 1, maxStepsPerFrame: 10_000, minLearningRate: 1e-6, maxLearningRate: 10,
  fragmentChars: 200_000, drawnChars: 16_000, drawnRange: 2, maxOutFeatures: 16,
});

export const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'];
export const ACTIVATIONS = ['identity', 'relu', 'tanh', 'sigmoid'];
export const LOSSES = ['sse', 'mse', 'crossentropy'];
/** The losses the page offers: 'crossentropy' needs class-index targets, which only a classification data set gives. */
export const PAGE_LOSSES = ['sse', 'mse', 'crossentropy'];
export const GLOBAL_POOL_OPS = ['max', 'avg'];

/**
 * One row per option. Columns:
 *   key       the field of the layer object (createModel's spec and the experiment)
 *   type      'int' | 'bool' | 'choice' (one of `choices`) | 'padding' (an int ≥ 0, 'same' or 'valid')
 *   default   the library's value when the field is absent (a function of the layer read so far, or undefined when
 *             the field is required)
 *   initial   the page's value for a new layer and for a field an experiment leaves out (`fallback` when a bad value
 *             falls back to something else)
 *   min, max  the page's range of an 'int' (and of a 'padding' number)
 *   code      its letter in a link (`conv-k5-o1-…`); '' = positional (`act-tanh`). Links list the rows in this order.
 *   label     the control's label; help: the control's hint; describe(value, layer) → its words in a layer's title
 *             ('' = nothing to say)
 *   pageHidden        no control on the page (the library takes it; the page keeps `initial`)
 *   linkOmitsInitial  left out of a link at its initial value (an option added after links were shared)
 */
export const LAYER_SCHEMA = Object.freeze({
  conv1d: {
    title: 'conv1d', code: 'conv',
    fields: [
      { key: 'kernelSize', type: 'int', code: 'k', initial: 5, min: 1, max: LIMITS.maxKernelSize, label: 'kernel size K',
        help: 'taps of the kernel W', describe: (v) => `k=${v}` },
      { key: 'outChannels', type: 'int', code: 'o', default: 1, initial: 1, min: 1, max: LIMITS.maxOutChannels,
        label: 'out channels', help: 'output channels: one kernel per output channel and input channel',
        describe: (v) => `${v} out ch` },
      { key: 'stride', type: 'int', code: 's', default: 1, initial: 1, min: 1, max: LIMITS.maxStride, label: 'stride s',
        help: 'how far the window moves between outputs', describe: (v) => `s=${v}` },
      { key: 'dilation', type: 'int', code: 'd', default: 1, initial: 1, min: 1, max: LIMITS.maxDilation,
        label: 'dilation d', help: 'spacing between the taps of the window', describe: (v) => `d=${v}` },
      { key: 'padding', type: 'padding', code: 'p', default: 0, initial: 'same', fallback: 0, min: 0, max: LIMITS.maxPadding,
        label: 'padding', help: "cells added on each side: a number, 'same' (output as long as the input) or 'valid' (none)",
        describe: (v, layer) => `${typeof v === 'number' ? `padding ${v}` : `padding '${v}'`} (${layer.paddingMode})` },
      { key: 'paddingMode', type: 'choice', code: 'm', choices: PADDING_MODES, default: 'zeros', initial: 'zeros',
        label: 'padding mode', help: 'what the padded cells hold', describe: () => '' },
      // Grouped conv runs in the library and the core; the page draws [out, in, k] kernels only, so it keeps groups 1
      // (no control) and links leave the field out at 1: links made before it existed read the same.
      { key: 'groups', type: 'int', code: 'g', default: 1, initial: 1, min: 1, max: 1, pageHidden: true,
        linkOmitsInitial: true, label: 'groups', help: 'input and output channels split into this many independent groups',
        describe: (v) => (v > 1 ? `${v} groups` : '') },
      { key: 'bias', type: 'bool', code: 'b', default: true, initial: true, label: 'bias b',
        help: 'adds a learned b to every output sample', describe: (v) => (v ? 'bias' : '') },
    ],
  },
  activation: {
    title: 'activation', code: 'act',
    fields: [
      { key: 'fn', type: 'choice', code: '', choices: ACTIVATIONS, default: 'identity', initial: 'tanh', fallback: 'identity',
        label: 'function g', help: 'applied to every sample', describe: (v) => `g = ${v}` },
    ],
  },
  maxpool1d: {
    title: 'max-pool 1d', code: 'pool',
    fields: [
      { key: 'kernelSize', type: 'int', code: 'k', initial: 2, min: 1, max: LIMITS.maxKernelSize, label: 'kernel size K',
        help: 'samples in each window', describe: (v) => `k=${v}` },
      { key: 'stride', type: 'int', code: 's', default: (layer) => layer.kernelSize, initial: 1, min: 1, max: LIMITS.maxStride,
        label: 'stride s', help: 'how far the window moves between outputs', describe: (v) => `s=${v}` },
      { key: 'padding', type: 'int', code: 'p', default: 0, initial: 0, min: 0, max: LIMITS.maxPadding, label: 'padding p (−∞)',
        help: '−∞ cells on each side (at most half the kernel)', describe: (v) => `padding ${v}` },
      { key: 'dilation', type: 'int', code: 'd', default: 1, initial: 1, min: 1, max: LIMITS.maxDilation, label: 'dilation d',
        help: 'spacing between the samples of a window', describe: (v) => `d=${v}` },
      { key: 'ceilMode', type: 'bool', code: 'c', default: false, initial: false, label: 'ceil mode',
        help: 'keep a last, partial window', describe: (v) => (v ? 'ceil mode' : '') },
    ],
  },
  avgpool1d: {
    title: 'avg-pool 1d', code: 'avg',
    fields: [
      { key: 'kernelSize', type: 'int', code: 'k', initial: 2, min: 1, max: LIMITS.maxKernelSize, label: 'kernel size K',
        help: 'samples averaged in each window', describe: (v) => `k=${v}` },
      { key: 'stride', type: 'int', code: 's', default: (layer) => layer.kernelSize, initial: 2, min: 1, max: LIMITS.maxStride,
        label: 'stride s', help: 'how far the window moves between outputs', describe: (v) => `s=${v}` },
      { key: 'padding', type: 'int', code: 'p', default: 0, initial: 0, min: 0, max: LIMITS.maxPadding, label: 'padding p (zeros)',
        help: 'zero cells on each side (at most half the kernel)', describe: (v) => `padding ${v}` },
      { key: 'ceilMode', type: 'bool', code: 'c', default: false, initial: false, label: 'ceil mode',
        help: 'keep a last, partial window', describe: (v) => (v ? 'ceil mode' : '') },
      { key: 'countIncludePad', type: 'bool', code: 'i', default: true, initial: true, label: 'count padding',
        help: 'divide by the window up to the end of the right padding, padding included (a ceil-mode window past it divides by less); off: by the input samples it covers',
        describe: (v) => (v ? '' : 'padding not counted') },
    ],
  },
  globalpool: {
    title: 'global pool', code: 'gpool',
    fields: [
      { key: 'op', type: 'choice', code: '', choices: GLOBAL_POOL_OPS, default: 'max', initial: 'avg', fallback: 'max',
        label: 'operation', help: 'one value per channel: the largest sample or the mean of all samples',
        describe: (v) => `${v} over the whole length` },
    ],
  },
  linear: {
    title: 'linear', code: 'lin',
    fields: [
      { key: 'outFeatures', type: 'int', code: 'o', initial: 3, min: 1, max: LIMITS.maxOutFeatures, label: 'out features',
        help: 'outputs: each one a weighted sum of every input sample of every channel (flattened channel by channel)',
        describe: (v) => `${v} out` },
      { key: 'bias', type: 'bool', code: 'b', default: true, initial: true, label: 'bias b',
        help: 'adds a learned b to every output', describe: (v) => (v ? 'bias' : '') },
    ],
  },
});

/** The layer types, in the order menus and messages list them. */
export const LAYER_TYPES = Object.keys(LAYER_SCHEMA);

/** A new layer of `type` as the page adds it (every field at its initial value). */
export function initialLayer(type) {
  const layer = { type };
  for (const row of LAYER_SCHEMA[type].fields) layer[row.key] = row.initial;
  return layer;
}

/** A layer's options in words, e.g. "k=5, 1 out ch, s=1, d=1, padding 'same' (zeros), bias". */
export function describeLayer(layer) {
  const schema = LAYER_SCHEMA[layer.type];
  if (!schema) return '';
  return schema.fields.map((row) => row.describe(layer[row.key], layer)).filter(Boolean).join(', ');
}

/** A layer in a link: its type's code, then each field as `-` + letter + value (`conv-k5-o1-…`, `act-tanh`). */
export function encodeLayer(layer) {
  const schema = LAYER_SCHEMA[layer.type];
  const value = (row, v) => (row.type === 'bool' ? (v ? 1 : 0) : v);
  const written = schema.fields.filter((row) => !(row.linkOmitsInitial && (layer[row.key] ?? row.initial) === row.initial));
  return [schema.code, ...written.map((row) => `${row.code}${value(row, layer[row.key])}`)].join('-');
}

/**
 * A layer from its link text, unchecked: absent fields are undefined, unreadable ones NaN or 'bad' (the experiment's
 * reader then falls back and says so). An unknown type code gives { type: code }.
 */
export function decodeLayer(text) {
  const [code, ...parts] = text.split('-');
  const type = LAYER_TYPES.find((t) => LAYER_SCHEMA[t].code === code);
  if (!type) return { type: code };
  const lettered = {};
  for (const part of parts) if (part.length > 1) lettered[part[0]] = part.slice(1);
  const layer = { type };
  LAYER_SCHEMA[type].fields.forEach((row, i) => {
    const text = row.code === '' ? parts[i] : lettered[row.code];
    layer[row.key] = text === undefined ? undefined : decodeValue(row, text);
  });
  return layer;
}

function decodeValue(row, text) {
  const int = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  switch (row.type) {
    case 'int': return int;
    case 'bool': return text === '1' ? true : text === '0' ? false : 'bad';
    case 'padding': return text === 'same' || text === 'valid' ? text : int;
    default: return text;
  }
}

/**
 * The training options (batch, order, optimizer, weight decay), one row each, walked like the layer rows by the
 * experiment's reader, its link form and the data-set panel. Every row is optional in a link and left out at its
 * initial value, so links made before these options existed read as plain SGD on batches of 1. Columns as above,
 * plus type 'num' (a finite number in min…max) and `optimizer`: the optimizer the row belongs to (none: every one).
 */
export const OPTIMIZERS = ['sgd', 'adam'];
export const TRAINING_SCHEMA = Object.freeze([
  { key: 'batchSize', type: 'int', code: 'bs', initial: 1, min: 1, max: 256, label: 'batch size',
    help: 'examples whose gradients are summed into one step' },
  { key: 'shuffle', type: 'bool', code: 'shuf', initial: false, label: 'shuffle',
    help: 'a new seeded order of the examples every epoch (off: the order of the set)' },
  { key: 'optimizer', type: 'choice', code: 'opt', choices: OPTIMIZERS, initial: 'sgd', label: 'optimizer',
    help: 'how a step turns the gradient into a change of the weights' },
  { key: 'momentum', type: 'num', code: 'mom', initial: 0, min: 0, max: 0.999, optimizer: 'sgd', label: 'momentum μ',
    help: 'the share of the last step kept in the velocity' },
  { key: 'dampening', type: 'num', code: 'damp', initial: 0, min: 0, max: 1, optimizer: 'sgd', label: 'dampening',
    help: 'how much of the new gradient is left out of the velocity' },
  { key: 'nesterov', type: 'bool', code: 'nest', initial: false, optimizer: 'sgd', label: 'Nesterov',
    help: 'step along the gradient plus μ times the velocity (needs μ > 0 and no dampening)' },
  { key: 'beta1', type: 'num', code: 'b1', initial: 0.9, min: 0, max: 0.9999, optimizer: 'adam', label: 'β₁',
    help: 'decay of the mean gradient m' },
  { key: 'beta2', type: 'num', code: 'b2', initial: 0.999, min: 0, max: 0.99999, optimizer: 'adam', label: 'β₂',
    help: 'decay of the mean squared gradient v' },
  { key: 'eps', type: 'num', code: 'eps', initial: 1e-8, min: 1e-12, max: 1, optimizer: 'adam', label: 'ε',
    help: 'added to √v̂ so a step never divides by 0' },
  { key: 'weightDecay', type: 'num', code: 'wd', initial: 0, min: 0, max: 1, label: 'weight decay λ',
    help: 'λ·w added to the gradient: pulls the weights towards 0' },
]);

/** The training options at their initial values: plain SGD on batches of one, in order. */
export function initialTraining() {
  const training = {};
  for (const row of TRAINING_SCHEMA) training[row.key] = row.initial;
  return training;
}

/** The createModel fields of an experiment's training options (batchSize, shuffle, optimizer {…}, weightDecay). */
export function trainingSpec(training) {
  const optimizer = { type: training.optimizer };
  for (const row of TRAINING_SCHEMA) if (row.optimizer === training.optimizer) optimizer[row.key] = training[row.key];
  return { batchSize: training.batchSize, shuffle: training.shuffle, optimizer, weightDecay: training.weightDecay };
}

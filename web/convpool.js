// convpool: 1-D convolution and max-pooling, forward and backward, exact to PyTorch, in WebAssembly.
// The library (docs/interface.md): loadConvPool() → { conv1d, maxPool1d, avgPool1d, globalPool1d, linear,
// crossEntropy, createModel, … }.
// Works in browsers and in Node 20 without flags.
import createConvPoolCore from './generated/convpool-core.js';
import {
  ConvPoolError, argumentObject, boolean, describe, finiteNumber, floatArray, integer, oneOf, optionsObject,
  signalLength,
} from './lib/arguments.js';
import { LOSSES, OPTIMIZERS, OPTIMIZER_DEFAULTS } from './lib/training.js';
import { LAYER_TYPES, WEIGHTED_TYPES, layerType } from './layers/registry.js';
import { PADDING_MODES } from './layers/conv1d/index.js';
import { ACTIVATIONS } from './layers/activation/index.js';
import { GLOBAL_POOL_OPS } from './layers/globalpool/index.js';

export { ConvPoolError };

export { PADDING_MODES, ACTIVATIONS, LOSSES, LAYER_TYPES, GLOBAL_POOL_OPS, OPTIMIZERS };
export const SIGNAL_KINDS = ['sine', 'square', 'sawtooth', 'triangle', 'chirp', 'impulse', 'step', 'noise', 'sines',
  'zeros'];

const CONV_FIELDS = ['x', 'inChannels', 'outChannels', 'kernelSize', 'w', 'b', 'stride', 'padding', 'dilation',
  'paddingMode', 'groups', 'gradOut'];
const POOL_FIELDS = ['x', 'channels', 'kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'gradOut'];
const AVG_POOL_FIELDS = ['x', 'channels', 'kernelSize', 'stride', 'padding', 'ceilMode', 'countIncludePad', 'gradOut'];
const GLOBAL_POOL_FIELDS = ['x', 'channels', 'op', 'gradOut'];
const LINEAR_FIELDS = ['x', 'inFeatures', 'outFeatures', 'w', 'b', 'gradOut'];
const CROSS_ENTROPY_FIELDS = ['logits', 'classes', 'count', 'target', 'gradient'];
const SPEC_FIELDS = ['inputLength', 'inputChannels', 'layers', 'loss', 'seed', 'batchSize', 'shuffle', 'optimizer',
  'weightDecay'];
const DATASET_FIELDS = ['inputs', 'targets', 'count'];

let loading = null;

/** Live (created, not yet deleted) Model handles per WASM core: the leak check of ConvPool#liveModels(). */
const liveModelCounts = new WeakMap();
const countModel = (core, by) => liveModelCounts.set(core, (liveModelCounts.get(core) || 0) + by);

/**
 * Loads and instantiates the WebAssembly core once; later calls return the same library.
 * `options.wasmBinary` (bytes) or `options.locateFile` override where the .wasm comes from.
 */
export function loadConvPool(options = {}) {
  if (!loading) {
    loading = instantiate(options).then((core) => new ConvPool(core));
    loading.catch(() => { loading = null; });  // a failed load may be retried
  }
  return loading;
}

async function instantiate(options) {
  const moduleOptions = { ...options };
  const inNode = typeof process === 'object' && typeof process.versions?.node === 'string';
  if (inNode && !moduleOptions.wasmBinary) {
    // Emscripten 3.1.6 cannot fetch a file: URL in Node 20, so hand it the bytes.
    const { readFile } = await import('node:fs/promises');
    moduleOptions.wasmBinary = await readFile(new URL('./generated/convpool-core.wasm', import.meta.url));
  }
  return createConvPoolCore(moduleOptions);
}

/** Calls into the core; a core refusal becomes ConvPoolError, and so does anything unexpected. */
function call(fn) {
  let result;
  try {
    result = fn();
  } catch (error) {
    if (error instanceof ConvPoolError) throw error;
    throw new ConvPoolError(`internal error in the WebAssembly core: ${error && error.message || error}`);
  }
  if (result && typeof result === 'object' && typeof result.error === 'string') throw coreError(result);
  return result;
}

/** The core's { error, field, layer } as a ConvPoolError: its message, and where it is as data. */
function coreError({ error, field, layer }) {
  return new ConvPoolError(error, { field: field || null, layer: layer >= 0 ? layer : null });
}

function optionalArray(name, value) {
  return value === undefined || value === null ? null : floatArray(name, value);
}

/** The bias `b` as the core takes it: { b (empty when omitted or null), bias (whether there is one) }. */
function biasArguments(value) {
  const b = optionalArray('b', value);
  return { b: b || new Float32Array(0), bias: b !== null };
}

/**
 * The arguments of a pool with a sliding window (max, average), read in this order so that the first bad one is
 * the one named: channels, x, kernelSize, x's length per channel, stride (default kernelSize), padding (0), then
 * the pool's own fields (`own()`), then gradOut.
 */
function windowPoolArguments(args, own) {
  const channels = integer('channels', args.channels, undefined, 1);
  const x = floatArray('x', args.x);
  const kernelSize = integer('kernelSize', args.kernelSize);
  return {
    x,
    channels,
    inputLength: signalLength('x', x, channels, 'channels'),
    kernelSize,
    stride: integer('stride', args.stride, kernelSize),
    padding: integer('padding', args.padding, 0),
    ...own(),
    gradOut: optionalArray('gradOut', args.gradOut),
  };
}

/** The core's result with the named fields it has, in that order (its gradients only after a backward). */
function present(result, fields) {
  const out = {};
  for (const field of fields) if (result[field] !== undefined) out[field] = result[field];
  return out;
}

/** Padding as the core takes it: an integer, 'same' or 'valid'. */
function padding(name, value) {
  if (value === 'same' || value === 'valid') return value;
  if (typeof value === 'string') throw new ConvPoolError(`${name} ${describe(value)} must be an integer, 'same' or 'valid'`);
  return integer(name, value, 0);
}

class ConvPool {
  constructor(core) {
    this.core = core;
    /** The documented size caps (docs/interface.md "The core's caps"). */
    this.caps = core.caps();
  }

  /** Conv1d forward, and backward when `gradOut` is given; `groups` as in torch.nn.Conv1d. */
  conv1d(args) {
    argumentObject('conv1d arguments', args, CONV_FIELDS);
    const inChannels = integer('inChannels', args.inChannels, undefined, 1);
    const x = floatArray('x', args.x);
    const bias = biasArguments(args.b);
    const normalised = {
      x,
      inChannels,
      inputLength: signalLength('x', x, inChannels, 'inChannels'),
      outChannels: integer('outChannels', args.outChannels),
      kernelSize: integer('kernelSize', args.kernelSize),
      w: floatArray('w', args.w),
      ...bias,
      stride: integer('stride', args.stride, 1),
      padding: padding('padding', args.padding),
      dilation: integer('dilation', args.dilation, 1),
      paddingMode: oneOf('paddingMode', args.paddingMode, PADDING_MODES, 'zeros'),
      groups: integer('groups', args.groups, 1),
      gradOut: optionalArray('gradOut', args.gradOut),
    };
    return present(call(() => this.core.conv1d(normalised)), ['y', 'outLength', 'dx', 'dw', 'db']);
  }

  /** Max-pool forward (values and arg-max indices), and backward when `gradOut` is given. */
  maxPool1d(args) {
    argumentObject('maxPool1d arguments', args, POOL_FIELDS);
    const normalised = windowPoolArguments(args, () => ({
      dilation: integer('dilation', args.dilation, 1),
      ceilMode: boolean('ceilMode', args.ceilMode, false),
    }));
    return present(call(() => this.core.maxPool1d(normalised)), ['y', 'indices', 'outLength', 'dx']);
  }

  /**
   * Average pooling as torch.nn.AvgPool1d → { y, outLength, dx }: `stride` defaults to `kernelSize`, `padding` (zeros,
   * at most kernelSize/2) to 0, `ceilMode` to false, `countIncludePad` to true. `dx` only when `gradOut` is given.
   */
  avgPool1d(args) {
    argumentObject('avgPool1d arguments', args, AVG_POOL_FIELDS);
    const normalised = windowPoolArguments(args, () => ({
      ceilMode: boolean('ceilMode', args.ceilMode, false),
      countIncludePad: boolean('countIncludePad', args.countIncludePad, true),
    }));
    return present(call(() => this.core.avgPool1d(normalised)), ['y', 'outLength', 'dx']);
  }

  /**
   * Global pooling over each channel's whole length, as AdaptiveMaxPool1d(1) (`op: 'max'`) or AdaptiveAvgPool1d(1)
   * (`op: 'avg'`) → { y (one value per channel), outLength: 1, indices (max only), dx (with `gradOut`) }.
   */
  globalPool1d(args) {
    argumentObject('globalPool1d arguments', args, GLOBAL_POOL_FIELDS);
    const channels = integer('channels', args.channels, undefined, 1);
    const x = floatArray('x', args.x);
    const normalised = {
      x,
      channels,
      inputLength: signalLength('x', x, channels, 'channels'),
      op: oneOf('op', args.op, GLOBAL_POOL_OPS),
      gradOut: optionalArray('gradOut', args.gradOut),
    };
    return present(call(() => this.core.globalPool1d(normalised)), ['y', 'outLength', 'indices', 'dx']);
  }

  /**
   * A linear layer on a flattened input, as nn.Flatten then nn.Linear: y[o] = b[o] + Σ_j W[o,j] x[j], with x a
   * [C, L] signal read channel-major (j = c·L + i, inFeatures = C·L) and w [outFeatures, inFeatures]
   * → { y, dx, dw, db } (gradients only with `gradOut`, db only with a bias; `b` omitted or null = no bias).
   */
  linear(args) {
    argumentObject('linear arguments', args, LINEAR_FIELDS);
    const bias = biasArguments(args.b);
    const normalised = {
      x: floatArray('x', args.x),
      inFeatures: integer('inFeatures', args.inFeatures),
      outFeatures: integer('outFeatures', args.outFeatures),
      w: floatArray('w', args.w),
      ...bias,
      gradOut: optionalArray('gradOut', args.gradOut),
    };
    return present(call(() => this.core.linear(normalised)), ['y', 'dx', 'dw', 'db']);
  }

  /**
   * Softmax cross-entropy on logits, as torch.nn.CrossEntropyLoss() (mean over the batch), computed with a stable
   * log-sum-exp. `logits`: count × classes, example-major; `target`: count class indices held as numbers (integers
   * from 0 to classes − 1); `count` defaults to logits.length / classes.
   * → { loss, accuracy (share of examples whose arg-max is their target; the first maximum wins ties),
   *     predicted (Int32Array), probabilities (the softmax), dLogits (d loss / d logits, with `gradient: true`) }
   */
  crossEntropy(args) {
    argumentObject('crossEntropy arguments', args, CROSS_ENTROPY_FIELDS);
    const classes = integer('classes', args.classes, undefined, 1);
    const logits = floatArray('logits', args.logits);
    const count = args.count === undefined || args.count === null
      ? signalLength('logits', logits, classes, 'classes') : integer('count', args.count);
    const normalised = {
      logits,
      classes,
      count,
      // checked as numbers, then passed unrounded: 1.00000001 must be refused, not rounded to class 1 by float32
      target: (floatArray('target', args.target), Float64Array.from(args.target)),
      gradient: boolean('gradient', args.gradient, false),
    };
    return present(call(() => this.core.crossEntropy(normalised)),
      ['loss', 'accuracy', 'predicted', 'probabilities', 'dLogits']);
  }

  /** A trainable network; call model.delete() when done with it. */
  createModel(spec) {
    const normalised = normaliseSpec(spec, this.caps.maxLayers);
    const handle = call(() => this.core.createModel(normalised));
    if (!handle) throw coreError(this.core.lastError());
    return new Model(this.core, handle, normalised);
  }

  /**
   * A preset signal in [−1, 1], computed in the core so it is bit-identical in every browser.
   * kind: one of SIGNAL_KINDS; cycles: periods over the length; seed: for 'noise' and 'sines'.
   */
  generateSignal(kind, length, options) {
    const { cycles = 3, seed = 0 } = optionsObject('generateSignal options', options, ['cycles', 'seed']);
    const name = oneOf('kind', kind, SIGNAL_KINDS);
    const n = integer('length', length);
    finiteNumber('cycles', cycles);
    const s = seedArgument('seed', seed);
    return call(() => this.core.generateSignal(name, n, cycles, s)).signal;
  }

  /** Bytes handed out by the WASM allocator: flat across create/train/delete cycles when nothing leaks. */
  heapBytesInUse() { return this.core.heapBytesInUse(); }

  /** Size of the WASM memory in bytes (it only grows). */
  heapSize() { return this.core.HEAP8.length; }

  /** Models created by createModel() and not yet deleted (each owns one embind handle): flat when nothing leaks. */
  liveModels() { return liveModelCounts.get(this.core) || 0; }

  /** embind's count of live instances it tracks itself (getInheritedInstanceCount), or null without it. */
  embindInstances() {
    return typeof this.core.getInheritedInstanceCount === 'function' ? this.core.getInheritedInstanceCount() : null;
  }
}

/** A class index of loss 'crossentropy': an integer from 0 to classes − 1, held as a float. */
function checkClassIndex(name, value, classes) {
  if (!(Number.isInteger(value) && value >= 0 && value < classes)) {
    throw new ConvPoolError(`${name} ${describe(value)} must be a class index: an integer from 0 to ${classes - 1} `
      + `(classes ${classes})`);
  }
}

function seedArgument(name, value) {
  const seed = integer(name, value, 0);
  if (seed < 0) throw new ConvPoolError(`${name} ${seed} must be at least 0`);
  return seed;
}

function normaliseSpec(spec, maxLayers) {
  argumentObject('model spec', spec, SPEC_FIELDS);
  if (!Array.isArray(spec.layers)) {
    throw new ConvPoolError(`layers ${describe(spec.layers)} must be an array of layer objects`);
  }
  if (spec.layers.length > maxLayers) {
    throw new ConvPoolError(`layers.length ${spec.layers.length} must be at most ${maxLayers} (the layer cap)`);
  }
  return {
    inputLength: integer('inputLength', spec.inputLength),
    inputChannels: integer('inputChannels', spec.inputChannels, 1),
    loss: oneOf('loss', spec.loss, LOSSES, 'sse'),
    seed: seedArgument('seed', spec.seed),
    batchSize: integer('batchSize', spec.batchSize, 1, 1),
    shuffle: boolean('shuffle', spec.shuffle, false),
    optimizer: normaliseOptimizer(spec.optimizer),
    weightDecay: spec.weightDecay === undefined || spec.weightDecay === null ? 0
      : finiteNumber('weightDecay', spec.weightDecay),
    // Array.from, not map: map skips the holes of a sparse array, which then reached the core as undefined.
    layers: Array.from(spec.layers, normaliseLayer),
  };
}

/**
 * { type: 'sgd', momentum, dampening, nesterov } or { type: 'adam', beta1, beta2, eps }, every field filled in
 * with torch.optim's default. Types are checked here; the ranges (β in [0, 1), …) by the core.
 */
function normaliseOptimizer(optimizer) {
  if (optimizer === undefined || optimizer === null) return { type: 'sgd', ...OPTIMIZER_DEFAULTS.sgd, ...OPTIMIZER_DEFAULTS.adam };
  if (typeof optimizer !== 'object' || Array.isArray(optimizer)) {
    throw new ConvPoolError(`optimizer ${describe(optimizer)} must be an object with a 'type' (one of 'sgd', 'adam')`);
  }
  const type = oneOf('optimizer.type', optimizer.type, OPTIMIZERS, 'sgd');
  argumentObject('optimizer', optimizer, ['type', ...Object.keys(OPTIMIZER_DEFAULTS[type])]);
  const normalised = { type, ...OPTIMIZER_DEFAULTS.sgd, ...OPTIMIZER_DEFAULTS.adam };
  for (const [field, fallback] of Object.entries(OPTIMIZER_DEFAULTS[type])) {
    const value = optimizer[field];
    if (value === undefined || value === null) continue;
    normalised[field] = typeof fallback === 'boolean' ? boolean(`optimizer.${field}`, value, fallback)
      : finiteNumber(`optimizer.${field}`, value);
  }
  normalised.type = type;
  return normalised;
}

/**
 * A layer object as the core takes it: every field of its type's schema rows (web/layers/<type>/index.js) checked,
 * absent ones defaulted. A refusal carries the layer's index and the field (ConvPoolError's `layer`, `field`).
 */
function normaliseLayer(layer, i) {
  const at = `layers[${i}]`;
  try {
    if (layer === null || typeof layer !== 'object' || Array.isArray(layer)) {
      throw new ConvPoolError(`${at} ${describe(layer)} must be an object with a 'type'`);
    }
    const type = oneOf(`${at}.type`, layer.type, LAYER_TYPES);
    const rows = layerType(type).fields;
    argumentObject(at, layer, ['type', ...rows.map((row) => row.key)]);
    const normalised = { type };
    for (const row of rows) {
      const name = `${at}.${row.key}`;
      const value = layer[row.key];
      const fallback = typeof row.default === 'function' ? row.default(normalised) : row.default;
      try {
        switch (row.type) {
          case 'int': normalised[row.key] = integer(name, value, fallback); break;
          case 'bool': normalised[row.key] = boolean(name, value, fallback); break;
          case 'padding': normalised[row.key] = padding(name, value); break;
          default: normalised[row.key] = oneOf(name, value, row.choices, fallback);
        }
      } catch (error) {
        if (error instanceof ConvPoolError) error.field = row.key;
        throw error;
      }
    }
    return normalised;
  } catch (error) {
    if (error instanceof ConvPoolError) {
      error.layer = i;
      if (error.field === `${at}.type`) error.field = 'type';
    }
    throw error;
  }
}

/**
 * A network living in the WASM heap. Beyond the documented API (docs/interface.md) it exposes everything the playground draws:
 * `layers` (geometry of each layer), `view(name, layer)` (zero-copy arrays), `evaluate()`, `gradientCheck()`.
 */
class Model {
  constructor(core, handle, spec) {
    this.core = core;
    this.handle = handle;
    this.spec = spec;
    this.inputLength = spec.inputLength;
    this.inputChannels = spec.inputChannels;
    this.outputLength = handle.outputLength();
    this.outputChannels = handle.outputChannels();
    const count = handle.layerCount();
    /**
     * Per layer: type, in/out channels and lengths, and the conv/pool geometry (padLeft, padRight, …).
     * @type {import('./types.js').LayerGeometry[]}
     */
    this.layers = [];
    this.pointers = [];
    for (let l = 0; l < count; l++) {
      const info = handle.layerInfo(l);
      const geometry = /** @type {import('./types.js').LayerGeometry} */ ({});
      const pointers = {};
      for (const [key, value] of Object.entries(info)) (key.endsWith('Ptr') ? pointers : geometry)[key] = value;
      this.layers.push(Object.freeze(geometry));
      this.pointers.push(pointers);
    }
    this.inputPointer = handle.inputPtr();
    this.targetPointer = handle.targetPtr();
    /** What the last train() call did: { loss, stepsRun, diverged }. */
    this.lastTrain = null;
    countModel(core, 1);
  }

  alive() {
    if (!this.handle) throw new ConvPoolError('this model has been deleted (model.delete() was called)');
    return this.handle;
  }

  /** Copies x (inputChannels × inputLength, channel-major) into the model. */
  setInput(x) {
    this.write('input', x, this.inputPointer, this.inputChannels * this.inputLength,
      `inputChannels * inputLength = ${this.inputChannels} * ${this.inputLength}`);
  }

  /** Copies y (outputChannels × outputLength) into the model; with loss 'crossentropy', y is one class index. */
  setTarget(y) {
    if (this.spec.loss === 'crossentropy') {
      const array = floatArray('target', y);
      if (array.length === 1) checkClassIndex('target', array[0], this.outputChannels);
      this.write('target', array, this.targetPointer, 1, "one class index (loss 'crossentropy')");
      return;
    }
    this.write('target', y, this.targetPointer, this.outputChannels * this.outputLength,
      `outputChannels * outputLength = ${this.outputChannels} * ${this.outputLength}`);
  }

  write(name, values, pointer, expected, shape) {
    this.alive();
    const array = floatArray(name, values);
    if (array.length !== expected) {
      throw new ConvPoolError(`${name} has length ${array.length} but must have length ${expected} (${shape})`);
    }
    this.core.HEAPF32.set(array, pointer >> 2);
    // The example in the input/target buffers is the training set again (a data set of one example); and new data:
    // a later divergence it causes must not roll back a training step taken before it.
    this.handle.useSingleExample();
  }

  /**
   * The training set: `count` examples, example-major. inputs: count × inputChannels × inputLength; targets:
   * count × outputChannels × outputLength. Copied into the model; the batch order starts again (step 0), the
   * optimizer state is kept. Training uses it until setInput/setTarget make a one-example set again.
   */
  setDataset(dataset) { this.writeDataset('setDataset', dataset, false); }

  /** The held-out set validationLoss() evaluates (same layout as setDataset); null removes it. */
  setValidation(dataset) {
    if (dataset === null) {
      call(() => this.alive().prepareDataset(true, 0));
      call(() => this.handle.commitDataset(true, 0));
      return;
    }
    this.writeDataset('setValidation', dataset, true);
  }

  writeDataset(what, dataset, validation) {
    const handle = this.alive();
    argumentObject(`${what} argument`, dataset, DATASET_FIELDS);
    const count = integer('count', dataset.count, undefined, 1);
    const inputs = floatArray('inputs', dataset.inputs);
    const targets = floatArray('targets', dataset.targets);
    const inputSize = this.inputChannels * this.inputLength;
    const targetSize = this.handle.targetSize();  // values per example's target (the loss decides)
    if (inputs.length !== count * inputSize) {
      throw new ConvPoolError(`inputs has length ${inputs.length} but must have length count * inputChannels * `
        + `inputLength = ${count} * ${this.inputChannels} * ${this.inputLength} = ${count * inputSize}`);
    }
    if (targets.length !== count * targetSize && this.spec.loss === 'crossentropy') {
      throw new ConvPoolError(`targets has length ${targets.length} but must have length count = ${count} `
        + "(one class index per example, loss 'crossentropy')");
    }
    if (targets.length !== count * targetSize) {
      throw new ConvPoolError(`targets has length ${targets.length} but must have length count * outputChannels * `
        + `outputLength = ${count} * ${this.outputChannels} * ${this.outputLength} = ${count * targetSize}`);
    }
    const where = call(() => handle.prepareDataset(validation, count));  // may grow the heap: fresh views below
    this.core.HEAPF32.set(inputs, where.inputsPtr >> 2);
    this.core.HEAPF32.set(targets, where.targetsPtr >> 2);
    call(() => handle.commitDataset(validation, count));
  }

  /** Examples in the training set (1 when it is the input/target example). */
  exampleCount() { return this.alive().trainCount(); }

  /** Examples in the validation set (0 when there is none). */
  validationCount() { return this.alive().validationCount(); }

  /**
   * Loads one example into the input/target buffers and evaluates it, so every view() shows that example.
   * options.validation picks the validation set. Returns that example's loss. The training order is untouched.
   */
  showExample(index, options) {
    const { validation = false } = optionsObject('showExample options', options, ['validation']);
    const i = integer('index', index);
    return call(() => this.alive().showExample(boolean('validation', validation, false), i)).loss;
  }

  /** Runs `steps` optimizer steps on mini-batches inside WASM; returns the batch loss of the last step's forward
   * passes. The optimizer state persists across calls; a changed learningRate applies from the next step. Stops
   * early, keeping the last finite weights and optimizer state, if the loss becomes NaN or infinite
   * (see lastTrain.diverged). */
  train(steps, learningRate) {
    const handle = this.alive();
    const n = integer('steps', steps);
    finiteNumber('learningRate', learningRate);
    this.lastTrain = call(() => handle.train(n, learningRate));
    return this.lastTrain.loss;
  }

  /** The loss of the whole training set as one batch at the current weights (forward passes only). */
  loss() { return call(() => this.alive().loss()); }

  /** The same on the validation set; NaN when there is none. */
  validationLoss() { return call(() => this.alive().validationLoss()); }

  /** Loss 'crossentropy': the share of training examples whose largest logit is their class (the first maximum wins
   * ties), at the current weights. NaN for 'sse'/'mse'. */
  accuracy() { return call(() => this.alive().accuracy()); }

  /** The same on the validation set; NaN when there is none. */
  validationAccuracy() { return call(() => this.alive().validationAccuracy()); }

  /** Forward and backward at the current weights without updating them, so every view is current; returns the loss. */
  evaluate() { return call(() => this.alive().evaluate()); }

  /** SGD steps taken since the model was built or reset. */
  stepCount() { return this.alive().stepsTaken(); }

  /** Steps since the last setDataset or reset: the next step's batch starts at position batchPosition() · batchSize of
   * the example order (docs/interface.md, §7). */
  batchPosition() { return this.alive().batchPosition(); }

  /** Re-draws the initial weights from `seed` (default: the spec's); clears the step count, the batch order and the
   * optimizer state. */
  reset(seed = this.spec.seed) {
    const s = seedArgument('seed', seed);
    const handle = this.alive();
    call(() => handle.reset(s));
  }

  /**
   * A zero-copy view of one buffer, valid until the next call that may grow WASM memory (take a fresh one then).
   * Names, for layer l: 'input', 'output', 'gradInput', 'gradOutput' (any layer); 'weight', 'bias', 'gradWeight',
   * 'gradBias', 'padded', 'gradPadded' (conv1d; linear has all but the padded two, its weight [outFeatures,
   * inFeatures]); 'argmax' (maxpool1d, and globalpool with op 'max': one per channel; an Int32Array); the optimizer
   * state of a conv1d or linear layer's weight and bias: 'velocity', 'velocityBias' (sgd: the momentum buffer b),
   * 'adamM', 'adamMBias', 'adamV', 'adamVBias' (adam: m and v). After a step, 'gradWeight'/'gradBias' hold the
   * batch's summed gradient.
   * Without a layer: 'input', 'target' (one class index with loss 'crossentropy'), 'output', 'gradInput' (dC/dx of
   * the network), 'gradOutput' (dC/dŷ) and, with loss 'crossentropy', 'probabilities' (the softmax of the output).
   */
  view(name, layer) {
    this.alive();
    if (layer === undefined) return this.networkView(name);
    const l = integer('layer', layer);
    if (l < 0 || l >= this.layers.length) {
      throw new ConvPoolError(`layer ${l} must be from 0 to ${this.layers.length - 1}`);
    }
    const g = this.layers[l];
    const p = this.pointers[l];
    const kind = layerType(g.type);
    // the weights of a type that has them (conv1d: [out, in / groups, k]; linear: [outFeatures, inFeatures])
    const weights = kind.parameters ? kind.parameters.weights(g) : 0;
    const sizes = {
      input: [p.inputPtr, g.inChannels * g.inLength],
      output: [p.outputPtr, g.outChannels * g.outLength],
      gradInput: [p.gradInputPtr, g.inChannels * g.inLength],
      gradOutput: [p.gradOutputPtr, g.outChannels * g.outLength],
    };
    if (kind.parameters) {
      Object.assign(sizes, {
        weight: [p.weightPtr, weights],
        gradWeight: [p.gradWeightPtr, weights],
        bias: [p.biasPtr, g.bias ? g.outChannels : 0],
        gradBias: [p.gradBiasPtr, g.bias ? g.outChannels : 0],
      });
      if (kind.padded) {
        sizes.padded = [p.paddedPtr, g.inChannels * g.paddedLength];
        sizes.gradPadded = [p.gradPaddedPtr, g.inChannels * g.paddedLength];
      }
      for (const state of ['velocity', 'adamM', 'adamV']) {
        if (p[`${state}Ptr`]) sizes[state] = [p[`${state}Ptr`], weights];
        if (p[`${state}BiasPtr`]) sizes[`${state}Bias`] = [p[`${state}BiasPtr`], g.outChannels];
      }
    }
    if (name === 'argmax' && kind.argmax(g)) {
      return new Int32Array(this.core.HEAP32.buffer, p.argmaxPtr, g.outChannels * g.outLength);
    }
    return this.float(sizes, name, `a ${g.type} layer`);
  }

  networkView(name) {
    const h = this.handle;
    const inSize = this.inputChannels * this.inputLength;
    const outSize = this.outputChannels * this.outputLength;
    const sizes = {
      input: [this.inputPointer, inSize],
      target: [this.targetPointer, h.targetSize()],
      output: [h.outputPtr(), outSize],
      gradInput: [h.inputGradPtr(), inSize],
      gradOutput: [h.outputGradPtr(), outSize],
    };
    // crossentropy: the softmax of the shown example's logits, p_j = e^{z_j} / Σ_i e^{z_i}
    if (this.spec.loss === 'crossentropy') sizes.probabilities = [h.probabilitiesPtr(), this.outputChannels];
    return this.float(sizes, name, 'the network');
  }

  float(sizes, name, what) {
    const entry = sizes[name];
    if (!entry) {
      throw new ConvPoolError(`view ${describe(name)} does not exist for ${what} (one of ${Object.keys(sizes).join(', ')})`);
    }
    return new Float32Array(this.core.HEAPF32.buffer, entry[0], entry[1]);
  }

  /** Copies of a conv1d or linear layer's weights and bias. */
  getParameters(layer) {
    return { weight: this.view('weight', layer).slice(), bias: this.view('bias', layer).slice() };
  }

  /** Overwrites a conv1d or linear layer's weights (and bias, when given). */
  setParameters(layer, parameters) {
    this.alive();
    const { weight, bias } = optionsObject('parameters', parameters, ['weight', 'bias']);
    const g = this.layers[integer('layer', layer)];
    if (!g || !WEIGHTED_TYPES.includes(g.type)) {
      throw new ConvPoolError(`layer ${describe(layer)} must be a ${WEIGHTED_TYPES.join(' or ')} layer (one with `
        + 'parameters)', { field: 'layer' });
    }
    // Check both arrays before writing either, so a refused call changes nothing.
    const checked = (name, values) => {
      if (values === undefined) return null;
      const array = floatArray(name, values);
      const expected = this.view(name, layer).length;
      if (array.length !== expected) {
        throw new ConvPoolError(`${name} has length ${array.length} but must have length ${expected}`);
      }
      return array;
    };
    const w = checked('weight', weight);
    const b = checked('bias', bias);
    if (w) this.view('weight', layer).set(w);
    if (b) this.view('bias', layer).set(b);
    // Weights from outside: a later divergence must not roll back to weights from before this write.
    if (w || b) this.handle.discardUndo();
  }

  /**
   * Central finite differences in double precision against the analytic gradients of every layer. atKink: a ReLU
   * input's sign or a max-pool window's winner differs between θ − h, θ and θ + h (not counted in the worst error).
   * → { worstRelativeError, kinks, entries: [{ layer, tensor: 'weight'|'bias'|'input', index, analytic, numeric,
   *      relativeError, atKink }] }
   */
  gradientCheck(options) {
    const { maxPerTensor = 64 } = optionsObject('gradientCheck options', options, ['maxPerTensor']);
    const n = integer('maxPerTensor', maxPerTensor);
    if (n < 1) throw new ConvPoolError(`maxPerTensor ${n} must be at least 1`);
    return call(() => this.alive().gradientCheck(n));
  }

  /** Frees the model's WASM memory. Safe to call twice. */
  delete() {
    if (this.handle) {
      this.handle.delete();
      this.handle = null;
      countModel(this.core, -1);
    }
  }
}

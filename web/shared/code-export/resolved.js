// The "resolved experiment": everything a script needs to reproduce an experiment, as plain data, independent of
// the page. The exporters read only this object.
//
// {
//   link: '#v=1&n=64&…',        // the experiment's link (URL fragment or full address), quoted in the header
//   spec: { inputLength, inputChannels, layers, loss, seed },   // exactly what cp.createModel takes
//   initialParameters: [         // one entry per layer of spec.layers: null for activation and max-pool layers,
//     { weight, bias } | null,   // conv1d: Float32Array weight [out, in, k] and bias [out] (null/empty without bias)
//   ],
//   input: Float32Array,         // inputChannels × inputLength, channel-major
//   target: Float32Array,        // outputChannels × outputLength, channel-major
//   schedule: [[steps, lr], …],  // the training steps, in order: `steps` SGD steps at learning rate `lr` each
//   optimizer: { type: 'sgd' },  // optional; plain SGD (W ← W − η ∂C/∂W) is the only optimizer today
// }
import { ConvPoolError, describe } from '../../lib/arguments.js';

export const OPTIMIZERS = ['sgd'];

/**
 * Builds the resolved experiment: makes a model from `spec`, reads its initial (seeded) parameters and deletes it.
 * `cp` is the loaded library (loadConvPool()); input/target are Float32Arrays the model accepts.
 */
export function resolveExperiment(cp, spec, input, target, schedule, link) {
  const model = cp.createModel(spec);
  try {
    model.setInput(input);    // checks the lengths against the network
    model.setTarget(target);
    const initialParameters = model.layers.map((g, l) => (g.type === 'conv1d' ? model.getParameters(l) : null));
    return checkResolved({
      link: String(link ?? ''),
      spec: JSON.parse(JSON.stringify(model.spec)),  // the normalised spec: every default written out
      initialParameters,
      input: Float32Array.from(input),
      target: Float32Array.from(target),
      schedule: schedule.map(([steps, lr]) => [steps, lr]),
      optimizer: { type: 'sgd' },
    });
  } finally {
    model.delete();
  }
}

const CONV_DEFAULTS = { outChannels: 1, stride: 1, padding: 0, dilation: 1, paddingMode: 'zeros', bias: true };

/** The spec with every layer default written out (the library's defaults, web/convpool.js). */
export function withDefaults(spec) {
  return {
    inputLength: spec.inputLength,
    inputChannels: spec.inputChannels ?? 1,
    loss: spec.loss ?? 'sse',
    seed: spec.seed ?? 0,
    layers: spec.layers.map((layer) => {
      if (layer.type === 'conv1d') {
        const filled = { ...CONV_DEFAULTS };
        for (const [key, value] of Object.entries(layer)) if (value !== undefined && value !== null) filled[key] = value;
        return filled;
      }
      if (layer.type === 'maxpool1d') {
        return {
          type: 'maxpool1d', kernelSize: layer.kernelSize, stride: layer.stride ?? layer.kernelSize,
          padding: layer.padding ?? 0, dilation: layer.dilation ?? 1, ceilMode: layer.ceilMode ?? false,
        };
      }
      return { type: 'activation', fn: layer.fn ?? 'identity' };
    }),
  };
}

/** Checks the shape of a resolved experiment (the exporters trust it afterwards); → the object, defaults filled in. */
export function checkResolved(resolved) {
  if (resolved === null || typeof resolved !== 'object') {
    throw new ConvPoolError(`resolved experiment ${describe(resolved)} must be an object`);
  }
  const { spec, initialParameters, input, target, schedule } = resolved;
  if (!spec || typeof spec !== 'object' || !Array.isArray(spec.layers)) {
    throw new ConvPoolError(`spec ${describe(spec)} must be a model spec with a layers array`);
  }
  const full = withDefaults(spec);
  if (!Array.isArray(initialParameters) || initialParameters.length !== full.layers.length) {
    throw new ConvPoolError(`initialParameters ${describe(initialParameters)} must have one entry per layer `
      + `(${full.layers.length})`);
  }
  full.layers.forEach((layer, l) => {
    if (layer.type !== 'conv1d') return;
    const p = initialParameters[l];
    if (!p || !(p.weight instanceof Float32Array)) {
      throw new ConvPoolError(`initialParameters[${l}] ${describe(p)} must hold a Float32Array weight (layer ${l} is conv1d)`);
    }
    if (layer.bias && !(p.bias instanceof Float32Array && p.bias.length === layer.outChannels)) {
      throw new ConvPoolError(`initialParameters[${l}].bias ${describe(p.bias)} must be a Float32Array of `
        + `${layer.outChannels} values (layer ${l} has a bias)`);
    }
  });
  for (const [name, value] of [['input', input], ['target', target]]) {
    if (!(value instanceof Float32Array)) throw new ConvPoolError(`${name} ${describe(value)} must be a Float32Array`);
  }
  if (input.length !== full.inputChannels * full.inputLength) {
    throw new ConvPoolError(`input has length ${input.length} but must have inputChannels * inputLength = `
      + `${full.inputChannels * full.inputLength} values`);
  }
  if (!Array.isArray(schedule) || schedule.some((e) => !Array.isArray(e) || e.length !== 2
    || !Number.isInteger(e[0]) || e[0] < 0 || !Number.isFinite(e[1]))) {
    throw new ConvPoolError(`schedule ${describe(schedule)} must be a list of [steps, learningRate] pairs `
      + '(steps a whole number ≥ 0, learningRate finite)');
  }
  const optimizer = resolved.optimizer ?? { type: 'sgd' };
  if (!OPTIMIZERS.includes(optimizer.type)) {
    throw new ConvPoolError(`optimizer.type ${describe(optimizer.type)} must be one of ${OPTIMIZERS.join(', ')}`);
  }
  return { ...resolved, spec: full, optimizer };
}

/** Channels of the network's output: the last conv layer's outChannels, else the input's. */
export function outputChannels(spec) {
  let channels = spec.inputChannels;
  for (const layer of spec.layers) if (layer.type === 'conv1d') channels = layer.outChannels;
  return channels;
}

/** A one-line description of each layer for the header comment. */
export function describeLayer(layer) {
  if (layer.type === 'conv1d') {
    return `conv1d: ${layer.outChannels} out channel(s), kernel ${layer.kernelSize}, stride ${layer.stride}, `
      + `padding ${layer.padding} (${layer.paddingMode}), dilation ${layer.dilation}, `
      + `${layer.bias ? 'with' : 'no'} bias`;
  }
  if (layer.type === 'maxpool1d') {
    return `max-pool: kernel ${layer.kernelSize}, stride ${layer.stride}, padding ${layer.padding}, `
      + `dilation ${layer.dilation}${layer.ceilMode ? ', ceil mode' : ''}`;
  }
  return `activation: ${layer.fn}`;
}

/** Total steps of a schedule. */
export function totalSteps(schedule) {
  return schedule.reduce((sum, [steps]) => sum + steps, 0);
}

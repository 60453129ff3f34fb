// The "resolved experiment": everything a script needs to reproduce an experiment, as plain data, independent of
// the page. The exporters read only this object.
//
// {
//   link: '#v=1&n=64&…',        // the experiment's link (URL fragment or full address), quoted in the header
//   spec: {                      // exactly what cp.createModel takes; checkResolved writes every default out:
//     inputLength, inputChannels, layers, loss, seed,
//     batchSize: 1,              // examples per training step
//     shuffle: false,            // false: step i uses examples (i*batchSize + j) mod count, j = 0..batchSize-1;
//                                //   true: each epoch a Fisher–Yates permutation drawn from PCG32(seed, 2^32 + epoch)
//     optimizer: { type: 'sgd', momentum: 0, dampening: 0, nesterov: false }   // torch.optim.SGD's options
//              | { type: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8 },        // torch.optim.Adam's options
//     weightDecay: 0,            // λ: λ·w added to every gradient, as torch.optim's weight_decay
//   },
//   initialParameters: [         // one entry per layer of spec.layers: null for layers without weights,
//     { weight, bias } | null,   // conv1d: Float32Array weight [out, in, k] and bias [out] (null/empty without bias);
//                                //   linear: weight [outFeatures, inFeatures] and bias [outFeatures]
//   ],
//   dataset: { inputs, targets, count },   // the training set: Float32Arrays of count × inputChannels × inputLength
//                                //   and count × outputChannels × outputLength values (example-major, channel-major);
//                                //   with loss 'crossentropy' the targets are count class indices
//   validation: { inputs, targets, count } | null,   // optional held-out set: the scripts print `validation_loss v`
//   input: Float32Array,         // without `dataset`: one example (inputChannels × inputLength, channel-major) …
//   target: Float32Array,        // … and its target: a data set of one example, as model.setInput/setTarget make
//   schedule: [[steps, lr], …],  // the training steps, in order: `steps` optimizer steps at learning rate `lr` each
//   pageCheck: {                 // optional (page-check.js, replay-check.js): what the scripts compare themselves with
//     checkpoints: [[step, loss], …],   // the page's training-set loss after those steps (its curve)
//     floor,                     //   absolute agreement below which a loss's digits are float32 noise
//     sensitivity: { checkedSteps, totalSteps, partsAfter, partsBy } | null,   // the nudged replays' verdict
//   },
// }
import { ConvPoolError, describe } from '../../lib/arguments.js';
import { OPTIMIZERS, OPTIMIZER_DEFAULTS } from '../../lib/training.js';
import {
  LAYER_TYPES, WEIGHTED_TYPES, channelsAfter, isLayerType, layerType, withLibraryDefaults,
} from '../../layers/registry.js';

/** The losses both exporters write; a new one is added here once both scripts handle it. Every layer type is
 * exportable: its folder's code.js writes it. */
export const EXPORTABLE_LOSSES = ['sse', 'mse', 'crossentropy'];

/**
 * Builds the resolved experiment: makes a model from `spec`, reads its initial (seeded) parameters and deletes it.
 * `cp` is the loaded library (loadConvPool()); input/target are Float32Arrays the model accepts (one example).
 * `sets.dataset` / `sets.validation` ({ inputs, targets, count }, as model.setDataset takes) replace input/target
 * with a data set and add a held-out set; the model checks their lengths.
 */
export function resolveExperiment(cp, spec, input, target, schedule, link, sets = {}) {
  const model = cp.createModel(spec);
  try {
    let dataset;
    if (sets.dataset) {
      model.setDataset(sets.dataset);
      dataset = copyDataset(sets.dataset);
    } else {
      model.setInput(input);    // checks the lengths against the network
      model.setTarget(target);
      dataset = { inputs: Float32Array.from(input), targets: Float32Array.from(target), count: 1 };
    }
    if (sets.validation) model.setValidation(sets.validation);
    const initialParameters = model.layers.map((g, l) => (WEIGHTED_TYPES.includes(g.type) ? model.getParameters(l)
      : null));
    return checkResolved({
      link: String(link ?? ''),
      spec: JSON.parse(JSON.stringify(model.spec)),  // the normalised spec: every default written out
      initialParameters,
      dataset,
      validation: sets.validation ? copyDataset(sets.validation) : null,
      input: dataset.inputs.slice(0, model.inputChannels * model.inputLength),
      target: dataset.targets.slice(0, dataset.targets.length / dataset.count),
      schedule: schedule.map(([steps, lr]) => [steps, lr]),
    });
  } finally {
    model.delete();
  }
}

function copyDataset({ inputs, targets, count }) {
  return { inputs: Float32Array.from(inputs), targets: Float32Array.from(targets), count };
}

/** The optimizer with every option written out (the library's defaults). */
function optimizerWithDefaults(optimizer) {
  const type = optimizer?.type ?? 'sgd';
  if (!OPTIMIZERS.includes(type)) {
    throw new ConvPoolError(`optimizer.type ${describe(type)} must be one of ${OPTIMIZERS.join(', ')}`);
  }
  const full = { type };
  for (const [key, fallback] of Object.entries(OPTIMIZER_DEFAULTS[type])) {
    const value = optimizer?.[key] ?? fallback;
    if (typeof value !== typeof fallback || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new ConvPoolError(`optimizer.${key} ${describe(value)} must be a ${typeof fallback === 'boolean'
        ? 'boolean' : 'finite number'}`);
    }
    full[key] = value;
  }
  return full;
}

/** The spec with every default written out (the library's defaults: the layer types' schema rows, torch.optim's). */
export function withDefaults(spec) {
  const loss = spec.loss ?? 'sse';
  if (!EXPORTABLE_LOSSES.includes(loss)) {
    throw new ConvPoolError(`loss ${describe(loss)} cannot be exported as code yet (the exporters know `
      + `${EXPORTABLE_LOSSES.join(', ')})`, { field: 'loss' });
  }
  spec.layers.forEach((layer, i) => {
    if (!isLayerType(layer?.type)) {
      throw new ConvPoolError(`layers[${i}].type ${describe(layer?.type)} cannot be exported as code (the `
        + `exporters know ${LAYER_TYPES.join(', ')})`, { layer: i, field: 'type' });
    }
  });
  return {
    inputLength: spec.inputLength,
    inputChannels: spec.inputChannels ?? 1,
    loss,
    seed: spec.seed ?? 0,
    batchSize: spec.batchSize ?? 1,
    shuffle: spec.shuffle ?? false,
    optimizer: optimizerWithDefaults(spec.optimizer),
    weightDecay: spec.weightDecay ?? 0,
    layers: spec.layers.map(withLibraryDefaults),
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
    const { parameters } = layerType(layer.type);
    if (!parameters) return;
    const p = initialParameters[l];
    const outputs = parameters.outputs(layer);
    if (!p || !(p.weight instanceof Float32Array) || p.weight.length === 0 || p.weight.length % outputs !== 0) {
      throw new ConvPoolError(`initialParameters[${l}] ${describe(p)} must hold a Float32Array weight of a multiple `
        + `of ${outputs} values (layer ${l} is ${layer.type})`);
    }
    if (layer.bias && !(p.bias instanceof Float32Array && p.bias.length === outputs)) {
      throw new ConvPoolError(`initialParameters[${l}].bias ${describe(p.bias)} must be a Float32Array of `
        + `${outputs} values (layer ${l} has a bias)`);
    }
  });
  const dataset = resolved.dataset ?? { inputs: input, targets: target, count: 1 };
  const validation = resolved.validation ?? null;
  for (const [name, set] of [['dataset', dataset], ['validation', validation]]) {
    if (set === null) continue;
    if (!Number.isInteger(set.count) || set.count < 1) {
      throw new ConvPoolError(`${name}.count ${describe(set.count)} must be a whole number ≥ 1`);
    }
    for (const field of ['inputs', 'targets']) {
      const value = set[field];
      const label = name === 'dataset' && !resolved.dataset ? (field === 'inputs' ? 'input' : 'target') : `${name}.${field}`;
      if (!(value instanceof Float32Array)) throw new ConvPoolError(`${label} ${describe(value)} must be a Float32Array`);
      if (value.length === 0 || value.length % set.count !== 0) {
        throw new ConvPoolError(`${label} has length ${value.length} but must hold ${set.count} example(s) of equal size`);
      }
    }
    if (set.inputs.length !== set.count * full.inputChannels * full.inputLength) {
      throw new ConvPoolError(`${name === 'dataset' && !resolved.dataset ? 'input' : `${name}.inputs`} has length `
        + `${set.inputs.length} but must have count * inputChannels * inputLength = `
        + `${set.count * full.inputChannels * full.inputLength} values`);
    }
  }
  if (!Array.isArray(schedule) || schedule.some((e) => !Array.isArray(e) || e.length !== 2
    || !Number.isInteger(e[0]) || e[0] < 0 || !Number.isFinite(e[1]))) {
    throw new ConvPoolError(`schedule ${describe(schedule)} must be a list of [steps, learningRate] pairs `
      + '(steps a whole number ≥ 0, learningRate finite)');
  }
  if (!Number.isInteger(full.batchSize) || full.batchSize < 1) {
    throw new ConvPoolError(`batchSize ${describe(full.batchSize)} must be a whole number ≥ 1`);
  }
  if (typeof full.shuffle !== 'boolean') throw new ConvPoolError(`shuffle ${describe(full.shuffle)} must be true or false`);
  if (!Number.isFinite(full.weightDecay) || full.weightDecay < 0) {
    throw new ConvPoolError(`weightDecay ${describe(full.weightDecay)} must be a finite number ≥ 0`);
  }
  return { ...resolved, spec: full, dataset, validation, pageCheck: checkPageCheck(resolved.pageCheck) };
}

/** resolved.pageCheck (page-check.js) checked, or an empty one: no checkpoint, no sensitivity estimate. */
function checkPageCheck(pageCheck) {
  if (pageCheck === undefined || pageCheck === null) return { checkpoints: [], floor: 0, sensitivity: null };
  const { checkpoints, floor, sensitivity = null } = pageCheck;
  if (!Array.isArray(checkpoints) || checkpoints.some((c) => !Array.isArray(c) || c.length !== 2
    || !Number.isInteger(c[0]) || c[0] < 1 || typeof c[1] !== 'number')) {
    throw new ConvPoolError(`pageCheck.checkpoints ${describe(checkpoints)} must be a list of [step, loss] pairs `
      + '(step a whole number ≥ 1)');
  }
  if (!(Number.isFinite(floor) && floor >= 0)) {
    throw new ConvPoolError(`pageCheck.floor ${describe(floor)} must be a finite number ≥ 0`);
  }
  return { checkpoints: checkpoints.map(([step, loss]) => [step, loss]), floor, sensitivity };
}

/** Channels of the network's output (crossentropy: the classes, one logit each). */
export function outputChannels(spec) {
  return spec.layers.reduce((channels, layer) => channelsAfter(layer, channels), spec.inputChannels);
}

/** Total steps of a schedule. */
export function totalSteps(schedule) {
  return schedule.reduce((sum, [steps]) => sum + steps, 0);
}

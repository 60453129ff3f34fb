// The model of an experiment: its createModel spec, its example or data set made as the page makes them, its loss,
// and the estimated work of one step. Pure functions of (library, experiment) used by the session, the exporters'
// page part (app/code-source.js) and the tests. No DOM.
import { inputSignal, targetSignal } from './signals.js';
import { trainingSpec } from './schema.js';
import { layerType } from '../layers/registry.js';
import { datasetExamples, packExamples } from './datasets.js';
import { experimentDisplay } from './training-display.js';

/** Estimated work of one SGD step (forward, backward, update) of `model`, in units of ≈ one multiply-add. */
export function stepWork(model) {
  // the loss and the network's output, then each layer's own estimate (web/layers/<type>/index.js `work`)
  return model.layers.reduce((work, g) => work + layerType(g.type).work(g), 64 + 4 * model.outputChannels * model.outputLength);
}

/** The createModel spec of `experiment`: without training options, the network alone, exactly as before they existed. */
export function modelSpec(experiment) {
  return experiment.training ? { ...experiment.network, ...trainingSpec(experiment.training) } : experiment.network;
}

/** A model for `experiment` with its input and target set; throws the core's ConvPoolError when it refuses. */
export function buildModel(cp, experiment) {
  return runAtOnce(buildingModel(cp, experiment));
}

/**
 * buildModel as a generator: each `yield` is a point where the caller may give the main thread back (the page's
 * start-up builds its first model in parts: the first calls into the WASM compile its code, which takes a slow
 * phone tens of ms). Run it to its end: a model abandoned half-built would never be freed.
 */
export function* buildingModel(cp, experiment) {
  const model = cp.createModel(modelSpec(experiment));
  try {
    yield;
    const { input, target } = exampleSignals(cp, experiment, model);
    model.setInput(input);
    model.setTarget(target);
    if (experiment.dataset) {
      yield;
      setModelDataset(cp, model, experiment);
    }
  } catch (error) {
    model.delete();
    throw error;
  }
  return model;
}

/** Runs a generator of parts to its end at once; → its return value. */
export function runAtOnce(parts) {
  for (;;) {
    const { done, value } = parts.next();
    if (done) return value;
  }
}


/**
 * The experiment's one example, as the page makes it: { input, target } for a model of the experiment (`model`, whose
 * output length a 'filtered' target follows). With loss 'crossentropy' the target is a class index (the data set
 * then gives every example's).
 */
export function exampleSignals(cp, experiment, model) {
  const input = inputSignal(cp, experiment);
  const target = experiment.network.loss === 'crossentropy' ? new Float32Array([0]) : targetSignal(cp, experiment, model, input);
  return { input, target };
}

/**
 * The experiment's data set, generated (or fitted) and packed as model.setDataset takes it:
 * { dataset, validation (or null) } — `shape` is a model of the experiment (its input and output sizes).
 */
export function datasetSets(cp, experiment, shape) {
  const { train, validation } = datasetExamples(cp, experiment.dataset, experiment.network.inputLength);
  if (train.length === 0) throw new Error('the data set has no training examples');
  // loss 'crossentropy' takes one class index per example as its target
  const fitted = experiment.network.loss === 'crossentropy' ? { ...pick(shape), outputChannels: 1, outputLength: 1 } : shape;
  return { dataset: packExamples(train, fitted), validation: validation.length ? packExamples(validation, fitted) : null };
}

function pick({ inputChannels, inputLength, outputChannels, outputLength }) {
  return { inputChannels, inputLength, outputChannels, outputLength };
}

/** Gives the model the experiment's data set: training set, then validation set. */
function setModelDataset(cp, model, experiment) {
  const { dataset, validation } = datasetSets(cp, experiment, model);
  model.setDataset(dataset);
  if (validation) model.setValidation(validation);
  model.showExample(0);
}

/**
 * C as the page names it (web/shared/training-display.js): one example's loss, or a data set's mean per example
 * (one example: evaluate, so every view is current, as before).
 */
export function currentLoss(model, experiment) {
  return experiment.dataset ? experimentDisplay(experiment, model).c(model.loss()) : model.evaluate();
}

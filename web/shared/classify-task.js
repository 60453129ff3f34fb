// The waveform-classification task on the page: which networks can classify a data set's classes, and the small
// classifier network (web/shared/classifier-preset.js) as an edit of an experiment. No DOM: the data-set panel, the
// lessons and the tests share it.
import { CLASSIFIER_LEARNING_RATE, classifierSpec } from './classifier-preset.js';
import { presetClassNames } from './datasets.js';
import { withLibraryDefaults } from '../layers/registry.js';

/** The classifier's initial weights: a seed that reaches 95 % validation accuracy well within 3,000 steps. */
export const CLASSIFIER_SEED = 3;

/** The data set a fresh "classify waveforms" choice makes: 320 examples, a quarter held out for validation. */
export function classifyDataset({ seed = 1, count = 320, validation = 0.25 } = {}) {
  return { preset: 'classify', seed, count, validation };
}

/** True when `model` ends in one value per class of `dataset` (what loss 'crossentropy' needs). */
export function fitsClasses(model, dataset) {
  const names = dataset && presetClassNames(dataset.preset);
  return Boolean(names && model.outputLength === 1 && model.outputChannels === names.length);
}

/**
 * Makes `experiment` (edited in place) the small classifier on `dataset`: conv → ReLU → max-pool → conv → ReLU →
 * global average pool → linear (one logit per class), loss 'crossentropy', Adam with mini-batches of 16.
 */
export function useClassifierNetwork(experiment, dataset) {
  const classes = presetClassNames(dataset.preset).length;
  const spec = classifierSpec({ inputLength: 128, classes, seed: CLASSIFIER_SEED });
  // every field written out at the library's default: the page's initial values differ (its max-pool has stride 1
  // unless told; PyTorch's and the library's default is the kernel size)
  const layers = spec.layers.map(withLibraryDefaults);
  experiment.network = { inputLength: spec.inputLength, inputChannels: 1, layers, loss: 'crossentropy', seed: spec.seed };
  experiment.input = [experiment.input[0] || { preset: 'sine', cycles: 3, seed: 1 }];
  experiment.training = { ...experiment.training, optimizer: 'adam', batchSize: spec.batchSize, shuffle: spec.shuffle };
  experiment.learningRate = CLASSIFIER_LEARNING_RATE;
  experiment.dataset = { ...dataset };
  return experiment;
}

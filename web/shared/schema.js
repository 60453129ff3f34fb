// The training options' schema: batch, order, optimizer, weight decay, one row each, walked like a layer type's rows
// (web/layers/<type>/index.js) by the experiment's reader, its link form and the data-set panel. No DOM.
// The layer types' rows live in their folders behind web/layers/registry.js; the limits and names of the library's
// contract in web/lib/.
import { OPTIMIZERS, OPTIMIZER_DEFAULTS } from '../lib/training.js';

export { LIMITS } from '../lib/limits.js';
export { LOSSES, OPTIMIZERS } from '../lib/training.js';

/**
 * The training options (batch, order, optimizer, weight decay), one row each, walked like the layer rows by the
 * experiment's reader, its link form and the data-set panel. Every row is optional in a link and left out at its
 * initial value, so links made before these options existed read as plain SGD on batches of 1. Columns as a layer
 * type's rows (FieldRow in web/layers/registry.js), plus type 'num' (a finite number in min…max) and `optimizer`:
 * the optimizer the row belongs to (none: every one).
 */
const { sgd: SGD, adam: ADAM } = OPTIMIZER_DEFAULTS;  // torch.optim's defaults
export const TRAINING_SCHEMA = Object.freeze([
  { key: 'batchSize', type: 'int', code: 'bs', initial: 1, min: 1, max: 256, label: 'batch size',
    help: 'examples whose gradients are summed into one step' },
  { key: 'shuffle', type: 'bool', code: 'shuf', initial: false, label: 'shuffle',
    help: 'a new seeded order of the examples every epoch (off: the order of the set)' },
  { key: 'optimizer', type: 'choice', code: 'opt', choices: OPTIMIZERS, initial: 'sgd', label: 'optimizer',
    help: 'how a step turns the gradient into a change of the weights' },
  { key: 'momentum', type: 'num', code: 'mom', initial: SGD.momentum, min: 0, max: 0.999, optimizer: 'sgd',
    label: 'momentum μ', help: 'the share of the last step kept in the velocity' },
  { key: 'dampening', type: 'num', code: 'damp', initial: SGD.dampening, min: 0, max: 1, optimizer: 'sgd',
    label: 'dampening', help: 'how much of the new gradient is left out of the velocity' },
  { key: 'nesterov', type: 'bool', code: 'nest', initial: SGD.nesterov, optimizer: 'sgd', label: 'Nesterov',
    help: 'step along the gradient plus μ times the velocity (needs μ > 0 and no dampening)' },
  { key: 'beta1', type: 'num', code: 'b1', initial: ADAM.beta1, min: 0, max: 0.9999, optimizer: 'adam', label: 'β₁',
    help: 'decay of the mean gradient m' },
  { key: 'beta2', type: 'num', code: 'b2', initial: ADAM.beta2, min: 0, max: 0.99999, optimizer: 'adam', label: 'β₂',
    help: 'decay of the mean squared gradient v' },
  { key: 'eps', type: 'num', code: 'eps', initial: ADAM.eps, min: 1e-12, max: 1, optimizer: 'adam', label: 'ε',
    help: 'added to √v̂ so a step never divides by 0' },
  { key: 'weightDecay', type: 'num', code: 'wd', initial: 0, min: 0, max: 1, label: 'weight decay λ',
    help: 'λ·w added to the gradient: pulls the weights towards 0' },
]);

/** The training options at their initial values: plain SGD on batches of one, in order. */
/** @returns {import('../types.js').TrainingOptions} */
export function initialTraining() {
  const training = /** @type {import('../types.js').TrainingOptions} */ ({});
  for (const row of TRAINING_SCHEMA) training[row.key] = row.initial;
  return training;
}

/** The createModel fields of an experiment's training options (batchSize, shuffle, optimizer {…}, weightDecay). */
export function trainingSpec(training) {
  const optimizer = { type: training.optimizer };
  for (const row of TRAINING_SCHEMA) if (row.optimizer === training.optimizer) optimizer[row.key] = training[row.key];
  return { batchSize: training.batchSize, shuffle: training.shuffle, optimizer, weightDecay: training.weightDecay };
}

// The optimizers the page offers: each file holds one optimizer's update equations (TeX), its float32 step (the
// core's, bit for bit) and the last step's numbers. training: the experiment's training options (schema.js).
import sgd from './sgd.js';
import adam from './adam.js';

export const OPTIMIZER_MODULES = Object.freeze({ sgd, adam });

/** Plain SGD's options: what an experiment without training options trains with. */
export const PLAIN_SGD = Object.freeze({ optimizer: 'sgd', momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, batchSize: 1 });

/** The optimizer of `training` (plain SGD without training options). → { module, training } */
export function optimizerOf(training) {
  const options = training || PLAIN_SGD;
  return { module: OPTIMIZER_MODULES[options.optimizer] || sgd, training: options };
}

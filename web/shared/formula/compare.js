// Comparing a formula's values with the core's, one set of values (x, W, b, δ) at a time.
import { drawTruth, layerTruth, quantityIndices } from './reference.js';

/** Whether a learner's value agrees with the true one: within tolerance·scale, or both the same non-finite value. */
export function agrees(value, truth, tolerance, scale) {
  if (Number.isFinite(truth)) return Math.abs(value - truth) <= tolerance * scale;
  return Object.is(value, truth) || (Number.isNaN(value) && Number.isNaN(truth));
}

/** The scale a draw's values are compared at: its largest finite |true value| (a tiny floor when all are 0). */
export function scaleOf(truth) {
  let largest = 0;
  for (const v of truth) if (Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
  return Math.max(largest, 1e-6);
}

/**
 * One set of values, `set.values` (x, W, b, δ) or `set.seed` (a random draw): the truth from the core, the formula at
 * every index, the indices where they disagree.
 */
export function evaluateCase(cp, formula, layer, quantity, set, tolerance, budget) {
  const padded = formula.uses.has('xpad');
  const { env, truth: all, values } = set.seed !== undefined ? drawTruth(cp, layer, set.seed, { padded })
    : { ...layerTruth(cp, layer, set.values, { padded }), values: set.values };
  const indices = quantityIndices(layer, quantity);
  const truth = all[quantity];
  const learner = formula.evaluate(env, indices, budget);
  const scale = scaleOf(truth);
  const wrong = indices.filter((n) => !agrees(learner[n], truth[n], tolerance, scale));
  return { label: set.label, values, env, all, indices, truth, learner, scale, wrong };
}


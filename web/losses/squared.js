// What 'sse' and 'mse' share: one example's squared errors Σ_j (ŷ_j − y_j)² over its n = channels · M output values,
// in the precision of core/loss.cpp (a double sum of float differences; ∂C/∂ŷ a float scale times a float difference).
// sse.js and mse.js differ only in the scale: 2 for sse, 2/(B·n) for mse.
import { formatNumber as f, texFactor, texNum } from '../shared/format.js';

/** Σ_j (ŷ_j − y_j)² of one example, in double. */
export function squaredErrorSum(prediction, target) {
  let sum = 0;
  for (let j = 0; j < prediction.length; j++) sum += (prediction[j] - target[j]) ** 2;
  return sum;
}

/**
 * A squared loss from its scale: scale(n, batch) → { factor, tex, text } with δ_j = factor · (ŷ_j − y_j) for one
 * example's share of a batch of `batch`; divisor(n) what one example's Σ divides by (1 or n).
 */
export function squaredLoss({ name, title, words, short, setReduction, scale, divisor, tex, deltaNote }) {
  return {
    name, title, words, short, setReduction, targets: 'signal',
    scale,
    /** One example's C (sample: { prediction, target }). */
    exampleLoss({ prediction, target }) { return squaredErrorSum(prediction, target) / divisor(prediction.length); },
    /** ∂C/∂ŷ_j of this example's share of a batch of `batch`, in float32 as the core computes it. */
    gradientAt({ prediction, target }, j, batch = 1) {
      const factor = Math.fround(scale(prediction.length, batch).factor);
      return Math.fround(factor * Math.fround(prediction[j] - target[j]));
    },
    tex,
    /** The δ of example e inside a batch: how it scales with B (the batch-sum equation's companion). */
    batchDeltaTex(n, batch) { return `\\delta_e = \\frac{\\partial C}{\\partial \\hat y_e} = ${scale(n, batch).tex}\\,(\\hat y_e - y_e)`; },
    /** Output sample j with its numbers (hover, step-through). lossName: how C is named where this shows. */
    sampleTex({ prediction, target }, j, { loss, grad, lossName = 'C' }) {
      const yHat = prediction[j], y = target[j], n = prediction.length;
      const share = (yHat - y) ** 2 / divisor(n);
      const part = divisor(n) === 1 ? `(\\hat y_{${j}} - y_{${j}})^2` : `\\tfrac{1}{${n}}(\\hat y_{${j}} - y_{${j}})^2`;
      const written = divisor(n) === 1 ? `(${texNum(yHat)} - ${texFactor(y)})^2` : `\\tfrac{1}{${n}}(${texNum(yHat)} - ${texFactor(y)})^2`;
      return [
        `${part} = ${written} = ${texNum(share)}, \\qquad ${lossName} = ${texNum(loss)}`,
        `\\frac{\\partial C}{\\partial \\hat y_{${j}}} = ${scale(n, 1).tex}\\,(${texNum(yHat)} - ${texFactor(y)}) = ${texNum(grad)}`,
      ];
    },
    /** The last layer's δ in words (tooltip of ∂C/∂ŷ[c, t]); grad the core's value. */
    deltaLines({ prediction, target }, j) {
      const n = prediction.length;
      const counted = divisor(n) === 1 ? '' : `, n = channels · M = ${n}`;
      return [`= ${scale(n, 1).text}·(ŷ − y) = ${scale(n, 1).text}·(${f(prediction[j])} − ${f(target[j])})${counted}`,
        `ŷ = ${f(prediction[j])}, y = ${f(target[j])} (the target)`, deltaNote(n)];
    },
    /** What output sample j adds to this example's C (tooltip of the prediction). */
    shareLines({ prediction, target }, j, lossName = 'C') {
      const n = prediction.length;
      const share = (prediction[j] - target[j]) ** 2 / divisor(n);
      return [`target y = ${f(target[j])}`, `ŷ − y = ${f(prediction[j] - target[j])}`,
        `adds (ŷ − y)²${divisor(n) === 1 ? '' : ` / n (n = channels · M = ${n})`} = ${f(share)} to ${lossName}`];
    },
  };
}

// Loss 'crossentropy': softmax cross-entropy on the last layer's K outputs, the logits z_j (torch.nn.CrossEntropyLoss(),
// mean over the batch), as core/crossentropy.cpp computes it:
//   z_max = max_j z_j,  p_j = e^{z_j − z_max} / Σ_i e^{z_i − z_max}  (the softmax),  one example's C = −log p_y,
//   y its class index; a batch of B takes the mean of its examples' C, so ∂C/∂z_j = (p_j − 1[j = y]) / B.
import { formatNumber as f, texFactor, texNum } from '../shared/format.js';

/** log Σ_j e^{z_j} computed as the core does: z_max + log Σ_j e^{z_j − z_max}. */
function logSumExp(z) {
  let best = 0;
  for (let j = 1; j < z.length && !Number.isNaN(z[best]); j++) if (z[j] > z[best] || Number.isNaN(z[j])) best = j;
  const m = z[best];
  let sum = 0;
  for (let j = 0; j < z.length; j++) sum += Math.exp(z[j] - m);
  return { max: m, lse: m + Math.log(sum) };
}

/** The class index of a sample's target (the target view holds one float). */
const classOf = (target) => target[0];

export default {
  name: 'crossentropy',
  title: 'softmax cross-entropy',
  words: '−log p_y, with p_y the softmax probability of the true class',
  short: '−log p_y',
  setReduction: 'mean',  // model.loss() of a data set is the mean per example
  targets: 'class',

  /** Softmax of one example's logits, in double: p_j. */
  probabilities(z) {
    const { lse } = logSumExp(z);
    return Array.from(z, (v) => Math.exp(v - lse));
  },

  /** One example's C = −log p_y = lse(z) − z_y (sample: { prediction: z, target: [y] }). */
  exampleLoss({ prediction, target }) {
    return logSumExp(prediction).lse - prediction[classOf(target)];
  },

  /** ∂C/∂z_j of this example's share of a batch of `batch`: (p_j − 1[j = y]) / B, p_j as the core stores it (float). */
  gradientAt({ prediction, target, probabilities }, j, batch = 1) {
    const p = probabilities ? probabilities[j] : Math.fround(this.probabilities(prediction)[j]);
    return Math.fround((j === classOf(target) ? p - 1 : p) / batch);
  },

  scale(n, batch = 1) { return batch > 1 ? { factor: 1 / batch, tex: `\\frac{1}{${batch}}`, text: `1/${batch}` } : { factor: 1, tex: '', text: '' }; },

  /** The loss block: softmax, C and ∂C/∂z for K classes; batch > 1 writes the mean over the batch. */
  tex({ n: classes, batch = 1 }) {
    const lines = [
      `p_j = \\frac{e^{z_j - z_{\\max}}}{\\sum_{i=0}^{${classes - 1}} e^{z_i - z_{\\max}}}, \\quad z_{\\max} = \\max_i z_i \\quad\\text{(softmax of the logits } z = \\hat y\\text{; subtracting } z_{\\max} \\text{ keeps } e^{\\cdot} \\le 1\\text{)}`,
    ];
    if (batch > 1) {
      lines.push(`C = \\frac{1}{B} \\sum_{e=1}^{B} -\\log p_{e,\\,y_e}, \\quad B = ${batch} \\quad\\text{(the mean over the batch; } y_e \\text{ example } e\\text{\u2019s class)}`);
      lines.push(`\\frac{\\partial C}{\\partial z_{e,j}} = \\frac{p_{e,j} - \\mathbb{1}[j = y_e]}{B} = \\frac{p_{e,j} - \\mathbb{1}[j = y_e]}{${batch}}`);
    } else {
      lines.push('C = -\\log p_y = z_{\\max} + \\log \\sum_i e^{z_i - z_{\\max}} - z_y \\quad\\text{(} y \\text{ the true class)}');
      lines.push('\\frac{\\partial C}{\\partial z_j} = p_j - \\mathbb{1}[j = y]');
    }
    return lines;
  },

  batchDeltaTex(n, batch) { return `\\delta_{e,j} = \\frac{\\partial C}{\\partial z_{e,j}} = \\frac{p_{e,j} - \\mathbb{1}[j = y_e]}{${batch}}`; },

  /** Class j of one example with its numbers (hover, step-through): TeX lines. */
  sampleTex(sample, j, { loss, grad, lossName = 'C' }) {
    const z = sample.prediction;
    const y = classOf(sample.target);
    const p = sample.probabilities ? sample.probabilities : this.probabilities(z);
    const { max } = logSumExp(z);
    return [
      `p_{${j}} = \\frac{e^{${texFactor(z[j])} - ${texFactor(max)}}}{\\sum_i e^{z_i - ${texFactor(max)}}} = ${texNum(p[j])}, \\qquad y = ${y}`,
      `${lossName} = -\\log p_{${y}} = -\\log ${texNum(p[y])} = ${texNum(loss)}`,
      `\\frac{\\partial C}{\\partial z_{${j}}} = p_{${j}} - \\mathbb{1}[${j} = ${y}] = ${texNum(p[j])} - ${j === y ? 1 : 0} = ${texNum(grad)}`,
    ];
  },

  /** The last layer's δ in words (tooltip of ∂C/∂z_j). */
  deltaLines(sample, j) {
    const y = classOf(sample.target);
    const p = sample.probabilities ? sample.probabilities[j] : this.probabilities(sample.prediction)[j];
    return [`= p_${j} − 1[${j} = y] = ${f(p)} − ${j === y ? 1 : 0}`, `logit z_${j} = ${f(sample.prediction[j])}; true class y = ${y}`,
      'in a batch of B examples each δ is divided by B: (p_j − 1[j = y]) / B'];
  },

  /** What class j says about this example's C (tooltip of its probability bar). */
  shareLines(sample, j, lossName = 'C') {
    const y = classOf(sample.target);
    const p = sample.probabilities ? sample.probabilities[j] : this.probabilities(sample.prediction)[j];
    return [`logit z_${j} = ${f(sample.prediction[j])}`, `p_${j} = e^{z_${j}} / Σ_i e^{z_i}`,
      j === y ? `the true class: ${lossName} = −log p_${j} = ${f(-Math.log(p))}` : `not the true class (y = ${y}): its p_${j} only lowers p_${y}, the true class's share`];
  },
};

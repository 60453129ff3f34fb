// What the page says about the loss, the number called C and the update: one pure function of (loss, data mode,
// optimizer) and, per layer, of the layer. The loss block and the last layer's δ (equations, step-through, tooltip),
// the update blocks, the status line, the loss chart, its accessible label and tooltip, and the exercises' loss
// goals all read their words, TeX and C from here, so they cannot disagree.
//
// The number called C:
//   one example (no data set):  C = that example's loss (model.loss()).
//   a data set:                 C = the mean over the set's examples of each example's loss, the same for training
//                               and validation sets of any size: "training C (mean per example)". For 'mse' and
//                               'crossentropy' that is model.loss() itself; for 'sse' (a sum over the set) it is
//                               model.loss() / count.
// A training step's batch loss (what model.train returns) is another number: C of the batch as its loss reduces it.
import { lossOf } from '../losses/registry.js';
import { optimizerOf } from '../optimizers/registry.js';
import { texNum } from './format.js';

/**
 * setup: { loss: 'sse' | 'mse' | 'crossentropy', dataset: null | { count, validationCount }, training: the experiment's
 * training options (null: plain SGD on batches of 1), learningRate }.
 * @param {{ loss?: string, dataset?: { count: number, validationCount: number } | null, training?: any,
 *   learningRate?: number }} [setup]
 */
export function trainingDisplay({ loss: lossName = 'sse', dataset = null, training = null, learningRate } = {}) {
  const loss = lossOf(lossName);
  const { module: optimizer, training: options } = optimizerOf(training);
  const batch = Math.max(1, options.batchSize || 1);
  const onSet = Boolean(dataset);
  const plainStep = optimizer.isPlain(options) && batch === 1;
  const perExample = (raw, count) => (loss.setReduction === 'sum' ? raw / Math.max(1, count) : raw);
  const display = {
    loss, optimizer, training: options, batch, learningRate,
    dataMode: onSet ? 'dataset' : 'example',
    /** How C is named where it is shown (status line, chart, label, tooltip, goals). */
    cName: onSet ? 'training C (mean per example)' : 'C',
    cShort: onSet ? 'training C' : 'C',
    validationName: 'validation C (mean per example)',
    validationShort: 'validation C',
    /** One sentence defining C in this mode. */
    definition: onSet
      ? `C is the mean over the training set's examples of each example's loss ${loss.short} (the validation set's the same way), so sets of any size compare.`
      : `C is the example's loss ${loss.short}.`,
    /** C from model.loss() (count: the training set's examples). */
    c: (raw, count = dataset ? dataset.count : 1) => (onSet ? perExample(raw, count) : raw),
    /** Validation C from model.validationLoss() (count: the validation set's examples). */
    validationC: (raw, count = dataset ? dataset.validationCount : 0) => perExample(raw, count),
    /** How the loss of the example the views show is named: C itself, or that example's C_e in a data set. */
    exampleName: onSet ? 'C_e' : 'C',
    exampleWords: onSet ? 'this example\u2019s loss C_e' : 'C',
    /** True when one page step is plain SGD on one example: W ← W − η ∂C/∂W with that example's gradient. */
    plainStep,
    /** What one step of the page does, in words. */
    stepWords: `${optimizer.title(options)} on ${batch > 1 ? `batches of ${batch} examples` : 'one example per step'}`
      + `${onSet ? ` of the data set${options.shuffle ? ' (shuffled each epoch)' : ', in order'}` : batch > 1 ? ' (the same example, repeated)' : ''}`,
    /** The loss block (outputSize: n = channels · M output values, or K classes): title and TeX lines. */
    lossBlock(outputSize) {
      const title = loss.name === 'crossentropy' ? 'Loss and \u2202C/\u2202z (the logits z = \u0177, x_out of the last layer)' : 'Loss and \u2202C/\u2202\u0177 (\u0177 = x_out of the last layer)';
      const lines = [...loss.tex({ n: outputSize, batch })];
      if (batch > 1) lines.push({ note: `A step's C is its batch's loss; each example's \u03b4 ${loss.setReduction === 'sum' ? 'keeps its size (the batch adds them)' : `is divided by B = ${batch}`}. ${display.definition}` });
      else if (onSet) lines.push({ note: display.definition });
      return { title, lines };
    },
    /** The update block of a layer with parameters (conv1d, linear): title and TeX lines. */
    updateBlock(g, l) {
      const bias = g.bias ? ', b' : '';
      if (plainStep) {
        const eta = learningRate === undefined ? '\\eta' : `\\underbrace{${texNum(learningRate)}}_{\\eta}`;
        return { title: `Layer ${l + 1} \u00b7 SGD update`, lines: [
          `W \\leftarrow W - ${eta}\\, \\frac{\\partial C}{\\partial W}`, ...(g.bias ? [`b \\leftarrow b - ${eta}\\, \\frac{\\partial C}{\\partial b}`] : []),
          { note: onSet ? 'Plain SGD on one example per step: \u2202C/\u2202W is that example\u2019s gradient.' : 'Plain SGD: one step on the example.' }] };
      }
      return { title: `Layer ${l + 1} \u00b7 ${optimizer.title(options)} update (\u03b8 = each entry of W${bias})`, lines: [
        ...optimizer.tex(options, learningRate),
        { note: `\u2202C/\u2202\u03b8 is the gradient of the batch's C${batch > 1 ? ` (its ${batch} examples' gradients summed, each with its scaled \u03b4)` : ''}.` }] };
    },
  };
  return display;
}

/** trainingDisplay for an experiment and its model (counts from the model). */
export function experimentDisplay(experiment, model) {
  return trainingDisplay({
    loss: experiment.network.loss,
    dataset: experiment.dataset ? { count: model.exampleCount(), validationCount: model.validationCount() } : null,
    training: experiment.training || null,
    learningRate: experiment.learningRate,
  });
}

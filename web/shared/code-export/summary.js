// The plain-words part of both scripts' header comment: the network, the loss, the data and the training schedule.
import { describeLayer, layerType } from '../../layers/registry.js';
import { totalSteps } from './resolved.js';
import { float64Literal } from './python.js';
import { optimizerWords } from './training.js';
import { sensitivityWords } from './page-check.js';

export const LOSS_WORDS = {
  sse: 'sum of squared errors, C = sum((y_hat - y)^2)',
  mse: 'mean squared error, C = mean((y_hat - y)^2)',
  crossentropy: 'softmax cross-entropy of the logits z and the class y, '
    + 'C = mean over the batch of (log sum_j e^z_j - z_y)',
};

/** The data set in words: one example, or count examples in batches (in order or shuffled), + validation. */
function dataWords({ spec, dataset, validation }) {
  const order = spec.shuffle ? 'shuffled each epoch' : 'taken in order';
  const set = dataset.count === 1 && spec.batchSize === 1 ? 'Data: one example (input and target).'
    : `Data: ${dataset.count} example(s), ${spec.batchSize} per step, ${order}.`;
  return validation ? `${set} Validation set: ${validation.count} example(s).` : set;
}

/** Lines of the header after the link (resolved already checked). */
export function summaryLines(resolved, runWith) {
  const { spec, schedule } = resolved;
  const steps = totalSteps(schedule);
  const segments = schedule.filter(([n]) => n > 0);
  const training = steps === 0 ? 'Training: none recorded (the script prints the loss at the initial weights).'
    : `Training: ${steps} step(s) of ${optimizerWords(spec)}; ${segments.length} segment(s) of constant `
      + `learning rate (${segments.slice(0, 3).map(([n, lr]) => `${n} at ${float64Literal(lr)}`).join(', ')}`
      + `${segments.length > 3 ? ', ...' : ''}).`;
  const checked = resolved.pageCheck.checkpoints.length > 0 && steps > 0;
  const sensitivity = sensitivityWords(resolved.pageCheck.sensitivity);
  return [
    `Input: ${spec.inputChannels} channel(s) x ${spec.inputLength} samples. Layers:`,
    ...spec.layers.map((layer, l) => `  ${l}. ${layerType(layer.type).title}: ${describeLayer(layer)}`),
    `Loss: ${LOSS_WORDS[spec.loss]}.`,
    dataWords(resolved),
    training,
    '',
    `Run it with ${runWith}. It prints the loss after each training segment, then `
      + `${checked ? '`page_check: ...` (whether its loss agreed with the page\'s at the '
        + `${resolved.pageCheck.checkpoints.length} checkpoints, or between which steps it parted), ` : ''}`
      + `${resolved.validation ? '`validation_loss <value>`, ' : ''}`
      + `${spec.loss === 'crossentropy' ? `\`accuracy <value>\`, ${resolved.validation
        ? '`validation_accuracy <value>`, ' : ''}` : ''}\`loss <value>\`: `
      + 'the loss of the training set at the final weights, the number the playground shows for this experiment.',
    ...(sensitivity && checked ? ['', sensitivity] : []),
  ];
}

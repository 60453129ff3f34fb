// The small 1-D CNN classifier of the waveform task (web/shared/classification-data.js), as a createModel spec:
// conv → ReLU → max-pool → conv → ReLU → global average pool → linear, loss 'crossentropy', Adam.
// One definition for the library's convergence test, the bench and the page's classification preset.
import CONV1D from '../layers/conv1d/index.js';
import MAXPOOL1D from '../layers/maxpool1d/index.js';
import GLOBALPOOL from '../layers/globalpool/index.js';
import LINEAR from '../layers/linear/index.js';
import ACTIVATION from '../layers/activation/index.js';

export const CLASSIFIER_LEARNING_RATE = 0.01;

/** The spec for `classes` classes of `inputLength`-sample waveforms (seed: the initial weights). */
export function classifierSpec({ inputLength = 128, classes = 4, seed = 1, batchSize = 16 } = {}) {
  return {
    inputLength, inputChannels: 1, seed, batchSize, shuffle: true,
    layers: [
      { type: CONV1D.type, outChannels: 8, kernelSize: 9, padding: 'same' },
      { type: ACTIVATION.type, fn: 'relu' },
      { type: MAXPOOL1D.type, kernelSize: 2 },
      { type: CONV1D.type, outChannels: 8, kernelSize: 5, padding: 'same' },
      { type: ACTIVATION.type, fn: 'relu' },
      { type: GLOBALPOOL.type, op: 'avg' },
      { type: LINEAR.type, outFeatures: classes },
    ],
    loss: 'crossentropy',
    optimizer: { type: 'adam' },
  };
}

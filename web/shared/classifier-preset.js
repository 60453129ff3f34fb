// The small 1-D CNN classifier of the waveform task (web/shared/classification-data.js), as a createModel spec:
// conv → ReLU → max-pool → conv → ReLU → global average pool → linear, loss 'crossentropy', Adam.
// One definition for the library's convergence test, the bench and the page's classification preset.

export const CLASSIFIER_LEARNING_RATE = 0.01;

/** The spec for `classes` classes of `inputLength`-sample waveforms (seed: the initial weights). */
export function classifierSpec({ inputLength = 128, classes = 4, seed = 1, batchSize = 16 } = {}) {
  return {
    inputLength, inputChannels: 1, seed, batchSize, shuffle: true,
    layers: [
      { type: 'conv1d', outChannels: 8, kernelSize: 9, padding: 'same' },
      { type: 'activation', fn: 'relu' },
      { type: 'maxpool1d', kernelSize: 2 },
      { type: 'conv1d', outChannels: 8, kernelSize: 5, padding: 'same' },
      { type: 'activation', fn: 'relu' },
      { type: 'globalpool', op: 'avg' },
      { type: 'linear', outFeatures: classes },
    ],
    loss: 'crossentropy',
    optimizer: { type: 'adam' },
  };
}

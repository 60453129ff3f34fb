// The plots only a classifier has: the softmax bars of the prediction, a linear layer's weights and the accuracy
// curve under the loss. One chunk, loaded by view.js with the first network that needs it (a first visit's does not).
export { drawProbabilities } from './probabilities.js';
export { drawLinearWeights } from './linear-weights.js';
export { drawAccuracy } from './accuracy.js';

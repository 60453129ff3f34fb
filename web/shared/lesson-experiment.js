// Builders of the lessons' experiments, shared by the explanations' lessons (web/explain/lessons.js) and the same
// lessons as exercises (web/shared/exercise/lessons.js): a layer with the page's defaults and only what the lesson
// changes, and a one-example experiment in the page's schema (web/shared/experiment.js) that has taken no steps.
import CONV1D from '../layers/conv1d/index.js';
import MAXPOOL1D from '../layers/maxpool1d/index.js';
import ACTIVATION from '../layers/activation/index.js';

/** A conv1d layer: one output channel, K = 3, 'same' zeros padding, with bias, unless `fields` says otherwise. */
export const conv = (fields) => ({ type: CONV1D.type, outChannels: 1, kernelSize: 3, stride: 1, padding: 'same', dilation: 1, paddingMode: 'zeros', bias: true, ...fields });
/** A maxpool1d layer: K = 3, stride 1, no padding, floor mode, unless `fields` says otherwise. */
export const pool = (fields) => ({ type: MAXPOOL1D.type, kernelSize: 3, stride: 1, padding: 0, dilation: 1, ceilMode: false, ...fields });
/** An activation layer applying `fn` ('identity' | 'relu' | 'tanh' | 'sigmoid'). */
export const act = (fn) => ({ type: ACTIVATION.type, fn });

/** A one-channel experiment of length n on one input signal, before any step (so its η schedule is empty). */
export function lessonExperiment({ n = 24, layers, loss = 'sse', seed = 1, input, target, learningRate, stepsPerFrame = 1 }) {
  return {
    v: 1,
    network: { inputLength: n, inputChannels: 1, layers, loss, seed },
    input: [input],
    target,
    learningRate,
    stepsPerFrame,
    steps: 0,
    schedule: [],
  };
}

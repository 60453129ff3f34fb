// linear: nn.Flatten then nn.Linear — every output a weighted sum of every input sample of every channel.
// What the library and the page know of the type without loading its views (see conv1d/index.js for the columns).
import { LIMITS } from '../../lib/limits.js';
import plot from './plot.js';

/** @type {import('../registry.js').LayerType} */
export default {
  type: 'linear',
  title: 'linear',
  code: 'lin',
  fields: [
    { key: 'outFeatures', type: 'int', code: 'o', initial: 3, min: 1, max: LIMITS.maxOutFeatures, label: 'out features',
      help: 'outputs: each one a weighted sum of every input sample of every channel (flattened channel by channel)',
      describe: (v) => `${v} out` },
    { key: 'bias', type: 'bool', code: 'b', default: true, initial: true, label: 'bias b',
      help: 'adds a learned b to every output', describe: (v) => (v ? 'bias' : '') },
  ],
  next: 'conv1d',  // what "add layer" appends after it
  channelsAfter: (layer) => layer.outFeatures,
  // weight [outFeatures, inFeatures] and bias [outFeatures]
  parameters: {
    weights: (g) => g.outFeatures * g.inFeatures,
    outputs: (layer) => layer.outFeatures,
    // a matrix W[o, j] over the flattened input: the page draws it as a heat map (outputs by inputs)
    shape: 'matrix',
  },
  padded: false,
  showsPadded: () => false,
  argmax: () => false,
  // multiply-adds of forward, ∂W and ∂x
  work: (g) => 3 * g.outFeatures * g.inFeatures,
  axis: { reads: 'whole', padLeft: () => 0, cells: (g) => g.inLength },
  // how the page draws it (labels, padding cells, which samples a hover lights up): drawn at start-up
  plot,
  load: { code: () => import('./code.js'), tooltip: () => import('./tooltip.js'),
    equations: () => import('./equations.js'), answer: () => import('./answer.js') },
};

// activation: a function g applied to every sample (identity, ReLU, tanh, sigmoid).
// What the library and the page know of the type without loading its views (see conv1d/index.js for the columns).
import plot from './plot.js';

export const ACTIVATIONS = ['identity', 'relu', 'tanh', 'sigmoid'];

/** @type {import('../registry.js').LayerType} */
export default {
  type: 'activation',
  title: 'activation',
  code: 'act',
  fields: [
    { key: 'fn', type: 'choice', code: '', choices: ACTIVATIONS, default: 'identity', initial: 'tanh', fallback: 'identity',
      label: 'function g', help: 'applied to every sample', describe: (v) => `g = ${v}` },
  ],
  next: 'conv1d',  // what "add layer" appends after it
  channelsAfter: (layer, channels) => channels,
  parameters: null,
  padded: false,
  showsPadded: () => false,
  argmax: () => false,
  work: (g) => 40 * g.inChannels * g.inLength,  // the core's portable tanh/sigmoid cost tens of operations
  axis: { reads: 'sample', padLeft: () => 0, cells: (g) => g.inLength },
  // how the page draws it (labels, padding cells, which samples a hover lights up): drawn at start-up
  plot,
  load: { code: () => import('./code.js'), tooltip: () => import('./tooltip.js'),
    equations: () => import('./equations.js'), answer: () => import('./answer.js'),
    steps: () => import('./steps.js') },  // its own stages in the step-through
};

// globalpool: one value per channel over its whole length (AdaptiveMaxPool1d(1) / AdaptiveAvgPool1d(1)).
// What the library and the page know of the type without loading its views (see conv1d/index.js for the columns).
import plot from './plot.js';

export const GLOBAL_POOL_OPS = ['max', 'avg'];

/** @type {import('../registry.js').LayerType} */
export default {
  type: 'globalpool',
  title: 'global pool',
  code: 'gpool',
  fields: [
    { key: 'op', type: 'choice', code: '', choices: GLOBAL_POOL_OPS, default: 'max', initial: 'avg', fallback: 'max',
      label: 'operation', help: 'one value per channel: the largest sample or the mean of all samples',
      describe: (v) => `${v} over the whole length` },
  ],
  next: 'conv1d',  // what "add layer" appends after it
  channelsAfter: (layer, channels) => channels,
  parameters: null,
  padded: false,
  showsPadded: () => false,
  // op 'max': one winner per channel
  argmax: (g) => g.op === 'max',
  work: (g) => 4 * g.inChannels * g.inLength,
  axis: { reads: 'whole', padLeft: () => 0, cells: (g) => g.inLength },
  // how the page draws it (labels, padding cells, which samples a hover lights up): drawn at start-up
  plot,
  load: { code: () => import('./code.js'), tooltip: () => import('./tooltip.js'),
    equations: () => import('./equations.js'), answer: () => import('./answer.js') },
};

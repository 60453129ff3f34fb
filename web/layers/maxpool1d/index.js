// maxpool1d: max over sliding windows (torch.nn.MaxPool1d), −∞ padding, stride, dilation, ceil mode.
// What the library and the page know of the type without loading its views (see conv1d/index.js for the columns).
import { LIMITS } from '../../lib/limits.js';
import plot from './plot.js';

/** @type {import('../registry.js').LayerType} */
export default {
  type: 'maxpool1d',
  title: 'max-pool 1d',
  code: 'pool',
  fields: [
    { key: 'kernelSize', type: 'int', code: 'k', initial: 2, min: 1, max: LIMITS.maxKernelSize, label: 'kernel size K',
      help: 'samples in each window', describe: (v) => `k=${v}` },
    { key: 'stride', type: 'int', code: 's', default: (layer) => layer.kernelSize, initial: 1, min: 1, max: LIMITS.maxStride,
      label: 'stride s', help: 'how far the window moves between outputs', describe: (v) => `s=${v}` },
    { key: 'padding', type: 'int', code: 'p', default: 0, initial: 0, min: 0, max: LIMITS.maxPadding, label: 'padding p (−∞)',
      help: '−∞ cells on each side (at most half the kernel)', describe: (v) => `padding ${v}` },
    { key: 'dilation', type: 'int', code: 'd', default: 1, initial: 1, min: 1, max: LIMITS.maxDilation, label: 'dilation d',
      help: 'spacing between the samples of a window', describe: (v) => `d=${v}` },
    { key: 'ceilMode', type: 'bool', code: 'c', default: false, initial: false, label: 'ceil mode',
      help: 'keep a last, partial window', describe: (v) => (v ? 'ceil mode' : '') },
  ],
  next: 'conv1d',  // what "add layer" appends after it
  channelsAfter: (layer, channels) => channels,
  parameters: null,
  padded: false,
  showsPadded: () => false,
  // one winner per output: the arg-max view
  argmax: () => true,
  work: (g) => 4 * g.outChannels * g.outLength * g.kernelSize + 2 * g.inChannels * g.inLength,
  axis: { reads: 'window', padLeft: (g) => g.padding, cells: (g) => g.inLength + 2 * g.padding },
  // how the page draws it (labels, padding cells, which samples a hover lights up): drawn at start-up
  plot,
  load: { code: () => import('./code.js'), tooltip: () => import('./tooltip.js'),
    formula: () => import('./formula.js'),  // the formula goal's part (web/shared/formula/parts.js)
    equations: () => import('./equations.js'), answer: () => import('./answer.js'),
    steps: () => import('./steps.js') },  // its own stages in the step-through
};

// avgpool1d: the mean over sliding windows (torch.nn.AvgPool1d), zero padding counted in the divisor or not.
// What the library and the page know of the type without loading its views (see conv1d/index.js for the columns).
import { LIMITS } from '../../lib/limits.js';
import plot from './plot.js';

/** @type {import('../registry.js').LayerType} */
export default {
  type: 'avgpool1d',
  title: 'avg-pool 1d',
  code: 'avg',
  fields: [
    { key: 'kernelSize', type: 'int', code: 'k', initial: 2, min: 1, max: LIMITS.maxKernelSize, label: 'kernel size K',
      help: 'samples averaged in each window', describe: (v) => `k=${v}` },
    { key: 'stride', type: 'int', code: 's', default: (layer) => layer.kernelSize, initial: 2, min: 1, max: LIMITS.maxStride,
      label: 'stride s', help: 'how far the window moves between outputs', describe: (v) => `s=${v}` },
    { key: 'padding', type: 'int', code: 'p', default: 0, initial: 0, min: 0, max: LIMITS.maxPadding, label: 'padding p (zeros)',
      help: 'zero cells on each side (at most half the kernel)', describe: (v) => `padding ${v}` },
    { key: 'ceilMode', type: 'bool', code: 'c', default: false, initial: false, label: 'ceil mode',
      help: 'keep a last, partial window', describe: (v) => (v ? 'ceil mode' : '') },
    { key: 'countIncludePad', type: 'bool', code: 'i', default: true, initial: true, label: 'count padding',
      help: 'divide by the window up to the end of the right padding, padding included (a ceil-mode window past it divides by less); off: by the input samples it covers',
      describe: (v) => (v ? '' : 'padding not counted') },
  ],
  next: 'conv1d',  // what "add layer" appends after it
  channelsAfter: (layer, channels) => channels,
  parameters: null,
  padded: false,
  showsPadded: () => false,
  argmax: () => false,
  work: (g) => 4 * g.outChannels * g.outLength * g.kernelSize + 2 * g.inChannels * g.inLength,
  axis: { reads: 'window', padLeft: (g) => g.padding, cells: (g) => g.inLength + 2 * g.padding },
  // how the page draws it (labels, padding cells, which samples a hover lights up): drawn at start-up
  plot,
  load: { code: () => import('./code.js'), tooltip: () => import('./tooltip.js'),
    equations: () => import('./equations.js'), answer: () => import('./answer.js') },
};

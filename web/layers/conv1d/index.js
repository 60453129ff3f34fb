// conv1d: a 1-D convolution (cross-correlation, as torch.nn.Conv1d) with padding modes, stride, dilation, groups.
// What every part of the library and the page knows of the type without loading its views: its options (schema rows),
// its effect on the shape, its cost, its place on the axis; the rest of the folder loads on first use (see load).
import { LIMITS } from '../../lib/limits.js';
import plot from './plot.js';

export const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'];

/** @type {import('../registry.js').LayerType} */
export default {
  type: 'conv1d',
  title: 'conv1d',
  code: 'conv',
  fields: [
    { key: 'kernelSize', type: 'int', code: 'k', initial: 5, min: 1, max: LIMITS.maxKernelSize, label: 'kernel size K',
      help: 'taps of the kernel W', describe: (v) => `k=${v}` },
    { key: 'outChannels', type: 'int', code: 'o', default: 1, initial: 1, min: 1, max: LIMITS.maxOutChannels,
      label: 'out channels', help: 'output channels: one kernel per output channel and input channel',
      describe: (v) => `${v} out ch` },
    { key: 'stride', type: 'int', code: 's', default: 1, initial: 1, min: 1, max: LIMITS.maxStride, label: 'stride s',
      help: 'how far the window moves between outputs', describe: (v) => `s=${v}` },
    { key: 'dilation', type: 'int', code: 'd', default: 1, initial: 1, min: 1, max: LIMITS.maxDilation,
      label: 'dilation d', help: 'spacing between the taps of the window', describe: (v) => `d=${v}` },
    { key: 'padding', type: 'padding', code: 'p', default: 0, initial: 'same', fallback: 0, min: 0, max: LIMITS.maxPadding,
      label: 'padding', help: "cells added on each side: a number, 'same' (output as long as the input) or 'valid' (none)",
      describe: (v, layer) => `${typeof v === 'number' ? `padding ${v}` : `padding '${v}'`} (${layer.paddingMode})` },
    { key: 'paddingMode', type: 'choice', code: 'm', choices: PADDING_MODES, default: 'zeros', initial: 'zeros',
      label: 'padding mode', help: 'what the padded cells hold', describe: () => '' },
    // Grouped conv runs in the library and the core; the page draws [out, in, k] kernels only, so it keeps groups 1
    // (no control) and links leave the field out at 1: links made before it existed read the same.
    { key: 'groups', type: 'int', code: 'g', default: 1, initial: 1, min: 1, max: 1, pageHidden: true,
      linkOmitsInitial: true, label: 'groups', help: 'input and output channels split into this many independent groups',
      describe: (v) => (v > 1 ? `${v} groups` : '') },
    { key: 'bias', type: 'bool', code: 'b', default: true, initial: true, label: 'bias b',
      help: 'adds a learned b to every output sample', describe: (v) => (v ? 'bias' : '') },
  ],
  // the type the page's "add layer" appends after this one
  next: 'activation',
  channelsAfter: (layer) => layer.outChannels,
  // weight [outChannels, inChannels / groups, kernelSize] and bias [outChannels]; the padded input is kept too
  parameters: {
    weights: (g) => g.outChannels * (g.inChannels / g.groups) * g.kernelSize,
    outputs: (layer) => layer.outChannels,
    // a kernel W[o, c, k]: the page draws it tap by tap (render/kernel.js), the explanations walk its taps
    shape: 'kernel',
  },
  padded: true,
  // a layer object (before the core's geometry) whose backward plot shows ∂C/∂x_pad: one that adds cells
  showsPadded: (layer) => layer.padding !== 0 && layer.padding !== 'valid' && !(layer.padding === 'same' && layer.kernelSize === 1),
  argmax: () => false,
  // multiply-adds of forward, ∂W and ∂x, plus padding the input and folding its gradient back
  work: (g) => 3 * g.outChannels * g.inChannels * g.kernelSize * g.outLength + 2 * g.inChannels * g.paddedLength,
  axis: { reads: 'window', padLeft: (g) => g.padLeft, cells: (g) => g.paddedLength },
  // how the page draws it (labels, padding cells, which samples a hover lights up): drawn at start-up
  plot,
  load: { code: () => import('./code.js'), tooltip: () => import('./tooltip.js'),
    formula: () => import('./formula.js'),  // the formula goal's part (web/shared/formula/parts.js)
    equations: () => import('./equations.js'), answer: () => import('./answer.js'),
    steps: () => import('./steps.js') },  // its own stages in the step-through
};

// How the page draws a conv1d layer (web/app/render/layers.js asks): its padded input x_pad and its labels, and the
// padded cells that copy a sample (reflect, replicate, circular), whose gradients are added back onto it.
import { paddedSource } from './padding.js';

const hasPadding = (g) => g.padLeft > 0 || g.padRight > 0;

export default {
  inputLabel: (g) => (hasPadding(g) ? `x_in padded (${g.paddingMode}: ${g.padLeft} left, ${g.padRight} right)` : 'x_in'),
  outputLabel: (g) => (g.bias ? 'b + Σ W·x_pad' : 'Σ W·x_pad'),
  gradInputLabel: (g) => (g.paddingMode !== 'zeros' && hasPadding(g)
    ? '∂C/∂x_in (padded cells\' gradients added onto the samples they copy)' : '∂C/∂x_in'),
  // the value of a padded cell is the model's own x_pad (the 'padded' view), so no rule here
  padValue: () => 0,
  padLabel: (g) => (j) => {
    const s = paddedSource(j, g.padLeft, g.inLength, g.paddingMode);
    return s < 0 ? '0' : `x${s}`;
  },
  padSource: (g) => (g.paddingMode === 'zeros' ? null : (j) => paddedSource(j, g.padLeft, g.inLength, g.paddingMode) + g.padLeft),
  // every output reads every input channel
  mixesChannels: true,
  sharesRange: false,
  sharesGradient: false,
  hoveredLinkStrong: false,
  /** The padded cells that copy input sample i (their gradients are added onto it); none with zeros padding. */
  copiesOf(g, i) {
    if (g.paddingMode === 'zeros') return null;
    const copies = [];
    for (let j = 0; j < g.paddedLength; j++) if (paddedSource(j, g.padLeft, g.inLength, g.paddingMode) === i) copies.push(j);
    return copies;
  },
};

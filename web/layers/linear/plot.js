// How the page draws a linear layer (web/app/render/layers.js asks): the input read flat channel by channel, every
// output mixing every input.
export default {
  inputLabel: (g) => `x_in (${g.inChannels} × ${g.inLength}, read flat channel by channel: ${g.inFeatures} inputs)`,
  outputLabel: (g) => `${g.bias ? 'b + ' : ''}W·flatten(x_in): ${g.outFeatures} outputs`,
  gradInputLabel: () => '∂C/∂x_in = Wᵀ·δ (reshaped back to channels)',
  padValue: () => 0,
  padLabel: null,
  padSource: () => null,
  mixesChannels: true,
  sharesRange: false,
  sharesGradient: false,
  hoveredLinkStrong: false,
  copiesOf: () => null,
};

// How the page draws a global pool layer (web/app/render/layers.js asks): one output per channel; with op 'max' a
// link to the channel's single winner.
export default {
  inputLabel: () => 'x_in',
  outputLabel: (g) => (g.op === 'max' ? `max over all ${g.inLength} samples (one per channel)`
    : `mean of all ${g.inLength} samples (one per channel)`),
  gradInputLabel: (g) => (g.op === 'max' ? '∂C/∂x_in: all of δ to the single winner of each channel'
    : `∂C/∂x_in: δ ÷ ${g.inLength} to every sample`),
  padValue: () => 0,
  padLabel: null,
  padSource: () => null,
  mixesChannels: false,
  sharesRange: true,
  sharesGradient: false,
  hoveredLinkStrong: false,
  copiesOf: () => null,
};

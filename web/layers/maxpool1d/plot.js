// How the page draws a max-pool layer (web/app/render/layers.js asks): −∞ padding cells, and a link from each output
// to its window's winner (the only sample its gradient reaches).
export default {
  inputLabel: (g) => (g.padding ? `x_in with −∞ padding (${g.padding} each side)` : 'x_in'),
  outputLabel: () => 'max over window',
  gradInputLabel: () => '∂C/∂x_in',
  padValue: (track) => (track === 'input' ? -Infinity : 0),
  padLabel: () => () => '−∞',
  padSource: () => null,
  mixesChannels: false,
  sharesRange: true,
  sharesGradient: false,
  hoveredLinkStrong: true,
  copiesOf: () => null,
};

// How the page draws an activation layer (web/app/render/layers.js asks): x_out = g(x_in), sample by sample.
export default {
  inputLabel: () => 'x_in',
  outputLabel: (g) => `${g.fn}(x_in)`,
  gradInputLabel: () => '∂C/∂x_in',
  padValue: () => 0,
  padLabel: null,
  padSource: () => null,
  mixesChannels: false,
  sharesRange: false,
  sharesGradient: false,
  hoveredLinkStrong: false,
  copiesOf: () => null,
};

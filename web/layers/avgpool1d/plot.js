// How the page draws an average-pool layer (web/app/render/layers.js asks): zero padding (counted in the divisor or
// not), and a hovered window's δ shared among the samples it covers.
import { avgPoolDivisor } from './geometry.js';

export default {
  inputLabel: (g) => (g.padding
    ? `x_in with zero padding (${g.padding} each side${g.countIncludePad ? ', counted' : ', not counted'})` : 'x_in'),
  outputLabel(g) {
    const divisors = new Set(Array.from({ length: g.outLength }, (_, t) => avgPoolDivisor(g, t)));
    return `mean over window (Σ ÷ ${[...divisors].join(' or ')})`;
  },
  gradInputLabel: () => '∂C/∂x_in: each window shares its δ equally, δ ÷ divisor to each sample it covers',
  padValue: () => 0,
  padLabel: () => () => '0',
  padSource: () => null,
  mixesChannels: false,
  sharesRange: true,
  sharesGradient: true,
  hoveredLinkStrong: false,
  copiesOf: () => null,
};

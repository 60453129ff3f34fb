// "Difference" plots: B − A of two plots of the same shape, sample by sample, where the two experiments part (at
// the edges, for boundary rules). DOM-free: track specs in, a track spec out (render/tracks.js draws it).
import { palette } from '../../shared/palette.js';

/** b − a, with two equal non-finite values (−∞ pool padding on both sides) counted as no difference. */
const minus = (b, a) => (a === b ? 0 : b - a);

/**
 * The difference spec of two drawTracks specs, or { reason } when they cannot be subtracted (another axis, track or
 * shape). Every track becomes bars of B − A; the target overlay is left out (the prediction's difference is ŷ's).
 */
export function differenceSpec(specA, specB) {
  if (specA.cells !== specB.cells) return { reason: `A's axis has ${specA.cells} cells and B's ${specB.cells}` };
  const tracks = [];
  for (const tb of specB.tracks) {
    const ta = specA.tracks.find((t) => t.id === tb.id);
    if (!ta) return { reason: `A has no ${tb.label.split(' ')[0]} here` };
    if (ta.channels !== tb.channels || ta.length !== tb.length) {
      return { reason: `${tb.label.split(' ')[0]} has ${ta.channels}×${ta.length} samples in A and ${tb.channels}×${tb.length} in B` };
    }
    tracks.push({
      id: tb.id, label: `B − A of ${tb.label}`, color: tb.color, style: 'bars', channels: tb.channels, length: tb.length,
      position: tb.position, isPadded: tb.isPadded, value: (c, i) => minus(tb.value(c, i), ta.value(c, i)),
    });
  }
  return { cells: specB.cells, tracks, highlights: [], links: [] };
}

/** B − A of two layers' parameters and their gradients (a conv kernel, a linear layer's weights), as a tracks spec (or { reason }). */
export function kernelDifferenceSpec(dataA, dataB) {
  const rows = [['weight', 'W and b', palette.weight], ['gradWeight', '∂C/∂W and ∂C/∂b', palette.gradient]];
  const bias = { weight: 'bias', gradWeight: 'gradBias' };
  if (dataA.weight.length !== dataB.weight.length || dataA.bias.length !== dataB.bias.length) {
    return { reason: `A has ${dataA.weight.length} weights and ${dataA.bias.length} biases here, B ${dataB.weight.length} and ${dataB.bias.length}` };
  }
  const cells = dataA.weight.length + dataA.bias.length;
  return {
    cells,
    tracks: rows.map(([key, label, color]) => ({
      id: key, label: `B − A of ${label} (the weights in order, then the bias)`, color, style: 'bars', channels: 1, length: cells, position: (i) => i,
      value: (c, i) => (i < dataA.weight.length ? minus(dataB[key][i], dataA[key][i])
        : minus(dataB[bias[key]][i - dataA.weight.length], dataA[bias[key]][i - dataA.weight.length])),
    })),
    highlights: [],
    links: [],
  };
}

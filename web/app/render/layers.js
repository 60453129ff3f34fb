// Track specs of one layer's forward plot (x_in with its padding → x_out) and backward plot (δ = ∂C/∂x_out → ∂C/∂x_in),
// read from the model's zero-copy views. The horizontal axis is the layer's padded input (conv: x_pad; pool: the
// input with its implicit −∞ cells), so output t is drawn under the centre of its window t·s … t·s + d(k−1).
import { palette } from '../../shared/palette.js';
import { axisPadding, axisCells, windowCentre, windowCells } from '../../shared/geometry.js';
import { layerType } from '../../layers/registry.js';

function signalTrack(id, label, color, style, channels, length, data, position) {
  return {
    id, label, color, style, channels, length,
    value: (c, i) => data[c * length + i],
    position,
  };
}

/** Track of a layer's input drawn on its padded axis (conv: the model's x_pad; pool: −∞ or 0 cells around x). */
function paddedInputTrack(g, id, label, color, style, data, paddedData) {
  const { plot } = layerType(g.type);
  const n = g.inLength;
  const p = axisPadding(g);
  const cells = axisCells(g);
  const isPadded = (j) => j < p || j >= p + n;
  const track = {
    id, label, color, style, channels: g.inChannels, length: cells, position: (j) => j, isPadded,
    value: paddedData ? (c, j) => paddedData[c * cells + j]
      : (c, j) => (isPadded(j) ? plot.padValue(id) : data[c * n + j - p]),
  };
  if (plot.padLabel) track.padLabel = plot.padLabel(g);
  const padSource = plot.padSource(g);
  if (padSource) track.padSource = padSource;
  return track;
}

/**
 * → { forward: spec, backward: spec } for drawTracks; `hover` = { panel, layer, track, channel, index } | null.
 * What differs between layer types comes from their plot.js (web/layers/<type>/plot.js).
 */
export function layerPlots(model, l, hover) {
  const g = model.layers[l];
  const kind = layerType(g.type);
  const { plot } = kind;
  const cells = axisCells(g);
  const p = axisPadding(g);
  const input = model.view('input', l);
  const output = model.view('output', l);
  const gradOutput = model.view('gradOutput', l);
  const gradInput = model.view('gradInput', l);
  const padded = kind.padded ? model.view('padded', l) : null;
  const gradPadded = kind.padded ? model.view('gradPadded', l) : null;
  const position = (t) => windowCentre(g, t);

  const forwardTracks = [
    paddedInputTrack(g, 'input', plot.inputLabel(g), palette.input, 'line', input, padded),
    signalTrack('output', `x_out = ${plot.outputLabel(g)}`,
      palette.output, 'line', g.outChannels, g.outLength, output, position),
  ];
  const backwardTracks = [
    signalTrack('gradOutput', 'δ = ∂C/∂x_out (from the layer above)', palette.gradient, 'bars', g.outChannels, g.outLength, gradOutput, position),
  ];
  if (kind.padded && (g.padLeft || g.padRight)) {
    const t = paddedInputTrack(g, 'gradPadded', '∂C/∂x_pad (full correlation with the flipped kernel)',
      palette.gradient, 'bars', gradInput, gradPadded);
    backwardTracks.push(t);
  }
  backwardTracks.push({
    ...signalTrack('gradInput', plot.gradInputLabel(g), palette.gradient, 'bars', g.inChannels, g.inLength, gradInput, (i) => i + p),
  });

  const forward = { cells, tracks: forwardTracks, highlights: [], links: [], shareRange: plot.sharesRange };
  const backward = { cells, tracks: backwardTracks, highlights: [], links: [], shareRange: plot.sharesRange };

  if (kind.argmax(g)) {
    // each output's winner: the only sample its gradient reaches
    const argmax = model.view('argmax', l);
    for (let c = 0; c < g.outChannels; c++) {
      for (let t = 0; t < g.outLength; t++) {
        const i = argmax[c * g.outLength + t];
        const strong = plot.hoveredLinkStrong && hover && hover.layer === l && hover.channel === c && hover.index === t
          && (hover.track === 'output' || hover.track === 'gradOutput');
        forward.links.push({ from: { track: 'output', channel: c, index: t }, to: { track: 'input', channel: c, index: i + p }, color: palette.output, strong: Boolean(strong) });
        backward.links.push({ from: { track: 'gradOutput', channel: c, index: t }, to: { track: 'gradInput', channel: c, index: i }, color: palette.gradient, strong: Boolean(strong) });
      }
    }
  }

  if (hover && hover.layer === l && (hover.panel === 'forward' || hover.panel === 'backward')) {
    addHighlights(model, l, g, hover, forward, backward);
  }
  return { forward, backward };
}

function addHighlights(model, l, g, hover, forward, backward) {
  const kind = layerType(g.type);
  const { plot } = kind;
  const { track, channel, index } = hover;
  const p = axisPadding(g);
  if (track === 'output' || track === 'gradOutput') {
    const cellsRead = windowCells(g, index);
    const target = hover.panel === 'forward' ? forward : backward;
    target.highlights.push({ track, channel, indices: [index] });
    if (kind.argmax(g)) {
      const winner = model.view('argmax', l)[channel * g.outLength + index];
      forward.highlights.push({ track: 'input', channel, indices: cellsRead, winner: winner + p });
    } else if (plot.sharesGradient) {
      // the window and, in the backward plot, the samples its δ is shared among (δ / divisor each)
      forward.highlights.push({ track: 'input', channel, indices: cellsRead });
      const real = cellsRead.map((j) => j - p).filter((i) => i >= 0 && i < g.inLength);
      backward.highlights.push({ track: 'gradInput', channel, indices: real });
    } else if (plot.mixesChannels) {
      for (let c = 0; c < g.inChannels; c++) forward.highlights.push({ track: 'input', channel: c, indices: cellsRead });
    } else {
      forward.highlights.push({ track: 'input', channel, indices: cellsRead });
    }
  } else if (track === 'gradInput' || track === 'gradPadded' || track === 'input') {
    const target = hover.panel === 'forward' ? forward : backward;
    target.highlights.push({ track, channel, indices: [index] });
    // the outputs whose windows read this cell
    const cell = track === 'gradInput' ? index + p : index;
    const users = [];
    for (let t = 0; t < g.outLength; t++) if (windowCells(g, t).includes(cell)) users.push(t);
    if (kind.argmax(g) && track === 'gradInput') {
      const argmax = model.view('argmax', l);
      const routed = users.filter((t) => argmax[channel * g.outLength + t] === index);
      backward.highlights.push({ track: 'gradOutput', channel, indices: routed });
    } else {
      const channels = plot.mixesChannels ? Array.from({ length: g.outChannels }, (_, o) => o) : [channel];
      for (const o of channels) {
        (hover.panel === 'forward' ? forward : backward).highlights.push({
          track: hover.panel === 'forward' ? 'output' : 'gradOutput', channel: o, indices: users,
        });
      }
    }
    const copies = track === 'gradInput' ? plot.copiesOf(g, index) : null;
    if (copies) backward.highlights.push({ track: 'gradPadded', channel, indices: copies });
  }
}

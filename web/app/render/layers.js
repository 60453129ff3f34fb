// Track specs of one layer's forward plot (x_in with its padding → x_out) and backward plot (δ = ∂C/∂x_out → ∂C/∂x_in),
// read from the model's zero-copy views. The horizontal axis is the layer's padded input (conv: x_pad; pool: the
// input with its implicit −∞ cells), so output t is drawn under the centre of its window t·s … t·s + d(k−1).
import { palette } from '../../shared/palette.js';
import { avgPoolDivisor } from '../../layers/avgpool1d/geometry.js';
import {
  paddedSource, axisPadding, axisCells, windowCentre, windowCells,
} from '../../shared/geometry.js';

function signalTrack(id, label, color, style, channels, length, data, position) {
  return {
    id, label, color, style, channels, length,
    value: (c, i) => data[c * length + i],
    position,
  };
}

/** Track of a layer's input drawn on its padded axis (conv: the model's x_pad; pool: −∞ cells around x). */
function paddedInputTrack(model, l, g, id, label, color, style, data, paddedData) {
  const n = g.inLength;
  const p = axisPadding(g);
  const cells = axisCells(g);
  const isPadded = (j) => j < p || j >= p + n;
  const track = {
    id, label, color, style, channels: g.inChannels, length: cells, position: (j) => j, isPadded,
    value: g.type === 'conv1d' && paddedData ? (c, j) => paddedData[c * cells + j]
      : (c, j) => (isPadded(j) ? (g.type === 'maxpool1d' && id === 'input' ? -Infinity : 0) : data[c * n + j - p]),
  };
  if (g.type === 'conv1d') {
    track.padLabel = (j) => {
      const s = paddedSource(j, p, n, g.paddingMode);
      return s < 0 ? '0' : `x${s}`;
    };
    if (g.paddingMode !== 'zeros') track.padSource = (j) => paddedSource(j, p, n, g.paddingMode) + p;
  } else if (g.type === 'maxpool1d') {
    track.padLabel = () => '−∞';
  } else if (g.type === 'avgpool1d') {
    track.padLabel = () => '0';
  }
  return track;
}

/**
 * → { forward: spec, backward: spec } for drawTracks; `hover` = { panel, layer, track, channel, index } | null.
 */
export function layerPlots(model, l, hover) {
  const g = model.layers[l];
  const cells = axisCells(g);
  const p = axisPadding(g);
  const input = model.view('input', l);
  const output = model.view('output', l);
  const gradOutput = model.view('gradOutput', l);
  const gradInput = model.view('gradInput', l);
  const padded = g.type === 'conv1d' ? model.view('padded', l) : null;
  const gradPadded = g.type === 'conv1d' ? model.view('gradPadded', l) : null;
  const position = (t) => windowCentre(g, t);

  const forwardTracks = [
    paddedInputTrack(model, l, g, 'input', g.type === 'conv1d' && (g.padLeft || g.padRight)
      ? `x_in padded (${g.paddingMode}: ${g.padLeft} left, ${g.padRight} right)` : g.type === 'maxpool1d' && g.padding
        ? `x_in with −∞ padding (${g.padding} each side)` : g.type === 'avgpool1d' && g.padding
          ? `x_in with zero padding (${g.padding} each side${g.countIncludePad ? ', counted' : ', not counted'})`
          : g.type === 'linear' ? `x_in (${g.inChannels} × ${g.inLength}, read flat channel by channel: ${g.inFeatures} inputs)`
            : 'x_in', palette.input, 'line', input, padded),
    signalTrack('output', `x_out = ${outputLabel(g)}`,
      palette.output, 'line', g.outChannels, g.outLength, output, position),
  ];
  const backwardTracks = [
    signalTrack('gradOutput', 'δ = ∂C/∂x_out (from the layer above)', palette.gradient, 'bars', g.outChannels, g.outLength, gradOutput, position),
  ];
  if (g.type === 'conv1d' && (g.padLeft || g.padRight)) {
    const t = paddedInputTrack(model, l, g, 'gradPadded', '∂C/∂x_pad (full correlation with the flipped kernel)',
      palette.gradient, 'bars', gradInput, gradPadded);
    backwardTracks.push(t);
  }
  backwardTracks.push({
    ...signalTrack('gradInput', g.type === 'conv1d' && g.paddingMode !== 'zeros' && (g.padLeft || g.padRight)
      ? `∂C/∂x_in (padded cells' gradients added onto the samples they copy)` : gradInputLabel(g),
    palette.gradient, 'bars', g.inChannels, g.inLength, gradInput, (i) => i + p),
  });

  const pool = g.type === 'maxpool1d' || g.type === 'avgpool1d' || g.type === 'globalpool';
  const forward = { cells, tracks: forwardTracks, highlights: [], links: [], shareRange: pool };
  const backward = { cells, tracks: backwardTracks, highlights: [], links: [], shareRange: pool };

  if (g.type === 'maxpool1d') {
    const argmax = model.view('argmax', l);
    for (let c = 0; c < g.outChannels; c++) {
      for (let t = 0; t < g.outLength; t++) {
        const i = argmax[c * g.outLength + t];
        const strong = hover && hover.layer === l && hover.channel === c && hover.index === t
          && (hover.track === 'output' || hover.track === 'gradOutput');
        forward.links.push({ from: { track: 'output', channel: c, index: t }, to: { track: 'input', channel: c, index: i + p }, color: palette.output, strong });
        backward.links.push({ from: { track: 'gradOutput', channel: c, index: t }, to: { track: 'gradInput', channel: c, index: i }, color: palette.gradient, strong });
      }
    }
  }

  if (g.type === 'globalpool' && g.op === 'max') {
    // the single winner of each channel: the only sample its gradient reaches
    const argmax = model.view('argmax', l);
    for (let c = 0; c < g.outChannels; c++) {
      forward.links.push({ from: { track: 'output', channel: c, index: 0 }, to: { track: 'input', channel: c, index: argmax[c] }, color: palette.output, strong: false });
      backward.links.push({ from: { track: 'gradOutput', channel: c, index: 0 }, to: { track: 'gradInput', channel: c, index: argmax[c] }, color: palette.gradient, strong: false });
    }
  }

  if (hover && hover.layer === l && (hover.panel === 'forward' || hover.panel === 'backward')) {
    addHighlights(model, l, g, hover, forward, backward);
  }
  return { forward, backward };
}

function addHighlights(model, l, g, hover, forward, backward) {
  const { track, channel, index } = hover;
  const p = axisPadding(g);
  if (track === 'output' || track === 'gradOutput') {
    const cellsRead = windowCells(g, index);
    const target = hover.panel === 'forward' ? forward : backward;
    target.highlights.push({ track, channel, indices: [index] });
    if (g.type === 'maxpool1d' || (g.type === 'globalpool' && g.op === 'max')) {
      const winner = model.view('argmax', l)[channel * g.outLength + index];
      forward.highlights.push({ track: 'input', channel, indices: cellsRead, winner: winner + p });
    } else if (g.type === 'avgpool1d') {
      // the window and, in the backward plot, the samples its δ is shared among (δ / divisor each)
      forward.highlights.push({ track: 'input', channel, indices: cellsRead });
      const real = cellsRead.map((j) => j - p).filter((i) => i >= 0 && i < g.inLength);
      backward.highlights.push({ track: 'gradInput', channel, indices: real });
    } else if (g.type === 'conv1d' || g.type === 'linear') {
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
    if ((g.type === 'maxpool1d' || (g.type === 'globalpool' && g.op === 'max')) && track === 'gradInput') {
      const argmax = model.view('argmax', l);
      const routed = users.filter((t) => argmax[channel * g.outLength + t] === index);
      backward.highlights.push({ track: 'gradOutput', channel, indices: routed });
    } else {
      const channels = g.type === 'conv1d' || g.type === 'linear' ? Array.from({ length: g.outChannels }, (_, o) => o) : [channel];
      for (const o of channels) {
        (hover.panel === 'forward' ? forward : backward).highlights.push({
          track: hover.panel === 'forward' ? 'output' : 'gradOutput', channel: o, indices: users,
        });
      }
    }
    if (g.type === 'conv1d' && track === 'gradInput' && g.paddingMode !== 'zeros') {
      const copies = [];
      for (let j = 0; j < g.paddedLength; j++) if (paddedSource(j, g.padLeft, g.inLength, g.paddingMode) === index) copies.push(j);
      backward.highlights.push({ track: 'gradPadded', channel, indices: copies });
    }
  }
}

/** What a layer's output is, in words and symbols, for its forward plot. */
function outputLabel(g) {
  switch (g.type) {
    case 'conv1d': return g.bias ? 'b + Σ W·x_pad' : 'Σ W·x_pad';
    case 'maxpool1d': return 'max over window';
    case 'avgpool1d': {
      const divisors = new Set(Array.from({ length: g.outLength }, (_, t) => avgPoolDivisor(g, t)));
      return `mean over window (Σ ÷ ${[...divisors].join(' or ')})`;
    }
    case 'globalpool': return g.op === 'max' ? `max over all ${g.inLength} samples (one per channel)`
      : `mean of all ${g.inLength} samples (one per channel)`;
    case 'linear': return `${g.bias ? 'b + ' : ''}W·flatten(x_in): ${g.outFeatures} outputs`;
    default: return `${g.fn}(x_in)`;
  }
}

/** How the gradient reaches a layer's input, for its backward plot. */
function gradInputLabel(g) {
  switch (g.type) {
    case 'avgpool1d': return '∂C/∂x_in: each window shares its δ equally, δ ÷ divisor to each sample it covers';
    case 'globalpool': return g.op === 'max' ? '∂C/∂x_in: all of δ to the single winner of each channel'
      : `∂C/∂x_in: δ ÷ ${g.inLength} to every sample`;
    case 'linear': return '∂C/∂x_in = Wᵀ·δ (reshaped back to channels)';
    default: return '∂C/∂x_in';
  }
}

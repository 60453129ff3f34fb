// Parameters panel of a linear layer: W [outFeatures, C·L] as a heat map (one row per output, one column per flattened
// input sample, channel by channel), b as a column beside it, and ∂C/∂W, ∂C/∂b the same way below. Diverging colours:
// orange for positive, blue for negative, white for zero; the scale is symmetric (±max|·|), so 0 is always white.
import { palette } from '../../shared/palette.js';
import { prepareCanvas, niceRange, maxAbs } from '../../shared/canvas.js';
import { formatNumber } from '../../shared/format.js';

const LABEL = 18;
const SIDE = 6;
const GAP = 8;

/** v in [−range, range] → an rgb colour from blue (−) through white (0) to orange (+). */
export function divergingColour(v, range) {
  if (!Number.isFinite(v)) return palette.padding;
  const f = Math.max(-1, Math.min(1, v / (range || 1)));
  const [r, g, b] = f >= 0 ? [230, 159, 0] : [0, 114, 178];  // palette.weight / palette.input
  const a = Math.abs(f);
  const mix = (c) => Math.round(255 + (c - 255) * a);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}

/**
 * geometry: { outFeatures, inFeatures, inChannels, inLength, bias }; data: { weight, bias, gradWeight, gradBias }.
 * → { hit(x, y) → { track: 'weight'|'gradWeight'|'bias'|'gradBias', channel: output, index } | null }
 */
export function drawLinearWeights(canvas, geometry, data) {
  const { outFeatures: O, inFeatures: J, inChannels: C, inLength: L } = geometry;
  const hasBias = data.bias.length > 0;
  const rowHeight = Math.max(6, Math.min(18, 120 / O));
  const mapHeight = rowHeight * O;
  const height = 2 * (LABEL + mapHeight) + GAP + 4;
  const { ctx, width } = prepareCanvas(canvas, height);
  const biasWidth = hasBias ? Math.max(10, Math.min(24, width * 0.04)) : 0;
  const mapWidth = width - 2 * SIDE - (hasBias ? biasWidth + GAP : 0);
  const cell = mapWidth / J;
  const blocks = [
    { label: 'weights W (rows: outputs; columns: inputs, channel by channel) and bias b', w: data.weight, b: data.bias,
      top: 0, wTrack: 'weight', bTrack: 'bias' },
    { label: '∂C/∂W and ∂C/∂b', w: data.gradWeight, b: data.gradBias, top: LABEL + mapHeight + GAP,
      wTrack: 'gradWeight', bTrack: 'gradBias' },
  ];
  for (const block of blocks) {
    const range = niceRange(Math.max(maxAbs(block.w), maxAbs(block.b)));
    const top = block.top + LABEL;
    ctx.fillStyle = palette.text;
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.fillText(width > 560 ? block.label : block.label.replace(/ \(.*\)/, ''), SIDE, block.top + LABEL / 2 + 1);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = palette.muted;
    ctx.textAlign = 'right';
    ctx.fillText(`±${formatNumber(range)}`, width - SIDE, block.top + LABEL / 2 + 1);
    for (let o = 0; o < O; o++) {
      for (let j = 0; j < J; j++) {
        ctx.fillStyle = divergingColour(block.w[o * J + j], range);
        ctx.fillRect(SIDE + j * cell, top + o * rowHeight, Math.ceil(cell), Math.ceil(rowHeight));
      }
      if (hasBias) {
        ctx.fillStyle = divergingColour(block.b[o], range);
        ctx.fillRect(width - SIDE - biasWidth, top + o * rowHeight, biasWidth, Math.ceil(rowHeight));
      }
    }
    // channel boundaries: the flattened input is C blocks of L samples
    ctx.strokeStyle = palette.muted;
    ctx.lineWidth = 1;
    for (let c = 1; c < C; c++) {
      const x = SIDE + c * L * cell;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + mapHeight);
      ctx.stroke();
    }
    ctx.strokeStyle = palette.grid;
    ctx.strokeRect(SIDE, top, mapWidth, mapHeight);
  }
  return {
    hit(x, y) {
      for (const block of blocks) {
        const top = block.top + LABEL;
        if (y < top || y >= top + mapHeight) continue;
        const o = Math.floor((y - top) / rowHeight);
        if (hasBias && x >= width - SIDE - biasWidth) return { track: block.bTrack, channel: o, index: o };
        const j = Math.floor((x - SIDE) / cell);
        if (j < 0 || j >= J) return null;
        return { track: block.wTrack, channel: o, index: o * J + j };
      }
      return null;
    },
  };
}

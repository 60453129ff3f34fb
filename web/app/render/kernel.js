// Kernel panel of a conv layer: bars of W[o,c,k] and b[o] (top row) and of ∂C/∂W, ∂C/∂b (bottom row), one group of
// kernelSize bars per (out, in) channel pair. The hidden kernel of a 'filtered' target is drawn as outlines.
import { palette } from '../../shared/palette.js';
import { prepareCanvas, niceRange, maxAbs } from '../../shared/canvas.js';
import { formatNumber } from '../../shared/format.js';
import { describeKernel } from './describe.js';

const ROW = 70;
const LABEL = 18;
const SIDE = 6;

/**
 * geometry: the model's layer geometry (outChannels, inChannels, kernelSize, bias);
 * data: { weight, bias, gradWeight, gradBias } Float32Arrays; ghost: hidden kernel taps for (0,0) or null;
 * highlight: { track, index } | null. → { hit(x, y) → { track, channel, index } | null }
 */
export function drawKernel(canvas, geometry, data, ghost, highlight) {
  const { outChannels: O, inChannels: C, kernelSize: K } = geometry;
  const hasBias = data.bias.length > 0;
  const slots = [];  // { kind: 'w'|'b', index, x }
  for (let o = 0; o < O; o++) {
    for (let c = 0; c < C; c++) {
      for (let k = 0; k < K; k++) slots.push({ kind: 'w', index: (o * C + c) * K + k, group: o * C + c });
      slots.push(null);
    }
  }
  if (hasBias) for (let o = 0; o < O; o++) slots.push({ kind: 'b', index: o });
  const height = 2 * (LABEL + ROW) + 4;
  const { ctx, width } = prepareCanvas(canvas, height);
  const slot = (width - 2 * SIDE) / Math.max(1, slots.length);
  const barWidth = Math.max(2, Math.min(26, slot * 0.7));
  const rows = [
    { label: 'kernel W and bias b', w: data.weight, b: data.bias, wColor: palette.weight, bColor: palette.bias, top: 0, wTrack: 'weight', bTrack: 'bias' },
    { label: '∂C/∂W and ∂C/∂b', w: data.gradWeight, b: data.gradBias, wColor: palette.gradient, bColor: palette.gradient, top: LABEL + ROW, wTrack: 'gradWeight', bTrack: 'gradBias' },
  ];
  if (O * C > 1) drawGroups(ctx, slots, slot, height, { O, C, K, labelled: slot * K >= 30 });
  for (const row of rows) {
    const ghostMax = row.wTrack === 'weight' && ghost ? maxAbs(ghost) : 0;
    const range = niceRange(Math.max(maxAbs(row.w), maxAbs(row.b), ghostMax));
    const mid = row.top + LABEL + ROW / 2;
    const yOf = (v) => mid - Math.max(-1.05, Math.min(1.05, v / range)) * (ROW / 2 - 4);
    ctx.fillStyle = palette.text;
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.fillText(row.label, SIDE, row.top + LABEL / 2 + 1);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = palette.muted;
    ctx.textAlign = 'right';
    ctx.fillText(`±${formatNumber(range)}`, width - SIDE, row.top + LABEL / 2 + 1);
    ctx.strokeStyle = palette.grid;
    ctx.beginPath();
    ctx.moveTo(SIDE, mid);
    ctx.lineTo(width - SIDE, mid);
    ctx.stroke();
    slots.forEach((s, j) => {
      if (!s) return;
      const x = SIDE + (j + 0.5) * slot;
      const values = s.kind === 'w' ? row.w : row.b;
      const v = values[s.index];
      const track = s.kind === 'w' ? row.wTrack : row.bTrack;
      if (highlight && highlight.track === track && highlight.index === s.index) {
        ctx.fillStyle = 'rgba(240,228,66,0.6)';
        ctx.fillRect(x - slot / 2, row.top + LABEL, slot, ROW);
      }
      ctx.fillStyle = s.kind === 'w' ? row.wColor : row.bColor;
      if (Number.isFinite(v)) {
        const y = yOf(v);
        ctx.fillRect(x - barWidth / 2, Math.min(y, mid), barWidth, Math.max(1, Math.abs(y - mid)));
      }
      if (row.wTrack === 'weight' && ghost && s.kind === 'w' && s.group === 0) {
        const k = s.index;
        const g = ghost[k];
        if (g !== undefined && g !== 0) {
          ctx.strokeStyle = palette.target;
          ctx.setLineDash([3, 2]);
          ctx.lineWidth = 1.5;
          const y = yOf(g);
          ctx.strokeRect(x - barWidth / 2 - 2, Math.min(y, mid), barWidth + 4, Math.max(1, Math.abs(y - mid)));
          ctx.setLineDash([]);
        }
      }
      if (slot >= 22 && row.wTrack === 'weight' && !(O * C > 1 && s.kind === 'w' && slot * K >= 30)) {
        ctx.fillStyle = palette.muted;
        ctx.textAlign = 'center';
        ctx.font = '10px system-ui, sans-serif';
        ctx.fillText(s.kind === 'w' ? `k${s.index % K}` : `b${s.index}`, x, row.top + LABEL + ROW - 4);
      }
    });
  }
  if (ghost) {
    ctx.fillStyle = palette.target;
    ctx.textAlign = 'right';
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillText(width > 520 ? 'dashed: hidden kernel of the target' : 'dashed: hidden', width - SIDE - 48, LABEL + 8);
  }
  return {
    describe: () => describeKernel(geometry, data),
    hit(x, y) {
      const j = Math.floor((x - SIDE) / slot);
      const s = slots[j];
      if (!s) return null;
      const second = y >= LABEL + ROW;
      const track = s.kind === 'w' ? (second ? 'gradWeight' : 'weight') : (second ? 'gradBias' : 'bias');
      return { track, channel: s.kind === 'w' ? Math.floor(s.index / (C * K)) : s.index, index: s.index };
    },
  };
}

/**
 * Several kernels (outChannels × inChannels of them): each its own band, every other one shaded, with the channel
 * pair it belongs to under it (o for the output channel, and ←c for the input channel when there are several), so
 * a classifier's eight 9-tap kernels read as eight kernels rather than one row of 72 bars.
 */
function drawGroups(ctx, slots, slot, height, { O, C, K, labelled }) {
  ctx.save();
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  for (let group = 0; group < O * C; group++) {
    const first = slots.findIndex((s) => s && s.kind === 'w' && s.group === group);
    const left = SIDE + first * slot - slot * 0.25;
    const width = (K + 0.5) * slot;
    if (group % 2 === 1) {
      ctx.fillStyle = palette.grid;
      ctx.globalAlpha = 0.35;
      ctx.fillRect(left, LABEL, width, height - LABEL - 4);
      ctx.globalAlpha = 1;
    }
    if (labelled) {
      const o = Math.floor(group / C);
      ctx.fillStyle = palette.muted;
      ctx.fillText(C > 1 ? `${o}←${group % C}` : `ch ${o}`, left + width / 2, LABEL + ROW - 4);
    }
  }
  ctx.restore();
}

/** The hidden kernel as it sits in a K-tap kernel (centred; taps beyond K dropped) — as signals.js places it. */
export function placeHiddenKernel(kernel, K) {
  const centre = Math.floor((K - 1) / 2);
  const hc = Math.floor((kernel.length - 1) / 2);
  const out = new Array(K).fill(0);
  kernel.forEach((v, j) => {
    const k = centre + j - hc;
    if (k >= 0 && k < K) out[k] = v;
  });
  return out;
}

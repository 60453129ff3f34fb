// Signal plots: a stack of "tracks" (x_in, y, ∂C/∂y, …) on one canvas sharing a horizontal axis measured in
// cells of the layer's padded input, so each output sample sits under the centre of the window that made it.
// Padded cells are hatched and hollow, labelled with their value rule (0, −∞, or the sample they copy).
import { palette } from '../../shared/palette.js';
import { prepareCanvas, niceRange, maxAbs, hatch } from '../../shared/canvas.js';
import { formatNumber } from '../../shared/format.js';
import { describeTracks } from './describe.js';
import { fitLabel } from '../../shared/fit-label.js';

const LABEL_HEIGHT = 18;
const ROW_HEIGHT = 58;
/** A track of more channels than this draws each channel's row lower (COMPACT_ROW): a classifier's 8 fit on screen. */
const ROOMY_ROWS = 4;
const COMPACT_ROW = 34;
const MAX_ROWS = 8;
const SIDE = 6;

/** The height of one channel's row in a track of `channels` channels, or `rowHeight` when the plot asks for one. */
const rowHeightOf = (channels, rowHeight) => rowHeight || (channels > ROOMY_ROWS ? COMPACT_ROW : ROW_HEIGHT);

/**
 * The canvas height drawTracks gives tracks of these channel counts (panels.js reserves it before the first drawing).
 * rowHeight: one row height for every track (the signal plots, signalRowHeight) or undefined.
 */
export function tracksHeight(channelsPerTrack, rowHeight) {
  return channelsPerTrack.reduce((sum, ch) => sum + LABEL_HEIGHT + Math.min(MAX_ROWS, ch) * rowHeightOf(ch, rowHeight), 0) + 4;
}

/**
 * The row height of the input and output plots, the page's main plots: twice a layer plot's on a wide canvas, and
 * shared by the rows of several channels (down to a layer plot's row each).
 */
export function signalRowHeight(channels, width) {
  const room = width >= 480 ? 124 : 92;
  return Math.max(ROW_HEIGHT, Math.floor((channels > 1 ? 1.6 * room : room) / Math.min(MAX_ROWS, channels)));
}
const LABEL_GAP = 10;  // px between a caption and the scale on its right

/**
 * @typedef {object} Track
 * @property {string} id            name used by hit-testing and tooltips ('input', 'output', 'gradOutput', …)
 * @property {string} label         caption drawn on the canvas
 * @property {string} color
 * @property {'line'|'bars'} style  'bars' for gradients (stems from zero)
 * @property {number} channels      rows (at most MAX_ROWS are drawn)
 * @property {number} length        samples per channel
 * @property {(c:number,i:number)=>number} value
 * @property {(i:number)=>number} position  x position of sample i in axis cells (fractional allowed)
 * @property {(i:number)=>boolean} [isPadded]
 * @property {(i:number)=>string} [padLabel]     the rule of a padded cell ('0', '−∞', 'x[3]')
 * @property {(i:number)=>number} [padSource]    position of the sample a padded cell copies (reflect, replicate, circular)
 * @property {{value:(c,i)=>number, color:string, label:string}} [overlay]  dashed second series (the target)
 */

/**
 * Draws `spec` = { cells, tracks: Track[], highlights?, links?, shareRange?, range?, rowHeight? } and returns a hit-tester
 * (shareRange: one vertical scale for every track, e.g. max-pool, whose output values are input values; range: this
 * vertical scale (±range) for every track, as a freehand stroke holds it while the pointer is down; rowHeight: the
 * height of every channel's row, else ROW_HEIGHT, or COMPACT_ROW in a track of many channels).
 * highlights: [{ track, channel, indices: number[], winner?: number }] shade the terms of the hovered sample.
 * links: [{ from: {track, channel, index}, to: {track, channel, index}, color, strong }] straight lines (pool routing).
 * → { hit(x, y) → { track, channel, index } | null, point(track, channel, index) → {x, y} }
 */
export function drawTracks(canvas, spec) {
  const rowsOf = (t) => Math.min(MAX_ROWS, t.channels);
  const height = tracksHeight(spec.tracks.map((t) => t.channels), spec.rowHeight);
  const { ctx, width } = prepareCanvas(canvas, height);
  const cell = (width - 2 * SIDE) / Math.max(1, spec.cells);
  const xOf = (position) => SIDE + (position + 0.5) * cell;

  const layout = [];
  let top = 0;
  for (const track of spec.tracks) {
    const rows = rowsOf(track);
    let m = 0;
    for (let c = 0; c < track.channels; c++) {
      for (let i = 0; i < track.length; i++) {
        const a = Math.abs(track.value(c, i));
        if (a > m && Number.isFinite(a)) m = a;
        if (track.overlay) {
          const b = Math.abs(track.overlay.value(c, i));
          if (b > m && Number.isFinite(b)) m = b;
        }
      }
    }
    const range = spec.range > 0 ? spec.range : niceRange(m);
    const row = rowHeightOf(track.channels, spec.rowHeight);
    layout.push({ track, top, rows, range, row, rowsTop: top + LABEL_HEIGHT });
    top += LABEL_HEIGHT + rows * row;
  }

  const yOf = (entry, c, v) => {
    const mid = entry.rowsTop + c * entry.row + entry.row / 2;
    const clamped = Math.max(-1.08, Math.min(1.08, v / entry.range));
    return mid - clamped * (entry.row / 2 - 5);
  };

  if (spec.shareRange) {
    const shared = Math.max(...layout.map((e) => e.range));
    for (const entry of layout) entry.range = shared;
  }
  for (const entry of layout) drawTrack(ctx, entry, width, cell, xOf, yOf, spec);
  if (spec.links) drawLinks(ctx, spec.links, layout, xOf, yOf);

  const find = (id) => layout.find((e) => e.track.id === id);
  return {
    /** The plot in words and numbers (its text alternative). */
    describe: () => describeTracks(spec),
    hit(x, y) {
      const entry = layout.find((e) => y >= e.top && y < e.rowsTop + e.rows * e.row);
      if (!entry) return null;
      const { track } = entry;
      const channel = Math.max(0, Math.min(entry.rows - 1, Math.floor((y - entry.rowsTop) / entry.row)));
      let best = -1;
      let bestDistance = Infinity;
      for (let i = 0; i < track.length; i++) {
        const d = Math.abs(xOf(track.position(i)) - x);
        if (d < bestDistance) { bestDistance = d; best = i; }
      }
      if (best < 0 || bestDistance > Math.max(cell, 12)) return null;
      return { track: track.id, channel, index: best };
    },
    /** The vertical scale (±range) a track is drawn at, or null. */
    range(trackId) {
      const entry = find(trackId);
      return entry ? entry.range : null;
    },
    /** Canvas (x, y) → the nearest sample index of a track and the value at height y (for freehand drawing). */
    invert(trackId, channel, x, y) {
      const entry = find(trackId);
      if (!entry) return null;
      const c = Math.min(channel, entry.rows - 1);
      const mid = entry.rowsTop + c * entry.row + entry.row / 2;
      const value = ((mid - y) / (entry.row / 2 - 5)) * entry.range;
      const index = Math.round((x - SIDE) / cell - 0.5);
      return { index: Math.max(0, Math.min(entry.track.length - 1, index)), value, channel: c };
    },
    point(trackId, channel, index) {
      const entry = find(trackId);
      if (!entry) return null;
      const c = Math.min(channel, entry.rows - 1);
      return { x: xOf(entry.track.position(index)), y: yOf(entry, c, entry.track.value(c, index)) };
    },
  };
}

function drawTrack(ctx, entry, width, cell, xOf, yOf, spec) {
  const { track, top, rows, range, row: rowHeight } = entry;
  // the scale on the right first: the caption gets the width it leaves (fit-label.js shrinks or shortens it)
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = palette.muted;
  ctx.textAlign = 'right';
  const extra = track.channels > rows ? ` · ${track.channels - rows} more channels not drawn` : '';
  const scale = `±${formatNumber(range)}${extra}`;
  ctx.fillText(scale, width - SIDE, top + LABEL_HEIGHT / 2 + 1);
  const room = width - 2 * SIDE - ctx.measureText(scale).width - LABEL_GAP;
  ctx.fillStyle = palette.text;
  ctx.textAlign = 'left';
  ctx.fillText(fitLabel(ctx, track.label, room), SIDE, top + LABEL_HEIGHT / 2 + 1);

  const dots = cell >= 5;
  for (let c = 0; c < rows; c++) {
    const rowTop = entry.rowsTop + c * rowHeight;
    const zero = yOf(entry, c, 0);
    // padded cells: hatched background
    if (track.isPadded) {
      for (let i = 0; i < track.length; i++) {
        if (!track.isPadded(i)) continue;
        const x = xOf(track.position(i)) - cell / 2;
        hatch(ctx, x, rowTop + 2, cell, rowHeight - 4, palette.padding);
      }
    }
    const marks = (spec.highlights || []).filter((h) => h.track === track.id && h.channel === c);
    for (const mark of marks) {
      ctx.fillStyle = 'rgba(240,228,66,0.55)';
      for (const i of mark.indices) {
        if (i < 0 || i >= track.length) continue;
        ctx.fillRect(xOf(track.position(i)) - cell / 2, rowTop + 1, cell, rowHeight - 2);
      }
    }
    ctx.strokeStyle = palette.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(SIDE, zero);
    ctx.lineTo(width - SIDE, zero);
    ctx.stroke();
    if (rows > 1) {
      ctx.fillStyle = palette.muted;
      ctx.textAlign = 'left';
      ctx.fillText(`ch ${c}`, SIDE + 2, rowTop + 9);
    }
    drawSeries(ctx, track, (i) => track.value(c, i), track.color, track.style, xOf, (v) => yOf(entry, c, v), dots, zero, cell);
    // the target's dashes go on top, so they stay visible once the output matches it
    if (track.overlay) drawSeries(ctx, track, (i) => track.overlay.value(c, i), track.overlay.color, 'dashed', xOf, (v) => yOf(entry, c, v), dots, zero, cell);
    if (track.isPadded) drawPaddedMarks(ctx, track, c, entry, xOf, yOf, cell, rowTop);
    for (const mark of marks) {
      if (mark.winner === undefined) continue;
      const i = mark.winner;
      ctx.strokeStyle = palette.text;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(xOf(track.position(i)), yOf(entry, c, track.value(c, i)), 6, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }
}

function drawSeries(ctx, track, value, color, style, xOf, yOf, dots, zero, cell) {
  const real = (i) => !track.isPadded || !track.isPadded(i);
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  if (style === 'bars') {
    const w = Math.max(1, Math.min(8, cell * 0.6));
    for (let i = 0; i < track.length; i++) {
      if (!real(i)) continue;
      const v = value(i);
      if (!Number.isFinite(v)) continue;
      const y = yOf(v);
      ctx.fillRect(xOf(track.position(i)) - w / 2, Math.min(y, zero), w, Math.max(1, Math.abs(y - zero)));
    }
    return;
  }
  ctx.lineWidth = style === 'dashed' ? 2 : 1.75;
  ctx.setLineDash(style === 'dashed' ? [5, 4] : []);
  ctx.beginPath();
  const shown = (i) => i >= 0 && i < track.length && real(i) && Number.isFinite(value(i));
  // a target sample with no drawn neighbour makes no dashed line: it gets a short dashed level mark of its own (a
  // network ending in one value per channel has a target of one sample, which was never drawn; ŷ has its dot)
  const half = style === 'dashed' ? Math.min(32, Math.max(8, cell * 0.35)) : 0;
  let pen = false;
  for (let i = 0; i < track.length; i++) {
    const v = value(i);
    if (!real(i) || !Number.isFinite(v)) { pen = false; continue; }
    const x = xOf(track.position(i));
    const y = yOf(v);
    if (half && !pen && !shown(i + 1)) { ctx.moveTo(x - half, y); ctx.lineTo(x + half, y); continue; }
    if (pen) ctx.lineTo(x, y); else ctx.moveTo(x, y);
    pen = true;
  }
  ctx.stroke();
  ctx.setLineDash([]);
  if (dots && style !== 'dashed') {
    for (let i = 0; i < track.length; i++) {
      const v = value(i);
      if (!real(i) || !Number.isFinite(v)) continue;
      ctx.beginPath();
      ctx.arc(xOf(track.position(i)), yOf(v), Math.min(3, cell / 3), 0, 2 * Math.PI);
      ctx.fill();
    }
  }
}

/** Padded cells: a hollow circle at the value they hold (or a −∞ arrow), their rule, and an arc to their source. */
function drawPaddedMarks(ctx, track, c, entry, xOf, yOf, cell, rowTop) {
  const rowHeight = entry.row;
  const padded = [];
  for (let i = 0; i < track.length; i++) if (track.isPadded(i)) padded.push(i);
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  for (const i of padded) {
    const x = xOf(track.position(i));
    const v = track.value(c, i);
    ctx.strokeStyle = palette.padding;
    ctx.fillStyle = palette.background;
    ctx.lineWidth = 1.5;
    if (Number.isFinite(v)) {
      ctx.beginPath();
      ctx.arc(x, yOf(entry, c, v), Math.max(2, Math.min(3.5, cell / 3)), 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    } else {
      const bottom = rowTop + rowHeight - 6;
      ctx.beginPath();
      ctx.moveTo(x, bottom - 14);
      ctx.lineTo(x, bottom);
      ctx.moveTo(x - 3, bottom - 4);
      ctx.lineTo(x, bottom);
      ctx.lineTo(x + 3, bottom - 4);
      ctx.stroke();
    }
    if (track.padLabel && cell >= 16) {
      ctx.fillStyle = palette.muted;
      ctx.fillText(track.padLabel(i), x, rowTop + 8);
    }
  }
  if (track.padSource && padded.length > 0 && padded.length <= 24) {
    // drawn well inside the row (a whole stroke above its bottom edge) and darker than the grey marks, so the arc
    // from each padded cell to the sample it copies is seen whole
    ctx.strokeStyle = palette.muted;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([4, 3]);
    for (const i of padded) {
      const from = xOf(track.position(i));
      const to = xOf(track.padSource(i));
      const y = rowTop + rowHeight - 6;
      ctx.beginPath();
      ctx.moveTo(from, y);
      ctx.quadraticCurveTo((from + to) / 2, y - Math.min(22, 6 + Math.abs(to - from) / 4), to, y);
      ctx.stroke();
    }
    ctx.setLineDash([]);
  }
  ctx.font = '12px system-ui, sans-serif';
}

function drawLinks(ctx, links, layout, xOf, yOf) {
  for (const link of links) {
    const a = layout.find((e) => e.track.id === link.from.track);
    const b = layout.find((e) => e.track.id === link.to.track);
    if (!a || !b || link.from.channel >= a.rows || link.to.channel >= b.rows) continue;
    const x1 = xOf(a.track.position(link.from.index));
    const y1 = yOf(a, link.from.channel, a.track.value(link.from.channel, link.from.index));
    const x2 = xOf(b.track.position(link.to.index));
    const y2 = yOf(b, link.to.channel, b.track.value(link.to.channel, link.to.index));
    if (![x1, y1, x2, y2].every(Number.isFinite)) continue;
    ctx.strokeStyle = link.color;
    ctx.globalAlpha = link.strong ? 0.95 : 0.35;
    ctx.lineWidth = link.strong ? 2 : 1;
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

export { maxAbs };

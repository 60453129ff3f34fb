// Canvas drawing shared by the explanation panels: rows of stem plots on a common slot axis, so a kernel window,
// the padded input under it and the output it produces line up vertically.

// The palette, its context overrides, canvas sizing and the common value scale are the page's own (web/shared/).
import { palette as DEFAULT_PALETTE } from '../shared/palette.js';
import { extent } from '../shared/canvas.js';
import { fitLabel } from '../shared/fit-label.js';

export { paletteOf } from '../shared/palette.js';
export { extent, setupCanvas } from '../shared/canvas.js';

/**
 * One row of stems. box: { x, y, w, h, slots } — `slots` cells across w. values[i] sits in slot offset + i·spacing.
 * options: color, scale (|v| that reaches the half-height), label, shade(slot) → colour or null (cell background),
 * mark(i) → colour or null (a ring around value i), hidden(i) (not drawn yet), dim(i) (drawn faded),
 * from (the first slot of the axis this box shows: values outside the box's slots are skipped).
 */
export function stemRow(ctx, box, values, options = {}) {
  const { color = '#000', scale = extent([values]), label, shade, mark, hidden, dim, offset = 0, spacing = 1, palette = DEFAULT_PALETTE,
    from = 0 } = options;
  const cell = box.w / box.slots;
  const mid = box.y + box.h / 2;
  const half = box.h / 2 - 4;
  if (shade) {
    for (let s = 0; s < box.slots; s++) {
      const c = shade(s + from);
      if (c) { ctx.fillStyle = c; ctx.fillRect(box.x + s * cell, box.y, cell, box.h); }
    }
  }
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(box.x, mid + 0.5);
  ctx.lineTo(box.x + box.w, mid + 0.5);
  ctx.stroke();
  const radius = Math.max(1.5, Math.min(4, cell / 4));
  for (let i = 0; i < values.length; i++) {
    if (hidden && hidden(i)) continue;
    const slot = offset + i * spacing - from;
    if (slot < 0 || slot >= box.slots) continue;
    const v = values[i];
    const cx = box.x + (slot + 0.5) * cell;
    const clamped = Number.isFinite(v) ? Math.max(-1, Math.min(1, v / scale)) : (v > 0 ? 1 : v < 0 ? -1 : 0);
    const cy = mid - clamped * half;
    ctx.globalAlpha = dim && dim(i) ? 0.3 : 1;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = Math.max(1, Math.min(2, cell / 6));
    ctx.beginPath();
    ctx.moveTo(cx, mid);
    ctx.lineTo(cx, cy);
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(cx, cy, radius, 0, Math.PI * 2);
    ctx.fill();
    const ring = mark && mark(i);
    if (ring) {
      ctx.strokeStyle = ring;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(cx, cy, radius + 3, 0, Math.PI * 2);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
  if (label) {
    const text = fitLabel(ctx, label, box.w - 6, { weight: 'normal' });  // on a phone: smaller, or shortened with …
    ctx.textBaseline = 'top';
    ctx.globalAlpha = 0.8;
    ctx.fillStyle = palette.background;
    ctx.fillRect(box.x + 1, box.y, ctx.measureText(text).width + 4, 15);
    ctx.globalAlpha = 1;
    ctx.fillStyle = palette.text;
    ctx.fillText(text, box.x + 3, box.y + 1);
  }
}

/** A translucent vertical band over slots [from, to] across rows y0…y1 (the kernel window). */
export function band(ctx, box, from, to, y0, y1, color, alpha = 0.18) {
  const cell = box.w / box.slots;
  ctx.globalAlpha = alpha;
  ctx.fillStyle = color;
  ctx.fillRect(box.x + from * cell, y0, (to - from + 1) * cell, y1 - y0);
  ctx.globalAlpha = 1;
}

/** An arrow from (x0, y0) to (x1, y1). */
export function arrow(ctx, x0, y0, x1, y1, color, width = 1.5) {
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
  const angle = Math.atan2(y1 - y0, x1 - x0);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 7 * Math.cos(angle - 0.4), y1 - 7 * Math.sin(angle - 0.4));
  ctx.lineTo(x1 - 7 * Math.cos(angle + 0.4), y1 - 7 * Math.sin(angle + 0.4));
  ctx.closePath();
  ctx.fill();
}

/** The slot under a mouse event on a canvas drawn with `box`, or −1. */
export function slotAt(canvas, event, box) {
  const rect = canvas.getBoundingClientRect();
  const x = event.clientX - rect.left;
  if (x < box.x || x >= box.x + box.w) return -1;
  return Math.floor((x - box.x) / (box.w / box.slots));
}

/** Hex colour with alpha as rgba(). */
export function withAlpha(hex, alpha) {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex || '');
  if (!m) return hex;
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

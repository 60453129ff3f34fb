// Canvas plumbing of the page's plots and the explanations' diagrams: crisp drawing on high-DPI screens and
// value-axis scaling.
import { palette } from './palette.js';

// CSS widths of the canvases, kept current by a ResizeObserver: reading clientWidth on every redraw would force a
// style-and-layout pass per canvas per frame while training plays.
const cssWidths = new WeakMap();
const widthObserver = typeof ResizeObserver === 'function'
  ? new ResizeObserver((entries) => { for (const entry of entries) cssWidths.set(entry.target, entry.contentRect.width); })
  : null;

/** The canvas's CSS width in pixels, without forcing a layout once it is known. */
export function canvasCssWidth(canvas) {
  let width = cssWidths.get(canvas);
  if (width === undefined || width === 0) {
    width = canvas.clientWidth || canvas.parentElement?.clientWidth || 600;
    cssWidths.set(canvas, width);
    if (widthObserver) widthObserver.observe(canvas);
  }
  return width;
}

/**
 * Sizes `canvas` to its CSS width × `cssHeight` CSS pixels at the device pixel ratio and returns a 2-D context
 * whose units are CSS pixels. → { ctx, width, height }
 */
export function prepareCanvas(canvas, cssHeight) {
  const width = Math.max(120, canvasCssWidth(canvas));
  const height = `${cssHeight}px`;
  if (canvas.style.height !== height) canvas.style.height = height;
  const ctx = scaleCanvas(canvas, width, cssHeight);
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, width, cssHeight);
  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  return { ctx, width, height: cssHeight };
}

/** A canvas of a fixed CSS size (the explanations' diagrams), cleared; → its 2-D context in CSS pixels. */
export function setupCanvas(canvas, width, height) {
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = scaleCanvas(canvas, width, height);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** Sets the pixel buffer to width × height CSS pixels at the device pixel ratio (≤ 3); → a context in CSS pixels. */
function scaleCanvas(canvas, width, height) {
  const ratio = Math.min(3, (typeof window !== 'undefined' && window.devicePixelRatio) || 1);
  const pixelWidth = Math.round(width * ratio);
  const pixelHeight = Math.round(height * ratio);
  if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
  if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
  const ctx = canvas.getContext('2d');
  // a canvas whose size did not change keeps its context's state: every drawing starts from the defaults, so a redraw
  // looks like the first drawing (a dash or line width left by the last one no longer carries over)
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.setLineDash([]);
  ctx.lineDashOffset = 0;
  ctx.lineWidth = 1;
  ctx.lineCap = 'butt';
  ctx.lineJoin = 'miter';
  ctx.globalAlpha = 1;
  ctx.globalCompositeOperation = 'source-over';
  ctx.textAlign = 'start';
  return ctx;
}

/** A "nice" symmetric half-range ≥ max|v| (1, 2, 5 × 10ⁿ), so axes do not jitter every step. */
export function niceRange(maxAbs) {
  if (!(maxAbs > 0) || !Number.isFinite(maxAbs)) return 1;
  const exponent = Math.floor(Math.log10(maxAbs));
  const base = 10 ** exponent;
  for (const m of [1, 2, 5, 10]) if (maxAbs <= m * base * 1.0000001) return m * base;
  return 10 * base;
}

/** Largest |v| over the finite values of an array-like. */
export function maxAbs(values) {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > m && Number.isFinite(a)) m = a;
  }
  return m;
}

/** Largest |v| over several arrays (finite values only), at least `floor`: one scale for plots drawn together. */
export function extent(arrays, floor = 1e-6) {
  let m = floor;
  for (const values of arrays) m = Math.max(m, maxAbs(values));
  return m;
}

/** Diagonal hatching of a rectangle: the mark of padded cells (never colour alone). */
export function hatch(ctx, x, y, w, h, color) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.fillStyle = 'rgba(140,140,140,0.12)';
  ctx.fillRect(x, y, w, h);
  ctx.strokeStyle = color;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let d = -h; d < w; d += 6) {
    ctx.moveTo(x + d, y + h);
    ctx.lineTo(x + d + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

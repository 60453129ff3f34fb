// A caption drawn on a canvas (a page plot's track, a step-through row) must fit the width it has: on a phone a long
// one ("∂C/∂x_pad (full correlation with the flipped kernel)") would otherwise run under the scale beside it and off
// the canvas. It is set a little smaller first, then shortened at a word with "…" (a page plot's caption also stays
// whole in its text alternative, web/app/plot-text.js).

const SIZES = [12, 11, 10];  // px, largest first; below 10 px a caption is no longer easy to read
const ELLIPSIS = '…';

/**
 * Sets `ctx.font` to `weight size family` at the largest size in SIZES at which `text` fits `maxWidth` (CSS px) and
 * returns the text to draw: `text` itself, or at the smallest size its longest word-boundary prefix + "…" that fits.
 */
export function fitLabel(ctx, text, maxWidth, { weight = '600', family = 'system-ui, sans-serif' } = {}) {
  // a plot is redrawn every frame while training plays, its captions unchanged: measuring is done once per caption
  const key = `${weight}|${family}|${maxWidth}|${text}`;
  const known = fitted.get(key);
  if (known) {
    ctx.font = known.font;
    return known.text;
  }
  const result = fit(ctx, text, maxWidth, weight, family);
  if (fitted.size >= MAX_REMEMBERED) fitted.delete(fitted.keys().next().value);  // the oldest goes first
  fitted.set(key, { font: ctx.font, text: result });
  return result;
}

const MAX_REMEMBERED = 500;
const fitted = new Map();  // key → { font, text }

function fit(ctx, text, maxWidth, weight, family) {
  for (const size of SIZES) {
    ctx.font = `${weight} ${size}px ${family}`;
    if (ctx.measureText(text).width <= maxWidth) return text;
  }
  const words = text.split(' ');
  for (let n = words.length - 1; n > 0; n--) {
    const shortened = `${words.slice(0, n).join(' ').replace(/[\s,;:(–—-]+$/, '')}${ELLIPSIS}`;
    if (ctx.measureText(shortened).width <= maxWidth) return shortened;
  }
  // one word wider than the room: cut it by characters (never an empty caption)
  for (let n = text.length - 1; n > 0; n--) {
    const shortened = `${text.slice(0, n)}${ELLIPSIS}`;
    if (ctx.measureText(shortened).width <= maxWidth) return shortened;
  }
  return ELLIPSIS;
}

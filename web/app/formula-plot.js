// The picture of a checked formula: the true quantity as stems (from the core), the learner's values as dots over
// them, and every index where they disagree marked (a hatched band and a ring: never colour alone).
import { prepareCanvas, niceRange, extent, hatch } from '../shared/canvas.js';
import { palette } from '../shared/palette.js';
import { formatNumber } from '../shared/format.js';

const HEIGHT = 150;
const MARGIN = { left: 44, right: 10, top: 12, bottom: 24 };

/**
 * Draws `plot` ({ indices, truth, learner, wrong }) on `canvas`; `free` names the index ("t"), or null for one value.
 * Learner values beyond the axis are drawn at its edge with an arrow, so a far-off value is still seen.
 */
export function drawFormulaPlot(canvas, plot, free, { truth = true } = {}) {
  const { ctx, width, height } = prepareCanvas(canvas, HEIGHT);
  const n = plot.indices.length;
  const finiteLearner = Array.from(plot.learner).filter(Number.isFinite);
  // Without the truth (an exercise hides this quantity) the axis follows the learner's values alone.
  const range = truth ? niceRange(Math.max(extent([plot.truth]), Math.min(extent([finiteLearner]), 4 * extent([plot.truth]))))
    : niceRange(extent([finiteLearner]));
  const left = MARGIN.left, right = width - MARGIN.right, top = MARGIN.top, bottom = height - MARGIN.bottom;
  const slot = (right - left) / Math.max(1, n);
  const x = (k) => left + (k + 0.5) * slot;
  const y = (v) => top + (bottom - top) * (0.5 - v / (2 * range));
  const wrong = new Set(plot.wrong);

  for (const k of plot.wrong) hatch(ctx, x(k) - slot / 2, top, slot, bottom - top, palette.muted);
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left, y(0));
  ctx.lineTo(right, y(0));
  ctx.stroke();
  ctx.fillStyle = palette.muted;
  ctx.textAlign = 'right';
  for (const v of [range, 0, -range]) ctx.fillText(formatNumber(v), left - 6, y(v));
  ctx.textAlign = 'center';
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((right - left) / 28))));
  for (let k = 0; k < n; k += every) ctx.fillText(free ? String(plot.indices[k]) : '', x(k), bottom + 12);

  // the truth: stems from 0
  ctx.strokeStyle = palette.muted;
  ctx.lineWidth = Math.max(1, Math.min(3, slot * 0.3));
  for (let k = 0; truth && k < n; k++) {
    if (!Number.isFinite(plot.truth[k])) continue;
    ctx.beginPath();
    ctx.moveTo(x(k), y(0));
    ctx.lineTo(x(k), y(plot.truth[k]));
    ctx.stroke();
  }
  // the learner's values: dots (rings where wrong), clamped to the axis with a mark
  const r = Math.max(2.5, Math.min(5, slot * 0.35));
  ctx.lineWidth = 2;
  for (let k = 0; k < n; k++) {
    const v = plot.learner[k];
    const shown = Number.isFinite(v) ? Math.max(-range, Math.min(range, v)) : 0;
    ctx.beginPath();
    ctx.arc(x(k), y(shown), wrong.has(k) ? r + 1.5 : r, 0, 2 * Math.PI);
    if (wrong.has(k)) { ctx.strokeStyle = palette.output; ctx.stroke(); } else { ctx.fillStyle = palette.output; ctx.fill(); }
    if (!Number.isFinite(v) || Math.abs(v) > range) {
      ctx.fillStyle = palette.output;
      ctx.fillText(Number.isFinite(v) ? (v > 0 ? '▲' : '▼') : '?', x(k), v > 0 ? top - 2 : bottom - 4);
    }
  }
}

/** The plot in words, for its aria-label and a screen reader: what is drawn and where it disagrees. */
export function describeFormulaPlot(plot, free, quantityName, { truth = true } = {}) {
  const where = plot.wrong.length === 0 ? 'they agree at every index'
    : `they disagree at ${free ? `${free} = ${plot.wrong.slice(0, 12).join(', ')}${plot.wrong.length > 12 ? ', …' : ''}` : 'the one value'} (hatched)`;
  return truth ? `${quantityName} from the core (grey stems) and your formula's values (dots) for ${plot.label}: ${where}.`
    : `Your formula's values (dots) for ${plot.label}, checked against ${quantityName} from the core, which this exercise `
      + `hides: ${where}.`;
}

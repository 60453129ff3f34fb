// The loss curve: C against the step number, log-scaled vertically (losses span many decades while training).
import { palette } from '../../shared/palette.js';
import { prepareCanvas } from '../../shared/canvas.js';
import { formatNumber } from '../../shared/format.js';
import { describeLoss } from './describe.js';
import { drawLossAxes } from './loss-axes.js';

const HEIGHT = 200;
const LEFT = 52;
const RIGHT = 10;
const TOP = 34;  // two lines above the plot: the title and C, then the validation C (never over the curves)
const BOTTOM = 24;

/**
 * history: [{ step, loss, validation }] holding C as the page defines it (web/shared/training-display.js; with loss
 * 'crossentropy' also accuracy, validationAccuracy: drawn on a 0–100 % scale) in step order; display: that module's
 * trainingDisplay (how C is named); hoverIndex: index into history or null.
 * drawAccuracy: render/accuracy.js's (loaded with the classification plots), or null to leave the accuracy out.
 * → { hit(x, y) → { track: 'loss', channel: 0, index } | null }
 */
export function drawLoss(canvas, history, display, hoverIndex, drawAccuracy = null) {
  const { ctx, width } = prepareCanvas(canvas, HEIGHT);
  const points = history.filter((p) => Number.isFinite(p.loss) && p.loss > 0);
  // the validation set's loss, when there is one: the same axes, dashed (the gap between the curves = overfitting)
  const held = history.filter((p) => Number.isFinite(p.validation) && p.validation > 0);
  ctx.fillStyle = palette.text;
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.textAlign = 'left';
  // the longest title that leaves room for the current value on the right (a phone's plot is narrow)
  const current = points.length ? `${display.cShort} = ${formatNumber(points[points.length - 1].loss)}` : '';
  const room = width - RIGHT - 6 - ctx.measureText(current).width - 12;
  const per = display.dataMode === 'dataset' ? ', mean per example' : '';
  const titles = [`${display.cShort} (${display.loss.short}${per}), log scale`, `${display.cShort} (${display.loss.short}${per})`,
    `${display.cShort}${per ? ' (mean per example)' : ''}`, display.cShort];
  ctx.fillText(titles.find((t) => ctx.measureText(t).width <= room) || display.cShort, 6, 10);
  const plotW = width - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  ctx.strokeStyle = palette.grid;
  ctx.strokeRect(LEFT, TOP, plotW, plotH);
  if (points.length === 0) {
    ctx.fillStyle = palette.muted;
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillText('no finite positive loss yet', LEFT + 8, TOP + plotH / 2);
    return { hit: () => null, describe: () => describeLoss(history, display) };
  }
  const lastStep = Math.max(1, history[history.length - 1].step);
  const firstStep = history[0].step;
  const { xOf, yOf } = drawLossAxes(ctx, { left: LEFT, top: TOP, width: plotW, height: plotH },
    [...points.map((p) => p.loss), ...held.map((p) => p.validation)], firstStep, lastStep, HEIGHT);
  ctx.strokeStyle = palette.loss;
  ctx.lineWidth = 1.75;
  ctx.beginPath();
  points.forEach((p, i) => (i ? ctx.lineTo(xOf(p.step), yOf(p.loss)) : ctx.moveTo(xOf(p.step), yOf(p.loss))));
  ctx.stroke();
  if (held.length) drawValidation(ctx, held, xOf, yOf, width, display);
  drawAccuracy?.(ctx, history, xOf, { left: LEFT, top: TOP, width: plotW, height: plotH });
  const last = points[points.length - 1];
  ctx.fillStyle = palette.loss;
  ctx.beginPath();
  ctx.arc(xOf(last.step), yOf(last.loss), 3, 0, 2 * Math.PI);
  ctx.fill();
  ctx.textAlign = 'right';
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.fillText(`${display.cShort} = ${formatNumber(last.loss)}`, width - RIGHT, 10);
  if (hoverIndex !== null && history[hoverIndex]) {
    const p = history[hoverIndex];
    ctx.strokeStyle = palette.output;
    ctx.beginPath();
    ctx.moveTo(xOf(p.step), TOP);
    ctx.lineTo(xOf(p.step), TOP + plotH);
    ctx.stroke();
  }
  return {
    describe: () => describeLoss(history, display),
    hit(x) {
      if (x < LEFT - 4 || x > LEFT + plotW + 4) return null;
      let best = 0;
      let bestD = Infinity;
      history.forEach((p, i) => {
        const d = Math.abs(xOf(p.step) - x);
        if (d < bestD) { bestD = d; best = i; }
      });
      return { track: 'loss', channel: 0, index: best };
    },
  };
}

/** The validation curve, dashed in the target's colour, with its last value under the training one. */
function drawValidation(ctx, held, xOf, yOf, width, display) {
  ctx.save();
  ctx.strokeStyle = palette.target;
  ctx.setLineDash([5, 3]);
  ctx.lineWidth = 1.75;
  ctx.beginPath();
  held.forEach((p, i) => (i ? ctx.lineTo(xOf(p.step), yOf(p.validation)) : ctx.moveTo(xOf(p.step), yOf(p.validation))));
  ctx.stroke();
  ctx.restore();
  const last = held[held.length - 1];
  ctx.fillStyle = palette.target;
  ctx.textAlign = 'right';
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.fillText(`${display.validationShort} = ${formatNumber(last.validation)}`, width - RIGHT, TOP - 8);
}

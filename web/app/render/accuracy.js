// Accuracy beside the loss (loss 'crossentropy'): the share of training and validation examples whose largest logit
// is their class, on a linear 0–100 % scale over the loss chart's plot area (its right edge carries the scale).
import { palette } from '../../shared/palette.js';

/**
 * history: [{ step, accuracy, validationAccuracy }]; xOf(step) → x; plot: { left, top, width, height } of the loss
 * chart's plot area. Draws nothing when no point holds an accuracy.
 */
export function drawAccuracy(ctx, history, xOf, plot) {
  const train = history.filter((p) => Number.isFinite(p.accuracy));
  const held = history.filter((p) => Number.isFinite(p.validationAccuracy));
  if (!train.length && !held.length) return;
  const yOf = (share) => plot.top + (1 - Math.max(0, Math.min(1, share))) * plot.height;
  ctx.save();
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.fillStyle = palette.muted;
  for (const share of [0, 0.5]) ctx.fillText(`${share * 100} %`, plot.left + plot.width - 2, yOf(share) - 2);  // 100 % sits under the loss readings
  // the two curves: training dotted, validation dash-dotted (never colour alone)
  const curve = (points, key, color, dash) => {
    ctx.strokeStyle = color;
    ctx.setLineDash(dash);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    points.forEach((p, i) => (i ? ctx.lineTo(xOf(p.step), yOf(p[key])) : ctx.moveTo(xOf(p.step), yOf(p[key]))));
    ctx.stroke();
  };
  if (train.length) curve(train, 'accuracy', palette.output, [2, 2]);
  if (held.length) curve(held, 'validationAccuracy', palette.text, [6, 2, 2, 2]);
  ctx.setLineDash([]);
  const lastTrain = train[train.length - 1];
  const lastHeld = held[held.length - 1];
  const parts = [];
  if (lastTrain) parts.push(`training ${percent(lastTrain.accuracy)}`);
  if (lastHeld) parts.push(`validation ${percent(lastHeld.validationAccuracy)}`);
  ctx.fillStyle = palette.text;
  ctx.textAlign = 'left';
  ctx.font = '600 11px system-ui, sans-serif';
  ctx.fillText(`accuracy (dotted): ${parts.join(' · ')}`, plot.left + 4, plot.top + plot.height - 4);
  ctx.restore();
}

/** 0.9583 → "95.8 %". */
export function percent(share) {
  return `${(share * 100).toFixed(1)} %`;
}

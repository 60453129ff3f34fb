// The comparison's one loss chart: A's and B's loss curves on shared axes (C against the step, log scale). A is solid,
// B dashed (never colour alone); hovering picks the step nearest the pointer on both curves.
import { palette } from '../../shared/palette.js';
import { prepareCanvas } from '../../shared/canvas.js';
import { drawLossAxes } from '../render/loss-axes.js';

const HEIGHT = 170;
const LEFT = 52;
const RIGHT = 10;
const TOP = 22;
const BOTTOM = 24;
export const SIDE_STYLE = Object.freeze({ a: { dash: [] }, b: { dash: [6, 4] } });
/** A's and B's colours: the palette's input blue and output vermillion (Okabe–Ito, apart for every colour vision). */
export const sideColour = (side) => (side === 'a' ? palette.input : palette.output);

/**
 * histories: { a: [{ step, loss, validation }], b: [...] } (each side's session.history); perExample: { a, b }, each
 * { train, validation } example counts (a data set's 'sse' is drawn per example), or null; hoverStep: a step to mark or null.
 * → { hit(x, y) → { panel: 'loss', step } | null, steps: the steps the chart knows, in order }
 */
export function drawLossPair(canvas, histories, lossWords, perExample, hoverStep) {
  const { ctx, width } = prepareCanvas(canvas, HEIGHT);
  const scaled = {};
  const held = {};  // the validation sets' losses, when there are any: thin dotted lines in each side's colour
  for (const side of ['a', 'b']) {
    const divisor = perExample ? perExample[side] : { train: 1, validation: 1 };
    scaled[side] = histories[side].map((p) => ({ step: p.step, loss: p.loss / divisor.train })).filter((p) => Number.isFinite(p.loss) && p.loss > 0);
    held[side] = histories[side].map((p) => ({ step: p.step, loss: p.validation / divisor.validation })).filter((p) => Number.isFinite(p.loss) && p.loss > 0);
  }
  const withHeld = held.a.length > 0 || held.b.length > 0;
  ctx.fillStyle = palette.text;
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.fillText(`loss C (${lossWords}), log scale — A solid, B dashed${withHeld ? ', validation dotted' : ''}`, 6, 10);
  const plotW = width - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  ctx.strokeStyle = palette.grid;
  ctx.strokeRect(LEFT, TOP, plotW, plotH);
  const all = [...scaled.a, ...scaled.b, ...held.a, ...held.b];
  const steps = [...new Set([...histories.a, ...histories.b].map((p) => p.step))].sort((x, y) => x - y);
  if (all.length === 0) {
    ctx.fillStyle = palette.muted;
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillText('no finite positive loss yet', LEFT + 8, TOP + plotH / 2);
    return { hit: () => null, steps };
  }
  const firstStep = steps[0];
  const lastStep = Math.max(firstStep + 1, steps[steps.length - 1]);
  const { xOf, yOf } = drawLossAxes(ctx, { left: LEFT, top: TOP, width: plotW, height: plotH }, all.map((p) => p.loss),
    firstStep, lastStep, HEIGHT);
  for (const side of ['a', 'b']) {
    if (held[side].length) {
      ctx.strokeStyle = sideColour(side);
      ctx.lineWidth = 1;
      ctx.setLineDash([1.5, 3]);
      ctx.beginPath();
      held[side].forEach((p, i) => (i ? ctx.lineTo(xOf(p.step), yOf(p.loss)) : ctx.moveTo(xOf(p.step), yOf(p.loss))));
      ctx.stroke();
      ctx.setLineDash([]);
    }
    const points = scaled[side];
    if (!points.length) continue;
    ctx.strokeStyle = sideColour(side);
    ctx.lineWidth = 1.75;
    ctx.setLineDash(SIDE_STYLE[side].dash);
    ctx.beginPath();
    points.forEach((p, i) => (i ? ctx.lineTo(xOf(p.step), yOf(p.loss)) : ctx.moveTo(xOf(p.step), yOf(p.loss))));
    ctx.stroke();
    ctx.setLineDash([]);
    const last = points[points.length - 1];
    ctx.fillStyle = sideColour(side);
    ctx.textAlign = 'left';
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.fillText(side.toUpperCase(), Math.min(LEFT + plotW - 10, xOf(last.step) + 3), yOf(last.loss) - 6);
  }
  ctx.lineWidth = 1;
  if (hoverStep !== null && hoverStep !== undefined) {
    ctx.strokeStyle = palette.muted;
    ctx.beginPath();
    ctx.moveTo(xOf(hoverStep), TOP);
    ctx.lineTo(xOf(hoverStep), TOP + plotH);
    ctx.stroke();
  }
  return {
    steps,
    hit(x) {
      if (x < LEFT - 6 || x > LEFT + plotW + 6) return null;
      let best = steps[0];
      for (const s of steps) if (Math.abs(xOf(s) - x) < Math.abs(xOf(best) - x)) best = s;
      return { panel: 'loss', step: best };
    },
  };
}

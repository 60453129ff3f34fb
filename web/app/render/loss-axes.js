// The axes both loss charts draw (render/loss.js, the page's; compare/loss-chart.js, A beside B): C on a log scale
// with a grid line every decade or few, and the first and last step under the plot.
import { palette } from '../../shared/palette.js';

/**
 * Draws the log-scaled axes for the positive, finite `losses` over the steps firstStep … lastStep inside the plot box
 * { left, top, width, height } of a canvas `canvasHeight` tall (the step labels go on its last line).
 * → { xOf(step), yOf(loss) }: canvas coordinates on those axes.
 */
export function drawLossAxes(ctx, box, losses, firstStep, lastStep, canvasHeight) {
  const { left, top: plotTop, width, height } = box;
  let lo = Infinity;
  let hi = -Infinity;
  for (const loss of losses) { lo = Math.min(lo, loss); hi = Math.max(hi, loss); }
  let top = Math.ceil(Math.log10(hi));
  let bottom = Math.floor(Math.log10(lo));
  if (top === bottom) top += 1;
  if (top - bottom > 24) bottom = top - 24;  // at most 24 decades: a smaller loss is drawn on the bottom edge
  const xOf = (step) => left + ((step - firstStep) / Math.max(1, lastStep - firstStep)) * width;
  const yOf = (loss) => plotTop + ((top - Math.log10(Math.max(loss, 10 ** bottom))) / (top - bottom)) * height;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'right';
  const every = Math.ceil((top - bottom) / 6);
  for (let e = bottom; e <= top; e += every) {
    const y = yOf(10 ** e);
    ctx.strokeStyle = palette.grid;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    ctx.fillStyle = palette.muted;
    ctx.fillText(`1e${e}`, left - 4, y);
  }
  ctx.textAlign = 'left';
  ctx.fillText(`step ${firstStep}`, left, canvasHeight - 10);
  ctx.textAlign = 'right';
  ctx.fillText(`step ${lastStep}`, left + width, canvasHeight - 10);
  return { xOf, yOf };
}

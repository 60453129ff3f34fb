// Softmax probabilities of the shown example as bars, one per class, with the true class marked (outlined and
// labelled "true") and the predicted class (the largest logit) named: what loss 'crossentropy' looks at.
import { palette } from '../../shared/palette.js';
import { prepareCanvas } from '../../shared/canvas.js';
import { describeProbabilities } from './describe.js';

const HEIGHT = 150;
const LABEL = 18;
const SIDE = 6;
const AXIS = 30;

/**
 * probabilities: Float32Array of K values summing to 1; target: the true class index; names: class names or null.
 * → { predicted, hit(x, y) → { track: 'probabilities', channel: 0, index: class } | null, describe() → its words and table }
 */
export function drawProbabilities(canvas, probabilities, target, names) {
  const { ctx, width } = prepareCanvas(canvas, HEIGHT);
  const K = probabilities.length;
  let predicted = 0;
  for (let j = 1; j < K; j++) if (probabilities[j] > probabilities[predicted]) predicted = j;
  const slot = (width - 2 * SIDE) / Math.max(1, K);
  const barWidth = Math.max(4, Math.min(48, slot * 0.6));
  const top = LABEL + 4;
  const bottom = HEIGHT - AXIS;
  const yOf = (p) => bottom - Math.max(0, Math.min(1, p)) * (bottom - top);
  ctx.fillStyle = palette.text;
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.fillText(`softmax p = e^z / Σ e^z · predicted: ${names ? names[predicted] : `class ${predicted}`}`, SIDE, LABEL / 2 + 1);
  ctx.strokeStyle = palette.grid;
  ctx.beginPath();
  ctx.moveTo(SIDE, bottom);
  ctx.lineTo(width - SIDE, bottom);
  ctx.stroke();
  for (let j = 0; j < K; j++) {
    const x = SIDE + (j + 0.5) * slot;
    const p = probabilities[j];
    const y = yOf(p);
    ctx.fillStyle = j === target ? palette.target : palette.output;
    if (Number.isFinite(p)) ctx.fillRect(x - barWidth / 2, y, barWidth, Math.max(1, bottom - y));
    if (j === target) {
      // the true class: outlined and dashed, never colour alone
      ctx.strokeStyle = palette.text;
      ctx.setLineDash([4, 2]);
      ctx.lineWidth = 1.5;
      ctx.strokeRect(x - barWidth / 2 - 2, top, barWidth + 4, bottom - top);
      ctx.setLineDash([]);
    }
    ctx.fillStyle = palette.text;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(Number.isFinite(p) ? p.toFixed(2) : '–', x, Math.max(top + 6, y - 8));
    ctx.fillStyle = palette.muted;
    ctx.fillText(`${names ? names[j] : `class ${j}`}${j === target ? ' (true)' : ''}`, x, bottom + 12);
  }
  return {
    predicted,
    describe: () => describeProbabilities(probabilities, target, names, predicted),
    hit(x, y) {
      const j = Math.floor((x - SIDE) / slot);
      return j >= 0 && j < K && y >= top && y <= HEIGHT ? { track: 'probabilities', channel: 0, index: j } : null;
    },
  };
}

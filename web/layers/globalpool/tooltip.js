// The tooltip words of a global pool layer: one value per channel, the largest (its winner) or the mean of all
// samples, and where its gradient goes. web/app/tooltip.js asks the hovered layer's type; text only. Each part gets
// (hover: { track, channel, index }, model, l, g) and returns { title, lines } (gradInput: the lines under the
// common title).
import { formatNumber as f } from '../../shared/format.js';

/** The channel's one output: the largest sample (its winner) or the mean. */
export function output({ channel: c, index }, model, l, g) {
  const y = model.view('output', l)[c * g.outLength + index];
  if (g.op === 'max') {
    const winner = model.view('argmax', l)[c];
    return { title: `x_out[${c}] = ${f(y)} (the largest of all ${g.inLength} samples)`,
      lines: [`★ winner: x_in[${c}, ${winner}] (the first maximum wins ties)`, 'its gradient goes only to the winner'] };
  }
  return { title: `x_out[${c}] = ${f(y)} (the mean of all ${g.inLength} samples)`,
    lines: [`its gradient: δ ÷ ${g.inLength} to every sample of channel ${c}`] };
}

/** ∂C/∂x_in: δ to the winner (max) or δ ÷ n to every sample (avg). */
export function gradInput({ channel: c, index }, model, l, g) {
  if (g.op === 'avg') return [`= δ[${c}] ÷ ${g.inLength}`];
  const won = model.view('argmax', l)[c] === index;
  return [won ? `= δ[${c}]: this sample is the winner` : 'not the winner: gradient 0'];
}

// The tooltip words of an average-pool layer: what one hovered sample is and which terms made it (its window's
// samples and divisor; each sample's share of the windows' gradients). web/app/tooltip.js asks the hovered layer's
// type; text only. Each part gets (hover: { track, channel, index }, model, l, g) and returns { title, lines }
// (gradInput: the lines under the common title).
import { formatNumber as f } from '../../shared/format.js';
import { axisPadding, windowCells } from '../../shared/geometry.js';
import { MAX_TERMS } from '../../shared/terms.js';
import { avgPoolDivisor } from './geometry.js';

/** A padded cell: a zero, counted in the divisor or not. */
export function paddingCell({ index }, model, l, g) {
  return { title: `padding cell ${index} = 0`, lines: [g.countIncludePad
    ? 'zero padding, counted in the divisor of the windows that cover it' : 'zero padding, not counted in any divisor'] };
}

/** An output sample: the sum of its window ÷ its divisor. */
export function output({ channel: c, index }, model, l, g) {
  const y = model.view('output', l)[c * g.outLength + index];
  const x = model.view('input', l);
  const p = axisPadding(g);
  const divisor = avgPoolDivisor(g, index);
  const cells = windowCells(g, index).filter((cell) => cell < g.inLength + 2 * p);
  const lines = cells.slice(0, MAX_TERMS).map((cell) => {
    const i = cell - p;
    return i >= 0 && i < g.inLength ? `x_in[${c}, ${i}] = ${f(x[c * g.inLength + i])}` : `padding cell ${cell} = 0`;
  });
  if (cells.length > MAX_TERMS) lines.push(`… ${cells.length - MAX_TERMS} more`);
  return { title: `x_out[${c}, ${index}] = ${f(y)} (Σ of its window ÷ ${divisor})`,
    lines: [...lines, `divisor ${divisor}: ${g.countIncludePad ? 'the window, padding counted' : 'the input samples it covers'}`,
      `its gradient: δ ÷ ${divisor} to each input sample of the window`] };
}

/** ∂C/∂x_in: a 1/divisor share of δ from every window that covers the sample. */
export function gradInput({ channel: c, index }, model, l, g) {
  const dy = model.view('gradOutput', l);
  const p = axisPadding(g);
  const shares = [];
  for (let t = 0; t < g.outLength; t++) {
    if (windowCells(g, t).includes(index + p)) shares.push(`δ[${c},${t}] ÷ ${avgPoolDivisor(g, t)} = ${f(dy[c * g.outLength + t] / avgPoolDivisor(g, t))}`);
  }
  return ['= Σ over the windows covering this sample of δ ÷ divisor', ...shares.slice(0, MAX_TERMS)];
}

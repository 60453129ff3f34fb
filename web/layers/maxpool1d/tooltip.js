// The tooltip words of a max-pool layer: what one hovered sample is and which terms made it, read from the model's
// views (a window and its winner; gradients go to the winners). web/app/tooltip.js asks the hovered layer's type; text
// only. Each part gets (hover: { track, channel, index }, model, l, g) and returns { title, lines } (gradInput: the
// lines under the common title), or is absent when the type has nothing to say there.
import { poolWindow } from '../../shared/formulas.js';
import { formatNumber as f } from '../../shared/format.js';
import { axisPadding, windowCells } from '../../shared/geometry.js';
import { listTerms } from '../../shared/terms.js';

/** A padded cell: −∞, so it never wins a window. */
export function paddingCell({ index }) {
  return { title: `padding cell ${index}`, lines: ['holds −∞, so it never wins a window'] };
}

/** An output sample: the window, its winner starred. */
export function output({ channel: c, index }, model, l, g) {
  const y = model.view('output', l)[c * g.outLength + index];
  const p = axisPadding(g);
  const winner = model.view('argmax', l)[c * g.outLength + index];
  const x = model.view('input', l);
  const empty = poolWindow(g, x.subarray(c * g.inLength, (c + 1) * g.inLength), index).empty;
  const lines = windowCells(g, index).map((cell) => {
    const i = cell - p;
    const inside = i >= 0 && i < g.inLength;
    return `${inside && !empty && i === winner ? '★ ' : '  '}${inside ? `x_in[${c}, ${i}] = ${f(x[c * g.inLength + i])}` : `padding cell ${cell} = −∞`}`;
  });
  if (empty) {
    return { title: `x_out[${c}, ${index}] = ${f(y)} (an empty window)`, lines: [...lines, 'every tap is −∞ padding: no winner, and no gradient flows back'] };
  }
  return { title: `x_out[${c}, ${index}] = ${f(y)} (max of its window)`, lines: [...lines, `★ winner: a[${index}] = ${winner}, an index of x_in (first maximum wins ties)`, 'its gradient goes only to the winner'] };
}

/** ∂C/∂x_in: the δ of every window this sample won. */
export function gradInput({ channel: c, index }, model, l, g) {
  const argmax = model.view('argmax', l);
  const dy = model.view('gradOutput', l);
  const terms = [];
  const x = model.view('input', l).subarray(c * g.inLength, (c + 1) * g.inLength);
  for (let t = 0; t < g.outLength; t++) {
    // An empty window (all padding) has no winner: its clamped index is not one.
    if (argmax[c * g.outLength + t] === index && !poolWindow(g, x, t).empty) terms.push({ text: `δ[${c},${t}]`, value: dy[c * g.outLength + t] });
  }
  return terms.length ? ['= Σ δ over the windows this sample won (δ = ∂C/∂x_out)', ...listTerms(terms, true)] : ['won no window: gradient 0'];
}

// The tooltip words of a linear layer: an output as b + Σ_j W[o, j]·x[j] over the flattened input (its largest
// terms), and ∂C/∂x as Wᵀ·δ. web/app/tooltip.js asks the hovered layer's type; text only. Each part gets
// (hover: { track, channel, index }, model, l, g) and returns { title, lines } (gradInput: the lines under the
// common title).
import { formatNumber as f } from '../../shared/format.js';
import { MAX_TERMS } from '../../shared/terms.js';

/** Output o: the bias plus the largest of its products W[o, j]·x[j]. */
export function output({ channel: c, index }, model, l, g) {
  const y = model.view('output', l)[c * g.outLength + index];
  const x = model.view('input', l);
  const w = model.view('weight', l);
  const terms = [];
  for (let j = 0; j < g.inFeatures; j++) terms.push({ j, value: w[c * g.inFeatures + j] * x[j] });
  terms.sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const lines = [`= ${g.bias ? 'b + ' : ''}Σ_j W[o, j] · x[j], j = channel · ${g.inLength} + sample`];
  if (g.bias) lines.push(`b[${c}] = ${f(model.view('bias', l)[c])}`);
  for (const t of terms.slice(0, MAX_TERMS)) {
    lines.push(`W[${c}, ${t.j}]·x_in[${Math.floor(t.j / g.inLength)}, ${t.j % g.inLength}] = ${f(t.value)}`);
  }
  if (terms.length > MAX_TERMS) lines.push(`… ${terms.length - MAX_TERMS} more terms (largest shown)`);
  return { title: `x_out[${c}] = ${f(y)}`, lines };
}

/** ∂C/∂x_in = Wᵀ·δ. */
export function gradInput() {
  return ['= Σ_o δ[o] · W[o, j] (Wᵀ·δ), j = channel · length + sample'];
}

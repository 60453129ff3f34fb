// Tooltip words for the classifier layers (avg-pool, global pool, linear): what one hovered sample is and which
// terms made it. describeLayerSample in tooltip.js asks here first; null means "not mine, use the general words".
import { formatNumber as f } from '../shared/format.js';
import { avgPoolDivisor, axisPadding, windowCells } from '../shared/geometry.js';

const CLASSIFIER_LAYERS = new Set(['avgpool1d', 'globalpool', 'linear']);
const MAX_LINES = 8;

/** hover: { track, channel, index }; → { title, lines } or null. */
export function describeClassifierSample(hover, model, l, g) {
  if (!CLASSIFIER_LAYERS.has(g.type)) return null;
  const { track, channel: c, index } = hover;
  const p = axisPadding(g);
  const x = model.view('input', l);
  if (track === 'input') {
    const i = index - p;
    if (i >= 0 && i < g.inLength) return null;
    return { title: `padding cell ${index} = 0`, lines: [g.countIncludePad
      ? 'zero padding, counted in the divisor of the windows that cover it' : 'zero padding, not counted in any divisor'] };
  }
  if (track === 'output') {
    const y = model.view('output', l)[c * g.outLength + index];
    if (g.type === 'avgpool1d') {
      const divisor = avgPoolDivisor(g, index);
      const cells = windowCells(g, index).filter((cell) => cell < g.inLength + 2 * p);
      const lines = cells.slice(0, MAX_LINES).map((cell) => {
        const i = cell - p;
        return i >= 0 && i < g.inLength ? `x_in[${c}, ${i}] = ${f(x[c * g.inLength + i])}` : `padding cell ${cell} = 0`;
      });
      if (cells.length > MAX_LINES) lines.push(`… ${cells.length - MAX_LINES} more`);
      return { title: `x_out[${c}, ${index}] = ${f(y)} (Σ of its window ÷ ${divisor})`,
        lines: [...lines, `divisor ${divisor}: ${g.countIncludePad ? 'the window, padding counted' : 'the input samples it covers'}`,
          `its gradient: δ ÷ ${divisor} to each input sample of the window`] };
    }
    if (g.type === 'globalpool') {
      if (g.op === 'max') {
        const winner = model.view('argmax', l)[c];
        return { title: `x_out[${c}] = ${f(y)} (the largest of all ${g.inLength} samples)`,
          lines: [`★ winner: x_in[${c}, ${winner}] (the first maximum wins ties)`, 'its gradient goes only to the winner'] };
      }
      return { title: `x_out[${c}] = ${f(y)} (the mean of all ${g.inLength} samples)`,
        lines: [`its gradient: δ ÷ ${g.inLength} to every sample of channel ${c}`] };
    }
    const w = model.view('weight', l);
    const terms = [];
    for (let j = 0; j < g.inFeatures; j++) terms.push({ j, value: w[c * g.inFeatures + j] * x[j] });
    terms.sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
    const lines = [`= ${g.bias ? 'b + ' : ''}Σ_j W[o, j] · x[j], j = channel · ${g.inLength} + sample`];
    if (g.bias) lines.push(`b[${c}] = ${f(model.view('bias', l)[c])}`);
    for (const t of terms.slice(0, MAX_LINES)) {
      lines.push(`W[${c}, ${t.j}]·x_in[${Math.floor(t.j / g.inLength)}, ${t.j % g.inLength}] = ${f(t.value)}`);
    }
    if (terms.length > MAX_LINES) lines.push(`… ${terms.length - MAX_LINES} more terms (largest shown)`);
    return { title: `x_out[${c}] = ${f(y)}`, lines };
  }
  if (track === 'gradInput') {
    const dx = model.view('gradInput', l)[c * g.inLength + index];
    const dy = model.view('gradOutput', l);
    const title = `∂C/∂x_in[${c}, ${index}] = ${f(dx)}`;
    if (g.type === 'avgpool1d') {
      const shares = [];
      for (let t = 0; t < g.outLength; t++) {
        if (windowCells(g, t).includes(index + p)) shares.push(`δ[${c},${t}] ÷ ${avgPoolDivisor(g, t)} = ${f(dy[c * g.outLength + t] / avgPoolDivisor(g, t))}`);
      }
      return { title, lines: ['= Σ over the windows covering this sample of δ ÷ divisor', ...shares.slice(0, MAX_LINES)] };
    }
    if (g.type === 'globalpool') {
      if (g.op === 'avg') return { title, lines: [`= δ[${c}] ÷ ${g.inLength}`] };
      const won = model.view('argmax', l)[c] === index;
      return { title, lines: [won ? `= δ[${c}]: this sample is the winner` : 'not the winner: gradient 0'] };
    }
    return { title, lines: ['= Σ_o δ[o] · W[o, j] (Wᵀ·δ), j = channel · length + sample'] };
  }
  return null;
}

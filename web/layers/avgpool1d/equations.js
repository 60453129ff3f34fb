// The equations of an average-pool layer as TeX strings (notation of web/explain/notation.js): the window mean with
// PyTorch's divisor D_t, and δ shared 1/D_t among the window's samples. Loaded with the explanations.
import { avgPoolDivisor } from './geometry.js';
import { deltaTex } from '../../shared/formulas.js';
import { dC, XIN, XOUT } from '../../explain/tex.js';

/** Avg-pool forward: the mean of each window with PyTorch's divisor (zero padding, ceil mode, count_include_pad). */
export function avgPoolForwardTex(g) {
  const K = g.kernelSize, s = g.stride, p = g.padding, N = g.inLength;
  const ci = g.inChannels === 1 ? '' : 'c,\\,';
  const divisors = [...new Set(Array.from({ length: g.outLength }, (_, t) => avgPoolDivisor(g, t)))];
  return [
    `${XOUT}[${ci}t] = \\frac{1}{D_t} \\sum_{i = \\max(t s - p,\\, 0)}^{\\min(t s - p + K,\\, N) - 1} ${XIN}[${ci}i], \\quad K = ${K},\\ s = ${s},\\ p = ${p},\\ N = ${N}`,
    g.countIncludePad
      ? `D_t = \\min(t s - p + K,\\; N + p) - (t s - p) \\quad\\text{(the window, zero padding counted)}`
      : `D_t = \\min(t s - p + K,\\; N) - \\max(t s - p,\\; 0) \\quad\\text{(the input samples the window covers)}`,
    `D_t \\in \\{${divisors.join(',\\, ')}\\}, \\quad t = 0, \\dots, ${g.outLength - 1}`,
    ...(g.ceilMode ? [{ note: 'Ceil mode keeps a last, partial window (one that would start in the right padding is dropped); its divisor counts only what it covers.' }] : []),
  ];
}

/** Avg-pool backward: each window shares its δ equally among the samples it covers. */
export function avgPoolBackwardTex(g, l) {
  const ci = g.inChannels === 1 ? '' : 'c,';
  return [
    `${dC(`${XIN}[${ci}i]`)} = \\sum_{t\\,:\\, i \\in \\text{window } t} \\frac{${deltaTex(l)}[${ci}t]}{D_t}, \\qquad ${deltaTex(l)} = ${dC(XOUT)}`,
    { note: g.countIncludePad
      ? 'Unlike max-pool, every sample of a window gets a share of its gradient, 1/D_t each; the padding cells D_t counts take their share and drop it.'
      : 'Unlike max-pool, every input sample of a window gets a share of its gradient, 1/D_t each; padding cells are not counted in D_t and take no share (count_include_pad off).' },
  ];
}

/** The equation blocks of layer l. */
export function blocks(g, l) {
  const name = `Layer ${l + 1}`;
  return {
    forward: { title: `${name} · avg-pool forward (window mean ÷ D_t)`, lines: avgPoolForwardTex(g) },
    backward: [{ id: 'backward', title: `${name} · avg-pool backward (δ shared 1/D_t)`, lines: avgPoolBackwardTex(g, l) }],
  };
}

// The substituted lines (an output sample, ∂C/∂x_in at one input) show the number alone.
export { outputValueAt as forwardAt, inputGradientAt as backwardAt } from '../../explain/tex.js';

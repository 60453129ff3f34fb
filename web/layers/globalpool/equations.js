// The equations of a global pool layer as TeX strings (notation of web/explain/notation.js): one value per channel
// (its maximum with the winner a[c], or its mean), and where δ goes. Loaded with the explanations.
import { deltaTex } from '../../shared/formulas.js';
import { dC, XIN, XOUT } from '../../explain/tex.js';

/** Global pool forward: one value per channel over the whole length (AdaptiveMaxPool1d(1) / AdaptiveAvgPool1d(1)). */
export function globalPoolForwardTex(g) {
  const N = g.inLength;
  if (g.op === 'max') {
    return [
      `${XOUT}[c] = \\max_{0 \\le i \\le ${N - 1}} ${XIN}[c,\\, i], \\quad a[c] = \\text{the first } i \\text{ that attains it}`,
    ];
  }
  return [`${XOUT}[c] = \\frac{1}{${N}} \\sum_{i=0}^{${N - 1}} ${XIN}[c,\\, i]`];
}

/** Global pool backward: the single winner takes δ (max), or every sample takes δ/N (avg). */
export function globalPoolBackwardTex(g, l) {
  const D = deltaTex(l);
  if (g.op === 'max') return [`${dC(`${XIN}[c,i]`)} = \\mathbb{1}\\big[i = a[c]\\big]\\; ${D}[c], \\qquad ${D} = ${dC(XOUT)}`];
  return [`${dC(`${XIN}[c,i]`)} = \\frac{${D}[c]}{${g.inLength}}, \\qquad ${D} = ${dC(XOUT)}`];
}

/** The equation blocks of layer l. */
export function blocks(g, l) {
  const name = `Layer ${l + 1}`;
  return {
    forward: { title: `${name} · global ${g.op} pool forward`, lines: globalPoolForwardTex(g) },
    backward: [{ id: 'backward', title: `${name} · global ${g.op} pool backward`, lines: globalPoolBackwardTex(g, l) }],
  };
}

// The substituted lines (an output sample, ∂C/∂x_in at one input) show the number alone.
export { outputValueAt as forwardAt, inputGradientAt as backwardAt } from '../../explain/tex.js';

// The equations of a linear layer as TeX strings (notation of web/explain/notation.js): flatten, W x + b, the outer
// product δ xᵀ and Wᵀ δ, and the update. Loaded with the explanations.
import { deltaTex } from '../../shared/formulas.js';
import { dC, XIN, XOUT } from '../../explain/tex.js';

/** Linear forward on the flattened input x[j], j = c·N + i (channel by channel). */
export function linearForwardTex(g) {
  const J = g.inFeatures;
  return [
    `x[j] = ${XIN}[c,\\, i], \\quad j = c\\cdot ${g.inLength} + i \\quad\\text{(flatten, channel by channel: } ${J} \\text{ inputs)}`,
    `${XOUT}[o] = ${g.bias ? 'b[o] + ' : ''}\\sum_{j=0}^{${J - 1}} W[o,j]\\, x[j], \\quad o = 0, \\dots, ${g.outFeatures - 1}`,
  ];
}

/** Linear backward: ∂C/∂W is the outer product δ xᵀ, ∂C/∂x = Wᵀ δ (reshaped back to [C, N]). */
export function linearBackwardTex(g, l) {
  const D = deltaTex(l);
  return [
    `${dC('W[o,j]')} = ${D}[o]\\; x[j], \\qquad ${D} = ${dC(XOUT)}`,
    ...(g.bias ? [`${dC('b[o]')} = ${D}[o]`] : []),
    `${dC('x[j]')} = \\sum_{o=0}^{${g.outFeatures - 1}} W[o,j]\\; ${D}[o]`,
  ];
}

/** The update of a linear layer's parameters (the optimizer's step on ∂C/∂W, ∂C/∂b). */
export function linearUpdateTex(g) {
  return [`W \\leftarrow W - \\eta\\, ${dC('W')}`, ...(g.bias ? [`b \\leftarrow b - \\eta\\, ${dC('b')}`] : [])];
}

/** The equation blocks of layer l. */
export function blocks(g, l) {
  const name = `Layer ${l + 1}`;
  return {
    forward: { title: `${name} · linear forward (flatten, W x + b)`, lines: linearForwardTex(g) },
    backward: [{ id: 'backward', title: `${name} · linear backward: ∂C/∂W, ∂C/∂b, ∂C/∂x_in`, lines: linearBackwardTex(g, l) }],
    update: { title: `${name} · update`, lines: linearUpdateTex(g) },
  };
}

// The substituted lines (an output sample, ∂C/∂x_in at one input) show the number alone.
export { outputValueAt as forwardAt, inputGradientAt as backwardAt } from '../../explain/tex.js';

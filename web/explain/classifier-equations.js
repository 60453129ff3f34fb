// The equations of the classifier layers (avg-pool, global pool, linear) as TeX strings, in the notation of
// notation.js: x_in has N samples per channel, x_out M; δ^(ℓ) = ∂C/∂x_out arrives from above. Forward beside
// backward, as the core computes them (core/avgpool1d.hpp, core/globalpool.hpp, core/linear.hpp). Pure functions of
// the layer geometry (model.layers). The cross-entropy loss is web/losses/crossentropy.js; the update of every layer
// with parameters comes from web/shared/training-display.js.
import { deltaTex } from '../shared/formulas.js';
import { avgPoolDivisor } from '../shared/geometry.js';

const dC = (b) => `\\frac{\\partial C}{\\partial ${b}}`;
const XIN = 'x_{\\text{in}}';
const XOUT = 'x_{\\text{out}}';

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

/** The forward and backward blocks of a classifier layer, or null for the other types. */
export function classifierLayerBlocks(g, l) {
  const name = `Layer ${l + 1}`;
  switch (g.type) {
    case 'avgpool1d': return {
      forward: { title: `${name} · avg-pool forward (window mean ÷ D_t)`, lines: avgPoolForwardTex(g) },
      backward: { title: `${name} · avg-pool backward (δ shared 1/D_t)`, lines: avgPoolBackwardTex(g, l) },
    };
    case 'globalpool': return {
      forward: { title: `${name} · global ${g.op} pool forward`, lines: globalPoolForwardTex(g) },
      backward: { title: `${name} · global ${g.op} pool backward`, lines: globalPoolBackwardTex(g, l) },
    };
    case 'linear': return {
      forward: { title: `${name} · linear forward (flatten, W x + b)`, lines: linearForwardTex(g) },
      backward: { title: `${name} · linear backward: ∂C/∂W, ∂C/∂b, ∂C/∂x_in`, lines: linearBackwardTex(g, l) },
    };
    default: return null;
  }
}

// The equations of a max-pool layer as TeX strings (notation of web/explain/notation.js): forward with −∞ padding and
// the arg-max, backward as the arg-max mask, and the same with one hovered sample's numbers. Loaded with the
// explanations (web/explain/equations.js asks).
import { elide, texFactor, texIndex, texNum, texSum } from '../../shared/format.js';
import { argmaxTex, deltaTex, poolLength, poolWindow } from '../../shared/formulas.js';
import { dC, MAX_TERMS, XIN, XOUT, XPAD } from '../../explain/tex.js';

/** Max-pool forward (−∞ padding, arg-max kept) and its output length. */
export function poolForwardTex(g) {
  const K = g.kernelSize, s = g.stride, d = g.dilation, p = g.padding;
  const idx = texIndex('t', s, 'k', d);
  const ci = g.inChannels === 1 ? '' : 'c,\\,';
  /** @type {(string | { note: string })[]} TeX lines, and notes in words */
  const out = [
    `${XOUT}[${ci}t] = \\max_{0 \\le k \\le ${K - 1}} ${XPAD}[${ci}${idx}]`,
    `a[${ci}t] = t s + k^* d - p, \\quad k^* = \\text{the first tap } k \\text{ that attains the maximum} \\quad\\text{(an index of } ${XIN}\\text{)}`,
  ];
  if (p === 0) out.push(`${XPAD} = ${XIN} \\quad\\text{(no padding)}`);
  if (p > 0) out.push(`${XPAD}[j] = \\begin{cases} ${XIN}[j - ${p}] & ${p} \\le j < ${p + g.inLength} \\\\ -\\infty & \\text{otherwise (never wins the max)} \\end{cases}`);
  out.push(...poolLength(g).tex);
  if (g.ceilMode) out.push({ note: 'Ceil mode keeps a last, partial window; one that would start beyond the input and its left padding ((M\u2032 − 1)·s ≥ N + p) is dropped.' });
  if (d > 1 && p > 0) out.push({ note: 'With dilation a window can fall entirely in the padding: it is empty, outputs −∞, has no arg-max and passes no gradient.' });
  return out;
}

/** Max-pool backward: each window's gradient goes to its arg-max (the mask), summed where windows overlap. */
export function poolBackwardTex(g, l) {
  const ci = g.inChannels === 1 ? '' : 'c,';
  return [
    `${dC(`${XIN}[${ci}i]`)} = \\sum_{t=0}^{${g.outLength - 1}} \\underbrace{\\mathbb{1}\\big[a[${ci}t] = i\\big]}_{\\text{mask}}\\; ${deltaTex(l)}[${ci}t], \\qquad ${deltaTex(l)} = ${dC(XOUT)}`,
    { note: 'a[t] is an index of x_in (defined in the forward block). Samples that are the maximum of no window get 0; a sample that wins several overlapping windows adds their gradients; an empty window (all padding) sends nothing.' },
  ];
}

/** The equation blocks of layer l. */
export function blocks(g, l) {
  const name = `Layer ${l + 1}`;
  return {
    forward: { title: `${name} · max-pool forward`, lines: poolForwardTex(g) },
    backward: [{ id: 'backward', title: `${name} · max-pool backward (arg-max mask)`, lines: poolBackwardTex(g, l) }],
  };
}

/** The forward equation that produced output sample (c, t) of layer l, with numbers. */
export function forwardAt(layer, l, c, t) {
  const g = layer.geometry;
  const value = layer.output[c * g.outLength + t];
  const N = g.inLength;
  const w = poolWindow(g, layer.input.subarray(c * N, (c + 1) * N), t);
  const values = w.taps.map((tap) => (tap.inside ? texNum(tap.value) : '-\\infty'));
  const max = `${XOUT}[${t}] = \\max(${elide(values, MAX_TERMS).join(',\\, ')}) = ${texNum(value)}`;
  return [{ block: `forward-${l}`, lines: w.empty
    ? [`${max} \\quad\\text{(an empty window: every tap is padding; no arg-max, no gradient)}`]
    : [max, `k^* = ${w.kStar}, \\quad ${argmaxTex(g, t, w.kStar)}`] }];
}

/** The backward equation that produced ∂C/∂x_in[c, i] of layer l, with numbers. */
export function backwardAt(layer, l, c, i) {
  const g = layer.geometry;
  const grad = layer.gradInput[c * g.inLength + i];
  const winners = [];
  const x = layer.input.subarray(c * g.inLength, (c + 1) * g.inLength);
  for (let t = 0; t < g.outLength; t++) if (layer.argmax[c * g.outLength + t] === i && !poolWindow(g, x, t).empty) winners.push(t);
  const parts = winners.map((t) => texFactor(layer.gradOutput[c * g.outLength + t]));
  const why = winners.length === 0 ? '\\quad\\text{(the maximum of no window)}'
    : `\\quad\\text{(the maximum of window${winners.length > 1 ? 's' : ''} t = ${elide(winners.map(String), MAX_TERMS).join(', ').replace('\\cdots', '…')})}`;
  return [{ block: `backward-${l}`, lines: [
    `${dC(`${XIN}[${i}]`)} = ${winners.length ? texSum(elide(parts, MAX_TERMS)) : '0'} = ${texNum(grad)}${why}`,
  ] }];
}

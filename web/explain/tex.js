// The TeX notation the explanations and the layer types' equations (web/layers/<type>/equations.js) share: ∂C/∂·,
// x_in, x_out, x_pad, channel indices, and a Σ written out with numbers (notation.js defines the symbols for the reader).
import { elide, texFactor, texNum, texSum } from '../shared/format.js';

const D = (a, b) => `\\frac{\\partial C}{\\partial ${b}}`.replace('C', a);
export const dC = (b) => D('C', b);
export const XIN = 'x_{\\text{in}}';
export const XOUT = 'x_{\\text{out}}';
export const XPAD = 'x_{\\text{pad}}';

/** True when the layer has one input and one output channel: the equations drop the channel indices. */
export function single(g) { return g.inChannels === 1 && g.outChannels === 1; }

/** Index into a [channels, length] signal: "t" or "c,t". */
export function at(g, channel, index, isSingle) { return isSingle ? index : `${channel},\\,${index}`; }

/** Terms a written-out Σ shows before eliding the middle. */
export const MAX_TERMS = 7;

/** Σ with numbers: "a·b + c·d + … = total". */
export function productSum(pairs, constant) {
  const terms = pairs.map(([w, x]) => `${texFactor(w)}\\cdot ${texFactor(x)}`);
  const all = constant === undefined ? terms : [texNum(constant), ...terms];
  return texSum(elide(all, MAX_TERMS));
}

/** x_out[c, t] of layer l with its number alone: the substituted forward line of a type that writes no terms out. */
export function outputValueAt(layer, l, c, t) {
  const g = layer.geometry;
  return [{ block: `forward-${l}`, lines: [`${XOUT}[${at(g, c, t, false)}] = ${texNum(layer.output[c * g.outLength + t])}`] }];
}

/** ∂C/∂x_in[c, i] of layer l with its number alone: the substituted backward line of a type that writes no terms out. */
export function inputGradientAt(layer, l, c, i) {
  const g = layer.geometry;
  return [{ block: `backward-${l}`, lines: [`${dC(`${XIN}[${c},${i}]`)} = ${texNum(layer.gradInput[c * g.inLength + i])}`] }];
}

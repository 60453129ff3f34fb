// The equations of an activation layer as TeX strings (notation of web/explain/notation.js): x_out = g(x_in) and
// ∂C/∂x_in = δ ⊙ g'(x_in), and the same with one hovered sample's numbers. Loaded with the explanations.
import { texFactor, texNum } from '../../shared/format.js';
import { dC, XIN, XOUT } from '../../explain/tex.js';

const ACTIVATION_TEX = {
  identity: { g: 'g(x) = x', gp: "g'(x) = 1" },
  relu: { g: 'g(x) = \\max(0, x)', gp: "g'(x) = \\mathbb{1}[x > 0]" },
  tanh: { g: 'g(x) = \\tanh x', gp: "g'(x) = 1 - \\tanh^2 x = 1 - x_{\\text{out}}^2" },
  sigmoid: { g: 'g(x) = \\sigma(x) = \\frac{1}{1 + e^{-x}}', gp: "g'(x) = \\sigma(x)\\,(1 - \\sigma(x)) = x_{\\text{out}}(1 - x_{\\text{out}})" },
};

/** Forward of an activation layer and its backward (a common mistake is to take this step for the whole conv backward). */
export function activationTex(g) {
  const a = ACTIVATION_TEX[g.fn] || ACTIVATION_TEX.identity;
  return {
    forward: [`${XOUT} = g(${XIN}), \\quad ${a.g}`],
    backward: [`${dC(XIN)} = ${dC(XOUT)} \\odot g'(${XIN}), \\quad ${a.gp}`],
  };
}

/** The equation blocks of layer l. */
export function blocks(g, l) {
  const name = `Layer ${l + 1}`;
  const { forward, backward } = activationTex(g);
  return {
    forward: { title: `${name} · activation ${g.fn}`, lines: forward },
    backward: [{ id: 'backward', title: `${name} · activation backward`, lines: backward }],
  };
}

/** The forward equation that produced output sample (c, t) of layer l, with numbers. */
export function forwardAt(layer, l, c, t) {
  const g = layer.geometry;
  const value = layer.output[c * g.outLength + t];
  const x = layer.input[c * g.inLength + t];
  return [{ block: `forward-${l}`, lines: [`${XOUT}[${t}] = g(${texNum(x)}) = ${texNum(value)}`] }];
}

/** The backward equation that produced ∂C/∂x_in[c, i] of layer l, with numbers. */
export function backwardAt(layer, l, c, i) {
  const g = layer.geometry;
  const grad = layer.gradInput[c * g.inLength + i];
  const x = layer.input[c * g.inLength + i];
  const y = layer.output[c * g.inLength + i];
  const d = layer.gradOutput[c * g.inLength + i];
  const gp = { identity: 1, relu: x > 0 ? 1 : 0, tanh: 1 - y * y, sigmoid: y * (1 - y) }[g.fn] ?? 1;
  return [{ block: `backward-${l}`, lines: [
    `${dC(`${XIN}[${i}]`)} = ${texFactor(d)}\\cdot g'(${texNum(x)}) = ${texFactor(d)}\\cdot ${texFactor(gp)} = ${texNum(grad)}`,
  ] }];
}

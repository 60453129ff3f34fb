// torch.optim.Adam (amsgrad off) as core/optimizer.cpp runs it, per parameter θ with the batch's gradient ∂C/∂θ at
// θ_{u−1}, u = 1, 2, … the optimizer's step:
//   G_u = ∂C/∂θ + λ θ_{u−1}                  (weight decay λ, when λ ≠ 0)
//   m_u = β₁ m_{u−1} + (1 − β₁) G_u,  v_u = β₂ v_{u−1} + (1 − β₂) G_u²
//   θ_u = θ_{u−1} − η m̂_u / (√v̂_u + ε),  m̂_u = m_u / (1 − β₁^u),  v̂_u = v_u / (1 − β₂^u)
// The core folds the bias corrections into η/(1 − β₁^u) and √(1 − β₂^u), computed in double (as Python does);
// step() repeats that in float32, operation by operation, in torch's order and rounding.
import { texNum } from '../shared/format.js';

const f32 = Math.fround;

/** β^u by repeated multiplication in double, as the core keeps it. */
function power(beta, u) {
  let p = 1;
  for (let i = 0; i < u; i++) p *= beta;
  return p;
}

export default {
  name: 'adam',
  stateViews: { weight: ['adamM', 'adamV'], bias: ['adamMBias', 'adamVBias'] },

  title(training) { return training.weightDecay > 0 ? 'Adam with weight decay' : 'Adam'; },

  isPlain() { return false; },

  tex(training, learningRate) {
    const eta = learningRate === undefined ? '\\eta' : `\\underbrace{${texNum(learningRate)}}_{\\eta}`;
    const { beta1: b1, beta2: b2, eps } = training;
    const lambda = training.weightDecay;
    return [
      lambda > 0
        ? `G_u = \\frac{\\partial C}{\\partial \\theta}\\Big|_{\\theta_{u-1}} + \\underbrace{${texNum(lambda)}}_{\\lambda}\\,\\theta_{u-1} \\quad\\text{(weight decay)}`
        : 'G_u = \\frac{\\partial C}{\\partial \\theta}\\Big|_{\\theta_{u-1}} \\quad\\text{(the batch\u2019s gradient at the weights before step } u\\text{)}',
      `m_u = \\underbrace{${texNum(b1)}}_{\\beta_1}\\, m_{u-1} + ${texNum(1 - b1)}\\, G_u, \\qquad v_u = \\underbrace{${texNum(b2)}}_{\\beta_2}\\, v_{u-1} + ${texNum(1 - b2)}\\, G_u^2 \\quad (m_0 = v_0 = 0)`,
      `\\hat m_u = \\frac{m_u}{1 - ${texNum(b1)}^{\\,u}}, \\qquad \\hat v_u = \\frac{v_u}{1 - ${texNum(b2)}^{\\,u}} \\quad\\text{(bias correction)}`,
      `\\theta_u = \\theta_{u-1} - ${eta}\\, \\frac{\\hat m_u}{\\sqrt{\\hat v_u} + \\underbrace{${texNum(eps)}}_{\\varepsilon}}`,
    ];
  },

  /**
   * One step on flat arrays in float32; state { m, v } before it; u the step it makes (1 first). → { theta, state }.
   * As torch (and the core) round: 1 − β₁, 1 − β₂ and −η/(1 − β₁^u) computed in double and rounded to float32 once,
   * the products in torch's order (addcmul (1 − β₂)·G·G, addcdiv (−step)·m / denominator).
   */
  step(theta, grad, state, training, learningRate, { u }) {
    const b1 = f32(training.beta1), b2 = f32(training.beta2), eps = f32(training.eps), lambda = f32(training.weightDecay || 0);
    const keep1 = f32(1 - training.beta1), keep2 = f32(1 - training.beta2);
    const negativeStep = f32(-(learningRate / (1 - power(training.beta1, u))));
    const correction2 = f32(Math.sqrt(1 - power(training.beta2, u)));
    const m = Float32Array.from(state.m || new Float32Array(theta.length));
    const v = Float32Array.from(state.v || new Float32Array(theta.length));
    const next = new Float32Array(theta.length);
    for (let i = 0; i < theta.length; i++) {
      let d = f32(grad[i]);
      if (lambda !== 0) d = f32(d + f32(lambda * theta[i]));
      m[i] = f32(f32(b1 * m[i]) + f32(keep1 * d));
      v[i] = f32(f32(b2 * v[i]) + f32(f32(keep2 * d) * d));
      const denominator = f32(f32(f32(Math.sqrt(v[i])) / correction2) + eps);
      next[i] = f32(theta[i] + f32(f32(negativeStep * m[i]) / denominator));
    }
    return { theta: next, state: { m, v } };
  },

  numbers(record, training, learningRate) {
    const { before, after, grad, u } = record;
    const { m, v } = record.stateAfter;
    const lambda = training.weightDecay || 0;
    const G = grad + lambda * before;
    const mHat = m / (1 - power(training.beta1, u));
    const vHat = v / (1 - power(training.beta2, u));
    return [
      `u = ${u}:\\; \\theta_{u-1} = ${texNum(before)},\\; \\frac{\\partial C}{\\partial \\theta}\\Big|_{\\theta_{u-1}} = ${texNum(grad)}${lambda > 0 ? `,\\; G_u = ${texNum(G)}` : ''},\\; m_u = ${texNum(m)},\\; v_u = ${texNum(v)}`,
      `\\hat m_u = \\frac{${texNum(m)}}{1 - ${texNum(training.beta1)}^{${u}}} = ${texNum(mHat)}, \\quad \\hat v_u = \\frac{${texNum(v)}}{1 - ${texNum(training.beta2)}^{${u}}} = ${texNum(vHat)}`,
      `-\\eta\\,\\frac{\\hat m_u}{\\sqrt{\\hat v_u} + \\varepsilon} = -${texNum(learningRate)} \\cdot \\frac{${texNum(mHat)}}{\\sqrt{${texNum(vHat)}} + ${texNum(training.eps)}} = ${texNum(this.change(record, training, learningRate))}`,
      `\\Delta\\theta = \\theta_u - \\theta_{u-1} = ${texNum(after)} - ${texNum(before).startsWith('-') ? `(${texNum(before)})` : texNum(before)} = ${texNum(after - before)} \\quad\\text{(the core\u2019s step)}`,
    ];
  },

  change(record, training, learningRate) {
    const { m, v } = record.stateAfter;
    const mHat = m / (1 - power(training.beta1, record.u));
    const vHat = v / (1 - power(training.beta2, record.u));
    return -learningRate * mHat / (Math.sqrt(vHat) + training.eps);
  },
};

// torch.optim.SGD as core/optimizer.cpp runs it, per parameter θ with the batch's gradient ∂C/∂θ at θ_{u−1}:
//   G_u = ∂C/∂θ + λ θ_{u−1}                       (weight decay λ, when λ ≠ 0)
//   vel_u = G_1 at u = 1, else μ vel_{u−1} + (1 − τ) G_u   (momentum μ, dampening τ; only when μ ≠ 0)
//   θ_u = θ_{u−1} − η (G_u + μ vel_u)  (Nesterov)  or  θ_{u−1} − η vel_u  (momentum)  or  θ_{u−1} − η G_u  (plain)
// u counts the optimizer's steps (u = 1 first); vel_u is the velocity (the model's 'velocity' view; torch's buf).
// step() repeats it in float32, operation by operation, so its result is the core's bit for bit.
import { texFactor, texNum } from '../shared/format.js';

const f32 = Math.fround;

/** 'plain', 'momentum' or 'nesterov'. */
function variant(training) {
  if (!(training.momentum > 0)) return 'plain';
  return training.nesterov ? 'nesterov' : 'momentum';
}

export default {
  name: 'sgd',
  /** The state views of a weight and a bias (model.view names). */
  stateViews: { weight: ['velocity'], bias: ['velocityBias'] },

  title(training) {
    const v = variant(training);
    const base = v === 'plain' ? 'SGD' : v === 'nesterov' ? 'SGD with Nesterov momentum' : 'SGD with momentum';
    return training.weightDecay > 0 ? `${base} and weight decay` : base;
  },

  /** True when the update is θ ← θ − η ∂C/∂θ exactly (no momentum, no weight decay). */
  isPlain(training) { return variant(training) === 'plain' && !(training.weightDecay > 0); },

  /** The update rule as TeX lines, with the experiment's numbers for η, λ, μ, τ. */
  tex(training, learningRate) {
    const eta = learningRate === undefined ? '\\eta' : `\\underbrace{${texNum(learningRate)}}_{\\eta}`;
    const lambda = training.weightDecay;
    const G = lambda > 0
      ? `G_u = \\frac{\\partial C}{\\partial \\theta}\\Big|_{\\theta_{u-1}} + \\underbrace{${texNum(lambda)}}_{\\lambda}\\,\\theta_{u-1} \\quad\\text{(weight decay)}`
      : 'G_u = \\frac{\\partial C}{\\partial \\theta}\\Big|_{\\theta_{u-1}} \\quad\\text{(the batch\u2019s gradient at the weights before step } u\\text{)}';
    const v = variant(training);
    if (v === 'plain') return [G, `\\theta_u = \\theta_{u-1} - ${eta}\\, G_u`];
    const mu = texNum(training.momentum);
    const tau = training.dampening || 0;
    const lines = [G, `\\mathrm{vel}_u = ${mu}\\, \\mathrm{vel}_{u-1} + ${texNum(1 - tau)}\\, G_u \\quad (\\mathrm{vel}_1 = G_1;\\; \\mu = ${mu},\\; \\tau = ${texNum(tau)})`];
    lines.push(v === 'nesterov'
      ? `\\theta_u = \\theta_{u-1} - ${eta}\\, (G_u + ${mu}\\, \\mathrm{vel}_u) \\quad\\text{(Nesterov)}`
      : `\\theta_u = \\theta_{u-1} - ${eta}\\, \\mathrm{vel}_u`);
    return lines;
  },

  /**
   * One step on flat arrays, in float32 as the core: theta, grad (∂C/∂θ at theta), state { velocity } before the
   * step; first: the optimizer's first step (u = 1). → { theta, state } after it (new arrays).
   */
  step(theta, grad, state, training, learningRate, { first }) {
    const lr = f32(learningRate), mu = f32(training.momentum || 0), keep = f32(1 - (training.dampening || 0));
    const lambda = f32(training.weightDecay || 0);
    const next = new Float32Array(theta.length);
    const velocity = Float32Array.from(state.velocity || new Float32Array(theta.length));
    for (let i = 0; i < theta.length; i++) {
      let d = f32(grad[i]);
      if (lambda !== 0) d = f32(d + f32(lambda * theta[i]));
      if (mu !== 0) {
        velocity[i] = first ? d : f32(f32(mu * velocity[i]) + f32(keep * d));
        d = training.nesterov ? f32(d + f32(mu * velocity[i])) : velocity[i];
      }
      next[i] = f32(theta[i] - f32(lr * d));
    }
    return { theta: next, state: { velocity } };
  },

  /**
   * The last step's numbers for one parameter: record { before, after, grad, stateAfter, u } of that parameter (θ_{u−1},
   * θ_u, ∂C/∂θ at θ_{u−1}, vel_u). → TeX lines ending in the real Δθ = θ_u − θ_{u−1}.
   */
  numbers(record, training, learningRate) {
    const { before, after, grad, u } = record;
    const lambda = training.weightDecay || 0;
    const G = lambda > 0 ? grad + lambda * before : grad;
    const lines = [`u = ${u}:\\; \\theta_{u-1} = ${texNum(before)},\\; \\frac{\\partial C}{\\partial \\theta}\\Big|_{\\theta_{u-1}} = ${texNum(grad)}`
      + (lambda > 0 ? `,\\; G_u = ${texNum(grad)} + ${texNum(lambda)}\\cdot ${texFactor(before)} = ${texNum(G)}` : '')];
    const v = variant(training);
    if (v === 'plain') {
      lines.push(`-\\eta\\, G_u = -${texNum(learningRate)}\\cdot ${texFactor(G)} = ${texNum(-learningRate * G)}`);
    } else {
      const b = record.stateAfter.velocity;
      lines.push(v === 'nesterov'
        ? `\\mathrm{vel}_u = ${texNum(b)}, \\quad -\\eta\\,(G_u + \\mu\\, \\mathrm{vel}_u) = -${texNum(learningRate)}\\,(${texNum(G)} + ${texNum(training.momentum)}\\cdot ${texFactor(b)}) = ${texNum(-learningRate * (G + training.momentum * b))}`
        : `\\mathrm{vel}_u = ${texNum(b)}, \\quad -\\eta\\, \\mathrm{vel}_u = -${texNum(learningRate)}\\cdot ${texFactor(b)} = ${texNum(-learningRate * b)}`);
    }
    lines.push(`\\Delta\\theta = \\theta_u - \\theta_{u-1} = ${texNum(after)} - ${texFactor(before)} = ${texNum(after - before)} \\quad\\text{(the core\u2019s step)}`);
    return lines;
  },

  /** The rule's Δθ from a record, in double (what numbers() shows before the real one). */
  change(record, training, learningRate) {
    const lambda = training.weightDecay || 0;
    const G = record.grad + lambda * record.before;
    const v = variant(training);
    if (v === 'plain') return -learningRate * G;
    const b = record.stateAfter.velocity;
    return v === 'nesterov' ? -learningRate * (G + training.momentum * b) : -learningRate * b;
  },
};

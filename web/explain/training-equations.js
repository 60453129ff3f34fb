// The training step's equations beyond one example and plain SGD: ∂C/∂W as a sum over the mini-batch and the
// positions, and the chosen optimizer's update with its state (SGD's velocity; Adam's m and v with bias correction),
// the last step's numbers substituted from the model's views ('gradWeight', 'velocity', 'adamM', 'adamV').
// Pure functions of the model and the experiment's training options, plus a small mount for the equations panel.
import { texNum, texIndex } from '../shared/format.js';
import { deltaTex } from '../shared/formulas.js';
import { h, replaceChildren } from '../shared/dom.js';
import { renderTex } from './katex.js';
import { weightShape } from '../layers/registry.js';

const XPAD_B = 'x_{\\text{pad},\\,b}';  // example b's padded input

/** ∂C/∂W[k] of conv layer l summed over the B examples of a batch and the M output positions. */
export function batchGradTex(g, l, batchSize) {
  const D = deltaTex(l);
  const idx = texIndex('t', g.stride, 'k', g.dilation);
  const ch = g.inChannels === 1 && g.outChannels === 1;
  const w = ch ? 'W[k]' : 'W[o,c,k]';
  const term = ch ? `${D}_{b}[t]\\; ${XPAD_B}[${idx}]` : `${D}_{b}[o,t]\\; ${XPAD_B}[c,\\, ${idx}]`;
  return `\\frac{\\partial C}{\\partial ${w}} = \\sum_{b=1}^{${batchSize}} \\sum_{t=0}^{${g.outLength - 1}} ${term}`
    + '\\quad\\text{(one batch of } B = ' + batchSize + '\\text{ examples)}';
}

/** The optimizer's update rule, with its parameters (θ = every weight and bias, g = ∂C/∂θ of the batch). */
export function optimizerTex(training, learningRate) {
  const eta = `\\underbrace{${texNum(learningRate)}}_{\\eta}`;
  const lambda = training.weightDecay;
  const decayed = lambda > 0 ? `g_t = \\frac{\\partial C}{\\partial \\theta} + \\underbrace{${texNum(lambda)}}_{\\lambda}\\,\\theta_{t-1}` : 'g_t = \\frac{\\partial C}{\\partial \\theta}';
  if (training.optimizer === 'adam') {
    const { beta1: b1, beta2: b2, eps } = training;
    return [decayed,
      `m_t = ${texNum(b1)}\\, m_{t-1} + ${texNum(1 - b1)}\\, g_t, \\qquad v_t = ${texNum(b2)}\\, v_{t-1} + ${texNum(1 - b2)}\\, g_t^2`,
      `\\hat m_t = \\frac{m_t}{1 - ${texNum(b1)}^{\\,t}}, \\qquad \\hat v_t = \\frac{v_t}{1 - ${texNum(b2)}^{\\,t}} \\quad\\text{(bias correction)}`,
      `\\theta_t = \\theta_{t-1} - ${eta}\\, \\frac{\\hat m_t}{\\sqrt{\\hat v_t} + ${texNum(eps)}}`];
  }
  const { momentum: mu, dampening: tau, nesterov } = training;
  if (!(mu > 0)) return [decayed, `\\theta_t = \\theta_{t-1} - ${eta}\\, g_t`];
  return [decayed,
    `\\mathrm{vel}_t = ${texNum(mu)}\\, \\mathrm{vel}_{t-1} + ${texNum(1 - tau)}\\, g_t \\quad(\\mathrm{vel}_1 = g_1)`,
    nesterov ? `\\theta_t = \\theta_{t-1} - ${eta}\\, (g_t + ${texNum(mu)}\\, \\mathrm{vel}_t) \\quad\\text{(Nesterov)}`
      : `\\theta_t = \\theta_{t-1} - ${eta}\\, \\mathrm{vel}_t`];
}

/**
 * The last step's update of weight `index` of conv layer `layer`, its numbers from the model's views after that step
 * (t = model.stepCount() ≥ 1). → { lines: [tex], change } where change is θ_t − θ_{t−1} as the rule computes it.
 */
export function optimizerNumbers(model, layer, index, training, learningRate) {
  const t = model.stepCount();
  const w = model.view('weight', layer)[index];
  const grad = model.view('gradWeight', layer)[index];
  const lambda = training.weightDecay;
  const eta = learningRate;
  if (training.optimizer === 'adam') {
    const m = model.view('adamM', layer)[index];
    const v = model.view('adamV', layer)[index];
    const mHat = m / (1 - training.beta1 ** t);
    const vHat = v / (1 - training.beta2 ** t);
    const change = -eta * mHat / (Math.sqrt(vHat) + training.eps);
    return { change, lines: [
      `t = ${t}:\\; m_t = ${texNum(m)},\\; v_t = ${texNum(v)}`,
      `\\hat m_t = \\frac{${texNum(m)}}{1 - ${texNum(training.beta1)}^{${t}}} = ${texNum(mHat)}, \\quad \\hat v_t = \\frac{${texNum(v)}}{1 - ${texNum(training.beta2)}^{${t}}} = ${texNum(vHat)}`,
      `\\theta_t - \\theta_{t-1} = -${texNum(eta)} \\cdot \\frac{${texNum(mHat)}}{\\sqrt{${texNum(vHat)}} + ${texNum(training.eps)}} = ${texNum(change)}, \\quad \\theta_t = ${texNum(w)}`,
    ] };
  }
  const mu = training.momentum;
  if (mu > 0) {
    const vel = model.view('velocity', layer)[index];
    // with Nesterov the step uses g_t + μ·vel_t, and g_t includes λ·θ_{t−1} = λ·(θ_t − change): solved for change
    const change = training.nesterov ? -eta * (grad + lambda * w + mu * vel) / (1 - eta * lambda) : -eta * vel;
    return { change, lines: [
      `t = ${t}:\\; \\mathrm{vel}_t = ${texNum(vel)},\\; \\frac{\\partial C}{\\partial \\theta} = ${texNum(grad)}`,
      training.nesterov
        ? `\\theta_t - \\theta_{t-1} = -${texNum(eta)}\\,(g_t + ${texNum(mu)} \\cdot ${texNum(vel)}) = ${texNum(change)}, \\quad \\theta_t = ${texNum(w)}`
        : `\\theta_t - \\theta_{t-1} = -${texNum(eta)} \\cdot ${texNum(vel)} = ${texNum(change)}, \\quad \\theta_t = ${texNum(w)}`,
    ] };
  }
  const change = -eta * (grad + lambda * w) / (1 - eta * lambda);
  return { change, lines: [
    `t = ${t}:\\; \\frac{\\partial C}{\\partial \\theta} = ${texNum(grad)}${lambda > 0 ? `,\\; \\lambda\\theta_{t-1} = ${texNum(lambda * (w - change))}` : ''}`,
    `\\theta_t - \\theta_{t-1} = ${texNum(change)}, \\quad \\theta_t = ${texNum(w)}`,
  ] };
}

/** The block in the equations panel: the batch sum and the optimizer with the first conv layer's centre tap. */
export function mountTrainingEquations(root, context) {
  const box = h('section', { class: 'explain-eq explain-eq-update', dataset: { block: 'training' }, 'aria-label': 'Mini-batch and optimizer' });
  root.append(box);
  function render() {
    const model = context.model();
    const e = context.experiment();
    const training = e.training;
    const l = model.layers.findIndex((g) => weightShape(g) === 'kernel');
    const plain = !e.dataset && training && training.optimizer === 'sgd' && !(training.momentum > 0) && training.weightDecay === 0 && training.batchSize === 1;
    box.hidden = plain || l < 0;
    if (box.hidden) return;
    const g = model.layers[l];
    const k = Math.floor((g.kernelSize - 1) / 2);
    const lines = [batchGradTex(g, l, training.batchSize), ...optimizerTex(training, e.learningRate)];
    const numbers = model.stepCount() > 0 ? optimizerNumbers(model, l, k, training, e.learningRate).lines : [];
    const texLines = (list, cls) => list.map((tex) => { const el = h('div', { class: cls }); renderTex(el, tex); return el; });
    replaceChildren(box,
      h('h4', {}, `Mini-batch and ${training.optimizer === 'adam' ? 'Adam' : 'SGD'} update (layer ${l + 1}, all taps alike)`),
      ...texLines(lines, 'explain-tex-line'),
      h('p', { class: 'explain-eq-note' }, numbers.length ? `The last step's numbers for tap k = ${k} of layer ${l + 1}:` : 'Train a step to see its numbers.'),
      ...texLines(numbers, 'explain-tex-line explain-substituted'));
  }
  return { render };
}

// The training step's equations beyond one example and plain SGD: ∂C/∂W as a sum over the mini-batch's examples e
// and the positions, how each example's δ_e scales with the batch (web/losses/), and the optimizer's update with its
// state (web/optimizers/), with the numbers of the last step the page took: the batch's gradient at θ_{u−1} (the
// weights before that step) and the real Δθ = θ_u − θ_{u−1}, from the session's record of that step
// (web/shared/session.js: the views themselves are re-evaluated at θ_u after every step).
import { texIndex } from '../shared/format.js';
import { deltaTex } from '../shared/formulas.js';
import { h, replaceChildren } from '../shared/dom.js';
import { experimentDisplay } from '../shared/training-display.js';
import { optimizerOf } from '../optimizers/registry.js';
import { renderTex } from './katex.js';
import { weightShape } from '../layers/registry.js';

const XPAD_E = 'x_{\\text{pad},\\,e}';  // example e's padded input

/** How the context's experiment reads (the page passes the session's; the demo may not). */
export function displayOf(context) {
  return typeof context.display === 'function' ? context.display() : experimentDisplay(context.experiment(), context.model());
}

/**
 * ∂C/∂W[k] of conv layer l summed over the B examples e of a batch and the M output positions, with how example e's
 * δ_e scales (display: trainingDisplay; outputSize: the n = channels · M output values, or K classes). → [tex]
 */
export function batchGradTex(g, l, display, outputSize) {
  const B = display.batch;
  const D = deltaTex(l);
  const idx = texIndex('t', g.stride, 'k', g.dilation);
  const ch = g.inChannels === 1 && g.outChannels === 1;
  const w = ch ? 'W[k]' : 'W[o,c,k]';
  const term = ch ? `${D}_{e}[t]\\; ${XPAD_E}[${idx}]` : `${D}_{e}[o,t]\\; ${XPAD_E}[c,\\, ${idx}]`;
  return [
    `\\frac{\\partial C}{\\partial ${w}} = \\sum_{e=1}^{${B}} \\sum_{t=0}^{${g.outLength - 1}} ${term}`
      + `\\quad\\text{(a batch of } B = ${B}\\text{ examples } e\\text{; } ${D}_e \\text{ flows back from example } e\\text{\u2019s } \\delta_e)`,
    display.loss.batchDeltaTex(outputSize, B),
  ];
}

/** The optimizer's update rule (θ = every weight and bias; G_u its batch gradient at θ_{u−1}, with weight decay). */
export function optimizerTex(training, learningRate) {
  const { module, training: options } = optimizerOf(training);
  return module.tex(options, learningRate);
}

/**
 * The numbers of the last step for weight `index` of layer `layer`, from a step record (session.lastStep: θ before and
 * after, the batch's gradient at θ before, the optimizer state after). → { lines: [tex], change (the rule's Δθ),
 * actual (θ_u − θ_{u−1} as the core made it) } or null when the record has no such layer.
 */
export function optimizerNumbers(record, layer, index, training) {
  const step = record && record.layers[layer];
  if (!step) return null;
  const { module, training: options } = optimizerOf(training);
  const state = {};
  if (module.name === 'adam') Object.assign(state, { m: step.state.weight[0][index], v: step.state.weight[1][index] });
  else state.velocity = step.state.weight[0][index];
  const one = { before: step.before.weight[index], after: step.after.weight[index], grad: step.grad.weight[index], stateAfter: state, u: record.u };
  return {
    lines: module.numbers(one, options, record.learningRate),
    change: module.change(one, options, record.learningRate),
    actual: one.after - one.before,
  };
}

/** The block in the equations panel: the batch sum and the optimizer with the first conv layer's centre tap. */
export function mountTrainingEquations(root, context) {
  const box = h('section', { class: 'explain-eq explain-eq-update', dataset: { block: 'training' }, 'aria-label': 'Mini-batch and optimizer' });
  root.append(box);
  function render() {
    const model = context.model();
    const e = context.experiment();
    const display = displayOf(context);
    const l = model.layers.findIndex((g) => weightShape(g) === 'kernel');
    box.hidden = (display.plainStep && !e.dataset) || l < 0;
    if (box.hidden) return;
    const g = model.layers[l];
    const k = Math.floor((g.kernelSize - 1) / 2);
    const lines = [...batchGradTex(g, l, display, model.outputChannels * model.outputLength), ...display.optimizer.tex(display.training, e.learningRate)];
    const record = typeof context.lastStep === 'function' ? context.lastStep() : null;
    // the record belongs to the weights shown only if no step was taken (or undone) since
    const current = record && record.u === model.stepCount() ? optimizerNumbers(record, l, k, display.training) : null;
    const texLines = (list, cls) => list.map((tex) => { const el = h('div', { class: cls }); renderTex(el, tex); return el; });
    replaceChildren(box,
      h('h4', {}, `Mini-batch and ${display.optimizer.title(display.training)} update (layer ${l + 1}, all taps alike)`),
      ...texLines(lines, 'explain-tex-line'),
      h('p', { class: 'explain-eq-note' }, current
        ? `The last step's numbers for tap k = ${k} of layer ${l + 1}: the batch's gradient at the weights before that step (θ_u−1), and the change the core made.`
        : 'Train a step to see its numbers.'),
      ...texLines(current ? current.lines : [], 'explain-tex-line explain-substituted'));
  }
  return { render };
}

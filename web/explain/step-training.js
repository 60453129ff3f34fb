// The network-level frames of the step-through: the loss, the batch sum and the update, for the step the page takes
// next. Which examples that step trains (the batch order of docs/interface.md §7, shuffled or not), one snapshot of
// each, the batch's gradient as the sum of their scaled δ (web/losses/), and the optimizer's update predicted in
// float32 from the model's optimizer state (web/optimizers/) — so the last frame shows what the core will do, for
// every loss, data mode and optimizer, and after the step the weights the core actually made.
import { num, texFactor, texNum } from '../shared/format.js';
import { trainingDisplay } from '../shared/training-display.js';
import { takeSnapshot } from './snapshot.js';
import { weightShape } from '../layers/registry.js';
import { predictionSample } from './equations.js';

/** Layers whose weights a step changes (a kernel or a matrix: the registry's weightShape). */
export const hasParameters = (g) => weightShape(g) !== null;

/** PCG32 (core/random.hpp) with 64-bit state in BigInt: the core's batch order, reproduced. → next() → uint32 */
function pcg32(seed, stream) {
  const mask = (1n << 64n) - 1n;
  const increment = ((stream << 1n) | 1n) & mask;
  let state = 0n;
  const next = () => {
    const old = state;
    state = (old * 6364136223846793005n + increment) & mask;
    const xorshifted = Number((((old >> 18n) ^ old) >> 27n) & 0xffffffffn);
    const rot = Number(old >> 59n);
    return ((xorshifted >>> rot) | (xorshifted << ((32 - rot) & 31))) >>> 0;
  };
  next();
  state = (state + BigInt(seed)) & mask;
  next();
  return next;
}

/** Epoch e's order of `count` examples: Fisher–Yates from PCG32(seed, 2^32 + e), as core/batch_order.hpp. */
export function epochPermutation(count, seed, epoch) {
  const next = pcg32(BigInt(seed >>> 0), (1n << 32n) + BigInt(epoch));
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const bound = i + 1;
    const threshold = (2 ** 32 - bound) % bound;  // reject below 2^32 mod bound: no modulo bias
    let r;
    do r = next(); while (r < threshold);
    const j = r % bound;
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The training examples of the next step: position p = batchPosition · B + j, example p mod count or π_epoch[p mod count]. */
export function nextBatch(model, experiment) {
  const training = experiment.training || { batchSize: 1, shuffle: false };
  const B = Math.max(1, training.batchSize || 1);
  if (!experiment.dataset) return Array.from({ length: B }, () => null);  // the one example, B times
  const count = model.exampleCount();
  const start = model.batchPosition() * B;
  const permutations = new Map();
  return Array.from({ length: B }, (_, j) => {
    const p = start + j;
    if (!training.shuffle) return p % count;
    const epoch = Math.floor(p / count);
    if (!permutations.has(epoch)) permutations.set(epoch, epochPermutation(count, experiment.network.seed, epoch));
    return permutations.get(epoch)[p % count];
  });
}

/**
 * Snapshots of the next step's examples, the first one animated by the frames. shown: { index, validation } the page
 * shows, restored afterwards (views are left as the page had them). → { snapshots, examples }
 */
export function batchSnapshots(model, experiment, shown) {
  const examples = nextBatch(model, experiment);
  const snapshots = [];
  if (examples[0] === null) {
    snapshots.push(takeSnapshot(model));  // the one example; a batch of B repeats it
  } else {
    const distinct = new Map();
    for (const e of examples) {
      if (!distinct.has(e)) {
        model.showExample(e);
        distinct.set(e, takeSnapshot(model));
      }
    }
    examples.forEach((e) => snapshots.push(distinct.get(e)));
    model.showExample(shown?.index ?? 0, { validation: Boolean(shown?.validation) });
  }
  return { snapshots, examples };
}

/**
 * The batch's gradient of every layer with parameters: Σ over its examples of each one's gradient (each snapshot is its
 * example evaluated alone) times the loss's batch scale (1 for sse; 1/B for mse and crossentropy, whose δ divides by B).
 * → { [l]: { weight: Float64Array, bias: Float64Array } }
 */
export function batchGradient(snapshots, display) {
  const B = display.batch;
  const scale = display.loss.setReduction === 'sum' ? 1 : 1 / B;
  const out = {};
  const first = snapshots[0];
  first.layers.forEach((layer, l) => {
    if (!hasParameters(layer.geometry)) return;
    const weight = new Float64Array(layer.gradWeight.length);
    const bias = new Float64Array(layer.gradBias.length);
    for (let e = 0; e < B; e++) {
      const s = snapshots[e] || first;
      s.layers[l].gradWeight.forEach((v, i) => { weight[i] += v; });
      s.layers[l].gradBias.forEach((v, i) => { bias[i] += v; });
    }
    out[l] = { weight: weight.map((v) => v * scale), bias: bias.map((v) => v * scale) };
  });
  return out;
}

/**
 * The update the optimizer makes from the batch's gradient and the model's optimizer state, in float32.
 * → [{ layer, before: { weight, bias }, grad, after: { weight, bias } }]
 */
export function predictUpdate(model, snapshot, gradient, display) {
  const { optimizer, training, learningRate } = display;
  const u = model.stepCount() + 1;
  const out = [];
  for (const [key, grad] of Object.entries(gradient)) {
    const l = Number(key);
    const layer = snapshot.layers[l];
    const after = {};
    for (const tensor of ['weight', 'bias']) {
      const names = optimizer.stateViews[tensor];
      // a layer without a bias has no bias state either (its views do not exist)
      const view = (name) => (layer[tensor].length ? model.view(name, l) : new Float32Array(0));
      const state = optimizer.name === 'adam' ? { m: view(names[0]), v: view(names[1]) } : { velocity: view(names[0]) };
      after[tensor] = optimizer.step(layer[tensor], grad[tensor], state, training, learningRate, { first: u === 1, u }).theta;
    }
    out.push({ layer: l, before: { weight: layer.weight, bias: layer.bias }, grad, after });
  }
  return out;
}

/**
 * A plan from one snapshot alone (no model at hand): plain SGD on that example, as the page's step when
 * display.plainStep and no data set. learningRate η.
 */
export function snapshotPlan(snapshot, learningRate, display = trainingDisplay({ loss: snapshot.lossKind, learningRate })) {
  const gradient = batchGradient([snapshot], display);
  const update = Object.entries(gradient).map(([key, grad]) => {
    const l = Number(key);
    const layer = snapshot.layers[l];
    const after = {};
    for (const tensor of ['weight', 'bias']) {
      after[tensor] = display.optimizer.step(layer[tensor], grad[tensor], {}, display.training, learningRate, { first: true, u: 1 }).theta;
    }
    return { layer: l, before: { weight: layer.weight, bias: layer.bias }, grad, after };
  });
  return { snapshots: [snapshot], examples: [null], gradient, update, display, actual: null };
}

/** Everything the network-level frames need for the next step. → plan */
export function planStep(model, experiment, display, shown) {
  const { snapshots, examples } = batchSnapshots(model, experiment, shown);
  const gradient = batchGradient(snapshots, display);
  const update = predictUpdate(model, snapshots[0], gradient, display);
  return { snapshots, examples, gradient, update, display, actual: null };
}

/** After the step: the weights the core made, beside the prediction. → max |predicted − actual| */
export function recordActual(plan, model) {
  plan.actual = plan.update.map((u) => ({ layer: u.layer, weight: model.view('weight', u.layer).slice(), bias: model.view('bias', u.layer).slice() }));
  let worst = 0;
  plan.update.forEach((u, i) => {
    for (const tensor of ['weight', 'bias']) {
      u.after[tensor].forEach((v, k) => { worst = Math.max(worst, Math.abs(v - plan.actual[i][tensor][k])); });
    }
  });
  plan.worst = worst;
  return worst;
}

/** "example 12 of the data set (1st of a batch of 4)" — what the frames animate. */
export function exampleWords(plan) {
  const B = plan.display.batch;
  const e = plan.examples[0];
  const which = e === null ? 'the example' : `training example ${e}`;
  if (B === 1) return e === null ? which : `${which}, the one the next step trains`;
  const list = plan.examples.slice(0, 6).map((x) => (x === null ? 'the example' : x)).join(', ');
  return `${which}, the first of the next step\u2019s batch of ${B} (${e === null ? 'the same example repeated' : `examples ${list}${B > 6 ? ', \u2026' : ''}`})`;
}

/** The loss frame's caption: the loss block's TeX and the example's C with its numbers. */
export function lossCaption(plan) {
  const s = plan.snapshots[0];
  const { display } = plan;
  const n = display.loss.name === 'crossentropy' ? s.outputChannels : s.outputChannels * s.outputLength;
  const lines = display.loss.tex({ n, batch: 1 }).slice();
  // the largest-|δ| output (the true class for crossentropy) with its numbers
  let j = 0;
  if (display.loss.name === 'crossentropy') j = s.target[0];
  else s.gradPrediction.forEach((v, i) => { if (Math.abs(v) > Math.abs(s.gradPrediction[j])) j = i; });
  lines.push(...display.loss.sampleTex(predictionSample(s), j, { loss: s.loss, grad: s.gradPrediction[j], lossName: display.exampleName }));
  if (display.batch > 1) lines.push(display.loss.batchDeltaTex(n, display.batch));
  lines.push(`${display.exampleName} = ${texNum(s.loss)}`);
  const name = display.exampleName === 'C' ? 'C' : 'this example\u2019s C_e';
  return { text: `loss of ${exampleWords(plan)}: ${name} = ${num(s.loss)}${display.batch > 1 ? `; in the batch its \u03b4 is ${display.loss.setReduction === 'sum' ? 'added as it is' : `divided by B = ${display.batch}`}` : ''}`, tex: lines };
}

/** The batch frame's caption: the batch's ∂C/∂W as the sum of its examples' scaled gradients (first tensor shown). */
export function batchCaption(plan) {
  const { display } = plan;
  const first = plan.update[0];
  if (!first) return { text: 'no layer has parameters', tex: [] };
  const l = first.layer;
  const B = display.batch;
  const scale = display.loss.setReduction === 'sum' ? '' : `\\frac{1}{${B}}`;
  const terms = plan.snapshots.slice(0, 4).map((s) => texFactor(s.layers[l].gradWeight[0]));
  const sum = `${terms.join(' + ')}${B > 4 ? ' + \\cdots' : ''}`;
  return {
    text: `Layer ${l + 1}: the batch\u2019s gradient adds its ${B} examples\u2019 gradients${scale ? ` and divides by B = ${B} (the ${display.loss.name} loss is a mean over the batch)` : ' (the sse loss sums over the batch)'}`,
    tex: [`\\frac{\\partial C}{\\partial \\theta} = ${scale}\\sum_{e=1}^{${B}} \\frac{\\partial C_e}{\\partial \\theta}, \\qquad \\frac{\\partial C}{\\partial W_0} = ${scale}\\big(${sum}\\big) = ${texNum(first.grad.weight[0])}`],
  };
}

/** The update (and done) frames' caption: the optimizer's rule, then per layer its first weights with numbers. */
export function updateCaption(plan, done) {
  const { display } = plan;
  const lines = [...display.optimizer.tex(display.training, display.learningRate)];
  const after = (i) => (done && plan.actual ? plan.actual[i] : plan.update[i].after);
  plan.update.forEach((u, i) => {
    const a = after(i);
    const shown = Math.min(3, u.before.weight.length);
    for (let k = 0; k < shown; k++) {
      lines.push(`\\text{layer ${u.layer + 1}: } W_{${k}}: ${texNum(u.before.weight[k])} \\to ${texNum(a.weight[k])} \\quad (\\partial C/\\partial W_{${k}} = ${texNum(u.grad.weight[k])})`);
    }
    if (u.before.bias.length) lines.push(`\\text{layer ${u.layer + 1}: } b_{0}: ${texNum(u.before.bias[0])} \\to ${texNum(a.bias[0])}`);
  });
  const rule = display.optimizer.title(display.training);
  const text = done
    ? `Update applied through the core (the same call as \u201cStep 1\u201d): ${rule}${plan.actual ? `; the prediction above differed from the core by at most ${num(plan.worst)}` : ''}.`
    : `${rule} update of every layer with parameters (${plan.update.map((u) => u.layer + 1).join(', ')}), predicted from the batch\u2019s gradient${display.optimizer.name === 'adam' || display.training.momentum > 0 ? ' and the optimizer\u2019s state' : ''}`;
  return { text, tex: lines };
}


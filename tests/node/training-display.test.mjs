// Every number called C and every displayed loss/optimizer equation against the core, over the product the page
// offers: each loss (sse, mse on one example or a data set; crossentropy on a classification data set) × SGD, momentum,
// Nesterov, Adam, each with and without weight decay × batches of 1 and 3, on networks holding every layer type.
// Everything runs through the page's own session (web/shared/session.js), which re-evaluates after each step, and
// reads what the page shows from web/shared/training-display.js, the loss and optimizer modules, the step-through's
// plan, the training equations, the tooltip and the loss chart's description.
// Issue 24: item 1 (cross-entropy words), 2 (the last step's numbers), 4 (the step-through's step), 6 and 7 (one C).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool } from '../../web/convpool.js';
import { createSession } from '../../web/shared/session.js';
import { defaultExperiment } from '../../web/shared/experiment.js';
import { initialTraining } from '../../web/shared/schema.js';
import { classifyDataset } from '../../web/shared/classify-task.js';
import { formatNumber, texNum } from '../../web/shared/format.js';
import { networkEquations, substitute } from '../../web/explain/equations.js';
import { takeSnapshot } from '../../web/explain/snapshot.js';
import { planStep } from '../../web/explain/step-training.js';
import { buildFrames, frameCaption } from '../../web/explain/step-frames.js';
import { batchGradTex, optimizerNumbers } from '../../web/explain/training-equations.js';
import { describeHover } from '../../web/app/tooltip.js';
import { describeLoss } from '../../web/app/render/describe.js';
import { checkExercise, modelProbe } from '../../web/shared/exercise/check.js';

const cp = await loadConvPool();
const katex = (await import('../../web/generated/vendor/katex/katex.mjs')).default;

const conv = (fields) => ({ type: 'conv1d', outChannels: 1, kernelSize: 3, stride: 1, padding: 'same', dilation: 1, paddingMode: 'zeros', bias: true, ...fields });
/** conv, activation, max-pool, conv: a signal out. */
const SIGNAL_LAYERS = [conv({ outChannels: 2, paddingMode: 'reflect' }), { type: 'activation', fn: 'tanh' },
  { type: 'maxpool1d', kernelSize: 2, stride: 1, padding: 0, dilation: 1, ceilMode: false }, conv({ kernelSize: 3, padding: 'valid', bias: false })];
/** conv, activation, avg-pool, global pool, linear: one value per class out (4 classes: the 'classify' preset's). */
const CLASS_LAYERS = [conv({ outChannels: 3 }), { type: 'activation', fn: 'relu' },
  { type: 'avgpool1d', kernelSize: 2, stride: 2, padding: 0, ceilMode: false, countIncludePad: true },
  { type: 'globalpool', op: 'avg' }, { type: 'linear', outFeatures: 4, bias: false }];  // no bias: no bias state either

const OPTIMIZERS = {
  sgd: { optimizer: 'sgd' },
  momentum: { optimizer: 'sgd', momentum: 0.9, dampening: 0.1 },
  nesterov: { optimizer: 'sgd', momentum: 0.9, nesterov: true },
  adam: { optimizer: 'adam', beta1: 0.8, beta2: 0.99, eps: 1e-6 },
};

const DATA = {
  'one example': () => null,
  'a data set': (loss) => (loss === 'crossentropy' ? classifyDataset({ count: 12, validation: 0.25 })
    : { preset: 'denoise', seed: 2, count: 7, validation: 0.3 }),
};

/** The page's combinations: crossentropy needs a classification data set (the page refuses it otherwise). */
function* cases() {
  for (const loss of ['sse', 'mse', 'crossentropy']) {
    for (const [mode, data] of Object.entries(DATA)) {
      if (loss === 'crossentropy' && mode === 'one example') continue;
      const networks = loss === 'crossentropy' ? { classifier: CLASS_LAYERS } : { 'conv-pool': SIGNAL_LAYERS, classifier: CLASS_LAYERS };
      for (const [net, layers] of Object.entries(networks)) {
        for (const [name, optimizer] of Object.entries(OPTIMIZERS)) {
          for (const weightDecay of [0, 0.05]) {
            for (const batchSize of [1, 3]) {
              yield { loss, mode, net, layers, data: data(loss), training: { ...initialTraining(), ...optimizer, weightDecay, batchSize, shuffle: batchSize === 3 }, label: `${loss}, ${mode}, ${net}, ${name}${weightDecay ? ' + weight decay' : ''}, batch ${batchSize}` };
            }
          }
        }
      }
    }
  }
}

function experimentOf(c) {
  const e = defaultExperiment();
  e.network = { inputLength: 24, inputChannels: 1, layers: c.layers, loss: c.loss, seed: 7 };
  e.target = { preset: 'same' };
  e.dataset = c.data;
  e.training = c.training;
  e.learningRate = c.training.optimizer === 'adam' ? 0.01 : 0.03;
  return e;
}

const close = (a, b, rel = 1e-5, abs = 1e-7) => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs;
const clean = (text) => !/undefined|NaN|null|\[object/.test(text);
const parses = (tex) => { katex.renderToString(tex, { throwOnError: true }); return true; };

/** C by its definition, example by example: one example's loss, or the mean over a set of each example's loss. */
function cByDefinition(model, dataset, validation = false) {
  if (!dataset) return model.loss();
  const count = validation ? model.validationCount() : model.exampleCount();
  let sum = 0;
  for (let e = 0; e < count; e++) sum += model.showExample(e, { validation });
  return sum / count;
}

let checked = 0;
for (const c of cases()) {
  test(`what the page shows is the core's: ${c.label}`, () => {
    const session = createSession(cp);
    const problems = [];
    session.on('problems', (d) => problems.push(...d.problems));
    assert.equal(session.load(experimentOf(c)), true, `the experiment loads: ${problems.join('; ')}`);
    session.train(3);
    const model = session.model;
    const display = session.display();
    const shown = session.shownExample;

    // the number called C: status line, chart, label and goals read session.loss() / the history (item 7)
    const C = session.loss();
    const defined = cByDefinition(model, c.data);
    const heldC = c.data ? cByDefinition(model, c.data, true) : NaN;
    if (c.data) model.showExample(shown.index, { validation: shown.validation });
    assert.ok(close(C, defined, 1e-6), `C ${C} is ${c.data ? 'the mean per example' : 'the example\u2019s loss'} ${defined}`);
    assert.ok(close(session.history.at(-1).loss, C, 1e-6), `the chart's last point ${session.history.at(-1).loss} is C ${C}`);
    if (c.data) {
      assert.ok(close(session.history.at(-1).validation, heldC, 1e-6), `validation C ${session.history.at(-1).validation} vs ${heldC}`);
      assert.ok(close(session.validationLoss(), heldC, 1e-6));
    }
    assert.equal(display.cName, c.data ? 'training C (mean per example)' : 'C');
    const tip = describeHover({ panel: 'loss', index: session.history.length - 1 }, { model, experiment: session.experiment, history: session.history });
    assert.equal(tip.lines[0], `${display.cName} = ${formatNumber(C)}`, 'the loss-curve tooltip (item 6)');
    if (c.data) assert.equal(tip.lines[1], `${display.validationName} = ${formatNumber(session.history.at(-1).validation)}`);
    // a loss goal inside an exercise compares the same C, named as the status line names it (the page's probe)
    const probe = modelProbe(model, { loss: () => session.loss(), lossName: () => session.display().cName });
    const goal = (value) => checkExercise({ title: 't', task: '', goals: [{ type: 'lossBelow', value }] }, probe).goals[0];
    assert.equal(goal(C * 1.0001).met, true, 'met just above C');
    const unmet = goal(C * 0.9999);
    assert.equal(unmet.met, false, 'not met just below C');
    assert.ok(unmet.detail.startsWith(`${display.cName} `) && unmet.detail.includes(' after 3 steps'), unmet.detail);
    const summary = describeLoss(session.history, display).summary;
    assert.ok(summary.startsWith(`Loss ${display.cName}`) && summary.includes(display.loss.words), summary);

    // the loss block and the last layer's δ: the loss module's value and gradient are the core's, bit for bit (item 1)
    const snapshot = takeSnapshot(model);
    const outputs = snapshot.prediction.length;
    const sample = { prediction: snapshot.prediction, target: snapshot.target, probabilities: snapshot.probabilities };
    assert.ok(close(display.loss.exampleLoss(sample), snapshot.loss, 1e-6), `example loss ${display.loss.exampleLoss(sample)} vs the core's ${snapshot.loss}`);
    for (let j = 0; j < outputs; j++) {
      assert.equal(display.loss.gradientAt(sample, j, 1), snapshot.gradPrediction[j], `∂C/∂ŷ[${j}]`);
      const words = [...display.loss.deltaLines(sample, j), ...display.loss.shareLines(sample, j, display.exampleWords)].join(' | ');
      assert.ok(clean(words), words);
    }
    const blocks = networkEquations(model.layers, { loss: c.loss, learningRate: session.experiment.learningRate, display });
    const lossBlock = blocks.find((b) => b.id === 'loss');
    const lossText = lossBlock.lines.filter((l) => typeof l === 'string').join(' ');
    if (c.loss === 'crossentropy') {
      for (const want of ['p_j', '-\\log p', '\\mathbb{1}[j = y']) assert.ok(lossText.includes(want), `${want} in ${lossText}`);
      assert.ok(!/\^2/.test(lossText), 'no squared error in the cross-entropy block');
    } else {
      assert.ok(!/log/.test(lossText), 'no log in a squared loss');
    }
    if (c.loss === 'mse' && c.training.batchSize > 1) assert.ok(lossText.includes(`\\frac{2}{${c.training.batchSize * outputs}}`), `mse's 2/(B·n): ${lossText}`);
    if (c.loss === 'crossentropy' && c.training.batchSize > 1) assert.ok(lossText.includes(`{${c.training.batchSize}}`), `÷B: ${lossText}`);
    for (const block of blocks) for (const line of block.lines) if (typeof line === 'string') assert.ok(parses(line) && clean(line), `${block.title}: ${line}`);
    // update blocks: every layer with parameters, and plain "W ← W − η ∂C/∂W" only when that is the step
    const trained = model.layers.map((g, l) => l).filter((l) => ['conv1d', 'linear'].includes(model.layers[l].type));
    assert.deepEqual(blocks.filter((b) => b.phase === 'update').map((b) => b.layer), trained);
    const plain = c.training.optimizer === 'sgd' && !(c.training.momentum > 0) && !c.training.weightDecay && c.training.batchSize === 1;
    assert.equal(blocks.filter((b) => b.phase === 'update').every((b) => /W \\leftarrow W/.test(b.lines.join(' '))), plain, 'the update blocks name the optimizer');
    // the hovered prediction's lines with numbers
    const hovered = substitute(snapshot, { kind: 'signal', level: model.layers.length, channel: 0, index: 0 }, { learningRate: session.experiment.learningRate, display })
      .find((p) => p.block === 'loss');
    assert.ok(hovered.lines.some((l) => l.includes(texNum(snapshot.gradPrediction[0]))), `the hover shows the core's ∂C/∂ŷ: ${hovered.lines}`);
    for (const line of hovered.lines) assert.ok(parses(line) && clean(line), line);
    const tipDelta = describeHover({ panel: 'backward', layer: model.layers.length - 1, track: 'gradOutput', channel: 0, index: 0 },
      { model, experiment: session.experiment, history: session.history });
    assert.ok(tipDelta.title.endsWith(formatNumber(model.view('gradOutput')[0])) && clean(tipDelta.lines.join(' ')), `${tipDelta.title} | ${tipDelta.lines}`);

    // the step-through's plan of the next step is the step the core takes (item 4): its batch gradient and weights
    const plan = planStep(model, session.experiment, display, session.shownExample);
    const frames = buildFrames(plan.snapshots[0], { batch: display.batch });
    for (const frame of frames.filter((f) => f.layer === null)) {
      const cap = frameCaption(plan.snapshots[0], frame, { learningRate: session.experiment.learningRate, plan });
      assert.ok(clean(cap.text), cap.text);
      for (const line of cap.tex) assert.ok(parses(line) && clean(line), `${frame.kind}: ${line}`);
    }
    session.train(1);
    const record = session.lastStep;
    assert.equal(record.u, 4, 'the record is of step 4');
    for (const u of plan.update) {
      const step = record.layers[u.layer];
      for (const tensor of ['weight', 'bias']) {
        u.grad[tensor].forEach((v, i) => assert.ok(close(v, step.grad[tensor][i], 1e-5, 1e-7),
          `layer ${u.layer} ${tensor}[${i}]: the step-through's batch gradient ${v}, the core's ${step.grad[tensor][i]}`));
        u.after[tensor].forEach((v, i) => {
          const actual = step.after[tensor][i];
          if (c.training.batchSize === 1 && c.training.optimizer === 'sgd') assert.equal(v, actual, `layer ${u.layer} ${tensor}[${i}] predicted bit for bit`);
          else assert.ok(close(v - step.before[tensor][i], actual - step.before[tensor][i], 2e-3, 1e-7), `layer ${u.layer} ${tensor}[${i}]: Δ predicted ${v - step.before[tensor][i]}, the core's ${actual - step.before[tensor][i]}`);
        });
      }
    }

    // "the last step's numbers": the gradient at θ_{u−1} and the real Δθ (item 2)
    for (const l of trained) {
      const count = model.view('weight', l).length;
      for (const index of [0, count - 1]) {
        const numbers = optimizerNumbers(record, l, index, display.training);
        assert.ok(close(numbers.change, numbers.actual, 1e-4, 1e-7), `layer ${l} weight ${index}: the rule's Δθ ${numbers.change}, the core's ${numbers.actual}`);
        assert.ok(numbers.lines.some((line) => line.includes(texNum(record.layers[l].grad.weight[index]))), 'the gradient at θ_{u−1} is shown');
        assert.ok(numbers.lines.at(-1).includes(texNum(numbers.actual)), 'the real Δθ is shown');
        for (const line of numbers.lines) assert.ok(parses(line) && clean(line), line);
      }
    }
    const firstConv = model.layers.findIndex((g) => g.type === 'conv1d');
    for (const line of batchGradTex(model.layers[firstConv], firstConv, display, model.outputChannels * model.outputLength)) assert.ok(parses(line) && clean(line), line);
    checked += 1;
    model.delete();
  });
}

test('the sweep covered the page\'s product', () => {
  // (sse + mse) × 2 modes × 2 networks + crossentropy × 1 mode × 1 network, × 4 optimizers × 2 decays × 2 batches
  assert.equal(checked, (2 * 2 * 2 + 1) * 4 * 2 * 2);
});

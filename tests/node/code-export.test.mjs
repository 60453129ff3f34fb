// Exported code reproduces the experiment: the PyTorch and the NumPy script of every lesson, of 30 random valid
// experiments and of 20 random data-set experiments (mini-batches that do and do not divide the count, in order and
// shuffled, every optimizer, weight decay, a validation set) and of 16 random classifier experiments (avgpool1d with
// every padding / ceil-mode / countIncludePad case, globalpool max and avg, linear with and without bias, loss
// 'crossentropy' on a waveform data set split into training and validation, in batches; a quarter of them with
// sse/mse instead) run under Debian's python3 (torch 1.13, numpy). The loss each prints after every training
// segment, `validation_loss <value>` and last `loss <value>` must match model.loss() / model.validationLoss() after
// replaying the same steps here, within 1e-4 relative; `accuracy <value>` and `validation_accuracy <value>`
// (crossentropy) must equal model.accuracy() / model.validationAccuracy() exactly.
// Each script must also compile (py_compile) and pass pycodestyle (default settings: 79 columns). Linked
// experiments carry the page's checkpoints (replayed here, as an export without the page's curve does): their
// `page_check:` line must say that they agree, or, only where the exporter's nudged replay warned, that they part.
// The page's own presets at 300 steps: code-export-presets.test.mjs.
//
// The lessons also run for 400 steps, long enough for some to reach float32's rounding floor (a loss near 1e-12
// whose digits are rounding noise: PyTorch sums in another order, so its noise differs). There the check is
// 1e-4 relative or, below the floor, absolute: |difference| <= 1e-10 * sum(y^2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConvPool } from '../../web/convpool.js';
import { LESSONS } from '../../web/explain/lessons.js';
import { exportCode, resolveExperiment, scriptFileName } from '../../web/shared/code-export/index.js';
import { float32Literal } from '../../web/shared/code-export/python.js';
import { linkOf, resolveFragment } from '../helpers/experiment-adapter.mjs';
import { PYTHON, missingPythonModules, printedLoss, run, runScripts } from '../helpers/python-runner.mjs';
import { random } from '../helpers/random.mjs';
import { WAVEFORM_CLASSES, makeWaveformDataset } from '../../web/shared/classification-data.js';

const TOLERANCE = 1e-4;
const RANDOM_EXPERIMENTS = 30;
const DATASET_EXPERIMENTS = 20;
const CLASSIFIER_EXPERIMENTS = 16;
const cp = await loadConvPool();
// Only a python3 without torch skips (Debian's python3-torch brings numpy); pycodestyle is installed by setup.sh.
const missing = missingPythonModules(['torch']);

/**
 * The page's loss() after each segment of the schedule (model.loss() at the weights then), then the validation
 * loss (with a validation set), the accuracy and validation accuracy (crossentropy), then the final loss: the numbers
 * the scripts print, in their order (printedLabels names each line).
 */
function nodeLosses(resolved) {
  const model = cp.createModel(resolved.spec);
  try {
    if (resolved.dataset.count === 1) {
      model.setInput(resolved.dataset.inputs);   // as the page does with one example
      model.setTarget(resolved.dataset.targets);
    } else {
      model.setDataset(resolved.dataset);
    }
    if (resolved.validation) model.setValidation(resolved.validation);
    // the page's C: a data set's sse is its mean per example (the scripts divide by C_DIVISOR)
    const c = (raw, count) => (resolved.spec.loss === 'sse' ? raw / count : raw);
    const losses = [];
    for (const [steps, lr] of resolved.schedule) {
      model.train(steps, lr);
      assert.equal(model.lastTrain.diverged, false, `training diverged in Node for ${resolved.link}`);
      losses.push(c(model.loss(), resolved.dataset.count));
    }
    if (checksPage(resolved)) losses.push(null);  // the `page_check:` line: what it must say is checked by the test
    if (resolved.validation) losses.push(c(model.validationLoss(), resolved.validation.count));
    if (resolved.spec.loss === 'crossentropy') {
      losses.push(model.accuracy());
      if (resolved.validation) losses.push(model.validationAccuracy());
    }
    losses.push(c(model.loss(), resolved.dataset.count));
    return losses;
  } finally {
    model.delete();
  }
}

/** True when the scripts compare themselves with the page's checkpoints (and print a `page_check:` line). */
function checksPage(resolved) {
  return (resolved.pageCheck?.checkpoints.length ?? 0) > 0 && resolved.initialParameters.some(Boolean);
}

/** What each printed line starts with, in nodeLosses' order. */
function printedLabels(resolved) {
  const labels = resolved.schedule.map(() => 'step');
  if (checksPage(resolved)) labels.push('page_check');
  if (resolved.validation) labels.push('validation_loss');
  if (resolved.spec.loss === 'crossentropy') {
    labels.push('accuracy');
    if (resolved.validation) labels.push('validation_accuracy');
  }
  return [...labels, 'loss'];
}

/** Every lesson, with two training segments added so the scripts have steps to replay. */
function lessonExperiments(first, second, label) {
  return LESSONS.map((lesson) => {
    const e = JSON.parse(JSON.stringify(lesson.experiment));
    e.schedule = [[first, e.learningRate], [second, e.learningRate / 2]];
    e.steps = first + second;
    return { name: `lesson ${lesson.id}${label}`, experiment: e, floor: label !== '' };
  });
}

const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'];
const ACTIVATIONS = ['identity', 'relu', 'tanh', 'sigmoid'];
const INPUTS = ['sine', 'square', 'sawtooth', 'triangle', 'chirp', 'impulse', 'step', 'noise', 'sines'];

/** Random valid experiment i; the options that must all be covered cycle with i, the rest is random. */
function randomExperiment(i, rand) {
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const drawn = (n) => Array.from({ length: n }, () => Math.round((rand() * 3 - 1.5) * 1024) / 1024);
  const conv = (first) => {
    const stride = i % 3 === 0 && first ? int(2, 3) : int(1, 2);
    const paddings = stride === 1 ? ['same', 'valid', int(0, 3)] : ['valid', int(0, 3)];
    return {
      type: 'conv1d', outChannels: int(1, 3), kernelSize: int(1, 6), stride, padding: pick(paddings),
      dilation: i % 4 === 1 ? int(2, 3) : int(1, 2),
      paddingMode: first ? PADDING_MODES[i % 4] : pick(PADDING_MODES), bias: i % 5 !== 2,
    };
  };
  const poolKernel = int(1, 4);
  const pool = {
    type: 'maxpool1d', kernelSize: poolKernel, stride: int(1, 3), padding: int(0, Math.floor(poolKernel / 2)),
    dilation: int(1, 2), ceilMode: i % 2 === 1,
  };
  const layers = [conv(true), { type: 'activation', fn: ACTIVATIONS[i % 4] }];
  if (i % 3 !== 2) layers.push(pool);
  if (i % 4 >= 2) layers.push(conv(false));
  const inputChannels = int(1, 3);
  const n = int(12, 80);
  const targets = [
    () => ({ preset: 'filtered', kernel: Array.from({ length: int(1, 5) }, () => Math.round(rand() * 200 - 100) / 100) }),
    () => ({ preset: 'same' }),
    () => ({ preset: 'pooled', kernelSize: int(1, 5) }),
    () => ({ preset: 'signal', kind: pick(INPUTS), cycles: int(1, 4), seed: int(0, 99) }),
    () => ({ drawn: drawn(int(2, 40)) }),
  ];
  const lr = 10 ** (-3.5 + rand() * 1.5);
  const segments = int(1, 3);
  const schedule = Array.from({ length: segments }, (_, s) => [int(5, 40), lr / 2 ** s]);
  return {
    v: 1,
    network: { inputLength: n, inputChannels, layers, loss: i % 2 === 0 ? 'sse' : 'mse', seed: int(0, 100000) },
    input: Array.from({ length: inputChannels }, (_, c) => (rand() < 0.2 ? { drawn: drawn(int(4, 30)) }
      : { preset: pick(INPUTS), cycles: int(1, 5), seed: int(0, 99) + c })),
    target: targets[i % targets.length](),
    learningRate: lr,
    stepsPerFrame: 1,
    steps: schedule.reduce((sum, [k]) => sum + k, 0),
    schedule,
  };
}

/** A network without weights (no conv layer): the scripts replay steps that change nothing. */
function withoutWeights() {
  const experiment = randomExperiment(0, random(7));
  experiment.network.layers = [{ type: 'maxpool1d', kernelSize: 3, stride: 2, padding: 1, dilation: 1, ceilMode: true },
    { type: 'activation', fn: 'sigmoid' }];
  experiment.target = { preset: 'signal', kind: 'sine', cycles: 1, seed: 0 };
  return { name: 'no conv layer', experiment };
}

/** 30 random experiments that the core accepts and that train without diverging. */
function randomExperiments() {
  const rand = random(16);
  const out = [];
  for (let i = 0; out.length < RANDOM_EXPERIMENTS; i++) {
    assert.ok(i < 5000, 'could not draw enough valid random experiments');
    const experiment = randomExperiment(out.length, rand);
    try {
      const { resolved, problems } = resolveFragment(cp, linkOf(experiment));
      if (problems.length > 0) continue;   // the link did not keep what was drawn: draw again
      if (!nodeLosses(resolved).every((v) => v === null || Number.isFinite(v))) continue;
      out.push({ name: `random ${out.length}`, experiment });
    } catch (error) {
      if (error.name === 'ConvPoolError' || error.name === 'AssertionError') continue;  // invalid or diverging
      throw error;
    }
  }
  return out;
}

const OPTIMIZER_CASES = [
  { type: 'sgd' },
  { type: 'sgd', momentum: 0.9 },
  { type: 'sgd', momentum: 0.8, dampening: 0.3 },
  { type: 'sgd', momentum: 0.9, nesterov: true },
  { type: 'adam' },
  { type: 'adam', beta1: 0.8, beta2: 0.99, eps: 1e-6 },
];

/**
 * Random data-set experiment i: a random network (as randomExperiment's), `count` random examples whose targets a
 * random teacher network of the same shape makes (so training can fit them), a batch size that divides the count
 * for even i and does not for odd i, in order or shuffled, optimizer and weight decay cycling with i, a validation
 * set for every other experiment. Built as the library takes it (data sets have no link form here).
 */
function datasetExperiment(i, rand) {
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const { network } = randomExperiment(i, rand);
  if (i % 5 === 3) {  // a grouped conv: its input and output channels split into two independent halves
    network.inputChannels = 2 * int(1, 2);
    Object.assign(network.layers[0], { groups: 2, outChannels: 2 * int(1, 2) });
  }
  const count = int(3, 12);
  const divisors = Array.from({ length: count }, (_, d) => d + 1).filter((d) => count % d === 0 && d > 1);
  const others = Array.from({ length: count + 2 }, (_, d) => d + 2).filter((d) => count % d !== 0);
  const batchSize = i % 2 === 0 && divisors.length ? divisors[int(0, divisors.length - 1)] : others[int(0, Math.min(others.length, 4) - 1)];
  const optimizer = OPTIMIZER_CASES[i % OPTIMIZER_CASES.length];
  const spec = {
    ...network, batchSize, shuffle: i % 4 >= 2, optimizer,
    weightDecay: i % 3 === 1 ? Math.round(10 ** (-3 + rand() * 1.5) * 1e6) / 1e6 : 0,
  };
  const teacher = cp.createModel({ ...network, seed: network.seed + 1 });
  const size = network.inputChannels * network.inputLength;
  const set = (n) => {
    const inputs = new Float32Array(n * size).map(() => rand() * 2 - 1);
    const outputSize = teacher.outputChannels * teacher.outputLength;
    const targets = new Float32Array(n * outputSize);
    for (let e = 0; e < n; e++) {
      teacher.setInput(inputs.subarray(e * size, (e + 1) * size));
      teacher.setTarget(new Float32Array(outputSize));
      teacher.loss();
      targets.set(teacher.view('output'), e * outputSize);
    }
    return { inputs, targets, count: n };
  };
  try {
    const dataset = set(count);
    const validation = i % 2 === 1 ? set(int(1, 5)) : null;
    const adam = optimizer.type === 'adam';
    const lr = adam ? 10 ** (-3 + rand()) : 10 ** (-3.5 + rand() * 1.5) / (spec.loss === 'sse' ? batchSize : 1);
    const segments = int(1, 3);
    const schedule = Array.from({ length: segments }, (_, s) => [int(5, 30), lr / 2 ** s]);
    return resolveExperiment(cp, spec, null, null, schedule, `data-set-experiment-${i}`, { dataset, validation });
  } finally {
    teacher.delete();
  }
}

/** DATASET_EXPERIMENTS data-set experiments that the core accepts and that train without diverging. */
function datasetExperiments() {
  const rand = random(61);
  const out = [];
  for (let i = 0; out.length < DATASET_EXPERIMENTS; i++) {
    assert.ok(i < 5000, 'could not draw enough valid data-set experiments');
    try {
      const resolved = datasetExperiment(out.length, rand);
      if (!nodeLosses(resolved).every((v) => v === null || Number.isFinite(v))) continue;
      const { spec } = resolved;
      out.push({
        name: `data set ${out.length} (batchSize ${spec.batchSize} of ${resolved.dataset.count}`
          + `${spec.shuffle ? ', shuffled' : ''}, ${JSON.stringify(spec.optimizer)}, weightDecay ${spec.weightDecay}`
          + `${resolved.validation ? ', validation set' : ''})`,
        resolved,
      });
    } catch (error) {
      if (error.name === 'ConvPoolError' || error.name === 'AssertionError') continue;  // invalid or diverging
      throw error;
    }
  }
  return out;
}

const GLOBAL_OPS = ['max', 'avg'];

/**
 * Random classifier network i (the layer types of a 1-D CNN classifier): conv → activation → an average pool
 * (padding, ceil mode and countIncludePad cycling with i) or a max pool → maybe a second conv → a global pool
 * (max / avg) and/or a linear layer (with and without bias), sometimes linear → activation → linear.
 */
function classifierNetwork(i, rand, outputs) {
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const kernel = int(2, 4);
  const average = {
    type: 'avgpool1d', kernelSize: kernel, stride: int(1, 3), padding: i % 2 === 0 ? Math.floor(kernel / 2) : 0,
    ceilMode: i % 4 >= 2, countIncludePad: i % 3 !== 0,
  };
  const max = { type: 'maxpool1d', kernelSize: 2, stride: 2, padding: 0, dilation: 1, ceilMode: false };
  const layers = [
    { type: 'conv1d', outChannels: int(2, 4), kernelSize: int(2, 5), padding: int(0, 2), bias: i % 5 !== 4 },
    { type: 'activation', fn: ACTIVATIONS[1 + (i % 3)] },
    i % 6 === 5 ? max : average,
  ];
  if (i % 3 === 1) layers.push({ type: 'conv1d', outChannels: int(2, 4), kernelSize: int(1, 3), padding: 'same' });
  const head = i % 4;
  if (head === 0) {         // global pool to the classes' channels: the logits without a linear layer
    layers.push({ type: 'conv1d', outChannels: outputs, kernelSize: 1 }, { type: 'globalpool', op: 'avg' });
  } else if (head === 1) {  // flatten every sample into one linear layer
    layers.push({ type: 'linear', outFeatures: outputs, bias: i % 8 !== 1 });
  } else if (head === 2) {  // global pool, then linear
    layers.push({ type: 'globalpool', op: GLOBAL_OPS[(i >> 2) % 2] }, { type: 'linear', outFeatures: outputs, bias: i % 8 !== 2 });
  } else {                  // linear → activation → linear, then a global max over the [classes, 1] output
    layers.push({ type: 'linear', outFeatures: int(3, 6), bias: false }, { type: 'activation', fn: 'tanh' },
      { type: 'linear', outFeatures: outputs }, { type: 'globalpool', op: 'max' });
  }
  return { inputLength: int(24, 40), inputChannels: 1, layers, seed: int(0, 100000) };  // ≥ 24: 6 cycles fit
}

/**
 * Random classifier experiment i: loss 'crossentropy' on a waveform-classification data set (2–4 classes) split
 * into a training and a validation set, mini-batches (in order or shuffled), optimizer cycling with i. Every fourth
 * experiment trains the same kind of network with sse or mse on a teacher's outputs instead, so the new layers are
 * also exported with those losses.
 */
function classifierExperiment(i, rand) {
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const classes = int(2, 4);
  const network = classifierNetwork(i, rand, classes);
  const count = int(8, 16);
  const validationCount = int(3, 6);
  const all = makeWaveformDataset({ seed: int(0, 999), count: count + validationCount, length: network.inputLength,
    classes: WAVEFORM_CLASSES.slice(0, classes) });
  const split = (from, to) => ({ inputs: all.inputs.slice(from * all.length, to * all.length),
    targets: all.targets.slice(from, to), count: to - from });
  let dataset = split(0, count);
  let validation = split(count, count + validationCount);
  const regression = i % 4 === 3;
  const loss = regression ? (i % 8 === 3 ? 'sse' : 'mse') : 'crossentropy';
  if (regression) {  // targets: a teacher network's outputs (another seed), so training can fit them
    const teacher = cp.createModel({ ...network, seed: network.seed + 1 });
    try {
      const outputsOf = (set) => {
        const size = teacher.outputChannels * teacher.outputLength;
        const targets = new Float32Array(set.count * size);
        for (let e = 0; e < set.count; e++) {
          teacher.setInput(set.inputs.subarray(e * network.inputLength, (e + 1) * network.inputLength));
          teacher.setTarget(new Float32Array(size));
          teacher.loss();
          targets.set(teacher.view('output'), e * size);
        }
        return { ...set, targets };
      };
      dataset = outputsOf(dataset);
      validation = outputsOf(validation);
    } finally {
      teacher.delete();
    }
  }
  const optimizer = OPTIMIZER_CASES[i % OPTIMIZER_CASES.length];
  const spec = { ...network, loss, batchSize: int(2, 6), shuffle: i % 2 === 1, optimizer };
  const lr = optimizer.type === 'adam' ? 10 ** (-2.5 + rand()) : 10 ** (-2 + rand()) / (loss === 'sse' ? 10 : 1);
  const schedule = Array.from({ length: int(1, 3) }, (_, s) => [int(5, 25), lr / 2 ** s]);
  return resolveExperiment(cp, spec, null, null, schedule, `classifier-experiment-${i}`, { dataset, validation });
}

/** CLASSIFIER_EXPERIMENTS classifier experiments that the core accepts and that train without diverging. */
function classifierExperiments() {
  const rand = random(14);
  const out = [];
  for (let i = 0; out.length < CLASSIFIER_EXPERIMENTS; i++) {
    assert.ok(i < 5000, 'could not draw enough valid classifier experiments');
    try {
      const resolved = classifierExperiment(out.length, rand);
      if (!nodeLosses(resolved).every((v) => v === null || Number.isFinite(v))) continue;
      const { spec } = resolved;
      out.push({
        name: `classifier ${out.length} (${spec.layers.map((l) => l.type).join(' ')}; ${spec.loss}, batchSize `
          + `${spec.batchSize}${spec.shuffle ? ', shuffled' : ''}, ${spec.optimizer.type})`,
        resolved,
      });
    } catch (error) {
      if (error.name === 'ConvPoolError' || error.name === 'AssertionError') continue;  // invalid or diverging
      throw error;
    }
  }
  return out;
}

/** Which classifier layers and options the classifier experiments exercise (each must be true). */
function classifierCoverageOf(resolved) {
  const layers = resolved.flatMap((r) => r.spec.layers);
  const has = (f) => layers.some(f);
  return {
    'avgpool1d with padding': has((l) => l.type === 'avgpool1d' && l.padding > 0),
    'avgpool1d without padding': has((l) => l.type === 'avgpool1d' && l.padding === 0),
    'avgpool1d ceil mode': has((l) => l.type === 'avgpool1d' && l.ceilMode),
    'avgpool1d padding ceil mode': has((l) => l.type === 'avgpool1d' && l.ceilMode && l.padding > 0),
    'avgpool1d countIncludePad': has((l) => l.type === 'avgpool1d' && l.countIncludePad && l.padding > 0),
    'avgpool1d without countIncludePad': has((l) => l.type === 'avgpool1d' && !l.countIncludePad && l.padding > 0),
    'globalpool max': has((l) => l.type === 'globalpool' && l.op === 'max'),
    'globalpool avg': has((l) => l.type === 'globalpool' && l.op === 'avg'),
    'linear with bias': has((l) => l.type === 'linear' && l.bias),
    'linear without bias': has((l) => l.type === 'linear' && !l.bias),
    'linear on a flattened [C, L] input': resolved.some((r) => r.spec.layers.some((l, k) => l.type === 'linear'
      && r.spec.layers[k - 1]?.type === 'avgpool1d')),
    'crossentropy with a validation set and batches': resolved.some((r) => r.spec.loss === 'crossentropy'
      && r.validation && r.spec.batchSize > 1),
    'crossentropy, shuffled': resolved.some((r) => r.spec.loss === 'crossentropy' && r.spec.shuffle),
    'classifier layers with loss sse': resolved.some((r) => r.spec.loss === 'sse'),
    'classifier layers with loss mse': resolved.some((r) => r.spec.loss === 'mse'),
  };
}

test('exported PyTorch and NumPy scripts reproduce the page\'s loss (lessons, 30 random experiments, 20 with data sets, 16 classifiers)',
  { skip: missing ? `skipped: ${missing} (install Debian's python3-torch to run the exported scripts)` : false },
  async (t) => {
    const started = performance.now();
    const linked = [...lessonExperiments(30, 20, ''), ...randomExperiments(), withoutWeights(),
      ...lessonExperiments(300, 100, ', 400 steps')]
      .map(({ name, experiment, floor }) => {
        const { resolved, problems } = resolveFragment(cp, linkOf(experiment));
        assert.deepEqual(problems, [], `${name}: its link must load without problems`);
        const targetEnergy = resolved.target.reduce((sum, v) => sum + v * v, 0);
        const absolute = floor ? 1e-10 * targetEnergy / (resolved.spec.loss === 'mse' ? resolved.target.length : 1) : 0;
        return { name, resolved, experiment, expected: nodeLosses(resolved), absolute };
      });
    const withData = datasetExperiments().map(({ name, resolved }) => ({
      name, resolved, experiment: null, expected: nodeLosses(resolved), absolute: 0,
    }));
    const classifiers = classifierExperiments().map(({ name, resolved }) => ({
      name, resolved, experiment: null, expected: nodeLosses(resolved), absolute: 0,
    }));
    const cases = [...linked, ...withData, ...classifiers];
    const coverage = {
      ...coverageOf(cases.map((c) => c.resolved.spec), linked.map((c) => c.experiment)),
      ...datasetCoverageOf(withData.map((c) => c.resolved)),
      ...classifierCoverageOf(classifiers.map((c) => c.resolved)),
    };
    for (const [what, seen] of Object.entries(coverage)) {
      assert.ok(seen, `the experiments must cover ${what}`);
    }

    const dir = mkdtempSync(join(tmpdir(), 'convpool-code-export-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const scripts = { pytorch: [], numpy: [] };
    cases.forEach((c, i) => {
      for (const kind of Object.keys(scripts)) {
        const path = join(dir, `${String(i).padStart(2, '0')}_${scriptFileName(kind)}`);
        writeFileSync(path, exportCode(kind, c.resolved));
        scripts[kind].push({ path, case: c });
      }
    });
    const all = [...scripts.pytorch, ...scripts.numpy].map((s) => s.path);

    const pythonStarted = performance.now();
    const [pytorchRuns, numpyRuns, compiled, style, standalone] = await Promise.all([
      runScripts(scripts.pytorch.map((s) => s.path)),
      runScripts(scripts.numpy.map((s) => s.path)),
      run(PYTHON, ['-m', 'py_compile', ...all]),
      run(PYTHON, ['-m', 'pycodestyle', ...all]),
      run(PYTHON, [scripts.numpy[0].path]),   // a script also runs on its own, as a learner runs it
    ]);
    const pythonSeconds = (performance.now() - pythonStarted) / 1000;

    assert.equal(compiled.status, 0, `py_compile failed:\n${compiled.stderr}`);
    assert.equal(style.status, 0, `pycodestyle found problems:\n${style.stdout.slice(0, 3000)}`);
    assert.equal(standalone.status, 0, `${scripts.numpy[0].path} failed on its own:\n${standalone.stderr}`);
    assert.equal(printedLoss(standalone.stdout), printedLoss(numpyRuns[0].stdout));

    let worst = { relative: 0, name: '' };
    let worstWithData = { relative: 0, name: '' };
    let worstClassifier = { relative: 0, name: '' };
    let accuracies = 0;
    const pageChecks = { agree: 0, part: 0 };
    const identical = { pytorch: 0, numpy: 0 };
    const atFloor = [];
    for (const [kind, runs] of [['pytorch', pytorchRuns], ['numpy', numpyRuns]]) {
      runs.forEach((result, i) => {
        const { name, expected, resolved, absolute } = scripts[kind][i].case;
        assert.equal(result.error, null, `${kind} script of ${name} failed:\n${result.error}`);
        const lines = result.stdout.trim().split('\n');
        const labels = printedLabels(resolved);
        assert.equal(lines.length, expected.length, `${kind} script of ${name} must print the lines `
          + `${labels.join(', ')}; it printed:\n${result.stdout}`);
        lines.forEach((line, j) => {
          const label = labels[j];
          if (label === 'page_check') {  // agrees, or parts where the exporter's nudged replay warned that it may
            const flagged = resolved.pageCheck.sensitivity?.partsBy !== undefined && resolved.pageCheck.sensitivity?.partsBy !== null;
            assert.match(line, flagged ? /^page_check: (agrees|parts)/ : /^page_check: agrees with the page at all/,
              `${kind} script of ${name}: line ${j + 1}${flagged ? '' : ' (the exporter found no float32 chaos)'}`);
            pageChecks[/^page_check: agrees/.test(line) ? 'agree' : 'part'] += 1;
            return;
          }
          const match = label === 'step' ? /^step \d+ lr \S+ loss (\S+)$/.exec(line) : new RegExp(`^${label} (\\S+)$`).exec(line);
          assert.ok(match, `${kind} script of ${name}: line ${j + 1} ${JSON.stringify(line)} must read '${label} <value>'`);
          const value = Number(match[1]);
          const what = label === 'step' ? `loss after segment ${j + 1}` : label.replace('_', ' ');
          if (label.endsWith('accuracy')) {   // a share of examples: the same predictions give the same number
            assert.equal(value, expected[j], `${kind} script of ${name}: ${what} ${value}; the page's is ${expected[j]}`);
            accuracies += 1;
            return;
          }
          const difference = Math.abs(value - expected[j]);
          const relative = difference / Math.abs(expected[j]);
          assert.ok(relative <= TOLERANCE || difference <= absolute, `${kind} script of ${name}: ${what} ${value}; `
            + `the page's is ${expected[j]} (relative error ${relative}, allowed ${TOLERANCE}`
            + `${absolute ? ` or absolute ${absolute}` : ''}); ${resolved.link}`);
          if (relative > TOLERANCE) atFloor.push(`${kind} ${name} (${expected[j].toExponential(2)})`);
          else if (absolute === 0 && relative > worst.relative) worst = { relative, name: `${kind} ${name}` };
          if (name.startsWith('data set') && relative > worstWithData.relative) worstWithData = { relative, name: `${kind} ${name}` };
          if (name.startsWith('classifier') && relative > worstClassifier.relative) {
            worstClassifier = { relative, name: `${kind} ${name}` };
          }
        });
        if (printedLoss(result.stdout) === expected[expected.length - 1]) identical[kind] += 1;
      });
    }
    const seconds = (label, runs) => `${label} ${runs.reduce((s, r) => s + r.seconds, 0).toFixed(1)} s`;
    const strict = cases.filter((c) => c.absolute === 0).length;
    t.diagnostic(`${all.length} scripts (${cases.length} experiments x PyTorch, NumPy): worst relative error of the `
      + `${strict} strict experiments ${worst.relative.toExponential(2)} (${worst.name}); of the ${withData.length} `
      + `with data sets ${worstWithData.relative.toExponential(2)} (${worstWithData.name}); of the `
      + `${classifiers.length} classifiers ${worstClassifier.relative.toExponential(2)} (${worstClassifier.name}); `
      + `${accuracies} accuracy lines equal; page_check lines: ${pageChecks.agree} agree, ${pageChecks.part} part `
      + `(where the exporter warned); final loss bit-identical: `
      + `PyTorch ${identical.pytorch}/${cases.length}, NumPy ${identical.numpy}/${cases.length}; within the float32 `
      + `floor only: ${atFloor.length ? [...new Set(atFloor)].join(', ') : 'none'}; python ${pythonSeconds.toFixed(1)} s wall `
      + `(${seconds('PyTorch scripts', pytorchRuns)}, ${seconds('NumPy scripts', numpyRuns)}); `
      + `whole test ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });

/** Which data-set options the data-set experiments exercise (each must be true). */
function datasetCoverageOf(resolved) {
  const has = (f) => resolved.some(f);
  const o = (r) => r.spec.optimizer;
  return {
    'a batch size that divides the count': has((r) => r.spec.batchSize > 1 && r.dataset.count % r.spec.batchSize === 0),
    'a batch size that does not divide the count': has((r) => r.dataset.count % r.spec.batchSize !== 0),
    'a batch larger than the data set': has((r) => r.spec.batchSize > r.dataset.count),
    'examples in order': has((r) => !r.spec.shuffle && r.dataset.count > 1),
    'shuffled examples': has((r) => r.spec.shuffle),
    'plain SGD': has((r) => o(r).type === 'sgd' && o(r).momentum === 0),
    'SGD with momentum': has((r) => o(r).momentum > 0 && !o(r).nesterov && o(r).dampening === 0),
    'SGD with dampening': has((r) => o(r).dampening > 0),
    'Nesterov momentum': has((r) => o(r).nesterov),
    'Adam (defaults)': has((r) => o(r).type === 'adam' && o(r).beta1 === 0.9),
    'Adam (other betas and eps)': has((r) => o(r).type === 'adam' && o(r).beta1 !== 0.9),
    'weight decay with SGD': has((r) => r.spec.weightDecay > 0 && o(r).type === 'sgd'),
    'weight decay with Adam': has((r) => r.spec.weightDecay > 0 && o(r).type === 'adam'),
    'a validation set': has((r) => r.validation),
    'a grouped conv': has((r) => r.spec.layers.some((l) => l.groups > 1)),
    'data-set loss sse': has((r) => r.spec.loss === 'sse'),
    'data-set loss mse': has((r) => r.spec.loss === 'mse'),
  };
}

/** Which options the specs and the experiments' signals exercise (each must be true). */
function coverageOf(specs, experiments) {
  const layers = specs.flatMap((s) => s.layers);
  const convs = layers.filter((l) => l.type === 'conv1d');
  const pools = layers.filter((l) => l.type === 'maxpool1d');
  const has = (list, f) => list.some(f);
  return {
    ...Object.fromEntries(PADDING_MODES.map((m) => [`paddingMode ${m}`, has(convs, (l) => l.paddingMode === m)])),
    ...Object.fromEntries(ACTIVATIONS.map((fn) => [`activation ${fn}`, has(layers, (l) => l.fn === fn)])),
    "padding 'same'": has(convs, (l) => l.padding === 'same'),
    "padding 'valid'": has(convs, (l) => l.padding === 'valid'),
    'an integer padding > 0': has(convs, (l) => Number.isInteger(l.padding) && l.padding > 0),
    'conv stride > 1': has(convs, (l) => l.stride > 1),
    'conv dilation > 1': has(convs, (l) => l.dilation > 1),
    'conv without bias': has(convs, (l) => !l.bias),
    'several out channels': has(convs, (l) => l.outChannels > 1),
    'several input channels': specs.some((s) => s.inputChannels > 1),
    'pool padding': has(pools, (l) => l.padding > 0),
    'pool dilation': has(pools, (l) => l.dilation > 1),
    'pool stride > 1': has(pools, (l) => l.stride > 1),
    'pool ceil mode': has(pools, (l) => l.ceilMode),
    'loss sse': specs.some((s) => s.loss === 'sse'),
    'loss mse': specs.some((s) => s.loss === 'mse'),
    'a drawn input': experiments.some((e) => e.input.some((c) => c.drawn)),
    'a drawn target': experiments.some((e) => e.target.drawn),
    ...Object.fromEntries(['filtered', 'same', 'pooled', 'signal'].map((preset) => [`target '${preset}'`,
      experiments.some((e) => e.target.preset === preset)])),
  };
}

test('float32 literals are the shortest decimals Python reads back as the same float32', () => {
  const rand = random(32);
  const bits = new Uint32Array(1);
  const asFloat = new Float32Array(bits.buffer);
  let longest = 0;
  for (let i = 0; i < 20000; i++) {
    bits[0] = Math.floor(rand() * 2 ** 32);
    const value = asFloat[0];
    const text = float32Literal(value);
    if (Number.isNaN(value)) {
      assert.equal(text, "float('nan')");
      continue;
    }
    if (!Number.isFinite(value)) {
      assert.equal(text, value > 0 ? "float('inf')" : "-float('inf')");
      continue;
    }
    // Python: float(text) is the nearest double, then float32 rounds it: exactly Math.fround(Number(text)).
    assert.ok(Object.is(Math.fround(Number(text)), value), `${value} written as ${text}`);
    assert.match(text, /^-?\d+(\.\d+)?(e[-+]?\d+)?$/, `${text} is a Python float literal`);
    longest = Math.max(longest, text.replace(/^-|e.*$/g, '').replace('.', '').replace(/^0+|0+$/g, '').length);
  }
  assert.ok(longest <= 9, `at most 9 significant digits (saw ${longest})`);
  assert.equal(float32Literal(0.1), '0.1');
  assert.equal(float32Literal(-0), '-0.0');
  assert.equal(float32Literal(1), '1.0');
});

test('bad requests name the argument, its value and the rule', () => {
  const spec = { inputLength: 8, layers: [{ type: 'conv1d', kernelSize: 3 }] };
  const resolved = resolveExperiment(cp, spec, new Float32Array(8), new Float32Array(6), [[2, 0.1]], 'v=1');
  assert.throws(() => exportCode('rust', resolved), { name: 'ConvPoolError', message: /kind 'rust' must be one of 'pytorch', 'numpy'/ });
  assert.throws(() => exportCode('numpy', { ...resolved, dataset: undefined, input: [1, 2] }), { name: 'ConvPoolError', message: /input an array of length 2 must be a Float32Array/ });
  assert.throws(() => exportCode('pytorch', { ...resolved, schedule: [[1.5, 0.1]] }), { name: 'ConvPoolError', message: /schedule .* \[steps, learningRate\]/ });
  const withSpec = (change) => ({ ...resolved, spec: { ...resolved.spec, ...change } });
  assert.throws(() => exportCode('pytorch', withSpec({ layers: [{ type: 'dropout' }] })), { name: 'ConvPoolError', message: /layers\[0\].type 'dropout' cannot be exported as code \(the exporters know conv1d, activation, maxpool1d, avgpool1d, globalpool, linear\)/ });
  assert.throws(() => exportCode('numpy', withSpec({ loss: 'hinge' })), { name: 'ConvPoolError', message: /loss 'hinge' cannot be exported as code yet \(the exporters know sse, mse, crossentropy\)/ });
  assert.throws(() => exportCode('numpy', withSpec({ layers: [{ type: 'linear', outFeatures: 4 }] })), { name: 'ConvPoolError', message: /initialParameters\[0\] .* must hold a Float32Array weight of a multiple of 4 values \(layer 0 is linear\)/ });
  assert.throws(() => exportCode('pytorch', withSpec({ optimizer: { type: 'rmsprop' } })), { name: 'ConvPoolError', message: /optimizer.type 'rmsprop' must be one of sgd, adam/ });
  assert.throws(() => exportCode('numpy', withSpec({ optimizer: { type: 'adam', beta1: '0.9' } })), { name: 'ConvPoolError', message: /optimizer.beta1 '0.9' must be a finite number/ });
  assert.throws(() => exportCode('numpy', withSpec({ batchSize: 0 })), { name: 'ConvPoolError', message: /batchSize 0 must be a whole number ≥ 1/ });
  assert.throws(() => exportCode('numpy', withSpec({ weightDecay: -1 })), { name: 'ConvPoolError', message: /weightDecay -1 must be a finite number ≥ 0/ });
  assert.throws(() => exportCode('numpy', { ...resolved, dataset: { inputs: new Float32Array(14), targets: new Float32Array(12), count: 2.5 } }), { name: 'ConvPoolError', message: /dataset.count 2.5 must be a whole number ≥ 1/ });
  assert.throws(() => exportCode('numpy', { ...resolved, dataset: { inputs: new Float32Array(14), targets: new Float32Array(12), count: 2 } }), { name: 'ConvPoolError', message: /dataset.inputs has length 14 but must have count \* inputChannels \* inputLength = 16/ });
  assert.throws(() => exportCode('numpy', { ...resolved, validation: { inputs: new Float32Array(8), targets: [1], count: 1 } }), { name: 'ConvPoolError', message: /validation.targets an array of length 1 must be a Float32Array/ });
  assert.throws(() => resolveExperiment(cp, spec, null, null, [], '', { dataset: { inputs: new Float32Array(15), targets: new Float32Array(12), count: 2 } }), { name: 'ConvPoolError', message: /inputs has length 15/ });
  assert.throws(() => exportCode('pytorch', { ...resolved, initialParameters: [] }), { name: 'ConvPoolError', message: /one entry per layer \(1\)/ });
  assert.throws(() => resolveExperiment(cp, spec, new Float32Array(7), new Float32Array(6), [], ''), { name: 'ConvPoolError', message: /input has length 7/ });
  assert.equal(cp.liveModels(), 0, 'resolveExperiment deletes its model, also when it throws');
});

test('the page\'s session exports a network with avgpool1d, globalpool and linear layers that its scripts reproduce',
  { skip: missing ? `skipped: ${missing}` : false },
  async (t) => {
    const { createSession } = await import('../../web/shared/session.js');
    const { defaultExperiment } = await import('../../web/shared/experiment.js');
    const { experimentAsCode } = await import('../../web/app/code-source.js');
    const session = createSession(cp);
    const experiment = defaultExperiment();
    experiment.network.layers = [{ type: 'conv1d', outChannels: 2, kernelSize: 3, padding: 1 },
      { type: 'avgpool1d', kernelSize: 2, padding: 1, ceilMode: true, countIncludePad: false },
      { type: 'globalpool', op: 'avg' }, { type: 'linear', outFeatures: 1 }];
    experiment.target = { drawn: [0.5] };
    assert.equal(session.load(experiment), true, 'the experiment with the classifier layers loads');
    session.train(10, 0.01);
    const dir = mkdtempSync(join(tmpdir(), 'convpool-code-export-page-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const paths = ['pytorch', 'numpy'].map((kind) => {
      const path = join(dir, scriptFileName(kind));
      writeFileSync(path, experimentAsCode(session, kind));
      return path;
    });
    const runs = await runScripts(paths);
    const expected = session.loss();
    runs.forEach((result, i) => {
      assert.equal(result.error, null, `${paths[i]} failed:\n${result.error}`);
      const printed = printedLoss(result.stdout);
      assert.ok(Math.abs(printed - expected) <= TOLERANCE * Math.abs(expected),
        `${paths[i]} printed loss ${printed}; the session's loss() is ${expected}`);
    });
  });

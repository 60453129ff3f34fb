// Exported code reproduces the experiment: the PyTorch and the NumPy script of every lesson and of 30 random valid
// experiments run under Debian's python3 (torch 1.13, numpy), and the `loss <value>` each prints last must match
// model.loss() after replaying the same schedule here, within 1e-4 relative. Each script must also compile
// (py_compile) and pass pycodestyle (default settings: 79 columns).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConvPool } from '../../web/convpool.js';
import { LESSONS } from '../../web/explain/lessons.js';
import { exportCode, scriptFileName } from '../../web/shared/code-export/index.js';
import { linkOf, resolveFragment } from '../helpers/experiment-adapter.mjs';
import { PYTHON, missingPythonModules, printedLoss, run, runScripts } from '../helpers/python-runner.mjs';
import { random } from '../helpers/random.mjs';

const TOLERANCE = 1e-4;
const RANDOM_EXPERIMENTS = 30;
const cp = await loadConvPool();
// Only a python3 without torch skips (Debian's python3-torch brings numpy); pycodestyle is installed by setup.sh.
const missing = missingPythonModules(['torch']);

/** The page's loss() after replaying the schedule: model.loss() at the final weights. */
function nodeLoss(resolved) {
  const model = cp.createModel(resolved.spec);
  try {
    model.setInput(resolved.input);
    model.setTarget(resolved.target);
    for (const [steps, lr] of resolved.schedule) {
      model.train(steps, lr);
      assert.equal(model.lastTrain.diverged, false, `training diverged in Node for ${resolved.link}`);
    }
    return model.loss();
  } finally {
    model.delete();
  }
}

/** Every lesson, with two training segments added so the scripts have steps to replay. */
function lessonExperiments() {
  return LESSONS.map((lesson) => {
    const e = JSON.parse(JSON.stringify(lesson.experiment));
    e.schedule = [[30, e.learningRate], [20, e.learningRate / 2]];
    e.steps = 50;
    return { name: `lesson ${lesson.id}`, experiment: e };
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
      if (!Number.isFinite(nodeLoss(resolved))) continue;
      out.push({ name: `random ${out.length}`, experiment });
    } catch (error) {
      if (error.name === 'ConvPoolError' || error.name === 'AssertionError') continue;  // invalid or diverging
      throw error;
    }
  }
  return out;
}

test('exported PyTorch and NumPy scripts reproduce the page\'s loss (lessons + 30 random experiments)',
  { skip: missing ? `skipped: ${missing} (install Debian's python3-torch to run the exported scripts)` : false },
  async (t) => {
    const started = performance.now();
    const cases = [...lessonExperiments(), ...randomExperiments()].map(({ name, experiment }) => {
      const { resolved, problems } = resolveFragment(cp, linkOf(experiment));
      assert.deepEqual(problems, [], `${name}: its link must load without problems`);
      return { name, resolved, expected: nodeLoss(resolved) };
    });
    const coverage = coverageOf(cases.map((c) => c.resolved.spec));
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
    for (const [kind, runs] of [['pytorch', pytorchRuns], ['numpy', numpyRuns]]) {
      runs.forEach((result, i) => {
        const { name, expected, resolved } = scripts[kind][i].case;
        assert.equal(result.error, null, `${kind} script of ${name} failed:\n${result.error}`);
        const segments = resolved.schedule.filter(([n]) => n > 0).length;
        const lines = result.stdout.trim().split('\n');
        assert.equal(lines.length, segments + 1, `${kind} script of ${name} must print one line per segment and the loss`);
        const loss = printedLoss(result.stdout);
        const relative = Math.abs(loss - expected) / Math.abs(expected);
        assert.ok(relative <= TOLERANCE, `${kind} script of ${name} printed loss ${loss}; the page's loss() is `
          + `${expected} (relative error ${relative}, allowed ${TOLERANCE}); link #${resolved.link}`);
        if (relative > worst.relative) worst = { relative, name: `${kind} ${name}` };
      });
    }
    const seconds = (label, runs) => `${label} ${runs.reduce((s, r) => s + r.seconds, 0).toFixed(1)} s`;
    t.diagnostic(`${all.length} scripts (${cases.length} experiments x PyTorch, NumPy); worst relative error `
      + `${worst.relative.toExponential(2)} (${worst.name}); python ${pythonSeconds.toFixed(1)} s wall `
      + `(${seconds('PyTorch scripts', pytorchRuns)}, ${seconds('NumPy scripts', numpyRuns)}); `
      + `whole test ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });

/** Which options the specs exercise (each must be true). */
function coverageOf(specs) {
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
  };
}

// Every formula the explanations display, evaluated with its numbers against the core (the real WASM module through
// web/convpool.js) over a sweep of configurations: all padding modes, 'same'/'valid'/numeric padding, strides,
// dilations, even and odd K, ceil mode, empty pool windows. And every general claim of the texts, checked over the
// same sweep at the condition the text states. Numbers quoted "PyTorch 1.13" were computed with torch 1.13
// (F.max_pool1d, nn.Conv1d) when these tests were written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { loadConvPool } from '../../web/convpool.js';
import { networkEquations, substitute } from '../../web/explain/equations.js';
import { convInputGradTex } from '../../web/layers/conv1d/equations.js';
import { buildFrames, frameCaption } from '../../web/explain/step-frames.js';
import * as F from '../../web/shared/formulas.js';
import * as R from '../helpers/conv-reference.mjs';
import { takeSnapshot } from '../../web/explain/snapshot.js';
import { paddedSource } from '../../web/shared/geometry.js';
import { CONV_ANSWER, CONV_RULES, POOL_ANSWER, POOL_RULES } from '../../web/explain/boundary-lab.js';
import { LESSONS } from '../../web/explain/lessons.js';
import { NOTATION } from '../../web/explain/notation.js';
import { describeHover } from '../../web/app/tooltip.js';
import { agree, checkLine, finalValue } from '../helpers/tex-eval.mjs';
import { random } from '../helpers/random.mjs';

const cp = await loadConvPool();
const MODES = ['zeros', 'reflect', 'replicate', 'circular'];

/** Builds a model or returns null when the core refuses the configuration (the sweep includes invalid ones). */
function tryModel(spec) {
  try { return cp.createModel(spec); } catch (error) {
    if (error.name !== 'ConvPoolError') throw error;
    return null;
  }
}

/** Inputs with ties (values on a grid of 1/4) so that "first maximum wins" is exercised. */
function setData(model, seed) {
  const rnd = random(seed);
  const grid = (n) => Float32Array.from({ length: n }, () => Math.round((rnd() * 4 - 2) * 4) / 4);
  model.setInput(grid(model.inputChannels * model.inputLength));
  model.setTarget(grid(model.outputChannels * model.outputLength));
}

function* convSpecs() {
  let i = 0;
  for (const N of [5, 9]) for (const K of [1, 2, 3, 4, 5]) for (const s of [1, 2, 3]) for (const d of [1, 2, 3]) {
    for (const padding of [0, 1, 2, 'same', 'valid']) for (const mode of MODES) {
      i++;
      yield {
        inputLength: N, inputChannels: i % 5 === 0 ? 2 : 1, loss: i % 2 ? 'sse' : 'mse', seed: i,
        layers: [{ type: 'conv1d', outChannels: i % 7 === 0 ? 2 : 1, kernelSize: K, stride: s, dilation: d, padding, paddingMode: mode, bias: i % 3 !== 0 },
          { type: 'activation', fn: ['tanh', 'relu', 'sigmoid', 'identity'][i % 4] }],
      };
    }
  }
}

function* poolSpecs() {
  let i = 0;
  for (const N of [1, 2, 3, 5, 7, 10]) for (const K of [1, 2, 3, 4]) for (const s of [1, 2, 3]) for (const d of [1, 2, 3]) {
    for (let p = 0; p <= Math.floor(K / 2); p++) for (const ceilMode of [false, true]) {
      i++;
      yield { inputLength: N, inputChannels: i % 4 === 0 ? 2 : 1, loss: i % 2 ? 'sse' : 'mse', seed: i,
        layers: [{ type: 'maxpool1d', kernelSize: K, stride: s, dilation: d, padding: p, ceilMode }] };
    }
  }
}

/** Every hover target of a snapshot: every sample of every signal, every weight and bias, every padded cell. */
function targets(snapshot) {
  const out = [];
  const L = snapshot.layers.length;
  for (let level = 0; level <= L; level++) {
    const c = level === 0 ? snapshot.inputChannels : snapshot.layers[level - 1].geometry.outChannels;
    const n = level === 0 ? snapshot.inputLength : snapshot.layers[level - 1].geometry.outLength;
    for (let channel = 0; channel < c; channel++) for (let index = 0; index < n; index++) out.push({ kind: 'signal', level, channel, index });
  }
  snapshot.layers.forEach(({ geometry: g }, layer) => {
    if (g.type !== 'conv1d') return;
    for (let index = 0; index < g.outChannels * g.inChannels * g.kernelSize; index++) out.push({ kind: 'weight', layer, index });
    if (g.bias) for (let index = 0; index < g.outChannels; index++) out.push({ kind: 'bias', layer, index });
    for (let channel = 0; channel < g.inChannels; channel++) for (let index = 0; index < g.paddedLength; index++) out.push({ kind: 'padded', layer, channel, index });
  });
  return out;
}

/** The core's value a substituted block arrives at, or undefined when the block has no single value. */
function expectedValue(snapshot, target, block, lineIndex, lr) {
  const at = (layer, name, c, i, len) => snapshot.layers[layer][name][c * len + i];
  if (target.kind === 'weight') {
    const layer = snapshot.layers[target.layer];
    if (block.startsWith('update')) return Math.fround(layer.weight[target.index] - Math.fround(lr * layer.gradWeight[target.index]));
    return layer.gradWeight[target.index];
  }
  if (target.kind === 'bias') {
    const layer = snapshot.layers[target.layer];
    if (block.startsWith('update')) return Math.fround(layer.bias[target.index] - Math.fround(lr * layer.gradBias[target.index]));
    return layer.gradBias[target.index];
  }
  if (target.kind === 'padded') {
    const layer = snapshot.layers[target.layer];
    const P = layer.geometry.paddedLength;
    return block.startsWith('forward') ? (paddedSource(target.index, layer.geometry.padLeft, layer.geometry.inLength, layer.geometry.paddingMode) < 0 ? undefined : layer.padded[target.channel * P + target.index])
      : layer.gradPadded[target.channel * P + target.index];
  }
  const { level, channel: c, index: i } = target;
  if (block === 'loss') return lineIndex === 1 ? snapshot.gradPrediction[c * snapshot.outputLength + i] : undefined;
  const l = Number(block.split('-').pop());
  const g = snapshot.layers[l].geometry;
  if (block.startsWith('forward')) {
    if (g.type === 'maxpool1d' && lineIndex === 1) return at(l, 'argmax', c, i, g.outLength);
    return lineIndex === (g.type === 'conv1d' ? 1 : 0) ? at(l, 'output', c, i, g.outLength) : undefined;
  }
  if (level === l && lineIndex === 0) return at(l, 'gradInput', c, i, g.inLength);
  return undefined;
}

/** Runs every displayed formula of one model; returns { checked, failures }. */
function checkModel(model, lr = 0.05) {
  const failures = [];
  const counts = { checked: 0 };
  const snapshot = takeSnapshot(model);
  const where = JSON.stringify(model.spec.layers);
  // The general equations: the lines with numbers (output lengths, coverage) must be true.
  for (const block of networkEquations(model.layers, { loss: model.spec.loss, learningRate: lr })) {
    for (const line of block.lines) if (typeof line === 'string') failures.push(...checkLine(line, counts).map((f) => `${where} ${block.id}: ${f}`));
  }
  for (const target of targets(snapshot)) {
    for (const { block, lines } of substitute(snapshot, target, { learningRate: lr })) {
      lines.forEach((line, index) => {
        failures.push(...checkLine(line, counts).map((f) => `${where} ${JSON.stringify(target)} ${block}: ${f}`));
        const expected = expectedValue(snapshot, target, block, index, lr);
        if (expected === undefined) return;
        const shown = finalValue(line);
        counts.checked++;
        if (shown === null || !agree(shown, expected)) failures.push(`${where} ${JSON.stringify(target)} ${block}: shows ${shown}, the core has ${expected}: ${line}`);
      });
    }
  }
  // The step-through's captions: every frame's TeX with numbers.
  for (const frame of buildFrames(snapshot)) {
    for (const line of frameCaption(snapshot, frame, { learningRate: lr }).tex) {
      failures.push(...checkLine(line, counts).map((f) => `${where} frame ${frame.kind} ${frame.upto}: ${f}`));
    }
  }
  return { ...counts, failures };
}

test('every substituted formula of a conv network equals the core, over the conv sweep', (t) => {
  let models = 0, checked = 0;
  const failures = [];
  for (const spec of convSpecs()) {
    const model = tryModel(spec);
    if (!model) continue;
    try {
      setData(model, spec.seed);
      const r = checkModel(model);
      models++; checked += r.checked; failures.push(...r.failures);
    } finally { model.delete(); }
  }
  t.diagnostic(`${models} conv models, ${checked} displayed relations and values checked`);
  assert.ok(models > 400, `the sweep built ${models} conv models`);
  assert.ok(checked > 100000, `only ${checked} relations checked`);
  assert.deepEqual(failures.slice(0, 5), [], `${failures.length} false formulas`);
});

test('every substituted formula of a max-pool (ceil mode, dilation, empty windows) equals the core', (t) => {
  let models = 0, checked = 0, empties = 0;
  const failures = [];
  for (const spec of poolSpecs()) {
    const model = tryModel(spec);
    if (!model) continue;
    try {
      setData(model, spec.seed);
      const r = checkModel(model);
      models++; checked += r.checked; failures.push(...r.failures);
      // Item: an empty window is shown as empty — no k*, no a[t], no winner — and sends no gradient.
      const snapshot = takeSnapshot(model);
      const g = model.layers[0];
      for (let t = 0; t < g.outLength; t++) {
        const w = F.poolWindow(g, snapshot.layers[0].input, t);
        const lines = substitute(snapshot, { kind: 'signal', level: 1, channel: 0, index: t }).find((b) => b.block === 'forward-0').lines;
        if (w.empty) {
          empties++;
          assert.equal(snapshot.prediction[t], -Infinity, 'an empty window outputs −∞');
          assert.match(lines[0], /empty window/);
          assert.ok(!lines.some((l) => /a\[/.test(l)), `no arg-max for an empty window: ${lines}`);
          const tip = describeHover({ panel: 'forward', layer: 0, track: 'output', channel: 0, index: t },
            { model, experiment: { network: model.spec }, history: [] });
          assert.ok(!tip.lines.some((l) => l.includes('★')), `no ★ winner in an empty window: ${tip.lines}`);
        } else {
          assert.equal(w.argmax, snapshot.layers[0].argmax[t], 'a[t] = t·s + k*·d − p is the core\'s (PyTorch\'s) index');
          assert.ok(Object.is(w.value, snapshot.prediction[t]) || w.value === snapshot.prediction[t]);
        }
      }
      // ∂C/∂x_in of the pool: Σ over the non-empty windows whose a[t] = i (the displayed mask) equals the core.
      const dx = new Float64Array(g.inLength);
      for (let t = 0; t < g.outLength; t++) {
        const w = F.poolWindow(g, snapshot.layers[0].input, t);
        if (!w.empty) dx[w.argmax] += snapshot.layers[0].gradOutput[t];
      }
      dx.forEach((v, i) => assert.ok(Math.abs(v - snapshot.layers[0].gradInput[i]) < 1e-5, `${JSON.stringify(spec.layers)} ∂C/∂x_in[${i}]`));
    } finally { model.delete(); }
  }
  t.diagnostic(`${models} pool models, ${empties} empty windows, ${checked} displayed relations and values checked`);
  assert.ok(models > 300, `the sweep built ${models} pool models`);
  assert.ok(empties > 0, 'the sweep contains empty windows');
  assert.ok(checked > 5000, `only ${checked} relations checked`);
  assert.deepEqual(failures.slice(0, 5), [], `${failures.length} false formulas`);
});

test('item 2: the displayed output lengths are the core\'s, ceil mode included (and PyTorch 1.13\'s examples)', () => {
  // PyTorch 1.13: F.max_pool1d(x of length 5, 2, 2, 1, ceil_mode=True) → 3; (5, kernel 1, stride 3, ceil) → 2.
  const examples = [[{ inLength: 5, kernelSize: 2, stride: 2, padding: 1, dilation: 1, ceilMode: true }, 3],
    [{ inLength: 5, kernelSize: 1, stride: 3, padding: 0, dilation: 1, ceilMode: true }, 2]];
  for (const [g, pytorch] of examples) {
    const r = F.poolLength(g);
    assert.equal(r.value, pytorch);
    for (const line of r.tex) assert.deepEqual(checkLine(line), [], line);
  }
  let n = 0;
  for (const spec of poolSpecs()) {
    const model = tryModel(spec);
    if (!model) continue;
    const g = model.layers[0];
    const r = F.poolLength(g);
    assert.equal(r.value, g.outLength, JSON.stringify(g));
    for (const line of r.tex) assert.deepEqual(checkLine(line), [], line);
    // Ceil mode changes nothing at stride 1 (the lab's claim).
    if (g.stride === 1) assert.equal(r.first, g.outLength);
    model.delete();
    n++;
  }
  assert.ok(n > 300);
});

test('items 3 and 4: the δ̃ full correlation equals the core\'s ∂C/∂x_pad; the last (N_pad − d(K−1) − 1) mod s cells get 0', () => {
  // PyTorch 1.13: conv1d on N = 10, K = 3, stride 3 → x.grad[9] = 0 (the last cell is read by no window).
  const ex = F.backwardCoverage({ outLength: 3, stride: 3, dilation: 1, kernelSize: 3, paddedLength: 10 });
  assert.equal(ex.uncovered, 1);
  for (const line of ex.tex) assert.deepEqual(checkLine(line), [], line);
  assert.match(ex.tex[1], /= 1 /);
  let n = 0, tails = 0, gaps = 0;
  for (const spec of convSpecs()) {
    if (spec.inputChannels !== 1 || spec.layers[0].outChannels !== 1) continue;
    const model = tryModel(spec);
    if (!model) continue;
    setData(model, spec.seed);
    const snap = takeSnapshot(model);
    const layer = snap.layers[0];
    const g = layer.geometry;
    const full = R.fullCorrelation(g, layer.gradOutput, layer.weight);
    full.forEach((v, j) => assert.ok(Math.abs(v - layer.gradPadded[j]) < 1e-5 * Math.max(1, Math.abs(v)), `${JSON.stringify(spec.layers[0])} j=${j}`));
    // The displayed sum itself: read its offset, dilation and flip from the TeX and evaluate it with δ̃ as displayed.
    const lines = convInputGradTex(g, 0).filter((l) => typeof l === 'string');
    const sum = lines.find((l) => l.includes('\\sum_{q=0}')).match(/\\tilde\\delta\[j - (\d+) \+ (\d*)q\].*W\[(\d+) - q\]/);
    assert.ok(sum, `the δ̃ sum is displayed: ${lines.join(' | ')}`);
    const [offset, dm, flip] = [Number(sum[1]), Number(sum[2] || 1), Number(sum[3])];
    const tilde = (r) => (r >= 0 && r % g.stride === 0 && r / g.stride < g.outLength ? layer.gradOutput[r / g.stride] : 0);
    for (let j = 0; j < g.paddedLength; j++) {
      let v = 0;
      for (let m = 0; m < g.kernelSize; m++) v += tilde(j - offset + dm * m) * layer.weight[flip - m];
      assert.ok(Math.abs(v - layer.gradPadded[j]) < 1e-5 * Math.max(1, Math.abs(v)), `displayed δ̃ sum at j=${j}: ${sum[0]}`);
    }
    const cover = F.backwardCoverage(g);
    assert.equal(cover.uncovered, (g.paddedLength - g.dilation * (g.kernelSize - 1) - 1) % g.stride);
    for (let j = cover.covered; j < g.paddedLength; j++) assert.equal(layer.gradPadded[j], 0, `cell ${j} is read by no window`);
    for (const line of cover.tex) assert.deepEqual(checkLine(line), [], line);
    if (cover.uncovered > 0) tails++;
    // issue 24: inside the span, cells no tap reads (s > d(K−1) + 1, or s and d sharing a factor) get 0 too, and the
    // note says so when there are any (it used to call the whole span "covered")
    let unread = 0;
    for (let j = 0; j < cover.covered; j++) {
      let reads = false;
      for (let t = 0; t < g.outLength; t++) for (let k = 0; k < g.kernelSize; k++) if (t * g.stride + k * g.dilation === j) reads = true;
      if (!reads) { unread++; assert.equal(layer.gradPadded[j], 0, `cell ${j} inside the span is read by no tap`); }
    }
    assert.equal(cover.skipped, unread, 'the skipped cells are counted');
    if (g.stride > 1) {
      const note = convInputGradTex(g, 0).filter((l) => typeof l !== 'string').map((l) => l.note).join(' ');
      assert.equal(/read by no tap \(/.test(note), unread > 0, `the note names the skipped cells (${unread}): ${note}`);
    }
    if (unread > 0) gaps++;
    model.delete();
    n++;
  }
  assert.ok(n > 300 && tails > 50 && gaps > 20, `${n} models, ${tails} with an uncovered tail, ${gaps} with unread cells inside`);
});

test('item 5: \'same\' pads d(K−1) in total, ⌊total/2⌋ on the left (PyTorch 1.13: K = 4 → 1 and 2; K = 4, d = 3 → 4 and 5)', () => {
  assert.deepEqual(R.samePadding(4, 1), { total: 3, left: 1, right: 2 });
  assert.deepEqual(R.samePadding(4, 3), { total: 9, left: 4, right: 5 });
  for (const K of [1, 2, 3, 4, 5, 6, 7]) for (const d of [1, 2, 3]) {
    const model = cp.createModel({ inputLength: 40, inputChannels: 1, layers: [{ type: 'conv1d', outChannels: 1, kernelSize: K, dilation: d, padding: 'same' }] });
    const g = model.layers[0];
    const same = R.samePadding(K, d);
    assert.deepEqual([g.padLeft, g.padRight], [same.left, same.right], `K=${K} d=${d}`);
    // "(K−1)/2 on each side" holds exactly for odd K with d = 1 among these.
    if (d === 1) assert.equal(g.padLeft === g.padRight, K % 2 === 1);
    model.delete();
  }
  assert.match(CONV_ANSWER, /⌊d\(K−1\)\/2⌋/);
  assert.match(CONV_ANSWER, /for odd K with d = 1/);
  assert.ok(!/\(K ?− ?1\)\/2 on each side(?! for odd)/.test(LESSONS.find((l) => l.id === '1a').text[0]), 'lesson 1a states the condition');
});

test('item 6: −∞ padding ⌊K/2⌋ keeps the pool length N only when 2⌊K/2⌋ = d(K−1) (odd K: only with d = 1)', () => {
  // PyTorch 1.13, N = 10: K = 2 or 4 → 11; K = 3, d = 2, p = 1 → 8.
  for (const N of [5, 10, 17]) for (const K of [1, 2, 3, 4, 5, 6]) for (const d of [1, 2, 3]) {
    const p = Math.floor(K / 2);
    const model = tryModel({ inputLength: N, inputChannels: 1, layers: [{ type: 'maxpool1d', kernelSize: K, stride: 1, padding: p, dilation: d }] });
    if (!model) continue;
    const keeps = model.layers[0].outLength === N;
    assert.equal(keeps, R.poolKeepsLength(N, K, d, p));
    assert.equal(keeps, 2 * p === d * (K - 1), `N=${N} K=${K} d=${d}`);
    if (K % 2 === 1 && K > 1) assert.equal(keeps, d === 1, 'odd K: only with d = 1');
    if (K % 2 === 0 && d === 1) assert.ok(!keeps, 'even K with d = 1 gives N + 1');
    assert.equal(model.layers[0].outLength, N + 2 * p - d * (K - 1), 'N + 2p − d(K−1) outputs');
    // With dilation some allowed p keeps N only for K ≤ 2 (p = d(K−1)/2 ≤ K/2).
    if (d > 1) {
      const any = Array.from({ length: Math.floor(K / 2) + 1 }, (_, q) => N + 2 * q - d * (K - 1) === N).some(Boolean);
      assert.equal(any, K <= 2 && (d * (K - 1)) % 2 === 0, `K=${K} d=${d}`);
    }
    model.delete();
  }
  const text = POOL_RULES.find((r) => r.id === 'pool-pad').text;
  assert.match(text, /only when 2⌊K\/2⌋ = d\(K−1\)/);
  assert.match(text, /for odd K that means d = 1/);
  assert.match(POOL_ANSWER, /odd K, d = 1/);
});

test('item 7: with d = 1 every pool window holds a real sample; with dilation a window can be empty (PyTorch 1.13: −∞)', () => {
  // PyTorch 1.13: F.max_pool1d([[1, 2]], 2, 1, 1, dilation=3) → [−∞].
  const model = cp.createModel({ inputLength: 2, inputChannels: 1, layers: [{ type: 'maxpool1d', kernelSize: 2, stride: 1, padding: 1, dilation: 3 }] });
  model.setInput(Float32Array.of(1, 2)); model.setTarget(new Float32Array(model.outputLength));
  model.evaluate();
  assert.equal(model.view('output')[0], -Infinity);
  assert.ok(F.poolWindow(model.layers[0], Float32Array.of(1, 2), 0).empty);
  const tip = describeHover({ panel: 'backward', layer: 0, track: 'gradInput', channel: 0, index: 1 }, { model, experiment: { network: model.spec }, history: [] });
  assert.deepEqual(tip.lines, ['won no window: gradient 0'], 'no (−∞) term is summed into ∂C/∂x_in');
  model.delete();
  let empties = 0;
  for (const spec of poolSpecs()) {
    const m = tryModel(spec);
    if (!m) continue;
    const g = m.layers[0];
    const x = new Float32Array(g.inLength);
    for (let t = 0; t < g.outLength; t++) {
      const empty = F.poolWindow(g, x, t).empty;
      if (g.dilation === 1) assert.ok(!empty, `d = 1 but window ${t} is empty: ${JSON.stringify(g)}`);
      if (empty) empties++;
    }
    m.delete();
  }
  assert.ok(empties > 0, 'dilation does produce empty windows in the sweep');
  const pad = POOL_RULES.find((r) => r.id === 'pool-pad').text;
  assert.match(pad, /With d = 1 every window holds one/);
  assert.ok(!/every window contains a real sample/.test([pad, POOL_ANSWER, ...LESSONS.flatMap((l) => l.text)].join(' ')));
});

test('item 8: the term counts the boundary lab states are the core\'s (W = 1, δ = 1), and what they add up to depends on W', () => {
  const run = (mode, N, K, d, padding, w) => {
    const probe = cp.conv1d({ x: new Float32Array(N), inChannels: 1, outChannels: 1, kernelSize: K, w, dilation: d, padding, paddingMode: mode });
    return cp.conv1d({ x: new Float32Array(N), inChannels: 1, outChannels: 1, kernelSize: K, w, dilation: d, padding, paddingMode: mode,
      gradOut: new Float32Array(probe.outLength).fill(1) }).dx;
  };
  for (const K of [1, 3, 5, 7]) for (const N of [2 * K + 1, 2 * K + 6]) {
    const p = (K - 1) / 2;
    const ones = new Float32Array(K).fill(1);
    for (const mode of MODES) {
      const dx = run(mode, N, K, 1, 'same', ones);
      assert.equal(dx[0], R.edgeTermCount(mode, K), `${mode} K=${K} N=${N}: x_in[0]`);
      assert.equal(dx[N - 1], R.edgeTermCount(mode, K), `${mode} K=${K} N=${N}: x_in[N−1]`);
      assert.equal(dx[Math.floor(N / 2)], K, 'an interior sample collects K');
      if (mode === 'reflect') for (let m = 1; m <= p; m++) assert.equal(dx[m], K + 1, `reflect x_in[${m}]`);
      if (mode === 'circular') dx.forEach((v) => assert.equal(v, K));
    }
    assert.equal(run('zeros', N, K, 1, 'valid', ones)[0], 1, 'valid: x_in[0] is in one window');
  }
  // Circular with any dilation: every sample K terms when N > d(K − 1).
  for (const K of [2, 3, 4]) for (const d of [1, 2, 3]) {
    const N = d * (K - 1) + 2;
    run('circular', N, K, d, 'same', new Float32Array(K).fill(1)).forEach((v) => assert.equal(v, K, `circular K=${K} d=${d}`));
  }
  // The general count (termCount) equals the core for every configuration of the sweep, stride 1 or not.
  for (const spec of convSpecs()) {
    const L = spec.layers[0];
    if (spec.inputChannels !== 1 || L.outChannels !== 1 || spec.inputLength !== 9) continue;
    const model = tryModel(spec);
    if (!model) continue;
    const g = model.layers[0];
    model.delete();
    const dx = cp.conv1d({ x: new Float32Array(9), inChannels: 1, outChannels: 1, kernelSize: g.kernelSize, w: new Float32Array(g.kernelSize).fill(1),
      stride: g.stride, dilation: g.dilation, padding: L.padding, paddingMode: g.paddingMode, gradOut: new Float32Array(g.outLength).fill(1) }).dx;
    const source = (j) => paddedSource(j, g.padLeft, g.inLength, g.paddingMode);
    dx.forEach((v, n) => assert.equal(v, F.termCount(g, n, source), `${JSON.stringify(L)} x_in[${n}]`));
  }
  // PyTorch 1.13, replicate, δ = 1: W = [.25, .5, .25] → 1 everywhere; W = [.1, .3, .6] → 0.5 at the left end, 1.5 at the right.
  const flat = run('replicate', 8, 3, 1, 1, Float32Array.of(0.25, 0.5, 0.25));
  flat.forEach((v) => assert.ok(Math.abs(v - 1) < 1e-6));
  const tilted = run('replicate', 8, 3, 1, 1, Float32Array.of(0.1, 0.3, 0.6));
  assert.ok(Math.abs(tilted[0] - 0.5) < 1e-6 && Math.abs(tilted[7] - 1.5) < 1e-6);
  const words = CONV_RULES.map((r) => r.gradient).join(' ');
  assert.ok(!/fades|largest/.test(words), 'no kernel-dependent claim about the size of the edge gradient');
  assert.match(CONV_RULES.find((r) => r.id === 'replicate').gradient, /\(p \+ 1\)\(p \+ 2\)\/2/);
});

test('item 9 and the notation: no undefined n, no "b +" without bias, stride named honestly, learner-facing wording', () => {
  const model = cp.createModel({ inputLength: 12, inputChannels: 1, loss: 'mse', layers: [{ type: 'conv1d', outChannels: 1, kernelSize: 3, bias: false }] });
  setData(model, 3);
  model.evaluate();
  const app = { model, experiment: { network: model.spec, input: [{ preset: 'sine' }] }, history: [] };
  const out = describeHover({ panel: 'forward', layer: 0, track: 'output', channel: 0, index: 2 }, app);
  assert.ok(!out.lines.some((l) => /b \+/.test(l)), `no bias term: ${out.lines}`);
  assert.match(out.title, /^x_out\[0, 2\]/, 'a layer output is x_out, never y');
  const grad = describeHover({ panel: 'backward', layer: 0, track: 'gradOutput', channel: 0, index: 2 }, app);
  assert.match(grad.lines[0], /n = channels · M = 10/, 'the n of the mean loss is defined');
  const tex = networkEquations(model.layers, { loss: 'mse' }).find((b) => b.id === 'loss').lines.join(' ');
  assert.match(tex, /n = \\text\{channels\}\\cdot M = 10/);
  model.delete();
  assert.ok(POOL_RULES.every((r) => !/stride K/.test(r.title)), 'the pool cards do not claim stride K');
  assert.ok(!/right −∞ padding/.test(POOL_RULES.find((r) => r.id === 'pool-ceil').text));
  const gc = readFileSync(new URL('../../web/explain/gradient-check.js', import.meta.url), 'utf8');
  assert.match(gc, /h = 10\\u207b\\u2076\\u00b7max\(1, \|\\u03b8\|\)/, 'the gradient check states its relative h');
  const lab = readFileSync(new URL('../../web/explain/boundary-lab.js', import.meta.url), 'utf8');
  assert.match(lab, /mark: \(i\) => \(result\.ringed\[i\]/, 'the ringed samples the lab promises are drawn');
  // One notation: y only for the target; δ^(ℓ) = ∂C/∂x_out; no "∂C/∂y" anywhere on the page.
  const layerFiles = readdirSync(new URL('../../web/layers/', import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => readdirSync(new URL(`../../web/layers/${entry.name}/`, import.meta.url)).map((file) => `layers/${entry.name}/${file}`));
  assert.ok(layerFiles.some((file) => file.endsWith('/equations.js')), 'the layer types\' equations are read too');
  const files = ['explain/equations.js', 'explain/tex.js', 'shared/formulas.js', 'explain/stepthrough.js', 'explain/step-frames.js', 'explain/step-draw.js', 'explain/boundary-lab.js',
    'explain/lessons.js', 'explain/index.js', 'explain/notation.js', 'explain/gradient-check.js', 'app/tooltip.js',
    'app/render/layers.js', ...layerFiles];
  for (const file of files) {
    const source = readFileSync(new URL(`../../web/${file}`, import.meta.url), 'utf8');
    assert.ok(!/∂C\/∂y\b|\\u2202C\/\\u2202y\b/.test(source), `${file} writes ∂C/∂y`);
    assert.ok(!/the assignment|student|the report|report’s/i.test(source), `${file} speaks of an assignment or a report`);
  }
  const symbols = NOTATION.map(([s]) => s).join(' ');
  for (const s of ['x_in', 'x_out', 'K, k', 's, d', 'p_l', 'ŷ, y', 'δ^(ℓ)', 'a[t]', 'C']) assert.ok(symbols.includes(s), `the notation box defines ${s}`);
});

// The step-through's frames in Node (web/explain/stepthrough.js): which frames one training step has, that each
// stage covers its items exactly once, that the running sums end at the core's gradients and that the update frame
// shows the weights the core's step then produces. A failure names the function and the network, not a page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool } from '../../web/convpool.js';
import { takeSnapshot } from '../../web/explain/snapshot.js';
import {
  MAX_FRAMES_PER_STAGE, buildFrames, frameCaption, predictedUpdate,
} from '../../web/explain/step-frames.js';
import { partialWeightGrad } from '../../web/layers/conv1d/steps.js';

const cp = await loadConvPool();

const NETWORKS = {
  'conv → tanh → pool (the default)': { inputLength: 64, inputChannels: 1, loss: 'sse', seed: 42, layers: [
    { type: 'conv1d', outChannels: 1, kernelSize: 5, padding: 'same' }, { type: 'activation', fn: 'tanh' },
    { type: 'maxpool1d', kernelSize: 2, stride: 1 }] },
  'two channels, stride, dilation, reflect, ceil mode': { inputLength: 20, inputChannels: 2, loss: 'mse', seed: 5, layers: [
    { type: 'conv1d', outChannels: 2, kernelSize: 4, stride: 2, padding: 3, dilation: 2, paddingMode: 'reflect' },
    { type: 'activation', fn: 'sigmoid' }, { type: 'maxpool1d', kernelSize: 2, stride: 1, padding: 1, ceilMode: true },
    { type: 'conv1d', outChannels: 1, kernelSize: 2, padding: 'valid', bias: false }] },
  'a long signal (stages split into chunks)': { inputLength: 300, inputChannels: 1, loss: 'sse', seed: 1, layers: [
    { type: 'conv1d', outChannels: 1, kernelSize: 7, padding: 'same', paddingMode: 'circular' }] },
  'pooling only (no update frame)': { inputLength: 16, inputChannels: 1, loss: 'sse', seed: 3, layers: [
    { type: 'maxpool1d', kernelSize: 3, stride: 2, padding: 1 }, { type: 'activation', fn: 'relu' }] },
};

/** A model of `spec` with a fixed input and target; the caller deletes it. */
function build(spec) {
  const model = cp.createModel(spec);
  const x = new Float32Array(spec.inputLength * spec.inputChannels);
  for (let c = 0; c < spec.inputChannels; c++) x.set(cp.generateSignal('sines', spec.inputLength, { cycles: 3, seed: 1 + c }), c * spec.inputLength);
  model.setInput(x);
  model.setTarget(cp.generateSignal('square', model.outputChannels * model.outputLength, { cycles: 2, seed: 0 }));
  return model;
}

function withModel(spec, fn) {
  const model = build(spec);
  try { return fn(model); } finally { model.delete(); }
}

/** The number of items of a stage, from the layer's geometry. */
function stageItems(kind, g) {
  switch (kind) {
    case 'conv-forward': case 'pool-forward': case 'pool-backward': return g.outChannels * g.outLength;
    case 'conv-weight-grad': return g.outLength;
    case 'conv-input-grad': return g.inChannels * g.paddedLength;
    default: return 1;
  }
}

for (const [name, spec] of Object.entries(NETWORKS)) {
  test(`buildFrames: forward layer by layer, the loss, backward in reverse, the update, done — ${name}`, () => withModel(spec, (model) => {
    const snapshot = takeSnapshot(model);
    const frames = buildFrames(snapshot);
    const layers = model.layers;
    // the stages in order, each as (kind, layer)
    const expected = [];
    layers.forEach((g, l) => expected.push([g.type === 'conv1d' ? 'conv-forward' : g.type === 'maxpool1d' ? 'pool-forward' : 'activation-forward', l]));
    expected.push(['loss', null]);
    for (let l = layers.length - 1; l >= 0; l--) {
      const g = layers[l];
      if (g.type === 'conv1d') expected.push(['conv-weight-grad', l], ['conv-input-grad', l], ['conv-fold', l]);
      else expected.push([g.type === 'maxpool1d' ? 'pool-backward' : 'activation-backward', l]);
    }
    if (layers.some((g) => g.type === 'conv1d')) expected.push(['update', null]);
    expected.push(['done', null]);
    const stages = [];
    for (const f of frames) {
      const last = stages[stages.length - 1];
      if (!last || last.kind !== f.kind || last.layer !== f.layer) stages.push({ kind: f.kind, layer: f.layer, frames: [f] });
      else last.frames.push(f);
    }
    assert.deepEqual(stages.map((s) => [s.kind, s.layer]), expected, 'the stages and their order');
    for (const s of stages) {
      const count = s.layer === null ? 1 : stageItems(s.kind, layers[s.layer]);
      const where = `${s.kind} of layer ${s.layer}`;
      assert.ok(s.frames.length <= MAX_FRAMES_PER_STAGE, `${where}: ${s.frames.length} frames`);
      // the frames tile 0 … count−1: each item exactly once, in order
      let next = 0;
      for (const f of s.frames) {
        assert.equal(f.count, count, `${where}: count`);
        assert.equal(f.from, next, `${where}: frame starts where the previous one ended`);
        assert.ok(f.upto >= f.from, `${where}: frame ${f.from}…${f.upto}`);
        next = f.upto + 1;
      }
      assert.equal(next, count, `${where}: the frames cover every item`);
    }
    // a pure function of the snapshot: the same frames again, and for the weights one step later
    assert.deepEqual(buildFrames(snapshot), frames, 'buildFrames twice');
    model.train(1, 0.01);
    assert.deepEqual(buildFrames(takeSnapshot(model)), frames, 'the frames depend on the network, not on its weights');
  }));

  test(`partialWeightGrad ends at the core's ∂C/∂W and predictedUpdate is the core's step, bit for bit — ${name}`, () => withModel(spec, (model) => {
    const snapshot = takeSnapshot(model);
    snapshot.layers.forEach((layer, l) => {
      const g = layer.geometry;
      if (g.type !== 'conv1d') return;
      const first = partialWeightGrad(layer, 0);
      for (let k = 0; k < g.kernelSize; k++) {
        // t = 0: δ[o=0, 0] · x_pad[c=0, k·d]
        const term = layer.gradOutput[0] * layer.padded[k * g.dilation];
        assert.ok(Math.abs(first[k] - term) <= 1e-12 * Math.max(1, Math.abs(term)), `layer ${l}: ∂C/∂W[0,0,${k}] after t = 0`);
      }
      const sums = partialWeightGrad(layer, g.outLength - 1);
      sums.forEach((v, i) => assert.ok(Math.abs(v - layer.gradWeight[i]) <= 1e-5 * Math.max(1, Math.abs(v)),
        `layer ${l}: running sum ∂C/∂W[${i}] = ${v}, the core's ${layer.gradWeight[i]}`));
    });
    const learningRate = 0.03;
    const predicted = predictedUpdate(snapshot, learningRate);
    assert.equal(predicted.length, model.layers.filter((g) => g.type === 'conv1d').length, 'one update per conv layer');
    model.train(1, learningRate);
    for (const u of predicted) {
      assert.deepEqual(Array.from(u.weight), Array.from(model.view('weight', u.layer)), `layer ${u.layer}: W after step(1)`);
      assert.deepEqual(Array.from(u.bias), Array.from(model.view('bias', u.layer)), `layer ${u.layer}: b after step(1)`);
    }
  }));
}

test('frameCaption: every frame says which stage and layer it shows, with the core\'s numbers', () => withModel(NETWORKS['conv → tanh → pool (the default)'], (model) => {
  const snapshot = takeSnapshot(model);
  const frames = buildFrames(snapshot);
  frames.forEach((frame, i) => {
    const caption = frameCaption(snapshot, frame, { learningRate: 0.01 });
    assert.ok(caption.text.length > 10, `frame ${i} (${frame.kind}): text ${JSON.stringify(caption.text)}`);
    if (frame.layer !== null) assert.ok(caption.text.startsWith(`Layer ${frame.layer + 1}: `), `frame ${i}: ${caption.text}`);
    assert.ok(Array.isArray(caption.tex) && caption.tex.every((t) => typeof t === 'string'), `frame ${i}: tex lines`);
  });
  const forward = frames.find((f) => f.kind === 'conv-forward');
  assert.match(frameCaption(snapshot, forward, {}).text, new RegExp(`output sample t = ${forward.upto}`));
  const loss = frames.find((f) => f.kind === 'loss');
  assert.ok(frameCaption(snapshot, loss, {}).tex.at(-1).startsWith('C = '), 'the loss frame ends with C = its value');
  assert.match(frameCaption(snapshot, frames.at(-1), {}).text, /Update applied through the core/);
}));

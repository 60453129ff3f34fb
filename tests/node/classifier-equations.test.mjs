// The equations of the classifier layers (web/explain/classifier-equations.js) in the network's equation list:
// every new layer gets its own forward and backward block (never an activation's), linear layers an update, the loss
// 'crossentropy' its softmax block, and KaTeX parses every line. The avg-pool divisors match the core's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import katex from 'katex';
import { loadConvPool } from '../../web/convpool.js';
import { networkEquations } from '../../web/explain/equations.js';
import { avgPoolDivisor } from '../../web/layers/avgpool1d/geometry.js';

const cp = await loadConvPool();

const spec = {
  inputLength: 13, loss: 'crossentropy', seed: 2,
  layers: [
    { type: 'conv1d', outChannels: 2, kernelSize: 3, padding: 'same' },
    { type: 'avgpool1d', kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false },
    { type: 'globalpool', op: 'max' },
    { type: 'linear', outFeatures: 3 },
  ],
};

test('every classifier layer has its own forward, backward and update blocks, and KaTeX parses them', () => {
  const model = cp.createModel(spec);
  const blocks = networkEquations(model.layers, { loss: 'crossentropy' });
  const titles = blocks.map((b) => b.title);
  assert.ok(!titles.some((t) => /activation/.test(t)), titles.join(' | '));
  for (const want of [/avg-pool forward/, /avg-pool backward/, /global max pool forward/, /global max pool backward/,
    /linear forward/, /linear backward/, /Layer 4 · .*update/]) assert.ok(titles.some((t) => want.test(t)), `${want} in ${titles}`);
  const loss = blocks.find((b) => b.id === 'loss');
  assert.match(loss.lines.join(' '), /\\log p_y/);
  let parsed = 0;
  for (const block of blocks) {
    for (const line of block.lines) {
      if (typeof line !== 'string') continue;
      assert.doesNotThrow(() => katex.renderToString(line, { throwOnError: true }), `${block.title}: ${line}`);
      parsed += 1;
    }
  }
  assert.ok(parsed > 15);
  model.delete();
});

test('the avg-pool divisors the page shows are the core\'s: the output times its divisor is the window sum', () => {
  for (const countIncludePad of [true, false]) {
    for (const ceilMode of [true, false]) {
      const args = { channels: 1, kernelSize: 4, stride: 3, padding: 2, ceilMode, countIncludePad };
      const x = Float32Array.from({ length: 11 }, (_, i) => 1 + i);
      const { y, outLength } = cp.avgPool1d({ x, ...args });
      const g = { ...args, inLength: 11 };
      for (let t = 0; t < outLength; t++) {
        const start = t * 3 - 2;
        let sum = 0;
        for (let i = Math.max(0, start); i < Math.min(11, start + 4); i++) sum += x[i];
        assert.ok(Math.abs(y[t] * avgPoolDivisor(g, t) - sum) < 1e-4,
          `countIncludePad ${countIncludePad} ceilMode ${ceilMode} t ${t}: ${y[t]} × ${avgPoolDivisor(g, t)} vs ${sum}`);
      }
    }
  }
});

test('the step-through has one forward and one backward frame per classifier layer, captioned with its equations', async () => {
  const { buildFrames, frameCaption } = await import('../../web/explain/step-frames.js');
  const { takeSnapshot } = await import('../../web/explain/snapshot.js');
  const model = cp.createModel({ ...spec, loss: 'sse' });
  model.setInput(Float32Array.from({ length: 13 }, (_, i) => Math.sin(i)));
  model.setTarget(new Float32Array(3));
  model.evaluate();
  const snapshot = takeSnapshot(model, { network: { loss: 'sse' } });
  const frames = buildFrames(snapshot);
  for (const l of [1, 2, 3]) {
    for (const kind of ['layer-forward', 'layer-backward']) {
      const frame = frames.find((f) => f.kind === kind && f.layer === l);
      assert.ok(frame, `${kind} of layer ${l}`);
      const caption = frameCaption(snapshot, frame);
      assert.match(caption.text, new RegExp(`^Layer ${l + 1} · `));
      assert.ok(caption.tex.length > 0);
      for (const line of caption.tex) assert.doesNotThrow(() => katex.renderToString(line, { throwOnError: true }), line);
    }
  }
  assert.ok(!frames.some((f) => f.kind.startsWith('activation')), 'no classifier layer is taken for an activation');
  model.delete();
});

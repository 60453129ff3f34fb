// The PyTorch golden vectors through web/convpool.js: the WASM build agrees with PyTorch 1.13 (float64) within
// the documented tolerance (1e-4 relative, 1e-5 absolute near zero) on every case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool } from '../../web/convpool.js';
import { floats, loadGolden, worstDeviation } from '../helpers/golden.mjs';

const cp = await loadConvPool();

function assertClose(name, what, actual, expected) {
  const worst = worstDeviation(actual, expected);
  assert.ok(worst.badness <= 1,
    `${name}: ${what}[${worst.index}] is ${worst.got} but PyTorch gives ${worst.want} (${worst.badness.toFixed(2)} tolerances off)`);
}

test('conv1d matches PyTorch on every golden case', () => {
  const { cases } = loadGolden('conv1d.json');
  assert.ok(cases.length > 50);
  for (const c of cases) {
    const r = cp.conv1d({
      x: floats(c.x), inChannels: c.inChannels, outChannels: c.outChannels, kernelSize: c.kernelSize,
      w: floats(c.w), b: c.bias ? floats(c.b) : null, stride: c.stride, padding: c.padding, dilation: c.dilation,
      paddingMode: c.paddingMode, gradOut: floats(c.gradOut),
    });
    assert.equal(r.outLength, c.outLength, c.name);
    assertClose(c.name, 'y', r.y, c.y);
    assertClose(c.name, 'dx', r.dx, c.dx);
    assertClose(c.name, 'dw', r.dw, c.dw);
    if (c.bias) assertClose(c.name, 'db', r.db, c.db);
    else assert.equal(r.db, undefined, `${c.name}: no bias, no db`);
  }
});

test('max-pool matches PyTorch on every golden case, indices included', () => {
  const { cases } = loadGolden('maxpool1d.json');
  assert.ok(cases.length > 50);
  for (const c of cases) {
    const r = cp.maxPool1d({
      x: floats(c.x), channels: c.channels, kernelSize: c.kernelSize, stride: c.stride, padding: c.padding,
      dilation: c.dilation, ceilMode: c.ceilMode, gradOut: floats(c.gradOut),
    });
    assert.equal(r.outLength, c.outLength, c.name);
    assertClose(c.name, 'y', r.y, c.y);
    assert.deepEqual(Array.from(r.indices), c.indices, `${c.name}: indices`);
    assertClose(c.name, 'dx', r.dx, c.dx);
  }
});

test('results without gradOut carry no gradients', () => {
  const r = cp.conv1d({ x: new Float32Array(6), inChannels: 1, outChannels: 1, kernelSize: 3, w: new Float32Array(3) });
  assert.deepEqual(Object.keys(r).sort(), ['outLength', 'y']);
  const p = cp.maxPool1d({ x: new Float32Array(6), channels: 1, kernelSize: 2 });
  assert.equal(p.outLength, 3);  // stride defaults to kernelSize, as in PyTorch
  assert.equal(p.dx, undefined);
});

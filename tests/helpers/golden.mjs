// Reads the PyTorch golden vectors (tests/golden/*.json) and compares results within the documented tolerance (1e-4 relative, 1e-5 absolute near zero).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export function loadGolden(name) {
  return JSON.parse(readFileSync(new URL(`../golden/${name}`, import.meta.url), 'utf8'));
}

/** JSON has no NaN/∞: the generator writes them as "NaN", "Infinity", "-Infinity". */
export function toNumber(value) {
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return value;
}

export const floats = (values) => Float32Array.from(values, toNumber);

/**
 * The worst element of `actual` against `expected`, in units of the tolerance: 1e-4 relative, 1e-5 absolute near
 * zero. ≤ 1 passes. NaN must meet NaN and ∞ the same ∞.
 */
export function worstDeviation(actual, expected) {
  if (actual.length !== expected.length) return { badness: Infinity, index: -1, why: `length ${actual.length} ≠ ${expected.length}` };
  let worst = { badness: 0, index: -1 };
  for (let i = 0; i < expected.length; i++) {
    const want = toNumber(expected[i]);
    const got = actual[i];
    let badness;
    if (Number.isNaN(want)) badness = Number.isNaN(got) ? 0 : Infinity;
    else if (!Number.isFinite(want)) badness = got === want ? 0 : Infinity;
    else badness = Math.abs(got - want) / Math.max(1e-5, 1e-4 * Math.abs(want));
    if (!(badness <= worst.badness)) worst = { badness, index: i, got, want };
  }
  return worst;
}

/** Fails unless `actual` is within the tolerance of PyTorch's `expected`, naming the case, the vector and the element. */
export function assertClose(name, what, actual, expected) {
  const worst = worstDeviation(actual, expected);
  assert.ok(worst.badness <= 1,
    `${name}: ${what}[${worst.index}] is ${worst.got} but PyTorch gives ${worst.want} (${worst.badness.toFixed(2)} tolerances off)`);
}

// The .wasm budget: the module the page downloads stays within 150 KB (153,600 bytes, the target `npm run bench`
// reports as sizes.wasmBytes). Checked here too, so a change that pulls a large library into the module fails a
// test, not only a benchmark line. Common causes and their fixes are in docs/wasm-size.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';

const WASM_BUDGET_BYTES = 150 * 1024;

test('the WebAssembly module fits its 150 KB budget', () => {
  const path = new URL('../../web/generated/convpool-core.wasm', import.meta.url);
  const bytes = statSync(path).size;
  assert.ok(bytes <= WASM_BUDGET_BYTES,
    `web/generated/convpool-core.wasm is ${bytes} bytes, over the budget of ${WASM_BUDGET_BYTES} by ` +
    `${bytes - WASM_BUDGET_BYTES} (see docs/wasm-size.md for what usually makes it grow)`);
});

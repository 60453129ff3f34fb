#!/usr/bin/env bash
# npm test: installs what is missing, builds native and WASM, runs every suite; non-zero on any failure.
#   1. Catch2 (ctest) on the native core
#   2. Node tests of web/convpool.js (the WASM module)
#   3. browser tests in headless Chromium (playwright-core), when present
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh all

echo "== Catch2 (ctest)"
ctest --test-dir build/native --output-on-failure -j "$(nproc)"

echo "== Node: web/convpool.js"
node --test tests/node/

if ls tests/browser/*.test.mjs >/dev/null 2>&1; then
  echo "== Browser: headless Chromium"
  node --test --test-concurrency=1 tests/browser/
fi

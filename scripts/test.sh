#!/usr/bin/env bash
# npm test: installs what is missing, builds native and WASM, runs every suite; non-zero on any failure.
#   1. Catch2 (ctest) on the native core
#   2. the same Catch2 suite under AddressSanitizer + UndefinedBehaviorSanitizer (build/asan)
#   3. libFuzzer on the core for CONVPOOL_FUZZ_SECONDS (default 60) seconds (scripts/fuzz.sh)
#   4. Node tests of web/convpool.js (the WASM module), including the API property test
#   5. browser tests in headless Chromium (playwright-core), when present
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh all

echo "== Catch2 (ctest)"
ctest --test-dir build/native --output-on-failure -j "$(nproc)"

echo "== Catch2 under AddressSanitizer + UndefinedBehaviorSanitizer"
bash scripts/build.sh asan
# Any report aborts the test (-fno-sanitize-recover=all); leaks count as failures too.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan --output-on-failure -j "$(nproc)"

echo "== libFuzzer: tests/fuzz/fuzz_core"
bash scripts/fuzz.sh

echo "== Node: web/convpool.js"
node --test tests/node/

if ls tests/browser/*.test.mjs >/dev/null 2>&1; then
  echo "== Browser: headless Chromium"
  node --test --test-concurrency=1 tests/browser/
fi

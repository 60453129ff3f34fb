#!/usr/bin/env bash
# The test suites, whole or piece by piece; non-zero on any failure.
#   bash scripts/test.sh            (npm test) installs what is missing, builds native and WASM, runs every piece
#   bash scripts/test.sh <piece>…   (npm run test:<piece>) runs those pieces alone on the build that is there:
#     lint      tsc --checkJs over the JSDoc types (tsconfig.json), ESLint (eslint.config.js)  (npm run lint)
#                                                                       after: bash scripts/build.sh wasm
#     core      Catch2 (ctest) on the native core                       after: bash scripts/build.sh native
#     sanitize  the same Catch2 suite under ASan + UBSan                builds build/asan itself
#     fuzz      libFuzzer on the core, CONVPOOL_FUZZ_SECONDS (60) s     builds build/fuzz itself (scripts/fuzz.sh)
#     node      Node tests: the WASM module and the page's pure modules after: bash scripts/build.sh wasm
#     browser   headless Chromium (playwright-core), one file at a time after: bash scripts/build.sh wasm
# CONVPOOL_TEST_STRESS=1 runs the browser piece with every core kept busy (scripts/cpu-load.mjs), as on a loaded
# shared CI machine; the load is bounded by CONVPOOL_STRESS_SECONDS (default 1200) and stops with the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${CONVPOOL_BUILD_DIR:-build}"

# A test that never settles fails after 10 minutes, naming itself, instead of holding CI until its limit.
# (Not --test-force-exit: it ends a file as soon as the tests known so far are done, silently dropping the tests that
# a file declares after a top-level await.)
#
# --no-concurrent-recompilation (given to node --test, which hands it to every test file's process): Node 20 can
# deadlock while a process exits (nodejs/node#54918): the main thread waits in NodePlatform::DrainTasks for background
# TurboFan jobs that themselves wait for a garbage collection only the main thread can run. A file whose tests had all
# passed then sat at 0 % CPU until the 10-minute timeout, about 1 run in 20 of tests/node/training-formulas.test.mjs
# (gdb showed exactly that wait cycle). With optimising compilation on the main thread there are no such jobs:
# 0 hangs in 150 runs.
NODE_TEST_GUARDS=(--test-timeout=600000 --no-concurrent-recompilation)

need() {  # need <file> <what> <command>: fail early with the command that makes it
  if [ ! -e "$1" ]; then
    echo "test: $2 is missing ($1); run: $3" >&2
    exit 1
  fi
}

run_lint() {
  echo "== Types (tsc --checkJs) and lint (ESLint)"
  need node_modules/.bin/tsc "TypeScript" "bash scripts/setup.sh"
  need web/generated/convpool-core.js "the WASM build" "bash scripts/build.sh wasm"
  node scripts/generated-types.mjs  # the generated modules' declarations, for the checker
  node_modules/.bin/tsc -p tsconfig.json
  echo "tsc: no type errors"
  node_modules/.bin/eslint --max-warnings 0 .
  echo "eslint: no problems"
}

run_core() {
  echo "== Catch2 (ctest)"
  need "$build_dir/native/CTestTestfile.cmake" "the native build" "bash scripts/build.sh native"
  ctest --test-dir "$build_dir/native" --output-on-failure -j "$(nproc)"
}

run_sanitize() {
  echo "== Catch2 under AddressSanitizer + UndefinedBehaviorSanitizer"
  bash scripts/build.sh asan
  # Any report aborts the test (-fno-sanitize-recover=all); leaks count as failures too.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$build_dir/asan" --output-on-failure -j "$(nproc)"
}

run_fuzz() {
  echo "== libFuzzer: tests/fuzz/fuzz_core"
  bash scripts/fuzz.sh
}

run_node() {
  echo "== Node: web/convpool.js and the page's pure modules"
  need web/generated/convpool-core.wasm "the WASM build" "bash scripts/build.sh wasm"
  node --test "${NODE_TEST_GUARDS[@]}" tests/node/
}

run_browser() {
  need web/generated/convpool-core.wasm "the WASM build" "bash scripts/build.sh wasm"
  need node_modules/playwright-core "playwright-core" "bash scripts/setup.sh"
  local suite=(node --test "${NODE_TEST_GUARDS[@]}" --test-concurrency=1 tests/browser/)
  if [ "${CONVPOOL_TEST_STRESS:-0}" = 1 ]; then
    echo "== Browser: headless Chromium, every core kept busy (CONVPOOL_TEST_STRESS=1)"
    node scripts/cpu-load.mjs -- "${suite[@]}"
  else
    echo "== Browser: headless Chromium"
    "${suite[@]}"
  fi
}

if [ "$#" -eq 0 ]; then
  bash scripts/setup.sh
  bash scripts/build.sh all
  set -- lint core sanitize fuzz node browser
fi
for piece in "$@"; do
  case "$piece" in
    lint|core|sanitize|fuzz|node|browser) "run_$piece" ;;
    *) echo "test: unknown piece '$piece'; the pieces are lint, core, sanitize, fuzz, node, browser" >&2; exit 2 ;;
  esac
done

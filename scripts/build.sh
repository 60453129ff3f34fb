#!/usr/bin/env bash
# Builds the core twice from the one CMakeLists.txt, and puts the browser libraries in place:
#   native  -> $CONVPOOL_BUILD_DIR/native  (library, Catch2 tests)
#   wasm    -> $CONVPOOL_BUILD_DIR/wasm    (Emscripten; the module lands in web/generated/ for web/convpool.js)
#   wasm-core  the same without vendor (it needs no npm package: npm start installs them meanwhile)
#   vendor  -> web/generated/vendor/       (KaTeX, lz-string, highlight.js as ES modules, served locally: no CDN)
#   asan    -> $CONVPOOL_BUILD_DIR/asan    (core + Catch2 under ASan + UBSan, no -march=native; not part of all)
# Usage: scripts/build.sh [native|wasm|wasm-core|vendor|asan|all]   (default: all; wasm also runs vendor)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
build_dir="${CONVPOOL_BUILD_DIR:-build}"
jobs="$(nproc)"
# Emscripten 3.1.6's JS optimizer needs Debian's acorn (this machine's Node is not Debian's).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

if [ "$what" = native ] || [ "$what" = all ]; then
  cmake -S . -B "$build_dir/native" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build_dir/native" -j "$jobs"
fi
if [ "$what" = asan ]; then
  # clang++ when present (its UBSan also checks float-to-int casts), else g++.
  cxx="$(command -v clang++ || command -v g++)"
  cmake -S . -B "$build_dir/asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
    -DCONVPOOL_SANITIZE=ON >/dev/null
  cmake --build "$build_dir/asan" -j "$jobs"
fi
if [ "$what" = wasm ] || [ "$what" = wasm-core ] || [ "$what" = all ]; then
  emcmake cmake -S . -B "$build_dir/wasm" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build_dir/wasm" -j "$jobs"
fi
if [ "$what" = wasm ] || [ "$what" = vendor ] || [ "$what" = all ]; then
  node scripts/vendor.mjs
fi

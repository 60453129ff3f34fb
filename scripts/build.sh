#!/usr/bin/env bash
# Builds the core twice from the one CMakeLists.txt:
#   native  -> build/native  (library, Catch2 tests, native benchmark)
#   wasm    -> build/wasm    (Emscripten; the module lands in web/generated/ for web/convpool.js)
# Usage: scripts/build.sh [native|wasm|all]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
jobs="$(nproc)"
# Emscripten 3.1.6's JS optimizer needs Debian's acorn (this machine's Node is not Debian's).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

if [ "$what" = native ] || [ "$what" = all ]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j "$jobs"
fi
if [ "$what" = wasm ] || [ "$what" = all ]; then
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/wasm -j "$jobs"
fi

#!/usr/bin/env bash
# `npm start`: installs what the page needs, builds the WASM core and serves the page (scripts/serve.mjs). On a fresh
# clone the npm packages install while the core compiles: the compiler needs none of them, only the vendored
# libraries and the server do, and both come after it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh page debian
bash scripts/setup.sh page npm &
npm_install=$!
trap 'kill "$npm_install" 2>/dev/null || true' EXIT   # a failed build stops the install too
bash scripts/build.sh wasm-core
wait "$npm_install"
trap - EXIT
bash scripts/build.sh vendor
exec node scripts/serve.mjs

#!/usr/bin/env bash
# Fresh clone → `npm start` → the page answers: how long it takes and how much node_modules holds, as a newcomer sees it
# (docs/benchmarks.md). Prints one JSON line. The Debian packages are taken as present (setup.sh installs them once per
# machine); everything else (npm packages, the WASM build, the bundled page) is made from scratch in a temporary clone.
#   bash bench/fresh_start.sh [repository] [branch]      (default: this repository, its current branch)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="${1:-$here}"
branch="${2:-$(git -C "$here" rev-parse --abbrev-ref HEAD)}"
work="$(mktemp -d "${TMPDIR:-/tmp}/convpool-fresh-XXXXXX")"
server=""
cleanup() {
  if [ -n "$server" ]; then kill -- "-$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

git clone -q --branch "$branch" "$repo" "$work/repo"
cd "$work/repo"
start=$(date +%s.%N)
# its own process group, so the server and everything npm started stop together
PORT=0 setsid npm start >"$work/log" 2>&1 &
server=$!
until grep -q 'http://localhost:[0-9]*/' "$work/log"; do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "fresh_start: npm start ended before it served the page:" >&2
    cat "$work/log" >&2
    exit 1
  fi
  sleep 0.1
done
url="$(grep -o 'http://localhost:[0-9]*/' "$work/log" | head -1)"
status="$(curl -s -o /dev/null -w '%{http_code}' "$url")"
served=$(date +%s.%N)
node_modules_bytes="$(du -sb node_modules | cut -f1)"
packages="$(find node_modules -mindepth 1 -maxdepth 2 -name package.json -o -mindepth 2 -maxdepth 3 -path '*/@*/*/package.json' | wc -l)"
printf '{"freshStart":{"branch":"%s","secondsToServed":%.1f,"status":%s,"nodeModulesMB":%.1f,"topLevelPackages":%s},"targets":{"secondsToServed":"<= 30","nodeModulesMB":"<= 60"}}\n' \
  "$branch" "$(echo "$served - $start" | bc)" "$status" "$(echo "$node_modules_bytes / 1048576" | bc -l)" "$packages"

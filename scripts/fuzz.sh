#!/usr/bin/env bash
# Builds tests/fuzz/fuzz_core (clang++ + libFuzzer + ASan + UBSan, in build/fuzz) and runs it for a bounded time
# on a temporary copy of the committed seed corpus, so nothing new is written into the repository.
# Fails (non-zero) on any crash, sanitizer report, leak or timeout; the crashing input is kept in
# test-artifacts/fuzz/ (git-ignored) to be minimised and turned into a test in tests/core/test_regressions.cpp.
# Usage: scripts/fuzz.sh [seconds]   (default: $CONVPOOL_FUZZ_SECONDS or 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-${CONVPOOL_FUZZ_SECONDS:-60}}"
build_dir="${CONVPOOL_BUILD_DIR:-build}/fuzz"

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ -DCONVPOOL_FUZZ=ON >/dev/null
cmake --build "$build_dir" --target fuzz_core -j "$(nproc)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r tests/fuzz/corpus "$work/corpus"
mkdir -p test-artifacts/fuzz
# -timeout: one input taking longer than 10 s is a hang; -rss_limit_mb: a run asking for gigabytes is a bug too.
"$build_dir/tests/fuzz/fuzz_core" "$work/corpus" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=512 \
  -artifact_prefix=test-artifacts/fuzz/ -print_final_stats=1 2>"$work/log" || {
  tail -60 "$work/log"
  echo "fuzz: fuzz_core crashed; the input is in test-artifacts/fuzz/" >&2
  exit 1
}
grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added)' "$work/log" || true
grep -E '^#[0-9]+.*DONE' "$work/log" | tail -1 || true

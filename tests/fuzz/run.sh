#!/usr/bin/env bash
# Runs one libFuzzer target for FUZZ_SECONDS (30: a check in every CI run;
# set it higher to search for longer) from its committed corpus.
# New inputs go to a scratch folder, so the run never writes into the repo; a
# crash leaves its input in tests/fuzz/crashes/ to become a unit test.
set -euo pipefail
target=$1 corpus=$2
seconds=${FUZZ_SECONDS:-30}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
crashes=$(cd "$(dirname "$0")" && pwd)/crashes
mkdir -p "$crashes"
"$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$crashes/$(basename "$target")-" -print_final_stats=1 "$scratch" "$corpus" 2>&1 |
  grep -E '^(#[0-9]+ *DONE|Done|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY|.*runtime error)' || true
status=${PIPESTATUS[0]}
exit "$status"

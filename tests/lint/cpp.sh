#!/usr/bin/env bash
# Runs clang-tidy (the checks of the checked-in .clang-tidy) over the application's
# sources, fcgi-app/src, with the build's compile_commands.json. Registered in
# ctest as lint_cpp. Two files at a time: CI has
# two cores, and a full run is about 10 CPU-minutes.
#   tests/lint/cpp.sh BUILD_DIR
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${1:?usage: tests/lint/cpp.sh BUILD_DIR}
[[ -f $build_dir/compile_commands.json ]] || { echo "no $build_dir/compile_commands.json" >&2; exit 1; }
output=$(mktemp)
trap 'rm -f "$output"' EXIT
started=$SECONDS
code=0
run-clang-tidy -quiet -j "${LINT_JOBS:-2}" -p "$build_dir" "$repo/fcgi-app/src/" >"$output" 2>&1 || code=$?
# Without colours (run-clang-tidy always asks for them) and without clang-tidy's
# per-file counts of the warnings it suppressed in system headers.
sed 's/\x1b\[[0-9;]*m//g' "$output" |
  grep -v -E '^[0-9]+ warnings? generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter' || true
echo "clang-tidy: $((SECONDS - started)) s, exit status $code"
exit "$code"

#!/usr/bin/env bash
# The code's shape, as the style asks (../shared/STYLE.md, issue 16): no source
# file in fcgi-app/src over 400 lines, no function over 60 (tools/code-shape
# says how functions are found). Also checks the checker on a sample, so that
# a checker that finds nothing cannot pass for clean code.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo" || exit 1
failed=0
sample=$(mktemp -d)
trap 'rm -rf "$sample"' EXIT
{
  echo 'int long_one() {'
  for _ in $(seq 60); do echo '  step();'; done
  echo '}'
  echo 'int short_one() { return 1; }'
} >"$sample/sample.cpp"
sample_report=$(tools/code-shape --max-function-lines 60 "$sample")
if grep -q 'sample.cpp:1: function of 62 lines' <<<"$sample_report" && ! grep -q short_one <<<"$sample_report"; then
  echo "ok - the checker finds a 62-line function"
else
  echo "not ok - the checker finds a 62-line function"; failed=1
fi
if report=$(tools/code-shape --max-file-lines 400 --max-function-lines 60 fcgi-app/src); then
  echo "ok - fcgi-app/src: no file over 400 lines, no function over 60"
else
  echo "not ok - fcgi-app/src: no file over 400 lines, no function over 60"
  while IFS= read -r line; do echo "    $line"; done <<<"$report"
  failed=1
fi
exit "$failed"

#!/usr/bin/env bash
# Runs shellcheck over every shell script of the repository (by name or by its #!
# line), with the checked-in .shellcheckrc. Registered in ctest as lint_shell.
set -euo pipefail
cd "$(dirname "$0")/../.."

is_shell_script() {
  [[ $1 == *.sh ]] || head -n 1 "$1" | grep -qE '^#!.*[/ ](ba)?sh( |$)'
}
scripts=()
while IFS= read -r file; do
  [[ -f $file ]] && is_shell_script "$file" && scripts+=("$file")
done < <(git ls-files)
echo "shellcheck: ${#scripts[@]} scripts"
shellcheck "${scripts[@]}"

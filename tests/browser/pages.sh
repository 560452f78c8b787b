#!/usr/bin/env bash
# Runs the browser tests (pages.mjs) against the running stack; screenshots of
# every page and state, at phone and desktop widths, go to
# <build dir>/screenshots/ (BUILD_DIR, else build/).
source "$(dirname "$0")/../http/lib.sh"
BASE_URL=$BASE_URL SCREENSHOT_DIR=${BUILD_DIR:-$repo_dir/build}/screenshots REPO_DIR=$repo_dir \
  exec node "$(dirname "$0")/pages.mjs"

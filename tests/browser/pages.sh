#!/usr/bin/env bash
# Runs the browser tests (pages.mjs) against the running stack; screenshots
# go to build/screenshots/.
source "$(dirname "$0")/../http/lib.sh"
BASE_URL=$BASE_URL SCREENSHOT_DIR=$REPO_DIR/build/screenshots exec node "$(dirname "$0")/pages.mjs"

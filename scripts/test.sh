#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite with CTest (offscreen: no
# display needed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HOOKSCOPE_BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
QT_QPA_PLATFORM=offscreen ctest --test-dir "$build" --output-on-failure -j2 "$@"

#!/usr/bin/env bash
# Installs what is missing, builds, and starts Hookscope (the window when there is a display,
# headless otherwise). Arguments are passed on, e.g. scripts/run.sh --port 9000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" >/dev/null
exec "${HOOKSCOPE_BUILD_DIR:-$root/build}/app/hookscope" "$@"

#!/usr/bin/env bash
# Takes the README's screenshot from the real build: Hookscope under Xvfb, the seed payloads sent
# with curl, one row selected. Needs xvfb, xdotool and imagemagick (apt-get install them).
# Usage: scripts/screenshot.sh OUT.png [ROW]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: scripts/screenshot.sh OUT.png [ROW]}
row=${2:-3}
build=${HOOKSCOPE_BUILD_DIR:-$root/build}
work=$(mktemp -d)
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x860x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data DISPLAY=$display "$build/app/hookscope" --port 0 --session "$work/s.hookscope" "${@:3}" 2>"$work/err" &
app=$!
for _ in $(seq 50); do grep -q listening "$work/err" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$work/err" | head -1)
for file in "$root"/tests/data/seeds/*.json; do
    type=$(basename "$file" .json)
    curl -s -o /dev/null -H "Solaris-Webhook-Event-Type: $type" -H 'Content-Type: application/json' \
        --data-binary @"$file" "$url/hooks/$(echo "$type" | tr 'A-Z' 'a-z')"
done
curl -s -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary '{"broken": ' "$url/hooks/unknown"
sleep 1
DISPLAY=$display xdotool search --sync --name Hookscope windowsize 1280 860 windowmove 0 0
sleep 0.5
DISPLAY=$display xdotool mousemove 300 $((48 + 20 * row)) click 1
sleep 0.7
DISPLAY=$display import -window root "$out"
echo "wrote $out"

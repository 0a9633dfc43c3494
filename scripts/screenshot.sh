#!/usr/bin/env bash
# Takes README screenshots from the real build: Hookscope under Xvfb, the seed payloads from
# tests/data/seeds sent with curl (plus one broken body), one row selected, then the window
# grabbed. Needs xvfb, xdotool, imagemagick and curl.
#
# Usage: scripts/screenshot.sh [options] OUT.png [ROW] [-- hookscope arguments...]
#   --palette light|dark  the palette to draw with (HOOKSCOPE_PALETTE; default: the system's)
#   --row N               the row to select, 0-based (default 10: IDENTIFICATION, whose own
#                         example breaks its schema); the same as the ROW argument
#   --keys "K1 K2 ..."    xdotool key names pressed after the selection, in order, e.g.
#                         "Return" (focus the detail) or "ctrl+End ctrl+space ctrl+d" (add
#                         the last row, a failed IDENTIFICATION, to the selection and compare)
#   --wait SECONDS        extra time before the grab (default 0.7)
#   --size WxH            the window size (default 1280x860)
#   --click-y FRACTION    where in the window's height a click lands in the table (default 0.45)
#   --screen              grab the whole screen, not only the main window (to include a dialog
#                         opened by --keys, e.g. "F1" for Help ▸ Keyboard Shortcuts)
# Environment: HOOKSCOPE_BUILD_DIR (default build/), HOOKSCOPE_BIN (default its app/hookscope).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
palette="" row=10 keys="" wait=0.7 size=1280x860 clicky=0.45 out="" grab=window
while [ $# -gt 0 ]; do
    case $1 in
    --palette) palette=$2; shift 2 ;;
    --row) row=$2; shift 2 ;;
    --keys) keys=$2; shift 2 ;;
    --wait) wait=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --click-y) clicky=$2; shift 2 ;;
    --screen) grab=screen; shift ;;
    --) shift; break ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "screenshot.sh: unknown option $1" >&2; exit 2 ;;
    *) if [ -z "$out" ]; then out=$1; elif [[ $1 =~ ^[0-9]+$ ]]; then row=$1; else break; fi; shift ;;
    esac
done
[ -n "$out" ] || { echo "usage: scripts/screenshot.sh [options] OUT.png [ROW]" >&2; exit 2; }
case $palette in "" | light | dark) ;; *) echo "screenshot.sh: --palette light|dark" >&2; exit 2 ;; esac
for tool in Xvfb xdotool import curl; do
    command -v $tool >/dev/null || { echo "screenshot.sh: $tool is missing" >&2; exit 2; }
done
build=${HOOKSCOPE_BUILD_DIR:-$root/build}
bin=${HOOKSCOPE_BIN:-$build/app/hookscope}
width=${size%x*} height=${size#*x}
work=$(mktemp -d)
display=:$((90 + RANDOM % 9))
app="" xvfb=""
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
Xvfb "$display" -screen 0 "$((width + 40))x$((height + 40))x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
# A fresh configuration: no remembered window layout, filter or session from the user's own.
env XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" DISPLAY="$display" \
    ${palette:+HOOKSCOPE_PALETTE=$palette} \
    "$bin" --port 0 --session "$work/s.hookscope" "$@" 2>"$work/err" &
app=$!
for _ in $(seq 100); do grep -qs listening "$work/err" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$work/err" | head -1)
[ -n "$url" ] || { echo "screenshot.sh: hookscope did not start:" >&2; cat "$work/err" >&2; exit 1; }
for file in "$root"/tests/data/seeds/*.json; do
    type=$(basename "$file" .json)
    curl -s -o /dev/null -H "Solaris-Webhook-Event-Type: $type" -H 'Content-Type: application/json' \
        --data-binary @"$file" "$url/hooks/$(echo "$type" | tr 'A-Z' 'a-z')"
done
curl -s -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary '{"broken": ' "$url/hooks/unknown"
# A second IDENTIFICATION, now failed and with a reason, to compare with the first (the last row).
sed -e 's/"successful"/"failed"/' -e 's/"status"/"reason": "document expired",\n  "status"/' \
    "$root/tests/data/seeds/IDENTIFICATION.json" |
    curl -s -o /dev/null -H 'Solaris-Webhook-Event-Type: IDENTIFICATION' \
        -H 'Content-Type: application/json' --data-binary @- "$url/hooks/identification"
sleep 1
window=$(DISPLAY=$display xdotool search --sync --onlyvisible --name Hookscope | head -1)
DISPLAY=$display xdotool windowsize "$window" "$width" "$height" windowmove "$window" 0 0
sleep 0.5
# A click lands somewhere in the table, which gives it focus; then the keyboard picks the row, so
# the shot does not depend on where the table sits in the window.
DISPLAY=$display xdotool mousemove --window "$window" 200 "$(awk "BEGIN { print int($height * $clicky) }")" click 1
sleep 0.2
DISPLAY=$display xdotool key --window "$window" ctrl+Home
for _ in $(seq "$row"); do DISPLAY=$display xdotool key --window "$window" j; done
for key in $keys; do
    sleep 0.2
    DISPLAY=$display xdotool key --window "$window" "$key"
done
sleep "$wait"
if [ "$grab" = screen ]; then
    DISPLAY=$display import -window root -crop "${width}x${height}+0+0" "$out"
else
    DISPLAY=$display import -window "$window" "$out"
fi
# A build whose main() does not read HOOKSCOPE_PALETTE draws with the system palette: say so.
if [ -n "$palette" ] && command -v convert >/dev/null; then
    mean=$(convert "$out" -colorspace Gray -format '%[fx:mean]' info:)
    looks=$(awk -v mean="$mean" 'BEGIN { print (mean < 0.4) ? "dark" : "light" }')
    if [ "$looks" != "$palette" ]; then
        echo "screenshot.sh: warning: $out looks $looks, not $palette (does main() read HOOKSCOPE_PALETTE?)" >&2
    fi
fi
echo "wrote $out"

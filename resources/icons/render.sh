#!/usr/bin/env bash
# Renders hookscope.svg to the PNG sizes the desktop and the window use (committed, so building
# needs no SVG renderer). Needs rsvg-convert (Debian librsvg2-bin). Run after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256; do
    rsvg-convert --width "$size" --height "$size" hookscope.svg --output "hookscope-$size.png"
done

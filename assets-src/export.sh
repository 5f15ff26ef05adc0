#!/bin/sh
# Export assets-src/NAME.svg to assets/NAME.png at WIDTH x HEIGHT pixels with headless Chromium.
set -eu
name=$1 width=$2 height=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/../assets/$(dirname "$name")"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --window-size="$width,$height" --screenshot="$here/../assets/$name.png" "file://$here/$name.svg"

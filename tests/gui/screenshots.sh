#!/bin/bash
# Regenerates the pictures in data/screenshots (shown by software centres through the metainfo
# file) from the real window on a private Xvfb, at a fixed size with a fixed renderer.
#
#   tests/gui/screenshots.sh BUILD_DIR [OUT_DIR]      (OUT_DIR defaults to data/screenshots)
set -eu

source=$(realpath "$(dirname "$0")/../..")
build=$(realpath "$1")
out=$(realpath "${2:-$source/data/screenshots}")
tools=${LAYERLAB_GUI_TOOLS:-$source/../shared/tools}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_STATE_HOME=$work/state XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache

# The editor: the Fashion-MNIST CNN with its first convolution selected, so the inspector
# shows a layer's settings beside the graph.
eval "$("$tools/gui-session" start -q --no-animations --size 1280x800 -- \
    env LAYERLAB_TEST_LOG=1 GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
    GSETTINGS_SCHEMA_DIR="$build/data" "$build/src/gui/layerlab" --example fashion-cnn)"
trap '"$tools/gui-session" stop "$GUI_SESSION" >/dev/null 2>&1; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q '^canvas:' "$GUI_APP_LOG" && break; sleep 0.1; done
read -r x y <<< "$(grep '^canvas:' "$GUI_APP_LOG" | tail -1 | tr '|' '\n' |
                   sed -n 's/^ *conv1 in=\([0-9]*\),\([0-9]*\).*/\1 \2/p')"
"$tools/gui-session" do click $((x + 40)) $((y - 14)) >/dev/null
"$tools/gui-session" do move 1270 790 >/dev/null
"$tools/gui-session" do wait 0.5 >/dev/null
"$tools/gui-session" do shot "$out/editor.png" >/dev/null
echo "wrote $out/editor.png"

#!/bin/bash
# Regenerates the pictures in data/screenshots (shown by software centres through the metainfo
# file) from the real window on a private Xvfb, at a fixed size with a fixed renderer.
#
#   tests/gui/screenshots.sh BUILD_DIR [OUT_DIR]      (OUT_DIR defaults to data/screenshots)
set -u

source=$(realpath "$(dirname "$0")/../..")
build=$(realpath "$1")
out=$(realpath "${2:-$source/data/screenshots}")
app_env=(GSETTINGS_BACKEND=memory)
. "$source/tests/gui/lib.sh"
gui_setup

# Where the canvas last drew NODE's input port: "X Y" in window pixels.
input_port () {
  grep '^canvas:' "$GUI_APP_LOG" | tail -1 | tr '|' '\n' |
    sed -n "s/^ *\(canvas: \)\?$1 in=\([0-9]*\),\([0-9]*\).*/\2 \3/p"
}

# The editor: the Fashion-MNIST CNN with its first convolution selected, so the inspector
# shows a layer's settings beside the graph.
start --no-animations -- --example fashion-cnn
expect 0 '^canvas:'
read -r x y <<< "$(input_port conv1)"
step click $((x + 40)) $((y - 14))
shot "$out/editor.png"
stop

# Training the spiral example, then what it learned.
start --no-animations -- --example spiral-mlp
expect 0 '^project:'
step key F5
expect 0 '^train: finished$' 60
shot "$out/training.png"
click_name Evaluation "page tab"
step wait 1
shot "$out/evaluation.png"
click_name Inside "page tab"
click_name "Decision Boundary"
step wait 2
shot "$out/inside.png"
stop
echo "wrote $out/editor.png training.png evaluation.png inside.png"

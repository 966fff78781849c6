#!/bin/bash
# The window, driven as a person would on a headless X server (../shared/tools/gui-session):
# open a project holding an Input and an output layer, drag Dense from the palette onto the
# canvas, connect Input → Dense → output, type new units into the inspector, undo, redo, save,
# and open the file again. Checked through the program's own output (LAYERLAB_TEST_LOG=1: its
# edits, the graph after each one, where the canvas draws each port) and through screenshots
# of the canvas, which must show exactly the same picture after undo as before the edit.
#
#   tests/gui/scenario.sh BUILD_DIR SOURCE_DIR     (exit 77 = skipped: no display tools)
set -u

build=$(realpath "$1")
source=$(realpath "$2")
app_env=(GSETTINGS_BACKEND=memory)
. "$source/tests/gui/lib.sh"
gui_setup
shots=$build/tests/gui-scenario
project=$work/model.layerlab
cp "$source/tests/gui/scenario.layerlab" "$project"
rm -rf "$shots" && mkdir -p "$shots"

last_graph () {
  grep '^graph:' "$GUI_APP_LOG" | tail -1
}
has_layer () {   # the last graph line has this layer, with these settings and inputs
  last_graph | sed 's/^graph://' | tr '|' '\n' | grep -qxE " *$1 *" || fail "no layer '$1' in $(last_graph)"
}

# Where the canvas last drew NODE's input or output port: "X Y" in window pixels.
port () {
  grep '^canvas:' "$GUI_APP_LOG" | tail -1 | tr '|' '\n' |
    sed -n "s/^ *\(canvas: \)\?$1 .*$2=\([0-9]*\),\([0-9]*\).*/\2 \3/p"
}

# A screenshot, and the canvas part of it (its bounds from the accessibility tree).
canvas_box=
canvas_shot () {
  shot "$shots/$1.png"
  [ -n "$canvas_box" ] || canvas_box=$(a11y bounds "Graph canvas")
  read -r cx cy cw ch <<< "$canvas_box"
  convert "$shots/$1.png" -crop "${cw}x${ch}+${cx}+${cy}" +repage "$shots/$1-canvas.png"
}
differ () {   # number of pixels that differ between two canvas crops
  compare -metric AE "$shots/$1-canvas.png" "$shots/$2-canvas.png" null: 2>&1 | cut -d' ' -f1
}
card () {     # SHOT NAME: crops layer NAME's card, found from where its ports are now
  local ix iy ox oy
  read -r ix iy <<< "$(port "$2" in)"
  read -r ox oy <<< "$(port "$2" out)"
  convert "$shots/$1.png" -crop "$((ox - ix + 24))x64+$((ix - 12))+$((iy - 32))" +repage "$shots/$1-$2.png"
}

echo "# start with the project: an Input and an output Dense, unconnected"
start --no-animations -- "$project"
m=0
expect $m '^project: Scenario \| layers 2$'
expect $m '^canvas: .*in .*out='
canvas_shot 01-opened

echo "# drag Dense from the palette onto the canvas, above the gap between the two layers"
read -r in_x in_y <<< "$(port in out)"
read -r out_x out_y <<< "$(port out in)"
[ -n "$in_x" ] && [ -n "$out_x" ] || fail "the canvas did not report its ports"
read -r pal_x pal_y <<< "$(a11y center Dense --role 'list item' 2>/dev/null ||
                          a11y center Dense)"
[ -n "$pal_x" ] || fail "no palette entry named Dense"
m=$(mark)
step drag "$pal_x" "$pal_y" $(((in_x + out_x) / 2)) $((in_y - 130))
expect $m '^edit: Undo Add Dense “dense1” \| layers 3 \| dirty 1$'
expect $m '^canvas: .*dense1 in='
canvas_shot 02-dense-added
[ "$(differ 01-opened 02-dense-added)" -gt 500 ] || fail "the canvas does not show the new layer"

echo "# connect in → dense1 → out by dragging from output ports to input ports"
read -r d_in_x d_in_y <<< "$(port dense1 in)"
read -r d_out_x d_out_y <<< "$(port dense1 out)"
m=$(mark)
step drag "$in_x" "$in_y" "$d_in_x" "$d_in_y"
expect $m '^edit: Undo Connect “in” → “dense1”'
m=$(mark)
step drag "$d_out_x" "$d_out_y" "$out_x" "$out_y"
expect $m '^edit: Undo Connect “dense1” → “out”'
has_layer 'dense1 Dense units=64 bias=true <- in'
has_layer 'out Dense units=2 bias=true <- dense1'
canvas_shot 03-connected

echo "# select dense1 and type 32 units into the inspector"
step click $(((d_in_x + d_out_x) / 2)) $((d_in_y - 12))
read -r units_x units_y <<< "$(a11y center Units --role 'spin button')"
[ -n "$units_x" ] || fail "the inspector shows no Units field"
m=$(mark)
step click "$units_x" "$units_y"
step key ctrl+a
step type 32
step key Return
expect $m 'dense1 Dense units=32 '
expect $m '^edit: Undo Change Units of “dense1”'
canvas_shot 04-units-32
[ "$(differ 03-connected 04-units-32)" -gt 50 ] || fail "the canvas does not show the new units"

echo "# undo: one step takes the units back to 64 (typing 3, 32 was one edit)"
m=$(mark)
step key ctrl+z
expect $m 'dense1 Dense units=64 '
expect $m '^edit: Undo Connect “dense1” → “out”'
canvas_shot 05-undone
# dense1 stays selected, as it was after connecting: the canvas must look exactly as before.
[ "$(differ 05-undone 03-connected)" -eq 0 ] || fail "undo left the canvas different"

echo "# redo"
m=$(mark)
step key ctrl+shift+z
expect $m 'dense1 Dense units=32 '
expect $m '^edit: Undo Change Units of “dense1”'
canvas_shot 06-redone
card 06-redone dense1
[ "$(differ 06-redone 04-units-32)" -eq 0 ] || fail "redo did not bring the same canvas back"

echo "# save with Ctrl+S"
m=$(mark)
step key ctrl+s
expect $m "^saved: $project\$"
python3 - "$project" <<'EOF' || fail "the saved file is not the edited graph"
import json, sys
nodes = {n["name"]: n for n in json.load(open(sys.argv[1]))["graph"]["nodes"]}
assert set(nodes) == {"in", "dense1", "out"}, nodes.keys()
assert nodes["dense1"]["type"] == "Dense" and nodes["dense1"]["params"]["units"] == "32"
assert nodes["dense1"]["inputs"] == ["in"] and nodes["out"]["inputs"] == ["dense1"]
EOF
stop

echo "# open the saved file again"
start --no-animations -- "$project"
m=0
expect $m '^project: Scenario \| layers 3$'
has_layer 'in Input shape=2 <-'
has_layer 'dense1 Dense units=32 bias=true <- in'
has_layer 'out Dense units=2 bias=true <- dense1'
grep -q '^edit:.*dirty 1' "$GUI_APP_LOG" && fail "the reopened project counts as modified"
read -r d_in_x d_in_y <<< "$(port dense1 in)"
read -r d_out_x d_out_y <<< "$(port dense1 out)"
step click $(((d_in_x + d_out_x) / 2)) $((d_in_y - 12))
canvas_shot 07-reopened
card 07-reopened dense1
# The card of the saved layer, pixel for pixel (the view is centred anew, so compare the card).
[ "$(compare -metric AE "$shots/07-reopened-dense1.png" "$shots/06-redone-dense1.png" null: 2>&1 | cut -d' ' -f1)" -eq 0 ] ||
  fail "the reopened layer's card differs from the saved one"
stop
echo "PASS: screenshots in $shots"

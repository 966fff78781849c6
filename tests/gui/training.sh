#!/bin/bash
# Training from the window, on a private Xvfb (../shared/tools/gui-session): open the spiral
# example (a long-running copy of it), press Train, Pause, check that nothing moves while
# paused, Resume, wait for 95 % validation accuracy, Stop, save and find the run in the file,
# take a screenshot of every view, then train again and close the window mid-run (it asks,
# stops the run, then closes). Checked through the program's own output (LAYERLAB_TEST_LOG=1:
# "train: STATE" and one line per epoch) and the screenshots, kept in BUILD_DIR/tests/gui-training.
#
#   tests/gui/training.sh BUILD_DIR SOURCE_DIR     (exit 77 = skipped: no display tools)
set -u

build=$(realpath "$1")
source=$(realpath "$2")
app_env=(GSETTINGS_BACKEND=memory)
. "$source/tests/gui/lib.sh"
gui_setup
shots=$build/tests/gui-training
rm -rf "$shots" && mkdir -p "$shots"
project=$work/spiral.layerlab
cp "$source/tests/gui/training.layerlab" "$project"

echo "# open the example and press Train (F5)"
start --no-animations -- "$project"
expect 0 '^project: Spiral MLP, long run \| layers 6$'
m=$(mark)
step key F5
expect $m '^train: running$' 20

echo "# pause: no epoch passes while paused"
click_name Pause
expect $m '^train: paused$'
step wait 0.5
before=$(grep -c '^train: epoch' "$GUI_APP_LOG")
step wait 1.5
after=$(grep -c '^train: epoch' "$GUI_APP_LOG")
[ "$before" = "$after" ] || fail "epochs went on while paused ($before, then $after)"
shot "$shots/01-paused.png"

echo "# resume and wait for 95 % validation accuracy"
m=$(mark)
click_name Resume
expect $m '^train: running$'
expect $m '^train: epoch [0-9]+ .* val_accuracy (0\.9[5-9]|1\.0)' 60

echo "# stop: the run ends after the current batch and keeps its weights"
m=$(mark)
click_name Stop
expect $m '^train: ended: ' 20
expect $m '^train: idle$'
grep -q '^train: finished$' "$GUI_APP_LOG" && fail "the run finished by itself before it was stopped"
step wait 1
shot "$shots/02-training.png"

echo "# save: the run is kept in the project, as stopped"
m=$(mark)
step key ctrl+s
expect $m "^saved: $project\$"
python3 - "$project" <<'EOF' || fail "the saved project does not hold the stopped run"
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
assert len(runs) == 1 and runs[0]["end"] == "stopped", runs
EOF

echo "# every view"
for view in Evaluation Inside Runs Design; do
  click_name "$view" "page tab"
  step wait 1.5
  shot "$shots/03-$view.png"
done
click_name Inside "page tab"
for section in Filters Health "Decision Boundary"; do
  click_name "$section"
  step wait 1.5
  shot "$shots/04-inside-${section// /-}.png"
done

echo "# train again, then close the window while it trains: it asks, stops the run and closes"
m=$(mark)
step key F5
expect $m '^train: running$' 20
step key ctrl+w
step wait 1
step shot-full "$shots/05-close-asks.png"
expect $m '^train: (running|paused)$'
step key alt+s                 # Stop and Close
expect $m '^train: ended: ' 20
step wait 1
step shot-full "$shots/06-then-unsaved.png"
step key alt+d                 # the second run is unsaved work: Discard
for _ in $(seq 50); do alive "$GUI_APP_PID" || break; sleep 0.1; done
alive "$GUI_APP_PID" && fail "the window did not close after stopping the run"
stop

echo "PASS: screenshots in $shots"

#!/bin/bash
# What the window keeps across sessions, on a private Xvfb (../shared/tools/gui-session):
# - unsaved work survives a crash: edit an example, let the autosave write its recovery file,
#   kill the program, start it again and recover the work from the start page;
# - the window size is remembered: resize, quit, start again.
# Settings live in a keyfile under a private XDG_CONFIG_HOME, as they would on a desktop.
#
#   tests/gui/persistence.sh BUILD_DIR SOURCE_DIR     (exit 77 = skipped: no display tools)
set -u

build=$(realpath "$1")
source=$(realpath "$2")
app_env=()
. "$source/tests/gui/lib.sh"
gui_setup gsettings
export XDG_CONFIG_HOME=$work/config GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$build/data
recovery=$XDG_STATE_HOME/layerlab/recovery

gsettings set io.github.layerlab.LayerLab autosave-interval 5 || fail "cannot set the autosave interval"

echo "# edit the spiral example, wait for the autosave, then kill the program"
start -- --example spiral-mlp
m=0
expect $m '^project: Spiral MLP \| layers 6$'
read -r pal_x pal_y <<< "$(a11y center Dense --role 'list item' 2>/dev/null || a11y center Dense)"
step drag "$pal_x" "$pal_y" 600 650
expect $m '^edit: Undo Add Dense .* \| layers 7 \| dirty 1$'
for _ in $(seq 80); do
  ls "$recovery"/*.layerlab >/dev/null 2>&1 && break
  sleep 0.1
done
ls "$recovery"/*.layerlab >/dev/null 2>&1 || fail "no recovery file after 8 s in $recovery"
kill -9 "$GUI_APP_PID"
sleep 0.5
stop

echo "# start again: the start page offers the work back"
start
a11y wait "Recover" --timeout 10 >/dev/null || fail "no Recover button on the start page"
step shot "$work/recover.png"
click_name Recover label        # the button's label: GTK 4.8 names the button itself twice
expect 0 '^project: Spiral MLP \| layers 7$'
expect 0 '^graph: .*dense1 Dense units=64'

echo "# the window size is remembered"
xdotool windowsize "$GUI_WINDOW" 1000 700
sleep 0.5
step key ctrl+q
step wait 1
step shot-full "$work/asks.png"  # recovered work was never saved: quitting asks first
step key alt+d                  # Discard
for _ in $(seq 50); do alive "$GUI_APP_PID" || break; sleep 0.1; done
alive "$GUI_APP_PID" && fail "Ctrl+Q did not quit"
stop
[ "$(gsettings get io.github.layerlab.LayerLab window-width)" = 1000 ] ||
  fail "window-width is $(gsettings get io.github.layerlab.LayerLab window-width), not 1000"
start
eval "$(xdotool getwindowgeometry --shell "$GUI_WINDOW")"
[ "$WIDTH" = 1000 ] && [ "$HEIGHT" = 700 ] || fail "the window opened at ${WIDTH}x$HEIGHT, not 1000x700"
ls "$recovery"/*.layerlab >/dev/null 2>&1 && fail "the recovered work's file was not cleaned up"

echo "PASS"

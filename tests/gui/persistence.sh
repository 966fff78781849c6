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
tools=${LAYERLAB_GUI_TOOLS:-$source/../shared/tools}

if [ ! -x "$tools/gui-session" ]; then
  echo "SKIP: the GUI test tools are not at $tools (set LAYERLAB_GUI_TOOLS)"
  exit 77
fi
for tool in Xvfb xdotool import gsettings; do
  if ! command -v $tool >/dev/null; then
    echo "SKIP: $tool is not installed (./setup.sh test installs it)"
    exit 77
  fi
done

work=$(mktemp -d)
export XDG_STATE_HOME=$work/state XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache
export XDG_CONFIG_HOME=$work/config GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$build/data
recovery=$XDG_STATE_HOME/layerlab/recovery
session=
stop () {
  [ -n "$session" ] && "$tools/gui-session" stop "$session" >/dev/null 2>&1
  session=
}
trap 'stop; rm -rf "$work"' EXIT

fail () {
  echo "FAIL: $*"
  [ -n "${GUI_APP_LOG:-}" ] && { echo "--- the program's output:"; cat "$GUI_APP_LOG"; }
  exit 1
}
start () {
  eval "$("$tools/gui-session" start -q --size 1280x800 -- \
      env LAYERLAB_TEST_LOG=1 GSK_RENDERER=cairo "$build/src/gui/layerlab" "$@")" ||
    fail "the window did not open"
  session=$GUI_SESSION
}
step () {
  "$tools/gui-session" do "$session" "$@" >/dev/null || fail "step '$*' failed"
}
expect () {
  for _ in $(seq 100); do
    grep -qE "$1" "$GUI_APP_LOG" && return 0
    sleep 0.1
  done
  fail "expected a line matching '$1'"
}

gsettings set io.github.layerlab.LayerLab autosave-interval 5 || fail "cannot set the autosave interval"

echo "# edit the spiral example, wait for the autosave, then kill the program"
start --example spiral-mlp
expect '^project: Spiral MLP \| layers 6$'
read -r pal_x pal_y <<< "$(DISPLAY=$DISPLAY "$tools/gui-a11y" center Dense --role 'list item' 2>/dev/null ||
                          DISPLAY=$DISPLAY "$tools/gui-a11y" center Dense)"
step drag "$pal_x" "$pal_y" 600 650
expect '^edit: Undo Add Dense .* \| layers 7 \| dirty 1$'
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
DISPLAY=$DISPLAY "$tools/gui-a11y" wait "Recover" --timeout 10 >/dev/null || fail "no Recover button on the start page"
step shot "$work/recover.png"
read -r rx ry <<< "$(DISPLAY=$DISPLAY "$tools/gui-a11y" center Recover --role label)"   # the button's label
[ -n "$rx" ] || fail "no Recover button"
step click "$rx" "$ry"
expect '^project: Spiral MLP \| layers 7$'
expect '^graph: .*dense1 Dense units=64'

echo "# the window size is remembered"
xdotool windowsize "$GUI_WINDOW" 1000 700
sleep 0.5
step key ctrl+q
step wait 1
step shot-full "$work/asks.png"  # recovered work was never saved: quitting asks first
step key alt+d                  # Discard
for _ in $(seq 50); do kill -0 "$GUI_APP_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$GUI_APP_PID" 2>/dev/null && fail "Ctrl+Q did not quit"
stop
[ "$(gsettings get io.github.layerlab.LayerLab window-width)" = 1000 ] ||
  fail "window-width is $(gsettings get io.github.layerlab.LayerLab window-width), not 1000"
start
eval "$(xdotool getwindowgeometry --shell "$GUI_WINDOW")"
[ "$WIDTH" = 1000 ] && [ "$HEIGHT" = 700 ] || fail "the window opened at ${WIDTH}x$HEIGHT, not 1000x700"
ls "$recovery"/*.layerlab >/dev/null 2>&1 && fail "the recovered work's file was not cleaned up"

echo "PASS"

# Shared by the window tests in this folder (sourced, not run): they drive LayerLab on a private
# Xvfb through ../shared/tools/gui-session and read what it prints with LAYERLAB_TEST_LOG=1.
#
# The sourcing script sets build, source and (optionally) app_env, an array of extra
# environment assignments for the program, then calls gui_setup.

gui_setup () {
  tools=${LAYERLAB_GUI_TOOLS:-$source/../shared/tools}
  if [ ! -x "$tools/gui-session" ]; then
    echo "SKIP: the GUI test tools are not at $tools (set LAYERLAB_GUI_TOOLS)"
    exit 77
  fi
  for tool in Xvfb xdotool import compare identify python3 "$@"; do
    if ! command -v "$tool" >/dev/null; then
      echo "SKIP: $tool is not installed (./setup.sh test installs it)"
      exit 77
    fi
  done
  work=$(mktemp -d)
  export XDG_STATE_HOME=$work/state XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache
  session=
  trap 'stop; rm -rf "$work"' EXIT
}

fail () {
  echo "FAIL: $*"
  if [ -n "${GUI_APP_LOG:-}" ] && [ -f "$GUI_APP_LOG" ]; then
    echo "--- the program's output:"
    cat "$GUI_APP_LOG"
  fi
  exit 1
}

# start [gui-session options --] [layerlab arguments]: GSK_RENDERER=cairo paints at once and
# the same way every run.
start () {
  local opts=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ "${1:-}" = -- ] && shift
  eval "$("$tools/gui-session" start -q --size 1280x800 "${opts[@]}" -- \
      env LAYERLAB_TEST_LOG=1 GSK_RENDERER=cairo GSETTINGS_SCHEMA_DIR="$build/data" \
      "${app_env[@]}" "$build/src/gui/layerlab" "$@")" || fail "the window did not open"
  session=$GUI_SESSION
}

stop () {
  [ -n "${session:-}" ] && "$tools/gui-session" stop "$session" >/dev/null 2>&1
  session=
}

step () {
  "$tools/gui-session" do "$session" "$@" >/dev/null || fail "step '$*' failed"
}

a11y () {
  DISPLAY=$DISPLAY DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS "$tools/gui-a11y" "$@"
}

# Clicks the widget whose accessible name is NAME (and role ROLE, if given).
click_name () {
  local x y
  if [ -n "${2:-}" ]; then
    read -r x y <<< "$(a11y center "$1" --role "$2")"
  else
    read -r x y <<< "$(a11y center "$1")"
  fi
  [ -n "$x" ] || fail "no widget named '$1'"
  step click "$x" "$y"
}

# Whether a process runs: a killed one may linger as a zombie when nothing reaps it.
alive () {
  [ -r "/proc/$1/stat" ] && ! grep -qE '^[0-9]+ \(.*\) [ZX]' "/proc/$1/stat"
}

# Lines printed since a mark (a line count), and waiting for one; timeout in seconds.
mark () {
  wc -l < "$GUI_APP_LOG"
}
expect () {
  local since=$1 pattern=$2 timeout=${3:-10}
  for _ in $(seq $((timeout * 10))); do
    tail -n +$((since + 1)) "$GUI_APP_LOG" | grep -qE "$pattern" && return 0
    alive "$GUI_APP_PID" || fail "the program died while waiting for '$pattern'"
    sleep 0.1
  done
  fail "expected a line matching '$pattern' within $timeout s"
}

# A screenshot with the pointer out of the way, refused when nearly blank.
shot () {
  local colours
  step move 1270 790
  step wait 0.4
  step shot "$1"
  colours=$(identify -format %k "$1")
  [ "$colours" -gt 100 ] || fail "screenshot $1 is nearly blank ($colours colours)"
}

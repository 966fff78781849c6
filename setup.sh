#!/usr/bin/env bash
# setup.sh: set up everything LayerLab needs on Debian 12, build it, then run or test it.
#
#   ./setup.sh run    install what is missing, build, and open LayerLab on the built-in spiral example
#                     (without a display: train it in the terminal with layerlab-cli)
#   ./setup.sh test   install what is missing, build, and run the whole test suite
#
# Both are idempotent: packages already installed are not touched, and the build is incremental.
set -euo pipefail
cd "$(dirname "$0")"

action=${1:-run}
build_dir=${LAYERLAB_BUILD_DIR:-build}

# Build and run dependencies, then what the tests compare against (PyTorch, scikit-learn, numpy),
# the real dataset, and the tools that drive the window headless.
packages=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libopenblas-dev zlib1g-dev
  libgtk-4-dev libadwaita-1-dev desktop-file-utils shared-mime-info
  dataset-fashion-mnist
)
test_packages=(
  python3 python3-torch python3-numpy python3-sklearn
  appstream libxml2-utils
  xvfb xdotool imagemagick dbus-daemon python3-pyatspi at-spi2-core
)

install_missing () {
  local missing=()
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo=(sudo); else
      echo "These Debian packages are missing: ${missing[*]}" >&2
      echo "Run as root, or: apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build () {
  if [ ! -f "$build_dir/build.ninja" ]; then
    meson setup "$build_dir" --buildtype=debugoptimized
  fi
  ninja -C "$build_dir"
}

case "$action" in
  run)
    install_missing "${packages[@]}"
    build
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$build_dir/src/gui/layerlab" ]; then
      # The schema compiled in the build tree, so an uninstalled build remembers its window.
      GSETTINGS_SCHEMA_DIR="$build_dir/data" exec "$build_dir/src/gui/layerlab" --example spiral-mlp
    fi
    # No display: the engine trains the same example in the terminal, with live progress.
    # Its weights and checkpoint go into the build folder, not into the source tree.
    exec "$build_dir/src/cli/layerlab-cli" train spiral-mlp \
      --weights-out "$build_dir/spiral-mlp.safetensors" \
      --checkpoint "$build_dir/spiral-mlp.checkpoint.safetensors"
    ;;
  test)
    install_missing "${packages[@]}" "${test_packages[@]}"
    build
    status=0
    # With ../shared/tools, the widget tests get a private X server too, instead of skipping.
    runner=()
    if [ -x ../shared/tools/gui-session ]; then runner=(../shared/tools/gui-session exec --); fi
    "${runner[@]}" meson test -C "$build_dir" --print-errorlogs --num-processes 2 || status=$?
    # The hand-over between the training worker and the window under ThreadSanitizer, in a
    # build of its own (about 40 s the first time, 6 s to run). Without a display: GLib's own
    # D-Bus thread, which a display brings, trips TSan inside libglib where it cannot see locks.
    tsan_dir="$build_dir-tsan"
    [ -f "$tsan_dir/build.ninja" ] || meson setup "$tsan_dir" -Db_sanitize=thread -Dbuildtype=debug
    { ninja -C "$tsan_dir" tests/test-gui-train-session &&
      env -u DISPLAY meson test -C "$tsan_dir" --setup tsan --print-errorlogs test-gui-train-session; } ||
      status=$?
    python3 tests/summarize.py "$build_dir/meson-logs/testlog.json" || true
    exit $status
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# Re-takes the screenshots in docs/images from the real application under Xvfb.
# Needs a release build (scripts/open-gui.sh or cmake --build --preset release) and
# ImageMagick's `import`. Usage: scripts/screenshots.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
taxo="$build/app/taxo/taxo"
gui="$build/app/taxonomist/taxonomist"
for tool in "$taxo" "$gui"; do
    [[ -x "$tool" ]] || { echo "screenshots: $tool is missing; build first" >&2; exit 1; }
done
command -v import >/dev/null || { echo "screenshots: install imagemagick" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" # a fresh settings file, so no window state leaks in
export XDG_DATA_HOME="$work/data"     # and a fresh demo project, made by this build

# shot NAME PROJECT [APP ARGS...]: opens the app, waits for it to draw, grabs the screen.
shot() {
    local name=$1
    shift
    xvfb-run -a -s '-screen 0 1280x800x24' bash -c '
        "$0" "${@:2}" & app=$!
        sleep 4
        import -window root "$1"
        kill $app' "$gui" "$work/$name.png" "$@"
    mkdir -p docs/images
    cp "$work/$name.png" "docs/images/$name.png"
    echo "docs/images/$name.png"
}

"$taxo" init "$work/study.taxo" --title "Deploying DL software" >/dev/null
shot main-window "$work/study.taxo"

# The home page of the demo project (a study mid-way), created by --demo on first use.
shot home-page --demo

# The Sampling page's Screening tab, saved by its GUI test from a real offscreen run.
tests="${build}/tests/ui/taxonomist_ui_tests"
if [[ -x "$tests" ]]; then
    TAXONOMIST_SCREENSHOT_DIR=docs/images QT_QPA_PLATFORM=offscreen "$tests" \
        "the lead decides disagreements on the Screening tab, undoably" >/dev/null
    echo docs/images/screening-tab.png
fi

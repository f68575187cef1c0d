#!/usr/bin/env bash
# Re-takes the screenshots in docs/images from the real application under Xvfb.
# Needs a release build (scripts/open-gui.sh or cmake --build --preset release) and
# ImageMagick's `import` and xdotool. Usage: scripts/screenshots.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
taxo="$build/app/taxo/taxo"
gui="$build/app/taxonomist/taxonomist"
for tool in "$taxo" "$gui"; do
    [[ -x "$tool" ]] || { echo "screenshots: $tool is missing; build first" >&2; exit 1; }
done
command -v import >/dev/null || { echo "screenshots: install imagemagick" >&2; exit 1; }
command -v xdotool >/dev/null || { echo "screenshots: install xdotool" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" # a fresh settings file, so no window state leaks in
export XDG_DATA_HOME="$work/data"     # and a fresh demo project, made by this build

# shot NAME [APP ARGS...]: opens the app, waits for it to draw, grabs the screen.
# KEYS (xdotool words, e.g. "key slash type exp") are typed into the app first.
shot() {
    local name=$1
    shift
    xvfb-run -a -s "-screen 0 ${SIZE:-1280x800}x24" bash -c '
        "$0" "${@:3}" & app=$!
        sleep 4
        # The window fills the screen, so the shot has no empty margin.
        xdotool search --onlyvisible --class taxonomist windowsize %@ 100% 100% || true
        sleep 1
        if [[ -n "$2" ]]; then
            xdotool search --sync --onlyvisible --class taxonomist windowactivate --sync
            xdotool $2
            sleep 1
        fi
        import -window root "$1"
        kill $app' "$gui" "$work/$name.png" "${KEYS:-}" "$@"
    mkdir -p docs/images
    cp "$work/$name.png" "docs/images/$name.png"
    echo "docs/images/$name.png"
}

"$taxo" init "$work/study.taxo" --title "Deploying DL software" >/dev/null
shot main-window "$work/study.taxo"

# The home page of the demo project (a study mid-way), created by --demo on first use.
shot home-page --demo

# The coding workbench on the demo, at a size where post and categories both show.
# The Coding page opens on the first round with work left: Bo's reliability round.
SIZE=1600x1000 shot coding-page --demo --page Coding
# A click on a leaf ("Export procedure"), so the side panel shows its labeled posts.
SIZE=1600x1000 KEYS="mousemove 298 116 click 1" shot codebook-page --demo --page Codebook
# The pilot's consensus (first in the round list), with the Codes panel of open coding.
SIZE=1600x1000 KEYS="mousemove 296 42 click 1 sleep 1 key Home Return" shot coding-pilot --demo --page Coding

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
# The page asks whose labels to change: five entries down is Bo's Server/Cloud reliability
# (the list is opened, closed with Escape, then moved with Down: Return would also save).
BO_RELIABILITY="mousemove 296 42 click 1 sleep 1 key Escape sleep 1 key Down Down Down Down Down sleep 1"
SIZE=1600x1000 KEYS="$BO_RELIABILITY" shot coding-page --demo --page Coding
# Quotes on the same post: a drag over a sentence of the question, Ctrl+E (one leaf
# ticked: it takes the quote); then Version mismatch ticked, the answer's sentence dragged
# over and Ctrl+E again, where the dialog asks which of the two (Down, Return: the second).
QUOTE_TWO="mousemove 410 229 click 1 mousedown 1 mousemove 500 229 mousemove 752 229 mouseup 1 sleep 1 key ctrl+e sleep 1 mousemove 921 287 click 1 sleep 1 mousemove 187 459 mousedown 1 mousemove 300 459 mousemove 521 459 mouseup 1 sleep 1 key ctrl+e sleep 1 key Down sleep 1 key Return"
SIZE=1600x1000 KEYS="$BO_RELIABILITY sleep 1 $QUOTE_TWO" shot coding-quotes --demo --page Coding
# Help opened with F1 on the Coding page: the coders' guide, rendered inside the app.
SIZE=1400x900 KEYS="$BO_RELIABILITY key F1" shot help-window --demo --page Coding
# A click on a leaf ("Export procedure"), so the side panel shows its labeled posts.
SIZE=1600x1000 KEYS="mousemove 298 116 click 1" shot codebook-page --demo --page Codebook
# The pilot's consensus (first in the round list), with the Codes panel of open coding.
SIZE=1600x1000 KEYS="mousemove 296 42 click 1 sleep 1 key Escape sleep 1 key Down sleep 1" shot coding-pilot --demo --page Coding

# The Arbitration page of the demo project, as the arbitrator Cy, with the first open
# post's decision chosen (Take B, Ctrl+2) and its rationale typed. A settings file of
# its own opens the project on the Arbitration page (the ninth, index 8) as Cy.
"$taxo" demo "$work/arbitration.taxo" >/dev/null
id=$("$taxo" info "$work/arbitration.taxo" --json | sed -n 's/^ *"id": *"\([^"]*\)".*/\1/p')
mkdir -p "$work/config-arbitration/Taxonomist"
printf '[lastPage]\n%s=8\n\n[arbitration]\n%s\\person=Cy\n%s\\allRoots=false\n' "$id" "$id" "$id" \
    >"$work/config-arbitration/Taxonomist/Taxonomist.conf"
command -v xdotool >/dev/null || { echo "screenshots: install xdotool" >&2; exit 1; }
XDG_CONFIG_HOME="$work/config-arbitration" xvfb-run -a -s '-screen 0 1280x800x24' bash -c '
    "$0" "$1" & app=$!
    sleep 4
    xdotool windowfocus --sync "$(xdotool search --onlyvisible --name Taxonomist | head -1)"
    xdotool mousemove 330 97 click 1 # the first row of the queue: the keyboard is on the page
    xdotool key ctrl+2               # Take B; the cursor moves to the rationale
    xdotool type --delay 15 "The CUDA library is missing in the serving image: a GPU set-up problem, as B says."
    sleep 1
    import -window root "$2"
    kill $app' "$gui" "$work/arbitration.taxo" "$work/arbitration-page.png"
cp "$work/arbitration-page.png" docs/images/arbitration-page.png
echo "docs/images/arbitration-page.png"

# The Agreement page of the demo's first reliability round.
shot agreement-page --demo --page Agreement

# The Agreement page's calibration view: the demo with a calibration round for a new
# coder, Fay, made by taxo round calibration; her labels are added to the project's
# exchange document (scripts/calibration-labels.py), which is read back into a new
# project. The calibration round is the last entry of Measure.
cal="$work/calibration"
"$taxo" demo "$cal-demo.taxo" >/dev/null
"$taxo" people add "$cal-demo.taxo" Fay --role coder >/dev/null
"$taxo" round calibration "$cal-demo.taxo" --name "Fay calibration" --pilot "Server/Cloud pilot" \
    --coders Fay --count 16 --seed 20201108 >/dev/null
"$taxo" export "$cal-demo.taxo" --format exchange --out "$cal.json" >/dev/null
python3 scripts/calibration-labels.py "$cal.json" "$cal-labeled.json"
"$taxo" init "$cal.taxo" >/dev/null
"$taxo" import "$cal.taxo" "$cal-labeled.json" >/dev/null
SIZE=1400x900 KEYS="mousemove 363 38 click 1 sleep 1 key End sleep 1 key Return sleep 2" shot agreement-calibration "$cal.taxo" --page Agreement

# The package menu's dialogs need keys typed into the window: xdotool drives the File menu.
if command -v xdotool >/dev/null; then
    "$taxo" demo "$work/demo.taxo" >/dev/null
    "$taxo" package export "$work/demo.taxo" --person Ann --out "$work/Ann-coder-package.taxo" \
        >/dev/null
    # keyshot NAME PROJECT KEYS...: opens the project, types each key group, grabs the screen.
    keyshot() {
        local name=$1 project=$2
        shift 2
        xvfb-run -a -s '-screen 0 1280x800x24' bash -c '
            "$0" "$2" & app=$!
            sleep 4
            # No window manager gives the window the focus: xdotool does.
            xdotool windowfocus --sync "$(xdotool search --onlyvisible --name Taxonomist | head -1)"
            for keys in "${@:3}"; do
                if [[ $keys == type:* ]]; then xdotool type --delay 20 "${keys#type:}"
                else xdotool key --delay 150 $keys; fi
                sleep 1
            done
            sleep 1
            import -window root "$1"
            kill $app' "$gui" "$work/$name.png" "$project" "$@"
        cp "$work/$name.png" "docs/images/$name.png"
        echo "docs/images/$name.png"
    }
    keyshot package-export "$work/demo.taxo" "alt+f e"
    keyshot package-report "$work/demo.taxo" "alt+f i" "type:$work/Ann-coder-package.taxo" Return
else
    echo "screenshots: install xdotool for the package dialogs (docs/images/package-*.png)" >&2
fi

# The Taxonomy page of the demo: the tree with counts and percentages, the
# summary and the live figure (the demo is mid-study, so some posts are unresolved).
shot taxonomy-page --demo --page Taxonomy
# A click on a leaf ("Export procedure") lists its quotes; a click selects the first one.
KEYS="mousemove 298 277 click 1 sleep 1 mousemove 350 492 click 1" shot taxonomy-quotes --demo --page Taxonomy

# The Corpus, Selection, Statistics and Sampling pages (on the genuine samples in
# ../shared/data) and the Sampling page's Screening tab and screening on the Coding
# page, saved by their GUI tests from real offscreen runs.
tests="${build}/tests/ui/taxonomist_ui_tests"
if [[ -x "$tests" ]]; then
    for test in "[.screenshot]" "[sampling]" \
        "the lead decides disagreements on the Screening tab, undoably" \
        "a coder screens with R and I on the Coding page, blind, with undo"; do
        TAXONOMIST_SCREENSHOT_DIR=docs/images QT_QPA_PLATFORM=offscreen "$tests" "$test" >/dev/null
    done
    echo docs/images/{corpus-page,selection-page,statistics-years,statistics-boxplots}.png
    echo docs/images/{sampling-page,screening-tab,screening-coding}.png
fi

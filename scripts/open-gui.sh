#!/usr/bin/env bash
# Sets up, builds and opens the Taxonomist window. Extra arguments go to the app; with
# none, it opens the demo project (a study mid-way, so every page has content).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release
cmake --build --preset release -j "$(nproc)"
if [[ $# -eq 0 ]]; then
    set -- --demo
fi
exec build/release/app/taxonomist/taxonomist "$@"

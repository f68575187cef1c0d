#!/usr/bin/env bash
# Sets up, builds and opens the Taxonomist window. Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release
cmake --build --preset release -j "$(nproc)"
exec build/release/app/taxonomist/taxonomist "$@"

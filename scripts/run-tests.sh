#!/usr/bin/env bash
# Sets up, builds and runs every test through ctest (GUI tests on the offscreen platform).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset dev
cmake --build --preset dev -j "$(nproc)"
ctest --preset dev "$@"

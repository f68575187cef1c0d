#!/usr/bin/env bash
# The long kill test (docs/security.md): SIGKILLs the labeling, import, arbitration and
# package-merge workers at random moments, N times each (default 200), and checks the
# project after every kill. The short versions run in ctest under the label `kill`.
#   scripts/kill-test.sh [--kills N] [--seed S] [--kinds label,import,arbitrate,merge]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${TAXONOMIST_BUILD_DIR:-build/dev}
if [[ ! -d $build ]]; then
    cmake --preset dev -DTAXONOMIST_BUILD_GUI=OFF
fi
cmake --build "$build" --target taxo_kill_worker generate_posts
# --kills 200 first: a --kills given here comes later and wins.
exec /usr/bin/python3 tests/kill/kill_harness.py --worker "$build/tests/kill/taxo_kill_worker" \
    --generator "$build/tests/bench/generate_posts" --kills 200 "$@"

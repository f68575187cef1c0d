#!/usr/bin/env bash
# Installs the Debian packages Taxonomist needs to build, test and run.
# Idempotent: packages already present are left alone.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-svg-dev qt6-charts-dev libgl1-mesa-dev
    # Qt6Charts needs Qt6OpenGL's CMake files, which qt6-base-dev only recommends
    libqt6opengl6-dev
    libsqlite3-dev nlohmann-json3-dev catch2 libarchive-dev libexpat1-dev
    xvfb xauth
    # test-only: validating the installed .desktop file and AppStream metadata
    desktop-file-utils appstream
    # test-only: validating the exported REFI-QDA project.qde against its schema
    libxml2-utils
    # test-only: 7z archives made in tests, the lxml peer of the import benchmark
    p7zip-full python3 python3-lxml
    # the documentation's screenshots (scripts/screenshots.sh)
    imagemagick xdotool
)

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
    echo "setup: this script needs a Debian or Ubuntu system with apt-get." >&2
    echo "setup: install these packages (or your system's equivalents) by hand:" >&2
    echo "  ${packages[*]}" >&2
    exit 1
fi

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "setup: all ${#packages[@]} packages are installed."
    exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "setup: not root and no sudo; run as root: apt-get install ${missing[*]}" >&2
        exit 1
    fi
    sudo=(sudo)
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

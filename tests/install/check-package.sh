#!/usr/bin/env bash
# Builds the Debian package with CPack, unpacks it into a scratch root and runs the
# installed binaries from there: what a user gets from `apt install ./taxonomist_*.deb`.
# Usage: check-package.sh BUILD_DIR VERSION
set -euo pipefail
build=$1
version=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "check-package: $*" >&2; exit 1; }

if ! cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    fail "cpack failed"
fi
shopt -s nullglob
debs=("$work"/out/*.deb)
[[ ${#debs[@]} -eq 1 ]] || fail "expected one .deb in $work/out, found ${#debs[@]}"
deb=${debs[0]}
echo "check-package: built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

[[ $(dpkg-deb --field "$deb" Package) == taxonomist ]] || fail "package name"
[[ $(dpkg-deb --field "$deb" Version) == "$version" ]] || fail "package version is not $version"
depends=$(dpkg-deb --field "$deb" Depends)
echo "check-package: Depends: $depends"
for needed in libqt6widgets6 libsqlite3-0 libarchive13 libexpat1; do
    [[ $depends == *"$needed"* ]] || fail "Depends lacks $needed"
done
# Every dependency must be satisfiable on this Debian system (the package installs).
IFS=',' read -ra clauses <<<"$depends"
for clause in "${clauses[@]}"; do
    satisfied=no
    IFS='|' read -ra alternatives <<<"$clause"
    for alternative in "${alternatives[@]}"; do
        name=$(echo "$alternative" | sed -E 's/\(.*\)//; s/[[:space:]]//g')
        status=$(dpkg-query -W -f='${Status}' "$name" 2>/dev/null || true)
        [[ $status == "install ok installed" ]] && satisfied=yes
    done
    [[ $satisfied == yes ]] || fail "dependency not installed here: $clause"
done

root="$work/root"
dpkg-deb -x "$deb" "$root"
for file in usr/bin/taxo usr/bin/taxonomist \
    usr/share/applications/org.taxonomist.Taxonomist.desktop \
    usr/share/icons/hicolor/scalable/apps/org.taxonomist.Taxonomist.svg \
    usr/share/metainfo/org.taxonomist.Taxonomist.metainfo.xml \
    usr/share/mime/packages/org.taxonomist.Taxonomist.xml; do
    [[ -f "$root/$file" ]] || fail "missing from the package: /$file"
done

out=$("$root/usr/bin/taxo" --version)
[[ $out == *"$version"* ]] || fail "taxo --version printed '$out'"
out=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/taxonomist" --version)
[[ $out == *"$version"* ]] || fail "taxonomist --version printed '$out'"
"$root/usr/bin/taxo" init "$work/p.taxo" >/dev/null || fail "the installed taxo cannot create a project"
"$root/usr/bin/taxo" info "$work/p.taxo" --json | grep -q '"schema_version"' ||
    fail "the installed taxo cannot read the project it created"

if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$root/usr/share/applications/org.taxonomist.Taxonomist.desktop" ||
        fail "the .desktop file is not valid"
else
    echo "check-package: desktop-file-validate not installed; .desktop not validated"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$root/usr/share/metainfo/org.taxonomist.Taxonomist.metainfo.xml" \
        >/dev/null || fail "the AppStream metadata is not valid"
else
    echo "check-package: appstreamcli not installed; AppStream metadata not validated"
fi
echo "check-package: ok"

#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan), seeds their corpora
# from the test fixtures, and runs each for SECONDS (default 600), two at a time.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Crashes land in build/fuzz/findings/<target>/; a crash file replays with
#   build/fuzz/tests/fuzz/<target> <crash file>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] &&
    targets=(fuzz_dump_scanner fuzz_expat_rows fuzz_tabular fuzz_rules fuzz_html fuzz_exchange
        fuzz_qdc fuzz_qdpx fuzz_package)
[[ -d build/fuzz ]] || cmake --preset fuzz
cmake --build --preset fuzz --target "${targets[@]}"

out=build/fuzz/tests/fuzz
data=tests/data/import
# The XML and tabular targets read their first byte as a setting (chunk size, reader), so
# each seed gets one in front. Copies of small fixtures only; nothing big is duplicated.
seed() { # target prefix-byte file...
    local target=$1 prefix=$2
    shift 2
    mkdir -p "$out/corpus-$target"
    for file in "$@"; do
        { printf "\\x$prefix"; cat "$file"; } >"$out/corpus-$target/seed-$prefix-$(basename "$file")"
    done
}
xml=("$data"/unsorted/*.xml "$data"/hostile/*.xml)
seed fuzz_dump_scanner 07 "${xml[@]}"
seed fuzz_expat_rows 07 "${xml[@]}"
seed fuzz_expat_rows 87 "${xml[@]}"
seed fuzz_tabular 21 "$data"/*.csv "$data"/hostile/*.csv
seed fuzz_tabular 20 "$data"/*.jsonl "$data"/hostile/*.jsonl
seed fuzz_tabular 21 "$data"/shapes/*.csv
seed fuzz_tabular 20 "$data"/shapes/*.jsonl
mkdir -p "$out/corpus-fuzz_rules" "$out/corpus-fuzz_html" "$out/corpus-fuzz_exchange" \
    "$out/corpus-fuzz_qdc" "$out/corpus-fuzz_qdpx"
cp docs/examples/*.json "$out/corpus-fuzz_rules/"
cp docs/examples/exchange-small.json tests/data/exchange/*.json "$out/corpus-fuzz_exchange/"
cp tests/data/qdc/*.qdc "$out/corpus-fuzz_qdc/"
# quotes.qde: a quote selection of Taxonomist's and another tool's passage, over fuzz_qdpx's text.
cp tests/data/qdpx/*.qde "$out/corpus-fuzz_qdpx/"
# The hand-written files in the shapes of QualCoder and MAXQDA, each named by its folder.
for qde in tests/data/qdpx/*/project.qde; do
    cp "$qde" "$out/corpus-fuzz_qdpx/$(basename "$(dirname "$qde")").qde"
done
# fuzz_package patches the package its own set-up exports: an even first byte and no patch
# is that package unchanged, which the merge accepts.
mkdir -p "$out/corpus-fuzz_package"
printf '\x00' >"$out/corpus-fuzz_package/seed-unchanged"
printf '\x00\x64\x00\x00\x00\x00' >"$out/corpus-fuzz_package/seed-one-patch"
# Post bodies are HTML escaped inside the dump's attributes: the fixtures hold real ones.
cp "$data"/unsorted/Posts.xml "$out/corpus-fuzz_html/posts-escaped.xml"
printf '<p>a <b>b</b> <a href="javascript:x">c</a><script>d</script><pre><code>&lt;e&gt;</code></pre>' \
    >"$out/corpus-fuzz_html/seed.html"

run() { # target
    local target=$1
    mkdir -p "build/fuzz/findings/$target"
    "$out/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
        -artifact_prefix="build/fuzz/findings/$target/" -print_final_stats=1 \
        "$out/corpus-$target" >"build/fuzz/findings/$target.log" 2>&1 &&
        echo "$target: no crash in ${seconds}s" ||
        echo "$target: FAILED, see build/fuzz/findings/$target.log"
}
# Two at a time: the machine has two cores.
for ((i = 0; i < ${#targets[@]}; i += 2)); do
    run "${targets[i]}" &
    [[ $((i + 1)) -lt ${#targets[@]} ]] && run "${targets[i + 1]}" &
    wait
done
grep -h "stat::number_of_executed_units\|Done " build/fuzz/findings/*.log || true

#!/usr/bin/python3
"""Import benchmark: taxo import against the lxml iterparse peer, on the same file, in
the same run. Prints MB/s for each, the ratio, and peak memory (max RSS).

  scripts/bench-import.py [--bytes 1073741824] [--tags old|new] [--build build/release]
                          [--keep] [--skip-7z] [--compare OTHER_BUILD [--runs N]]

With --compare, the import of the same file by OTHER_BUILD's taxo (an earlier commit built
beside this one) and by this build's is timed N times each, alternating, before the peer:
the change's cost measured in one run, on one file, with the same page cache.

It builds nothing: run `cmake --preset release && cmake --build --preset release` first.
The generated file is read once before timing so that both runs read it from the page
cache. With 7z installed it also compares `taxo import` of a .7z archive with libarchive
alone decompressing the same archive (archive_read_bench).
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

DL_TAGS = ("tensorflow,keras,pytorch,theano,caffe,tensorflow-serving,google-cloud-ml,"
           "amazon-sagemaker,tensorflow-lite,coreml,tensorflow.js")


def measure(command):
    """Runs a command; returns (wall seconds, CPU seconds of the child, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed ({result.returncode}): "
                 f"{result.stderr.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout.decode()


def peak_rss_mib(command):
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed: {result.stderr[-2000:]}")
    return int(result.stderr.strip().splitlines()[-1]) / 1024.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bytes", type=int, default=1 << 30)
    parser.add_argument("--tags", choices=["old", "new"], default="old")
    parser.add_argument("--build", default="build/release")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--skip-7z", action="store_true")
    parser.add_argument("--compare", help="another build folder whose taxo is timed too")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    build = os.path.join(root, args.build)
    taxo = os.path.join(build, "app/taxo/taxo")
    generator = os.path.join(build, "tests/bench/generate_posts")
    archive_bench = os.path.join(build, "tests/bench/archive_read_bench")
    peer = os.path.join(root, "tests/bench/lxml_peer.py")
    for tool in (taxo, generator):
        if not os.path.exists(tool):
            sys.exit(f"bench: {tool} is missing; build the release preset first")

    work = tempfile.mkdtemp(prefix="taxo-bench-")
    posts = os.path.join(work, "Posts.xml")
    with open(posts, "wb") as out:
        subprocess.run([generator, "--bytes", str(args.bytes), "--tags", args.tags], stdout=out,
                       check=True)
    size = os.path.getsize(posts)
    mb = size / 1e6
    subprocess.run(["cat", posts], stdout=subprocess.DEVNULL, check=True)  # page cache

    project = os.path.join(work, "bench.taxo")
    if args.compare:
        other = os.path.join(os.path.abspath(args.compare), "app/taxo/taxo")
        times = {other: [], taxo: []}
        for _ in range(args.runs):
            for tool in (other, taxo):
                if os.path.exists(project):
                    os.remove(project)
                subprocess.run([tool, "init", project], check=True, stdout=subprocess.DEVNULL)
                wall, cpu, _ = measure([tool, "import", project, posts, "--tags", DL_TAGS,
                                        "--json"])
                times[tool].append((wall, cpu))
        for tool in (other, taxo):
            os.remove(project)
            subprocess.run([tool, "init", project], check=True, stdout=subprocess.DEVNULL)
            rss = peak_rss_mib([tool, "import", project, posts, "--tags", DL_TAGS, "--json"])
            walls = sorted(w for w, _ in times[tool])
            cpus = sorted(c for _, c in times[tool])
            print(f"{tool}: wall {', '.join(f'{w:.2f}' for w, _ in times[tool])} s "
                  f"(median {walls[len(walls) // 2]:.2f}), cpu median {cpus[len(cpus) // 2]:.2f} s, "
                  f"peak RSS {rss:.0f} MiB")
        median = lambda tool, i: sorted(t[i] for t in times[tool])[len(times[tool]) // 2]
        print(f"this build / {args.compare}: wall {median(taxo, 0) / median(other, 0):.3f}, "
              f"cpu {median(taxo, 1) / median(other, 1):.3f}")
        os.remove(project)
    subprocess.run([taxo, "init", project], check=True, stdout=subprocess.DEVNULL)
    ours_wall, ours_cpu, ours_out = measure([taxo, "import", project, posts, "--tags", DL_TAGS,
                                             "--json"])
    report = json.loads(ours_out)
    peer_db = os.path.join(work, "peer.db")
    peer_wall, peer_cpu, peer_out = measure(["/usr/bin/python3", peer, posts, peer_db, DL_TAGS])

    os.remove(project)
    subprocess.run([taxo, "init", project], check=True, stdout=subprocess.DEVNULL)
    ours_rss = peak_rss_mib([taxo, "import", project, posts, "--tags", DL_TAGS, "--json"])
    os.remove(peer_db)
    peer_rss = peak_rss_mib(["/usr/bin/python3", peer, posts, peer_db, DL_TAGS])

    print(f"file: {posts} ({mb:.1f} MB, {args.tags} tag encoding)")
    print(f"kept questions: taxo {report.get('questions')}, peer {peer_out.strip()}")
    print(f"taxo import: {ours_wall:6.2f} s wall, {ours_cpu:6.2f} s cpu, {mb / ours_wall:8.1f} MB/s,"
          f" peak RSS {ours_rss:.0f} MiB")
    print(f"lxml peer:   {peer_wall:6.2f} s wall, {peer_cpu:6.2f} s cpu, {mb / peer_wall:8.1f} MB/s,"
          f" peak RSS {peer_rss:.0f} MiB")
    print(f"ratio (throughput, wall): {peer_wall / ours_wall:.1f}x")

    if not args.skip_7z and os.path.exists("/usr/bin/7z") and os.path.exists(archive_bench):
        archive = os.path.join(work, "site.7z")
        subprocess.run(["7z", "a", "-bd", "-mx=1", archive, posts], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run(["cat", archive], stdout=subprocess.DEVNULL, check=True)
        bare_wall, _, _ = measure([archive_bench, archive])
        os.remove(project)
        subprocess.run([taxo, "init", project], check=True, stdout=subprocess.DEVNULL)
        seven_wall, _, _ = measure([taxo, "import", project, archive, "--tags", DL_TAGS, "--json"])
        print(f"7z: libarchive alone {bare_wall:.2f} s, taxo import {seven_wall:.2f} s, "
              f"ratio {seven_wall / bare_wall:.2f}x")

    if not args.keep:
        subprocess.run(["rm", "-rf", work], check=True)
    else:
        print(f"kept {work}")


if __name__ == "__main__":
    main()

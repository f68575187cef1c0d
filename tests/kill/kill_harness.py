#!/usr/bin/python3
"""Kills taxo_kill_worker with SIGKILL at random moments and checks the project after each kill.

After every kill the harness runs `taxo_kill_worker check`, which opens the project with
Project::open and runs PRAGMA integrity_check, then verifies:
  label:  every acknowledged label is stored with its acknowledged value (only the one save
          in flight, announced by "try label", may have committed without its ack);
  import: the posts count is the count before the import or the count after a complete one,
          never in between, and an acknowledged import is complete.
Standard library only. Exit status 0 when every check held; prints the numbers.

  kill_harness.py --worker W --generator G [--kills 20] [--seed 1] [--kinds label,import]
"""

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time


class Failure(Exception):
    pass


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, check=False, **kwargs)


def check_project(worker, path):
    """Opens the project through core; returns (posts, {post: value})."""
    done = run([worker, "check", path])
    if done.returncode != 0:
        raise Failure(f"check of {path} failed: {done.stderr.strip()}")
    posts, labels = None, {}
    for line in done.stdout.splitlines():
        word, _, rest = line.partition(" ")
        if word == "integrity" and rest != "ok;":
            raise Failure(f"integrity_check of {path}: {rest}")
        if word == "posts":
            posts = int(rest)
        if word == "label":
            post, value = rest.split(" ")
            labels[int(post)] = value
    return posts, labels


def kill_after(args, delay):
    """Starts the worker, SIGKILLs it after `delay` seconds; returns (stdout, exited early)."""
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.PIPE)
        try:
            proc.wait(timeout=delay)
            early = True
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            early = False
        err = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
        if early and proc.returncode != 0:
            raise Failure(f"worker failed on its own: {err.strip()}")
        out.seek(0)
        return out.read().decode(), early


def label_kills(worker, folder, kills, rng, stats):
    path = os.path.join(folder, "label.taxo")
    done = run([worker, "setup-label", path, "60"])
    if done.returncode != 0:
        raise Failure(done.stderr)
    expected = {}  # post -> last acknowledged value, over all runs on this one project
    for run_number in range(kills):
        out, early = kill_after([worker, "label", path, str(run_number)], rng.uniform(0.05, 0.6))
        if early:
            raise Failure("the label worker stopped before the kill")
        # Only lines ending in a newline count: the kill may cut the last one anywhere.
        lines = [line.split(" ") for line in out.split("\n")[:-1]]
        for parts in lines:
            if len(parts) == 3 and parts[0] == "label":
                expected[int(parts[1])] = parts[2]
                stats["acks"] += 1
        in_flight = None
        if lines and len(lines[-1]) == 4 and lines[-1][0] == "try":
            in_flight = (int(lines[-1][2]), lines[-1][3])
        _, stored = check_project(worker, path)
        for post, value in expected.items():
            got = stored.get(post)
            if got == value:
                continue
            if in_flight and in_flight[0] == post and got == in_flight[1]:
                stats["unacked_committed"] += 1
                continue
            stats["lost"] += 1
            raise Failure(f"kill {run_number}: post {post} has {got}, acknowledged {value}")
        if in_flight and stored.get(in_flight[0]) == in_flight[1]:
            expected[in_flight[0]] = in_flight[1]
        stats["label_kills"] += 1


def import_kills(worker, generator, folder, kills, rng, stats):
    xml = os.path.join(folder, "Posts.xml")
    with open(xml, "wb") as out:
        subprocess.run([generator, "--bytes", str(4 << 20), "--seed", "7"], stdout=out, check=True)
    base = os.path.join(folder, "import-base.taxo")
    small = os.path.join(folder, "Small.xml")
    with open(small, "wb") as out:
        subprocess.run([generator, "--bytes", str(64 << 10), "--seed", "3"], stdout=out, check=True)
    done = run([worker, "setup-import", base, small])
    if done.returncode != 0:
        raise Failure(done.stderr)
    before, _ = check_project(worker, base)
    # One uninterrupted import gives the count after and the time the kills spread over.
    full = os.path.join(folder, "import-full.taxo")
    shutil.copyfile(base, full)
    started = time.monotonic()
    done = run([worker, "import", full, xml])
    duration = time.monotonic() - started
    if done.returncode != 0:
        raise Failure(done.stderr)
    after, _ = check_project(worker, full)
    if after <= before:
        raise Failure("the import added nothing: the test would prove nothing")
    stats["import_seconds"] = round(duration, 2)
    stats["posts_before"], stats["posts_after"] = before, after
    path = os.path.join(folder, "import.taxo")
    for run_number in range(kills):
        shutil.copyfile(base, path)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        out, _ = kill_after([worker, "import", path, xml], rng.uniform(0.0, duration * 1.1))
        acked = any(line.startswith("import ") for line in out.split("\n")[:-1])
        posts, _ = check_project(worker, path)
        if posts not in (before, after):
            raise Failure(f"kill {run_number}: {posts} posts, neither {before} nor {after}")
        if acked and posts != after:
            stats["lost"] += 1
            raise Failure(f"kill {run_number}: acknowledged import missing ({posts} posts)")
        stats["import_complete" if posts == after else "import_rolled_back"] += 1
        stats["import_kills"] += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", required=True)
    parser.add_argument("--generator", required=True)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--kinds", default="label,import")
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    stats = {"seed": seed, "label_kills": 0, "acks": 0, "unacked_committed": 0, "import_kills": 0,
             "import_complete": 0, "import_rolled_back": 0, "lost": 0}
    kinds = options.kinds.split(",")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="taxo-kill-") as folder:
        try:
            if "label" in kinds:
                label_kills(options.worker, folder, options.kills, rng, stats)
            if "import" in kinds:
                import_kills(options.worker, options.generator, folder, options.kills, rng, stats)
        except Failure as failure:
            print("FAIL:", failure, file=sys.stderr)
            print(stats)
            return 1
    stats["seconds"] = round(time.monotonic() - started, 1)
    print(" ".join(f"{key}={value}" for key, value in stats.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

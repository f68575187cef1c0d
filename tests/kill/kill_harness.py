#!/usr/bin/python3
"""Kills taxo_kill_worker with SIGKILL at random moments and checks the project after each kill.

After every kill the harness runs `taxo_kill_worker check`, which opens the project with
Project::open and runs PRAGMA integrity_check, then verifies:
  label:  every acknowledged label is stored with its acknowledged value, its quotes (part,
          offsets and text, in order) included (only the one save in flight, announced by
          "try label", may have committed without its ack);
  import: the posts count is the count before the import or the count after a complete one,
          never in between, and an acknowledged import is complete.
  arbitrate: every acknowledged decision (or undo) is stored as acknowledged, the coders'
          quotes it keeps included, as for labels.
  merge:  the labels (with their quotes) are exactly those before the merge of a coder's package or exactly
          those after a complete one, never a part, and an acknowledged merge is complete.
  demo:   the demo project is either absent or complete (every decision of an uninterrupted
          build), never a half-built file that opens, and an acknowledged demo is there.
Standard library only. Exit status 0 when every check held; prints the numbers.

  kill_harness.py --worker W --generator G [--kills 20] [--seed 1]
                 [--kinds label,import,arbitrate,merge,demo]
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


def check_project(worker, path, what="label"):
    """Opens the project through core; returns (posts, {post: value}) of labels or decisions."""
    done = run([worker, "check", path])
    if done.returncode != 0:
        raise Failure(f"check of {path} failed: {done.stderr.strip()}")
    posts, values = None, {}
    for line in done.stdout.splitlines():
        word, _, rest = line.partition(" ")
        if word == "integrity" and rest != "ok;":
            raise Failure(f"integrity_check of {path}: {rest}")
        if word == "posts":
            posts = int(rest)
        if word == what:
            # A demo quote's text may hold spaces: the value is the rest of the line.
            post, value = rest.split(" ", 1)
            values[int(post)] = value
    return posts, values


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


def acked_kills(worker, path, command, what, kills, rng, stats, delays):
    """Kills `command` (label or arbitrate) again and again on one project; after each kill
    every acknowledged value must be stored ("none": no row), except that the one action in
    flight may have committed without its acknowledgement."""
    expected = {}  # post -> last acknowledged value, over all runs on this one project
    for run_number in range(kills):
        out, early = kill_after([worker, command, path, str(run_number)], rng.uniform(*delays))
        if early:
            raise Failure(f"the {command} worker stopped before the kill")
        # Only lines ending in a newline count: the kill may cut the last one anywhere.
        lines = [line.split(" ") for line in out.split("\n")[:-1]]
        for parts in lines:
            if len(parts) == 3 and parts[0] == what:
                expected[int(parts[1])] = parts[2]
                stats[f"{command}_acks"] += 1
        in_flight = None
        if lines and len(lines[-1]) == 4 and lines[-1][0] == "try":
            in_flight = (int(lines[-1][2]), lines[-1][3])
        _, stored = check_project(worker, path, what)
        for post, value in expected.items():
            got = stored.get(post, "none")
            if got == value:
                continue
            if in_flight and in_flight[0] == post and got == in_flight[1]:
                stats[f"{command}_unacked_committed"] += 1
                continue
            stats["lost"] += 1
            raise Failure(f"kill {run_number}: post {post} has {got}, acknowledged {value}")
        if in_flight and stored.get(in_flight[0], "none") == in_flight[1]:
            expected[in_flight[0]] = in_flight[1]
        stats[f"{command}_kills"] += 1


def label_kills(worker, folder, kills, rng, stats):
    path = os.path.join(folder, "label.taxo")
    done = run([worker, "setup-label", path, "60"])
    if done.returncode != 0:
        raise Failure(done.stderr)
    acked_kills(worker, path, "label", "label", kills, rng, stats, (0.05, 0.6))


def arbitrate_kills(worker, folder, kills, rng, stats):
    path = os.path.join(folder, "arbitrate.taxo")
    done = run([worker, "setup-arbitrate", path, "40"])
    if done.returncode != 0:
        raise Failure(done.stderr)
    acked_kills(worker, path, "arbitrate", "decision", kills, rng, stats, (0.05, 0.4))


def merge_kills(worker, folder, kills, rng, stats, posts):
    base = os.path.join(folder, "merge-base.taxo")
    done = run([worker, "setup-merge", base, str(posts)])
    if done.returncode != 0:
        raise Failure(done.stderr)
    package = base + ".ann"
    _, before = check_project(worker, base)
    full = os.path.join(folder, "merge-full.taxo")
    shutil.copyfile(base, full)
    started = time.monotonic()
    done = run([worker, "merge", full, package])
    duration = time.monotonic() - started
    if done.returncode != 0:
        raise Failure(done.stderr)
    _, after = check_project(worker, full)
    if after == before:
        raise Failure("the merge changed nothing: the test would prove nothing")
    stats["merge_seconds"] = round(duration, 2)
    stats["merge_labels"] = len(after)
    path = os.path.join(folder, "merge.taxo")
    for run_number in range(kills):
        shutil.copyfile(base, path)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        out, _ = kill_after([worker, "merge", path, package], rng.uniform(0.0, duration * 1.1))
        acked = any(line.startswith("merge ") for line in out.split("\n")[:-1])
        _, labels = check_project(worker, path)
        if labels not in (before, after):
            raise Failure(f"kill {run_number}: {len(labels)} labels, a partial merge")
        if acked and labels != after:
            stats["lost"] += 1
            raise Failure(f"kill {run_number}: acknowledged merge missing")
        stats["merge_complete" if labels == after else "merge_rolled_back"] += 1
        stats["merge_kills"] += 1


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


def demo_kills(worker, folder, kills, rng, stats):
    full = os.path.join(folder, "demo-full.taxo")
    started = time.monotonic()
    done = run([worker, "demo", full])
    duration = time.monotonic() - started
    if done.returncode != 0:
        raise Failure(done.stderr)
    _, complete = check_project(worker, full, "decision")
    if not complete:
        raise Failure("the demo has no decision: the test would prove nothing")
    stats["demo_seconds"] = round(duration, 2)
    for run_number in range(kills):
        path = os.path.join(folder, f"demo-{run_number}.taxo")
        out, _ = kill_after([worker, "demo", path], rng.uniform(0.0, duration * 1.1))
        acked = any(line.startswith("demo ") for line in out.split("\n")[:-1])
        if not os.path.exists(path):
            if acked:
                stats["lost"] += 1
                raise Failure(f"kill {run_number}: acknowledged demo missing")
            stats["demo_absent"] += 1
        else:
            _, decisions = check_project(worker, path, "decision")
            if decisions != complete:
                raise Failure(f"kill {run_number}: a half-built demo at {path} "
                              f"({len(decisions)} of {len(complete)} decisions)")
            stats["demo_complete"] += 1
        for name in os.listdir(folder):
            if name.startswith(f"demo-{run_number}.taxo"):
                os.remove(os.path.join(folder, name))
        stats["demo_kills"] += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", required=True)
    parser.add_argument("--generator", required=True)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--kinds", default="label,import,arbitrate,merge")
    parser.add_argument("--merge-posts", type=int, default=1500,
                        help="labels in the coder's package that the merge kind merges")
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    stats = {"seed": seed, "label_kills": 0, "label_acks": 0, "label_unacked_committed": 0,
             "import_kills": 0, "import_complete": 0, "import_rolled_back": 0,
             "arbitrate_kills": 0, "arbitrate_acks": 0, "arbitrate_unacked_committed": 0,
             "merge_kills": 0, "merge_complete": 0, "merge_rolled_back": 0,
             "demo_kills": 0, "demo_complete": 0, "demo_absent": 0, "lost": 0}
    kinds = options.kinds.split(",")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="taxo-kill-") as folder:
        try:
            if "label" in kinds:
                label_kills(options.worker, folder, options.kills, rng, stats)
            if "import" in kinds:
                import_kills(options.worker, options.generator, folder, options.kills, rng, stats)
            if "arbitrate" in kinds:
                arbitrate_kills(options.worker, folder, options.kills, rng, stats)
            if "merge" in kinds:
                merge_kills(options.worker, folder, options.kills, rng, stats, options.merge_posts)
            if "demo" in kinds:
                demo_kills(options.worker, folder, options.kills, rng, stats)
        except Failure as failure:
            print("FAIL:", failure, file=sys.stderr)
            print(stats)
            return 1
    stats["seconds"] = round(time.monotonic() - started, 1)
    print(" ".join(f"{key}={value}" for key, value in stats.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Fails on any #include that goes against the project's layers.

Layers, lowest first: core, then cli and ui (which never include each other), then app.
Inside core and inside ui the folders form one order (CONTRIBUTING.md, "Layers"): a file
may include its own folder and folders before it, never one after it, so no two folders
can reach each other. Includes name their layer ("core/labels/labels.h"); an include
that names no layer, or a folder this script does not know, is an error too.
"""
import os
import re
import sys

CORE_ORDER = [
    "util", "store", "project", "text", "corpus", "codebook", "people", "rounds",
    "labels", "agreement", "select", "screening", "sampling", "stats", "arbitration",
    "recoding", "results", "exchange", "packages", "demo", "status",
]
UI_ORDER = [
    "support", "widgets", "session", "codebook", "labeling", "arbitration", "agreement",
    "results", "corpus", "selection", "statistics", "sampling", "home", "app",
]
# Which top-level layers each may include.
LAYERS = {
    "core": {"core"},
    "cli": {"core", "cli"},
    "ui": {"core", "ui"},
    "app": {"core", "cli", "ui", "app"},
}
ORDERS = {"core": CORE_ORDER, "ui": UI_ORDER}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def problems(root):
    found = []
    for layer in LAYERS:
        for folder, _, files in os.walk(os.path.join(root, layer)):
            for name in sorted(files):
                if not name.endswith((".h", ".cpp")):
                    continue
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, root)
                parts = rel.split(os.sep)
                own = parts[1] if len(parts) > 2 else None
                order = ORDERS.get(layer)
                if order is not None and own not in order:
                    found.append(f"{rel}: folder '{own}' is not in the order of {layer}/")
                    continue
                with open(path, encoding="utf-8") as source:
                    for number, line in enumerate(source, 1):
                        match = INCLUDE.match(line)
                        if not match:
                            continue
                        target = match.group(1).split("/")
                        where = f"{rel}:{number}: #include \"{match.group(1)}\""
                        if len(target) < 2 or target[0] not in LAYERS:
                            if layer == "app" and len(target) == 1:
                                continue  # generated files beside a main
                            found.append(f"{where} names no layer (core/, cli/, ui/)")
                            continue
                        if target[0] not in LAYERS[layer]:
                            found.append(f"{where}: {layer}/ may not include {target[0]}/")
                            continue
                        if target[0] != layer or order is None:
                            continue
                        if len(target) < 3 or target[1] not in order:
                            found.append(f"{where}: unknown folder of {layer}/")
                        elif order.index(target[1]) > order.index(own):
                            found.append(f"{where}: {layer}/{own} comes before "
                                         f"{layer}/{target[1]} in the order, so it may not "
                                         "include it")
    return found


def documented_order(root, layer):
    """The order CONTRIBUTING.md gives for `layer`, from its "- **layer:** a → b" item."""
    with open(os.path.join(root, "CONTRIBUTING.md"), encoding="utf-8") as doc:
        text = doc.read()
    match = re.search(r"^- \*\*" + layer + r":\*\* (.*?)(?=^- |^$)", text, re.M | re.S)
    if not match:
        return None
    return [name.strip() for name in " ".join(match.group(1).split()).split("→")]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if len(sys.argv) > 1:
        root = sys.argv[1]
    found = problems(root)
    for layer, order in ORDERS.items():
        if documented_order(root, layer) != order:
            found.append(f"CONTRIBUTING.md, \"Layers\": the order of {layer}/ is not the "
                         f"script's: {' → '.join(order)}")
    for problem in found:
        print(problem)
    if found:
        print(f"{len(found)} include(s) against the layers; see CONTRIBUTING.md, \"Layers\"")
        return 1
    print("layers: every include goes down the order")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Fails when an #include runs against the layer order (ARCHITECTURE.md: core <- widgets <- app;
inside core util <- data <- numerics <- probes <- model <- train <- io <- tasks). A file may include its own layer or a
lower one. The built-in demos (datasets/) are data sources: the data layer. Widgets and the
workbench never include a torch header.

    python3 tests/check_layers.py [ROOT]
"""
import os
import re
import subprocess
import sys

ORDER = ["core/util", "core/data", "core/numerics", "core/probes", "core/model", "core/train", "core/io", "core/tasks",
         "widgets", "app"]
CORE_FOLDERS = {"util", "data", "numerics", "probes", "model", "train", "io", "tasks"}
# Known exceptions, each with the reason and the change that removes it.
ALLOWED = set()
INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^>"]+)[>"]')


def layer_of(path):
    parts = path.split("/")
    if parts[0] == "core":
        return "core/" + parts[1]
    if parts[0] == "datasets":
        return "core/data"
    return parts[0]  # widgets, app


def target_of(including, name, root):
    first = name.split("/")[0]
    if "/" in name and first in CORE_FOLDERS:
        return "core/" + first
    # A bare name: the including file's folder, else the demos (on btsf_base's include path).
    if os.path.exists(os.path.join(root, os.path.dirname(including), name)):
        return layer_of(including)
    if os.path.exists(os.path.join(root, "datasets", name)):
        return "core/data"
    return None  # a system or third-party header


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files = subprocess.check_output(["git", "-C", root, "ls-files", "core", "datasets", "widgets", "app"],
                                    text=True).split()
    problems = []
    for path in files:
        if not path.endswith((".h", ".cpp")):
            continue
        here = layer_of(path)
        with open(os.path.join(root, path), encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                bracket, name = m.groups()
                if bracket == "<":
                    if here in ("widgets", "app") and re.match(r"(torch|ATen|c10)/", name):
                        problems.append(f"{path}:{number}: {name}: widgets and the apps never include a torch header")
                    continue
                there = target_of(path, name, root)
                if there is None or (path, name) in ALLOWED:
                    continue
                if ORDER.index(there) > ORDER.index(here):
                    problems.append(f"{path}:{number}: includes {name} ({there}), a layer above {here}")
    for p in problems:
        print(p)
    print(f"layer order: {len(problems)} include(s) against it in {len(files)} files")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

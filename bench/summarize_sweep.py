#!/usr/bin/env python3
"""Prints a table of SVM accuracy per problem and config variant from bench/sweeps."""
import json, os, statistics, sys

out, configs = sys.argv[1], [os.path.splitext(os.path.basename(c))[0] for c in sys.argv[2:]]
problems = sorted({p for c in configs if os.path.isdir(os.path.join(out, c)) for p in os.listdir(os.path.join(out, c))})
cols = configs + ["untrained", "raw"]
table = {}
for c in configs:
    for p in problems:
        d = os.path.join(out, c, p)
        if not os.path.isdir(d):
            continue
        for s in os.listdir(d):
            f = os.path.join(d, s, "metrics.json")
            if not os.path.isfile(f):
                continue
            m = json.load(open(f))
            table.setdefault((p, c), []).append(m["accuracy"])
            table.setdefault((p, "untrained"), []).append(m["baselines"]["untrained"]["accuracy"])
            table.setdefault((p, "raw"), []).append(m["baselines"]["raw"]["accuracy"])
print("| problem | " + " | ".join(cols) + " |")
print("|---" * (len(cols) + 1) + "|")
means = {c: [] for c in cols}
for p in problems:
    vals = []
    for c in cols:
        v = table.get((p, c))
        if v:
            means[c].append(statistics.mean(v))
        vals.append(f"{statistics.mean(v):.3f}" if v else "")
    print(f"| {p} | " + " | ".join(vals) + " |")
print("| **mean** | " + " | ".join(f"{statistics.mean(means[c]):.3f} ({len(means[c])})" if means[c] else "" for c in cols) + " |")

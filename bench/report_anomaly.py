#!/usr/bin/env python3
"""Writes bench/results/anomaly.md from the kept anomaly runs
(RUNS/PRESET/GROUP/NAME/metrics.json): per group, point-wise and point-adjusted F1
of every preset beside its untrained twin, the raw window and (SMAP/MSL) the two
classical anchors; per preset wins/ties/losses per series against each baseline and
the means without the series of its largest lead. The first lines say which preset
wins each group and whether any learned detector is worth its training there."""
import argparse
import collections
import csv
import datetime
import json
import os
import subprocess

# BTSF paper, Table 4 (ICLR 2022 submission): F1, point-adjusted, not measured here.
PUBLISHED = {"SMAP": 0.906, "MSL": 0.984, "SWaT": 0.944, "WADI": 0.685, "SMD": 0.972}
GROUP_TITLE = {"nasa": "NASA SMAP/MSL channels", "ucr": "UCR anomaly archive", "nab": "NAB"}
PRESET_ORDER = ["btsf", "ts2vec", "default", "sum-fusion", "paper"]
VIEWS = (("point_wise", "F1"), ("point_adjusted", "F1 (PA)"))


def describe_rule(rule):
    """The threshold a run used, in words, from its recorded rule (sigma:K, quantile:Q, best-f1)."""
    kind, _, value = rule.partition(":")
    held_out = "the scores on the held-out end of the training series, which the decoder did not fit"
    if kind == "sigma":
        return f"points scoring above mean + {value} std of {held_out}"
    if kind == "quantile":
        return f"points scoring above the {value} quantile of {held_out}"
    if kind == "best-f1":
        return "the threshold of best F1 on the test labels (an oracle, not a result)"
    return f"the rule `{rule}`"


def load_runs(root):
    """{preset: {group: {name: metrics}}}, presets in PRESET_ORDER then by name."""
    runs = {}
    for preset in os.listdir(root):
        for group in GROUP_TITLE:
            folder = os.path.join(root, preset, group)
            if not os.path.isdir(folder):
                continue
            for name in sorted(os.listdir(folder)):
                path = os.path.join(folder, name, "metrics.json")
                if not os.path.exists(path):
                    continue
                with open(path) as f:
                    m = json.load(f)
                commit_file = os.path.join(folder, name, "commit.txt")
                m["_commit"] = open(commit_file).read().strip() if os.path.exists(commit_file) else None
                runs.setdefault(preset, {}).setdefault(group, {})[name] = m
    rank = {p: i for i, p in enumerate(PRESET_ORDER)}
    return dict(sorted(runs.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))


def load_anchor(anchors):
    """SMAP/MSL classical detectors from ../shared/anchors: {column: {channel: (f1, f1_pa)}}."""
    path = os.path.join(anchors or "", "classical_anomaly_smap_msl.csv")
    if not anchors or not os.path.exists(path):
        return {}
    out = {"nn": {}, "zscore": {}}
    with open(path) as f:
        for row in csv.DictReader(f):
            if row["channel"] == "mean":
                continue
            for col in out:
                out[col][row["channel"]] = (float(row[f"{col}_f1"]), float(row[f"{col}_f1_pa"]))
    return out


def f1(m, view):
    return m[view]["f1"]


def columns_for(group, presets, runs, anchor):
    """Ordered (label, {series: (f1, f1_pa)}) for the presets, their untrained twins, raw and anchors."""
    cols = []
    for p in presets:
        cols.append((p, {n: (f1(m, "point_wise"), f1(m, "point_adjusted")) for n, m in runs[p][group].items()}))
    for p in presets:
        cols.append((f"untrained {p}", {n: (f1(m["baselines"]["untrained"], "point_wise"),
                                            f1(m["baselines"]["untrained"], "point_adjusted"))
                                        for n, m in runs[p][group].items() if "baselines" in m}))
    raw = {}
    for p in presets:  # the raw window does not depend on the preset: the first run of a series gives it
        for n, m in runs[p][group].items():
            if "baselines" in m:
                raw.setdefault(n, (f1(m["baselines"]["raw"], "point_wise"), f1(m["baselines"]["raw"], "point_adjusted")))
    cols.append(("raw", raw))
    if group == "nasa":
        cols += [("nearest-neighbour (anchor)", anchor.get("nn", {})), ("z-score (anchor)", anchor.get("zscore", {}))]
    return [(label, values) for label, values in cols if values]


def mean(values):
    return sum(values) / len(values) if values else float("nan")


def wtl(a, b):
    w = sum(x > y for x, y in zip(a, b))
    l = sum(x < y for x, y in zip(a, b))
    return f"{w}/{len(a) - w - l}/{l}"


def group_section(group, runs, anchor):
    presets = [p for p in runs if group in runs[p]]
    if not presets:
        return [], None
    # Means compare the same series: those every preset ran, with at least one labelled anomaly.
    names = sorted(set.intersection(*(set(runs[p][group]) for p in presets)))
    unlabelled = [n for n in names if runs[presets[0]][group][n].get("anomalous_points", 1) == 0]
    names = [n for n in names if n not in unlabelled]
    cols = [(label, values) for label, values in columns_for(group, presets, runs, anchor)
            if all(n in values for n in names)]
    if not names:
        return [], None
    lines = [f"## {GROUP_TITLE[group]} ({len(names)} series, seed 0)", ""]
    means = {}
    for vi, (view, title) in enumerate(VIEWS):
        lines += [f"{title}:", "", "| series | " + " | ".join(label for label, _ in cols) + " |",
                  "|---|" + "---:|" * len(cols)]
        for n in names:
            best = max(values[n][vi] for _, values in cols)
            cells = [(f"**{values[n][vi]:.3f}**" if values[n][vi] == best and best > 0 else f"{values[n][vi]:.3f}")
                     for _, values in cols]
            lines.append(f"| {n} | " + " | ".join(cells) + " |")
        means[view] = {label: mean([values[n][vi] for n in names]) for label, values in cols}
        top = max(means[view].values())
        lines.append("| **mean** | " + " | ".join(
            f"**{means[view][label]:.3f}**" if means[view][label] == top else f"{means[view][label]:.3f}"
            for label, _ in cols) + " |")
        lines.append("")
    if unlabelled:
        lines += [f"Not averaged (no labelled anomaly in the test part, F1 undefined): {', '.join(unlabelled)}.", ""]

    baselines = [label for label, _ in cols if label not in presets]
    lines += ["Per series, wins/ties/losses of each preset against each baseline (point-wise F1; point-adjusted in brackets), "
              "and the means without the series where the preset leads its strongest baseline by most:", "",
              "| preset | " + " | ".join(f"vs {b}" for b in baselines) + " | left out | mean without it | best baseline without it |",
              "|---|" + "---:|" * (len(baselines) + 3)]
    values = dict(cols)
    for p in presets:
        own = [b for b in baselines if not b.startswith("untrained") or b == f"untrained {p}"]
        cells = []
        for b in baselines:
            if b not in own:
                cells.append("")
                continue
            cells.append(wtl([values[p][n][0] for n in names], [values[b][n][0] for n in names]) +
                         f" ({wtl([values[p][n][1] for n in names], [values[b][n][1] for n in names])})")
        lead = {n: values[p][n][0] - max(values[b][n][0] for b in own) for n in names}
        top = max(names, key=lambda n: lead[n])
        rest = [n for n in names if n != top]
        rest_mean = mean([values[p][n][0] for n in rest])
        best_b = max(own, key=lambda b: mean([values[b][n][0] for n in rest]))
        cells += [top, f"{rest_mean:.3f}", f"{best_b} {mean([values[best_b][n][0] for n in rest]):.3f}"]
        lines.append(f"| {p} | " + " | ".join(cells) + " |")
    lines.append("")
    return lines, (presets, baselines, names, means)


def headline(group, summary):
    presets, baselines, names, means = summary
    pw = means["point_wise"]
    best_p = max(presets, key=lambda p: pw[p])
    best_b = max(baselines, key=lambda b: pw[b])
    margin = pw[best_p] - pw[best_b]
    verdict = (f"leads the strongest baseline ({best_b}, {pw[best_b]:.3f}) by {margin:.3f}" if margin > 0 else
               f"trails the strongest baseline ({best_b}, {pw[best_b]:.3f}) by {-margin:.3f}: no learned detector "
               "here is worth its training")
    return (f"- **{GROUP_TITLE[group]}** ({len(names)} series, 1 seed): `{best_p}` has the best mean point-wise F1 "
            f"of the presets run ({pw[best_p]:.3f}) and {verdict}.")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", required=True)
    ap.add_argument("--anchors", default="")
    ap.add_argument("--out", required=True)
    ap.add_argument("--command", default="")
    a = ap.parse_args()
    runs = load_runs(a.runs)
    anchor = load_anchor(a.anchors)
    sections, heads = [], []
    for group in GROUP_TITLE:
        lines, summary = group_section(group, runs, anchor)
        sections += lines
        if summary:
            heads.append(headline(group, summary))

    rules = collections.Counter(m.get("threshold_rule", "sigma:3") for p in runs.values() for g in p.values()
                                for m in g.values())
    commits = collections.Counter(m["_commit"] or "before commit.txt was kept" for p in runs.values()
                                  for g in p.values() for m in g.values())
    windows = collections.Counter(f"{m['window']} steps, stride {m['stride']}" for p in runs.values()
                                  for g in p.values() for m in g.values())
    lines = ["# Anomaly-detection benchmark (spec §8)", ""] + heads + [""]
    lines += ["An MLP decoder rebuilds each window from its frozen representation; a point's score is its reconstruction "
              "error averaged over the windows covering it. Threshold, as recorded in the runs: " +
              "; ".join(f"{describe_rule(r)} ({n} runs)" for r, n in rules.items()) + ". Windows: " +
              "; ".join(f"{w} ({n} runs)" for w, n in windows.items()) + ".",
              "**F1** is point-wise; **F1 (PA)** is point-adjusted (a segment counts as found when any of its points is "
              "flagged), which inflates scores (Kim et al., AAAI 2022): both are always shown. **raw** = the same decoder "
              "on the raw window; **untrained P** = preset P's architecture with its initial weights. The SMAP/MSL "
              "anchors (`../shared/anchors/classical_anomaly_smap_msl.csv`, same threshold rule) are a z-score of the "
              "telemetry value and the distance of each window to its nearest training window. Bold: best of the row. "
              "`sum-fusion` was the `default` preset when its runs were made.", ""]
    lines += sections
    lines += ["Published, BTSF paper Table 4 (point-adjusted F1, another protocol and threshold; not measured here): " +
              ", ".join(f"{k} {v:.3f}" for k, v in PUBLISHED.items()) + ". SWaT, WADI and SMD are not in ../shared/datasets.", ""]
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    lines += [f"Runs made by: " + ", ".join(f"{c} ({n})" for c, n in commits.items()) +
              f". Report written at commit {head}, {datetime.date.today()}, on {os.cpu_count()} cores.", ""]
    if a.command:
        lines += [f"Command: `{a.command}`", ""]
    with open(a.out, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()

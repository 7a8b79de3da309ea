#!/usr/bin/env python3
"""Writes an ablation report (bench/results/ablations.md, or ablations-PRESET.md)
from the two compare grids of bench/run_ablations.sh (augmentations with the
base's fusion; fusion modes with the base's augmentation): mean ± std accuracy per problem, mean over problems, average ranks,
Friedman and Nemenyi figures as btsf-cli computed them, head-to-head counts
for the base cell, and the paper's HAR figures labelled as
published on another dataset."""
import argparse
import datetime
import json
import os
import subprocess

# BTSF paper, Appendix Table 6 (ICLR 2022 submission), HAR accuracy in %: published, not measured here.
PUBLISHED_TABLE6 = {
    "Slicing": [88.3, 86.7, 88.7, 90.7, 91.5],
    "Dropout": [89.4, 88.4, 89.8, 92.4, 94.6],
    "Layer-Wise Dropout": [89.8, 89.1, 90.4, 93.1, 95.4],
}
TABLE6_COLUMNS = ["Temporal", "Spectral", "Sum/Concat", "Bilinear", "Iterative Bilinear"]

# Column headers: the problems' names shortened so the wide tables stay readable.
SHORT = {"SmoothSubspace": "SmoothSub", "ItalyPowerDemand": "ItalyPower", "SyntheticControl": "SynthControl",
         "SonyAIBORobotSurface1": "SonyAIBO1", "SonyAIBORobotSurface2": "SonyAIBO2"}

GRIDS = ("augmentations", "fusion")
# What each base preset is, for the report's first paragraph.
BASES = {
    "sum-fusion": "the `sum-fusion` preset, then called `default` (identity output, overlapping crops of at least half "
                  "the series, the step-level loss, batch 16)",
    "btsf": "the `btsf` preset (the ts2vec encoder, latent masking, overlapping crops and hierarchical loss, plus the "
            "log-magnitude spectral branch, the layer-normed bilinear joint feature and InfoNCE on the representation; its "
            "dropout rate is 0, so its `dropout` views differ by crop and latent mask only and the `dropout` cells are "
            "the base's own views)",
}


def grid_titles(base_fusion, base_augmentation):
    """{grid: (title, focus cell)}: each grid varies one key of the base cell."""
    focus = f"{base_augmentation} / {base_fusion}"
    views = "dropout views" if base_augmentation == "dropout" else f"{base_augmentation} views"
    return {"augmentations": (f"Augmentations, all with {base_fusion} fusion", focus),
            "fusion": (f"Fusion modes, all with {views}", focus)}


def load(results, grid):
    path = os.path.join(results, grid, "compare.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        data = json.load(f)
    data["_folder"] = os.path.join(results, grid)
    return data


def baselines(classification_runs, preset, dataset):
    """SVM accuracy of the classification benchmark's full-length runs of the base preset and their untrained and
    raw baselines, averaged over the seeds kept (PRESET/seedS/ucr/NAME), or the 2026-11 single-seed layout
    (default/ucr/NAME) for the sum-fusion base."""
    paths = [os.path.join(classification_runs, preset, seed, "ucr", dataset, "metrics.json")
             for seed in sorted(os.listdir(os.path.join(classification_runs, preset)))] \
        if os.path.isdir(os.path.join(classification_runs, preset)) else []
    if preset == "sum-fusion":
        paths = [os.path.join(classification_runs, "default", "ucr", dataset, "metrics.json")]
    ms = []
    for path in paths:
        if os.path.exists(path):
            with open(path) as f:
                ms.append(json.load(f))
    if not ms:
        return None
    acc = [(m["probes"]["svm"]["accuracy"], m["baselines"]["untrained"]["probes"]["svm"]["accuracy"],
            m["baselines"]["raw"]["probes"]["svm"]["accuracy"]) for m in ms]
    return tuple(sum(a[i] for a in acc) / len(acc) for i in range(3)) + (len(acc),)


def cell_seconds(cells_dir):
    total = 0.0
    for root, _, files in os.walk(cells_dir):
        for name in files:
            if name.endswith(".json"):
                with open(os.path.join(root, name)) as f:
                    total += json.load(f).get("seconds", 0.0)
    return total


def head_to_head(summary, datasets, method, other):
    win = tie = loss = 0
    for d in datasets:
        a, b = summary[d][method]["mean"], summary[d][other]["mean"]
        if abs(a - b) < 1e-9:
            tie += 1
        elif a > b:
            win += 1
        else:
            loss += 1
    return win, tie, loss


def grid_section(grid, data, title, focus, classification_runs, preset, link_dir):
    summary = data["summary"]
    datasets = sorted(summary)
    methods = list(data.get("ranks", {}).keys()) or sorted({m for d in datasets for m in summary[d]})
    complete = [d for d in datasets if all(m in summary[d] for m in methods)]
    if not complete:
        return ([f"## {title}", "", "No problem has every method of this grid yet.", ""],
                "No results yet: no problem has every method of this grid.", {}, 0, 0)
    seeds = max(v["n"] for d in datasets for v in summary[d].values())
    ranks = data.get("ranks", {})
    order = sorted(methods, key=lambda m: ranks.get(m, 1e9))
    out = [f"## {title}", "",
           f"Mean ± std test accuracy over {seeds} seeds (SVM probe), per problem; the last columns are the mean over "
           f"the {len(complete)} problems, the mean over problems of the std over seeds (the paper's Figure 3 "
           "also ranks augmentations by variance), and the average rank (1 = best) that the Friedman test uses.", ""]
    short = [SHORT.get(d, d) for d in complete]
    out.append("| method | " + " | ".join(short) + " | mean | mean std | avg rank |")
    out.append("|---|" + "---:|" * (len(complete) + 3))
    for m in order:
        cells = [f"{summary[d][m]['mean']:.3f} ± {summary[d][m]['std']:.3f}" for d in complete]
        mean = sum(summary[d][m]["mean"] for d in complete) / len(complete)
        spread = sum(summary[d][m]["std"] for d in complete) / len(complete)
        bold = "**" if m == focus else ""
        out.append(f"| {bold}{m}{bold} | " + " | ".join(cells) +
                   f" | {mean:.3f} | {spread:.3f} | {ranks.get(m, float('nan')):.2f} |")
    refs = [baselines(classification_runs, preset, d) for d in complete]
    if all(refs):
        out.append(f"| *{preset} preset, full length, {refs[0][3]} seed(s)* | " + " | ".join(f"{r[0]:.3f}" for r in refs) +
                   f" | {sum(r[0] for r in refs) / len(refs):.3f} | | |")
        out.append("| *untrained encoder* | " + " | ".join(f"{r[1]:.3f}" for r in refs) +
                   f" | {sum(r[1] for r in refs) / len(refs):.3f} | | |")
        out.append("| *raw input* | " + " | ".join(f"{r[2]:.3f}" for r in refs) +
                   f" | {sum(r[2] for r in refs) / len(refs):.3f} | | |")
        untrained = sum(r[1] for r in refs) / len(refs)
        raw = sum(r[2] for r in refs) / len(refs)
        means = {m: sum(summary[d][m]["mean"] for d in complete) / len(complete) for m in methods}
        above = [m for m in order if means[m] > max(untrained, raw)]
        baseline_line = (f" Methods whose mean accuracy beats both baselines (untrained encoder {untrained:.3f}, "
                         f"raw input {raw:.3f}): " + (", ".join(above) if above else "none") + ".")
        out += ["", "The italic rows are the classification benchmark's runs of the base preset with its own iteration "
                "rule (`bench/results/classification.md`; for sum-fusion the 2026-11 single-seed runs) and their two "
                "baselines, for scale. They are not ranked."]
    else:
        baseline_line = ""
    out.append("")
    if "friedman" in data:
        fr, cd = data["friedman"], data["critical_difference"]
        best = order[0]
        gap = ranks[focus] - ranks[best]
        diagram = os.path.relpath(os.path.join(data["_folder"], "cd-diagram.svg"), link_dir)
        out += [f"Friedman chi² = {fr['chi2']:.2f} (df {fr['df']:g}, p = {fr['p']:.3g}); Iman-Davenport F = "
                f"{fr['F']:.2f} (p = {fr['F_p']:.3g}). Nemenyi critical difference at alpha 0.05: **{cd:.2f}** ranks "
                f"([critical-difference diagram]({diagram})).", ""]
        # Pairwise (Nemenyi) claims only follow a Friedman test that rejects "all methods are equal".
        rejects = fr["p"] < 0.05
        position = order.index(focus) + 1
        verdict = (f"**{focus}** has average rank {ranks[focus]:.2f}, position {position} of {len(order)}. ")
        if focus == best:
            runner = order[1]
            sig = "significant" if rejects and ranks[runner] - ranks[focus] > cd else "not significant"
            verdict += (f"It is the best-ranked method; its lead over the runner-up ({runner}, "
                        f"{ranks[runner]:.2f}) is {ranks[runner] - ranks[focus]:.2f} ranks, {sig} at the Nemenyi CD.")
        else:
            sig = "significantly" if rejects and gap > cd else "but not significantly"
            verdict += (f"The best-ranked is {best} ({ranks[best]:.2f}), {gap:.2f} ranks ahead, {sig} "
                        f"(CD {cd:.2f}).")
        if rejects:
            beaten = [m for m in order if m != focus and ranks[m] - ranks[focus] > cd]
            beating = [m for m in order if m != focus and ranks[focus] - ranks[m] > cd]
            verdict += (" Significantly worse than it (Nemenyi): " + (", ".join(beaten) if beaten else "none") +
                        ". Significantly better than it: " + (", ".join(beating) if beating else "none") + ".")
        else:
            verdict += (f" The Friedman test does not reject that all {len(order)} methods perform alike "
                        f"(p = {fr['p']:.2f}), so no pair differs significantly.")
        spreads = {m: sum(summary[d][m]["std"] for d in complete) / len(complete) for m in methods}
        steady = sorted(methods, key=lambda m: spreads[m]).index(focus) + 1
        verdict += (f" Its seed-to-seed spread (mean std {spreads[focus]:.3f}) is position {steady} of {len(methods)} "
                    "(1 = steadiest).")
        verdict += baseline_line
        out += [verdict, ""]
    else:
        verdict = f"No rank statistics yet: fewer than two problems have every method of this grid."

    out += ["Head to head over problems (mean accuracy over seeds; wins / ties / losses of "
            f"{focus} against each):", ""]
    out.append("| against | wins | ties | losses |")
    out.append("|---|---:|---:|---:|")
    for m in order:
        if m != focus:
            w, t, l = head_to_head(summary, complete, focus, m)
            out.append(f"| {m} | {w} | {t} | {l} |")
    out.append("")
    grid_means = {m: sum(summary[d][m]["mean"] for d in complete) / len(complete) for m in methods}
    return out, verdict, grid_means, len(complete), seeds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True, help="bench/results/ablations")
    ap.add_argument("--classification-runs", default=os.path.join(os.path.dirname(__file__), "results", "runs"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--command", default="")
    ap.add_argument("--iters", type=int, default=100, help="training iterations of every cell")
    ap.add_argument("--preset", default="sum-fusion", help="the base preset of the cells")
    ap.add_argument("--base-fusion", default="iterative")
    ap.add_argument("--base-augmentation", default="dropout")
    a = ap.parse_args()
    titles = grid_titles(a.base_fusion, a.base_augmentation)
    link_dir = os.path.dirname(os.path.abspath(a.out))
    grids = {}
    for grid in GRIDS:
        data = load(a.results, grid)
        if data is not None:
            section = grid_section(grid, data, titles[grid][0], titles[grid][1], a.classification_runs, a.preset,
                                   link_dir)
            grids[grid] = (data, section)
    problems = max((g[1][3] for g in grids.values()), default=0)
    seeds = max((g[1][4] for g in grids.values()), default=0)
    lines = [f"# Ablation benchmark on `{a.preset}`: augmentations and fusion modes (spec §10)", "",
             f"Grids of `btsf-cli compare` on the same {problems} short UCR problems, {seeds} seeds each, on "
             f"{BASES.get(a.preset, 'the `' + a.preset + '` preset')}, with {a.iters} training iterations (the "
             "preset's rule gives 200 here), so that a grid fits a session on two cores. Only the augmentation, the "
             "fusion mode and the seed change between cells; `bilinear` is one-shot fusion (L = 0), `iterative` has "
             "L = 3 unless the base has more loops. The probe is the SVM (TS2Vec grid). The augmentations follow Iwana & Uchida 2021 with their "
             "default parameters; `layerwise-dropout` is dropout views plus dropout 0.1 inside the encoders. "
             "The label-using ones (spawner, wdba, rgw, dgw) see training labels only.", ""]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip()
    lines += [f"Machine: {os.cpu_count()} cores, CPU, 1 thread per grid. Date: {datetime.date.today()}. "
              f"Commit: {commit}.", ""]
    if a.command:
        lines += [f"Command: `{a.command}`", ""]
    means, verdicts, sections = {}, [], []
    for grid in GRIDS:
        if grid not in grids:
            sections += [f"## {titles[grid][0]}", "", "Not run yet.", ""]
            continue
        section, verdict, grid_means, _, _ = grids[grid][1]
        sections += section
        verdicts.append(f"- **{titles[grid][0]}.** {verdict}")
        means[grid] = grid_means
        seconds = cell_seconds(os.path.join(a.results, grid, "cells"))
        if seconds:
            sections += [f"Training and probing time of this grid: {seconds / 60:.0f} minutes.", ""]
    lines += ["## Verdict", ""] + verdicts + [""] + sections

    lines += ["## Beside the paper's HAR figures (published, another dataset)", "",
              "The paper's Table 6 reports accuracy in % on HAR, a dataset not in `../shared/datasets`; these are its "
              "published figures, not measured here. Beneath them, the same cells measured here, as the mean "
              f"accuracy over the {problems} UCR problems above (– where no grid has such a cell). The Dropout row "
              "comes from the fusion grid, the other two from the augmentation grid.", ""]
    lines.append("| augmentation | " + " | ".join(TABLE6_COLUMNS) + " |")
    lines.append("|---|" + "---:|" * len(TABLE6_COLUMNS))
    for row, values in PUBLISHED_TABLE6.items():
        lines.append(f"| {row} (paper, HAR, published) | " + " | ".join(f"{v:.1f}" for v in values) + " |")
    ours = {"Slicing": ("window-slice", "augmentations"), "Dropout": ("dropout", "fusion"),
            "Layer-Wise Dropout": ("layerwise-dropout", "augmentations")}
    fusions = ["temporal", "spectral", "sum", "bilinear", "iterative"]
    for row, (aug, grid) in ours.items():
        grid_means = means.get(grid, {})
        cells = []
        for f in fusions:
            key = f"{aug} / {f}"
            if f == "sum" and key in grid_means and f"{aug} / concat" in grid_means:
                cells.append(f"{100 * grid_means[key]:.1f} / {100 * grid_means[aug + ' / concat']:.1f}")
            else:
                cells.append(f"{100 * grid_means[key]:.1f}" if key in grid_means else "–")
        lines.append(f"| {row} (measured, {problems} UCR) | " + " | ".join(cells) + " |")
    lines += ["",
              "The paper's Figure 3 compares the 13 augmentations on HAR, with dropout best in mean and in variance; "
              "its bar heights are not given in the text, so only that ordering is quoted here.", ""]
    with open(a.out + ".tmp", "w") as f:
        f.write("\n".join(lines))
    os.replace(a.out + ".tmp", a.out)


if __name__ == "__main__":
    main()

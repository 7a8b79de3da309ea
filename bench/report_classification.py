#!/usr/bin/env python3
"""Builds bench/results/classification.md (and .csv) from the run folders of
bench/run_classification.sh, with the TS2Vec and raw-SVM anchors beside them.
Standard library only."""
import argparse, csv, datetime, json, os, platform, statistics, subprocess


def load_runs(runs):
    rows = {}
    for preset in sorted(os.listdir(runs)):
        for archive in ("ucr", "uea"):
            base = os.path.join(runs, preset, archive)
            if not os.path.isdir(base):
                continue
            for name in sorted(os.listdir(base)):
                path = os.path.join(base, name, "metrics.json")
                if os.path.isfile(path):
                    with open(path) as f:
                        rows.setdefault((archive, name), {})[preset] = json.load(f)
    return rows


def load_anchor(path, column="accuracy"):
    out = {}
    if os.path.isfile(path):
        with open(path) as f:
            for r in csv.DictReader(f):
                if r.get(column):
                    out[r["dataset"]] = {k: r[k] for k in r}
    return out


def probe(m, name, key="accuracy"):
    if not m or name not in m:
        return None
    return m[name].get(key)


def baseline(m, which, name, key="accuracy"):
    if not m:
        return None
    p = m.get("baselines", {}).get(which, {}).get("probes", {}).get(name)
    return p.get(key) if p else None


def fmt(x, digits=3):
    return "" if x is None else f"{x:.{digits}f}"


def machine():
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", required=True)
    ap.add_argument("--anchors", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--command", default="bash bench/run_classification.sh")
    args = ap.parse_args()

    rows = load_runs(args.runs)
    ts2vec = {**load_anchor(os.path.join(args.anchors, "ts2vec_ucr_shared.csv")),
              **load_anchor(os.path.join(args.anchors, "ts2vec_uea_shared.csv"))}
    raw_anchor = load_anchor(os.path.join(args.anchors, "raw_svm_ucr_shared.csv"))

    columns = [("default svm", lambda d, p: probe(d, "svm")),
               ("default linear", lambda d, p: probe(d, "linear")),
               ("paper svm", lambda d, p: probe(p, "svm")),
               ("paper linear", lambda d, p: probe(p, "linear")),
               ("untrained svm", lambda d, p: baseline(d, "untrained", "svm")),
               ("untrained linear", lambda d, p: baseline(d, "untrained", "linear")),
               ("raw svm", lambda d, p: baseline(d, "raw", "svm")),
               ("raw linear", lambda d, p: baseline(d, "raw", "linear"))]
    auprc_columns = [("default svm", lambda d, p: probe(d, "svm", "auprc")),
                     ("default linear", lambda d, p: probe(d, "linear", "auprc")),
                     ("paper svm", lambda d, p: probe(p, "svm", "auprc")),
                     ("untrained svm", lambda d, p: baseline(d, "untrained", "svm", "auprc")),
                     ("raw svm", lambda d, p: baseline(d, "raw", "svm", "auprc"))]

    lines = ["# Classification benchmark", "",
             f"Generated {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {machine()}.",
             f"Command: `{args.command}` (then this report: `python3 bench/report_classification.py`).", "",
             "Every figure below was measured by that command, one seed (0) per cell. `default` and `paper` are the",
             "presets of `core/model/btsf_config.cpp`; `untrained` is the `default` architecture with its initial",
             "weights; `raw` is the z-scored series flattened. Probes: SVM-RBF with the TS2Vec grid, and",
             "multinomial logistic regression with CV-chosen L2 (spec §8). TS2Vec and raw-SVM anchors come from",
             "`../shared/anchors/` (public TS2Vec code on this kind of machine, seed 42). How `default` was chosen:",
             "`default-preset-sweep.md`. An empty cell is a run that has not finished (the script is resumable).", ""]
    for preset in ("default", "paper"):
        cfg = next((os.path.join(args.runs, preset, a, n, "config.json") for (a, n) in sorted(rows)
                    if os.path.isfile(os.path.join(args.runs, preset, a, n, "config.json"))), None)
        if cfg:
            with open(cfg) as f:
                keys = json.load(f)
            keys.pop("seed", None)
            lines.append(f"`{preset}`: `{json.dumps(keys, separators=(',', ':'))}`")
            lines.append("")
    csv_rows = []
    for archive in ("ucr", "uea"):
        names = sorted(n for (a, n) in rows if a == archive)
        if not names:
            continue
        lines += [f"## {archive.upper()} accuracy", "",
                  "| problem | train | len | dims | " + " | ".join(c for c, _ in columns) +
                  " | TS2Vec | raw SVM (anchor) | train s | iters |",
                  "|---" * (4 + len(columns) + 4) + "|"]
        sums = {c: [] for c, _ in columns}
        paired = {c: [] for c, _ in columns}
        ts_paired = []
        wins = {"untrained": 0, "raw": 0, "both": 0, "n": 0}
        for n in names:
            r = rows[(archive, n)]
            d, p = r.get("default"), r.get("paper")
            vals = [f(d, p) for _, f in columns]
            meta = d or p
            ts = ts2vec.get(n, {}).get("accuracy")
            ts = float(ts) if ts else None
            ra = raw_anchor.get(n, {}).get("accuracy")
            ra = float(ra) if ra else None
            for (c, _), v in zip(columns, vals):
                if v is not None:
                    sums[c].append(v)
            if vals[0] is not None and ts is not None:
                ts_paired.append((vals[0], ts))
            if vals[0] is not None and vals[4] is not None and vals[6] is not None:
                wins["n"] += 1
                wins["untrained"] += vals[0] > vals[4]
                wins["raw"] += vals[0] > vals[6]
                wins["both"] += vals[0] > vals[4] and vals[0] > vals[6]
            lines.append(f"| {n} | {meta['n_train']} | {meta['length']} | {meta['channels']} | " +
                         " | ".join(fmt(v) for v in vals) +
                         f" | {fmt(ts)} | {fmt(ra)} | {fmt(d and d['train_seconds'], 1)} | {d and d['iters'] or ''} |")
            csv_rows.append([archive, n] + [fmt(v, 4) for v in vals] + [fmt(ts, 4), fmt(d and d["train_seconds"], 1)])
        n_all = len(names)

        def mean_cell(c):
            # A column with fewer finished runs says how many its mean covers.
            if not sums[c]:
                return ""
            m = f"**{fmt(statistics.mean(sums[c]))}**"
            return m if len(sums[c]) == n_all else f"{m} ({len(sums[c])})"

        lines.append(f"| **mean** ({n_all} problems) | | | | " + " | ".join(mean_cell(c) for c, _ in columns) +
                     " | | | | |")
        lines.append("")
        if wins["n"]:
            lines.append(f"`default` SVM beats the untrained encoder on {wins['untrained']}/{wins['n']} problems, "
                         f"the raw input on {wins['raw']}/{wins['n']}, both on {wins['both']}/{wins['n']}.")
        both = [(f(r.get("default"), r.get("paper")), g(r.get("default"), r.get("paper")))
                for r in (rows[(archive, n)] for n in names)
                for (_, f), (_, g) in [(columns[0], columns[2])]]
        both = [(a, b) for a, b in both if a is not None and b is not None]
        if both and len(both) < n_all:
            lines.append(f"On the {len(both)} problems where `paper` has finished: `default` SVM mean "
                         f"{statistics.mean(a for a, _ in both):.4f}, `paper` SVM mean {statistics.mean(b for _, b in both):.4f}.")
        if ts_paired:
            ours = statistics.mean(a for a, _ in ts_paired)
            theirs = statistics.mean(b for _, b in ts_paired)
            lines.append(f"On the {len(ts_paired)} problems TS2Vec finished: `default` SVM mean {ours:.4f}, "
                         f"TS2Vec {theirs:.4f}.")
        lines.append("")
        lines += [f"### {archive.upper()} AUPRC", "",
                  "| problem | " + " | ".join(c for c, _ in auprc_columns) + " | TS2Vec |",
                  "|---" * (2 + len(auprc_columns)) + "|"]
        for n in names:
            r = rows[(archive, n)]
            d, p = r.get("default"), r.get("paper")
            ts = ts2vec.get(n, {}).get("auprc")
            lines.append(f"| {n} | " + " | ".join(fmt(f(d, p)) for _, f in auprc_columns) +
                         f" | {fmt(float(ts)) if ts else ''} |")
        lines.append("")

    lines += ["## GPU", ""]
    gpu = os.path.join(os.path.dirname(args.out), "gpu-cbf.md")
    if os.path.isfile(gpu):
        with open(gpu) as f:
            lines += f.read().rstrip("\n").split("\n")
    else:
        lines += ["Not measured: no GPU has been at hand yet. On a machine with one, `bash bench/gpu_cbf.sh`",
                  "builds `btsf-cli` against a CUDA LibTorch, times `classify demo:CBF` on the CPU and on CUDA, and",
                  "writes `gpu-cbf.md`, which this report then shows here."]

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out + ".tmp", "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(args.out + ".tmp", args.out)
    with open(os.path.splitext(args.out)[0] + ".csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["archive", "dataset"] + [c for c, _ in columns] + ["ts2vec", "default_train_seconds"])
        w.writerows(csv_rows)


if __name__ == "__main__":
    main()

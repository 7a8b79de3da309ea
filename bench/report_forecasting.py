#!/usr/bin/env python3
"""Writes bench/results/forecasting.md from the kept forecast runs
(bench/results/forecast-runs/PRESET/SETTING/NAME/metrics.json): per dataset and setting, every
preset measured with its untrained encoder, the raw-window ridge and the NLinear-style ridge, and
for ETTh1 multivariate the published TS2Vec and BTSF figures and the NLinear anchor. The first
lines say which row wins each horizon and whether a learned preset beats NLinear."""
import argparse
import csv
import datetime
import json
import os
import platform
import subprocess

# Published figures (not measured here): ETTh1 multivariate MSE.
PUBLISHED = {
    "TS2Vec (published)": {24: 0.599, 48: 0.629, 168: 0.755, 336: 0.907, 720: 1.048},
    "BTSF paper (published claim)": {24: 0.541, 48: 0.613, 168: 0.640, 336: 0.864, 720: 0.993},
}
ORDER = ["default", "ts2vec", "btsf", "paper", "sum-fusion"]


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def read(path):
    return open(path).read().strip() if os.path.exists(path) else ""


def load(runs):
    """{(name, setting): {preset: metrics}}"""
    found = {}
    for preset in sorted(os.listdir(runs)):
        for setting in sorted(os.listdir(os.path.join(runs, preset))):
            for name in sorted(os.listdir(os.path.join(runs, preset, setting))):
                folder = os.path.join(runs, preset, setting, name)
                if not os.path.exists(os.path.join(folder, "metrics.json")):
                    continue
                with open(os.path.join(folder, "metrics.json")) as f:
                    m = json.load(f)
                m["wall"] = read(os.path.join(folder, "time.txt"))
                m["commit"] = read(os.path.join(folder, "commit.txt")) or "before commit.txt was kept"
                config = os.path.join(folder, "config.json")
                m["config"] = json.load(open(config)) if os.path.exists(config) else {}
                found.setdefault((name, setting), {})[preset] = m
    return found


def load_anchor(anchors):
    path = os.path.join(anchors or "", "nlinear_etth1.csv")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return {int(r["horizon"]): float(r["mse"]) for r in csv.DictReader(f) if r["lookback"] == "200"}


def rows_of(by_preset):
    """[(label, results, kind)]: trained presets, their untrained encoders, then the raw baselines
    from the newest run that has them (the NLinear ridge only exists since issue 13)."""
    presets = [p for p in ORDER if p in by_preset] + sorted(set(by_preset) - set(ORDER))
    rows = [(p, by_preset[p]["results"], "learned") for p in presets]
    rows += [(f"untrained ({p})", by_preset[p]["baselines"]["untrained"], "untrained")
             for p in presets if "baselines" in by_preset[p]]
    with_nlinear = [p for p in presets if "nlinear" in by_preset[p].get("baselines", {})]
    source = with_nlinear[0] if with_nlinear else next((p for p in presets if "baselines" in by_preset[p]), None)
    if source:
        rows.append(("raw window", by_preset[source]["baselines"]["raw"], "raw"))
    if with_nlinear:
        rows.append(("NLinear ridge", by_preset[source]["baselines"]["nlinear"], "raw"))
    return presets, rows


def headline(name, setting, horizons, rows):
    learned = [r for r in rows if r[2] == "learned"]
    nlinear = next((r for r in rows if r[0] == "NLinear ridge"), None)
    parts = []
    for h in horizons:
        best = min(rows, key=lambda r: r[1][h]["mse"])
        best_learned = min(learned, key=lambda r: r[1][h]["mse"])
        text = f"H={h}: {best[0]} {best[1][h]['mse']:.3f}"
        if best[2] != "learned":
            text += f" (best learned: {best_learned[0]} {best_learned[1][h]['mse']:.3f})"
        parts.append(text)
    beaten = []
    if nlinear:
        beaten = [h for h in horizons if min(r[1][h]["mse"] for r in learned) < nlinear[1][h]["mse"]]
        verdict = (f"a learned preset beats the NLinear ridge at {len(beaten)} of {len(horizons)} horizons"
                   + (f" ({', '.join('H=' + h for h in beaten)})" if beaten else ""))
    else:
        verdict = "no run of this problem has the NLinear ridge yet"
    return f"- **{name} {setting}**: lowest MSE per horizon: " + "; ".join(parts) + f". {verdict[0].upper() + verdict[1:]}."


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--anchors", default="")
    ap.add_argument("--command", default="")
    a = ap.parse_args()
    runs = load(a.runs)
    anchor = load_anchor(a.anchors)
    heads, body = [], []
    for (name, setting), by_preset in sorted(runs.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        presets, rows = rows_of(by_preset)
        first = by_preset[presets[0]]
        horizons = [str(h) for h in first["horizons"]]
        heads.append(headline(name, setting, horizons, rows))
        targets = ", ".join(first["targets"]) if setting == "univariate" else f"{len(first['targets'])} targets"
        body += [f"## {name}, {setting} ({targets})", ""]
        for p in presets:
            m = by_preset[p]
            readout = ""
            if m["config"].get("pooling") == "series":
                readout = f"; temporal readout: {m['config'].get('series_readout', 'max')} step" \
                    if m["config"].get("series_readout") == "last" else "; temporal readout: max over the window"
            body.append(f"- {p}{readout}: {m['iters']} iterations in {m['train_seconds']:.0f} s, encoding "
                        f"{m['encode_seconds']:.0f} s; whole run {m['wall'] or 'not timed'}; {m['device']}, "
                        f"{m['threads']} thread(s); commit {m['commit']}.")
        body += ["", "| | " + " | ".join(f"H={h} MSE | MAE" for h in horizons) + " |",
                 "|---|" + "---:|---:|" * len(horizons)]
        best = {h: min(r[1][h]["mse"] for r in rows) for h in horizons}
        for label, res, _ in rows:
            cells = []
            for h in horizons:
                mse = f"{res[h]['mse']:.3f}"
                cells.append((f"**{mse}**" if res[h]["mse"] == best[h] else mse) + f" | {res[h]['mae']:.3f}")
            body.append(f"| {label} | " + " | ".join(cells) + " |")
        if name == "ETTh1" and setting == "multivariate":
            for label, fig in PUBLISHED.items():
                body.append(f"| {label} | " + " | ".join(f"{fig.get(int(h), float('nan')):.3f} | –" for h in horizons) + " |")
            if anchor:
                body.append("| NLinear (anchor, numpy) | " +
                            " | ".join(f"{anchor.get(int(h), float('nan')):.3f} | –" for h in horizons) + " |")
        body += ["", "Alpha picked on validation (grid 0.1 ... 1e6 since issue 13; 0.1 ... 1000 before):", ""]
        for label, res, _ in rows:
            body.append(f"- {label}: " + ", ".join(f"H={h} {res[h]['alpha']:g}" for h in horizons))
        body.append("")
    lines = ["# Forecasting benchmark (ETT protocol, spec §8)", "",
             "Which row has the lowest test MSE, per problem and horizon (lower is better):", ""] + heads + [""]
    lines += [
        "Ridge regression from the representation of the 200-step lookback window ending at t to the next H",
        "values of every target, alpha picked on validation. MSE and MAE on the test split, z-scored with",
        "training statistics. Trained rows are named by preset (`sum-fusion` rows are the runs made when it was",
        "the default, before the alpha grid was widened). **untrained (P)** = preset P's architecture with its",
        "initial weights; **raw window** = the same ridge on the flattened lookback window (with covariates);",
        "**NLinear ridge** = each target's window minus its last value, one ridge shared by the variables,",
        "predicting the change (Zeng et al. 2023). The best measured row is in bold. Published figures are",
        "copied from the papers and were not measured here.", ""] + body
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    lines += [f"Machine: {os.cpu_count()} cores, {cpu_name()}. Date: {datetime.date.today()}. "
              f"Report written at commit {commit}; each run's commit is listed above.", ""]
    if a.command:
        lines += [f"Command: `{a.command}`", ""]
    with open(a.out, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()

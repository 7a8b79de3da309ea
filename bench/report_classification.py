#!/usr/bin/env python3
"""Builds bench/results/classification.md (and classification.csv) from the kept run
folders of bench/run_classification.sh (PRESET/seedS/ARCHIVE/NAME/metrics.json), with
the TS2Vec and MiniRocket anchors of ../shared/anchors beside them. Accuracies are the
SVM probe's (the TS2Vec protocol) unless a column says otherwise; a preset's figure on
a problem is the mean over its seeds. Rank statistics come from `btsf-cli ranks`, the
same code as the compare grid. Standard library only."""
import argparse, csv, json, os, statistics, subprocess, tempfile


def load_runs(root):
    """{(archive, name): {preset: [metrics per seed]}} and the commits seen."""
    runs, commits = {}, set()
    for preset in sorted(os.listdir(root)) if os.path.isdir(root) else []:
        for seed_dir in sorted(os.listdir(os.path.join(root, preset))):
            for archive in ("ucr", "uea"):
                base = os.path.join(root, preset, seed_dir, archive)
                for name in sorted(os.listdir(base)) if os.path.isdir(base) else []:
                    folder = os.path.join(base, name)
                    path = os.path.join(folder, "metrics.json")
                    if not os.path.isfile(path):
                        continue
                    with open(path) as f:
                        m = json.load(f)
                    commit_path = os.path.join(folder, "commit.txt")
                    if os.path.isfile(commit_path):
                        with open(commit_path) as f:
                            commits.add(f.read().strip())
                    runs.setdefault((archive, name), {}).setdefault(preset, []).append(m)
    return runs, commits


def load_anchor(path):
    out = {}
    if os.path.isfile(path):
        with open(path) as f:
            for r in csv.DictReader(f):
                if r.get("accuracy"):
                    out[r["dataset"]] = r
    return out


def svm(m, which=None):
    node = m if which is None else m.get("baselines", {}).get(which, {})
    p = node.get("probes", {}).get("svm")
    return p.get("accuracy") if p else None


def ridge(m):
    p = m.get("baselines", {}).get("minirocket", {}).get("probes", {}).get("ridge")
    return p.get("accuracy") if p else None


def mean_std(values):
    values = [v for v in values if v is not None]
    if not values:
        return None, None, 0
    return statistics.fmean(values), (statistics.pstdev(values) if len(values) > 1 else 0.0), len(values)


def fmt(x, digits=3):
    return "" if x is None else f"{x:.{digits}f}"


def fmt_ms(mean, std, n):
    """mean ± std over seeds; the seed count is written when it is not the planned 3."""
    if mean is None:
        return ""
    text = f"{mean:.3f}" if n <= 1 else f"{mean:.3f} ± {std:.3f}"
    return text if n == 3 else f"{text} ({n} seed{'s' if n > 1 else ''})"


def wtl(a, b, keys):
    """Wins, ties, losses of column a against b over the problems where both exist."""
    w = t = l = 0
    for k in keys:
        x, y = a.get(k), b.get(k)
        if x is None or y is None:
            continue
        if abs(x - y) < 1e-9:
            t += 1
        elif x > y:
            w += 1
        else:
            l += 1
    return w, t, l


def column_mean(col, keys):
    vals = [col[k] for k in keys if col.get(k) is not None]
    return (statistics.fmean(vals), len(vals)) if vals else (None, 0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", required=True, nargs="+", help="one or more roots of kept runs (PRESET/seedS/...)")
    ap.add_argument("--problems", default="", help="a problem list (ARCHIVE/NAME lines): report these only")
    ap.add_argument("--anchors", required=True)
    ap.add_argument("--tune", default="")
    ap.add_argument("--cli", default="")
    ap.add_argument("--out", required=True)
    ap.add_argument("--command", default="")
    ap.add_argument("--legacy", default="", help="a 2026-11 run folder of the old default (ARCHIVE/NAME/metrics.json): "
                    "its seed-0 SVM accuracies join the choice of default as `sum-fusion (2026-11, seed 0)`")
    a = ap.parse_args()
    runs, commits = {}, set()
    for root in a.runs:
        more, seen = load_runs(root)
        commits |= seen
        for key, by_preset in more.items():
            for p, ms in by_preset.items():
                runs.setdefault(key, {}).setdefault(p, []).extend(ms)
    if a.problems:
        with open(a.problems) as f:
            wanted = {l.strip() for l in f if l.strip() and not l.startswith("#")}
        runs = {k: v for k, v in runs.items() if f"{k[0]}/{k[1]}" in wanted}
    tune = set()
    if a.tune and os.path.isfile(a.tune):
        with open(a.tune) as f:
            tune = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    anchors = {"ucr": {"ts2vec": load_anchor(os.path.join(a.anchors, "ts2vec_ucr_shared.csv")),
                       "minirocket": load_anchor(os.path.join(a.anchors, "minirocket_ucr_shared.csv"))},
               "uea": {"ts2vec": load_anchor(os.path.join(a.anchors, "ts2vec_uea_shared.csv")), "minirocket": {}}}
    presets = [p for p in ("ts2vec", "sum-fusion", "default", "paper") if any(p in v for v in runs.values())]
    presets += sorted({p for v in runs.values() for p in v} - set(presets))
    descriptions = {}
    # Columns: {name: {(archive, problem): value}}, plus seed spreads for the presets.
    cols, spread = {}, {}
    for key, by_preset in runs.items():
        archive, name = key
        for p, ms in by_preset.items():
            if ms[0].get("preset", p) != p:  # a variant: bench/configs/variants/P.json
                descriptions.setdefault(p, f"{p}: a variant of {ms[0]['preset']}, bench/configs/variants/{p}.json")
            descriptions.setdefault(p, ms[0].get("preset_description", p))
            mu, sd, n = mean_std([svm(m) for m in ms])
            cols.setdefault(p, {})[key] = mu
            spread.setdefault(p, {})[key] = (mu, sd, n)
            cols.setdefault(f"untrained ({p})", {})[key] = mean_std([svm(m, "untrained") for m in ms])[0]
        every = [m for ms in by_preset.values() for m in ms]
        cols.setdefault("raw", {})[key] = mean_std([svm(m, "raw") for m in every])[0]
        cols.setdefault("MiniRocket svm", {})[key] = mean_std([svm(m, "minirocket") for m in every])[0]
        cols.setdefault("MiniRocket ridge", {})[key] = mean_std([ridge(m) for m in every])[0]
        for anchor in ("ts2vec", "minirocket"):
            r = anchors[archive][anchor].get(name)
            cols.setdefault(f"anchor {anchor}", {})[key] = float(r["accuracy"]) if r else None
    order = presets + [f"untrained ({p})" for p in presets] + ["raw", "MiniRocket svm", "MiniRocket ridge",
                                                              "anchor ts2vec", "anchor minirocket"]
    order = [c for c in order if c in cols]
    keys = sorted(runs)
    L = []
    # The first lines say who wins, by how much, over how many problems and seeds, and whether
    # training pays: the best learned preset against the best method that trains nothing.
    untrained_methods = ("raw", "MiniRocket svm", "MiniRocket ridge")
    for archive in ("ucr", "uea", None):
        ks = [k for k in keys if archive is None or k[0] == archive]
        if not ks or (archive is None and len({k[0] for k in ks}) < 2):
            continue
        full = [c for c in order if not c.startswith("untrained") and all(cols[c].get(k) is not None for k in ks)]
        means = {c: column_mean(cols[c], ks)[0] for c in full}
        if not means:
            continue
        ranked = sorted(means, key=lambda c: -means[c])
        seeds = sorted({spread[c][k][2] for c in full if c in spread for k in ks})
        where = f"{archive.upper()}" if archive else "UCR and UEA together"
        seed_text = (f", {seeds[0]} seeds per preset" if len(seeds) == 1 else
                     f", {seeds[0]}-{seeds[-1]} seeds per preset" if seeds else "")
        L.append(f"**{where}, {len(ks)} problems{seed_text}: best is {ranked[0]} ({means[ranked[0]]:.4f}), then " +
                 ", ".join(f"{c} {means[c]:.4f}" for c in ranked[1:]) + ".**")
        learned = [c for c in ranked if c in presets]
        free = [c for c in ranked if c in untrained_methods]
        if learned and free:
            x, y = learned[0], free[0]
            w, t, l = wtl(cols[x], cols[y], ks)
            gap = 100 * (means[x] - means[y])
            L.append(f"Best learned preset {x} vs the best method that trains nothing, {y}: {gap:+.2f} points "
                     f"({w} wins / {t} ties / {l} losses)" +
                     (": here the learned representation is not worth its training." if gap <= 0 else "."))
        L.append("")
    L += ["# Classification benchmark", "",
          f"Command: `{a.command}`. Commits of the code that made the runs: {', '.join(sorted(commits)) or 'unknown'}.",
          "Each preset's accuracy is the SVM probe (TS2Vec's protocol) averaged over its seeds; `± std` is over "
          "seeds. `untrained (P)` is preset P's architecture with its initial weights. `raw` and MiniRocket use no "
          "training; MiniRocket is scored with the SVM probe and with its own ridge classifier. Anchors are the "
          "public TS2Vec code and the numpy MiniRocket (`../shared/anchors`), measured on this kind of machine.", ""]
    L += ["## Presets", ""] + [f"- {descriptions.get(p, p)}" for p in presets] + [""]
    for archive in ("ucr", "uea"):
        ks = [k for k in keys if k[0] == archive]
        if not ks:
            continue
        L += [f"## {archive.upper()}", "", "| problem | half | " + " | ".join(order) + " |",
              "|---|---|" + "---|" * len(order)]
        for k in ks:
            cells = []
            for c in order:
                cells.append(fmt_ms(*spread[c][k]) if c in spread and k in spread[c] else fmt(cols[c].get(k)))
            half = "tune" if f"{k[0]}/{k[1]}" in tune else "confirm"
            L.append(f"| {k[1]} | {half} | " + " | ".join(cells) + " |")
        for label, subset in (("mean, all", ks), ("mean, tune half", [k for k in ks if f"{k[0]}/{k[1]}" in tune]),
                              ("mean, confirm half", [k for k in ks if f"{k[0]}/{k[1]}" not in tune])):
            cells = []
            for c in order:
                m, n = column_mean(cols[c], subset)
                cells.append(f"{fmt(m, 4)} ({n})" if m is not None else "")
            L.append(f"| **{label}** | | " + " | ".join(cells) + " |")
        L += ["", "Means are over the problems where that column has a figure (count in brackets); compare two "
              "columns on the problems they share with the head-to-head table below.", ""]
        pairs = [(p, q) for p in presets for q in order if q != p and not q.startswith("untrained")] + \
                [(p, f"untrained ({p})") for p in presets]
        pairs.append(("MiniRocket ridge", "anchor minirocket"))
        L += ["| pair | wins / ties / losses | mean of first | mean of second | problems |", "|---|---|---|---|---|"]
        for x, y in pairs:
            if x not in cols or y not in cols:
                continue
            shared = [k for k in ks if cols[x].get(k) is not None and cols[y].get(k) is not None]
            if not shared:
                continue
            w, t, l = wtl(cols[x], cols[y], shared)
            L.append(f"| {x} vs {y} | {w} / {t} / {l} | {column_mean(cols[x], shared)[0]:.4f} | "
                     f"{column_mean(cols[y], shared)[0]:.4f} | {len(shared)} |")
        L.append("")
        # Critical-difference diagram over the methods with a figure on every problem.
        methods = [c for c in order if not c.startswith("untrained") and c != "MiniRocket svm"]
        rows = [k for k in ks if all(cols[c].get(k) is not None for c in methods)]
        if a.cli and len(rows) >= 2 and len(methods) >= 2:
            with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
                f.write("dataset," + ",".join(methods) + "\n")
                for k in rows:
                    f.write(k[1] + "," + ",".join(f"{cols[c][k]:.6f}" for c in methods) + "\n")
                table = f.name
            svg = os.path.join(os.path.dirname(a.out), f"classification-cd-{archive}.svg")
            res = subprocess.run([a.cli, "ranks", table, "--svg", svg, "--title",
                                  f"{archive.upper()}: {len(rows)} problems"], capture_output=True, text=True)
            os.unlink(table)
            if res.returncode == 0:
                r = json.loads(res.stdout)
                fr = r["friedman"]
                L += [f"Average ranks over {len(rows)} problems (1 = best): " +
                      ", ".join(f"{m} {v:.2f}" for m, v in sorted(zip(r["methods"], r["average_ranks"]),
                                                                 key=lambda x: x[1])) +
                      f". Friedman chi2 = {fr['chi2']:.2f}, p = {fr['p_value']:.3g}; Iman-Davenport F p = "
                      f"{fr['f_p_value']:.3g}; Nemenyi CD = {r['critical_difference']:.2f} at alpha 0.05" +
                      ("" if fr["f_p_value"] < 0.05 else " (the Friedman test does not reject equal ranks, so the "
                       "diagram's groups are descriptive only)") + ".", "",
                      f"![critical difference, {archive.upper()}]({os.path.basename(svg)})", ""]
            else:
                L += [f"(ranks failed: {res.stderr.strip()})", ""]
    # How `default` was chosen: on the tune half only, then checked on the confirm half.
    legacy = {}
    if a.legacy and os.path.isdir(a.legacy):
        for archive in ("ucr", "uea"):
            base = os.path.join(a.legacy, archive)
            for name in sorted(os.listdir(base)) if os.path.isdir(base) else []:
                path = os.path.join(base, name, "metrics.json")
                if os.path.isfile(path):
                    with open(path) as f:
                        legacy[(archive, name)] = svm(json.load(f))
    candidates = [(p, cols[p]) for p in presets if p != "paper"]
    if legacy:
        candidates.append(("sum-fusion (2026-11, seed 0)", legacy))
    if len(candidates) >= 2:
        L += ["## How `default` was chosen", "",
              "On the tune half (`bench/tune-problems.txt`) only; the confirm half checks the choice. Means over the "
              "UCR problems where both columns have a figure; seeds in the main table.", "",
              "| half | first | second | first mean | second mean | wins / ties / losses | problems |",
              "|---|---|---|---|---|---|---|"]
        for half in ("tune", "confirm"):
            ks = [k for k in keys if k[0] == "ucr" and (f"{k[0]}/{k[1]}" in tune) == (half == "tune")]
            for i, (x, cx) in enumerate(candidates):
                for y, cy in candidates[i + 1:]:
                    shared = [k for k in ks if cx.get(k) is not None and cy.get(k) is not None]
                    if not shared:
                        continue
                    w, t, l = wtl(cx, cy, shared)
                    L.append(f"| {half} | {x} | {y} | {column_mean(cx, shared)[0]:.4f} | "
                             f"{column_mean(cy, shared)[0]:.4f} | {w} / {t} / {l} | {len(shared)} |")
        L.append("")
    # Training time against the public code's, problem by problem.
    if "ts2vec" in presets:
        ratios = []
        for k in keys:
            r = anchors[k[0]]["ts2vec"].get(k[1])
            ms = runs[k].get("ts2vec")
            if r and ms and r.get("train_seconds"):
                ours = statistics.fmean(m["train_seconds"] for m in ms)
                ratios.append(ours / float(r["train_seconds"]))
        if ratios:
            L += ["## Training time", "",
                  f"`ts2vec` train_seconds over the public code's (anchor, one thread) on {len(ratios)} problems: "
                  f"median ratio {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}). "
                  "Measured at different times on a shared machine, so indicative only; "
                  "`bench/results/peer-speed.md` compares the two in one run.", ""]
    with open(a.out, "w") as f:
        f.write("\n".join(L) + "\n")
    with open(os.path.splitext(a.out)[0] + ".csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["archive", "problem", "half"] + order)
        for k in keys:
            w.writerow([k[0], k[1], "tune" if f"{k[0]}/{k[1]}" in tune else "confirm"] +
                       [fmt(cols[c].get(k), 4) for c in order])


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Why ETTh2 is hard for a ridge on learned features (issue 13): the level of each variable on the
test split, in units of its training z-score, and the persistence forecast's MSE (repeat the last
value), which no level shift can hurt. Writes bench/results/ett-shift.md.
  python3 bench/ett_shift.py --data-root ../shared/datasets"""
import argparse
import os

import numpy as np
import pandas as pd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-root", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "datasets"))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "results", "ett-shift.md"))
    a = ap.parse_args()
    lines = ["# ETT level shift between the training and test splits", "",
             "Each variable z-scored with the training split's mean and std (TS2Vec's splits: 8640 / 2880 / 2880 "
             "hours). A test mean far from 0 is a level the training split rarely or never showed; a ridge on "
             "features that encode the level extrapolates there, while NLinear (window minus its last value) and "
             "persistence are unaffected. `persistence H=24` is the MSE of repeating the last value, over the same "
             "test origins as the benchmark (lookback 200).", ""]
    for name in ("ETTh1", "ETTh2"):
        d = pd.read_csv(os.path.join(a.data_root, "ett", name + ".csv"))
        x = d.iloc[:, 1:].to_numpy(float)
        train = x[:8640]
        z = (x - train.mean(0)) / train.std(0)
        test = z[11520:14400]
        origins = range(199, len(test) - 24)
        persistence = np.mean([(test[i + 1:i + 25] - test[i]) ** 2 for i in origins], axis=(0, 1))
        lines += [f"## {name}", "", "| variable | test mean | test std | test min | test max | persistence H=24 MSE |",
                  "|---|---:|---:|---:|---:|---:|"]
        for j, v in enumerate(d.columns[1:]):
            lines.append(f"| {v} | {test[:, j].mean():.2f} | {test[:, j].std():.2f} | {test[:, j].min():.1f} | "
                         f"{test[:, j].max():.1f} | {persistence[j]:.3f} |")
        lines += [f"| all | | | | | {persistence.mean():.3f} |", ""]
    with open(a.out, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()

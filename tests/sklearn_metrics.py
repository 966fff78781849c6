#!/usr/bin/python3
# sklearn_metrics.py: scikit-learn's values for the metrics in src/core/lab-metrics.c
#
# Copyright 2026 The LayerLab authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage:
#   sklearn_metrics.py INPUT.json        print {"expected": {...}} for the inputs in INPUT.json
#   sklearn_metrics.py --make-golden SEED
#                                        make inputs with numpy's seeded generator and print
#                                        {"note": ..., "input": ..., "expected": ...}
#                                        (this is how tests/data/metrics-golden.json was made)
#
# INPUT.json: {"n_classes": K, "labels": [n ints], "scores": [n*K floats, row-major],
#              "reg_dim": D, "reg_target": [n*D floats], "reg_pred": [n*D floats]}
# Every float is exactly a float32, so C (float) and Python (float64) see the same numbers.

import json
import platform
import sys

import numpy as np
import sklearn
from sklearn import metrics


def expected_values(inp):
    K = inp["n_classes"]
    y = np.asarray(inp["labels"], dtype=np.int64)
    scores = np.asarray(inp["scores"], dtype=np.float64).reshape(len(y), K)
    onehot = np.eye(K, dtype=np.int64)[y]
    # numpy.argmax takes the first maximum, as lab_class_report_new does
    y_pred = np.argmax(scores, axis=1)
    labels = list(range(K))

    out = {}
    out["confusion_matrix"] = metrics.confusion_matrix(y, y_pred, labels=labels).tolist()
    out["accuracy"] = metrics.accuracy_score(y, y_pred)
    p, r, f, s = metrics.precision_recall_fscore_support(y, y_pred, labels=labels,
                                                         zero_division=0)
    out["precision"] = p.tolist()
    out["recall"] = r.tolist()
    out["f1"] = f.tolist()
    out["support"] = s.tolist()
    for avg in ("macro", "micro", "weighted"):
        p, r, f, _ = metrics.precision_recall_fscore_support(y, y_pred, labels=labels,
                                                             average=avg, zero_division=0)
        out[avg] = [p, r, f]

    out["roc_auc"] = [metrics.roc_auc_score(onehot[:, c], scores[:, c]) for c in labels]
    # The label-indicator form is one-vs-rest without sklearn's check that rows sum to 1.
    out["roc_auc_macro"] = metrics.roc_auc_score(onehot, scores, average="macro")
    out["roc_auc_micro"] = metrics.roc_auc_score(onehot, scores, average="micro")
    out["average_precision"] = [metrics.average_precision_score(onehot[:, c], scores[:, c])
                                for c in labels]

    fpr, tpr, thr = metrics.roc_curve(onehot[:, 0], scores[:, 0], drop_intermediate=False)
    out["roc_curve_0"] = {"fpr": fpr.tolist(), "tpr": tpr.tolist(),
                          "thresholds": thr[1:].tolist()}  # thr[0] is max + 1, ours +inf
    prec, rec, thr = metrics.precision_recall_curve(onehot[:, 0], scores[:, 0])
    # sklearn lists increasing thresholds, ours decrease
    out["pr_curve_0"] = {"precision": prec[::-1].tolist(), "recall": rec[::-1].tolist(),
                         "thresholds": thr[::-1].tolist()}

    D = inp["reg_dim"]
    t = np.asarray(inp["reg_target"], dtype=np.float64).reshape(-1, D)
    q = np.asarray(inp["reg_pred"], dtype=np.float64).reshape(-1, D)
    out["mse"] = metrics.mean_squared_error(t, q)
    out["mae"] = metrics.mean_absolute_error(t, q)
    out["r2"] = metrics.r2_score(t, q, multioutput="uniform_average")
    return {k: (float(v) if isinstance(v, np.floating) else v) for k, v in out.items()}


def make_input(seed, n=300, K=4, D=3):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, K, size=n)
    raw = rng.normal(size=(n, K)) + 1.5 * np.eye(K)[y]
    prob = np.exp(raw) / np.exp(raw).sum(axis=1, keepdims=True)
    # multiples of 1/32 are exact in float32 and give many ties
    scores = np.floor(prob * 32) / 32
    target = rng.normal(size=(n, D)).astype(np.float32)
    pred = (target + 0.5 * rng.normal(size=(n, D))).astype(np.float32)
    return {"n_classes": K, "labels": y.tolist(),
            "scores": [float(v) for v in scores.ravel()],
            "reg_dim": D,
            "reg_target": [float(v) for v in target.ravel()],
            "reg_pred": [float(v) for v in pred.ravel()]}


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--make-golden":
        seed = int(sys.argv[2])
        inp = make_input(seed)
        doc = {"note": {"tool": "scikit-learn %s, numpy %s, Python %s"
                        % (sklearn.__version__, np.__version__, platform.python_version()),
                        "command": "python3 tests/sklearn_metrics.py --make-golden %d "
                                   "> tests/data/metrics-golden.json" % seed,
                        "what": "inputs made with numpy.random.default_rng(%d); expected "
                                "values from sklearn.metrics on those inputs" % seed},
               "input": inp,
               "expected": expected_values(inp)}
    elif len(sys.argv) == 2:
        with open(sys.argv[1], encoding="utf-8") as f:
            doc = {"expected": expected_values(json.load(f))}
    else:
        sys.exit("usage: sklearn_metrics.py INPUT.json | --make-golden SEED")
    json.dump(doc, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

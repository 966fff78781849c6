#!/usr/bin/python3
"""Side-by-side benchmark: LayerLab's engine against PyTorch 1.13 on the CPU and against the
OpenBLAS sgemm ceiling, all in one run on the same machine, so that the ratios mean something.

    /usr/bin/python3 bench/compare.py [--build build] [--epochs 2] [--cnn-epochs 1] [--skip-cnn]
                                      [--seeds N] [--json out.json]

It runs, one after another (never two at once: the machine has two cores):
  1. ../shared/bench/sgemm_peak.c (compiled here) for the GFLOP/s ceiling at 1 and 2 threads;
  2. the MLP (784-256-128-10, SGD 0.1 momentum 0.9, batch 64): PyTorch 1 thread, LayerLab 1 and
     2 threads;
  3. the CNN (conv32-pool-conv64-pool-128-10, Adam 0.001, batch 64): PyTorch 1 thread,
     LayerLab 1 and 2 threads;
and prints a table of epoch times, ratios, test accuracy and peak memory (each child's own
maximum resident set, from wait4). --json writes every raw figure to a file.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared", "bench")


def run(cmd, env=None):
    """Runs cmd, echoing its output; returns (the JSON line it printed, peak RSS in MiB)."""
    print("$ " + " ".join(cmd), flush=True)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    result = None
    for line in proc.stdout:
        sys.stdout.write("    " + line)
        if line.startswith("{"):
            result = json.loads(line)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{cmd[0]} failed with status {proc.returncode}")
    return result, usage.ru_maxrss / 1024.0


def torch_ref(model, epochs, threads, optimizer, lr, seed=1):
    cmd = ["/usr/bin/python3", os.path.join(SHARED, "torch_ref.py"), "--model", model,
           "--epochs", str(epochs), "--threads", str(threads), "--optimizer", optimizer,
           "--lr", str(lr), "--seed", str(seed)]
    if optimizer == "sgd":
        cmd += ["--momentum", "0.9"]
    res, rss = run(cmd)
    times = [e["train_s"] for e in res["epochs"]]
    return {"epoch_s": sum(times) / len(times), "test_acc": res["final_test_acc"], "rss_mib": rss,
            "gflops": res["gemm_flops_per_epoch_train"] / (sum(times) / len(times)) / 1e9,
            "foreign_s": sum(e["foreign_cpu_s"] for e in res["epochs"]),
            "cpu_s": sum(e["own_cpu_s"] for e in res["epochs"]) / len(times)}


def layerlab(build, project, epochs, threads, optimizer, lr, seed=1):
    # The weights start as torch_ref.py's: PyTorch's default initializer, biases included.
    cmd = [os.path.join(build, "bench", "bench-train"), project, "--epochs", str(epochs),
           "--threads", str(threads), "--optimizer", optimizer, "--lr", str(lr),
           "--seed", str(seed), "--init", "pytorch-default"]
    if optimizer == "sgd":
        cmd += ["--momentum", "0.9"]
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    res, rss = run(cmd, env)
    return {"epoch_s": res["epoch_train_s_mean"], "test_acc": res["epochs"][-1]["test_acc"],
            "rss_mib": rss, "foreign_s": sum(e["foreign_cpu_s"] for e in res["epochs"]),
            "cpu_s": sum(e["own_cpu_s"] for e in res["epochs"]) / len(res["epochs"])}


def sgemm_peak():
    exe = "/tmp/layerlab-sgemm-peak"
    subprocess.check_call(["gcc", "-O2", "-march=native", "-o", exe, os.path.join(SHARED, "sgemm_peak.c"),
                           "-lopenblas", "-lpthread", "-lm"])
    out = subprocess.run([exe, "--threads", "1,2"], capture_output=True, text=True, check=True).stdout
    print(out)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--epochs", type=int, default=2, help="MLP epochs")
    p.add_argument("--cnn-epochs", type=int, default=1)
    p.add_argument("--skip-cnn", action="store_true")
    p.add_argument("--seeds", type=int, default=0,
                   help="also train the MLP with seeds 1..N on both sides (1 thread) and print the "
                        "test accuracies' mean and spread: one seed says little, the runs differ by "
                        "a few points")
    p.add_argument("--json", help="write the raw figures here")
    a = p.parse_args()

    figures = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": os.uname().machine,
               "cpus": os.cpu_count(), "loadavg_start": os.getloadavg()}
    figures["sgemm_peak"] = sgemm_peak()

    mlp_flops = 60.4e9   # GEMM FLOPs of one training epoch (../shared/bench/README.md)
    figures["mlp"] = {
        "torch_1": torch_ref("mlp", a.epochs, 1, "sgd", 0.1),
        "layerlab_1": layerlab(a.build, "fashion-mlp", a.epochs, 1, "sgd", 0.1),
        "layerlab_2": layerlab(a.build, "fashion-mlp", a.epochs, 2, "sgd", 0.1),
    }
    if not a.skip_cnn:
        figures["cnn"] = {
            "torch_1": torch_ref("cnn", a.cnn_epochs, 1, "adam", 0.001),
            "layerlab_1": layerlab(a.build, "fashion-cnn", a.cnn_epochs, 1, "adam", 0.001),
            "layerlab_2": layerlab(a.build, "fashion-cnn", a.cnn_epochs, 2, "adam", 0.001),
        }

    # foreign: CPU seconds other processes used during the timed epochs (2 cores: anything
    # beyond a small fraction of the run's length means the wall times are skewed). The CPU
    # seconds each side used itself per epoch suffer less from such load (only through shared
    # caches); with 2 threads they add both cores' time.
    print("\n| model | run | epoch s | ratio to PyTorch | test acc. | peak RSS MiB | GEMM GFLOP/s | "
          "foreign CPU s | own CPU s/epoch | CPU ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for model, flops in (("mlp", mlp_flops), ("cnn", 1500e9)):
        if model not in figures:
            continue
        ref = figures[model]["torch_1"]["epoch_s"]
        cpu_ref = figures[model]["torch_1"]["cpu_s"]
        for run_name, r in figures[model].items():
            print(f"| {model} | {run_name} | {r['epoch_s']:.2f} | {r['epoch_s'] / ref:.2f} | "
                  f"{r['test_acc'] * 100:.2f} % | {r['rss_mib']:.0f} | {flops / r['epoch_s'] / 1e9:.1f} | "
                  f"{r['foreign_s']:.1f} | {r['cpu_s']:.2f} | {r['cpu_s'] / cpu_ref:.2f} |")
    # Other processes' load skews the ratios: quote a run only where it stayed low (torch_ref.py
    # also prints each epoch's foreign CPU seconds).
    figures["loadavg_end"] = os.getloadavg()
    print(f"\nload average (1, 5, 15 min): at the start {figures['loadavg_start']}, at the end "
          f"{figures['loadavg_end']}")
    if a.seeds > 0:
        accuracy_over_seeds(a, figures)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=2)


def accuracy_over_seeds(a, figures):
    acc = {"torch": [], "layerlab": []}
    for seed in range(1, a.seeds + 1):
        acc["torch"].append(torch_ref("mlp", a.epochs, 1, "sgd", 0.1, seed)["test_acc"] * 100)
        acc["layerlab"].append(layerlab(a.build, "fashion-mlp", a.epochs, 1, "sgd", 0.1, seed)["test_acc"] * 100)
    figures["mlp_seeds"] = acc
    print(f"\nMLP test accuracy after {a.epochs} epochs, seeds 1..{a.seeds}:")
    for side, v in acc.items():
        sd = statistics.stdev(v) if len(v) > 1 else 0.0
        print(f"  {side:8s} mean {statistics.mean(v):.2f} %  sd {sd:.2f}  min {min(v):.2f}  max {max(v):.2f}  "
              f"({', '.join(f'{x:.2f}' for x in v)})")


if __name__ == "__main__":
    main()

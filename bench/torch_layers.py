#!/usr/bin/python3
"""Times forward + backward of each layer of the benchmark CNN on its own in PyTorch, at batch
64 on one thread, as bench-layers does for LayerLab; prints the best of --reps runs.

    /usr/bin/python3 bench/torch_layers.py [--reps 30]
"""
import argparse
import time

import torch


def bench(module, shape, need_dinp, reps):
    x = torch.randn(*shape, requires_grad=need_dinp)
    y = module(x)
    g = torch.randn_like(y)
    best_fwd = best_all = float("inf")
    for i in range(reps + 1):
        t0 = time.perf_counter()
        y = module(x)
        t1 = time.perf_counter()
        y.backward(g)
        t2 = time.perf_counter()
        if i > 0:  # the first run only warms up
            best_fwd = min(best_fwd, t1 - t0)
            best_all = min(best_all, t2 - t0)
    return best_fwd * 1e3, best_all * 1e3


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reps", type=int, default=30)
    args = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    print(f"# torch {torch.__version__}, batch 64, best of {args.reps}, 1 thread")
    layers = [
        ("conv1", torch.nn.Conv2d(1, 32, 3, padding=1), (64, 1, 28, 28), False),
        ("pool1", torch.nn.MaxPool2d(2), (64, 32, 28, 28), True),
        ("conv2", torch.nn.Conv2d(32, 64, 3, padding=1), (64, 32, 14, 14), True),
        ("pool2", torch.nn.MaxPool2d(2), (64, 64, 14, 14), True),
        ("fc1", torch.nn.Linear(3136, 128), (64, 3136), True),
        ("fc2", torch.nn.Linear(128, 10), (64, 128), True),
    ]
    for name, module, shape, need_dinp in layers:
        fwd, total = bench(module, shape, need_dinp, args.reps)
        print(f"{name:10s} fwd {fwd:7.3f} ms   fwd+bwd {total:7.3f} ms")


if __name__ == "__main__":
    main()

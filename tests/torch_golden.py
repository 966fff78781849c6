#!/usr/bin/python3
# torch_golden.py: golden values from PyTorch for tests/test-torch-golden.c
#
# Copyright 2026 The LayerLab authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: /usr/bin/python3 tests/torch_golden.py [OUTPUT.json]
# (default output: tests/data/torch-golden.json next to this script)
#
# Every input, parameter and upstream gradient is drawn in float64 from one seeded generator and
# rounded to float32, so the C test reads exactly the values torch used. Torch then computes in
# float64: the goldens are the exact answers (to ~1e-16) for those float32 inputs, and the C test
# measures only LayerLab's own float32 error. Hyperparameters are rounded to float32 too, because
# the C side stores them as float.
#
# Layers: the objective is L = sum(out * R) for a fixed random R, so dL/dout = R.
# Optimizers: the gradient at w is that of f(w) = sum((A w - b)^2), i.e. 2 A^T (A w - b), which the
# C test recomputes from the stored A and b at every step.

import datetime
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

SEED = 20260101
GEN = torch.Generator().manual_seed(SEED)


def f32(x):
    return float(np.float32(x))


def rand(shape, scale=1.0, shift=0.0):
    """float64 tensor of float32-representable values."""
    t = torch.randn(shape, dtype=torch.float64, generator=GEN) * scale + shift
    return t.float().double()


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def tensor_entry(name, t):
    return {"name": name, "shape": list(t.shape), "data": flat(t)}


# ---------------------------------------------------------------------------------------------
# Layers

LAYERS = []


def layer_case(name, ltype, hparams, in_shapes, batch, fn, params=(), state=(), training=False,
               input_scale=1.0):
    """fn(inputs, params, state) -> output tensor (batch first). params and state are lists of
    (name, tensor); state tensors may be updated in place (BatchNorm's running stats)."""
    inputs = [rand((batch,) + tuple(s), input_scale).requires_grad_(True) for s in in_shapes]
    ptensors = [t.clone().requires_grad_(True) for _, t in params]
    stensors = [t.clone() for _, t in state]
    out = fn(inputs, ptensors, stensors)
    r = rand(tuple(out.shape))
    (out * r).sum().backward()
    LAYERS.append({
        "name": name,
        "type": ltype,
        "hparams": {k: str(v) for k, v in hparams.items()},
        "training": training,
        "batch": batch,
        "in_shapes": [list(s) for s in in_shapes],
        "inputs": [flat(x) for x in inputs],
        "params": [tensor_entry(n, t) for (n, t) in params],
        "state": [tensor_entry(n, t) for (n, t) in state],
        "dout": flat(r),
        "out_shape": list(out.shape[1:]),
        "out": flat(out),
        "dinputs": [flat(x.grad) for x in inputs],
        "dparams": [tensor_entry(n, t.grad) for (n, _), t in zip(params, ptensors)],
        "state_after": [tensor_entry(n, t) for (n, _), t in zip(state, stensors)],
    })


def tf_same_pad(size, k, s):
    """TensorFlow 'same': out = ceil(size / s); the odd pixel of padding goes bottom/right."""
    out = (size + s - 1) // s
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def pad_same(x, k, s, value=0.0):
    top, bottom = tf_same_pad(x.shape[2], k, s)
    left, right = tf_same_pad(x.shape[3], k, s)
    return F.pad(x, (left, right, top, bottom), value=value)


def add_dense_cases():
    for name, n_in, units, bias, n in (("dense", 5, 4, True, 3), ("dense_nobias", 6, 3, False, 2)):
        params = [("weight", rand((units, n_in), 1 / math.sqrt(n_in)))]
        if bias:
            params.append(("bias", rand((units,), 0.5)))
        layer_case(name, "Dense", {"units": units, "bias": "true" if bias else "false"},
                   [(n_in,)], n,
                   lambda x, p, s: F.linear(x[0], p[0], p[1] if len(p) > 1 else None),
                   params)


def add_conv_cases():
    cases = (
        # name, (Cin, H, W), filters, k, stride, padding, bias, N
        ("conv2d_valid", (2, 5, 6), 3, 3, 1, "valid", True, 2),
        ("conv2d_same", (3, 5, 4), 2, 3, 1, "same", True, 2),
        ("conv2d_same_stride2", (2, 7, 6), 3, 3, 2, "same", True, 2),
        ("conv2d_valid_stride2_nobias", (2, 7, 5), 2, 3, 2, "valid", False, 2),
        ("conv2d_same_even_kernel", (1, 4, 5), 2, 2, 1, "same", True, 2),
        ("conv2d_1x1", (4, 3, 2), 3, 1, 1, "valid", True, 3),
    )
    for name, shape, filters, k, stride, padding, bias, n in cases:
        cin = shape[0]
        params = [("weight", rand((filters, cin, k, k), 1 / math.sqrt(cin * k * k)))]
        if bias:
            params.append(("bias", rand((filters,), 0.5)))

        def fn(x, p, s, k=k, stride=stride, padding=padding):
            inp = pad_same(x[0], k, stride) if padding == "same" else x[0]
            return F.conv2d(inp, p[0], p[1] if len(p) > 1 else None, stride=stride)

        layer_case(name, "Conv2D",
                   {"filters": filters, "kernel_size": k, "stride": stride, "padding": padding,
                    "bias": "true" if bias else "false"},
                   [shape], n, fn, params)


def add_pool_cases():
    cases = (
        # name, type, (C, H, W), pool, stride, padding, N
        ("maxpool2d", "MaxPool2D", (2, 4, 6), 2, 2, "valid", 2),
        ("maxpool2d_odd_valid", "MaxPool2D", (1, 5, 5), 2, 2, "valid", 2),
        ("maxpool2d_3_stride1", "MaxPool2D", (2, 4, 5), 3, 1, "valid", 2),
        ("maxpool2d_same_stride2", "MaxPool2D", (2, 5, 7), 2, 2, "same", 2),
        ("maxpool2d_3_same_stride2", "MaxPool2D", (1, 6, 5), 3, 2, "same", 2),
        ("avgpool2d", "AvgPool2D", (2, 4, 6), 2, 2, "valid", 2),
        ("avgpool2d_3_stride2_valid", "AvgPool2D", (1, 7, 5), 3, 2, "valid", 2),
        ("avgpool2d_same_stride2", "AvgPool2D", (2, 5, 7), 2, 2, "same", 2),
        ("avgpool2d_3_same_stride1", "AvgPool2D", (2, 4, 5), 3, 1, "same", 2),
    )
    for name, ltype, shape, k, stride, padding, n in cases:
        def fn(x, p, s, ltype=ltype, k=k, stride=stride, padding=padding):
            if ltype == "MaxPool2D":
                inp = pad_same(x[0], k, stride, -math.inf) if padding == "same" else x[0]
                return F.max_pool2d(inp, k, stride)
            if padding == "valid":
                return F.avg_pool2d(x[0], k, stride)
            # Average over the real pixels only (count_include_pad=False), also for the
            # asymmetric TensorFlow padding that torch's own padding= cannot express.
            total = F.avg_pool2d(pad_same(x[0], k, stride), k, stride, divisor_override=1)
            count = F.avg_pool2d(pad_same(torch.ones_like(x[0]), k, stride), k, stride,
                                 divisor_override=1)
            return total / count

        layer_case(name, ltype, {"pool_size": k, "stride": stride, "padding": padding},
                   [shape], n, fn)


def add_shape_cases():
    layer_case("global_avgpool2d", "GlobalAvgPool2D", {}, [(3, 4, 5)], 2,
               lambda x, p, s: x[0].mean(dim=(2, 3)))
    layer_case("flatten", "Flatten", {}, [(2, 3, 4)], 2,
               lambda x, p, s: x[0].reshape(x[0].shape[0], -1))
    layer_case("reshape_to_image", "Reshape", {"shape": "2x3x4"}, [(24,)], 2,
               lambda x, p, s: x[0].reshape(x[0].shape[0], 2, 3, 4))
    layer_case("reshape_to_matrix", "Reshape", {"shape": "4x6"}, [(2, 3, 4)], 2,
               lambda x, p, s: x[0].reshape(x[0].shape[0], 4, 6))
    layer_case("dropout_eval", "Dropout", {"rate": 0.5}, [(7,)], 3,
               lambda x, p, s: F.dropout(x[0], 0.5, training=False))


def add_norm_cases():
    # LayerLab's BatchNorm momentum follows torch: running = (1 - m) running + m batch, with the
    # unbiased batch variance in running_var.
    momentum, eps = f32(0.1), f32(1e-5)
    for name, shape, n, training in (("batchnorm_train", (3,), 4, True),
                                     ("batchnorm_train_image", (2, 3, 4), 3, True),
                                     ("batchnorm_eval", (3,), 4, False),
                                     ("batchnorm_eval_image", (2, 3, 4), 3, False)):
        c = shape[0]
        params = [("gamma", rand((c,), 0.3, 1.0)), ("beta", rand((c,), 0.5))]
        state = [("running_mean", rand((c,), 0.5)), ("running_var", rand((c,), 0.2).abs() + 0.5)]

        def fn(x, p, s, training=training):
            return F.batch_norm(x[0], s[0], s[1], p[0], p[1], training, momentum, eps)

        layer_case(name, "BatchNorm", {"momentum": momentum, "epsilon": eps}, [shape], n, fn,
                   params, state, training, input_scale=2.0)

    eps = f32(1e-5)
    d = 6
    layer_case("layernorm", "LayerNorm", {"epsilon": eps}, [(d,)], 3,
               lambda x, p, s: F.layer_norm(x[0], (d,), p[0], p[1], eps),
               [("gamma", rand((d,), 0.3, 1.0)), ("beta", rand((d,), 0.5))],
               input_scale=2.0)
    # An image is normalized over all of C x H x W, with one gamma and beta per value.
    shape = (2, 3, 2)
    layer_case("layernorm_image", "LayerNorm", {"epsilon": eps}, [shape], 2,
               lambda x, p, s: F.layer_norm(x[0], shape, p[0], p[1], eps),
               [("gamma", rand(shape, 0.3, 1.0)), ("beta", rand(shape, 0.5))],
               input_scale=2.0)


def add_activation_cases():
    slope, alpha, prelu_init = f32(0.2), f32(0.7), f32(0.25)
    hp = {"negative_slope": slope, "elu_alpha": alpha, "prelu_init": prelu_init}
    funcs = {
        "linear": lambda x, p: x,
        "sigmoid": lambda x, p: torch.sigmoid(x),
        "tanh": lambda x, p: torch.tanh(x),
        "relu": lambda x, p: F.relu(x),
        "leaky_relu": lambda x, p: F.leaky_relu(x, slope),
        "prelu": lambda x, p: F.prelu(x, p[0]),
        "elu": lambda x, p: F.elu(x, alpha),
        "swish": lambda x, p: F.silu(x),
        "softplus": lambda x, p: F.softplus(x),
        "softmax": lambda x, p: F.softmax(x, dim=1),
    }
    for fname, fn in funcs.items():
        # PReLU's slope is a learned tensor of one value that starts at prelu_init; a different
        # value here makes sure the layer reads the parameter, not the setting.
        params = [("alpha", torch.tensor([f32(0.3)], dtype=torch.float64))] if fname == "prelu" else []
        layer_case("activation_" + fname, "Activation", dict(hp, function=fname), [(5,)], 3,
                   lambda x, p, s, fn=fn: fn(x[0], p), params, input_scale=2.0)
    # Softmax of an image runs over the channels at each pixel.
    layer_case("activation_softmax_image", "Activation", dict(hp, function="softmax"),
               [(3, 2, 4)], 2, lambda x, p, s: F.softmax(x[0], dim=1), input_scale=2.0)
    # Large inputs check the stable forms of softplus and softmax.
    layer_case("activation_softplus_large", "Activation", dict(hp, function="softplus"),
               [(6,)], 2, lambda x, p, s: F.softplus(x[0]), input_scale=30.0)
    layer_case("activation_softmax_large", "Activation", dict(hp, function="softmax"),
               [(4,)], 2, lambda x, p, s: F.softmax(x[0], dim=1), input_scale=40.0)


def add_merge_cases():
    layer_case("add", "Add", {}, [(4,), (4,)], 3, lambda x, p, s: x[0] + x[1])
    layer_case("add_three_images", "Add", {}, [(2, 3, 2)] * 3, 2,
               lambda x, p, s: x[0] + x[1] + x[2])
    layer_case("concatenate", "Concatenate", {}, [(3,), (5,)], 2,
               lambda x, p, s: torch.cat(x, dim=1))
    layer_case("concatenate_images", "Concatenate", {}, [(2, 3, 4), (1, 3, 4), (3, 3, 4)], 2,
               lambda x, p, s: torch.cat(x, dim=1))


# ---------------------------------------------------------------------------------------------
# Losses

LOSSES = []


def loss_case(name, kind, n, d, pred, target, torch_loss, huber_delta=1.0, class_weights=None):
    pred = pred.clone().requires_grad_(True)
    loss = torch_loss(pred)
    loss.backward()
    LOSSES.append({
        "name": name,
        "kind": kind,
        "huber_delta": huber_delta,
        "class_weights": class_weights or [],
        "N": n,
        "D": d,
        "target_dim": target.shape[1],
        "pred": flat(pred),
        "target": flat(target),
        "loss": float(loss),
        "dpred": flat(pred.grad),
    })


def binary_targets(shape):
    return (torch.rand(shape, dtype=torch.float64, generator=GEN) < 0.5).double()


def class_indices(n, d):
    return torch.randint(0, d, (n, 1), generator=GEN).double()


def add_loss_cases():
    n, d = 4, 3
    pred, target = rand((n, d)), rand((n, d))
    loss_case("mse", "mse", n, d, pred, target, lambda y: F.mse_loss(y, target))
    loss_case("mae", "mae", n, d, pred, target, lambda y: F.l1_loss(y, target))
    pred, target = rand((n, d), 2.0), rand((n, d))
    loss_case("huber", "huber", n, d, pred, target, lambda y: F.huber_loss(y, target, delta=1.0))

    idx = class_indices(5, 4)
    onehot = F.one_hot(idx[:, 0].long(), 4).double()
    pred = rand((5, 4))
    loss_case("mse_class_indices", "mse", 5, 4, pred, idx, lambda y: F.mse_loss(y, onehot))

    pred, target = rand((n, d), 3.0), binary_targets((n, d))
    loss_case("bce_logits", "bce", n, d, pred, target,
              lambda y: F.binary_cross_entropy_with_logits(y, target))
    pred, target = rand((6, 1), 3.0), binary_targets((6, 1))
    loss_case("bce_logits_single", "bce", 6, 1, pred, target,
              lambda y: F.binary_cross_entropy_with_logits(y, target))
    # Class weights [w0, w1]: w1 on positive targets, w0 on negative ones, mean over N*D.
    w = [f32(0.7), f32(2.5)]
    pred, target = rand((n, d), 3.0), binary_targets((n, d))
    elem_w = torch.where(target > 0.5, w[1], w[0])
    loss_case("bce_logits_weighted", "bce", n, d, pred, target,
              lambda y: F.binary_cross_entropy_with_logits(y, target, weight=elem_w),
              class_weights=w)

    n, d = 5, 4
    pred, idx = rand((n, d), 2.0), class_indices(n, d)
    loss_case("cross_entropy", "cross-entropy", n, d, pred, idx,
              lambda y: F.cross_entropy(y, idx[:, 0].long()))
    w = [f32(v) for v in (0.5, 2.0, 1.0, 3.0)]
    loss_case("cross_entropy_weighted", "cross-entropy", n, d, pred, idx,
              lambda y: F.cross_entropy(y, idx[:, 0].long(),
                                        weight=torch.tensor(w, dtype=torch.float64)),
              class_weights=w)
    soft = F.softmax(rand((n, d)), dim=1).float().double()
    loss_case("cross_entropy_soft", "cross-entropy", n, d, pred, soft,
              lambda y: F.cross_entropy(y, soft))
    pred = rand((n, d), 40.0)
    loss_case("cross_entropy_large_logits", "cross-entropy", n, d, pred, idx,
              lambda y: F.cross_entropy(y, idx[:, 0].long()))


# ---------------------------------------------------------------------------------------------
# Optimizers

OPTIMIZERS = []
N_STEPS = 10


def optimizer_case(name, config, make):
    """config: LabOptimizerConfig fields (float32-rounded). make(params) -> torch optimizer with
    the same rule. Clipping and the L1 penalty are applied here in LayerLab's documented order
    (clip value, clip norm, penalties, update); L2 goes through torch's weight_decay = 2 l2."""
    m, n = 6, 4
    a = rand((m, n))
    b = rand((m,))
    w0 = rand((n,))
    w = w0.clone().requires_grad_(True)
    opt = make([w])
    steps = []
    for _ in range(N_STEPS):
        opt.zero_grad()
        ((a @ w - b) ** 2).sum().backward()
        if config["clip_value"] > 0:
            torch.nn.utils.clip_grad_value_([w], config["clip_value"])
        if config["clip_norm"] > 0:
            torch.nn.utils.clip_grad_norm_([w], config["clip_norm"])
        if config["l1"] > 0:
            w.grad += config["l1"] * torch.sign(w.detach())
        opt.step()
        steps.append(flat(w))
    OPTIMIZERS.append({
        "name": name,
        "config": config,
        "objective": "sum((A w - b)^2), gradient 2 A^T (A w - b)",
        "m": m,
        "n": n,
        "A": flat(a),
        "b": flat(b),
        "w0": flat(w0),
        "steps": steps,
    })


def config(kind, lr, **kw):
    c = {"kind": kind, "lr": lr, "momentum": 0.0, "nesterov": False, "beta1": 0.9,
         "beta2": 0.999, "rho": 0.9, "eps": 1e-8, "weight_decay": 0.0, "l1": 0.0, "l2": 0.0,
         "clip_value": 0.0, "clip_norm": 0.0}
    c.update(kw)
    return {k: (v if isinstance(v, (bool, str)) else f32(v)) for k, v in c.items()}


def add_optimizer_cases():
    o = torch.optim

    def sgd(name, **kw):
        c = config("sgd", 0.02, **kw)
        optimizer_case(name, c, lambda p: o.SGD(p, lr=c["lr"], momentum=c["momentum"],
                                                nesterov=c["nesterov"],
                                                weight_decay=2 * c["l2"]))

    def adam(name, kind="adam", **kw):
        c = config(kind, 0.05, **kw)
        cls = o.AdamW if kind == "adamw" else o.Adam
        wd = c["weight_decay"] if kind == "adamw" else 2 * c["l2"]
        optimizer_case(name, c, lambda p: cls(p, lr=c["lr"], betas=(c["beta1"], c["beta2"]),
                                              eps=c["eps"], weight_decay=wd,
                                              amsgrad=(kind == "amsgrad")))

    sgd("sgd")
    sgd("sgd_momentum", momentum=0.9)
    sgd("sgd_nesterov", momentum=0.9, nesterov=True)
    c = config("adagrad", 0.1, eps=1e-10)
    optimizer_case("adagrad", c, lambda p: o.Adagrad(p, lr=c["lr"], eps=c["eps"]))
    c = config("rmsprop", 0.01)
    optimizer_case("rmsprop", c, lambda p: o.RMSprop(p, lr=c["lr"], alpha=c["rho"], eps=c["eps"]))
    adam("adam")
    adam("amsgrad", kind="amsgrad")
    adam("adamw", kind="adamw", weight_decay=0.01)
    adam("adam_clip_norm", clip_norm=1.0)
    adam("adam_l2", l2=0.05)
    # A large epsilon tells apart where each rule adds it (outside the square root, after Adam's
    # bias correction), which eps = 1e-8 cannot.
    c = config("adagrad", 0.1, eps=0.5)
    optimizer_case("adagrad_large_eps", c, lambda p: o.Adagrad(p, lr=c["lr"], eps=c["eps"]))
    c = config("rmsprop", 0.01, eps=0.5)
    optimizer_case("rmsprop_large_eps", c,
                   lambda p: o.RMSprop(p, lr=c["lr"], alpha=c["rho"], eps=c["eps"]))
    adam("adam_large_eps", eps=0.5)
    sgd("sgd_l2_clip_value", l2=0.05, clip_value=8.0)
    sgd("sgd_momentum_l1_clip_norm", momentum=0.9, l1=0.1, clip_norm=2.0)


# ---------------------------------------------------------------------------------------------

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "data", "torch-golden.json")
    torch.set_num_threads(1)

    add_dense_cases()
    add_conv_cases()
    add_pool_cases()
    add_shape_cases()
    add_norm_cases()
    add_activation_cases()
    add_merge_cases()
    add_loss_cases()
    add_optimizer_cases()

    doc = {
        "meta": {
            "tool": "tests/torch_golden.py",
            "torch": torch.__version__,
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "command": " ".join([sys.executable] + sys.argv),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "seed": SEED,
            "precision": "inputs float32-representable, torch computes in float64",
        },
        "layers": LAYERS,
        "losses": LOSSES,
        "optimizers": OPTIMIZERS,
    }
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# read_safetensors.py: reads a safetensors file with plain numpy + json + struct (the safetensors
# package is not needed) and prints what test-safetensors compares, as JSON.
#
# Copyright 2026 The LayerLab authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: read_safetensors.py FILE
# Prints {"header_length": N, "metadata": {...},
#         "tensors": {name: {"shape": [...], "values": [...], "middle": v}}}
# where "middle" is the element at index (d // 2 for each dimension d), which checks that the
# data is laid out row-major.

import json
import struct
import sys

import numpy as np


def main():
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    base = 8 + n
    tensors = {}
    for name, info in header.items():
        if info["dtype"] != "F32":
            sys.exit("%s: dtype %s" % (name, info["dtype"]))
        begin, end = info["data_offsets"]
        # reshape fails when the byte span does not match the shape
        array = np.frombuffer(data[base + begin:base + end], dtype="<f4").reshape(info["shape"])
        middle = array[tuple(d // 2 for d in array.shape)] if array.size else None
        tensors[name] = {"shape": list(array.shape),
                         "values": [float(v) for v in array.ravel()],
                         "middle": None if middle is None else float(middle)}
    json.dump({"header_length": n, "metadata": metadata, "tensors": tensors}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

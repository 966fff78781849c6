/* lab-safetensors-private.h: the container shared by the writer (lab-safetensors.c) and the
 * reader (lab-safetensors-read.c)
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format (https://github.com/huggingface/safetensors):
 *
 *   bytes 0..7      N, the header length, unsigned 64-bit little-endian
 *   bytes 8..8+N    a JSON object: {"name": {"dtype": "F32", "shape": [2, 3],
 *                   "data_offsets": [begin, end]}, ..., "__metadata__": {"k": "v"}}
 *   bytes 8+N..     the data section; offsets count from its start, tensors are row-major
 *                   little-endian and together cover it exactly, without overlap.
 *
 * Like the reference writer we pad the header with spaces to a multiple of 8 bytes, so the data
 * starts aligned; like the reference reader we refuse headers above 100 MB.
 */
#pragma once

#include "lab-safetensors.h"

G_BEGIN_DECLS

#define LAB_SAFETENSORS_MAX_HEADER G_GUINT64_CONSTANT (100000000)
#define LAB_SAFETENSORS_METADATA "__metadata__"

struct _LabSafetensors
{
  GPtrArray  *tensors;    /* LabSafetensor *, in file order; few enough for a linear find */
  GPtrArray  *meta_keys;  /* the metadata keys in the order they were set */
  GHashTable *meta;       /* key → value */
  float      *arena;      /* the data of every tensor read from a file (lab_free) */
};

G_END_DECLS

/* lab-rng.h: a small seeded random generator, reproducible bit for bit on one machine
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* xorshift64* (as in llm.c), seeded through splitmix64 so that nearby seeds give unrelated streams.
 * Plain data: copy it to save and restore a stream (checkpoints do). */
struct _LabRng
{
  guint64 state;
};

typedef struct _LabRng LabRng;

void     lab_rng_init      (LabRng  *rng,
                            guint64  seed);
guint32  lab_rng_u32       (LabRng  *rng);
/* Uniform in [0, 1). */
float    lab_rng_uniform   (LabRng  *rng);
/* Uniform integer in [0, n), without modulo bias. */
guint32  lab_rng_below     (LabRng  *rng,
                            guint32  n);
/* Standard normal (Box–Muller). */
float    lab_rng_normal    (LabRng  *rng);
/* Fisher–Yates shuffle of n indices. */
void     lab_rng_shuffle   (LabRng  *rng,
                            guint32 *items,
                            gsize    n);

G_END_DECLS

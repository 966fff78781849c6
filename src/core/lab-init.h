/* lab-init.h: weight initializers
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lab-rng.h"

G_BEGIN_DECLS

typedef enum
{
  LAB_INIT_ZEROS,
  LAB_INIT_CONSTANT,        /* every weight = value */
  LAB_INIT_UNIFORM,         /* U(−value, value) */
  LAB_INIT_NORMAL,          /* N(0, value²) */
  LAB_INIT_GLOROT_UNIFORM,  /* U(±√(6 / (fan_in + fan_out))) */
  LAB_INIT_GLOROT_NORMAL,   /* N(0, 2 / (fan_in + fan_out)) */
  LAB_INIT_HE_UNIFORM,      /* U(±√(6 / fan_in)) */
  LAB_INIT_HE_NORMAL,       /* N(0, 2 / fan_in) */
  LAB_INIT_TORCH_DEFAULT,   /* PyTorch's Linear/Conv default: weights and biases U(±1/√fan_in) */
  LAB_INIT_N_KINDS
} LabInitKind;

typedef struct
{
  LabInitKind kind;
  float       value;        /* CONSTANT: the value; UNIFORM: the limit; NORMAL: the std. dev. */
} LabInit;

void         lab_init_fill             (const LabInit *init,
                                        float         *w,
                                        gsize          n,
                                        guint          fan_in,
                                        guint          fan_out,
                                        LabRng        *rng);
/* A bias vector of n values for a layer whose weights have fan_in inputs: zeros, except under
 * LAB_INIT_TORCH_DEFAULT, which draws biases as PyTorch does, U(±1/√fan_in). */
void         lab_init_fill_bias        (const LabInit *init,
                                        float         *b,
                                        gsize          n,
                                        guint          fan_in,
                                        LabRng        *rng);
const char  *lab_init_kind_to_string   (LabInitKind  kind);   /* "he-normal", ... */
gboolean     lab_init_kind_from_string (const char  *text,
                                        LabInitKind *kind);
const char  *lab_init_kind_label       (LabInitKind  kind);
const char  *lab_init_kind_blurb       (LabInitKind  kind);

G_END_DECLS

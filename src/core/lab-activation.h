/* lab-activation.h: activation functions, shared by the Activation layer, the losses and the
 * evaluation (which turns logits into probabilities)
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LAB_ACT_LINEAR,
  LAB_ACT_SIGMOID,
  LAB_ACT_TANH,
  LAB_ACT_RELU,
  LAB_ACT_LEAKY_RELU,   /* x if x > 0 else slope·x, slope default 0.01 */
  LAB_ACT_PRELU,        /* like leaky ReLU with a learned slope (one per layer, starts at 0.25) */
  LAB_ACT_ELU,          /* x if x > 0 else alpha·(eˣ − 1), alpha default 1 */
  LAB_ACT_SWISH,        /* x·σ(x), also called SiLU */
  LAB_ACT_SOFTPLUS,     /* log(1 + eˣ), computed stably */
  LAB_ACT_SOFTMAX,      /* over the channel axis: the features of a flat input, or C at each
                         * (h, w) of an image-shaped one */
  LAB_ACT_N_KINDS
} LabActivationKind;

/* Element-wise functions (all but SOFTMAX) on n floats; alpha is the negative slope of LEAKY_RELU
 * and PRELU (PReLU's learned value) or ELU's alpha, and is ignored by the others. inp and out may
 * be the same buffer.
 *
 * SOFTMAX is not element-wise and both functions refuse it (a critical warning, nothing done):
 * its forward is lab_softmax_forward() over contiguous rows, and its backward,
 * dinp += y ⊙ (dout − Σ_c dout_c·y_c), is done by the Activation layer itself, which runs it over
 * the channel axis of flat and image-shaped inputs. */
void lab_activation_forward  (LabActivationKind kind,
                              float             alpha,
                              const float      *inp,
                              float            *out,
                              gsize             n);
/* dinp += f′(inp) · dout, using inp and out of the forward pass. */
void lab_activation_backward (LabActivationKind kind,
                              float             alpha,
                              const float      *inp,
                              const float      *out,
                              const float      *dout,
                              float            *dinp,
                              gsize             n);

/* Softmax of each contiguous row of C values of inp (rows, C), stable with the maximum subtracted. */
void lab_softmax_forward     (const float *inp,
                              float       *out,
                              gsize        rows,
                              gsize        C);
void lab_sigmoid_forward     (const float *inp,
                              float       *out,
                              gsize        n);

const char *lab_activation_kind_to_string   (LabActivationKind  kind);  /* "relu", "leaky_relu" */
gboolean    lab_activation_kind_from_string (const char        *text,
                                             LabActivationKind *kind);

G_END_DECLS

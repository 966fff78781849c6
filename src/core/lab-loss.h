/* lab-loss.h: loss functions, forward and backward together
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LAB_LOSS_MSE,            /* mean over N·D of (y − t)²                     (torch MSELoss) */
  LAB_LOSS_MAE,            /* mean over N·D of |y − t|, subgradient sign     (torch L1Loss) */
  LAB_LOSS_HUBER,          /* mean over N·D, quadratic below delta          (torch HuberLoss) */
  LAB_LOSS_BCE_LOGITS,     /* sigmoid + binary cross-entropy on logits      (torch BCEWithLogitsLoss) */
  LAB_LOSS_CROSS_ENTROPY,  /* softmax + categorical cross-entropy on logits (torch CrossEntropyLoss) */
  LAB_LOSS_N_KINDS
} LabLossKind;

typedef struct
{
  LabLossKind  kind;
  float        huber_delta;     /* HUBER: default 1.0 */
  const float *class_weights;   /* CROSS_ENTROPY and BCE_LOGITS: one per class, or NULL */
  guint        n_class_weights;
} LabLoss;

/* Computes the mean loss of a batch and, when dlogits is not NULL, writes (not accumulates) its
 * gradient with respect to the logits/predictions.
 *
 *   pred     (N, D) network outputs; logits for BCE_LOGITS and CROSS_ENTROPY
 *   target   (N, target_dim) where target_dim is either D (values, one-hot or soft labels) or 1
 *            with D > 1, meaning class indices stored as floats, which are one-hot expanded for
 *            MSE, MAE, HUBER and BCE_LOGITS
 *
 * Reductions follow PyTorch's 'mean': CROSS_ENTROPY divides by N, or by the sum of the targets'
 * class weights when weights are given; the others by N·D (BCE weights: the weight of class 1
 * for positive targets and of class 0 for negative ones, over N·D). Numerically stable: log-sum-exp
 * with the maximum subtracted, and log(1 + e^−|x|) for the sigmoid. */
double lab_loss_compute (const LabLoss *loss,
                         const float   *pred,
                         const float   *target,
                         guint          target_dim,
                         float         *dpred,
                         guint          N,
                         guint          D);

const char  *lab_loss_kind_to_string (LabLossKind  kind);       /* "mse", "cross-entropy", ... */
gboolean     lab_loss_kind_from_string (const char  *text,
                                        LabLossKind *kind);
const char  *lab_loss_kind_label     (LabLossKind  kind);       /* translated, for menus */
const char  *lab_loss_kind_blurb     (LabLossKind  kind);       /* translated tooltip */

/* Class weights inversely proportional to class frequency, n / (k · count_c), as scikit-learn's
 * 'balanced'; classes absent from labels get weight 0. labels are class indices as floats. */
void lab_loss_balanced_weights (const float *labels,
                                gsize        n,
                                guint        n_classes,
                                float       *weights);

G_END_DECLS

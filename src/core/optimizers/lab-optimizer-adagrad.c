/* lab-optimizer-adagrad.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * reference: torch.optim.Adagrad (1.13, _single_tensor_adagrad) with lr_decay 0, weight_decay 0
 * and initial_accumulator_value 0:
 *   s ← s + g²
 *   w ← w − η·g / (√s + ε)        (ε outside the root; default 1e-10)
 */
#define G_LOG_DOMAIN "lab-optimizer"

#include <math.h>

#include "lab-optimizer-private.h"

/* w, g and the sum of squares s are (n), distinct */
G_ALWAYS_INLINE
static inline void
adagrad_range (float *restrict       w,
               float *restrict       s,
               const float *restrict g,
               float                 neg_lr,
               float                 eps,
               gsize                 i0,
               gsize                 i1)
{
  for (gsize i = i0; i < i1; i++)
    {
      float si = s[i] + g[i] * g[i];

      s[i] = si;
      /* addcdiv_ evaluates value·g / std in this order. */
      w[i] += neg_lr * g[i] / (sqrtf (si) + eps);
    }
}

void
lab_optimizer_adagrad_update (LabOptimizer *self,
                              float        *params,
                              const float  *grads,
                              double        lr)
{
  const float neg_lr = (float) -lr;
  const float eps = (float) self->eps;
  const gsize n8 = LAB_OPTIMIZER_VEC_END (self->n);

  adagrad_range (params, self->buffers[0], grads, neg_lr, eps, 0, n8);
  adagrad_range (params, self->buffers[0], grads, neg_lr, eps, n8, self->n);
}

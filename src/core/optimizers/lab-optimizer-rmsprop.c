/* lab-optimizer-rmsprop.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * reference: torch.optim.RMSprop (1.13, _single_tensor_rmsprop) with alpha = ρ, centered False,
 * momentum 0 and weight_decay 0:
 *   v ← ρ·v + (1 − ρ)·g²
 *   w ← w − η·g / (√v + ε)        (ε outside the root, as torch; Keras puts it inside)
 */
#define G_LOG_DOMAIN "lab-optimizer"

#include <math.h>

#include "lab-optimizer-private.h"

/* w, g and the running mean square v are (n), distinct */
G_ALWAYS_INLINE
static inline void
rmsprop_range (float *restrict       w,
               float *restrict       v,
               const float *restrict g,
               float                 neg_lr,
               float                 rho,
               float                 one_minus_rho,
               float                 eps,
               gsize                 i0,
               gsize                 i1)
{
  for (gsize i = i0; i < i1; i++)
    {
      float vi = v[i] * rho + one_minus_rho * g[i] * g[i];

      v[i] = vi;
      w[i] += neg_lr * g[i] / (sqrtf (vi) + eps);
    }
}

void
lab_optimizer_rmsprop_update (LabOptimizer *self,
                              float        *params,
                              const float  *grads,
                              double        lr)
{
  const float neg_lr = (float) -lr;
  const float rho = (float) self->rho;
  const float one_minus_rho = (float) (1.0 - self->rho);
  const float eps = (float) self->eps;
  const gsize n8 = LAB_OPTIMIZER_VEC_END (self->n);

  rmsprop_range (params, self->buffers[0], grads, neg_lr, rho, one_minus_rho, eps, 0, n8);
  rmsprop_range (params, self->buffers[0], grads, neg_lr, rho, one_minus_rho, eps, n8, self->n);
}

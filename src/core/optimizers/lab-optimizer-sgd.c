/* lab-optimizer-sgd.c: stochastic gradient descent with momentum and Nesterov
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * reference: torch.optim.SGD (1.13, _single_tensor_sgd) with dampening 0 and weight_decay 0:
 *   b ← μ·b + g                  (torch clones g on the first step; μ·0 + g is the same)
 *   d ← g + μ·b  (Nesterov)  or  d ← b
 *   w ← w − η·d
 * In the same order of float operations as torch, so that runs agree to rounding.
 */
#define G_LOG_DOMAIN "lab-optimizer"

#include "lab-optimizer-private.h"

/* w, g and the momentum buffer b are (n), distinct */
G_ALWAYS_INLINE
static inline void
sgd_range (float *restrict       w,
           const float *restrict g,
           float                 neg_lr,
           gsize                 i0,
           gsize                 i1)
{
  for (gsize i = i0; i < i1; i++)
    w[i] += neg_lr * g[i];
}

G_ALWAYS_INLINE
static inline void
momentum_range (float *restrict       w,
                float *restrict       b,
                const float *restrict g,
                float                 neg_lr,
                float                 mu,
                gboolean              nesterov,
                gsize                 i0,
                gsize                 i1)
{
  if (nesterov)
    for (gsize i = i0; i < i1; i++)
      {
        float bi = b[i] * mu + g[i];

        b[i] = bi;
        w[i] += neg_lr * (g[i] + mu * bi);
      }
  else
    for (gsize i = i0; i < i1; i++)
      {
        float bi = b[i] * mu + g[i];

        b[i] = bi;
        w[i] += neg_lr * bi;
      }
}

void
lab_optimizer_sgd_update (LabOptimizer *self,
                          float        *params,
                          const float  *grads,
                          double        lr)
{
  const float neg_lr = (float) -lr;
  const float mu = (float) self->momentum;
  const gsize n8 = LAB_OPTIMIZER_VEC_END (self->n);

  const gboolean nesterov = self->config.nesterov;

  if (self->n_buffers == 0)
    {
      sgd_range (params, grads, neg_lr, 0, n8);
      sgd_range (params, grads, neg_lr, n8, self->n);
    }
  else
    {
      momentum_range (params, self->buffers[0], grads, neg_lr, mu, nesterov, 0, n8);
      momentum_range (params, self->buffers[0], grads, neg_lr, mu, nesterov, n8, self->n);
    }
}

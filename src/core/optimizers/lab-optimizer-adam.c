/* lab-optimizer-adam.c: Adam, AMSGrad and AdamW
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * reference: torch.optim.Adam (1.13, _single_tensor_adam; amsgrad for AMSGrad) and
 * torch.optim.AdamW (_single_tensor_adamw), at step t (counting this one):
 *   w ← w·(1 − η·λ)                                    (AdamW only: decay decoupled from g)
 *   m ← β₁·m + (1 − β₁)·g
 *   v ← β₂·v + (1 − β₂)·g²
 *   v̂ ← max(v̂, v)                                      (AMSGrad only, used instead of v)
 *   w ← w − η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 * The scalar factors are computed in double and rounded to float once, as torch does with its
 * Python floats; the element-wise operations follow torch's order.
 */
#define G_LOG_DOMAIN "lab-optimizer"

#include <math.h>

#include "lab-optimizer-private.h"

typedef struct
{
  float beta1;
  float one_minus_beta1;
  float beta2;
  float one_minus_beta2;
  float neg_step_size;    /* −η / (1 − β₁ᵗ) */
  float bc2_sqrt;         /* √(1 − β₂ᵗ) */
  float eps;
  float decay;            /* AdamW's 1 − η·λ; exactly 1 (a no-op) for Adam and AMSGrad */
} AdamScalars;

/* w, g and the moments m, v are (n), distinct */
G_ALWAYS_INLINE
static inline void
adam_range (float *restrict       w,
            float *restrict       m,
            float *restrict       v,
            const float *restrict g,
            const AdamScalars    *c,
            gsize                 i0,
            gsize                 i1)
{
  const AdamScalars k = *c;

  for (gsize i = i0; i < i1; i++)
    {
      float mi = m[i] * k.beta1 + k.one_minus_beta1 * g[i];
      float vi = v[i] * k.beta2 + k.one_minus_beta2 * g[i] * g[i];

      m[i] = mi;
      v[i] = vi;
      w[i] = w[i] * k.decay + k.neg_step_size * mi / (sqrtf (vi) / k.bc2_sqrt + k.eps);
    }
}

/* The same with v̂ = max(v̂, v) in the denominator; vmax is (n) too */
G_ALWAYS_INLINE
static inline void
amsgrad_range (float *restrict       w,
               float *restrict       m,
               float *restrict       v,
               float *restrict       vmax,
               const float *restrict g,
               const AdamScalars    *c,
               gsize                 i0,
               gsize                 i1)
{
  const AdamScalars k = *c;

  for (gsize i = i0; i < i1; i++)
    {
      float mi = m[i] * k.beta1 + k.one_minus_beta1 * g[i];
      float vi = v[i] * k.beta2 + k.one_minus_beta2 * g[i] * g[i];
      /* torch.maximum; written so that a NaN in v propagates as it does there */
      float vm = vmax[i] > vi ? vmax[i] : vi;

      m[i] = mi;
      v[i] = vi;
      vmax[i] = vm;
      w[i] = w[i] * k.decay + k.neg_step_size * mi / (sqrtf (vm) / k.bc2_sqrt + k.eps);
    }
}

void
lab_optimizer_adam_update (LabOptimizer *self,
                           float        *params,
                           const float  *grads,
                           double        lr)
{
  const double t = (double) self->step;
  const double bias_correction1 = 1.0 - pow (self->beta1, t);
  const double bias_correction2 = 1.0 - pow (self->beta2, t);
  const gsize n8 = LAB_OPTIMIZER_VEC_END (self->n);
  float *m = self->buffers[0];
  float *v = self->buffers[1];
  AdamScalars c;

  c.beta1 = (float) self->beta1;
  c.one_minus_beta1 = (float) (1.0 - self->beta1);
  c.beta2 = (float) self->beta2;
  c.one_minus_beta2 = (float) (1.0 - self->beta2);
  c.neg_step_size = (float) -(lr / bias_correction1);
  c.bc2_sqrt = (float) sqrt (bias_correction2);
  c.eps = (float) self->eps;
  c.decay = self->config.kind == LAB_OPTIMIZER_ADAMW
            ? (float) (1.0 - lr * self->weight_decay) : 1.0f;

  if (self->config.kind == LAB_OPTIMIZER_AMSGRAD)
    {
      amsgrad_range (params, m, v, self->buffers[2], grads, &c, 0, n8);
      amsgrad_range (params, m, v, self->buffers[2], grads, &c, n8, self->n);
    }
  else
    {
      adam_range (params, m, v, grads, &c, 0, n8);
      adam_range (params, m, v, grads, &c, n8, self->n);
    }
}

/* lab-optimizer-private.h: the optimizer's state, shared by lab-optimizer.c, the update rules in
 * optimizers/ and the tests
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lab-optimizer.h"

G_BEGIN_DECLS

#define LAB_OPTIMIZER_MAX_BUFFERS 3

struct _LabOptimizer
{
  LabOptimizerConfig config;
  gsize              n;               /* n_trainable */
  guint64            step;            /* steps taken, counting the one in progress */
  double             last_grad_norm;
  gboolean           skip_grad_norm;  /* nobody reads it: spare a pass over the gradients */

  /* The hyperparameters as the decimals they were typed as (lab_optimizer_decimal), so that
   * 1 − β₂ is 0.001 like in torch and not 0.00100004673 as computed from the float 0.999f. */
  double             momentum;
  double             beta1;
  double             beta2;
  double             rho;
  double             eps;
  double             weight_decay;

  float              lr_cached;       /* the last learning rate seen and its decimal */
  double             lr_decimal;

  /* Flat state, n floats each, in the order the rules below expect:
   *   SGD "momentum" (only with momentum > 0); Adagrad "sum"; RMSProp "v";
   *   Adam and AdamW "m", "v"; AMSGrad "m", "v", "vmax". */
  guint              n_buffers;
  float             *buffers[LAB_OPTIMIZER_MAX_BUFFERS];
  const char        *buffer_names[LAB_OPTIMIZER_MAX_BUFFERS];
};

/* Each kernel runs its loop twice, on [0, LAB_OPTIMIZER_VEC_END (n)) and on the rest: GCC's -O2
 * vectoriser (cost model "very cheap") only takes loops whose trip count is a known multiple of
 * the vector width. Loops calling sqrtf() also need -fno-math-errno, or GCC keeps a scalar call
 * for the errno of negative arguments. */
#define LAB_OPTIMIZER_VEC_END(n) ((n) & ~(gsize) 7)

/* The double nearest to the shortest decimal that rounds to x: 0.9f → 0.9. */
double lab_optimizer_decimal        (float         x);

/* The update rules (step 4 of lab_optimizer_step), on self->n floats of params, with the
 * already clipped and penalised grads; lr is the step's learning rate as a decimal double and
 * self->step already counts this step. */
void   lab_optimizer_sgd_update     (LabOptimizer *self,
                                     float        *params,
                                     const float  *grads,
                                     double        lr);
void   lab_optimizer_adagrad_update (LabOptimizer *self,
                                     float        *params,
                                     const float  *grads,
                                     double        lr);
void   lab_optimizer_rmsprop_update (LabOptimizer *self,
                                     float        *params,
                                     const float  *grads,
                                     double        lr);
/* Adam, AMSGrad and AdamW, told apart by self->config.kind. */
void   lab_optimizer_adam_update    (LabOptimizer *self,
                                     float        *params,
                                     const float  *grads,
                                     double        lr);

G_END_DECLS

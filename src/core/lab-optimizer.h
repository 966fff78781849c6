/* lab-optimizer.h: optimizers as loops over the flat parameter arena
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One step, in PyTorch's order, so that runs compare with torch.optim:
 *   1. clip the gradients by value (each g into [−clip_value, clip_value]) when clip_value > 0;
 *   2. clip by global norm (scale all g by max_norm / ‖g‖₂ when ‖g‖₂ > max_norm) when clip_norm > 0;
 *   3. add the penalties' gradients: 2·l2·w + l1·sign(w) (loss += l2·Σw² + l1·Σ|w|);
 *   4. update with the optimizer's rule, exactly as torch.optim's SGD (momentum, dampening 0,
 *      nesterov), Adagrad, RMSprop (alpha = rho), Adam, Adam(amsgrad=True) and AdamW
 *      (decoupled weight_decay) do.
 * Only the first n_trainable floats of the arena are touched: frozen tensors sit after them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LAB_OPTIMIZER_SGD,
  LAB_OPTIMIZER_ADAGRAD,
  LAB_OPTIMIZER_RMSPROP,
  LAB_OPTIMIZER_ADAM,
  LAB_OPTIMIZER_AMSGRAD,
  LAB_OPTIMIZER_ADAMW,
  LAB_OPTIMIZER_N_KINDS
} LabOptimizerKind;

typedef struct
{
  LabOptimizerKind kind;
  float    lr;            /* base learning rate; the schedule scales it */
  float    momentum;      /* SGD: 0.9 typical; 0 = plain SGD */
  gboolean nesterov;      /* SGD */
  float    beta1;         /* Adam family: 0.9 */
  float    beta2;         /* Adam family: 0.999 */
  float    rho;           /* RMSProp decay: 0.9 */
  float    eps;           /* 1e-8 (Adagrad: 1e-10) */
  float    weight_decay;  /* AdamW's decoupled decay: 0.01 */
  float    l1;            /* penalty λ₁ Σ|w| */
  float    l2;            /* penalty λ₂ Σw² */
  float    clip_value;    /* 0 = off */
  float    clip_norm;     /* 0 = off */
} LabOptimizerConfig;

typedef struct _LabOptimizer LabOptimizer;

/* Sensible defaults for kind (Adam: lr 0.001, β 0.9/0.999, ε 1e-8; SGD: lr 0.01, momentum 0.9). */
void             lab_optimizer_config_defaults (LabOptimizerConfig       *config,
                                                LabOptimizerKind          kind);
gboolean         lab_optimizer_config_check    (const LabOptimizerConfig *config,
                                                GError                  **error);

LabOptimizer    *lab_optimizer_new         (const LabOptimizerConfig *config,
                                            gsize                     n_trainable,
                                            GError                  **error);
void             lab_optimizer_free        (LabOptimizer             *self);
/* Changing the learning rate between steps is how schedules and the live LR control work. */
void             lab_optimizer_step        (LabOptimizer             *self,
                                            float                    *params,
                                            float                    *grads,
                                            float                     lr);
/* ‖g‖₂ before clipping in the last step; NaN while the norm is not tracked. */
double           lab_optimizer_last_grad_norm (LabOptimizer          *self);
/* Whether steps measure ‖g‖₂ when clipping by norm does not need it (TRUE at first): a pass
 * over every gradient that a run nobody watches can spare. */
void             lab_optimizer_set_track_grad_norm (LabOptimizer     *self,
                                                    gboolean          track);
/* The penalty term l1·Σ|w| + l2·Σw² for reporting the loss decomposition. */
double           lab_optimizer_penalty     (LabOptimizer             *self,
                                            const float              *params);
const LabOptimizerConfig *lab_optimizer_get_config (LabOptimizer     *self);

/* State for checkpoints: named flat buffers ("m", "v", "vmax", "sum", "momentum") of
 * n_trainable floats each, and the step counter. */
guint            lab_optimizer_n_buffers   (LabOptimizer             *self);
float           *lab_optimizer_buffer      (LabOptimizer             *self,
                                            guint                     i,
                                            const char              **name);
guint64          lab_optimizer_get_step    (LabOptimizer             *self);
void             lab_optimizer_set_step    (LabOptimizer             *self,
                                            guint64                   step);

const char  *lab_optimizer_kind_to_string   (LabOptimizerKind  kind);  /* "adam", "sgd", ... */
gboolean     lab_optimizer_kind_from_string (const char       *text,
                                             LabOptimizerKind *kind);
const char  *lab_optimizer_kind_label       (LabOptimizerKind  kind);
const char  *lab_optimizer_kind_blurb       (LabOptimizerKind  kind);

G_END_DECLS

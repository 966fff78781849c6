/* lab-optimizer.c: what every optimizer shares (settings, clipping, penalties, state); the
 * update rules themselves are in optimizers/
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-optimizer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-error.h"
#include "lab-blas.h"
#include "lab-optimizer-private.h"

static const struct
{
  const char *name;
  const char *label;
  const char *blurb;
} optimizer_info[LAB_OPTIMIZER_N_KINDS] = {
  [LAB_OPTIMIZER_SGD] = {
    "sgd", N_("SGD"),
    N_("Stochastic gradient descent: steps against the gradient, with momentum (0.9) to smooth "
       "the path and speed up along consistent directions. Simple and well understood; needs a "
       "tuned learning rate (0.01 is a fair start)."),
  },
  [LAB_OPTIMIZER_ADAGRAD] = {
    "adagrad", N_("Adagrad"),
    N_("Gives each weight its own learning rate, shrinking with the sum of its past squared "
       "gradients: rarely updated weights take larger steps. Good for sparse features; the "
       "steps keep shrinking, so long runs may stall."),
  },
  [LAB_OPTIMIZER_RMSPROP] = {
    "rmsprop", N_("RMSProp"),
    N_("Divides each step by a running average of recent squared gradients (decay ρ = 0.9), so "
       "steps stay balanced across weights without shrinking forever. A solid choice for "
       "recurrent networks and noisy problems."),
  },
  [LAB_OPTIMIZER_ADAM] = {
    "adam", N_("Adam"),
    N_("Momentum plus RMSProp-style scaling, with bias correction for the first steps. The "
       "usual default: works well out of the box with learning rate 0.001."),
  },
  [LAB_OPTIMIZER_AMSGRAD] = {
    "amsgrad", N_("AMSGrad"),
    N_("Adam that never lets a weight’s step scale grow again: it divides by the largest "
       "average of squared gradients seen so far. Try it when Adam’s loss jumps late in "
       "training."),
  },
  [LAB_OPTIMIZER_ADAMW] = {
    "adamw", N_("AdamW"),
    N_("Adam with weight decay applied directly to the weights (0.01 by default) instead of "
       "through the gradient, which regularises more predictably than an L2 penalty with Adam."),
  },
};

void
lab_optimizer_config_defaults (LabOptimizerConfig *config,
                               LabOptimizerKind    kind)
{
  g_return_if_fail (config != NULL);
  g_return_if_fail (kind < LAB_OPTIMIZER_N_KINDS);

  memset (config, 0, sizeof *config);
  config->kind = kind;
  config->beta1 = 0.9f;
  config->beta2 = 0.999f;
  /* RMSProp's decay is 0.9 (Hinton's lecture); 0.999 is Adam's β₂ (concepts X4). */
  config->rho = 0.9f;
  config->eps = 1e-8f;

  switch (kind)
    {
    case LAB_OPTIMIZER_SGD:
      config->lr = 0.01f;
      config->momentum = 0.9f;
      break;

    case LAB_OPTIMIZER_ADAGRAD:
      config->lr = 0.01f;
      config->eps = 1e-10f;
      break;

    case LAB_OPTIMIZER_RMSPROP:
    case LAB_OPTIMIZER_ADAM:
    case LAB_OPTIMIZER_AMSGRAD:
      config->lr = 0.001f;
      break;

    case LAB_OPTIMIZER_ADAMW:
      config->lr = 0.001f;
      config->weight_decay = 0.01f;
      break;

    case LAB_OPTIMIZER_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

typedef enum
{
  RANGE_POSITIVE,       /* (0, ∞) */
  RANGE_NON_NEGATIVE,   /* [0, ∞), 0 meaning off */
  RANGE_UNIT,           /* [0, 1) */
} Range;

static gboolean
check_setting (LabOptimizerKind   kind,
               const char        *setting,
               float              value,
               float              typical,
               Range              range,
               GError           **error)
{
  const char *optimizer = _(optimizer_info[kind].label);
  gboolean ok;

  /* Written so that NaN fails every test. */
  switch (range)
    {
    case RANGE_POSITIVE:
      ok = value > 0.0f && isfinite (value);
      if (!ok)
        g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                     _("%s: the %s is %g, but it must be a number greater than 0; "
                       "a typical value is %g"),
                     optimizer, setting, value, typical);
      return ok;

    case RANGE_NON_NEGATIVE:
      ok = value >= 0.0f && isfinite (value);
      if (!ok)
        g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                     _("%s: the %s is %g, but it must be 0 (off) or a positive number"),
                     optimizer, setting, value);
      return ok;

    case RANGE_UNIT:
      ok = value >= 0.0f && value < 1.0f;
      if (!ok)
        g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                     _("%s: the %s is %g, but it must be at least 0 and less than 1; "
                       "a typical value is %g"),
                     optimizer, setting, value, typical);
      return ok;

    default:
      g_assert_not_reached ();
    }
}

gboolean
lab_optimizer_config_check (const LabOptimizerConfig  *config,
                            GError                   **error)
{
  LabOptimizerConfig def;
  LabOptimizerKind kind;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (config->kind >= LAB_OPTIMIZER_N_KINDS)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                   _("Unknown optimizer number %d; choose one of SGD, Adagrad, RMSProp, Adam, "
                     "AMSGrad or AdamW"),
                   (int) config->kind);
      return FALSE;
    }
  kind = config->kind;
  lab_optimizer_config_defaults (&def, kind);

  if (!check_setting (kind, _("learning rate"), config->lr, def.lr, RANGE_POSITIVE, error) ||
      !check_setting (kind, _("L1 penalty"), config->l1, 0, RANGE_NON_NEGATIVE, error) ||
      !check_setting (kind, _("L2 penalty"), config->l2, 0, RANGE_NON_NEGATIVE, error) ||
      !check_setting (kind, _("gradient clip value"), config->clip_value, 0,
                      RANGE_NON_NEGATIVE, error) ||
      !check_setting (kind, _("gradient clip norm"), config->clip_norm, 0,
                      RANGE_NON_NEGATIVE, error))
    return FALSE;

  switch (kind)
    {
    case LAB_OPTIMIZER_SGD:
      if (!check_setting (kind, _("momentum"), config->momentum, def.momentum, RANGE_UNIT, error))
        return FALSE;
      /* torch refuses it too: without momentum there is nothing to look ahead with. */
      if (config->nesterov && config->momentum == 0.0f)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                       _("%s: Nesterov momentum needs a momentum greater than 0 (typically %g)"),
                       _(optimizer_info[kind].label), def.momentum);
          return FALSE;
        }
      return TRUE;

    case LAB_OPTIMIZER_ADAGRAD:
      return check_setting (kind, _("epsilon (ε)"), config->eps, def.eps, RANGE_POSITIVE, error);

    case LAB_OPTIMIZER_RMSPROP:
      return check_setting (kind, _("decay rate (ρ)"), config->rho, def.rho, RANGE_UNIT, error) &&
             check_setting (kind, _("epsilon (ε)"), config->eps, def.eps, RANGE_POSITIVE, error);

    case LAB_OPTIMIZER_ADAMW:
      if (!check_setting (kind, _("weight decay"), config->weight_decay, def.weight_decay,
                          RANGE_NON_NEGATIVE, error))
        return FALSE;
      G_GNUC_FALLTHROUGH;
    case LAB_OPTIMIZER_ADAM:
    case LAB_OPTIMIZER_AMSGRAD:
      return check_setting (kind, _("β₁ (beta1)"), config->beta1, def.beta1, RANGE_UNIT, error) &&
             check_setting (kind, _("β₂ (beta2)"), config->beta2, def.beta2, RANGE_UNIT, error) &&
             check_setting (kind, _("epsilon (ε)"), config->eps, def.eps, RANGE_POSITIVE, error);

    case LAB_OPTIMIZER_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

double
lab_optimizer_decimal (float x)
{
  static const char * const formats[] = { "%.1g", "%.2g", "%.3g", "%.4g",
                                          "%.5g", "%.6g", "%.7g", "%.8g" };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (x) || x == 0.0f)
    return x;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      double d = g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, formats[i], x), NULL);

      if ((float) d == x)
        return d;
    }
  /* Nine digits always round-trip a float, and so does the float itself. */
  return x;
}

static void
add_buffer (LabOptimizer *self,
            const char   *name)
{
  g_assert (self->n_buffers < LAB_OPTIMIZER_MAX_BUFFERS);
  self->buffer_names[self->n_buffers++] = name;
}

LabOptimizer *
lab_optimizer_new (const LabOptimizerConfig  *config,
                   gsize                      n_trainable,
                   GError                   **error)
{
  LabOptimizer *self;

  g_return_val_if_fail (config != NULL, NULL);

  if (!lab_optimizer_config_check (config, error))
    return NULL;

  self = g_new0 (LabOptimizer, 1);
  self->config = *config;
  self->n = n_trainable;
  self->momentum = lab_optimizer_decimal (config->momentum);
  self->beta1 = lab_optimizer_decimal (config->beta1);
  self->beta2 = lab_optimizer_decimal (config->beta2);
  self->rho = lab_optimizer_decimal (config->rho);
  self->eps = lab_optimizer_decimal (config->eps);
  self->weight_decay = lab_optimizer_decimal (config->weight_decay);
  self->lr_cached = config->lr;
  self->lr_decimal = lab_optimizer_decimal (config->lr);

  switch (config->kind)
    {
    case LAB_OPTIMIZER_SGD:
      if (config->momentum > 0.0f)
        add_buffer (self, "momentum");
      break;

    case LAB_OPTIMIZER_ADAGRAD:
      add_buffer (self, "sum");
      break;

    case LAB_OPTIMIZER_RMSPROP:
      add_buffer (self, "v");
      break;

    case LAB_OPTIMIZER_AMSGRAD:
      add_buffer (self, "m");
      add_buffer (self, "v");
      add_buffer (self, "vmax");
      break;

    case LAB_OPTIMIZER_ADAM:
    case LAB_OPTIMIZER_ADAMW:
      add_buffer (self, "m");
      add_buffer (self, "v");
      break;

    case LAB_OPTIMIZER_N_KINDS:
    default:
      g_assert_not_reached ();
    }

  for (guint i = 0; i < self->n_buffers; i++)
    {
      g_autofree char *what = g_strdup_printf (_("The optimizer state “%s”"),
                                               self->buffer_names[i]);

      self->buffers[i] = lab_try_alloc_floats (n_trainable, what, error);
      if (self->buffers[i] == NULL)
        {
          lab_optimizer_free (self);
          return NULL;
        }
    }

  return self;
}

void
lab_optimizer_free (LabOptimizer *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_buffers; i++)
    lab_free (self->buffers[i]);
  g_free (self);
}

/* g ← clamp(g, lo, hi) on [i0, i1) and g ← g·a; see LAB_OPTIMIZER_VEC_END for the split.
 * g (n) */
G_ALWAYS_INLINE
static inline void
clamp_range (float *g,
             float  lo,
             float  hi,
             gsize  i0,
             gsize  i1)
{
  for (gsize i = i0; i < i1; i++)
    g[i] = g[i] > hi ? hi : (g[i] < lo ? lo : g[i]);
}

G_ALWAYS_INLINE
static inline void
scale_range (float *g,
             float  a,
             gsize  i0,
             gsize  i1)
{
  for (gsize i = i0; i < i1; i++)
    g[i] *= a;
}

/* Steps 1 and 2: clip by value, then by global norm; records ‖g‖₂ before any clipping.
 *   grads (n) */
static void
clip_gradients (LabOptimizer *self,
                float        *grads)
{
  const gsize n = self->n;
  const gsize n8 = LAB_OPTIMIZER_VEC_END (n);
  const float clip = self->config.clip_value;
  double sq = self->skip_grad_norm && self->config.clip_norm <= 0.0f ? NAN : lab_sum_squares (grads, n);

  self->last_grad_norm = sqrt (sq);

  if (clip > 0.0f)
    {
      clamp_range (grads, -clip, clip, 0, n8);
      clamp_range (grads, -clip, clip, n8, n);
      if (self->config.clip_norm > 0.0f)
        sq = lab_sum_squares (grads, n);
    }

  if (self->config.clip_norm > 0.0f)
    {
      /* torch.nn.utils.clip_grad_norm_: coefficient max_norm / (‖g‖ + 1e-6) in float, applied
       * only when below 1. */
      float norm = (float) sqrt (sq);
      float coef = (float) lab_optimizer_decimal (self->config.clip_norm) / (norm + 1e-6f);

      if (coef < 1.0f)
        {
          scale_range (grads, coef, 0, n8);
          scale_range (grads, coef, n8, n);
        }
    }
}

/* g += 2·l2·w on [i0, i1); w, g (n), distinct */
G_ALWAYS_INLINE
static inline void
l2_range (float *restrict       g,
          const float *restrict w,
          float                 c2,
          gsize                 i0,
          gsize                 i1)
{
  for (gsize i = i0; i < i1; i++)
    g[i] += c2 * w[i];
}

/* g += l1·sign(w) on [i0, i1); sign(0) = 0, the subgradient that leaves exact zeros alone */
G_ALWAYS_INLINE
static inline void
l1_range (float *restrict       g,
          const float *restrict w,
          float                 c1,
          gsize                 i0,
          gsize                 i1)
{
  for (gsize i = i0; i < i1; i++)
    g[i] += w[i] > 0.0f ? c1 : (w[i] < 0.0f ? -c1 : 0.0f);
}

/* Step 3: the gradients of l2·Σw² + l1·Σ|w|.
 *   params, grads (n) */
static void
add_penalty_gradients (LabOptimizer *self,
                       const float  *params,
                       float        *grads)
{
  const gsize n = self->n;
  const gsize n8 = LAB_OPTIMIZER_VEC_END (n);

  if (self->config.l2 > 0.0f)
    {
      const float c2 = 2.0f * self->config.l2;

      l2_range (grads, params, c2, 0, n8);
      l2_range (grads, params, c2, n8, n);
    }
  if (self->config.l1 > 0.0f)
    {
      l1_range (grads, params, self->config.l1, 0, n8);
      l1_range (grads, params, self->config.l1, n8, n);
    }
}

void
lab_optimizer_step (LabOptimizer *self,
                    float        *params,
                    float        *grads,
                    float         lr)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->n == 0 || (params != NULL && grads != NULL));

  if (lr != self->lr_cached)
    {
      self->lr_cached = lr;
      self->lr_decimal = lab_optimizer_decimal (lr);
    }

  clip_gradients (self, grads);
  add_penalty_gradients (self, params, grads);
  self->step++;

  switch (self->config.kind)
    {
    case LAB_OPTIMIZER_SGD:
      lab_optimizer_sgd_update (self, params, grads, self->lr_decimal);
      break;

    case LAB_OPTIMIZER_ADAGRAD:
      lab_optimizer_adagrad_update (self, params, grads, self->lr_decimal);
      break;

    case LAB_OPTIMIZER_RMSPROP:
      lab_optimizer_rmsprop_update (self, params, grads, self->lr_decimal);
      break;

    case LAB_OPTIMIZER_ADAM:
    case LAB_OPTIMIZER_AMSGRAD:
    case LAB_OPTIMIZER_ADAMW:
      lab_optimizer_adam_update (self, params, grads, self->lr_decimal);
      break;

    case LAB_OPTIMIZER_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

void
lab_optimizer_set_track_grad_norm (LabOptimizer *self,
                                   gboolean      track)
{
  g_return_if_fail (self != NULL);
  self->skip_grad_norm = !track;
}

double
lab_optimizer_last_grad_norm (LabOptimizer *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->last_grad_norm;
}

double
lab_optimizer_penalty (LabOptimizer *self,
                       const float  *params)
{
  double sum_abs = 0.0;
  double sum_sq = 0.0;

  g_return_val_if_fail (self != NULL, 0.0);
  g_return_val_if_fail (self->n == 0 || params != NULL, 0.0);

  if (self->config.l1 == 0.0f && self->config.l2 == 0.0f)
    return 0.0;
  for (gsize i = 0; i < self->n; i++)
    {
      double w = params[i];

      sum_abs += fabs (w);
      sum_sq += w * w;
    }
  return self->config.l1 * sum_abs + self->config.l2 * sum_sq;
}

const LabOptimizerConfig *
lab_optimizer_get_config (LabOptimizer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->config;
}

guint
lab_optimizer_n_buffers (LabOptimizer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_buffers;
}

float *
lab_optimizer_buffer (LabOptimizer  *self,
                      guint          i,
                      const char   **name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->n_buffers, NULL);

  if (name != NULL)
    *name = self->buffer_names[i];
  return self->buffers[i];
}

guint64
lab_optimizer_get_step (LabOptimizer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->step;
}

void
lab_optimizer_set_step (LabOptimizer *self,
                        guint64       step)
{
  g_return_if_fail (self != NULL);
  self->step = step;
}

const char *
lab_optimizer_kind_to_string (LabOptimizerKind kind)
{
  g_return_val_if_fail (kind < LAB_OPTIMIZER_N_KINDS, NULL);
  return optimizer_info[kind].name;
}

gboolean
lab_optimizer_kind_from_string (const char       *text,
                                LabOptimizerKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < LAB_OPTIMIZER_N_KINDS; i++)
    if (g_strcmp0 (text, optimizer_info[i].name) == 0)
      {
        *kind = (LabOptimizerKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
lab_optimizer_kind_label (LabOptimizerKind kind)
{
  g_return_val_if_fail (kind < LAB_OPTIMIZER_N_KINDS, NULL);
  return _(optimizer_info[kind].label);
}

const char *
lab_optimizer_kind_blurb (LabOptimizerKind kind)
{
  g_return_val_if_fail (kind < LAB_OPTIMIZER_N_KINDS, NULL);
  return _(optimizer_info[kind].blurb);
}

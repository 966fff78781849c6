/* lab-schedule.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schedules are closed forms of the epoch (as torch's _get_closed_form_lr), so a run resumed
 * from a checkpoint gets the same rates without replaying history; only PLATEAU carries state,
 * which lives in LabSchedule. Warm-up multiplies whichever rate the schedule gives.
 */
#define G_LOG_DOMAIN "lab-schedule"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-error.h"
#include "lab-schedule.h"

static const struct
{
  const char *name;
  const char *label;
  const char *blurb;
} schedule_info[LAB_SCHEDULE_N_KINDS] = {
  [LAB_SCHEDULE_CONSTANT] = {
    "constant", N_("Constant"),
    N_("The learning rate stays the same for the whole run. The simplest choice, and usually "
       "enough with Adam."),
  },
  [LAB_SCHEDULE_STEP] = {
    "step", N_("Step decay"),
    N_("Multiplies the learning rate by gamma (0.1) every few epochs. Large steps early, fine "
       "tuning later; the classic schedule for SGD with momentum."),
  },
  [LAB_SCHEDULE_EXPONENTIAL] = {
    "exponential", N_("Exponential decay"),
    N_("Multiplies the learning rate by gamma (0.95) after every epoch: a smooth, steady "
       "decrease."),
  },
  [LAB_SCHEDULE_COSINE] = {
    "cosine", N_("Cosine annealing"),
    N_("Lowers the learning rate along half a cosine wave from its start value to the minimum "
       "over the run: slow at first, fast in the middle, gentle at the end. Works well when "
       "the number of epochs is known."),
  },
  [LAB_SCHEDULE_PLATEAU] = {
    "plateau", N_("Reduce on plateau"),
    N_("Multiplies the learning rate by gamma (0.1) when the validation loss has not improved "
       "for a number of epochs (patience). Adapts to the run; needs validation data."),
  },
};

void
lab_schedule_config_defaults (LabScheduleConfig *config,
                              LabScheduleKind    kind)
{
  g_return_if_fail (config != NULL);
  g_return_if_fail (kind < LAB_SCHEDULE_N_KINDS);

  memset (config, 0, sizeof *config);
  config->kind = kind;
  config->gamma = kind == LAB_SCHEDULE_EXPONENTIAL ? 0.95f : 0.1f;
  config->step_epochs = 10;
  config->min_lr = 0.0f;
  /* torch's ReduceLROnPlateau: patience 10, threshold 1e-4 */
  config->patience = 10;
  config->min_delta = 1e-4f;
  config->warmup_epochs = 0;
}

gboolean
lab_schedule_config_check (const LabScheduleConfig  *config,
                           GError                  **error)
{
  const char *name;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (config->kind >= LAB_SCHEDULE_N_KINDS)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                   _("Unknown learning-rate schedule number %d; choose constant, step, "
                     "exponential, cosine or plateau"),
                   (int) config->kind);
      return FALSE;
    }
  name = _(schedule_info[config->kind].label);

  switch (config->kind)
    {
    case LAB_SCHEDULE_STEP:
      if (config->step_epochs == 0)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                       _("%s: the step size must be at least 1 epoch; a typical value is 10"),
                       name);
          return FALSE;
        }
      G_GNUC_FALLTHROUGH;
    case LAB_SCHEDULE_EXPONENTIAL:
      if (!(config->gamma > 0.0f && config->gamma <= 1.0f))
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                       _("%s: gamma is %g, but it must be greater than 0 and at most 1; "
                         "a typical value is %g"),
                       name, config->gamma,
                       config->kind == LAB_SCHEDULE_EXPONENTIAL ? 0.95 : 0.1);
          return FALSE;
        }
      return TRUE;

    case LAB_SCHEDULE_PLATEAU:
      /* A factor of 1 would never reduce anything; torch refuses it as well. */
      if (!(config->gamma > 0.0f && config->gamma < 1.0f))
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                       _("%s: gamma is %g, but it must be greater than 0 and less than 1; "
                         "a typical value is 0.1"),
                       name, config->gamma);
          return FALSE;
        }
      if (!(config->min_delta >= 0.0f && isfinite (config->min_delta)))
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                       _("%s: the minimum improvement is %g, but it must be 0 or a positive "
                         "number; a typical value is 0.0001"),
                       name, config->min_delta);
          return FALSE;
        }
      G_GNUC_FALLTHROUGH;
    case LAB_SCHEDULE_COSINE:
      if (!(config->min_lr >= 0.0f && isfinite (config->min_lr)))
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                       _("%s: the minimum learning rate is %g, but it must be 0 or a positive "
                         "number"),
                       name, config->min_lr);
          return FALSE;
        }
      return TRUE;

    case LAB_SCHEDULE_CONSTANT:
      return TRUE;

    case LAB_SCHEDULE_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

void
lab_schedule_init (LabSchedule             *self,
                   const LabScheduleConfig *config,
                   guint                    total_epochs,
                   guint                    steps_per_epoch)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (config != NULL);

  memset (self, 0, sizeof *self);
  self->config = *config;
  self->total_epochs = total_epochs;
  self->steps_per_epoch = steps_per_epoch;
  self->plateau_factor = 1.0f;
  self->plateau_best = INFINITY;
  self->plateau_bad_epochs = 0;
}

float
lab_schedule_lr (const LabSchedule *self,
                 float              base_lr,
                 guint              epoch,
                 guint              step)
{
  const LabScheduleConfig *c;
  double lr;

  g_return_val_if_fail (self != NULL, base_lr);

  c = &self->config;
  switch (c->kind)
    {
    case LAB_SCHEDULE_CONSTANT:
      lr = base_lr;
      break;

    case LAB_SCHEDULE_STEP:
      lr = base_lr * pow (c->gamma, (double) (epoch / MAX (c->step_epochs, 1)));
      break;

    case LAB_SCHEDULE_EXPONENTIAL:
      lr = base_lr * pow (c->gamma, (double) epoch);
      break;

    case LAB_SCHEDULE_COSINE:
      {
        double T = MAX (self->total_epochs, 1);

        lr = c->min_lr + (base_lr - c->min_lr) * (1.0 + cos (G_PI * epoch / T)) / 2.0;
      }
      break;

    case LAB_SCHEDULE_PLATEAU:
      /* torch: new_lr = max(lr·factor, min_lr), and never above the start value. */
      lr = base_lr * (double) self->plateau_factor;
      if (self->plateau_factor < 1.0f)
        lr = MIN ((double) base_lr, MAX (lr, (double) c->min_lr));
      break;

    case LAB_SCHEDULE_N_KINDS:
    default:
      g_return_val_if_reached (base_lr);
    }

  if (c->warmup_epochs > 0 && self->steps_per_epoch > 0)
    {
      /* Batch k (0-based, counted over epochs) of W warm-up batches runs at (k + 1)/W. */
      guint64 W = (guint64) c->warmup_epochs * self->steps_per_epoch;
      guint64 k = (guint64) epoch * self->steps_per_epoch + step;

      if (k < W)
        lr *= (double) (k + 1) / (double) W;
    }

  return (float) lr;
}

void
lab_schedule_epoch_end (LabSchedule *self,
                        double       val_loss)
{
  g_return_if_fail (self != NULL);

  if (self->config.kind != LAB_SCHEDULE_PLATEAU)
    return;

  /* torch's ReduceLROnPlateau, mode 'min', threshold_mode 'abs', no cooldown: a NaN loss is
   * never an improvement. */
  if (val_loss < self->plateau_best - self->config.min_delta)
    {
      self->plateau_best = val_loss;
      self->plateau_bad_epochs = 0;
    }
  else
    self->plateau_bad_epochs++;

  if (self->plateau_bad_epochs > self->config.patience)
    {
      self->plateau_factor *= self->config.gamma;
      self->plateau_bad_epochs = 0;
    }
}

const char *
lab_schedule_kind_to_string (LabScheduleKind kind)
{
  g_return_val_if_fail (kind < LAB_SCHEDULE_N_KINDS, NULL);
  return schedule_info[kind].name;
}

gboolean
lab_schedule_kind_from_string (const char      *text,
                               LabScheduleKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < LAB_SCHEDULE_N_KINDS; i++)
    if (g_strcmp0 (text, schedule_info[i].name) == 0)
      {
        *kind = (LabScheduleKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
lab_schedule_kind_label (LabScheduleKind kind)
{
  g_return_val_if_fail (kind < LAB_SCHEDULE_N_KINDS, NULL);
  return _(schedule_info[kind].label);
}

const char *
lab_schedule_kind_blurb (LabScheduleKind kind)
{
  g_return_val_if_fail (kind < LAB_SCHEDULE_N_KINDS, NULL);
  return _(schedule_info[kind].blurb);
}

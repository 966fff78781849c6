/* lab-settings.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-settings"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-error.h"
#include "lab-json-private.h"
#include "lab-settings.h"

#define MAX_BATCH_SIZE   (1u << 20)
#define MAX_EPOCHS       100000u
#define MAX_PATIENCE     100000u
#define MAX_THREADS      256u

void
lab_train_settings_defaults (LabTrainSettings *self)
{
  g_return_if_fail (self != NULL);

  *self = (LabTrainSettings) { 0 };
  self->loss = LAB_LOSS_CROSS_ENTROPY;
  self->huber_delta = 1.0f;
  self->class_weights = LAB_CLASS_WEIGHTS_NONE;
  lab_optimizer_config_defaults (&self->optimizer, LAB_OPTIMIZER_ADAM);
  lab_schedule_config_defaults (&self->schedule, LAB_SCHEDULE_CONSTANT);
  self->init.kind = LAB_INIT_HE_NORMAL;
  /* Only used by constant, uniform and normal: Keras' 0.05 for the last two. */
  self->init.value = 0.05f;
  self->batch_size = 32;
  self->epochs = 20;
  self->shuffle = TRUE;
  self->seed = 1;
  self->val_fraction = 0.2;
  self->test_fraction = 0.1;
  self->scaling = LAB_SCALING_ZSCORE;
  self->early_stopping = FALSE;
  self->early_metric = LAB_METRIC_VAL_LOSS;
  self->patience = 5;
  self->min_delta = 0.0;
  self->restore_best = TRUE;
  self->threads = 0;
}

static gboolean
fail (GError    **error,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError    **error,
      const char *format,
      ...)
{
  GError *e;
  va_list args;

  va_start (args, format);
  e = g_error_new_valist (LAB_ERROR, LAB_ERROR_INVALID_PARAM, format, args);
  va_end (args);
  g_propagate_error (error, e);
  return FALSE;
}

gboolean
lab_train_settings_check (const LabTrainSettings  *self,
                          GError                 **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if ((guint) self->loss >= LAB_LOSS_N_KINDS)
    return fail (error, _("The loss function is unknown (number %d)"), (int) self->loss);
  if (self->loss == LAB_LOSS_HUBER && !(isfinite (self->huber_delta) && self->huber_delta > 0))
    return fail (error, _("Huber delta must be a number greater than 0, not %g"),
                 (double) self->huber_delta);
  if ((guint) self->class_weights > LAB_CLASS_WEIGHTS_BALANCED)
    return fail (error, _("Class weighting must be none or balanced"));
  if ((guint) self->optimizer.kind >= LAB_OPTIMIZER_N_KINDS)
    return fail (error, _("The optimizer is unknown (number %d)"), (int) self->optimizer.kind);
  if (!lab_optimizer_config_check (&self->optimizer, error))
    return FALSE;
  if ((guint) self->schedule.kind >= LAB_SCHEDULE_N_KINDS)
    return fail (error, _("The learning-rate schedule is unknown (number %d)"),
                 (int) self->schedule.kind);
  if (!lab_schedule_config_check (&self->schedule, error))
    return FALSE;
  if ((guint) self->init.kind >= LAB_INIT_N_KINDS)
    return fail (error, _("The weight initializer is unknown (number %d)"), (int) self->init.kind);
  if (!isfinite (self->init.value) ||
      ((self->init.kind == LAB_INIT_UNIFORM || self->init.kind == LAB_INIT_NORMAL) &&
       self->init.value <= 0))
    return fail (error, _("Initializer value must be a finite number, and greater than 0 for "
                          "uniform and normal initializers, not %g"), (double) self->init.value);
  if (self->batch_size < 1 || self->batch_size > MAX_BATCH_SIZE)
    return fail (error, _("Batch size must be between 1 and %u, not %u"),
                 MAX_BATCH_SIZE, self->batch_size);
  if (self->epochs < 1 || self->epochs > MAX_EPOCHS)
    return fail (error, _("Epochs must be between 1 and %u, not %u"), MAX_EPOCHS, self->epochs);
  if (!(self->val_fraction >= 0 && self->val_fraction < 1))
    return fail (error, _("Validation fraction must be at least 0 and less than 1, not %g"),
                 self->val_fraction);
  if (!(self->test_fraction >= 0 && self->test_fraction < 1))
    return fail (error, _("Test fraction must be at least 0 and less than 1, not %g"),
                 self->test_fraction);
  if (self->val_fraction + self->test_fraction >= 1)
    return fail (error, _("Validation and test fractions must add up to less than 1, so that "
                          "data is left for training (they are %g and %g)"),
                 self->val_fraction, self->test_fraction);
  if ((guint) self->scaling > LAB_SCALING_ZSCORE)
    return fail (error, _("Scaling must be none, minmax or zscore"));
  if ((guint) self->early_metric > LAB_METRIC_VAL_ACCURACY)
    return fail (error, _("The early-stopping metric must be val-loss or val-accuracy"));
  if (self->patience < 1 || self->patience > MAX_PATIENCE)
    return fail (error, _("Early-stopping patience must be between 1 and %u epochs, not %u"),
                 MAX_PATIENCE, self->patience);
  if (!(isfinite (self->min_delta) && self->min_delta >= 0))
    return fail (error, _("Early-stopping minimum improvement must be 0 or more, not %g"),
                 self->min_delta);
  if (self->threads > MAX_THREADS)
    return fail (error, _("Threads must be between 0 (all cores) and %u, not %u"),
                 MAX_THREADS, self->threads);
  return TRUE;
}

const char *
lab_metric_kind_to_string (LabMetricKind kind)
{
  switch (kind)
    {
    case LAB_METRIC_VAL_LOSS:     return "val-loss";
    case LAB_METRIC_VAL_ACCURACY: return "val-accuracy";
    default:                      return NULL;
    }
}

gboolean
lab_metric_kind_from_string (const char    *text,
                             LabMetricKind *kind)
{
  for (int i = LAB_METRIC_VAL_LOSS; i <= LAB_METRIC_VAL_ACCURACY; i++)
    if (g_strcmp0 (text, lab_metric_kind_to_string (i)) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* Enum names through one signature, so that one reader lists the choices of every enum. */
static const char *loss_name (int k)      { return lab_loss_kind_to_string (k); }
static const char *optimizer_name (int k) { return lab_optimizer_kind_to_string (k); }
static const char *schedule_name (int k)  { return lab_schedule_kind_to_string (k); }
static const char *init_name (int k)      { return lab_init_kind_to_string (k); }
static const char *scaling_name (int k)   { return lab_scaling_kind_to_string (k); }
static const char *metric_name (int k)    { return lab_metric_kind_to_string (k); }

static const char *
class_weights_name (int k)
{
  return k == LAB_CLASS_WEIGHTS_NONE ? "none" : k == LAB_CLASS_WEIGHTS_BALANCED ? "balanced" : NULL;
}

static void
add_float (JsonBuilder *b,
           const char  *key,
           float        value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_double_value (b, lab_json_float (value));
}

static void
add_double (JsonBuilder *b,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_double_value (b, value);
}

static void
add_int (JsonBuilder *b,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

static void
add_bool (JsonBuilder *b,
          const char  *key,
          gboolean     value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_boolean_value (b, value);
}

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
}

JsonNode *
lab_train_settings_to_json (const LabTrainSettings *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const LabOptimizerConfig *opt = &self->optimizer;
  const LabScheduleConfig *sched = &self->schedule;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (b);
  add_string (b, "loss", lab_loss_kind_to_string (self->loss));
  add_float (b, "huber-delta", self->huber_delta);
  add_string (b, "class-weights", class_weights_name (self->class_weights));

  json_builder_set_member_name (b, "optimizer");
  json_builder_begin_object (b);
  add_string (b, "kind", lab_optimizer_kind_to_string (opt->kind));
  add_float (b, "lr", opt->lr);
  add_float (b, "momentum", opt->momentum);
  add_bool (b, "nesterov", opt->nesterov);
  add_float (b, "beta1", opt->beta1);
  add_float (b, "beta2", opt->beta2);
  add_float (b, "rho", opt->rho);
  add_float (b, "eps", opt->eps);
  add_float (b, "weight-decay", opt->weight_decay);
  add_float (b, "l1", opt->l1);
  add_float (b, "l2", opt->l2);
  add_float (b, "clip-value", opt->clip_value);
  add_float (b, "clip-norm", opt->clip_norm);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "schedule");
  json_builder_begin_object (b);
  add_string (b, "kind", lab_schedule_kind_to_string (sched->kind));
  add_float (b, "gamma", sched->gamma);
  add_int (b, "step-epochs", sched->step_epochs);
  add_float (b, "min-lr", sched->min_lr);
  add_int (b, "patience", sched->patience);
  add_float (b, "min-delta", sched->min_delta);
  add_int (b, "warmup-epochs", sched->warmup_epochs);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "init");
  json_builder_begin_object (b);
  add_string (b, "kind", lab_init_kind_to_string (self->init.kind));
  add_float (b, "value", self->init.value);
  json_builder_end_object (b);

  add_int (b, "batch-size", self->batch_size);
  add_int (b, "epochs", self->epochs);
  add_bool (b, "shuffle", self->shuffle);
  /* Seeds above 2⁶³ wrap to negative numbers, which the reader wraps back. */
  add_int (b, "seed", (gint64) self->seed);
  add_double (b, "validation-fraction", self->val_fraction);
  add_double (b, "test-fraction", self->test_fraction);
  add_string (b, "scaling", lab_scaling_kind_to_string (self->scaling));
  add_bool (b, "reconstruct", self->reconstruct);

  json_builder_set_member_name (b, "early-stopping");
  json_builder_begin_object (b);
  add_bool (b, "enabled", self->early_stopping);
  add_string (b, "metric", lab_metric_kind_to_string (self->early_metric));
  add_int (b, "patience", self->patience);
  add_double (b, "min-delta", self->min_delta);
  add_bool (b, "restore-best", self->restore_best);
  json_builder_end_object (b);

  add_int (b, "threads", self->threads);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* "optimizer": "sgd" is short for { "kind": "sgd" }. Reading a kind resets the other fields to
 * that kind's defaults first, so a file that only names SGD gets SGD's learning rate. */
static gboolean
read_kind_object (JsonObject  *parent,
                  const char  *key,
                  JsonObject **obj,
                  char       **path,
                  GError     **error)
{
  JsonNode *node = lab_json_member (parent, key);

  *obj = NULL;
  *path = NULL;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *path = g_strdup ("training");
      *obj = json_object_ref (parent);
      return TRUE;
    }
  if (!lab_json_read_object (parent, "training", key, obj, error))
    return FALSE;
  *obj = json_object_ref (*obj);
  *path = g_strconcat ("training.", key, NULL);
  return TRUE;
}

static gboolean
read_optimizer (JsonObject          *training,
                LabOptimizerConfig  *opt,
                GError             **error)
{
  g_autoptr(JsonObject) obj = NULL;
  g_autofree char *path = NULL;
  gboolean shorthand;
  int kind = opt->kind;

  if (!read_kind_object (training, "optimizer", &obj, &path, error))
    return FALSE;
  if (obj == NULL)
    return TRUE;
  shorthand = (obj == training);
  if (!lab_json_read_enum (obj, path, shorthand ? "optimizer" : "kind", _("optimizer"),
                           optimizer_name, LAB_OPTIMIZER_N_KINDS, &kind, error))
    return FALSE;
  lab_optimizer_config_defaults (opt, kind);
  if (shorthand)
    return TRUE;
  return lab_json_read_float (obj, path, "lr", &opt->lr, error) &&
         lab_json_read_float (obj, path, "momentum", &opt->momentum, error) &&
         lab_json_read_bool (obj, path, "nesterov", &opt->nesterov, error) &&
         lab_json_read_float (obj, path, "beta1", &opt->beta1, error) &&
         lab_json_read_float (obj, path, "beta2", &opt->beta2, error) &&
         lab_json_read_float (obj, path, "rho", &opt->rho, error) &&
         lab_json_read_float (obj, path, "eps", &opt->eps, error) &&
         lab_json_read_float (obj, path, "weight-decay", &opt->weight_decay, error) &&
         lab_json_read_float (obj, path, "l1", &opt->l1, error) &&
         lab_json_read_float (obj, path, "l2", &opt->l2, error) &&
         lab_json_read_float (obj, path, "clip-value", &opt->clip_value, error) &&
         lab_json_read_float (obj, path, "clip-norm", &opt->clip_norm, error);
}

static gboolean
read_schedule (JsonObject         *training,
               LabScheduleConfig  *sched,
               GError            **error)
{
  g_autoptr(JsonObject) obj = NULL;
  g_autofree char *path = NULL;
  gboolean shorthand;
  int kind = sched->kind;

  if (!read_kind_object (training, "schedule", &obj, &path, error))
    return FALSE;
  if (obj == NULL)
    return TRUE;
  shorthand = (obj == training);
  if (!lab_json_read_enum (obj, path, shorthand ? "schedule" : "kind", _("schedule"),
                           schedule_name, LAB_SCHEDULE_N_KINDS, &kind, error))
    return FALSE;
  lab_schedule_config_defaults (sched, kind);
  if (shorthand)
    return TRUE;
  return lab_json_read_float (obj, path, "gamma", &sched->gamma, error) &&
         lab_json_read_uint (obj, path, "step-epochs", &sched->step_epochs, error) &&
         lab_json_read_float (obj, path, "min-lr", &sched->min_lr, error) &&
         lab_json_read_uint (obj, path, "patience", &sched->patience, error) &&
         lab_json_read_float (obj, path, "min-delta", &sched->min_delta, error) &&
         lab_json_read_uint (obj, path, "warmup-epochs", &sched->warmup_epochs, error);
}

static gboolean
read_init (JsonObject  *training,
           LabInit     *init,
           GError     **error)
{
  g_autoptr(JsonObject) obj = NULL;
  g_autofree char *path = NULL;
  gboolean shorthand;
  int kind = init->kind;

  if (!read_kind_object (training, "init", &obj, &path, error))
    return FALSE;
  if (obj == NULL)
    return TRUE;
  shorthand = (obj == training);
  if (!lab_json_read_enum (obj, path, shorthand ? "init" : "kind", _("initializer"),
                           init_name, LAB_INIT_N_KINDS, &kind, error))
    return FALSE;
  init->kind = kind;
  return shorthand || lab_json_read_float (obj, path, "value", &init->value, error);
}

static gboolean
read_early_stopping (JsonObject        *training,
                     LabTrainSettings  *s,
                     GError           **error)
{
  const char *path = "training.early-stopping";
  JsonObject *obj;
  int metric = s->early_metric;

  if (!lab_json_read_object (training, "training", "early-stopping", &obj, error))
    return FALSE;
  if (obj == NULL)
    return TRUE;
  if (!lab_json_read_bool (obj, path, "enabled", &s->early_stopping, error) ||
      !lab_json_read_enum (obj, path, "metric", _("metric"), metric_name,
                           LAB_METRIC_VAL_ACCURACY + 1, &metric, error) ||
      !lab_json_read_uint (obj, path, "patience", &s->patience, error) ||
      !lab_json_read_double (obj, path, "min-delta", &s->min_delta, error) ||
      !lab_json_read_bool (obj, path, "restore-best", &s->restore_best, error))
    return FALSE;
  s->early_metric = metric;
  return TRUE;
}

gboolean
lab_train_settings_from_json (LabTrainSettings  *self,
                              JsonNode          *node,
                              GError           **error)
{
  const char *path = "training";
  LabTrainSettings s;
  JsonObject *obj;
  int loss, class_weights, scaling;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE, _("%s: expected an object, not %s"),
                   path, lab_json_describe_node (node));
      return FALSE;
    }
  obj = json_node_get_object (node);
  lab_train_settings_defaults (&s);
  loss = s.loss;
  class_weights = s.class_weights;
  scaling = s.scaling;

  if (!lab_json_read_enum (obj, path, "loss", _("loss"), loss_name, LAB_LOSS_N_KINDS, &loss, error) ||
      !lab_json_read_float (obj, path, "huber-delta", &s.huber_delta, error) ||
      !lab_json_read_enum (obj, path, "class-weights", _("class weighting"), class_weights_name,
                           LAB_CLASS_WEIGHTS_BALANCED + 1, &class_weights, error) ||
      !read_optimizer (obj, &s.optimizer, error) ||
      !read_schedule (obj, &s.schedule, error) ||
      !read_init (obj, &s.init, error) ||
      !lab_json_read_uint (obj, path, "batch-size", &s.batch_size, error) ||
      !lab_json_read_uint (obj, path, "epochs", &s.epochs, error) ||
      !lab_json_read_bool (obj, path, "shuffle", &s.shuffle, error) ||
      !lab_json_read_bool (obj, path, "reconstruct", &s.reconstruct, error) ||
      !lab_json_read_double (obj, path, "validation-fraction", &s.val_fraction, error) ||
      !lab_json_read_double (obj, path, "test-fraction", &s.test_fraction, error) ||
      !lab_json_read_enum (obj, path, "scaling", _("scaling"), scaling_name,
                           LAB_SCALING_ZSCORE + 1, &scaling, error) ||
      !read_early_stopping (obj, &s, error) ||
      !lab_json_read_uint (obj, path, "threads", &s.threads, error))
    return FALSE;
  s.loss = loss;
  s.class_weights = class_weights;
  s.scaling = scaling;

  if (lab_json_member (obj, "seed") != NULL)
    {
      JsonNode *seed = lab_json_member (obj, "seed");

      if (!JSON_NODE_HOLDS_VALUE (seed) || json_node_get_value_type (seed) != G_TYPE_INT64)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE, _("%s.%s: expected %s, not %s"),
                       path, "seed", _("a whole number"), lab_json_describe_node (seed));
          return FALSE;
        }
      s.seed = (guint64) json_node_get_int (seed);
    }

  if (!lab_train_settings_check (&s, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  *self = s;
  return TRUE;
}

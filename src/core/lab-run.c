/* lab-run.c: recording a training run: its curves, its outcome, its settings as table rows
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-run"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-error.h"
#include "lab-run.h"

LabRun *
lab_run_new (const char             *name,
             const LabTrainSettings *settings,
             const LabDataRef       *data)
{
  LabRun *self;

  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  self = g_new0 (LabRun, 1);
  self->name = g_strdup (name != NULL ? name : "");
  self->started = g_date_time_new_now_utc ();
  self->settings = *settings;
  lab_data_ref_copy (&self->data, data);
  self->epochs = g_array_new (FALSE, FALSE, sizeof (LabRunEpoch));
  self->batch_x = g_array_new (FALSE, FALSE, sizeof (double));
  self->batch_loss = g_array_new (FALSE, FALSE, sizeof (double));
  self->batch_stride = 1;
  self->test_loss = NAN;
  self->test_accuracy = NAN;
  self->end = LAB_RUN_RUNNING;
  return self;
}

void
lab_run_free (LabRun *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_clear_pointer (&self->started, g_date_time_unref);
  lab_data_ref_clear (&self->data);
  g_array_unref (self->epochs);
  g_array_unref (self->batch_x);
  g_array_unref (self->batch_loss);
  g_free (self->end_reason);
  g_free (self);
}

/* Halves the stored batch curve by averaging neighbours, so it never outgrows the limit: each
 * point then stands for twice as many batches. */
static void
merge_batches (LabRun *self)
{
  double *x = (double *) (void *) self->batch_x->data;
  double *y = (double *) (void *) self->batch_loss->data;
  guint n = self->batch_x->len / 2;

  for (guint i = 0; i < n; i++)
    {
      x[i] = (x[2 * i] + x[2 * i + 1]) / 2;
      y[i] = (y[2 * i] + y[2 * i + 1]) / 2;
    }
  g_array_set_size (self->batch_x, n);
  g_array_set_size (self->batch_loss, n);
  self->batch_stride *= 2;
}

void
lab_run_add_point (LabRun              *self,
                   const LabTrainPoint *point)
{
  double x;

  g_return_if_fail (self != NULL);
  g_return_if_fail (point != NULL);

  /* Epochs count across all runs of a trainer ("Train again"); a run counts from 1. */
  if (!self->has_first)
    {
      self->first_epoch = point->epoch > 0 ? point->epoch - 1 : 0;
      self->has_first = TRUE;
    }
  if (point->end_of_epoch)
    {
      LabRunEpoch e = {
        .epoch = point->epoch - self->first_epoch,
        .loss = point->loss, .accuracy = point->accuracy,
        .val_loss = point->val_loss, .val_accuracy = point->val_accuracy, .lr = point->lr,
      };

      g_array_append_val (self->epochs, e);
      return;
    }
  if (!isfinite (point->loss) || point->n_batches == 0)
    return;
  x = (point->epoch - self->first_epoch - 1) + (double) point->batch / point->n_batches;
  self->pending_x += x;
  self->pending_loss += point->loss;
  if (++self->pending_n < self->batch_stride)
    return;
  x = self->pending_x / self->pending_n;
  g_array_append_val (self->batch_x, x);
  x = self->pending_loss / self->pending_n;
  g_array_append_val (self->batch_loss, x);
  self->pending_n = 0;
  self->pending_x = self->pending_loss = 0;
  if (self->batch_x->len >= LAB_RUN_MAX_BATCH_POINTS)
    merge_batches (self);
}

gsize
lab_run_get_batches (const LabRun  *self,
                     double       **x,
                     double       **loss)
{
  gsize n;

  g_return_val_if_fail (self != NULL && x != NULL && loss != NULL, 0);

  n = self->batch_x->len + (self->pending_n > 0);
  *x = g_new (double, MAX (n, 1));
  *loss = g_new (double, MAX (n, 1));
  if (self->batch_x->len > 0)
    {
      memcpy (*x, self->batch_x->data, self->batch_x->len * sizeof (double));
      memcpy (*loss, self->batch_loss->data, self->batch_x->len * sizeof (double));
    }
  if (self->pending_n > 0)
    {
      (*x)[n - 1] = self->pending_x / self->pending_n;
      (*loss)[n - 1] = self->pending_loss / self->pending_n;
    }
  return n;
}

void
lab_run_finish (LabRun       *self,
                const GError *error,
                double        duration)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->end_reason, g_free);
  self->duration = duration;
  if (error == NULL)
    self->end = self->settings.early_stopping && self->epochs->len < self->settings.epochs
                ? LAB_RUN_EARLY_STOPPED : LAB_RUN_COMPLETED;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->end = LAB_RUN_STOPPED;
  else
    {
      self->end = g_error_matches (error, LAB_ERROR, LAB_ERROR_DIVERGED) ? LAB_RUN_DIVERGED
                                                                         : LAB_RUN_FAILED;
      self->end_reason = g_strdup (error->message);
    }
}

void
lab_run_set_test (LabRun *self,
                  double  loss,
                  double  accuracy)
{
  g_return_if_fail (self != NULL);
  self->test_loss = loss;
  self->test_accuracy = accuracy;
}

const LabRunEpoch *
lab_run_get_last_epoch (const LabRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->epochs->len == 0)
    return NULL;
  return &g_array_index (self->epochs, LabRunEpoch, self->epochs->len - 1);
}

static const char * const end_names[LAB_RUN_N_ENDS] = {
  "running", "completed", "stopped", "early-stopped", "diverged", "failed",
};

const char *
lab_run_end_to_string (LabRunEnd end)
{
  g_return_val_if_fail ((guint) end < LAB_RUN_N_ENDS, NULL);
  return end_names[end];
}

gboolean
lab_run_end_from_string (const char *text,
                         LabRunEnd  *end)
{
  g_return_val_if_fail (end != NULL, FALSE);

  for (guint i = 0; i < LAB_RUN_N_ENDS && text != NULL; i++)
    if (g_ascii_strcasecmp (text, end_names[i]) == 0)
      {
        *end = (LabRunEnd) i;
        return TRUE;
      }
  return FALSE;
}

char *
lab_run_describe_end (const LabRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->end)
    {
    case LAB_RUN_RUNNING:
      return g_strdup (_("Running"));
    case LAB_RUN_COMPLETED:
      return g_strdup (_("Completed"));
    case LAB_RUN_STOPPED:
      return g_strdup (_("Stopped"));
    case LAB_RUN_EARLY_STOPPED:
      return g_strdup (_("Stopped early"));
    case LAB_RUN_DIVERGED:
      return self->end_reason != NULL ? g_strdup_printf (_("Diverged: %s"), self->end_reason)
                                      : g_strdup (_("Diverged"));
    case LAB_RUN_FAILED:
    default:
      return self->end_reason != NULL ? g_strdup_printf (_("Failed: %s"), self->end_reason)
                                      : g_strdup (_("Failed"));
    }
}

static char *
numbered_name (guint number)
{
  /* Translators: the name of a new training run; %u is its number. */
  return g_strdup_printf (_("Run %u"), number);
}

char *
lab_run_next_name (GPtrArray *runs)
{
  g_autofree char *pattern = numbered_name (987654321);
  const char *mark = strstr (pattern, "987654321");
  gsize prefix, suffix;
  guint highest = 0;

  /* "Run 7" in whatever language: the text around the number must match. A translation that
   * writes numbers its own way can only be counted. */
  if (mark == NULL)
    return numbered_name (runs != NULL ? runs->len + 1 : 1);
  prefix = mark - pattern;
  suffix = strlen (mark + 9);
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      const char *name = ((LabRun *) g_ptr_array_index (runs, i))->name;
      gsize len = strlen (name);
      guint64 number;
      char *end;

      if (len <= prefix + suffix || strncmp (name, pattern, prefix) != 0 ||
          strcmp (name + len - suffix, mark + 9) != 0 || !g_ascii_isdigit (name[prefix]))
        continue;
      number = g_ascii_strtoull (name + prefix, &end, 10);
      if (end == name + len - suffix && number < G_MAXUINT)
        highest = MAX (highest, (guint) number);
    }
  return numbered_name (highest + 1);
}

/* The settings table. */

static const struct { const char *key; const char *label; } row_labels[] = {
  { "dataset", N_("Dataset") },
  { "loss", N_("Loss function") },
  { "huber-delta", N_("Huber δ") },
  { "class-weights", N_("Class weights") },
  { "optimizer.kind", N_("Optimizer") },
  { "optimizer.lr", N_("Learning rate") },
  { "optimizer.momentum", N_("Momentum") },
  { "optimizer.nesterov", N_("Nesterov momentum") },
  { "optimizer.beta1", N_("Adam β₁") },
  { "optimizer.beta2", N_("Adam β₂") },
  { "optimizer.rho", N_("RMSProp decay ρ") },
  { "optimizer.eps", N_("Optimizer ε") },
  { "optimizer.weight-decay", N_("Weight decay") },
  { "optimizer.l1", N_("L1 penalty") },
  { "optimizer.l2", N_("L2 penalty") },
  { "optimizer.clip-value", N_("Clip gradient values at") },
  { "optimizer.clip-norm", N_("Clip gradient norm at") },
  { "schedule.kind", N_("Learning-rate schedule") },
  { "schedule.gamma", N_("Schedule factor γ") },
  { "schedule.step-epochs", N_("Epochs per step") },
  { "schedule.min-lr", N_("Lowest learning rate") },
  { "schedule.patience", N_("Schedule patience") },
  { "schedule.min-delta", N_("Schedule minimum change") },
  { "schedule.warmup-epochs", N_("Warm-up epochs") },
  { "init.kind", N_("Weight initialization") },
  { "init.value", N_("Initial value") },
  { "batch-size", N_("Batch size") },
  { "epochs", N_("Epochs") },
  { "shuffle", N_("Shuffle") },
  { "seed", N_("Seed") },
  { "validation-fraction", N_("Validation fraction") },
  { "test-fraction", N_("Test fraction") },
  { "scaling", N_("Input scaling") },
  { "reconstruct", N_("Reconstruct inputs") },
  { "early-stopping.enabled", N_("Early stopping") },
  { "early-stopping.metric", N_("Early-stopping metric") },
  { "early-stopping.patience", N_("Early-stopping patience") },
  { "early-stopping.min-delta", N_("Early-stopping minimum change") },
  { "early-stopping.restore-best", N_("Restore best weights") },
  { "threads", N_("Threads") },
};

void
lab_run_row_free (LabRunRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row->label);
  g_free (row->value);
  g_free (row);
}

static void
add_row (GPtrArray  *rows,
         const char *key,
         char       *value)
{
  LabRunRow *row = g_new0 (LabRunRow, 1);

  row->key = g_strdup (key);
  row->label = g_strdup (key);
  for (guint i = 0; i < G_N_ELEMENTS (row_labels); i++)
    if (g_str_equal (row_labels[i].key, key))
      {
        g_free (row->label);
        row->label = g_strdup (_(row_labels[i].label));
        break;
      }
  row->value = value;
  g_ptr_array_add (rows, row);
}

static char *
value_text (JsonNode *node)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("–");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      /* Settings are floats: seven digits say all they hold, without 0.0010000000474974513. */
      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.7g", json_node_get_double (node)));
    default:
      return g_strdup (json_node_get_string (node));
    }
}

static void
flatten (GPtrArray  *rows,
         JsonObject *obj,
         const char *prefix)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (obj, name);
      g_autofree char *key = prefix != NULL ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);

      if (JSON_NODE_HOLDS_OBJECT (node))
        flatten (rows, json_node_get_object (node), key);
      else if (JSON_NODE_HOLDS_VALUE (node) || JSON_NODE_HOLDS_NULL (node))
        add_row (rows, key, value_text (node));
    }
}

GPtrArray *
lab_run_settings_rows (const LabRun *self)
{
  g_autoptr(JsonNode) settings = NULL;
  GPtrArray *rows;

  g_return_val_if_fail (self != NULL, NULL);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_run_row_free);
  add_row (rows, "dataset", lab_data_ref_describe (&self->data));
  settings = lab_train_settings_to_json (&self->settings);
  if (JSON_NODE_HOLDS_OBJECT (settings))
    flatten (rows, json_node_get_object (settings), NULL);
  return rows;
}

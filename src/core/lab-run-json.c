/* lab-run-json.c: a training run as JSON and back (see lab-run.h for the layout)
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-run"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-error.h"
#include "lab-json-private.h"
#include "lab-run.h"

static void
add_number (JsonBuilder *b,
            double       value)
{
  /* JSON has no NaN: a figure that does not exist is null. */
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* Curves at float precision: seven digits are more than a chart shows, and half as many
 * characters keep a project with many runs small. */
static void
add_array (JsonBuilder  *b,
           const char   *name,
           const double *values,
           gsize         n,
           gsize         stride)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (gsize i = 0; i < n; i++)
    add_number (b, lab_json_float ((float) values[i * stride]));
  json_builder_end_array (b);
}

JsonNode *
lab_run_to_json (const LabRun *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *started = NULL;
  g_autofree double *bx = NULL, *by = NULL;
  const LabRunEpoch *e;
  gsize n_batches;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, self->name);
  started = g_date_time_format_iso8601 (self->started);
  json_builder_set_member_name (b, "started");
  json_builder_add_string_value (b, started);
  json_builder_set_member_name (b, "duration");
  add_number (b, self->duration);
  json_builder_set_member_name (b, "end");
  json_builder_add_string_value (b, lab_run_end_to_string (self->end));
  if (self->end_reason != NULL)
    {
      json_builder_set_member_name (b, "end-reason");
      json_builder_add_string_value (b, self->end_reason);
    }
  json_builder_set_member_name (b, "training");
  json_builder_add_value (b, lab_train_settings_to_json (&self->settings));
  json_builder_set_member_name (b, "dataset");
  json_builder_add_value (b, lab_data_ref_to_json (&self->data));

  e = (const LabRunEpoch *) (const void *) self->epochs->data;
  n = self->epochs->len;
  json_builder_set_member_name (b, "epochs");
  json_builder_begin_object (b);
  add_array (b, "epoch", &e->epoch, n, sizeof (LabRunEpoch) / sizeof (double));
  add_array (b, "loss", &e->loss, n, sizeof (LabRunEpoch) / sizeof (double));
  add_array (b, "accuracy", &e->accuracy, n, sizeof (LabRunEpoch) / sizeof (double));
  add_array (b, "val-loss", &e->val_loss, n, sizeof (LabRunEpoch) / sizeof (double));
  add_array (b, "val-accuracy", &e->val_accuracy, n, sizeof (LabRunEpoch) / sizeof (double));
  add_array (b, "lr", &e->lr, n, sizeof (LabRunEpoch) / sizeof (double));
  json_builder_end_object (b);

  n_batches = lab_run_get_batches (self, &bx, &by);
  json_builder_set_member_name (b, "batches");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "per-point");
  json_builder_add_int_value (b, self->batch_stride);
  add_array (b, "epoch", bx, n_batches, 1);
  add_array (b, "loss", by, n_batches, 1);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "test");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "loss");
  add_number (b, self->test_loss);
  json_builder_set_member_name (b, "accuracy");
  add_number (b, self->test_accuracy);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (LAB_ERROR, LAB_ERROR_INVALID_FILE, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
read_number (JsonNode   *node,
             const char *path,
             double     *out,
             GError    **error)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = NAN;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
                                       json_node_get_value_type (node) == G_TYPE_INT64))
    {
      *out = json_node_get_double (node);
      return TRUE;
    }
  return invalid (error, _("%s: expected a number or null, not %s"), path,
                  lab_json_describe_node (node));
}

/* A list of numbers (null for NaN) into out[i * stride] for i < *n; *n is the list's length on
 * the first call (*n == G_MAXSIZE) and must match it afterwards. A missing list is all NaN. */
static gboolean
read_array (JsonObject *obj,
            const char *path,
            const char *key,
            const char *first_key,
            double     *out,
            gsize       stride,
            gsize      *n,
            GError    **error)
{
  g_autofree char *where = g_strdup_printf ("%s.%s", path, key);
  JsonNode *node = lab_json_member (obj, key);
  JsonArray *array;

  if (node == NULL)
    {
      for (gsize i = 0; *n != G_MAXSIZE && i < *n; i++)
        out[i * stride] = NAN;
      return *n != G_MAXSIZE || (*n = 0, TRUE);
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("%s: expected a list of numbers, not %s"), where,
                    lab_json_describe_node (node));
  array = json_node_get_array (node);
  if (*n == G_MAXSIZE)
    *n = json_array_get_length (array);
  else if (json_array_get_length (array) != *n)
    return invalid (error, _("%s has %u values, but %s.%s has %u: the lists must be as long as "
                             "each other"), where, json_array_get_length (array), path,
                    first_key, (guint) *n);
  for (guint i = 0; out != NULL && i < *n; i++)
    {
      g_autofree char *item = g_strdup_printf ("%s[%u]", where, i);

      if (!read_number (json_array_get_element (array, i), item, &out[i * stride], error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_epochs (LabRun     *self,
             JsonObject *root,
             GError    **error)
{
  static const char * const keys[] = { "epoch", "loss", "accuracy", "val-loss", "val-accuracy", "lr" };
  JsonObject *obj = NULL;
  gsize n = G_MAXSIZE;

  if (!lab_json_read_object (root, "run", "epochs", &obj, error))
    return FALSE;
  if (obj == NULL)
    return TRUE;
  /* The first list sets the length, the others must match it. */
  if (!read_array (obj, "epochs", keys[0], keys[0], NULL, 0, &n, error))
    return FALSE;
  if (n > 1000000)
    return invalid (error, _("epochs: %u epochs is more than a run can have"), (guint) n);
  g_array_set_size (self->epochs, n);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    if (!read_array (obj, "epochs", keys[k], keys[0],
                     (double *) (void *) self->epochs->data + k, sizeof (LabRunEpoch) / sizeof (double),
                     &n, error))
      return FALSE;
  return TRUE;
}

static gboolean
read_batches (LabRun     *self,
              JsonObject *root,
              GError    **error)
{
  JsonObject *obj = NULL;
  gsize n = G_MAXSIZE;

  if (!lab_json_read_object (root, "run", "batches", &obj, error))
    return FALSE;
  if (obj == NULL)
    return TRUE;
  if (!lab_json_read_uint (obj, "batches", "per-point", &self->batch_stride, error))
    return FALSE;
  if (self->batch_stride == 0)
    return invalid (error, _("batches.per-point must be at least 1"));
  if (!read_array (obj, "batches", "epoch", "epoch", NULL, 0, &n, error))
    return FALSE;
  if (n > 16 * LAB_RUN_MAX_BATCH_POINTS)
    return invalid (error, _("batches: %u points is more than a run keeps (at most %u)"),
                    (guint) n, 16 * LAB_RUN_MAX_BATCH_POINTS);
  g_array_set_size (self->batch_x, n);
  g_array_set_size (self->batch_loss, n);
  return read_array (obj, "batches", "epoch", "epoch", (double *) (void *) self->batch_x->data, 1,
                     &n, error) &&
         read_array (obj, "batches", "loss", "epoch", (double *) (void *) self->batch_loss->data, 1,
                     &n, error);
}

LabRun *
lab_run_from_json (JsonNode  *node,
                   GError   **error)
{
  g_autoptr(LabRun) self = NULL;
  LabTrainSettings settings;
  LabDataRef data;
  JsonObject *root, *test = NULL;
  JsonNode *member;
  const char *text;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, _("a run must be an object, not %s"), lab_json_describe_node (node));
      return NULL;
    }
  root = json_node_get_object (node);
  lab_train_settings_defaults (&settings);
  lab_data_ref_init (&data);
  self = lab_run_new (NULL, &settings, &data);
  lab_data_ref_clear (&data);

  if (!lab_json_read_string (root, "run", "name", &text, error))
    return NULL;
  g_free (self->name);
  self->name = g_strdup (text != NULL ? text : "");

  if (!lab_json_read_string (root, "run", "started", &text, error))
    return NULL;
  if (text != NULL)
    {
      GDateTime *started = g_date_time_new_from_iso8601 (text, NULL);

      if (started == NULL)
        {
          invalid (error, _("started: “%s” is not a date and time like 2026-11-22T06:30:00Z"), text);
          return NULL;
        }
      g_date_time_unref (self->started);
      self->started = started;
    }
  if (!lab_json_read_double (root, "run", "duration", &self->duration, error))
    return NULL;

  if (!lab_json_read_string (root, "run", "end", &text, error))
    return NULL;
  if (text != NULL && !lab_run_end_from_string (text, &self->end))
    {
      invalid (error, _("end: unknown outcome “%s”; use running, completed, stopped, "
                        "early-stopped, diverged or failed"), text);
      return NULL;
    }
  if (!lab_json_read_string (root, "run", "end-reason", &text, error))
    return NULL;
  self->end_reason = g_strdup (text);

  if ((member = lab_json_member (root, "training")) != NULL &&
      !lab_train_settings_from_json (&self->settings, member, error))
    return NULL;
  if ((member = lab_json_member (root, "dataset")) != NULL &&
      !lab_data_ref_from_json (&self->data, member, error))
    return NULL;
  if (!read_epochs (self, root, error) || !read_batches (self, root, error))
    return NULL;

  if (!lab_json_read_object (root, "run", "test", &test, error))
    return NULL;
  if (test != NULL &&
      (!read_number (lab_json_member (test, "loss"), "test.loss", &self->test_loss, error) ||
       !read_number (lab_json_member (test, "accuracy"), "test.accuracy", &self->test_accuracy,
                     error)))
    return NULL;
  self->has_first = TRUE;
  return g_steal_pointer (&self);
}

/* lab-checkpoint.c: everything needed to resume a run exactly, in one safetensors file
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Besides the weights ("<layer>.<tensor>") the file holds tensors whose names start with "__",
 * which weight loaders skip: the optimizer's buffers ("__optimizer.m"), the epoch's sample order
 * ("__order", indices below 2²⁴ so exact in float32), the weights from before the last step
 * ("__previous") and the best weights for early stopping ("__best"). Counters and random states
 * go in the metadata as text.
 */
#define G_LOG_DOMAIN "lab-trainer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-error.h"
#include "lab-trainer.h"
#include "lab-trainer-private.h"

#define META_PREFIX "layerlab."

static void
set_u64 (LabSafetensors *file,
         const char     *key,
         guint64         value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);

  lab_safetensors_set_meta (file, key, text);
}

static void
set_double (LabSafetensors *file,
            const char     *key,
            double          value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* %.17g round-trips a double exactly. */
  lab_safetensors_set_meta (file, key, g_ascii_formatd (buf, sizeof buf, "%.17g", value));
}

gboolean
lab_trainer_save_checkpoint (LabTrainer  *self,
                             const char  *path,
                             GHashTable  *extra_meta,
                             GError     **error)
{
  g_autoptr(LabSafetensors) file = lab_safetensors_new ();
  g_autofree float *order = NULL;
  g_auto(GStrv) buffer_names = NULL;
  LabNetwork *net = self->net;
  LabShape shape;
  guint n_buffers;

  if (self->train->n >= (1u << 24))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                   _("Checkpoints hold at most 16,777,215 training samples"));
      return FALSE;
    }

  lab_network_put_tensors (net, file);

  n_buffers = lab_optimizer_n_buffers (self->opt);
  buffer_names = g_new0 (char *, n_buffers + 1);
  shape = lab_shape_flat (MAX (net->n_trainable, 1));
  for (guint i = 0; i < n_buffers && net->n_trainable > 0; i++)
    {
      const char *name;
      float *data = lab_optimizer_buffer (self->opt, i, &name);

      buffer_names[i] = g_strconcat ("__optimizer.", name, NULL);
      lab_safetensors_add (file, buffer_names[i], &shape, data);
    }

  order = g_new (float, MAX (self->train->n, 1));
  for (gsize i = 0; i < self->train->n; i++)
    order[i] = (float) self->order[i];
  shape = lab_shape_flat (self->train->n);
  lab_safetensors_add (file, "__order", &shape, order);
  shape = lab_shape_flat (net->n_params + net->n_state);
  if (net->n_params + net->n_state > 0)
    lab_safetensors_add (file, "__previous", &shape, self->previous);
  if (self->best_weights != NULL && net->n_params + net->n_state > 0)
    lab_safetensors_add (file, "__best", &shape, self->best_weights);

  lab_safetensors_set_meta (file, META_PREFIX "format", "layerlab-checkpoint-1");
  set_u64 (file, META_PREFIX "epoch", self->epoch);
  set_u64 (file, META_PREFIX "batch", self->batch);
  set_u64 (file, META_PREFIX "step", lab_optimizer_get_step (self->opt));
  set_u64 (file, META_PREFIX "shuffle-rng", self->shuffle_rng.state);
  set_u64 (file, META_PREFIX "network-rng", net->rng.state);
  set_double (file, META_PREFIX "base-lr", self->base_lr);
  set_double (file, META_PREFIX "epoch-loss-sum", self->epoch_loss_sum);
  set_double (file, META_PREFIX "epoch-correct", self->epoch_correct);
  set_u64 (file, META_PREFIX "epoch-seen", self->epoch_seen);
  set_double (file, META_PREFIX "best-metric", self->best_metric);
  set_u64 (file, META_PREFIX "bad-epochs", self->bad_epochs);
  set_double (file, META_PREFIX "plateau-factor", self->schedule.plateau_factor);
  set_double (file, META_PREFIX "plateau-best", self->schedule.plateau_best);
  set_u64 (file, META_PREFIX "plateau-bad-epochs", self->schedule.plateau_bad_epochs);
  set_u64 (file, META_PREFIX "train-samples", self->train->n);

  if (extra_meta != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, extra_meta);
      while (g_hash_table_iter_next (&iter, &key, &value))
        lab_safetensors_set_meta (file, key, value);
    }

  return lab_safetensors_write (file, path, error);
}

static gboolean
get_u64 (LabSafetensors  *file,
         const char      *display,
         const char      *key,
         guint64         *value,
         GError         **error)
{
  const char *text = lab_safetensors_get_meta (file, key);

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, value, NULL))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE,
                   _("%s: the checkpoint’s “%s” is missing or not a number"), display, key);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_double (LabSafetensors  *file,
            const char      *display,
            const char      *key,
            double          *value,
            GError         **error)
{
  const char *text = lab_safetensors_get_meta (file, key);
  char *end = NULL;

  if (text != NULL)
    *value = g_ascii_strtod (text, &end);
  if (text == NULL || end == text || *end != '\0')
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE,
                   _("%s: the checkpoint’s “%s” is missing or not a number"), display, key);
      return FALSE;
    }
  return TRUE;
}

static const LabSafetensor *
find_flat (LabSafetensors  *file,
           const char      *display,
           const char      *name,
           gsize            size,
           gboolean         required,
           GError         **error)
{
  const LabSafetensor *t = lab_safetensors_find (file, name);

  if (t == NULL && !required)
    return NULL;
  if (t == NULL || lab_shape_size (&t->shape) != size || t->shape.ndim != 1)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_WEIGHTS_MISMATCH,
                   _("%s: the checkpoint’s “%s” is missing or has the wrong size; it was saved "
                     "for another network or dataset"), display, name);
      return NULL;
    }
  return t;
}

gboolean
lab_trainer_load_checkpoint (LabTrainer  *self,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(LabSafetensors) file = lab_safetensors_read (path, error);
  g_autofree char *display = g_filename_display_name (path);
  LabNetwork *net = self->net;
  const LabSafetensor *order, *previous, *best;
  guint64 epoch, batch, step, shuffle_rng, net_rng, seen, bad, plateau_bad, n_train;
  double base_lr, loss_sum, correct, best_metric, plateau_factor, plateau_best;
  guint n_buffers;

  if (file == NULL)
    return FALSE;
  if (g_strcmp0 (lab_safetensors_get_meta (file, META_PREFIX "format"), "layerlab-checkpoint-1") != 0)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE,
                   _("%s is not a LayerLab checkpoint (it may hold weights only)"), display);
      return FALSE;
    }

  /* Read and check everything before changing anything. */
  if (!get_u64 (file, display, META_PREFIX "epoch", &epoch, error) ||
      !get_u64 (file, display, META_PREFIX "batch", &batch, error) ||
      !get_u64 (file, display, META_PREFIX "step", &step, error) ||
      !get_u64 (file, display, META_PREFIX "shuffle-rng", &shuffle_rng, error) ||
      !get_u64 (file, display, META_PREFIX "network-rng", &net_rng, error) ||
      !get_u64 (file, display, META_PREFIX "epoch-seen", &seen, error) ||
      !get_u64 (file, display, META_PREFIX "bad-epochs", &bad, error) ||
      !get_u64 (file, display, META_PREFIX "plateau-bad-epochs", &plateau_bad, error) ||
      !get_u64 (file, display, META_PREFIX "train-samples", &n_train, error) ||
      !get_double (file, display, META_PREFIX "base-lr", &base_lr, error) ||
      !get_double (file, display, META_PREFIX "epoch-loss-sum", &loss_sum, error) ||
      !get_double (file, display, META_PREFIX "epoch-correct", &correct, error) ||
      !get_double (file, display, META_PREFIX "best-metric", &best_metric, error) ||
      !get_double (file, display, META_PREFIX "plateau-factor", &plateau_factor, error) ||
      !get_double (file, display, META_PREFIX "plateau-best", &plateau_best, error))
    return FALSE;
  if (n_train != self->train->n)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_WEIGHTS_MISMATCH,
                   _("%s: the checkpoint was made with %llu training samples but the data now "
                     "has %zu; use the same dataset and settings"),
                   display, (unsigned long long) n_train, self->train->n);
      return FALSE;
    }
  if ((order = find_flat (file, display, "__order", self->train->n, TRUE, error)) == NULL)
    return FALSE;
  for (gsize i = 0; i < self->train->n; i++)
    if (!(order->data[i] >= 0 && order->data[i] < self->train->n))
      {
        g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE,
                     _("%s: the checkpoint’s sample order is damaged at position %zu"), display, i);
        return FALSE;
      }
  previous = find_flat (file, display, "__previous", net->n_params + net->n_state,
                        net->n_params + net->n_state > 0, error);
  if (previous == NULL && net->n_params + net->n_state > 0)
    return FALSE;
  best = find_flat (file, display, "__best", net->n_params + net->n_state, FALSE, error);
  n_buffers = lab_optimizer_n_buffers (self->opt);
  for (guint i = 0; i < n_buffers && net->n_trainable > 0; i++)
    {
      const char *name;
      g_autofree char *full = NULL;

      lab_optimizer_buffer (self->opt, i, &name);
      full = g_strconcat ("__optimizer.", name, NULL);
      if (find_flat (file, display, full, net->n_trainable, TRUE, error) == NULL)
        return FALSE;
    }
  if (!lab_network_take_tensors (net, file, display, error))
    return FALSE;

  /* Everything is there: apply. */
  for (guint i = 0; i < n_buffers && net->n_trainable > 0; i++)
    {
      const char *name;
      float *data = lab_optimizer_buffer (self->opt, i, &name);
      g_autofree char *full = g_strconcat ("__optimizer.", name, NULL);

      memcpy (data, lab_safetensors_find (file, full)->data, net->n_trainable * sizeof (float));
    }
  lab_optimizer_set_step (self->opt, step);
  for (gsize i = 0; i < self->train->n; i++)
    self->order[i] = (guint32) order->data[i];
  if (previous != NULL)
    memcpy (self->previous, previous->data, (net->n_params + net->n_state) * sizeof (float));
  g_clear_pointer (&self->best_weights, g_free);
  if (best != NULL)
    self->best_weights = g_memdup2 (best->data, (net->n_params + net->n_state) * sizeof (float));
  self->epoch = (guint) epoch;
  self->batch = (guint) batch;
  self->shuffle_rng.state = shuffle_rng;
  net->rng.state = net_rng;
  self->base_lr = base_lr;
  self->epoch_loss_sum = loss_sum;
  self->epoch_correct = correct;
  self->epoch_seen = seen;
  self->best_metric = best_metric;
  self->bad_epochs = (guint) bad;
  self->schedule.plateau_factor = (float) plateau_factor;
  self->schedule.plateau_best = plateau_best;
  self->schedule.plateau_bad_epochs = (guint) plateau_bad;
  return TRUE;
}

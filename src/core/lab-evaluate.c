/* lab-evaluate.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-evaluate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-error.h"
#include "lab-evaluate.h"
#include "lab-trainer-private.h"

guint
lab_count_correct (const float *out,
                   const float *labels,
                   guint        n,
                   guint        out_size,
                   gboolean     logits)
{
  guint correct = 0;

  for (guint i = 0; i < n; i++)
    {
      const float *row = out + (gsize) i * out_size;
      guint predicted = 0;

      if (out_size == 1)
        predicted = logits ? row[0] > 0.0f : row[0] > 0.5f;
      else
        for (guint c = 1; c < out_size; c++)
          if (row[c] > row[predicted])
            predicted = c;
      if (predicted == (guint) labels[i])
        correct++;
    }
  return correct;
}

static gboolean
output_is_logits (const LabLoss *loss)
{
  return loss->kind == LAB_LOSS_CROSS_ENTROPY || loss->kind == LAB_LOSS_BCE_LOGITS;
}

/* Calls func for each batch of data after a forward pass in inference mode. */
typedef void (*BatchFunc) (const float *out,
                           gsize        first,
                           guint        n,
                           gpointer     user_data);

static void
foreach_batch (LabNetwork       *net,
               const LabDataset *data,
               BatchFunc         func,
               gpointer          user_data)
{
  for (gsize first = 0; first < data->n; first += net->max_batch)
    {
      guint n = (guint) MIN ((gsize) net->max_batch, data->n - first);
      const float *out = lab_network_forward (net, data->x + first * data->x_dim, n, FALSE);

      func (out, first, n, user_data);
    }
}

typedef struct
{
  LabNetwork       *net;
  const LabLoss    *loss;
  const LabDataset *data;
  double            loss_sum;
  gsize             correct;
  float            *scores;   /* nullable */
} Tally;

static void
tally_batch (const float *out,
             gsize        first,
             guint        n,
             gpointer     user_data)
{
  Tally *t = user_data;
  const LabDataset *d = t->data;
  const float *y = d->y + first * d->y_dim;

  t->loss_sum += lab_loss_compute (t->loss, out, y, d->y_dim, NULL, n, (guint) t->net->out_size) * n;
  if (d->n_classes > 0)
    t->correct += lab_count_correct (out, y, n, (guint) t->net->out_size, output_is_logits (t->loss));
  if (t->scores != NULL)
    lab_network_probabilities (t->net, out, t->scores + first * t->net->out_size, n);
}

void
lab_trainer_measure (LabTrainer       *self,
                     const LabDataset *data,
                     double           *loss,
                     double           *accuracy)
{
  Tally t = { self->net, &self->loss, data, 0.0, 0, NULL };

  foreach_batch (self->net, data, tally_batch, &t);
  *loss = t.loss_sum / MAX (data->n, 1);
  *accuracy = data->n_classes > 0 ? (double) t.correct / MAX (data->n, 1) : NAN;
}

LabEvaluation *
lab_evaluate (LabNetwork       *net,
              const LabLoss    *loss,
              const LabDataset *data,
              GError          **error)
{
  g_autoptr(LabEvaluation) self = g_new0 (LabEvaluation, 1);
  Tally t = { net, loss, data, 0.0, 0, NULL };

  if (data->x_dim != net->in_size)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                   _("The data “%s” has %zu values per sample but the network expects %zu"),
                   data->name, data->x_dim, net->in_size);
      return NULL;
    }
  self->n = data->n;
  self->out_size = (guint) net->out_size;
  self->n_classes = data->n_classes;
  self->scores = lab_try_alloc_floats (data->n * net->out_size, _("The predictions"), error);
  if (self->scores == NULL)
    return NULL;
  self->targets = g_memdup2 (data->y, data->n * data->y_dim * sizeof (float) + 1);
  t.scores = self->scores;
  foreach_batch (net, data, tally_batch, &t);

  self->loss = t.loss_sum / MAX (data->n, 1);
  self->accuracy = NAN;
  self->auc_macro = self->auc_micro = NAN;
  if (data->n_classes > 0)
    {
      self->accuracy = (double) t.correct / MAX (data->n, 1);
      self->report = lab_class_report_new (data->y, self->scores, data->n, data->n_classes,
                                           (guint) net->out_size, 0.5);
      if (net->out_size == data->n_classes)
        {
          self->auc_macro = lab_roc_auc_macro (data->y, self->scores, data->n, data->n_classes);
          self->auc_micro = lab_roc_auc_micro (data->y, self->scores, data->n, data->n_classes);
        }
      else
        {
          g_autoptr(LabCurve) roc = lab_roc_curve (data->y, self->scores, data->n, 1, 1);

          self->auc_macro = self->auc_micro = roc ? roc->area : NAN;
        }
    }
  else
    lab_regression_report (data->y, self->scores, data->n, data->y_dim, &self->regression);

  return g_steal_pointer (&self);
}

void
lab_evaluation_free (LabEvaluation *self)
{
  if (self == NULL)
    return;
  lab_free (self->scores);
  g_free (self->targets);
  if (self->report)
    lab_class_report_free (self->report);
  g_free (self);
}

void
lab_network_run_sample (LabNetwork  *net,
                        const float *x)
{
  lab_network_forward (net, x, 1, FALSE);
}

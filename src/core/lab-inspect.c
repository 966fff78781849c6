/* lab-inspect.c: activations, parameter histograms, dead ReLUs and decision grids of a network
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here runs on the thread that owns the network and returns plain copies. Forward
 * passes are in inference mode, so Dropout is the identity and BatchNorm uses its running
 * statistics: what the user inspects is what the network would predict.
 */
#define G_LOG_DOMAIN "lab-inspect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-activation.h"
#include "lab-error.h"
#include "lab-evaluate.h"
#include "lab-inspect.h"
#include "lab-layer.h"

/* Activations */

LabActivations *
lab_inspect_activations (LabNetwork  *net,
                         const float *x)
{
  LabActivations *self;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (x != NULL, NULL);

  lab_network_run_sample (net, x);
  self = g_new0 (LabActivations, 1);
  self->n_layers = net->n_steps;
  self->layers = g_new0 (LabLayerActivation, net->n_steps);
  for (guint i = 0; i < net->n_steps; i++)
    {
      const LabStep *step = &net->steps[i];
      LabLayerActivation *a = &self->layers[i];

      a->name = g_strdup (step->name);
      a->type_name = g_strdup (step->type->name);
      a->shape = step->info.out_shape;
      a->size = step->out_size;
      a->is_output = i == net->output;
      if (a->is_output)
        {
          a->values = g_new (float, step->out_size);
          lab_network_probabilities (net, step->out, a->values, 1);
        }
      else
        a->values = g_memdup2 (step->out, step->out_size * sizeof (float));
    }
  return self;
}

void
lab_activations_free (LabActivations *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_layers; i++)
    {
      g_free (self->layers[i].name);
      g_free (self->layers[i].type_name);
      g_free (self->layers[i].values);
    }
  g_free (self->layers);
  g_free (self);
}

/* Histograms */

void
lab_histogram_compute (LabHistogram *h,
                       const float  *values,
                       gsize         n,
                       guint         n_bins)
{
  float lo = INFINITY, hi = -INFINITY;
  double sum2 = 0;
  float width;

  g_return_if_fail (h != NULL);
  g_return_if_fail (n_bins > 0);

  h->n_bins = n_bins;
  h->counts = g_new0 (guint, n_bins);
  h->n = n;
  h->n_nonfinite = 0;
  for (gsize i = 0; i < n; i++)
    {
      float v = values[i];

      if (!isfinite (v))
        {
          h->n_nonfinite++;
          continue;
        }
      lo = MIN (lo, v);
      hi = MAX (hi, v);
      sum2 += (double) v * v;
    }
  h->norm = sqrt (sum2);
  if (h->n_nonfinite == n)
    {
      h->min = -0.5f;
      h->max = 0.5f;
      return;
    }
  if (hi - lo <= 0)
    {
      lo -= 0.5f;
      hi += 0.5f;
    }
  h->min = lo;
  h->max = hi;
  width = (hi - lo) / n_bins;
  for (gsize i = 0; i < n; i++)
    {
      float v = values[i];
      gssize b;

      if (!isfinite (v))
        continue;
      b = (gssize) floorf ((v - lo) / width);
      h->counts[CLAMP (b, 0, (gssize) n_bins - 1)]++;
    }
}

void
lab_histogram_clear (LabHistogram *h)
{
  g_clear_pointer (&h->counts, g_free);
}

LabParamHistograms *
lab_inspect_histograms (LabNetwork *net,
                        guint       n_bins)
{
  LabParamHistograms *self;
  GArray *tensors;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (n_bins > 0, NULL);

  tensors = g_array_new (FALSE, TRUE, sizeof (LabTensorHistogram));
  for (guint i = 0; i < net->n_steps; i++)
    {
      const LabStep *step = &net->steps[i];
      gsize offset = step->param_offset;

      for (guint p = 0; p < step->n_params; p++)
        {
          LabTensorHistogram t = { 0 };
          gsize size = lab_shape_size (&step->params[p].shape);

          t.layer = g_strdup (step->name);
          t.tensor = g_strdup (step->params[p].name);
          t.shape = step->params[p].shape;
          /* Frozen tensors sit after the trainable ones and get no gradient. */
          t.trainable = !step->frozen && offset < net->n_trainable;
          lab_histogram_compute (&t.weights, net->params + offset, size, n_bins);
          if (t.trainable)
            lab_histogram_compute (&t.grads, net->grads + offset, size, n_bins);
          else
            lab_histogram_compute (&t.grads, NULL, 0, n_bins);
          g_array_append_val (tensors, t);
          offset += size;
        }
    }
  self = g_new0 (LabParamHistograms, 1);
  self->n_tensors = tensors->len;
  self->tensors = (LabTensorHistogram *) (void *) g_array_free (tensors, FALSE);
  return self;
}

void
lab_param_histograms_free (LabParamHistograms *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_tensors; i++)
    {
      g_free (self->tensors[i].layer);
      g_free (self->tensors[i].tensor);
      lab_histogram_clear (&self->tensors[i].weights);
      lab_histogram_clear (&self->tensors[i].grads);
    }
  g_free (self->tensors);
  g_free (self);
}

/* Dead ReLUs */

static gboolean
step_is_relu (const LabStep *step)
{
  int idx;

  if (step->type != &lab_layer_activation)
    return FALSE;
  idx = lab_hparams_find (step->type->hparams, step->type->n_hparams, "function");
  return idx >= 0 && (LabActivationKind) LAB_HP_INT_VALUE (step->hp, idx) == LAB_ACT_RELU;
}

/* Units of a per-sample shape: channels of (C, H, W), features otherwise. */
static void
unit_layout (const LabShape *shape,
             gsize           size,
             guint          *n_units,
             gsize          *per_unit)
{
  if (shape->ndim == 3)
    {
      *n_units = shape->dims[0];
      *per_unit = size / MAX (shape->dims[0], 1);
    }
  else
    {
      *n_units = (guint) size;
      *per_unit = 1;
    }
}

LabDeadReport *
lab_inspect_dead_relus (LabNetwork  *net,
                        const float *x,
                        gsize        n)
{
  g_autoptr(GPtrArray) alive = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) relus = g_array_new (FALSE, FALSE, sizeof (guint));
  LabDeadReport *self;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (x != NULL || n == 0, NULL);

  for (guint i = 1; i < net->n_steps; i++)
    if (step_is_relu (&net->steps[i]))
      {
        guint n_units;
        gsize per_unit;

        unit_layout (&net->steps[i].info.out_shape, net->steps[i].out_size, &n_units, &per_unit);
        g_array_append_val (relus, i);
        g_ptr_array_add (alive, g_new0 (gboolean, MAX (n_units, 1)));
      }

  for (gsize start = 0; start < n && relus->len > 0; start += net->max_batch)
    {
      guint batch = (guint) MIN (n - start, (gsize) net->max_batch);

      lab_network_forward (net, x + start * net->in_size, batch, FALSE);
      for (guint r = 0; r < relus->len; r++)
        {
          const LabStep *step = &net->steps[g_array_index (relus, guint, r)];
          gboolean *live = g_ptr_array_index (alive, r);
          guint n_units;
          gsize per_unit;

          unit_layout (&step->info.out_shape, step->out_size, &n_units, &per_unit);
          for (guint s = 0; s < batch; s++)
            {
              const float *out = step->out + (gsize) s * step->out_size;   /* (out_size) */

              for (guint u = 0; u < n_units; u++)
                for (gsize k = 0; k < per_unit && !live[u]; k++)
                  if (out[u * per_unit + k] != 0.0f)
                    live[u] = TRUE;
            }
        }
    }

  self = g_new0 (LabDeadReport, 1);
  self->n_samples = n;
  self->n_layers = relus->len;
  self->layers = g_new0 (LabDeadUnits, MAX (relus->len, 1));
  for (guint r = 0; r < relus->len; r++)
    {
      const LabStep *step = &net->steps[g_array_index (relus, guint, r)];
      const gboolean *live = g_ptr_array_index (alive, r);
      LabDeadUnits *d = &self->layers[r];
      gsize per_unit;

      d->layer = g_strdup (step->name);
      unit_layout (&step->info.out_shape, step->out_size, &d->n_units, &per_unit);
      for (guint u = 0; u < d->n_units; u++)
        d->n_dead += n > 0 && !live[u];
      d->fraction = d->n_units > 0 ? (double) d->n_dead / d->n_units : 0.0;
    }
  return self;
}

void
lab_dead_report_free (LabDeadReport *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_layers; i++)
    g_free (self->layers[i].layer);
  g_free (self->layers);
  g_free (self);
}

const LabDeadUnits *
lab_dead_report_find (const LabDeadReport *self,
                      const char          *layer)
{
  if (self == NULL)
    return NULL;
  for (guint i = 0; i < self->n_layers; i++)
    if (g_strcmp0 (self->layers[i].layer, layer) == 0)
      return &self->layers[i];
  return NULL;
}

/* Decision grid */

LabDecisionGrid *
lab_inspect_decision_grid (LabNetwork       *net,
                           const LabDataset *data,
                           guint             grid,
                           GError          **error)
{
  LabDecisionGrid *self;
  double lo[2] = { INFINITY, INFINITY }, hi[2] = { -INFINITY, -INFINITY };
  gsize cells = (gsize) grid * grid;
  guint out = net != NULL ? (guint) net->out_size : 0;
  g_autofree float *x = NULL;
  g_autofree float *p = NULL;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (grid >= 2, NULL);

  if (net->in_size != 2 || data->x_dim != 2 || data->n_classes == 0 || data->n == 0)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                   _("A decision boundary needs classification data with two features and a "
                     "network with two inputs"));
      return NULL;
    }

  for (gsize i = 0; i < data->n; i++)
    for (guint d = 0; d < 2; d++)
      {
        lo[d] = MIN (lo[d], data->x[i * 2 + d]);
        hi[d] = MAX (hi[d], data->x[i * 2 + d]);
      }
  for (guint d = 0; d < 2; d++)
    {
      double margin = MAX (hi[d] - lo[d], 1e-3) * 0.1;

      lo[d] -= margin;
      hi[d] += margin;
    }

  self = g_new0 (LabDecisionGrid, 1);
  self->grid = grid;
  self->n_classes = out == 1 ? 2 : out;
  self->x_min = lo[0];
  self->x_max = hi[0];
  self->y_min = lo[1];
  self->y_max = hi[1];
  self->probs = g_new (float, cells * self->n_classes);

  x = g_new (float, (gsize) net->max_batch * 2);
  p = g_new (float, (gsize) net->max_batch * out);
  for (gsize start = 0; start < cells; start += net->max_batch)
    {
      guint batch = (guint) MIN (cells - start, (gsize) net->max_batch);
      const float *logits;

      for (guint k = 0; k < batch; k++)
        {
          gsize c = start + k;
          gsize i = c % grid, j = c / grid;

          x[k * 2] = (float) (lo[0] + (i + 0.5) * (hi[0] - lo[0]) / grid);
          x[k * 2 + 1] = (float) (lo[1] + (j + 0.5) * (hi[1] - lo[1]) / grid);
        }
      logits = lab_network_forward (net, x, batch, FALSE);
      lab_network_probabilities (net, logits, p, batch);
      for (guint k = 0; k < batch; k++)
        {
          float *dst = self->probs + (start + k) * self->n_classes;

          if (out == 1)
            {
              dst[0] = 1.0f - p[k];
              dst[1] = p[k];
            }
          else
            memcpy (dst, p + (gsize) k * out, out * sizeof (float));
        }
    }
  return self;
}

void
lab_decision_grid_free (LabDecisionGrid *self)
{
  if (self == NULL)
    return;
  g_free (self->probs);
  g_free (self);
}

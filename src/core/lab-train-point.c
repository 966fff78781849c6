/* lab-train-point.c: the figures a training run reports after each batch
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-trainer"

#include <math.h>
#include <string.h>

#include "lab-blas.h"
#include "lab-trainer-private.h"

LabTrainPoint *
lab_train_point_copy (const LabTrainPoint *point)
{
  LabTrainPoint *copy = g_memdup2 (point, sizeof *point);

  copy->layer_names = g_strdupv (point->layer_names);
  copy->layer_grad_norms = g_memdup2 (point->layer_grad_norms, sizeof (double) * point->n_layers);
  copy->layer_weight_norms = g_memdup2 (point->layer_weight_norms, sizeof (double) * point->n_layers);
  return copy;
}

void
lab_train_point_free (LabTrainPoint *point)
{
  if (point == NULL)
    return;
  g_strfreev (point->layer_names);
  g_free (point->layer_grad_norms);
  g_free (point->layer_weight_norms);
  g_free (point);
}

static double
norm2 (const float *x,
       gsize        n)
{
  /* Every batch, for every layer, while a window watches: vectorised, not one running sum. */
  return sqrt (lab_sum_squares (x, n));
}

void
lab_train_point_fill_layers (LabTrainPoint *p,
                             LabNetwork    *net)
{
  guint n = 0;

  for (guint i = 0; i < net->n_steps; i++)
    if (net->steps[i].param_size > 0)
      n++;
  p->n_layers = n;
  p->layer_names = g_new0 (char *, n + 1);
  p->layer_grad_norms = g_new0 (double, MAX (n, 1));
  p->layer_weight_norms = g_new0 (double, MAX (n, 1));
  n = 0;
  for (guint i = 0; i < net->n_steps; i++)
    {
      LabStep *step = &net->steps[i];

      if (step->param_size == 0)
        continue;
      p->layer_names[n] = g_strdup (step->name);
      p->layer_weight_norms[n] = norm2 (net->params + step->param_offset, step->param_size);
      p->layer_grad_norms[n] = step->frozen ? 0.0 : norm2 (net->grads + step->param_offset, step->param_size);
      n++;
    }
}

void
lab_train_point_clear (LabTrainPoint *p)
{
  g_strfreev (p->layer_names);
  g_free (p->layer_grad_norms);
  g_free (p->layer_weight_norms);
  memset (p, 0, sizeof *p);
}

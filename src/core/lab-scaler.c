/* lab-scaler.c: per-feature min-max and z-score scaling
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statistics come from the training split alone and are then applied unchanged to the
 * validation and test splits; fitting on all the data would leak their statistics into training
 * and make the validation score optimistic.
 */
#define G_LOG_DOMAIN "lab-scaler"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-dataset.h"
#include "lab-error.h"

LabScaler *
lab_scaler_fit (LabScalingKind     kind,
                const LabDataset  *train,
                GError           **error)
{
  g_autoptr(LabScaler) self = NULL;
  g_autofree char *what = NULL;
  g_autofree double *sum = NULL;
  g_autofree float *lo = NULL;
  g_autofree float *hi = NULL;
  gsize D;

  g_return_val_if_fail (train != NULL, NULL);
  g_return_val_if_fail (kind <= LAB_SCALING_ZSCORE, NULL);

  D = train->x_dim;
  if (train->n == 0)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("Scaling cannot be fitted on “%s”: it has no samples"), train->name);
      return NULL;
    }

  what = g_strdup_printf (_("The scaling statistics of “%s”"), train->name);
  self = g_new0 (LabScaler, 1);
  self->kind = kind;
  self->dim = D;
  if (!(self->offset = lab_try_alloc_floats (D, what, error)) ||
      !(self->scale = lab_try_alloc_floats (D, what, error)))
    return NULL;
  sum = g_try_new0 (double, D);
  lo = g_try_new (float, D);
  hi = g_try_new (float, D);
  if (sum == NULL || lo == NULL || hi == NULL)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                   _("%s could not be allocated"), what);
      return NULL;
    }

  /* x: (n, D). Minimum, maximum and sum per feature, in one pass over the rows. */
  for (gsize j = 0; j < D; j++)
    lo[j] = hi[j] = train->x[j];
  for (gsize i = 0; i < train->n; i++)
    {
      const float *xi = train->x + i * D;

      for (gsize j = 0; j < D; j++)
        {
          if (!isfinite (xi[j]))
            {
              g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                           _("Sample %zu of “%s” has a NaN or infinite value in feature %zu; "
                             "scaling needs finite data"),
                           i, train->name, j + 1);
              return NULL;
            }
          lo[j] = MIN (lo[j], xi[j]);
          hi[j] = MAX (hi[j], xi[j]);
          sum[j] += xi[j];
        }
    }

  for (gsize j = 0; j < D; j++)
    {
      self->offset[j] = 0.0f;
      self->scale[j] = 1.0f;
    }
  if (kind == LAB_SCALING_MINMAX)
    {
      for (gsize j = 0; j < D; j++)
        {
          self->offset[j] = lo[j];
          /* A constant feature carries no information: scale 0 maps it to 0. */
          self->scale[j] = hi[j] > lo[j] ? (float) (1.0 / ((double) hi[j] - lo[j])) : 0.0f;
        }
    }
  else if (kind == LAB_SCALING_ZSCORE)
    {
      g_autofree double *sq = g_try_new0 (double, D);

      if (sq == NULL)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                       _("%s could not be allocated"), what);
          return NULL;
        }
      for (gsize j = 0; j < D; j++)
        sum[j] /= train->n;
      /* Two passes (mean, then squared deviations) stay accurate where E[x²] − E[x]² cancels. */
      for (gsize i = 0; i < train->n; i++)
        {
          const float *xi = train->x + i * D;

          for (gsize j = 0; j < D; j++)
            {
              double d = xi[j] - sum[j];

              sq[j] += d * d;
            }
        }
      for (gsize j = 0; j < D; j++)
        {
          double std = sqrt (sq[j] / train->n);   /* population std, as scikit-learn's */

          self->offset[j] = (float) sum[j];
          /* Exactly constant features are tested with min == max: their computed std may be a
           * rounding residue such as 1e-17, whose inverse would blow values up. */
          self->scale[j] = hi[j] > lo[j] && std > 0 ? (float) (1.0 / std) : 0.0f;
        }
    }

  return g_steal_pointer (&self);
}

void
lab_scaler_apply (const LabScaler *self,
                  LabDataset      *data)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (data->x_dim == self->dim);

  if (self->kind == LAB_SCALING_NONE)
    return;

  /* x: (n, D), x' = (x − offset) · scale */
  for (gsize i = 0; i < data->n; i++)
    {
      float *xi = data->x + i * self->dim;

      for (gsize j = 0; j < self->dim; j++)
        xi[j] = (xi[j] - self->offset[j]) * self->scale[j];
    }
}

void
lab_scaler_free (LabScaler *self)
{
  if (self == NULL)
    return;
  lab_free (self->offset);
  lab_free (self->scale);
  g_free (self);
}

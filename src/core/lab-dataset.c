/* lab-dataset.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-dataset"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-dataset.h"
#include "lab-error.h"

/* Multiplies in 64 bits; FALSE when the product does not fit. */
static gboolean
mul_u64 (guint64  a,
         guint64  b,
         guint64 *out)
{
  return g_uint64_checked_mul (out, a, b);
}

LabDataset *
lab_dataset_new (const char     *name,
                 gsize           n,
                 const LabShape *x_shape,
                 guint           y_dim,
                 guint           n_classes,
                 GError        **error)
{
  g_autoptr(LabDataset) self = NULL;
  g_autofree char *what_x = NULL;
  g_autofree char *what_y = NULL;
  guint64 x_dim = 1;
  gboolean x_overflow = FALSE;
  guint64 n_x;
  guint64 n_y;

  g_return_val_if_fail (x_shape != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    name = _("dataset");

  if (x_shape->ndim == 0 || x_shape->ndim > LAB_MAX_DIMS)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("Dataset “%s”: a sample must have 1 to %u dimensions, not %u"),
                   name, LAB_MAX_DIMS, x_shape->ndim);
      return NULL;
    }
  for (guint i = 0; i < x_shape->ndim; i++)
    {
      if (x_shape->dims[i] == 0)
        {
          g_autofree char *shape = lab_shape_to_string (x_shape);

          g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                       _("Dataset “%s”: the sample shape %s has an empty dimension"),
                       name, shape);
          return NULL;
        }
      if (!mul_u64 (x_dim, x_shape->dims[i], &x_dim))
        x_overflow = TRUE;   /* refused below as too large */
    }
  if (y_dim == 0 || (n_classes > 0 && y_dim != 1 && y_dim != n_classes))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("Dataset “%s”: %u target values per sample do not fit %u classes"),
                   name, y_dim, n_classes);
      return NULL;
    }

  what_x = g_strdup_printf (_("The inputs of the %zu samples of “%s”"), n, name);
  what_y = g_strdup_printf (_("The targets of the %zu samples of “%s”"), n, name);

  /* Sizes come from files: compute in 64 bits and refuse before allocating anything. */
  if (x_overflow || !mul_u64 (n, x_dim, &n_x) ||
      n_x > G_MAXUINT64 / sizeof (float) || n_x > G_MAXSIZE / sizeof (float))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                   _("%s would need more memory than can be addressed"), what_x);
      return NULL;
    }
  if (!lab_check_alloc (n_x * sizeof (float), what_x, error))
    return NULL;
  if (!mul_u64 (n, y_dim, &n_y) || n_y > G_MAXSIZE / sizeof (float))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                   _("%s would need more memory than can be addressed"), what_y);
      return NULL;
    }
  if (!lab_check_alloc (n_y * sizeof (float), what_y, error))
    return NULL;

  self = g_new0 (LabDataset, 1);
  self->name = g_strdup (name);
  self->n = n;
  self->x_shape = *x_shape;
  self->x_dim = (gsize) x_dim;
  self->y_dim = y_dim;
  self->n_classes = n_classes;
  if (!(self->x = lab_try_alloc_floats ((gsize) n_x, what_x, error)))
    return NULL;
  if (!(self->y = lab_try_alloc_floats ((gsize) n_y, what_y, error)))
    return NULL;

  return g_steal_pointer (&self);
}

void
lab_dataset_free (LabDataset *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  lab_free (self->x);
  lab_free (self->y);
  g_strfreev (self->class_names);
  g_strfreev (self->feature_names);
  g_free (self);
}

LabDataset *
lab_dataset_subset (const LabDataset *self,
                    const guint32    *indices,
                    gsize             n,
                    const char       *name,
                    GError          **error)
{
  g_autoptr(LabDataset) sub = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (indices != NULL || n == 0, NULL);

  for (gsize i = 0; i < n; i++)
    if (indices[i] >= self->n)
      {
        g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                     _("Dataset “%s” has %zu samples; there is no sample %u"),
                     self->name, self->n, indices[i]);
        return NULL;
      }

  sub = lab_dataset_new (name ? name : self->name, n, &self->x_shape, self->y_dim,
                         self->n_classes, error);
  if (sub == NULL)
    return NULL;

  for (gsize i = 0; i < n; i++)
    {
      memcpy (sub->x + i * sub->x_dim, self->x + (gsize) indices[i] * self->x_dim,
              self->x_dim * sizeof (float));
      memcpy (sub->y + i * sub->y_dim, self->y + (gsize) indices[i] * self->y_dim,
              self->y_dim * sizeof (float));
    }
  sub->class_names = g_strdupv (self->class_names);
  sub->feature_names = g_strdupv (self->feature_names);

  return g_steal_pointer (&sub);
}

gboolean
lab_dataset_targets_from_inputs (LabDataset  *self,
                                 GError     **error)
{
  float *y;

  g_return_val_if_fail (self != NULL, FALSE);

  y = lab_try_alloc_floats (self->n * self->x_dim, _("The reconstruction targets"), error);
  if (y == NULL)
    return FALSE;
  memcpy (y, self->x, self->n * self->x_dim * sizeof (float));
  lab_free (self->y);
  self->y = y;
  self->y_dim = (guint) self->x_dim;
  self->n_classes = 0;
  g_clear_pointer (&self->class_names, g_strfreev);
  return TRUE;
}

gboolean
lab_dataset_one_hot (LabDataset  *self,
                     GError     **error)
{
  g_autofree char *what = NULL;
  float *y;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_classes == 0)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("Dataset “%s” holds regression targets, which have no classes to one-hot "
                     "encode"), self->name);
      return FALSE;
    }
  /* Already (n, n_classes): nothing to do, so calling it twice is harmless. */
  if (self->y_dim == self->n_classes && self->n_classes > 1)
    return TRUE;
  if (self->y_dim != 1)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("Dataset “%s” has %u targets per sample, not one class index"),
                   self->name, self->y_dim);
      return FALSE;
    }

  for (gsize i = 0; i < self->n; i++)
    {
      float c = self->y[i];

      if (!(c >= 0 && c < self->n_classes) || c != floorf (c))
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                       _("Sample %zu of dataset “%s” has the label %g, which is not a class "
                         "index from 0 to %u"),
                       i, self->name, (double) c, self->n_classes - 1);
          return FALSE;
        }
    }

  what = g_strdup_printf (_("The one-hot targets of “%s”"), self->name);
  if ((guint64) self->n * self->n_classes > G_MAXSIZE / sizeof (float))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                   _("%s would need more memory than can be addressed"), what);
      return FALSE;
    }
  y = lab_try_alloc_floats (self->n * self->n_classes, what, error);
  if (y == NULL)
    return FALSE;
  for (gsize i = 0; i < self->n; i++)
    y[i * self->n_classes + (gsize) self->y[i]] = 1.0f;

  lab_free (self->y);
  self->y = y;
  self->y_dim = self->n_classes;
  return TRUE;
}

void
lab_dataset_class_counts (const LabDataset *self,
                          gsize            *counts)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (counts != NULL || self->n_classes == 0);

  if (self->n_classes == 0)
    return;
  memset (counts, 0, self->n_classes * sizeof (gsize));

  for (gsize i = 0; i < self->n; i++)
    {
      const float *yi = self->y + i * self->y_dim;
      guint c = 0;

      if (self->n_classes == 1)
        c = 0;
      else if (self->y_dim == 1)
        {
          if (!(yi[0] >= 0 && yi[0] < self->n_classes))
            continue;
          c = (guint) yi[0];
        }
      else
        {
          for (guint k = 1; k < self->y_dim; k++)
            if (yi[k] > yi[c])
              c = k;
        }
      counts[c]++;
    }
}

gboolean
lab_dataset_split (gsize      n,
                   double     val_fraction,
                   double     test_fraction,
                   guint64    seed,
                   guint32  **train,
                   gsize     *n_train,
                   guint32  **val,
                   gsize     *n_val,
                   guint32  **test,
                   gsize     *n_test,
                   GError   **error)
{
  g_autofree guint32 *order = NULL;
  gsize nv, nt, ntr;
  LabRng rng;

  g_return_val_if_fail (train && n_train && val && n_val && test && n_test, FALSE);

  *train = *val = *test = NULL;
  *n_train = *n_val = *n_test = 0;

  if (!isfinite (val_fraction) || !isfinite (test_fraction) ||
      val_fraction < 0 || test_fraction < 0 || val_fraction + test_fraction >= 1)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("The validation fraction %g and the test fraction %g must each be at least "
                     "0 and together below 1, so that samples remain for training"),
                   val_fraction, test_fraction);
      return FALSE;
    }
  if (n == 0)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("The dataset has no samples to split"));
      return FALSE;
    }
  if (n > G_MAXUINT32)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                   _("The dataset has %zu samples; at most %u can be split"),
                   n, G_MAXUINT32);
      return FALSE;
    }
  if (!lab_check_alloc ((guint64) n * sizeof (guint32) * 2, _("The split of the dataset"), error))
    return FALSE;

  /* ⌊n·f⌋ with a tiny allowance for binary rounding, so that 100 × 0.29 gives 29, not 28. */
  nv = (gsize) MIN ((double) n, floor (n * val_fraction + 1e-7));
  nt = (gsize) MIN ((double) (n - nv), floor (n * test_fraction + 1e-7));
  ntr = n - nv - nt;

  order = g_try_new (guint32, n);
  *train = g_try_new (guint32, MAX (ntr, 1));
  *val = g_try_new (guint32, MAX (nv, 1));
  *test = g_try_new (guint32, MAX (nt, 1));
  if (!order || !*train || !*val || !*test)
    {
      g_clear_pointer (train, g_free);
      g_clear_pointer (val, g_free);
      g_clear_pointer (test, g_free);
      g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                   _("The split of %zu samples could not be allocated"), n);
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    order[i] = (guint32) i;
  lab_rng_init (&rng, seed);
  lab_rng_shuffle (&rng, order, n);

  memcpy (*train, order, ntr * sizeof (guint32));
  memcpy (*val, order + ntr, nv * sizeof (guint32));
  memcpy (*test, order + ntr + nv, nt * sizeof (guint32));
  *n_train = ntr;
  *n_val = nv;
  *n_test = nt;
  return TRUE;
}

static const char * const synthetic_names[LAB_SYNTHETIC_N_KINDS] = {
  "spirals", "circles", "xor", "blobs", "moons",
};

const char *
lab_synthetic_kind_to_string (LabSyntheticKind kind)
{
  g_return_val_if_fail (kind < LAB_SYNTHETIC_N_KINDS, NULL);
  return synthetic_names[kind];
}

gboolean
lab_synthetic_kind_from_string (const char       *text,
                                LabSyntheticKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; text != NULL && i < LAB_SYNTHETIC_N_KINDS; i++)
    if (g_ascii_strcasecmp (text, synthetic_names[i]) == 0)
      {
        *kind = (LabSyntheticKind) i;
        return TRUE;
      }
  return FALSE;
}

static const char * const scaling_names[] = { "none", "minmax", "zscore" };

const char *
lab_scaling_kind_to_string (LabScalingKind kind)
{
  g_return_val_if_fail (kind <= LAB_SCALING_ZSCORE, NULL);
  return scaling_names[kind];
}

gboolean
lab_scaling_kind_from_string (const char     *text,
                              LabScalingKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (scaling_names); i++)
    if (g_ascii_strcasecmp (text, scaling_names[i]) == 0)
      {
        *kind = (LabScalingKind) i;
        return TRUE;
      }
  return FALSE;
}

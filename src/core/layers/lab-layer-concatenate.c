/* lab-layer-concatenate.c: joins two to eight inputs along the channel axis
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The channel axis is axis 0 of the per-sample shape: the features of flat inputs, C of C×H×W
 * ones (torch.cat (xs, dim=1)). Because it is the outermost per-sample axis, each input's sample
 * is one contiguous block of the output sample: out sample n = [inp[0] sample n | inp[1] sample n
 * | …], so forward and backward are block copies.
 */
#define G_LOG_DOMAIN "lab-layer-concatenate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-error.h"
#include "lab-layer.h"

static gboolean
concatenate_infer_shape (LabLayerInfo  *info,
                         GError       **error)
{
  guint64 channels;

  if (info->n_inputs < 2 || info->n_inputs > LAB_MAX_INPUTS)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("Layer “%s” joins between 2 and %u inputs, but %u are connected. "
                     "Connect the parallel branches to be joined."),
                   info->name, LAB_MAX_INPUTS, info->n_inputs);
      return FALSE;
    }

  channels = info->in_shape[0].dims[0];
  for (guint i = 1; i < info->n_inputs; i++)
    {
      const LabShape *a = &info->in_shape[0];
      const LabShape *b = &info->in_shape[i];
      gboolean rest_equal = a->ndim == b->ndim;
      g_autofree char *sa = NULL;
      g_autofree char *sb = NULL;

      for (guint d = 1; rest_equal && d < a->ndim; d++)
        rest_equal = a->dims[d] == b->dims[d];
      channels += b->dims[0];
      if (rest_equal)
        continue;

      sa = lab_shape_to_string (a);
      sb = lab_shape_to_string (b);
      if (a->ndim != b->ndim)
        g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                     _("Layer “%s” joins its inputs along the channel axis, so they need the "
                       "same number of dimensions, but input 1 is %s and input %u is %s. Add a "
                       "Flatten layer to the image-shaped branch to join it with flat features."),
                     info->name, sa, i + 1, sb);
      else
        g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                     _("Layer “%s” joins its inputs along the channel axis, so all sizes but the "
                       "first must agree, but input 1 is %s and input %u is %s. Give the branches "
                       "the same height and width (the same strides, padding and pooling), or "
                       "Flatten both before joining them."),
                     info->name, sa, i + 1, sb);
      return FALSE;
    }

  if (channels > G_MAXUINT)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                   _("Layer “%s” would have %llu channels, more than can be stored. Reduce "
                     "the sizes of its inputs."),
                   info->name, (unsigned long long) channels);
      return FALSE;
    }

  info->out_shape = info->in_shape[0];
  info->out_shape.dims[0] = (guint) channels;
  return TRUE;
}

static guint64
concatenate_flops (const LabLayerInfo *info)
{
  /* copies only */
  return 0;
}

static void
concatenate_forward (const LabLayerRun *run)
{
  /* inp[i]: (N, D_i); out: (N, Σ D_i) */
  const LabLayerInfo *info = run->info;
  gsize out_size = lab_shape_size (&info->out_shape);

  for (gsize n = 0; n < run->batch; n++)
    {
      float *y = run->out + n * out_size;

      for (guint k = 0; k < info->n_inputs; k++)
        {
          gsize size = lab_shape_size (&info->in_shape[k]);

          memcpy (y, run->inp[k] + n * size, size * sizeof (float));
          y += size;
        }
    }
}

static void
concatenate_backward (const LabLayerRun *run)
{
  const LabLayerInfo *info = run->info;
  gsize out_size = lab_shape_size (&info->out_shape);

  for (gsize n = 0; n < run->batch; n++)
    {
      const float *dy = run->dout + n * out_size;

      for (guint k = 0; k < info->n_inputs; k++)
        {
          gsize size = lab_shape_size (&info->in_shape[k]);
          float *dx = run->dinp[k];

          if (dx != NULL)
            for (gsize i = 0; i < size; i++)
              dx[n * size + i] += dy[i];
          dy += size;
        }
    }
}

const LabLayerType lab_layer_concatenate = {
  .name = "Concatenate",
  .label = N_("Concatenate"),
  .category = "Merge",
  .blurb = N_("Joins parallel branches side by side along the channel (feature) axis"),
  .min_inputs = 2,
  .max_inputs = LAB_MAX_INPUTS,
  .infer_shape = concatenate_infer_shape,
  .flops = concatenate_flops,
  .forward = concatenate_forward,
  .backward = concatenate_backward,
};

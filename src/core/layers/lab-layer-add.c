/* lab-layer-add.c: element-wise sum of two to eight inputs (residual connections)
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * out = inp[0] + inp[1] + …, all of the same shape; each input receives the whole output
 * gradient. A skip connection F(x) + x is an Add with the block's output and its input.
 */
#define G_LOG_DOMAIN "lab-layer-add"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-error.h"
#include "lab-layer.h"

static gboolean
add_infer_shape (LabLayerInfo  *info,
                 GError       **error)
{
  if (info->n_inputs < 2 || info->n_inputs > LAB_MAX_INPUTS)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("Layer “%s” adds between 2 and %u inputs, but %u are connected. "
                     "Connect the branches to be summed, for example a block and its skip "
                     "connection."),
                   info->name, LAB_MAX_INPUTS, info->n_inputs);
      return FALSE;
    }

  for (guint i = 1; i < info->n_inputs; i++)
    {
      const LabShape *a = &info->in_shape[0];
      const LabShape *b = &info->in_shape[i];
      g_autofree char *sa = NULL;
      g_autofree char *sb = NULL;

      if (lab_shape_equal (a, b))
        continue;

      sa = lab_shape_to_string (a);
      sb = lab_shape_to_string (b);
      if (lab_shape_size (a) == lab_shape_size (b))
        g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                     _("Layer “%s” adds its inputs element by element, so they must have the "
                       "same shape, but input 1 is %s and input %u is %s. They hold the same "
                       "number of values: insert a Flatten or Reshape layer on one branch so "
                       "that the shapes match."),
                     info->name, sa, i + 1, sb);
      else if (a->ndim == 3 && b->ndim == 3)
        g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                     _("Layer “%s” adds its inputs element by element, so they must have the "
                       "same shape, but input 1 is %s and input %u is %s. Insert a 1×1 Conv2D "
                       "on one branch to match the number of channels (with a stride to match "
                       "height and width), or use Concatenate to stack the channels instead."),
                     info->name, sa, i + 1, sb);
      else
        g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                     _("Layer “%s” adds its inputs element by element, so they must have the "
                       "same shape, but input 1 is %s and input %u is %s. Insert a Dense layer "
                       "(or a 1×1 Conv2D for images) on one branch to match the sizes, or use "
                       "Concatenate to place them side by side instead."),
                     info->name, sa, i + 1, sb);
      return FALSE;
    }

  info->out_shape = info->in_shape[0];
  return TRUE;
}

static guint64
add_flops (const LabLayerInfo *info)
{
  return (guint64) (info->n_inputs - 1) * lab_shape_size (&info->in_shape[0]);
}

static void
add_forward (const LabLayerRun *run)
{
  /* inp[i], out: (N, D) */
  gsize n = run->batch * lab_shape_size (&run->info->in_shape[0]);

  memcpy (run->out, run->inp[0], n * sizeof (float));
  for (guint k = 1; k < run->info->n_inputs; k++)
    {
      const float *x = run->inp[k];

      for (gsize i = 0; i < n; i++)
        run->out[i] += x[i];
    }
}

static void
add_backward (const LabLayerRun *run)
{
  gsize n = run->batch * lab_shape_size (&run->info->in_shape[0]);

  for (guint k = 0; k < run->info->n_inputs; k++)
    {
      float *dx = run->dinp[k];

      if (dx == NULL)
        continue;
      for (gsize i = 0; i < n; i++)
        dx[i] += run->dout[i];
    }
}

const LabLayerType lab_layer_add = {
  .name = "Add",
  .label = N_("Add"),
  .category = "Merge",
  .blurb = N_("Sums inputs of the same shape, as in a residual (skip) connection"),
  .min_inputs = 2,
  .max_inputs = LAB_MAX_INPUTS,
  .infer_shape = add_infer_shape,
  .flops = add_flops,
  .forward = add_forward,
  .backward = add_backward,
};

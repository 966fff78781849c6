/* lab-layer-flatten.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns any per-sample shape into a flat vector of the same values in the same (row-major)
 * order, as PyTorch's nn.Flatten does, so that a Dense layer can follow a convolution.
 */
#define G_LOG_DOMAIN "lab-layer-flatten"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-layer.h"
#include "lab-layer-spatial-private.h"

static gboolean
flatten_infer_shape (LabLayerInfo  *info,
                     GError       **error)
{
  info->out_shape = lab_shape_flat (lab_shape_size (&info->in_shape[0]));
  return TRUE;
}

static guint64
flatten_flops (const LabLayerInfo *info)
{
  return 0;
}

/* out (N, D) and inp (N, D): the buffers are contiguous, so a copy is the whole layer. */
void
lab_layer_copy_forward (const LabLayerRun *run)
{
  gsize n = run->batch * lab_shape_size (&run->info->out_shape);

  memcpy (run->out, run->inp[0], n * sizeof (float));
}

/* dinp (N, D) += dout (N, D), or = when run->dinp_assign[0] */
void
lab_layer_copy_backward (const LabLayerRun *run)
{
  gsize n = run->batch * lab_shape_size (&run->info->out_shape);
  float *dinp = run->dinp[0];

  if (dinp == NULL)
    return;
  if (run->dinp_assign[0])
    {
      memcpy (dinp, run->dout, n * sizeof (float));
      return;
    }
  for (gsize i = 0; i < n; i++)
    dinp[i] += run->dout[i];
}

const LabLayerType lab_layer_flatten = {
  .name = "Flatten",
  .label = N_("Flatten"),
  .category = "Core",
  .blurb = N_("Lays an image or feature map out as one long vector, as Dense layers need"),
  .min_inputs = 1,
  .max_inputs = 1,
  .infer_shape = flatten_infer_shape,
  .flops = flatten_flops,
  .forward = lab_layer_copy_forward,
  .backward = lab_layer_copy_backward,
  .grad_assign = TRUE,
  .view = TRUE,
};

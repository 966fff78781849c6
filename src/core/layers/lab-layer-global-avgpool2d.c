/* lab-layer-global-avgpool2d.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Averages each channel over the whole image: C×H×W → C, as PyTorch's AdaptiveAvgPool2d(1)
 * followed by a flatten. C = channels, P = H·W cells per channel.
 */
#define G_LOG_DOMAIN "lab-layer-global-avgpool2d"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lab-error.h"
#include "lab-layer.h"

static gboolean
gap_infer_shape (LabLayerInfo  *info,
                 GError       **error)
{
  const LabShape *in = &info->in_shape[0];

  if (in->ndim != 3)
    {
      g_autofree char *got = lab_shape_to_string (in);

      g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                   _("GlobalAvgPool2D “%s” needs an image input (channels×height×width) but "
                     "receives %s: place it after a convolution, or set the Input shape to an "
                     "image shape such as 1×28×28"),
                   info->name, got);
      return FALSE;
    }
  info->out_shape = lab_shape_flat (in->dims[0]);
  return TRUE;
}

static guint64
gap_flops (const LabLayerInfo *info)
{
  return lab_shape_size (&info->in_shape[0]);
}

/* out (N, C), inp (N, C, P) */
static void
gap_forward_kernel (float       *out,
                    const float *inp,
                    gsize        NC,
                    gsize        P)
{
  for (gsize i = 0; i < NC; i++)
    {
      const float *x = inp + i * P;
      float acc = 0.0f;

      for (gsize p = 0; p < P; p++)
        acc += x[p];
      out[i] = acc / P;
    }
}

/* dinp (N, C, P) += dout (N, C) / P */
static void
gap_backward_kernel (float       *dinp,
                     const float *dout,
                     gsize        NC,
                     gsize        P)
{
  for (gsize i = 0; i < NC; i++)
    {
      float *dx = dinp + i * P;
      float g = dout[i] / P;

      for (gsize p = 0; p < P; p++)
        dx[p] += g;
    }
}

static void
gap_forward (const LabLayerRun *run)
{
  const LabShape *in = &run->info->in_shape[0];

  gap_forward_kernel (run->out, run->inp[0], (gsize) run->batch * in->dims[0],
                      (gsize) in->dims[1] * in->dims[2]);
}

static void
gap_backward (const LabLayerRun *run)
{
  const LabShape *in = &run->info->in_shape[0];

  if (run->dinp[0] == NULL)
    return;
  gap_backward_kernel (run->dinp[0], run->dout, (gsize) run->batch * in->dims[0],
                       (gsize) in->dims[1] * in->dims[2]);
}

const LabLayerType lab_layer_global_avgpool2d = {
  .name = "GlobalAvgPool2D",
  .label = N_("Global Average Pooling"),
  .category = "Pooling",
  .blurb = N_("Averages each feature map to one value, a light replacement for Flatten"),
  .min_inputs = 1,
  .max_inputs = 1,
  .infer_shape = gap_infer_shape,
  .flops = gap_flops,
  .forward = gap_forward,
  .backward = gap_backward,
};

/* lab-layer-reshape.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gives the values of each sample a new shape with the same number of elements, keeping their
 * row-major order (PyTorch's reshape/view): 784 → 1×28×28 turns a flat MNIST row into an image.
 */
#define G_LOG_DOMAIN "lab-layer-reshape"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-error.h"
#include "lab-layer.h"
#include "lab-layer-spatial-private.h"

static const LabHParamSpec reshape_hparams[] = {
  {
    .key = "shape",
    .label = N_("Shape"),
    .blurb = N_("The new shape of each sample, holding as many values as the input. Use "
                "channels×height×width to feed flat pixels to a convolution, such as 1×28×28 "
                "for 784 MNIST pixels."),
    .kind = LAB_HP_SHAPE,
    .def_shape = "1x28x28",
  },
};

static gboolean
reshape_infer_shape (LabLayerInfo  *info,
                     GError       **error)
{
  const LabShape *in = &info->in_shape[0];
  const LabShape *want = &info->hp[0].shape;
  gsize n_in = lab_shape_size (in);
  gsize n_want = lab_shape_size (want);

  if (!lab_hparam_check (&reshape_hparams[0], &info->hp[0], info->name, error))
    return FALSE;
  if (n_in != n_want)
    {
      g_autofree char *in_text = lab_shape_to_string (in);
      g_autofree char *want_text = lab_shape_to_string (want);

      g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                   _("Reshape “%s” cannot turn its input %s (%zu values) into "
                     "%s (%zu values): choose a shape with %zu values"),
                   info->name, in_text, n_in, want_text, n_want, n_in);
      return FALSE;
    }
  info->out_shape = *want;
  return TRUE;
}

static guint64
reshape_flops (const LabLayerInfo *info)
{
  return 0;
}

const LabLayerType lab_layer_reshape = {
  .name = "Reshape",
  .label = N_("Reshape"),
  .category = "Core",
  .blurb = N_("Rearranges each sample into a new shape with the same number of values"),
  .min_inputs = 1,
  .max_inputs = 1,
  .hparams = reshape_hparams,
  .n_hparams = G_N_ELEMENTS (reshape_hparams),
  .infer_shape = reshape_infer_shape,
  .flops = reshape_flops,
  .forward = lab_layer_copy_forward,
  .backward = lab_layer_copy_backward,
  .grad_assign = TRUE,
  .view = TRUE,
};

/* lab-layer-input.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The node where samples enter the network. It has no inputs and no parameters: its output shape
 * is the "shape" setting, and the network writes each batch straight into its output buffer.
 */
#define G_LOG_DOMAIN "lab-layer-input"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lab-error.h"
#include "lab-layer.h"

static const LabHParamSpec input_hparams[] = {
  {
    .key = "shape",
    .label = N_("Shape"),
    .blurb = N_("The size of one sample: the number of features for tabular data (such as 4), "
                "or channels×height×width for images (1×28×28 for MNIST). It is filled in from "
                "the dataset when one is bound."),
    .kind = LAB_HP_SHAPE,
    .def_shape = "2",
  },
};

static gboolean
input_infer_shape (LabLayerInfo  *info,
                   GError       **error)
{
  if (!lab_hparam_check (&input_hparams[0], &info->hp[0], info->name, error))
    return FALSE;
  info->out_shape = info->hp[0].shape;
  return TRUE;
}

static guint64
input_flops (const LabLayerInfo *info)
{
  return 0;
}

/* The network copies the batch into run->out before the first layer runs, so there is nothing to
 * compute here; copying again would only cost time. */
static void
input_forward (const LabLayerRun *run)
{
}

/* Nothing flows further back than the data: there are no inputs and no parameters. */
static void
input_backward (const LabLayerRun *run)
{
}

const LabLayerType lab_layer_input = {
  .name = "Input",
  .label = N_("Input"),
  .category = "Core",
  .blurb = N_("Where samples enter the network; its shape matches one sample of the dataset"),
  .min_inputs = 0,
  .max_inputs = 0,
  .hparams = input_hparams,
  .n_hparams = G_N_ELEMENTS (input_hparams),
  .infer_shape = input_infer_shape,
  .flops = input_flops,
  .forward = input_forward,
  .backward = input_backward,
};

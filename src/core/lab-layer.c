/* lab-layer.c: the registry of layer types
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-layer"

#include "lab-layer.h"

static const LabLayerType * const layer_types[] = {
  &lab_layer_input,
  &lab_layer_dense,
  &lab_layer_flatten,
  &lab_layer_reshape,
  &lab_layer_conv2d,
  &lab_layer_maxpool2d,
  &lab_layer_avgpool2d,
  &lab_layer_global_avgpool2d,
  &lab_layer_batchnorm,
  &lab_layer_layernorm,
  &lab_layer_dropout,
  &lab_layer_activation,
  &lab_layer_add,
  &lab_layer_concatenate,
  NULL,
};

const LabLayerType * const *
lab_layer_types (void)
{
  return layer_types;
}

const LabLayerType *
lab_layer_type_find (const char *name)
{
  for (guint i = 0; layer_types[i] != NULL; i++)
    if (g_strcmp0 (layer_types[i]->name, name) == 0)
      return layer_types[i];
  return NULL;
}

gsize
lab_param_descs_size (const LabParamDesc *descs,
                      guint               n)
{
  gsize total = 0;

  for (guint i = 0; i < n; i++)
    total += lab_shape_size (&descs[i].shape);
  return total;
}

/* layer-fixture.h: one layer type run outside any network, for the layer tests
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lab-core.h"

G_BEGIN_DECLS

/* One layer outside any network: settings, buffers, parameters filled as their descs say. */
typedef struct
{
  const LabLayerType *type;
  LabHValue    hp[8];
  LabLayerInfo info;
  LabLayerRun  run;
  gsize        in_size[LAB_MAX_INPUTS];
  gsize        out_size;
  gsize        n_params;
  gsize        n_state;
  LabRng       rng;
} Fixture;

void fixture_init         (Fixture            *f,
                           const LabLayerType *type);
/* Sets the hyperparameter named key in hp, an array of the type's settings. */
void set_hp               (LabHValue          *hp,
                           const LabLayerType *type,
                           const char         *key,
                           double              v);
/* Infers the output shape and allocates the buffers for a batch of the given input shapes. */
void fixture_compile      (Fixture            *f,
                           guint               n_inputs,
                           const LabShape     *shapes,
                           guint               batch,
                           gboolean            training);
/* Inputs drawn from N(0, 2²). */
void fixture_random_input (Fixture            *f,
                           guint64             seed);
void fixture_clear        (Fixture            *f);

G_END_DECLS

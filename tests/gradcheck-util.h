/* gradcheck-util.h: central-difference gradient checks for one layer type
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lab-core.h"

G_BEGIN_DECLS

typedef struct
{
  const LabLayerType *type;
  const LabHValue    *hp;          /* NULL: the type's defaults */
  guint               n_inputs;
  LabShape            in_shape[LAB_MAX_INPUTS];
  guint               batch;       /* N, 2 is plenty */
  gboolean            training;
  guint64             seed;
} GradcheckCase;

/* Checks d(Σ out ⊙ R)/d(every input and parameter element) of the analytical backward against
 * central differences of the float forward; asserts (g_test_fail with a message naming the
 * tensor and element) on a mismatch. Returns the largest error seen, relative to max(1, |g|). */
double gradcheck_layer (const GradcheckCase *c);

G_END_DECLS

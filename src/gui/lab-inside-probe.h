/* lab-inside-probe.h: what the Inside page asks the training worker to compute
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-filter-view.h"
#include "lab-inspect.h"
#include "lab-trainer.h"

G_BEGIN_DECLS

typedef enum
{
  PROBE_ACTIVATIONS = 1 << 0,
  PROBE_FILTERS     = 1 << 1,
  PROBE_HEALTH      = 1 << 2,
  PROBE_DECISION    = 1 << 3,
} LabInsideProbeFlags;

typedef struct
{
  GWeakRef            page;
  LabInsideProbeFlags flags;
  float              *x;        /* the sample, for activations */
  gsize               x_dim;
} LabInsideProbeJob;

typedef struct
{
  LabActivations     *acts;
  LabFilterSet       *filters;
  LabParamHistograms *hists;
  LabDeadReport      *dead;
  LabDecisionGrid    *grid;
} LabInsideProbeResult;

/* A LabProbeFunc: runs on the training worker between two batches; user_data is the job. */
gpointer lab_inside_probe_worker      (LabTrainer           *trainer,
                                       gpointer              user_data);
void     lab_inside_probe_result_free (LabInsideProbeResult *result);

G_END_DECLS

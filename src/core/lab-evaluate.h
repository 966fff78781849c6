/* lab-evaluate.h: a trained network's predictions on a dataset, with the metrics that fit it
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lab-dataset.h"
#include "lab-loss.h"
#include "lab-metrics.h"
#include "lab-network.h"

G_BEGIN_DECLS

typedef struct
{
  gsize                n;
  guint                out_size;
  guint                n_classes;   /* 0 for regression */
  double               loss;        /* mean data loss */
  double               accuracy;    /* NaN for regression */
  float               *scores;      /* (n, out_size): probabilities for classification */
  float               *targets;     /* (n, y_dim) copied from the data */
  LabClassReport      *report;      /* classification; NULL otherwise */
  LabRegressionReport  regression;  /* regression */
  double               auc_macro;   /* classification; NaN when undefined */
  double               auc_micro;
} LabEvaluation;

/* Runs data through net in inference mode, in batches. */
LabEvaluation *lab_evaluate      (LabNetwork       *net,
                                  const LabLoss    *loss,
                                  const LabDataset *data,
                                  GError          **error);
void           lab_evaluation_free (LabEvaluation  *self);

/* The outputs of every layer for one sample: runs a forward pass in inference mode, after which
 * lab_network_find_step (net, name)->out holds each layer's activations for that sample. */
void           lab_network_run_sample (LabNetwork  *net,
                                       const float *x);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabEvaluation, lab_evaluation_free)

G_END_DECLS

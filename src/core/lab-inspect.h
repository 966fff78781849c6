/* lab-inspect.h: looking inside a network: activations, weight histograms, dead units, health
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure computations on a LabNetwork for the "Inside" views. Every function that runs the network
 * (activations, dead units, the decision grid) uses its buffers, so call them from the thread
 * that owns it: in the window, a probe on the training worker between two batches. Each returns
 * a self-contained copy that may then cross to another thread. The health check only reads
 * figures (train points and dead-unit reports) and runs anywhere.
 *
 *   LabActivations *a = lab_inspect_activations (net, sample_x);
 *   LabParamHistograms *h = lab_inspect_histograms (net, 32);
 *   GPtrArray *warnings = lab_health_check (points, n_points, dead);
 */
#pragma once

#include "lab-dataset.h"
#include "lab-network.h"
#include "lab-trainer.h"

G_BEGIN_DECLS

/* One layer's output for one sample. */
typedef struct
{
  char     *name;         /* the node's name */
  char     *type_name;    /* "Conv2D", "Dense", "Activation": the layer type's stable id */
  LabShape  shape;        /* per sample: (C, H, W) or (D) */
  gsize     size;
  float    *values;       /* (size) */
  gboolean  is_output;    /* the last layer: values are probabilities for classification */
} LabLayerActivation;

typedef struct
{
  guint               n_layers;
  LabLayerActivation *layers;   /* in execution order, the Input first */
} LabActivations;

/* Runs x (one sample, net->in_size floats) in inference mode and copies every layer's output.
 * The output layer's values are what a person reads (lab_network_probabilities): softmax
 * probabilities even where the loss was given logits. */
LabActivations *lab_inspect_activations (LabNetwork  *net,
                                         const float *x);
void            lab_activations_free    (LabActivations *self);

/* Counts of values in n_bins equal bins spanning [min, max]; bin i holds
 * min + i·w <= v < min + (i + 1)·w with w = (max − min) / n_bins, the last bin also holding max.
 * A constant tensor gets the range [v − 0.5, v + 0.5]. NaN and infinite values are counted in
 * n_nonfinite and not binned, so Σ counts + n_nonfinite = n. */
typedef struct
{
  guint   n_bins;
  float   min;
  float   max;
  guint  *counts;        /* (n_bins) */
  gsize   n;
  gsize   n_nonfinite;
  double  norm;          /* ‖v‖₂ of the finite values */
} LabHistogram;

void            lab_histogram_compute   (LabHistogram *h,
                                         const float  *values,
                                         gsize         n,
                                         guint         n_bins);
void            lab_histogram_clear     (LabHistogram *h);

/* One parameter tensor ("weight", "bias", "gamma") with histograms of its values and of the
 * gradient of the last backward pass. */
typedef struct
{
  char         *layer;
  char         *tensor;
  LabShape      shape;
  gboolean      trainable;  /* frozen tensors have no gradient: grads is empty (n = 0) */
  LabHistogram  weights;
  LabHistogram  grads;
} LabTensorHistogram;

typedef struct
{
  guint               n_tensors;
  LabTensorHistogram *tensors;   /* in the order of the steps */
} LabParamHistograms;

LabParamHistograms *lab_inspect_histograms (LabNetwork *net,
                                            guint       n_bins);
void            lab_param_histograms_free  (LabParamHistograms *self);

/* ReLU units that output 0 for every sample of a batch. A unit is a feature of a flat output or a
 * channel of an image-shaped one (a dead filter is zero at every position). Only Activation
 * layers with the ReLU function are reported. */
typedef struct
{
  char   *layer;
  guint   n_units;
  guint   n_dead;
  double  fraction;   /* n_dead / n_units */
} LabDeadUnits;

typedef struct
{
  guint         n_layers;
  LabDeadUnits *layers;
  gsize         n_samples;   /* the batch they were measured on */
} LabDeadReport;

/* Runs x (n samples) in inference mode, in batches of at most net->max_batch. */
LabDeadReport  *lab_inspect_dead_relus  (LabNetwork  *net,
                                         const float *x,
                                         gsize        n);
void            lab_dead_report_free    (LabDeadReport *self);
const LabDeadUnits *lab_dead_report_find (const LabDeadReport *self,
                                          const char          *layer);

/* Class probabilities of a network with two inputs over a grid × grid raster covering the data
 * (its bounding box with a margin of 10 % on each side). Cell (i, j) is centred at
 * x = x_min + (i + ½)·(x_max − x_min)/grid, y = y_min + (j + ½)·(y_max − y_min)/grid. A single
 * sigmoid output becomes two classes (1 − p, p). */
typedef struct
{
  guint   grid;
  guint   n_classes;
  double  x_min, x_max;
  double  y_min, y_max;
  float  *probs;   /* (grid [j: y], grid [i: x], n_classes) */
} LabDecisionGrid;

/* LAB_ERROR_SHAPE_MISMATCH unless the network takes 2 inputs and data has 2 features and
 * classes. */
LabDecisionGrid *lab_inspect_decision_grid (LabNetwork       *net,
                                            const LabDataset *data,
                                            guint             grid,
                                            GError          **error);
void            lab_decision_grid_free  (LabDecisionGrid *self);

typedef enum
{
  LAB_HEALTH_VANISHING,
  LAB_HEALTH_EXPLODING,
  LAB_HEALTH_DEAD_RELU,
} LabHealthKind;

typedef struct
{
  LabHealthKind  kind;
  char          *layer;
  char          *summary;   /* what was seen, with the figures: translated */
  const char    *advice;    /* what it means and what usually helps: translated, static */
} LabHealthWarning;

void            lab_health_warning_free (LabHealthWarning *self);
/* "Vanishing gradients": a short translated title for a kind. */
const char     *lab_health_kind_title   (LabHealthKind kind);

/* Warnings per layer from the recent history of training (points in time order, usually the
 * last few hundred batches; may be empty) and a dead-unit report (may be NULL). The thresholds
 * are documented in lab-inspect-health.c. (transfer full): an array of LabHealthWarning. */
GPtrArray      *lab_health_check        (const LabTrainPoint * const *points,
                                         guint                        n_points,
                                         const LabDeadReport         *dead);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabActivations, lab_activations_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabParamHistograms, lab_param_histograms_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabDeadReport, lab_dead_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabDecisionGrid, lab_decision_grid_free)

G_END_DECLS

/* lab-settings.h: a model's training settings and its dataset reference, as stored in a project
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lab-dataset.h"
#include "lab-init.h"
#include "lab-loss.h"
#include "lab-optimizer.h"
#include "lab-schedule.h"

G_BEGIN_DECLS

typedef enum
{
  LAB_METRIC_VAL_LOSS,       /* lower is better */
  LAB_METRIC_VAL_ACCURACY,   /* higher is better */
} LabMetricKind;

typedef enum
{
  LAB_CLASS_WEIGHTS_NONE,
  LAB_CLASS_WEIGHTS_BALANCED,   /* lab_loss_balanced_weights on the training split */
} LabClassWeightsKind;

typedef struct
{
  LabLossKind          loss;
  float                huber_delta;
  LabClassWeightsKind  class_weights;
  LabOptimizerConfig   optimizer;
  LabScheduleConfig    schedule;
  LabInit              init;
  guint                batch_size;     /* 1 = SGD, ≥ training size = full batch */
  guint                epochs;
  gboolean             shuffle;
  guint64              seed;
  double               val_fraction;   /* of the training data */
  double               test_fraction;  /* only for data without a test set of its own */
  LabScalingKind       scaling;
  gboolean             reconstruct;    /* targets are the (scaled) inputs: autoencoders */
  gboolean             early_stopping;
  LabMetricKind        early_metric;
  guint                patience;       /* epochs without improvement */
  double               min_delta;
  gboolean             restore_best;
  guint                threads;        /* OpenBLAS threads; 0 = all cores */
} LabTrainSettings;

typedef enum
{
  LAB_DATA_SYNTHETIC,
  LAB_DATA_FASHION_MNIST,
  LAB_DATA_IDX,
  LAB_DATA_CSV,
} LabDataKind;

typedef struct
{
  LabDataKind      kind;
  /* SYNTHETIC */
  LabSyntheticKind synthetic;
  gsize            n_samples;
  double           noise;
  guint            n_classes;
  /* FASHION_MNIST: dir (NULL: the system's); IDX: the four files (test ones optional) */
  char            *dir;
  char            *train_images;
  char            *train_labels;
  char            *test_images;
  char            *test_labels;
  /* CSV */
  char            *csv_path;
  char            *label_column;
  gboolean         classification;
  /* Rows of the training file to use (0 = all): quick runs on a slice of a big set. */
  gsize            limit;
} LabDataRef;

/* Defaults a new model starts with: cross-entropy, Adam 0.001, He-normal, batch 32, 20 epochs,
 * shuffle, seed 1, 20 % validation, 10 % test, z-score, no early stopping (patience 5). */
void      lab_train_settings_defaults (LabTrainSettings       *self);
/* Every value in range; the message names the setting ("Batch size must be at least 1"). */
gboolean  lab_train_settings_check    (const LabTrainSettings *self,
                                       GError                **error);
/* JSON object ↔ settings. Unknown members are ignored, missing ones keep their defaults, a
 * member of the wrong type or an unknown name ("optimizer": "adamx") is an error naming it. */
JsonNode *lab_train_settings_to_json  (const LabTrainSettings *self);
gboolean  lab_train_settings_from_json (LabTrainSettings      *self,
                                        JsonNode              *node,
                                        GError               **error);
const char *lab_metric_kind_to_string   (LabMetricKind  kind);   /* "val-loss", "val-accuracy" */
gboolean    lab_metric_kind_from_string (const char    *text,
                                         LabMetricKind *kind);

void      lab_data_ref_init         (LabDataRef       *self);   /* spirals, 1000 samples */
void      lab_data_ref_clear        (LabDataRef       *self);
void      lab_data_ref_copy         (LabDataRef       *dest,
                                     const LabDataRef *src);
JsonNode *lab_data_ref_to_json      (const LabDataRef *self);
gboolean  lab_data_ref_from_json    (LabDataRef       *self,
                                     JsonNode         *node,
                                     GError          **error);
/* One line for people: "Two spirals, 1000 points, noise 0.1", "Fashion-MNIST". */
char     *lab_data_ref_describe     (const LabDataRef *self);
/* Loads the referenced data: train always, test when the source has a test set of its own
 * (Fashion-MNIST, IDX with test files), else *test = NULL. Relative paths are resolved against
 * base_dir (the project's folder). seed drives synthetic generation. */
gboolean  lab_data_ref_load         (const LabDataRef *self,
                                     const char       *base_dir,
                                     guint64           seed,
                                     LabDataset      **train,
                                     LabDataset      **test,
                                     GError          **error);

G_END_DECLS

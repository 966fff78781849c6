/* lab-dataset.h: in-memory datasets, their loaders and generators, splits and scaling
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lab-rng.h"
#include "lab-types.h"

G_BEGIN_DECLS

/* n samples; x is (n, x_shape) float32, y is (n, y_dim).
 * Classification data has n_classes > 0 and y_dim 1 holding the class index as a float, until
 * lab_dataset_one_hot() turns it into (n, n_classes). Regression data has n_classes 0.
 * Pixels of IDX images are scaled to [0, 1] on load. */
typedef struct
{
  char      *name;           /* "Fashion-MNIST (train)", "spirals", a file's basename */
  gsize      n;
  LabShape   x_shape;        /* per sample: (D) or (C, H, W) */
  gsize      x_dim;          /* product of x_shape */
  float     *x;
  guint      y_dim;
  float     *y;
  guint      n_classes;
  char     **class_names;    /* n_classes names, or NULL */
  char     **feature_names;  /* x_dim names for CSV data, or NULL */
} LabDataset;

LabDataset *lab_dataset_new       (const char     *name,
                                   gsize           n,
                                   const LabShape *x_shape,
                                   guint           y_dim,
                                   guint           n_classes,
                                   GError        **error);
void        lab_dataset_free      (LabDataset     *self);
/* A new dataset holding the samples at indices[0..n). */
LabDataset *lab_dataset_subset    (const LabDataset *self,
                                   const guint32    *indices,
                                   gsize             n,
                                   const char       *name,
                                   GError          **error);
/* Classification only: y becomes one-hot (n, n_classes). */
gboolean    lab_dataset_one_hot   (LabDataset     *self,
                                   GError        **error);
/* Makes the inputs the targets (autoencoders): y becomes a copy of x, (n, x_dim), and the data
 * becomes regression data. */
gboolean    lab_dataset_targets_from_inputs (LabDataset *self,
                                             GError    **error);
/* Samples per class (n_classes entries) for class histograms and weights. */
void        lab_dataset_class_counts (const LabDataset *self,
                                      gsize            *counts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabDataset, lab_dataset_free)

/* IDX files (LeCun's format), gzip-compressed or raw, detected from the content:
 * images u8 with 3 dimensions (n, rows, cols) → x (n, 1, rows, cols) scaled to [0, 1];
 * labels u8 with 1 dimension. Errors name the file and the byte offset. */
LabDataset *lab_dataset_load_idx  (const char *images_path,
                                   const char *labels_path,
                                   GError    **error);
/* Fashion-MNIST from dir (NULL: /usr/share/datasets/fashion-mnist), with its class names;
 * test = TRUE loads the 10,000 test images, else the 60,000 training images. */
LabDataset *lab_dataset_load_fashion_mnist (const char *dir,
                                            gboolean    test,
                                            GError    **error);
const char *lab_dataset_fashion_mnist_dir  (void);

/* CSV with a header row: every column but label_column is a numeric feature. A label column of
 * numbers or names is a classification target with classes named by their sorted distinct
 * values when classification is TRUE, else a numeric regression target. Errors name the file,
 * the line and the column: ragged rows, non-numeric, missing, NaN or infinite cells, an unknown
 * label column. */
LabDataset *lab_dataset_load_csv  (const char *path,
                                   const char *label_column,
                                   gboolean    classification,
                                   GError    **error);

typedef enum
{
  LAB_SYNTHETIC_SPIRALS,
  LAB_SYNTHETIC_CIRCLES,
  LAB_SYNTHETIC_XOR,
  LAB_SYNTHETIC_BLOBS,
  LAB_SYNTHETIC_MOONS,
  LAB_SYNTHETIC_N_KINDS
} LabSyntheticKind;

/* 2-D points x (n, 2) in roughly [−1, 1]², labels y (n, 1). n_classes: spirals (arms) and blobs
 * take 2 to 10, circles, XOR and moons only 2. noise is the standard deviation of Gaussian noise
 * added to each coordinate (relative to the unit scale). Deterministic for a seed. */
LabDataset *lab_dataset_synthetic (LabSyntheticKind kind,
                                   gsize            n,
                                   double           noise,
                                   guint            n_classes,
                                   guint64          seed,
                                   GError         **error);
const char *lab_synthetic_kind_to_string   (LabSyntheticKind  kind);   /* "spirals" */
gboolean    lab_synthetic_kind_from_string (const char       *text,
                                            LabSyntheticKind *kind);

/* Splits 0..n−1 after a seeded shuffle into train, validation and test index lists, in that
 * order of the shuffled list, with ⌊n·val_fraction⌋ validation and ⌊n·test_fraction⌋ test
 * samples. Each array is newly allocated. */
gboolean    lab_dataset_split     (gsize      n,
                                   double     val_fraction,
                                   double     test_fraction,
                                   guint64    seed,
                                   guint32  **train,
                                   gsize     *n_train,
                                   guint32  **val,
                                   gsize     *n_val,
                                   guint32  **test,
                                   gsize     *n_test,
                                   GError   **error);

typedef enum
{
  LAB_SCALING_NONE,
  LAB_SCALING_MINMAX,   /* (x − min) / (max − min) per feature, to [0, 1]; constant features → 0 */
  LAB_SCALING_ZSCORE,   /* (x − mean) / std per feature (population std); constant → 0 */
} LabScalingKind;

typedef struct
{
  LabScalingKind kind;
  gsize          dim;
  float         *offset;   /* x' = (x − offset) · scale */
  float         *scale;
} LabScaler;

/* Fits on the training split only, so that no statistic leaks from validation or test data. */
LabScaler  *lab_scaler_fit        (LabScalingKind    kind,
                                   const LabDataset *train,
                                   GError          **error);
void        lab_scaler_apply      (const LabScaler  *self,
                                   LabDataset       *data);
void        lab_scaler_free       (LabScaler        *self);
const char *lab_scaling_kind_to_string   (LabScalingKind  kind);   /* "none", "minmax", "zscore" */
gboolean    lab_scaling_kind_from_string (const char     *text,
                                          LabScalingKind *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabScaler, lab_scaler_free)

G_END_DECLS

/* lab-trainer-private.h: internals shared by the trainer's files and tests
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lab-loss.h"
#include "lab-trainer.h"

G_BEGIN_DECLS

struct _LabTrainControl
{
  gatomicrefcount  ref_count;
  GMutex           mutex;
  GCond            cond;
  gboolean         paused;
  gboolean         has_new_lr;
  double           new_lr;
  GCancellable    *cancellable;
};

/* Blocks while paused; hands over a new base learning rate if one was set; FALSE when
 * cancelled. */
gboolean lab_train_control_wait (LabTrainControl *self,
                                 double          *new_lr,
                                 GError         **error);

/* lab-train-point.c: a point's per-layer names and norms, from the network as it is now
 * (weights after the step, gradients of the batch), and freeing what that allocated. */
void     lab_train_point_fill_layers (LabTrainPoint *p,
                                      LabNetwork    *net);
void     lab_train_point_clear       (LabTrainPoint *p);

struct _LabTrainer
{
  LabTrainSettings  settings;
  LabNetwork       *net;
  LabOptimizer     *opt;
  LabSchedule       schedule;
  LabLoss           loss;
  float            *class_weights;
  LabDataset       *train;
  LabDataset       *val;
  LabDataset       *test;
  double            base_lr;

  /* Position: epochs completed, and inside the current epoch. */
  guint             epoch;
  guint             batch;          /* batches done in the current epoch */
  guint32          *order;          /* this epoch's sample order */
  LabRng            shuffle_rng;
  double            epoch_loss_sum; /* Σ batch loss · batch size */
  double            epoch_correct;
  gsize             epoch_seen;

  /* Early stopping. */
  double            best_metric;
  guint             bad_epochs;
  float            *best_weights;   /* snapshot, or NULL */
  gboolean          stopped_early;
  gboolean          keep_evaluation;  /* lab_trainer_set_keep_evaluation */
  LabEvaluation    *evaluation;       /* the last epoch's, of the validation split; owned */

  /* Work buffers for one batch. */
  float            *y_batch;
  float            *dlogits;
  float            *previous;       /* weights before the last step, for NaN rollback */
};

/* Correct predictions in a batch: argmax for several outputs, logit > 0 (or value > 0.5 when
 * the output is not logits) for one, compared with class indices. */
guint lab_count_correct (const float *out,
                         const float *labels,
                         guint        n,
                         guint        out_size,
                         gboolean     logits);

/* Mean loss and accuracy (NaN for regression) of a whole dataset in inference mode. */
void  lab_trainer_measure (LabTrainer       *self,
                           const LabDataset *data,
                           double           *loss,
                           double           *accuracy);

G_END_DECLS

/* lab-trainer.h: the training loop
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A LabTrainer owns a compiled network, its optimizer, its schedule and its data splits, and
 * keeps them between runs, so "Train again" continues with the optimizer state intact. It is
 * used by one thread at a time: create it anywhere, run it on a worker. The only things other
 * threads touch are a LabTrainControl (pause, resume, cancel, a new learning rate), and the
 * progress callback hands them copies of the figures.
 *
 *   LabTrainer *t = lab_trainer_new (graph, &settings, train, val, test, &error);
 *   lab_trainer_run (t, control, on_progress, data, &error);     // settings.epochs epochs
 */
#pragma once

#include <gio/gio.h>

#include "lab-dataset.h"
#include "lab-evaluate.h"
#include "lab-graph.h"
#include "lab-network.h"
#include "lab-optimizer.h"
#include "lab-schedule.h"
#include "lab-settings.h"

G_BEGIN_DECLS

/* One report: after every batch, and once more at the end of each epoch (end_of_epoch). */
typedef struct
{
  guint    epoch;             /* 1-based, counting all runs of this trainer */
  guint    batch;             /* 1-based within the epoch */
  guint    n_batches;         /* per epoch: ⌈n_train / batch size⌉ */
  guint64  step;              /* optimizer steps so far */
  gboolean end_of_epoch;
  double   loss;              /* this batch's data loss; at epoch end the epoch's mean */
  double   penalty;           /* the L1/L2 term added to it */
  double   accuracy;          /* this batch's, or the epoch's; NaN for regression */
  double   val_loss;          /* epoch end only; NaN without validation data */
  double   val_accuracy;
  double   lr;                /* learning rate used by this batch */
  double   grad_norm;         /* global ‖g‖₂ before clipping */
  double   elapsed;           /* seconds of training in this run */
  double   samples_per_second;
  guint    n_layers;          /* layers that have parameters */
  char   **layer_names;       /* [n_layers] */
  double  *layer_grad_norms;  /* ‖g‖₂ per layer */
  double  *layer_weight_norms;
} LabTrainPoint;

LabTrainPoint *lab_train_point_copy (const LabTrainPoint *point);
void           lab_train_point_free (LabTrainPoint       *point);

/* Called on the training thread; copy what you keep. */
typedef void (*LabProgressFunc) (const LabTrainPoint *point,
                                 gpointer             user_data);

/* Thread-safe controls honoured between batches. */
typedef struct _LabTrainControl LabTrainControl;

LabTrainControl *lab_train_control_new       (void);
LabTrainControl *lab_train_control_ref       (LabTrainControl *self);
void             lab_train_control_unref     (LabTrainControl *self);
void             lab_train_control_pause     (LabTrainControl *self);
void             lab_train_control_resume    (LabTrainControl *self);
gboolean         lab_train_control_is_paused (LabTrainControl *self);
/* Stops after the current batch; the run returns G_IO_ERROR_CANCELLED. */
void             lab_train_control_cancel    (LabTrainControl *self);
GCancellable    *lab_train_control_get_cancellable (LabTrainControl *self);
/* Replaces the base learning rate from the next batch on (the schedule still scales it). */
void             lab_train_control_set_lr    (LabTrainControl *self,
                                              double           lr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabTrainControl, lab_train_control_unref)

typedef struct _LabTrainer LabTrainer;

/* Compiles graph (copied) for settings, initialises the weights from settings->seed and takes
 * the datasets (val and test may be NULL). Classification data keeps class indices (y_dim 1). */
LabTrainer  *lab_trainer_new          (LabGraph               *graph,
                                       const LabTrainSettings *settings,
                                       LabDataset             *train,
                                       LabDataset             *val,
                                       LabDataset             *test,
                                       GError                **error);
void         lab_trainer_free         (LabTrainer             *self);

/* Trains until settings->epochs epochs have run in total (so a resumed or stopped trainer goes
 * on where it was; call lab_trainer_set_epochs to train further), early stopping fires, the
 * control cancels (G_IO_ERROR_CANCELLED) or the loss stops being finite (LAB_ERROR_DIVERGED,
 * with the weights from before the step that broke them). control may be NULL. */
gboolean     lab_trainer_run          (LabTrainer             *self,
                                       LabTrainControl        *control,
                                       LabProgressFunc         progress,
                                       gpointer                user_data,
                                       GError                **error);
void         lab_trainer_set_epochs   (LabTrainer             *self,
                                       guint                   epochs);
guint        lab_trainer_get_epoch    (LabTrainer             *self);   /* epochs completed */
/* TRUE when the last run ended because early stopping fired. */
gboolean     lab_trainer_stopped_early (LabTrainer            *self);

/* A caller that shows the whole evaluation of every epoch (the window) asks the trainer to keep
 * it: the validation split then goes through the network once per epoch, with scores kept,
 * instead of once for the run's own loss and accuracy and once more for the caller. */
void         lab_trainer_set_keep_evaluation (LabTrainer      *self,
                                              gboolean         keep);
/* The last finished epoch's evaluation of the validation split (transfer full), or NULL when
 * none is kept or it was taken already. */
LabEvaluation *lab_trainer_take_evaluation (LabTrainer      *self);

LabNetwork  *lab_trainer_get_network  (LabTrainer             *self);
LabOptimizer *lab_trainer_get_optimizer (LabTrainer           *self);
const LabTrainSettings *lab_trainer_get_settings (LabTrainer   *self);
const LabLoss *lab_trainer_get_loss   (LabTrainer             *self);
LabDataset  *lab_trainer_get_train    (LabTrainer             *self);
LabDataset  *lab_trainer_get_val      (LabTrainer             *self);
LabDataset  *lab_trainer_get_test     (LabTrainer             *self);

/* A checkpoint: weights, running statistics, optimizer buffers and step, epoch, schedule and
 * random state, best-so-far early-stopping state, as safetensors (atomic). Loading into a
 * trainer built from the same graph and settings resumes exactly: the next steps equal those
 * of an uninterrupted run bit for bit. extra_meta may be NULL (the CLI stores the project). */
gboolean     lab_trainer_save_checkpoint (LabTrainer          *self,
                                          const char          *path,
                                          GHashTable          *extra_meta,
                                          GError             **error);
gboolean     lab_trainer_load_checkpoint (LabTrainer          *self,
                                          const char          *path,
                                          GError             **error);

/* Splits and scales data the way a project asks: test from the source's own test set when it
 * has one, else test_fraction of it; val_fraction of the rest for validation; the scaler fitted
 * on the training part only. Deterministic for settings->seed. */
gboolean     lab_prepare_data         (LabDataset             *all,
                                       LabDataset             *own_test,
                                       const LabTrainSettings *settings,
                                       LabDataset            **train,
                                       LabDataset            **val,
                                       LabDataset            **test,
                                       GError                **error);

G_END_DECLS

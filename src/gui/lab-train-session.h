/* lab-train-session.h: the window's training, on a worker thread, reported on the main loop
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A LabTrainSession owns one LabTrainer at a time and runs it in a GTask on a worker thread:
 * loading the dataset, training and evaluating never happen on the main loop. The worker hands
 * progress over through a queue that the main loop drains in one idle callback per frame, so a
 * burst of batches costs the window one wake-up, never a wait.
 *
 * Everything below is called, and every signal emitted, on the main thread. Only probe
 * functions (see lab_train_session_probe) run on the worker.
 *
 *   session = lab_train_session_new ();
 *   g_signal_connect (session, "progress", G_CALLBACK (on_progress), self);
 *   lab_train_session_start (session, graph, &settings, project_dir);
 *   ...
 *   lab_train_session_pause (session);
 */
#pragma once

#include <gio/gio.h>

#include "lab-core.h"
#include "lab-evaluate.h"
#include "lab-graph.h"
#include "lab-settings.h"
#include "lab-trainer.h"

G_BEGIN_DECLS

typedef enum
{
  LAB_TRAIN_STATE_IDLE,       /* no run; weights may exist from an earlier one */
  LAB_TRAIN_STATE_PREPARING,  /* loading and splitting data, building the trainer */
  LAB_TRAIN_STATE_RUNNING,
  LAB_TRAIN_STATE_PAUSED,
  LAB_TRAIN_STATE_STOPPING,   /* asked to stop; ends after the current batch */
} LabTrainState;

typedef enum
{
  LAB_SPLIT_TRAIN,
  LAB_SPLIT_VALIDATION,
  LAB_SPLIT_TEST,
} LabSplit;

#define LAB_TYPE_TRAIN_STATE (lab_train_state_get_type ())
GType lab_train_state_get_type (void) G_GNUC_CONST;

#define LAB_TYPE_TRAIN_SESSION (lab_train_session_get_type ())
G_DECLARE_FINAL_TYPE (LabTrainSession, lab_train_session, LAB, TRAIN_SESSION, GObject)

LabTrainSession *lab_train_session_new        (void);

/* Trains graph with settings (both copied). When the session already holds weights for a graph
 * of the same structure and the same data, it continues from them with the optimizer state
 * intact ("Train again": settings->epochs more epochs); otherwise it starts afresh.
 * project_dir (may be NULL) resolves relative dataset paths. */
void             lab_train_session_start      (LabTrainSession        *self,
                                               LabGraph               *graph,
                                               const LabTrainSettings *settings,
                                               const char             *project_dir);
void             lab_train_session_pause      (LabTrainSession        *self);
void             lab_train_session_resume     (LabTrainSession        *self);
/* Ends after the current batch, keeps the weights and writes a checkpoint (see
 * lab_train_session_get_checkpoint_path). */
void             lab_train_session_stop       (LabTrainSession        *self);
/* Forgets weights and optimizer state; the next start begins from freshly initialised weights.
 * Only when idle. (Implementation: when busy, it stops the run and resets once it has ended.) */
void             lab_train_session_reset      (LabTrainSession        *self);
/* Takes effect from the next batch. */
void             lab_train_session_set_learning_rate (LabTrainSession *self,
                                                      double           lr);

LabTrainState    lab_train_session_get_state  (LabTrainSession        *self);
gboolean         lab_train_session_is_busy    (LabTrainSession        *self);  /* not IDLE */
gboolean         lab_train_session_has_weights (LabTrainSession       *self);
const char      *lab_train_session_get_checkpoint_path (LabTrainSession *self);
/* The settings of the current or last run (NULL before the first). */
const LabTrainSettings *lab_train_session_get_settings (LabTrainSession *self);
/* The prepared splits of the current or last run, read-only (the trainer never changes them
 * once built, so the main thread may read them while a run goes on). NULL when absent. */
LabDataset      *lab_train_session_get_dataset (LabTrainSession       *self,
                                                LabSplit               split);

/* Evaluates the current weights on a split in the background; the result comes as ::evaluated.
 * Validation is evaluated by the session itself after every epoch. */
void             lab_train_session_evaluate   (LabTrainSession        *self,
                                               LabSplit               split);

/* Work that must see the weights at a consistent moment (activations, histograms, a decision
 * boundary): func runs on the worker between two batches (or at once on a worker when no run
 * goes on) with the trainer, and done then receives its result on the main thread. The session
 * frees the result with result_free after done returns. NULL is a valid result. Probes queued
 * when the session is reset or disposed still get done with a NULL result. */
typedef gpointer (*LabProbeFunc) (LabTrainer *trainer,
                                  gpointer    user_data);
typedef void     (*LabProbeDone) (gpointer    result,
                                  gpointer    user_data);

void             lab_train_session_probe      (LabTrainSession        *self,
                                               LabProbeFunc            func,
                                               LabProbeDone            done,
                                               gpointer                user_data,
                                               GDestroyNotify          result_free);

/* Added by the session's implementer. */

/* The dataset the next start trains on (copied); until set, the default of a new model
 * (lab_data_ref_init: two spirals). */
void             lab_train_session_set_data   (LabTrainSession        *self,
                                               const LabDataRef       *data);
/* The base learning rate of the current or last run, with live changes. */
double           lab_train_session_get_learning_rate (LabTrainSession *self);
/* What decides between "Train again" and a fresh start: a hash of the graph's structure and
 * settings (not its layout), the data and every training setting but epochs and learning rate. */
char            *lab_train_session_fingerprint (LabGraph              *graph,
                                                const LabTrainSettings *settings,
                                                const LabDataRef      *data);

/* Signals (all on the main thread):
 *   "state-changed" ()                                 see ::state (a property, notify too)
 *   "progress" (const LabTrainPoint *point)            every batch and every epoch end
 *   "evaluated" (LabSplit split, LabEvaluation *eval)  after every epoch (validation) and on request
 *   "evaluation-failed" (LabSplit split, const GError *error)  one of those could not be made
 *   "finished" (const GError *error)                   NULL when the epochs ran out or early
 *                                                      stopping fired; G_IO_ERROR_CANCELLED after
 *                                                      stop; anything else is the reason (NaN…)
 *   "prepared" ()                                      a run's splits are ready
 *                                                      (lab_train_session_get_dataset); after
 *                                                      a fresh start they are new ones
 * Properties: "state" (LabTrainState), "has-weights" (gboolean), "learning-rate" (double,
 * added: the base rate of the current or last run with live changes, notified when it changes,
 * so that every field showing it can follow). */

G_END_DECLS

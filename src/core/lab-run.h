/* lab-run.h: one training run as the project remembers it: when, with which settings, its
 * curves, its final figures and how it ended
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window starts a LabRun when training starts, feeds it every LabTrainPoint and closes it
 * with the run's outcome; the project keeps its runs (LabProject.runs) so that two can be
 * overlaid and their settings compared later. Per-batch losses are averaged into at most
 * LAB_RUN_MAX_BATCH_POINTS points, so a long run costs a project a few tens of kilobytes.
 *
 *   LabRun *run = lab_run_new (_("Run 1"), &settings, &data);
 *   lab_run_add_point (run, point);            // for every report of the trainer
 *   lab_run_finish (run, error, elapsed);       // NULL, cancelled, diverged…
 *   g_ptr_array_add (project->runs, run);
 *
 * In JSON (a member of the project's "runs" list):
 *   { "name": "Run 1", "started": "2026-11-22T06:30:00Z", "duration": 12.5,
 *     "end": "early-stopped", "end-reason": null,
 *     "training": { … }, "dataset": { … },
 *     "epochs": { "epoch": [1, 2], "loss": [...], "accuracy": [...], "val-loss": [...],
 *                 "val-accuracy": [...], "lr": [...] },
 *     "batches": { "per-point": 4, "epoch": [...], "loss": [...] },
 *     "test": { "loss": null, "accuracy": null } }
 * null stands for a figure that does not exist (NaN: no validation data, a regression's
 * accuracy).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lab-settings.h"
#include "lab-trainer.h"

G_BEGIN_DECLS

#define LAB_RUN_MAX_BATCH_POINTS 2000

typedef enum
{
  LAB_RUN_RUNNING,         /* not finished (or LayerLab closed while it ran) */
  LAB_RUN_COMPLETED,       /* every epoch it was asked for */
  LAB_RUN_STOPPED,         /* the user stopped it */
  LAB_RUN_EARLY_STOPPED,   /* early stopping fired */
  LAB_RUN_DIVERGED,        /* the loss stopped being finite */
  LAB_RUN_FAILED,          /* any other error (end_reason says which) */
} LabRunEnd;

#define LAB_RUN_N_ENDS (LAB_RUN_FAILED + 1)

/* Figures at the end of one epoch; epochs count from 1 within the run. */
typedef struct
{
  double epoch;
  double loss;
  double accuracy;
  double val_loss;
  double val_accuracy;
  double lr;
} LabRunEpoch;

typedef struct
{
  char             *name;
  GDateTime        *started;      /* UTC */
  double            duration;     /* seconds of training */
  LabTrainSettings  settings;
  LabDataRef        data;
  GArray           *epochs;       /* LabRunEpoch */
  /* Per-batch loss, each point the mean of batch_stride batches; x in epochs (fractional,
   * from 0 at the run's start). */
  GArray           *batch_x;      /* double */
  GArray           *batch_loss;   /* double */
  guint             batch_stride;
  double            test_loss;    /* NaN until the test split is evaluated */
  double            test_accuracy;
  LabRunEnd         end;
  char             *end_reason;   /* nullable: why it diverged or failed */

  /*< private >*/
  guint             first_epoch;  /* the trainer's epoch count before this run */
  gboolean          has_first;
  guint             pending_n;
  double            pending_x, pending_loss;
} LabRun;

/* started is now; settings and data are copied. */
LabRun     *lab_run_new            (const char             *name,
                                    const LabTrainSettings *settings,
                                    const LabDataRef       *data);
void        lab_run_free           (LabRun                 *self);
/* Takes one report of the trainer (a batch, or an epoch's end). */
void        lab_run_add_point      (LabRun                 *self,
                                    const LabTrainPoint    *point);
/* How the run ended, from the error the trainer returned (NULL: completed, or early-stopped
 * when fewer epochs ran than asked with early stopping on; G_IO_ERROR_CANCELLED: stopped;
 * LAB_ERROR_DIVERGED: diverged; anything else: failed), and its length in seconds. */
void        lab_run_finish         (LabRun                 *self,
                                    const GError           *error,
                                    double                  duration);
void        lab_run_set_test       (LabRun                 *self,
                                    double                  loss,
                                    double                  accuracy);
/* The last epoch's figures, NULL before the first epoch ended. */
const LabRunEpoch *lab_run_get_last_epoch (const LabRun    *self);
/* The per-batch curve including the points still being averaged: n points at *x, *loss
 * (both g_free'd by the caller). */
gsize       lab_run_get_batches    (const LabRun           *self,
                                    double                **x,
                                    double                **loss);

const char *lab_run_end_to_string  (LabRunEnd               end);   /* "completed", … */
gboolean    lab_run_end_from_string (const char            *text,
                                     LabRunEnd             *end);
/* For people: "Completed", "Stopped early", "Diverged: …". */
char       *lab_run_describe_end   (const LabRun           *self);
/* "Run N" with N one more than the highest such name in runs (LabRun *). */
char       *lab_run_next_name      (GPtrArray              *runs);

JsonNode   *lab_run_to_json        (const LabRun           *self);
/* Every problem is an error naming the member ("epochs.loss: expected a list of numbers"). */
LabRun     *lab_run_from_json      (JsonNode               *node,
                                    GError                **error);

/* The settings as rows for a table, in a fixed order (the dataset first, then the training
 * settings), so two runs' rows line up by key. */
typedef struct
{
  char *key;     /* "optimizer.lr": stable, for matching */
  char *label;   /* "Learning rate": translated */
  char *value;   /* "0.001" */
} LabRunRow;

void        lab_run_row_free       (LabRunRow              *row);
GPtrArray  *lab_run_settings_rows  (const LabRun           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabRun, lab_run_free)

G_END_DECLS

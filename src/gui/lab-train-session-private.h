/* lab-train-session-private.h: what the session's main-thread side and its worker share
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker never sees the GObject: it holds a reference to a LabTrainShared, so a session
 * disposed while a run goes on leaves nothing the worker could touch after it is freed.
 *
 * Ownership of the trainer: at most one executor (a GTask on a pool thread) runs at a time
 * (shared->executing, under shared->mutex) and only the executor touches shared->trainer. It
 * takes jobs from shared->jobs in order; during a run, the progress callback serves the probe
 * and evaluation jobs that arrive, so they see the weights between two batches.
 */
#pragma once

#include "lab-train-session.h"

G_BEGIN_DECLS

typedef enum
{
  LAB_JOB_RUN,
  LAB_JOB_PROBE,
  LAB_JOB_EVALUATE,
  LAB_JOB_FREE,       /* reset: forget the trainer */
} LabJobKind;

typedef struct
{
  LabJobKind        kind;

  /* RUN */
  LabGraph         *graph;
  LabTrainSettings  settings;
  LabDataRef        data;
  char             *project_dir;
  char             *checkpoint_path;
  gboolean          rebuild;
  LabTrainControl  *control;

  /* PROBE */
  LabProbeFunc      func;
  LabProbeDone      done;
  gpointer          user_data;
  GDestroyNotify    result_free;

  /* EVALUATE */
  LabSplit          split;
} LabJob;

typedef enum
{
  LAB_EVENT_PREPARED,   /* a trainer is ready: its splits */
  LAB_EVENT_PROGRESS,
  LAB_EVENT_EVALUATED,
  LAB_EVENT_PROBE,      /* a probe's result for its done callback */
  LAB_EVENT_FINISHED,
} LabEventKind;

typedef struct
{
  LabEventKind    kind;
  LabTrainPoint  *point;
  LabSplit        split;
  LabEvaluation  *eval;
  LabJob         *probe;
  gpointer        result;
  GError         *error;
  LabDataset     *sets[3];
  gboolean        has_trainer;
  char           *checkpoint_path;   /* FINISHED: written by this run, or NULL */
} LabEvent;

typedef struct
{
  gatomicrefcount   ref_count;
  GMutex            mutex;
  GCond             cond;          /* jobs queued, resume, cancel, the executor going idle */
  GQueue            jobs;          /* LabJob *, main → worker */
  GQueue            events;        /* LabEvent *, worker → main */
  GMainContext     *context;       /* where the flush runs */
  GSource          *flush;         /* the one pending flush, or NULL */
  guint             flush_interval;
  gboolean          executing;
  gboolean          paused;
  gboolean          shutdown;
  LabTrainControl  *control;       /* the current run's, or NULL */

  /* Executor only (see above); the main thread frees it once nothing executes any more. */
  LabTrainer       *trainer;

  /* Main thread only; NULL once the session is disposed. */
  LabTrainSession  *session;
} LabTrainShared;

LabTrainShared *lab_train_shared_ref    (LabTrainShared *self);
void            lab_train_shared_unref  (LabTrainShared *self);
void            lab_job_free            (LabJob         *job);
void            lab_event_free          (LabEvent       *event);

/* With shared->mutex held: queue work for the executor, starting one when none runs. */
void            lab_train_shared_submit_locked (LabTrainShared *self,
                                                LabJob         *job);
/* With shared->mutex held: queue an event and make sure a flush is pending. */
void            lab_train_shared_push_locked   (LabTrainShared *self,
                                                LabEvent       *event);
/* Main thread: the flush's delivery, in lab-train-session.c. */
void            lab_train_session_deliver      (LabTrainSession *self,
                                                LabEvent        *event);

G_END_DECLS

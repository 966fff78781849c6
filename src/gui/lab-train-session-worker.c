/* lab-train-session-worker.c: the session's executor thread and the hand-over to the main loop
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here but the flush runs on a GTask pool thread. See lab-train-session-private.h
 * for who owns what.
 */
#define G_LOG_DOMAIN "lab-train-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "lab-train-session-private.h"

LabTrainShared *
lab_train_shared_ref (LabTrainShared *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lab_train_shared_unref (LabTrainShared *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  /* The last reference goes when neither the session, the executor nor a flush holds one, so
   * nothing runs the trainer any more. */
  g_queue_clear_full (&self->jobs, (GDestroyNotify) lab_job_free);
  g_queue_clear_full (&self->events, (GDestroyNotify) lab_event_free);
  g_clear_pointer (&self->trainer, lab_trainer_free);
  g_clear_pointer (&self->control, lab_train_control_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

void
lab_job_free (LabJob *job)
{
  g_clear_object (&job->graph);
  lab_data_ref_clear (&job->data);
  g_free (job->project_dir);
  g_free (job->checkpoint_path);
  g_clear_pointer (&job->control, lab_train_control_unref);
  g_free (job);
}

void
lab_event_free (LabEvent *event)
{
  g_clear_pointer (&event->point, lab_train_point_free);
  g_clear_pointer (&event->eval, lab_evaluation_free);
  if (event->probe != NULL)
    {
      /* Never delivered (the session went away): the probe still hears of its end. */
      if (event->probe->done != NULL)
        event->probe->done (NULL, event->probe->user_data);
      if (event->result != NULL && event->probe->result_free != NULL)
        event->probe->result_free (event->result);
      lab_job_free (event->probe);
    }
  g_clear_error (&event->error);
  g_free (event->checkpoint_path);
  g_free (event);
}

/* ---- main thread: the flush ----------------------------------------------------------- */

static gboolean
flush_cb (gpointer user_data)
{
  LabTrainShared *self = user_data;
  GQueue events = G_QUEUE_INIT;
  LabEvent *event;

  g_mutex_lock (&self->mutex);
  events = self->events;
  g_queue_init (&self->events);
  g_clear_pointer (&self->flush, g_source_unref);
  g_mutex_unlock (&self->mutex);

  /* Everything that queued up since the last flush, in one go: a burst of hundreds of small
   * batches costs the main loop one wake-up. An evaluation that a newer one of the same split
   * follows in the same burst was never going to be seen: only the newest is delivered, so a
   * model that runs hundreds of epochs a second does not redraw the evaluation as often. */
  while ((event = g_queue_pop_head (&events)) != NULL)
    {
      gboolean superseded = FALSE;

      if (event->kind == LAB_EVENT_EVALUATED)
        for (GList *l = events.head; l != NULL && !superseded; l = l->next)
          {
            const LabEvent *later = l->data;

            superseded = later->kind == LAB_EVENT_EVALUATED && later->split == event->split;
          }
      if (self->session != NULL && !superseded)
        lab_train_session_deliver (self->session, event);
      lab_event_free (event);
    }
  return G_SOURCE_REMOVE;
}

void
lab_train_shared_push_locked (LabTrainShared *self,
                              LabEvent       *event)
{
  g_queue_push_tail (&self->events, event);
  if (self->flush == NULL && !self->shutdown)
    {
      /* A timeout rather than an idle: the worker may report thousands of batches a second,
       * and the window needs them at most once a frame. */
      self->flush = g_timeout_source_new (self->flush_interval);
      g_source_set_priority (self->flush, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_static_name (self->flush, "[layerlab] training progress");
      g_source_set_callback (self->flush, flush_cb, lab_train_shared_ref (self),
                             (GDestroyNotify) lab_train_shared_unref);
      g_source_attach (self->flush, self->context);
    }
}

/* ---- worker --------------------------------------------------------------------------- */

static LabDataset *
split_of (LabTrainer *trainer,
          LabSplit    split)
{
  switch (split)
    {
    case LAB_SPLIT_TRAIN:
      return lab_trainer_get_train (trainer);
    case LAB_SPLIT_VALIDATION:
      return lab_trainer_get_val (trainer);
    case LAB_SPLIT_TEST:
      return lab_trainer_get_test (trainer);
    default:
      return NULL;
    }
}

/* eval NULL: it failed, and error says why. Takes both. */
static void
push_evaluation (LabTrainShared *self,
                 LabSplit        split,
                 LabEvaluation  *eval,
                 GError         *error)
{
  LabEvent *event = g_new0 (LabEvent, 1);

  event->kind = LAB_EVENT_EVALUATED;
  event->split = split;
  event->eval = eval;
  event->error = error;
  g_mutex_lock (&self->mutex);
  lab_train_shared_push_locked (self, event);
  g_mutex_unlock (&self->mutex);
}

static void
evaluate_split (LabTrainShared *self,
                LabSplit        split)
{
  LabDataset *data = self->trainer != NULL ? split_of (self->trainer, split) : NULL;
  g_autoptr(GError) error = NULL;
  LabEvaluation *eval;

  if (data == NULL || data->n == 0)
    return;
  eval = lab_evaluate (lab_trainer_get_network (self->trainer),
                       lab_trainer_get_loss (self->trainer), data, &error);
  push_evaluation (self, split, eval, g_steal_pointer (&error));
}

/* Probes, evaluations and resets; never a run (the caller decides about those). */
static void
run_small_job (LabTrainShared *self,
               LabJob         *job)
{
  LabEvent *event;

  switch (job->kind)
    {
    case LAB_JOB_PROBE:
      event = g_new0 (LabEvent, 1);
      event->kind = LAB_EVENT_PROBE;
      /* Without weights (after a reset, before the first run) the result is NULL. */
      if (self->trainer != NULL && job->func != NULL)
        event->result = job->func (self->trainer, job->user_data);
      event->probe = job;
      g_mutex_lock (&self->mutex);
      lab_train_shared_push_locked (self, event);
      g_mutex_unlock (&self->mutex);
      return;
    case LAB_JOB_EVALUATE:
      evaluate_split (self, job->split);
      break;
    case LAB_JOB_FREE:
      g_clear_pointer (&self->trainer, lab_trainer_free);
      break;
    case LAB_JOB_RUN:
    default:
      g_assert_not_reached ();
    }
  lab_job_free (job);
}

/* With the mutex held: the next job a run may serve between batches. */
static LabJob *
pop_small_job_locked (LabTrainShared *self)
{
  LabJob *job = g_queue_peek_head (&self->jobs);

  if (job == NULL || job->kind == LAB_JOB_RUN || self->shutdown)
    return NULL;
  return g_queue_pop_head (&self->jobs);
}

/* Between two batches: serve what the window asked for, and wait here while paused. Pausing
 * is done here rather than with lab_train_control_pause, which would block before the next
 * batch where no probe can be served: a paused run must still show its activations. */
static void
between_batches (LabTrainShared  *self,
                 LabTrainControl *control)
{
  GCancellable *cancellable = lab_train_control_get_cancellable (control);
  LabJob *job;

  g_mutex_lock (&self->mutex);
  for (;;)
    {
      if ((job = pop_small_job_locked (self)) != NULL)
        {
          g_mutex_unlock (&self->mutex);
          run_small_job (self, job);
          g_mutex_lock (&self->mutex);
          continue;
        }
      if (!self->paused || self->shutdown || g_cancellable_is_cancelled (cancellable))
        break;
      g_cond_wait (&self->cond, &self->mutex);
    }
  g_mutex_unlock (&self->mutex);
}

typedef struct
{
  LabTrainShared  *shared;
  LabTrainControl *control;
} RunData;

static void
on_progress (const LabTrainPoint *point,
             gpointer             user_data)
{
  RunData *run = user_data;
  LabTrainShared *self = run->shared;
  LabEvent *event = g_new0 (LabEvent, 1);

  event->kind = LAB_EVENT_PROGRESS;
  event->point = lab_train_point_copy (point);
  g_mutex_lock (&self->mutex);
  lab_train_shared_push_locked (self, event);
  g_mutex_unlock (&self->mutex);

  /* The report of each epoch comes with the full evaluation of the validation split, the one
   * the trainer made for its own figures. */
  if (point->end_of_epoch)
    {
      LabEvaluation *eval = lab_trainer_take_evaluation (self->trainer);

      if (eval != NULL)
        push_evaluation (self, LAB_SPLIT_VALIDATION, eval, NULL);
      else
        evaluate_split (self, LAB_SPLIT_VALIDATION);
    }
  between_batches (self, run->control);
}

/* Loads and splits the data and builds a trainer, or continues the one there is. */
static gboolean
prepare (LabTrainShared *self,
         LabJob         *job,
         GError        **error)
{
  g_autoptr(LabDataset) all = NULL;
  g_autoptr(LabDataset) own_test = NULL;
  LabDataset *train = NULL, *val = NULL, *test = NULL;

  if (!job->rebuild && self->trainer != NULL)
    {
      /* Train again: as many epochs more as the settings ask for, optimizer state intact. */
      lab_trainer_set_epochs (self->trainer,
                              lab_trainer_get_epoch (self->trainer) + job->settings.epochs);
      return TRUE;
    }

  g_clear_pointer (&self->trainer, lab_trainer_free);
  if (!lab_graph_validate (job->graph, error) ||
      !lab_data_ref_load (&job->data, job->project_dir, job->settings.seed, &all, &own_test, error) ||
      !lab_prepare_data (all, own_test, &job->settings, &train, &val, &test, error))
    return FALSE;
  self->trainer = lab_trainer_new (job->graph, &job->settings, train, val, test, error);
  /* The window shows each epoch's whole evaluation: the trainer keeps the one it makes anyway. */
  if (self->trainer != NULL)
    lab_trainer_set_keep_evaluation (self->trainer, TRUE);
  if (self->trainer == NULL)
    {
      lab_dataset_free (train);
      g_clear_pointer (&val, lab_dataset_free);
      g_clear_pointer (&test, lab_dataset_free);
      return FALSE;
    }
  return TRUE;
}

static char *
write_checkpoint (LabTrainShared *self,
                  LabJob         *job,
                  GError        **error)
{
  g_autofree char *dir = g_path_get_dirname (job->checkpoint_path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), display, g_strerror (saved));
      return NULL;
    }
  if (!lab_trainer_save_checkpoint (self->trainer, job->checkpoint_path, NULL, error))
    return NULL;
  return g_strdup (job->checkpoint_path);
}

static void
run_training (LabTrainShared *self,
              LabJob         *job)
{
  RunData run = { self, job->control };
  GCancellable *cancellable = lab_train_control_get_cancellable (job->control);
  LabEvent *event = g_new0 (LabEvent, 1);
  GError *error = NULL;
  gboolean ok;

  ok = prepare (self, job, &error);
  event->kind = LAB_EVENT_FINISHED;
  if (ok)
    {
      LabEvent *prepared = g_new0 (LabEvent, 1);

      prepared->kind = LAB_EVENT_PREPARED;
      for (LabSplit s = LAB_SPLIT_TRAIN; s <= LAB_SPLIT_TEST; s++)
        prepared->sets[s] = split_of (self->trainer, s);
      g_mutex_lock (&self->mutex);
      lab_train_shared_push_locked (self, prepared);
      g_mutex_unlock (&self->mutex);

      /* The learning rate is live: the one of these settings (or typed since) applies. */
      lab_train_control_set_lr (job->control, job->settings.optimizer.lr);
      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        ok = FALSE;
      else
        {
          between_batches (self, job->control);   /* probes that came while loading; a pause */
          ok = lab_trainer_run (self->trainer, job->control, on_progress, &run, &error);
        }
    }

  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->trainer != NULL)
    {
      g_autoptr(GError) save_error = NULL;
      gboolean shutdown;

      g_mutex_lock (&self->mutex);
      shutdown = self->shutdown;
      g_mutex_unlock (&self->mutex);
      /* Stop keeps the weights on disk too; a window closing does not wait for that. */
      if (!shutdown)
        {
          event->checkpoint_path = write_checkpoint (self, job, &save_error);
          if (event->checkpoint_path == NULL)
            {
              g_clear_error (&error);
              g_set_error (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Training was stopped, but its checkpoint could not be written: %s"),
                           save_error->message);
            }
        }
    }
  event->error = ok ? NULL : error;
  event->has_trainer = self->trainer != NULL;
  g_mutex_lock (&self->mutex);
  lab_train_shared_push_locked (self, event);
  g_clear_pointer (&self->control, lab_train_control_unref);
  g_mutex_unlock (&self->mutex);
  lab_job_free (job);
}

static void
executor (GTask        *task,
          gpointer      source_object,
          gpointer      task_data,
          GCancellable *cancellable)
{
  LabTrainShared *self = task_data;

  for (;;)
    {
      LabJob *job;

      g_mutex_lock (&self->mutex);
      job = self->shutdown ? NULL : g_queue_pop_head (&self->jobs);
      if (job == NULL)
        {
          self->executing = FALSE;
          g_cond_broadcast (&self->cond);   /* dispose may be waiting for this */
          g_mutex_unlock (&self->mutex);
          break;
        }
      g_mutex_unlock (&self->mutex);

      if (job->kind == LAB_JOB_RUN)
        run_training (self, job);
      else
        run_small_job (self, job);
    }
  g_task_return_boolean (task, TRUE);
}

/* Main thread: the executor's task is over (what it did was reported through the events). */
static void
on_executor_done (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_task_propagate_boolean (G_TASK (result), NULL);
}

void
lab_train_shared_submit_locked (LabTrainShared *self,
                                LabJob         *job)
{
  g_queue_push_tail (&self->jobs, job);
  g_cond_broadcast (&self->cond);   /* a paused run serves probes */
  if (!self->executing)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, on_executor_done, NULL);

      self->executing = TRUE;
      g_task_set_source_tag (task, lab_train_shared_submit_locked);
      g_task_set_task_data (task, lab_train_shared_ref (self),
                            (GDestroyNotify) lab_train_shared_unref);
      g_task_run_in_thread (task, executor);
    }
}

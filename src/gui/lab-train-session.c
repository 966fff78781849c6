/* lab-train-session.c: the window's training, on a worker thread, reported on the main loop
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main-thread half: the object, its state machine and the delivery of what the worker
 * queued. The worker half is lab-train-session-worker.c.
 */
#define G_LOG_DOMAIN "lab-train-session"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lab-train-session-private.h"

/* The longest a report waits before the main loop sees it. Twenty times a second is as often
 * as anyone reads a chart, and it leaves the main loop idle most of the time even when a small
 * model reports thousands of batches a second. */
#define FLUSH_INTERVAL_MS 50

struct _LabTrainSession
{
  GObject           parent_instance;

  LabTrainShared   *shared;
  LabTrainState     state;
  gboolean          has_weights;
  gboolean          have_settings;
  LabTrainSettings  settings;           /* of the current or last run */
  LabDataRef        data;               /* what the next start trains on */
  char             *fingerprint;        /* of the weights held: structure, data, fixed settings */
  char             *checkpoint_path;
  LabDataset       *sets[3];            /* the trainer's, read-only */
  double            lr;
  gboolean          reset_after_run;    /* reset was asked for while busy */
};

G_DEFINE_FINAL_TYPE (LabTrainSession, lab_train_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_HAS_WEIGHTS,
  PROP_LEARNING_RATE,
  N_PROPS
};

enum {
  STATE_CHANGED,
  PROGRESS,
  EVALUATED,
  EVALUATION_FAILED,
  FINISHED,
  PREPARED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GType
lab_train_state_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { LAB_TRAIN_STATE_IDLE, "LAB_TRAIN_STATE_IDLE", "idle" },
    { LAB_TRAIN_STATE_PREPARING, "LAB_TRAIN_STATE_PREPARING", "preparing" },
    { LAB_TRAIN_STATE_RUNNING, "LAB_TRAIN_STATE_RUNNING", "running" },
    { LAB_TRAIN_STATE_PAUSED, "LAB_TRAIN_STATE_PAUSED", "paused" },
    { LAB_TRAIN_STATE_STOPPING, "LAB_TRAIN_STATE_STOPPING", "stopping" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("LabTrainState"),
                                                       values));
  return type;
}

static void
set_state (LabTrainSession *self,
           LabTrainState    state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_signal_emit (self, signals[STATE_CHANGED], 0);
}

static void
set_has_weights (LabTrainSession *self,
                 gboolean         has_weights)
{
  if (self->has_weights == has_weights)
    return;
  self->has_weights = has_weights;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_WEIGHTS]);
}

/* ---- the fingerprint ------------------------------------------------------------------ */

/* What decides whether existing weights and optimizer state can go on: the graph's structure and
 * settings (not where its nodes sit), the data, and every training setting but the two that may
 * change between runs, the number of epochs and the learning rate. */
char *
lab_train_session_fingerprint (LabGraph               *graph,
                               const LabTrainSettings *settings,
                               const LabDataRef       *data)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  GPtrArray *nodes = lab_graph_get_nodes (graph);
  LabTrainSettings fixed = *settings;
  g_autoptr(JsonNode) settings_json = NULL;
  g_autoptr(JsonNode) data_json = NULL;
  g_autofree char *settings_text = NULL;
  g_autofree char *data_text = NULL;

  for (guint i = 0; i < nodes->len; i++)
    {
      LabNode *node = g_ptr_array_index (nodes, i);
      g_autofree char *head = g_strdup_printf ("node %u %s %s %d [", node->id, node->name,
                                               node->type->name, node->frozen);

      g_checksum_update (sum, (const guchar *) head, -1);
      for (guint j = 0; j < node->inputs->len; j++)
        {
          char id[16];

          g_snprintf (id, sizeof id, "%u,", g_array_index (node->inputs, guint, j));
          g_checksum_update (sum, (const guchar *) id, -1);
        }
      for (guint j = 0; j < node->type->n_hparams; j++)
        {
          const char *key = node->type->hparams[j].key;
          g_autofree char *text = lab_graph_dup_hparam_text (graph, node->id, key);
          g_autofree char *item = g_strdup_printf ("] %s=%s %a", key, text ? text : "",
                                                   node->hp[j].v);

          g_checksum_update (sum, (const guchar *) item, -1);
        }
    }

  fixed.epochs = 0;
  fixed.optimizer.lr = 0;
  settings_json = lab_train_settings_to_json (&fixed);
  settings_text = json_to_string (settings_json, FALSE);
  data_json = lab_data_ref_to_json (data);
  data_text = json_to_string (data_json, FALSE);
  g_checksum_update (sum, (const guchar *) "\nsettings ", -1);
  g_checksum_update (sum, (const guchar *) settings_text, -1);
  g_checksum_update (sum, (const guchar *) "\ndata ", -1);
  g_checksum_update (sum, (const guchar *) data_text, -1);
  return g_strdup (g_checksum_get_string (sum));
}

/* ---- delivery (main thread, from the flush) ------------------------------------------- */

static void
clear_sets (LabTrainSession *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->sets); i++)
    self->sets[i] = NULL;
}

/* The probe's done gets its result, then the result is freed. */
static void
deliver_probe (LabEvent *event)
{
  LabJob *probe = g_steal_pointer (&event->probe);
  gpointer result = g_steal_pointer (&event->result);

  if (probe->done != NULL)
    probe->done (result, probe->user_data);
  if (result != NULL && probe->result_free != NULL)
    probe->result_free (result);
  lab_job_free (probe);
}

void
lab_train_session_deliver (LabTrainSession *self,
                           LabEvent        *event)
{
  g_autoptr(LabTrainSession) hold = g_object_ref (self);

  switch (event->kind)
    {
    case LAB_EVENT_PREPARED:
      memcpy (self->sets, event->sets, sizeof self->sets);
      set_has_weights (self, TRUE);
      if (self->state == LAB_TRAIN_STATE_PREPARING)
        set_state (self, self->shared->paused ? LAB_TRAIN_STATE_PAUSED : LAB_TRAIN_STATE_RUNNING);
      g_signal_emit (self, signals[PREPARED], 0);
      break;

    case LAB_EVENT_PROGRESS:
      g_signal_emit (self, signals[PROGRESS], 0, event->point);
      break;

    case LAB_EVENT_EVALUATED:
      if (event->eval != NULL)
        g_signal_emit (self, signals[EVALUATED], 0, (int) event->split, event->eval);
      else
        g_signal_emit (self, signals[EVALUATION_FAILED], 0, (int) event->split, event->error);
      break;

    case LAB_EVENT_PROBE:
      deliver_probe (event);
      break;

    case LAB_EVENT_FINISHED:
      if (!event->has_trainer)
        {
          /* The data or the graph could not be built: no weights to go on from. */
          clear_sets (self);
          g_clear_pointer (&self->fingerprint, g_free);
          set_has_weights (self, FALSE);
        }
      if (event->checkpoint_path != NULL)
        {
          g_free (self->checkpoint_path);
          self->checkpoint_path = g_steal_pointer (&event->checkpoint_path);
        }
      g_mutex_lock (&self->shared->mutex);
      self->shared->paused = FALSE;
      g_mutex_unlock (&self->shared->mutex);
      /* Idle before ::finished, so that a handler may start the next run. */
      set_state (self, LAB_TRAIN_STATE_IDLE);
      if (self->reset_after_run)
        lab_train_session_reset (self);
      g_signal_emit (self, signals[FINISHED], 0, event->error);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* ---- public API ----------------------------------------------------------------------- */

LabTrainSession *
lab_train_session_new (void)
{
  return g_object_new (LAB_TYPE_TRAIN_SESSION, NULL);
}

void
lab_train_session_set_data (LabTrainSession  *self,
                            const LabDataRef *data)
{
  g_return_if_fail (LAB_IS_TRAIN_SESSION (self));
  g_return_if_fail (data != NULL);

  lab_data_ref_clear (&self->data);
  lab_data_ref_copy (&self->data, data);
}

static char *
checkpoint_path_for (const char *fingerprint)
{
  g_autofree char *name = g_strdup_printf ("model-%.16s.safetensors", fingerprint);

  /* One file per model: stopping the same model again replaces its checkpoint. */
  return g_build_filename (g_get_user_state_dir (), "layerlab", "checkpoints", name, NULL);
}

void
lab_train_session_start (LabTrainSession        *self,
                         LabGraph               *graph,
                         const LabTrainSettings *settings,
                         const char             *project_dir)
{
  LabJob *job;
  char *fingerprint;

  g_return_if_fail (LAB_IS_TRAIN_SESSION (self));
  g_return_if_fail (LAB_IS_GRAPH (graph));
  g_return_if_fail (settings != NULL);
  g_return_if_fail (self->state == LAB_TRAIN_STATE_IDLE);
  g_return_if_fail (self->shared != NULL);

  self->reset_after_run = FALSE;
  fingerprint = lab_train_session_fingerprint (graph, settings, &self->data);
  job = g_new0 (LabJob, 1);
  job->kind = LAB_JOB_RUN;
  job->graph = lab_graph_copy (graph);
  job->settings = *settings;
  lab_data_ref_copy (&job->data, &self->data);
  job->project_dir = g_strdup (project_dir);
  job->checkpoint_path = checkpoint_path_for (fingerprint);
  job->rebuild = !self->has_weights || g_strcmp0 (fingerprint, self->fingerprint) != 0;
  job->control = lab_train_control_new ();
  if (job->rebuild)
    {
      /* The worker frees the old trainer and its splits: stop handing them out now. */
      clear_sets (self);
      set_has_weights (self, FALSE);
    }
  g_free (self->fingerprint);
  self->fingerprint = fingerprint;
  g_clear_pointer (&self->checkpoint_path, g_free);   /* only this run's, once written */
  self->settings = *settings;
  self->have_settings = TRUE;
  if (self->lr != settings->optimizer.lr)
    {
      self->lr = settings->optimizer.lr;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEARNING_RATE]);
    }

  g_mutex_lock (&self->shared->mutex);
  self->shared->paused = FALSE;
  g_clear_pointer (&self->shared->control, lab_train_control_unref);
  self->shared->control = lab_train_control_ref (job->control);
  lab_train_shared_submit_locked (self->shared, job);
  g_mutex_unlock (&self->shared->mutex);
  set_state (self, LAB_TRAIN_STATE_PREPARING);
}

void
lab_train_session_pause (LabTrainSession *self)
{
  g_return_if_fail (LAB_IS_TRAIN_SESSION (self));

  if (self->state != LAB_TRAIN_STATE_RUNNING && self->state != LAB_TRAIN_STATE_PREPARING)
    return;
  g_mutex_lock (&self->shared->mutex);
  self->shared->paused = TRUE;
  g_mutex_unlock (&self->shared->mutex);
  if (self->state == LAB_TRAIN_STATE_RUNNING)
    set_state (self, LAB_TRAIN_STATE_PAUSED);
}

void
lab_train_session_resume (LabTrainSession *self)
{
  g_return_if_fail (LAB_IS_TRAIN_SESSION (self));

  if (self->state != LAB_TRAIN_STATE_PAUSED && self->state != LAB_TRAIN_STATE_PREPARING)
    return;
  g_mutex_lock (&self->shared->mutex);
  self->shared->paused = FALSE;
  g_cond_broadcast (&self->shared->cond);
  g_mutex_unlock (&self->shared->mutex);
  if (self->state == LAB_TRAIN_STATE_PAUSED)
    set_state (self, LAB_TRAIN_STATE_RUNNING);
}

static void
cancel_locked (LabTrainShared *shared)
{
  if (shared->control != NULL)
    lab_train_control_cancel (shared->control);
  g_cond_broadcast (&shared->cond);   /* a paused run sees it */
}

void
lab_train_session_stop (LabTrainSession *self)
{
  g_return_if_fail (LAB_IS_TRAIN_SESSION (self));

  if (self->state == LAB_TRAIN_STATE_IDLE || self->state == LAB_TRAIN_STATE_STOPPING)
    return;
  g_mutex_lock (&self->shared->mutex);
  cancel_locked (self->shared);
  g_mutex_unlock (&self->shared->mutex);
  set_state (self, LAB_TRAIN_STATE_STOPPING);
}

/* With the mutex held: probes not yet run hear of the reset through the queue, in order. */
static void
drop_probes_locked (LabTrainShared *shared)
{
  GList *l = shared->jobs.head;

  while (l != NULL)
    {
      GList *next = l->next;
      LabJob *job = l->data;

      if (job->kind == LAB_JOB_PROBE)
        {
          LabEvent *event = g_new0 (LabEvent, 1);

          event->kind = LAB_EVENT_PROBE;
          event->probe = job;
          g_queue_delete_link (&shared->jobs, l);
          lab_train_shared_push_locked (shared, event);
        }
      l = next;
    }
}

void
lab_train_session_reset (LabTrainSession *self)
{
  LabJob *job;

  g_return_if_fail (LAB_IS_TRAIN_SESSION (self));

  if (self->state != LAB_TRAIN_STATE_IDLE)
    {
      /* The run still holds the trainer: stop it, and forget the weights once it has ended. */
      self->reset_after_run = TRUE;
      lab_train_session_stop (self);
      return;
    }
  self->reset_after_run = FALSE;
  clear_sets (self);
  g_clear_pointer (&self->fingerprint, g_free);
  job = g_new0 (LabJob, 1);
  job->kind = LAB_JOB_FREE;
  g_mutex_lock (&self->shared->mutex);
  drop_probes_locked (self->shared);
  lab_train_shared_submit_locked (self->shared, job);
  g_mutex_unlock (&self->shared->mutex);
  set_has_weights (self, FALSE);
}

void
lab_train_session_set_learning_rate (LabTrainSession *self,
                                     double           lr)
{
  g_return_if_fail (LAB_IS_TRAIN_SESSION (self));
  g_return_if_fail (lr > 0);

  if (self->lr != lr)
    {
      self->lr = lr;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEARNING_RATE]);
    }
  if (self->have_settings)
    self->settings.optimizer.lr = (float) lr;
  g_mutex_lock (&self->shared->mutex);
  if (self->shared->control != NULL)
    lab_train_control_set_lr (self->shared->control, lr);
  g_mutex_unlock (&self->shared->mutex);
}

double
lab_train_session_get_learning_rate (LabTrainSession *self)
{
  g_return_val_if_fail (LAB_IS_TRAIN_SESSION (self), 0);
  return self->lr;
}

LabTrainState
lab_train_session_get_state (LabTrainSession *self)
{
  g_return_val_if_fail (LAB_IS_TRAIN_SESSION (self), LAB_TRAIN_STATE_IDLE);
  return self->state;
}

gboolean
lab_train_session_is_busy (LabTrainSession *self)
{
  g_return_val_if_fail (LAB_IS_TRAIN_SESSION (self), FALSE);
  return self->state != LAB_TRAIN_STATE_IDLE;
}

gboolean
lab_train_session_has_weights (LabTrainSession *self)
{
  g_return_val_if_fail (LAB_IS_TRAIN_SESSION (self), FALSE);
  return self->has_weights;
}

const char *
lab_train_session_get_checkpoint_path (LabTrainSession *self)
{
  g_return_val_if_fail (LAB_IS_TRAIN_SESSION (self), NULL);
  return self->checkpoint_path;
}

const LabTrainSettings *
lab_train_session_get_settings (LabTrainSession *self)
{
  g_return_val_if_fail (LAB_IS_TRAIN_SESSION (self), NULL);
  return self->have_settings ? &self->settings : NULL;
}

LabDataset *
lab_train_session_get_dataset (LabTrainSession *self,
                               LabSplit         split)
{
  g_return_val_if_fail (LAB_IS_TRAIN_SESSION (self), NULL);
  g_return_val_if_fail (split <= LAB_SPLIT_TEST, NULL);
  return self->sets[split];
}

void
lab_train_session_evaluate (LabTrainSession *self,
                            LabSplit         split)
{
  LabJob *job;

  g_return_if_fail (LAB_IS_TRAIN_SESSION (self));
  g_return_if_fail (split <= LAB_SPLIT_TEST);

  job = g_new0 (LabJob, 1);
  job->kind = LAB_JOB_EVALUATE;
  job->split = split;
  g_mutex_lock (&self->shared->mutex);
  lab_train_shared_submit_locked (self->shared, job);
  g_mutex_unlock (&self->shared->mutex);
}

void
lab_train_session_probe (LabTrainSession *self,
                         LabProbeFunc     func,
                         LabProbeDone     done,
                         gpointer         user_data,
                         GDestroyNotify   result_free)
{
  LabJob *job;

  g_return_if_fail (LAB_IS_TRAIN_SESSION (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (LabJob, 1);
  job->kind = LAB_JOB_PROBE;
  job->func = func;
  job->done = done;
  job->user_data = user_data;
  job->result_free = result_free;
  g_mutex_lock (&self->shared->mutex);
  lab_train_shared_submit_locked (self->shared, job);
  g_mutex_unlock (&self->shared->mutex);
}

/* ---- GObject -------------------------------------------------------------------------- */

static void
lab_train_session_dispose (GObject *object)
{
  LabTrainSession *self = LAB_TRAIN_SESSION (object);
  LabTrainShared *shared = g_steal_pointer (&self->shared);
  GQueue jobs = G_QUEUE_INIT, events = G_QUEUE_INIT;
  LabJob *job;
  LabEvent *event;

  if (shared != NULL)
    {
      shared->session = NULL;
      g_mutex_lock (&shared->mutex);
      shared->shutdown = TRUE;
      cancel_locked (shared);
      /* Join: the run ends after its current batch (or its data once loaded), and nothing may
       * still run the network when the window or the program goes away. */
      while (shared->executing)
        g_cond_wait (&shared->cond, &shared->mutex);
      jobs = shared->jobs;
      g_queue_init (&shared->jobs);
      events = shared->events;
      g_queue_init (&shared->events);
      if (shared->flush != NULL)
        {
          g_source_destroy (shared->flush);
          g_clear_pointer (&shared->flush, g_source_unref);
        }
      g_clear_pointer (&shared->trainer, lab_trainer_free);
      g_mutex_unlock (&shared->mutex);

      /* Probes hear of their end: results computed are still handed over, others are NULL. */
      while ((event = g_queue_pop_head (&events)) != NULL)
        {
          if (event->kind == LAB_EVENT_PROBE)
            deliver_probe (event);
          lab_event_free (event);
        }
      while ((job = g_queue_pop_head (&jobs)) != NULL)
        {
          if (job->kind == LAB_JOB_PROBE && job->done != NULL)
            job->done (NULL, job->user_data);
          lab_job_free (job);
        }
      lab_train_shared_unref (shared);
    }
  clear_sets (self);
  G_OBJECT_CLASS (lab_train_session_parent_class)->dispose (object);
}

static void
lab_train_session_finalize (GObject *object)
{
  LabTrainSession *self = LAB_TRAIN_SESSION (object);

  lab_data_ref_clear (&self->data);
  g_free (self->fingerprint);
  g_free (self->checkpoint_path);
  G_OBJECT_CLASS (lab_train_session_parent_class)->finalize (object);
}

static void
lab_train_session_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LabTrainSession *self = LAB_TRAIN_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_HAS_WEIGHTS:
      g_value_set_boolean (value, self->has_weights);
      break;
    case PROP_LEARNING_RATE:
      g_value_set_double (value, self->lr);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lab_train_session_class_init (LabTrainSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lab_train_session_dispose;
  object_class->finalize = lab_train_session_finalize;
  object_class->get_property = lab_train_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LAB_TYPE_TRAIN_STATE, LAB_TRAIN_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_WEIGHTS] =
    g_param_spec_boolean ("has-weights", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEARNING_RATE] =
    g_param_spec_double ("learning-rate", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[EVALUATED] =
    g_signal_new ("evaluated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_POINTER);
  signals[EVALUATION_FAILED] =
    g_signal_new ("evaluation-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_POINTER);
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[PREPARED] =
    g_signal_new ("prepared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lab_train_session_init (LabTrainSession *self)
{
  LabTrainShared *shared = g_new0 (LabTrainShared, 1);

  g_atomic_ref_count_init (&shared->ref_count);
  g_mutex_init (&shared->mutex);
  g_cond_init (&shared->cond);
  g_queue_init (&shared->jobs);
  g_queue_init (&shared->events);
  shared->context = g_main_context_ref_thread_default ();
  shared->flush_interval = FLUSH_INTERVAL_MS;
  shared->session = self;
  self->shared = shared;
  lab_data_ref_init (&self->data);
}

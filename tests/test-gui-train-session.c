/* test-gui-train-session.c: the window's training session, without a display
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GObject and a GMainLoop are all the session needs. Every handler checks that it runs on the
 * main thread; the widget parts (inspector lock, Training page) need a display and skip
 * without one (run under Xvfb). Under ThreadSanitizer (tests/meson.build, setup "tsan")
 * tsan-glib.h makes GLib's locks visible, so the hand-overs between the worker and the main
 * loop are checked.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lab-core.h"
#include "lab-examples.h"
#include "lab-project.h"
#include <adwaita.h>

#include "lab-chart.h"
#include "lab-inspector.h"
#include "lab-train-panel.h"
#include "lab-training-page.h"
#include "lab-train-session.h"
#include "tsan-glib.h"

static GThread *main_thread;

typedef struct
{
  LabTrainSession *session;
  LabProject      *project;
  GPtrArray       *points;      /* LabTrainPoint * copies, in arrival order */
  guint            n_evaluated;
  LabSplit         last_split;
  double           last_val_accuracy;
  gboolean         finished;
  GError          *error;
  guint            n_states;
  /* Set by a handler to act once, at a given step. */
  guint64          pause_at;
  guint64          stop_at;
} Fixture;

/* Reports come from a source dispatched by the main loop, on the main thread. */
static void
assert_main_thread (void)
{
  g_assert_true (g_thread_self () == main_thread);
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
}

static void
on_progress (LabTrainSession     *session,
             const LabTrainPoint *point,
             Fixture             *f)
{
  assert_main_thread ();
  g_ptr_array_add (f->points, lab_train_point_copy (point));
  if (f->pause_at != 0 && point->step >= f->pause_at)
    {
      f->pause_at = 0;
      lab_train_session_pause (session);
    }
  if (f->stop_at != 0 && point->step >= f->stop_at)
    {
      f->stop_at = 0;
      lab_train_session_stop (session);
    }
}

static void
on_evaluated (LabTrainSession *session,
              int              split,
              LabEvaluation   *eval,
              Fixture         *f)
{
  assert_main_thread ();
  g_assert_nonnull (eval);
  f->n_evaluated++;
  f->last_split = split;
  f->last_val_accuracy = eval->accuracy;
}

static void
on_finished (LabTrainSession *session,
             const GError    *error,
             Fixture         *f)
{
  assert_main_thread ();
  g_assert_cmpint (lab_train_session_get_state (session), ==, LAB_TRAIN_STATE_IDLE);
  f->finished = TRUE;
  g_clear_error (&f->error);
  f->error = error != NULL ? g_error_copy (error) : NULL;
}

static void
on_state_changed (LabTrainSession *session,
                  Fixture         *f)
{
  /* Also emitted at once by start, pause and the like, outside any dispatch. */
  g_assert_true (g_thread_self () == main_thread);
  f->n_states++;
}

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until *flag or the time runs out. */
static void
run_until (gboolean *flag,
           double    seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add ((guint) (seconds * 1000), on_timeout, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_true (*flag);
}

static void
run_for (double seconds)
{
  gboolean done = FALSE;

  g_timeout_add ((guint) (seconds * 1000), on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = lab_example_find_path ("spiral-mlp", &error);

  g_assert_no_error (error);
  f->project = lab_project_load (path, &error);
  g_assert_no_error (error);
  f->project->settings.threads = 1;
  f->project->settings.epochs = 3;
  f->points = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_train_point_free);
  f->session = lab_train_session_new ();
  lab_train_session_set_data (f->session, &f->project->data);
  g_signal_connect (f->session, "progress", G_CALLBACK (on_progress), f);
  g_signal_connect (f->session, "evaluated", G_CALLBACK (on_evaluated), f);
  g_signal_connect (f->session, "finished", G_CALLBACK (on_finished), f);
  g_signal_connect (f->session, "state-changed", G_CALLBACK (on_state_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_pointer (&f->points, g_ptr_array_unref);
  g_clear_pointer (&f->project, lab_project_free);
  g_clear_error (&f->error);
}

static void
start (Fixture *f)
{
  f->finished = FALSE;
  g_ptr_array_set_size (f->points, 0);
  lab_train_session_start (f->session, f->project->graph, &f->project->settings, NULL);
  g_assert_true (lab_train_session_is_busy (f->session));
}

static const LabTrainPoint *
point_at (Fixture *f,
          guint    i)
{
  g_assert_cmpuint (i, <, f->points->len);
  return g_ptr_array_index (f->points, i);
}

static const LabTrainPoint *
last_point (Fixture *f)
{
  g_assert_cmpuint (f->points->len, >, 0);
  return point_at (f, f->points->len - 1);
}

/* Batch points count steps one by one; epoch-end points repeat the last step. */
static void
assert_in_order (Fixture *f,
                 guint64  first_step)
{
  guint64 step = first_step - 1;

  for (guint i = 0; i < f->points->len; i++)
    {
      const LabTrainPoint *p = point_at (f, i);

      if (p->end_of_epoch)
        g_assert_cmpuint (p->step, ==, step);
      else
        g_assert_cmpuint (p->step, ==, ++step);
    }
}

/* ---- probes ---------------------------------------------------------------------------- */

typedef struct
{
  guint64 step;
  double  sum;
} ProbeResult;

static double
param_sum (LabNetwork *net)
{
  double sum = 0;

  for (gsize i = 0; i < net->n_params; i++)
    sum += net->params[i];
  return sum;
}

/* Reads the weights twice with a pause between: a probe that ran beside a training step would
 * see them change. */
static gpointer
probe_weights (LabTrainer *trainer,
               gpointer    user_data)
{
  ProbeResult *r = g_new0 (ProbeResult, 1);
  LabNetwork *net = lab_trainer_get_network (trainer);

  g_assert_false (g_thread_self () == main_thread);
  r->step = lab_optimizer_get_step (lab_trainer_get_optimizer (trainer));
  r->sum = param_sum (net);
  g_usleep (2000);
  g_assert_cmpfloat (param_sum (net), ==, r->sum);
  g_assert_cmpuint (lab_optimizer_get_step (lab_trainer_get_optimizer (trainer)), ==, r->step);
  return r;
}

typedef struct
{
  Fixture     *f;
  gboolean     done;
  gboolean     got_result;
  ProbeResult  result;
  guint        n_points_then;
} ProbeWait;

static void
probe_done (gpointer result,
            gpointer user_data)
{
  ProbeWait *w = user_data;

  /* From the main loop, or at once from dispose. */
  g_assert_true (g_thread_self () == main_thread);
  g_assert_false (w->done);
  w->done = TRUE;
  w->got_result = result != NULL;
  if (result != NULL)
    w->result = *(ProbeResult *) result;
  if (w->f != NULL)
    w->n_points_then = w->f->points->len;
}

static void
probe_and_wait (Fixture   *f,
                ProbeWait *w)
{
  *w = (ProbeWait) { .f = f };
  lab_train_session_probe (f->session, probe_weights, probe_done, w, g_free);
  run_until (&w->done, 30);
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_spiral_to_the_end (Fixture       *f,
                        gconstpointer  data)
{
  guint n_batches;

  f->project->settings.epochs = 20;
  start (f);
  g_assert_cmpint (lab_train_session_get_state (f->session), ==, LAB_TRAIN_STATE_PREPARING);
  run_until (&f->finished, 120);
  g_assert_no_error (f->error);

  n_batches = point_at (f, 0)->n_batches;
  g_assert_cmpuint (f->points->len, ==, 20 * (n_batches + 1));
  assert_in_order (f, 1);
  g_assert_cmpuint (last_point (f)->epoch, ==, 20);
  g_assert_true (last_point (f)->end_of_epoch);
  /* One evaluation per epoch, though the flush may pass on only the newest of a burst. */
  g_assert_cmpuint (f->n_evaluated, >=, 1);
  g_assert_cmpuint (f->n_evaluated, <=, 20);
  g_assert_cmpint (f->last_split, ==, LAB_SPLIT_VALIDATION);
  /* The spiral is learnt: the same figure the CLI reaches, give or take. */
  g_assert_cmpfloat (f->last_val_accuracy, >=, 0.9);
  g_assert_cmpfloat (fabs (f->last_val_accuracy - last_point (f)->val_accuracy), <, 1e-9);
  /* PREPARING, RUNNING, IDLE. */
  g_assert_cmpuint (f->n_states, ==, 3);
  g_assert_true (lab_train_session_has_weights (f->session));
  g_assert_nonnull (lab_train_session_get_dataset (f->session, LAB_SPLIT_TRAIN));
  g_assert_nonnull (lab_train_session_get_dataset (f->session, LAB_SPLIT_VALIDATION));
  g_assert_null (lab_train_session_get_checkpoint_path (f->session));

  /* The test split on request. */
  f->n_evaluated = 0;
  lab_train_session_evaluate (f->session, LAB_SPLIT_TEST);
  while (f->n_evaluated == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (f->last_split, ==, LAB_SPLIT_TEST);
}

static void
wait_for_pause (Fixture *f)
{
  while (lab_train_session_get_state (f->session) != LAB_TRAIN_STATE_PAUSED && !f->finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (f->finished);
}

static void
test_pause_resume (Fixture       *f,
                   gconstpointer  data)
{
  ProbeWait w;
  guint n;

  /* Long enough that the pause comes before the end. */
  f->project->settings.epochs = 500;
  f->pause_at = 5;
  start (f);
  wait_for_pause (f);

  /* A probe runs while paused, after the points of the batches that were under way. */
  probe_and_wait (f, &w);
  g_assert_true (w.got_result);
  n = f->points->len;
  g_assert_cmpuint (w.n_points_then, ==, n);
  g_assert_cmpuint (last_point (f)->step, ==, w.result.step);
  run_for (0.3);
  g_assert_cmpuint (f->points->len, ==, n);
  g_assert_cmpint (lab_train_session_get_state (f->session), ==, LAB_TRAIN_STATE_PAUSED);

  lab_train_session_resume (f->session);
  g_assert_cmpint (lab_train_session_get_state (f->session), ==, LAB_TRAIN_STATE_RUNNING);
  while (f->points->len < n + 100 && !f->finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (f->finished);
  assert_in_order (f, 1);

  /* Paused while loading: not a single batch runs. */
  lab_train_session_stop (f->session);
  run_until (&f->finished, 60);
  start (f);
  lab_train_session_pause (f->session);
  run_for (0.3);
  g_assert_cmpuint (f->points->len, ==, 0);
  g_assert_cmpint (lab_train_session_get_state (f->session), ==, LAB_TRAIN_STATE_PAUSED);
  lab_train_session_stop (f->session);
  run_until (&f->finished, 60);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_stop_checkpoint (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LabDataset *train = NULL, *val = NULL, *test = NULL;
  g_autoptr(LabDataset) all = NULL;
  g_autoptr(LabDataset) own_test = NULL;
  LabTrainer *loaded;
  const char *path;
  ProbeWait w;

  f->project->settings.epochs = 500;
  f->stop_at = 40;
  start (f);
  run_until (&f->finished, 60);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (lab_train_session_has_weights (f->session));
  path = lab_train_session_get_checkpoint_path (f->session);
  g_assert_nonnull (path);
  g_assert_true (g_str_has_prefix (path, g_get_user_state_dir ()));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* The session kept the weights it wrote. */
  probe_and_wait (f, &w);
  g_assert_true (w.got_result);
  g_assert_cmpuint (w.result.step, ==, last_point (f)->step);

  g_assert_true (lab_data_ref_load (&f->project->data, NULL, f->project->settings.seed,
                                    &all, &own_test, &error));
  g_assert_true (lab_prepare_data (all, own_test, &f->project->settings, &train, &val, &test,
                                   &error));
  loaded = lab_trainer_new (f->project->graph, &f->project->settings, train, val, test, &error);
  g_assert_no_error (error);
  g_assert_true (lab_trainer_load_checkpoint (loaded, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lab_optimizer_get_step (lab_trainer_get_optimizer (loaded)), ==, w.result.step);
  g_assert_cmpfloat (param_sum (lab_trainer_get_network (loaded)), ==, w.result.sum);
  lab_trainer_free (loaded);
}

static void
test_train_again_and_reset (Fixture       *f,
                            gconstpointer  data)
{
  guint64 steps;
  guint n_batches, epoch;
  g_autoptr(GError) error = NULL;
  LabNode *dense;

  f->project->settings.epochs = 2;
  start (f);
  run_until (&f->finished, 60);
  g_assert_no_error (f->error);
  steps = last_point (f)->step;
  n_batches = last_point (f)->n_batches;
  g_assert_cmpuint (steps, ==, 2 * n_batches);

  /* Same graph (moved nodes do not count), same data: two epochs more, from where it was. */
  lab_graph_set_position (f->project->graph, lab_graph_get_input (f->project->graph)->id, 400, 10);
  f->project->settings.optimizer.lr = 0.005f;   /* live: does not force a fresh start */
  start (f);
  run_until (&f->finished, 60);
  g_assert_no_error (f->error);
  g_assert_cmpuint (point_at (f, 0)->epoch, ==, 3);
  g_assert_cmpuint (point_at (f, 0)->step, ==, steps + 1);
  assert_in_order (f, steps + 1);
  g_assert_cmpuint (last_point (f)->epoch, ==, 4);

  /* Stopped (most likely in the middle of an epoch), it goes on where it was. */
  f->project->settings.epochs = 500;
  f->stop_at = 4 * n_batches + 3;
  start (f);
  run_until (&f->finished, 60);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  steps = last_point (f)->step;
  epoch = last_point (f)->end_of_epoch ? last_point (f)->epoch + 1 : last_point (f)->epoch;
  f->project->settings.epochs = 1;
  start (f);
  run_until (&f->finished, 60);
  g_assert_no_error (f->error);
  g_assert_cmpuint (point_at (f, 0)->epoch, ==, epoch);
  g_assert_cmpuint (point_at (f, 0)->step, ==, steps + 1);
  assert_in_order (f, steps + 1);

  /* A different structure starts afresh. */
  dense = lab_graph_find_node (f->project->graph, "dense1");
  if (dense == NULL)
    dense = g_ptr_array_index (lab_graph_get_nodes (f->project->graph), 1);
  g_assert_true (lab_graph_set_hparam_text (f->project->graph, dense->id, "units", "32", &error));
  start (f);
  g_assert_false (lab_train_session_has_weights (f->session));
  run_until (&f->finished, 60);
  g_assert_no_error (f->error);
  g_assert_cmpuint (point_at (f, 0)->epoch, ==, 1);
  g_assert_cmpuint (point_at (f, 0)->step, ==, 1);

  /* Reset while running stops the run first, then forgets. */
  f->project->settings.epochs = 500;
  start (f);
  while (f->points->len < 5 && !f->finished)
    g_main_context_iteration (NULL, TRUE);
  lab_train_session_reset (f->session);
  g_assert_cmpint (lab_train_session_get_state (f->session), ==, LAB_TRAIN_STATE_STOPPING);
  run_until (&f->finished, 60);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (lab_train_session_has_weights (f->session));
  f->project->settings.epochs = 1;

  /* Reset forgets the weights: the same graph starts at epoch 1 again. */
  lab_train_session_reset (f->session);
  g_assert_false (lab_train_session_has_weights (f->session));
  g_assert_null (lab_train_session_get_dataset (f->session, LAB_SPLIT_TRAIN));
  start (f);
  run_until (&f->finished, 60);
  g_assert_no_error (f->error);
  g_assert_cmpuint (point_at (f, 0)->epoch, ==, 1);
  g_assert_cmpuint (point_at (f, 0)->step, ==, 1);
}

static void
count_notify (guint *n)
{
  (*n)++;
}

static void
test_learning_rate (Fixture       *f,
                    gconstpointer  data)
{
  ProbeWait w;
  gboolean seen = FALSE;
  guint n, n_notify = 0;

  f->project->settings.schedule.kind = LAB_SCHEDULE_CONSTANT;
  f->project->settings.epochs = 500;
  f->pause_at = 3;
  start (f);
  wait_for_pause (f);
  probe_and_wait (f, &w);
  for (guint i = 0; i < f->points->len; i++)
    g_assert_cmpfloat (point_at (f, i)->lr, ==, (float) f->project->settings.optimizer.lr);

  g_signal_connect_swapped (f->session, "notify::learning-rate", G_CALLBACK (count_notify), &n_notify);
  lab_train_session_set_learning_rate (f->session, 0.0042);
  lab_train_session_set_learning_rate (f->session, 0.0042);
  g_assert_cmpfloat (lab_train_session_get_learning_rate (f->session), ==, 0.0042);
  g_assert_cmpuint (n_notify, ==, 1);
  n = f->points->len;
  lab_train_session_resume (f->session);
  while (f->points->len < n + 100 && !f->finished)
    g_main_context_iteration (NULL, TRUE);
  lab_train_session_stop (f->session);
  run_until (&f->finished, 60);
  for (guint i = 0; i < f->points->len; i++)
    {
      const LabTrainPoint *p = point_at (f, i);

      if (p->step == w.result.step + 1 && !p->end_of_epoch)
        {
          /* The very next batch uses it. */
          g_assert_cmpfloat (p->lr, ==, (float) 0.0042);
          seen = TRUE;
        }
      if (p->step > w.result.step)
        g_assert_cmpfloat (p->lr, ==, (float) 0.0042);
    }
  g_assert_true (seen);
}

static void
test_diverged (Fixture       *f,
               gconstpointer  data)
{
  f->project->settings.schedule.kind = LAB_SCHEDULE_CONSTANT;
  lab_optimizer_config_defaults (&f->project->settings.optimizer, LAB_OPTIMIZER_SGD);
  f->project->settings.optimizer.lr = 1e6f;
  f->project->settings.scaling = LAB_SCALING_NONE;
  f->project->settings.epochs = 20;
  start (f);
  run_until (&f->finished, 60);
  g_assert_error (f->error, LAB_ERROR, LAB_ERROR_DIVERGED);
  g_assert_nonnull (strstr (f->error->message, "learning rate"));
  g_assert_true (lab_train_session_has_weights (f->session));
  g_assert_null (lab_train_session_get_checkpoint_path (f->session));
}

static void
test_probes_consistent (Fixture       *f,
                        gconstpointer  data)
{
  ProbeWait w[8];

  f->project->settings.epochs = 10;
  start (f);
  /* Probes during the run: each sees one moment, right after a batch whose point came first. */
  for (guint i = 0; i < G_N_ELEMENTS (w); i++)
    {
      probe_and_wait (f, &w[i]);
      if (f->finished)
        break;
      g_assert_true (w[i].got_result);
      /* The points of the same flush that came after it are delivered too: look at the one
       * before the probe's result. */
      if (w[i].result.step > 0)
        g_assert_cmpuint (point_at (f, w[i].n_points_then - 1)->step, ==, w[i].result.step);
    }
  run_until (&f->finished, 60);
  g_assert_no_error (f->error);

  /* When idle, on a worker all the same (probe_weights checks), with the final weights. */
  probe_and_wait (f, &w[0]);
  g_assert_true (w[0].got_result);
  g_assert_cmpuint (w[0].result.step, ==, last_point (f)->step);

  /* After a reset there are no weights: done with NULL. */
  lab_train_session_reset (f->session);
  probe_and_wait (f, &w[0]);
  g_assert_false (w[0].got_result);
}

static void
on_weak_notify (gpointer data,
                GObject *where)
{
  *(gboolean *) data = TRUE;
}

static void
test_dispose_running (Fixture       *f,
                      gconstpointer  data)
{
  ProbeWait w1 = { 0 }, w2 = { 0 };
  gboolean gone = FALSE;

  /* While training: a probe queued just before the last reference goes still hears back. */
  f->project->settings.epochs = 500;
  start (f);
  while (f->points->len < 10)
    g_main_context_iteration (NULL, TRUE);
  lab_train_session_probe (f->session, probe_weights, probe_done, &w1, g_free);
  g_object_weak_ref (G_OBJECT (f->session), on_weak_notify, &gone);
  g_clear_object (&f->session);
  g_assert_true (gone);
  g_assert_true (w1.done);
  g_assert_false (f->finished);
  run_for (0.1);   /* nothing arrives from the gone session */

  /* While loading. */
  f->session = lab_train_session_new ();
  lab_train_session_set_data (f->session, &f->project->data);
  lab_train_session_start (f->session, f->project->graph, &f->project->settings, NULL);
  lab_train_session_probe (f->session, probe_weights, probe_done, &w2, g_free);
  g_clear_object (&f->session);
  g_assert_true (w2.done);
  run_for (0.1);
}

/* The panel's figures (pure functions, no display). */
static void
test_panel_figures (void)
{
  struct { double s; const char *text; } durations[] = {
    { 0, "0 s" }, { 44.6, "45 s" }, { 59.4, "59 s" }, { 200, "3 min 20 s" },
    { 3599, "59 min 59 s" }, { 3900, "1 h 05 min" }, { NAN, "–" }, { -1, "–" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      g_autofree char *text = lab_train_format_duration (durations[i].s);

      g_assert_cmpstr (text, ==, durations[i].text);
    }
  /* A fresh run of 10 epochs, 4 batches each. */
  g_assert_cmpfloat (lab_train_run_fraction (0, 10, 1, 0, 4), ==, 0);
  g_assert_cmpfloat (lab_train_run_fraction (0, 10, 1, 2, 4), ==, 0.05);
  g_assert_cmpfloat (lab_train_run_fraction (0, 10, 10, 4, 4), ==, 1);
  /* Train again after 10 epochs, 5 more: epoch 13 half done is 50 %. */
  g_assert_cmpfloat (lab_train_run_fraction (10, 15, 13, 2, 4), ==, 0.5);
  /* Nonsense stays in range. */
  g_assert_cmpfloat (lab_train_run_fraction (10, 15, 3, 2, 4), ==, 0);
  g_assert_cmpfloat (lab_train_run_fraction (10, 15, 30, 2, 4), ==, 1);
  g_assert_cmpfloat (lab_train_run_fraction (5, 5, 5, 2, 4), ==, 0);
  g_assert_cmpfloat (lab_train_run_fraction (0, 5, 1, 2, 0), ==, 0);
}

/* ---- widgets (need a display: run under Xvfb, see tests/meson.build) ----------------------- */

static gboolean have_display;

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (w) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title) == 0)
        return w;
      if ((found = find_row (w, title)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        return w;
      if ((found = find_type (w, type)) != NULL)
        return found;
    }
  return NULL;
}

/* Removes a folder and everything in it. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
test_inspector_lock (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *inspector, *lr, *batch;

  if (!have_display)
    {
      g_test_skip ("needs a display (run under Xvfb)");
      return;
    }
  inspector = g_object_ref_sink (lab_inspector_new ());
  lab_inspector_set_project (LAB_INSPECTOR (inspector), f->project);
  lr = find_row (inspector, "Learning rate");
  batch = find_row (inspector, "Batch size");
  g_assert_nonnull (lr);
  g_assert_nonnull (batch);
  g_assert_true (gtk_widget_get_sensitive (batch));

  lab_inspector_set_training (LAB_INSPECTOR (inspector), TRUE);
  g_assert_true (lab_inspector_get_training (LAB_INSPECTOR (inspector)));
  g_assert_false (gtk_widget_get_sensitive (batch));
  g_assert_false (gtk_widget_get_sensitive (find_row (inspector, "Optimizer")));
  /* The learning rate stays editable, and says it applies at once. */
  g_assert_true (gtk_widget_get_sensitive (lr));
  g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (lr)));

  lab_inspector_set_training (LAB_INSPECTOR (inspector), FALSE);
  g_assert_true (gtk_widget_get_sensitive (batch));
  g_object_unref (inspector);
}

static void
on_page_train (LabTrainingPage *page,
               Fixture         *f)
{
  lab_train_session_start (f->session, f->project->graph, &f->project->settings, NULL);
}

static void
test_training_page (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *page, *stack, *chart, *bar, *window;
  gint64 deadline;

  if (!have_display)
    {
      g_test_skip ("needs a display (run under Xvfb)");
      return;
    }
  page = g_object_ref_sink (lab_training_page_new (f->session));
  g_signal_connect (page, "train-requested", G_CALLBACK (on_page_train), f);
  stack = find_type (page, GTK_TYPE_STACK);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");

  lab_training_page_request_train (LAB_TRAINING_PAGE (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "run");
  run_until (&f->finished, 60);
  g_assert_no_error (f->error);

  /* The first chart is the loss: a point per batch, one per epoch for training and validation. */
  chart = find_type (page, LAB_TYPE_CHART);
  g_assert_cmpuint (lab_chart_series_get_n_points (LAB_CHART (chart), 0), ==,
                    3 * point_at (f, 0)->n_batches);
  g_assert_cmpuint (lab_chart_series_get_n_points (LAB_CHART (chart), 1), ==, 3);
  g_assert_cmpuint (lab_chart_series_get_n_points (LAB_CHART (chart), 2), ==, 3);
  /* The progress texts follow the latest point once a frame: shown in a window, the bar gets
   * to the end of the run. */
  bar = find_type (page, GTK_TYPE_PROGRESS_BAR);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) < 1.0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), ==, 1.0);

  /* Train again extends the curves. */
  lab_training_page_request_train (LAB_TRAINING_PAGE (page));
  f->finished = FALSE;
  run_until (&f->finished, 60);
  g_assert_cmpuint (lab_chart_series_get_n_points (LAB_CHART (chart), 1), ==, 6);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (page);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_dir = g_dir_make_tmp ("test-gui-train-session-XXXXXX", NULL);
  int status;

  /* Checkpoints go to a folder of the test's own. (Not G_TEST_OPTION_ISOLATE_DIRS: in its
   * folders GTK cannot load its icons.) Before GLib reads the variable. */
  g_assert_nonnull (state_dir);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  /* Not gtk_test_init (): it aborts without a display, and these tests skip instead. */
  if (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL)
    {
      have_display = gtk_init_check ();
      if (have_display)
        adw_init ();
    }
  main_thread = g_thread_self ();

#define ADD(path, func) \
  g_test_add ("/gui/train-session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("spiral-to-the-end", test_spiral_to_the_end);
  ADD ("pause-resume", test_pause_resume);
  ADD ("stop-checkpoint", test_stop_checkpoint);
  ADD ("train-again-reset", test_train_again_and_reset);
  ADD ("learning-rate", test_learning_rate);
  ADD ("diverged", test_diverged);
  ADD ("probes", test_probes_consistent);
  ADD ("dispose-running", test_dispose_running);
  ADD ("inspector-lock", test_inspector_lock);
  ADD ("training-page", test_training_page);
#undef ADD
  g_test_add_func ("/gui/train-session/panel-figures", test_panel_figures);
  status = g_test_run ();
  remove_tree (state_dir);
  return status;
}

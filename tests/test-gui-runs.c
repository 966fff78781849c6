/* test-gui-runs.c: the Runs page: settings compared, runs recorded from a real training
 * session, renamed and deleted (the widget parts need a display)
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "lab-core.h"
#include "lab-examples.h"
#include "lab-runs-page.h"

static LabRun *
hand_made_run (const char *name,
               float       lr,
               guint       n_epochs)
{
  LabTrainSettings settings;
  LabDataRef data;
  LabRun *run;

  lab_train_settings_defaults (&settings);
  settings.optimizer.lr = lr;
  lab_data_ref_init (&data);
  run = lab_run_new (name, &settings, &data);
  lab_data_ref_clear (&data);
  for (guint e = 1; e <= n_epochs; e++)
    {
      LabTrainPoint batch = { .epoch = e, .batch = 1, .n_batches = 1, .loss = 1.0 / e };
      LabTrainPoint end = { .epoch = e, .batch = 1, .n_batches = 1, .end_of_epoch = TRUE,
                            .loss = 1.0 / e, .accuracy = 0.9, .val_loss = 1.2 / e,
                            .val_accuracy = 0.85, .lr = lr };

      lab_run_add_point (run, &batch);
      lab_run_add_point (run, &end);
    }
  lab_run_finish (run, NULL, 2.5);
  return run;
}

static void
test_compare_rows (void)
{
  g_autoptr(LabRun) a = hand_made_run ("A", 0.001f, 3);
  g_autoptr(LabRun) b = hand_made_run ("B", 0.1f, 2);
  g_autoptr(GPtrArray) rows = lab_runs_compare_rows (a, b);
  g_autoptr(GPtrArray) single = lab_runs_compare_rows (a, NULL);
  g_autofree char *text = lab_runs_describe (a);
  guint differing = 0;

  g_assert_cmpuint (rows->len, >, 20);
  for (guint i = 0; i < rows->len; i++)
    {
      LabRunsCompareRow *row = g_ptr_array_index (rows, i);

      g_assert_nonnull (row->b);
      if (row->differs)
        {
          differing++;
          g_assert_cmpstr (row->key, ==, "optimizer.lr");
          g_assert_cmpstr (row->a, ==, "0.001");
          g_assert_cmpstr (row->b, ==, "0.1");
        }
    }
  g_assert_cmpuint (differing, ==, 1);

  /* One run alone: one column, nothing differs. */
  g_assert_cmpuint (single->len, ==, rows->len);
  for (guint i = 0; i < single->len; i++)
    {
      LabRunsCompareRow *row = g_ptr_array_index (single, i);

      g_assert_null (row->b);
      g_assert_false (row->differs);
    }

  /* Results: the better figure marked, rows without figures left out. */
  {
    g_autoptr(GPtrArray) results = NULL;
    gboolean saw_val_loss = FALSE;

    lab_run_set_test (a, 0.3, 0.91);
    results = lab_runs_result_rows (a, b);
    for (guint i = 0; i < results->len; i++)
      {
        LabRunsCompareRow *row = g_ptr_array_index (results, i);

        if (g_str_equal (row->key, "val-loss"))
          {
            /* a ends at 1.2 / 3, b at 1.2 / 2: a's is lower, so better. */
            saw_val_loss = TRUE;
            g_assert_cmpuint (row->better, ==, 1);
          }
        if (g_str_equal (row->key, "epochs"))
          {
            g_assert_cmpstr (row->a, ==, "3");
            g_assert_cmpstr (row->b, ==, "2");
            g_assert_cmpuint (row->better, ==, 0);
          }
        if (g_str_equal (row->key, "val-accuracy"))
          g_assert_cmpuint (row->better, ==, 0);   /* equal */
        if (g_str_equal (row->key, "test-accuracy"))
          {
            g_assert_cmpstr (row->b, ==, "–");
            g_assert_cmpuint (row->better, ==, 0);
          }
      }
    g_assert_true (saw_val_loss);
  }

  g_assert_nonnull (strstr (text, "3 epochs"));
  g_assert_nonnull (strstr (text, "Completed"));
  g_clear_pointer (&text, g_free);
  text = lab_runs_format_accuracy (0.9641);
  g_assert_cmpstr (text, ==, "96.4 %");
  g_clear_pointer (&text, g_free);
  text = lab_runs_format_accuracy (NAN);
  g_assert_cmpstr (text, ==, "–");
  g_clear_pointer (&text, g_free);
  text = lab_runs_format_loss (0.08123);
  g_assert_cmpstr (text, ==, "0.081");
}

/* GTK 4.8 crashes when gtk_init_check () is called again after it failed. */
static gboolean
have_display (void)
{
  static int display = -1;

  if (display < 0)
    display = gtk_init_check ();
  if (!display)
    g_test_skip ("needs a display (run under shared/tools/gui-session exec)");
  return display;
}

static void
count (guint *n)
{
  (*n)++;
}

static void
test_page_hand_made (void)
{
  g_autoptr(LabProject) project = lab_project_new ();
  g_autoptr(LabTrainSession) session = NULL;
  GtkWidget *page;
  LabRun *r1, *r2, *r3;
  guint changed = 0;

  if (!have_display ())
    return;
  session = lab_train_session_new ();
  page = g_object_ref_sink (lab_runs_page_new (session));
  g_signal_connect_swapped (page, "changed", G_CALLBACK (count), &changed);

  /* An empty project, then one with three runs: the two newest are compared. */
  lab_runs_page_set_project (LAB_RUNS_PAGE (page), project);
  g_assert_null (lab_runs_page_get_compared (LAB_RUNS_PAGE (page), 0));
  r1 = hand_made_run ("Run 1", 0.001f, 3);
  r2 = hand_made_run ("Run 2", 0.01f, 4);
  r3 = hand_made_run ("Run 3", 0.1f, 5);
  g_ptr_array_add (project->runs, r1);
  g_ptr_array_add (project->runs, r2);
  g_ptr_array_add (project->runs, r3);
  lab_runs_page_set_project (LAB_RUNS_PAGE (page), project);
  g_assert_true (lab_runs_page_get_compared (LAB_RUNS_PAGE (page), 0) == r2);
  g_assert_true (lab_runs_page_get_compared (LAB_RUNS_PAGE (page), 1) == r3);

  /* Chosen in any order, shown oldest first. */
  lab_runs_page_compare (LAB_RUNS_PAGE (page), r3, r1);
  g_assert_true (lab_runs_page_get_compared (LAB_RUNS_PAGE (page), 0) == r1);
  g_assert_true (lab_runs_page_get_compared (LAB_RUNS_PAGE (page), 1) == r3);
  lab_runs_page_compare (LAB_RUNS_PAGE (page), NULL, r2);
  g_assert_true (lab_runs_page_get_compared (LAB_RUNS_PAGE (page), 0) == r2);
  g_assert_null (lab_runs_page_get_compared (LAB_RUNS_PAGE (page), 1));
  g_assert_cmpuint (changed, ==, 0);

  /* Rename (blank names are refused) and delete. */
  lab_runs_page_rename_run (LAB_RUNS_PAGE (page), r2, "  Higher LR  ");
  g_assert_cmpstr (r2->name, ==, "Higher LR");
  lab_runs_page_rename_run (LAB_RUNS_PAGE (page), r2, "   ");
  g_assert_cmpstr (r2->name, ==, "Higher LR");
  g_assert_cmpuint (changed, ==, 1);
  lab_runs_page_delete_run (LAB_RUNS_PAGE (page), r2);
  g_assert_cmpuint (project->runs->len, ==, 2);
  g_assert_null (lab_runs_page_get_compared (LAB_RUNS_PAGE (page), 0));
  g_assert_cmpuint (changed, ==, 2);

  lab_runs_page_set_project (LAB_RUNS_PAGE (page), NULL);
  g_object_unref (page);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   finished;
} Wait;

static void
on_finished (Wait *wait)
{
  wait->finished = TRUE;
  g_main_loop_quit (wait->loop);
}

static gboolean
on_timeout (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
train (LabTrainSession *session,
       LabProject      *project,
       Wait            *wait)
{
  guint timeout;

  wait->finished = FALSE;
  lab_train_session_start (session, project->graph, &project->settings, NULL);
  timeout = g_timeout_add_seconds (100, on_timeout, wait->loop);
  g_main_loop_run (wait->loop);
  g_source_remove (timeout);
  g_assert_true (wait->finished);
}

static void
test_page_records (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LabProject) project = NULL;
  g_autoptr(LabTrainSession) session = NULL;
  Wait wait = { NULL, FALSE };
  GtkWidget *page;
  LabRun *first, *second;
  guint changed = 0;

  if (!have_display ())
    return;
  path = lab_example_find_path ("spiral-mlp", &error);
  g_assert_no_error (error);
  project = lab_project_load (path, &error);
  g_assert_no_error (error);
  project->settings.epochs = 2;
  project->settings.threads = 1;

  session = lab_train_session_new ();
  page = g_object_ref_sink (lab_runs_page_new (session));
  lab_runs_page_set_project (LAB_RUNS_PAGE (page), project);
  g_signal_connect_swapped (page, "changed", G_CALLBACK (count), &changed);
  wait.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect_swapped (session, "finished", G_CALLBACK (on_finished), &wait);

  train (session, project, &wait);
  g_assert_cmpuint (project->runs->len, ==, 1);
  first = g_ptr_array_index (project->runs, 0);
  g_assert_cmpstr (first->name, ==, "Run 1");
  g_assert_cmpint (first->end, ==, LAB_RUN_COMPLETED);
  g_assert_cmpuint (first->epochs->len, ==, 2);
  g_assert_cmpfloat (g_array_index (first->epochs, LabRunEpoch, 1).epoch, ==, 2);
  g_assert_true (isfinite (lab_run_get_last_epoch (first)->val_accuracy));
  g_assert_cmpuint (first->batch_x->len + (first->pending_n > 0), >, 0);
  g_assert_cmpfloat (first->duration, >, 0);
  g_assert_cmpuint (changed, >=, 2);   /* started, finished */
  g_assert_true (lab_runs_page_get_compared (LAB_RUNS_PAGE (page), 0) == first);

  /* Train again with another learning rate: a second run, compared with the first. */
  project->settings.optimizer.lr *= 2;
  train (session, project, &wait);
  g_assert_cmpuint (project->runs->len, ==, 2);
  second = g_ptr_array_index (project->runs, 1);
  g_assert_cmpstr (second->name, ==, "Run 2");
  g_assert_cmpuint (second->epochs->len, ==, 2);
  /* The run counts its own epochs though the trainer went on from epoch 2. */
  g_assert_cmpfloat (g_array_index (second->epochs, LabRunEpoch, 0).epoch, ==, 1);
  g_assert_true (lab_runs_page_get_compared (LAB_RUNS_PAGE (page), 0) == first);
  g_assert_true (lab_runs_page_get_compared (LAB_RUNS_PAGE (page), 1) == second);

  /* Saved with the project and read back. */
  {
    g_autofree char *data = NULL;
    g_autoptr(LabProject) back = NULL;
    gsize length;

    data = lab_project_to_data (project, &length);
    back = lab_project_load_from_data (data, length, "back.layerlab", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (back->runs->len, ==, 2);
  }

  lab_runs_page_set_project (LAB_RUNS_PAGE (page), NULL);
  g_object_unref (page);
  g_main_loop_unref (wait.loop);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/gui/runs/compare-rows", test_compare_rows);
  g_test_add_func ("/gui/runs/page/hand-made", test_page_hand_made);
  g_test_add_func ("/gui/runs/page/records", test_page_records);
  return g_test_run ();
}

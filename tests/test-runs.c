/* test-runs.c: recording training runs, their outcome, JSON and their place in projects
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lab-core.h"
#include "lab-project.h"
#include "lab-run.h"

static LabRun *
new_run (const char *name)
{
  LabTrainSettings settings;
  LabDataRef data;
  LabRun *run;

  lab_train_settings_defaults (&settings);
  lab_data_ref_init (&data);
  run = lab_run_new (name, &settings, &data);
  lab_data_ref_clear (&data);
  return run;
}

/* Feeds a run like a trainer would: n_batches reports per epoch, then the epoch's end. The
 * trainer has already run first_epoch epochs ("Train again"). */
static void
feed (LabRun *run,
      guint   first_epoch,
      guint   n_epochs,
      guint   n_batches)
{
  for (guint e = first_epoch + 1; e <= first_epoch + n_epochs; e++)
    {
      for (guint b = 1; b <= n_batches; b++)
        {
          LabTrainPoint p = { .epoch = e, .batch = b, .n_batches = n_batches,
                              .loss = 2.0 - 0.001 * b, .accuracy = 0.5, .val_loss = NAN,
                              .val_accuracy = NAN, .lr = 0.01 };

          lab_run_add_point (run, &p);
        }
      {
        LabTrainPoint p = { .epoch = e, .batch = n_batches, .n_batches = n_batches,
                            .end_of_epoch = TRUE, .loss = 1.0 / e, .accuracy = 0.5 + 0.01 * e,
                            .val_loss = 1.5 / e, .val_accuracy = 0.4 + 0.01 * e, .lr = 0.01 };

        lab_run_add_point (run, &p);
      }
    }
}

static void
test_record (void)
{
  g_autoptr(LabRun) run = new_run ("Run 1");
  g_autofree double *x = NULL, *loss = NULL;
  const LabRunEpoch *last;
  gsize n;

  g_assert_null (lab_run_get_last_epoch (run));
  /* Resumed after 5 epochs: the run still counts from 1. */
  feed (run, 5, 3, 1000);
  g_assert_cmpuint (run->epochs->len, ==, 3);
  last = lab_run_get_last_epoch (run);
  g_assert_cmpfloat (last->epoch, ==, 3);
  g_assert_cmpfloat_with_epsilon (last->loss, 1.0 / 8, 1e-12);
  g_assert_cmpfloat_with_epsilon (last->val_accuracy, 0.48, 1e-12);
  g_assert_false (isnan (g_array_index (run->epochs, LabRunEpoch, 0).val_loss));

  /* 3,000 batches kept in at most 2,000 points, each the mean of batch_stride batches. */
  n = lab_run_get_batches (run, &x, &loss);
  g_assert_cmpuint (n, <=, LAB_RUN_MAX_BATCH_POINTS);
  g_assert_cmpuint (run->batch_stride, ==, 2);
  g_assert_cmpuint (n, ==, 1500);
  /* The first point averages batches 1 and 2 of the first epoch: x = (0.001 + 0.002) / 2. */
  g_assert_cmpfloat_with_epsilon (x[0], 0.0015, 1e-12);
  g_assert_cmpfloat_with_epsilon (loss[0], 2.0 - 0.0015, 1e-12);
  g_assert_cmpfloat_with_epsilon (x[n - 1], 2.9995, 1e-12);
  for (gsize i = 1; i < n; i++)
    g_assert_cmpfloat (x[i], >, x[i - 1]);

  /* A long run stays small. */
  feed (run, 8, 200, 1000);
  g_clear_pointer (&x, g_free);
  g_clear_pointer (&loss, g_free);
  n = lab_run_get_batches (run, &x, &loss);
  g_assert_cmpuint (n, <=, LAB_RUN_MAX_BATCH_POINTS);
  g_assert_cmpuint (n, >=, LAB_RUN_MAX_BATCH_POINTS / 2);
  g_assert_cmpfloat (x[n - 1], >, 202.9);
}

static void
test_finish (void)
{
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
  g_autoptr(GError) diverged = g_error_new_literal (LAB_ERROR, LAB_ERROR_DIVERGED,
                                                    "the loss became NaN at epoch 2");
  g_autoptr(GError) other = g_error_new_literal (LAB_ERROR, LAB_ERROR_DATASET, "no data");
  g_autoptr(LabRun) run = new_run ("Run 1");
  g_autofree char *text = NULL;

  g_assert_cmpint (run->end, ==, LAB_RUN_RUNNING);
  run->settings.epochs = 3;
  feed (run, 0, 3, 4);
  lab_run_finish (run, NULL, 12.5);
  g_assert_cmpint (run->end, ==, LAB_RUN_COMPLETED);
  g_assert_cmpfloat (run->duration, ==, 12.5);

  run->settings.epochs = 10;
  lab_run_finish (run, NULL, 1);
  g_assert_cmpint (run->end, ==, LAB_RUN_COMPLETED);   /* no early stopping: it was asked for 3 */
  run->settings.early_stopping = TRUE;
  lab_run_finish (run, NULL, 1);
  g_assert_cmpint (run->end, ==, LAB_RUN_EARLY_STOPPED);

  lab_run_finish (run, cancelled, 1);
  g_assert_cmpint (run->end, ==, LAB_RUN_STOPPED);
  g_assert_null (run->end_reason);
  lab_run_finish (run, diverged, 1);
  g_assert_cmpint (run->end, ==, LAB_RUN_DIVERGED);
  text = lab_run_describe_end (run);
  g_assert_nonnull (strstr (text, "NaN at epoch 2"));
  lab_run_finish (run, other, 1);
  g_assert_cmpint (run->end, ==, LAB_RUN_FAILED);
  g_assert_cmpstr (run->end_reason, ==, "no data");

  for (int e = 0; e < LAB_RUN_N_ENDS; e++)
    {
      LabRunEnd back;

      g_assert_true (lab_run_end_from_string (lab_run_end_to_string (e), &back));
      g_assert_cmpint (back, ==, e);
    }
  {
    LabRunEnd end = LAB_RUN_COMPLETED;

    g_assert_false (lab_run_end_from_string ("exploded", &end));
    g_assert_cmpint (end, ==, LAB_RUN_COMPLETED);
  }
}

static void
assert_same_run (const LabRun *a,
                 const LabRun *b)
{
  g_autofree double *ax = NULL, *ay = NULL, *bx = NULL, *by = NULL;
  gsize n = lab_run_get_batches (a, &ax, &ay);

  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_true (g_date_time_equal (a->started, b->started));
  g_assert_cmpfloat (a->duration, ==, b->duration);
  g_assert_cmpint (a->end, ==, b->end);
  g_assert_cmpstr (a->end_reason, ==, b->end_reason);
  g_assert_cmpuint (a->settings.batch_size, ==, b->settings.batch_size);
  g_assert_cmpfloat (a->settings.optimizer.lr, ==, b->settings.optimizer.lr);
  g_assert_cmpint (a->data.kind, ==, b->data.kind);
  /* Curves are stored at float precision. */
  g_assert_cmpuint (a->epochs->len, ==, b->epochs->len);
  for (guint i = 0; i < a->epochs->len * 6; i++)
    {
      double va = ((double *) (void *) a->epochs->data)[i];
      double vb = ((double *) (void *) b->epochs->data)[i];

      g_assert_true ((isnan (va) && isnan (vb)) || fabs (va - vb) <= 1e-6 * fabs (va));
    }
  g_assert_cmpuint (lab_run_get_batches (b, &bx, &by), ==, n);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpfloat (fabs (ax[i] - bx[i]), <=, 1e-6 * fabs (ax[i]));
      g_assert_cmpfloat (fabs (ay[i] - by[i]), <=, 1e-6 * fabs (ay[i]));
    }
  g_assert_true ((isnan (a->test_accuracy) && isnan (b->test_accuracy)) ||
                 a->test_accuracy == b->test_accuracy);
}

static void
test_json (void)
{
  g_autoptr(LabRun) run = new_run ("Run “quoted”");
  g_autoptr(LabRun) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) diverged = g_error_new_literal (LAB_ERROR, LAB_ERROR_DIVERGED, "NaN");

  run->settings.optimizer.lr = 0.1234f;
  run->settings.batch_size = 7;
  feed (run, 2, 4, 333);   /* 333 batches: a partial bucket is pending at the end */
  {
    LabTrainPoint p = { .epoch = 7, .batch = 1, .n_batches = 333, .loss = 0.5 };

    lab_run_add_point (run, &p);
  }
  lab_run_finish (run, diverged, 3.25);
  lab_run_set_test (run, 0.25, NAN);

  node = lab_run_to_json (run);
  back = lab_run_from_json (node, &error);
  g_assert_no_error (error);
  assert_same_run (run, back);
  g_assert_cmpfloat (back->test_loss, ==, 0.25);
}

static void
test_project (void)
{
  g_autoptr(LabProject) project = lab_project_new ();
  g_autoptr(LabProject) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "runs.layerlab", NULL);
  g_autofree char *data = NULL;
  gsize length;

  /* A project without runs writes no "runs", as files from before runs existed. */
  data = lab_project_to_data (project, &length);
  g_assert_null (strstr (data, "\"runs\""));
  back = lab_project_load_from_data (data, length, "old.layerlab", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->runs->len, ==, 0);
  g_clear_pointer (&back, lab_project_free);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = lab_run_next_name (project->runs);
      LabRun *run = new_run (name);

      feed (run, 0, 2 + i, 50);
      lab_run_finish (run, NULL, 1 + i);
      g_ptr_array_add (project->runs, run);
    }
  g_assert_cmpstr (((LabRun *) g_ptr_array_index (project->runs, 1))->name, ==, "Run 2");
  g_assert_true (g_mkdir_with_parents (g_get_user_data_dir (), 0700) == 0);
  g_assert_true (lab_project_save (project, path, &error));
  g_assert_no_error (error);
  back = lab_project_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->runs->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    assert_same_run (g_ptr_array_index (project->runs, i), g_ptr_array_index (back->runs, i));
  /* Saving what was read writes the same file again. */
  {
    g_autofree char *first = lab_project_to_data (back, NULL);
    g_autoptr(LabProject) again = lab_project_load_from_data (first, -1, "again", &error);
    g_autofree char *second = NULL;

    g_assert_no_error (error);
    second = lab_project_to_data (again, NULL);
    g_assert_cmpstr (first, ==, second);
  }

  /* Names go on from the highest "Run N", whatever else there is. */
  {
    g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_run_free);
    g_autofree char *first = lab_run_next_name (runs);
    g_autofree char *next = NULL;

    g_assert_cmpstr (first, ==, "Run 1");
    g_ptr_array_add (runs, new_run ("Run 12"));
    g_ptr_array_add (runs, new_run ("Run 3b"));
    g_ptr_array_add (runs, new_run ("Run 99999999999"));
    g_ptr_array_add (runs, new_run ("Bigger batches"));
    next = lab_run_next_name (runs);
    g_assert_cmpstr (next, ==, "Run 13");
  }

  /* Deleting and renaming are plain edits of the list. */
  g_ptr_array_remove_index (back->runs, 0);
  {
    g_autofree char *name = lab_run_next_name (back->runs);

    g_assert_cmpstr (name, ==, "Run 3");
  }
}

static void
check_bad (const char *runs_json,
           const char *expect1,
           const char *expect2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabProject) project = NULL;
  g_autofree char *text = g_strdup_printf ("{ \"format\": \"layerlab-project\", \"format-version\": 1, "
                                           "\"graph\": { \"nodes\": [] }, \"runs\": %s }",
                                           runs_json);

  project = lab_project_load_from_data (text, -1, "mine.layerlab", &error);
  g_assert_null (project);
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE);
  if (g_test_verbose ())
    g_printerr ("%s\n", error->message);
  g_assert_true (g_str_has_prefix (error->message, "mine.layerlab: "));
  g_assert_nonnull (strstr (error->message, expect1));
  if (expect2 != NULL)
    g_assert_nonnull (strstr (error->message, expect2));
}

static void
test_bad (void)
{
  check_bad ("5", "“runs” must be a list", NULL);
  check_bad ("[ 3 ]", "run 1: a run must be an object", NULL);
  check_bad ("[ { \"name\": \"A\" }, { \"name\": \"Fast\", \"epochs\": { \"epoch\": [1, 2], "
             "\"loss\": [1] } } ]", "run 2 (“Fast”)", "epochs.loss has 1 values");
  check_bad ("[ { \"name\": \"A\", \"epochs\": { \"epoch\": [1, \"two\"] } } ]",
             "run 1 (“A”)", "epochs.epoch[1]: expected a number or null");
  check_bad ("[ { \"name\": \"A\", \"epochs\": { \"loss\": 3 } } ]", "epochs.loss: expected a list", NULL);
  check_bad ("[ { \"name\": \"A\", \"started\": \"yesterday\" } ]", "started: “yesterday”", NULL);
  check_bad ("[ { \"name\": \"A\", \"end\": \"exploded\" } ]", "end: unknown outcome “exploded”", NULL);
  check_bad ("[ { \"name\": \"A\", \"batches\": { \"per-point\": 0 } } ]", "per-point must be at least 1", NULL);
  check_bad ("[ { \"name\": \"A\", \"training\": { \"optimizer\": \"adamx\" } } ]", "run 1 (“A”)", "adamx");
  check_bad ("[ { \"name\": \"A\", \"test\": { \"loss\": \"low\" } } ]", "test.loss", NULL);
}

static void
test_rows (void)
{
  g_autoptr(LabRun) a = new_run ("A");
  g_autoptr(LabRun) b = new_run ("B");
  g_autoptr(GPtrArray) ra = NULL, rb = NULL;
  guint differing = 0;
  gboolean saw_lr = FALSE;

  b->settings.optimizer.lr = 0.01f;
  ra = lab_run_settings_rows (a);
  rb = lab_run_settings_rows (b);
  g_assert_cmpuint (ra->len, ==, rb->len);
  g_assert_cmpuint (ra->len, >, 20);
  g_assert_cmpstr (((LabRunRow *) g_ptr_array_index (ra, 0))->key, ==, "dataset");
  for (guint i = 0; i < ra->len; i++)
    {
      LabRunRow *x = g_ptr_array_index (ra, i), *y = g_ptr_array_index (rb, i);

      g_assert_cmpstr (x->key, ==, y->key);
      g_assert_nonnull (x->label);
      g_assert_nonnull (x->value);
      if (g_str_equal (x->key, "optimizer.lr"))
        {
          saw_lr = TRUE;
          g_assert_cmpstr (x->value, ==, "0.001");
          g_assert_cmpstr (y->value, ==, "0.01");
        }
      differing += g_strcmp0 (x->value, y->value) != 0;
    }
  g_assert_true (saw_lr);
  g_assert_cmpuint (differing, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/runs/record", test_record);
  g_test_add_func ("/core/runs/finish", test_finish);
  g_test_add_func ("/core/runs/json", test_json);
  g_test_add_func ("/core/runs/project", test_project);
  g_test_add_func ("/core/runs/bad-entries", test_bad);
  g_test_add_func ("/core/runs/settings-rows", test_rows);
  return g_test_run ();
}

/* bench-mainloop.c: how long the main loop stalls while the window's session trains the CNN
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Trains the fashion-cnn example (Fashion-MNIST from /usr/share/datasets/fashion-mnist) through
 * a LabTrainSession for a fixed number of batches, with a main loop that also runs a 1 ms
 * timeout, as the window's frame clock and input would. Every time the timeout fires it notes
 * the time since it last fired: a gap much longer than 1 ms means the main loop was busy or
 * blocked. The progress and evaluation handlers do what the Training page does with a point
 * (keep it for the curves). No display is needed. Run it by hand:
 *
 *   ninja -C build bench/bench-mainloop && ./build/bench/bench-mainloop [BATCHES] [THREADS]
 *
 * BATCHES defaults to 300 (batch size 64), THREADS to 0 (all cores for OpenBLAS, as the
 * example asks). It prints the longest gap, the 99th and 50th percentiles, during loading
 * (PREPARING) and during training separately; the target is a longest gap of 16 ms or less.
 * On a loaded machine the scheduler alone makes long gaps, so it also prints how much CPU the
 * main thread used in the longest gap and at most between two ticks: that is the main loop's
 * own work (the flushes of progress), which is what LayerLab controls.
 * The checkpoint that stopping writes goes to a temporary XDG_STATE_HOME.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <time.h>
#include <stdlib.h>

#include "lab-core.h"
#include "lab-examples.h"
#include "lab-project.h"
#include "lab-train-session.h"

typedef struct
{
  LabTrainSession *session;
  GMainLoop       *loop;
  guint64          batches;
  gint64           last_tick;
  gint64           last_cpu;      /* the main thread's CPU time at the last tick, µs */
  double           worst_gap_cpu; /* of the longest training gap: how much the thread ran */
  double           worst_gap;
  double           max_cpu;       /* the most CPU the main thread used between two ticks */
  GArray          *gaps[2];      /* double ms: [0] while preparing, [1] while training */
  GArray          *losses;
  guint            n_points;
  guint            n_evaluated;
  gint64           train_start;
  gint64           train_end;
  guint64          last_step;
} Bench;

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static gboolean
on_tick (gpointer user_data)
{
  Bench *b = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();
  LabTrainState state = lab_train_session_get_state (b->session);

  if (b->last_tick != 0 && state != LAB_TRAIN_STATE_IDLE)
    {
      double gap = (now - b->last_tick) / 1000.0;

      g_array_append_val (b->gaps[state == LAB_TRAIN_STATE_PREPARING ? 0 : 1], gap);
      /* A long gap in which the main thread hardly ran was the scheduler's (another process
       * or the trainer's threads had the cores), not work or waiting on the main loop. */
      if (state != LAB_TRAIN_STATE_PREPARING)
        b->max_cpu = MAX (b->max_cpu, (cpu - b->last_cpu) / 1000.0);
      if (state != LAB_TRAIN_STATE_PREPARING && gap > b->worst_gap)
        {
          b->worst_gap = gap;
          b->worst_gap_cpu = (cpu - b->last_cpu) / 1000.0;
        }
    }
  b->last_tick = now;
  b->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
on_progress (LabTrainSession     *session,
             const LabTrainPoint *p,
             Bench               *b)
{
  if (b->train_start == 0)
    b->train_start = g_get_monotonic_time ();
  b->n_points++;
  g_array_append_val (b->losses, p->loss);
  b->last_step = p->step;
  if (p->step >= b->batches && lab_train_session_get_state (session) == LAB_TRAIN_STATE_RUNNING)
    lab_train_session_stop (session);
}

static void
on_evaluated (LabTrainSession *session,
              int              split,
              LabEvaluation   *eval,
              Bench           *b)
{
  b->n_evaluated++;
}

static void
on_finished (LabTrainSession *session,
             const GError    *error,
             Bench           *b)
{
  b->train_end = g_get_monotonic_time ();
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_printerr ("bench-mainloop: %s\n", error->message);
  g_main_loop_quit (b->loop);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *gaps)
{
  double *v = (double *) gaps->data;
  guint n_over;

  if (gaps->len == 0)
    {
      g_print ("%-10s no main-loop iterations recorded\n", what);
      return;
    }
  g_array_sort (gaps, compare_double);
  for (n_over = 0; n_over < gaps->len && v[gaps->len - 1 - n_over] > 16; n_over++)
    ;
  g_print ("%-10s %6u ticks   longest gap %6.2f ms   p99 %5.2f ms   p50 %5.2f ms   "
           "over 16 ms: %u\n", what, gaps->len, v[gaps->len - 1],
           v[(gsize) floor (0.99 * (gaps->len - 1))], v[gaps->len / 2], n_over);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_dir = g_dir_make_tmp ("bench-mainloop-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LabProject) project = NULL;
  g_autofree char *rm = NULL;
  Bench b = { 0 };
  double seconds;
  guint tick;

  /* Before anything asks GLib for the folder. */
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);
  b.batches = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 300;
  path = lab_example_find_path ("fashion-cnn", &error);
  if (path != NULL)
    project = lab_project_load (path, &error);
  if (project == NULL)
    {
      g_printerr ("bench-mainloop: %s\n", error->message);
      return 1;
    }
  project->settings.threads = argc > 2 ? (guint) atoi (argv[2]) : 0;
  project->settings.epochs = 100;   /* stopped after b.batches batches */

  b.gaps[0] = g_array_new (FALSE, FALSE, sizeof (double));
  b.gaps[1] = g_array_new (FALSE, FALSE, sizeof (double));
  b.losses = g_array_new (FALSE, FALSE, sizeof (double));
  b.loop = g_main_loop_new (NULL, FALSE);
  b.session = lab_train_session_new ();
  lab_train_session_set_data (b.session, &project->data);
  g_signal_connect (b.session, "progress", G_CALLBACK (on_progress), &b);
  g_signal_connect (b.session, "evaluated", G_CALLBACK (on_evaluated), &b);
  g_signal_connect (b.session, "finished", G_CALLBACK (on_finished), &b);

  tick = g_timeout_add (1, on_tick, &b);
  lab_train_session_start (b.session, project->graph, &project->settings, NULL);
  g_main_loop_run (b.loop);
  g_source_remove (tick);

  seconds = (b.train_end - b.train_start) / 1e6;
  g_print ("fashion-cnn, batch %u, %" G_GUINT64_FORMAT " batches trained in %.2f s "
           "(%.1f batches/s), OpenBLAS threads %s, %u progress points\n",
           project->settings.batch_size, b.last_step, seconds, b.last_step / seconds,
           project->settings.threads == 0 ? "all" : argv[2], b.n_points);
  report ("loading", b.gaps[0]);
  report ("training", b.gaps[1]);
  g_print ("the main thread ran %.2f ms of CPU during the longest training gap (%.2f ms)\n",
           b.worst_gap_cpu, b.worst_gap);
  g_print ("the most CPU the main thread spent between two ticks while training: %.2f ms\n",
           b.max_cpu);

  g_object_unref (b.session);
  g_main_loop_unref (b.loop);
  g_array_unref (b.gaps[0]);
  g_array_unref (b.gaps[1]);
  g_array_unref (b.losses);
  rm = g_build_filename (state_dir, "layerlab", "checkpoints", NULL);
  {
    g_autoptr(GDir) dir = g_dir_open (rm, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (rm, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (rm);
  {
    g_autofree char *parent = g_build_filename (state_dir, "layerlab", NULL);

    g_rmdir (parent);
  }
  g_rmdir (state_dir);
  return 0;
}

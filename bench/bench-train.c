/* bench-train.c: times LayerLab's engine on a project the way ../shared/bench/torch_ref.py times
 * PyTorch: the whole training set, no validation split, the epoch's training pass timed alone,
 * test accuracy after each epoch, then one JSON line (the only stdout line starting with '{').
 *
 *   bench-train fashion-mlp --epochs 3 --threads 1 [--optimizer sgd --lr 0.1 --momentum 0.9]
 *               [--seed 1] [--init pytorch-default]
 *
 * The weights start as torch_ref.py's do unless --init says otherwise: PyTorch's default for
 * Linear and Conv2d (weights and biases U(±1/√fan_in)), not the project's initializer, so that
 * accuracy after a few epochs compares like with like.
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lab-core.h"
#include "lab-evaluate.h"
#include "lab-examples.h"
#include "lab-project.h"
#include "lab-trainer.h"

static guint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

/* CPU seconds the whole machine spent busy, and this process's own, to tell how much of an
 * epoch other processes took (as torch_ref.py's "foreign" figure): on a shared two-core machine
 * a foreign figure near the epoch's length means another process had a whole core. */
static void
cpu_snapshot (double *busy,
              double *own)
{
  g_autofree char *stat = NULL;
  struct rusage ru;
  long hz = sysconf (_SC_CLK_TCK);
  guint64 v[7] = { 0 };

  *busy = 0;
  if (g_file_get_contents ("/proc/stat", &stat, NULL, NULL) &&
      sscanf (stat, "cpu %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %"
              G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
              &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6]) == 7)
    *busy = (double) (v[0] + v[1] + v[2] + v[5] + v[6]) / hz;   /* user nice system irq softirq */
  getrusage (RUSAGE_SELF, &ru);
  *own = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("PROJECT|EXAMPLE");
  g_autoptr(LabProject) project = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base_dir = NULL;
  g_autofree char *optimizer = NULL;
  g_autofree char *init = NULL;
  LabDataset *all = NULL, *own_test = NULL, *train = NULL, *val = NULL, *test = NULL;
  LabTrainSettings s;
  LabTrainer *trainer;
  GString *json;
  int epochs = 2, threads = 1, limit = 0, batch = 0, seed = -1;
  double lr = 0, momentum = -1;
  double seconds_total = 0;
  GOptionEntry entries[] = {
    { "epochs", 0, 0, G_OPTION_ARG_INT, &epochs, "Epochs to train", "N" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "OpenBLAS threads", "N" },
    { "batch", 0, 0, G_OPTION_ARG_INT, &batch, "Batch size (default: the project's)", "N" },
    { "optimizer", 0, 0, G_OPTION_ARG_STRING, &optimizer, "sgd or adam (default: the project's)", "NAME" },
    { "lr", 0, 0, G_OPTION_ARG_DOUBLE, &lr, "Learning rate (default: the project's)", "X" },
    { "momentum", 0, 0, G_OPTION_ARG_DOUBLE, &momentum, "SGD momentum", "X" },
    { "train-limit", 0, 0, G_OPTION_ARG_INT, &limit, "Use only the first N training images", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the weights and the shuffling (default: the project's)", "N" },
    { "init", 0, 0, G_OPTION_ARG_STRING, &init, "Weight initializer (default: pytorch-default, as torch_ref.py)", "NAME" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message : "usage: bench-train PROJECT|EXAMPLE [OPTIONS]");
      return 2;
    }

  path = g_str_has_suffix (argv[1], ".layerlab") ? g_strdup (argv[1])
                                                 : lab_example_find_path (argv[1], &error);
  if (path == NULL || (project = lab_project_load (path, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  s = project->settings;
  s.epochs = epochs;
  s.threads = threads;
  s.val_fraction = 0;       /* torch_ref.py trains on all 60,000 images */
  s.early_stopping = FALSE;
  s.scaling = LAB_SCALING_NONE;  /* torch_ref.py feeds pixels in [0, 1] as they are */
  if (batch > 0)
    s.batch_size = batch;
  if (optimizer != NULL)
    {
      LabOptimizerKind kind;

      if (!lab_optimizer_kind_from_string (optimizer, &kind))
        {
          g_printerr ("unknown optimizer %s\n", optimizer);
          return 2;
        }
      lab_optimizer_config_defaults (&s.optimizer, kind);
    }
  if (lr > 0)
    s.optimizer.lr = (float) lr;
  if (momentum >= 0)
    s.optimizer.momentum = (float) momentum;
  if (limit > 0)
    project->data.limit = limit;
  if (seed >= 0)
    s.seed = (guint64) seed;
  if (!lab_init_kind_from_string (init != NULL ? init : "pytorch-default", &s.init.kind))
    {
      g_printerr ("unknown initializer %s\n", init);
      return 2;
    }

  base_dir = g_path_get_dirname (path);
  if (!lab_data_ref_load (&project->data, base_dir, s.seed, &all, &own_test, &error) ||
      !lab_prepare_data (all, own_test, &s, &train, &val, &test, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  lab_dataset_free (all);
  g_clear_pointer (&own_test, lab_dataset_free);
  trainer = lab_trainer_new (project->graph, &s, train, val, test, &error);
  if (trainer == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("# layerlab %s | %s | %zu train, %zu test | threads %d | batch %u | %s lr %g | init %s | seed %"
          G_GUINT64_FORMAT "\n", PACKAGE_VERSION, argv[1], train->n, test ? test->n : 0, threads,
          s.batch_size, lab_optimizer_kind_to_string (s.optimizer.kind), s.optimizer.lr,
          lab_init_kind_to_string (s.init.kind), (guint64) s.seed);
  json = g_string_new (NULL);
  g_string_append_printf (json, "{\"bench\": \"layerlab\", \"project\": \"%s\", \"threads\": %d, "
                          "\"batch\": %u, \"n_train\": %zu, \"n_params\": %zu, \"epochs\": [",
                          argv[1], threads, s.batch_size, train->n,
                          lab_trainer_get_network (trainer)->n_params);
  for (int e = 1; e <= epochs; e++)
    {
      g_autoptr(LabEvaluation) ev = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double seconds, busy0, own0, busy1, own1, foreign;

      cpu_snapshot (&busy0, &own0);

      lab_trainer_set_epochs (trainer, e);
      if (!lab_trainer_run (trainer, NULL, NULL, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      seconds = (g_get_monotonic_time () - t0) / 1e6;
      cpu_snapshot (&busy1, &own1);
      foreign = MAX (0.0, (busy1 - busy0) - (own1 - own0));
      seconds_total += seconds;
      ev = test ? lab_evaluate (lab_trainer_get_network (trainer), lab_trainer_get_loss (trainer), test, &error) : NULL;
      printf ("epoch %3d  train %8.3f s  (%9.1f img/s)  test acc %6.2f%%  cpu own %.1f s, foreign %.1f s\n",
              e, seconds, train->n / seconds, ev ? ev->accuracy * 100 : 0.0, own1 - own0, foreign);
      fflush (stdout);
      g_string_append_printf (json, "%s{\"epoch\": %d, \"train_s\": %.4f, \"test_acc\": %.4f, "
                              "\"own_cpu_s\": %.2f, \"foreign_cpu_s\": %.2f}",
                              e > 1 ? ", " : "", e, seconds, ev ? ev->accuracy : 0.0,
                              own1 - own0, foreign);
    }
  g_string_append_printf (json, "], \"epoch_train_s_mean\": %.4f, \"peak_rss_kib\": %" G_GUINT64_FORMAT "}",
                          seconds_total / epochs, peak_rss_kib ());
  printf ("%s\n", json->str);
  g_string_free (json, TRUE);
  lab_trainer_free (trainer);
  return 0;
}

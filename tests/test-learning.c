/* test-learning.c: the shipped examples learn what they should
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "lab-core.h"
#include "lab-evaluate.h"
#include "lab-examples.h"
#include "lab-project.h"
#include "lab-trainer.h"

typedef struct
{
  double best_val_accuracy;
  double last_val_accuracy;
} Seen;

static void
on_progress (const LabTrainPoint *p,
             gpointer             user_data)
{
  Seen *seen = user_data;

  if (!p->end_of_epoch)
    return;
  seen->last_val_accuracy = p->val_accuracy;
  seen->best_val_accuracy = MAX (seen->best_val_accuracy, p->val_accuracy);
}

static LabTrainer *
trainer_for_example (const char *name,
                     guint       epochs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = lab_example_find_path (name, &error);
  g_autofree char *dir = NULL;
  g_autoptr(LabProject) project = NULL;
  LabDataset *all = NULL, *own_test = NULL, *train = NULL, *val = NULL, *test = NULL;
  LabTrainer *t;

  g_assert_no_error (error);
  project = lab_project_load (path, &error);
  g_assert_no_error (error);
  if (epochs > 0)
    project->settings.epochs = epochs;
  dir = g_path_get_dirname (path);
  g_assert_true (lab_data_ref_load (&project->data, dir, project->settings.seed, &all, &own_test, &error));
  g_assert_no_error (error);
  g_assert_true (lab_prepare_data (all, own_test, &project->settings, &train, &val, &test, &error));
  g_assert_no_error (error);
  lab_dataset_free (all);
  if (own_test)
    lab_dataset_free (own_test);
  t = lab_trainer_new (project->graph, &project->settings, train, val, test, &error);
  g_assert_no_error (error);
  return t;
}

/* The bar: the spiral MLP reaches at least 97 % validation accuracy. */
static void
test_spiral_mlp (void)
{
  g_autoptr(GError) error = NULL;
  LabTrainer *t = trainer_for_example ("spiral-mlp", 0);
  Seen seen = { 0 };

  g_assert_true (lab_trainer_run (t, NULL, on_progress, &seen, &error));
  g_assert_no_error (error);
  g_test_message ("spiral-mlp: final validation accuracy %.2f %%, best %.2f %%",
                  seen.last_val_accuracy * 100, seen.best_val_accuracy * 100);
  g_assert_cmpfloat (seen.last_val_accuracy, >=, 0.97);
  lab_trainer_free (t);
}

/* And the Fashion-MNIST MLP at least 84 % test accuracy after one epoch. */
static void
test_fashion_mlp_one_epoch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabEvaluation) ev = NULL;
  g_autofree char *images = g_build_filename (lab_dataset_fashion_mnist_dir (),
                                              "train-images-idx3-ubyte.gz", NULL);
  LabTrainer *t;

  if (!g_file_test (images, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
      return;
    }
  t = trainer_for_example ("fashion-mlp", 1);
  g_assert_true (lab_trainer_run (t, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ev = lab_evaluate (lab_trainer_get_network (t), lab_trainer_get_loss (t), lab_trainer_get_test (t), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ev->n, ==, 10000);
  g_test_message ("fashion-mlp: test accuracy after one epoch %.2f %%", ev->accuracy * 100);
  g_assert_cmpfloat (ev->accuracy, >=, 0.84);
  lab_trainer_free (t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/learning/spiral-mlp", test_spiral_mlp);
  g_test_add_func ("/core/learning/fashion-mlp-one-epoch", test_fashion_mlp_one_epoch);
  return g_test_run ();
}

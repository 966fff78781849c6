/* lab-cli-evaluate.c: `layerlab-cli evaluate`, and the test results at the end of training
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-cli.h"
#include "lab-error.h"
#include "lab-evaluate.h"

static char *
format_number (double value,
               int    digits)
{
  if (isnan (value))
    return g_strdup ("–");
  return g_strdup_printf ("%.*f", digits, value);
}

static const char *
class_name (const LabDataset *data,
            guint             c,
            char             *buf,
            gsize             size)
{
  if (data->class_names != NULL && c < data->n_classes && data->class_names[c] != NULL)
    return data->class_names[c];
  g_snprintf (buf, size, "%u", c);
  return buf;
}

static void
print_classification (const LabEvaluation *ev,
                      const LabDataset    *data)
{
  const LabClassReport *r = ev->report;
  g_autoptr(LabCliTable) metrics = lab_cli_table_new (5, 0x1e);
  g_autoptr(LabCliTable) confusion = lab_cli_table_new (r->n_classes + 1, ~G_GUINT64_CONSTANT (1));
  g_autofree char *acc = lab_cli_format_percent (ev->accuracy);
  g_autofree char *auc_macro = format_number (ev->auc_macro, 4);
  g_autofree char *auc_micro = format_number (ev->auc_micro, 4);
  char buf[32];

  g_print (_("Loss       %.4f\n"), ev->loss);
  g_print (_("Accuracy   %s\n"), acc);
  g_print (_("ROC AUC    %s macro, %s micro (one class against the rest)\n\n"), auc_macro, auc_micro);

  lab_cli_table_add (metrics, g_strdup (_("Class")), g_strdup (_("Precision")),
                     g_strdup (_("Recall")), g_strdup (_("F1")), g_strdup (_("Support")));
  lab_cli_table_rule (metrics);
  for (guint c = 0; c < r->n_classes; c++)
    lab_cli_table_add (metrics, g_strdup (class_name (data, c, buf, sizeof buf)),
                       format_number (r->precision[c], 4), format_number (r->recall[c], 4),
                       format_number (r->f1[c], 4),
                       g_strdup_printf ("%" G_GUINT64_FORMAT, r->support[c]));
  lab_cli_table_rule (metrics);
  lab_cli_table_add (metrics, g_strdup (_("macro average")), format_number (r->macro_precision, 4),
                     format_number (r->macro_recall, 4), format_number (r->macro_f1, 4),
                     g_strdup_printf ("%zu", r->n));
  lab_cli_table_add (metrics, g_strdup (_("micro average")), format_number (r->micro_precision, 4),
                     format_number (r->micro_recall, 4), format_number (r->micro_f1, 4),
                     g_strdup_printf ("%zu", r->n));
  lab_cli_table_add (metrics, g_strdup (_("weighted average")), g_strdup (""), g_strdup (""),
                     format_number (r->weighted_f1, 4), g_strdup_printf ("%zu", r->n));
  lab_cli_table_print (metrics);

  g_print ("\n%s\n", _("Confusion matrix (rows: true class, columns: predicted class)"));
  {
    char **row = g_new0 (char *, r->n_classes + 2);

    row[0] = g_strdup ("");
    for (guint c = 0; c < r->n_classes; c++)
      row[c + 1] = g_strdup (class_name (data, c, buf, sizeof buf));
    lab_cli_table_take_row (confusion, row);
  }
  for (guint t = 0; t < r->n_classes; t++)
    {
      char **row = g_new0 (char *, r->n_classes + 2);

      row[0] = g_strdup (class_name (data, t, buf, sizeof buf));
      for (guint p = 0; p < r->n_classes; p++)
        row[p + 1] = g_strdup_printf ("%" G_GUINT64_FORMAT, r->counts[(gsize) t * r->n_classes + p]);
      lab_cli_table_take_row (confusion, row);
    }
  lab_cli_table_print (confusion);
}

int
lab_cli_evaluate (int    argc,
                  char **argv)
{
  g_autofree char *weights = NULL;
  g_autofree char *split = NULL;
  const GOptionEntry entries[] = {
    { "weights", 'w', 0, G_OPTION_ARG_FILENAME, &weights,
      N_("The weights to evaluate, as written by train (required); a checkpoint works too"), "PATH" },
    { "split", 's', 0, G_OPTION_ARG_STRING, &split,
      N_("The data to measure on: test (default), val or train, split as for training"), "SPLIT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT|EXAMPLE --weights PATH"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LabEvaluation) ev = NULL;
  LabDataset *train = NULL, *val = NULL, *test = NULL, *data;
  LabTrainSettings settings;
  LabTrainer *trainer = NULL;
  LabCliProject cli = { 0 };
  int status;

  g_option_context_set_summary (context,
                                _("Measures trained weights on one split of the project’s data, made "
                                  "and scaled exactly as for training: loss and accuracy, precision, "
                                  "recall and F1 per class with their averages, ROC AUC and the "
                                  "confusion matrix; MSE, MAE and R² for regression."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lab_cli_load_one_project (context, "evaluate", &argc, &argv, &cli, &status))
    goto out;
  status = LAB_CLI_EXIT_USAGE;
  if (weights == NULL)
    {
      lab_cli_usage_error ("evaluate", _("--weights is required"));
      goto out;
    }
  if (split == NULL)
    split = g_strdup ("test");
  if (!g_str_equal (split, "test") && !g_str_equal (split, "val") && !g_str_equal (split, "train"))
    {
      lab_cli_usage_error ("evaluate", _("--split must be test, val or train"));
      goto out;
    }

  status = LAB_CLI_EXIT_FAILURE;
  if (!lab_cli_load_splits (&cli, &train, &val, &test, &error))
    goto out;
  /* Larger batches than training's only make inference faster; the results are the same. */
  settings = cli.project->settings;
  settings.batch_size = MAX (settings.batch_size, 256);
  trainer = lab_trainer_new (cli.project->graph, &settings, train, val, test, &error);
  if (trainer == NULL)
    {
      lab_dataset_free (train);
      g_clear_pointer (&val, lab_dataset_free);
      g_clear_pointer (&test, lab_dataset_free);
      goto out;
    }
  if (!lab_network_load_weights (lab_trainer_get_network (trainer), weights, &error))
    goto out;
  data = g_str_equal (split, "test") ? lab_trainer_get_test (trainer)
       : g_str_equal (split, "val") ? lab_trainer_get_val (trainer) : lab_trainer_get_train (trainer);
  if (data == NULL || data->n == 0)
    {
      g_set_error (&error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("The project has no %s split (its validation or test fraction is 0): "
                     "choose another with --split"), split);
      goto out;
    }
  ev = lab_evaluate (lab_trainer_get_network (trainer), lab_trainer_get_loss (trainer), data, &error);
  if (ev == NULL)
    goto out;

  g_print (_("%s: %s, %zu samples, weights %s\n\n"), cli.project->name, data->name, data->n, weights);
  if (ev->report != NULL)
    print_classification (ev, data);
  else
    g_print (_("Loss  %.6g\nMSE   %.6g\nMAE   %.6g\nR²    %.4f\n"), ev->loss, ev->regression.mse,
             ev->regression.mae, ev->regression.r2);
  status = LAB_CLI_EXIT_OK;

out:
  if (error != NULL)
    lab_cli_print_error ("evaluate", error);
  g_clear_pointer (&trainer, lab_trainer_free);
  lab_cli_project_clear (&cli);
  return status;
}

void
lab_cli_report_test (LabTrainer  *trainer,
                     const char  *command,
                     JsonBuilder *b)
{
  LabDataset *test = lab_trainer_get_test (trainer);
  g_autoptr(LabEvaluation) ev = NULL;
  g_autoptr(GError) error = NULL;

  if (test == NULL || test->n == 0)
    return;
  ev = lab_evaluate (lab_trainer_get_network (trainer), lab_trainer_get_loss (trainer), test,
                     &error);
  if (ev == NULL)
    {
      lab_cli_print_error (command, error);
      return;
    }
  if (b != NULL)
    {
      lab_cli_json_add_number (b, "test_loss", ev->loss);
      lab_cli_json_add_number (b, "test_accuracy", ev->accuracy);
      if (ev->n_classes == 0)
        {
          lab_cli_json_add_number (b, "test_mse", ev->regression.mse);
          lab_cli_json_add_number (b, "test_mae", ev->regression.mae);
          lab_cli_json_add_number (b, "test_r2", ev->regression.r2);
        }
      return;
    }
  if (ev->n_classes > 0)
    g_print (_("Test: loss %.4f, accuracy %.2f %% on %zu samples\n"), ev->loss,
             100 * ev->accuracy, ev->n);
  else
    g_print (_("Test: loss %.4g, MSE %.4g, MAE %.4g, R² %.4f on %zu samples\n"), ev->loss,
             ev->regression.mse, ev->regression.mae, ev->regression.r2, ev->n);
}

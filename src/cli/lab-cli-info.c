/* lab-cli-info.c: `layerlab-cli info`, `evaluate` and `gradcheck`
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-cli.h"
#include "lab-error.h"
#include "lab-evaluate.h"
#include "lab-gradcheck.h"

/* A table printed with aligned columns; cells are UTF-8, so widths count characters. */
typedef struct
{
  guint      n_columns;
  guint64    right_aligned;   /* bit c: column c is numeric */
  GPtrArray *rows;            /* GStrv, or NULL for a rule */
  GPtrArray *notes;           /* after row i: a line of its own, or NULL */
} Table;

static Table *
table_new (guint   n_columns,
           guint64 right_aligned)
{
  Table *t = g_new0 (Table, 1);

  t->n_columns = n_columns;
  t->right_aligned = right_aligned;
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  t->notes = g_ptr_array_new_with_free_func (g_free);
  return t;
}

static void
table_free (Table *t)
{
  g_ptr_array_unref (t->rows);
  g_ptr_array_unref (t->notes);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

/* Takes the n_columns strings that follow (each freed). */
static void
table_add (Table *t,
           ...)
{
  char **row = g_new0 (char *, t->n_columns + 1);
  va_list ap;

  va_start (ap, t);
  for (guint c = 0; c < t->n_columns; c++)
    row[c] = va_arg (ap, char *);
  va_end (ap);
  g_ptr_array_add (t->rows, row);
  g_ptr_array_add (t->notes, NULL);
}

static void
table_rule (Table *t)
{
  g_ptr_array_add (t->rows, NULL);
  g_ptr_array_add (t->notes, NULL);
}

static void
table_note (Table      *t,
            const char *note)
{
  g_free (t->notes->pdata[t->notes->len - 1]);
  t->notes->pdata[t->notes->len - 1] = g_strdup (note);
}

static void
table_print (Table *t)
{
  g_autofree int *width = g_new0 (int, t->n_columns);
  int total = 0;

  for (guint r = 0; r < t->rows->len; r++)
    {
      char **row = g_ptr_array_index (t->rows, r);

      for (guint c = 0; row != NULL && c < t->n_columns; c++)
        width[c] = MAX (width[c], (int) g_utf8_strlen (row[c], -1));
    }
  for (guint c = 0; c < t->n_columns; c++)
    total += width[c] + (c > 0 ? 2 : 0);

  for (guint r = 0; r < t->rows->len; r++)
    {
      char **row = g_ptr_array_index (t->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      if (row == NULL)
        {
          for (int i = 0; i < total; i++)
            g_string_append_c (line, '-');
        }
      else
        for (guint c = 0; c < t->n_columns; c++)
          {
            int pad = width[c] - (int) g_utf8_strlen (row[c], -1);
            gboolean right = (t->right_aligned >> c) & 1;

            if (c > 0)
              g_string_append (line, "  ");
            if (right)
              for (int i = 0; i < pad; i++)
                g_string_append_c (line, ' ');
            g_string_append (line, row[c]);
            if (!right && c + 1 < t->n_columns)
              for (int i = 0; i < pad; i++)
                g_string_append_c (line, ' ');
          }
      g_print ("%s\n", line->str);
      if (g_ptr_array_index (t->notes, r) != NULL)
        g_print ("    ↳ %s\n", (char *) g_ptr_array_index (t->notes, r));
    }
}

static char *
format_number (double value,
               int    digits)
{
  if (isnan (value))
    return g_strdup ("–");
  return g_strdup_printf ("%.*f", digits, value);
}

static gboolean
load_one_project (GOptionContext  *context,
                  const char      *command,
                  int             *argc,
                  char          ***argv,
                  LabCliProject   *cli,
                  int             *status)
{
  g_autoptr(GError) error = NULL;

  *status = LAB_CLI_EXIT_USAGE;
  if (!lab_cli_parse_options (context, command, argc, argv))
    return FALSE;
  if (*argc != 2)
    {
      lab_cli_usage_error (command, _("Name one project file or example"));
      return FALSE;
    }
  *status = LAB_CLI_EXIT_FAILURE;
  if (!lab_cli_project_load (cli, (*argv)[1], &error))
    {
      lab_cli_print_error (command, error);
      return FALSE;
    }
  return TRUE;
}

int
lab_cli_info (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT|EXAMPLE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(Table) table = NULL;
  g_autofree char *data = NULL;
  LabCliProject cli = { 0 };
  LabGraphTotals totals;
  LabGraph *graph;
  gboolean valid;
  int status;

  g_option_context_set_summary (context,
                                _("Lists the layers of a project’s network in the order they run: "
                                  "output shape, parameters, forward FLOPs and activation memory "
                                  "per sample, and what is wrong with any of them. Exits with 1 "
                                  "when the graph is invalid."));
  if (!load_one_project (context, "info", &argc, &argv, &cli, &status))
    return status;

  graph = cli.project->graph;
  valid = lab_graph_analyze (graph);
  order = lab_graph_topo_order (graph, NULL);
  if (order == NULL)
    {
      /* A cycle has no running order: show the nodes as the file lists them. */
      order = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; i < lab_graph_get_n_nodes (graph); i++)
        g_array_append_val (order, ((LabNode *) g_ptr_array_index (lab_graph_get_nodes (graph), i))->id);
    }

  table = table_new (6, 0x38);
  table_add (table, g_strdup (_("Layer")), g_strdup (_("Type")), g_strdup (_("Output")),
             g_strdup (_("Parameters")), g_strdup (_("FLOPs")), g_strdup (_("Memory/sample")));
  table_rule (table);
  for (guint i = 0; i < order->len; i++)
    {
      LabNode *node = lab_graph_get_node (graph, g_array_index (order, guint, i));
      char *params = g_strdup_printf (node->frozen ? _("%llu (frozen)") : "%llu",
                                      (unsigned long long) (node->n_params + node->n_frozen));

      table_add (table, g_strdup (node->name), g_strdup (node->type->name),
                 node->shape_known ? lab_shape_to_string (&node->out_shape) : g_strdup ("?"),
                 params, lab_cli_format_count (node->flops),
                 node->shape_known ? g_format_size (node->activation_bytes) : g_strdup ("?"));
      if (node->error != NULL)
        table_note (table, node->error);
    }
  lab_graph_get_totals (graph, &totals);
  table_rule (table);
  table_add (table, g_strdup (_("Total")), g_strdup (""), g_strdup (""),
             g_strdup_printf ("%" G_GUINT64_FORMAT, totals.trainable + totals.frozen),
             lab_cli_format_count (totals.flops), g_format_size (totals.activation_bytes));

  data = lab_data_ref_describe (&cli.project->data);
  g_print ("%s — %s\n\n", cli.project->name, data);
  table_print (table);
  {
    g_autofree char *param_bytes = g_format_size (totals.parameter_bytes);

    g_print ("\n");
    g_print (_("Parameters: %llu trainable, %llu frozen, %llu running statistics\n"),
             (unsigned long long) totals.trainable, (unsigned long long) totals.frozen,
             (unsigned long long) totals.state);
    g_print (_("Memory for training: %s of weights, gradients and optimizer state\n"), param_bytes);
  }

  status = LAB_CLI_EXIT_OK;
  if (!lab_graph_validate (graph, &error))
    {
      g_autofree char *display = g_filename_display_name (cli.path);

      g_printerr (_("layerlab-cli info: %s: the network cannot run: %s\n"), display,
                  error->message);
      status = LAB_CLI_EXIT_FAILURE;
    }
  else if (!valid)
    status = LAB_CLI_EXIT_FAILURE;
  lab_cli_project_clear (&cli);
  return status;
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
  g_autoptr(Table) metrics = table_new (5, 0x1e);
  g_autoptr(Table) confusion = table_new (r->n_classes + 1, ~G_GUINT64_CONSTANT (1));
  g_autofree char *acc = lab_cli_format_percent (ev->accuracy);
  g_autofree char *auc_macro = format_number (ev->auc_macro, 4);
  g_autofree char *auc_micro = format_number (ev->auc_micro, 4);
  char buf[32];

  g_print (_("Loss       %.4f\n"), ev->loss);
  g_print (_("Accuracy   %s\n"), acc);
  g_print (_("ROC AUC    %s macro, %s micro (one class against the rest)\n\n"), auc_macro, auc_micro);

  table_add (metrics, g_strdup (_("Class")), g_strdup (_("Precision")), g_strdup (_("Recall")),
             g_strdup (_("F1")), g_strdup (_("Support")));
  table_rule (metrics);
  for (guint c = 0; c < r->n_classes; c++)
    table_add (metrics, g_strdup (class_name (data, c, buf, sizeof buf)),
               format_number (r->precision[c], 4), format_number (r->recall[c], 4),
               format_number (r->f1[c], 4), g_strdup_printf ("%" G_GUINT64_FORMAT, r->support[c]));
  table_rule (metrics);
  table_add (metrics, g_strdup (_("macro average")), format_number (r->macro_precision, 4),
             format_number (r->macro_recall, 4), format_number (r->macro_f1, 4),
             g_strdup_printf ("%zu", r->n));
  table_add (metrics, g_strdup (_("micro average")), format_number (r->micro_precision, 4),
             format_number (r->micro_recall, 4), format_number (r->micro_f1, 4),
             g_strdup_printf ("%zu", r->n));
  table_add (metrics, g_strdup (_("weighted average")), g_strdup (""), g_strdup (""),
             format_number (r->weighted_f1, 4), g_strdup_printf ("%zu", r->n));
  table_print (metrics);

  g_print ("\n%s\n", _("Confusion matrix (rows: true class, columns: predicted class)"));
  {
    char **row = g_new0 (char *, r->n_classes + 2);

    row[0] = g_strdup ("");
    for (guint c = 0; c < r->n_classes; c++)
      row[c + 1] = g_strdup (class_name (data, c, buf, sizeof buf));
    g_ptr_array_add (confusion->rows, row);
    g_ptr_array_add (confusion->notes, NULL);
  }
  for (guint t = 0; t < r->n_classes; t++)
    {
      char **row = g_new0 (char *, r->n_classes + 2);

      row[0] = g_strdup (class_name (data, t, buf, sizeof buf));
      for (guint p = 0; p < r->n_classes; p++)
        row[p + 1] = g_strdup_printf ("%" G_GUINT64_FORMAT, r->counts[(gsize) t * r->n_classes + p]);
      g_ptr_array_add (confusion->rows, row);
      g_ptr_array_add (confusion->notes, NULL);
    }
  table_print (confusion);
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
  if (!load_one_project (context, "evaluate", &argc, &argv, &cli, &status))
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

/* Inputs N(0, 1) and targets that suit the loss, for when the project's data cannot be loaded. */
static void
random_batch (LabNetwork *net,
              guint       n,
              guint64     seed,
              float     **x,
              float     **y,
              guint      *y_dim)
{
  LabRng rng;
  gsize out = net->out_size;

  lab_rng_init (&rng, seed);
  *x = g_new (float, (gsize) n * net->in_size);
  for (gsize i = 0; i < (gsize) n * net->in_size; i++)
    (*x)[i] = lab_rng_normal (&rng);
  *y_dim = net->loss == LAB_LOSS_CROSS_ENTROPY ? 1 : (guint) out;
  *y = g_new (float, (gsize) n * *y_dim);
  for (gsize i = 0; i < (gsize) n * *y_dim; i++)
    if (net->loss == LAB_LOSS_CROSS_ENTROPY)
      (*y)[i] = (float) lab_rng_below (&rng, (guint32) out);
    else if (net->loss == LAB_LOSS_BCE_LOGITS)
      (*y)[i] = (float) lab_rng_below (&rng, 2);
    else
      (*y)[i] = lab_rng_normal (&rng);
}

static void
print_gradcheck (const LabGradcheckReport *report,
                 guint                     n)
{
  g_autoptr(Table) table = table_new (7, 0x1c);

  table_add (table, g_strdup (_("Layer")), g_strdup (_("Type")), g_strdup (_("Parameters")),
             g_strdup (_("‖g‖")), g_strdup (_("Directions")), g_strdup (_("Elements")),
             g_strdup (_("Result")));
  table_rule (table);
  for (guint i = 0; i < report->n_layers; i++)
    {
      const LabGradcheckLayer *l = &report->layers[i];

      table_add (table, g_strdup (l->name), g_strdup (l->type_name),
                 g_strdup_printf ("%zu", l->n_params), g_strdup_printf ("%.3g", l->grad_norm),
                 g_strdup_printf (_("%.1e (%u)"), l->directional_error, l->n_directions),
                 g_strdup_printf (_("%.1e (%u, %u on kinks)"), l->element_error, l->n_checked,
                                  l->n_skipped),
                 g_strdup (l->passed ? _("ok") : _("FAILED")));
      if (!l->passed && l->worst_element != NULL)
        {
          g_autofree char *note = g_strdup_printf (_("%s: backpropagation %.6g, numerical %.6g"),
                                                   l->worst_element, l->analytic, l->numeric);
          table_note (table, note);
        }
    }
  table_print (table);
  g_print ("\n");
  g_print (_("Loss %.6g on %u samples. The errors are the worst relative errors of the random "
             "directions and of the single elements compared (in brackets: how many); the "
             "tolerance is %.0e.\n"),
           report->loss, n, report->tolerance);
}

int
lab_cli_gradcheck (int    argc,
                   char **argv)
{
  int samples = 4;
  const GOptionEntry entries[] = {
    { "samples", 'n', 0, G_OPTION_ARG_INT, &samples,
      N_("Check on the loss of N samples (default 4)"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT|EXAMPLE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LabNetwork) own_net = NULL;
  g_autofree float *x_random = NULL;
  g_autofree float *y_random = NULL;
  LabDataset *train = NULL, *val = NULL, *test = NULL;
  LabGradcheckReport report = { 0 };
  LabTrainSettings settings;
  LabTrainer *trainer = NULL;
  LabCliProject cli = { 0 };
  LabNetwork *net;
  LabLoss loss = { 0 };
  const float *x, *y;
  guint y_dim, n;
  int status;

  g_option_context_set_summary (context,
                                _("Checks that backpropagation computes the true gradients of the "
                                  "project’s network: its weights start from the project’s seed, "
                                  "the loss is that of a few training samples (random inputs when "
                                  "the data cannot be loaded), and every layer’s gradients are "
                                  "compared with numerical derivatives. Exits with 1 on a mismatch."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!load_one_project (context, "gradcheck", &argc, &argv, &cli, &status))
    goto out;
  if (samples < 1)
    {
      status = lab_cli_usage_error ("gradcheck", _("--samples must be at least 1"));
      goto out;
    }
  status = LAB_CLI_EXIT_FAILURE;

  settings = cli.project->settings;
  settings.batch_size = (guint) samples;
  /* A few samples are all that is used: skip preparing a whole large dataset. */
  if (cli.project->data.limit == 0 || cli.project->data.limit > 1000)
    cli.project->data.limit = MAX (1000, (gsize) samples * 2);
  if (lab_cli_load_splits (&cli, &train, &val, &test, &error))
    {
      trainer = lab_trainer_new (cli.project->graph, &settings, train, val, test, &error);
      if (trainer == NULL)
        {
          lab_dataset_free (train);
          g_clear_pointer (&val, lab_dataset_free);
          g_clear_pointer (&test, lab_dataset_free);
          goto out;
        }
      net = lab_trainer_get_network (trainer);
      loss = *lab_trainer_get_loss (trainer);
      x = train->x;
      y = train->y;
      y_dim = train->y_dim;
      n = MIN ((guint) samples, net->max_batch);
    }
  else
    {
      g_printerr (_("layerlab-cli gradcheck: %s\nChecking with random inputs instead.\n"),
                  error->message);
      g_clear_error (&error);
      own_net = lab_network_new (cli.project->graph, (guint) samples, settings.loss, &error);
      if (own_net == NULL)
        goto out;
      lab_network_init_params (own_net, &settings.init, settings.seed);
      net = own_net;
      loss.kind = settings.loss;
      loss.huber_delta = settings.huber_delta;
      random_batch (net, (guint) samples, settings.seed, &x_random, &y_random, &y_dim);
      x = x_random;
      y = y_random;
      n = (guint) samples;
    }

  if (trainer != NULL)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%s: the loss of %u sample of %s\n\n",
                          "%s: the loss of %u samples of %s\n\n", n), cli.project->name, n, train->name);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%s: the loss of %u random sample\n\n",
                          "%s: the loss of %u random samples\n\n", n), cli.project->name, n);
  if (!lab_network_gradcheck (net, &loss, x, y, y_dim, n, settings.seed, &report, &error))
    goto out;
  print_gradcheck (&report, n);
  if (report.n_layers == 0)
    g_print (_("The network has no trainable parameters: there is nothing to check.\n"));
  else if (report.passed)
    g_print (_("All %u layers with parameters pass.\n"), report.n_layers);
  else
    g_print (_("Some gradients disagree with the numerical derivatives: see the FAILED layers.\n"));
  status = report.passed ? LAB_CLI_EXIT_OK : LAB_CLI_EXIT_FAILURE;

out:
  if (error != NULL)
    lab_cli_print_error ("gradcheck", error);
  lab_gradcheck_report_clear (&report);
  g_clear_pointer (&trainer, lab_trainer_free);
  lab_cli_project_clear (&cli);
  return status;
}

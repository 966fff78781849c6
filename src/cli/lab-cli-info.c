/* lab-cli-info.c: `layerlab-cli info` and `gradcheck`
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lab-cli.h"
#include "lab-gradcheck.h"

int
lab_cli_info (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT|EXAMPLE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(LabCliTable) table = NULL;
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
  if (!lab_cli_load_one_project (context, "info", &argc, &argv, &cli, &status))
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

  table = lab_cli_table_new (6, 0x38);
  lab_cli_table_add (table, g_strdup (_("Layer")), g_strdup (_("Type")), g_strdup (_("Output")),
                     g_strdup (_("Parameters")), g_strdup (_("FLOPs")),
                     g_strdup (_("Memory/sample")));
  lab_cli_table_rule (table);
  for (guint i = 0; i < order->len; i++)
    {
      LabNode *node = lab_graph_get_node (graph, g_array_index (order, guint, i));
      char *params = g_strdup_printf (node->frozen ? _("%llu (frozen)") : "%llu",
                                      (unsigned long long) (node->n_params + node->n_frozen));

      lab_cli_table_add (table, g_strdup (node->name), g_strdup (node->type->name),
                         node->shape_known ? lab_shape_to_string (&node->out_shape)
                                           : g_strdup ("?"),
                         params, lab_cli_format_count (node->flops),
                         node->shape_known ? g_format_size (node->activation_bytes)
                                           : g_strdup ("?"));
      if (node->error != NULL)
        lab_cli_table_note (table, node->error);
    }
  lab_graph_get_totals (graph, &totals);
  lab_cli_table_rule (table);
  lab_cli_table_add (table, g_strdup (_("Total")), g_strdup (""), g_strdup (""),
                     g_strdup_printf ("%" G_GUINT64_FORMAT, totals.trainable + totals.frozen),
                     lab_cli_format_count (totals.flops), g_format_size (totals.activation_bytes));

  data = lab_data_ref_describe (&cli.project->data);
  g_print ("%s — %s\n\n", cli.project->name, data);
  lab_cli_table_print (table);
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
  g_autoptr(LabCliTable) table = lab_cli_table_new (7, 0x1c);

  lab_cli_table_add (table, g_strdup (_("Layer")), g_strdup (_("Type")), g_strdup (_("Parameters")),
                     g_strdup (_("‖g‖")), g_strdup (_("Directions")), g_strdup (_("Elements")),
                     g_strdup (_("Result")));
  lab_cli_table_rule (table);
  for (guint i = 0; i < report->n_layers; i++)
    {
      const LabGradcheckLayer *l = &report->layers[i];

      lab_cli_table_add (table, g_strdup (l->name), g_strdup (l->type_name),
                         g_strdup_printf ("%zu", l->n_params),
                         g_strdup_printf ("%.3g", l->grad_norm),
                         g_strdup_printf (_("%.1e (%u)"), l->directional_error, l->n_directions),
                         g_strdup_printf (_("%.1e (%u, %u on kinks)"), l->element_error,
                                          l->n_checked, l->n_skipped),
                         g_strdup (l->passed ? _("ok") : _("FAILED")));
      if (!l->passed && l->worst_element != NULL)
        {
          g_autofree char *note = g_strdup_printf (_("%s: backpropagation %.6g, numerical %.6g"),
                                                   l->worst_element, l->analytic, l->numeric);
          lab_cli_table_note (table, note);
        }
    }
  lab_cli_table_print (table);
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
  if (!lab_cli_load_one_project (context, "gradcheck", &argc, &argv, &cli, &status))
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

/* test-cli.c: layerlab-cli as a user runs it, and the whole-network gradient check behind it
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CLI tests spawn the built binary in a fresh folder each and read its exit status, stdout
 * and stderr.
 */
#define G_LOG_DOMAIN "test-cli"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lab-core.h"
#include "lab-examples.h"
#include "lab-gradcheck.h"
#include "lab-network.h"
#include "lab-project.h"

static char *cli_path;

typedef struct
{
  char *dir;      /* the working folder of the runs */
  int   status;   /* exit status of the last run */
  char *out;
  char *err;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->out);
  g_free (f->err);
}

/* Runs layerlab-cli with the arguments up to NULL; returns its exit status. */
static int
run_cli (Fixture    *f,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;
  int wait_status;

  g_ptr_array_add (argv, cli_path);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_spawn_sync (f->dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &f->out, &f->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  f->status = WEXITSTATUS (wait_status);
  g_test_message ("layerlab-cli %s… → %d\nstdout: %s\nstderr: %s", first, f->status, f->out, f->err);
  return f->status;
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
spiral_project_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = lab_example_find_path ("spiral-mlp", &error);
  char *text = NULL;

  g_assert_no_error (error);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* text with from, which must occur exactly once, replaced by to; frees text. */
static char *
replace_once (char       *text,
              const char *from,
              const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_free (text);
  return g_strjoinv (to, parts);
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  const char *commands[] = { "train", "resume", "evaluate", "info", "gradcheck", "examples" };

  g_assert_cmpint (run_cli (f, "--help", NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %s ", commands[i]);

      g_assert_nonnull (strstr (f->out, line));
    }

  g_assert_cmpint (run_cli (f, NULL, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "train"));
  g_assert_cmpint (run_cli (f, "frobnicate", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "“frobnicate” is not a command"));
  g_assert_cmpint (run_cli (f, "train", "--no-such-option", "spiral-mlp", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "--no-such-option"));
  g_assert_cmpint (run_cli (f, "examples", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "fashion-cnn"));
}

static void
test_info (Fixture       *f,
           gconstpointer  data)
{
  g_auto(GStrv) lines = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (run_cli (f, "info", "spiral-mlp", NULL), ==, 0);
  /* 2→64→64→2 dense layers with biases: (2·64 + 64) + (64·64 + 64) + (64·2 + 2) = 4482. */
  lines = g_strsplit (f->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Total"))
      {
        g_auto(GStrv) cells = g_strsplit_set (lines[i], " ", -1);

        for (guint j = 0; cells[j] != NULL; j++)
          found |= g_str_equal (cells[j], "4482");
      }
  g_assert_true (found);
  g_assert_nonnull (strstr (f->out, "fc2"));
}

/* The accuracy in "Test: loss …, accuracy 95.33 % on 150 samples" or "Accuracy   95.33 %". */
static double
parse_accuracy (const char *text,
                const char *label)
{
  const char *at = strstr (text, label);

  g_assert_nonnull (at);
  return g_ascii_strtod (at + strlen (label), NULL);
}

static void
test_train_evaluate (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *weights = g_build_filename (f->dir, "spiral-mlp.safetensors", NULL);
  double trained, evaluated;

  g_assert_cmpint (run_cli (f, "train", "spiral-mlp", "--epochs", "2", "--quiet", NULL), ==, 0);
  g_assert_true (g_file_test (weights, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (f->out, "spiral-mlp.safetensors"));
  g_assert_null (strstr (f->out, "Epoch"));   /* quiet: no progress */
  trained = parse_accuracy (f->out, "accuracy ");

  g_assert_cmpint (run_cli (f, "evaluate", "spiral-mlp", "--weights", "spiral-mlp.safetensors", NULL), ==, 0);
  evaluated = parse_accuracy (f->out, "Accuracy");
  /* The same weights on the same test split give the same figure, and two epochs learn. */
  g_assert_cmpfloat (evaluated, ==, trained);
  g_assert_cmpfloat (evaluated, >, 70.0);
  g_assert_nonnull (strstr (f->out, "Confusion matrix"));
  g_assert_nonnull (strstr (f->out, "macro average"));
  g_assert_nonnull (strstr (f->out, "ROC AUC"));

  g_assert_cmpint (run_cli (f, "evaluate", "spiral-mlp", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "--weights"));
  g_assert_cmpint (run_cli (f, "evaluate", "spiral-mlp", "--weights", "missing.safetensors", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "missing.safetensors"));
}

static void
test_train_json (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(GStrv) lines = NULL;
  guint epochs = 0;
  gboolean result = FALSE;

  g_assert_cmpint (run_cli (f, "train", "spiral-mlp", "--epochs", "3", "--json", NULL), ==, 0);
  lines = g_strsplit (f->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *obj;
      const char *type;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      obj = json_node_get_object (json_parser_get_root (parser));
      type = json_object_get_string_member (obj, "type");
      if (g_str_equal (type, "epoch"))
        {
          epochs++;
          g_assert_cmpint (json_object_get_int_member (obj, "epoch"), ==, epochs);
          g_assert_cmpint (json_object_get_int_member (obj, "epochs"), ==, 3);
          g_assert_true (isfinite (json_object_get_double_member (obj, "loss")));
          g_assert_cmpfloat (json_object_get_double_member (obj, "val_accuracy"), >=, 0.0);
        }
      else
        {
          g_assert_cmpstr (type, ==, "result");
          g_assert_false (result);
          result = TRUE;
          g_assert_cmpstr (json_object_get_string_member (obj, "weights"), ==, "spiral-mlp.safetensors");
          g_assert_cmpfloat (json_object_get_double_member (obj, "test_accuracy"), >, 0.5);
        }
    }
  g_assert_cmpuint (epochs, ==, 3);
  g_assert_true (result);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *cyclic = NULL;

  g_assert_cmpint (run_cli (f, "train", "no-such-project.layerlab", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "no-such-project.layerlab"));

  g_free (write_file (f, "broken.layerlab", "{ \"format\": \"layerlab-project\",\n  \"graph\": [ }\n"));
  g_assert_cmpint (run_cli (f, "train", "broken.layerlab", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "broken.layerlab:2:"));   /* the file and the line */
  g_assert_cmpint (run_cli (f, "info", "broken.layerlab", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "broken.layerlab"));

  /* relu1 now reads from an Add of fc1 and relu2: relu1 → fc2 → relu2 → sum → relu1. */
  cyclic = replace_once (spiral_project_text (), "\"inputs\": [\"fc1\"]", "\"inputs\": [\"sum\"]");
  cyclic = replace_once (cyclic, "\"inputs\": [\"relu2\"]\n      }",
                         "\"inputs\": [\"relu2\"]\n      },\n      { \"name\": \"sum\", \"type\": \"Add\", "
                         "\"x\": 0, \"y\": 0, \"params\": {}, \"inputs\": [\"fc1\", \"relu2\"] }");
  g_free (write_file (f, "cyclic.layerlab", cyclic));
  g_assert_cmpint (run_cli (f, "info", "cyclic.layerlab", NULL), ==, 1);
  g_assert_nonnull (strstr (f->out, "fc1"));                    /* the table is still printed */
  g_assert_nonnull (strstr (f->err, "cyclic.layerlab"));
  g_assert_nonnull (strstr (f->err, "cycle"));
  g_assert_nonnull (strstr (f->err, "relu1"));
  g_assert_cmpint (run_cli (f, "train", "cyclic.layerlab", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "cyclic.layerlab"));
  g_assert_nonnull (strstr (f->err, "cycle"));

  g_assert_cmpint (run_cli (f, "info", "no-such-example", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "no-such-example"));
  g_assert_nonnull (strstr (f->err, "spiral-mlp"));             /* and the ones that exist */

  /* Divergence: the engine's message, exit 1, and the weights from before the bad step. */
  g_assert_cmpint (run_cli (f, "train", "spiral-mlp", "--lr", "1e30", "--epochs", "1", "--quiet", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "the loss became"));
  g_assert_nonnull (strstr (f->err, "were written to spiral-mlp.safetensors"));

  /* Weights alone are not a checkpoint to resume. */
  g_assert_cmpint (run_cli (f, "train", "spiral-mlp", "--epochs", "1", "--quiet", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, "resume", "spiral-mlp.safetensors", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "spiral-mlp.safetensors"));
}

static void
test_gradcheck_cli (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_cmpint (run_cli (f, "gradcheck", "spiral-mlp", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "All 3 layers with parameters pass"));
  g_assert_nonnull (strstr (f->out, "fc1"));
}

static gboolean
files_equal (const char *a,
             const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  gsize nx, ny;

  if (!g_file_get_contents (a, &x, &nx, NULL) || !g_file_get_contents (b, &y, &ny, NULL))
    return FALSE;
  return nx == ny && memcmp (x, y, nx) == 0;
}

static void
test_interrupt_resume (Fixture       *f,
                       gconstpointer  data)
{
  const char *argv[] = { cli_path, "train", "long.layerlab", "--threads", "1",
                         "--weights-out", "part.safetensors", "--checkpoint", "part.ckpt", NULL };
  g_autofree char *project = spiral_project_text ();
  g_autofree char *full = g_build_filename (f->dir, "full.safetensors", NULL);
  g_autofree char *part = g_build_filename (f->dir, "part.safetensors", NULL);
  g_autofree char *ckpt = g_build_filename (f->dir, "part.ckpt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) err_text = g_string_new (NULL);
  char line[512];
  gboolean progress = FALSE;
  int out_fd, err_fd, wait_status;
  FILE *out, *err;
  GPid pid;

  /* Many small batches and epochs: about two seconds, so the interrupt lands mid-run. */
  project = replace_once (g_steal_pointer (&project), "\"batch-size\": 32", "\"batch-size\": 8");
  project = replace_once (project, "\"epochs\": 60", "\"epochs\": 100");
  project = replace_once (project, "\"samples\": 1500", "\"samples\": 2000");
  g_free (write_file (f, "long.layerlab", project));

  g_assert_cmpint (run_cli (f, "train", "long.layerlab", "--threads", "1", "--quiet",
                            "--weights-out", "full.safetensors", "--checkpoint", "full.ckpt", NULL), ==, 0);

  g_spawn_async_with_pipes (f->dir, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out_fd, &err_fd, &error);
  g_assert_no_error (error);
  out = fdopen (out_fd, "r");
  err = fdopen (err_fd, "r");
  /* Not a terminal: a plain line per epoch. Interrupt after the first. */
  while (!progress && fgets (line, sizeof line, out) != NULL)
    progress = g_str_has_prefix (line, "Epoch");
  g_assert_true (progress);
  kill (pid, SIGINT);
  while (fgets (line, sizeof line, out) != NULL)
    ;
  while (fgets (line, sizeof line, err) != NULL)
    g_string_append (err_text, line);
  fclose (out);
  fclose (err);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_test_message ("interrupted run: %s", err_text->str);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 130);
  g_assert_nonnull (strstr (err_text->str, "layerlab-cli resume"));
  g_assert_nonnull (strstr (err_text->str, "part.ckpt"));
  g_assert_true (g_file_test (ckpt, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  {
    g_autoptr(LabSafetensors) file = lab_safetensors_read (ckpt, &error);

    g_assert_no_error (error);
    g_test_message ("stopped after %s epochs and %s batches",
                    lab_safetensors_get_meta (file, "layerlab.epoch"),
                    lab_safetensors_get_meta (file, "layerlab.batch"));
  }

  g_assert_cmpint (run_cli (f, "resume", "part.ckpt", "--threads", "1", "--quiet",
                            "--weights-out", "part.safetensors", NULL), ==, 0);
  /* The interrupted and resumed run ends with exactly the weights of the uninterrupted one. */
  g_assert_true (files_equal (part, full));

  /* And a finished run says how to go further instead of doing nothing. */
  g_assert_cmpint (run_cli (f, "resume", "part.ckpt", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "--epochs"));
}

/* The core check behind `gradcheck`. */

static LabNetwork *
spiral_network (guint    n,
                float  **x,
                float  **y)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = lab_example_find_path ("spiral-mlp", &error);
  g_autoptr(LabProject) project = NULL;
  g_autoptr(LabDataset) data = NULL;
  LabNetwork *net;

  g_assert_no_error (error);
  project = lab_project_load (path, &error);
  g_assert_no_error (error);
  net = lab_network_new (project->graph, n, LAB_LOSS_CROSS_ENTROPY, &error);
  g_assert_no_error (error);
  lab_network_init_params (net, &project->settings.init, 7);
  data = lab_dataset_synthetic (LAB_SYNTHETIC_SPIRALS, n, 0.1, 2, 3, &error);
  g_assert_no_error (error);
  *x = g_memdup2 (data->x, sizeof (float) * n * data->x_dim);
  *y = g_memdup2 (data->y, sizeof (float) * n);
  return net;
}

static void
test_gradcheck_leaves_network (void)
{
  LabLoss loss = { .kind = LAB_LOSS_CROSS_ENTROPY };
  g_autofree float *x = NULL;
  g_autofree float *y = NULL;
  g_autoptr(LabNetwork) net = spiral_network (4, &x, &y);
  g_autofree float *params = NULL;
  g_autofree float *grads = NULL;
  g_autoptr(GError) error = NULL;
  LabGradcheckReport report;
  LabRng rng = net->rng;

  for (gsize i = 0; i < net->n_params; i++)
    net->grads[i] = (float) i;
  params = g_memdup2 (net->params, net->n_params * sizeof (float));
  grads = g_memdup2 (net->grads, net->n_params * sizeof (float));

  g_assert_true (lab_network_gradcheck (net, &loss, x, y, 1, 4, 1, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report.passed);
  g_assert_cmpuint (report.n_layers, ==, 3);
  for (guint i = 0; i < report.n_layers; i++)
    {
      g_assert_cmpuint (report.layers[i].n_directions, ==, 3);
      g_assert_cmpuint (report.layers[i].n_checked, >, LAB_GRADCHECK_ELEMENTS);
      g_assert_cmpfloat (report.layers[i].grad_norm, >, 0.0);
    }
  g_assert_cmpmem (params, net->n_params * sizeof (float), net->params, net->n_params * sizeof (float));
  g_assert_cmpmem (grads, net->n_params * sizeof (float), net->grads, net->n_params * sizeof (float));
  g_assert_cmpuint (rng.state, ==, net->rng.state);
  lab_gradcheck_report_clear (&report);

  g_assert_false (lab_network_gradcheck (net, &loss, x, y, 1, 5, 1, &report, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
}

/* Dense whose bias gradient comes out 5 % too large. */
static LabLayerType buggy_dense;

static void
buggy_dense_backward (const LabLayerRun *run)
{
  LabParamDesc descs[LAB_MAX_PARAMS];
  guint n = lab_layer_dense.params (run->info, descs);
  gsize first = lab_shape_size (&descs[0].shape);

  g_assert_cmpuint (n, ==, 2);
  lab_layer_dense.backward (run);
  for (gsize i = 0; i < lab_shape_size (&descs[1].shape); i++)
    run->dparams[first + i] *= 1.05f;
}

static void
test_gradcheck_finds_bug (void)
{
  LabLoss loss = { .kind = LAB_LOSS_CROSS_ENTROPY };
  g_autofree float *x = NULL;
  g_autofree float *y = NULL;
  g_autoptr(LabNetwork) net = spiral_network (4, &x, &y);
  g_autoptr(GError) error = NULL;
  LabGradcheckReport report;

  buggy_dense = lab_layer_dense;
  buggy_dense.backward = buggy_dense_backward;
  lab_network_find_step (net, "fc2")->type = &buggy_dense;

  g_assert_true (lab_network_gradcheck (net, &loss, x, y, 1, 4, 1, &report, &error));
  g_assert_false (report.passed);
  g_assert_cmpuint (report.n_layers, ==, 3);
  g_assert_cmpstr (report.layers[1].name, ==, "fc2");
  g_assert_false (report.layers[1].passed);
  g_assert_true (g_str_has_prefix (report.layers[1].worst_element, "bias["));
  g_assert_cmpfloat (report.layers[1].element_error, >, 3 * report.tolerance);
  /* fc1's gradient flows through fc2's input gradient, which is right. */
  g_assert_true (report.layers[0].passed);
  g_assert_true (report.layers[2].passed);
  lab_gradcheck_report_clear (&report);
}

/* Dropout masks and batch statistics in training mode, smooth activations. */
static void
test_gradcheck_dropout_batchnorm (void)
{
  const char *types[] = { "Input", "Dense", "BatchNorm", "Activation", "Dropout", "Dense" };
  g_autoptr(LabGraph) graph = lab_graph_new ();
  g_autoptr(LabNetwork) net = NULL;
  g_autoptr(GError) error = NULL;
  LabLoss loss = { .kind = LAB_LOSS_CROSS_ENTROPY };
  LabInit init = { LAB_INIT_HE_NORMAL, 0 };
  LabGradcheckReport report;
  float x[8 * 2], y[8];
  g_autofree float *state = NULL;
  guint ids[G_N_ELEMENTS (types)];
  LabRng rng;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      ids[i] = lab_graph_add_node (graph, types[i], NULL, 0, 0, &error);
      g_assert_no_error (error);
      if (i > 0)
        lab_graph_connect (graph, ids[i - 1], ids[i], &error);
      g_assert_no_error (error);
    }
  lab_graph_set_hparam_text (graph, ids[0], "shape", "2", &error);
  lab_graph_set_hparam_text (graph, ids[1], "units", "16", &error);
  lab_graph_set_hparam_text (graph, ids[3], "function", "tanh", &error);
  lab_graph_set_hparam_text (graph, ids[4], "rate", "0.3", &error);
  lab_graph_set_hparam_text (graph, ids[5], "units", "3", &error);
  g_assert_no_error (error);
  net = lab_network_new (graph, 8, LAB_LOSS_CROSS_ENTROPY, &error);
  g_assert_no_error (error);
  lab_network_init_params (net, &init, 5);
  lab_rng_init (&rng, 9);
  for (guint i = 0; i < 8; i++)
    {
      x[2 * i] = lab_rng_normal (&rng);
      x[2 * i + 1] = lab_rng_normal (&rng);
      y[i] = (float) (i % 3);
    }
  state = g_memdup2 (net->state, net->n_state * sizeof (float));
  g_assert_cmpuint (net->n_state, >, 0);

  /* Without the same mask for every evaluation the differences would be noise. */
  g_assert_true (lab_network_gradcheck (net, &loss, x, y, 1, 8, 2, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report.passed);
  g_assert_cmpuint (report.n_layers, ==, 3);   /* dense, batchnorm, dense */
  g_assert_cmpstr (report.layers[1].type_name, ==, "BatchNorm");
  g_assert_cmpmem (state, net->n_state * sizeof (float), net->state, net->n_state * sizeof (float));
  lab_gradcheck_report_clear (&report);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  cli_path = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "layerlab-cli", NULL);

  g_test_add ("/cli/help", Fixture, NULL, fixture_setup, test_help, fixture_teardown);
  g_test_add ("/cli/info", Fixture, NULL, fixture_setup, test_info, fixture_teardown);
  g_test_add ("/cli/train-evaluate", Fixture, NULL, fixture_setup, test_train_evaluate, fixture_teardown);
  g_test_add ("/cli/train-json", Fixture, NULL, fixture_setup, test_train_json, fixture_teardown);
  g_test_add ("/cli/bad-input", Fixture, NULL, fixture_setup, test_bad_input, fixture_teardown);
  g_test_add ("/cli/gradcheck", Fixture, NULL, fixture_setup, test_gradcheck_cli, fixture_teardown);
  g_test_add ("/cli/interrupt-resume", Fixture, NULL, fixture_setup, test_interrupt_resume,
              fixture_teardown);
  g_test_add_func ("/core/gradcheck/leaves-network", test_gradcheck_leaves_network);
  g_test_add_func ("/core/gradcheck/finds-bug", test_gradcheck_finds_bug);
  g_test_add_func ("/core/gradcheck/dropout-batchnorm", test_gradcheck_dropout_batchnorm);
  return g_test_run ();
}

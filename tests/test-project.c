/* test-project.c: project files, training settings, data references and the shipped examples
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "lab-core.h"
#include "lab-examples.h"
#include "lab-graph.h"
#include "lab-project.h"

static guint
add (LabGraph   *g,
     const char *type,
     const char *name,
     double      x,
     double      y)
{
  g_autoptr(GError) error = NULL;
  guint id = lab_graph_add_node (g, type, name, x, y, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (id, !=, 0);
  return id;
}

static void
set (LabGraph   *g,
     guint       id,
     const char *key,
     const char *text)
{
  g_autoptr(GError) error = NULL;

  lab_graph_set_hparam_text (g, id, key, text, &error);
  g_assert_no_error (error);
}

static void
connect (LabGraph *g,
         guint     src,
         guint     dst)
{
  g_autoptr(GError) error = NULL;

  lab_graph_connect (g, src, dst, &error);
  g_assert_no_error (error);
}

/* A branchy graph touching every kind of setting: ints, floats, choices, booleans, shapes. */
static LabProject *
make_project (void)
{
  LabProject *p = lab_project_new ();
  LabTrainSettings *s = &p->settings;
  LabGraph *g = p->graph;
  guint in, conv, pool, flat, a, b, cat, act, drop, out;

  g_free (p->name);
  p->name = g_strdup ("Test “quoted” \"project\"\twith ünïcode");
  g_free (p->description);
  p->description = g_strdup ("Two lines\nand a back\\slash");
  p->weights = g_strdup ("weights/w.safetensors");

  in = add (g, "Input", "in", 12.5, -3.25);
  set (g, in, "shape", "1x8x8");
  conv = add (g, "Conv2D", "conv", 212.5, 0);
  set (g, conv, "filters", "4");
  set (g, conv, "padding", "same");
  set (g, conv, "bias", "false");
  pool = add (g, "MaxPool2D", "pool", 400, 0.125);
  flat = add (g, "Flatten", "flat", 600, 1e-3);
  a = add (g, "Dense", "a", 800, -100);
  set (g, a, "units", "5");
  b = add (g, "Dense", "b", 800, 100);
  set (g, b, "units", "3");
  cat = add (g, "Concatenate", "cat", 1000, 0);
  act = add (g, "Activation", "act", 1200, 0);
  set (g, act, "function", "leaky_relu");
  set (g, act, "negative_slope", "0.2");
  drop = add (g, "Dropout", "drop", 1400, 0);
  set (g, drop, "rate", "0.25");
  out = add (g, "Dense", "out", 1600, 0);
  set (g, out, "units", "2");
  connect (g, in, conv);
  connect (g, conv, pool);
  connect (g, pool, flat);
  connect (g, flat, a);
  connect (g, flat, b);
  /* b before a: the order of inputs matters for Concatenate. */
  connect (g, b, cat);
  connect (g, a, cat);
  connect (g, cat, act);
  connect (g, act, drop);
  connect (g, drop, out);
  lab_graph_set_frozen (g, conv, TRUE);

  s->loss = LAB_LOSS_HUBER;
  s->huber_delta = 0.5f;
  s->class_weights = LAB_CLASS_WEIGHTS_BALANCED;
  s->optimizer.kind = LAB_OPTIMIZER_SGD;
  s->optimizer.lr = 0.05f;
  s->optimizer.momentum = 0.8f;
  s->optimizer.nesterov = TRUE;
  s->optimizer.beta1 = 0.85f;
  s->optimizer.beta2 = 0.99f;
  s->optimizer.rho = 0.95f;
  s->optimizer.eps = 1e-7f;
  s->optimizer.weight_decay = 0.02f;
  s->optimizer.l1 = 1e-5f;
  s->optimizer.l2 = 3e-4f;
  s->optimizer.clip_value = 1.5f;
  s->optimizer.clip_norm = 5;
  s->schedule.kind = LAB_SCHEDULE_STEP;
  s->schedule.gamma = 0.5f;
  s->schedule.step_epochs = 3;
  s->schedule.min_lr = 1e-6f;
  s->schedule.patience = 4;
  s->schedule.min_delta = 0.001f;
  s->schedule.warmup_epochs = 2;
  s->init.kind = LAB_INIT_GLOROT_UNIFORM;
  s->init.value = 0.1f;
  s->batch_size = 17;
  s->epochs = 3;
  s->shuffle = FALSE;
  s->seed = G_GUINT64_CONSTANT (0xfedcba9876543210);   /* above 2⁶³ */
  s->val_fraction = 0.15;
  s->test_fraction = 0.05;
  s->scaling = LAB_SCALING_MINMAX;
  s->early_stopping = TRUE;
  s->early_metric = LAB_METRIC_VAL_ACCURACY;
  s->patience = 7;
  s->min_delta = 0.002;
  s->restore_best = FALSE;
  s->threads = 2;

  lab_data_ref_clear (&p->data);
  p->data.kind = LAB_DATA_CSV;
  p->data.csv_path = g_strdup ("data/iris.csv");
  p->data.label_column = g_strdup ("species");
  p->data.classification = FALSE;
  p->data.limit = 100;
  return p;
}

static void
assert_settings_equal (const LabTrainSettings *a,
                       const LabTrainSettings *b)
{
  /* Every field is a plain value: the structs are equal when the fields are, padding aside. */
  g_assert_cmpint (a->loss, ==, b->loss);
  g_assert_cmpfloat (a->huber_delta, ==, b->huber_delta);
  g_assert_cmpint (a->class_weights, ==, b->class_weights);
  g_assert_cmpint (a->optimizer.kind, ==, b->optimizer.kind);
  g_assert_cmpfloat (a->optimizer.lr, ==, b->optimizer.lr);
  g_assert_cmpfloat (a->optimizer.momentum, ==, b->optimizer.momentum);
  g_assert_cmpint (a->optimizer.nesterov, ==, b->optimizer.nesterov);
  g_assert_cmpfloat (a->optimizer.beta1, ==, b->optimizer.beta1);
  g_assert_cmpfloat (a->optimizer.beta2, ==, b->optimizer.beta2);
  g_assert_cmpfloat (a->optimizer.rho, ==, b->optimizer.rho);
  g_assert_cmpfloat (a->optimizer.eps, ==, b->optimizer.eps);
  g_assert_cmpfloat (a->optimizer.weight_decay, ==, b->optimizer.weight_decay);
  g_assert_cmpfloat (a->optimizer.l1, ==, b->optimizer.l1);
  g_assert_cmpfloat (a->optimizer.l2, ==, b->optimizer.l2);
  g_assert_cmpfloat (a->optimizer.clip_value, ==, b->optimizer.clip_value);
  g_assert_cmpfloat (a->optimizer.clip_norm, ==, b->optimizer.clip_norm);
  g_assert_cmpint (a->schedule.kind, ==, b->schedule.kind);
  g_assert_cmpfloat (a->schedule.gamma, ==, b->schedule.gamma);
  g_assert_cmpuint (a->schedule.step_epochs, ==, b->schedule.step_epochs);
  g_assert_cmpfloat (a->schedule.min_lr, ==, b->schedule.min_lr);
  g_assert_cmpuint (a->schedule.patience, ==, b->schedule.patience);
  g_assert_cmpfloat (a->schedule.min_delta, ==, b->schedule.min_delta);
  g_assert_cmpuint (a->schedule.warmup_epochs, ==, b->schedule.warmup_epochs);
  g_assert_cmpint (a->init.kind, ==, b->init.kind);
  g_assert_cmpfloat (a->init.value, ==, b->init.value);
  g_assert_cmpuint (a->batch_size, ==, b->batch_size);
  g_assert_cmpuint (a->epochs, ==, b->epochs);
  g_assert_cmpint (a->shuffle, ==, b->shuffle);
  g_assert_cmpuint (a->seed, ==, b->seed);
  g_assert_cmpfloat (a->val_fraction, ==, b->val_fraction);
  g_assert_cmpfloat (a->test_fraction, ==, b->test_fraction);
  g_assert_cmpint (a->scaling, ==, b->scaling);
  g_assert_cmpint (a->early_stopping, ==, b->early_stopping);
  g_assert_cmpint (a->early_metric, ==, b->early_metric);
  g_assert_cmpuint (a->patience, ==, b->patience);
  g_assert_cmpfloat (a->min_delta, ==, b->min_delta);
  g_assert_cmpint (a->restore_best, ==, b->restore_best);
  g_assert_cmpuint (a->threads, ==, b->threads);
}

static void
assert_data_equal (const LabDataRef *a,
                   const LabDataRef *b)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpstr (a->dir, ==, b->dir);
  g_assert_cmpstr (a->train_images, ==, b->train_images);
  g_assert_cmpstr (a->train_labels, ==, b->train_labels);
  g_assert_cmpstr (a->test_images, ==, b->test_images);
  g_assert_cmpstr (a->test_labels, ==, b->test_labels);
  g_assert_cmpstr (a->csv_path, ==, b->csv_path);
  g_assert_cmpstr (a->label_column, ==, b->label_column);
  g_assert_cmpuint (a->limit, ==, b->limit);
  if (a->kind == LAB_DATA_SYNTHETIC)
    {
      g_assert_cmpint (a->synthetic, ==, b->synthetic);
      g_assert_cmpuint (a->n_samples, ==, b->n_samples);
      g_assert_cmpfloat (a->noise, ==, b->noise);
      g_assert_cmpuint (a->n_classes, ==, b->n_classes);
    }
  if (a->kind == LAB_DATA_CSV)
    g_assert_cmpint (a->classification, ==, b->classification);
}

static void
assert_graphs_equal (LabGraph *a,
                     LabGraph *b)
{
  GPtrArray *na = lab_graph_get_nodes (a);
  GPtrArray *nb = lab_graph_get_nodes (b);

  g_assert_cmpuint (na->len, ==, nb->len);
  for (guint i = 0; i < na->len; i++)
    {
      LabNode *x = g_ptr_array_index (na, i);
      LabNode *y = g_ptr_array_index (nb, i);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_true (x->type == y->type);
      g_assert_cmpfloat (x->x, ==, y->x);
      g_assert_cmpfloat (x->y, ==, y->y);
      g_assert_cmpint (x->frozen, ==, y->frozen);
      for (guint k = 0; k < x->type->n_hparams; k++)
        {
          g_assert_cmpfloat (x->hp[k].v, ==, y->hp[k].v);
          g_assert_true (lab_shape_equal (&x->hp[k].shape, &y->hp[k].shape) ||
                         x->type->hparams[k].kind != LAB_HP_SHAPE);
        }
      g_assert_cmpuint (x->inputs->len, ==, y->inputs->len);
      for (guint k = 0; k < x->inputs->len; k++)
        g_assert_cmpstr (lab_graph_get_node (a, g_array_index (x->inputs, guint, k))->name, ==,
                         lab_graph_get_node (b, g_array_index (y->inputs, guint, k))->name);
    }
}

static char *
scratch_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "test-project", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* A setting typed with many digits is saved whole, and a plain one stays plain. */
static void
test_float_settings_exact (void)
{
  g_autoptr(LabProject) p = lab_project_new ();
  g_autoptr(LabProject) q = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *slope = NULL;
  g_autofree char *alpha = NULL;
  guint id = lab_graph_add_node (p->graph, "Activation", "act", 0, 0, &error);
  LabNode *node;
  gsize length;

  g_assert_no_error (error);
  g_assert_true (lab_graph_set_hparam_text (p->graph, id, "negative_slope", "0.123456789", &error));
  g_assert_true (lab_graph_set_hparam_text (p->graph, id, "elu_alpha", "0.01", &error));
  g_assert_no_error (error);
  data = lab_project_to_data (p, &length);
  q = lab_project_load_from_data (data, (gssize) length, "exact.layerlab", &error);
  g_assert_no_error (error);
  node = lab_graph_find_node (q->graph, "act");
  slope = lab_graph_dup_hparam_text (q->graph, node->id, "negative_slope");
  alpha = lab_graph_dup_hparam_text (q->graph, node->id, "elu_alpha");
  g_assert_cmpstr (slope, ==, "0.123456789");
  g_assert_cmpstr (alpha, ==, "0.01");
}

static void
test_round_trip (void)
{
  g_autoptr(LabProject) p = make_project ();
  g_autoptr(LabProject) q = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = scratch_path ("round-trip.layerlab");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  LabNode *cat;

  g_assert_true (lab_graph_validate (p->graph, &error));
  g_assert_no_error (error);
  lab_project_save (p, path, &error);
  g_assert_no_error (error);
  q = lab_project_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (q);

  g_assert_cmpstr (q->name, ==, p->name);
  g_assert_cmpstr (q->description, ==, p->description);
  g_assert_cmpstr (q->weights, ==, p->weights);
  assert_graphs_equal (p->graph, q->graph);
  cat = lab_graph_find_node (q->graph, "cat");
  g_assert_cmpstr (lab_graph_get_node (q->graph, g_array_index (cat->inputs, guint, 0))->name, ==, "b");
  g_assert_true (lab_graph_find_node (q->graph, "conv")->frozen);
  assert_settings_equal (&p->settings, &q->settings);
  assert_data_equal (&p->data, &q->data);

  /* Saving what was loaded gives the same bytes, with numbers written short and valid. */
  first = lab_project_to_data (p, NULL);
  second = lab_project_to_data (q, NULL);
  g_assert_cmpstr (first, ==, second);
  g_assert_nonnull (strstr (first, "\"lr\": 0.05,"));
  g_assert_nonnull (strstr (first, "\"eps\": 1e-07,"));
  g_assert_nonnull (strstr (first, "\"x\": 212.5,"));
  g_assert_nonnull (strstr (first, "\"rate\": \"0.25\""));
  g_assert_null (strstr (first, "0000000"));
}

static void
test_data_ref_round_trip (void)
{
  LabDataRef refs[4];

  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    lab_data_ref_init (&refs[i]);
  refs[0].synthetic = LAB_SYNTHETIC_BLOBS;
  refs[0].n_samples = 321;
  refs[0].noise = 0.3;
  refs[0].n_classes = 5;
  refs[1].kind = LAB_DATA_FASHION_MNIST;
  refs[1].dir = g_strdup ("/srv/fm");
  refs[1].limit = 5000;
  refs[2].kind = LAB_DATA_IDX;
  refs[2].train_images = g_strdup ("a-images.gz");
  refs[2].train_labels = g_strdup ("a-labels.gz");
  refs[2].test_images = g_strdup ("t-images");
  refs[2].test_labels = g_strdup ("t-labels");
  refs[3].kind = LAB_DATA_CSV;
  refs[3].csv_path = g_strdup ("x.csv");
  refs[3].label_column = g_strdup ("y");

  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      g_autoptr(JsonNode) node = lab_data_ref_to_json (&refs[i]);
      g_autoptr(GError) error = NULL;
      LabDataRef back, copy;

      lab_data_ref_init (&back);
      lab_data_ref_from_json (&back, node, &error);
      g_assert_no_error (error);
      assert_data_equal (&refs[i], &back);
      lab_data_ref_copy (&copy, &back);
      assert_data_equal (&refs[i], &copy);
      lab_data_ref_clear (&copy);
      lab_data_ref_clear (&back);
      lab_data_ref_clear (&refs[i]);
    }
}

/* Loads text saved as NAME and checks the error's code and that its message names the file and
 * holds every one of the NULL-terminated fragments. */
static void
expect_load_error (const char *text,
                   GQuark      domain,
                   int         code,
                   ...)
{
  g_autofree char *path = scratch_path ("bad.layerlab");
  g_autoptr(LabProject) p = NULL;
  g_autoptr(GError) error = NULL;
  const char *fragment;
  va_list args;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  p = lab_project_load (path, &error);
  g_assert_null (p);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "bad.layerlab:"));
  va_start (args, code);
  while ((fragment = va_arg (args, const char *)) != NULL)
    if (strstr (error->message, fragment) == NULL)
      g_error ("“%s” lacks “%s”", error->message, fragment);
  va_end (args);
}

#define HEAD "{ \"format\": \"layerlab-project\", \"format-version\": 1, "
#define TWO_NODES(params1, inputs1) \
  HEAD "\"graph\": { \"nodes\": [ { \"name\": \"in\", \"type\": \"Input\", \"params\": { \"shape\": \"4\" } }, " \
  "{ \"name\": \"fc1\", \"type\": \"Dense\", \"params\": " params1 ", \"inputs\": " inputs1 " } ] }"

static void
test_bad_files (void)
{
  g_autoptr(GError) error = NULL;

  expect_load_error ("{\n  \"format\": \"layerlab-project\",\n  \"graph\": [1,,]\n}",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE, "bad.layerlab:3:", NULL);
  expect_load_error ("", LAB_ERROR, LAB_ERROR_INVALID_FILE, "empty", NULL);
  expect_load_error ("[1, 2]", LAB_ERROR, LAB_ERROR_INVALID_FILE, "not a LayerLab project", "a list", NULL);
  expect_load_error ("{ \"graph\": {} }", LAB_ERROR, LAB_ERROR_INVALID_FILE, "“format”", "missing", NULL);
  expect_load_error ("{ \"format\": \"keras\" }", LAB_ERROR, LAB_ERROR_INVALID_FILE,
                     "not a LayerLab project", "“keras”", NULL);
  expect_load_error ("{ \"format\": \"layerlab-project\" }", LAB_ERROR, LAB_ERROR_INVALID_FILE,
                     "format-version", NULL);
  expect_load_error ("{ \"format\": \"layerlab-project\", \"format-version\": 7, \"graph\": {} }",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE, "version 7", "up to 1", "newer", NULL);
  expect_load_error ("{ \"format\": \"layerlab-project\", \"format-version\": \"1\" }",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE, "format-version", "a text", NULL);
  expect_load_error (HEAD "\"name\": \"x\" }", LAB_ERROR, LAB_ERROR_INVALID_FILE, "“graph”", NULL);
  expect_load_error (HEAD "\"graph\": { \"nodes\": [ { \"name\": \"fc1\", \"type\": \"Dence\" } ] } }",
                     LAB_ERROR, LAB_ERROR_INVALID_GRAPH, "“fc1”", "“Dence”", "Input, Dense, Flatten", NULL);
  expect_load_error (HEAD "\"graph\": { \"nodes\": [ { \"name\": \"fc1\", \"type\": \"Dense\", \"x\": \"left\" } ] } }",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE, "graph.nodes[0].x", "a number", "a text", NULL);
  expect_load_error (HEAD "\"graph\": { \"nodes\": [ { \"type\": \"Dense\" } ] } }",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE, "graph.nodes[0]", "name", NULL);
  expect_load_error (TWO_NODES ("{ \"units\": \"many\" }", "[\"in\"]") "}",
                     LAB_ERROR, LAB_ERROR_INVALID_PARAM, "fc1", "Units", "many", NULL);
  expect_load_error (TWO_NODES ("{ \"units\": \"-3\" }", "[\"in\"]") "}",
                     LAB_ERROR, LAB_ERROR_INVALID_PARAM, "fc1", "Units", NULL);
  expect_load_error (TWO_NODES ("{ \"unit\": \"3\" }", "[\"in\"]") "}",
                     LAB_ERROR, LAB_ERROR_INVALID_PARAM, "fc1", "“unit”", "units, bias", NULL);
  expect_load_error (TWO_NODES ("{}", "[\"fc0\"]") "}", LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                     "node “fc1” reads from “fc0”, which is not in the file", NULL);
  expect_load_error (TWO_NODES ("{}", "\"in\"") "}", LAB_ERROR, LAB_ERROR_INVALID_FILE,
                     "graph.nodes[1].inputs", NULL);
  expect_load_error (HEAD "\"graph\": { \"nodes\": [ { \"name\": \"fc1\", \"type\": \"Dense\" }, "
                     "{ \"name\": \"fc1\", \"type\": \"ReLU\" } ] } }",
                     LAB_ERROR, LAB_ERROR_INVALID_GRAPH, "two nodes are named “fc1”", "1 and 2", NULL);
  expect_load_error (TWO_NODES ("{}", "[\"in\"]") ", \"training\": { \"batch-size\": \"32\" } }",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE, "training.batch-size", "whole number", NULL);
  expect_load_error (TWO_NODES ("{}", "[\"in\"]") ", \"training\": { \"epochs\": 2.5 } }",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE, "training.epochs", "whole number", NULL);
  expect_load_error (TWO_NODES ("{}", "[\"in\"]") ", \"training\": { \"optimizer\": { \"kind\": \"adamx\" } } }",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE,
                     "training.optimizer.kind: unknown optimizer “adamx”; choose one of sgd, adagrad", NULL);
  expect_load_error (TWO_NODES ("{}", "[\"in\"]") ", \"training\": { \"optimizer\": \"adamx\" } }",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE, "training.optimizer: unknown optimizer", NULL);
  expect_load_error (TWO_NODES ("{}", "[\"in\"]") ", \"training\": { \"optimizer\": { \"lr\": true } } }",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE, "training.optimizer.lr", "a number", NULL);
  expect_load_error (TWO_NODES ("{}", "[\"in\"]") ", \"training\": { \"early-stopping\": { \"metric\": \"f1\" } } }",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE, "training.early-stopping.metric", "val-loss, val-accuracy", NULL);
  expect_load_error (TWO_NODES ("{}", "[\"in\"]") ", \"training\": { \"batch-size\": 0 } }",
                     LAB_ERROR, LAB_ERROR_INVALID_PARAM, "Batch size", "between 1 and", NULL);
  expect_load_error (TWO_NODES ("{}", "[\"in\"]") ", \"dataset\": { \"kind\": \"idx\", \"train-images\": \"a\" } }",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE, "dataset", "“train-labels” is missing", NULL);
  expect_load_error (TWO_NODES ("{}", "[\"in\"]") ", \"dataset\": { \"kind\": \"mnist\" } }",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE, "dataset.kind", "synthetic, fashion-mnist, idx, csv", NULL);
  expect_load_error (TWO_NODES ("{}", "[\"in\"]") ", \"dataset\": { \"kind\": \"synthetic\", \"generator\": \"spiral\" } }",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE, "dataset.generator", "spirals", NULL);
  expect_load_error (TWO_NODES ("{}", "[\"in\"]") ", \"dataset\": { \"kind\": \"synthetic\", \"classes\": 1 } }",
                     LAB_ERROR, LAB_ERROR_INVALID_FILE, "dataset.classes", "between 2 and", NULL);

  g_assert_null (lab_project_load ("/nonexistent/none.layerlab", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* A minimal file keeps defaults for what it leaves out; naming an optimizer gives its defaults. */
static void
test_defaults_fill_in (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabProject) p = NULL;
  LabTrainSettings defaults;
  LabOptimizerConfig sgd;
  const char *text = TWO_NODES ("{ \"units\": 3 }", "[\"in\"]")
                     ", \"training\": { \"optimizer\": \"sgd\", \"epochs\": 4 } }";

  p = lab_project_load_from_data (text, -1, "mini.layerlab", &error);
  g_assert_no_error (error);
  lab_train_settings_defaults (&defaults);
  lab_optimizer_config_defaults (&sgd, LAB_OPTIMIZER_SGD);
  g_assert_cmpuint (p->settings.epochs, ==, 4);
  g_assert_cmpuint (p->settings.batch_size, ==, defaults.batch_size);
  g_assert_cmpint (p->settings.optimizer.kind, ==, LAB_OPTIMIZER_SGD);
  g_assert_cmpfloat (p->settings.optimizer.lr, ==, sgd.lr);
  g_assert_cmpint (LAB_HP_INT_VALUE (lab_graph_find_node (p->graph, "fc1")->hp, 0), ==, 3);
  g_assert_cmpint (p->data.kind, ==, LAB_DATA_SYNTHETIC);
  g_assert_cmpuint (p->data.n_samples, ==, 1000);
  g_assert_true (lab_graph_validate (p->graph, &error));
}

static char **
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static void
test_atomic_save (void)
{
  g_autoptr(LabProject) p = make_project ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "atomic", NULL);
  g_autofree char *path = g_build_filename (dir, "model.layerlab", NULL);
  g_autofree char *blocker = g_build_filename (dir, "blocked.layerlab", NULL);
  g_autofree char *inside = g_build_filename (blocker, "keep", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "model.layerlab", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_cmpint (g_mkdir_with_parents (blocker, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inside, "x", -1, NULL));
  lab_project_save (p, path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  /* A folder that does not exist. */
  g_assert_false (lab_project_save (p, missing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A target the rename cannot replace (a non-empty folder): the temporary file was written
   * and must be removed again. */
  g_assert_false (lab_project_save (p, blocker, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));

  /* A read-only folder keeps the old file. Root writes anyway, so only check it as a user. */
  if (geteuid () != 0)
    {
      g_free (p->name);
      p->name = g_strdup ("changed");
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      g_assert_false (lab_project_save (p, path, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
    }
  else
    g_test_message ("running as root: the read-only folder case is not checked");

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
  names = list_dir (dir);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) names, "model.layerlab"));
  g_assert_true (g_strv_contains ((const char * const *) names, "blocked.layerlab"));
  g_unlink (inside);
  g_rmdir (blocker);
}

static void
test_examples (void)
{
  static const struct { const char *name; guint64 params; } expected[] = {
    /* 2·64+64 + 64·64+64 + 64·2+2 */
    { "spiral-mlp", 4482 },
    /* 784·256+256 + 256·128+128 + 128·10+10 */
    { "fashion-mlp", 235146 },
    /* (9·1+1)·32 + (9·32+1)·64 + 3136·128+128 + 128·10+10 */
    { "fashion-cnn", 421642 },
  };
  const LabExample *list = lab_examples_list ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (; list[n].name != NULL; n++)
    g_assert_true (list[n].description != NULL && *list[n].description != '\0');
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = lab_example_find_path (expected[i].name, &error);
      g_autoptr(LabProject) p = NULL;
      LabGraphTotals totals;

      g_assert_no_error (error);
      g_assert_cmpstr (list[i].name, ==, expected[i].name);
      p = lab_project_load (path, &error);
      g_assert_no_error (error);
      g_assert_true (lab_graph_validate (p->graph, &error));
      g_assert_no_error (error);
      lab_graph_get_totals (p->graph, &totals);
      g_assert_cmpuint (totals.trainable, ==, expected[i].params);
      g_assert_true (lab_train_settings_check (&p->settings, &error));
      g_assert_no_error (error);
      g_assert_true (p->description != NULL && strlen (p->description) > 20);
    }

  g_assert_null (lab_example_find_path ("mnist-gan", &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
  g_assert_nonnull (strstr (error->message, "spiral-mlp, fashion-mlp, fashion-cnn"));
  g_clear_error (&error);

  /* A $LAB_EXAMPLES_DIR without the file falls back to the source tree. */
  g_setenv ("LAB_EXAMPLES_DIR", "/nonexistent", TRUE);
  g_free (lab_example_find_path ("spiral-mlp", &error));
  g_assert_no_error (error);
}

static void
expect_check_error (const LabTrainSettings *s,
                    const char             *fragment1,
                    const char             *fragment2)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lab_train_settings_check (s, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fragment1));
  g_assert_nonnull (strstr (error->message, fragment2));
}

static void
test_settings_check (void)
{
  g_autoptr(GError) error = NULL;
  LabTrainSettings d, s;

  lab_train_settings_defaults (&d);
  g_assert_true (lab_train_settings_check (&d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d.loss, ==, LAB_LOSS_CROSS_ENTROPY);
  g_assert_cmpint (d.optimizer.kind, ==, LAB_OPTIMIZER_ADAM);
  g_assert_cmpfloat_with_epsilon (d.optimizer.lr, 0.001, 1e-9);
  g_assert_cmpint (d.init.kind, ==, LAB_INIT_HE_NORMAL);
  g_assert_cmpuint (d.batch_size, ==, 32);
  g_assert_cmpuint (d.epochs, ==, 20);
  g_assert_true (d.shuffle);
  g_assert_cmpuint (d.seed, ==, 1);
  g_assert_cmpfloat (d.val_fraction, ==, 0.2);
  g_assert_cmpfloat (d.test_fraction, ==, 0.1);
  g_assert_cmpint (d.scaling, ==, LAB_SCALING_ZSCORE);
  g_assert_false (d.early_stopping);
  g_assert_cmpuint (d.patience, ==, 5);

  s = d; s.batch_size = 0;          expect_check_error (&s, "Batch size", "between 1 and");
  s = d; s.epochs = 0;              expect_check_error (&s, "Epochs", "between 1 and");
  s = d; s.val_fraction = 1;        expect_check_error (&s, "Validation fraction", "less than 1");
  s = d; s.test_fraction = -0.1;    expect_check_error (&s, "Test fraction", "at least 0");
  s = d; s.val_fraction = 0.6; s.test_fraction = 0.4;
  expect_check_error (&s, "Validation and test fractions", "less than 1");
  s = d; s.patience = 0;            expect_check_error (&s, "patience", "between 1 and");
  s = d; s.min_delta = -1;          expect_check_error (&s, "minimum improvement", "0 or more");
  s = d; s.threads = 1000;          expect_check_error (&s, "Threads", "between 0");
  s = d; s.loss = LAB_LOSS_HUBER; s.huber_delta = 0;
  expect_check_error (&s, "Huber delta", "greater than 0");
  s = d; s.init.kind = LAB_INIT_NORMAL; s.init.value = 0;
  expect_check_error (&s, "Initializer value", "greater than 0");
  s = d; s.optimizer.lr = -1;
  g_assert_false (lab_train_settings_check (&s, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
}

static void
test_data_ref_describe (void)
{
  LabDataRef ref;
  g_autofree char *spirals = NULL;
  g_autofree char *fashion = NULL;
  g_autofree char *csv = NULL;

  lab_data_ref_init (&ref);
  spirals = lab_data_ref_describe (&ref);
  g_assert_cmpstr (spirals, ==, "Two spirals, 1000 points, noise 0.1");
  ref.kind = LAB_DATA_FASHION_MNIST;
  fashion = lab_data_ref_describe (&ref);
  g_assert_cmpstr (fashion, ==, "Fashion-MNIST");
  ref.kind = LAB_DATA_CSV;
  ref.csv_path = g_strdup ("/data/iris.csv");
  ref.label_column = g_strdup ("species");
  csv = lab_data_ref_describe (&ref);
  g_assert_nonnull (strstr (csv, "iris.csv"));
  g_assert_nonnull (strstr (csv, "species"));
  g_clear_pointer (&csv, g_free);

  /* Inputs only (an autoencoder's data), and no file yet: said, not "?". */
  g_clear_pointer (&ref.label_column, g_free);
  csv = lab_data_ref_describe (&ref);
  g_assert_cmpstr (csv, ==, "iris.csv, inputs only (no label column)");
  g_clear_pointer (&csv, g_free);
  g_clear_pointer (&ref.csv_path, g_free);
  csv = lab_data_ref_describe (&ref);
  g_assert_null (strchr (csv, '?'));
  lab_data_ref_clear (&ref);
}

static void
test_data_ref_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "data", NULL);
  g_autofree char *csv = g_build_filename (dir, "points.csv", NULL);
  LabDataset *train = NULL, *test = NULL;
  LabDataRef ref;

  lab_data_ref_init (&ref);
  ref.limit = 100;
  g_assert_true (lab_data_ref_load (&ref, NULL, 7, &train, &test, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (train->n, ==, 100);
  g_assert_cmpuint (train->n_classes, ==, 2);
  g_assert_null (test);
  lab_dataset_free (train);

  /* A relative CSV path is relative to the project's folder. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (csv, "a,b,label\n1,2,x\n3,4,y\n5,6,x\n", -1, NULL));
  ref.kind = LAB_DATA_CSV;
  ref.limit = 0;
  ref.csv_path = g_strdup ("points.csv");
  ref.label_column = g_strdup ("label");
  g_assert_true (lab_data_ref_load (&ref, dir, 1, &train, &test, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (train->n, ==, 3);
  g_assert_cmpuint (train->n_classes, ==, 2);
  g_assert_null (test);
  lab_dataset_free (train);

  g_assert_false (lab_data_ref_load (&ref, "/nonexistent", 1, &train, &test, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "CSV"));
  g_assert_null (train);
  g_clear_error (&error);
  lab_data_ref_clear (&ref);

  lab_data_ref_init (&ref);
  ref.kind = LAB_DATA_FASHION_MNIST;
  ref.limit = 500;
  if (!g_file_test (lab_dataset_fashion_mnist_dir (), G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
      return;
    }
  g_assert_true (lab_data_ref_load (&ref, NULL, 1, &train, &test, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (train->n, ==, 500);
  g_assert_cmpuint (train->n_classes, ==, 10);
  g_assert_cmpuint (test->n, ==, 10000);
  lab_dataset_free (train);
  lab_dataset_free (test);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/project/round-trip", test_round_trip);
  g_test_add_func ("/core/project/float-settings-exact", test_float_settings_exact);
  g_test_add_func ("/core/project/data-ref-round-trip", test_data_ref_round_trip);
  g_test_add_func ("/core/project/bad-files", test_bad_files);
  g_test_add_func ("/core/project/defaults-fill-in", test_defaults_fill_in);
  g_test_add_func ("/core/project/atomic-save", test_atomic_save);
  g_test_add_func ("/core/project/examples", test_examples);
  g_test_add_func ("/core/settings/check", test_settings_check);
  g_test_add_func ("/core/settings/data-ref-describe", test_data_ref_describe);
  g_test_add_func ("/core/settings/data-ref-load", test_data_ref_load);

  return g_test_run ();
}

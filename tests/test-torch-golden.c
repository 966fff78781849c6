/* test-torch-golden.c: layers, losses and optimizers against PyTorch 1.13
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/torch_golden.py writes tests/data/torch-golden.json (see tests/data/README.md): for every
 * case the inputs, parameters and upstream gradient R (all float32 values) and what torch computes
 * from them in float64. Here each case is rebuilt by hand from the JSON (type found by name,
 * hyperparameters parsed from text), run through LayerLab in float32 and compared.
 *
 * The comparison and its tolerance are explained in golden-util.c.
 */
#define G_LOG_DOMAIN "test-torch-golden"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "golden-util.h"
#include "lab-core.h"

/* Regenerated goldens carry the same float64 computation, so they agree to far better than this. */
#define LIVE_TOL  1e-6

static JsonParser *golden_parser;

static float *
alloc_floats (gsize n)
{
  return g_new0 (float, MAX (n, 1));
}

/* Fills buf (laid out as descs say) from the "data" of a list of named tensors, or explains why
 * the list does not fit the descs. */
static gboolean
tensors_from_array (const char         *case_name,
                    JsonArray          *tensors,
                    const LabParamDesc *descs,
                    guint               n_descs,
                    float              *buf)
{
  gsize off = 0;

  if (json_array_get_length (tensors) != n_descs)
    return golden_fail ("%s: LayerLab has %u tensors, torch %u", case_name, n_descs,
                 json_array_get_length (tensors));
  for (guint t = 0; t < n_descs; t++)
    {
      JsonObject *o = json_array_get_object_element (tensors, t);
      JsonArray *data = json_object_get_array_member (o, "data");
      gsize size = lab_shape_size (&descs[t].shape);

      if (g_strcmp0 (descs[t].name, json_object_get_string_member (o, "name")) != 0)
        g_test_message ("%s: tensor %u is “%s” in LayerLab, “%s” in the golden file",
                        case_name, t, descs[t].name, json_object_get_string_member (o, "name"));
      if (json_array_get_length (data) != size)
        return golden_fail ("%s: tensor “%s” has %zu values in LayerLab, %u in torch", case_name,
                     descs[t].name, size, json_array_get_length (data));
      for (gsize i = 0; i < size; i++)
        buf[off + i] = (float) json_array_get_double_element (data, i);
      off += size;
    }
  return TRUE;
}

static void
check_tensors (const char         *case_name,
               const char         *what,
               const float        *buf,
               JsonArray          *tensors,
               const LabParamDesc *descs,
               guint               n_descs,
               double              factor)
{
  gsize off = 0;

  for (guint t = 0; t < n_descs; t++)
    {
      JsonObject *o = json_array_get_object_element (tensors, t);
      g_autofree char *label = g_strdup_printf ("%s %s", what, descs[t].name);

      golden_check_close (case_name, label, buf + off, json_object_get_array_member (o, "data"), factor);
      off += lab_shape_size (&descs[t].shape);
    }
}

/* Everything one layer case allocates, freed in one place. */
typedef struct
{
  LabLayerInfo info;
  LabLayerRun  run;
  LabHValue    hp[32];
  float       *inp[LAB_MAX_INPUTS];
  float       *dinp[LAB_MAX_INPUTS];
} LayerCase;

static void
layer_case_clear (LayerCase *lc)
{
  for (guint i = 0; i < LAB_MAX_INPUTS; i++)
    {
      g_free (lc->inp[i]);
      g_free (lc->dinp[i]);
    }
  g_free (lc->run.out);
  g_free ((float *) lc->run.dout);
  g_free (lc->run.params);
  g_free (lc->run.dparams);
  g_free (lc->run.state);
  g_free (lc->run.cache);
  g_free (lc->run.scratch);
}

/* Builds info from the case's type, settings and input shapes, as the graph compiler would. */
static gboolean
layer_case_setup (LayerCase          *lc,
                  const LabLayerType *type,
                  JsonObject         *c,
                  const char         *name)
{
  JsonObject *hparams = json_object_get_object_member (c, "hparams");
  JsonArray *in_shapes = json_object_get_array_member (c, "in_shapes");
  g_autoptr(GList) keys = json_object_get_members (hparams);
  g_autoptr(GError) error = NULL;
  LabShape golden_out;

  if (type->n_hparams > G_N_ELEMENTS (lc->hp))
    return golden_fail ("%s: too many settings", name);
  lab_hparams_defaults (type->hparams, type->n_hparams, lc->hp);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      int idx = lab_hparams_find (type->hparams, type->n_hparams, l->data);

      if (idx < 0)
        return golden_fail ("%s: %s has no setting “%s”", name, type->name, (const char *) l->data);
      if (!lab_hparam_parse (&type->hparams[idx], json_object_get_string_member (hparams, l->data),
                             name, &lc->hp[idx], &error))
        return golden_fail ("%s: %s", name, error->message);
    }

  lc->info.name = name;
  lc->info.hp = lc->hp;
  lc->info.n_inputs = json_array_get_length (in_shapes);
  if (lc->info.n_inputs > LAB_MAX_INPUTS)
    return golden_fail ("%s: too many inputs", name);
  for (guint i = 0; i < lc->info.n_inputs; i++)
    if (!golden_shape (json_array_get_array_element (in_shapes, i), &lc->info.in_shape[i]))
      return FALSE;
  if (!type->infer_shape (&lc->info, &error))
    return golden_fail ("%s: shape inference failed: %s", name, error->message);
  if (!golden_shape (json_object_get_array_member (c, "out_shape"), &golden_out))
    return FALSE;
  if (!lab_shape_equal (&lc->info.out_shape, &golden_out))
    {
      g_autofree char *a = lab_shape_to_string (&lc->info.out_shape);
      g_autofree char *b = lab_shape_to_string (&golden_out);

      return golden_fail ("%s: output shape %s, torch %s", name, a, b);
    }
  return TRUE;
}

static void
test_layer (gconstpointer data)
{
  JsonObject *c = (JsonObject *) data;
  const char *name = json_object_get_string_member (c, "name");
  const LabLayerType *type = lab_layer_type_find (json_object_get_string_member (c, "type"));
  JsonArray *inputs = json_object_get_array_member (c, "inputs");
  JsonArray *dinputs = json_object_get_array_member (c, "dinputs");
  LabParamDesc descs[LAB_MAX_PARAMS], sdescs[LAB_MAX_PARAMS];
  guint n_descs = 0, n_sdescs = 0;
  guint batch = json_object_get_int_member (c, "batch");
  LayerCase lc = { 0 };
  LabLayerRun *run = &lc.run;
  LabRng rng;

  if (type == NULL)
    {
      golden_fail ("%s: no layer type “%s”", name, json_object_get_string_member (c, "type"));
      return;
    }
  if (!layer_case_setup (&lc, type, c, name))
    goto out;

  if (type->params)
    n_descs = type->params (&lc.info, descs);
  if (type->state)
    n_sdescs = type->state (&lc.info, sdescs);

  lab_rng_init (&rng, 1);
  run->info = &lc.info;
  run->batch = batch;
  run->training = json_object_get_boolean_member (c, "training");
  for (guint i = 0; i < lc.info.n_inputs; i++)
    {
      JsonArray *x = json_array_get_array_element (inputs, i);
      gsize size = batch * lab_shape_size (&lc.info.in_shape[i]);

      if (json_array_get_length (x) != size)
        {
          golden_fail ("%s: input %u has %u values, expected %zu", name, i, json_array_get_length (x), size);
          goto out;
        }
      run->inp[i] = lc.inp[i] = golden_floats (x);
      run->dinp[i] = lc.dinp[i] = alloc_floats (size);
    }
  run->out = alloc_floats (batch * lab_shape_size (&lc.info.out_shape));
  run->dout = golden_floats (json_object_get_array_member (c, "dout"));
  run->params = alloc_floats (lab_param_descs_size (descs, n_descs));
  run->dparams = alloc_floats (lab_param_descs_size (descs, n_descs));
  run->state = alloc_floats (lab_param_descs_size (sdescs, n_sdescs));
  run->cache = alloc_floats (type->cache_floats ? type->cache_floats (&lc.info, batch) : 0);
  run->scratch = alloc_floats (type->scratch_floats ? type->scratch_floats (&lc.info, batch) : 0);
  run->rng = &rng;
  if (!tensors_from_array (name, json_object_get_array_member (c, "params"), descs, n_descs,
                           run->params) ||
      !tensors_from_array (name, json_object_get_array_member (c, "state"), sdescs, n_sdescs,
                           run->state))
    goto out;

  type->forward (run);
  golden_check_close (name, "output", run->out, json_object_get_array_member (c, "out"), 1.0);
  check_tensors (name, "state after forward", run->state,
                 json_object_get_array_member (c, "state_after"), sdescs, n_sdescs, 1.0);

  /* The second backward checks that gradients accumulate (+=) as lab-layer.h requires. */
  for (guint pass = 1; pass <= 2; pass++)
    {
      type->backward (run);
      for (guint i = 0; i < lc.info.n_inputs; i++)
        {
          g_autofree char *what = g_strdup_printf ("input %u gradient after %u backward", i, pass);

          golden_check_close (name, what, lc.dinp[i], json_array_get_array_element (dinputs, i), pass);
        }
      check_tensors (name, pass == 1 ? "gradient of" : "gradient after 2 backward of",
                     run->dparams, json_object_get_array_member (c, "dparams"), descs, n_descs,
                     pass);
    }

out:
  layer_case_clear (&lc);
}

static void
test_loss (gconstpointer data)
{
  JsonObject *c = (JsonObject *) data;
  const char *name = json_object_get_string_member (c, "name");
  guint N = json_object_get_int_member (c, "N");
  guint D = json_object_get_int_member (c, "D");
  guint target_dim = json_object_get_int_member (c, "target_dim");
  g_autofree float *pred = golden_floats (json_object_get_array_member (c, "pred"));
  g_autofree float *target = golden_floats (json_object_get_array_member (c, "target"));
  g_autofree float *weights = golden_floats (json_object_get_array_member (c, "class_weights"));
  g_autofree float *dpred = g_new (float, N * D);
  LabLoss loss = { 0 };
  double value, golden = json_object_get_double_member (c, "loss");

  if (!lab_loss_kind_from_string (json_object_get_string_member (c, "kind"), &loss.kind))
    {
      golden_fail ("%s: no loss “%s”", name, json_object_get_string_member (c, "kind"));
      return;
    }
  loss.huber_delta = json_object_get_double_member (c, "huber_delta");
  loss.n_class_weights = json_array_get_length (json_object_get_array_member (c, "class_weights"));
  loss.class_weights = loss.n_class_weights > 0 ? weights : NULL;

  /* NaN first: lab_loss_compute must write every element, not accumulate. */
  for (guint i = 0; i < N * D; i++)
    dpred[i] = NAN;
  value = lab_loss_compute (&loss, pred, target, target_dim, dpred, N, D);
  golden_check_value (name, "loss", value, golden);
  golden_check_close (name, "gradient", dpred, json_object_get_array_member (c, "dpred"), 1.0);
}

/* grad = 2 Aᵀ (A w − b), in double from the float weights, as the script's autograd does. */
static void
quadratic_gradient (float       *grad,
                    const float *A,
                    const float *b,
                    const float *w,
                    guint        m,
                    guint        n)
{
  g_autofree double *g = g_new0 (double, n);

  for (guint i = 0; i < m; i++)
    {
      double r = -(double) b[i];

      for (guint j = 0; j < n; j++)
        r += (double) A[i * n + j] * w[j];
      for (guint j = 0; j < n; j++)
        g[j] += 2.0 * r * A[i * n + j];
    }
  for (guint j = 0; j < n; j++)
    grad[j] = (float) g[j];
}

static void
test_optimizer (gconstpointer data)
{
  JsonObject *c = (JsonObject *) data;
  JsonObject *cfg = json_object_get_object_member (c, "config");
  const char *name = json_object_get_string_member (c, "name");
  JsonArray *steps = json_object_get_array_member (c, "steps");
  guint m = json_object_get_int_member (c, "m");
  guint n = json_object_get_int_member (c, "n");
  g_autofree float *A = golden_floats (json_object_get_array_member (c, "A"));
  g_autofree float *b = golden_floats (json_object_get_array_member (c, "b"));
  g_autofree float *w = golden_floats (json_object_get_array_member (c, "w0"));
  g_autofree float *grad = g_new (float, n);
  g_autoptr(GError) error = NULL;
  LabOptimizerConfig config;
  LabOptimizerKind kind;
  LabOptimizer *opt;

  if (!lab_optimizer_kind_from_string (json_object_get_string_member (cfg, "kind"), &kind))
    {
      golden_fail ("%s: no optimizer “%s”", name, json_object_get_string_member (cfg, "kind"));
      return;
    }
  lab_optimizer_config_defaults (&config, kind);
  config.kind = kind;
  config.lr = json_object_get_double_member (cfg, "lr");
  config.momentum = json_object_get_double_member (cfg, "momentum");
  config.nesterov = json_object_get_boolean_member (cfg, "nesterov");
  config.beta1 = json_object_get_double_member (cfg, "beta1");
  config.beta2 = json_object_get_double_member (cfg, "beta2");
  config.rho = json_object_get_double_member (cfg, "rho");
  config.eps = json_object_get_double_member (cfg, "eps");
  config.weight_decay = json_object_get_double_member (cfg, "weight_decay");
  config.l1 = json_object_get_double_member (cfg, "l1");
  config.l2 = json_object_get_double_member (cfg, "l2");
  config.clip_value = json_object_get_double_member (cfg, "clip_value");
  config.clip_norm = json_object_get_double_member (cfg, "clip_norm");

  opt = lab_optimizer_new (&config, n, &error);
  if (opt == NULL)
    {
      golden_fail ("%s: %s", name, error->message);
      return;
    }
  for (guint s = 0; s < json_array_get_length (steps); s++)
    {
      g_autofree char *what = g_strdup_printf ("weights after step %u", s + 1);

      quadratic_gradient (grad, A, b, w, m, n);
      lab_optimizer_step (opt, w, grad, config.lr);
      golden_check_close (name, what, w, json_array_get_array_element (steps, s), 1.0);
      if (g_test_failed ())
        break;   /* later steps only repeat the first difference */
    }
  lab_optimizer_free (opt);
}

static void
test_live (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "torch_golden.py", NULL);
  g_autofree char *committed = g_test_build_filename (G_TEST_DIST, "data", "torch-golden.json", NULL);
  g_autofree char *dir = NULL, *fresh = NULL, *err_text = NULL;
  const char *probe[] = { "/usr/bin/python3", "-c", "import torch", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gint64 start;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) probe, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("/usr/bin/python3 cannot import torch (install python3-torch to regenerate "
                   "the goldens)");
      return;
    }

  dir = g_dir_make_tmp ("torch-golden-XXXXXX", &error);
  g_assert_no_error (error);
  fresh = g_build_filename (dir, "torch-golden.json", NULL);
  {
    const char *argv[] = { "/usr/bin/python3", script, fresh, NULL };

    start = g_get_monotonic_time ();
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                  &err_text, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, &error))
      g_test_message ("torch_golden.py failed:\n%s", err_text);
    g_assert_no_error (error);
    g_test_message ("torch_golden.py took %.1f s", (g_get_monotonic_time () - start) / 1e6);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
  }

  json_parser_load_from_file (parser, fresh, &error);
  g_assert_no_error (error);
  if (!golden_nodes_match (json_parser_get_root (golden_parser), json_parser_get_root (parser), "$",
                           "meta", LIVE_TOL))
    {
      g_test_message ("%s no longer matches what torch computes; regenerate it (tests/data/README.md)",
                      committed);
      g_test_fail ();
    }
  g_unlink (fresh);
  g_rmdir (dir);
}

static void
add_cases (JsonObject *root,
           const char *section,
           const char *prefix,
           GTestDataFunc func)
{
  JsonArray *cases = json_object_get_array_member (root, section);

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autofree char *path = g_strdup_printf ("/core/golden/%s/%s", prefix,
                                               json_object_get_string_member (c, "name"));

      g_test_add_data_func (path, c, func);
    }
}

static void
test_load_failed (gconstpointer data)
{
  g_test_message ("Cannot read the golden file: %s", (const char *) data);
  g_test_fail ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  path = g_test_build_filename (G_TEST_DIST, "data", "torch-golden.json", NULL);
  golden_parser = json_parser_new ();
  if (json_parser_load_from_file (golden_parser, path, &error) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (golden_parser)))
    {
      JsonObject *root = json_node_get_object (json_parser_get_root (golden_parser));

      add_cases (root, "layers", "layer", test_layer);
      add_cases (root, "losses", "loss", test_loss);
      add_cases (root, "optimizers", "optimizer", test_optimizer);
      g_test_add_func ("/core/golden/live", test_live);
    }
  else
    g_test_add_data_func ("/core/golden/load", g_strdup_printf ("%s: %s", path,
                          error ? error->message : "not a JSON object"), test_load_failed);

  ret = g_test_run ();
  g_clear_object (&golden_parser);
  return ret;
}

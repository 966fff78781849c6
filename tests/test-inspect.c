/* test-inspect.c: activations, histograms, dead ReLUs, decision grids and health warnings
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "graph-util.h"
#include "lab-core.h"
#include "lab-evaluate.h"
#include "lab-examples.h"
#include "lab-inspect.h"
#include "lab-project.h"
#include "lab-trainer.h"

/* A chain of "Type:name:settings" specs, compiled for batches of max_batch. */
static LabNetwork *
chain (guint        max_batch,
       LabLossKind  loss,
       const char  *const *specs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabGraph) g = lab_graph_new ();
  LabInit init = { LAB_INIT_HE_UNIFORM, 0 };
  LabNetwork *net;
  guint prev = 0;

  for (guint i = 0; specs[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (specs[i], ":", 3);
      guint id = lab_test_add_node (g, parts[0], parts[1], parts[2]);

      if (prev != 0)
        {
          g_assert_true (lab_graph_connect (g, prev, id, &error));
          g_assert_no_error (error);
        }
      prev = id;
    }
  net = lab_network_new (g, max_batch, loss, &error);
  g_assert_no_error (error);
  lab_network_init_params (net, &init, 11);
  return net;
}

static void
test_histogram_known (void)
{
  const float v[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  const float odd[] = { -1, NAN, 3, INFINITY, 3, 1 };
  const float flat[] = { 2, 2, 2 };
  LabHistogram h = { 0 };
  guint sum = 0;

  /* [0, 9] in bins of 1.8: two values each, 9 itself in the last bin. */
  lab_histogram_compute (&h, v, G_N_ELEMENTS (v), 5);
  g_assert_cmpfloat (h.min, ==, 0);
  g_assert_cmpfloat (h.max, ==, 9);
  for (guint b = 0; b < 5; b++)
    g_assert_cmpuint (h.counts[b], ==, 2);
  g_assert_cmpfloat_with_epsilon (h.norm, sqrt (285.0), 1e-9);
  lab_histogram_clear (&h);

  /* Non-finite values are counted apart; −1, 1, 3, 3 over [−1, 3] in 4 bins of 1. */
  lab_histogram_compute (&h, odd, G_N_ELEMENTS (odd), 4);
  g_assert_cmpuint (h.n_nonfinite, ==, 2);
  g_assert_cmpuint (h.counts[0], ==, 1);
  g_assert_cmpuint (h.counts[1], ==, 0);
  g_assert_cmpuint (h.counts[2], ==, 1);
  g_assert_cmpuint (h.counts[3], ==, 2);
  lab_histogram_clear (&h);

  lab_histogram_compute (&h, flat, G_N_ELEMENTS (flat), 3);
  g_assert_cmpfloat (h.min, ==, 1.5);
  g_assert_cmpfloat (h.max, ==, 2.5);
  for (guint b = 0; b < 3; b++)
    sum += h.counts[b];
  g_assert_cmpuint (sum, ==, 3);
  g_assert_cmpuint (h.counts[1], ==, 3);
  lab_histogram_clear (&h);
}

static void
test_histograms_network (void)
{
  const char *specs[] = { "Input:in:shape=1x6x6", "Conv2D:conv:filters=3 kernel_size=3",
                          "Activation:relu:function=relu", "Flatten:flat:", "Dense:out:units=4",
                          NULL };
  g_autoptr(LabNetwork) net = chain (2, LAB_LOSS_CROSS_ENTROPY, specs);
  g_autoptr(LabParamHistograms) h = NULL;
  gsize total = 0;

  for (gsize i = 0; i < net->n_params; i++)
    net->grads[i] = (float) i * 0.001f;
  h = lab_inspect_histograms (net, 16);
  g_assert_cmpuint (h->n_tensors, ==, 4);
  g_assert_cmpstr (h->tensors[0].layer, ==, "conv");
  g_assert_cmpstr (h->tensors[0].tensor, ==, "weight");
  g_assert_cmpstr (h->tensors[3].layer, ==, "out");
  g_assert_cmpstr (h->tensors[3].tensor, ==, "bias");
  for (guint t = 0; t < h->n_tensors; t++)
    {
      gsize size = lab_shape_size (&h->tensors[t].shape);
      guint sum_w = 0, sum_g = 0;

      for (guint b = 0; b < 16; b++)
        {
          sum_w += h->tensors[t].weights.counts[b];
          sum_g += h->tensors[t].grads.counts[b];
        }
      g_assert_cmpuint (sum_w, ==, size);
      g_assert_cmpuint (sum_g, ==, size);
      g_assert_true (h->tensors[t].trainable);
      total += size;
    }
  g_assert_cmpuint (total, ==, net->n_params);
  /* conv weight 3·1·3·3 = 27 values of the gradient ramp 0 … 0.026. */
  g_assert_cmpfloat_with_epsilon (h->tensors[0].grads.max, 0.026, 1e-6);
}

/* The snapshot holds what a forward pass computes: here sample 1 of a batch of three. */
static void
test_activations_match_forward (void)
{
  const char *specs[] = { "Input:in:shape=1x6x6", "Conv2D:conv:filters=2 kernel_size=3",
                          "Activation:relu:function=relu", "MaxPool2D:pool:", "Flatten:flat:",
                          "Dense:fc:units=3", "Activation:soft:function=softmax", NULL };
  g_autoptr(LabNetwork) net = chain (3, LAB_LOSS_CROSS_ENTROPY, specs);
  g_autoptr(LabActivations) a = NULL;
  float x[3 * 36], probs[3];
  LabRng rng;

  lab_rng_init (&rng, 4);
  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    x[i] = lab_rng_uniform (&rng) * 2 - 1;
  a = lab_inspect_activations (net, x + 36);
  g_assert_cmpuint (a->n_layers, ==, net->n_steps);

  lab_network_forward (net, x, 3, FALSE);
  for (guint i = 0; i < net->n_steps; i++)
    {
      const LabStep *step = &net->steps[i];
      const LabLayerActivation *l = &a->layers[i];

      g_assert_cmpstr (l->name, ==, step->name);
      g_assert_cmpuint (l->size, ==, step->out_size);
      g_assert_true (lab_shape_equal (&l->shape, &step->info.out_shape));
      g_assert_cmpint (l->is_output, ==, i == net->output);
      if (l->is_output)
        continue;
      for (gsize k = 0; k < l->size; k++)
        g_assert_cmpfloat_with_epsilon (l->values[k], step->out[step->out_size + k], 1e-5);
    }
  g_assert_cmpstr (a->layers[1].type_name, ==, "Conv2D");
  g_assert_cmpuint (a->layers[1].shape.dims[0], ==, 2);
  /* The output as probabilities, though the network passes logits to the loss. */
  lab_network_probabilities (net, net->steps[net->output].out + 3, probs, 1);
  for (guint k = 0; k < 3; k++)
    g_assert_cmpfloat_with_epsilon (a->layers[net->output].values[k], probs[k], 1e-6);
  g_assert_cmpfloat_with_epsilon (probs[0] + probs[1] + probs[2], 1.0, 1e-5);
}

static void
set_dense_bias (LabNetwork *net,
                const char *name,
                float       first_half,
                float       second_half)
{
  LabStep *step = lab_network_find_step (net, name);
  guint units = step->info.out_shape.dims[0];
  float *bias = net->params + step->param_offset + lab_shape_size (&step->params[0].shape);

  for (guint u = 0; u < units; u++)
    bias[u] = u < units / 2 ? first_half : second_half;
}

static void
test_dead_relus (void)
{
  const char *specs[] = { "Input:in:shape=4", "Dense:fc1:units=8", "Activation:relu1:function=relu",
                          "Dense:fc2:units=6", "Activation:relu2:function=relu",
                          "Dense:out:units=2", NULL };
  g_autoptr(LabNetwork) net = chain (16, LAB_LOSS_CROSS_ENTROPY, specs);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree float *x = g_new (float, 40 * 4);
  const LabDeadUnits *d;
  LabRng rng;

  lab_rng_init (&rng, 8);
  for (guint i = 0; i < 40 * 4; i++)
    x[i] = lab_rng_uniform (&rng) * 2 - 1;

  /* A large negative bias: every unit of relu1 is 0 for every sample (40 samples: 3 batches). */
  set_dense_bias (net, "fc1", -100, -100);
  set_dense_bias (net, "fc2", 1, 1);
  {
    g_autoptr(LabDeadReport) r = lab_inspect_dead_relus (net, x, 40);

    g_assert_cmpuint (r->n_layers, ==, 2);
    g_assert_cmpuint (r->n_samples, ==, 40);
    d = lab_dead_report_find (r, "relu1");
    g_assert_nonnull (d);
    g_assert_cmpuint (d->n_units, ==, 8);
    g_assert_cmpuint (d->n_dead, ==, 8);
    g_assert_cmpfloat (d->fraction, ==, 1.0);
    /* relu2 sees only its bias, 1: alive. */
    g_assert_cmpfloat (lab_dead_report_find (r, "relu2")->fraction, ==, 0.0);
    warnings = lab_health_check (NULL, 0, r);
    g_assert_cmpuint (warnings->len, ==, 1);
    g_assert_cmpint (((LabHealthWarning *) warnings->pdata[0])->kind, ==, LAB_HEALTH_DEAD_RELU);
    g_assert_cmpstr (((LabHealthWarning *) warnings->pdata[0])->layer, ==, "relu1");
  }
  /* Half of them pushed far up instead: exactly half dead, which is already a warning. */
  set_dense_bias (net, "fc1", -100, 100);
  {
    g_autoptr(LabDeadReport) r = lab_inspect_dead_relus (net, x, 40);

    d = lab_dead_report_find (r, "relu1");
    g_assert_cmpuint (d->n_dead, ==, 4);
    g_assert_cmpfloat (d->fraction, ==, 0.5);
  }
  /* A conv ReLU counts channels: a filter is dead when it is zero at every position. */
  {
    const char *cspecs[] = { "Input:in:shape=1x5x5", "Conv2D:conv:filters=4 kernel_size=3",
                             "Activation:crelu:function=relu", "Flatten:f:", "Dense:o:units=2",
                             NULL };
    g_autoptr(LabNetwork) cnet = chain (4, LAB_LOSS_CROSS_ENTROPY, cspecs);
    LabStep *conv = lab_network_find_step (cnet, "conv");
    float *bias = cnet->params + conv->param_offset + 4 * 9;
    g_autoptr(LabDeadReport) r = NULL;
    float img[25];

    for (guint i = 0; i < 25; i++)
      img[i] = (float) i / 25;
    bias[1] = -50;
    bias[3] = 50;
    r = lab_inspect_dead_relus (cnet, img, 1);
    g_assert_cmpuint (r->layers[0].n_units, ==, 4);
    g_assert_cmpuint (r->layers[0].n_dead, >=, 1);
    g_assert_cmpuint (r->layers[0].n_dead, <=, 3);
    bias[0] = bias[2] = -50;
    bias[3] = -50;
    lab_dead_report_free (r);
    r = lab_inspect_dead_relus (cnet, img, 1);
    g_assert_cmpuint (r->layers[0].n_dead, ==, 4);
  }
}

/* Dense(2 → 2) with logits (0, x + y − 0.2): p(class 1) = σ(x + y − 0.2) at every cell centre,
 * above ½ exactly on the side x + y > 0.2 of the line. */
static void
test_decision_grid_linear (void)
{
  const char *specs[] = { "Input:in:shape=2", "Dense:fc:units=2",
                          "Activation:soft:function=softmax", NULL };
  g_autoptr(LabNetwork) net = chain (7, LAB_LOSS_CROSS_ENTROPY, specs);
  g_autoptr(GError) error = NULL;
  g_autoptr(LabDataset) data = NULL;
  g_autoptr(LabDecisionGrid) grid = NULL;
  LabStep *fc = lab_network_find_step (net, "fc");
  float *w = net->params + fc->param_offset;   /* (2 units, 2 inputs), then bias (2) */
  LabShape shape = lab_shape_flat (2);
  const guint G = 20;
  guint above = 0, below = 0;

  w[0] = 0; w[1] = 0; w[2] = 1; w[3] = 1;
  w[4] = 0; w[5] = -0.2f;
  data = lab_dataset_new ("line", 3, &shape, 1, 2, &error);
  g_assert_no_error (error);
  data->x[0] = -1; data->x[1] = -1;
  data->x[2] = 1;  data->x[3] = 0;
  data->x[4] = 0;  data->x[5] = 1;
  grid = lab_inspect_decision_grid (net, data, G, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grid->n_classes, ==, 2);
  /* The data's box [−1, 1]² with 10 % margins. */
  g_assert_cmpfloat_with_epsilon (grid->x_min, -1.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (grid->y_max, 1.2, 1e-9);
  for (guint j = 0; j < G; j++)
    for (guint i = 0; i < G; i++)
      {
        double cx = grid->x_min + (i + 0.5) * (grid->x_max - grid->x_min) / G;
        double cy = grid->y_min + (j + 0.5) * (grid->y_max - grid->y_min) / G;
        const float *p = grid->probs + ((gsize) j * G + i) * 2;
        double expect = 1 / (1 + exp (-(cx + cy - 0.2)));

        g_assert_cmpfloat_with_epsilon (p[1], expect, 1e-5);
        g_assert_cmpfloat_with_epsilon (p[0] + p[1], 1.0, 1e-5);
        if (cx + cy > 0.2)
          above += p[1] > 0.5;
        else
          below += p[1] < 0.5;
      }
  /* Every cell on the right side of the line. */
  g_assert_cmpuint (above + below, ==, G * G);

  /* Three inputs have no plane to draw. */
  {
    const char *specs3[] = { "Input:in:shape=3", "Dense:fc:units=2", NULL };
    g_autoptr(LabNetwork) net3 = chain (4, LAB_LOSS_CROSS_ENTROPY, specs3);

    g_assert_null (lab_inspect_decision_grid (net3, data, G, &error));
    g_assert_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH);
  }
}

static LabTrainPoint *
point (guint         n_layers,
       const char  **names,
       const double *grads,
       const double *weights)
{
  LabTrainPoint *p = g_new0 (LabTrainPoint, 1);

  p->loss = 0.7;   /* still learning */
  p->n_layers = n_layers;
  p->layer_names = g_new0 (char *, n_layers + 1);
  p->layer_grad_norms = g_new (double, n_layers);
  p->layer_weight_norms = g_new (double, n_layers);
  for (guint l = 0; l < n_layers; l++)
    {
      p->layer_names[l] = g_strdup (names[l]);
      p->layer_grad_norms[l] = grads[l];
      p->layer_weight_norms[l] = weights[l];
    }
  return p;
}

static LabHealthWarning *
warning_for (GPtrArray  *warnings,
             const char *layer)
{
  for (guint i = 0; i < warnings->len; i++)
    if (g_strcmp0 (((LabHealthWarning *) warnings->pdata[i])->layer, layer) == 0)
      return warnings->pdata[i];
  return NULL;
}

static void
test_health_constructed (void)
{
  const char *names[] = { "fc1", "fc2", "fc3" };
  g_autoptr(GPtrArray) pts = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_train_point_free);
  g_autoptr(GPtrArray) w = NULL;
  LabHealthWarning *hw;

  /* fc1 gets 1e-9 against weights of norm 3: vanishing; fc2 is fine; fc3's gradient grows
   * tenfold every 25 batches up to 1e3: exploding. */
  for (guint i = 0; i < 100; i++)
    {
      double g[] = { 1e-9, 0.4, pow (10, i / 25.0) };
      double wt[] = { 3, 5, 4 };

      g_ptr_array_add (pts, point (3, names, g, wt));
    }
  w = lab_health_check ((const LabTrainPoint * const *) pts->pdata, pts->len, NULL);
  hw = warning_for (w, "fc1");
  g_assert_nonnull (hw);
  g_assert_cmpint (hw->kind, ==, LAB_HEALTH_VANISHING);
  g_assert_nonnull (strstr (hw->advice, "initialization"));
  g_assert_null (strstr (hw->advice, "clipping"));
  g_assert_null (warning_for (w, "fc2"));
  hw = warning_for (w, "fc3");
  g_assert_nonnull (hw);
  g_assert_cmpint (hw->kind, ==, LAB_HEALTH_EXPLODING);
  g_assert_nonnull (strstr (hw->advice, "learning rate"));
  g_assert_cmpuint (w->len, ==, 2);
  g_clear_pointer (&w, g_ptr_array_unref);

  /* Relative to the other layers: fc1 at 1e-4 while fc2 has 0.4 (ratio to its weights 3e-5). */
  for (guint i = 0; i < pts->len; i++)
    {
      LabTrainPoint *p = pts->pdata[i];

      p->layer_grad_norms[0] = 1e-4;
      p->layer_grad_norms[2] = 0.2;
    }
  w = lab_health_check ((const LabTrainPoint * const *) pts->pdata, pts->len, NULL);
  g_assert_cmpuint (w->len, ==, 1);
  g_assert_cmpint (warning_for (w, "fc1")->kind, ==, LAB_HEALTH_VANISHING);
  g_clear_pointer (&w, g_ptr_array_unref);

  /* A NaN anywhere is exploding at once; a frozen layer (gradient always 0) says nothing. */
  for (guint i = 0; i < pts->len; i++)
    {
      LabTrainPoint *p = pts->pdata[i];

      p->layer_grad_norms[0] = 0.0;
    }
  ((LabTrainPoint *) pts->pdata[99])->layer_weight_norms[1] = NAN;
  w = lab_health_check ((const LabTrainPoint * const *) pts->pdata, pts->len, NULL);
  g_assert_cmpuint (w->len, ==, 1);
  g_assert_cmpint (warning_for (w, "fc2")->kind, ==, LAB_HEALTH_EXPLODING);
  g_clear_pointer (&w, g_ptr_array_unref);

  /* Too few batches to judge a trend: nothing. */
  w = lab_health_check ((const LabTrainPoint * const *) pts->pdata, 5, NULL);
  g_assert_cmpuint (w->len, ==, 0);
  g_clear_pointer (&w, g_ptr_array_unref);

  /* Every gradient tiny against its weights: vanishing while the loss is high, but not once
   * the model fits its training batches, when little is left to learn. */
  for (guint i = 0; i < pts->len; i++)
    {
      LabTrainPoint *p = pts->pdata[i];

      for (guint l = 0; l < 3; l++)
        {
          p->layer_grad_norms[l] = 1e-9;
          p->layer_weight_norms[l] = 3;
        }
    }
  w = lab_health_check ((const LabTrainPoint * const *) pts->pdata, pts->len, NULL);
  g_assert_cmpuint (w->len, ==, 3);
  g_clear_pointer (&w, g_ptr_array_unref);
  for (guint i = 0; i < pts->len; i++)
    ((LabTrainPoint *) pts->pdata[i])->loss = 1e-5;
  w = lab_health_check ((const LabTrainPoint * const *) pts->pdata, pts->len, NULL);
  g_assert_cmpuint (w->len, ==, 0);
}

typedef struct
{
  GPtrArray *points;
  double     val_accuracy;
} Seen;

static void
on_progress (const LabTrainPoint *p,
             gpointer             user_data)
{
  Seen *seen = user_data;

  if (p->end_of_epoch)
    {
      seen->val_accuracy = p->val_accuracy;
      return;
    }
  g_ptr_array_add (seen->points, lab_train_point_copy (p));
  if (seen->points->len > 300)
    g_ptr_array_remove_index (seen->points, 0);
}

/* The spiral example trained as shipped raises no warning at all. */
static void
test_health_spiral_quiet (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = lab_example_find_path ("spiral-mlp", &error);
  g_autofree char *dir = NULL;
  g_autoptr(LabProject) project = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(LabDeadReport) dead = NULL;
  LabDataset *all = NULL, *own_test = NULL, *train = NULL, *val = NULL, *test = NULL;
  Seen seen = { g_ptr_array_new_with_free_func ((GDestroyNotify) lab_train_point_free), 0 };
  LabTrainer *t;

  g_assert_no_error (error);
  project = lab_project_load (path, &error);
  g_assert_no_error (error);
  project->settings.epochs = 25;
  dir = g_path_get_dirname (path);
  g_assert_true (lab_data_ref_load (&project->data, dir, project->settings.seed, &all, &own_test, &error));
  g_assert_true (lab_prepare_data (all, own_test, &project->settings, &train, &val, &test, &error));
  g_assert_no_error (error);
  lab_dataset_free (all);
  g_clear_pointer (&own_test, lab_dataset_free);
  t = lab_trainer_new (project->graph, &project->settings, train, val, test, &error);
  g_assert_no_error (error);
  g_assert_true (lab_trainer_run (t, NULL, on_progress, &seen, &error));
  g_assert_no_error (error);
  g_test_message ("spiral after 25 epochs: validation accuracy %.1f %%", seen.val_accuracy * 100);
  g_assert_cmpfloat (seen.val_accuracy, >=, 0.9);

  dead = lab_inspect_dead_relus (lab_trainer_get_network (t), lab_trainer_get_train (t)->x,
                                 MIN (lab_trainer_get_train (t)->n, 256));
  g_assert_cmpuint (dead->n_layers, ==, 2);
  g_assert_cmpuint (seen.points->len, ==, 300);
  g_assert_cmpuint (((LabTrainPoint *) seen.points->pdata[0])->n_layers, ==, 3);
  warnings = lab_health_check ((const LabTrainPoint * const *) seen.points->pdata,
                               seen.points->len, dead);
  for (guint i = 0; i < warnings->len; i++)
    {
      LabHealthWarning *w = warnings->pdata[i];

      g_test_message ("unexpected warning on %s: %s", w->layer, w->summary);
    }
  g_assert_cmpuint (warnings->len, ==, 0);
  g_ptr_array_unref (seen.points);
  lab_trainer_free (t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/inspect/histogram/known", test_histogram_known);
  g_test_add_func ("/core/inspect/histogram/network", test_histograms_network);
  g_test_add_func ("/core/inspect/activations", test_activations_match_forward);
  g_test_add_func ("/core/inspect/dead-relus", test_dead_relus);
  g_test_add_func ("/core/inspect/decision-grid", test_decision_grid_linear);
  g_test_add_func ("/core/inspect/health/constructed", test_health_constructed);
  g_test_add_func ("/core/inspect/health/spiral", test_health_spiral_quiet);
  return g_test_run ();
}

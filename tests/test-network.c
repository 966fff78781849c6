/* test-network.c: compiled networks: gradients through whole graphs with branches, fan-out,
 * merges, strides and padding; the arena layout; inference against training mode
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The objective is the network's own loss, accumulated in double. As in gradcheck-util.c, the
 * float32 forward limits the numerical derivative to about 1e-4 absolute at a step of 1e-2, and
 * kinks (ReLU at 0, max-pool ties) are skipped where central differences at two step sizes
 * disagree. The tolerance 3e-3 relative to max(1, |g|) is well below the order-one change any
 * missing or wrong term makes.
 */
#include <math.h>
#include <string.h>

#include "graph-util.h"
#include "lab-core.h"
#include "lab-graph.h"
#include "lab-network.h"

#define EPS 1e-2
#define TOL 3e-3

typedef struct
{
  LabNetwork *net;
  LabLoss     loss;
  float      *x;
  float      *y;
  guint       y_dim;
  guint       n;
  float      *dlogits;
  float      *state;     /* BatchNorm statistics before the first forward */
  guint64     rng_state;
} Check;

static double
objective (Check *c)
{
  const float *out;

  /* The same dropout masks and running statistics for every evaluation. */
  c->net->rng.state = c->rng_state;
  memcpy (c->net->state, c->state, c->net->n_state * sizeof (float));
  out = lab_network_forward (c->net, c->x, c->n, TRUE);
  return lab_loss_compute (&c->loss, out, c->y, c->y_dim, c->dlogits, c->n, (guint) c->net->out_size);
}

static guint
check_values (Check       *c,
              float       *values,
              const float *analytic,
              gsize        count,
              const char  *what)
{
  guint checked = 0;

  for (gsize i = 0; i < count; i++)
    {
      float saved = values[i];
      double fp, fm, hp, hm, num, half;

      values[i] = saved + EPS;
      fp = objective (c);
      values[i] = saved - EPS;
      fm = objective (c);
      values[i] = saved + EPS / 2;
      hp = objective (c);
      values[i] = saved - EPS / 2;
      hm = objective (c);
      values[i] = saved;
      num = (fp - fm) / (2 * EPS);
      half = (hp - hm) / EPS;
      if (fabs (num - half) > TOL / 2 * MAX (1.0, fabs (num)))
        continue;   /* a kink */
      checked++;
      if (fabs (num - analytic[i]) > TOL * MAX (1.0, fabs (num)))
        {
          g_test_message ("%s[%zu]: analytical %.6g, numerical %.6g", what, i, analytic[i], num);
          g_test_fail ();
          return checked;
        }
    }
  return checked;
}

/* Compares every parameter's gradient and, through an Input → identity trick, nothing else:
 * inputs of the Input layer need no gradient. */
static void
gradcheck_graph (LabGraph   *g,
                 LabLossKind loss,
                 guint       n,
                 guint       n_classes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabNetwork) net = lab_network_new (g, n, loss, &error);
  LabInit init = { LAB_INIT_GLOROT_UNIFORM, 0 };
  Check c = { 0 };
  LabRng rng;
  g_autofree float *analytic = NULL;
  guint checked = 0;

  g_assert_no_error (error);
  lab_network_init_params (net, &init, 5);
  /* Biases and BatchNorm scales away from their neat starting values. */
  lab_rng_init (&rng, 9);
  for (gsize i = 0; i < net->n_params; i++)
    net->params[i] += 0.1f * lab_rng_normal (&rng);

  c.net = net;
  c.loss.kind = loss;
  c.n = n;
  c.x = g_new (float, n * net->in_size);
  for (gsize i = 0; i < n * net->in_size; i++)
    c.x[i] = lab_rng_normal (&rng);
  c.y_dim = n_classes > 0 ? 1 : (guint) net->out_size;
  c.y = g_new (float, n * c.y_dim);
  for (gsize i = 0; i < n * c.y_dim; i++)
    c.y[i] = n_classes > 0 ? (float) lab_rng_below (&rng, n_classes) : lab_rng_normal (&rng);
  c.dlogits = g_new (float, n * net->out_size);
  c.state = g_memdup2 (net->state, net->n_state * sizeof (float) + 1);
  c.rng_state = net->rng.state;

  objective (&c);
  lab_network_zero_grad (net);
  lab_network_backward (net, c.dlogits, n);
  analytic = g_memdup2 (net->grads, net->n_params * sizeof (float));

  for (guint s = 0; s < net->n_steps; s++)
    {
      LabStep *step = &net->steps[s];

      if (step->param_size == 0 || step->frozen)
        continue;
      checked += check_values (&c, net->params + step->param_offset, analytic + step->param_offset,
                               step->param_size, step->name);
    }
  /* Most elements are smooth; a check that skipped nearly everything would prove nothing. */
  g_assert_cmpuint (checked, >, net->n_trainable * 3 / 4);

  g_free (c.x);
  g_free (c.y);
  g_free (c.dlogits);
  g_free (c.state);
}

static void
link (LabGraph *g,
      guint     a,
      guint     b)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lab_graph_connect (g, a, b, &error));
  g_assert_no_error (error);
}

/* A residual block: x → dense → tanh → add(·, x) with x fanning out to two consumers. */
static void
test_residual_fan_out (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  guint in = lab_test_add_node (g, "Input", "in", "shape=4");
  guint pre = lab_test_add_node (g, "Dense", "pre", "units=5");
  guint d1 = lab_test_add_node (g, "Dense", "d1", "units=5");
  guint act = lab_test_add_node (g, "Activation", "act", "function=tanh");
  guint sum = lab_test_add_node (g, "Add", "sum", NULL);
  guint out = lab_test_add_node (g, "Dense", "out", "units=3");

  link (g, in, pre);
  link (g, pre, d1);
  link (g, d1, act);
  link (g, act, sum);
  link (g, pre, sum);      /* pre feeds d1 and sum: its gradient is the sum of both */
  link (g, sum, out);
  gradcheck_graph (g, LAB_LOSS_CROSS_ENTROPY, 3, 3);
}

/* Parallel convolution branches joined by Concatenate, then BatchNorm, pooling and a head. */
static void
test_inception_like (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  guint in = lab_test_add_node (g, "Input", "in", "shape=2x7x6");
  guint stem = lab_test_add_node (g, "Conv2D", "stem", "filters=3 kernel_size=3 padding=same");
  guint b1 = lab_test_add_node (g, "Conv2D", "b1", "filters=2 kernel_size=1");
  guint b3 = lab_test_add_node (g, "Conv2D", "b3", "filters=2 kernel_size=3 padding=same");
  guint b5 = lab_test_add_node (g, "Conv2D", "b5", "filters=2 kernel_size=5 padding=same bias=false");
  guint cat = lab_test_add_node (g, "Concatenate", "cat", NULL);
  guint bn = lab_test_add_node (g, "BatchNorm", "bn", NULL);
  guint act = lab_test_add_node (g, "Activation", "act", "function=swish");
  guint pool = lab_test_add_node (g, "AvgPool2D", "pool", "pool_size=2 stride=2 padding=same");
  guint flat = lab_test_add_node (g, "Flatten", "flat", NULL);
  guint out = lab_test_add_node (g, "Dense", "out", "units=4");

  link (g, in, stem);
  link (g, stem, b1);
  link (g, stem, b3);
  link (g, stem, b5);
  link (g, b1, cat);
  link (g, b3, cat);
  link (g, b5, cat);
  link (g, cat, bn);
  link (g, bn, act);
  link (g, act, pool);
  link (g, pool, flat);
  link (g, flat, out);
  gradcheck_graph (g, LAB_LOSS_CROSS_ENTROPY, 3, 4);
}

/* Strides, valid padding, max pooling, LayerNorm, dropout, a global pool and a regression head. */
static void
test_strided_regression (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  guint in = lab_test_add_node (g, "Input", "in", "shape=1x9x9");
  guint c1 = lab_test_add_node (g, "Conv2D", "c1", "filters=3 kernel_size=3 stride=2");
  guint a1 = lab_test_add_node (g, "Activation", "a1", "function=elu");
  guint mp = lab_test_add_node (g, "MaxPool2D", "mp", "pool_size=2 stride=1");
  guint c2 = lab_test_add_node (g, "Conv2D", "c2", "filters=4 kernel_size=2 stride=2 padding=same");
  guint ln = lab_test_add_node (g, "LayerNorm", "ln", NULL);
  guint drop = lab_test_add_node (g, "Dropout", "drop", "rate=0.25");
  guint gap = lab_test_add_node (g, "GlobalAvgPool2D", "gap", NULL);
  guint out = lab_test_add_node (g, "Dense", "out", "units=2");

  link (g, in, c1);
  link (g, c1, a1);
  link (g, a1, mp);
  link (g, mp, c2);
  link (g, c2, ln);
  link (g, ln, drop);
  link (g, drop, gap);
  link (g, gap, out);
  gradcheck_graph (g, LAB_LOSS_MSE, 4, 0);
  gradcheck_graph (g, LAB_LOSS_HUBER, 4, 0);
}

/* ReLU → MaxPool, whose backward the network folds into the pool's: 2×2 windows that tile an
 * even map, 2×2 windows that leave an odd map's last row and column out, and overlapping
 * windows (stride 1). The gradients must be exactly those of the same network where the ReLU
 * also feeds a second branch that adds zero to the output (a frozen Dense with zero weights),
 * which keeps the ReLU's own backward. */
static LabNetwork *
relu_pool_network (const char *shape,
                   const char *pool_settings,
                   gboolean    side_branch)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(GError) error = NULL;
  guint in = lab_test_add_node (g, "Input", "in", shape);
  guint conv = lab_test_add_node (g, "Conv2D", "conv", "filters=3 kernel_size=3 padding=same");
  guint relu = lab_test_add_node (g, "Activation", "relu", "function=relu");
  guint pool = lab_test_add_node (g, "MaxPool2D", "pool", pool_settings);
  guint flat = lab_test_add_node (g, "Flatten", "flat", NULL);
  guint out = lab_test_add_node (g, "Dense", "out", "units=3");
  LabNetwork *net;

  link (g, in, conv);
  link (g, conv, relu);
  link (g, relu, pool);
  link (g, pool, flat);
  link (g, flat, out);
  if (side_branch)
    {
      guint gap = lab_test_add_node (g, "GlobalAvgPool2D", "gap", NULL);
      guint side = lab_test_add_node (g, "Dense", "side", "units=3");
      guint sum = lab_test_add_node (g, "Add", "sum", NULL);

      link (g, relu, gap);
      link (g, gap, side);
      link (g, out, sum);
      link (g, side, sum);
      lab_graph_set_frozen (g, side, TRUE);
    }
  net = lab_network_new (g, 4, LAB_LOSS_CROSS_ENTROPY, &error);
  g_assert_no_error (error);
  return net;
}

static void
test_relu_pool_fold (void)
{
  static const char * const pools[] = {
    "pool_size=2 stride=2", "pool_size=2 stride=2", "pool_size=2 stride=1",
  };
  static const char * const shapes[] = { "shape=2x6x10", "shape=2x7x9", "shape=2x6x6" };
  static const char * const trained[] = { "conv", "out" };

  for (guint k = 0; k < G_N_ELEMENTS (pools); k++)
    {
      g_autoptr(LabNetwork) folded = relu_pool_network (shapes[k], pools[k], FALSE);
      g_autoptr(LabNetwork) plain = relu_pool_network (shapes[k], pools[k], TRUE);
      LabInit init = { LAB_INIT_TORCH_DEFAULT, 0 };
      LabLoss loss = { .kind = LAB_LOSS_CROSS_ENTROPY };
      g_autofree float *x = g_new (float, 4 * folded->in_size);
      float y[4], dlogits[4 * 3];
      LabRng rng;

      g_assert_true (lab_network_find_step (folded, "pool")->relu_folded);
      g_assert_true (lab_network_find_step (folded, "relu")->backward_folded);
      g_assert_false (lab_network_find_step (plain, "pool")->relu_folded);

      lab_network_init_params (folded, &init, 21);
      lab_network_init_params (plain, &init, 22);
      for (guint t = 0; t < G_N_ELEMENTS (trained); t++)
        {
          LabStep *a = lab_network_find_step (folded, trained[t]);
          LabStep *b = lab_network_find_step (plain, trained[t]);

          memcpy (plain->params + b->param_offset, folded->params + a->param_offset,
                  a->param_size * sizeof (float));
        }
      {
        LabStep *side = lab_network_find_step (plain, "side");

        memset (plain->params + side->param_offset, 0, side->param_size * sizeof (float));
      }

      lab_rng_init (&rng, 5 + k);
      for (gsize i = 0; i < 4 * folded->in_size; i++)
        x[i] = lab_rng_normal (&rng);
      for (guint i = 0; i < 4; i++)
        y[i] = (float) lab_rng_below (&rng, 3);
      lab_loss_compute (&loss, lab_network_forward (folded, x, 4, TRUE), y, 1, dlogits, 4, 3);
      lab_network_compute_grads (folded, dlogits, 4);
      lab_loss_compute (&loss, lab_network_forward (plain, x, 4, TRUE), y, 1, dlogits, 4, 3);
      lab_network_compute_grads (plain, dlogits, 4);

      for (guint t = 0; t < G_N_ELEMENTS (trained); t++)
        {
          LabStep *a = lab_network_find_step (folded, trained[t]);
          LabStep *b = lab_network_find_step (plain, trained[t]);
          float max_abs = 0;

          for (gsize i = 0; i < a->param_size; i++)
            max_abs = MAX (max_abs, fabsf (folded->grads[a->param_offset + i]));
          g_assert_cmpfloat (max_abs, >, 0.0f);
          g_assert_cmpmem (folded->grads + a->param_offset, a->param_size * sizeof (float),
                           plain->grads + b->param_offset, b->param_size * sizeof (float));
        }
    }
}

/* A softmax at the end with cross-entropy is fused: logits in training, probabilities on demand. */
static void
test_fused_softmax_output (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LabNetwork) net = NULL;
  guint in = lab_test_add_node (g, "Input", "in", "shape=3");
  guint fc = lab_test_add_node (g, "Dense", "fc", "units=4");
  guint sm = lab_test_add_node (g, "Activation", "sm", "function=softmax");
  LabInit init = { LAB_INIT_GLOROT_UNIFORM, 0 };
  float x[3] = { 0.5f, -1.0f, 2.0f };
  float probs[4];
  const float *out;
  double total = 0;

  link (g, in, fc);
  link (g, fc, sm);
  net = lab_network_new (g, 1, LAB_LOSS_CROSS_ENTROPY, &error);
  g_assert_no_error (error);
  g_assert_true (net->fused_output);
  lab_network_init_params (net, &init, 3);
  out = lab_network_forward (net, x, 1, FALSE);
  /* The output is the Dense layer's logits, passed through unchanged. */
  g_assert_cmpmem (out, 4 * sizeof (float), lab_network_find_step (net, "fc")->out, 4 * sizeof (float));
  lab_network_probabilities (net, out, probs, 1);
  for (guint i = 0; i < 4; i++)
    total += probs[i];
  g_assert_cmpfloat_with_epsilon (total, 1.0, 1e-6);

  /* A sigmoid end with categorical cross-entropy is refused with the reason. */
  g_assert_true (lab_graph_set_hparam_text (g, sm, "function", "sigmoid", &error));
  g_assert_null (lab_network_new (g, 1, LAB_LOSS_CROSS_ENTROPY, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
  g_assert_nonnull (strstr (error->message, "“sm”"));
}

/* The arena matches the graph's counts; BatchNorm behaves differently in the two modes. */
static void
test_arena_and_modes (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LabNetwork) net = NULL;
  LabGraphTotals totals;
  guint in = lab_test_add_node (g, "Input", "in", "shape=6");
  guint fc = lab_test_add_node (g, "Dense", "fc", "units=5");
  guint bn = lab_test_add_node (g, "BatchNorm", "bn", NULL);
  guint out = lab_test_add_node (g, "Dense", "out", "units=2");
  LabInit init = { LAB_INIT_HE_NORMAL, 0 };
  float x[4 * 6];
  g_autofree float *train_out = NULL;
  LabRng rng;

  link (g, in, fc);
  link (g, fc, bn);
  link (g, bn, out);
  lab_graph_set_frozen (g, out, TRUE);
  g_assert_true (lab_graph_validate (g, &error));
  lab_graph_get_totals (g, &totals);
  net = lab_network_new (g, 4, LAB_LOSS_MSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (net->n_trainable, ==, totals.trainable);
  g_assert_cmpuint (net->n_params - net->n_trainable, ==, totals.frozen);
  g_assert_cmpuint (net->n_state, ==, totals.state);
  g_assert_cmpuint (totals.trainable, ==, 6 * 5 + 5 + 2 * 5);
  g_assert_cmpuint (totals.frozen, ==, 5 * 2 + 2);
  g_assert_cmpuint (totals.state, ==, 2 * 5);

  lab_network_init_params (net, &init, 1);
  lab_rng_init (&rng, 2);
  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    x[i] = 3.0f + lab_rng_normal (&rng);
  train_out = g_memdup2 (lab_network_forward (net, x, 4, TRUE), 8 * sizeof (float));
  /* Running statistics moved from (0, 1) toward the batch's, so inference differs. */
  g_assert_cmpfloat (fabsf (net->state[0]), >, 0.0f);
  g_assert_true (memcmp (train_out, lab_network_forward (net, x, 4, FALSE), 8 * sizeof (float)) != 0);
}

/* lab_network_compute_grads () skips clearing buffers that their first writer overwrites, and
 * a Flatten with a single consumer shares its input's buffers: the gradients must be exactly
 * those of zero_grad + backward even when every buffer starts out holding garbage. The graph
 * mixes overwriting layers (Conv2D, ReLU, Dense), one that accumulates (MaxPool2D), a shared
 * Flatten, a Flatten that cannot share (its input fans out) and a fan-out into Add. */
static void
test_fresh_gradients (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LabNetwork) net = NULL;
  guint in = lab_test_add_node (g, "Input", "in", "shape=2×6×6");
  guint conv = lab_test_add_node (g, "Conv2D", "conv", "filters=3 kernel_size=3 padding=same");
  guint relu = lab_test_add_node (g, "Activation", "relu", "function=relu");
  guint pool = lab_test_add_node (g, "MaxPool2D", "pool", NULL);
  guint flat = lab_test_add_node (g, "Flatten", "flat", NULL);
  guint fc1 = lab_test_add_node (g, "Dense", "fc1", "units=6");
  guint act = lab_test_add_node (g, "Activation", "act", "function=tanh");
  guint fc2 = lab_test_add_node (g, "Dense", "fc2", "units=6");
  guint sum = lab_test_add_node (g, "Add", "sum", NULL);
  guint flat2 = lab_test_add_node (g, "Flatten", "flat2", NULL);
  guint sum2 = lab_test_add_node (g, "Add", "sum2", NULL);
  guint out = lab_test_add_node (g, "Dense", "out", "units=3");
  LabInit init = { LAB_INIT_TORCH_DEFAULT, 0 };
  LabLoss loss = { .kind = LAB_LOSS_CROSS_ENTROPY };
  enum { N = 5 };
  float x[N * 72], y[N], dlogits[N * 3];
  g_autofree float *want = NULL;
  LabRng rng;

  link (g, in, conv);
  link (g, conv, relu);
  link (g, relu, pool);
  link (g, pool, flat);
  link (g, flat, fc1);
  link (g, fc1, act);
  link (g, act, fc2);
  link (g, fc2, sum);
  link (g, act, sum);      /* act fans out to fc2 and sum */
  link (g, sum, flat2);
  link (g, flat2, sum2);
  link (g, sum, sum2);     /* flat2 is not the only consumer of sum: it keeps its own buffers */
  link (g, sum2, out);
  net = lab_network_new (g, N, LAB_LOSS_CROSS_ENTROPY, &error);
  g_assert_no_error (error);
  g_assert_true (lab_network_find_step (net, "flat")->shares_input);
  g_assert_true (lab_network_find_step (net, "flat")->out == lab_network_find_step (net, "pool")->out);
  g_assert_false (lab_network_find_step (net, "flat2")->shares_input);

  lab_network_init_params (net, &init, 3);
  lab_rng_init (&rng, 4);
  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    x[i] = lab_rng_normal (&rng);
  for (guint i = 0; i < N; i++)
    y[i] = (float) lab_rng_below (&rng, 3);
  lab_loss_compute (&loss, lab_network_forward (net, x, N, TRUE), y, 1, dlogits, N, 3);
  lab_network_zero_grad (net);
  lab_network_backward (net, dlogits, N);
  want = g_memdup2 (net->grads, net->n_params * sizeof (float));

  for (gsize i = 0; i < net->n_params; i++)
    net->grads[i] = NAN;
  for (guint s = 0; s < net->n_steps; s++)
    for (gsize i = 0; i < N * net->steps[s].out_size; i++)
      net->steps[s].dout[i] = s == 0 ? 0.0f : NAN;   /* the Input's dout is never read */
  lab_network_compute_grads (net, dlogits, N);
  g_assert_cmpmem (net->grads, net->n_params * sizeof (float), want, net->n_params * sizeof (float));

  /* And backward still accumulates: a second pass doubles (to rounding, since GEMM adds its
   * partial sums onto the first pass's values block by block). */
  lab_network_backward (net, dlogits, N);
  for (gsize i = 0; i < net->n_params; i++)
    g_assert_cmpfloat (fabs (net->grads[i] - 2 * want[i]), <=, 1e-5 * MAX (1.0, fabs (2 * want[i])));
}

/* Under the PyTorch default the biases are drawn too, U(±1/√fan_in) with the weight's fan-in;
 * every other initializer leaves them at zero. */
static void
test_torch_default_biases (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LabNetwork) net = NULL;
  guint in = lab_test_add_node (g, "Input", "in", "shape=1×5×5");
  guint conv = lab_test_add_node (g, "Conv2D", "conv", "filters=40 kernel_size=3");
  guint flat = lab_test_add_node (g, "Flatten", "flat", NULL);
  guint fc = lab_test_add_node (g, "Dense", "fc", "units=400");
  LabInit init = { LAB_INIT_TORCH_DEFAULT, 0 };
  const struct { const char *name; gsize n_weights, n_bias; double fan_in; } layers[] = {
    { "conv", 40 * 9, 40, 9 },
    { "fc", 400 * 360, 400, 360 },
  };

  link (g, in, conv);
  link (g, conv, flat);
  link (g, flat, fc);
  net = lab_network_new (g, 1, LAB_LOSS_MSE, &error);
  g_assert_no_error (error);

  for (int pass = 0; pass < 2; pass++)
    {
      init.kind = pass == 0 ? LAB_INIT_TORCH_DEFAULT : LAB_INIT_HE_UNIFORM;
      lab_network_init_params (net, &init, 11);
      for (guint l = 0; l < G_N_ELEMENTS (layers); l++)
        {
          LabStep *step = lab_network_find_step (net, layers[l].name);
          const float *w = net->params + step->param_offset;
          const float *b = w + layers[l].n_weights;
          double limit = 1.0 / sqrt (layers[l].fan_in), max_w = 0, max_b = 0;

          g_assert_cmpuint (step->param_size, ==, layers[l].n_weights + layers[l].n_bias);
          for (gsize i = 0; i < layers[l].n_weights; i++)
            max_w = MAX (max_w, fabs (w[i]));
          for (gsize i = 0; i < layers[l].n_bias; i++)
            max_b = MAX (max_b, fabs (b[i]));
          if (pass == 0)
            {
              g_assert_cmpfloat (max_w, <=, limit * (1 + 1e-6));
              g_assert_cmpfloat (max_w, >, 0.95 * limit);
              g_assert_cmpfloat (max_b, <=, limit * (1 + 1e-6));
              /* 40 draws all below 0.75·limit: 0.75⁴⁰ ≈ 10⁻⁵ */
              g_assert_cmpfloat (max_b, >, 0.75 * limit);
            }
          else
            {
              g_assert_cmpfloat (max_w, >, 1.5 * limit);   /* He's limit is √6 times larger */
              g_assert_cmpfloat (max_b, ==, 0.0);
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/network/gradcheck/residual-fan-out", test_residual_fan_out);
  g_test_add_func ("/core/network/gradcheck/inception-like", test_inception_like);
  g_test_add_func ("/core/network/gradcheck/strided-regression", test_strided_regression);
  g_test_add_func ("/core/network/fused-softmax-output", test_fused_softmax_output);
  g_test_add_func ("/core/network/arena-and-modes", test_arena_and_modes);
  g_test_add_func ("/core/network/fresh-gradients", test_fresh_gradients);
  g_test_add_func ("/core/network/relu-pool-fold", test_relu_pool_fold);
  g_test_add_func ("/core/network/torch-default-biases", test_torch_default_biases);
  return g_test_run ();
}

/* test-layers-elementwise.c: dropout, normalization and merge layers
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gradients are checked against central differences (gradcheck-util.h); values against the
 * oracles of docs/concepts.md §19c and the PyTorch conventions the layers follow.
 */
#define G_LOG_DOMAIN "test-layers-elementwise"

#include <math.h>
#include <string.h>

#include "gradcheck-util.h"
#include "layer-fixture.h"

static void
test_dropout_backward (void)
{
  for (guint training = 0; training <= 1; training++)
    {
      GradcheckCase c = {
        .type = &lab_layer_dropout, .n_inputs = 1, .in_shape = { lab_shape_make (3, 2, 3, 3) },
        .batch = 2, .training = training, .seed = 5,
      };

      g_assert_cmpfloat (gradcheck_layer (&c), <, 2e-3);
    }
}

static void
test_dropout_statistics (void)
{
  const float p = 0.3f;
  LabShape shape = lab_shape_flat (100);
  Fixture f;
  gsize n = 1000 * 100, zeros = 0;
  double diff = 0.0, var = 0.0, sd;

  fixture_init (&f, &lab_layer_dropout);
  set_hp (f.hp, &lab_layer_dropout, "rate", p);
  fixture_compile (&f, 1, &shape, 1000, FALSE);
  fixture_random_input (&f, 9);

  /* Inference: the identity. */
  f.type->forward (&f.run);
  g_assert_cmpmem (f.run.out, n * sizeof (float), f.run.inp[0], n * sizeof (float));

  /* Training: each output is x/(1 − p) with probability 1 − p, else 0, so E[out − x] = 0 with
   * Var = x²·p/(1 − p). The mean difference over n values has standard deviation
   * sd = √(Σ x²·p/(1 − p)) / n (≈ 0.004 here); 5·sd bounds it with probability 1 − 6e-7 for any
   * seed. The count of zeros is binomial: n·p ± 5·√(n·p(1 − p)). */
  f.run.training = TRUE;
  f.type->forward (&f.run);
  for (gsize i = 0; i < n; i++)
    {
      float x = f.run.inp[0][i];

      if (f.run.out[i] == 0.0f)
        zeros++;
      else
        g_assert_cmpfloat_with_epsilon (f.run.out[i], x / (1.0f - p), 1e-5 * fabsf (x));
      diff += f.run.out[i] - x;
      var += (double) x * x * p / (1.0 - p);
    }
  sd = sqrt (var) / n;
  g_test_message ("mean(out − inp) = %.3g, sd %.3g; zeros %zu of %zu", diff / n, sd, zeros, n);
  g_assert_cmpfloat (fabs (diff / n), <, 5 * sd);
  g_assert_cmpfloat (fabs ((double) zeros - n * p), <, 5 * sqrt (n * p * (1 - p)));
  fixture_clear (&f);
}

static void
test_batchnorm_backward (void)
{
  const LabShape flat = lab_shape_flat (3), image = lab_shape_make (3, 2, 2, 3);

  for (guint training = 0; training <= 1; training++)
    {
      /* Batch 4 for flat inputs: with 2 values per channel x̂ is always ±1 and the check weak. */
      GradcheckCase c1 = { .type = &lab_layer_batchnorm, .n_inputs = 1, .in_shape = { flat },
                           .batch = 4, .training = training, .seed = 11 };
      GradcheckCase c2 = { .type = &lab_layer_batchnorm, .n_inputs = 1, .in_shape = { image },
                           .batch = 2, .training = training, .seed = 12 };

      g_assert_cmpfloat (gradcheck_layer (&c1), <, 2e-3);
      g_assert_cmpfloat (gradcheck_layer (&c2), <, 2e-3);
    }
}

static void
test_batchnorm_training (void)
{
  const LabShape shapes[2] = { lab_shape_flat (3), lab_shape_make (3, 3, 2, 3) };
  const float gamma[3] = { 1.0f, 2.0f, 0.5f }, beta[3] = { 0.1f, -1.0f, 3.0f };
  const guint N = 8;

  for (guint t = 0; t < G_N_ELEMENTS (shapes); t++)
    {
      Fixture f;
      gsize S;

      fixture_init (&f, &lab_layer_batchnorm);
      fixture_compile (&f, 1, &shapes[t], N, TRUE);
      S = f.in_size[0] / 3;
      fixture_random_input (&f, 13 + t);
      for (gsize i = 0; i < N * f.in_size[0]; i++)
        ((float *) f.run.inp[0])[i] += 4.0f;   /* a mean far from 0 */
      memcpy (f.run.params, gamma, sizeof gamma);
      memcpy (f.run.params + 3, beta, sizeof beta);
      f.type->forward (&f.run);

      for (gsize c = 0; c < 3; c++)
        {
          double sx = 0, sxx = 0, sy = 0, syy = 0, M = N * S, m, unbiased;

          for (gsize n = 0; n < N; n++)
            for (gsize s = 0; s < S; s++)
              {
                double x = f.run.inp[0][(n * 3 + c) * S + s];
                double y = f.run.out[(n * 3 + c) * S + s];

                sx += x, sxx += x * x, sy += y, syy += y * y;
              }
          m = sx / M;
          unbiased = (sxx - M * m * m) / (M - 1);
          /* R5: the batch mean of the output is β and its (biased) std is γ; eps = 1e-5 against
           * a variance of about 4 shrinks the std by about 1e-6. */
          g_assert_cmpfloat_with_epsilon (sy / M, beta[c], 1e-5);
          g_assert_cmpfloat_with_epsilon (sqrt (syy / M - (sy / M) * (sy / M)), gamma[c], 1e-4);
          /* PyTorch: running = 0.9·running + 0.1·batch, with the unbiased variance. */
          g_assert_cmpfloat_with_epsilon (f.run.state[c], 0.9 * 0.0 + 0.1 * m, 1e-5);
          g_assert_cmpfloat_with_epsilon (f.run.state[3 + c], 0.9 * 1.0 + 0.1 * unbiased, 1e-4);
        }
      fixture_clear (&f);
    }
}

static void
test_batchnorm_inference (void)
{
  LabShape shape = lab_shape_make (3, 2, 1, 3);
  Fixture f, one;
  const float state[4] = { 0.5f, -1.0f, 4.0f, 0.25f };

  fixture_init (&f, &lab_layer_batchnorm);
  fixture_compile (&f, 1, &shape, 4, FALSE);
  fixture_random_input (&f, 17);
  memcpy (f.run.state, state, sizeof state);
  memcpy (f.run.params, (float[]) { 1.5f, -0.5f, 0.2f, 0.3f }, 4 * sizeof (float));
  f.type->forward (&f.run);

  /* Normalized with the running statistics, which stay unchanged. */
  for (gsize n = 0; n < 4; n++)
    for (gsize c = 0; c < 2; c++)
      for (gsize s = 0; s < 3; s++)
        {
          gsize i = (n * 2 + c) * 3 + s;
          double want = f.run.params[c] * (f.run.inp[0][i] - state[c]) / sqrt (state[2 + c] + 1e-5)
                        + f.run.params[2 + c];

          g_assert_cmpfloat_with_epsilon (f.run.out[i], want, 1e-5);
        }
  g_assert_cmpmem (f.run.state, sizeof state, state, sizeof state);

  /* Each sample is mapped on its own: batch 1 gives the same output. */
  fixture_init (&one, &lab_layer_batchnorm);
  fixture_compile (&one, 1, &shape, 1, FALSE);
  memcpy (one.run.state, state, sizeof state);
  memcpy (one.run.params, f.run.params, 4 * sizeof (float));
  memcpy ((float *) one.run.inp[0], f.run.inp[0] + 2 * 6, 6 * sizeof (float));
  one.type->forward (&one.run);
  g_assert_cmpmem (one.run.out, 6 * sizeof (float), f.run.out + 2 * 6, 6 * sizeof (float));
  fixture_clear (&one);
  fixture_clear (&f);
}

static void
test_batchnorm_batch_of_one (void)
{
  LabShape shape = lab_shape_flat (4);
  Fixture f;

  fixture_init (&f, &lab_layer_batchnorm);
  fixture_compile (&f, 1, &shape, 1, TRUE);
  fixture_random_input (&f, 19);
  for (guint c = 0; c < 4; c++)
    f.run.params[4 + c] = 0.5f * c;
  for (guint c = 0; c < 4; c++)
    ((float *) f.run.dout)[c] = 1.0f;
  f.type->forward (&f.run);
  f.type->backward (&f.run);

  /* Variance 0: the output is β, the input gradient 0, the running variance untouched. */
  for (guint c = 0; c < 4; c++)
    {
      g_assert_cmpfloat (f.run.out[c], ==, 0.5f * c);
      g_assert_cmpfloat (f.run.dinp[0][c], ==, 0.0f);
      g_assert_true (isfinite (f.run.dparams[c]));
      g_assert_cmpfloat_with_epsilon (f.run.state[c], 0.1 * f.run.inp[0][c], 1e-6);
      g_assert_cmpfloat (f.run.state[4 + c], ==, 1.0f);
    }
  fixture_clear (&f);
}

static void
test_batchnorm_params (void)
{
  LabParamDesc descs[LAB_MAX_PARAMS];
  LabHValue hp[2];
  LabLayerInfo info = { .name = "bn", .hp = hp, .n_inputs = 1 };
  guint n;

  lab_hparams_defaults (lab_layer_batchnorm.hparams, lab_layer_batchnorm.n_hparams, hp);
  info.in_shape[0] = lab_shape_make (3, 16, 5, 5);
  n = lab_layer_batchnorm.params (&info, descs);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (lab_param_descs_size (descs, n), ==, 2 * 16);
  g_assert_cmpstr (descs[0].name, ==, "gamma");
  g_assert_cmpint (descs[0].fill, ==, LAB_FILL_ONES);
  g_assert_cmpstr (descs[1].name, ==, "beta");
  g_assert_cmpint (descs[1].fill, ==, LAB_FILL_ZEROS);
  n = lab_layer_batchnorm.state (&info, descs);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (lab_param_descs_size (descs, n), ==, 2 * 16);
  g_assert_cmpstr (descs[0].name, ==, "running_mean");
  g_assert_cmpint (descs[0].fill, ==, LAB_FILL_ZEROS);
  g_assert_cmpstr (descs[1].name, ==, "running_var");
  g_assert_cmpint (descs[1].fill, ==, LAB_FILL_ONES);

  info.in_shape[0] = lab_shape_flat (7);
  g_assert_cmpuint (lab_param_descs_size (descs, lab_layer_batchnorm.params (&info, descs)), ==, 14);
  g_assert_cmpuint (lab_param_descs_size (descs, lab_layer_batchnorm.state (&info, descs)), ==, 14);
}

static void
test_layernorm_backward (void)
{
  GradcheckCase c1 = { .type = &lab_layer_layernorm, .n_inputs = 1,
                       .in_shape = { lab_shape_flat (5) }, .batch = 2, .training = TRUE, .seed = 21 };
  GradcheckCase c2 = { .type = &lab_layer_layernorm, .n_inputs = 1,
                       .in_shape = { lab_shape_make (3, 2, 2, 2) }, .batch = 2, .seed = 22 };

  g_assert_cmpfloat (gradcheck_layer (&c1), <, 2e-3);
  g_assert_cmpfloat (gradcheck_layer (&c2), <, 2e-3);
}

static void
test_layernorm_batch_independent (void)
{
  LabShape shape = lab_shape_make (3, 2, 3, 2);
  LabParamDesc descs[LAB_MAX_PARAMS];
  Fixture f, one;

  fixture_init (&f, &lab_layer_layernorm);
  fixture_compile (&f, 1, &shape, 5, TRUE);
  g_assert_cmpuint (lab_layer_layernorm.params (&f.info, descs), ==, 2);
  g_assert_true (lab_shape_equal (&descs[0].shape, &shape));
  g_assert_true (lab_shape_equal (&descs[1].shape, &shape));
  fixture_random_input (&f, 23);
  f.type->forward (&f.run);

  for (gsize n = 0; n < 5; n++)
    {
      double sy = 0, syy = 0;

      /* R6: statistics per example; batch 1 gives the same output. */
      fixture_init (&one, &lab_layer_layernorm);
      fixture_compile (&one, 1, &shape, 1, TRUE);
      memcpy ((float *) one.run.inp[0], f.run.inp[0] + n * 12, 12 * sizeof (float));
      one.type->forward (&one.run);
      for (gsize i = 0; i < 12; i++)
        {
          g_assert_cmpfloat_with_epsilon (one.run.out[i], f.run.out[n * 12 + i], 1e-6);
          sy += one.run.out[i];
          syy += one.run.out[i] * one.run.out[i];
        }
      g_assert_cmpfloat_with_epsilon (sy / 12, 0.0, 1e-6);
      g_assert_cmpfloat_with_epsilon (sqrt (syy / 12), 1.0, 1e-4);
      fixture_clear (&one);
    }
  fixture_clear (&f);
}

static void
test_add (void)
{
  const LabShape flat = lab_shape_flat (4), image = lab_shape_make (3, 2, 2, 3);
  GradcheckCase c2 = { .type = &lab_layer_add, .n_inputs = 2, .in_shape = { flat, flat },
                       .batch = 2, .seed = 31 };
  GradcheckCase c3 = { .type = &lab_layer_add, .n_inputs = 3, .in_shape = { image, image, image },
                       .batch = 2, .seed = 32 };
  LabShape three[3] = { image, image, image };
  Fixture f;

  g_assert_cmpfloat (gradcheck_layer (&c2), <, 2e-3);
  g_assert_cmpfloat (gradcheck_layer (&c3), <, 2e-3);

  fixture_init (&f, &lab_layer_add);
  fixture_compile (&f, 3, three, 2, TRUE);
  fixture_random_input (&f, 33);
  f.type->forward (&f.run);
  g_assert_true (lab_shape_equal (&f.info.out_shape, &image));
  for (gsize i = 0; i < 24; i++)
    g_assert_cmpfloat (f.run.out[i], ==, f.run.inp[0][i] + f.run.inp[1][i] + f.run.inp[2][i]);
  fixture_clear (&f);
}

static void
test_concatenate (void)
{
  GradcheckCase flat = { .type = &lab_layer_concatenate, .n_inputs = 2,
                         .in_shape = { lab_shape_flat (3), lab_shape_flat (5) }, .batch = 2, .seed = 41 };
  LabShape images[3] = { lab_shape_make (3, 2, 3, 3), lab_shape_make (3, 1, 3, 3),
                         lab_shape_make (3, 3, 3, 3) };
  GradcheckCase image = { .type = &lab_layer_concatenate, .n_inputs = 3,
                          .in_shape = { images[0], images[1], images[2] }, .batch = 2, .seed = 42 };
  LabShape want = lab_shape_make (3, 6, 3, 3);
  Fixture f;

  g_assert_cmpfloat (gradcheck_layer (&flat), <, 2e-3);
  g_assert_cmpfloat (gradcheck_layer (&image), <, 2e-3);

  /* Sample n of the output is the channels of input 0, then 1, then 2 (torch.cat (dim=1)). */
  fixture_init (&f, &lab_layer_concatenate);
  fixture_compile (&f, 3, images, 2, TRUE);
  g_assert_true (lab_shape_equal (&f.info.out_shape, &want));
  fixture_random_input (&f, 43);
  f.type->forward (&f.run);
  for (gsize n = 0; n < 2; n++)
    {
      const float *y = f.run.out + n * 54;

      g_assert_cmpmem (y, 18 * sizeof (float), f.run.inp[0] + n * 18, 18 * sizeof (float));
      g_assert_cmpmem (y + 18, 9 * sizeof (float), f.run.inp[1] + n * 9, 9 * sizeof (float));
      g_assert_cmpmem (y + 27, 27 * sizeof (float), f.run.inp[2] + n * 27, 27 * sizeof (float));
    }
  fixture_clear (&f);
}

/* Shape inference of two inputs must fail with code, and the message contain every piece. */
static void
check_merge_error (const LabLayerType *type,
                   LabShape            a,
                   LabShape            b,
                   int                 code,
                   const char * const *pieces)
{
  LabLayerInfo info = { .name = "merge7", .n_inputs = 2, .in_shape = { a, b } };
  g_autoptr(GError) error = NULL;

  g_assert_false (type->infer_shape (&info, &error));
  g_assert_error (error, LAB_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "merge7"));
  for (guint i = 0; pieces[i] != NULL; i++)
    g_assert_nonnull (strstr (error->message, pieces[i]));
}

static void
test_merge_errors (void)
{
  const LabLayerType *add = &lab_layer_add, *cat = &lab_layer_concatenate;
  LabLayerInfo info = { .name = "merge7", .n_inputs = 1, .in_shape = { lab_shape_flat (4) } };
  g_autoptr(GError) error = NULL;

  check_merge_error (add, lab_shape_flat (4), lab_shape_flat (5), LAB_ERROR_SHAPE_MISMATCH,
                     (const char *[]) { "4", "5", "Dense", NULL });
  check_merge_error (add, lab_shape_make (3, 16, 8, 8), lab_shape_make (3, 32, 8, 8),
                     LAB_ERROR_SHAPE_MISMATCH, (const char *[]) { "16×8×8", "32×8×8", "1×1 Conv2D", NULL });
  check_merge_error (add, lab_shape_flat (784), lab_shape_make (3, 1, 28, 28),
                     LAB_ERROR_SHAPE_MISMATCH, (const char *[]) { "784", "1×28×28", "Flatten", NULL });
  check_merge_error (cat, lab_shape_flat (10), lab_shape_make (3, 2, 4, 4),
                     LAB_ERROR_SHAPE_MISMATCH, (const char *[]) { "10", "2×4×4", "Flatten", NULL });
  check_merge_error (cat, lab_shape_make (3, 8, 4, 4), lab_shape_make (3, 8, 2, 2),
                     LAB_ERROR_SHAPE_MISMATCH, (const char *[]) { "8×4×4", "8×2×2", "height and width", NULL });

  g_assert_false (add->infer_shape (&info, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
  g_clear_error (&error);
  g_assert_false (cat->infer_shape (&info, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
}

static void
test_metadata (void)
{
  const struct { const LabLayerType *type; const char *name, *category; guint lo, hi; } want[] = {
    { &lab_layer_activation, "Activation", "Activation", 1, 1 },
    { &lab_layer_dropout, "Dropout", "Regularization", 1, 1 },
    { &lab_layer_batchnorm, "BatchNorm", "Normalization", 1, 1 },
    { &lab_layer_layernorm, "LayerNorm", "Normalization", 1, 1 },
    { &lab_layer_add, "Add", "Merge", 2, LAB_MAX_INPUTS },
    { &lab_layer_concatenate, "Concatenate", "Merge", 2, LAB_MAX_INPUTS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      const LabLayerType *t = want[i].type;

      g_assert_cmpstr (t->name, ==, want[i].name);
      g_assert_cmpstr (t->category, ==, want[i].category);
      g_assert_cmpuint (t->min_inputs, ==, want[i].lo);
      g_assert_cmpuint (t->max_inputs, ==, want[i].hi);
      g_assert_true (t->label && *t->label && t->blurb && strlen (t->blurb) > 20);
      g_assert_true (t->infer_shape && t->flops && t->forward && t->backward);
      for (guint h = 0; h < t->n_hparams; h++)
        {
          const LabHParamSpec *s = &t->hparams[h];
          g_autoptr(GError) error = NULL;
          LabHValue def = { .v = s->def };

          g_assert_true (s->label && *s->label && s->blurb && strlen (s->blurb) > 40);
          g_assert_true (lab_hparam_check (s, &def, "node", &error));
        }
    }
  g_assert_cmpfloat (lab_layer_dropout.hparams[0].def, ==, 0.5);
  g_assert_cmpfloat (lab_layer_dropout.hparams[0].max, ==, 0.95);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/layer/dropout/backward", test_dropout_backward);
  g_test_add_func ("/core/layer/dropout/statistics", test_dropout_statistics);
  g_test_add_func ("/core/layer/batchnorm/backward", test_batchnorm_backward);
  g_test_add_func ("/core/layer/batchnorm/training", test_batchnorm_training);
  g_test_add_func ("/core/layer/batchnorm/inference", test_batchnorm_inference);
  g_test_add_func ("/core/layer/batchnorm/batch-of-one", test_batchnorm_batch_of_one);
  g_test_add_func ("/core/layer/batchnorm/params", test_batchnorm_params);
  g_test_add_func ("/core/layer/layernorm/backward", test_layernorm_backward);
  g_test_add_func ("/core/layer/layernorm/batch-independent", test_layernorm_batch_independent);
  g_test_add_func ("/core/layer/add", test_add);
  g_test_add_func ("/core/layer/concatenate", test_concatenate);
  g_test_add_func ("/core/layer/merge/errors", test_merge_errors);
  g_test_add_func ("/core/layer/metadata", test_metadata);

  return g_test_run ();
}

/* test-optimizers.c: optimizers, clipping and penalties against hand-computed steps
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lab-core.h"
#include "lab-optimizer-private.h"

static LabOptimizer *
make (LabOptimizerKind kind,
      float            lr,
      gsize            n)
{
  LabOptimizerConfig config;
  g_autoptr(GError) error = NULL;
  LabOptimizer *opt;

  lab_optimizer_config_defaults (&config, kind);
  config.lr = lr;
  opt = lab_optimizer_new (&config, n, &error);
  g_assert_no_error (error);
  return opt;
}

static LabOptimizer *
make_config (const LabOptimizerConfig *config,
             gsize                     n)
{
  g_autoptr(GError) error = NULL;
  LabOptimizer *opt = lab_optimizer_new (config, n, &error);

  g_assert_no_error (error);
  return opt;
}

/* One step with a given gradient (copied, since the step clips it in place). */
static void
step1 (LabOptimizer *opt,
       float        *w,
       float         g,
       float         lr)
{
  lab_optimizer_step (opt, w, &g, lr);
}

/* concepts O4: f(x) = (x − 2)² + 1 from x₀ = 5 with η = 0.1; f′ = 2(x − 2), so plain SGD maps
 * x − 2 to (1 − 2η)(x − 2) = 0.8 (x − 2) at every step, and x → 2, f → 1. */
static void
test_sgd_quadratic (void)
{
  LabOptimizerConfig config;
  LabOptimizer *opt;
  float x = 5.0f;

  lab_optimizer_config_defaults (&config, LAB_OPTIMIZER_SGD);
  config.lr = 0.1f;
  config.momentum = 0.0f;
  opt = make_config (&config, 1);
  g_assert_cmpuint (lab_optimizer_n_buffers (opt), ==, 0);

  for (guint t = 0; t < 100; t++)
    {
      float before = x - 2.0f;

      step1 (opt, &x, 2.0f * (x - 2.0f), 0.1f);
      if (t < 20)
        g_assert_cmpfloat_with_epsilon ((x - 2.0f) / before, 0.8, 1e-5);
    }
  g_assert_cmpfloat_with_epsilon (x, 2.0, 1e-6);
  g_assert_cmpfloat_with_epsilon ((x - 2.0) * (x - 2.0) + 1.0, 1.0, 1e-9);
  g_assert_cmpuint (lab_optimizer_get_step (opt), ==, 100);
  lab_optimizer_free (opt);
}

/* By hand, η = 0.1, μ = 0.9, w₀ = 1, gradients 0.5 then 0.25:
 *   momentum: b₁ = 0.5, w₁ = 1 − 0.05 = 0.95; b₂ = 0.45 + 0.25 = 0.7, w₂ = 0.95 − 0.07 = 0.88
 *   Nesterov: d₁ = 0.5 + 0.9·0.5 = 0.95, w₁ = 0.905; d₂ = 0.25 + 0.9·0.7 = 0.88, w₂ = 0.817 */
static void
test_sgd_momentum (void)
{
  LabOptimizerConfig config;
  LabOptimizer *opt;
  const char *name;
  float w = 1.0f;

  lab_optimizer_config_defaults (&config, LAB_OPTIMIZER_SGD);
  config.lr = 0.1f;
  opt = make_config (&config, 1);
  step1 (opt, &w, 0.5f, 0.1f);
  g_assert_cmpfloat_with_epsilon (w, 0.95, 1e-7);
  step1 (opt, &w, 0.25f, 0.1f);
  g_assert_cmpfloat_with_epsilon (w, 0.88, 1e-7);
  g_assert_cmpfloat_with_epsilon (*lab_optimizer_buffer (opt, 0, &name), 0.7, 1e-7);
  g_assert_cmpstr (name, ==, "momentum");
  lab_optimizer_free (opt);

  config.nesterov = TRUE;
  opt = make_config (&config, 1);
  w = 1.0f;
  step1 (opt, &w, 0.5f, 0.1f);
  g_assert_cmpfloat_with_epsilon (w, 0.905, 1e-7);
  step1 (opt, &w, 0.25f, 0.1f);
  g_assert_cmpfloat_with_epsilon (w, 0.817, 1e-7);
  lab_optimizer_free (opt);
}

/* Textbook Adam (Kingma & Ba) in double: m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), w −= η·m̂/(√v̂ + ε).
 * torch's η/(1−β₁ᵗ)·m/(√v/√(1−β₂ᵗ) + ε) is the same number up to float rounding.
 * With w₀ = 1, g = 0.5, −0.25 and the defaults: step 1 moves by η·0.5/(0.5 + ε) ≈ η, so
 * w₁ ≈ 0.999; step 2 has m̂ = 0.02/0.19, v̂ = 0.00031225/0.001999, w₂ ≈ 0.998733663. */
static void
test_adam_two_steps (void)
{
  const double grads[2] = { 0.5, -0.25 };
  const double lr = 0.001, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  double m = 0, v = 0, vmax = 0, wd = 1.0, wa = 1.0;
  LabOptimizer *adam = make (LAB_OPTIMIZER_ADAM, 0.001f, 1);
  LabOptimizer *ams = make (LAB_OPTIMIZER_AMSGRAD, 0.001f, 1);
  float w = 1.0f;
  float w_ams = 1.0f;

  for (guint t = 1; t <= 2; t++)
    {
      double g = grads[t - 1];

      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      vmax = MAX (vmax, v);
      wd -= lr * (m / (1 - pow (b1, t))) / (sqrt (v / (1 - pow (b2, t))) + eps);
      wa -= lr * (m / (1 - pow (b1, t))) / (sqrt (vmax / (1 - pow (b2, t))) + eps);
      step1 (adam, &w, (float) g, 0.001f);
      step1 (ams, &w_ams, (float) g, 0.001f);
      g_assert_cmpfloat_with_epsilon (w, wd, 2e-7);
      g_assert_cmpfloat_with_epsilon (w_ams, wa, 2e-7);
    }
  g_assert_cmpfloat_with_epsilon (w, 0.998733663, 2e-7);
  lab_optimizer_free (adam);
  lab_optimizer_free (ams);
}

/* AMSGrad keeps dividing by the largest v seen: after g = 1, 0 the second step uses v₁. */
static void
test_amsgrad_max (void)
{
  LabOptimizer *ams = make (LAB_OPTIMIZER_AMSGRAD, 0.001f, 1);
  const char *names[3];
  float w = 0.0f;

  step1 (ams, &w, 1.0f, 0.001f);
  step1 (ams, &w, 0.0f, 0.001f);
  for (guint i = 0; i < 3; i++)
    lab_optimizer_buffer (ams, i, &names[i]);
  g_assert_cmpstr (names[0], ==, "m");
  g_assert_cmpstr (names[1], ==, "v");
  g_assert_cmpstr (names[2], ==, "vmax");
  /* v₁ = 0.001, v₂ = 0.000999 < v₁, so vmax stays at v₁ */
  g_assert_cmpfloat_with_epsilon (lab_optimizer_buffer (ams, 1, NULL)[0], 0.000999, 1e-10);
  g_assert_cmpfloat_with_epsilon (lab_optimizer_buffer (ams, 2, NULL)[0], 0.001, 1e-10);
  lab_optimizer_free (ams);
}

/* AdamW's decay does not go through the moments: with g = 0 Adam stands still while AdamW
 * shrinks w by exactly (1 − η·λ) per step; with any g, AdamW = Adam's step from the decayed w. */
static void
test_adamw_decoupled (void)
{
  LabOptimizer *adam = make (LAB_OPTIMIZER_ADAM, 0.01f, 2);
  LabOptimizer *adamw = make (LAB_OPTIMIZER_ADAMW, 0.01f, 2);
  float wa[2] = { 2.0f, -3.0f };
  float ww[2] = { 2.0f, -3.0f };
  float expect[2] = { 2.0f, -3.0f };

  g_assert_cmpfloat (lab_optimizer_get_config (adamw)->weight_decay, ==, 0.01f);
  for (guint t = 0; t < 5; t++)
    {
      float ga[2] = { 0, 0 };
      float gw[2] = { 0, 0 };

      lab_optimizer_step (adam, wa, ga, 0.01f);
      lab_optimizer_step (adamw, ww, gw, 0.01f);
      for (guint i = 0; i < 2; i++)
        expect[i] *= (float) (1.0 - 0.01 * 0.01);
    }
  g_assert_cmpfloat (wa[0], ==, 2.0f);
  g_assert_cmpfloat (wa[1], ==, -3.0f);
  g_assert_cmpfloat_with_epsilon (ww[0], expect[0], 1e-6);
  g_assert_cmpfloat_with_epsilon (ww[1], expect[1], 1e-6);
  lab_optimizer_free (adam);
  lab_optimizer_free (adamw);

  /* Gradient 0.5 on both: the Adam part moves each by the same Δ ≈ −η; AdamW also takes η·λ·w */
  adam = make (LAB_OPTIMIZER_ADAM, 0.01f, 2);
  adamw = make (LAB_OPTIMIZER_ADAMW, 0.01f, 2);
  {
    float w0[2] = { 2.0f, -3.0f };
    float a[2] = { 2.0f, -3.0f };
    float b[2] = { 2.0f, -3.0f };
    float ga[2] = { 0.5f, 0.5f };
    float gw[2] = { 0.5f, 0.5f };

    lab_optimizer_step (adam, a, ga, 0.01f);
    lab_optimizer_step (adamw, b, gw, 0.01f);
    for (guint i = 0; i < 2; i++)
      g_assert_cmpfloat_with_epsilon (b[i] - a[i], -0.01 * 0.01 * w0[i], 1e-6);
  }
  lab_optimizer_free (adam);
  lab_optimizer_free (adamw);
}

/* Adagrad: s₁ = 4, w₁ = w₀ − η·2/2; s₂ = 5, w₂ = w₁ − η·1/√5 (ε = 1e-10 is below float noise).
 * RMSProp (ρ = 0.9): v₁ = 0.1·g₁², w₁ = w₀ − η·g₁/√v₁ = w₀ − η·√10; v₂ = 0.09·4 + 0.1 = 0.46. */
static void
test_adagrad_rmsprop (void)
{
  LabOptimizer *ada = make (LAB_OPTIMIZER_ADAGRAD, 0.01f, 1);
  LabOptimizer *rms = make (LAB_OPTIMIZER_RMSPROP, 0.001f, 1);
  const char *name;
  float w = 1.0f;
  double expect;

  step1 (ada, &w, 2.0f, 0.01f);
  g_assert_cmpfloat_with_epsilon (w, 0.99, 1e-7);
  step1 (ada, &w, 1.0f, 0.01f);
  g_assert_cmpfloat_with_epsilon (w, 0.99 - 0.01 / sqrt (5.0), 1e-7);
  g_assert_cmpfloat (*lab_optimizer_buffer (ada, 0, &name), ==, 5.0f);
  g_assert_cmpstr (name, ==, "sum");

  w = 1.0f;
  step1 (rms, &w, 2.0f, 0.001f);
  expect = 1.0 - 0.001 * 2.0 / (sqrt (0.4) + 1e-8);
  g_assert_cmpfloat_with_epsilon (w, expect, 1e-7);
  step1 (rms, &w, 1.0f, 0.001f);
  expect -= 0.001 * 1.0 / (sqrt (0.46) + 1e-8);
  g_assert_cmpfloat_with_epsilon (w, expect, 1e-7);
  g_assert_cmpfloat_with_epsilon (*lab_optimizer_buffer (rms, 0, &name), 0.46, 1e-7);
  g_assert_cmpstr (name, ==, "v");
  lab_optimizer_free (ada);
  lab_optimizer_free (rms);
}

/* Plain SGD with η = 1 turns a step into w ← w − g, so w shows the processed gradient. */
static LabOptimizerConfig
unit_sgd (void)
{
  LabOptimizerConfig config;

  lab_optimizer_config_defaults (&config, LAB_OPTIMIZER_SGD);
  config.lr = 1.0f;
  config.momentum = 0.0f;
  return config;
}

static void
test_clipping (void)
{
  LabOptimizerConfig config = unit_sgd ();
  LabOptimizer *opt;
  float w[3], g[3];

  /* By value: each g into [−1, 1]; the norm reported is the one before clipping. */
  config.clip_value = 1.0f;
  opt = make_config (&config, 3);
  memset (w, 0, sizeof w);
  memcpy (g, (float[3]) { 3.0f, -4.0f, 0.5f }, sizeof g);
  lab_optimizer_step (opt, w, g, 1.0f);
  g_assert_cmpfloat (w[0], ==, -1.0f);
  g_assert_cmpfloat (w[1], ==, 1.0f);
  g_assert_cmpfloat (w[2], ==, -0.5f);
  g_assert_cmpfloat_with_epsilon (lab_optimizer_last_grad_norm (opt), sqrt (25.25), 1e-9);
  lab_optimizer_free (opt);

  /* By norm: (3, 4) has norm 5 and becomes (0.6, 0.8); (0.3, 0.4) is left alone. torch's
   * coefficient 1/(5 + 1e-6) is 2e-7 relative off 1/5. */
  config.clip_value = 0.0f;
  config.clip_norm = 1.0f;
  opt = make_config (&config, 2);
  memset (w, 0, sizeof w);
  memcpy (g, (float[2]) { 3.0f, 4.0f }, 2 * sizeof (float));
  lab_optimizer_step (opt, w, g, 1.0f);
  g_assert_cmpfloat_with_epsilon (w[0], -0.6, 1e-6);
  g_assert_cmpfloat_with_epsilon (w[1], -0.8, 1e-6);
  g_assert_cmpfloat_with_epsilon (lab_optimizer_last_grad_norm (opt), 5.0, 1e-9);
  memset (w, 0, sizeof w);
  memcpy (g, (float[2]) { 0.3f, 0.4f }, 2 * sizeof (float));
  lab_optimizer_step (opt, w, g, 1.0f);
  g_assert_cmpfloat (w[0], ==, -0.3f);
  g_assert_cmpfloat (w[1], ==, -0.4f);
  lab_optimizer_free (opt);

  /* Both, value first: (3, −4) → (3, −3.5), then scaled to norm 2 */
  config.clip_value = 3.5f;
  config.clip_norm = 2.0f;
  opt = make_config (&config, 2);
  memset (w, 0, sizeof w);
  memcpy (g, (float[2]) { 3.0f, -4.0f }, 2 * sizeof (float));
  lab_optimizer_step (opt, w, g, 1.0f);
  g_assert_cmpfloat_with_epsilon (w[0], -2.0 * 3.0 / hypot (3.0, 3.5), 1e-6);
  g_assert_cmpfloat_with_epsilon (w[1], 2.0 * 3.5 / hypot (3.0, 3.5), 1e-6);
  lab_optimizer_free (opt);
}

/* concepts R1/R2: loss += λ₂Σw² + λ₁Σ|w| has gradient 2λ₂w + λ₁·sign(w). */
static void
test_penalties (void)
{
  LabOptimizerConfig config = unit_sgd ();
  LabOptimizer *opt;
  float w[3] = { 1.0f, -2.0f, 0.0f };
  float g[3] = { 0 };

  config.l2 = 0.1f;
  opt = make_config (&config, 3);
  g_assert_cmpfloat_with_epsilon (lab_optimizer_penalty (opt, w), 0.1 * 5.0, 1e-7);
  lab_optimizer_step (opt, w, g, 1.0f);
  g_assert_cmpfloat_with_epsilon (w[0], 1.0 - 0.2, 1e-7);
  g_assert_cmpfloat_with_epsilon (w[1], -2.0 + 0.4, 1e-7);
  g_assert_cmpfloat (w[2], ==, 0.0f);
  lab_optimizer_free (opt);

  config.l2 = 0.0f;
  config.l1 = 0.1f;
  opt = make_config (&config, 3);
  w[0] = 1.0f, w[1] = -2.0f, w[2] = 0.0f;
  memset (g, 0, sizeof g);
  g_assert_cmpfloat_with_epsilon (lab_optimizer_penalty (opt, w), 0.1 * 3.0, 1e-7);
  lab_optimizer_step (opt, w, g, 1.0f);
  g_assert_cmpfloat_with_epsilon (w[0], 0.9, 1e-7);
  g_assert_cmpfloat_with_epsilon (w[1], -1.9, 1e-7);
  g_assert_cmpfloat (w[2], ==, 0.0f);   /* sign(0) = 0 */
  lab_optimizer_free (opt);

  /* Penalties come after clipping, so their gradient is never clipped: 2·1·10 = 20 ≫ 0.5 */
  config.l1 = 0.0f;
  config.l2 = 1.0f;
  config.clip_value = 0.5f;
  config.lr = 0.01f;
  opt = make_config (&config, 1);
  w[0] = 10.0f;
  g[0] = 3.0f;
  lab_optimizer_step (opt, w, g, 0.01f);
  g_assert_cmpfloat_with_epsilon (w[0], 10.0 - 0.01 * (0.5 + 20.0), 1e-6);
  lab_optimizer_free (opt);
}

/* Frozen tensors sit after n_trainable floats in the arena: no optimizer may touch them. */
static void
test_frozen_tail (void)
{
  enum { N_TOTAL = 37, N_TRAIN = 29 };

  for (guint k = 0; k < LAB_OPTIMIZER_N_KINDS; k++)
    {
      LabOptimizerConfig config;
      LabOptimizer *opt;
      float w[N_TOTAL], g[N_TOTAL], w0[N_TOTAL];
      LabRng rng;

      lab_optimizer_config_defaults (&config, k);
      config.l1 = 0.01f;
      config.l2 = 0.01f;
      config.clip_value = 0.5f;
      config.clip_norm = 1.0f;
      opt = make_config (&config, N_TRAIN);
      lab_rng_init (&rng, 7);
      for (guint i = 0; i < N_TOTAL; i++)
        w[i] = w0[i] = lab_rng_normal (&rng);
      for (guint t = 0; t < 3; t++)
        {
          for (guint i = 0; i < N_TOTAL; i++)
            g[i] = lab_rng_normal (&rng);
          lab_optimizer_step (opt, w, g, config.lr);
        }
      g_assert_cmpmem (w + N_TRAIN, sizeof (float) * (N_TOTAL - N_TRAIN),
                       w0 + N_TRAIN, sizeof (float) * (N_TOTAL - N_TRAIN));
      for (guint i = 0; i < N_TRAIN; i++)
        g_assert_cmpfloat (w[i], !=, w0[i]);
      lab_optimizer_free (opt);
    }
}

/* A checkpoint is the buffers plus the step counter: restored into a fresh optimizer, the next
 * step is the uninterrupted one bit for bit (Adam's bias correction depends on the step). */
static void
test_state_round_trip (void)
{
  enum { N = 19 };

  for (guint k = 0; k < LAB_OPTIMIZER_N_KINDS; k++)
    {
      LabOptimizerConfig config;
      LabOptimizer *a, *b;
      float wa[N], wb[N], ga[N], gb[N];
      LabRng rng;

      lab_optimizer_config_defaults (&config, k);
      config.nesterov = k == LAB_OPTIMIZER_SGD;
      a = make_config (&config, N);
      lab_rng_init (&rng, 11);
      for (guint i = 0; i < N; i++)
        wa[i] = lab_rng_normal (&rng);
      for (guint t = 0; t < 4; t++)
        {
          for (guint i = 0; i < N; i++)
            ga[i] = lab_rng_normal (&rng);
          lab_optimizer_step (a, wa, ga, config.lr);
        }

      b = make_config (&config, N);
      g_assert_cmpuint (lab_optimizer_n_buffers (a), ==, lab_optimizer_n_buffers (b));
      g_assert_cmpuint (lab_optimizer_n_buffers (a), >, 0);
      for (guint i = 0; i < lab_optimizer_n_buffers (a); i++)
        {
          const char *na, *nb;
          float *src = lab_optimizer_buffer (a, i, &na);

          memcpy (lab_optimizer_buffer (b, i, &nb), src, sizeof (float) * N);
          g_assert_cmpstr (na, ==, nb);
        }
      lab_optimizer_set_step (b, lab_optimizer_get_step (a));
      g_assert_cmpuint (lab_optimizer_get_step (b), ==, 4);

      memcpy (wb, wa, sizeof wa);
      for (guint i = 0; i < N; i++)
        ga[i] = gb[i] = lab_rng_normal (&rng);
      lab_optimizer_step (a, wa, ga, config.lr);
      lab_optimizer_step (b, wb, gb, config.lr);
      g_assert_cmpmem (wa, sizeof wa, wb, sizeof wb);
      lab_optimizer_free (a);
      lab_optimizer_free (b);
    }
}

static void
test_defaults (void)
{
  LabOptimizerConfig c;
  g_autoptr(GError) error = NULL;

  lab_optimizer_config_defaults (&c, LAB_OPTIMIZER_SGD);
  g_assert_cmpfloat (c.lr, ==, 0.01f);
  g_assert_cmpfloat (c.momentum, ==, 0.9f);
  lab_optimizer_config_defaults (&c, LAB_OPTIMIZER_ADAM);
  g_assert_cmpfloat (c.lr, ==, 0.001f);
  g_assert_cmpfloat (c.beta1, ==, 0.9f);
  g_assert_cmpfloat (c.beta2, ==, 0.999f);
  g_assert_cmpfloat (c.eps, ==, 1e-8f);
  lab_optimizer_config_defaults (&c, LAB_OPTIMIZER_ADAMW);
  g_assert_cmpfloat (c.weight_decay, ==, 0.01f);
  /* concepts X4: RMSProp's decay is 0.9, not Adam's 0.999 */
  lab_optimizer_config_defaults (&c, LAB_OPTIMIZER_RMSPROP);
  g_assert_cmpfloat (c.rho, ==, 0.9f);
  g_assert_cmpfloat (c.lr, ==, 0.001f);
  lab_optimizer_config_defaults (&c, LAB_OPTIMIZER_ADAGRAD);
  g_assert_cmpfloat (c.eps, ==, 1e-10f);
  g_assert_cmpfloat (c.lr, ==, 0.01f);

  for (guint k = 0; k < LAB_OPTIMIZER_N_KINDS; k++)
    {
      lab_optimizer_config_defaults (&c, k);
      g_assert_true (lab_optimizer_config_check (&c, &error));
      g_assert_no_error (error);
    }

  /* The typed decimals, as torch receives them from Python */
  g_assert_cmpfloat (lab_optimizer_decimal (0.9f), ==, 0.9);
  g_assert_cmpfloat (lab_optimizer_decimal (0.999f), ==, 0.999);
  g_assert_cmpfloat (lab_optimizer_decimal (1e-8f), ==, 1e-8);
  g_assert_cmpfloat (lab_optimizer_decimal (0.0f), ==, 0.0);
  g_assert_cmpfloat ((float) lab_optimizer_decimal (1.0f / 3.0f), ==, 1.0f / 3.0f);
}

#define SETTING(field) G_STRUCT_OFFSET (LabOptimizerConfig, field)

/* Each bad setting gives LAB_ERROR_INVALID_PARAM with a message that names it. */
static void
test_config_errors (void)
{
  static const struct
  {
    LabOptimizerKind kind;
    glong            offset;   /* of the float setting in LabOptimizerConfig */
    float            value;
    const char      *mention;
  } cases[] = {
    { LAB_OPTIMIZER_ADAM, SETTING (lr), -0.1f, "learning rate" },
    { LAB_OPTIMIZER_SGD, SETTING (lr), 0.0f, "learning rate" },
    { LAB_OPTIMIZER_ADAM, SETTING (lr), NAN, "learning rate" },
    { LAB_OPTIMIZER_ADAM, SETTING (beta1), 1.0f, "β₁" },
    { LAB_OPTIMIZER_AMSGRAD, SETTING (beta2), 1.5f, "β₂" },
    { LAB_OPTIMIZER_ADAMW, SETTING (beta2), -0.1f, "β₂" },
    { LAB_OPTIMIZER_ADAM, SETTING (eps), 0.0f, "epsilon" },
    { LAB_OPTIMIZER_RMSPROP, SETTING (rho), 1.0f, "ρ" },
    { LAB_OPTIMIZER_SGD, SETTING (momentum), -0.5f, "momentum" },
    { LAB_OPTIMIZER_SGD, SETTING (momentum), 1.0f, "momentum" },
    { LAB_OPTIMIZER_ADAMW, SETTING (weight_decay), -0.01f, "weight decay" },
    { LAB_OPTIMIZER_ADAGRAD, SETTING (l2), -1.0f, "L2" },
    { LAB_OPTIMIZER_ADAGRAD, SETTING (l1), INFINITY, "L1" },
    { LAB_OPTIMIZER_SGD, SETTING (clip_value), -1.0f, "clip value" },
    { LAB_OPTIMIZER_ADAM, SETTING (clip_norm), NAN, "clip norm" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      LabOptimizerConfig c;

      lab_optimizer_config_defaults (&c, cases[i].kind);
      G_STRUCT_MEMBER (float, &c, cases[i].offset) = cases[i].value;

      g_assert_null (lab_optimizer_new (&c, 4, &error));
      g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
      if (strstr (error->message, cases[i].mention) == NULL)
        g_test_fail_printf ("case %u: “%s” does not mention “%s”",
                            i, error->message, cases[i].mention);
    }

  {
    g_autoptr(GError) error = NULL;
    LabOptimizerConfig c;

    lab_optimizer_config_defaults (&c, LAB_OPTIMIZER_SGD);
    c.momentum = 0.0f;
    c.nesterov = TRUE;
    g_assert_false (lab_optimizer_config_check (&c, &error));
    g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
    g_assert_nonnull (strstr (error->message, "Nesterov"));
    g_clear_error (&error);

    c.kind = LAB_OPTIMIZER_N_KINDS;
    g_assert_false (lab_optimizer_config_check (&c, &error));
    g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
  }
}

static void
test_optimizer_names (void)
{
  static const char * const names[] = { "sgd", "adagrad", "rmsprop", "adam", "amsgrad", "adamw" };
  LabOptimizerKind kind;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == LAB_OPTIMIZER_N_KINDS);
  for (guint k = 0; k < LAB_OPTIMIZER_N_KINDS; k++)
    {
      g_assert_cmpstr (lab_optimizer_kind_to_string (k), ==, names[k]);
      g_assert_true (lab_optimizer_kind_from_string (names[k], &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_cmpuint (strlen (lab_optimizer_kind_label (k)), >, 2);
      g_assert_cmpuint (strlen (lab_optimizer_kind_blurb (k)), >, 40);
    }
  g_assert_false (lab_optimizer_kind_from_string ("nadam", &kind));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/optimizer/sgd/quadratic", test_sgd_quadratic);
  g_test_add_func ("/core/optimizer/sgd/momentum", test_sgd_momentum);
  g_test_add_func ("/core/optimizer/adam/two-steps", test_adam_two_steps);
  g_test_add_func ("/core/optimizer/amsgrad/max", test_amsgrad_max);
  g_test_add_func ("/core/optimizer/adamw/decoupled", test_adamw_decoupled);
  g_test_add_func ("/core/optimizer/adagrad-rmsprop", test_adagrad_rmsprop);
  g_test_add_func ("/core/optimizer/clipping", test_clipping);
  g_test_add_func ("/core/optimizer/penalties", test_penalties);
  g_test_add_func ("/core/optimizer/frozen-tail", test_frozen_tail);
  g_test_add_func ("/core/optimizer/state-round-trip", test_state_round_trip);
  g_test_add_func ("/core/optimizer/defaults", test_defaults);
  g_test_add_func ("/core/optimizer/config-errors", test_config_errors);
  g_test_add_func ("/core/optimizer/names", test_optimizer_names);

  return g_test_run ();
}

/* test-schedules.c: learning-rate schedules and weight initializers against torch's closed forms
 * and the variances they aim for
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lab-core.h"

/* lr at the given epochs (batch 0) for a fresh schedule */
static float
lr_at (const LabScheduleConfig *config,
       guint                    epoch)
{
  LabSchedule s;

  lab_schedule_init (&s, config, 10, 5);
  return lab_schedule_lr (&s, 1.0f, epoch, 0);
}

/* torch's closed forms: StepLR γ^⌊e/s⌋, ExponentialLR γ^e, CosineAnnealingLR
 * min + (base − min)(1 + cos(πe/T))/2 with T = 10. */
static void
test_schedule_values (void)
{
  LabScheduleConfig c;

  lab_schedule_config_defaults (&c, LAB_SCHEDULE_CONSTANT);
  g_assert_cmpfloat (lr_at (&c, 0), ==, 1.0f);
  g_assert_cmpfloat (lr_at (&c, 9), ==, 1.0f);

  lab_schedule_config_defaults (&c, LAB_SCHEDULE_STEP);
  c.gamma = 0.5f;
  c.step_epochs = 3;
  g_assert_cmpfloat (lr_at (&c, 2), ==, 1.0f);
  g_assert_cmpfloat (lr_at (&c, 3), ==, 0.5f);
  g_assert_cmpfloat (lr_at (&c, 5), ==, 0.5f);
  g_assert_cmpfloat (lr_at (&c, 7), ==, 0.25f);
  g_assert_cmpfloat (lr_at (&c, 9), ==, 0.125f);

  lab_schedule_config_defaults (&c, LAB_SCHEDULE_EXPONENTIAL);
  g_assert_cmpfloat (c.gamma, ==, 0.95f);
  c.gamma = 0.9f;
  g_assert_cmpfloat (lr_at (&c, 0), ==, 1.0f);
  g_assert_cmpfloat_with_epsilon (lr_at (&c, 5), pow (0.9, 5), 1e-6);

  lab_schedule_config_defaults (&c, LAB_SCHEDULE_COSINE);
  c.min_lr = 0.1f;
  g_assert_cmpfloat_with_epsilon (lr_at (&c, 0), 1.0, 1e-7);
  g_assert_cmpfloat_with_epsilon (lr_at (&c, 2), 0.1 + 0.9 * (1 + cos (G_PI * 0.2)) / 2, 1e-6);
  g_assert_cmpfloat_with_epsilon (lr_at (&c, 5), 0.55, 1e-6);
  g_assert_cmpfloat_with_epsilon (lr_at (&c, 10), 0.1, 1e-6);
}

/* W = 2 epochs × 5 batches: batch k runs at (k + 1)/10 of the schedule's rate, then at 1. */
static void
test_schedule_warmup (void)
{
  LabScheduleConfig c;
  LabSchedule s;

  lab_schedule_config_defaults (&c, LAB_SCHEDULE_CONSTANT);
  c.warmup_epochs = 2;
  lab_schedule_init (&s, &c, 10, 5);
  g_assert_cmpfloat_with_epsilon (lab_schedule_lr (&s, 0.5f, 0, 0), 0.05, 1e-8);
  g_assert_cmpfloat_with_epsilon (lab_schedule_lr (&s, 0.5f, 0, 4), 0.25, 1e-7);
  g_assert_cmpfloat_with_epsilon (lab_schedule_lr (&s, 0.5f, 1, 0), 0.3, 1e-7);
  g_assert_cmpfloat (lab_schedule_lr (&s, 0.5f, 1, 4), ==, 0.5f);
  g_assert_cmpfloat (lab_schedule_lr (&s, 0.5f, 2, 0), ==, 0.5f);
  for (guint k = 1; k < 10; k++)
    g_assert_cmpfloat (lab_schedule_lr (&s, 0.5f, k / 5, k % 5), >,
                       lab_schedule_lr (&s, 0.5f, (k - 1) / 5, (k - 1) % 5));

  /* Warm-up multiplies the schedule: step decay halves at epoch 1, warm-up gives 6/10 there */
  lab_schedule_config_defaults (&c, LAB_SCHEDULE_STEP);
  c.gamma = 0.5f;
  c.step_epochs = 1;
  c.warmup_epochs = 2;
  lab_schedule_init (&s, &c, 10, 5);
  g_assert_cmpfloat_with_epsilon (lab_schedule_lr (&s, 1.0f, 1, 0), 0.5 * 0.6, 1e-7);
}

/* torch's ReduceLROnPlateau (mode min, absolute threshold): reduce once more than `patience`
 * epochs in a row failed to beat the best by min_delta; never below min_lr. */
static void
test_schedule_plateau (void)
{
  static const double losses[] = { 1.0, 0.995, 0.992, 0.992, 0.5, 0.6, 0.7, 0.8, 0.9, 0.9, 0.9 };
  static const float expect[] = { 1, 1, 1, 0.5f, 0.5f, 0.5f, 0.5f, 0.25f, 0.25f, 0.25f, 0.2f };
  LabScheduleConfig c;
  LabSchedule s;

  lab_schedule_config_defaults (&c, LAB_SCHEDULE_PLATEAU);
  c.gamma = 0.5f;
  c.patience = 2;
  c.min_delta = 0.01f;
  c.min_lr = 0.2f;
  lab_schedule_init (&s, &c, 20, 5);
  for (guint e = 0; e < G_N_ELEMENTS (losses); e++)
    {
      /* 0.995 and 0.992 are within min_delta of the best 1.0: not an improvement */
      lab_schedule_epoch_end (&s, losses[e]);
      g_assert_cmpfloat_with_epsilon (lab_schedule_lr (&s, 1.0f, e + 1, 0), expect[e], 1e-7);
    }
  /* A NaN loss is never an improvement */
  lab_schedule_epoch_end (&s, NAN);
  g_assert_cmpuint (s.plateau_bad_epochs, ==, 1);
}

static void
test_schedule_config (void)
{
  static const char * const names[] = { "constant", "step", "exponential", "cosine", "plateau" };
  LabScheduleKind kind;
  LabScheduleConfig c;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == LAB_SCHEDULE_N_KINDS);
  for (guint k = 0; k < LAB_SCHEDULE_N_KINDS; k++)
    {
      g_autoptr(GError) error = NULL;

      lab_schedule_config_defaults (&c, k);
      g_assert_true (lab_schedule_config_check (&c, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (lab_schedule_kind_to_string (k), ==, names[k]);
      g_assert_true (lab_schedule_kind_from_string (names[k], &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_cmpuint (strlen (lab_schedule_kind_label (k)), >, 2);
      g_assert_cmpuint (strlen (lab_schedule_kind_blurb (k)), >, 40);
    }
  g_assert_false (lab_schedule_kind_from_string ("linear", &kind));

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GError) error = NULL;

      switch (i)
        {
        case 0:
          lab_schedule_config_defaults (&c, LAB_SCHEDULE_STEP);
          c.step_epochs = 0;
          break;
        case 1:
          lab_schedule_config_defaults (&c, LAB_SCHEDULE_EXPONENTIAL);
          c.gamma = 0.0f;
          break;
        case 2:
          lab_schedule_config_defaults (&c, LAB_SCHEDULE_PLATEAU);
          c.gamma = 1.0f;
          break;
        case 3:
          lab_schedule_config_defaults (&c, LAB_SCHEDULE_COSINE);
          c.min_lr = -1.0f;
          break;
        case 4:
          lab_schedule_config_defaults (&c, LAB_SCHEDULE_PLATEAU);
          c.min_delta = NAN;
          break;
        default:
          c.kind = LAB_SCHEDULE_N_KINDS;
          break;
        }
      g_assert_false (lab_schedule_config_check (&c, &error));
      g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
    }
}

/* Sample moments of 10⁵ draws. Tolerances: the mean's standard error is σ/√n = 0.0032σ, we
 * allow 0.02σ (6 SE); the variance's relative standard error is √(2/n) = 0.45 % for a normal
 * and √(4/5 − ... ) = 0.89/√n = 0.28 % for a uniform (Var(x²) = 4a⁴/45), we allow 3 % (> 6 SE).
 * A wrong constant (say 1/fan_in instead of 2/fan_in) is off by 50 % or more. */
static void
check_moments (LabInitKind kind,
               float       value,
               guint       fan_in,
               guint       fan_out,
               double      variance,
               double      limit)
{
  enum { N = 100000 };
  g_autofree float *w = g_new (float, N);
  LabInit init = { kind, value };
  double sum = 0, sq = 0, max_abs = 0, mean, var;
  LabRng rng;

  lab_rng_init (&rng, 42 + kind);
  lab_init_fill (&init, w, N, fan_in, fan_out, &rng);
  for (guint i = 0; i < N; i++)
    {
      sum += w[i];
      max_abs = MAX (max_abs, fabs (w[i]));
    }
  mean = sum / N;
  for (guint i = 0; i < N; i++)
    sq += (w[i] - mean) * (w[i] - mean);
  var = sq / (N - 1);

  g_assert_cmpfloat (fabs (mean), <, 0.02 * sqrt (variance));
  g_assert_cmpfloat (fabs (var / variance - 1.0), <, 0.03);
  if (limit > 0)
    {
      g_assert_cmpfloat (max_abs, <=, limit * (1 + 1e-6));
      /* P(all 10⁵ below 0.999·limit) = 0.9995^100000 ≈ e^−50 */
      g_assert_cmpfloat (max_abs, >, 0.999 * limit);
    }
}

static void
test_init_statistics (void)
{
  /* concepts R7, G4 */
  check_moments (LAB_INIT_GLOROT_UNIFORM, 0, 300, 100, 2.0 / 400, sqrt (6.0 / 400));
  check_moments (LAB_INIT_GLOROT_NORMAL, 0, 100, 100, 2.0 / 200, 0);
  check_moments (LAB_INIT_HE_UNIFORM, 0, 60, 10, 2.0 / 60, sqrt (6.0 / 60));
  check_moments (LAB_INIT_HE_NORMAL, 0, 50, 500, 2.0 / 50, 0);
  check_moments (LAB_INIT_UNIFORM, 0.3f, 1, 1, 0.09 / 3, 0.3);
  check_moments (LAB_INIT_NORMAL, 0.05f, 1, 1, 0.0025, 0);
  /* torch.nn.Linear's default, kaiming_uniform_(a = √5): U(±1/√fan_in), variance 1/(3·fan_in) */
  check_moments (LAB_INIT_TORCH_DEFAULT, 0, 100, 10, 1.0 / 300, 0.1);
}

/* Biases: drawn like the weights under the PyTorch default, zero under every other kind. */
static void
test_init_biases (void)
{
  LabInit init = { LAB_INIT_TORCH_DEFAULT, 0 };
  float b[256];
  double max_abs = 0;
  LabRng rng;

  lab_rng_init (&rng, 3);
  lab_init_fill_bias (&init, b, G_N_ELEMENTS (b), 64, &rng);
  for (guint i = 0; i < G_N_ELEMENTS (b); i++)
    max_abs = MAX (max_abs, fabs (b[i]));
  g_assert_cmpfloat (max_abs, <=, 0.125 * (1 + 1e-6));
  /* P(256 draws all below 0.95·limit) = 0.95²⁵⁶ ≈ 2·10⁻⁶ */
  g_assert_cmpfloat (max_abs, >, 0.95 * 0.125);

  for (guint k = 0; k < LAB_INIT_N_KINDS; k++)
    {
      if (k == LAB_INIT_TORCH_DEFAULT)
        continue;
      init.kind = k;
      init.value = 0.5f;
      lab_init_fill_bias (&init, b, G_N_ELEMENTS (b), 64, &rng);
      for (guint i = 0; i < G_N_ELEMENTS (b); i++)
        g_assert_cmpfloat (b[i], ==, 0.0f);
    }
}

static void
test_init_fixed_and_seeds (void)
{
  LabInit init = { LAB_INIT_HE_NORMAL, 0 };
  float a[64], b[64];
  LabRng rng;

  lab_rng_init (&rng, 5);
  lab_init_fill (&init, a, 64, 8, 8, &rng);
  lab_rng_init (&rng, 5);
  lab_init_fill (&init, b, 64, 8, 8, &rng);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
  lab_rng_init (&rng, 6);
  lab_init_fill (&init, b, 64, 8, 8, &rng);
  g_assert_true (memcmp (a, b, sizeof a) != 0);

  init.kind = LAB_INIT_ZEROS;
  lab_init_fill (&init, a, 64, 8, 8, &rng);
  init.kind = LAB_INIT_CONSTANT;
  init.value = 0.7f;
  lab_init_fill (&init, b, 64, 8, 8, &rng);
  for (guint i = 0; i < 64; i++)
    {
      g_assert_cmpfloat (a[i], ==, 0.0f);
      g_assert_cmpfloat (b[i], ==, 0.7f);
    }
}

static void
test_init_names (void)
{
  static const char * const names[] = { "zeros", "constant", "uniform", "normal",
                                        "glorot-uniform", "glorot-normal",
                                        "he-uniform", "he-normal", "pytorch-default" };
  LabInitKind kind;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == LAB_INIT_N_KINDS);
  for (guint k = 0; k < LAB_INIT_N_KINDS; k++)
    {
      g_assert_cmpstr (lab_init_kind_to_string (k), ==, names[k]);
      g_assert_true (lab_init_kind_from_string (names[k], &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_cmpuint (strlen (lab_init_kind_label (k)), >, 2);
      g_assert_cmpuint (strlen (lab_init_kind_blurb (k)), >, 40);
    }
  g_assert_false (lab_init_kind_from_string ("xavier", &kind));
  /* concepts §5, R9: zero init is offered but flagged */
  g_assert_nonnull (strstr (lab_init_kind_blurb (LAB_INIT_ZEROS), "cannot learn"));
  g_assert_nonnull (strstr (lab_init_kind_blurb (LAB_INIT_HE_NORMAL), "ReLU"));
  g_assert_nonnull (strstr (lab_init_kind_blurb (LAB_INIT_GLOROT_UNIFORM), "tanh"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/schedule/values", test_schedule_values);
  g_test_add_func ("/core/schedule/warmup", test_schedule_warmup);
  g_test_add_func ("/core/schedule/plateau", test_schedule_plateau);
  g_test_add_func ("/core/schedule/config", test_schedule_config);
  g_test_add_func ("/core/init/statistics", test_init_statistics);
  g_test_add_func ("/core/init/fixed-and-seeds", test_init_fixed_and_seeds);
  g_test_add_func ("/core/init/names", test_init_names);
  g_test_add_func ("/core/init/biases", test_init_biases);

  return g_test_run ();
}

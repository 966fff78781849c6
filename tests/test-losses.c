/* test-losses.c: every loss against central differences and closed-form values
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lab-core.h"

#define N 2
#define D 3

/* Checks dpred of one loss against (L(x + h) − L(x − h)) / (actual step) for every element.
 * lab_loss_compute returns double, so the quotient is only limited by the O(h²) truncation;
 * the tolerance is relative (concepts G5) with an absolute floor for near-zero gradients. */
static void
check_gradient (const LabLoss *loss,
                const float   *pred_in,
                const float   *target,
                guint          target_dim,
                guint          n,
                guint          d)
{
  g_autofree float *pred = g_memdup2 (pred_in, sizeof (float) * n * d);
  g_autofree float *dpred = g_new (float, n * d);
  double l0 = lab_loss_compute (loss, pred, target, target_dim, dpred, n, d);
  double l_nograd = lab_loss_compute (loss, pred, target, target_dim, NULL, n, d);

  g_assert_true (isfinite (l0));
  g_assert_cmpfloat (l0, ==, l_nograd);

  for (guint i = 0; i < n * d; i++)
    {
      const float x = pred[i];
      const float h = 1e-3f * MAX (1.0f, fabsf (x));
      float xp = x + h;
      float xm = x - h;
      double lp, lm, num, err;

      pred[i] = xp;
      lp = lab_loss_compute (loss, pred, target, target_dim, NULL, n, d);
      pred[i] = xm;
      lm = lab_loss_compute (loss, pred, target, target_dim, NULL, n, d);
      pred[i] = x;

      num = (lp - lm) / ((double) xp - (double) xm);
      err = fabs (num - dpred[i]) / MAX (1e-3, MAX (fabs (num), fabs (dpred[i])));
      if (err > 1e-4)
        g_test_fail_printf ("%s: d/dpred[%u] is %.9g, central difference %.9g (rel. error %.3g)",
                            lab_loss_kind_to_string (loss->kind), i, dpred[i], num, err);
    }
}

static const float pred_values[N * D] = { 0.3f, -1.2f, 2.1f,
                                          -0.4f, 0.8f, 0.05f };
static const float target_values[N * D] = { 0.9f, -0.1f, 0.4f,
                                            0.2f, 1.7f, -1.0f };
/* Probability rows for the cross-entropies */
static const float soft_targets[N * D] = { 0.2f, 0.5f, 0.3f,
                                           0.0f, 0.1f, 0.9f };
static const float onehot_targets[N * D] = { 0, 1, 0,
                                             0, 0, 1 };
static const float index_targets[N] = { 1, 2 };
static const float class_weights[D] = { 0.5f, 2.0f, 1.25f };

static void
test_regression_gradients (void)
{
  LabLoss mse = { .kind = LAB_LOSS_MSE };
  LabLoss mae = { .kind = LAB_LOSS_MAE };
  LabLoss huber = { .kind = LAB_LOSS_HUBER, .huber_delta = 1.0f };
  LabLoss huber_small = { .kind = LAB_LOSS_HUBER, .huber_delta = 0.5f };

  /* |pred − target| is 0.6, 1.1, 1.7, 0.6, 0.9, 1.05: away from MAE's kink at 0 and, by more
   * than h, on both sides of both Huber deltas. */
  check_gradient (&mse, pred_values, target_values, D, N, D);
  check_gradient (&mae, pred_values, target_values, D, N, D);
  check_gradient (&huber, pred_values, target_values, D, N, D);
  check_gradient (&huber_small, pred_values, target_values, D, N, D);

  /* Class indices, expanded to one-hot rows */
  check_gradient (&mse, pred_values, index_targets, 1, N, D);
  check_gradient (&huber, pred_values, index_targets, 1, N, D);
}

static void
test_bce_gradients (void)
{
  static const float bce_weights[2] = { 0.7f, 3.0f };
  LabLoss bce = { .kind = LAB_LOSS_BCE_LOGITS };
  LabLoss bce_w = { .kind = LAB_LOSS_BCE_LOGITS, .class_weights = bce_weights,
                    .n_class_weights = 2 };

  check_gradient (&bce, pred_values, soft_targets, D, N, D);
  check_gradient (&bce, pred_values, onehot_targets, D, N, D);
  check_gradient (&bce, pred_values, index_targets, 1, N, D);
  check_gradient (&bce_w, pred_values, soft_targets, D, N, D);
  check_gradient (&bce_w, pred_values, index_targets, 1, N, D);
}

static void
test_cross_entropy_gradients (void)
{
  LabLoss ce = { .kind = LAB_LOSS_CROSS_ENTROPY };
  LabLoss ce_w = { .kind = LAB_LOSS_CROSS_ENTROPY, .class_weights = class_weights,
                   .n_class_weights = D };

  check_gradient (&ce, pred_values, soft_targets, D, N, D);
  check_gradient (&ce, pred_values, onehot_targets, D, N, D);
  check_gradient (&ce, pred_values, index_targets, 1, N, D);
  check_gradient (&ce_w, pred_values, soft_targets, D, N, D);
  check_gradient (&ce_w, pred_values, onehot_targets, D, N, D);
  check_gradient (&ce_w, pred_values, index_targets, 1, N, D);
}

/* Class indices are one-hot rows in disguise: same loss, same gradient, for every loss. */
static void
test_indices_match_onehot (void)
{
  for (guint k = 0; k < LAB_LOSS_N_KINDS; k++)
    for (guint weighted = 0; weighted < 2; weighted++)
      {
        static const float bce_weights[2] = { 0.7f, 3.0f };
        LabLoss loss = { .kind = k };
        float d1[N * D], d2[N * D];
        double l1, l2;

        if (weighted && k == LAB_LOSS_CROSS_ENTROPY)
          {
            loss.class_weights = class_weights;
            loss.n_class_weights = D;
          }
        else if (weighted && k == LAB_LOSS_BCE_LOGITS)
          {
            loss.class_weights = bce_weights;
            loss.n_class_weights = 2;
          }
        else if (weighted)
          continue;

        l1 = lab_loss_compute (&loss, pred_values, index_targets, 1, d1, N, D);
        l2 = lab_loss_compute (&loss, pred_values, onehot_targets, D, d2, N, D);
        g_assert_cmpfloat_with_epsilon (l1, l2, 1e-12);
        for (guint i = 0; i < N * D; i++)
          g_assert_cmpfloat_with_epsilon (d1[i], d2[i], 1e-7);
      }
}

static void
test_known_values (void)
{
  static const float y[3] = { 1, 2, 3 };
  static const float t[3] = { 1, 0, 0 };
  static const float hy[2] = { 0.5f, 3.0f };
  static const float ht[2] = { 0, 0 };
  LabLoss loss = { .kind = LAB_LOSS_MSE };
  float dy[3];

  /* (0 + 4 + 9) / 3, gradient 2(y − t)/3 */
  g_assert_cmpfloat_with_epsilon (lab_loss_compute (&loss, y, t, 3, dy, 1, 3), 13.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (dy[0], 0.0, 1e-7);
  g_assert_cmpfloat_with_epsilon (dy[1], 4.0 / 3, 1e-6);
  g_assert_cmpfloat_with_epsilon (dy[2], 2.0, 1e-6);

  /* (0 + 2 + 3) / 3; the subgradient at 0 is 0, as in torch */
  loss.kind = LAB_LOSS_MAE;
  g_assert_cmpfloat_with_epsilon (lab_loss_compute (&loss, y, t, 3, dy, 1, 3), 5.0 / 3, 1e-12);
  g_assert_cmpfloat (dy[0], ==, 0.0f);
  g_assert_cmpfloat_with_epsilon (dy[1], 1.0 / 3, 1e-7);

  /* Same shape as (N, 1) and as (1, N): D = 1 with a single target column means values. */
  g_assert_cmpfloat_with_epsilon (lab_loss_compute (&loss, y, t, 1, NULL, 3, 1), 5.0 / 3, 1e-12);

  /* Huber, delta 1: 0.5·0.5² = 0.125 and 1·(3 − 0.5) = 2.5, mean 1.3125 */
  loss.kind = LAB_LOSS_HUBER;
  loss.huber_delta = 1.0f;
  g_assert_cmpfloat_with_epsilon (lab_loss_compute (&loss, hy, ht, 2, dy, 1, 2), 1.3125, 1e-12);
  g_assert_cmpfloat_with_epsilon (dy[0], 0.25, 1e-7);
  g_assert_cmpfloat_with_epsilon (dy[1], 0.5, 1e-7);
  /* An unset delta (0) means the documented default, 1 */
  loss.huber_delta = 0.0f;
  g_assert_cmpfloat_with_epsilon (lab_loss_compute (&loss, hy, ht, 2, NULL, 1, 2), 1.3125, 1e-12);
}

static void
test_oracles (void)
{
  float logits[5] = { 0.7f, 0.7f, 0.7f, 0.7f, 0.7f };
  float label = 3;
  float dl[5];
  float zero[4] = { 0 };
  float bce_t[4] = { 0, 1, 0.25f, 1 };
  LabLoss ce = { .kind = LAB_LOSS_CROSS_ENTROPY };
  LabLoss bce = { .kind = LAB_LOSS_BCE_LOGITS };

  /* Uniform logits over k classes: p = 1/k, so CE = log k whatever the label. */
  g_assert_cmpfloat_with_epsilon (lab_loss_compute (&ce, logits, &label, 1, dl, 1, 5),
                                  log (5.0), 1e-12);
  for (guint c = 0; c < 5; c++)
    g_assert_cmpfloat_with_epsilon (dl[c], c == 3 ? 0.2 - 1.0 : 0.2, 1e-7);

  /* BCE at logit 0: σ = 1/2, loss log 2 for every target in [0, 1], gradient (1/2 − t)/(N·D) */
  g_assert_cmpfloat_with_epsilon (lab_loss_compute (&bce, zero, bce_t, 2, dl, 2, 2),
                                  G_LN2, 1e-12);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (dl[i], (0.5 - bce_t[i]) / 4, 1e-7);
}

/* Logits of ±1000 overflow a naive exp(); the fused, max-subtracted forms give exact answers. */
static void
test_stability (void)
{
  static const float x[3] = { 1000, -1000, 0 };
  float label;
  float dx[3];
  LabLoss ce = { .kind = LAB_LOSS_CROSS_ENTROPY };
  LabLoss bce = { .kind = LAB_LOSS_BCE_LOGITS };
  float t[3] = { 0, 0, 1 };
  double l;

  /* Right answer with full confidence: loss 0 (up to e^−1000), p = (1, 0, 0) */
  label = 0;
  l = lab_loss_compute (&ce, x, &label, 1, dx, 1, 3);
  g_assert_true (isfinite (l));
  g_assert_cmpfloat_with_epsilon (l, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (dx[0], 0.0, 1e-7);
  g_assert_cmpfloat_with_epsilon (dx[1], 0.0, 1e-7);
  g_assert_cmpfloat_with_epsilon (dx[2], 0.0, 1e-7);

  /* Confidently wrong: loss = lse − x₁ = 1000 − (−1000) = 2000, gradient p − onehot */
  label = 1;
  l = lab_loss_compute (&ce, x, &label, 1, dx, 1, 3);
  g_assert_cmpfloat_with_epsilon (l, 2000.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (dx[0], 1.0, 1e-7);
  g_assert_cmpfloat_with_epsilon (dx[1], -1.0, 1e-7);
  g_assert_cmpfloat_with_epsilon (dx[2], 0.0, 1e-7);

  /* BCE: x = 1000, t = 0 costs 1000 (gradient 1); x = −1000, t = 0 costs 0 (gradient 0);
   * x = 0, t = 1 costs log 2 (gradient −1/2); mean over 3 */
  l = lab_loss_compute (&bce, x, t, 3, dx, 1, 3);
  g_assert_true (isfinite (l));
  g_assert_cmpfloat_with_epsilon (l, (1000.0 + G_LN2) / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (dx[0], 1.0 / 3, 1e-7);
  g_assert_cmpfloat_with_epsilon (dx[1], 0.0, 1e-7);
  g_assert_cmpfloat_with_epsilon (dx[2], -0.5 / 3, 1e-7);

  /* x = −1000, t = 1: cost 1000, gradient −1 */
  t[1] = 1;
  l = lab_loss_compute (&bce, x, t, 3, dx, 1, 3);
  g_assert_cmpfloat_with_epsilon (l, (2000.0 + G_LN2) / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (dx[1], -1.0 / 3, 1e-7);
}

/* PyTorch's reductions with weights: CE divides by Σ w_(y_n); BCE multiplies each term by w₁
 * for positive targets and w₀ for negative ones and divides by N·D (torch's weight = w₀,
 * pos_weight = w₁/w₀). */
static void
test_weighted_reductions (void)
{
  static const float bce_weights[2] = { 0.7f, 3.0f };
  LabLoss ce_w = { .kind = LAB_LOSS_CROSS_ENTROPY, .class_weights = class_weights,
                   .n_class_weights = D };
  LabLoss ce = { .kind = LAB_LOSS_CROSS_ENTROPY };
  LabLoss bce = { .kind = LAB_LOSS_BCE_LOGITS, .class_weights = bce_weights,
                  .n_class_weights = 2 };
  double expect = 0.0;
  double wsum = 0.0;
  double x = 1.3;

  for (guint n = 0; n < N; n++)
    {
      float one = index_targets[n];
      guint y = (guint) one;
      double l = lab_loss_compute (&ce, pred_values + n * D, &one, 1, NULL, 1, D);

      expect += class_weights[y] * l;
      wsum += class_weights[y];
    }
  g_assert_cmpfloat_with_epsilon (lab_loss_compute (&ce_w, pred_values, index_targets, 1,
                                                    NULL, N, D),
                                  expect / wsum, 1e-12);

  {
    float xs[2] = { (float) x, (float) -x };
    float ts[2] = { 1, 0 };

    x = (float) x;
    /* positive: 3·log(1 + e^−x); negative: 0.7·log(1 + e^−x) (σ(−x) = 1 − σ(x)) */
    expect = (3.0 * log1p (exp (-x)) + 0.7 * log1p (exp (-x))) / 2;
    g_assert_cmpfloat_with_epsilon (lab_loss_compute (&bce, xs, ts, 1, NULL, 2, 1),
                                    expect, 1e-6);
  }
}

static void
test_balanced_weights (void)
{
  static const float labels[6] = { 0, 0, 1, 1, 1, 1 };
  static const float binary[4] = { 0, 0, 0, 1 };
  float w[3];

  /* scikit-learn: n / (k · count): 6 / (3·2) = 1, 6 / (3·4) = 0.5, absent class 2 → 0 */
  lab_loss_balanced_weights (labels, 6, 3, w);
  g_assert_cmpfloat_with_epsilon (w[0], 1.0, 1e-7);
  g_assert_cmpfloat_with_epsilon (w[1], 0.5, 1e-7);
  g_assert_cmpfloat (w[2], ==, 0.0f);

  /* 4 / (2·3) and 4 / (2·1) */
  lab_loss_balanced_weights (binary, 4, 2, w);
  g_assert_cmpfloat_with_epsilon (w[0], 2.0 / 3, 1e-7);
  g_assert_cmpfloat_with_epsilon (w[1], 2.0, 1e-7);
}

static void
test_names (void)
{
  static const char * const names[] = { "mse", "mae", "huber", "bce", "cross-entropy" };
  LabLossKind kind;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == LAB_LOSS_N_KINDS);
  for (guint k = 0; k < LAB_LOSS_N_KINDS; k++)
    {
      g_assert_cmpstr (lab_loss_kind_to_string (k), ==, names[k]);
      g_assert_true (lab_loss_kind_from_string (names[k], &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_cmpuint (strlen (lab_loss_kind_label (k)), >, 2);
      g_assert_cmpuint (strlen (lab_loss_kind_blurb (k)), >, 40);
    }
  g_assert_false (lab_loss_kind_from_string ("softmax", &kind));
  g_assert_false (lab_loss_kind_from_string (NULL, &kind));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/loss/gradient/regression", test_regression_gradients);
  g_test_add_func ("/core/loss/gradient/bce", test_bce_gradients);
  g_test_add_func ("/core/loss/gradient/cross-entropy", test_cross_entropy_gradients);
  g_test_add_func ("/core/loss/indices-match-onehot", test_indices_match_onehot);
  g_test_add_func ("/core/loss/known-values", test_known_values);
  g_test_add_func ("/core/loss/oracles", test_oracles);
  g_test_add_func ("/core/loss/stability", test_stability);
  g_test_add_func ("/core/loss/weighted-reductions", test_weighted_reductions);
  g_test_add_func ("/core/loss/balanced-weights", test_balanced_weights);
  g_test_add_func ("/core/loss/names", test_names);

  return g_test_run ();
}

/* test-metrics.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-metrics"

#include <json-glib/json-glib.h>
#include <math.h>

#include "lab-core.h"

#define PYTHON "/usr/bin/python3"

static void
assert_close (const char *what,
              double      got,
              double      want)
{
  /* 1e-9 relative; the absolute floor only matters for values that are exactly 0 */
  if (!(fabs (got - want) <= 1e-9 * MAX (fabs (got), fabs (want)) + 1e-12))
    g_error ("%s: got %.17g, expected %.17g", what, got, want);
}

/* true: 0 0 0 0 1 1 1 2 2 2
 * pred: 0 0 1 2 1 1 0 2 2 2
 * counts [[2,1,1],[1,2,0],[0,0,3]]; precision 2/3, 2/3, 3/4; recall 1/2, 2/3, 1;
 * F1 4/7, 2/3, 6/7; macro P 25/36, R 13/18, F1 44/63; weighted F1 24/35; accuracy 7/10. */
static void
test_report_three_classes (void)
{
  const float labels[] = { 0, 0, 0, 0, 1, 1, 1, 2, 2, 2 };
  const guint pred[] = { 0, 0, 1, 2, 1, 1, 0, 2, 2, 2 };
  const guint64 counts[] = { 2, 1, 1, 1, 2, 0, 0, 0, 3 };
  float scores[10 * 3] = { 0 };
  g_autoptr(LabClassReport) r = NULL;

  for (guint i = 0; i < 10; i++)
    scores[i * 3 + pred[i]] = 0.9f;

  r = lab_class_report_new (labels, scores, 10, 3, 3, 0.5);
  g_assert_cmpuint (r->n, ==, 10);
  for (guint i = 0; i < 9; i++)
    g_assert_cmpuint (r->counts[i], ==, counts[i]);
  assert_close ("accuracy", r->accuracy, 0.7);
  assert_close ("P0", r->precision[0], 2.0 / 3);
  assert_close ("P1", r->precision[1], 2.0 / 3);
  assert_close ("P2", r->precision[2], 3.0 / 4);
  assert_close ("R0", r->recall[0], 0.5);
  assert_close ("R1", r->recall[1], 2.0 / 3);
  assert_close ("R2", r->recall[2], 1.0);
  assert_close ("F0", r->f1[0], 4.0 / 7);
  assert_close ("F1", r->f1[1], 2.0 / 3);
  assert_close ("F2", r->f1[2], 6.0 / 7);
  g_assert_cmpuint (r->support[0], ==, 4);
  g_assert_cmpuint (r->support[1], ==, 3);
  g_assert_cmpuint (r->support[2], ==, 3);
  assert_close ("macro P", r->macro_precision, 25.0 / 36);
  assert_close ("macro R", r->macro_recall, 13.0 / 18);
  assert_close ("macro F1", r->macro_f1, 44.0 / 63);
  assert_close ("micro P", r->micro_precision, 0.7);
  assert_close ("micro R", r->micro_recall, 0.7);
  assert_close ("micro F1", r->micro_f1, 0.7);
  assert_close ("weighted F1", r->weighted_f1, 24.0 / 35);
}

/* Class 1 is never predicted and class 2 never occurs: zero_division=0 gives 0, not NaN.
 * Labels that are not class indices are left out. */
static void
test_report_zero_division (void)
{
  const float labels[] = { 0, 0, 1, NAN, 7, 1.5f, -1 };
  const float scores[] = { 1, 0, 0,  1, 0, 0,  1, 0, 0,
                           0, 1, 0,  0, 1, 0,  0, 1, 0,  0, 1, 0 };
  g_autoptr(LabClassReport) r = lab_class_report_new (labels, scores, 7, 3, 3, 0.5);

  g_assert_cmpuint (r->n, ==, 3);
  assert_close ("P0", r->precision[0], 2.0 / 3);
  assert_close ("R0", r->recall[0], 1.0);
  assert_close ("F0", r->f1[0], 0.8);
  for (guint c = 1; c < 3; c++)
    {
      g_assert_cmpfloat (r->precision[c], ==, 0.0);
      g_assert_cmpfloat (r->recall[c], ==, 0.0);
      g_assert_cmpfloat (r->f1[c], ==, 0.0);
    }
  g_assert_cmpuint (r->support[2], ==, 0);
  assert_close ("macro F1", r->macro_f1, 0.8 / 3);
  assert_close ("weighted F1", r->weighted_f1, 0.8 * 2 / 3);
  assert_close ("accuracy", r->accuracy, 2.0 / 3);
}

/* A single sigmoid output: class 1 when the score is above the threshold. */
static void
test_report_binary_threshold (void)
{
  const float labels[] = { 0, 1, 1, 0 };
  const float scores[] = { 0.2f, 0.7f, 0.5f, 0.6f };
  g_autoptr(LabClassReport) r = lab_class_report_new (labels, scores, 4, 2, 1, 0.5);
  g_autoptr(LabClassReport) low = lab_class_report_new (labels, scores, 4, 2, 1, 0.4);

  /* predictions 0 1 0 1 */
  g_assert_cmpuint (r->counts[0], ==, 1);
  g_assert_cmpuint (r->counts[1], ==, 1);
  g_assert_cmpuint (r->counts[2], ==, 1);
  g_assert_cmpuint (r->counts[3], ==, 1);
  assert_close ("accuracy", r->accuracy, 0.5);
  /* predictions 0 1 1 1 */
  g_assert_cmpuint (low->counts[3], ==, 2);
  assert_close ("accuracy", low->accuracy, 0.75);
}

/* Six samples, P(class 1) = 0.1 0.625 0.4 0.8 0.7 0.3 for labels 0 0 1 1 1 0, counted by hand
 * (0.625 is exact in a float, so the threshold can equal it). */
static void
test_report_binary_sweep (void)
{
  const float labels[] = { 0, 0, 1, 1, 1, 0 };
  const float p1[] = { 0.1f, 0.625f, 0.4f, 0.8f, 0.7f, 0.3f };
  float two[12];
  const struct
  {
    double  threshold;
    guint64 counts[4];        /* TN FP FN TP */
    double  precision1, recall1, precision0, recall0;
  } cases[] = {
    /* predictions 0 1 0 1 1 0 */
    { 0.5, { 2, 1, 1, 2 }, 2.0 / 3, 2.0 / 3, 2.0 / 3, 2.0 / 3 },
    /* 0 1 1 1 1 0 */
    { 0.35, { 2, 1, 0, 3 }, 3.0 / 4, 1.0, 1.0, 2.0 / 3 },
    /* 0.625 is not above 0.625: 0 0 0 1 1 0 */
    { 0.625, { 3, 0, 1, 2 }, 1.0, 2.0 / 3, 3.0 / 4, 1.0 },
    /* nothing predicted positive: precision of class 1 is 0 (zero_division=0) */
    { 1.0, { 3, 0, 3, 0 }, 0.0, 0.0, 0.5, 1.0 },
    /* everything positive */
    { 0.0, { 0, 3, 0, 3 }, 0.5, 1.0, 0.0, 0.0 },
  };

  for (guint i = 0; i < 6; i++)
    {
      two[i * 2] = 1.0f - p1[i];
      two[i * 2 + 1] = p1[i];
    }

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    for (guint dim = 1; dim <= 2; dim++)
      {
        g_autoptr(LabClassReport) r =
          lab_class_report_new_binary (labels, dim == 1 ? p1 : two, 6, dim, cases[k].threshold);

        for (guint j = 0; j < 4; j++)
          g_assert_cmpuint (r->counts[j], ==, cases[k].counts[j]);
        assert_close ("precision 1", r->precision[1], cases[k].precision1);
        assert_close ("recall 1", r->recall[1], cases[k].recall1);
        assert_close ("precision 0", r->precision[0], cases[k].precision0);
        assert_close ("recall 0", r->recall[0], cases[k].recall0);
        assert_close ("accuracy", r->accuracy,
                      (double) (cases[k].counts[0] + cases[k].counts[3]) / 6);
        g_assert_cmpuint (r->support[0], ==, 3);
        g_assert_cmpuint (r->support[1], ==, 3);
      }
}

static void
test_roc_hand (void)
{
  const float labels[] = { 0, 0, 1, 1 };
  const float perfect[] = { 0.1f, 0.2f, 0.8f, 0.9f };
  const float reversed[] = { 0.9f, 0.8f, 0.2f, 0.1f };
  const float constant[] = { 0.5f, 0.5f, 0.5f, 0.5f };
  /* sklearn's roc_curve docstring example */
  const float doc[] = { 0.1f, 0.4f, 0.35f, 0.8f };
  const double doc_x[] = { 0, 0, 0.5, 0.5, 1 }, doc_y[] = { 0, 0.5, 0.5, 1, 1 };
  /* ties: pairs (pos, neg) (0.5, 0.5) count 1/2, the other three 1: AUC 3.5 / 4 */
  const float tie_labels[] = { 1, 0, 1, 0 };
  const float tie_scores[] = { 0.5f, 0.5f, 0.9f, 0.1f };
  g_autoptr(LabCurve) a = lab_roc_curve (labels, perfect, 4, 1, 1);
  g_autoptr(LabCurve) b = lab_roc_curve (labels, reversed, 4, 1, 1);
  g_autoptr(LabCurve) c = lab_roc_curve (labels, constant, 4, 1, 1);
  g_autoptr(LabCurve) d = lab_roc_curve (labels, doc, 4, 1, 1);
  g_autoptr(LabCurve) t = lab_roc_curve (tie_labels, tie_scores, 4, 1, 1);

  assert_close ("perfect", a->area, 1.0);
  assert_close ("reversed", b->area, 0.0);
  assert_close ("constant", c->area, 0.5);
  /* all four tied scores collapse into one point after (0, 0) */
  g_assert_cmpuint (c->n_points, ==, 2);
  g_assert_cmpfloat (c->x[1], ==, 1.0);
  g_assert_cmpfloat (c->y[1], ==, 1.0);
  g_assert_cmpfloat (c->thresholds[1], ==, 0.5);
  g_assert_true (isinf (c->thresholds[0]));

  g_assert_cmpuint (d->n_points, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpfloat (d->x[i], ==, doc_x[i]);
      g_assert_cmpfloat (d->y[i], ==, doc_y[i]);
    }
  assert_close ("doc", d->area, 0.75);
  g_assert_cmpfloat (d->thresholds[1], ==, 0.8f);

  g_assert_cmpuint (t->n_points, ==, 4);
  assert_close ("ties", t->area, 0.875);

  /* one group empty: undefined */
  g_assert_null (lab_roc_curve (labels, perfect, 4, 2, 1));
  g_assert_null (lab_pr_curve (labels, perfect, 2, 0, 1));
}

/* y = 0 0 1 1, s = 0.1 0.4 0.35 0.8. Decreasing thresholds give (R, P) = (1/2, 1), (1/2, 1/2),
 * (1, 2/3), (1, 1/2); AP = 1/2 · 1 + 1/2 · 2/3 = 5/6 (sklearn's docstring says 0.83). */
static void
test_pr_hand (void)
{
  const float labels[] = { 0, 0, 1, 1 };
  const float scores[] = { 0.1f, 0.4f, 0.35f, 0.8f };
  const double x[] = { 0, 0.5, 0.5, 1, 1 }, y[] = { 1, 1, 0.5, 2.0 / 3, 0.5 };
  g_autoptr(LabCurve) pr = lab_pr_curve (labels, scores, 4, 1, 1);

  g_assert_cmpuint (pr->n_points, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      assert_close ("recall", pr->x[i], x[i]);
      assert_close ("precision", pr->y[i], y[i]);
    }
  assert_close ("AP", pr->area, 5.0 / 6);
}

/* AUC is the probability that a random positive outscores a random negative, ties counting
 * one half: check the sorted trapezoids against that O(P·N) count. */
static void
test_auc_pairs (void)
{
  const gsize n = 1500;
  g_autofree float *labels = g_new (float, n);
  g_autofree float *scores = g_new (float, n);
  LabRng rng;
  double wins = 0.0, pairs = 0.0;
  g_autoptr(LabCurve) roc = NULL;

  lab_rng_init (&rng, 7);
  for (gsize i = 0; i < n; i++)
    {
      labels[i] = lab_rng_below (&rng, 3);
      scores[i] = (float) lab_rng_below (&rng, 50) / 50.0f + 0.01f * labels[i];
    }
  for (gsize i = 0; i < n; i++)
    for (gsize j = 0; j < n; j++)
      if (labels[i] == 2 && labels[j] != 2)
        {
          wins += scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0.0;
          pairs += 1.0;
        }
  roc = lab_roc_curve (labels, scores, n, 2, 1);
  assert_close ("AUC vs pairs", roc->area, wins / pairs);
}

static void
test_auc_average (void)
{
  const float labels[] = { 0, 1, 2, 1 };
  const float scores[] = { 0.8f, 0.1f, 0.1f,  0.2f, 0.7f, 0.1f,
                           0.1f, 0.1f, 0.8f,  0.3f, 0.6f, 0.1f };
  const float two[] = { 0, 1, 0, 1 };

  assert_close ("macro", lab_roc_auc_macro (labels, scores, 4, 3), 1.0);
  assert_close ("micro", lab_roc_auc_micro (labels, scores, 4, 3), 1.0);
  /* class 2 never occurs: its AUC, so the macro mean, is undefined */
  g_assert_true (isnan (lab_roc_auc_macro (two, scores, 4, 3)));
}

static void
test_regression_hand (void)
{
  const float t1[] = { 1, 2, 3 }, p1[] = { 1, 2, 4 };
  const float flat[] = { 2, 2, 2 }, off[] = { 2, 2, 3 };
  /* (3, 2): column 0 is t1/p1 (R² 1/2), column 1 constant and exact (R² 1) */
  const float t2[] = { 1, 5, 2, 5, 3, 5 }, p2[] = { 1, 5, 2, 5, 4, 5 };
  LabRegressionReport r;

  lab_regression_report (t1, p1, 3, 1, &r);
  assert_close ("mse", r.mse, 1.0 / 3);
  assert_close ("mae", r.mae, 1.0 / 3);
  assert_close ("r2", r.r2, 0.5);

  lab_regression_report (flat, flat, 3, 1, &r);
  g_assert_cmpfloat (r.r2, ==, 1.0);
  lab_regression_report (flat, off, 3, 1, &r);
  g_assert_cmpfloat (r.r2, ==, 0.0);

  lab_regression_report (t2, p2, 3, 2, &r);
  assert_close ("mse 2d", r.mse, 1.0 / 6);
  assert_close ("r2 2d", r.r2, 0.75);

  lab_regression_report (t1, p1, 1, 1, &r);
  g_assert_true (isnan (r.r2));
}

/* --- scikit-learn comparison ------------------------------------------------------------- */

static double *
json_doubles (JsonArray *array,
              gsize     *n)
{
  guint len = json_array_get_length (array);
  double *out = g_new (double, MAX (len, 1));

  for (guint i = 0; i < len; i++)
    out[i] = json_array_get_double_element (array, i);
  if (n != NULL)
    *n = len;
  return out;
}

static void
assert_array (const char *what,
              JsonObject *object,
              const char *member,
              const double *got,
              gsize       n)
{
  gsize len;
  g_autofree double *want = json_doubles (json_object_get_array_member (object, member), &len);

  g_assert_cmpuint (len, ==, n);
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s %s[%" G_GSIZE_FORMAT "]", what, member, i);
      assert_close (label, got[i], want[i]);
    }
}

/* Computes every metric on the inputs and compares with sklearn's values in @expected. */
static void
compare_with_sklearn (const char *what,
                      JsonObject *input,
                      JsonObject *expected)
{
  guint K = json_object_get_int_member (input, "n_classes");
  guint D = json_object_get_int_member (input, "reg_dim");
  gsize n, n_scores, n_reg;
  g_autofree double *labels_d = json_doubles (json_object_get_array_member (input, "labels"), &n);
  g_autofree double *scores_d = json_doubles (json_object_get_array_member (input, "scores"),
                                              &n_scores);
  g_autofree double *target_d = json_doubles (json_object_get_array_member (input, "reg_target"),
                                              &n_reg);
  g_autofree double *pred_d = json_doubles (json_object_get_array_member (input, "reg_pred"), NULL);
  g_autofree float *labels = g_new (float, n);
  g_autofree float *scores = g_new (float, n_scores);
  g_autofree float *target = g_new (float, n_reg);
  g_autofree float *pred = g_new (float, n_reg);
  g_autofree double *counts = g_new (double, K * K);
  g_autofree double *support = g_new (double, K);
  g_autofree double *auc = g_new (double, K);
  g_autofree double *ap = g_new (double, K);
  g_autoptr(LabClassReport) r = NULL;
  g_autoptr(LabCurve) roc0 = NULL;
  g_autoptr(LabCurve) pr0 = NULL;
  JsonArray *cm = json_object_get_array_member (expected, "confusion_matrix");
  JsonObject *curve;
  LabRegressionReport reg;
  double triple[3];

  g_assert_cmpuint (n_scores, ==, n * K);
  for (gsize i = 0; i < n; i++)
    labels[i] = labels_d[i];
  for (gsize i = 0; i < n_scores; i++)
    scores[i] = scores_d[i];
  for (gsize i = 0; i < n_reg; i++)
    {
      target[i] = target_d[i];
      pred[i] = pred_d[i];
    }

  r = lab_class_report_new (labels, scores, n, K, K, 0.5);
  for (guint t = 0; t < K; t++)
    {
      JsonArray *row = json_array_get_array_element (cm, t);

      for (guint p = 0; p < K; p++)
        g_assert_cmpint (r->counts[t * K + p], ==, json_array_get_int_element (row, p));
      support[t] = r->support[t];
    }
  assert_close ("accuracy", r->accuracy, json_object_get_double_member (expected, "accuracy"));
  assert_array (what, expected, "precision", r->precision, K);
  assert_array (what, expected, "recall", r->recall, K);
  assert_array (what, expected, "f1", r->f1, K);
  assert_array (what, expected, "support", support, K);
  triple[0] = r->macro_precision, triple[1] = r->macro_recall, triple[2] = r->macro_f1;
  assert_array (what, expected, "macro", triple, 3);
  triple[0] = r->micro_precision, triple[1] = r->micro_recall, triple[2] = r->micro_f1;
  assert_array (what, expected, "micro", triple, 3);
  assert_close ("weighted F1", r->weighted_f1,
                json_array_get_double_element (json_object_get_array_member (expected, "weighted"),
                                               2));

  for (guint c = 0; c < K; c++)
    {
      g_autoptr(LabCurve) roc = lab_roc_curve (labels, scores + c, n, c, K);
      g_autoptr(LabCurve) pr = lab_pr_curve (labels, scores + c, n, c, K);

      auc[c] = roc->area;
      ap[c] = pr->area;
    }
  assert_array (what, expected, "roc_auc", auc, K);
  assert_array (what, expected, "average_precision", ap, K);
  assert_close ("macro AUC", lab_roc_auc_macro (labels, scores, n, K),
                json_object_get_double_member (expected, "roc_auc_macro"));
  assert_close ("micro AUC", lab_roc_auc_micro (labels, scores, n, K),
                json_object_get_double_member (expected, "roc_auc_micro"));

  roc0 = lab_roc_curve (labels, scores, n, 0, K);
  curve = json_object_get_object_member (expected, "roc_curve_0");
  assert_array ("ROC", curve, "fpr", roc0->x, roc0->n_points);
  assert_array ("ROC", curve, "tpr", roc0->y, roc0->n_points);
  assert_array ("ROC", curve, "thresholds", roc0->thresholds + 1, roc0->n_points - 1);

  pr0 = lab_pr_curve (labels, scores, n, 0, K);
  curve = json_object_get_object_member (expected, "pr_curve_0");
  assert_array ("PR", curve, "recall", pr0->x, pr0->n_points);
  assert_array ("PR", curve, "precision", pr0->y, pr0->n_points);
  assert_array ("PR", curve, "thresholds", pr0->thresholds + 1, pr0->n_points - 1);

  lab_regression_report (target, pred, n_reg / D, D, &reg);
  assert_close ("mse", reg.mse, json_object_get_double_member (expected, "mse"));
  assert_close ("mae", reg.mae, json_object_get_double_member (expected, "mae"));
  assert_close ("r2", reg.r2, json_object_get_double_member (expected, "r2"));
}

static void
test_sklearn_golden (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "metrics-golden.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_test_message ("golden values from %s",
                  json_object_get_string_member (json_object_get_object_member (root, "note"),
                                                 "tool"));
  compare_with_sklearn ("golden", json_object_get_object_member (root, "input"),
                        json_object_get_object_member (root, "expected"));
}

static gboolean
python_has (const char *module)
{
  g_autofree char *code = g_strdup_printf ("import %s", module);
  const char *argv[] = { PYTHON, "-c", code, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static void
append_floats (GString     *s,
               const char  *name,
               const float *values,
               gsize        n)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (s, ", \"%s\": [", name);
  for (gsize i = 0; i < n; i++)
    {
      if (i)
        g_string_append (s, ", ");
      /* shortest text that reads back as exactly this float32 value */
      g_string_append (s, g_ascii_dtostr (buf, sizeof buf, values[i]));
    }
  g_string_append (s, "]");
}

/* Fresh seeded data (600 samples, 4 classes, scores in steps of 1/16 so ties abound) run
 * through sklearn now, so the comparison does not rest on the committed golden file alone. */
static void
test_sklearn_live (void)
{
  enum { N = 600, K = 4, D = 2 };
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "sklearn_metrics.py", NULL);
  /* the per-test directory of G_TEST_OPTION_ISOLATE_DIRS, not the shared /tmp */
  g_autofree char *input = g_build_filename (g_get_user_cache_dir (), "metrics-input.json", NULL);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) in_parser = json_parser_new ();
  g_autoptr(JsonParser) out_parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree float *scores = g_new (float, N * K);
  g_autofree float *target = g_new (float, N * D);
  g_autofree float *pred = g_new (float, N * D);
  guint labels[N];
  const char *argv[] = { PYTHON, script, input, NULL };
  JsonObject *root, *expected;
  int status = 0;
  LabRng rng;

  if (!python_has ("sklearn"))
    {
      g_test_skip ("scikit-learn is not importable by " PYTHON " (install python3-sklearn); "
                   "only the golden comparison ran");
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0755), ==, 0);
  lab_rng_init (&rng, 2026);
  g_string_append_printf (s, "{\"n_classes\": %d, \"reg_dim\": %d, \"labels\": [", K, D);
  for (guint i = 0; i < N; i++)
    {
      labels[i] = lab_rng_below (&rng, K);
      g_string_append_printf (s, i ? ", %u" : "%u", labels[i]);
    }
  g_string_append (s, "]");
  for (guint i = 0; i < N * K; i++)
    scores[i] = (float) lab_rng_below (&rng, 12) / 16.0f + (labels[i / K] == i % K ? 0.25f : 0.0f);
  for (guint i = 0; i < N * D; i++)
    {
      target[i] = lab_rng_normal (&rng);
      pred[i] = target[i] + 0.3f * lab_rng_normal (&rng);
    }
  append_floats (s, "scores", scores, N * K);
  append_floats (s, "reg_target", target, N * D);
  append_floats (s, "reg_pred", pred, N * D);
  g_string_append (s, "}\n");
  g_file_set_contents (input, s->str, s->len, &error);
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", script, err);

  json_parser_load_from_data (out_parser, out, -1, &error);
  g_assert_no_error (error);
  json_parser_load_from_file (in_parser, input, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (out_parser));
  expected = json_object_get_object_member (root, "expected");
  compare_with_sklearn ("live", json_node_get_object (json_parser_get_root (in_parser)), expected);
}

static void
test_speed (void)
{
  const gsize n = 70000;
  const guint K = 10;
  g_autofree float *labels = g_new (float, n);
  g_autofree float *scores = g_new (float, n * K);
  g_autoptr(GTimer) timer = g_timer_new ();
  LabRng rng;
  double macro, micro;

  lab_rng_init (&rng, 3);
  for (gsize i = 0; i < n; i++)
    {
      labels[i] = lab_rng_below (&rng, K);
      for (guint c = 0; c < K; c++)
        scores[i * K + c] = lab_rng_uniform (&rng) + (labels[i] == c ? 0.3f : 0.0f);
    }
  g_timer_start (timer);
  macro = lab_roc_auc_macro (labels, scores, n, K);
  micro = lab_roc_auc_micro (labels, scores, n, K);
  g_test_message ("70,000 x 10: macro AUC %.4f, micro AUC %.4f in %.3f s",
                  macro, micro, g_timer_elapsed (timer, NULL));
  /* uniform scores shifted by 0.3 for the true class: AUC = 1 − 0.7²/2 = 0.755 */
  g_assert_cmpfloat_with_epsilon (macro, 0.755, 0.01);
  g_assert_cmpfloat_with_epsilon (micro, 0.755, 0.01);
  /* generous: a quadratic or a pathological sort would take minutes */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 10.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/metrics/report/three-classes", test_report_three_classes);
  g_test_add_func ("/core/metrics/report/zero-division", test_report_zero_division);
  g_test_add_func ("/core/metrics/report/binary-threshold", test_report_binary_threshold);
  g_test_add_func ("/core/metrics/report/binary-sweep", test_report_binary_sweep);
  g_test_add_func ("/core/metrics/roc/hand", test_roc_hand);
  g_test_add_func ("/core/metrics/roc/pairs", test_auc_pairs);
  g_test_add_func ("/core/metrics/roc/average", test_auc_average);
  g_test_add_func ("/core/metrics/pr/hand", test_pr_hand);
  g_test_add_func ("/core/metrics/regression/hand", test_regression_hand);
  g_test_add_func ("/core/metrics/sklearn/golden", test_sklearn_golden);
  g_test_add_func ("/core/metrics/sklearn/live", test_sklearn_live);
  g_test_add_func ("/core/metrics/speed", test_speed);

  return g_test_run ();
}

/* lab-metrics.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-metrics"

#include <math.h>
#include <stdlib.h>

#include "lab-metrics.h"

/* Every definition here follows scikit-learn 1.2 so that its values are the test oracle
 * (tests/sklearn_metrics.py, tests/data/metrics-golden.json):
 *
 *   confusion_matrix, accuracy_score,
 *   precision_recall_fscore_support (labels=range(K), zero_division=0),
 *   roc_curve (drop_intermediate=False), roc_auc_score,
 *   precision_recall_curve, average_precision_score,
 *   mean_squared_error, mean_absolute_error, r2_score (multioutput='uniform_average').
 *
 * Scores are pooled and sorted once per curve, O(n log n); a curve over 70,000 samples × 10
 * classes (micro AUC pools 700,000 pairs) takes a fraction of a second. */

/* A label is a class index when it is a whole number in [0, n_classes). NaN fails every test. */
static gboolean
label_to_class (float  value,
                guint  n_classes,
                guint *klass)
{
  if (!(value >= 0.0f && value < (float) n_classes && value == floorf (value)))
    return FALSE;
  *klass = (guint) value;
  return TRUE;
}

static double
safe_div (double num,
          double den)
{
  /* sklearn zero_division=0 */
  return den > 0.0 ? num / den : 0.0;
}

static double
f1_of (double precision,
       double recall)
{
  return precision + recall > 0.0 ? 2.0 * precision * recall / (precision + recall) : 0.0;
}

/* Samples whose label is not a class index in [0, n_classes) are left out; @n of the report
 * counts the others. Predictions are the argmax over the scores (the first maximum on ties, as
 * numpy.argmax), or for scores_dim 1 class 1 when the score is above threshold. */
LabClassReport *
lab_class_report_new (const float *labels,
                      const float *scores,
                      gsize        n,
                      guint        n_classes,
                      guint        scores_dim,
                      double       threshold)
{
  LabClassReport *self;
  guint K = n_classes;
  guint64 correct = 0;
  guint64 total_predicted = 0;
  double weighted = 0.0;

  g_return_val_if_fail (n_classes >= 1, NULL);
  g_return_val_if_fail (scores_dim == n_classes || (scores_dim == 1 && n_classes == 2), NULL);
  g_return_val_if_fail (n == 0 || (labels != NULL && scores != NULL), NULL);

  self = g_new0 (LabClassReport, 1);
  self->n_classes = K;
  self->counts = g_new0 (guint64, (gsize) K * K);
  self->precision = g_new0 (double, K);
  self->recall = g_new0 (double, K);
  self->f1 = g_new0 (double, K);
  self->support = g_new0 (guint64, K);

  for (gsize i = 0; i < n; i++)
    {
      guint truth, pred = 0;

      if (!label_to_class (labels[i], K, &truth))
        continue;

      if (scores_dim == 1)
        pred = scores[i] > threshold ? 1 : 0;
      else
        {
          const float *row = scores + i * scores_dim;

          for (guint c = 1; c < scores_dim; c++)
            if (row[c] > row[pred])
              pred = c;
        }
      self->counts[(gsize) truth * K + pred]++;
      self->n++;
    }

  for (guint c = 0; c < K; c++)
    {
      guint64 tp = self->counts[(gsize) c * K + c];
      guint64 predicted = 0;

      for (guint t = 0; t < K; t++)
        {
          self->support[c] += self->counts[(gsize) c * K + t];
          predicted += self->counts[(gsize) t * K + c];
        }
      correct += tp;
      total_predicted += predicted;

      self->precision[c] = safe_div (tp, predicted);
      self->recall[c] = safe_div (tp, self->support[c]);
      self->f1[c] = f1_of (self->precision[c], self->recall[c]);

      self->macro_precision += self->precision[c];
      self->macro_recall += self->recall[c];
      self->macro_f1 += self->f1[c];
      weighted += self->f1[c] * (double) self->support[c];
    }

  self->macro_precision /= K;
  self->macro_recall /= K;
  self->macro_f1 /= K;
  self->accuracy = safe_div (correct, self->n);
  /* Every kept sample is one prediction and one true label, so micro P = R = accuracy; they are
   * still computed from their definitions so that the fields mean what they say. */
  self->micro_precision = safe_div (correct, total_predicted);
  self->micro_recall = safe_div (correct, self->n);
  self->micro_f1 = f1_of (self->micro_precision, self->micro_recall);
  self->weighted_f1 = safe_div (weighted, self->n);

  return self;
}

LabClassReport *
lab_class_report_new_binary (const float *labels,
                             const float *scores,
                             gsize        n,
                             guint        scores_dim,
                             double       threshold)
{
  g_autofree float *positive = NULL;

  g_return_val_if_fail (scores_dim == 1 || scores_dim == 2, NULL);
  g_return_val_if_fail (n == 0 || (labels != NULL && scores != NULL), NULL);

  if (scores_dim == 1)
    return lab_class_report_new (labels, scores, n, 2, 1, threshold);

  /* The report thresholds single-column scores only: hand it the column of class 1. */
  positive = g_new (float, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    positive[i] = scores[i * 2 + 1];
  return lab_class_report_new (labels, positive, n, 2, 1, threshold);
}

void
lab_class_report_free (LabClassReport *self)
{
  if (self == NULL)
    return;
  g_free (self->counts);
  g_free (self->precision);
  g_free (self->recall);
  g_free (self->f1);
  g_free (self->support);
  g_free (self);
}

/* One scored sample of a binary problem. */
typedef struct
{
  float    score;
  guint32  positive;
  gsize    index;    /* tie-break, so that qsort gives one deterministic order */
} Scored;

/* Decreasing score; NaN sorts after every number (sklearn refuses NaN, we keep going). */
static int
scored_compare (const void *pa,
                const void *pb)
{
  const Scored *a = pa;
  const Scored *b = pb;
  gboolean a_nan = isnan (a->score);
  gboolean b_nan = isnan (b->score);

  if (a_nan != b_nan)
    return a_nan ? 1 : -1;
  if (!a_nan && a->score != b->score)
    return a->score > b->score ? -1 : 1;
  return (a->index > b->index) - (a->index < b->index);
}

/* Cumulative counts at each distinct score, in decreasing order of score (sklearn's
 * _binary_clf_curve): after the k-th distinct score, tps[k] positives and fps[k] negatives
 * score at least thresholds[k]. */
typedef struct
{
  gsize    m;
  guint64 *tps;
  guint64 *fps;
  double  *thresholds;
} Counts;

static void
counts_clear (Counts *counts)
{
  g_free (counts->tps);
  g_free (counts->fps);
  g_free (counts->thresholds);
}

/* Sorts @samples in place. Returns FALSE when either class is absent. */
static gboolean
counts_from_samples (Counts *counts,
                     Scored *samples,
                     gsize   n)
{
  guint64 tp = 0, fp = 0;
  gsize m = 0;

  qsort (samples, n, sizeof (Scored), scored_compare);

  counts->tps = g_new (guint64, MAX (n, 1));
  counts->fps = g_new (guint64, MAX (n, 1));
  counts->thresholds = g_new (double, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    {
      if (samples[i].positive)
        tp++;
      else
        fp++;

      /* Close a point at the last sample of a run of equal scores (NaNs form one run). */
      if (i + 1 == n ||
          !(samples[i + 1].score == samples[i].score ||
            (isnan (samples[i + 1].score) && isnan (samples[i].score))))
        {
          counts->tps[m] = tp;
          counts->fps[m] = fp;
          counts->thresholds[m] = samples[i].score;
          m++;
        }
    }
  counts->m = m;

  return tp > 0 && fp > 0;
}

/* Area under the ROC curve by trapezoids. The doubled area in units of one positive times one
 * negative is a sum of integers, exact in a double up to 2^53, so the only rounding is the final
 * division; sklearn's trapz over rates agrees to ~1e-15. */
static double
counts_auc (const Counts *counts)
{
  guint64 P = counts->tps[counts->m - 1];
  guint64 N = counts->fps[counts->m - 1];
  guint64 prev_tp = 0, prev_fp = 0;
  double area2 = 0.0;

  for (gsize k = 0; k < counts->m; k++)
    {
      area2 += (double) (counts->fps[k] - prev_fp) * (double) (counts->tps[k] + prev_tp);
      prev_tp = counts->tps[k];
      prev_fp = counts->fps[k];
    }
  return area2 / (2.0 * (double) P * (double) N);
}

/* AP = Σ (R_k − R_{k−1}) P_k over decreasing thresholds, no interpolation. */
static double
counts_average_precision (const Counts *counts)
{
  guint64 P = counts->tps[counts->m - 1];
  guint64 prev_tp = 0;
  double ap = 0.0;

  for (gsize k = 0; k < counts->m; k++)
    {
      guint64 tp = counts->tps[k];

      if (tp != prev_tp)
        ap += ((double) (tp - prev_tp) / (double) P) *
              ((double) tp / (double) (tp + counts->fps[k]));
      prev_tp = tp;
    }
  return ap;
}

static Scored *
scored_one_vs_rest (const float *labels,
                    const float *scores,
                    gsize        n,
                    guint        positive,
                    gsize        score_stride)
{
  Scored *samples = g_new (Scored, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    {
      samples[i].score = scores[i * score_stride];
      samples[i].positive = labels[i] == (float) positive;
      samples[i].index = i;
    }
  return samples;
}

static gboolean
one_vs_rest_counts (Counts      *counts,
                    const float *labels,
                    const float *scores,
                    gsize        n,
                    guint        positive,
                    gsize        score_stride)
{
  g_autofree Scored *samples = scored_one_vs_rest (labels, scores, n, positive, score_stride);

  if (!counts_from_samples (counts, samples, n))
    {
      counts_clear (counts);
      return FALSE;
    }
  return TRUE;
}

/* The score of sample i is scores[i * score_stride]: for class c of an (n, K) matrix pass
 * scores + c and stride K; for a single-output binary model pass the (n, 1) scores, positive 1
 * and stride 1.
 *
 * The ROC curve returned has one point per distinct score plus the first point (0, 0) with
 * threshold +inf; collinear points are kept (sklearn roc_curve with drop_intermediate=False;
 * its default drops them, which leaves the area unchanged, and writes max + 1 instead of +inf
 * as the first threshold). */
LabCurve *
lab_roc_curve (const float *labels,
               const float *scores,
               gsize        n,
               guint        positive,
               gsize        score_stride)
{
  Counts counts = { 0 };
  LabCurve *curve;
  double P, N;

  g_return_val_if_fail (n == 0 || (labels != NULL && scores != NULL), NULL);
  g_return_val_if_fail (score_stride >= 1, NULL);

  if (!one_vs_rest_counts (&counts, labels, scores, n, positive, score_stride))
    return NULL;

  P = (double) counts.tps[counts.m - 1];
  N = (double) counts.fps[counts.m - 1];

  curve = g_new0 (LabCurve, 1);
  curve->n_points = counts.m + 1;
  curve->x = g_new (double, curve->n_points);
  curve->y = g_new (double, curve->n_points);
  curve->thresholds = g_new (double, curve->n_points);
  curve->x[0] = 0.0;
  curve->y[0] = 0.0;
  curve->thresholds[0] = INFINITY;
  for (gsize k = 0; k < counts.m; k++)
    {
      curve->x[k + 1] = (double) counts.fps[k] / N;
      curve->y[k + 1] = (double) counts.tps[k] / P;
      curve->thresholds[k + 1] = counts.thresholds[k];
    }
  curve->area = counts_auc (&counts);

  counts_clear (&counts);
  return curve;
}

/* The PR curve returned starts at (recall 0, precision 1) with threshold +inf, then has one
 * point per distinct score in decreasing order: sklearn precision_recall_curve read backwards. */
LabCurve *
lab_pr_curve (const float *labels,
              const float *scores,
              gsize        n,
              guint        positive,
              gsize        score_stride)
{
  Counts counts = { 0 };
  LabCurve *curve;
  double P;

  g_return_val_if_fail (n == 0 || (labels != NULL && scores != NULL), NULL);
  g_return_val_if_fail (score_stride >= 1, NULL);

  if (!one_vs_rest_counts (&counts, labels, scores, n, positive, score_stride))
    return NULL;

  P = (double) counts.tps[counts.m - 1];

  curve = g_new0 (LabCurve, 1);
  curve->n_points = counts.m + 1;
  curve->x = g_new (double, curve->n_points);
  curve->y = g_new (double, curve->n_points);
  curve->thresholds = g_new (double, curve->n_points);
  curve->x[0] = 0.0;
  curve->y[0] = 1.0;
  curve->thresholds[0] = INFINITY;
  for (gsize k = 0; k < counts.m; k++)
    {
      curve->x[k + 1] = (double) counts.tps[k] / P;
      curve->y[k + 1] = (double) counts.tps[k] / (double) (counts.tps[k] + counts.fps[k]);
      curve->thresholds[k + 1] = counts.thresholds[k];
    }
  curve->area = counts_average_precision (&counts);

  counts_clear (&counts);
  return curve;
}

void
lab_curve_free (LabCurve *self)
{
  if (self == NULL)
    return;
  g_free (self->x);
  g_free (self->y);
  g_free (self->thresholds);
  g_free (self);
}

/* sklearn refuses a macro AUC when a class has no positives or no negatives; we return NaN. */
double
lab_roc_auc_macro (const float *labels,
                   const float *scores,
                   gsize        n,
                   guint        n_classes)
{
  g_autofree Scored *samples = NULL;
  double sum = 0.0;

  g_return_val_if_fail (n_classes >= 1, NAN);
  g_return_val_if_fail (n == 0 || (labels != NULL && scores != NULL), NAN);

  samples = g_new (Scored, MAX (n, 1));
  for (guint c = 0; c < n_classes; c++)
    {
      Counts counts = { 0 };
      gboolean defined;

      for (gsize i = 0; i < n; i++)
        {
          samples[i].score = scores[i * n_classes + c];
          samples[i].positive = labels[i] == (float) c;
          samples[i].index = i;
        }
      defined = counts_from_samples (&counts, samples, n);
      if (defined)
        sum += counts_auc (&counts);
      counts_clear (&counts);
      if (!defined)
        return NAN;
    }
  return sum / n_classes;
}

/* All n × K (sample, class) pairs pooled into one binary problem. */
double
lab_roc_auc_micro (const float *labels,
                   const float *scores,
                   gsize        n,
                   guint        n_classes)
{
  g_autofree Scored *samples = NULL;
  Counts counts = { 0 };
  gsize total;
  double auc = NAN;

  g_return_val_if_fail (n_classes >= 1, NAN);
  g_return_val_if_fail (n == 0 || (labels != NULL && scores != NULL), NAN);

  total = n * n_classes;
  samples = g_new (Scored, MAX (total, 1));
  for (gsize i = 0; i < n; i++)
    for (guint c = 0; c < n_classes; c++)
      {
        gsize j = i * n_classes + c;

        samples[j].score = scores[j];
        samples[j].positive = labels[i] == (float) c;
        samples[j].index = j;
      }
  if (counts_from_samples (&counts, samples, total))
    auc = counts_auc (&counts);
  counts_clear (&counts);
  return auc;
}

/* target and pred are (n, dim). Sums are in double; each output's R² uses its own mean. An
 * output whose target is constant scores 1 when predicted exactly and 0 otherwise (sklearn's
 * force_finite). NaN everywhere when n is 0, and R² is NaN for a single sample. */
void
lab_regression_report (const float         *target,
                       const float         *pred,
                       gsize                n,
                       guint                dim,
                       LabRegressionReport *report)
{
  g_autofree double *mean = NULL;
  double sq = 0.0, abs_sum = 0.0, r2 = 0.0;

  g_return_if_fail (report != NULL);
  g_return_if_fail (dim >= 1);
  g_return_if_fail (n == 0 || (target != NULL && pred != NULL));

  if (n == 0)
    {
      report->mse = report->mae = report->r2 = NAN;
      return;
    }

  mean = g_new0 (double, dim);
  for (gsize i = 0; i < n; i++)
    for (guint d = 0; d < dim; d++)
      mean[d] += target[i * dim + d];
  for (guint d = 0; d < dim; d++)
    mean[d] /= (double) n;

  for (guint d = 0; d < dim; d++)
    {
      double ss_res = 0.0, ss_tot = 0.0;

      for (gsize i = 0; i < n; i++)
        {
          double t = target[i * dim + d];
          double e = t - (double) pred[i * dim + d];

          ss_res += e * e;
          ss_tot += (t - mean[d]) * (t - mean[d]);
          abs_sum += fabs (e);
        }
      sq += ss_res;
      if (ss_tot != 0.0)
        r2 += 1.0 - ss_res / ss_tot;
      else
        r2 += ss_res == 0.0 ? 1.0 : 0.0;
    }

  report->mse = sq / ((double) n * dim);
  report->mae = abs_sum / ((double) n * dim);
  /* sklearn: "R^2 score is not well-defined with less than two samples" */
  report->r2 = n < 2 ? NAN : r2 / dim;
}

/* lab-metrics.h: evaluation metrics for classification and regression
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Definitions follow scikit-learn so that its values are the test oracle.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint    n_classes;
  guint64 *counts;        /* (n_classes, n_classes): row = true class, column = predicted */
  gsize    n;
  double   accuracy;
  double  *precision;     /* per class; 0 where nothing was predicted (sklearn zero_division=0) */
  double  *recall;
  double  *f1;
  guint64 *support;       /* true samples per class */
  double   macro_precision, macro_recall, macro_f1;
  double   micro_precision, micro_recall, micro_f1;
  double   weighted_f1;
} LabClassReport;

/* labels: n true class indices; scores: (n, n_classes) class probabilities or logits (the
 * prediction is the argmax). For a single-output binary model pass n_classes 2 and scores
 * (n, 1) = P(class 1) with scores_dim 1; threshold applies to that case only. */
LabClassReport *lab_class_report_new  (const float *labels,
                                       const float *scores,
                                       gsize        n,
                                       guint        n_classes,
                                       guint        scores_dim,
                                       double       threshold);
void            lab_class_report_free (LabClassReport *self);
/* A two-class report at a decision threshold, for a slider that moves a binary classifier's
 * operating point: class 1 is predicted when its score is above threshold. scores is
 * (n, scores_dim): with scores_dim 1 it holds P(class 1), with scores_dim 2 the probabilities
 * of both classes (column 1 is used; at threshold 0.5 this agrees with the argmax except for an
 * exact tie, which both give to class 0). */
LabClassReport *lab_class_report_new_binary (const float *labels,
                                             const float *scores,
                                             gsize        n,
                                             guint        scores_dim,
                                             double       threshold);

/* A curve with points in order of decreasing threshold, starting at (0, 0) for ROC.
 * ROC: one point per distinct score after (0, 0), collinear points kept (sklearn roc_curve
 * with drop_intermediate=False); PR: (recall 0, precision 1) first, then one point per distinct
 * score. The first threshold is +inf in both. */
typedef struct
{
  gsize   n_points;
  double *x;            /* ROC: false-positive rate; PR: recall */
  double *y;            /* ROC: true-positive rate; PR: precision */
  double *thresholds;
  double  area;         /* ROC: AUC (trapezoids, = sklearn roc_auc_score);
                         * PR: average precision (= sklearn average_precision_score) */
} LabCurve;

/* One-vs-rest for class `positive`: positives are labels == positive, scored by score[i]. Ties
 * in score form one point. Returns NULL when one of the two groups is empty.
 * score[i] is scores[i * score_stride]: for class c of an (n, K) matrix pass scores + c and
 * stride K; for a single-output binary model pass the (n, 1) scores, positive 1, stride 1. */
LabCurve *lab_roc_curve (const float *labels,
                         const float *scores,
                         gsize        n,
                         guint        positive,
                         gsize        score_stride);
LabCurve *lab_pr_curve  (const float *labels,
                         const float *scores,
                         gsize        n,
                         guint        positive,
                         gsize        score_stride);
void      lab_curve_free (LabCurve *self);

/* Macro: mean of the per-class AUCs; micro: the AUC of all (sample, class) pairs pooled
 * (sklearn roc_auc_score average='micro' on one-hot labels). NaN when undefined. */
double    lab_roc_auc_macro (const float *labels,
                             const float *scores,
                             gsize        n,
                             guint        n_classes);
double    lab_roc_auc_micro (const float *labels,
                             const float *scores,
                             gsize        n,
                             guint        n_classes);

typedef struct
{
  double mse;
  double mae;
  double r2;    /* 1 − SS_res / SS_tot over all outputs pooled per output then averaged
                 * (sklearn r2_score multioutput='uniform_average') */
} LabRegressionReport;

void lab_regression_report (const float         *target,
                            const float         *pred,
                            gsize                n,
                            guint                dim,
                            LabRegressionReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabClassReport, lab_class_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabCurve, lab_curve_free)

G_END_DECLS

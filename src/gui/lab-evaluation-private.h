/* lab-evaluation-private.h: the evaluation page's parts that tests reach without a display
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-core.h"
#include "lab-evaluation-page.h"
#include "lab-train-session.h"

G_BEGIN_DECLS

/* The curves of one evaluation, computed off the main thread. */
typedef struct
{
  guint      n_classes;
  gboolean   binary;        /* one curve, of class 1; the threshold slider applies */
  LabCurve **roc;           /* [n_classes]: one-vs-rest; NULL where undefined (binary: only [1]) */
  LabCurve **pr;
  LabCurve  *roc_micro;     /* all (sample, class) pairs pooled; NULL for binary */
  LabCurve  *pr_micro;
  double    *macro_fpr;     /* the mean of the per-class ROC curves on a fixed FPR grid */
  double    *macro_tpr;
  gsize      n_macro;
  double     ap_macro;      /* mean of the per-class average precisions; NaN if one is undefined */
  /* Regression: (true, predicted) pairs, at most LAB_EVAL_MAX_SCATTER of them. */
  double    *scatter_x;
  double    *scatter_y;
  gsize      n_scatter;
} LabEvalCurves;

#define LAB_EVAL_MACRO_POINTS 201
#define LAB_EVAL_MAX_SCATTER  2000

/* One evaluation as the page keeps it: a copy of what ::evaluated handed over, with when it was
 * made. Reference counted so a worker can compute its curves while the page shows it. */
typedef struct
{
  LabSplit             split;
  guint                epoch;        /* epochs trained when it was made; 0 unknown */
  GDateTime           *when;
  gsize                n;
  guint                out_size;
  guint                n_classes;    /* 0: regression */
  guint                y_dim;
  double               loss;
  double               accuracy;
  float               *scores;       /* (n, out_size) */
  float               *targets;      /* (n, y_dim) */
  LabClassReport      *report;
  LabRegressionReport  regression;
  double               auc_macro;
  double               auc_micro;
  LabEvalCurves       *curves;       /* NULL until computed */
  /* The evaluation of the same split it replaced, for the change since then (epoch 0: none). */
  guint                previous_epoch;
  double               previous_loss;
  double               previous_accuracy;
} LabEvalSnapshot;

LabEvalSnapshot *lab_eval_snapshot_new   (LabSplit             split,
                                          guint                epoch,
                                          const LabEvaluation *eval);
LabEvalSnapshot *lab_eval_snapshot_ref   (LabEvalSnapshot     *self);
void             lab_eval_snapshot_unref (LabEvalSnapshot     *self);
gboolean         lab_eval_snapshot_is_binary (const LabEvalSnapshot *self);
/* P(class 1) of sample i of a two-class evaluation. */
float            lab_eval_snapshot_positive_score (const LabEvalSnapshot *self,
                                                   gsize                  i);
/* The class the evaluation predicts for sample i (argmax, or P(class 1) > threshold for
 * two-class tasks). */
guint            lab_eval_snapshot_predict (const LabEvalSnapshot *self,
                                            gsize                  i,
                                            double                 threshold);

LabEvalCurves   *lab_eval_curves_compute (const LabEvalSnapshot *snapshot);
void             lab_eval_curves_free    (LabEvalCurves         *curves);
/* Computes snapshot's curves on a worker thread and calls done on the main thread. */
void             lab_eval_curves_compute_async (gpointer             source_object,
                                                LabEvalSnapshot     *snapshot,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  done,
                                                gpointer             user_data);
/* Returns the curves and the snapshot they belong to (borrowed from the task). */
LabEvalCurves   *lab_eval_curves_compute_finish (GAsyncResult     *result,
                                                 LabEvalSnapshot **snapshot,
                                                 GError          **error);

/* The mean of several ROC curves at n evenly spaced false-positive rates in [0, 1] (the
 * highest TPR reached at each rate, linear between the curves' points). */
void             lab_roc_mean_curve      (LabCurve * const *curves,
                                          guint             n_curves,
                                          double           *fpr,
                                          double           *tpr,
                                          gsize             n);

/* The upper envelope of a precision-recall curve at n evenly spaced recalls in [0, 1]: at each,
 * the best precision of the points with at least that recall. */
void             lab_pr_envelope         (const LabCurve        *pr,
                                          double                *recall,
                                          double                *precision,
                                          gsize                  n);

/* The operating point of a two-class report: false-positive rate, recall (TPR) and precision
 * (1 when nothing is predicted positive, where the PR curve starts). */
void             lab_eval_operating_point (const LabClassReport *report,
                                           double               *fpr,
                                           double               *tpr,
                                           double               *precision);

/* The "Validation, after epoch 7" line. */
char            *lab_eval_snapshot_describe (const LabEvalSnapshot *self);

/* The popover with the samples of a confusion cell (lab-evaluation-samples.c). */
GtkWidget       *lab_eval_samples_popover_new (const LabEvalSnapshot *snapshot,
                                               const LabDataset      *data,
                                               const char * const    *class_names,
                                               guint                  true_class,
                                               guint                  predicted_class,
                                               double                 threshold);
/* Indices of the samples in a cell, in the split's order (at most max of them); returns how
 * many there are in all. */
gsize            lab_eval_cell_samples   (const LabEvalSnapshot *snapshot,
                                          guint                  true_class,
                                          guint                  predicted_class,
                                          double                 threshold,
                                          GArray                *indices,
                                          guint                  max);
/* A sample's image as a texture for image data (x_shape (1 or 3, H, W)); NULL otherwise. */
GdkTexture      *lab_eval_sample_texture (const LabDataset      *data,
                                          gsize                  index);

/* The page's widgets and state, shared by lab-evaluation-page.c (state, signals) and
 * lab-evaluation-views.c (building the widgets, filling the charts). */
#define LAB_EVAL_N_STATS 4

struct _LabEvaluationPage
{
  GtkWidget        parent_instance;

  gboolean         view_stale;    /* an update skipped while hidden during a run */

  LabTrainSession *session;
  GtkWidget       *stack;
  GtkWidget       *validation_toggle;
  GtkWidget       *test_toggle;
  GtkWidget       *describe_label;
  GtkWidget       *spinner;
  GtkWidget       *test_button;
  GtkWidget       *stat_title[LAB_EVAL_N_STATS];
  GtkWidget       *stat_value[LAB_EVAL_N_STATS];
  GtkWidget       *stat_card[LAB_EVAL_N_STATS];
  GtkWidget       *stat_delta[LAB_EVAL_N_STATS];
  GtkWidget       *threshold_card;
  GtkWidget       *threshold_scale;
  GtkWidget       *threshold_label;
  GtkWidget       *class_row;
  GtkWidget       *confusion;
  GtkWidget       *table;
  GtkWidget       *curves_row;
  GtkWidget       *curves_bar;       /* "Show the curves of" and curves_filter */
  GtkWidget       *curves_filter;    /* all classes, averages only, one class */
  GArray          *class_series;     /* guint per class: its series in both charts */
  GtkWidget       *roc_chart;
  GtkWidget       *roc_caption;
  GtkWidget       *roc_title;
  GtkWidget       *pr_chart;
  GtkWidget       *pr_caption;
  GtkWidget       *pr_title;
  GtkWidget       *scatter_card;
  GtkWidget       *scatter_chart;
  GtkWidget       *popover;

  LabEvalSnapshot *snapshots[2];    /* validation, test */
  GCancellable    *cancellables[2];
  int              shown;           /* index into snapshots */
  guint            last_epoch;
  gboolean         test_pending;
  double           threshold;
  LabClassReport  *threshold_report;
  char           **class_names;
  char           **fallback_names;  /* "Class 0", … when neither the page nor the data name them */
  const LabDataset *datasets[2];    /* without a session (tests, previews) */
  const LabDataset *prepared_val;  /* the session's validation split when last prepared */
  gboolean         narrow;          /* cards stacked instead of side by side */
  guint            relayout_id;
};


/* lab-evaluation-views.c */
void             lab_evaluation_page_build   (LabEvaluationPage     *self);
/* Below LAB_EVAL_NARROW_WIDTH pixels the heat map and the table, and the two charts, are
 * stacked instead of side by side. */
#define LAB_EVAL_NARROW_WIDTH 1040
void             lab_evaluation_set_narrow   (LabEvaluationPage     *self,
                                              gboolean               narrow);
/* The page's GtkWidget vfuncs for that. */
void             lab_evaluation_page_measure (GtkWidget             *widget,
                                              GtkOrientation         orientation,
                                              int                    for_size,
                                              int                   *minimum,
                                              int                   *natural,
                                              int                   *minimum_baseline,
                                              int                   *natural_baseline);
void             lab_evaluation_page_size_allocate (GtkWidget       *widget,
                                                    int              width,
                                                    int              height,
                                                    int              baseline);
void             lab_evaluation_fill_curves  (LabEvaluationPage     *self,
                                              LabEvalSnapshot       *snapshot,
                                              const char * const    *class_names,
                                              const LabClassReport  *report);
void             lab_evaluation_fill_scatter (LabEvaluationPage     *self,
                                              LabEvalSnapshot       *snapshot);
/* The four figures at the top: accuracy, loss and AUCs, or R², MSE, MAE and loss (report
 * NULL: regression). */
void             lab_evaluation_fill_stats   (LabEvaluationPage     *self,
                                              LabEvalSnapshot       *snapshot,
                                              const LabClassReport  *report);
/* Shows the curves curves_filter asks for: every class, only the averages, or one class
 * with the averages. */
void             lab_evaluation_apply_curve_filter (LabEvaluationPage *self);
/* Moves the operating point on both charts to a two-class report's. */
void             lab_evaluation_set_markers  (LabEvaluationPage     *self,
                                              const LabClassReport  *report);
/* For tests and previews without a session: the data behind a split's evaluations (borrowed). */
void             lab_evaluation_page_set_dataset (LabEvaluationPage *self,
                                                  LabSplit           split,
                                                  const LabDataset  *data);

G_END_DECLS

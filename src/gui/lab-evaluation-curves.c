/* lab-evaluation-curves.c: the evaluation page's data: snapshots of evaluations and their curves
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sorting scores for ten one-vs-rest curves and a pooled micro average over a test split takes
 * tens of milliseconds, too long for the main loop, so the curves are computed in a GTask from
 * a reference-counted copy of the evaluation that nobody changes; the page's charts are then
 * filled from them on the main thread.
 */
#define G_LOG_DOMAIN "lab-evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-chart.h"
#include "lab-evaluation-private.h"

static void
snapshot_clear (LabEvalSnapshot *self)
{
  g_clear_pointer (&self->when, g_date_time_unref);
  g_clear_pointer (&self->scores, g_free);
  g_clear_pointer (&self->targets, g_free);
  g_clear_pointer (&self->report, lab_class_report_free);
  g_clear_pointer (&self->curves, lab_eval_curves_free);
}

LabEvalSnapshot *
lab_eval_snapshot_new (LabSplit             split,
                       guint                epoch,
                       const LabEvaluation *eval)
{
  LabEvalSnapshot *self;

  g_return_val_if_fail (eval != NULL, NULL);

  self = g_atomic_rc_box_new0 (LabEvalSnapshot);
  self->split = split;
  self->epoch = epoch;
  self->when = g_date_time_new_now_local ();
  self->n = eval->n;
  self->out_size = eval->out_size;
  self->n_classes = eval->n_classes;
  /* Classification targets are class indices; regression targets have one value per output. */
  self->y_dim = eval->n_classes > 0 ? 1 : eval->out_size;
  self->loss = eval->loss;
  self->accuracy = eval->accuracy;
  self->scores = g_memdup2 (eval->scores, sizeof (float) * eval->n * eval->out_size + 1);
  self->targets = g_memdup2 (eval->targets, sizeof (float) * eval->n * self->y_dim + 1);
  self->regression = eval->regression;
  self->auc_macro = eval->auc_macro;
  self->auc_micro = eval->auc_micro;
  if (eval->n_classes > 0)
    self->report = lab_class_report_new (self->targets, self->scores, self->n, self->n_classes,
                                         self->out_size, 0.5);
  return self;
}

LabEvalSnapshot *
lab_eval_snapshot_ref (LabEvalSnapshot *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
lab_eval_snapshot_unref (LabEvalSnapshot *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) snapshot_clear);
}

gboolean
lab_eval_snapshot_is_binary (const LabEvalSnapshot *self)
{
  return self->n_classes == 2 && (self->out_size == 1 || self->out_size == 2);
}

float
lab_eval_snapshot_positive_score (const LabEvalSnapshot *self,
                                  gsize                  i)
{
  return self->out_size == 1 ? self->scores[i] : self->scores[i * self->out_size + 1];
}

guint
lab_eval_snapshot_predict (const LabEvalSnapshot *self,
                           gsize                  i,
                           double                 threshold)
{
  const float *row = self->scores + i * self->out_size;
  guint best = 0;

  if (lab_eval_snapshot_is_binary (self))
    return lab_eval_snapshot_positive_score (self, i) > threshold ? 1 : 0;
  for (guint c = 1; c < self->out_size; c++)
    if (row[c] > row[best])
      best = c;
  return best;
}

char *
lab_eval_snapshot_describe (const LabEvalSnapshot *self)
{
  const char *split = self->split == LAB_SPLIT_TEST ? _("Test set") : _("Validation set");
  g_autofree char *time = g_date_time_format (self->when, "%X");

  if (self->epoch == 0)
    /* Translators: "Validation set · 10000 samples · evaluated at 14:02:11" */
    return g_strdup_printf (_("%s · %zu samples · evaluated at %s"), split, self->n, time);
  /* Translators: "Validation set, after epoch 7 · 10000 samples · evaluated at 14:02:11" */
  return g_strdup_printf (_("%s, after epoch %u · %zu samples · evaluated at %s"),
                          split, self->epoch, self->n, time);
}

void
lab_roc_mean_curve (LabCurve * const *curves,
                    guint             n_curves,
                    double           *fpr,
                    double           *tpr,
                    gsize             n)
{
  g_return_if_fail (n >= 2);

  for (gsize j = 0; j < n; j++)
    {
      double x = (double) j / (n - 1);

      fpr[j] = x;
      tpr[j] = 0.0;
      for (guint c = 0; c < n_curves; c++)
        {
          const LabCurve *r = curves[c];
          double y = 0.0;

          /* Points go up and right; the last point at or left of x with its highest TPR, then a
           * straight line to the next point to the right. */
          for (gsize k = 0; k < r->n_points; k++)
            {
              if (r->x[k] <= x)
                y = MAX (y, r->y[k]);
              else
                {
                  double x0 = r->x[k - 1], y0 = r->y[k - 1];

                  if (r->x[k] > x0 && x > x0)
                    y = MAX (y, y0 + (r->y[k] - y0) * (x - x0) / (r->x[k] - x0));
                  break;
                }
            }
          tpr[j] += y / n_curves;
        }
    }
}

void
lab_eval_operating_point (const LabClassReport *report,
                          double               *fpr,
                          double               *tpr,
                          double               *precision)
{
  guint64 tn = report->counts[0], fp = report->counts[1], tp = report->counts[3];

  *fpr = tn + fp > 0 ? (double) fp / (double) (tn + fp) : 0.0;
  *tpr = report->recall[1];
  *precision = tp + fp > 0 ? (double) tp / (double) (tp + fp) : 1.0;
}

static void
scatter_compute (LabEvalCurves         *curves,
                 const LabEvalSnapshot *s)
{
  gsize total = s->n * s->out_size, stride;

  /* Evenly spread over the samples when there are more points than a scatter shows well. */
  stride = MAX ((gsize) 1, (total + LAB_EVAL_MAX_SCATTER - 1) / LAB_EVAL_MAX_SCATTER);
  curves->scatter_x = g_new (double, total / stride + 1);
  curves->scatter_y = g_new (double, total / stride + 1);
  for (gsize i = 0; i < total; i += stride)
    {
      curves->scatter_x[curves->n_scatter] = s->targets[i];
      curves->scatter_y[curves->n_scatter] = s->scores[i];
      curves->n_scatter++;
    }
}

LabEvalCurves *
lab_eval_curves_compute (const LabEvalSnapshot *s)
{
  LabEvalCurves *curves = g_new0 (LabEvalCurves, 1);
  guint K = s->n_classes;

  if (K == 0)
    {
      scatter_compute (curves, s);
      return curves;
    }

  curves->n_classes = K;
  curves->binary = lab_eval_snapshot_is_binary (s);
  curves->roc = g_new0 (LabCurve *, K);
  curves->pr = g_new0 (LabCurve *, K);
  curves->ap_macro = NAN;

  if (curves->binary)
    {
      const float *p = s->out_size == 1 ? s->scores : s->scores + 1;

      curves->roc[1] = lab_roc_curve (s->targets, p, s->n, 1, s->out_size);
      curves->pr[1] = lab_pr_curve (s->targets, p, s->n, 1, s->out_size);
      return curves;
    }
  if (s->out_size != K)
    return curves;

  {
    g_autofree float *pooled = g_new (float, s->n * K);
    gboolean all_defined = TRUE;
    double ap_sum = 0.0;

    for (guint c = 0; c < K; c++)
      {
        curves->roc[c] = lab_roc_curve (s->targets, s->scores + c, s->n, c, K);
        curves->pr[c] = lab_pr_curve (s->targets, s->scores + c, s->n, c, K);
        if (curves->roc[c] == NULL || curves->pr[c] == NULL)
          all_defined = FALSE;
        else
          ap_sum += curves->pr[c]->area;
      }
    if (all_defined)
      {
        curves->ap_macro = ap_sum / K;
        curves->n_macro = LAB_EVAL_MACRO_POINTS;
        curves->macro_fpr = g_new (double, curves->n_macro);
        curves->macro_tpr = g_new (double, curves->n_macro);
        lab_roc_mean_curve (curves->roc, K, curves->macro_fpr, curves->macro_tpr, curves->n_macro);
      }

    /* Micro average: every (sample, class) pair is one binary decision, label 1 for the true
     * class; the scores are the matrix read row by row. */
    for (gsize i = 0; i < s->n; i++)
      for (guint c = 0; c < K; c++)
        pooled[i * K + c] = s->targets[i] == (float) c ? 1.0f : 0.0f;
    curves->roc_micro = lab_roc_curve (pooled, s->scores, s->n * K, 1, 1);
    curves->pr_micro = lab_pr_curve (pooled, s->scores, s->n * K, 1, 1);
  }
  return curves;
}

void
lab_eval_curves_free (LabEvalCurves *curves)
{
  if (curves == NULL)
    return;
  for (guint c = 0; c < curves->n_classes; c++)
    {
      lab_curve_free (curves->roc[c]);
      lab_curve_free (curves->pr[c]);
    }
  g_free (curves->roc);
  g_free (curves->pr);
  lab_curve_free (curves->roc_micro);
  lab_curve_free (curves->pr_micro);
  g_free (curves->macro_fpr);
  g_free (curves->macro_tpr);
  g_free (curves->scatter_x);
  g_free (curves->scatter_y);
  g_free (curves);
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_task_return_pointer (task, lab_eval_curves_compute (task_data),
                         (GDestroyNotify) lab_eval_curves_free);
}

void
lab_eval_curves_compute_async (gpointer             source_object,
                               LabEvalSnapshot     *snapshot,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  done,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, done, user_data);

  g_task_set_source_tag (task, lab_eval_curves_compute_async);
  g_task_set_task_data (task, lab_eval_snapshot_ref (snapshot),
                        (GDestroyNotify) lab_eval_snapshot_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, compute_in_thread);
}

LabEvalCurves *
lab_eval_curves_compute_finish (GAsyncResult     *result,
                                LabEvalSnapshot **snapshot,
                                GError          **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  *snapshot = g_task_get_task_data (G_TASK (result));
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the charts that show them ---- */

static char *
class_label (const char * const *names,
             guint               k)
{
  if (names != NULL && names[k] != NULL)
    return g_strdup (names[k]);
  return g_strdup_printf (_("Class %u"), k);
}

void
lab_evaluation_set_markers (LabEvaluationPage    *self,
                            const LabClassReport *report)
{
  g_autofree char *label = NULL;
  double fpr, tpr, precision;

  lab_eval_operating_point (report, &fpr, &tpr, &precision);
  /* Translators: the operating point on a ROC or precision-recall curve */
  label = g_strdup_printf (_("Threshold %.2f"), self->threshold);
  lab_chart_set_marker (LAB_CHART (self->roc_chart), fpr, tpr, label);
  lab_chart_set_marker (LAB_CHART (self->pr_chart), tpr, precision, label);
}

static void
add_curve (GtkWidget           *chart,
           const double        *x,
           const double        *y,
           gsize                n,
           const char          *name,
           guint                color,
           LabChartSeriesFlags  flags)
{
  guint series = lab_chart_add_series (LAB_CHART (chart), name, color, flags);

  lab_chart_series_set_data (LAB_CHART (chart), series, x, y, n);
}

/* A curve over thousands of samples has far more points than the chart has pixels, and the
 * chart draws such dense lines as a filled band, right for noisy loss curves but heavy for a
 * staircase. Both curves are drawn resampled at DRAWN_POINTS evenly spaced x values: ROC by
 * linear interpolation (the trapezoids its AUC measures), precision-recall as its upper
 * envelope, the best precision reachable at this recall or beyond (the interpolated precision
 * of information retrieval), so that a thousand zig-zag teeth do not smear into a band. The
 * legends keep the exact AUC and average precision. */
#define DRAWN_POINTS 401

static void
add_roc_curve (GtkWidget           *chart,
               LabCurve            *roc,
               const char          *name,
               guint                color,
               LabChartSeriesFlags  flags)
{
  double x[DRAWN_POINTS], y[DRAWN_POINTS];

  if (roc->n_points <= DRAWN_POINTS)
    {
      add_curve (chart, roc->x, roc->y, roc->n_points, name, color, flags);
      return;
    }
  lab_roc_mean_curve (&roc, 1, x, y, DRAWN_POINTS);
  add_curve (chart, x, y, DRAWN_POINTS, name, color, flags);
}

void
lab_pr_envelope (const LabCurve *pr,
                 double         *recall,
                 double         *precision,
                 gsize           n)
{
  gsize k = pr->n_points;
  double best = 0.0;

  /* From recall 1 down to 0, the best precision of every point at or right of each grid value. */
  for (gsize j = n; j-- > 0;)
    {
      double r = (double) j / (n - 1);

      for (; k > 0 && pr->x[k - 1] >= r; k--)
        best = MAX (best, pr->y[k - 1]);
      recall[j] = r;
      precision[j] = best;
    }
}

static void
add_pr_curve (GtkWidget           *chart,
              const LabCurve      *pr,
              const char          *name,
              guint                color,
              LabChartSeriesFlags  flags)
{
  double x[DRAWN_POINTS], y[DRAWN_POINTS];

  lab_pr_envelope (pr, x, y, DRAWN_POINTS);
  add_curve (chart, x, y, DRAWN_POINTS, name, color, flags);
}

/* The averages are drawn in the palette's neutral slate (its 8th colour), micro dashed and
 * macro solid; the classes take the seven hues before it, so no class looks like an average. */
#define AVERAGE_COLOR 7

/* Positions in the filter's list: then one per class. */
enum { FILTER_ALL, FILTER_AVERAGES, FILTER_FIRST_CLASS };

void
lab_evaluation_apply_curve_filter (LabEvaluationPage *self)
{
  guint choice = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->curves_filter));

  for (guint k = 0; k < self->class_series->len; k++)
    {
      guint series = g_array_index (self->class_series, guint, k);
      gboolean visible = choice == FILTER_ALL || choice == FILTER_FIRST_CLASS + k;

      if (series == G_MAXUINT)
        continue;
      lab_chart_series_set_visible (LAB_CHART (self->roc_chart), series, visible);
      lab_chart_series_set_visible (LAB_CHART (self->pr_chart), series, visible);
    }
}

/* The filter lists the classes by name; its choice survives new evaluations of the same
 * classes. */
static void
update_filter_model (LabEvaluationPage  *self,
                     guint               n_classes,
                     const char * const *names)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (self->curves_filter));
  guint n_items = g_list_model_get_n_items (model);
  gboolean same = n_items == FILTER_FIRST_CLASS + n_classes;
  g_autoptr(GtkStringList) list = NULL;

  for (guint k = 0; k < n_classes && same; k++)
    {
      g_autofree char *name = class_label (names, k);

      same = g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), FILTER_FIRST_CLASS + k),
                        name) == 0;
    }
  if (same)
    return;
  list = gtk_string_list_new (NULL);
  gtk_string_list_append (list, _("All classes"));
  gtk_string_list_append (list, _("Averages only"));
  for (guint k = 0; k < n_classes; k++)
    {
      g_autofree char *name = class_label (names, k);

      gtk_string_list_append (list, name);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->curves_filter), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->curves_filter), FILTER_ALL);
}

static void
add_class_curves (LabEvaluationPage  *self,
                  LabEvalCurves      *c,
                  const char * const *names,
                  guint               k,
                  guint               color)
{
  g_autofree char *name = class_label (names, k);
  /* Translators: a legend entry, "Shirt (AUC 0.912)" */
  g_autofree char *roc_name = g_strdup_printf (_("%s (AUC %.3f)"), name, c->roc[k]->area);
  /* Translators: a legend entry, "Shirt (AP 0.733)": average precision */
  g_autofree char *pr_name = g_strdup_printf (_("%s (AP %.3f)"), name, c->pr[k]->area);

  add_roc_curve (self->roc_chart, c->roc[k], roc_name, color, LAB_CHART_SERIES_NONE);
  add_pr_curve (self->pr_chart, c->pr[k], pr_name, color, LAB_CHART_SERIES_NONE);
}

void
lab_evaluation_fill_curves (LabEvaluationPage    *self,
                            LabEvalSnapshot      *snap,
                            const char * const   *names,
                            const LabClassReport *report)
{
  LabEvalCurves *c = snap->curves;
  g_autofree char *positive = NULL;
  g_autofree char *pr_caption = NULL;

  lab_chart_clear (LAB_CHART (self->roc_chart));
  lab_chart_clear (LAB_CHART (self->pr_chart));
  g_array_set_size (self->class_series, 0);
  gtk_widget_set_visible (self->curves_bar, c != NULL && !c->binary && c->n_classes > 2);
  if (c == NULL || c->n_classes == 0)
    return;

  gtk_label_set_text (GTK_LABEL (self->roc_title), c->binary ? _("ROC curve") : _("ROC curves"));
  gtk_label_set_text (GTK_LABEL (self->pr_title),
                      c->binary ? _("Precision-recall curve") : _("Precision-recall curves"));
  if (c->binary)
    {
      positive = class_label (names, 1);
      pr_caption = g_strdup_printf (_("How precise the predictions of “%s” can stay as the "
                                      "threshold falls and more of them are found."), positive);
      gtk_label_set_text (GTK_LABEL (self->pr_caption), pr_caption);
      gtk_label_set_text (GTK_LABEL (self->roc_caption),
                          _("Each point is a threshold: the share of positives found against "
                            "the share of negatives falsely flagged. The dotted line is guessing."));
      if (c->roc[1] == NULL || c->pr[1] == NULL)
        return;
      add_class_curves (self, c, names, 1, 0);
      lab_evaluation_set_markers (self, report);
      return;
    }

  /* After lab_chart_clear () the charts number their series from 0, the classes first. */
  update_filter_model (self, c->n_classes, names);
  for (guint k = 0, next = 0; k < c->n_classes; k++)
    {
      guint series = G_MAXUINT;

      if (c->roc[k] != NULL && c->pr[k] != NULL)
        {
          series = next++;
          add_class_curves (self, c, names, k, k % AVERAGE_COLOR);
        }
      g_array_append_val (self->class_series, series);
    }
  if (c->roc_micro != NULL && c->pr_micro != NULL)
    {
      g_autofree char *roc_name = g_strdup_printf (_("Micro average (AUC %.3f)"), c->roc_micro->area);
      g_autofree char *pr_name = g_strdup_printf (_("Micro average (AP %.3f)"), c->pr_micro->area);

      add_roc_curve (self->roc_chart, c->roc_micro, roc_name, AVERAGE_COLOR,
                     LAB_CHART_SERIES_DASHED);
      add_pr_curve (self->pr_chart, c->pr_micro, pr_name, AVERAGE_COLOR, LAB_CHART_SERIES_DASHED);
    }
  if (c->n_macro > 0)
    {
      g_autofree char *name = g_strdup_printf (_("Macro average (AUC %.3f)"), snap->auc_macro);

      add_curve (self->roc_chart, c->macro_fpr, c->macro_tpr, c->n_macro, name, AVERAGE_COLOR,
                 LAB_CHART_SERIES_NONE);
    }
  gtk_label_set_text (GTK_LABEL (self->roc_caption),
                      _("Each class against all the others. A curve hugging the top-left corner "
                        "separates its class well; the dotted line is guessing."));
  pr_caption = isnan (c->ap_macro)
    ? g_strdup (_("How precise each class’s predictions can stay as more of it is found."))
    : g_strdup_printf (_("How precise each class’s predictions can stay as more of it is found. "
                         "Mean average precision: %.3f."), c->ap_macro);
  gtk_label_set_text (GTK_LABEL (self->pr_caption), pr_caption);
  lab_evaluation_apply_curve_filter (self);
}

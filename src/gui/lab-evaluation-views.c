/* lab-evaluation-views.c: the evaluation page's widgets and its charts
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-evaluation"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-chart.h"
#include "lab-class-table.h"
#include "lab-confusion-view.h"
#include "lab-evaluation-private.h"

/* ---- regression ---- */

/* Predicted against true values, each point a small cross: the chart draws lines, and a NaN
 * between two strokes keeps them apart. */
void
lab_evaluation_fill_scatter (LabEvaluationPage *self,
                             LabEvalSnapshot   *snap)
{
  LabEvalCurves *c = snap->curves;
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  double lo = INFINITY, hi = -INFINITY, d, aspect;
  gsize m = 0;
  guint series;

  lab_chart_clear (LAB_CHART (self->scatter_chart));
  if (c == NULL || c->n_scatter == 0)
    return;
  for (gsize i = 0; i < c->n_scatter; i++)
    {
      lo = MIN (lo, MIN (c->scatter_x[i], c->scatter_y[i]));
      hi = MAX (hi, MAX (c->scatter_x[i], c->scatter_y[i]));
    }
  if (!(hi > lo))
    hi = lo + 1;
  /* Arms of about 3 px both ways: the same data length covers more pixels across a wide chart
   * than up it, so the vertical arm is longer in data units by the chart's aspect. */
  d = (hi - lo) * 0.003;
  {
    int w = gtk_widget_get_width (self->scatter_chart), h = gtk_widget_get_height (self->scatter_chart);

    aspect = w > 0 && h > 0 ? (double) w / h : 2.5;
  }
  x = g_new (double, c->n_scatter * 6);
  y = g_new (double, c->n_scatter * 6);
  for (gsize i = 0; i < c->n_scatter; i++)
    {
      double px = c->scatter_x[i], py = c->scatter_y[i];
      const double seg[6][2] = { { px - d, py }, { px + d, py }, { px, NAN },
                                 { px, py - d * aspect }, { px, py + d * aspect }, { px, NAN } };

      for (guint k = 0; k < 6; k++, m++)
        {
          x[m] = seg[k][0];
          y[m] = seg[k][1];
        }
    }
  lab_chart_set_limits (LAB_CHART (self->scatter_chart), lo, hi, lo, hi);
  series = lab_chart_add_series (LAB_CHART (self->scatter_chart), _("Samples"), 0,
                                 LAB_CHART_SERIES_NONE);
  lab_chart_series_set_data (LAB_CHART (self->scatter_chart), series, x, y, m);
}

/* ---- the figures at the top ---- */

typedef enum { FMT_RATIO, FMT_PERCENT, FMT_LOSS, FMT_ERROR } StatFormat;

static void
set_stat (LabEvaluationPage *self,
          guint              i,
          const char        *title,
          double             value,
          StatFormat         format,
          const char        *tooltip)
{
  g_autofree char *text = NULL;

  if (isnan (value))
    text = g_strdup ("—");
  else if (format == FMT_PERCENT)
    text = g_strdup_printf ("%.1f %%", 100.0 * value);
  else if (format == FMT_LOSS)
    text = g_strdup_printf ("%.4f", value);
  else if (format == FMT_ERROR)
    text = g_strdup_printf ("%.4g", value);
  else
    text = g_strdup_printf ("%.3f", value);
  gtk_label_set_text (GTK_LABEL (self->stat_title[i]), title);
  gtk_label_set_text (GTK_LABEL (self->stat_value[i]), text);
  gtk_widget_set_tooltip_text (self->stat_card[i], tooltip);
}

/* "+1.3 pt" under an accuracy, "−0.0123" under a loss: green when it got better. */
static void
set_delta (LabEvaluationPage *self,
           guint              i,
           LabEvalSnapshot   *snap,
           double             change,
           gboolean           percent,
           gboolean           higher_is_better)
{
  GtkWidget *label = self->stat_delta[i];
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;
  /* A change too small to show in the digits given is no change: "±0.0000", not a green −0. */
  gboolean shown = fabs (change) * (percent ? 1000.0 : 10000.0) >= 0.5;
  const char *sign = !shown ? "±" : change > 0 ? "+" : "−";

  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_set_visible (label, snap->previous_epoch > 0 && isfinite (change));
  if (!gtk_widget_get_visible (label))
    return;
  /* Translators: a change in percentage points, "+1.3 pt" */
  text = percent ? g_strdup_printf (_("%s%.1f pt"), sign, shown ? 100.0 * fabs (change) : 0.0)
                 : g_strdup_printf ("%s%.4f", sign, shown ? fabs (change) : 0.0);
  tip = g_strdup_printf (_("Change since the evaluation after epoch %u"), snap->previous_epoch);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, tip);
  if (shown)
    gtk_widget_add_css_class (label, (change > 0) == higher_is_better ? "success" : "error");
}

void
lab_evaluation_fill_stats (LabEvaluationPage    *self,
                           LabEvalSnapshot      *snap,
                           const LabClassReport *report)
{
  for (guint i = 0; i < LAB_EVAL_N_STATS; i++)
    gtk_widget_set_visible (self->stat_delta[i], FALSE);

  if (report == NULL)
    {
      set_stat (self, 0, _("R²"), snap->regression.r2, FMT_RATIO,
                _("The share of the targets’ variance the model explains: 1 is perfect, 0 is no "
                  "better than always predicting the mean, below 0 is worse than that."));
      set_stat (self, 1, _("Mean squared error"), snap->regression.mse, FMT_ERROR,
                _("The mean of the squared errors. It punishes large errors most, so a few "
                  "outliers can dominate it."));
      set_stat (self, 2, _("Mean absolute error"), snap->regression.mae, FMT_ERROR,
                _("The mean distance between prediction and target, in the targets’ units. It "
                  "is less sensitive to outliers than the squared error."));
      set_stat (self, 3, _("Loss"), snap->loss, FMT_LOSS,
                _("The training loss measured on this split."));
      set_delta (self, 3, snap, snap->loss - snap->previous_loss, FALSE, FALSE);
      return;
    }

  set_stat (self, 0, _("Accuracy"), report->accuracy, FMT_PERCENT,
            _("The share of samples whose predicted class is right. With unbalanced classes it "
              "can look good while a small class is always missed: check each class’s recall."));
  set_stat (self, 1, _("Loss"), snap->loss, FMT_LOSS,
            _("The training loss measured on this split. When it rises while the training loss "
              "keeps falling, the model has started to overfit."));
  set_delta (self, 1, snap, snap->loss - snap->previous_loss, FALSE, FALSE);
  /* The shown accuracy of a two-class task follows the threshold; the last one was at 0.5. */
  if (!lab_eval_snapshot_is_binary (snap) || self->threshold == 0.5)
    set_delta (self, 0, snap, report->accuracy - snap->previous_accuracy, TRUE, TRUE);
  if (lab_eval_snapshot_is_binary (snap))
    {
      LabEvalCurves *c = snap->curves;

      set_stat (self, 2, _("ROC AUC"), snap->auc_macro, FMT_RATIO,
                _("The chance that a random positive sample scores higher than a random negative "
                  "one: 1 is perfect, 0.5 is guessing. It does not depend on the threshold."));
      set_stat (self, 3, _("Average precision"), c && c->pr[1] ? c->pr[1]->area : NAN, FMT_RATIO,
                _("The area under the precision-recall curve: how precise the model stays as it "
                  "finds more positives. More telling than the AUC when positives are rare."));
    }
  else
    {
      set_stat (self, 2, _("ROC AUC, macro"), snap->auc_macro, FMT_RATIO,
                _("The mean of the one-vs-rest AUCs of the classes, each class counting the "
                  "same: 1 is perfect, 0.5 is guessing."));
      set_stat (self, 3, _("ROC AUC, micro"), snap->auc_micro, FMT_RATIO,
                _("The AUC of all (sample, class) pairs pooled, so large classes weigh more."));
    }
}

/* ---- widgets ---- */

/* Layout: side by side when wide, stacked when narrow. */

/* The narrowest the stacked layout needs; the page never asks for more, so the window can
 * shrink to it while the cards are still side by side (they are stacked on the next frame). */
#define NARROW_MIN_WIDTH 520

void
lab_evaluation_page_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  LabEvaluationPage *self = LAB_EVALUATION_PAGE (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    {
      int min_width;

      gtk_widget_measure (self->stack, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      for_size = MAX (for_size, min_width);
    }
  gtk_widget_measure (self->stack, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN (*minimum, NARROW_MIN_WIDTH);
      *natural = MAX (*natural, *minimum);
    }
}

static gboolean
relayout_cb (gpointer user_data)
{
  LabEvaluationPage *self = user_data;

  self->relayout_id = 0;
  lab_evaluation_set_narrow (self, gtk_widget_get_width (GTK_WIDGET (self)) < LAB_EVAL_NARROW_WIDTH);
  return G_SOURCE_REMOVE;
}

void
lab_evaluation_page_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  LabEvaluationPage *self = LAB_EVALUATION_PAGE (widget);
  gboolean narrow = width < LAB_EVAL_NARROW_WIDTH;
  int min_width;

  /* Changing the rows' orientation now would resize what is being allocated: do it right
   * after, and until then let the wider layout overflow (clipped) for one frame. */
  if (narrow != self->narrow && self->relayout_id == 0)
    self->relayout_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, relayout_cb, self, NULL);
  gtk_widget_measure (self->stack, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_allocate (self->stack, MAX (width, min_width), height, baseline, NULL);
}

void
lab_evaluation_set_narrow (LabEvaluationPage *self,
                           gboolean           narrow)
{
  GtkOrientation o = narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;

  self->narrow = narrow;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->class_row), o);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->curves_row), o);
}

static GtkWidget *
make_label (const char *text,
            const char *css_class,
            gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  return label;
}

/* A card with a heading, a caption under it and a body; the labels are returned if asked. */
static GtkWidget *
make_card (const char  *title,
           const char  *caption,
           GtkWidget   *body,
           GtkWidget  **title_out,
           GtkWidget  **caption_out)
{
  GtkWidget *title_label = make_label (title, "heading", FALSE);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *caption_label = make_label (caption, "caption", TRUE);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (inner, 12);
  gtk_widget_set_margin_bottom (inner, 12);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_box_append (GTK_BOX (inner), title_label);
  gtk_box_append (GTK_BOX (inner), caption_label);
  gtk_widget_set_margin_bottom (caption_label, 6);
  gtk_box_append (GTK_BOX (inner), body);
  gtk_box_append (GTK_BOX (card), inner);
  if (title_out != NULL)
    *title_out = title_label;
  if (caption_out != NULL)
    *caption_out = caption_label;
  return card;
}

static GtkWidget *
make_chart (const char *accessible_name,
            const char *x_label,
            const char *y_label,
            gboolean    unit_square)
{
  GtkWidget *chart = lab_chart_new ();

  lab_chart_set_axis_labels (LAB_CHART (chart), x_label, y_label);
  if (unit_square)
    lab_chart_set_limits (LAB_CHART (chart), 0, 1, 0, 1.02);
  lab_chart_set_show_diagonal (LAB_CHART (chart), TRUE);
  gtk_widget_set_size_request (chart, -1, 320);
  gtk_widget_set_vexpand (chart, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return chart;
}

static GtkWidget *
build_toolbar (LabEvaluationPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_set_margin_top (bar, 12);
  gtk_widget_set_margin_start (bar, 18);
  gtk_widget_set_margin_end (bar, 18);
  gtk_widget_add_css_class (linked, "linked");

  self->validation_toggle = gtk_toggle_button_new_with_label (_("Validation"));
  self->test_toggle = gtk_toggle_button_new_with_label (_("Test"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->test_toggle),
                               GTK_TOGGLE_BUTTON (self->validation_toggle));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->validation_toggle), TRUE);
  gtk_widget_set_tooltip_text (self->validation_toggle,
                               _("The validation set, evaluated after every epoch: data the "
                                 "model does not train on, used to compare settings."));
  gtk_widget_set_tooltip_text (self->test_toggle,
                               _("The test set, evaluated when you ask for it: the honest final "
                                 "figures, as long as no setting was chosen by them."));
  gtk_box_append (GTK_BOX (linked), self->validation_toggle);
  gtk_box_append (GTK_BOX (linked), self->test_toggle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (linked), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Split shown"), -1);

  self->describe_label = make_label ("", "dim-label", FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (self->describe_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->describe_label, TRUE);

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_tooltip_text (self->spinner, _("Evaluating on the test set…"));
  self->test_button = gtk_button_new_with_mnemonic (_("Evaluate on _Test Set"));

  gtk_box_append (GTK_BOX (bar), linked);
  gtk_box_append (GTK_BOX (bar), self->describe_label);
  gtk_box_append (GTK_BOX (bar), self->spinner);
  gtk_box_append (GTK_BOX (bar), self->test_button);
  return bar;
}

static GtkWidget *
build_stats (LabEvaluationPage *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  for (guint i = 0; i < LAB_EVAL_N_STATS; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *row_box;

      gtk_widget_add_css_class (card, "card");
      self->stat_title[i] = make_label ("", "caption-heading", FALSE);
      gtk_widget_add_css_class (self->stat_title[i], "dim-label");
      self->stat_value[i] = make_label ("", "title-2", FALSE);
      gtk_widget_add_css_class (self->stat_value[i], "numeric");
      for (guint k = 0; k < 2; k++)
        {
          GtkWidget *w = k == 0 ? self->stat_title[i] : self->stat_value[i];

          gtk_widget_set_margin_start (w, 12);
          gtk_widget_set_margin_end (w, 12);
          gtk_label_set_ellipsize (GTK_LABEL (w), PANGO_ELLIPSIZE_END);
        }
      gtk_widget_set_margin_top (self->stat_title[i], 12);
      gtk_box_append (GTK_BOX (card), self->stat_title[i]);
      self->stat_delta[i] = make_label ("", "caption", FALSE);
      gtk_widget_add_css_class (self->stat_delta[i], "numeric");
      gtk_widget_set_valign (self->stat_delta[i], GTK_ALIGN_BASELINE);
      gtk_widget_set_valign (self->stat_value[i], GTK_ALIGN_BASELINE);
      gtk_widget_set_margin_end (self->stat_value[i], 0);
      gtk_widget_set_margin_end (self->stat_delta[i], 12);
      gtk_widget_set_visible (self->stat_delta[i], FALSE);
      row_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      gtk_widget_set_margin_bottom (row_box, 12);
      gtk_box_append (GTK_BOX (row_box), self->stat_value[i]);
      gtk_box_append (GTK_BOX (row_box), self->stat_delta[i]);
      gtk_box_append (GTK_BOX (card), row_box);
      self->stat_card[i] = card;
      gtk_box_append (GTK_BOX (row), card);
    }
  return row;
}

static GtkWidget *
build_threshold (LabEvaluationPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  const char *tip = _("A sample is predicted as the second class when the model gives it a "
                      "probability above this threshold. Lower it to find more of that class "
                      "(higher recall) at the price of more false alarms (lower precision). "
                      "The confusion matrix and the table follow; the marker on both curves "
                      "shows where you are. 0.5 is the usual choice.");

  self->threshold_scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0.0, 1.0, 0.01);
  gtk_range_set_value (GTK_RANGE (self->threshold_scale), self->threshold);
  gtk_scale_add_mark (GTK_SCALE (self->threshold_scale), 0.5, GTK_POS_BOTTOM, NULL);
  gtk_widget_set_hexpand (self->threshold_scale, TRUE);
  gtk_widget_set_tooltip_text (self->threshold_scale, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->threshold_scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Decision threshold"), -1);
  self->threshold_label = make_label ("0.50", "numeric", FALSE);
  gtk_widget_add_css_class (self->threshold_label, "heading");
  gtk_box_append (GTK_BOX (box), self->threshold_scale);
  gtk_box_append (GTK_BOX (box), self->threshold_label);

  self->threshold_card = make_card (_("Decision threshold"),
                                    _("Move it to trade missed positives against false alarms."),
                                    box, NULL, NULL);
  gtk_widget_set_tooltip_text (self->threshold_card, tip);
  return self->threshold_card;
}

static GtkWidget *
build_curves_bar (LabEvaluationPage *self)
{
  GtkWidget *label = make_label (_("Show the curves of"), "dim-label", FALSE);
  const char *tip = _("With many classes the curves crowd each other: pick one class to see "
                      "it alone beside the averages, or only the averages.");

  self->curves_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->curves_filter = gtk_drop_down_new_from_strings ((const char *[]) { _("All classes"),
                                                                          _("Averages only"),
                                                                          NULL });
  gtk_widget_set_tooltip_text (self->curves_filter, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->curves_filter),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show the curves of"), -1);
  gtk_box_append (GTK_BOX (self->curves_bar), label);
  gtk_box_append (GTK_BOX (self->curves_bar), self->curves_filter);
  return self->curves_bar;
}

static GtkWidget *
build_status (void)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "view-grid-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Evaluation Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Train the model to see how it does on data it does not "
                                     "learn from: after every epoch the validation set is "
                                     "evaluated here, with a confusion matrix, per-class "
                                     "metrics and ROC and precision-recall curves."));
  return status;
}

void
lab_evaluation_page_build (LabEvaluationPage *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *confusion_card, *table_card;

  self->stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
  gtk_stack_add_named (GTK_STACK (self->stack), build_status (), "empty");

  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 18);
  gtk_widget_set_margin_start (body, 18);
  gtk_widget_set_margin_end (body, 18);
  gtk_box_append (GTK_BOX (body), build_stats (self));
  gtk_box_append (GTK_BOX (body), build_threshold (self));

  self->confusion = lab_confusion_view_new ();
  gtk_widget_set_vexpand (self->confusion, TRUE);
  confusion_card = make_card (_("Confusion matrix"),
                              _("Rows are the true classes, columns the predictions; the shade is "
                                "the share of the row. Click a cell to see its samples."),
                              self->confusion, NULL, NULL);
  gtk_widget_set_hexpand (confusion_card, TRUE);
  self->table = lab_class_table_new ();
  table_card = make_card (_("Per-class metrics"),
                          _("Hover over a heading to learn what it measures."), self->table, NULL, NULL);
  gtk_widget_set_valign (table_card, GTK_ALIGN_START);
  self->class_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_box_append (GTK_BOX (self->class_row), confusion_card);
  gtk_box_append (GTK_BOX (self->class_row), table_card);
  gtk_box_append (GTK_BOX (body), self->class_row);

  self->roc_chart = make_chart (_("ROC curves"), _("False-positive rate"),
                                _("True-positive rate (recall)"), TRUE);
  self->pr_chart = make_chart (_("Precision-recall curves"), _("Recall"), _("Precision"), TRUE);
  lab_chart_set_show_diagonal (LAB_CHART (self->pr_chart), FALSE);
  self->curves_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_box_set_homogeneous (GTK_BOX (self->curves_row), TRUE);
  gtk_box_append (GTK_BOX (self->curves_row),
                  make_card (_("ROC curves"), "", self->roc_chart, &self->roc_title,
                             &self->roc_caption));
  gtk_box_append (GTK_BOX (self->curves_row),
                  make_card (_("Precision-recall curves"), "", self->pr_chart, &self->pr_title,
                             &self->pr_caption));
  gtk_box_append (GTK_BOX (body), build_curves_bar (self));
  gtk_box_append (GTK_BOX (body), self->curves_row);

  self->scatter_chart = make_chart (_("Predicted against true values"), _("True value"),
                                    _("Predicted value"), FALSE);
  gtk_widget_set_size_request (self->scatter_chart, -1, 420);
  self->scatter_card = make_card (_("Predicted against true values"),
                                  _("Each cross is a sample (at most 2,000 are drawn); on the "
                                    "dotted line the prediction equals the target."),
                                  self->scatter_chart, NULL, NULL);
  gtk_box_append (GTK_BOX (body), self->scatter_card);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1600);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 1400);
  adw_clamp_set_child (ADW_CLAMP (clamp), body);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  /* The viewport gives its child the minimum height unless told otherwise: the heat map and the
   * charts should get the room they ask for and let the page scroll. */
  gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled))),
                                     GTK_SCROLL_NATURAL);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), build_toolbar (self));
  gtk_box_append (GTK_BOX (content), scrolled);
  gtk_stack_add_named (GTK_STACK (self->stack), content, "content");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

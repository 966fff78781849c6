/* lab-evaluation-page.c
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

G_DEFINE_FINAL_TYPE (LabEvaluationPage, lab_evaluation_page, GTK_TYPE_WIDGET)


static const LabDataset *
dataset_of (LabEvaluationPage *self,
            LabSplit           split)
{
  if (self->session != NULL)
    return lab_train_session_get_dataset (self->session, split);
  return self->datasets[split == LAB_SPLIT_TEST ? 1 : 0];
}

/* The names to show: those set on the page, else the data's, else none (numbers). */
static const char * const *
class_names (LabEvaluationPage     *self,
             const LabEvalSnapshot *snap)
{
  const LabDataset *data;

  if (self->class_names != NULL)
    return (const char * const *) self->class_names;
  data = dataset_of (self, snap->split);
  if (data != NULL && data->class_names != NULL && data->n_classes == snap->n_classes)
    return (const char * const *) data->class_names;
  /* Unnamed classes are "Class 3" everywhere: heat map, table, legends and the samples. */
  if (self->fallback_names == NULL || g_strv_length (self->fallback_names) != snap->n_classes)
    {
      g_strfreev (self->fallback_names);
      self->fallback_names = g_new0 (char *, snap->n_classes + 1);
      for (guint k = 0; k < snap->n_classes; k++)
        self->fallback_names[k] = g_strdup_printf (_("Class %u"), k);
    }
  return (const char * const *) self->fallback_names;
}

static LabEvalSnapshot *
shown_snapshot (LabEvaluationPage *self)
{
  return self->snapshots[self->shown];
}

/* The report the views show: at the slider's threshold for two-class tasks. */
static const LabClassReport *
shown_report (LabEvaluationPage *self)
{
  LabEvalSnapshot *snap = shown_snapshot (self);

  if (snap == NULL || snap->report == NULL)
    return NULL;
  if (!lab_eval_snapshot_is_binary (snap))
    return snap->report;
  g_clear_pointer (&self->threshold_report, lab_class_report_free);
  self->threshold_report = lab_class_report_new_binary (snap->targets, snap->scores, snap->n,
                                                        snap->out_size, self->threshold);
  return self->threshold_report;
}

static void
update_class_views (LabEvaluationPage *self)
{
  LabEvalSnapshot *snap = shown_snapshot (self);
  const LabClassReport *report = shown_report (self);
  const char * const *names = class_names (self, snap);

  lab_confusion_view_set_matrix (LAB_CONFUSION_VIEW (self->confusion), report->n_classes,
                                 report->counts, names);
  lab_class_table_set_report (LAB_CLASS_TABLE (self->table), report, names);
  lab_evaluation_fill_stats (self, shown_snapshot (self), report);
}

static void
update_test_button (LabEvaluationPage *self)
{
  gboolean has_weights = self->session && lab_train_session_has_weights (self->session);
  gboolean has_test = self->session &&
                      lab_train_session_get_dataset (self->session, LAB_SPLIT_TEST) != NULL;

  gtk_widget_set_visible (self->test_button, self->session != NULL);
  gtk_widget_set_sensitive (self->test_button, has_weights && has_test && !self->test_pending);
  gtk_widget_set_visible (self->spinner, self->test_pending);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->test_pending);
  if (!has_weights)
    gtk_widget_set_tooltip_text (self->test_button, _("Train the model first."));
  else if (!has_test)
    gtk_widget_set_tooltip_text (self->test_button,
                                 _("This project has no test set: give the data a test fraction "
                                   "in the training settings."));
  else
    gtk_widget_set_tooltip_text (self->test_button,
                                 _("Evaluates the current weights on the test set, which "
                                   "training never sees. Do it once you are done: settings "
                                   "chosen by their test results make the test figures "
                                   "optimistic."));
  gtk_widget_set_sensitive (self->test_toggle, self->snapshots[1] != NULL);
}

static void
update_view (LabEvaluationPage *self)
{
  LabEvalSnapshot *snap = shown_snapshot (self);
  gboolean classification, binary;
  g_autofree char *describe = NULL;

  /* A small model can finish dozens of epochs a second: while it trains behind another view,
   * the page catches up when it is shown instead of redrawing every evaluation unseen. */
  self->view_stale = !gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                     self->session != NULL && lab_train_session_is_busy (self->session);
  if (self->view_stale)
    return;
  update_test_button (self);
  if (snap == NULL)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "content");
  describe = lab_eval_snapshot_describe (snap);
  gtk_label_set_text (GTK_LABEL (self->describe_label), describe);

  classification = snap->n_classes > 0 && snap->report != NULL;
  binary = lab_eval_snapshot_is_binary (snap);
  gtk_widget_set_visible (self->class_row, classification);
  gtk_widget_set_visible (self->curves_row,
                          classification && (binary || snap->out_size == snap->n_classes));
  if (!gtk_widget_get_visible (self->curves_row))
    gtk_widget_set_visible (self->curves_bar, FALSE);
  gtk_widget_set_visible (self->threshold_card, binary);
  gtk_widget_set_visible (self->scatter_card, !classification);
  if (classification)
    {
      update_class_views (self);
      lab_evaluation_fill_curves (self, snap, class_names (self, snap), self->threshold_report);
    }
  else
    {
      lab_evaluation_fill_stats (self, snap, NULL);
      lab_evaluation_fill_scatter (self, snap);
    }
}

static void
on_curves_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LabEvaluationPage *self = LAB_EVALUATION_PAGE (source);
  LabEvalSnapshot *snap = NULL;
  g_autoptr(GError) error = NULL;
  LabEvalCurves *curves = lab_eval_curves_compute_finish (result, &snap, &error);

  /* NULL when cancelled: the page went away or a newer evaluation replaced this one. */
  if (curves == NULL)
    return;
  g_clear_pointer (&snap->curves, lab_eval_curves_free);
  snap->curves = curves;
  if (snap == shown_snapshot (self))
    update_view (self);
}

void
lab_evaluation_page_show (LabEvaluationPage   *self,
                          LabSplit             split,
                          const LabEvaluation *eval,
                          guint                epoch)
{
  LabEvalSnapshot *previous;
  int i;

  g_return_if_fail (LAB_IS_EVALUATION_PAGE (self));
  g_return_if_fail (eval != NULL);
  g_return_if_fail (split == LAB_SPLIT_VALIDATION || split == LAB_SPLIT_TEST);

  i = split == LAB_SPLIT_TEST ? 1 : 0;
  g_cancellable_cancel (self->cancellables[i]);
  g_clear_object (&self->cancellables[i]);
  previous = g_steal_pointer (&self->snapshots[i]);

  self->snapshots[i] = lab_eval_snapshot_new (split, epoch, eval);
  /* The change since the last evaluation of this split, if it was of the same task. */
  if (previous != NULL && previous->n_classes == eval->n_classes && previous->epoch > 0 &&
      previous->epoch < epoch)
    {
      self->snapshots[i]->previous_epoch = previous->epoch;
      self->snapshots[i]->previous_loss = previous->loss;
      self->snapshots[i]->previous_accuracy = previous->report ? previous->report->accuracy : NAN;
    }
  g_clear_pointer (&previous, lab_eval_snapshot_unref);
  self->cancellables[i] = g_cancellable_new ();
  lab_eval_curves_compute_async (self, self->snapshots[i], self->cancellables[i],
                                 on_curves_done, NULL);

  /* A test evaluation was asked for: show it. Validation updates what is shown only when the
   * user looks at validation (or at nothing yet). */
  if (split == LAB_SPLIT_TEST)
    {
      self->test_pending = FALSE;
      self->shown = 1;
    }
  else if (self->snapshots[self->shown] == NULL)
    self->shown = 0;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->shown ? self->test_toggle
                                                               : self->validation_toggle), TRUE);
  if (self->shown == i)
    update_view (self);
  else
    update_test_button (self);
}

void
lab_evaluation_page_set_class_names (LabEvaluationPage  *self,
                                     const char * const *names)
{
  g_return_if_fail (LAB_IS_EVALUATION_PAGE (self));

  g_strfreev (self->class_names);
  self->class_names = g_strdupv ((char **) names);
  if (shown_snapshot (self) != NULL)
    update_view (self);
}

void
lab_evaluation_page_set_dataset (LabEvaluationPage *self,
                                 LabSplit           split,
                                 const LabDataset  *data)
{
  g_return_if_fail (LAB_IS_EVALUATION_PAGE (self));

  self->datasets[split == LAB_SPLIT_TEST ? 1 : 0] = data;
}

/* Signals of the session. */

static void
on_progress (LabTrainSession     *session,
             const LabTrainPoint *point,
             LabEvaluationPage   *self)
{
  if (point->end_of_epoch)
    self->last_epoch = point->epoch;
}

static void
on_evaluated (LabTrainSession   *session,
              int                split,
              LabEvaluation     *eval,
              LabEvaluationPage *self)
{
  if (split != LAB_SPLIT_VALIDATION && split != LAB_SPLIT_TEST)
    return;
  lab_evaluation_page_show (self, (LabSplit) split, eval, self->last_epoch);
}

static void
forget_evaluations (LabEvaluationPage *self)
{
  for (guint i = 0; i < 2; i++)
    {
      g_cancellable_cancel (self->cancellables[i]);
      g_clear_object (&self->cancellables[i]);
      g_clear_pointer (&self->snapshots[i], lab_eval_snapshot_unref);
    }
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  self->shown = 0;
  self->test_pending = FALSE;
  self->last_epoch = 0;
  update_view (self);
}

static void
on_session_changed (LabEvaluationPage *self)
{
  /* Forgotten weights (Reset): what the page shows no longer describes any model. */
  if (!lab_train_session_has_weights (self->session))
    {
      forget_evaluations (self);
      return;
    }
  update_test_button (self);
}

static void
on_prepared (LabEvaluationPage *self)
{
  const LabDataset *val = lab_train_session_get_dataset (self->session, LAB_SPLIT_VALIDATION);

  /* "Train again" keeps the splits; new ones mean a fresh model on other data, which the
   * evaluations shown so far do not describe. */
  if (val != self->prepared_val && self->prepared_val != NULL)
    forget_evaluations (self);
  self->prepared_val = val;
  update_test_button (self);
}

/* Controls. */

static void
on_split_toggled (GtkToggleButton   *button,
                  LabEvaluationPage *self)
{
  int i;

  if (!gtk_toggle_button_get_active (button))
    return;
  i = GTK_WIDGET (button) == self->test_toggle ? 1 : 0;
  if (i == self->shown || self->snapshots[i] == NULL)
    return;
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  self->shown = i;
  update_view (self);
}

static void
on_evaluation_failed (LabTrainSession   *session,
                      int                split,
                      const GError      *error,
                      LabEvaluationPage *self)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  if (split == LAB_SPLIT_TEST)
    self->test_pending = FALSE;
  update_test_button (self);
  /* translators: %s says why, e.g. that memory ran out */
  text = g_strdup_printf (_("Could not evaluate the model: %s"), error != NULL ? error->message : "");
  markup = g_markup_escape_text (text, -1);   /* a toast's title is markup */
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
  else
    g_warning ("%s", text);
}

static void
on_test_clicked (LabEvaluationPage *self)
{
  if (self->session == NULL)
    return;
  self->test_pending = TRUE;
  update_test_button (self);
  lab_train_session_evaluate (self->session, LAB_SPLIT_TEST);
}

static void
on_threshold_changed (GtkRange          *range,
                      LabEvaluationPage *self)
{
  g_autofree char *text = NULL;

  self->threshold = gtk_range_get_value (range);
  text = g_strdup_printf ("%.2f", self->threshold);
  gtk_label_set_text (GTK_LABEL (self->threshold_label), text);
  if (shown_snapshot (self) == NULL || !lab_eval_snapshot_is_binary (shown_snapshot (self)))
    return;
  update_class_views (self);
  if (shown_snapshot (self)->curves != NULL)
    lab_evaluation_set_markers (self, self->threshold_report);
}

static void
on_popover_closed (GtkPopover        *popover,
                   LabEvaluationPage *self)
{
  lab_confusion_view_set_selected (LAB_CONFUSION_VIEW (self->confusion), -1, -1);
}

static void
on_cell_activated (LabConfusionView  *view,
                   guint              true_class,
                   guint              predicted_class,
                   LabEvaluationPage *self)
{
  LabEvalSnapshot *snap = shown_snapshot (self);
  GdkRectangle rect;

  if (snap == NULL || true_class >= snap->n_classes || predicted_class >= snap->n_classes)
    return;
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  self->popover = lab_eval_samples_popover_new (snap, dataset_of (self, snap->split),
                                                class_names (self, snap), true_class,
                                                predicted_class, self->threshold);
  gtk_widget_set_parent (self->popover, self->confusion);
  if (lab_confusion_view_get_cell_rect (view, true_class, predicted_class, &rect))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  g_signal_connect (self->popover, "closed", G_CALLBACK (on_popover_closed), self);
  lab_confusion_view_set_selected (view, (int) true_class, (int) predicted_class);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}


/* GObject. */

static void
lab_evaluation_page_dispose (GObject *object)
{
  LabEvaluationPage *self = LAB_EVALUATION_PAGE (object);

  for (guint i = 0; i < 2; i++)
    {
      g_cancellable_cancel (self->cancellables[i]);
      g_clear_object (&self->cancellables[i]);
      g_clear_pointer (&self->snapshots[i], lab_eval_snapshot_unref);
    }
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_handle_id (&self->relayout_id, g_source_remove);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->stack, gtk_widget_unparent);

  G_OBJECT_CLASS (lab_evaluation_page_parent_class)->dispose (object);
}

static void
lab_evaluation_page_finalize (GObject *object)
{
  LabEvaluationPage *self = LAB_EVALUATION_PAGE (object);

  g_clear_pointer (&self->threshold_report, lab_class_report_free);
  g_clear_pointer (&self->class_series, g_array_unref);
  g_strfreev (self->class_names);
  g_strfreev (self->fallback_names);

  G_OBJECT_CLASS (lab_evaluation_page_parent_class)->finalize (object);
}

static void
lab_evaluation_page_map (GtkWidget *widget)
{
  LabEvaluationPage *self = LAB_EVALUATION_PAGE (widget);

  GTK_WIDGET_CLASS (lab_evaluation_page_parent_class)->map (widget);
  if (self->view_stale)
    update_view (self);
}

static void
lab_evaluation_page_class_init (LabEvaluationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_evaluation_page_dispose;
  object_class->finalize = lab_evaluation_page_finalize;
  widget_class->measure = lab_evaluation_page_measure;
  widget_class->size_allocate = lab_evaluation_page_size_allocate;
  widget_class->map = lab_evaluation_page_map;
  gtk_widget_class_set_css_name (widget_class, "evaluationpage");
}

static void
lab_evaluation_page_init (LabEvaluationPage *self)
{
  self->threshold = 0.5;
  self->class_series = g_array_new (FALSE, FALSE, sizeof (guint));
  lab_evaluation_page_build (self);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  g_signal_connect (self->validation_toggle, "toggled", G_CALLBACK (on_split_toggled), self);
  g_signal_connect (self->test_toggle, "toggled", G_CALLBACK (on_split_toggled), self);
  g_signal_connect_swapped (self->test_button, "clicked", G_CALLBACK (on_test_clicked), self);
  g_signal_connect (self->threshold_scale, "value-changed", G_CALLBACK (on_threshold_changed), self);
  g_signal_connect (self->confusion, "cell-activated", G_CALLBACK (on_cell_activated), self);
  g_signal_connect_swapped (self->curves_filter, "notify::selected",
                            G_CALLBACK (lab_evaluation_apply_curve_filter), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Evaluation"), -1);
}

GtkWidget *
lab_evaluation_page_new (LabTrainSession *session)
{
  LabEvaluationPage *self;

  g_return_val_if_fail (session == NULL || LAB_IS_TRAIN_SESSION (session), NULL);

  self = g_object_new (LAB_TYPE_EVALUATION_PAGE, NULL);
  if (session != NULL)
    {
      self->session = g_object_ref (session);
      g_signal_connect (session, "progress", G_CALLBACK (on_progress), self);
      g_signal_connect (session, "evaluated", G_CALLBACK (on_evaluated), self);
      g_signal_connect (session, "evaluation-failed", G_CALLBACK (on_evaluation_failed), self);
      g_signal_connect_swapped (session, "notify::has-weights",
                                G_CALLBACK (on_session_changed), self);
      g_signal_connect_swapped (session, "state-changed", G_CALLBACK (on_session_changed), self);
      g_signal_connect_swapped (session, "prepared", G_CALLBACK (on_prepared), self);
      self->prepared_val = lab_train_session_get_dataset (session, LAB_SPLIT_VALIDATION);
    }
  update_view (self);
  return GTK_WIDGET (self);
}

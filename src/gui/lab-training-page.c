/* lab-training-page.c: the window's "Training" page: run controls, progress and live curves
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the first run a status page says what will appear. Then: a banner when a run ends
 * with something to say (stopped, diverged, failed to start), the run controls, and three
 * charts: the loss and the accuracy (training per batch, smoothed, and per epoch; validation
 * per epoch) and the learning rate. The x axis counts epochs, batches falling in between, so
 * that "Train again" simply extends the curves.
 */
#define G_LOG_DOMAIN "lab-training-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-chart.h"
#include "lab-train-panel.h"
#include "lab-training-page.h"

enum { SERIES_TRAIN_BATCH, SERIES_TRAIN_EPOCH, SERIES_VAL_EPOCH, N_SERIES };

struct _LabTrainingPage
{
  GtkWidget        parent_instance;

  LabTrainSession *session;
  GtkWidget       *stack;
  GtkWidget       *banner;
  GtkWidget       *banner_title;
  GtkWidget       *banner_text;
  GtkWidget       *panel;
  GtkWidget       *loss;
  GtkWidget       *accuracy;
  GtkWidget       *accuracy_card;
  GtkWidget       *lr;
  guint            loss_series[N_SERIES];
  guint            acc_series[N_SERIES];
  guint            lr_series;
  double           last_val_accuracy;
  double           last_val_loss;
  guint            last_epoch;
  double           max_lr;
};

G_DEFINE_FINAL_TYPE (LabTrainingPage, lab_training_page, GTK_TYPE_WIDGET)

enum {
  TRAIN_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- charts --------------------------------------------------------------------------- */

static void
add_curve_series (LabChart *chart,
                  guint    *series)
{
  series[SERIES_TRAIN_BATCH] = lab_chart_add_series (chart, _("Training, per batch"), 0,
                                                     LAB_CHART_SERIES_SMOOTHED);
  series[SERIES_TRAIN_EPOCH] = lab_chart_add_series (chart, _("Training, per epoch"), 0,
                                                     LAB_CHART_SERIES_MARKERS |
                                                     LAB_CHART_SERIES_DASHED);
  series[SERIES_VAL_EPOCH] = lab_chart_add_series (chart, _("Validation"), 1,
                                                   LAB_CHART_SERIES_MARKERS);
}

/* On a linear scale the rate's axis starts at 0, so that a constant rate reads as its value and
 * a schedule as a share of where it began (fitting the data alone would centre a flat line on
 * nothing); a log scale has no 0 and fits the data. */
static void
apply_lr_limits (LabTrainingPage *self)
{
  LabChart *chart = LAB_CHART (self->lr);

  if (self->max_lr > 0 && lab_chart_get_y_scale (chart) == LAB_CHART_SCALE_LINEAR)
    lab_chart_set_limits (chart, NAN, NAN, 0, 1.1 * self->max_lr);
  else
    lab_chart_set_limits (chart, NAN, NAN, NAN, NAN);
}

static void
reset_charts (LabTrainingPage *self)
{
  lab_chart_clear (LAB_CHART (self->loss));
  lab_chart_clear (LAB_CHART (self->accuracy));
  lab_chart_clear (LAB_CHART (self->lr));
  add_curve_series (LAB_CHART (self->loss), self->loss_series);
  add_curve_series (LAB_CHART (self->accuracy), self->acc_series);
  self->lr_series = lab_chart_add_series (LAB_CHART (self->lr), _("Learning rate"), 2,
                                          LAB_CHART_SERIES_NONE);
  gtk_widget_set_visible (self->accuracy_card, TRUE);
  self->last_val_accuracy = self->last_val_loss = NAN;
  self->last_epoch = 0;
  self->max_lr = 0;
  apply_lr_limits (self);
}

static GtkWidget *
chart_card (GtkWidget   *chart,
            const char  *title,
            const char  *tooltip,
            const char  *y_label,
            gboolean     log_toggle)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (card, "card");
  /* The same height with or without the toggle, so that neighbouring charts line up. */
  gtk_widget_set_size_request (header, -1, 34);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 6);
  gtk_widget_set_margin_top (header, 6);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (header), label);
  if (log_toggle)
    {
      GtkWidget *log = gtk_toggle_button_new_with_label (_("Log"));

      gtk_widget_add_css_class (log, "flat");
      gtk_widget_add_css_class (log, "caption");
      gtk_widget_set_tooltip_text (log, _("Logarithmic scale: equal steps for equal ratios, so "
                                          "the late, slow progress of a falling loss stays "
                                          "visible next to its large early values"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (log), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Logarithmic scale"), -1);
      g_object_bind_property (log, "active", chart, "log-scale",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      gtk_box_append (GTK_BOX (header), log);
    }
  gtk_box_append (GTK_BOX (card), header);

  lab_chart_set_axis_labels (LAB_CHART (chart), _("Epoch"), y_label);
  gtk_widget_set_tooltip_text (chart, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_set_vexpand (chart, TRUE);
  gtk_widget_set_hexpand (chart, TRUE);
  gtk_widget_set_margin_start (chart, 6);
  gtk_widget_set_margin_end (chart, 6);
  gtk_widget_set_margin_bottom (chart, 6);
  gtk_box_append (GTK_BOX (card), chart);
  return card;
}

/* ---- session -------------------------------------------------------------------------- */

static void
on_progress (LabTrainingPage     *self,
             const LabTrainPoint *p)
{
  LabChart *loss = LAB_CHART (self->loss);
  LabChart *acc = LAB_CHART (self->accuracy);

  if (!p->end_of_epoch)
    {
      double x = (p->epoch - 1) + (double) p->batch / MAX (p->n_batches, 1);

      lab_chart_series_append (loss, self->loss_series[SERIES_TRAIN_BATCH], x, p->loss);
      if (!isnan (p->accuracy))
        lab_chart_series_append (acc, self->acc_series[SERIES_TRAIN_BATCH], x, p->accuracy);
      lab_chart_series_append (LAB_CHART (self->lr), self->lr_series, x, p->lr);
      if (p->lr > self->max_lr && isfinite (p->lr))
        {
          self->max_lr = p->lr;
          apply_lr_limits (self);
        }
      return;
    }

  lab_chart_series_append (loss, self->loss_series[SERIES_TRAIN_EPOCH], p->epoch, p->loss);
  if (isfinite (p->val_loss))
    lab_chart_series_append (loss, self->loss_series[SERIES_VAL_EPOCH], p->epoch, p->val_loss);
  if (isnan (p->accuracy))
    gtk_widget_set_visible (self->accuracy_card, FALSE);   /* regression */
  else
    lab_chart_series_append (acc, self->acc_series[SERIES_TRAIN_EPOCH], p->epoch, p->accuracy);
  if (isfinite (p->val_accuracy))
    lab_chart_series_append (acc, self->acc_series[SERIES_VAL_EPOCH], p->epoch, p->val_accuracy);
  self->last_val_accuracy = p->val_accuracy;
  self->last_val_loss = p->val_loss;
  self->last_epoch = p->epoch;
}

static void
show_banner (LabTrainingPage *self,
             GtkMessageType   type,
             const char      *title,
             const char      *text)
{
  gtk_info_bar_set_message_type (GTK_INFO_BAR (self->banner), type);
  gtk_label_set_text (GTK_LABEL (self->banner_title), title);
  gtk_label_set_text (GTK_LABEL (self->banner_text), text);
  gtk_widget_set_visible (self->banner, TRUE);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->banner), TRUE);
}

static void
on_banner_response (GtkInfoBar *bar,
                    int         response)
{
  gtk_info_bar_set_revealed (bar, FALSE);
}

static void
on_finished (LabTrainingPage *self,
             const GError    *error)
{
  g_autofree char *text = NULL;

  if (error == NULL)
    {
      if (isnan (self->last_val_accuracy) && isnan (self->last_val_loss))
        return;
      if (!isnan (self->last_val_accuracy))
        /* translators: after training, e.g. "Validation accuracy 97.3 % after epoch 20." */
        text = g_strdup_printf (_("Validation accuracy %.1f %% after epoch %u. Train Again goes "
                                  "on from these weights; the Evaluation page shows where the "
                                  "model still errs."), 100 * self->last_val_accuracy,
                                self->last_epoch);
      else
        text = g_strdup_printf (_("Validation loss %.4g after epoch %u. Train Again goes on "
                                  "from these weights."), self->last_val_loss, self->last_epoch);
      show_banner (self, GTK_MESSAGE_INFO, _("Training finished"), text);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      const char *path = lab_train_session_get_checkpoint_path (self->session);

      if (path != NULL)
        text = g_strdup_printf (_("The weights are kept, and a checkpoint of the run was written "
                                  "to %s. Train Again continues from them."), path);
      else
        text = g_strdup (error->message);
      show_banner (self, GTK_MESSAGE_INFO, _("Training stopped"), text);
    }
  else if (g_error_matches (error, LAB_ERROR, LAB_ERROR_DIVERGED))
    {
      text = g_strdup_printf (_("%s.\n\nThe loss grew until it was no longer a number: the steps "
                                "were too large for this network and data. What usually helps: "
                                "divide the learning rate by 10 (the field above), turn on "
                                "gradient clipping (clip norm 1) in the training settings, or "
                                "scale the inputs (z-score)."), error->message);
      show_banner (self, GTK_MESSAGE_ERROR, _("The training diverged"), text);
    }
  else
    show_banner (self, GTK_MESSAGE_ERROR, _("Training could not run"), error->message);
}

static void
on_state_changed (LabTrainingPage *self)
{
  if (lab_train_session_get_state (self->session) != LAB_TRAIN_STATE_PREPARING)
    return;
  /* A run begins: a fresh start clears the curves, a continuation extends them. */
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->banner), FALSE);
  if (!lab_train_session_has_weights (self->session))
    reset_charts (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "run");
}

/* ---- building ------------------------------------------------------------------------- */

static GtkWidget *
build_empty (LabTrainingPage *self)
{
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Train"));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "media-playback-start-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Training Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Train the model to watch it learn. The loss and the "
                                     "accuracy on the training and validation data appear here "
                                     "batch by batch, with the learning rate, the progress and "
                                     "the time left. You can pause, change the learning rate "
                                     "while it runs, and stop at any time."));
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Train the model with the current training settings"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (lab_training_page_request_train), self);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), button);
  return status;
}

static GtkWidget *
build_run (LabTrainingPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *banner_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *panel_card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *lr_card;

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);

  self->banner = gtk_info_bar_new ();
  gtk_info_bar_set_show_close_button (GTK_INFO_BAR (self->banner), TRUE);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->banner), FALSE);
  self->banner_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->banner_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->banner_title), 0);
  self->banner_text = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->banner_text), 0);
  gtk_label_set_wrap (GTK_LABEL (self->banner_text), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->banner_text), TRUE);
  gtk_widget_set_hexpand (banner_box, TRUE);
  gtk_box_append (GTK_BOX (banner_box), self->banner_title);
  gtk_box_append (GTK_BOX (banner_box), self->banner_text);
  gtk_info_bar_add_child (GTK_INFO_BAR (self->banner), banner_box);
  g_signal_connect (self->banner, "response", G_CALLBACK (on_banner_response), NULL);
  gtk_box_append (GTK_BOX (box), self->banner);

  self->panel = lab_train_panel_new (self->session);
  g_signal_connect_swapped (self->panel, "train-requested",
                            G_CALLBACK (lab_training_page_request_train), self);
  gtk_widget_add_css_class (panel_card, "card");
  gtk_widget_set_margin_start (self->panel, 18);
  gtk_widget_set_margin_end (self->panel, 12);
  gtk_widget_set_margin_top (self->panel, 12);
  gtk_widget_set_margin_bottom (self->panel, 12);
  gtk_box_append (GTK_BOX (panel_card), self->panel);
  gtk_box_append (GTK_BOX (box), panel_card);

  self->loss = lab_chart_new ();
  self->accuracy = lab_chart_new ();
  self->lr = lab_chart_new ();
  g_signal_connect_swapped (self->lr, "notify::log-scale", G_CALLBACK (apply_lr_limits), self);
  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  gtk_widget_set_vexpand (row, TRUE);
  gtk_box_append (GTK_BOX (row),
                  chart_card (self->loss, _("Loss"),
                              _("What the training minimises, lower is better. Faint: each "
                                "batch; strong: their moving average; dots: whole epochs. When "
                                "the validation loss rises while the training loss falls, the "
                                "model has begun to memorise the training data (overfitting)"),
                              _("Loss"), TRUE));
  self->accuracy_card =
    chart_card (self->accuracy, _("Accuracy"),
                _("The share of samples classified correctly, higher is better. A wide gap "
                  "between training and validation accuracy means overfitting: more data, "
                  "dropout or weight decay usually help"),
                _("Accuracy"), FALSE);
  gtk_box_append (GTK_BOX (row), self->accuracy_card);
  gtk_box_append (GTK_BOX (box), row);

  lr_card = chart_card (self->lr, _("Learning Rate"),
                        _("The learning rate each batch used: the schedule's curve, and any change "
                          "you made while training"),
                        _("Rate"), TRUE);
  lab_chart_set_natural_size (LAB_CHART (self->lr), -1, 160);
  gtk_widget_set_vexpand (lr_card, FALSE);
  gtk_widget_set_vexpand (self->lr, FALSE);
  gtk_box_append (GTK_BOX (box), lr_card);
  return box;
}

/* ---- public --------------------------------------------------------------------------- */

void
lab_training_page_request_train (LabTrainingPage *self)
{
  g_return_if_fail (LAB_IS_TRAINING_PAGE (self));
  g_signal_emit (self, signals[TRAIN_REQUESTED], 0);
}

void
lab_training_page_clear (LabTrainingPage *self)
{
  g_return_if_fail (LAB_IS_TRAINING_PAGE (self));
  reset_charts (self);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->banner), FALSE);
  if (!lab_train_session_is_busy (self->session))
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

static void
lab_training_page_dispose (GObject *object)
{
  LabTrainingPage *self = LAB_TRAINING_PAGE (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  G_OBJECT_CLASS (lab_training_page_parent_class)->dispose (object);
}

static void
lab_training_page_class_init (LabTrainingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_training_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "labtrainingpage");

  signals[TRAIN_REQUESTED] =
    g_signal_new ("train-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lab_training_page_init (LabTrainingPage *self)
{
}

GtkWidget *
lab_training_page_new (LabTrainSession *session)
{
  LabTrainingPage *self;
  GtkWidget *run;

  g_return_val_if_fail (LAB_IS_TRAIN_SESSION (session), NULL);

  self = g_object_new (LAB_TYPE_TRAINING_PAGE, NULL);
  self->session = g_object_ref (session);
  self->stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_add_named (GTK_STACK (self->stack), build_empty (self), "empty");
  run = gtk_scrolled_window_new ();
  /* Small windows scroll; larger ones give the charts the room. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (run), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (run), build_run (self));
  gtk_stack_add_named (GTK_STACK (self->stack), run, "run");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
  reset_charts (self);

  g_signal_connect_swapped (session, "state-changed", G_CALLBACK (on_state_changed), self);
  g_signal_connect_swapped (session, "progress", G_CALLBACK (on_progress), self);
  g_signal_connect_swapped (session, "finished", G_CALLBACK (on_finished), self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    lab_train_session_is_busy (session) ||
                                    lab_train_session_has_weights (session) ? "run" : "empty");
  return GTK_WIDGET (self);
}

/* lab-window-training.c: the window's Train button, its training session and the views of it
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One LabTrainSession per window trains on a worker thread; the Training, Evaluation, Inside
 * and Runs views listen to it. While it is busy the graph is locked (edits are refused with the
 * reason), settings that cannot change mid-run are locked in the inspector, undo and redo are
 * off, and closing the window or replacing the project asks first and stops the run cleanly.
 */
#define G_LOG_DOMAIN "lab-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lab-evaluation-page.h"
#include "lab-graph-view.h"
#include "lab-inside-page.h"
#include "lab-inspector.h"
#include "lab-runs-page.h"
#include "lab-train-session.h"
#include "lab-training-page.h"
#include "lab-window-private.h"

static void
log_state (LabWindow *self)
{
  static const char *names[] = { "idle", "preparing", "running", "paused", "stopping" };
  LabTrainState state = lab_train_session_get_state (self->session);

  lab_window_log (self, "train: %s", state < G_N_ELEMENTS (names) ? names[state] : "?");
}

static void
on_state_changed (LabWindow *self)
{
  gboolean busy = lab_train_session_is_busy (self->session);
  GtkWidget *button = GTK_WIDGET (self->train_button);

  gtk_button_set_label (self->train_button, busy ? _("_Stop") : _("_Train"));
  gtk_widget_set_tooltip_text (button, busy
    ? _("Stop training after the current batch; the weights are kept and a checkpoint is written (F5)")
    : _("Train the model on its dataset with the training settings, and watch it learn (F5)"));
  if (busy)
    {
      gtk_widget_remove_css_class (button, "suggested-action");
      gtk_widget_add_css_class (button, "destructive-action");
    }
  else
    {
      gtk_widget_remove_css_class (button, "destructive-action");
      gtk_widget_add_css_class (button, "suggested-action");
    }

  lab_graph_view_set_locked (LAB_GRAPH_VIEW (self->graph_view), busy
    ? _("The model is training. Stop it, or wait until it finishes, to change the graph.")
    : NULL);
  lab_inspector_set_training (LAB_INSPECTOR (self->inspector), busy);
  lab_window_update_actions (self);
  log_state (self);
}

static void
on_progress (LabWindow           *self,
             const LabTrainPoint *point)
{
  if (!point->end_of_epoch)
    return;
  lab_window_log (self, "train: epoch %u loss %.4f accuracy %.4f val_loss %.4f val_accuracy %.4f",
                  point->epoch, point->loss, point->accuracy, point->val_loss, point->val_accuracy);
}

static void
on_finished (LabWindow    *self,
             const GError *error)
{
  if (error == NULL)
    lab_window_log (self, "train: finished");
  else
    lab_window_log (self, "train: ended: %s", error->message);

  /* A NaN or a dataset that cannot load: the Training view's banner says why and what helps. */
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_view_stack_set_visible_child_name (self->view_stack, "training");

  if (self->close_after_stop)
    gtk_window_close (GTK_WINDOW (self));
}

static void
start_training (LabWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autofree char *dir_path = NULL;
  LabGraph *graph;

  if (self->project == NULL)
    return;
  graph = lab_history_get_graph (self->history);
  if (!lab_graph_validate (graph, &error))
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "design");
      lab_window_show_error (self, _("The Model Cannot Train Yet"), error->message);
      return;
    }
  if (self->file != NULL && (dir = g_file_get_parent (self->file)) != NULL)
    dir_path = g_file_get_path (dir);
  lab_train_session_set_data (self->session, &self->project->data);
  lab_train_session_start (self->session, graph, &self->project->settings, dir_path);
  adw_view_stack_set_visible_child_name (self->view_stack, "training");
  /* The focus left with the Design view; GTK would hand it to the learning-rate field, which
   * would then look as if it were being edited. Tab still reaches every control. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

static void
train_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LabWindow *self = LAB_WINDOW (widget);

  if (lab_train_session_is_busy (self->session))
    lab_train_session_stop (self->session);
  else
    start_training (self);
}

static void
on_train_requested (LabWindow *self)
{
  if (!lab_train_session_is_busy (self->session))
    start_training (self);
}

static void
on_runs_changed (LabWindow *self)
{
  /* Runs are part of the project: a new or renamed run is unsaved work. */
  self->settings_dirty = TRUE;
  lab_window_update_title (self);
}

void
lab_window_training_settings_changed (LabWindow *self)
{
  /* The learning rate is the one setting a run takes while it goes on; the inspector locks
   * the others. */
  if (lab_window_is_training (self))
    lab_train_session_set_learning_rate (self->session, self->project->settings.optimizer.lr);
}

gboolean
lab_window_is_training (LabWindow *self)
{
  return self->session != NULL && lab_train_session_is_busy (self->session);
}

void
lab_window_training_set_project (LabWindow  *self,
                                 LabProject *project)
{
  /* Weights and views belong to the project they were trained for. */
  if (lab_train_session_is_busy (self->session))
    lab_train_session_stop (self->session);
  lab_train_session_reset (self->session);
  lab_runs_page_set_project (LAB_RUNS_PAGE (self->runs_page), project);
  adw_view_stack_set_visible_child_name (self->view_stack, "design");
}

static void
on_stop_and_close_response (AdwMessageDialog *dialog,
                            const char       *response,
                            LabWindow        *self)
{
  if (!g_str_equal (response, "stop"))
    return;
  self->close_after_stop = TRUE;
  lab_train_session_stop (self->session);
}

gboolean
lab_window_training_close_request (LabWindow *self)
{
  GtkWidget *dialog;

  if (!lab_window_is_training (self))
    return FALSE;
  if (self->close_after_stop)
    return TRUE;   /* already stopping: the window closes when the run has ended */

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Stop Training?"),
                                   _("The model is still training. Stopping keeps the weights it "
                                     "has learned so far and writes a checkpoint."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Training"),
                                    "stop", _("_Stop and Close"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "stop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_stop_and_close_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
put (GtkBox    *slot,
     GtkWidget *page)
{
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (slot, page);
}

void
lab_window_training_init (LabWindow *self)
{
  self->session = lab_train_session_new ();
  g_signal_connect_object (self->session, "state-changed", G_CALLBACK (on_state_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "progress", G_CALLBACK (on_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "finished", G_CALLBACK (on_finished), self, G_CONNECT_SWAPPED);

  self->training_page = lab_training_page_new (self->session);
  g_signal_connect_swapped (self->training_page, "train-requested", G_CALLBACK (on_train_requested), self);
  put (self->training_slot, self->training_page);

  put (self->evaluation_slot, lab_evaluation_page_new (self->session));

  self->inside_page = lab_inside_page_new (self->session);
  lab_inside_page_set_graph_view (LAB_INSIDE_PAGE (self->inside_page), LAB_GRAPH_VIEW (self->graph_view));
  put (self->inside_slot, self->inside_page);

  self->runs_page = lab_runs_page_new (self->session);
  g_signal_connect_swapped (self->runs_page, "changed", G_CALLBACK (on_runs_changed), self);
  put (self->runs_slot, self->runs_page);
}

void
lab_window_training_dispose (LabWindow *self)
{
  /* Disposing the session cancels a run and waits for its worker. */
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
}

void
lab_window_training_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.train", NULL, train_action);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, train_button);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, training_slot);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, evaluation_slot);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, inside_slot);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, runs_slot);
}

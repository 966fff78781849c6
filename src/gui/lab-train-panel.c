/* lab-train-panel.c: the run controls and the progress of the training session
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The learning-rate field edits log10 of the rate, so that its arrows step by a factor (×1.26)
 * instead of a fixed amount that would be huge at 1e-5 and tiny at 0.1; it shows and reads the
 * rate itself.
 */
#define G_LOG_DOMAIN "lab-train-panel"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "lab-train-panel.h"

struct _LabTrainPanel
{
  GtkWidget        parent_instance;

  LabTrainSession *session;
  GtkWidget       *title;
  GtkWidget       *bar;
  GtkWidget       *speed;
  GtkWidget       *pause;
  GtkWidget       *stop;
  GtkWidget       *again;
  GtkWidget       *reset;
  GtkWidget       *lr;
  gboolean         syncing_lr;

  /* The current run, from its first point. */
  gboolean         have_first;
  double           samples_per_second;
  guint            first_epoch;
  guint            last_epoch;

  /* A small model reports thousands of batches a second: the texts follow the latest of them
   * once a frame, not once a batch (every change of a label is also news to screen readers). */
  LabTrainPoint    latest;          /* scalars only: the per-layer arrays are not kept */
  guint            tick;
};

G_DEFINE_FINAL_TYPE (LabTrainPanel, lab_train_panel, GTK_TYPE_WIDGET)

enum {
  TRAIN_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- pure helpers --------------------------------------------------------------------- */

char *
lab_train_format_duration (double seconds)
{
  guint s;

  if (!isfinite (seconds) || seconds < 0)
    return g_strdup ("–");
  s = (guint) MIN (seconds + 0.5, 1e9);
  if (s < 60)
    /* translators: a duration in seconds */
    return g_strdup_printf (_("%u s"), s);
  if (s < 3600)
    /* translators: a duration in minutes and seconds */
    return g_strdup_printf (_("%u min %02u s"), s / 60, s % 60);
  /* translators: a duration in hours and minutes */
  return g_strdup_printf (_("%u h %02u min"), s / 3600, (s / 60) % 60);
}

double
lab_train_run_fraction (guint first_epoch,
                        guint last_epoch,
                        guint epoch,
                        guint batch,
                        guint n_batches)
{
  double done, total;

  if (last_epoch <= first_epoch || n_batches == 0 || epoch == 0)
    return 0;
  done = (epoch - 1.0) + (double) MIN (batch, n_batches) / n_batches - first_epoch;
  total = (double) last_epoch - first_epoch;
  return CLAMP (done / total, 0.0, 1.0);
}

/* ---- state ---------------------------------------------------------------------------- */

static void
sync_buttons (LabTrainPanel *self)
{
  LabTrainState state = lab_train_session_get_state (self->session);
  gboolean busy = state != LAB_TRAIN_STATE_IDLE;
  gboolean weights = lab_train_session_has_weights (self->session);
  gboolean paused = state == LAB_TRAIN_STATE_PAUSED;

  gtk_widget_set_sensitive (self->pause, state == LAB_TRAIN_STATE_RUNNING || paused ||
                                         state == LAB_TRAIN_STATE_PREPARING);
  gtk_button_set_icon_name (GTK_BUTTON (self->pause),
                            paused ? "media-playback-start-symbolic"
                                   : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (self->pause,
                               paused ? _("Resume training from where it paused")
                                      : _("Pause after the current batch. The charts and the "
                                          "views of the network stay live, so you can look "
                                          "inside before going on"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pause), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  paused ? _("Resume") : _("Pause"), -1);
  gtk_widget_set_sensitive (self->stop, busy && state != LAB_TRAIN_STATE_STOPPING);
  gtk_widget_set_sensitive (self->again, !busy);
  gtk_button_set_label (GTK_BUTTON (self->again), weights ? _("Train _Again") : _("_Train"));
  gtk_widget_set_sensitive (self->reset, !busy && weights);

  switch (state)
    {
    case LAB_TRAIN_STATE_PREPARING:
      gtk_label_set_text (GTK_LABEL (self->title), _("Loading and preparing the data…"));
      gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->bar));
      gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->bar), NULL);
      self->have_first = FALSE;
      break;
    case LAB_TRAIN_STATE_PAUSED:
      gtk_label_set_text (GTK_LABEL (self->title), _("Paused"));
      break;
    case LAB_TRAIN_STATE_STOPPING:
      gtk_label_set_text (GTK_LABEL (self->title), _("Stopping after this batch…"));
      break;
    case LAB_TRAIN_STATE_RUNNING:
      gtk_label_set_text (GTK_LABEL (self->title), _("Training"));
      break;
    case LAB_TRAIN_STATE_IDLE:
    default:
      gtk_label_set_text (GTK_LABEL (self->title),
                          weights ? _("Weights kept from the last run") : _("Ready to train"));
      if (self->samples_per_second > 0)
        {
          /* translators: the speed of the run that ended */
          g_autofree char *speed = g_strdup_printf (_("%'.0f samples/s"),
                                                    self->samples_per_second);

          gtk_label_set_text (GTK_LABEL (self->speed), speed);
        }
      break;
    }
}

static void
on_state_changed (LabTrainPanel *self)
{
  sync_buttons (self);
}

static gboolean
show_latest (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  LabTrainPanel *self = LAB_TRAIN_PANEL (widget);
  const LabTrainPoint *p = &self->latest;
  g_autofree char *text = NULL;
  g_autofree char *left = NULL;
  g_autofree char *speed = NULL;
  double fraction;

  self->tick = 0;
  fraction = lab_train_run_fraction (self->first_epoch, self->last_epoch, p->epoch, p->batch,
                                     p->n_batches);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->bar), fraction);
  self->samples_per_second = p->samples_per_second;
  /* translators: progress of training: epoch 3 of 20, batch 12 of 34 */
  text = g_strdup_printf (_("Epoch %u of %u · batch %u of %u"), p->epoch, self->last_epoch,
                          p->batch, p->n_batches);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->bar), text);

  if (fraction > 0 && p->elapsed > 0)
    {
      /* The run's own pace so far; it includes time spent paused, which only makes the estimate
       * cautious. */
      double run_done = fraction;

      left = lab_train_format_duration (p->elapsed * (1 - run_done) / run_done);
    }
  else
    left = lab_train_format_duration (NAN);
  /* translators: training speed and the time left, e.g. "5,120 samples/s · 2 min 10 s left" */
  if (lab_train_session_is_busy (self->session))
    speed = g_strdup_printf (_("%'.0f samples/s · %s left"), p->samples_per_second, left);
  else   /* the last batches of a run that has ended: nothing is left */
    speed = g_strdup_printf (_("%'.0f samples/s"), p->samples_per_second);
  gtk_label_set_text (GTK_LABEL (self->speed), speed);
  return G_SOURCE_REMOVE;
}

static void
on_progress (LabTrainPanel       *self,
             const LabTrainPoint *p)
{
  if (!self->have_first)
    {
      const LabTrainSettings *settings = lab_train_session_get_settings (self->session);

      self->have_first = TRUE;
      self->first_epoch = p->end_of_epoch ? p->epoch : p->epoch - 1;
      self->last_epoch = self->first_epoch + (settings != NULL ? settings->epochs : 1);
    }
  self->latest = *p;
  self->latest.n_layers = 0;
  self->latest.layer_names = NULL;
  self->latest.layer_grad_norms = NULL;
  self->latest.layer_weight_norms = NULL;
  if (self->tick == 0)
    self->tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), show_latest, NULL, NULL);
}

/* ---- the learning rate ---------------------------------------------------------------- */

static int
on_lr_input (GtkSpinButton *spin,
             double        *new_value,
             LabTrainPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  double lr = g_ascii_strtod (text, &end);

  if (end == text || !isfinite (lr) || lr <= 0)
    {
      /* Allow the locale's decimal comma too. */
      lr = strtod (text, &end);
      if (end == text || !isfinite (lr) || lr <= 0)
        return GTK_INPUT_ERROR;
    }
  *new_value = log10 (lr);
  return TRUE;
}

static gboolean
on_lr_output (GtkSpinButton *spin,
              LabTrainPanel *self)
{
  char text[32];

  g_snprintf (text, sizeof text, "%.3g", pow (10, gtk_spin_button_get_value (spin)));
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
on_lr_changed (GtkSpinButton *spin,
               LabTrainPanel *self)
{
  if (self->syncing_lr)
    return;
  lab_train_session_set_learning_rate (self->session, pow (10, gtk_spin_button_get_value (spin)));
}

static void
sync_lr (LabTrainPanel *self)
{
  double lr = lab_train_session_get_learning_rate (self->session);

  if (lr <= 0)
    return;
  self->syncing_lr = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->lr), log10 (lr));
  /* A value set from outside is not a selection the user made. */
  gtk_editable_select_region (GTK_EDITABLE (self->lr), 0, 0);
  self->syncing_lr = FALSE;
}

/* ---- buttons -------------------------------------------------------------------------- */

static void
on_pause_clicked (LabTrainPanel *self)
{
  if (lab_train_session_get_state (self->session) == LAB_TRAIN_STATE_PAUSED)
    lab_train_session_resume (self->session);
  else
    lab_train_session_pause (self->session);
}

static void
on_stop_clicked (LabTrainPanel *self)
{
  lab_train_session_stop (self->session);
}

static void
on_again_clicked (LabTrainPanel *self)
{
  g_signal_emit (self, signals[TRAIN_REQUESTED], 0);
}

static void
on_reset_clicked (LabTrainPanel *self)
{
  lab_train_session_reset (self->session);
  sync_buttons (self);
}

static void
on_start (LabTrainPanel *self)
{
  /* A new run shows the rate it starts with. */
  if (lab_train_session_get_state (self->session) == LAB_TRAIN_STATE_PREPARING)
    sync_lr (self);
}

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             const char *tooltip)
{
  GtkWidget *b = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (b, "circular");
  gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (b, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return b;
}

static void
build (LabTrainPanel *self)
{
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *lr_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *lr_label = gtk_label_new_with_mnemonic (_("_Learning rate"));
  GtkAdjustment *adj = gtk_adjustment_new (-3, -8, 3, 0.1, 1, 0);

  gtk_widget_set_hexpand (left, TRUE);
  gtk_widget_set_valign (left, GTK_ALIGN_CENTER);
  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_box_append (GTK_BOX (left), self->title);

  self->bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (self->bar), TRUE);
  gtk_widget_set_tooltip_text (self->bar, _("How far this run has come: the epoch (one pass over "
                                            "the training data) and the batch within it"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Training progress"), -1);
  gtk_box_append (GTK_BOX (left), self->bar);

  self->speed = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->speed), 0);
  gtk_widget_add_css_class (self->speed, "dim-label");
  gtk_widget_add_css_class (self->speed, "caption");
  gtk_widget_add_css_class (self->speed, "numeric");
  gtk_widget_set_tooltip_text (self->speed, _("Training examples processed per second, and an "
                                              "estimate of the time this run still needs"));
  gtk_box_append (GTK_BOX (left), self->speed);
  gtk_widget_set_parent (left, GTK_WIDGET (self));

  self->lr = gtk_spin_button_new (adj, 0.1, 3);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->lr), FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->lr), 7);
  gtk_widget_set_tooltip_text (self->lr,
                               _("The size of each step down the loss. Changing it takes effect "
                                 "from the next batch, also while training runs. Too high and "
                                 "the loss jumps around or becomes NaN; too low and it falls "
                                 "slowly. Adam usually works with 0.001, SGD with 0.01–0.1; the "
                                 "arrows multiply or divide it by 1.26"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lr), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Learning rate"), -1);
  g_signal_connect (self->lr, "input", G_CALLBACK (on_lr_input), self);
  g_signal_connect (self->lr, "output", G_CALLBACK (on_lr_output), self);
  g_signal_connect (self->lr, "value-changed", G_CALLBACK (on_lr_changed), self);
  gtk_label_set_mnemonic_widget (GTK_LABEL (lr_label), self->lr);
  gtk_label_set_xalign (GTK_LABEL (lr_label), 0);
  gtk_widget_add_css_class (lr_label, "caption");
  gtk_widget_add_css_class (lr_label, "dim-label");
  gtk_box_append (GTK_BOX (lr_box), lr_label);
  gtk_box_append (GTK_BOX (lr_box), self->lr);
  gtk_widget_set_valign (lr_box, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (lr_box, GTK_WIDGET (self));

  self->pause = icon_button ("media-playback-pause-symbolic", _("Pause"), NULL);
  self->stop = icon_button ("media-playback-stop-symbolic", _("Stop"),
                            _("Stop after the current batch. The weights are kept and written to "
                              "a checkpoint; Train Again continues from them"));
  self->reset = icon_button ("user-trash-symbolic", _("Reset"),
                             _("Forget the trained weights and the optimizer's state: the next "
                               "training starts from freshly initialised weights"));
  self->again = gtk_button_new_with_mnemonic (_("Train _Again"));
  gtk_widget_add_css_class (self->again, "pill");
  gtk_widget_add_css_class (self->again, "suggested-action");
  gtk_widget_set_valign (self->again, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->again,
                               _("Train for the number of epochs set in the training settings. "
                                 "When the layers and the data are unchanged it continues from "
                                 "the current weights with the optimizer's state intact; "
                                 "otherwise it starts afresh"));
  g_signal_connect_swapped (self->pause, "clicked", G_CALLBACK (on_pause_clicked), self);
  g_signal_connect_swapped (self->stop, "clicked", G_CALLBACK (on_stop_clicked), self);
  g_signal_connect_swapped (self->again, "clicked", G_CALLBACK (on_again_clicked), self);
  g_signal_connect_swapped (self->reset, "clicked", G_CALLBACK (on_reset_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->pause);
  gtk_box_append (GTK_BOX (buttons), self->stop);
  gtk_box_append (GTK_BOX (buttons), self->reset);
  gtk_box_append (GTK_BOX (buttons), self->again);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (buttons, GTK_WIDGET (self));
}

/* ---- GObject -------------------------------------------------------------------------- */

static void
lab_train_panel_dispose (GObject *object)
{
  LabTrainPanel *self = LAB_TRAIN_PANEL (object);
  GtkWidget *child;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick);
  self->tick = 0;
  g_clear_object (&self->session);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lab_train_panel_parent_class)->dispose (object);
}

static void
lab_train_panel_class_init (LabTrainPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_train_panel_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "labtrainpanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  signals[TRAIN_REQUESTED] =
    g_signal_new ("train-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lab_train_panel_init (LabTrainPanel *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 18);
  build (self);
}

GtkWidget *
lab_train_panel_new (LabTrainSession *session)
{
  LabTrainPanel *self;

  g_return_val_if_fail (LAB_IS_TRAIN_SESSION (session), NULL);

  self = g_object_new (LAB_TYPE_TRAIN_PANEL, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_swapped (session, "state-changed", G_CALLBACK (on_state_changed), self);
  g_signal_connect_swapped (session, "state-changed", G_CALLBACK (on_start), self);
  g_signal_connect_swapped (session, "progress", G_CALLBACK (on_progress), self);
  g_signal_connect_swapped (session, "notify::has-weights", G_CALLBACK (sync_buttons), self);
  g_signal_connect_swapped (session, "notify::learning-rate", G_CALLBACK (sync_lr), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Training controls"), -1);
  sync_lr (self);
  sync_buttons (self);
  return GTK_WIDGET (self);
}

/* lab-health-view.c: how each layer fares over time: norms, histograms, dead ReLUs, warnings
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-inside"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-chart.h"
#include "lab-health-view.h"
#include "lab-sample-strip.h"

#define WINDOW      300   /* recent batches the health check looks at */
#define CHECK_EVERY 50    /* batches between health checks without a probe… */
#define CHECK_GAP_US (500 * G_TIME_SPAN_MILLISECOND)  /* …and never more often than this */

struct _LabHealthView
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkWidget  *warnings_list;
  GtkWidget  *grad_chart;
  GtkWidget  *weight_chart;
  GtkWidget  *dead_group;
  GtkWidget  *dead_list;
  GtkWidget  *hist_group;
  GtkWidget  *histograms;   /* LabHistogramBoard */
  GPtrArray  *points;       /* LabTrainPoint *, the last WINDOW */
  GHashTable *series;       /* layer name → series index + 1, in both charts */
  LabDeadReport *dead;
  GPtrArray  *warnings;
  guint       since_check;
  gint64      last_check;   /* monotonic µs */
  int         shown_all_clear; /* the all-clear row shown: 1 before training, 2 during; 0 none */
};

G_DEFINE_FINAL_TYPE (LabHealthView, lab_health_view, GTK_TYPE_WIDGET)

enum { WARNINGS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Warnings */

static void
show_warnings (LabHealthView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->warnings_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->warnings_list), child);
  self->shown_all_clear = 0;
  if (self->warnings->len == 0)
    {
      self->shown_all_clear = self->points->len > 0 ? 2 : 1;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No problems seen"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   self->points->len > 0
                                   ? _("Gradients neither vanish nor explode, and the ReLUs are alive.")
                                   : _("Warnings appear here while the model trains."));
      gtk_list_box_append (GTK_LIST_BOX (self->warnings_list), row);
      return;
    }
  for (guint i = 0; i < self->warnings->len; i++)
    {
      const LabHealthWarning *w = g_ptr_array_index (self->warnings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      /* translators: a warning's title, "Vanishing gradients in “dense1”" */
      g_autofree char *title = g_strdup_printf (_("%s in “%s”"), lab_health_kind_title (w->kind), w->layer);
      g_autofree char *sub = g_strdup_printf ("%s %s", w->summary, w->advice);
      g_autofree char *esc_title = g_markup_escape_text (title, -1);
      g_autofree char *esc_sub = g_markup_escape_text (sub, -1);

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), esc_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), esc_sub);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (GTK_LIST_BOX (self->warnings_list), row);
    }
}

static void
check (LabHealthView *self)
{
  g_autoptr(GPtrArray) old = self->warnings;
  gboolean changed;

  self->since_check = 0;
  self->last_check = g_get_monotonic_time ();
  self->warnings = lab_health_check ((const LabTrainPoint * const *) self->points->pdata,
                                     self->points->len, self->dead);
  changed = old->len != self->warnings->len;
  for (guint i = 0; !changed && i < old->len; i++)
    {
      const LabHealthWarning *a = g_ptr_array_index (old, i), *b = g_ptr_array_index (self->warnings, i);

      changed = a->kind != b->kind || g_strcmp0 (a->layer, b->layer) != 0 ||
                g_strcmp0 (a->summary, b->summary) != 0;
    }
  /* Rows are rebuilt only when they would say something else; the all-clear row's sentence
   * depends on whether training has begun. */
  if (!changed && self->warnings->len > 0 && gtk_widget_get_first_child (self->warnings_list) != NULL)
    return;
  if (!changed && self->warnings->len == 0 && self->shown_all_clear == (self->points->len > 0 ? 2 : 1))
    return;
  show_warnings (self);
  if (!changed)
    return;
  g_signal_emit (self, signals[WARNINGS_CHANGED], 0);
}

GPtrArray *
lab_health_view_get_warnings (LabHealthView *self)
{
  g_return_val_if_fail (LAB_IS_HEALTH_VIEW (self), NULL);

  return self->warnings;
}

/* Norms */

void
lab_health_view_add_point (LabHealthView       *self,
                           const LabTrainPoint *point)
{
  g_return_if_fail (LAB_IS_HEALTH_VIEW (self));

  if (point->end_of_epoch || point->n_layers == 0)
    return;
  for (guint l = 0; l < point->n_layers; l++)
    {
      guint s = GPOINTER_TO_UINT (g_hash_table_lookup (self->series, point->layer_names[l]));

      if (s == 0)
        {
          guint n = g_hash_table_size (self->series);

          s = lab_chart_add_series (LAB_CHART (self->grad_chart), point->layer_names[l], n,
                                    LAB_CHART_SERIES_SMOOTHED) + 1;
          lab_chart_add_series (LAB_CHART (self->weight_chart), point->layer_names[l], n,
                                LAB_CHART_SERIES_NONE);
          g_hash_table_insert (self->series, g_strdup (point->layer_names[l]), GUINT_TO_POINTER (s));
        }
      /* A log axis cannot show 0 (a frozen layer) or NaN: those stay out of the chart. */
      if (isfinite (point->layer_grad_norms[l]) && point->layer_grad_norms[l] > 0)
        lab_chart_series_append (LAB_CHART (self->grad_chart), s - 1, point->step,
                                 point->layer_grad_norms[l]);
      if (isfinite (point->layer_weight_norms[l]))
        lab_chart_series_append (LAB_CHART (self->weight_chart), s - 1, point->step,
                                 point->layer_weight_norms[l]);
    }
  g_ptr_array_add (self->points, lab_train_point_copy (point));
  if (self->points->len > WINDOW)
    g_ptr_array_remove_index (self->points, 0);
  /* A small model reports thousands of batches a second: check by time as well as by count. */
  if (++self->since_check >= CHECK_EVERY &&
      g_get_monotonic_time () - self->last_check >= CHECK_GAP_US)
    check (self);
}

/* Probes: histograms and dead units */

static void
show_dead (LabHealthView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->dead_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->dead_list), child);
  gtk_widget_set_visible (self->dead_group, self->dead != NULL && self->dead->n_layers > 0);
  for (guint i = 0; self->dead != NULL && i < self->dead->n_layers; i++)
    {
      const LabDeadUnits *d = &self->dead->layers[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
      g_autofree char *sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u of %u unit gives 0 for every sample",
                                                           "%u of %u units give 0 for every sample",
                                                           d->n_dead),
                                              d->n_dead, d->n_units);
      g_autofree char *pct = g_strdup_printf ("%.0f %%", d->fraction * 100);
      GtkWidget *label = gtk_label_new (pct);

      g_autofree char *esc = g_markup_escape_text (d->layer, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), esc);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), d->fraction);
      /* Many dead units is bad: the bar turns to the warning colour at 50 %. */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      if (d->fraction >= 0.5)
        gtk_widget_add_css_class (bar, "warning");
      gtk_widget_set_size_request (bar, 160, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, sub, -1);
      gtk_label_set_width_chars (GTK_LABEL (label), 5);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (GTK_LIST_BOX (self->dead_list), row);
    }
}

void
lab_health_view_add_probe (LabHealthView      *self,
                           LabParamHistograms *histograms,
                           LabDeadReport      *dead)
{
  g_return_if_fail (LAB_IS_HEALTH_VIEW (self));

  if (histograms != NULL)
    {
      lab_histogram_board_add (LAB_HISTOGRAM_BOARD (self->histograms), histograms);
      gtk_widget_set_visible (self->hist_group,
                              lab_histogram_board_get_n_tensors (LAB_HISTOGRAM_BOARD (self->histograms)) > 0);
      lab_param_histograms_free (histograms);
    }
  if (dead != NULL)
    {
      g_clear_pointer (&self->dead, lab_dead_report_free);
      self->dead = dead;
      show_dead (self);
    }
  check (self);
}

void
lab_health_view_clear (LabHealthView *self)
{
  g_return_if_fail (LAB_IS_HEALTH_VIEW (self));

  g_ptr_array_set_size (self->points, 0);
  g_hash_table_remove_all (self->series);
  lab_chart_clear (LAB_CHART (self->grad_chart));
  lab_chart_clear (LAB_CHART (self->weight_chart));
  lab_histogram_board_clear (LAB_HISTOGRAM_BOARD (self->histograms));
  g_clear_pointer (&self->dead, lab_dead_report_free);
  show_dead (self);
  gtk_widget_set_visible (self->hist_group, FALSE);
  check (self);
}

/* Construction */

static GtkWidget *
group (const char *title,
       const char *description,
       GtkWidget  *child)
{
  GtkWidget *g = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g), description);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), child);
  return g;
}

static GtkWidget *
chart (const char *y_label,
       const char *accessible,
       const char *tooltip,
       gboolean    log)
{
  GtkWidget *c = lab_chart_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  lab_chart_set_axis_labels (LAB_CHART (c), _("Step"), y_label);
  lab_chart_set_y_scale (LAB_CHART (c), log ? LAB_CHART_SCALE_LOG : LAB_CHART_SCALE_LINEAR);
  gtk_widget_set_size_request (c, -1, 220);
  gtk_accessible_update_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (c, tooltip);
  gtk_frame_set_child (GTK_FRAME (frame), c);
  gtk_widget_add_css_class (frame, "view");
  return frame;
}

static void
lab_health_view_init (LabHealthView *self)
{
  GtkWidget *frame;

  self->points = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_train_point_free);
  self->series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_health_warning_free);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->warnings_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->warnings_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->warnings_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->warnings_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Health warnings"), -1);
  gtk_box_append (GTK_BOX (self->box),
                  group (_("Warnings"), _("Checked every few dozen batches on the recent ones; "
                                          "the same warnings mark the layers in the Design view."),
                         self->warnings_list));

  frame = chart (_("Gradient norm"), _("Gradient norm per layer"),
                 _("The length of each layer’s gradient at every batch, on a log scale. Lines "
                   "that sink far below the others mean the signal vanishes before it reaches "
                   "that layer; lines that climb steeply mean exploding gradients."), TRUE);
  self->grad_chart = gtk_frame_get_child (GTK_FRAME (frame));
  gtk_box_append (GTK_BOX (self->box),
                  group (_("Gradient Norms"), _("‖∇w‖ per layer and batch; the strong line is "
                                                "the smoothed value."), frame));
  frame = chart (_("Weight norm"), _("Weight norm per layer"),
                 _("The length of each layer’s weights. Slow steady change is normal; fast "
                   "growth often comes with a learning rate that is too high."), FALSE);
  self->weight_chart = gtk_frame_get_child (GTK_FRAME (frame));
  gtk_box_append (GTK_BOX (self->box), group (_("Weight Norms"), _("‖w‖ per layer and batch."), frame));

  self->dead_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->dead_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->dead_list, "boxed-list");
  self->dead_group = group (_("Dead ReLUs"),
                            _("Units of each ReLU layer that output zero for every sample of a "
                              "batch: they pass no gradient and no longer learn."), self->dead_list);
  gtk_widget_set_visible (self->dead_group, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->dead_group);

  /* On a view-coloured frame like the charts: the shading fades into that colour. */
  self->histograms = lab_histogram_board_new ();
  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "view");
  gtk_frame_set_child (GTK_FRAME (frame), self->histograms);
  self->hist_group = group (_("Histograms Over Time"),
                            _("Weights (left) and gradients (right) of every tensor, each column "
                              "one check, oldest first."), frame);
  gtk_widget_set_visible (self->hist_group, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->hist_group);
  show_warnings (self);
}

static void
lab_health_view_dispose (GObject *object)
{
  LabHealthView *self = LAB_HEALTH_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (lab_health_view_parent_class)->dispose (object);
}

static void
lab_health_view_finalize (GObject *object)
{
  LabHealthView *self = LAB_HEALTH_VIEW (object);

  g_ptr_array_unref (self->points);
  g_hash_table_unref (self->series);
  g_ptr_array_unref (self->warnings);
  g_clear_pointer (&self->dead, lab_dead_report_free);
  G_OBJECT_CLASS (lab_health_view_parent_class)->finalize (object);
}

static void
lab_health_view_class_init (LabHealthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_health_view_dispose;
  object_class->finalize = lab_health_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  signals[WARNINGS_CHANGED] =
    g_signal_new ("warnings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

GtkWidget *
lab_health_view_new (void)
{
  return g_object_new (LAB_TYPE_HEALTH_VIEW, NULL);
}

/* lab-runs-compare.c: two runs side by side: their curves in charts, their settings in a
 * table with the differences marked
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-runs"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include <adwaita.h>

#include "lab-chart.h"
#include "lab-runs-page-private.h"

/* The charts. */

static void
add_epoch_series (LabChart     *chart,
                  const LabRun *run,
                  guint         color,
                  gsize         offset,   /* of the train figure in LabRunEpoch */
                  gsize         val_offset)
{
  guint n = run->epochs->len;
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *y = g_new (double, MAX (n, 1));
  g_autofree double *v = g_new (double, MAX (n, 1));
  /* Short names keep the legend small: colours tell the runs apart, dashes the validation. */
  g_autofree char *train = g_strdup (run->name);
  /* Translators: a chart series: a run's figures on the validation split. */
  g_autofree char *val = g_strdup_printf (_("%s (val.)"), run->name);
  guint s;

  for (guint i = 0; i < n; i++)
    {
      const char *e = (const char *) &g_array_index (run->epochs, LabRunEpoch, i);

      x[i] = g_array_index (run->epochs, LabRunEpoch, i).epoch;
      y[i] = *(const double *) (const void *) (e + offset);
      v[i] = *(const double *) (const void *) (e + val_offset);
    }
  s = lab_chart_add_series (chart, train, color, LAB_CHART_SERIES_MARKERS);
  lab_chart_series_set_data (chart, s, x, y, n);
  s = lab_chart_add_series (chart, val, color, LAB_CHART_SERIES_MARKERS | LAB_CHART_SERIES_DASHED);
  lab_chart_series_set_data (chart, s, x, v, n);
}

void
lab_runs_fill_charts (LabChart *batches,
                      LabChart *loss,
                      LabChart *accuracy,
                      LabRun   *a,
                      LabRun   *b)
{
  LabRun *runs[2] = { a, b };

  lab_chart_clear (batches);
  lab_chart_clear (loss);
  lab_chart_clear (accuracy);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree double *x = NULL, *y = NULL;
      gsize n;
      guint s;

      if (runs[i] == NULL)
        continue;
      n = lab_run_get_batches (runs[i], &x, &y);
      s = lab_chart_add_series (batches, runs[i]->name, i, LAB_CHART_SERIES_SMOOTHED);
      lab_chart_series_set_data (batches, s, x, y, n);
      add_epoch_series (loss, runs[i], i, G_STRUCT_OFFSET (LabRunEpoch, loss),
                        G_STRUCT_OFFSET (LabRunEpoch, val_loss));
      add_epoch_series (accuracy, runs[i], i, G_STRUCT_OFFSET (LabRunEpoch, accuracy),
                        G_STRUCT_OFFSET (LabRunEpoch, val_accuracy));
    }
}

/* The settings table. */

static GtkWidget *
cell (const char *text,
      gboolean    strong,
      gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_hexpand (label, TRUE);
  if (strong)
    gtk_widget_add_css_class (label, "heading");
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

GtkWidget *
lab_runs_settings_grid (GPtrArray  *rows,
                        const char *name_a,
                        const char *name_b,
                        gboolean    only_differences,
                        gboolean    results)
{
  GtkWidget *grid = gtk_grid_new ();
  guint line = 1, shown = 0;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_attach (GTK_GRID (grid), cell (results ? _("Result") : _("Setting"), TRUE, TRUE),
                   0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell (name_a, TRUE, FALSE), 1, 0, 1, 1);
  if (name_b != NULL)
    gtk_grid_attach (GTK_GRID (grid), cell (name_b, TRUE, FALSE), 2, 0, 1, 1);

  for (guint i = 0; i < rows->len; i++)
    {
      LabRunsCompareRow *row = g_ptr_array_index (rows, i);
      GtkWidget *label, *a, *b = NULL;

      if (only_differences && !row->differs)
        continue;
      label = cell (row->label, FALSE, !results && !row->differs);
      a = cell (row->a, !results && row->differs, FALSE);
      if (row->b != NULL)
        b = cell (row->b, !results && row->differs, FALSE);
      /* The better result in green and bold. */
      if (row->better != 0)
        {
          GtkWidget *best = row->better == 1 ? a : b;

          gtk_widget_add_css_class (best, "success");
          gtk_widget_add_css_class (best, "heading");
          gtk_widget_set_tooltip_text (best, _("The better of the two"));
        }
      /* Differences in the accent colour and bold, so they stand out in a long list. */
      else if (row->differs && !results)
        {
          gtk_widget_add_css_class (a, "accent");
          gtk_widget_add_css_class (b, "accent");
          gtk_widget_set_tooltip_text (label, _("The two runs differ in this setting"));
        }
      gtk_grid_attach (GTK_GRID (grid), label, 0, line, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), a, 1, line, 1, 1);
      if (b != NULL)
        gtk_grid_attach (GTK_GRID (grid), b, 2, line, 1, 1);
      line++;
      shown++;
    }
  if (shown == 0 && !results)
    gtk_grid_attach (GTK_GRID (grid),
                     cell (_("The two runs used the same settings."), FALSE, TRUE), 0, 1, 3, 1);
  return grid;
}

/* The page's widgets. */

static GtkWidget *
chart_card (LabRunsPage *self,
            guint        i,
            const char  *title,
            const char  *x_label,
            const char  *y_label,
            const char  *tooltip)
{
  GtkWidget *frame = gtk_frame_new (NULL);

  self->charts[i] = lab_chart_new ();
  lab_chart_set_title (LAB_CHART (self->charts[i]), title);
  lab_chart_set_axis_labels (LAB_CHART (self->charts[i]), x_label, y_label);
  gtk_widget_set_size_request (self->charts[i], 320, 230);
  /* Two abreast where the page is wide enough, one above the other where it is not. */
  lab_chart_set_natural_size (LAB_CHART (self->charts[i]), 360, 240);
  gtk_widget_set_hexpand (self->charts[i], TRUE);
  gtk_widget_set_margin_start (self->charts[i], 6);
  gtk_widget_set_margin_end (self->charts[i], 6);
  gtk_widget_set_margin_top (self->charts[i], 6);
  gtk_widget_set_margin_bottom (self->charts[i], 6);
  gtk_widget_add_css_class (frame, "card");
  lab_chart_set_description (LAB_CHART (self->charts[i]), tooltip);
  gtk_frame_set_child (GTK_FRAME (frame), self->charts[i]);
  return frame;
}

static GtkWidget *
results_card (LabRunsPage *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (_("Results"));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_start (heading, 12);
  gtk_widget_set_margin_end (heading, 12);
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (GTK_BOX (card), heading);
  self->results_slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_margin_start (self->results_slot, 12);
  gtk_widget_set_margin_end (self->results_slot, 12);
  gtk_widget_set_margin_bottom (self->results_slot, 12);
  gtk_widget_set_tooltip_text (self->results_slot,
                               _("What each run achieved; where both have a figure, the better "
                                 "one is green. Validation figures come from data the model "
                                 "did not train on; the test figures appear once the test "
                                 "split was evaluated on the Evaluation page"));
  gtk_box_append (GTK_BOX (card), self->results_slot);
  return card;
}

static GtkWidget *
build_compare (LabRunsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *flow = gtk_flow_box_new ();
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading = gtk_label_new (_("Settings"));
  GtkWidget *switch_label = gtk_label_new (_("Only differences"));
  GtkWidget *none, *scroller;

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  self->compare_title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->compare_title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->compare_title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->compare_title, "title-4");
  gtk_box_append (GTK_BOX (box), self->compare_title);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_append (GTK_FLOW_BOX (flow),
                       chart_card (self, 0, _("Loss per batch"), _("Epoch"), _("Loss"),
                                   _("The training loss of every batch, smoothed (raw values "
                                     "faint), first run in blue, second in orange")));
  gtk_flow_box_append (GTK_FLOW_BOX (flow),
                       chart_card (self, 1, _("Loss per epoch"), _("Epoch"), _("Loss"),
                                   _("Training (solid) and validation (dashed) loss after each "
                                     "epoch, one colour per run. Where validation rises while "
                                     "training falls, the model starts to overfit")));
  gtk_flow_box_append (GTK_FLOW_BOX (flow),
                       chart_card (self, 2, _("Accuracy per epoch"), _("Epoch"), _("Accuracy"),
                                   _("Training (solid) and validation (dashed) accuracy after "
                                     "each epoch, one colour per run")));
  gtk_box_append (GTK_BOX (box), flow);
  gtk_box_append (GTK_BOX (box), results_card (self));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_bottom (card, 6);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_box_append (GTK_BOX (head), heading);
  gtk_box_append (GTK_BOX (head), switch_label);
  self->only_differences = gtk_switch_new ();
  gtk_widget_set_valign (self->only_differences, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->only_differences,
                               _("Hide the settings both runs share, to see at a glance what "
                                 "was changed between them"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->only_differences),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Only differences"), -1);
  g_signal_connect_swapped (self->only_differences, "notify::active",
                            G_CALLBACK (lab_runs_page_refresh_compare), self);
  gtk_box_append (GTK_BOX (head), self->only_differences);
  gtk_box_append (GTK_BOX (card), head);
  self->settings_slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (card), self->settings_slot);
  gtk_widget_set_margin_start (head, 12);
  gtk_widget_set_margin_end (head, 12);
  gtk_widget_set_margin_top (head, 12);
  gtk_widget_set_margin_start (self->settings_slot, 12);
  gtk_widget_set_margin_end (self->settings_slot, 12);
  gtk_widget_set_margin_bottom (self->settings_slot, 12);
  gtk_box_append (GTK_BOX (box), card);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);

  none = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (none), "object-select-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (none), _("Choose Runs to Compare"));
  adw_status_page_set_description (ADW_STATUS_PAGE (none),
                                   _("Tick one run to see its curves and settings, or two to "
                                     "overlay them."));
  self->compare_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->compare_stack), none, "none");
  gtk_stack_add_named (GTK_STACK (self->compare_stack), scroller, "compare");
  gtk_widget_set_hexpand (self->compare_stack, TRUE);
  return self->compare_stack;
}

void
lab_runs_page_build (LabRunsPage *self)
{
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *paned = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *side = gtk_scrolled_window_new ();
  GtkWidget *clamp = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *caption = gtk_label_new (_("Training Runs"));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-open-recent-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Runs Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Train the model to record a run. Every run keeps its "
                                     "settings, curves and results in the project, so that you "
                                     "can compare two of them here."));

  gtk_widget_add_css_class (caption, "heading");
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_set_valign (self->list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Training runs"), -1);
  gtk_box_append (GTK_BOX (clamp), caption);
  gtk_box_append (GTK_BOX (clamp), self->list);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  gtk_widget_set_margin_top (clamp, 18);
  gtk_widget_set_margin_bottom (clamp, 18);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (side), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (side), clamp);
  gtk_widget_set_size_request (side, 380, -1);
  gtk_box_append (GTK_BOX (paned), side);
  gtk_box_append (GTK_BOX (paned), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (paned), build_compare (self));

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), paned, "runs");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
}

/* lab-runs-page.c: the window's "Runs" page: the project's training runs, two overlaid
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page records: when the session starts a run it appends a LabRun to the project and
 * feeds it every progress report, the test figures when the test split is evaluated, and the
 * outcome when the run finishes. The list on the left shows every run, newest first; ticking
 * one or two compares them on the right: curves overlaid and settings side by side.
 */
#define G_LOG_DOMAIN "lab-runs"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "lab-runs-page-private.h"

G_DEFINE_FINAL_TYPE (LabRunsPage, lab_runs_page, GTK_TYPE_WIDGET)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void rebuild_list (LabRunsPage *self);

static gint
run_index (LabRunsPage *self,
           LabRun      *run)
{
  guint index;

  if (self->project == NULL || run == NULL || !g_ptr_array_find (self->project->runs, run, &index))
    return -1;
  return (gint) index;
}

/* The comparison. */

void
lab_runs_page_refresh_compare (LabRunsPage *self)
{
  LabRun *a = self->compared[0], *b = self->compared[1];
  g_autoptr(GPtrArray) rows = NULL, results = NULL;
  GtkWidget *child;

  if (a == NULL && b == NULL)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->compare_stack), "none");
      return;
    }
  if (a == NULL)
    a = b, b = NULL;
  gtk_stack_set_visible_child_name (GTK_STACK (self->compare_stack), "compare");
  if (b != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("%s and %s"), a->name, b->name);

      gtk_label_set_text (GTK_LABEL (self->compare_title), title);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->compare_title), a->name);
  lab_runs_fill_charts (LAB_CHART (self->charts[0]), LAB_CHART (self->charts[1]),
                        LAB_CHART (self->charts[2]), a, b);

  while ((child = gtk_widget_get_first_child (self->settings_slot)) != NULL)
    gtk_box_remove (GTK_BOX (self->settings_slot), child);
  while ((child = gtk_widget_get_first_child (self->results_slot)) != NULL)
    gtk_box_remove (GTK_BOX (self->results_slot), child);
  rows = lab_runs_compare_rows (a, b);
  gtk_box_append (GTK_BOX (self->settings_slot),
                  lab_runs_settings_grid (rows, a->name, b != NULL ? b->name : NULL,
                                          b != NULL && gtk_switch_get_active (GTK_SWITCH (self->only_differences)),
                                          FALSE));
  results = lab_runs_result_rows (a, b);
  gtk_box_append (GTK_BOX (self->results_slot),
                  lab_runs_settings_grid (results, a->name, b != NULL ? b->name : NULL, FALSE, TRUE));
  gtk_widget_set_sensitive (self->only_differences, b != NULL);
}

void
lab_runs_page_compare (LabRunsPage *self,
                       LabRun      *a,
                       LabRun      *b)
{
  g_return_if_fail (LAB_IS_RUNS_PAGE (self));

  self->compared[0] = run_index (self, a) >= 0 ? a : NULL;
  self->compared[1] = run_index (self, b) >= 0 && b != a ? b : NULL;
  /* Oldest first, so that colours follow the order of the runs. */
  if (self->compared[0] == NULL ||
      (self->compared[1] != NULL && run_index (self, self->compared[1]) < run_index (self, self->compared[0])))
    {
      LabRun *t = self->compared[0];

      self->compared[0] = self->compared[1];
      self->compared[1] = t;
    }
  if (self->compared[0] == NULL)
    self->compared[0] = self->compared[1], self->compared[1] = NULL;

  self->updating = TRUE;
  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    {
      LabRun *run = g_ptr_array_index (self->project->runs, i);

      gtk_check_button_set_active (g_ptr_array_index (self->checks, i),
                                   run == self->compared[0] || run == self->compared[1]);
    }
  self->updating = FALSE;
  lab_runs_page_refresh_compare (self);
}

LabRun *
lab_runs_page_get_compared (LabRunsPage *self,
                            guint        index)
{
  g_return_val_if_fail (LAB_IS_RUNS_PAGE (self), NULL);
  g_return_val_if_fail (index < 2, NULL);
  return self->compared[index];
}

static void
on_check_toggled (GtkCheckButton *check,
                  LabRunsPage    *self)
{
  LabRun *run = g_object_get_data (G_OBJECT (check), "lab-run");

  if (self->updating)
    return;
  if (gtk_check_button_get_active (check))
    /* A third tick takes the place of the older of the two runs compared. */
    lab_runs_page_compare (self, self->compared[1] != NULL ? self->compared[1] : self->compared[0], run);
  else
    lab_runs_page_compare (self, self->compared[0] == run ? self->compared[1] : self->compared[0], NULL);
}

/* The list. */

/* Brings a row's texts up to date with its run (which goes on changing while it records). */
static void
update_row (GtkWidget *row,
            LabRun    *run)
{
  g_autofree char *subtitle = lab_runs_describe (run);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), run->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static GtkWidget *
make_row (LabRunsPage *self,
          LabRun      *run,
          guint        index)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename…"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);
  GtkWidget *row = adw_action_row_new (), *check = gtk_check_button_new (), *more;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_tooltip_text (row, _("When the run started, how many epochs it trained, how "
                                      "it ended, and its accuracy and loss on the validation "
                                      "split after its last epoch (data it did not train on)"));
  g_object_set_data (G_OBJECT (row), "lab-run", run);

  g_object_set_data (G_OBJECT (check), "lab-run", run);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               run == self->compared[0] || run == self->compared[1]);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Compare this run: tick one or two runs to see their "
                                        "curves overlaid and their settings side by side"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Compare"), -1);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_ptr_array_add (self->checks, check);

  g_menu_item_set_action_and_target_value (rename, "runs.rename", g_variant_new_uint32 (index));
  g_menu_item_set_action_and_target_value (delete, "runs.delete", g_variant_new_uint32 (index));
  g_menu_append_item (menu, rename);
  g_menu_append_item (menu, delete);
  more = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (more, "flat");
  gtk_widget_set_valign (more, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (more, _("Rename or delete this run"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Run menu"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), more);
  update_row (row, run);
  return row;
}

static void
rebuild_list (LabRunsPage *self)
{
  GtkWidget *child;
  gboolean any = self->project != NULL && self->project->runs->len > 0;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  g_ptr_array_set_size (self->checks, 0);
  for (guint i = 0; self->project != NULL && i < self->project->runs->len; i++)
    {
      GtkWidget *row = make_row (self, g_ptr_array_index (self->project->runs, i), i);

      /* Newest first. */
      gtk_list_box_prepend (GTK_LIST_BOX (self->list), row);
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), any ? "runs" : "empty");
}

static gboolean
refresh_in_idle (gpointer data)
{
  LabRunsPage *self = data;

  self->refresh_id = 0;
  /* Only the recording run's row changes: the others (and an open menu) stay as they are. */
  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (self->current != NULL && g_object_get_data (G_OBJECT (row), "lab-run") == self->current)
      update_row (row, self->current);
  if (self->current != NULL &&
      (self->current == self->compared[0] || self->current == self->compared[1]))
    {
      /* Redrawing a comparison nobody sees, twenty times a second, waits until it is shown. */
      self->compare_stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
      if (!self->compare_stale)
        lab_runs_page_refresh_compare (self);
    }
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (LabRunsPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_LOW, refresh_in_idle, self, NULL);
}

/* Recording from the session. */

static void
on_state_changed (LabRunsPage *self)
{
  LabTrainState state = lab_train_session_get_state (self->session);
  const LabTrainSettings *settings;
  g_autofree char *name = NULL;
  LabRun *previous;

  if (state == LAB_TRAIN_STATE_IDLE || self->current != NULL || self->project == NULL)
    return;
  settings = lab_train_session_get_settings (self->session);
  name = lab_run_next_name (self->project->runs);
  previous = self->project->runs->len > 0
             ? g_ptr_array_index (self->project->runs, self->project->runs->len - 1) : NULL;
  self->current = lab_run_new (name, settings != NULL ? settings : &self->project->settings,
                               &self->project->data);
  self->elapsed = 0;
  g_ptr_array_add (self->project->runs, self->current);
  rebuild_list (self);
  /* The new run against the one before it, so the user sees at once whether it does better. */
  lab_runs_page_compare (self, previous, self->current);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_progress (LabRunsPage         *self,
             const LabTrainPoint *point)
{
  if (self->current == NULL)
    return;
  lab_run_add_point (self->current, point);
  self->elapsed = point->elapsed;
  if (point->end_of_epoch)
    queue_refresh (self);
}

static void
on_evaluated (LabRunsPage   *self,
              LabSplit       split,
              LabEvaluation *evaluation)
{
  LabRun *run = self->current;

  /* The test split is evaluated on request, often after the run ended: it belongs to the
   * newest run, which trained the weights evaluated. */
  if (split != LAB_SPLIT_TEST || evaluation == NULL || self->project == NULL)
    return;
  if (run == NULL && self->project->runs->len > 0)
    run = g_ptr_array_index (self->project->runs, self->project->runs->len - 1);
  if (run == NULL)
    return;
  lab_run_set_test (run, evaluation->loss, evaluation->accuracy);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_finished (LabRunsPage  *self,
             const GError *error)
{
  LabRun *run = self->current;

  if (run == NULL)
    return;
  self->current = NULL;
  lab_run_finish (run, error, self->elapsed);
  /* A run that never reached its first batch (data that would not load) is no run to keep:
   * the window shows that error. */
  if (run->epochs->len == 0 && run->batch_x->len == 0 && run->pending_n == 0 && error != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->compared[0] == run)
        self->compared[0] = NULL;
      if (self->compared[1] == run)
        self->compared[1] = NULL;
      g_ptr_array_remove (self->project->runs, run);
    }
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  rebuild_list (self);
  lab_runs_page_compare (self, self->compared[0], self->compared[1]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Rename and delete. */

void
lab_runs_page_rename_run (LabRunsPage *self,
                          LabRun      *run,
                          const char  *name)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (LAB_IS_RUNS_PAGE (self));
  g_return_if_fail (run_index (self, run) >= 0);
  g_return_if_fail (name != NULL);

  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0' || g_strcmp0 (stripped, run->name) == 0)
    return;
  g_free (run->name);
  run->name = g_steal_pointer (&stripped);
  rebuild_list (self);
  lab_runs_page_refresh_compare (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
lab_runs_page_delete_run (LabRunsPage *self,
                          LabRun      *run)
{
  g_return_if_fail (LAB_IS_RUNS_PAGE (self));
  g_return_if_fail (run_index (self, run) >= 0);

  if (self->current == run)
    self->current = NULL;   /* stops recording; the training itself goes on */
  if (self->compared[0] == run)
    self->compared[0] = NULL;
  if (self->compared[1] == run)
    self->compared[1] = NULL;
  g_ptr_array_remove (self->project->runs, run);
  rebuild_list (self);
  lab_runs_page_compare (self, self->compared[0], self->compared[1]);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
lab_runs_page_has_run (LabRunsPage *self,
                       LabRun      *run)
{
  g_return_val_if_fail (LAB_IS_RUNS_PAGE (self), FALSE);
  return run_index (self, run) >= 0;
}

static void
action_run (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  LabRunsPage *self = LAB_RUNS_PAGE (widget);
  guint index = g_variant_get_uint32 (param);
  LabRun *run;

  if (self->project == NULL || index >= self->project->runs->len)
    return;
  run = g_ptr_array_index (self->project->runs, index);
  if (g_str_equal (action, "runs.rename"))
    lab_runs_page_ask_rename (self, run);
  else
    lab_runs_page_ask_delete (self, run);
}

void
lab_runs_page_set_project (LabRunsPage *self,
                           LabProject  *project)
{
  g_return_if_fail (LAB_IS_RUNS_PAGE (self));

  /* A run being recorded belonged to the old project, which goes away with it. */
  self->current = NULL;
  self->project = project;
  self->compared[0] = self->compared[1] = NULL;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  rebuild_list (self);
  /* The two newest runs, as the page shows after a run. */
  if (project != NULL && project->runs->len > 0)
    lab_runs_page_compare (self,
                           project->runs->len > 1 ? g_ptr_array_index (project->runs, project->runs->len - 2) : NULL,
                           g_ptr_array_index (project->runs, project->runs->len - 1));
  else
    lab_runs_page_refresh_compare (self);
}

GtkWidget *
lab_runs_page_new (LabTrainSession *session)
{
  LabRunsPage *self;

  g_return_val_if_fail (LAB_IS_TRAIN_SESSION (session), NULL);

  self = g_object_new (LAB_TYPE_RUNS_PAGE, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "state-changed", G_CALLBACK (on_state_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "progress", G_CALLBACK (on_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "evaluated", G_CALLBACK (on_evaluated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "finished", G_CALLBACK (on_finished), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

static void
lab_runs_page_dispose (GObject *object)
{
  LabRunsPage *self = LAB_RUNS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lab_runs_page_parent_class)->dispose (object);
}

static void
lab_runs_page_finalize (GObject *object)
{
  LabRunsPage *self = LAB_RUNS_PAGE (object);

  g_ptr_array_unref (self->checks);
  G_OBJECT_CLASS (lab_runs_page_parent_class)->finalize (object);
}

static void
lab_runs_page_map (GtkWidget *widget)
{
  LabRunsPage *self = LAB_RUNS_PAGE (widget);

  GTK_WIDGET_CLASS (lab_runs_page_parent_class)->map (widget);
  if (self->compare_stale)
    {
      self->compare_stale = FALSE;
      lab_runs_page_refresh_compare (self);
    }
}

static void
lab_runs_page_class_init (LabRunsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_runs_page_dispose;
  object_class->finalize = lab_runs_page_finalize;
  widget_class->map = lab_runs_page_map;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "runs.rename", "u", action_run);
  gtk_widget_class_install_action (widget_class, "runs.delete", "u", action_run);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "labrunspage");
}

static void
lab_runs_page_init (LabRunsPage *self)
{
  self->checks = g_ptr_array_new ();
  lab_runs_page_build (self);
  rebuild_list (self);
  lab_runs_page_refresh_compare (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Run history"), -1);
}

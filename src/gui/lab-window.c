/* lab-window.c: the main window: a start page, or the editor with palette, canvas and inspector
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lab-examples.h"
#include "lab-graph-view.h"
#include "lab-inspector.h"
#include "lab-palette.h"
#include "lab-start-page.h"
#include "lab-templates.h"
#include "lab-window-private.h"

G_DEFINE_FINAL_TYPE (LabWindow, lab_window, ADW_TYPE_APPLICATION_WINDOW)

LabWindow *
lab_window_new (LabApplication *app)
{
  return g_object_new (LAB_TYPE_WINDOW, "application", app, NULL);
}

void
lab_window_toast (LabWindow  *self,
                  const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
lab_window_show_error (LabWindow  *self,
                       const char *heading,
                       const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
lab_window_is_dirty (LabWindow *self)
{
  if (self->project == NULL)
    return FALSE;
  return self->settings_dirty || lab_history_is_dirty (self->history);
}

char *
lab_window_dup_display_name (LabWindow *self)
{
  if (self->file != NULL)
    return g_file_get_basename (self->file);
  if (self->project != NULL && self->project->name != NULL && *self->project->name)
    return g_strdup (self->project->name);
  return g_strdup (_("Untitled Network"));
}

void
lab_window_update_title (LabWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *window_title = NULL;

  if (self->project == NULL)
    {
      adw_window_title_set_title (self->window_title, "LayerLab");
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), "LayerLab");
      return;
    }

  title = lab_window_dup_display_name (self);
  if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);
      g_autofree char *dir = parent ? g_file_get_parse_name (parent) : NULL;
      const char *home = g_get_home_dir ();

      if (dir != NULL && g_str_has_prefix (dir, home))
        subtitle = g_strconcat ("~", dir + strlen (home), NULL);
      else
        subtitle = g_steal_pointer (&dir);
    }
  else
    subtitle = g_strdup (_("Not saved"));

  /* A bullet before the title marks unsaved changes, as GNOME Text Editor does. */
  if (lab_window_is_dirty (self))
    {
      char *marked = g_strconcat ("• ", title, NULL);

      g_free (title);
      title = marked;
    }
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  window_title = g_strdup_printf ("%s — LayerLab", title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

void
lab_window_update_actions (LabWindow *self)
{
  gboolean open = self->project != NULL;
  /* While training, the graph is the one being trained: no undo, redo or rearranging. */
  gboolean editable = open && !lab_window_is_training (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", editable && lab_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", editable && lab_history_can_redo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.arrange", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.train", open);
  gtk_widget_set_visible (GTK_WIDGET (self->inspector_toggle), open);
  gtk_widget_set_visible (GTK_WIDGET (self->train_button), open);
  /* The view row continues the header bar, so the header draws no line of its own there. */
  if (open)
    gtk_widget_add_css_class (GTK_WIDGET (self->header_bar), "flat");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->header_bar), "flat");
}

static void
on_history_changed (LabWindow *self)
{
  lab_window_update_actions (self);
  lab_window_update_title (self);
}

static void
on_selection_changed (LabWindow *self)
{
  g_autoptr(GArray) ids = lab_graph_view_dup_selection (LAB_GRAPH_VIEW (self->graph_view));

  lab_inspector_set_selection (LAB_INSPECTOR (self->inspector), (const guint *) ids->data, ids->len);
}

static void
on_settings_changed (LabWindow *self)
{
  self->settings_dirty = TRUE;
  lab_window_update_title (self);
  lab_window_training_settings_changed (self);
}

static void
on_message (LabWindow  *self,
            const char *text)
{
  lab_window_toast (self, text);
}

static void
on_layer_activated (LabWindow  *self,
                    const char *spec)
{
  lab_graph_view_add_layer (LAB_GRAPH_VIEW (self->graph_view), spec);
  gtk_widget_grab_focus (self->graph_view);
}

void
lab_window_set_project (LabWindow  *self,
                        LabProject *project,
                        GFile      *file)
{
  g_return_if_fail (LAB_IS_WINDOW (self));

  lab_window_training_set_project (self, NULL);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  lab_graph_view_set_history (LAB_GRAPH_VIEW (self->graph_view), NULL);
  lab_inspector_set_history (LAB_INSPECTOR (self->inspector), NULL);
  lab_inspector_set_project (LAB_INSPECTOR (self->inspector), NULL);
  g_clear_object (&self->history);
  g_clear_pointer (&self->project, lab_project_free);
  g_set_object (&self->file, file);
  self->settings_dirty = FALSE;
  lab_autosave_forget (self);

  self->project = project;
  if (project != NULL)
    {
      self->history = lab_history_new (project->graph);
      g_signal_connect_swapped (self->history, "notify::can-undo", G_CALLBACK (on_history_changed), self);
      g_signal_connect_swapped (self->history, "notify::can-redo", G_CALLBACK (on_history_changed), self);
      g_signal_connect_swapped (self->history, "notify::undo-label", G_CALLBACK (lab_window_log_edit), self);
      g_signal_connect_swapped (project->graph, "changed", G_CALLBACK (on_history_changed), self);
      g_signal_connect_swapped (project->graph, "changed", G_CALLBACK (lab_window_log_graph), self);
      lab_graph_view_set_history (LAB_GRAPH_VIEW (self->graph_view), self->history);
      lab_inspector_set_history (LAB_INSPECTOR (self->inspector), self->history);
      lab_inspector_set_project (LAB_INSPECTOR (self->inspector), project);
      lab_inspector_set_selection (LAB_INSPECTOR (self->inspector), NULL, 0);
      gtk_stack_set_visible_child_name (self->main_stack, "editor");
      gtk_widget_grab_focus (self->graph_view);
      lab_autosave_start (self);
      lab_window_log (self, "project: %s | layers %u", project->name ? project->name : "",
                      lab_graph_get_n_nodes (project->graph));
      lab_window_log_graph (self);
    }
  else
    {
      lab_autosave_stop (self);
      gtk_stack_set_visible_child_name (self->main_stack, "start");
    }
  lab_window_training_set_project (self, project);
  lab_window_update_actions (self);
  lab_window_update_title (self);
}

gboolean
lab_window_open_example (LabWindow   *self,
                         const char  *name,
                         GError     **error)
{
  g_autofree char *path = NULL;
  LabProject *project;

  /* Templates are built in code; examples are project files shipped with LayerLab. */
  if (lab_template_find (name) != NULL)
    {
      project = lab_project_new ();
      project->graph = lab_template_build (name, error);
      if (project->graph == NULL)
        {
          lab_project_free (project);
          return FALSE;
        }
      project->name = g_strdup (_(lab_template_find (name)->title));
      lab_template_settings (name, &project->settings, &project->data);
    }
  else
    {
      path = lab_example_find_path (name, error);
      if (path == NULL || (project = lab_project_load (path, error)) == NULL)
        return FALSE;
      /* An example's data paths are relative to the examples' folder: keep them working. */
      g_clear_pointer (&project->weights, g_free);
    }
  lab_window_set_project (self, project, NULL);
  return TRUE;
}

typedef struct
{
  char *name;
} OpenExample;

static void
open_example_now (LabWindow *self,
                  gpointer   data)
{
  g_autoptr(GError) error = NULL;

  if (!lab_window_open_example (self, data, &error))
    lab_window_show_error (self, _("Could Not Open the Example"), error->message);
}

static void
new_template_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LabWindow *self = LAB_WINDOW (widget);

  lab_window_confirm_discard (self, open_example_now, g_variant_dup_string (parameter, NULL), g_free);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lab_window_choose_and_open (LAB_WINDOW (widget));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lab_window_save (LAB_WINDOW (widget), g_str_equal (action_name, "win.save-as"), NULL, NULL);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LabWindow *self = LAB_WINDOW (widget);

  if (self->history == NULL)
    return;
  if (g_str_equal (action_name, "win.undo"))
    lab_history_undo (self->history);
  else
    lab_history_redo (self->history);
}

static void
arrange_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LabWindow *self = LAB_WINDOW (widget);

  gtk_widget_activate_action (self->graph_view, "canvas.arrange", NULL);
}

static void
toggle_inspector_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LabWindow *self = LAB_WINDOW (widget);

  gtk_toggle_button_set_active (self->inspector_toggle, !gtk_toggle_button_get_active (self->inspector_toggle));
}

static void
search_layers_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LabWindow *self = LAB_WINDOW (widget);

  if (self->project != NULL)
    lab_palette_focus_search (LAB_PALETTE (self->palette));
}

static void
fill_new_menu (LabWindow *self)
{
  g_autoptr(GMenu) templates = g_menu_new ();
  g_autoptr(GMenu) examples = g_menu_new ();
  const LabTemplate *t = lab_templates_list ();
  const LabExample *e = lab_examples_list ();

  for (guint i = 0; t[i].name != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(t[i].title), NULL);

      g_menu_item_set_action_and_target (item, "win.new-template", "s", t[i].name);
      g_menu_append_item (templates, item);
    }
  for (guint i = 0; e[i].name != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (e[i].name, NULL);

      g_menu_item_set_action_and_target (item, "win.new-template", "s", e[i].name);
      g_menu_append_item (examples, item);
    }
  g_menu_remove_all (self->new_menu);
  g_menu_append_section (self->new_menu, _("New From Template"), G_MENU_MODEL (templates));
  g_menu_append_section (self->new_menu, _("Examples"), G_MENU_MODEL (examples));
}

static void
on_zoom_changed (LabWindow *self)
{
  g_autofree char *text = g_strdup_printf ("%.0f %%", 100 * lab_graph_view_get_zoom (LAB_GRAPH_VIEW (self->graph_view)));

  gtk_button_set_label (GTK_BUTTON (self->zoom_label), text);
}

static GtkWidget *
canvas_button (const char *icon,
               const char *action,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* Zoom, fit and arrange float over the canvas's bottom-right corner. */
static void
build_canvas_toolbar (LabWindow *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (bar, "toolbar");
  gtk_widget_add_css_class (bar, "osd");
  gtk_widget_add_css_class (bar, "canvas-toolbar");
  gtk_widget_set_halign (bar, GTK_ALIGN_END);
  gtk_widget_set_valign (bar, GTK_ALIGN_END);

  gtk_box_append (GTK_BOX (bar), canvas_button ("zoom-out-symbolic", "canvas.zoom-out", _("Zoom Out (Ctrl+−)")));
  self->zoom_label = gtk_button_new_with_label ("100 %");
  gtk_widget_add_css_class (self->zoom_label, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->zoom_label), "canvas.zoom-reset");
  gtk_widget_set_tooltip_text (self->zoom_label, _("Reset Zoom (Ctrl+0)"));
  gtk_box_append (GTK_BOX (bar), self->zoom_label);
  gtk_box_append (GTK_BOX (bar), canvas_button ("zoom-in-symbolic", "canvas.zoom-in", _("Zoom In (Ctrl++)")));
  gtk_box_append (GTK_BOX (bar), canvas_button ("zoom-fit-best-symbolic", "canvas.fit", _("Fit to View (Ctrl+1)")));
  gtk_box_append (GTK_BOX (bar), canvas_button ("view-grid-symbolic", "canvas.arrange", _("Auto-Arrange (Ctrl+L)")));
  gtk_overlay_add_overlay (self->canvas_overlay, bar);
}

static gboolean
lab_window_close_request (GtkWindow *window)
{
  LabWindow *self = LAB_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_set_boolean (self->settings, "inspector-visible",
                              gtk_toggle_button_get_active (self->inspector_toggle));
    }

  if (lab_window_training_close_request (self))
    return TRUE;
  if (lab_window_is_dirty (self))
    {
      lab_window_confirm_discard (self, (void (*) (LabWindow *, gpointer)) gtk_window_destroy, NULL, NULL);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (lab_window_parent_class)->close_request (window);
}

static void
lab_window_dispose (GObject *object)
{
  LabWindow *self = LAB_WINDOW (object);

  lab_autosave_stop (self);
  /* A deliberate close has either saved or discarded: the recovery file is no longer needed. */
  lab_autosave_forget (self);
  g_cancellable_cancel (self->cancellable);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project->graph, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LAB_TYPE_WINDOW);
  lab_window_training_dispose (self);
  g_clear_object (&self->history);
  g_clear_pointer (&self->project, lab_project_free);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->recovery_path, g_free);

  G_OBJECT_CLASS (lab_window_parent_class)->dispose (object);
}

static void
lab_window_class_init (LabWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lab_window_dispose;
  window_class->close_request = lab_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/layerlab/LayerLab/ui/lab-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LabWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, inspector_toggle);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, start_slot);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, palette_slot);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, canvas_overlay);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, inspector_slot);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, new_menu);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, LabWindow, header_bar);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  /* Ctrl+W: the same as the title bar's close button, unsaved work and a run asked about. */
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.arrange", NULL, arrange_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-inspector", NULL, toggle_inspector_action);
  gtk_widget_class_install_action (widget_class, "win.search-layers", NULL, search_layers_action);
  gtk_widget_class_install_action (widget_class, "win.new-template", "s", new_template_action);

  lab_window_files_class_init (widget_class);
  lab_autosave_class_init (widget_class);
  lab_window_training_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search-layers", NULL);
}

static void
restore_window_state (LabWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE) : NULL;

  /* Running from a build tree without the compiled schema must still work. */
  if (schema == NULL)
    return;
  self->settings = g_settings_new (APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_toggle_button_set_active (self->inspector_toggle,
                                g_settings_get_boolean (self->settings, "inspector-visible"));
}

static void
lab_window_init (LabWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  self->start_page = lab_start_page_new ();
  gtk_widget_set_vexpand (self->start_page, TRUE);
  gtk_box_append (self->start_slot, self->start_page);

  self->palette = lab_palette_new ();
  gtk_widget_set_vexpand (self->palette, TRUE);
  gtk_box_append (self->palette_slot, self->palette);
  g_signal_connect_swapped (self->palette, "layer-activated", G_CALLBACK (on_layer_activated), self);

  self->graph_view = lab_graph_view_new ();
  gtk_overlay_set_child (self->canvas_overlay, self->graph_view);
  g_signal_connect_swapped (self->graph_view, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->graph_view, "message", G_CALLBACK (on_message), self);
  g_signal_connect_swapped (self->graph_view, "notify::zoom", G_CALLBACK (on_zoom_changed), self);
  /* The overlay's buttons sit beside the canvas, outside the reach of its widget actions. */
  gtk_widget_insert_action_group (GTK_WIDGET (self->canvas_overlay), "canvas",
                                  lab_graph_view_get_action_group (LAB_GRAPH_VIEW (self->graph_view)));
  build_canvas_toolbar (self);

  self->inspector = lab_inspector_new ();
  gtk_widget_set_vexpand (self->inspector, TRUE);
  gtk_box_append (self->inspector_slot, self->inspector);
  g_signal_connect_swapped (self->inspector, "settings-changed", G_CALLBACK (on_settings_changed), self);
  g_signal_connect_swapped (self->inspector, "message", G_CALLBACK (on_message), self);

  lab_window_training_init (self);
  fill_new_menu (self);
  restore_window_state (self);
  lab_window_files_init (self);
  lab_window_set_project (self, NULL, NULL);
}

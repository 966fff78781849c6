/* lab-window-files.c: open, save, save as, recent projects and the unsaved-changes question
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lab-window-private.h"

#define MAX_RECENT 8

static GtkFileFilter *
project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("LayerLab Projects"));
  gtk_file_filter_add_pattern (filter, "*.layerlab");
  gtk_file_filter_add_mime_type (filter, "application/x-layerlab");
  return filter;
}

static void
remember_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = { 0 };

  data.display_name = NULL;
  data.mime_type = (char *) "application/x-layerlab";
  data.app_name = (char *) "LayerLab";
  data.app_exec = (char *) "layerlab %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* Loading happens on a worker thread so that a large or slow file never stalls the window. */
static void
load_worker (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  LabProject *project;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only local files can be opened"));
      return;
    }
  project = lab_project_load (path, &error);
  if (project == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, project, (GDestroyNotify) lab_project_free);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LabWindow *self = LAB_WINDOW (source);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  LabProject *project = g_task_propagate_pointer (G_TASK (result), &error);

  if (project == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The open project, if any, is left exactly as it was. */
      lab_window_log (self, "open failed: %s", error->message);
      lab_window_show_error (self, heading, error->message);
      return;
    }
  remember_recent (file);
  lab_window_set_project (self, project, file);
  {
    g_autofree char *path = g_file_get_path (file);

    lab_window_log (self, "opened: %s", path);
  }
}

static void
open_now (LabWindow *self,
          gpointer   data)
{
  GFile *file = data;
  GTask *task = g_task_new (self, self->cancellable, load_done, NULL);

  g_task_set_source_tag (task, open_now);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_worker);
  g_object_unref (task);
}

void
lab_window_open_file (LabWindow *self,
                      GFile     *file)
{
  g_return_if_fail (LAB_IS_WINDOW (self));

  lab_window_confirm_discard (self, open_now, g_object_ref (file), g_object_unref);
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  LabWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      lab_window_open_file (self, file);
    }
  g_object_unref (dialog);
}

void
lab_window_choose_and_open (LabWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = project_filter ();

  dialog = gtk_file_chooser_native_new (_("Open Project"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

typedef struct
{
  GCallback then;
  gpointer  then_data;
} SaveThen;

static gboolean
save_to (LabWindow *self,
         GFile     *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (path == NULL || !lab_project_save (self->project, path, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      lab_window_show_error (self, heading, error ? error->message : _("Only local files can be saved"));
      return FALSE;
    }
  g_set_object (&self->file, file);
  lab_history_mark_saved (self->history);
  self->settings_dirty = FALSE;
  lab_autosave_forget (self);
  remember_recent (file);
  lab_window_update_title (self);
  lab_window_log (self, "saved: %s", path);
  return TRUE;
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  LabWindow *self = g_object_get_data (G_OBJECT (dialog), "window");
  SaveThen *then = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (chosen);
      g_autoptr(GFile) file = NULL;

      if (g_str_has_suffix (name, ".layerlab"))
        file = g_object_ref (chosen);
      else
        {
          g_autoptr(GFile) parent = g_file_get_parent (chosen);
          g_autofree char *with_suffix = g_strconcat (name, ".layerlab", NULL);

          file = g_file_get_child (parent, with_suffix);
        }
      if (save_to (self, file) && then->then != NULL)
        ((void (*) (LabWindow *, gpointer)) then->then) (self, then->then_data);
    }
  g_free (then);
  g_object_unref (dialog);
}

void
lab_window_save (LabWindow *self,
                 gboolean   save_as,
                 GCallback  then,
                 gpointer   then_data)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = NULL;
  SaveThen *pending;

  if (self->project == NULL)
    return;
  if (!save_as && self->file != NULL)
    {
      if (save_to (self, self->file) && then != NULL)
        ((void (*) (LabWindow *, gpointer)) then) (self, then_data);
      return;
    }

  dialog = gtk_file_chooser_native_new (save_as ? _("Save Project As") : _("Save Project"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  filter = project_filter ();
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), self->file, NULL);
  else
    {
      g_autofree char *name = g_strconcat (self->project->name && *self->project->name
                                           ? self->project->name : _("Untitled Network"),
                                           ".layerlab", NULL);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }
  pending = g_new0 (SaveThen, 1);
  pending->then = then;
  pending->then_data = then_data;
  g_object_set_data (G_OBJECT (dialog), "window", self);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), pending);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

typedef struct
{
  LabWindow      *self;
  void          (*proceed) (LabWindow *self, gpointer data);
  gpointer        data;
  GDestroyNotify  destroy;
} Pending;

static void
pending_free (Pending *p)
{
  if (p->destroy != NULL && p->data != NULL)
    p->destroy (p->data);
  g_free (p);
}

static void
proceed_after_save (LabWindow *self,
                    gpointer   data)
{
  Pending *p = data;

  p->proceed (self, p->data);
  pending_free (p);
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Pending          *p)
{
  if (g_str_equal (response, "discard"))
    {
      /* A deliberate discard: the recovery file goes with the work. */
      lab_autosave_forget (p->self);
      p->self->settings_dirty = FALSE;
      lab_history_mark_saved (p->self->history);
      p->proceed (p->self, p->data);
      pending_free (p);
    }
  else if (g_str_equal (response, "save"))
    lab_window_save (p->self, FALSE, G_CALLBACK (proceed_after_save), p);
  else
    pending_free (p);
}

void
lab_window_confirm_discard (LabWindow      *self,
                            void          (*proceed) (LabWindow *self, gpointer data),
                            gpointer        data,
                            GDestroyNotify  destroy)
{
  Pending *p;
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *name = NULL;

  if (!lab_window_is_dirty (self))
    {
      proceed (self, data);
      if (destroy != NULL && data != NULL)
        destroy (data);
      return;
    }

  p = g_new0 (Pending, 1);
  p->self = self;
  p->proceed = proceed;
  p->data = data;
  p->destroy = destroy;

  name = lab_window_dup_display_name (self);
  heading = g_strdup_printf (_("Save Changes to “%s”?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Unsaved changes will be lost if you don’t save them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response), p);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  lab_window_open_file (LAB_WINDOW (widget), file);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (tb, ta);
}

/* Recent projects in the main menu's "Open Recent", newest first. */
void
lab_window_refresh_recent (LabWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  items = g_list_sort (items, newest_first);
  for (GList *l = items; l != NULL && n < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!g_str_has_suffix (uri, ".layerlab") || !gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", uri);
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  if (n == 0)
    {
      /* A disabled entry says why the submenu is empty. */
      g_autoptr(GMenuItem) none = g_menu_item_new (_("No Recent Projects"), "win.no-recent");

      g_menu_append_item (self->recent_menu, none);
    }
}

void
lab_window_files_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
}

void
lab_window_files_init (LabWindow *self)
{
  GtkRecentManager *recent = gtk_recent_manager_get_default ();

  lab_window_refresh_recent (self);
  g_signal_connect_object (recent, "changed", G_CALLBACK (lab_window_refresh_recent), self, G_CONNECT_SWAPPED);
}

/* lab-autosave.c: unsaved work is copied to a recovery file every few seconds, and offered on
 * the start page after a session that ended without saving or discarding it
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each window writes $XDG_STATE_HOME/layerlab/recovery/PID-N-NAME.layerlab. A file whose PID is
 * no longer running was left by a crash (or a kill), so it is an orphan to offer back.
 */
#define G_LOG_DOMAIN "lab-autosave"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include "lab-safetensors.h"
#include "lab-start-page.h"
#include "lab-window-private.h"

#define DEFAULT_INTERVAL 30

static char *
recovery_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "layerlab", "recovery", NULL);
}

static char *
safe_name (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c < 0x20)
        g_string_append_c (s, '_');
      else
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static gboolean
autosave_tick (gpointer user_data)
{
  LabWindow *self = user_data;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (self->project == NULL || !lab_window_is_dirty (self))
    return G_SOURCE_CONTINUE;

  if (self->recovery_path == NULL)
    {
      static guint counter;
      g_autofree char *dir = recovery_dir ();
      g_autofree char *display = lab_window_dup_display_name (self);
      g_autofree char *safe = safe_name (display);
      g_autofree char *base = NULL;

      if (g_str_has_suffix (safe, ".layerlab"))
        safe[strlen (safe) - strlen (".layerlab")] = '\0';
      base = g_strdup_printf ("%d-%u-%s.layerlab", (int) getpid (), ++counter, safe);
      g_mkdir_with_parents (dir, 0700);
      self->recovery_path = g_build_filename (dir, base, NULL);
    }

  data = lab_project_to_data (self->project, &length);
  if (!lab_file_write_atomic (self->recovery_path, data, length, &error))
    g_warning ("Could not write the recovery file: %s", error->message);
  return G_SOURCE_CONTINUE;
}

void
lab_autosave_start (LabWindow *self)
{
  guint interval = self->settings ? (guint) g_settings_get_int (self->settings, "autosave-interval")
                                  : DEFAULT_INTERVAL;

  lab_autosave_stop (self);
  self->autosave_source = g_timeout_add_seconds (MAX (interval, 1), autosave_tick, self);
}

void
lab_autosave_stop (LabWindow *self)
{
  g_clear_handle_id (&self->autosave_source, g_source_remove);
}

void
lab_autosave_forget (LabWindow *self)
{
  if (self->recovery_path != NULL)
    g_unlink (self->recovery_path);
  g_clear_pointer (&self->recovery_path, g_free);
}

/* Whether the LayerLab that wrote a recovery file still runs. A PID may since belong to
 * another program, or to a killed LayerLab that nobody has reaped (a zombie, which kill()
 * still finds): /proc tells both apart where it exists. */
static gboolean
process_alive (int pid)
{
  g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *end;

  if (pid <= 0 || (kill (pid, 0) != 0 && errno != EPERM))
    return FALSE;
  if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
    return TRUE;
  /* "PID (COMM) STATE ...": COMM may itself hold parentheses, so take the last ')'. */
  end = strrchr (stat, ')');
  if (end == NULL || end[1] != ' ' || end[2] == 'Z' || end[2] == 'X')
    return FALSE;
  return strstr (stat, "(layerlab)") != NULL;
}

GPtrArray *
lab_autosave_list_orphans (void)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = recovery_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      int pid = atoi (name);

      if (!g_str_has_suffix (name, ".layerlab") || process_alive (pid))
        continue;
      g_ptr_array_add (found, g_build_filename (dir, name, NULL));
    }
  return found;
}

char *
lab_autosave_dup_title (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *name = base;

  /* "PID-N-NAME.layerlab" */
  for (guint dashes = 0; dashes < 2 && strchr (name, '-') != NULL; dashes++)
    name = strchr (name, '-') + 1;
  if (g_str_has_suffix (name, ".layerlab"))
    return g_strndup (name, strlen (name) - strlen (".layerlab"));
  return g_strdup (name);
}

char *
lab_autosave_dup_subtitle (const char *path)
{
  GStatBuf st;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time = NULL;

  if (g_stat (path, &st) != 0 || (when = g_date_time_new_from_unix_local (st.st_mtime)) == NULL)
    return g_strdup (_("Unsaved work from a session that ended unexpectedly"));
  /* Translators: a date and time in the locale's format (strftime %c) */
  time = g_date_time_format (when, _("%c"));
  /* Translators: %s is when the recovery file was last written */
  return g_strdup_printf (_("Unsaved work from a session that ended unexpectedly, last kept %s"), time);
}

static void
recover_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LabWindow *self = LAB_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  LabProject *project = lab_project_load (path, &error);

  if (project == NULL)
    {
      lab_window_show_error (self, _("Could Not Recover the Project"), error->message);
      return;
    }
  lab_window_set_project (self, project, NULL);
  /* Recovered work has never been saved: it stays marked until it is. */
  self->settings_dirty = TRUE;
  lab_window_update_title (self);
  g_unlink (path);
  autosave_tick (self);
  lab_start_page_refresh (LAB_START_PAGE (self->start_page));
}

void
lab_autosave_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.recover", "s", recover_action);
}

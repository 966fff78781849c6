/* lab-application.c: the application object: windows, app-wide actions and shortcuts
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-application"

#include "config.h"

#include <glib/gi18n.h>

#include "lab-application.h"
#include "lab-window.h"

struct _LabApplication
{
  AdwApplication parent_instance;
  char          *example;   /* --example NAME, opened by the first window */
};

G_DEFINE_FINAL_TYPE (LabApplication, lab_application, ADW_TYPE_APPLICATION)

LabApplication *
lab_application_new (void)
{
  return g_object_new (LAB_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/layerlab/LayerLab",
                       NULL);
}

static int
lab_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  LabApplication *self = LAB_APPLICATION (app);

  g_variant_dict_lookup (options, "example", "s", &self->example);
  return -1;
}

static void
lab_application_activate (GApplication *app)
{
  LabApplication *self = LAB_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (lab_window_new (self));
  if (self->example != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_steal_pointer (&self->example);

      if (!lab_window_open_example (LAB_WINDOW (window), name, &error))
        g_printerr ("%s\n", error->message);
    }
  gtk_window_present (window);
}

static void
lab_application_finalize (GObject *object)
{
  g_free (LAB_APPLICATION (object)->example);
  G_OBJECT_CLASS (lab_application_parent_class)->finalize (object);
}

static void
lab_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      LabWindow *window = lab_window_new (LAB_APPLICATION (app));

      lab_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "The LayerLab authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "LayerLab",
                         "application-icon", APPLICATION_ID,
                         "developer-name", "The LayerLab authors",
                         "version", PACKAGE_VERSION,
                         "comments", _("Design neural networks by drag and drop, train them and watch them learn"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Each window asks about its own unsaved work before it closes. */
  for (GList *l = g_list_copy (windows); l != NULL; l = g_list_delete_link (l, l))
    gtk_window_close (l->data);
}

static void
lab_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "about", about_action },
    { "quit", quit_action },
  };
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.toggle-inspector", { "F9", NULL } },
    { "win.train", { "F5", NULL } },
    { "win.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (lab_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
lab_application_class_init (LabApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lab_application_finalize;
  app_class->handle_local_options = lab_application_handle_local_options;
  app_class->activate = lab_application_activate;
  app_class->open = lab_application_open;
  app_class->startup = lab_application_startup;
}

static void
lab_application_init (LabApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "example", 'e', G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_STRING,
                                 _("Open a built-in example or template as a new project"),
                                 _("NAME"));
}

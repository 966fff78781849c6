/* lab-runs-dialogs.c: asking for a run's new name, and before deleting one
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-runs"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "lab-runs-page-private.h"

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    LabRunsPage      *self)
{
  LabRun *run = g_object_get_data (G_OBJECT (dialog), "lab-run");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "lab-entry");

  if (g_strcmp0 (response, "rename") == 0 && lab_runs_page_has_run (self, run))
    lab_runs_page_rename_run (self, run, gtk_editable_get_text (entry));
}

static void
on_rename_text (GtkEditable      *entry,
                AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", *text != '\0');
}

void
lab_runs_page_ask_rename (LabRunsPage *self,
                          LabRun      *run)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Rename Run"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), run->name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Run name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "lab-run", run);
  g_object_set_data (G_OBJECT (dialog), "lab-entry", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_rename_text), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    LabRunsPage      *self)
{
  LabRun *run = g_object_get_data (G_OBJECT (dialog), "lab-run");

  if (g_strcmp0 (response, "delete") == 0 && lab_runs_page_has_run (self, run))
    lab_runs_page_delete_run (self, run);
}

void
lab_runs_page_ask_delete (LabRunsPage *self,
                          LabRun      *run)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  heading = g_strdup_printf (_("Delete “%s”?"), run->name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Its curves, settings and results are removed from the "
                                     "project. The model's weights stay as they are."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "lab-run", run);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

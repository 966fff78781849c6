/* lab-window-private.h: the window's state, shared by its files
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lab-history.h"
#include "lab-project.h"
#include "lab-window.h"

G_BEGIN_DECLS

struct _LabWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkMenuButton   *new_button;
  GtkToggleButton *inspector_toggle;
  GtkStack        *main_stack;
  GtkBox          *start_slot;
  GtkBox          *palette_slot;
  GtkOverlay      *canvas_overlay;
  GtkBox          *inspector_slot;
  GtkPaned        *outer_paned;
  GMenu           *primary_menu;
  GMenu           *new_menu;
  GMenu           *recent_menu;
  GtkButton       *train_button;
  AdwHeaderBar    *header_bar;
  AdwViewStack    *view_stack;
  GtkBox          *training_slot;
  GtkBox          *evaluation_slot;
  GtkBox          *inside_slot;
  GtkBox          *runs_slot;

  /* Our widgets */
  GtkWidget       *start_page;
  GtkWidget       *palette;
  GtkWidget       *graph_view;
  GtkWidget       *inspector;
  GtkWidget       *zoom_label;
  GtkWidget       *training_page;
  GtkWidget       *inside_page;
  GtkWidget       *runs_page;

  /* The document */
  LabProject      *project;           /* NULL on the start page */
  LabHistory      *history;
  GFile           *file;              /* NULL until saved */
  gboolean         settings_dirty;    /* training settings changed since the last save */
  char            *recovery_path;     /* this window's autosave file */
  guint            autosave_source;

  GSettings       *settings;          /* NULL when the schema is not installed */
  GCancellable    *cancellable;       /* file loading */

  /* Training (lab-window-training.c) */
  struct _LabTrainSession *session;
  gboolean         close_after_stop;  /* the user chose "Stop and Close" */
};

/* lab-window.c */
void     lab_window_set_project      (LabWindow  *self,
                                      LabProject *project,
                                      GFile      *file);
gboolean lab_window_is_dirty         (LabWindow  *self);
/* The project's name as shown: its file's name, or its own name while unsaved. */
char    *lab_window_dup_display_name (LabWindow  *self);
void     lab_window_update_title     (LabWindow  *self);
void     lab_window_update_actions   (LabWindow  *self);
void     lab_window_log              (LabWindow  *self,
                                      const char *format,
                                      ...) G_GNUC_PRINTF (2, 3);
/* lab-window-log.c: LAYERLAB_TEST_LOG lines for the tests (handlers of the history and graph) */
void     lab_window_log_edit         (LabWindow  *self);
void     lab_window_log_graph        (LabWindow  *self);
void     lab_window_toast            (LabWindow  *self,
                                      const char *message);
void     lab_window_show_error       (LabWindow  *self,
                                      const char *heading,
                                      const char *body);

/* lab-window-files.c */
void     lab_window_files_class_init (GtkWidgetClass *widget_class);
void     lab_window_files_init       (LabWindow  *self);
void     lab_window_save             (LabWindow  *self,
                                      gboolean    save_as,
                                      GCallback   then,
                                      gpointer    then_data);
/* Runs `proceed (self)` now if there is no unsaved work, or after asking: Save, Discard or
 * Cancel (which does not run it). */
void     lab_window_confirm_discard  (LabWindow  *self,
                                      void      (*proceed) (LabWindow *self, gpointer data),
                                      gpointer    data,
                                      GDestroyNotify destroy);
void     lab_window_choose_and_open  (LabWindow  *self);
void     lab_window_refresh_recent   (LabWindow  *self);

/* lab-autosave.c */
/* lab-window-training.c */
void     lab_window_training_class_init (GtkWidgetClass *widget_class);
void     lab_window_training_init    (LabWindow  *self);
void     lab_window_training_dispose (LabWindow  *self);
void     lab_window_training_set_project (LabWindow  *self,
                                          LabProject *project);
/* TRUE when it asked first (a run is going on); the window closes once the run has stopped. */
gboolean lab_window_training_close_request (LabWindow *self);
gboolean lab_window_is_training      (LabWindow  *self);
/* The inspector changed a training setting: a run takes a new learning rate at once. */
void     lab_window_training_settings_changed (LabWindow *self);

/* lab-autosave.c */
void     lab_autosave_class_init     (GtkWidgetClass *widget_class);
void     lab_autosave_start          (LabWindow  *self);
void     lab_autosave_stop           (LabWindow  *self);
/* Removes this window's recovery file (after a save, or a deliberate discard). */
void     lab_autosave_forget         (LabWindow  *self);
/* Recovery files left by a session that did not end cleanly. (transfer full) */
GPtrArray *lab_autosave_list_orphans (void);
/* For the start page: the project's name in a recovery file's name, and when it was written. */
char    *lab_autosave_dup_title     (const char *path);
char    *lab_autosave_dup_subtitle  (const char *path);

G_END_DECLS

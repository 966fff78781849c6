/* lab-runs-page-private.h: the Runs page's builders shared between its files
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lab-chart.h"
#include "lab-runs-page.h"

G_BEGIN_DECLS

struct _LabRunsPage
{
  GtkWidget        parent_instance;

  LabTrainSession *session;
  LabProject      *project;      /* borrowed */
  LabRun          *current;      /* recording, in project->runs */
  double           elapsed;
  LabRun          *compared[2];  /* oldest first */

  GtkWidget       *stack;
  GtkWidget       *list;
  GPtrArray       *checks;       /* GtkCheckButton per row, in project->runs order */
  gboolean         updating;
  GtkWidget       *compare_stack;
  GtkWidget       *compare_title;
  GtkWidget       *charts[3];
  GtkWidget       *only_differences;
  GtkWidget       *settings_slot;
  GtkWidget       *results_slot;
  guint            refresh_id;
  gboolean         compare_stale;  /* the recording run's curves changed while hidden */
};

/* Shows a's (colour 0) and b's (colour 1, nullable) curves: the per-batch loss smoothed, and
 * per epoch the loss and the accuracy, training solid and validation dashed. */
void       lab_runs_fill_charts   (LabChart   *batches,
                                   LabChart   *loss,
                                   LabChart   *accuracy,
                                   LabRun     *a,
                                   LabRun     *b);
/* A table of lab_runs_compare_rows with the differing values marked, or (results) of
 * lab_runs_result_rows with the better figure marked. */
GtkWidget *lab_runs_settings_grid (GPtrArray  *rows,
                                   const char *name_a,
                                   const char *name_b,
                                   gboolean    only_differences,
                                   gboolean    results);

/* Builds the page's widgets (lab-runs-compare.c); shows what is compared now. */
void       lab_runs_page_build      (LabRunsPage *self);
void       lab_runs_page_refresh_compare (LabRunsPage *self);
/* lab-runs-dialogs.c: the row menu's "Rename…" and "Delete". */
void       lab_runs_page_ask_rename (LabRunsPage *self,
                                     LabRun      *run);
void       lab_runs_page_ask_delete (LabRunsPage *self,
                                     LabRun      *run);
/* Whether run is (still) one of the project's runs. */
gboolean   lab_runs_page_has_run    (LabRunsPage *self,
                                     LabRun      *run);

G_END_DECLS

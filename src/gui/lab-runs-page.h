/* lab-runs-page.h: the window's "Runs" page: every training run of the project, two of them
 * overlaid, their settings side by side
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-project.h"
#include "lab-train-session.h"

G_BEGIN_DECLS

#define LAB_TYPE_RUNS_PAGE (lab_runs_page_get_type ())
G_DECLARE_FINAL_TYPE (LabRunsPage, lab_runs_page, LAB, RUNS_PAGE, GtkWidget)

GtkWidget *lab_runs_page_new         (LabTrainSession *session);
/* project is borrowed (NULL: none). The page appends a LabRun to project->runs when a run
 * starts and fills it from the session's signals. */
void       lab_runs_page_set_project (LabRunsPage     *self,
                                      LabProject      *project);
/* The runs compared now (up to two, oldest first); NULL when fewer are chosen. */
LabRun    *lab_runs_page_get_compared (LabRunsPage    *self,
                                       guint           index);
/* Chooses which runs to compare (b may be NULL), as ticking them in the list does. */
void       lab_runs_page_compare     (LabRunsPage     *self,
                                      LabRun          *a,
                                      LabRun          *b);
/* Renames or deletes a run of the project (as the row's menu does); both emit ::changed. */
void       lab_runs_page_rename_run  (LabRunsPage     *self,
                                      LabRun          *run,
                                      const char      *name);
void       lab_runs_page_delete_run  (LabRunsPage     *self,
                                      LabRun          *run);

/* Signals:
 *   "changed" ()   the project's runs changed (a run started or ended, was renamed or
 *                  deleted): the window marks the project unsaved */

/* The page's pure parts (lab-runs-compare.c), testable without a display. */
typedef struct
{
  char     *key;
  char     *label;
  char     *a;
  char     *b;         /* NULL when only one run is compared */
  gboolean  differs;
  guint     better;    /* results: 1 when a's figure is the better one, 2 for b's, 0 neither */
} LabRunsCompareRow;

void       lab_runs_compare_row_free (LabRunsCompareRow *row);
/* The settings of a and b (nullable) lined up by key, "–" where a run lacks one. */
GPtrArray *lab_runs_compare_rows     (const LabRun    *a,
                                      const LabRun    *b);
/* What a and b (nullable) achieved, as rows: epochs, training time, final and best
 * validation figures, test figures when evaluated; rows neither run has are left out. */
GPtrArray *lab_runs_result_rows      (const LabRun    *a,
                                      const LabRun    *b);
/* "22 Nov 2026, 06:30 · 20 epochs · Completed", and on a second line the last validation
 * accuracy and loss when there are any. */
char      *lab_runs_describe         (const LabRun    *run);
/* "96.4 %" / "0.081", "–" for a figure that does not exist. */
char      *lab_runs_format_accuracy  (double           accuracy);
char      *lab_runs_format_loss      (double           loss);

G_END_DECLS

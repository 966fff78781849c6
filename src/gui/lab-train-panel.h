/* lab-train-panel.h: the run controls and the progress of the training session
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pause/Resume, Stop, Train Again and Reset; a progress bar with the epoch and the batch; the
 * speed and the time left; the learning rate, which changes the running training at once.
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-train-session.h"

G_BEGIN_DECLS

#define LAB_TYPE_TRAIN_PANEL (lab_train_panel_get_type ())
G_DECLARE_FINAL_TYPE (LabTrainPanel, lab_train_panel, LAB, TRAIN_PANEL, GtkWidget)

GtkWidget *lab_train_panel_new (LabTrainSession *session);

/* Pure helpers, testable without a display. */

/* "45 s", "3 min 20 s", "1 h 05 min"; "–" when unknown (NaN or negative). */
char      *lab_train_format_duration (double seconds);
/* Progress of a run that began after first_epoch epochs and ends at last_epoch, at the point
 * (epoch is 1-based, batch of n_batches done), clamped to [0, 1]. */
double     lab_train_run_fraction    (guint  first_epoch,
                                      guint  last_epoch,
                                      guint  epoch,
                                      guint  batch,
                                      guint  n_batches);

/* Signals:
 *   "train-requested" ()   Train Again was pressed */

G_END_DECLS

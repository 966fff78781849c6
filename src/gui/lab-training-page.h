/* lab-training-page.h: the window's "Training" page: run controls, progress and live curves
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-train-session.h"

G_BEGIN_DECLS

#define LAB_TYPE_TRAINING_PAGE (lab_training_page_get_type ())
G_DECLARE_FINAL_TYPE (LabTrainingPage, lab_training_page, LAB, TRAINING_PAGE, GtkWidget)

GtkWidget *lab_training_page_new            (LabTrainSession *session);
/* Emits ::train-requested, as the page's own Train buttons do (for the header's Train button). */
void       lab_training_page_request_train  (LabTrainingPage *self);
/* Forgets the curves shown (a new project). */
void       lab_training_page_clear          (LabTrainingPage *self);

/* Signals:
 *   "train-requested" ()   the user asked to train: the window calls lab_train_session_start
 *                          with the current graph and settings */

G_END_DECLS

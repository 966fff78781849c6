/* lab-evaluation-page.h: how the model does on the validation and test splits
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's "Evaluation" page. It listens to the session's ::evaluated (validation after
 * every epoch, test on request) and shows accuracy and loss, the confusion matrix, per-class
 * precision, recall and F1, ROC and precision-recall curves and, for two-class tasks, a
 * decision threshold; for regression MSE, MAE, R² and predicted against true values.
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-core.h"
#include "lab-train-session.h"

G_BEGIN_DECLS

#define LAB_TYPE_EVALUATION_PAGE (lab_evaluation_page_get_type ())
G_DECLARE_FINAL_TYPE (LabEvaluationPage, lab_evaluation_page, LAB, EVALUATION_PAGE, GtkWidget)

/* session may be NULL (tests, previews): the page then shows only what it is given. */
GtkWidget *lab_evaluation_page_new       (LabTrainSession     *session);
/* What ::evaluated does: copies eval and shows it (split VALIDATION or TEST). epoch 0 when
 * unknown. */
void       lab_evaluation_page_show      (LabEvaluationPage   *self,
                                          LabSplit             split,
                                          const LabEvaluation *eval,
                                          guint                epoch);
/* Class names for the views (copied); NULL uses the dataset's, or numbers. */
void       lab_evaluation_page_set_class_names (LabEvaluationPage  *self,
                                                const char * const *names);

G_END_DECLS

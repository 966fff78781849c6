/* lab-inspector.h: the panel beside the canvas: the selected layer's settings, or the model's
 * training settings when nothing is selected, with the totals at the top
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-history.h"
#include "lab-project.h"

G_BEGIN_DECLS

#define LAB_TYPE_INSPECTOR (lab_inspector_get_type ())
G_DECLARE_FINAL_TYPE (LabInspector, lab_inspector, LAB, INSPECTOR, GtkWidget)

GtkWidget *lab_inspector_new           (void);
/* Layer edits go through the history (undoable); training settings and the dataset are edited
 * in place in project (borrowed), after which ::settings-changed is emitted. */
void       lab_inspector_set_history   (LabInspector *self,
                                        LabHistory   *history);
void       lab_inspector_set_project   (LabInspector *self,
                                        LabProject   *project);
void       lab_inspector_set_selection (LabInspector *self,
                                        const guint  *ids,
                                        guint         n);

/* While the model trains, the layers and the training settings that cannot change mid-run are
 * insensitive, with a note saying why; the learning rate stays editable (it applies live). */
void       lab_inspector_set_training  (LabInspector *self,
                                        gboolean      training);
gboolean   lab_inspector_get_training  (LabInspector *self);

/* Signals:
 *   "settings-changed" ()   the training settings or the dataset changed
 *   "message" (const char *text) */

G_END_DECLS

/* lab-decision-view.h: a 2-D classifier's decision boundary with the data on top
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-inspect.h"

G_BEGIN_DECLS

#define LAB_TYPE_DECISION_VIEW (lab_decision_view_get_type ())
G_DECLARE_FINAL_TYPE (LabDecisionView, lab_decision_view, LAB, DECISION_VIEW, GtkWidget)

GtkWidget *lab_decision_view_new        (void);
/* Copies up to max_points points of data (2 features, classes) to draw; NULL clears. */
void       lab_decision_view_set_points (LabDecisionView  *self,
                                         const LabDataset *data,
                                         gsize             max_points);
/* transfer full; NULL clears the map */
void       lab_decision_view_set_grid   (LabDecisionView  *self,
                                         LabDecisionGrid  *grid);

/* A cell's colour: the class colours mixed by probability, faded towards bg where the network
 * is unsure, so the boundary shows as a pale seam between confident regions. */
void       lab_decision_cell_color      (const float      *probs,
                                         guint             n_classes,
                                         gboolean          dark,
                                         const GdkRGBA    *bg,
                                         GdkRGBA          *out);
/* The map over the largest rectangle of the grid's aspect that fits width × height (returned
 * in rect: x, y, width, height), then points (n, 2) with labels (n) as dots in their class
 * colour with a bg-coloured rim. */
void       lab_draw_decision_map        (cairo_t               *cr,
                                         const LabDecisionGrid *grid,
                                         const float           *points,
                                         const guint           *labels,
                                         gsize                  n_points,
                                         double                 width,
                                         double                 height,
                                         gboolean               dark,
                                         const GdkRGBA         *bg,
                                         const GdkRGBA         *fg,
                                         double                 rect[4]);

G_END_DECLS

/* lab-graph-view.h: the graph canvas, one Cairo widget drawing a LabGraph
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view holds view state only (zoom, pan, selection, the gesture in progress). Every edit goes
 * through the LabHistory it is given, so it is validated by the core and undoable. It installs
 * these widget actions, which the window's menus and shortcuts name:
 *   canvas.delete  canvas.select-all  canvas.cut  canvas.copy  canvas.paste  canvas.duplicate
 *   canvas.zoom-in  canvas.zoom-out  canvas.zoom-reset  canvas.fit  canvas.arrange
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-history.h"

G_BEGIN_DECLS

#define LAB_TYPE_GRAPH_VIEW (lab_graph_view_get_type ())
G_DECLARE_FINAL_TYPE (LabGraphView, lab_graph_view, LAB, GRAPH_VIEW, GtkWidget)

GtkWidget  *lab_graph_view_new              (void);
/* The graph is the history's. NULL shows nothing. */
void        lab_graph_view_set_history      (LabGraphView *self,
                                             LabHistory   *history);
LabHistory *lab_graph_view_get_history      (LabGraphView *self);
/* Selected node ids. (transfer full) */
GArray     *lab_graph_view_dup_selection    (LabGraphView *self);
void        lab_graph_view_set_selection    (LabGraphView *self,
                                             const guint  *ids,
                                             guint         n);
double      lab_graph_view_get_zoom         (LabGraphView *self);   /* property "zoom", 1.0 = 100 % */
void        lab_graph_view_set_zoom         (LabGraphView *self,
                                             double        zoom);
void        lab_graph_view_fit              (LabGraphView *self);
/* Adds a layer from the palette ("Dense", or "Activation:relu" for a preset) at the middle of
 * the visible area, selects it, and returns its id (0 on error, shown as a toast). */
guint       lab_graph_view_add_layer        (LabGraphView *self,
                                             const char   *spec);
/* While training (the next issue) the graph cannot change: edits are refused with reason. */
void        lab_graph_view_set_locked       (LabGraphView *self,
                                             const char   *reason);
/* A small badge on a node's card (a health warning while training), with tooltip added to the
 * node's own when hovered; icon_name NULL clears it. Badges belong to the view, not the graph:
 * a renamed or deleted node loses its badge. */
void        lab_graph_view_set_node_badge   (LabGraphView *self,
                                             const char   *node_name,
                                             const char   *icon_name,
                                             const char   *tooltip);
/* The canvas.* actions as a group, for widgets outside the canvas, which cannot see its widget
 * actions (a toolbar overlaid on it, the window's menus): gtk_widget_insert_action_group
 * (their common ancestor, "canvas", group). Each runs the canvas's own action. (transfer none) */
GActionGroup *lab_graph_view_get_action_group (LabGraphView *self);

/* Signals:
 *   "selection-changed" ()                     the selection changed
 *   "message" (const char *text)                something to tell the user (a refused edit):
 *                                               the window shows it as a toast */

G_END_DECLS

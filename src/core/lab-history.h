/* lab-history.h: undo and redo for every edit of a LabGraph
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window makes every edit through a lab_history_*() function: it performs the edit on the
 * graph with the graph API and records how to undo it. A failed edit records nothing and returns
 * the graph's error. Undo and redo put the graph back exactly as it was, down to the order of the
 * nodes, the position of every input and the ids, so a saved file is the same byte for byte.
 *
 *   LabHistory *history = lab_history_new (graph);
 *   guint fc = lab_history_add_node (history, "Dense", NULL, 240, 120, &error);  // "Undo Add Dense “dense1”"
 *   lab_history_connect (history, in, fc, &error);
 *
 *   // one drag, however many motion events, is one step: "Undo Move 3 Layers"
 *   lab_history_begin_group (history, NULL);
 *   lab_history_move_nodes (history, ids, 3, dx, dy, &error);    // on each motion event
 *   lab_history_end_group (history);
 *
 *   lab_history_undo (history);
 *   if (lab_history_is_dirty (history)) …                         // the unsaved-changes marker
 *
 * Edits made on the graph directly (not through the history) can make a recorded step impossible
 * to undo; then undo logs a warning and clears the history. Do not mix the two while a history is
 * attached.
 */
#pragma once

#include <glib-object.h>

#include "lab-graph.h"
#include "lab-layout.h"

G_BEGIN_DECLS

#define LAB_TYPE_HISTORY (lab_history_get_type ())
G_DECLARE_FINAL_TYPE (LabHistory, lab_history, LAB, HISTORY, GObject)

LabHistory *lab_history_new             (LabGraph     *graph);
/* (transfer none) */
LabGraph   *lab_history_get_graph       (LabHistory   *self);

gboolean    lab_history_can_undo        (LabHistory   *self);
gboolean    lab_history_can_redo        (LabHistory   *self);
/* "Undo Add Dense “fc1”", or "Undo" when there is nothing to undo. (transfer none) */
const char *lab_history_get_undo_label  (LabHistory   *self);
const char *lab_history_get_redo_label  (LabHistory   *self);
/* FALSE when there is nothing to undo (or redo), or when the graph was changed behind the
 * history's back; then a warning is logged and the history cleared. */
gboolean    lab_history_undo            (LabHistory   *self);
gboolean    lab_history_redo            (LabHistory   *self);
/* Forgets every step; clean stays clean and dirty stays dirty. */
void        lab_history_clear           (LabHistory   *self);
/* Dirty when the graph is not at the step last marked saved; undoing back to it is clean. */
gboolean    lab_history_is_dirty        (LabHistory   *self);
void        lab_history_mark_saved      (LabHistory   *self);

/* Typing a value digit by digit ("3", then "32") should be one step, not a step per key: after
 * keep_open, the next change of the same setting of the same layer merges into the step just
 * recorded. seal, any other edit, undo, redo and saving close the step again. */
void        lab_history_keep_open       (LabHistory   *self);
void        lab_history_seal            (LabHistory   *self);

/* Edits between begin and end become one step. Groups nest; only the outermost makes the step.
 * Consecutive moves of the same nodes, and consecutive changes of the same setting, merge into
 * one, and a drag that ends where it started leaves no step. label NULL takes the label of the
 * first edit (for a drag, "Move 3 Layers"). Undo and redo are refused while a group is open. */
void        lab_history_begin_group     (LabHistory   *self,
                                         const char   *label);
void        lab_history_end_group       (LabHistory   *self);

/* The edits. Each returns like its lab_graph_*() counterpart. */
guint       lab_history_add_node        (LabHistory   *self,
                                         const char   *type_name,
                                         const char   *name,
                                         double        x,
                                         double        y,
                                         GError      **error);
/* Removes the nodes and every edge touching them; undo restores ids, names, settings,
 * positions, frozen flags, their places in the node order and every edge at its input position. */
gboolean    lab_history_remove_nodes    (LabHistory   *self,
                                         const guint  *ids,
                                         guint         n,
                                         GError      **error);
gboolean    lab_history_connect         (LabHistory   *self,
                                         guint         src,
                                         guint         dst,
                                         GError      **error);
gboolean    lab_history_disconnect      (LabHistory   *self,
                                         guint         src,
                                         guint         dst,
                                         GError      **error);
gboolean    lab_history_set_hparam_text (LabHistory   *self,
                                         guint         id,
                                         const char   *key,
                                         const char   *text,
                                         GError      **error);
gboolean    lab_history_set_frozen      (LabHistory   *self,
                                         guint         id,
                                         gboolean      frozen,
                                         GError      **error);
gboolean    lab_history_rename          (LabHistory   *self,
                                         guint         id,
                                         const char   *name,
                                         GError      **error);
gboolean    lab_history_move_nodes      (LabHistory   *self,
                                         const guint  *ids,
                                         guint         n,
                                         double        dx,
                                         double        dy,
                                         GError      **error);
/* Puts nodes where positions say (from lab_layout_layered()) as one step; label NULL means
 * "Arrange Layers". Nodes already in place are not recorded. */
gboolean    lab_history_set_positions   (LabHistory              *self,
                                         const LabLayoutPosition *positions,
                                         guint                    n,
                                         const char              *label,
                                         GError                 **error);
/* The one-click fix ("insert Flatten"): a new node of type_name at (x, y) on the edge src → dst,
 * wired src → new → dst at the input position src had. Returns the new id, or 0. */
guint       lab_history_insert_between  (LabHistory   *self,
                                         guint         src,
                                         guint         dst,
                                         const char   *type_name,
                                         double        x,
                                         double        y,
                                         GError      **error);
/* Makes the graph a copy of replacement (nodes with their ids, settings, positions and edges)
 * as one step; label NULL means "Replace Network". */
gboolean    lab_history_replace_graph   (LabHistory   *self,
                                         LabGraph     *replacement,
                                         const char   *label,
                                         GError      **error);
/* Adds the layers of a lab_graph_serialize_nodes() text moved by (dx, dy), with fresh names
 * where taken (lab-clipboard.h). new_ids (nullable) receives the new ids in the text's order. */
gboolean    lab_history_paste           (LabHistory   *self,
                                         const char   *text,
                                         double        dx,
                                         double        dy,
                                         GArray      **new_ids,
                                         GError      **error);
/* Copy and paste of the nodes ids in one step ("Duplicate 2 Layers"). */
gboolean    lab_history_duplicate       (LabHistory   *self,
                                         const guint  *ids,
                                         guint         n,
                                         double        dx,
                                         double        dy,
                                         GArray      **new_ids,
                                         GError      **error);

G_END_DECLS

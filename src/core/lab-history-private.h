/* lab-history-private.h: the recorded edits behind LabHistory
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit is one LabCommand that can be applied forward (redo) or backward (undo) on the
 * graph. Commands hold what the graph API needs to repeat the edit exactly: ids, whole node
 * records with their place in the insertion order, edges with their input position, old and new
 * values. lab-history.c keeps the stacks; lab-history-command.c builds and applies commands.
 */
#pragma once

#include "lab-history.h"

G_BEGIN_DECLS

typedef enum
{
  LAB_COMMAND_NODES,     /* nodes with their settings and edges appear (insert) or go */
  LAB_COMMAND_EDGE,      /* one edge appears (connect) or goes */
  LAB_COMMAND_HPARAM,
  LAB_COMMAND_FROZEN,
  LAB_COMMAND_RENAME,
  LAB_COMMAND_MOVE,
  LAB_COMMAND_GROUP,     /* children applied in order, undone in reverse */
} LabCommandKind;

typedef struct
{
  guint               id;
  guint               index;   /* place in the graph's insertion order */
  const LabLayerType *type;
  char               *name;
  LabHValue          *hp;      /* type->n_hparams values */
  double              x;
  double              y;
  gboolean            frozen;
} LabNodeRecord;

typedef struct
{
  guint src;
  guint dst;
  guint position;   /* index in dst's inputs */
} LabEdgeRecord;

typedef struct
{
  guint  id;
  double x0, y0;    /* before */
  double x1, y1;    /* after */
} LabMoveRecord;

typedef struct
{
  LabCommandKind kind;
  char          *label;     /* "Add Dense “fc1”", without "Undo" */
  guint64        serial;    /* position in the history, for the saved point */

  /* NODES (nodes: LabNodeRecord in ascending index, edges: LabEdgeRecord grouped by dst with
   * ascending position) and EDGE (edges holds one). insert: forward adds them. */
  gboolean       insert;
  GArray        *nodes;
  GArray        *edges;

  /* HPARAM, FROZEN, RENAME */
  guint          id;
  int            hp_index;
  LabHValue      hp_before;
  LabHValue      hp_after;
  gboolean       frozen_after;
  char          *name_before;
  char          *name_after;

  /* MOVE */
  GArray        *moves;     /* LabMoveRecord */

  /* GROUP */
  GPtrArray     *children;  /* LabCommand* */
} LabCommand;

LabCommand *lab_command_new             (LabCommandKind  kind,
                                         char           *label);
void        lab_command_free            (LabCommand     *self);
/* A NODES command for the nodes ids of graph (any order) and every edge touching them. */
LabCommand *lab_command_new_nodes       (LabGraph       *graph,
                                         const guint    *ids,
                                         guint           n,
                                         gboolean        insert,
                                         char           *label);
/* Applies the command forward (redo) or backward (undo). Fails only when the graph was edited
 * behind the history's back, which leaves it partly applied. */
gboolean    lab_command_apply           (LabCommand     *self,
                                         LabGraph       *graph,
                                         gboolean        forward,
                                         GError        **error);
/* Folds next into self when both move the same nodes (one drag) or both change the same
 * setting of the same node (typing); TRUE when it did, and then next is no longer needed. */
gboolean    lab_command_merge           (LabCommand     *self,
                                         const LabCommand *next);
/* Values compared field by field: struct padding may differ. */
gboolean    lab_hvalue_equal            (const LabHValue *a,
                                         const LabHValue *b);
/* A MOVE whose nodes all end where they started. */
gboolean    lab_command_is_noop         (const LabCommand *self);

/* Takes a performed edit: into the open group, or as a new step that ends the redo list. */
void        lab_history_record          (LabHistory     *self,
                                         LabCommand     *command);
/* The innermost open group, to label it once its edits are known. (transfer none) */
LabCommand *lab_history_peek_group      (LabHistory     *self);
/* Undoes what the innermost open group did so far and drops it: a compound edit that failed
 * half-way leaves no trace. */
void        lab_history_abort_group     (LabHistory     *self);

G_END_DECLS

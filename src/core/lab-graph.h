/* lab-graph.h: the editable model, a DAG of named layer nodes
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nodes are identified by a stable id (never reused within a graph) and a unique name. Edges are
 * the ordered inputs of each node: node->inputs holds the ids of the nodes it reads from, in the
 * order the layer sees them (it matters for Concatenate). Every edit goes through this API, which
 * emits ::changed, so the window, undo and saving all see the same model.
 *
 * lab_graph_analyze() infers every shape and records per node what is wrong, in words that name
 * the node and say how to fix it; lab_graph_validate() turns the first problem into a GError.
 *
 *   LabGraph *g = lab_graph_new ();
 *   guint in = lab_graph_add_node (g, "Input", "in", 0, 0, &error);
 *   guint fc = lab_graph_add_node (g, "Dense", NULL, 200, 0, &error);   // named "dense1"
 *   lab_graph_set_hparam_text (g, in, "shape", "784", &error);
 *   lab_graph_connect (g, in, fc, &error);
 *   if (!lab_graph_validate (g, &error)) g_printerr ("%s\n", error->message);
 */
#pragma once

#include <glib-object.h>

#include "lab-layer.h"

G_BEGIN_DECLS

typedef struct
{
  guint               id;
  char               *name;
  const LabLayerType *type;
  LabHValue          *hp;            /* type->n_hparams values */
  double              x;             /* canvas position, top-left, in canvas units */
  double              y;
  gboolean            frozen;        /* parameters not trained */
  GArray             *inputs;        /* guint ids, in order */

  /* Filled by lab_graph_analyze (). */
  gboolean            shape_known;   /* FALSE when this node or something upstream is invalid */
  LabShape            out_shape;
  char               *error;         /* what is wrong with this node itself, or NULL */
  int                 error_code;    /* its LabError code */
  guint64             n_params;      /* trainable floats (0 when frozen) */
  guint64             n_frozen;      /* parameter floats of a frozen node */
  guint64             n_state;       /* non-trainable buffers (BatchNorm running stats) */
  guint64             flops;         /* forward FLOPs per sample */
  guint64             activation_bytes; /* per sample: output, its gradient and the cache */
} LabNode;

typedef struct
{
  guint64 trainable;
  guint64 frozen;
  guint64 state;
  guint64 flops;              /* forward, per sample */
  guint64 activation_bytes;   /* per sample, while training */
  guint64 parameter_bytes;    /* weights, their gradients and two optimizer moments */
} LabGraphTotals;

#define LAB_TYPE_GRAPH (lab_graph_get_type ())
G_DECLARE_FINAL_TYPE (LabGraph, lab_graph, LAB, GRAPH, GObject)

LabGraph     *lab_graph_new              (void);
/* A deep copy with the same ids and names (the trainer compiles from a copy). */
LabGraph     *lab_graph_copy             (LabGraph       *self);

/* Adds a node of the named type with default settings. name NULL picks "dense1", "dense2", …
 * Returns its id, or 0 with an error for an unknown type or a duplicate name. */
guint         lab_graph_add_node         (LabGraph       *self,
                                          const char     *type_name,
                                          const char     *name,
                                          double          x,
                                          double          y,
                                          GError        **error);
/* The same with a given id, for undo and paste; fails if the id is taken. */
gboolean      lab_graph_add_node_with_id (LabGraph       *self,
                                          guint           id,
                                          const char     *type_name,
                                          const char     *name,
                                          double          x,
                                          double          y,
                                          GError        **error);
/* Moves a node to place index of the insertion order (clamped to the last place), so that undoing
 * a deletion puts nodes back where they were: files and the topological order stay the same.
 * FALSE for an unknown id. */
gboolean      lab_graph_move_node_to_index (LabGraph     *self,
                                            guint         id,
                                            guint         index);
/* Removes the node and every edge touching it. */
gboolean      lab_graph_remove_node      (LabGraph       *self,
                                          guint           id);
/* Appends src to dst's inputs. Refuses a missing node, a self-loop, a duplicate edge, an
 * Input as dst and more inputs than dst's type takes. Cycles are allowed here (a file may hold
 * one) and reported by analysis; lab_graph_would_cycle() lets an editor refuse them up front. */
gboolean      lab_graph_connect          (LabGraph       *self,
                                          guint           src,
                                          guint           dst,
                                          GError        **error);
/* The same at a given input position (for undo). */
gboolean      lab_graph_connect_at       (LabGraph       *self,
                                          guint           src,
                                          guint           dst,
                                          guint           position,
                                          GError        **error);
gboolean      lab_graph_disconnect       (LabGraph       *self,
                                          guint           src,
                                          guint           dst);
gboolean      lab_graph_would_cycle      (LabGraph       *self,
                                          guint           src,
                                          guint           dst);

gboolean      lab_graph_rename           (LabGraph       *self,
                                          guint           id,
                                          const char     *name,
                                          GError        **error);
void          lab_graph_set_position     (LabGraph       *self,
                                          guint           id,
                                          double          x,
                                          double          y);
void          lab_graph_set_frozen       (LabGraph       *self,
                                          guint           id,
                                          gboolean        frozen);
gboolean      lab_graph_set_hparam       (LabGraph       *self,
                                          guint           id,
                                          const char     *key,
                                          const LabHValue *value,
                                          GError        **error);
/* Parses text as typed ("same", "64", "1x28x28"); the error names the node and the setting. */
gboolean      lab_graph_set_hparam_text  (LabGraph       *self,
                                          guint           id,
                                          const char     *key,
                                          const char     *text,
                                          GError        **error);
/* Returns a newly allocated text of the value, or NULL for an unknown key. */
char         *lab_graph_dup_hparam_text  (LabGraph       *self,
                                          guint           id,
                                          const char     *key);

LabNode      *lab_graph_get_node         (LabGraph       *self,
                                          guint           id);
LabNode      *lab_graph_find_node        (LabGraph       *self,
                                          const char     *name);
/* The nodes in the order they were added. (transfer none) */
GPtrArray    *lab_graph_get_nodes        (LabGraph       *self);
guint         lab_graph_get_n_nodes      (LabGraph       *self);
/* Ids of the nodes that read from id. (transfer full) */
GArray       *lab_graph_dup_consumers    (LabGraph       *self,
                                          guint           id);

/* Infers shapes and counts for every node; TRUE when every node is valid. Cheap enough to call
 * after each edit (a few microseconds per node). */
gboolean      lab_graph_analyze          (LabGraph       *self);
/* analyze() plus the whole-network rules (one Input, one output, no cycle); the first problem
 * becomes the error. */
gboolean      lab_graph_validate         (LabGraph       *self,
                                          GError        **error);
/* Ids in an order where every node comes after its inputs; NULL and an error on a cycle. */
GArray       *lab_graph_topo_order       (LabGraph       *self,
                                          GError        **error);
void          lab_graph_get_totals       (LabGraph       *self,
                                          LabGraphTotals *totals);
/* The single Input node and the single output (the node nothing reads from), or NULL. */
LabNode      *lab_graph_get_input        (LabGraph       *self);
LabNode      *lab_graph_get_output       (LabGraph       *self);

G_END_DECLS

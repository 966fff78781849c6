/* lab-history-command.c: recorded edits, applied forward (redo) or backward (undo)
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-history"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-error.h"
#include "lab-history-private.h"

LabCommand *
lab_command_new (LabCommandKind  kind,
                 char           *label)
{
  LabCommand *self = g_new0 (LabCommand, 1);

  self->kind = kind;
  self->label = label;
  return self;
}

static void
node_record_clear (LabNodeRecord *record)
{
  g_free (record->name);
  g_free (record->hp);
}

void
lab_command_free (LabCommand *self)
{
  if (self == NULL)
    return;
  g_free (self->label);
  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_free (self->name_before);
  g_free (self->name_after);
  g_clear_pointer (&self->moves, g_array_unref);
  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_free (self);
}

static int
compare_index (gconstpointer a,
               gconstpointer b)
{
  const LabNodeRecord *ra = a, *rb = b;

  return (ra->index > rb->index) - (ra->index < rb->index);
}

LabCommand *
lab_command_new_nodes (LabGraph    *graph,
                       const guint *ids,
                       guint        n,
                       gboolean     insert,
                       char        *label)
{
  LabCommand *self = lab_command_new (LAB_COMMAND_NODES, label);
  g_autoptr(GHashTable) set = g_hash_table_new (NULL, NULL);
  GPtrArray *nodes = lab_graph_get_nodes (graph);

  self->insert = insert;
  self->nodes = g_array_new (FALSE, TRUE, sizeof (LabNodeRecord));
  g_array_set_clear_func (self->nodes, (GDestroyNotify) node_record_clear);
  self->edges = g_array_new (FALSE, FALSE, sizeof (LabEdgeRecord));

  for (guint i = 0; i < n; i++)
    g_hash_table_add (set, GUINT_TO_POINTER (ids[i]));

  /* Walking the nodes in insertion order gives records in ascending index, and each node's
   * inputs in ascending position: the order in which they can be put back. */
  for (guint i = 0; i < nodes->len; i++)
    {
      LabNode *node = g_ptr_array_index (nodes, i);
      gboolean inside = g_hash_table_contains (set, GUINT_TO_POINTER (node->id));

      if (inside)
        {
          LabNodeRecord record = {
            .id = node->id,
            .index = i,
            .type = node->type,
            .name = g_strdup (node->name),
            .hp = g_memdup2 (node->hp, sizeof (LabHValue) * MAX (node->type->n_hparams, 1)),
            .x = node->x,
            .y = node->y,
            .frozen = node->frozen,
          };

          g_array_append_val (self->nodes, record);
        }
      for (guint j = 0; j < node->inputs->len; j++)
        {
          guint src = g_array_index (node->inputs, guint, j);

          if (inside || g_hash_table_contains (set, GUINT_TO_POINTER (src)))
            {
              LabEdgeRecord edge = { src, node->id, j };

              g_array_append_val (self->edges, edge);
            }
        }
    }
  g_array_sort (self->nodes, compare_index);
  return self;
}

static gboolean
out_of_sync (GError **error,
             guint    id)
{
  g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
               _("The edit history no longer matches the network (layer %u is missing): "
                 "it was changed without recording the edit"), id);
  return FALSE;
}

static gboolean
add_nodes (LabCommand  *self,
           LabGraph    *graph,
           GError     **error)
{
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const LabNodeRecord *r = &g_array_index (self->nodes, LabNodeRecord, i);

      if (!lab_graph_add_node_with_id (graph, r->id, r->type->name, r->name, r->x, r->y, error))
        return FALSE;
      lab_graph_move_node_to_index (graph, r->id, r->index);
      for (guint k = 0; k < r->type->n_hparams; k++)
        if (!lab_graph_set_hparam (graph, r->id, r->type->hparams[k].key, &r->hp[k], error))
          return FALSE;
      lab_graph_set_frozen (graph, r->id, r->frozen);
    }
  for (guint i = 0; i < self->edges->len; i++)
    {
      const LabEdgeRecord *e = &g_array_index (self->edges, LabEdgeRecord, i);

      if (!lab_graph_connect_at (graph, e->src, e->dst, e->position, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
remove_nodes (LabCommand  *self,
              LabGraph    *graph,
              GError     **error)
{
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const LabNodeRecord *r = &g_array_index (self->nodes, LabNodeRecord, i);

      if (!lab_graph_remove_node (graph, r->id))
        return out_of_sync (error, r->id);
    }
  return TRUE;
}

static gboolean
apply_edge (LabCommand  *self,
            LabGraph    *graph,
            gboolean     add,
            GError     **error)
{
  const LabEdgeRecord *e = &g_array_index (self->edges, LabEdgeRecord, 0);

  if (add)
    return lab_graph_connect_at (graph, e->src, e->dst, e->position, error);
  if (!lab_graph_disconnect (graph, e->src, e->dst))
    return out_of_sync (error, e->dst);
  return TRUE;
}

gboolean
lab_command_apply (LabCommand  *self,
                   LabGraph    *graph,
                   gboolean     forward,
                   GError     **error)
{
  LabNode *node = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (LAB_IS_GRAPH (graph), FALSE);

  if (self->kind == LAB_COMMAND_HPARAM || self->kind == LAB_COMMAND_FROZEN ||
      self->kind == LAB_COMMAND_RENAME)
    {
      node = lab_graph_get_node (graph, self->id);
      if (node == NULL)
        return out_of_sync (error, self->id);
    }

  switch (self->kind)
    {
    case LAB_COMMAND_NODES:
      return forward == self->insert ? add_nodes (self, graph, error)
                                     : remove_nodes (self, graph, error);

    case LAB_COMMAND_EDGE:
      return apply_edge (self, graph, forward == self->insert, error);

    case LAB_COMMAND_HPARAM:
      return lab_graph_set_hparam (graph, self->id, node->type->hparams[self->hp_index].key,
                                   forward ? &self->hp_after : &self->hp_before, error);

    case LAB_COMMAND_FROZEN:
      lab_graph_set_frozen (graph, self->id, forward ? self->frozen_after : !self->frozen_after);
      return TRUE;

    case LAB_COMMAND_RENAME:
      return lab_graph_rename (graph, self->id, forward ? self->name_after : self->name_before,
                               error);

    case LAB_COMMAND_MOVE:
      for (guint i = 0; i < self->moves->len; i++)
        {
          const LabMoveRecord *m = &g_array_index (self->moves, LabMoveRecord, i);

          if (lab_graph_get_node (graph, m->id) == NULL)
            return out_of_sync (error, m->id);
          if (forward)
            lab_graph_set_position (graph, m->id, m->x1, m->y1);
          else
            lab_graph_set_position (graph, m->id, m->x0, m->y0);
        }
      return TRUE;

    case LAB_COMMAND_GROUP:
      for (guint i = 0; i < self->children->len; i++)
        {
          guint k = forward ? i : self->children->len - 1 - i;

          if (!lab_command_apply (g_ptr_array_index (self->children, k), graph, forward, error))
            return FALSE;
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

gboolean
lab_command_merge (LabCommand       *self,
                   const LabCommand *next)
{
  if (self->kind == LAB_COMMAND_HPARAM && next->kind == LAB_COMMAND_HPARAM &&
      self->id == next->id && self->hp_index == next->hp_index)
    {
      self->hp_after = next->hp_after;
      return TRUE;
    }
  if (self->kind != LAB_COMMAND_MOVE || next->kind != LAB_COMMAND_MOVE ||
      self->moves->len != next->moves->len)
    return FALSE;
  for (guint i = 0; i < self->moves->len; i++)
    if (g_array_index (self->moves, LabMoveRecord, i).id !=
        g_array_index (next->moves, LabMoveRecord, i).id)
      return FALSE;
  for (guint i = 0; i < self->moves->len; i++)
    {
      LabMoveRecord *m = &g_array_index (self->moves, LabMoveRecord, i);
      const LabMoveRecord *n = &g_array_index (next->moves, LabMoveRecord, i);

      m->x1 = n->x1;
      m->y1 = n->y1;
    }
  return TRUE;
}

gboolean
lab_hvalue_equal (const LabHValue *a,
                  const LabHValue *b)
{
  if (a->v != b->v || a->shape.ndim != b->shape.ndim)
    return FALSE;
  for (guint i = 0; i < a->shape.ndim && i < LAB_MAX_DIMS; i++)
    if (a->shape.dims[i] != b->shape.dims[i])
      return FALSE;
  return TRUE;
}

gboolean
lab_command_is_noop (const LabCommand *self)
{
  if (self->kind == LAB_COMMAND_HPARAM)
    return lab_hvalue_equal (&self->hp_before, &self->hp_after);
  if (self->kind != LAB_COMMAND_MOVE)
    return FALSE;
  for (guint i = 0; i < self->moves->len; i++)
    {
      const LabMoveRecord *m = &g_array_index (self->moves, LabMoveRecord, i);

      if (m->x0 != m->x1 || m->y0 != m->y1)
        return FALSE;
    }
  return TRUE;
}

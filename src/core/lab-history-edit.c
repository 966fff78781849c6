/* lab-history-edit.c: the edits the window makes, each performed and recorded
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lab-clipboard.h"
#include "lab-error.h"
#include "lab-history-private.h"

static LabNode *
get_node (LabHistory  *self,
          guint        id,
          GError     **error)
{
  LabNode *node = lab_graph_get_node (lab_history_get_graph (self), id);

  if (node == NULL)
    g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                 _("There is no layer with id %u in the network"), id);
  return node;
}

/* Every id names a node; duplicates are dropped. Returns: (transfer full) */
static GArray *
check_ids (LabHistory   *self,
           const guint  *ids,
           guint         n,
           GError      **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) unique = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      if (get_node (self, ids[i], error) == NULL)
        return NULL;
      if (g_hash_table_add (seen, GUINT_TO_POINTER (ids[i])))
        g_array_append_val (unique, ids[i]);
    }
  return g_steal_pointer (&unique);
}

typedef enum { VERB_DELETE, VERB_MOVE, VERB_PASTE, VERB_DUPLICATE } Verb;

/* "Delete “fc1”" for one node, "Delete 3 Layers" for more. */
static char *
nodes_label (LabHistory *self,
             GArray     *ids,
             Verb        verb)
{
  const char *name = lab_graph_get_node (lab_history_get_graph (self),
                                         g_array_index (ids, guint, 0))->name;
  gulong n = ids->len;

  switch (verb)
    {
    case VERB_DELETE:
      return n == 1 ? g_strdup_printf (_("Delete “%s”"), name)
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %lu Layer",
                                                    "Delete %lu Layers", n), n);
    case VERB_MOVE:
      return n == 1 ? g_strdup_printf (_("Move “%s”"), name)
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Move %lu Layer",
                                                    "Move %lu Layers", n), n);
    case VERB_PASTE:
      return n == 1 ? g_strdup_printf (_("Paste “%s”"), name)
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Paste %lu Layer",
                                                    "Paste %lu Layers", n), n);
    case VERB_DUPLICATE:
    default:
      return n == 1 ? g_strdup_printf (_("Duplicate “%s”"), name)
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Duplicate %lu Layer",
                                                    "Duplicate %lu Layers", n), n);
    }
}

guint
lab_history_add_node (LabHistory  *self,
                      const char  *type_name,
                      const char  *name,
                      double       x,
                      double       y,
                      GError     **error)
{
  LabGraph *graph;
  LabNode *node;
  guint id;

  g_return_val_if_fail (LAB_IS_HISTORY (self), 0);

  graph = lab_history_get_graph (self);
  id = lab_graph_add_node (graph, type_name, name, x, y, error);
  if (id == 0)
    return 0;
  node = lab_graph_get_node (graph, id);
  /* Translators: "Add Dense “fc1”": a layer type and the new layer's name. */
  lab_history_record (self, lab_command_new_nodes (graph, &id, 1, TRUE,
                                                   g_strdup_printf (_("Add %s “%s”"),
                                                                    _(node->type->label),
                                                                    node->name)));
  return id;
}

gboolean
lab_history_remove_nodes (LabHistory   *self,
                          const guint  *ids,
                          guint         n,
                          GError      **error)
{
  g_autoptr(GArray) unique = NULL;
  LabCommand *command;

  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (ids != NULL || n == 0, FALSE);

  unique = check_ids (self, ids, n, error);
  if (unique == NULL)
    return FALSE;
  if (unique->len == 0)
    return TRUE;
  command = lab_command_new_nodes (lab_history_get_graph (self), (guint *) unique->data,
                                   unique->len, FALSE,
                                   nodes_label (self, unique, VERB_DELETE));
  if (!lab_command_apply (command, lab_history_get_graph (self), TRUE, error))
    {
      lab_command_free (command);
      return FALSE;
    }
  lab_history_record (self, command);
  return TRUE;
}

static LabCommand *
edge_command (guint    src,
              guint    dst,
              guint    position,
              gboolean insert,
              char    *label)
{
  LabCommand *command = lab_command_new (LAB_COMMAND_EDGE, label);
  LabEdgeRecord edge = { src, dst, position };

  command->insert = insert;
  command->edges = g_array_new (FALSE, FALSE, sizeof (LabEdgeRecord));
  g_array_append_val (command->edges, edge);
  return command;
}

static gboolean
connect_at (LabHistory  *self,
            guint        src,
            guint        dst,
            guint        position,
            GError     **error)
{
  LabGraph *graph = lab_history_get_graph (self);
  LabNode *s, *d;

  if (!lab_graph_connect_at (graph, src, dst, position, error))
    return FALSE;
  s = lab_graph_get_node (graph, src);
  d = lab_graph_get_node (graph, dst);
  /* Translators: "Connect “conv1” → “relu1”". */
  lab_history_record (self, edge_command (src, dst, MIN (position, d->inputs->len - 1), TRUE,
                                          g_strdup_printf (_("Connect “%s” → “%s”"),
                                                           s->name, d->name)));
  return TRUE;
}

gboolean
lab_history_connect (LabHistory  *self,
                     guint        src,
                     guint        dst,
                     GError     **error)
{
  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);

  return connect_at (self, src, dst, G_MAXUINT, error);
}

/* src's place among dst's inputs, or -1 with an error. */
static int
find_edge (LabHistory  *self,
           guint        src,
           guint        dst,
           GError     **error)
{
  LabNode *s = get_node (self, src, error);
  LabNode *d = s ? get_node (self, dst, error) : NULL;

  if (d == NULL)
    return -1;
  for (guint j = 0; j < d->inputs->len; j++)
    if (g_array_index (d->inputs, guint, j) == src)
      return (int) j;
  g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
               _("“%s” is not connected to “%s”"), s->name, d->name);
  return -1;
}

gboolean
lab_history_disconnect (LabHistory  *self,
                        guint        src,
                        guint        dst,
                        GError     **error)
{
  LabGraph *graph;
  char *label;
  int position;

  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);

  position = find_edge (self, src, dst, error);
  if (position < 0)
    return FALSE;
  graph = lab_history_get_graph (self);
  /* Translators: "Disconnect “conv1” → “relu1”". */
  label = g_strdup_printf (_("Disconnect “%s” → “%s”"), lab_graph_get_node (graph, src)->name,
                           lab_graph_get_node (graph, dst)->name);
  lab_graph_disconnect (graph, src, dst);
  lab_history_record (self, edge_command (src, dst, (guint) position, FALSE, label));
  return TRUE;
}

gboolean
lab_history_set_hparam_text (LabHistory  *self,
                             guint        id,
                             const char  *key,
                             const char  *text,
                             GError     **error)
{
  LabCommand *command;
  LabHValue before = { 0 };
  LabNode *node;
  int idx;

  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);

  node = get_node (self, id, error);
  if (node == NULL)
    return FALSE;
  /* An unknown key is the graph's error, which lists the known ones. */
  idx = lab_hparams_find (node->type->hparams, node->type->n_hparams, key);
  if (idx >= 0)
    before = node->hp[idx];
  if (!lab_graph_set_hparam_text (lab_history_get_graph (self), id, key, text, error))
    return FALSE;
  g_assert (idx >= 0);
  if (lab_hvalue_equal (&before, &node->hp[idx]))
    return TRUE;

  /* Translators: "Change Units of “fc1”": a setting's label and a layer's name. */
  command = lab_command_new (LAB_COMMAND_HPARAM,
                             g_strdup_printf (_("Change %s of “%s”"),
                                              _(node->type->hparams[idx].label), node->name));
  command->id = id;
  command->hp_index = idx;
  command->hp_before = before;
  command->hp_after = node->hp[idx];
  lab_history_record (self, command);
  return TRUE;
}

gboolean
lab_history_set_frozen (LabHistory  *self,
                        guint        id,
                        gboolean     frozen,
                        GError     **error)
{
  LabCommand *command;
  LabNode *node;

  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);

  node = get_node (self, id, error);
  if (node == NULL)
    return FALSE;
  frozen = !!frozen;
  if (node->frozen == frozen)
    return TRUE;
  lab_graph_set_frozen (lab_history_get_graph (self), id, frozen);
  command = lab_command_new (LAB_COMMAND_FROZEN,
                             g_strdup_printf (frozen ? _("Freeze “%s”") : _("Unfreeze “%s”"),
                                              node->name));
  command->id = id;
  command->frozen_after = frozen;
  lab_history_record (self, command);
  return TRUE;
}

gboolean
lab_history_rename (LabHistory  *self,
                    guint        id,
                    const char  *name,
                    GError     **error)
{
  g_autofree char *before = NULL;
  LabCommand *command;
  LabNode *node;

  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);

  node = get_node (self, id, error);
  if (node == NULL)
    return FALSE;
  if (g_strcmp0 (node->name, name) == 0)
    return TRUE;
  before = g_strdup (node->name);
  if (!lab_graph_rename (lab_history_get_graph (self), id, name, error))
    return FALSE;
  /* Translators: "Rename “dense1” to “hidden”". */
  command = lab_command_new (LAB_COMMAND_RENAME,
                             g_strdup_printf (_("Rename “%s” to “%s”"), before, name));
  command->id = id;
  command->name_before = g_steal_pointer (&before);
  command->name_after = g_strdup (name);
  lab_history_record (self, command);
  return TRUE;
}

/* Moves each node ids[i] to (xs[i], ys[i]), or by (dx, dy) when xs is NULL, as one command. */
static void
record_moves (LabHistory   *self,
              GArray       *ids,
              const double *xs,
              const double *ys,
              double        dx,
              double        dy,
              char         *label)
{
  LabGraph *graph = lab_history_get_graph (self);
  LabCommand *command = lab_command_new (LAB_COMMAND_MOVE, label);

  command->moves = g_array_sized_new (FALSE, FALSE, sizeof (LabMoveRecord), ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      LabNode *node = lab_graph_get_node (graph, g_array_index (ids, guint, i));
      LabMoveRecord m = { node->id, node->x, node->y, node->x + dx, node->y + dy };

      if (xs != NULL)
        {
          m.x1 = xs[i];
          m.y1 = ys[i];
        }
      g_array_append_val (command->moves, m);
      lab_graph_set_position (graph, m.id, m.x1, m.y1);
    }
  lab_history_record (self, command);
}

gboolean
lab_history_move_nodes (LabHistory   *self,
                        const guint  *ids,
                        guint         n,
                        double        dx,
                        double        dy,
                        GError      **error)
{
  g_autoptr(GArray) unique = NULL;

  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (ids != NULL || n == 0, FALSE);

  unique = check_ids (self, ids, n, error);
  if (unique == NULL)
    return FALSE;
  if (unique->len == 0 || (dx == 0 && dy == 0))
    return TRUE;
  record_moves (self, unique, NULL, NULL, dx, dy,
                nodes_label (self, unique, VERB_MOVE));
  return TRUE;
}

gboolean
lab_history_set_positions (LabHistory               *self,
                           const LabLayoutPosition  *positions,
                           guint                     n,
                           const char               *label,
                           GError                  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));

  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (positions != NULL || n == 0, FALSE);

  for (guint i = 0; i < n; i++)
    {
      LabNode *node = get_node (self, positions[i].id, error);

      if (node == NULL)
        return FALSE;
      if (node->x == positions[i].x && node->y == positions[i].y)
        continue;
      g_array_append_val (ids, positions[i].id);
      g_array_append_val (xs, positions[i].x);
      g_array_append_val (ys, positions[i].y);
    }
  if (ids->len > 0)
    record_moves (self, ids, (double *) xs->data, (double *) ys->data, 0, 0,
                  g_strdup (label ? label : _("Arrange Layers")));
  return TRUE;
}

guint
lab_history_insert_between (LabHistory  *self,
                            guint        src,
                            guint        dst,
                            const char  *type_name,
                            double       x,
                            double       y,
                            GError     **error)
{
  LabCommand *group;
  LabNode *node;
  int position;
  guint id;

  g_return_val_if_fail (LAB_IS_HISTORY (self), 0);

  position = find_edge (self, src, dst, error);
  if (position < 0)
    return 0;
  lab_history_begin_group (self, NULL);
  if ((id = lab_history_add_node (self, type_name, NULL, x, y, error)) == 0 ||
      !lab_history_disconnect (self, src, dst, error) ||
      !connect_at (self, src, id, 0, error) ||
      !connect_at (self, id, dst, (guint) position, error))
    {
      lab_history_abort_group (self);
      return 0;
    }
  node = lab_graph_get_node (lab_history_get_graph (self), id);
  group = lab_history_peek_group (self);
  /* Translators: "Insert Flatten “flatten1”": a layer type and the new layer's name. */
  group->label = g_strdup_printf (_("Insert %s “%s”"), _(node->type->label), node->name);
  lab_history_end_group (self);
  return id;
}

gboolean
lab_history_replace_graph (LabHistory  *self,
                           LabGraph    *replacement,
                           const char  *label,
                           GError     **error)
{
  g_autoptr(GArray) old_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) new_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  LabGraph *graph;
  LabCommand *removal, *addition;

  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (LAB_IS_GRAPH (replacement), FALSE);
  g_return_val_if_fail (replacement != lab_history_get_graph (self), FALSE);

  graph = lab_history_get_graph (self);
  for (guint i = 0; i < lab_graph_get_n_nodes (graph); i++)
    g_array_append_val (old_ids, ((LabNode *) g_ptr_array_index (lab_graph_get_nodes (graph), i))->id);
  for (guint i = 0; i < lab_graph_get_n_nodes (replacement); i++)
    g_array_append_val (new_ids, ((LabNode *) g_ptr_array_index (lab_graph_get_nodes (replacement), i))->id);

  lab_history_begin_group (self, label ? label : _("Replace Network"));
  removal = lab_command_new_nodes (graph, (guint *) old_ids->data, old_ids->len, FALSE, NULL);
  addition = lab_command_new_nodes (replacement, (guint *) new_ids->data, new_ids->len, TRUE, NULL);
  if (!lab_command_apply (removal, graph, TRUE, error))
    {
      lab_command_free (removal);
      lab_command_free (addition);
      lab_history_abort_group (self);
      return FALSE;
    }
  lab_history_record (self, removal);
  if (!lab_command_apply (addition, graph, TRUE, error))
    {
      /* The nodes added so far go with the group's undo of the removal. */
      lab_command_apply (addition, graph, FALSE, NULL);
      lab_command_free (addition);
      lab_history_abort_group (self);
      return FALSE;
    }
  lab_history_record (self, addition);
  lab_history_end_group (self);
  return TRUE;
}

/* originals: the duplicated nodes, whose names label the step; NULL for a paste. */
static gboolean
paste (LabHistory  *self,
       const char  *text,
       double       dx,
       double       dy,
       GArray      *originals,
       GArray     **new_ids,
       GError     **error)
{
  LabGraph *graph = lab_history_get_graph (self);
  g_autoptr(GArray) ids = lab_graph_add_serialized_nodes (graph, text, dx, dy, error);
  char *label;

  if (ids == NULL)
    return FALSE;
  if (ids->len > 0)
    {
      if (originals != NULL)
        label = nodes_label (self, originals, VERB_DUPLICATE);
      else
        label = nodes_label (self, ids, VERB_PASTE);
      lab_history_record (self, lab_command_new_nodes (graph, (guint *) ids->data, ids->len,
                                                       TRUE, label));
    }
  if (new_ids != NULL)
    *new_ids = g_steal_pointer (&ids);
  return TRUE;
}

gboolean
lab_history_paste (LabHistory  *self,
                   const char  *text,
                   double       dx,
                   double       dy,
                   GArray     **new_ids,
                   GError     **error)
{
  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return paste (self, text, dx, dy, NULL, new_ids, error);
}

gboolean
lab_history_duplicate (LabHistory   *self,
                       const guint  *ids,
                       guint         n,
                       double        dx,
                       double        dy,
                       GArray      **new_ids,
                       GError      **error)
{
  g_autoptr(GArray) unique = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (ids != NULL || n == 0, FALSE);

  unique = check_ids (self, ids, n, error);
  if (unique == NULL)
    return FALSE;
  text = lab_graph_serialize_nodes (lab_history_get_graph (self), (guint *) unique->data,
                                    unique->len);
  return paste (self, text, dx, dy, unique, new_ids, error);
}

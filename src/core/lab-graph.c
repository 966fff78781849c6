/* lab-graph.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-graph"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-error.h"
#include "lab-graph.h"

struct _LabGraph
{
  GObject     parent_instance;
  GPtrArray  *nodes;      /* LabNode*, insertion order */
  GHashTable *by_id;      /* guint → LabNode* */
  guint       next_id;
};

G_DEFINE_FINAL_TYPE (LabGraph, lab_graph, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
lab_node_free (LabNode *node)
{
  g_free (node->name);
  g_free (node->hp);
  g_free (node->error);
  g_array_unref (node->inputs);
  g_free (node);
}

static void
lab_graph_finalize (GObject *object)
{
  LabGraph *self = (LabGraph *) object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);

  G_OBJECT_CLASS (lab_graph_parent_class)->finalize (object);
}

static void
lab_graph_class_init (LabGraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lab_graph_finalize;

  /**
   * LabGraph::changed:
   *
   * Emitted after any edit: nodes, edges, settings, names, positions or freezing.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lab_graph_init (LabGraph *self)
{
  self->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_node_free);
  self->by_id = g_hash_table_new (NULL, NULL);
  self->next_id = 1;
}

LabGraph *
lab_graph_new (void)
{
  return g_object_new (LAB_TYPE_GRAPH, NULL);
}

static void
emit_changed (LabGraph *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

LabNode *
lab_graph_get_node (LabGraph *self,
                    guint     id)
{
  g_return_val_if_fail (LAB_IS_GRAPH (self), NULL);

  return g_hash_table_lookup (self->by_id, GUINT_TO_POINTER (id));
}

LabNode *
lab_graph_find_node (LabGraph   *self,
                     const char *name)
{
  g_return_val_if_fail (LAB_IS_GRAPH (self), NULL);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      LabNode *node = g_ptr_array_index (self->nodes, i);

      if (g_strcmp0 (node->name, name) == 0)
        return node;
    }
  return NULL;
}

GPtrArray *
lab_graph_get_nodes (LabGraph *self)
{
  g_return_val_if_fail (LAB_IS_GRAPH (self), NULL);

  return self->nodes;
}

guint
lab_graph_get_n_nodes (LabGraph *self)
{
  g_return_val_if_fail (LAB_IS_GRAPH (self), 0);

  return self->nodes->len;
}

static char *
unique_name (LabGraph           *self,
             const LabLayerType *type)
{
  g_autofree char *stem = g_ascii_strdown (type->name, -1);

  for (guint i = 1;; i++)
    {
      char *name = g_strdup_printf ("%s%u", stem, i);

      if (lab_graph_find_node (self, name) == NULL)
        return name;
      g_free (name);
    }
}

static gboolean
check_name (LabGraph    *self,
            const char  *name,
            LabNode     *except,
            GError     **error)
{
  LabNode *other;

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("A layer needs a name of at least one character"));
      return FALSE;
    }
  if (strchr (name, '.') != NULL)
    {
      /* Weight files name tensors "<layer>.<tensor>". */
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("Layer name “%s” contains a dot, which weight files use as a separator"),
                   name);
      return FALSE;
    }
  other = lab_graph_find_node (self, name);
  if (other != NULL && other != except)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("There is already a layer named “%s”: choose another name"), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
lab_graph_add_node_with_id (LabGraph    *self,
                            guint        id,
                            const char  *type_name,
                            const char  *name,
                            double       x,
                            double       y,
                            GError     **error)
{
  const LabLayerType *type;
  g_autofree char *auto_name = NULL;
  LabNode *node;

  g_return_val_if_fail (LAB_IS_GRAPH (self), FALSE);
  g_return_val_if_fail (id != 0, FALSE);

  type = lab_layer_type_find (type_name);
  if (type == NULL)
    {
      GString *known = g_string_new (NULL);
      const LabLayerType * const *types = lab_layer_types ();

      for (guint i = 0; types[i] != NULL; i++)
        g_string_append_printf (known, "%s%s", i ? ", " : "", types[i]->name);
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("Unknown layer type “%s”; the known types are %s"),
                   type_name ? type_name : "", known->str);
      g_string_free (known, TRUE);
      return FALSE;
    }
  if (lab_graph_get_node (self, id) != NULL)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("A layer with id %u already exists"), id);
      return FALSE;
    }
  if (name == NULL)
    name = auto_name = unique_name (self, type);
  if (!check_name (self, name, NULL, error))
    return FALSE;

  node = g_new0 (LabNode, 1);
  node->id = id;
  node->name = g_strdup (name);
  node->type = type;
  node->hp = g_new0 (LabHValue, MAX (type->n_hparams, 1));
  lab_hparams_defaults (type->hparams, type->n_hparams, node->hp);
  node->x = x;
  node->y = y;
  node->inputs = g_array_new (FALSE, FALSE, sizeof (guint));
  g_ptr_array_add (self->nodes, node);
  g_hash_table_insert (self->by_id, GUINT_TO_POINTER (id), node);
  self->next_id = MAX (self->next_id, id + 1);

  emit_changed (self);
  return TRUE;
}

guint
lab_graph_add_node (LabGraph    *self,
                    const char  *type_name,
                    const char  *name,
                    double       x,
                    double       y,
                    GError     **error)
{
  guint id;

  g_return_val_if_fail (LAB_IS_GRAPH (self), 0);

  id = self->next_id;
  if (!lab_graph_add_node_with_id (self, id, type_name, name, x, y, error))
    return 0;
  return id;
}

gboolean
lab_graph_move_node_to_index (LabGraph *self,
                              guint     id,
                              guint     index)
{
  LabNode *node;
  guint current;

  g_return_val_if_fail (LAB_IS_GRAPH (self), FALSE);

  node = lab_graph_get_node (self, id);
  if (node == NULL || !g_ptr_array_find (self->nodes, node, &current))
    return FALSE;
  index = MIN (index, self->nodes->len - 1);
  if (index == current)
    return TRUE;
  g_ptr_array_steal_index (self->nodes, current);
  g_ptr_array_insert (self->nodes, index, node);
  emit_changed (self);
  return TRUE;
}

static gboolean
remove_input (LabNode *node,
              guint    src)
{
  for (guint i = 0; i < node->inputs->len; i++)
    if (g_array_index (node->inputs, guint, i) == src)
      {
        g_array_remove_index (node->inputs, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
lab_graph_remove_node (LabGraph *self,
                       guint     id)
{
  LabNode *node;

  g_return_val_if_fail (LAB_IS_GRAPH (self), FALSE);

  node = lab_graph_get_node (self, id);
  if (node == NULL)
    return FALSE;
  for (guint i = 0; i < self->nodes->len; i++)
    {
      LabNode *other = g_ptr_array_index (self->nodes, i);

      while (remove_input (other, id))
        ;
    }
  g_hash_table_remove (self->by_id, GUINT_TO_POINTER (id));
  g_ptr_array_remove (self->nodes, node);
  emit_changed (self);
  return TRUE;
}

static gboolean
can_connect (LabGraph  *self,
             LabNode   *s,
             LabNode   *d,
             GError   **error)
{
  if (s == NULL || d == NULL)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("Cannot connect a layer that is not in the network"));
      return FALSE;
    }
  if (s == d)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("Layer “%s” cannot read from itself"), s->name);
      return FALSE;
    }
  if (d->type->max_inputs == 0)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("%s “%s” is where data enters the network and takes no input"),
                   d->type->name, d->name);
      return FALSE;
    }
  for (guint i = 0; i < d->inputs->len; i++)
    if (g_array_index (d->inputs, guint, i) == s->id)
      {
        g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                     _("“%s” is already connected to “%s”"), s->name, d->name);
        return FALSE;
      }
  if (d->inputs->len >= d->type->max_inputs)
    {
      if (d->type->max_inputs == 1)
        g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                     _("%s “%s” takes one input and already has one: to combine two branches, "
                       "feed them into an Add or Concatenate layer first"),
                     d->type->name, d->name);
      else
        g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                     _("%s “%s” takes at most %u inputs"),
                     d->type->name, d->name, d->type->max_inputs);
      return FALSE;
    }
  return TRUE;
}

gboolean
lab_graph_connect_at (LabGraph  *self,
                      guint      src,
                      guint      dst,
                      guint      position,
                      GError   **error)
{
  LabNode *d;

  g_return_val_if_fail (LAB_IS_GRAPH (self), FALSE);

  d = lab_graph_get_node (self, dst);
  if (!can_connect (self, lab_graph_get_node (self, src), d, error))
    return FALSE;
  g_array_insert_val (d->inputs, MIN (position, d->inputs->len), src);
  emit_changed (self);
  return TRUE;
}

gboolean
lab_graph_connect (LabGraph  *self,
                   guint      src,
                   guint      dst,
                   GError   **error)
{
  return lab_graph_connect_at (self, src, dst, G_MAXUINT, error);
}

gboolean
lab_graph_disconnect (LabGraph *self,
                      guint     src,
                      guint     dst)
{
  LabNode *d;

  g_return_val_if_fail (LAB_IS_GRAPH (self), FALSE);

  d = lab_graph_get_node (self, dst);
  if (d == NULL || !remove_input (d, src))
    return FALSE;
  emit_changed (self);
  return TRUE;
}

/* Is `target` reachable by walking inputs upstream from `from`? */
static gboolean
reaches_upstream (LabGraph   *self,
                  guint       from,
                  guint       target,
                  GHashTable *seen)
{
  LabNode *node;

  if (from == target)
    return TRUE;
  if (!g_hash_table_add (seen, GUINT_TO_POINTER (from)))
    return FALSE;
  node = lab_graph_get_node (self, from);
  if (node == NULL)
    return FALSE;
  for (guint i = 0; i < node->inputs->len; i++)
    if (reaches_upstream (self, g_array_index (node->inputs, guint, i), target, seen))
      return TRUE;
  return FALSE;
}

gboolean
lab_graph_would_cycle (LabGraph *self,
                       guint     src,
                       guint     dst)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_return_val_if_fail (LAB_IS_GRAPH (self), FALSE);

  /* src → dst closes a cycle when dst already feeds src. */
  return reaches_upstream (self, src, dst, seen);
}

gboolean
lab_graph_rename (LabGraph    *self,
                  guint        id,
                  const char  *name,
                  GError     **error)
{
  LabNode *node;

  g_return_val_if_fail (LAB_IS_GRAPH (self), FALSE);

  node = lab_graph_get_node (self, id);
  g_return_val_if_fail (node != NULL, FALSE);
  if (g_strcmp0 (node->name, name) == 0)
    return TRUE;
  if (!check_name (self, name, node, error))
    return FALSE;
  g_free (node->name);
  node->name = g_strdup (name);
  emit_changed (self);
  return TRUE;
}

void
lab_graph_set_position (LabGraph *self,
                        guint     id,
                        double    x,
                        double    y)
{
  LabNode *node;

  g_return_if_fail (LAB_IS_GRAPH (self));

  node = lab_graph_get_node (self, id);
  g_return_if_fail (node != NULL);
  if (node->x == x && node->y == y)
    return;
  node->x = x;
  node->y = y;
  emit_changed (self);
}

void
lab_graph_set_frozen (LabGraph *self,
                      guint     id,
                      gboolean  frozen)
{
  LabNode *node;

  g_return_if_fail (LAB_IS_GRAPH (self));

  node = lab_graph_get_node (self, id);
  g_return_if_fail (node != NULL);
  frozen = !!frozen;
  if (node->frozen == frozen)
    return;
  node->frozen = frozen;
  emit_changed (self);
}

static int
find_hparam (LabNode     *node,
             const char  *key,
             GError     **error)
{
  int idx = lab_hparams_find (node->type->hparams, node->type->n_hparams, key);

  if (idx < 0)
    {
      GString *known = g_string_new (NULL);

      for (guint i = 0; i < node->type->n_hparams; i++)
        g_string_append_printf (known, "%s%s", i ? ", " : "", node->type->hparams[i].key);
      if (node->type->n_hparams == 0)
        g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                     _("%s “%s” has no setting “%s”: it has no settings at all"),
                     node->type->name, node->name, key);
      else
        g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                     _("%s “%s” has no setting “%s”; its settings are %s"),
                     node->type->name, node->name, key, known->str);
      g_string_free (known, TRUE);
    }
  return idx;
}

gboolean
lab_graph_set_hparam (LabGraph         *self,
                      guint             id,
                      const char       *key,
                      const LabHValue  *value,
                      GError          **error)
{
  LabNode *node;
  int idx;

  g_return_val_if_fail (LAB_IS_GRAPH (self), FALSE);

  node = lab_graph_get_node (self, id);
  g_return_val_if_fail (node != NULL, FALSE);
  idx = find_hparam (node, key, error);
  if (idx < 0)
    return FALSE;
  if (!lab_hparam_check (&node->type->hparams[idx], value, node->name, error))
    return FALSE;
  if (memcmp (&node->hp[idx], value, sizeof *value) == 0)
    return TRUE;
  node->hp[idx] = *value;
  emit_changed (self);
  return TRUE;
}

gboolean
lab_graph_set_hparam_text (LabGraph    *self,
                           guint        id,
                           const char  *key,
                           const char  *text,
                           GError     **error)
{
  LabNode *node;
  LabHValue value;
  int idx;

  g_return_val_if_fail (LAB_IS_GRAPH (self), FALSE);

  node = lab_graph_get_node (self, id);
  g_return_val_if_fail (node != NULL, FALSE);
  idx = find_hparam (node, key, error);
  if (idx < 0)
    return FALSE;
  if (!lab_hparam_parse (&node->type->hparams[idx], text, node->name, &value, error))
    return FALSE;
  return lab_graph_set_hparam (self, id, key, &value, error);
}

char *
lab_graph_dup_hparam_text (LabGraph   *self,
                           guint       id,
                           const char *key)
{
  LabNode *node;
  int idx;

  g_return_val_if_fail (LAB_IS_GRAPH (self), NULL);

  node = lab_graph_get_node (self, id);
  g_return_val_if_fail (node != NULL, NULL);
  idx = lab_hparams_find (node->type->hparams, node->type->n_hparams, key);
  if (idx < 0)
    return NULL;
  return lab_hparam_to_string (&node->type->hparams[idx], &node->hp[idx]);
}

GArray *
lab_graph_dup_consumers (LabGraph *self,
                         guint     id)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (LAB_IS_GRAPH (self), out);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      LabNode *node = g_ptr_array_index (self->nodes, i);

      for (guint j = 0; j < node->inputs->len; j++)
        if (g_array_index (node->inputs, guint, j) == id)
          {
            g_array_append_val (out, node->id);
            break;
          }
    }
  return out;
}

LabGraph *
lab_graph_copy (LabGraph *self)
{
  LabGraph *copy;

  g_return_val_if_fail (LAB_IS_GRAPH (self), NULL);

  copy = lab_graph_new ();
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const LabNode *node = g_ptr_array_index (self->nodes, i);
      LabNode *dup = g_new0 (LabNode, 1);

      dup->id = node->id;
      dup->name = g_strdup (node->name);
      dup->type = node->type;
      dup->hp = g_memdup2 (node->hp, sizeof (LabHValue) * MAX (node->type->n_hparams, 1));
      dup->x = node->x;
      dup->y = node->y;
      dup->frozen = node->frozen;
      dup->inputs = g_array_copy (node->inputs);
      g_ptr_array_add (copy->nodes, dup);
      g_hash_table_insert (copy->by_id, GUINT_TO_POINTER (dup->id), dup);
    }
  copy->next_id = self->next_id;
  return copy;
}

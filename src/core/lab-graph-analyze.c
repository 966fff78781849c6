/* lab-graph-analyze.c: topological order, shape inference, per-node errors and totals
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

/* Kahn's algorithm over the nodes in insertion order, so that the order is stable. Nodes left
 * over sit on or downstream of a cycle. */
static GArray *
topo_order_partial (LabGraph   *self,
                    GHashTable *placed)
{
  GPtrArray *nodes = lab_graph_get_nodes (self);
  GArray *order = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean progress = TRUE;

  while (progress)
    {
      progress = FALSE;
      for (guint i = 0; i < nodes->len; i++)
        {
          LabNode *node = g_ptr_array_index (nodes, i);
          gboolean ready = TRUE;

          if (g_hash_table_contains (placed, GUINT_TO_POINTER (node->id)))
            continue;
          for (guint j = 0; j < node->inputs->len && ready; j++)
            {
              guint src = g_array_index (node->inputs, guint, j);

              /* An input that names no node is reported by analysis; it does not block order. */
              if (lab_graph_get_node (self, src) != NULL &&
                  !g_hash_table_contains (placed, GUINT_TO_POINTER (src)))
                ready = FALSE;
            }
          if (ready)
            {
              g_hash_table_add (placed, GUINT_TO_POINTER (node->id));
              g_array_append_val (order, node->id);
              progress = TRUE;
            }
        }
    }
  return order;
}

/* Does node sit on a cycle, that is, does it feed one of its own inputs? */
static gboolean
on_cycle (LabGraph *self,
          LabNode  *node)
{
  for (guint j = 0; j < node->inputs->len; j++)
    {
      guint src = g_array_index (node->inputs, guint, j);

      if (lab_graph_get_node (self, src) != NULL && lab_graph_would_cycle (self, src, node->id))
        return TRUE;
    }
  return FALSE;
}

/* The cycle through start as "a → b → a", walking upstream along inputs that lead back to it. */
static char *
describe_cycle (LabGraph *self,
                LabNode  *start)
{
  GString *path = g_string_new (start->name);
  LabNode *node = start;

  for (guint steps = 0; steps <= lab_graph_get_n_nodes (self); steps++)
    {
      LabNode *next = NULL;

      for (guint j = 0; j < node->inputs->len && next == NULL; j++)
        {
          LabNode *src = lab_graph_get_node (self, g_array_index (node->inputs, guint, j));

          if (src != NULL && (src == start || lab_graph_would_cycle (self, src->id, start->id)))
            next = src;
        }
      if (next == NULL)
        break;
      g_string_prepend (path, " → ");
      g_string_prepend (path, next->name);
      if (next == start)
        break;
      node = next;
    }
  return g_string_free (path, FALSE);
}

GArray *
lab_graph_topo_order (LabGraph  *self,
                      GError   **error)
{
  g_autoptr(GHashTable) placed = g_hash_table_new (NULL, NULL);
  GArray *order;

  g_return_val_if_fail (LAB_IS_GRAPH (self), NULL);

  order = topo_order_partial (self, placed);
  if (order->len < lab_graph_get_n_nodes (self))
    {
      GPtrArray *nodes = lab_graph_get_nodes (self);

      for (guint i = 0; i < nodes->len; i++)
        {
          LabNode *node = g_ptr_array_index (nodes, i);

          if (!g_hash_table_contains (placed, GUINT_TO_POINTER (node->id)) && on_cycle (self, node))
            {
              g_autofree char *cycle = describe_cycle (self, node);

              g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                           _("The network has a cycle (%s): data must flow one way, so remove "
                             "one of these connections"), cycle);
              break;
            }
        }
      g_array_unref (order);
      return NULL;
    }
  return order;
}

static void
set_node_error (LabNode    *node,
                int         code,
                const char *message)
{
  g_free (node->error);
  node->error = g_strdup (message);
  node->error_code = code;
}

/* Infers one node whose inputs are all known. */
static void
analyze_node (LabGraph *self,
              LabNode  *node)
{
  g_autoptr(GError) error = NULL;
  LabLayerInfo info = { 0 };
  LabParamDesc descs[LAB_MAX_PARAMS];
  gsize n_out, cache = 0;
  guint n;

  if (node->inputs->len < node->type->min_inputs)
    {
      g_autofree char *msg = NULL;

      if (node->inputs->len == 0)
        msg = g_strdup_printf (_("%s “%s” has no input: connect a layer to it"),
                               node->type->name, node->name);
      else
        msg = g_strdup_printf (_("%s “%s” needs at least %u inputs but has %u: connect "
                                 "another branch to it"),
                               node->type->name, node->name, node->type->min_inputs,
                               node->inputs->len);
      set_node_error (node, LAB_ERROR_INVALID_GRAPH, msg);
      return;
    }
  if (node->inputs->len > node->type->max_inputs)
    {
      g_autofree char *msg =
        g_strdup_printf (_("%s “%s” takes %u input(s) but %u are connected: combine the "
                           "branches with an Add or Concatenate layer first"),
                         node->type->name, node->name, node->type->max_inputs,
                         node->inputs->len);
      set_node_error (node, LAB_ERROR_INVALID_GRAPH, msg);
      return;
    }

  info.name = node->name;
  info.hp = node->hp;
  info.n_inputs = node->inputs->len;
  for (guint j = 0; j < node->inputs->len; j++)
    {
      LabNode *src = lab_graph_get_node (self, g_array_index (node->inputs, guint, j));

      if (src == NULL)
        {
          g_autofree char *msg =
            g_strdup_printf (_("%s “%s” reads from a layer that is not in the network"),
                             node->type->name, node->name);
          set_node_error (node, LAB_ERROR_INVALID_GRAPH, msg);
          return;
        }
      if (!src->shape_known)
        return;   /* the problem is upstream and reported there */
      info.in_shape[j] = src->out_shape;
    }

  for (guint k = 0; k < node->type->n_hparams; k++)
    if (!lab_hparam_check (&node->type->hparams[k], &node->hp[k], node->name, &error))
      {
        set_node_error (node, error->code, error->message);
        return;
      }

  if (!node->type->infer_shape (&info, &error))
    {
      set_node_error (node, error->code, error->message);
      return;
    }

  node->shape_known = TRUE;
  node->out_shape = info.out_shape;
  n_out = lab_shape_size (&info.out_shape);

  n = node->type->params ? node->type->params (&info, descs) : 0;
  if (node->frozen)
    node->n_frozen = lab_param_descs_size (descs, n);
  else
    node->n_params = lab_param_descs_size (descs, n);
  n = node->type->state ? node->type->state (&info, descs) : 0;
  node->n_state = lab_param_descs_size (descs, n);
  node->flops = node->type->flops ? node->type->flops (&info) : 0;
  if (node->type->cache_floats)
    cache = node->type->cache_floats (&info, 1);
  node->activation_bytes = (2 * n_out + cache) * sizeof (float);
}

gboolean
lab_graph_analyze (LabGraph *self)
{
  g_autoptr(GHashTable) placed = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) order = NULL;
  GPtrArray *nodes;
  gboolean ok = TRUE;

  g_return_val_if_fail (LAB_IS_GRAPH (self), FALSE);

  nodes = lab_graph_get_nodes (self);
  for (guint i = 0; i < nodes->len; i++)
    {
      LabNode *node = g_ptr_array_index (nodes, i);

      node->shape_known = FALSE;
      g_clear_pointer (&node->error, g_free);
      node->n_params = node->n_frozen = node->n_state = 0;
      node->flops = node->activation_bytes = 0;
      memset (&node->out_shape, 0, sizeof node->out_shape);
    }

  order = topo_order_partial (self, placed);
  for (guint i = 0; i < order->len; i++)
    analyze_node (self, lab_graph_get_node (self, g_array_index (order, guint, i)));

  for (guint i = 0; i < nodes->len; i++)
    {
      LabNode *node = g_ptr_array_index (nodes, i);

      if (!g_hash_table_contains (placed, GUINT_TO_POINTER (node->id)) && on_cycle (self, node))
        {
          g_autofree char *cycle = describe_cycle (self, node);
          g_autofree char *msg =
            g_strdup_printf (_("“%s” is part of a cycle (%s): data must flow one way, so "
                               "remove one of these connections"), node->name, cycle);

          set_node_error (node, LAB_ERROR_INVALID_GRAPH, msg);
        }
      if (!node->shape_known)
        ok = FALSE;
    }
  return ok;
}

static GPtrArray *
nodes_where (LabGraph *self,
             gboolean  inputs)
{
  GPtrArray *nodes = lab_graph_get_nodes (self);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < nodes->len; i++)
    {
      LabNode *node = g_ptr_array_index (nodes, i);

      if (inputs)
        {
          if (node->type == &lab_layer_input)
            g_ptr_array_add (found, node);
        }
      else
        {
          g_autoptr(GArray) consumers = lab_graph_dup_consumers (self, node->id);

          if (consumers->len == 0)
            g_ptr_array_add (found, node);
        }
    }
  return found;
}

static char *
join_names (GPtrArray *nodes)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < nodes->len; i++)
    g_string_append_printf (s, "%s“%s”", i ? ", " : "", ((LabNode *) g_ptr_array_index (nodes, i))->name);
  return g_string_free (s, FALSE);
}

LabNode *
lab_graph_get_input (LabGraph *self)
{
  g_autoptr(GPtrArray) found = nodes_where (self, TRUE);

  return found->len == 1 ? g_ptr_array_index (found, 0) : NULL;
}

LabNode *
lab_graph_get_output (LabGraph *self)
{
  g_autoptr(GPtrArray) found = nodes_where (self, FALSE);

  return found->len == 1 ? g_ptr_array_index (found, 0) : NULL;
}

gboolean
lab_graph_validate (LabGraph  *self,
                    GError   **error)
{
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GPtrArray) outputs = NULL;
  g_autoptr(GArray) order = NULL;
  GPtrArray *nodes;

  g_return_val_if_fail (LAB_IS_GRAPH (self), FALSE);

  nodes = lab_graph_get_nodes (self);
  if (nodes->len == 0)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("The network is empty: add an Input layer and the layers after it"));
      return FALSE;
    }

  order = lab_graph_topo_order (self, error);
  if (order == NULL)
    {
      lab_graph_analyze (self);
      return FALSE;
    }

  lab_graph_analyze (self);
  for (guint i = 0; i < order->len; i++)
    {
      LabNode *node = lab_graph_get_node (self, g_array_index (order, guint, i));

      if (node->error != NULL)
        {
          g_set_error_literal (error, LAB_ERROR, node->error_code, node->error);
          return FALSE;
        }
    }

  inputs = nodes_where (self, TRUE);
  if (inputs->len == 0)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("The network has no Input layer: add one from the palette and connect it "
                     "to the first layer"));
      return FALSE;
    }
  if (inputs->len > 1)
    {
      g_autofree char *names = join_names (inputs);

      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("The network has %u Input layers (%s); LayerLab trains networks with one "
                     "input: delete the extra ones"), inputs->len, names);
      return FALSE;
    }
  outputs = nodes_where (self, FALSE);
  if (outputs->len > 1)
    {
      g_autofree char *names = join_names (outputs);

      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("The network has %u outputs (%s): every layer but the last must feed "
                     "another one, so connect or delete the extra ones"), outputs->len, names);
      return FALSE;
    }
  if (outputs->len == 1 && g_ptr_array_index (outputs, 0) == g_ptr_array_index (inputs, 0))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("The Input layer “%s” is not connected to anything: add layers after it"),
                   ((LabNode *) g_ptr_array_index (inputs, 0))->name);
      return FALSE;
    }
  return TRUE;
}

void
lab_graph_get_totals (LabGraph       *self,
                      LabGraphTotals *totals)
{
  GPtrArray *nodes;

  g_return_if_fail (LAB_IS_GRAPH (self));

  memset (totals, 0, sizeof *totals);
  nodes = lab_graph_get_nodes (self);
  for (guint i = 0; i < nodes->len; i++)
    {
      LabNode *node = g_ptr_array_index (nodes, i);

      totals->trainable += node->n_params;
      totals->frozen += node->n_frozen;
      totals->state += node->n_state;
      totals->flops += node->flops;
      totals->activation_bytes += node->activation_bytes;
    }
  /* Weights and state, one gradient per trainable weight and Adam's two moments. */
  totals->parameter_bytes = (totals->trainable * 4 + totals->frozen + totals->state) * sizeof (float);
}

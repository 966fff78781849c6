/* lab-clipboard.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-clipboard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-clipboard.h"
#include "lab-error.h"
#include "lab-json-private.h"

char *
lab_graph_serialize_nodes (LabGraph    *graph,
                           const guint *ids,
                           guint        n)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GHashTable) set = g_hash_table_new (NULL, NULL);
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *nodes;

  g_return_val_if_fail (LAB_IS_GRAPH (graph), NULL);
  g_return_val_if_fail (ids != NULL || n == 0, NULL);

  for (guint i = 0; i < n; i++)
    if (lab_graph_get_node (graph, ids[i]) != NULL)
      g_hash_table_add (set, GUINT_TO_POINTER (ids[i]));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, LAB_CLIPBOARD_FORMAT);
  json_builder_set_member_name (b, "format-version");
  json_builder_add_int_value (b, LAB_CLIPBOARD_FORMAT_VERSION);
  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  nodes = lab_graph_get_nodes (graph);
  for (guint i = 0; i < nodes->len; i++)
    {
      LabNode *node = g_ptr_array_index (nodes, i);

      if (g_hash_table_contains (set, GUINT_TO_POINTER (node->id)))
        lab_json_add_node (b, graph, node, set);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return lab_json_to_data (root, NULL);
}

static gboolean
bad_text (GError    **error,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static gboolean
bad_text (GError    **error,
          const char *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE, _("Cannot paste: %s"), message);
  return FALSE;
}

/* The "nodes" list of a clipboard text, after checking that it is one. */
static JsonArray *
parse_nodes (JsonParser  *parser,
             const char  *text,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonNode *member;

  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      /* json-glib says "<data>:LINE:COLUMN: Parse error: …". */
      const char *message = local_error->message;

      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      bad_text (error, _("the text is not LayerLab layers but invalid JSON (at %s)"), message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      bad_text (error, _("the text is not LayerLab layers: expected an object with "
                         "\"format\": \"%s\""), LAB_CLIPBOARD_FORMAT);
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  member = lab_json_member (root, "format");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (member), LAB_CLIPBOARD_FORMAT) != 0)
    {
      bad_text (error, _("the text is not LayerLab layers: “format” must be “%s”"),
                LAB_CLIPBOARD_FORMAT);
      return NULL;
    }
  member = lab_json_member (root, "format-version");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_INT64 &&
      json_node_get_int (member) > LAB_CLIPBOARD_FORMAT_VERSION)
    {
      bad_text (error, _("the layers were copied from a newer LayerLab (format version %d is the "
                         "newest this one reads)"), LAB_CLIPBOARD_FORMAT_VERSION);
      return NULL;
    }
  member = lab_json_member (root, "nodes");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      bad_text (error, _("“nodes”, the list of layers, is missing or not a list"));
      return NULL;
    }
  return json_node_get_array (member);
}

/* Settings are text, but a hand-written 64 or true means the same. */
static char *
param_text (JsonNode *value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!JSON_NODE_HOLDS_VALUE (value))
    return NULL;
  switch (json_node_get_value_type (value))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (value));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (value) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
    default:
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (value)));
    }
}

/* "fc1" → "fc1_copy", "fc1_copy2", …; a name that is already a copy counts up from its original. */
static char *
fresh_name (LabGraph   *graph,
            const char *name)
{
  g_autofree char *base = g_strdup (name);
  char *suffix = g_strrstr (base, "_copy");

  if (suffix != NULL && suffix != base &&
      strspn (suffix + strlen ("_copy"), "0123456789") == strlen (suffix + strlen ("_copy")))
    *suffix = '\0';
  for (guint i = 1;; i++)
    {
      char *candidate = i == 1 ? g_strdup_printf ("%s_copy", base)
                               : g_strdup_printf ("%s_copy%u", base, i);

      if (lab_graph_find_node (graph, candidate) == NULL)
        return candidate;
      g_free (candidate);
    }
}

static gboolean
add_one (LabGraph    *graph,
         JsonNode    *element,
         guint        i,
         double       dx,
         double       dy,
         GHashTable  *by_name,
         GArray      *ids,
         GError     **error)
{
  g_autofree char *path = g_strdup_printf ("nodes[%u]", i);
  g_autofree char *new_name = NULL;
  g_autoptr(GList) keys = NULL;
  const char *name = NULL, *type_name = NULL;
  JsonObject *obj, *params = NULL;
  double x = 0, y = 0;
  gboolean frozen = FALSE;
  guint id;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return bad_text (error, _("%s: expected an object, not %s"), path,
                     lab_json_describe_node (element));
  obj = json_node_get_object (element);
  if (!lab_json_read_string (obj, path, "name", &name, error) ||
      !lab_json_read_string (obj, path, "type", &type_name, error) ||
      !lab_json_read_double (obj, path, "x", &x, error) ||
      !lab_json_read_double (obj, path, "y", &y, error) ||
      !lab_json_read_bool (obj, path, "frozen", &frozen, error) ||
      !lab_json_read_object (obj, path, "params", &params, error))
    {
      g_prefix_error (error, _("Cannot paste: "));
      return FALSE;
    }
  if (name == NULL || *name == '\0')
    return bad_text (error, _("%s: the layer has no “name”"), path);
  if (type_name == NULL)
    return bad_text (error, _("layer “%s” has no “type”"), name);
  if (g_hash_table_contains (by_name, name))
    return bad_text (error, _("two layers are named “%s”"), name);

  if (lab_graph_find_node (graph, name) != NULL)
    new_name = fresh_name (graph, name);
  id = lab_graph_add_node (graph, type_name, new_name ? new_name : name, x + dx, y + dy, error);
  if (id == 0)
    {
      g_prefix_error (error, _("Cannot paste: "));
      return FALSE;
    }
  g_array_append_val (ids, id);
  g_hash_table_insert (by_name, (gpointer) name, GUINT_TO_POINTER (id));
  lab_graph_set_frozen (graph, id, frozen);

  if (params != NULL)
    keys = json_object_get_members (params);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      g_autofree char *text = param_text (json_object_get_member (params, l->data));

      if (text == NULL)
        return bad_text (error, _("%s.params.%s: expected a text, not %s"), path,
                         (const char *) l->data,
                         lab_json_describe_node (json_object_get_member (params, l->data)));
      if (!lab_graph_set_hparam_text (graph, id, l->data, text, error))
        {
          g_prefix_error (error, _("Cannot paste: "));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
connect_one (LabGraph    *graph,
             JsonObject  *obj,
             guint        i,
             guint        id,
             GHashTable  *by_name,
             GError     **error)
{
  JsonNode *inputs = lab_json_member (obj, "inputs");
  const char *name = json_object_get_string_member (obj, "name");
  JsonArray *array;

  if (inputs == NULL || JSON_NODE_HOLDS_NULL (inputs))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (inputs))
    return bad_text (error, _("nodes[%u].inputs: expected a list of layer names, not %s"), i,
                     lab_json_describe_node (inputs));
  array = json_node_get_array (inputs);
  for (guint j = 0; j < json_array_get_length (array); j++)
    {
      JsonNode *element = json_array_get_element (array, j);
      const char *src_name;
      gpointer src;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return bad_text (error, _("nodes[%u].inputs[%u]: expected a layer name, not %s"), i, j,
                         lab_json_describe_node (element));
      src_name = json_node_get_string (element);
      if (!g_hash_table_lookup_extended (by_name, src_name, NULL, &src))
        return bad_text (error, _("layer “%s” reads from “%s”, which is not among the copied "
                                  "layers"), name, src_name);
      if (!lab_graph_connect (graph, GPOINTER_TO_UINT (src), id, error))
        {
          g_prefix_error (error, _("Cannot paste: "));
          return FALSE;
        }
    }
  return TRUE;
}

GArray *
lab_graph_add_serialized_nodes (LabGraph    *graph,
                                const char  *text,
                                double       dx,
                                double       dy,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  JsonArray *array;
  guint n;

  g_return_val_if_fail (LAB_IS_GRAPH (graph), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  array = parse_nodes (parser, text, error);
  if (array == NULL)
    return NULL;
  n = json_array_get_length (array);

  /* Nodes first, edges after, so that a layer may read from one further down the list. */
  for (guint i = 0; i < n; i++)
    if (!add_one (graph, json_array_get_element (array, i), i, dx, dy, by_name, ids, error))
      goto fail;
  for (guint i = 0; i < n; i++)
    if (!connect_one (graph, json_array_get_object_element (array, i), i,
                      g_array_index (ids, guint, i), by_name, error))
      goto fail;
  return g_steal_pointer (&ids);

fail:
  for (guint i = 0; i < ids->len; i++)
    lab_graph_remove_node (graph, g_array_index (ids, guint, i));
  return NULL;
}

/* lab-project.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-project"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-error.h"
#include "lab-json-private.h"
#include "lab-project.h"
#include "lab-safetensors.h"

#define FORMAT_NAME "layerlab-project"

LabProject *
lab_project_new (void)
{
  LabProject *self = g_new0 (LabProject, 1);

  self->name = g_strdup (_("Untitled"));
  self->description = g_strdup ("");
  self->graph = lab_graph_new ();
  lab_train_settings_defaults (&self->settings);
  lab_data_ref_init (&self->data);
  self->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_run_free);
  return self;
}

void
lab_project_free (LabProject *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->description);
  g_clear_object (&self->graph);
  lab_data_ref_clear (&self->data);
  g_free (self->weights);
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_free (self);
}

static gboolean
invalid (GError    **error,
         int         code,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError    **error,
         int         code,
         const char *format,
         ...)
{
  GError *e;
  va_list args;

  va_start (args, format);
  e = g_error_new_valist (LAB_ERROR, code, format, args);
  va_end (args);
  g_propagate_error (error, e);
  return FALSE;
}

static char *
known_types (void)
{
  const LabLayerType * const *types = lab_layer_types ();
  GString *list = g_string_new (NULL);

  for (guint i = 0; types[i] != NULL; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", types[i]->name);
  return g_string_free (list, FALSE);
}

/* Settings are written as text, but a hand-written 64 or true means the same. */
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

static gboolean
read_params (LabGraph    *graph,
             guint        id,
             JsonObject  *node_obj,
             const char  *path,
             GError     **error)
{
  JsonObject *params;
  g_autoptr(GList) keys = NULL;

  if (!lab_json_read_object (node_obj, path, "params", &params, error))
    return FALSE;
  if (params == NULL)
    return TRUE;

  keys = json_object_get_members (params);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (params, key);
      g_autofree char *text = NULL;

      /* An unknown key is an error of lab_graph_set_hparam_text() listing the known ones. */
      text = param_text (value);
      if (text == NULL)
        return invalid (error, LAB_ERROR_INVALID_FILE, _("%s.params.%s: expected a text, not %s"),
                        path, key, lab_json_describe_node (value));
      if (!lab_graph_set_hparam_text (graph, id, key, text, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_inputs (LabGraph    *graph,
             guint        id,
             JsonObject  *node_obj,
             const char  *path,
             GError     **error)
{
  LabNode *node = lab_graph_get_node (graph, id);
  JsonNode *inputs = lab_json_member (node_obj, "inputs");
  JsonArray *array;

  if (inputs == NULL || JSON_NODE_HOLDS_NULL (inputs))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (inputs))
    return invalid (error, LAB_ERROR_INVALID_FILE, _("%s.inputs: expected a list of node names, not %s"),
                    path, lab_json_describe_node (inputs));
  array = json_node_get_array (inputs);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *src_name;
      LabNode *src;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return invalid (error, LAB_ERROR_INVALID_FILE, _("%s.inputs[%u]: expected a node name, not %s"),
                        path, i, lab_json_describe_node (element));
      src_name = json_node_get_string (element);
      src = lab_graph_find_node (graph, src_name);
      if (src == NULL)
        return invalid (error, LAB_ERROR_INVALID_GRAPH,
                        _("node “%s” reads from “%s”, which is not in the file"),
                        node->name, src_name);
      if (!lab_graph_connect (graph, src->id, id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_graph (LabGraph    *graph,
            JsonObject  *root,
            GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  JsonObject *graph_obj;
  JsonNode *nodes;
  JsonArray *array;

  if (!lab_json_read_object (root, "project", "graph", &graph_obj, error))
    return FALSE;
  if (graph_obj == NULL)
    return invalid (error, LAB_ERROR_INVALID_FILE, _("the “graph” member with the network is missing"));
  nodes = lab_json_member (graph_obj, "nodes");
  if (nodes == NULL)
    return invalid (error, LAB_ERROR_INVALID_FILE, _("graph.nodes, the list of layers, is missing"));
  if (!JSON_NODE_HOLDS_ARRAY (nodes))
    return invalid (error, LAB_ERROR_INVALID_FILE, _("graph.nodes: expected a list, not %s"),
                    lab_json_describe_node (nodes));
  array = json_node_get_array (nodes);

  /* Nodes first, edges after, so that a node may read from one further down the file. */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("graph.nodes[%u]", i);
      const LabLayerType *type;
      JsonObject *obj;
      const char *name, *type_name;
      double x = 0, y = 0;
      gboolean frozen = FALSE;
      guint id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (error, LAB_ERROR_INVALID_FILE, _("%s: expected an object, not %s"),
                        path, lab_json_describe_node (element));
      obj = json_node_get_object (element);
      if (!lab_json_read_string (obj, path, "name", &name, error) ||
          !lab_json_read_string (obj, path, "type", &type_name, error) ||
          !lab_json_read_double (obj, path, "x", &x, error) ||
          !lab_json_read_double (obj, path, "y", &y, error) ||
          !lab_json_read_bool (obj, path, "frozen", &frozen, error))
        return FALSE;
      if (name == NULL || *name == '\0')
        return invalid (error, LAB_ERROR_INVALID_FILE, _("%s: the node has no “name”"), path);
      if (g_hash_table_contains (seen, name))
        return invalid (error, LAB_ERROR_INVALID_GRAPH,
                        _("two nodes are named “%s” (nodes %u and %u); every name must be unique"),
                        name, GPOINTER_TO_UINT (g_hash_table_lookup (seen, name)), i + 1);
      g_hash_table_insert (seen, (gpointer) name, GUINT_TO_POINTER (i + 1));
      if (type_name == NULL)
        return invalid (error, LAB_ERROR_INVALID_FILE, _("node “%s” has no “type”"), name);
      type = lab_layer_type_find (type_name);
      if (type == NULL)
        {
          g_autofree char *list = known_types ();

          return invalid (error, LAB_ERROR_INVALID_GRAPH,
                          _("node “%s” has the unknown layer type “%s”; the known types are %s"),
                          name, type_name, list);
        }
      id = lab_graph_add_node (graph, type->name, name, x, y, error);
      if (id == 0)
        return FALSE;
      if (frozen)
        lab_graph_set_frozen (graph, id, TRUE);
      if (!read_params (graph, id, obj, path, error))
        return FALSE;
      g_array_append_val (ids, id);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("graph.nodes[%u]", i);

      if (!read_inputs (graph, g_array_index (ids, guint, i),
                        json_node_get_object (json_array_get_element (array, i)), path, error))
        return FALSE;
    }
  return TRUE;
}

/* "runs" came with the Runs page; files from before it have none. */
static gboolean
read_runs (LabProject  *self,
           JsonObject  *root,
           GError     **error)
{
  JsonNode *member = lab_json_member (root, "runs");
  JsonArray *runs;

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (member))
    return invalid (error, LAB_ERROR_INVALID_FILE, _("“runs” must be a list of runs, not %s"),
                    lab_json_describe_node (member));
  runs = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (runs); i++)
    {
      JsonNode *node = json_array_get_element (runs, i);
      LabRun *run = lab_run_from_json (node, error);

      if (run == NULL)
        {
          const char *name = NULL;

          if (JSON_NODE_HOLDS_OBJECT (node))
            name = json_object_get_string_member_with_default (json_node_get_object (node),
                                                               "name", NULL);
          if (name != NULL)
            g_prefix_error (error, _("run %u (“%s”): "), i + 1, name);
          else
            g_prefix_error (error, _("run %u: "), i + 1);
          return FALSE;
        }
      g_ptr_array_add (self->runs, run);
    }
  return TRUE;
}

static gboolean
read_project (LabProject  *self,
              JsonNode    *root_node,
              GError     **error)
{
  JsonObject *root;
  JsonNode *format, *version, *member;
  const char *text;

  if (root_node == NULL)
    return invalid (error, LAB_ERROR_INVALID_FILE,
                    _("the file is empty; a LayerLab project is a JSON object"));
  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return invalid (error, LAB_ERROR_INVALID_FILE,
                    _("this is not a LayerLab project: the file holds %s, not an object"),
                    lab_json_describe_node (root_node));
  root = json_node_get_object (root_node);

  format = lab_json_member (root, "format");
  if (format == NULL)
    return invalid (error, LAB_ERROR_INVALID_FILE,
                    _("this is not a LayerLab project: the “format” member is missing "
                      "(a project has \"format\": \"%s\")"), FORMAT_NAME);
  if (!JSON_NODE_HOLDS_VALUE (format) || json_node_get_value_type (format) != G_TYPE_STRING)
    return invalid (error, LAB_ERROR_INVALID_FILE,
                    _("this is not a LayerLab project: “format” is %s, not “%s”"),
                    lab_json_describe_node (format), FORMAT_NAME);
  if (g_strcmp0 (json_node_get_string (format), FORMAT_NAME) != 0)
    return invalid (error, LAB_ERROR_INVALID_FILE,
                    _("this is not a LayerLab project: “format” is “%s”, not “%s”"),
                    json_node_get_string (format), FORMAT_NAME);

  version = lab_json_member (root, "format-version");
  if (version == NULL)
    return invalid (error, LAB_ERROR_INVALID_FILE,
                    _("“format-version” is missing (this LayerLab writes version %d)"),
                    LAB_PROJECT_FORMAT_VERSION);
  if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) < 1)
    return invalid (error, LAB_ERROR_INVALID_FILE,
                    _("“format-version” must be a whole number from 1 up, not %s"),
                    lab_json_describe_node (version));
  if (json_node_get_int (version) > LAB_PROJECT_FORMAT_VERSION)
    {
      char file_version[32];

      g_snprintf (file_version, sizeof file_version, "%" G_GINT64_FORMAT, json_node_get_int (version));
      return invalid (error, LAB_ERROR_INVALID_FILE,
                      _("the file has format version %s, but this LayerLab reads versions up to %d; "
                        "open it with a newer LayerLab"),
                      file_version, LAB_PROJECT_FORMAT_VERSION);
    }

  if (!lab_json_read_string (root, "project", "name", &text, error))
    return FALSE;
  if (text != NULL)
    {
      g_free (self->name);
      self->name = g_strdup (text);
    }
  if (!lab_json_read_string (root, "project", "description", &text, error))
    return FALSE;
  if (text != NULL)
    {
      g_free (self->description);
      self->description = g_strdup (text);
    }
  if (!lab_json_read_string (root, "project", "weights", &text, error))
    return FALSE;
  g_free (self->weights);
  self->weights = (text != NULL && *text != '\0') ? g_strdup (text) : NULL;

  if (!read_graph (self->graph, root, error))
    return FALSE;
  if ((member = lab_json_member (root, "training")) != NULL &&
      !lab_train_settings_from_json (&self->settings, member, error))
    return FALSE;
  if ((member = lab_json_member (root, "dataset")) != NULL &&
      !lab_data_ref_from_json (&self->data, member, error))
    return FALSE;
  return read_runs (self, root, error);
}

LabProject *
lab_project_load_from_data (const char  *data,
                            gssize       length,
                            const char  *display_name,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LabProject) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (display_name == NULL)
    display_name = _("the project");

  if (!json_parser_load_from_data (parser, data ? data : "", length, &local_error))
    {
      /* json-glib names the place "<data>:LINE:COLUMN: Parse error: …". */
      const char *message = local_error->message;

      if (g_str_has_prefix (message, "<data>"))
        g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE, "%s%s", display_name,
                     message + strlen ("<data>"));
      else
        g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE, "%s: %s", display_name, message);
      return NULL;
    }

  self = lab_project_new ();
  if (!read_project (self, json_parser_get_root (parser), error))
    {
      g_prefix_error (error, "%s: ", display_name);
      return NULL;
    }
  return g_steal_pointer (&self);
}

LabProject *
lab_project_load (const char  *path,
                  GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display_name = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  display_name = g_filename_display_basename (path);
  return lab_project_load_from_data (contents, length, display_name, error);
}

char *
lab_project_to_data (LabProject *self,
                     gsize      *length)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *nodes;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (LAB_IS_GRAPH (self->graph), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, FORMAT_NAME);
  json_builder_set_member_name (b, "format-version");
  json_builder_add_int_value (b, LAB_PROJECT_FORMAT_VERSION);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, self->name ? self->name : "");
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, self->description ? self->description : "");

  json_builder_set_member_name (b, "graph");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  nodes = lab_graph_get_nodes (self->graph);
  for (guint i = 0; i < nodes->len; i++)
    lab_json_add_node (b, self->graph, g_ptr_array_index (nodes, i), NULL);
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "training");
  json_builder_add_value (b, lab_train_settings_to_json (&self->settings));
  json_builder_set_member_name (b, "dataset");
  json_builder_add_value (b, lab_data_ref_to_json (&self->data));
  if (self->weights != NULL)
    {
      json_builder_set_member_name (b, "weights");
      json_builder_add_string_value (b, self->weights);
    }
  if (self->runs != NULL && self->runs->len > 0)
    {
      json_builder_set_member_name (b, "runs");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->runs->len; i++)
        json_builder_add_value (b, lab_run_to_json (g_ptr_array_index (self->runs, i)));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return lab_json_to_data (root, length);
}

gboolean
lab_project_save (LabProject  *self,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = lab_project_to_data (self, &length);
  return lab_file_write_atomic (path, data, length, error);
}

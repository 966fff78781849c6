/* lab-json.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-error.h"
#include "lab-json-private.h"

const char *
lab_json_describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY:  return _("a list");
    case JSON_NODE_NULL:   return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:  return _("a text");
        case G_TYPE_BOOLEAN: return _("true or false");
        default:             return _("a number");
        }
    }
}

static gboolean
wrong_type (JsonNode    *node,
            const char  *path,
            const char  *key,
            const char  *expected,
            GError     **error)
{
  g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE, _("%s.%s: expected %s, not %s"),
               path, key, expected, lab_json_describe_node (node));
  return FALSE;
}

JsonNode *
lab_json_member (JsonObject *obj,
                 const char *key)
{
  return json_object_has_member (obj, key) ? json_object_get_member (obj, key) : NULL;
}

static gboolean
is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 ||
          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

gboolean
lab_json_read_double (JsonObject  *obj,
                      const char  *path,
                      const char  *key,
                      double      *out,
                      GError     **error)
{
  JsonNode *node = lab_json_member (obj, key);

  if (node == NULL)
    return TRUE;
  if (!is_number (node))
    return wrong_type (node, path, key, _("a number"), error);
  *out = json_node_get_double (node);
  return TRUE;
}

gboolean
lab_json_read_float (JsonObject  *obj,
                     const char  *path,
                     const char  *key,
                     float       *out,
                     GError     **error)
{
  double v = *out;

  if (!lab_json_read_double (obj, path, key, &v, error))
    return FALSE;
  *out = (float) v;
  return TRUE;
}

gboolean
lab_json_read_count (JsonObject  *obj,
                     const char  *path,
                     const char  *key,
                     guint64      max,
                     guint64     *out,
                     GError     **error)
{
  JsonNode *node = lab_json_member (obj, key);
  char max_text[32];
  double v;

  if (node == NULL)
    return TRUE;
  if (!is_number (node))
    return wrong_type (node, path, key, _("a whole number"), error);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 i = json_node_get_int (node);

      if (i >= 0 && (guint64) i <= max)
        {
          *out = (guint64) i;
          return TRUE;
        }
    }
  v = json_node_get_double (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE && v >= 0 && v <= (double) max &&
      v == floor (v))
    {
      *out = (guint64) v;
      return TRUE;
    }
  g_snprintf (max_text, sizeof max_text, "%" G_GUINT64_FORMAT, max);
  g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE,
               _("%s.%s: expected a whole number from 0 to %s, not %g"), path, key, max_text, v);
  return FALSE;
}

gboolean
lab_json_read_uint (JsonObject  *obj,
                    const char  *path,
                    const char  *key,
                    guint       *out,
                    GError     **error)
{
  guint64 v = *out;

  if (!lab_json_read_count (obj, path, key, G_MAXUINT, &v, error))
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

gboolean
lab_json_read_bool (JsonObject  *obj,
                    const char  *path,
                    const char  *key,
                    gboolean    *out,
                    GError     **error)
{
  JsonNode *node = lab_json_member (obj, key);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (node, path, key, _("true or false"), error);
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
lab_json_read_string (JsonObject  *obj,
                      const char  *path,
                      const char  *key,
                      const char **out,
                      GError     **error)
{
  JsonNode *node = lab_json_member (obj, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (node, path, key, _("a text"), error);
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
lab_json_read_enum (JsonObject       *obj,
                    const char       *path,
                    const char       *key,
                    const char       *what,
                    LabEnumNameFunc   name_of,
                    int               n_values,
                    int              *out,
                    GError          **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *list = NULL;
  const char *text;

  if (!lab_json_read_string (obj, path, key, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  for (int i = 0; i < n_values; i++)
    {
      const char *name = name_of (i);

      if (name == NULL)
        continue;
      if (g_ascii_strcasecmp (text, name) == 0)
        {
          *out = i;
          return TRUE;
        }
      g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);
  list = g_strjoinv (", ", (char **) names->pdata);
  g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE,
               _("%s.%s: unknown %s “%s”; choose one of %s"), path, key, what, text, list);
  return FALSE;
}

gboolean
lab_json_read_object (JsonObject  *obj,
                      const char  *path,
                      const char  *key,
                      JsonObject **out,
                      GError     **error)
{
  JsonNode *node = lab_json_member (obj, key);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (node, path, key, _("an object"), error);
  *out = json_node_get_object (node);
  return TRUE;
}

/* The fewest significant digits (up to max_digits) that read back as the same number. */
static void
format_shortest (char     *buf,
                 gsize     size,
                 double    value,
                 int       max_digits,
                 gboolean  as_float)
{
  char format[8];
  int p;

  for (p = 1; p <= max_digits; p++)
    {
      double back;

      g_snprintf (format, sizeof format, "%%.%dg", p);
      g_ascii_formatd (buf, size, format, value);
      back = g_ascii_strtod (buf, NULL);
      if (as_float ? (float) back == (float) value : back == value)
        break;
    }
  /* %g turns to an exponent once a number has more integer digits than the precision (40 is
   * "4e+01" at one digit): write whole parts in full up to 10¹⁵. */
  if (strchr (buf, 'e') != NULL && fabs (value) >= 1 && fabs (value) < 1e15)
    {
      int digits = (int) floor (log10 (fabs (value))) + 1;

      g_snprintf (format, sizeof format, "%%.%dg", MAX (digits, MIN (p, max_digits)));
      g_ascii_formatd (buf, size, format, value);
    }
}

double
lab_json_float (float value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return value;
  format_shortest (buf, sizeof buf, value, 9, TRUE);
  return g_ascii_strtod (buf, NULL);
}

static void
write_string (GString    *out,
              const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      write_string (out, json_node_get_string (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
    default:
      {
        double v = json_node_get_double (node);

        /* JSON has no NaN or infinity: null makes the reader complain instead of guessing. */
        if (!isfinite (v))
          {
            g_string_append (out, "null");
            break;
          }
        format_shortest (buf, sizeof buf, v, 17, FALSE);
        g_string_append (out, buf);
      }
      break;
    }
}

static gboolean
is_flat_array (JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element) || JSON_NODE_HOLDS_ARRAY (element))
        return FALSE;
    }
  return TRUE;
}

static void
write_node (GString  *out,
            JsonNode *node,
            guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *obj = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (obj);

        if (members == NULL)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append (out, "{\n");
        for (GList *l = members; l != NULL; l = l->next)
          {
            g_string_append_printf (out, "%*s", (int) (depth + 1) * 2, "");
            write_string (out, l->data);
            g_string_append (out, ": ");
            write_node (out, json_object_get_member (obj, l->data), depth + 1);
            g_string_append (out, l->next != NULL ? ",\n" : "\n");
          }
        g_string_append_printf (out, "%*s}", (int) depth * 2, "");
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        gboolean flat = is_flat_array (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append (out, flat ? "[" : "[\n");
        for (guint i = 0; i < n; i++)
          {
            if (!flat)
              g_string_append_printf (out, "%*s", (int) (depth + 1) * 2, "");
            write_node (out, json_array_get_element (array, i), depth + 1);
            if (i + 1 < n)
              g_string_append (out, flat ? ", " : ",\n");
          }
        if (!flat)
          g_string_append_printf (out, "\n%*s", (int) depth * 2, "");
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
    default:
      write_value (out, node);
      break;
    }
}

char *
lab_json_to_data (JsonNode *node,
                  gsize    *length)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  write_node (out, node, 0);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

void
lab_json_add_node (JsonBuilder *b,
                   LabGraph    *graph,
                   LabNode     *node,
                   GHashTable  *keep)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, node->name);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, node->type->name);
  json_builder_set_member_name (b, "x");
  json_builder_add_double_value (b, node->x);
  json_builder_set_member_name (b, "y");
  json_builder_add_double_value (b, node->y);
  json_builder_set_member_name (b, "frozen");
  json_builder_add_boolean_value (b, node->frozen);

  json_builder_set_member_name (b, "params");
  json_builder_begin_object (b);
  for (guint k = 0; k < node->type->n_hparams; k++)
    {
      g_autofree char *text = lab_hparam_to_string (&node->type->hparams[k], &node->hp[k]);

      json_builder_set_member_name (b, node->type->hparams[k].key);
      json_builder_add_string_value (b, text);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "inputs");
  json_builder_begin_array (b);
  for (guint j = 0; j < node->inputs->len; j++)
    {
      guint src = g_array_index (node->inputs, guint, j);

      if (keep == NULL || g_hash_table_contains (keep, GUINT_TO_POINTER (src)))
        json_builder_add_string_value (b, lab_graph_get_node (graph, src)->name);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

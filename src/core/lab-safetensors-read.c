/* lab-safetensors-read.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-safetensors"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lab-error.h"
#include "lab-safetensors-private.h"

/* Every check of the reference reader, each failure a LAB_ERROR_INVALID_FILE that names the
 * file, the tensor and the byte where the problem is. */

typedef struct
{
  const char *name;     /* owned by the JSON parser */
  LabShape    shape;
  guint64     begin;
  guint64     end;
} Entry;

static void invalid_file (GError    **error,
                          const char *path,
                          guint64     offset,
                          const char *format,
                          ...) G_GNUC_PRINTF (4, 5);

static void
invalid_file (GError    **error,
              const char *path,
              guint64     offset,
              const char *format,
              ...)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE,
               _("Cannot read the weights file “%s” at byte %llu: %s"),
               display, (unsigned long long) offset, detail);
}

/* Where "name": appears in the header, so a message can point at the entry; the start of the
 * header when the name is written with JSON escapes. Only looked up for messages: it is a
 * linear search. */
static guint64
key_offset (const char *header,
            gsize       header_len,
            const char *name)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", name);
  gsize qlen = strlen (quoted);

  for (gsize i = 0; i + qlen <= header_len; i++)
    if (memcmp (header + i, quoted, qlen) == 0)
      {
        gsize j = i + qlen;

        while (j < header_len && g_ascii_isspace (header[j]))
          j++;
        if (j < header_len && header[j] == ':')
          return 8 + i;
      }
  return 8;
}

/* "a list", "a number": what a JSON node is, for messages */
static const char *
node_kind (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("a list");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return _("a string");
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return _("a boolean");
  return _("a number");
}

static gboolean
node_get_uint (JsonNode *node,
               guint64  *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 0)
    return FALSE;
  *value = (guint64) json_node_get_int (node);
  return TRUE;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Reads one tensor's entry; returns what is wrong with it, or NULL. */
static char *
entry_problem (Entry    *entry,
               JsonNode *node,
               guint64   data_len)
{
  static const char *const required[] = { "dtype", "shape", "data_offsets" };
  const char *name = entry->name;
  g_autofree char *shape = NULL;
  JsonObject *object;
  JsonArray *dims, *range;
  JsonNode *dtype;
  guint64 n = 1;
  guint ndim;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup_printf (_("tensor “%s” is described by %s instead of a JSON object"),
                            name, node_kind (node));
  object = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!json_object_has_member (object, required[i]))
      return g_strdup_printf (_("tensor “%s” has no “%s”; every tensor needs “dtype”, "
                                "“shape” and “data_offsets”"), name, required[i]);

  dtype = json_object_get_member (object, "dtype");
  if (!JSON_NODE_HOLDS_VALUE (dtype) || json_node_get_value_type (dtype) != G_TYPE_STRING)
    return g_strdup_printf (_("the dtype of tensor “%s” is not a string"), name);
  if (strcmp (json_node_get_string (dtype), "F32") != 0)
    return g_strdup_printf (_("tensor “%s” has dtype %s, but only F32 (float32) tensors can be "
                              "loaded; convert the weights to float32 before saving (in "
                              "PyTorch: tensor.float())"), name, json_node_get_string (dtype));

  dims = member_array (object, "shape");
  if (dims == NULL)
    return g_strdup_printf (_("the shape of tensor “%s” is not a list of sizes"), name);
  ndim = json_array_get_length (dims);
  if (ndim > LAB_MAX_DIMS)
    return g_strdup_printf (_("tensor “%s” has %u dimensions; LayerLab tensors have at most %d"),
                            name, ndim, LAB_MAX_DIMS);
  for (guint d = 0; d < ndim; d++)
    {
      guint64 size;

      if (!node_get_uint (json_array_get_element (dims, d), &size) || size > G_MAXUINT ||
          !g_uint64_checked_mul (&n, n, size))
        return g_strdup_printf (_("dimension %u of tensor “%s” is not a size (a whole number "
                                  "from 0 to %u)"), d + 1, name, G_MAXUINT);
      entry->shape.dims[d] = size;
    }
  entry->shape.ndim = ndim;
  /* A scalar (shape []) holds one value; LabShape has no zero-dimensional form, so it reads
   * as shape (1). */
  if (ndim == 0)
    entry->shape = lab_shape_make (1, 1);

  range = member_array (object, "data_offsets");
  if (range == NULL || json_array_get_length (range) != 2 ||
      !node_get_uint (json_array_get_element (range, 0), &entry->begin) ||
      !node_get_uint (json_array_get_element (range, 1), &entry->end))
    return g_strdup_printf (_("the data_offsets of tensor “%s” are not two byte offsets "
                              "[begin, end]"), name);
  if (entry->begin > entry->end || entry->end > data_len)
    return g_strdup_printf (_("tensor “%s” has data_offsets [%llu, %llu], outside the data section "
                              "of %llu bytes; the file is damaged or truncated"),
                            name, (unsigned long long) entry->begin,
                            (unsigned long long) entry->end, (unsigned long long) data_len);
  if (n > G_MAXUINT64 / sizeof (float) || n * sizeof (float) != entry->end - entry->begin)
    {
      shape = lab_shape_to_string (&entry->shape);
      return g_strdup_printf (_("tensor “%s” of shape %s needs %llu float32 values, but its "
                                "data_offsets span %llu bytes"),
                              name, ndim ? shape : "[]", (unsigned long long) n,
                              (unsigned long long) (entry->end - entry->begin));
    }
  return NULL;
}

static gint
entry_compare (gconstpointer pa,
               gconstpointer pb)
{
  const Entry *a = pa, *b = pb;

  if (a->begin != b->begin)
    return a->begin < b->begin ? -1 : 1;
  return (a->end > b->end) - (a->end < b->end);
}

/* The reference reader's rule: sorted by offset, the tensors tile the data section exactly. */
static gboolean
check_coverage (GArray      *entries,
                const char  *path,
                guint64      data_start,
                guint64      data_len,
                GError     **error)
{
  guint64 covered = 0;

  g_array_sort (entries, entry_compare);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);

      if (e->begin < covered)
        {
          const Entry *prev = &g_array_index (entries, Entry, i - 1);

          invalid_file (error, path, data_start + e->begin,
                        _("tensor “%s” (data_offsets [%llu, %llu]) overlaps tensor “%s” ([%llu, "
                          "%llu]); the file is damaged"),
                        e->name, (unsigned long long) e->begin, (unsigned long long) e->end,
                        prev->name, (unsigned long long) prev->begin,
                        (unsigned long long) prev->end);
          return FALSE;
        }
      if (e->begin > covered)
        {
          invalid_file (error, path, data_start + covered,
                        _("%llu bytes before tensor “%s” belong to no tensor; the file is "
                          "damaged"), (unsigned long long) (e->begin - covered), e->name);
          return FALSE;
        }
      covered = e->end;
    }
  if (covered != data_len)
    {
      invalid_file (error, path, data_start + covered,
                    _("the last %llu bytes of the file belong to no tensor; the file is "
                      "damaged"), (unsigned long long) (data_len - covered));
      return FALSE;
    }
  return TRUE;
}

static char *
metadata_problem (LabSafetensors *self,
                  JsonNode       *node)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup_printf (_("“%s” is not an object of strings"), LAB_SAFETENSORS_METADATA);
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &key, &value))
    {
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        return g_strdup_printf (_("metadata “%s” is not a string"), key);
      lab_safetensors_set_meta (self, key, json_node_get_string (value));
    }
  return NULL;
}

LabSafetensors *
lab_safetensors_read (const char  *path,
                      GError     **error)
{
  g_autoptr(GMappedFile) map = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LabSafetensors) self = lab_safetensors_new ();
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_autoptr(GError) json_error = NULL;
  g_autofree char *what = NULL;
  g_autofree char *display = NULL;
  const char *bytes;
  guint64 size, header_len, data_start, data_len;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  JsonNode *root;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  map = g_mapped_file_new (path, FALSE, error);
  if (map == NULL)
    return NULL;
  bytes = g_mapped_file_get_contents (map);
  size = g_mapped_file_get_length (map);

  if (size < 8)
    {
      invalid_file (error, path, 0, _("the file has %llu bytes, too few for a safetensors file, "
                                      "which starts with an 8-byte header length"),
                    (unsigned long long) size);
      return NULL;
    }
  memcpy (&header_len, bytes, 8);
  header_len = GUINT64_FROM_LE (header_len);
  if (header_len > LAB_SAFETENSORS_MAX_HEADER)
    {
      invalid_file (error, path, 0, _("the header length is %llu bytes, more than the 100 MB "
                                      "that safetensors allows; this is not a safetensors file "
                                      "or it is damaged"), (unsigned long long) header_len);
      return NULL;
    }
  if (header_len > size - 8)
    {
      invalid_file (error, path, 0, _("the header length is %llu bytes but only %llu bytes "
                                      "follow; the file is truncated or not a safetensors file"),
                    (unsigned long long) header_len, (unsigned long long) (size - 8));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, bytes + 8, (gssize) header_len, &json_error))
    {
      invalid_file (error, path, 8, _("the header is not valid JSON: %s"), json_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid_file (error, path, 8, _("the header is %s instead of a JSON object"),
                    node_kind (root));
      return NULL;
    }

  data_start = 8 + header_len;
  data_len = size - data_start;
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &name, &node))
    {
      Entry entry = { name, { 0 }, 0, 0 };
      g_autofree char *problem = NULL;

      if (strcmp (name, LAB_SAFETENSORS_METADATA) == 0)
        problem = metadata_problem (self, node);
      else
        problem = entry_problem (&entry, node, data_len);
      if (problem != NULL)
        {
          invalid_file (error, path, key_offset (bytes + 8, header_len, name), "%s", problem);
          return NULL;
        }
      if (strcmp (name, LAB_SAFETENSORS_METADATA) != 0)
        g_array_append_val (entries, entry);
    }
  if (!check_coverage (entries, path, data_start, data_len, error))
    return NULL;

  /* Each span is 4 × its element count and the spans tile the section, so data_len / 4 floats
   * hold everything and every begin is a multiple of 4. */
  display = g_filename_display_name (path);
  what = g_strdup_printf (_("The tensors of “%s”"), display);
  self->arena = lab_try_alloc_floats (data_len / sizeof (float), what, error);
  if (self->arena == NULL)
    return NULL;
  /* memcpy: the data section need not be aligned when another writer did not pad the header */
  memcpy (self->arena, bytes + data_start, data_len);
#if G_BYTE_ORDER != G_LITTLE_ENDIAN
  for (guint64 i = 0; i < data_len / sizeof (float); i++)
    {
      guint32 bits;

      memcpy (&bits, self->arena + i, sizeof bits);
      bits = GUINT32_FROM_LE (bits);
      memcpy (self->arena + i, &bits, sizeof bits);
    }
#endif

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);
      LabSafetensor *tensor = g_new0 (LabSafetensor, 1);

      tensor->name = g_strdup (e->name);
      tensor->shape = e->shape;
      tensor->data = self->arena + e->begin / sizeof (float);
      g_ptr_array_add (self->tensors, tensor);
    }

  return g_steal_pointer (&self);
}

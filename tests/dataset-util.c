/* dataset-util.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <zlib.h>

#include "dataset-util.h"
#include "lab-error.h"

/* A path in the test's private directory (G_TEST_OPTION_ISOLATE_DIRS). */
char *
test_path (const char *name)
{
  const char *dir = g_get_user_cache_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

char *
write_file (const char *name,
            const void *data,
            gsize       len)
{
  char *path = test_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
  return path;
}

char *
write_text (const char *name,
            const char *text)
{
  return write_file (name, text, strlen (text));
}

static void
put_be32 (GByteArray *b,
          guint32     v)
{
  guint8 bytes[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (b, bytes, 4);
}

/* An IDX file: magic 00 00 type ndim, big-endian dims, then data_len bytes of data. */
GByteArray *
make_idx (guint8         type,
          guint8         ndim,
          const guint32 *dims,
          const guint8  *data,
          gsize          data_len)
{
  GByteArray *b = g_byte_array_new ();
  guint8 magic[4] = { 0, 0, type, ndim };

  g_byte_array_append (b, magic, 4);
  for (guint i = 0; i < ndim; i++)
    put_be32 (b, dims[i]);
  if (data_len > 0)
    g_byte_array_append (b, data, (guint) data_len);
  return b;
}

/* One gzip member of data, as gzip(1) writes it. */
GByteArray *
gzip_bytes (const guint8 *data,
            gsize         len)
{
  GByteArray *out = g_byte_array_new ();
  guint8 chunk[4096];
  z_stream zs = { 0 };
  int ret;

  g_assert_cmpint (deflateInit2 (&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), ==,
                   Z_OK);
  zs.next_in = (Bytef *) data;
  zs.avail_in = (uInt) len;
  do
    {
      zs.next_out = chunk;
      zs.avail_out = sizeof chunk;
      ret = deflate (&zs, Z_FINISH);
      g_assert_true (ret == Z_OK || ret == Z_STREAM_END);
      g_byte_array_append (out, chunk, sizeof chunk - zs.avail_out);
    }
  while (ret != Z_STREAM_END);
  deflateEnd (&zs);
  return out;
}

char *
write_bytes (const char *name,
             GByteArray *b)
{
  return write_file (name, b->data, b->len);
}

/* The error has the code and its message names the file and each of the places. */
void
assert_error_names (const GError *error,
                    int           code,
                    const char   *path,
                    ...)
{
  g_autofree char *base = path ? g_path_get_basename (path) : NULL;
  const char *place;
  va_list ap;

  g_assert_error (error, LAB_ERROR, code);
  g_test_message ("error: %s", error->message);
  if (base != NULL && strstr (error->message, base) == NULL)
    g_error ("“%s” does not name the file “%s”", error->message, base);
  va_start (ap, path);
  while ((place = va_arg (ap, const char *)) != NULL)
    if (strstr (error->message, place) == NULL)
      g_error ("“%s” does not contain “%s”", error->message, place);
  va_end (ap);
}

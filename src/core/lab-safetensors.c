/* lab-safetensors.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-safetensors"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "lab-error.h"
#include "lab-safetensors-private.h"

static void
tensor_free (gpointer data)
{
  LabSafetensor *tensor = data;

  g_free (tensor->name);
  g_free (tensor);
}

LabSafetensors *
lab_safetensors_new (void)
{
  LabSafetensors *self = g_new0 (LabSafetensors, 1);

  self->tensors = g_ptr_array_new_with_free_func (tensor_free);
  self->meta_keys = g_ptr_array_new ();
  self->meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
lab_safetensors_free (LabSafetensors *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->tensors);
  g_ptr_array_unref (self->meta_keys);
  g_hash_table_unref (self->meta);
  lab_free (self->arena);
  g_free (self);
}

void
lab_safetensors_add (LabSafetensors *self,
                     const char     *name,
                     const LabShape *shape,
                     const float    *data)
{
  LabSafetensor *tensor;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL && strcmp (name, LAB_SAFETENSORS_METADATA) != 0);
  g_return_if_fail (g_utf8_validate (name, -1, NULL));
  g_return_if_fail (shape != NULL && shape->ndim >= 1 && shape->ndim <= LAB_MAX_DIMS);
  g_return_if_fail (data != NULL || lab_shape_size (shape) == 0);
  g_return_if_fail (lab_safetensors_find (self, name) == NULL);

  tensor = g_new0 (LabSafetensor, 1);
  tensor->name = g_strdup (name);
  tensor->shape = *shape;
  tensor->data = (float *) data;
  g_ptr_array_add (self->tensors, tensor);
}

void
lab_safetensors_set_meta (LabSafetensors *self,
                          const char     *key,
                          const char     *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL && value != NULL);
  g_return_if_fail (g_utf8_validate (key, -1, NULL) && g_utf8_validate (value, -1, NULL));

  if (g_hash_table_contains (self->meta, key))
    {
      /* insert keeps the stored key (which meta_keys points at) and frees this copy */
      g_hash_table_insert (self->meta, g_strdup (key), g_strdup (value));
    }
  else
    {
      char *owned = g_strdup (key);

      g_hash_table_insert (self->meta, owned, g_strdup (value));
      g_ptr_array_add (self->meta_keys, owned);
    }
}

const char *
lab_safetensors_get_meta (LabSafetensors *self,
                          const char     *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->meta, key);
}

const LabSafetensor *
lab_safetensors_find (LabSafetensors *self,
                      const char     *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->tensors->len; i++)
    {
      const LabSafetensor *tensor = g_ptr_array_index (self->tensors, i);

      if (strcmp (tensor->name, name) == 0)
        return tensor;
    }
  return NULL;
}

guint
lab_safetensors_count (LabSafetensors *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->tensors->len;
}

const LabSafetensor *
lab_safetensors_get (LabSafetensors *self,
                     guint           i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->tensors->len, NULL);

  return g_ptr_array_index (self->tensors, i);
}

/* --- atomic files ------------------------------------------------------------------------ */

/* A temporary file beside the target, renamed over it once complete and synced, so that the
 * target is either the old file or the new one, never a mixture. */
typedef struct
{
  const char *path;
  char       *tmp_path;
  int         fd;
} AtomicFile;

static void
set_io_error (GError     **error,
              int          errsv,
              const char  *path,
              const char  *what)
{
  g_autofree char *display = g_filename_display_name (path);

  /* translators: the first %s is a file name, the second the problem, the third the system's
   * reason, e.g. “No space left on device” */
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
               _("Could not save “%s”: %s (%s). The previous file, if any, was left unchanged."),
               display, what, g_strerror (errsv));
}

static gboolean
atomic_open (AtomicFile  *file,
             const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  file->path = path;
  file->tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  /* mode 0666 is narrowed by the umask, as for any new file */
  file->fd = g_mkstemp_full (file->tmp_path, O_RDWR | O_CLOEXEC, 0666);
  if (file->fd < 0)
    {
      int errsv = errno;
      g_autofree char *what = g_strdup_printf (_("cannot create a file in the folder “%s”"), dir);

      set_io_error (error, errsv, path, what);
      g_clear_pointer (&file->tmp_path, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
atomic_write (AtomicFile  *file,
              const void  *data,
              gsize        length,
              GError     **error)
{
  const guint8 *p = data;

  while (length > 0)
    {
      gssize done = write (file->fd, p, MIN (length, (gsize) G_MAXSSIZE));

      if (done < 0)
        {
          int errsv = errno;

          if (errsv == EINTR)
            continue;
          set_io_error (error, errsv, file->path, _("writing failed"));
          return FALSE;
        }
      p += done;
      length -= done;
    }
  return TRUE;
}

/* Removes the temporary file; the target was never touched. */
static void
atomic_abort (AtomicFile *file)
{
  if (file->fd >= 0)
    close (file->fd);
  file->fd = -1;
  if (file->tmp_path != NULL)
    g_unlink (file->tmp_path);
  g_clear_pointer (&file->tmp_path, g_free);
}

static gboolean
atomic_commit (AtomicFile  *file,
               GError     **error)
{
  g_autofree char *dir = NULL;
  int fd = file->fd;
  int dir_fd;

  file->fd = -1;
  if (fsync (fd) != 0)
    {
      int errsv = errno;

      close (fd);
      set_io_error (error, errsv, file->path, _("writing to disk failed"));
      atomic_abort (file);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      set_io_error (error, errno, file->path, _("writing failed"));
      atomic_abort (file);
      return FALSE;
    }
  if (g_rename (file->tmp_path, file->path) != 0)
    {
      set_io_error (error, errno, file->path, _("the old file could not be replaced"));
      atomic_abort (file);
      return FALSE;
    }

  /* Make the rename itself durable; the data is already safe, so failures here are ignored. */
  dir = g_path_get_dirname (file->path);
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  g_clear_pointer (&file->tmp_path, g_free);
  return TRUE;
}

gboolean
lab_file_write_atomic (const char  *path,
                       const void  *contents,
                       gsize        length,
                       GError     **error)
{
  AtomicFile file = { 0 };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!atomic_open (&file, path, error))
    return FALSE;
  if (!atomic_write (&file, contents, length, error))
    {
      atomic_abort (&file);
      return FALSE;
    }
  return atomic_commit (&file, error);
}

/* --- writing ----------------------------------------------------------------------------- */

static char *
build_header (LabSafetensors *self,
              gsize          *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint64 offset = 0;
  gsize len;
  char *text;

  json_builder_begin_object (builder);
  for (guint i = 0; i < self->tensors->len; i++)
    {
      const LabSafetensor *tensor = g_ptr_array_index (self->tensors, i);
      guint64 bytes = (guint64) lab_shape_size (&tensor->shape) * sizeof (float);

      json_builder_set_member_name (builder, tensor->name);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "dtype");
      json_builder_add_string_value (builder, "F32");
      json_builder_set_member_name (builder, "shape");
      json_builder_begin_array (builder);
      for (guint d = 0; d < tensor->shape.ndim; d++)
        json_builder_add_int_value (builder, tensor->shape.dims[d]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "data_offsets");
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, (gint64) offset);
      json_builder_add_int_value (builder, (gint64) (offset + bytes));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      offset += bytes;
    }
  if (self->meta_keys->len > 0)
    {
      json_builder_set_member_name (builder, LAB_SAFETENSORS_METADATA);
      json_builder_begin_object (builder);
      for (guint i = 0; i < self->meta_keys->len; i++)
        {
          const char *key = g_ptr_array_index (self->meta_keys, i);

          json_builder_set_member_name (builder, key);
          json_builder_add_string_value (builder, g_hash_table_lookup (self->meta, key));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);
  /* Spaces up to a multiple of 8, as the reference writer does: the data section then starts
   * 8-byte aligned (the 8-byte length prefix keeps the alignment). */
  *length = (len + 7) / 8 * 8;
  text = g_realloc (text, *length + 1);
  memset (text + len, ' ', *length - len);
  text[*length] = '\0';
  return text;
}

gboolean
lab_safetensors_write (LabSafetensors *self,
                       const char     *path,
                       GError        **error)
{
  enum { CHUNK = 16384 };
  g_autofree char *header = NULL;
  g_autofree guint32 *chunk = NULL;
  AtomicFile file = { 0 };
  gsize header_len;
  guint64 prefix;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  header = build_header (self, &header_len);
  prefix = GUINT64_TO_LE ((guint64) header_len);
  chunk = g_new (guint32, CHUNK);

  if (!atomic_open (&file, path, error))
    return FALSE;
  if (!atomic_write (&file, &prefix, sizeof prefix, error) ||
      !atomic_write (&file, header, header_len, error))
    goto fail;

  for (guint i = 0; i < self->tensors->len; i++)
    {
      const LabSafetensor *tensor = g_ptr_array_index (self->tensors, i);
      gsize n = lab_shape_size (&tensor->shape);

      /* Little-endian whatever the machine: convert the bit pattern a chunk at a time. */
      for (gsize start = 0; start < n; start += CHUNK)
        {
          gsize len = MIN ((gsize) CHUNK, n - start);

          memcpy (chunk, tensor->data + start, len * sizeof (float));
          for (gsize j = 0; j < len; j++)
            chunk[j] = GUINT32_TO_LE (chunk[j]);
          if (!atomic_write (&file, chunk, len * sizeof (float), error))
            goto fail;
        }
    }
  return atomic_commit (&file, error);

fail:
  atomic_abort (&file);
  return FALSE;
}

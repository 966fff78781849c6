/* lab-dataset-idx.c: IDX files (LeCun's MNIST format), raw or gzip-compressed
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An IDX file is a 4-byte magic number (0, 0, data type, number of dimensions), one big-endian
 * u32 per dimension, then the data, outermost dimension first. Reference:
 * http://yann.lecun.com/exdb/mnist/ ("FILE FORMATS FOR THE MNIST DATABASE").
 *
 * The header sizes come from the file, so every size is computed in 64 bits and checked against
 * the machine's memory before anything is allocated. Offsets in messages count bytes of the IDX
 * data, which for a .gz file is the decompressed stream.
 */
#define G_LOG_DOMAIN "lab-dataset"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "lab-dataset.h"
#include "lab-error.h"

#define IDX_CHUNK (64 * 1024)
#define IDX_TYPE_U8 0x08

typedef struct
{
  char     *display;       /* the path as shown in messages */
  FILE     *file;
  gboolean  gz;
  gboolean  zs_ready;
  gboolean  stream_end;    /* gz: the last gzip member ended cleanly */
  z_stream  zs;
  guint64   in_read;       /* gz: compressed bytes read from the file so far */
  guint64   file_size;
  guint64   offset;        /* IDX bytes delivered so far */
  guchar    in[IDX_CHUNK];
} IdxReader;

static void
idx_reader_free (IdxReader *r)
{
  if (r == NULL)
    return;
  if (r->zs_ready)
    inflateEnd (&r->zs);
  if (r->file != NULL)
    fclose (r->file);
  g_free (r->display);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IdxReader, idx_reader_free)

static IdxReader *
idx_reader_open (const char  *path,
                 GError     **error)
{
  g_autoptr(IdxReader) r = g_new0 (IdxReader, 1);
  guchar magic[2];
  GStatBuf st;
  gsize k;

  r->display = g_filename_display_name (path);
  r->file = g_fopen (path, "rb");
  if (r->file == NULL || fstat (fileno (r->file), &st) != 0)
    {
      int saved = errno;

      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET, _("Could not open “%s”: %s"),
                   r->display, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("“%s” is not a regular file"), r->display);
      return NULL;
    }
  r->file_size = (guint64) st.st_size;

  /* gzip members start with 1F 8B; an IDX file starts with two zero bytes, so no confusion. */
  k = fread (magic, 1, 2, r->file);
  r->gz = k == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  rewind (r->file);
  if (r->gz)
    {
      if (inflateInit2 (&r->zs, 16 + MAX_WBITS) != Z_OK)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                       _("Could not start decompressing “%s”"), r->display);
          return NULL;
        }
      r->zs_ready = TRUE;
    }
  return g_steal_pointer (&r);
}

static gboolean
idx_reader_fill (IdxReader  *r,
                 GError    **error)
{
  gsize k = fread (r->in, 1, sizeof r->in, r->file);

  if (ferror (r->file))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("Could not read “%s” at compressed byte %llu: %s"),
                   r->display, (unsigned long long) r->in_read, g_strerror (errno));
      return FALSE;
    }
  r->zs.next_in = r->in;
  r->zs.avail_in = (uInt) k;
  r->in_read += k;
  return TRUE;
}

/* Reads up to len bytes into buf; *got < len only at the clean end of the data. */
static gboolean
idx_reader_read (IdxReader  *r,
                 guchar     *buf,
                 gsize       len,
                 gsize      *got,
                 GError    **error)
{
  *got = 0;
  if (!r->gz)
    {
      *got = fread (buf, 1, len, r->file);
      if (ferror (r->file))
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                       _("Could not read “%s” at offset %llu: %s"),
                       r->display, (unsigned long long) r->offset, g_strerror (errno));
          return FALSE;
        }
      r->offset += *got;
      return TRUE;
    }

  r->zs.next_out = buf;
  r->zs.avail_out = (uInt) len;
  while (r->zs.avail_out > 0 && !r->stream_end)
    {
      int ret;

      if (r->zs.avail_in == 0)
        {
          if (!idx_reader_fill (r, error))
            return FALSE;
          if (r->zs.avail_in == 0)
            {
              g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                           _("“%s” is truncated: its gzip stream stops after %llu compressed "
                             "bytes, at offset %llu of the decompressed data, before the "
                             "stream’s end. Download the file again."),
                           r->display, (unsigned long long) r->in_read,
                           (unsigned long long) (r->offset + (len - r->zs.avail_out)));
              return FALSE;
            }
        }

      ret = inflate (&r->zs, Z_NO_FLUSH);
      if (ret == Z_STREAM_END)
        {
          /* Another gzip member may follow (as `cat a.gz b.gz` makes); anything else is
           * reported as corrupted by inflate on the next round. */
          if (r->zs.avail_in == 0 && !idx_reader_fill (r, error))
            return FALSE;
          if (r->zs.avail_in == 0)
            r->stream_end = TRUE;
          else
            inflateReset (&r->zs);
        }
      else if (ret != Z_OK)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                       _("The gzip data of “%s” is corrupted at compressed byte %llu (offset "
                         "%llu of the decompressed data): %s. Download the file again."),
                       r->display, (unsigned long long) (r->in_read - r->zs.avail_in),
                       (unsigned long long) (r->offset + (len - r->zs.avail_out)),
                       r->zs.msg ? r->zs.msg : zError (ret));
          return FALSE;
        }
    }
  *got = len - r->zs.avail_out;
  r->offset += *got;
  return TRUE;
}

/* Reads len bytes of a section that spans [start, start + section_len). */
static gboolean
idx_reader_read_exact (IdxReader   *r,
                       guchar      *buf,
                       gsize        len,
                       guint64      start,
                       guint64      section_len,
                       const char  *what,
                       GError     **error)
{
  gsize got;

  if (!idx_reader_read (r, buf, len, &got, error))
    return FALSE;
  if (got < len)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("“%s” is truncated: %s should take %llu bytes from offset %llu, but only "
                     "%llu bytes are there%s"),
                   r->display, what, (unsigned long long) section_len, (unsigned long long) start,
                   (unsigned long long) (r->offset - start),
                   r->gz ? _(" (after decompression)") : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
idx_reader_expect_end (IdxReader  *r,
                       GError    **error)
{
  guchar extra;
  gsize got;
  guint64 end = r->offset;

  if (!idx_reader_read (r, &extra, 1, &got, error))
    return FALSE;
  if (got == 0)
    return TRUE;
  if (r->gz)
    g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                 _("“%s” has unexpected data after the end of its IDX data at offset %llu "
                   "(after decompression): its header does not match its size"),
                 r->display, (unsigned long long) end);
  else
    g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                 _("“%s” has %llu unexpected bytes after the end of its IDX data at offset "
                   "%llu: its header does not match its size"),
                 r->display, (unsigned long long) (r->file_size - end), (unsigned long long) end);
  return FALSE;
}

static const char *
idx_type_name (guint type)
{
  switch (type)
    {
    case 0x08: return _("unsigned bytes");
    case 0x09: return _("signed bytes");
    case 0x0B: return _("16-bit integers");
    case 0x0C: return _("32-bit integers");
    case 0x0D: return _("32-bit floats");
    case 0x0E: return _("64-bit floats");
    default:   return _("an unknown type");
    }
}

/* Checks the magic number and reads the want_ndim dimensions; fails on a zero dimension. */
static gboolean
idx_read_header (IdxReader  *r,
                 guint       want_ndim,
                 guint32    *dims,
                 GError    **error)
{
  guchar head[4];
  guchar raw[4 * 3];

  g_assert (want_ndim <= 3);

  if (!idx_reader_read_exact (r, head, 4, 0, 4, _("the magic number"), error))
    return FALSE;
  if (head[0] != 0 || head[1] != 0)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("“%s” is not an IDX file: it starts with the bytes %02X %02X %02X %02X at "
                     "offset 0, where the IDX magic number 00 00 08 %02X (unsigned bytes in %u "
                     "dimensions) was expected"),
                   r->display, head[0], head[1], head[2], head[3], want_ndim, want_ndim);
      return FALSE;
    }
  if (head[2] != IDX_TYPE_U8)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("“%s” holds %s (data type 0x%02X at offset 2); only unsigned bytes (0x08) "
                     "are supported"),
                   r->display, idx_type_name (head[2]), head[2]);
      return FALSE;
    }
  if (head[3] != want_ndim)
    {
      if (want_ndim == 3)
        g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                     _("“%s” has %u dimensions (byte at offset 3), but IDX images have 3: the "
                       "count, the rows and the columns"),
                     r->display, head[3]);
      else
        g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                     _("“%s” has %u dimensions (byte at offset 3), but IDX labels have 1: the "
                       "count"),
                     r->display, head[3]);
      return FALSE;
    }
  if (!idx_reader_read_exact (r, raw, 4 * want_ndim, 4, 4 * want_ndim, _("the dimensions"),
                              error))
    return FALSE;
  for (guint i = 0; i < want_ndim; i++)
    {
      dims[i] = ((guint32) raw[4 * i] << 24) | ((guint32) raw[4 * i + 1] << 16) |
                ((guint32) raw[4 * i + 2] << 8) | raw[4 * i + 3];
      if (dims[i] == 0)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                       _("“%s” has an empty dimension: dimension %u at offset %u is 0"),
                       r->display, i + 1, 4 + 4 * i);
          return FALSE;
        }
    }
  return TRUE;
}

/* Before allocating: the data must fit in memory and, for raw files, in the file. */
static gboolean
idx_check_size (IdxReader   *r,
                guint64      n_bytes_ok,
                gboolean     overflow,
                const char  *what,
                guint64      data_bytes,
                GError     **error)
{
  if (overflow)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                   _("%s would need more than 16 EiB of memory"), what);
      return FALSE;
    }
  if (!lab_check_alloc (n_bytes_ok, what, error))
    return FALSE;
  /* Deflate expands at most 1032:1 (zlib's technical notes), so a small damaged .gz file
   * cannot make us allocate gigabytes only to find out that the data is missing. */
  if (r->gz && r->file_size < G_MAXUINT64 / 1032 && data_bytes > r->file_size * 1032)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("“%s” is truncated or corrupted: its header announces %llu bytes of data "
                     "from offset %llu (after decompression), more than its %llu compressed "
                     "bytes can hold"),
                   r->display, (unsigned long long) data_bytes, (unsigned long long) r->offset,
                   (unsigned long long) r->file_size);
      return FALSE;
    }
  if (!r->gz && r->file_size - r->offset < data_bytes)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("“%s” is truncated: %llu bytes of data were expected at offset %llu, but "
                     "only %llu bytes are there"),
                   r->display, (unsigned long long) data_bytes, (unsigned long long) r->offset,
                   (unsigned long long) (r->file_size - r->offset));
      return FALSE;
    }
  return TRUE;
}

LabDataset *
lab_dataset_load_idx (const char  *images_path,
                      const char  *labels_path,
                      GError     **error)
{
  g_autoptr(IdxReader) ri = NULL;
  g_autoptr(IdxReader) rl = NULL;
  g_autoptr(LabDataset) data = NULL;
  g_autofree guchar *buf = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *what = NULL;
  g_autofree char *what_labels = NULL;
  guint32 idims[3], ldims[1];
  guint64 pixels = 0, float_bytes = 0, done;
  gboolean overflow;
  LabShape shape;
  guint max_label = 0;

  g_return_val_if_fail (images_path != NULL, NULL);
  g_return_val_if_fail (labels_path != NULL, NULL);

  if (!(ri = idx_reader_open (images_path, error)) ||
      !idx_read_header (ri, 3, idims, error) ||
      !(rl = idx_reader_open (labels_path, error)) ||
      !idx_read_header (rl, 1, ldims, error))
    return NULL;

  if (idims[0] != ldims[0])
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("“%s” holds %u images but “%s” holds %u labels (the counts at offset 4): "
                     "the files do not belong together"),
                   ri->display, idims[0], rl->display, ldims[0]);
      return NULL;
    }

  overflow = !g_uint64_checked_mul (&pixels, idims[0], idims[1]) ||
             !g_uint64_checked_mul (&pixels, pixels, idims[2]) ||
             !g_uint64_checked_mul (&float_bytes, pixels, sizeof (float));
  what = g_strdup_printf (_("The %u images of %u×%u pixels in “%s” (dimensions at offset 4)"),
                          idims[0], idims[1], idims[2], ri->display);
  what_labels = g_strdup_printf (_("The %u labels in “%s”"), ldims[0], rl->display);
  if (!idx_check_size (ri, float_bytes, overflow, what, pixels, error) ||
      !idx_check_size (rl, (guint64) ldims[0] * sizeof (float), FALSE, what_labels, ldims[0],
                       error))
    return NULL;

  basename = g_path_get_basename (images_path);
  shape = lab_shape_make (3, 1, idims[1], idims[2]);
  data = lab_dataset_new (basename, idims[0], &shape, 1, 0, error);
  if (data == NULL)
    return NULL;

  buf = g_malloc (IDX_CHUNK);
  for (done = 0; done < pixels; )
    {
      gsize k = (gsize) MIN ((guint64) IDX_CHUNK, pixels - done);

      if (!idx_reader_read_exact (ri, buf, k, 16, pixels, _("the pixels"), error))
        return NULL;
      /* x: (n, 1, rows, cols), u8 pixels scaled to [0, 1] */
      for (gsize i = 0; i < k; i++)
        data->x[done + i] = buf[i] * (1.0f / 255.0f);
      done += k;
    }
  if (!idx_reader_expect_end (ri, error))
    return NULL;

  for (done = 0; done < ldims[0]; )
    {
      gsize k = (gsize) MIN ((guint64) IDX_CHUNK, ldims[0] - done);

      if (!idx_reader_read_exact (rl, buf, k, 8, ldims[0], _("the labels"), error))
        return NULL;
      for (gsize i = 0; i < k; i++)
        {
          data->y[done + i] = buf[i];
          max_label = MAX (max_label, buf[i]);
        }
      done += k;
    }
  if (!idx_reader_expect_end (rl, error))
    return NULL;

  /* u8 labels imply at most 256 classes, named by the caller if it knows them. */
  data->n_classes = max_label + 1;
  return g_steal_pointer (&data);
}

const char *
lab_dataset_fashion_mnist_dir (void)
{
  return "/usr/share/datasets/fashion-mnist";
}

/* base.gz, else the uncompressed base; NULL (with an error) when neither exists. */
static char *
find_idx_file (const char  *dir,
               const char  *base,
               GError     **error)
{
  g_autofree char *gz_name = g_strconcat (base, ".gz", NULL);
  g_autofree char *gz_path = g_build_filename (dir, gz_name, NULL);
  g_autofree char *raw_path = g_build_filename (dir, base, NULL);
  g_autofree char *display = NULL;

  if (g_file_test (gz_path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&gz_path);
  if (g_file_test (raw_path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&raw_path);

  display = g_filename_display_name (gz_path);
  g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
               _("Fashion-MNIST was not found: “%s” does not exist. Install the "
                 "dataset-fashion-mnist package or choose the folder that holds the IDX files."),
               display);
  return NULL;
}

LabDataset *
lab_dataset_load_fashion_mnist (const char  *dir,
                                gboolean     test,
                                GError     **error)
{
  static const char * const class_names[] = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot", NULL,
  };
  g_autoptr(LabDataset) data = NULL;
  g_autofree char *images = NULL;
  g_autofree char *labels = NULL;
  const char *prefix = test ? "t10k" : "train";
  g_autofree char *images_base = g_strdup_printf ("%s-images-idx3-ubyte", prefix);
  g_autofree char *labels_base = g_strdup_printf ("%s-labels-idx1-ubyte", prefix);
  guint n_names = G_N_ELEMENTS (class_names) - 1;

  if (dir == NULL)
    dir = lab_dataset_fashion_mnist_dir ();

  if (!(images = find_idx_file (dir, images_base, error)) ||
      !(labels = find_idx_file (dir, labels_base, error)) ||
      !(data = lab_dataset_load_idx (images, labels, error)))
    return NULL;

  if (data->n_classes > n_names)
    {
      g_autofree char *display = g_filename_display_name (labels);

      for (gsize i = 0; i < data->n; i++)
        if (data->y[i] >= n_names)
          {
            g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                         _("“%s” has the label %u at offset %zu, but Fashion-MNIST has only "
                           "the classes 0 to %u"),
                         display, (guint) data->y[i], 8 + i, n_names - 1);
            return NULL;
          }
    }

  data->n_classes = n_names;
  /* Names are data (projects and reports refer to them), so they stay untranslated. */
  data->class_names = g_strdupv ((char **) class_names);
  g_free (data->name);
  data->name = g_strdup (test ? "Fashion-MNIST (test)" : "Fashion-MNIST (train)");

  return g_steal_pointer (&data);
}

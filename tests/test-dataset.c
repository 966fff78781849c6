/* test-dataset.c: loaders, generators, splits and scaling, with every kind of bad input
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <zlib.h>

#include "lab-dataset.h"
#include "lab-error.h"
#include "lab-rng.h"

/* ---------------------------------------------------------------- helpers */

/* A path in the test's private directory (G_TEST_OPTION_ISOLATE_DIRS). */
static char *
test_path (const char *name)
{
  const char *dir = g_get_user_cache_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static char *
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

static char *
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
static GByteArray *
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
static GByteArray *
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

static char *
write_bytes (const char *name,
             GByteArray *b)
{
  return write_file (name, b->data, b->len);
}

/* The error has the code and its message names the file and each of the places. */
static void
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

/* Five 3×4 images with pixel p = 17·i + 3·j (mod 256) and labels 0..3. */
#define IMG_N 5
#define IMG_R 3
#define IMG_C 4
#define IMG_BYTES (IMG_N * IMG_R * IMG_C)

static void
sample_images (GByteArray **images,
               GByteArray **labels)
{
  static const guint32 idims[3] = { IMG_N, IMG_R, IMG_C };
  static const guint32 ldims[1] = { IMG_N };
  guint8 pixels[IMG_BYTES];
  guint8 y[IMG_N] = { 3, 0, 1, 2, 1 };

  for (guint i = 0; i < IMG_BYTES; i++)
    pixels[i] = (guint8) (17 * i + 3 * (i % IMG_C) + (i == 7 ? 255 : 0));
  pixels[0] = 255;
  *images = make_idx (0x08, 3, idims, pixels, IMG_BYTES);
  *labels = make_idx (0x08, 1, ldims, y, IMG_N);
}

static void
check_sample_dataset (const LabDataset *data,
                      GByteArray       *images,
                      GByteArray       *labels)
{
  g_assert_nonnull (data);
  g_assert_cmpuint (data->n, ==, IMG_N);
  g_assert_cmpuint (data->x_shape.ndim, ==, 3);
  g_assert_cmpuint (data->x_shape.dims[0], ==, 1);
  g_assert_cmpuint (data->x_shape.dims[1], ==, IMG_R);
  g_assert_cmpuint (data->x_shape.dims[2], ==, IMG_C);
  g_assert_cmpuint (data->x_dim, ==, IMG_R * IMG_C);
  g_assert_cmpuint (data->y_dim, ==, 1);
  g_assert_cmpuint (data->n_classes, ==, 4);
  for (guint i = 0; i < IMG_BYTES; i++)
    g_assert_cmpfloat_with_epsilon (data->x[i], images->data[16 + i] / 255.0f, 1e-7);
  for (guint i = 0; i < IMG_N; i++)
    g_assert_cmpfloat (data->y[i], ==, labels->data[8 + i]);
}

/* ---------------------------------------------------------------- IDX */

static void
test_idx_roundtrip (void)
{
  g_autoptr(GByteArray) images = NULL;
  g_autoptr(GByteArray) labels = NULL;
  g_autoptr(GByteArray) gz_images = NULL;
  g_autoptr(GByteArray) gz_labels = NULL;
  g_autoptr(GByteArray) two_members = NULL;
  g_autoptr(GByteArray) part2 = NULL;
  g_autofree char *pi = NULL, *pl = NULL, *gi = NULL, *gl = NULL, *cat = NULL;
  g_autoptr(GError) error = NULL;
  LabDataset *data;

  sample_images (&images, &labels);
  gz_images = gzip_bytes (images->data, images->len);
  gz_labels = gzip_bytes (labels->data, labels->len);
  pi = write_bytes ("images.idx", images);
  pl = write_bytes ("labels.idx", labels);
  gi = write_bytes ("images.idx.gz", gz_images);
  gl = write_bytes ("labels.idx.gz", gz_labels);

  data = lab_dataset_load_idx (pi, pl, &error);
  g_assert_no_error (error);
  check_sample_dataset (data, images, labels);
  g_assert_cmpstr (data->name, ==, "images.idx");
  lab_dataset_free (data);

  data = lab_dataset_load_idx (gi, gl, &error);
  g_assert_no_error (error);
  check_sample_dataset (data, images, labels);
  lab_dataset_free (data);

  data = lab_dataset_load_idx (gi, pl, &error);
  g_assert_no_error (error);
  check_sample_dataset (data, images, labels);
  lab_dataset_free (data);

  /* `cat a.gz b.gz` is a valid gzip file holding both parts. */
  two_members = gzip_bytes (images->data, 30);
  part2 = gzip_bytes (images->data + 30, images->len - 30);
  g_byte_array_append (two_members, part2->data, part2->len);
  cat = write_bytes ("two-members.gz", two_members);
  data = lab_dataset_load_idx (cat, pl, &error);
  g_assert_no_error (error);
  check_sample_dataset (data, images, labels);
  lab_dataset_free (data);
}

static void
test_idx_label_range (void)
{
  static const guint32 dims1[1] = { 2 };
  static const guint32 dims3[3] = { 2, 1, 1 };
  guint8 px[2] = { 0, 255 };
  guint8 y[2] = { 255, 0 };
  g_autoptr(GByteArray) images = make_idx (0x08, 3, dims3, px, 2);
  g_autoptr(GByteArray) labels = make_idx (0x08, 1, dims1, y, 2);
  g_autofree char *pi = write_bytes ("i.idx", images);
  g_autofree char *pl = write_bytes ("l.idx", labels);
  g_autoptr(GError) error = NULL;
  g_autoptr(LabDataset) data = lab_dataset_load_idx (pi, pl, &error);

  /* A u8 label cannot exceed 255, so at most 256 classes, which is allowed. */
  g_assert_no_error (error);
  g_assert_cmpuint (data->n_classes, ==, 256);
  g_assert_cmpfloat (data->y[0], ==, 255);
  g_assert_cmpfloat (data->x[1], ==, 1.0f);
}

/* Loads images_bytes against the good labels, or good images against labels_bytes. */
static GError *
load_bad (GByteArray *images_bytes,
          GByteArray *labels_bytes,
          char      **bad_path)
{
  g_autoptr(GByteArray) images = NULL;
  g_autoptr(GByteArray) labels = NULL;
  g_autofree char *pi = NULL;
  g_autofree char *pl = NULL;
  GError *error = NULL;
  LabDataset *data;

  sample_images (&images, &labels);
  pi = write_bytes ("bad-images.idx", images_bytes ? images_bytes : images);
  pl = write_bytes ("bad-labels.idx", labels_bytes ? labels_bytes : labels);
  data = lab_dataset_load_idx (pi, pl, &error);
  g_assert_null (data);
  g_assert_nonnull (error);
  *bad_path = g_strdup (images_bytes ? pi : pl);
  return error;
}

static void
test_idx_bad_header (void)
{
  static const guint32 dims3[3] = { IMG_N, IMG_R, IMG_C };
  static const guint32 dims2[2] = { IMG_N, IMG_R * IMG_C };
  static const guint32 zero[3] = { IMG_N, 0, IMG_C };
  guint8 zeros[IMG_BYTES] = { 0 };
  const guint8 zip[] = { 'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
  g_autoptr(GByteArray) magic = g_byte_array_new ();
  g_autoptr(GByteArray) type = make_idx (0x0D, 3, dims3, zeros, IMG_BYTES);
  g_autoptr(GByteArray) ndim = make_idx (0x08, 2, dims2, zeros, IMG_BYTES);
  g_autoptr(GByteArray) label_ndim = make_idx (0x08, 3, dims3, zeros, IMG_BYTES);
  g_autoptr(GByteArray) empty_dim = make_idx (0x08, 3, zero, NULL, 0);
  g_autoptr(GByteArray) short_header = make_idx (0x08, 3, dims3, NULL, 0);
  GError *error;
  char *path;

  g_byte_array_append (magic, zip, sizeof zip);
  error = load_bad (magic, NULL, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "offset 0", "50 4B 03 04", "00 00 08 03",
                      NULL);
  g_clear_error (&error);
  g_free (path);

  error = load_bad (type, NULL, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "offset 2", "0x0D", "32-bit floats", NULL);
  g_clear_error (&error);
  g_free (path);

  error = load_bad (ndim, NULL, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "offset 3", "2 dimensions", NULL);
  g_clear_error (&error);
  g_free (path);

  error = load_bad (NULL, label_ndim, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "offset 3", "3 dimensions", NULL);
  g_clear_error (&error);
  g_free (path);

  error = load_bad (empty_dim, NULL, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "offset 8", "empty dimension", NULL);
  g_clear_error (&error);
  g_free (path);

  /* The dimensions themselves cut short: 3 of 12 bytes. */
  g_byte_array_set_size (short_header, 7);
  error = load_bad (short_header, NULL, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "truncated", "12 bytes from offset 4",
                      "only 3 bytes", NULL);
  g_clear_error (&error);
  g_free (path);

  g_byte_array_set_size (short_header, 2);
  error = load_bad (short_header, NULL, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "truncated", "offset 0", NULL);
  g_clear_error (&error);
  g_free (path);
}

static void
test_idx_truncated_and_trailing (void)
{
  g_autoptr(GByteArray) images = NULL;
  g_autoptr(GByteArray) labels = NULL;
  g_autoptr(GByteArray) gz = NULL;
  g_autoptr(GByteArray) gz_cut = NULL;
  guint8 garbage[7] = { 1, 2, 3, 4, 5, 6, 7 };
  GError *error;
  char *path;

  sample_images (&images, &labels);

  /* 30 of the 60 pixel bytes, raw and gzip-compressed */
  g_byte_array_set_size (images, 16 + 30);
  error = load_bad (images, NULL, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "truncated", "60 bytes",
                      "offset 16", "only 30 bytes", NULL);
  g_clear_error (&error);
  g_free (path);

  gz = gzip_bytes (images->data, images->len);
  error = load_bad (gz, NULL, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "truncated", "60 bytes from offset 16",
                      "only 30 bytes", "decompression", NULL);
  g_clear_error (&error);
  g_free (path);

  /* labels: 5 expected at offset 8, 2 there */
  g_byte_array_set_size (labels, 8 + 2);
  error = load_bad (NULL, labels, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "truncated", "5 bytes", "offset 8",
                      "only 2 bytes", NULL);
  g_clear_error (&error);
  g_free (path);
  g_clear_pointer (&images, g_byte_array_unref);
  g_clear_pointer (&labels, g_byte_array_unref);
  g_clear_pointer (&gz, g_byte_array_unref);

  /* Seven bytes more than the header announces. */
  sample_images (&images, &labels);
  g_byte_array_append (images, garbage, sizeof garbage);
  error = load_bad (images, NULL, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "7 unexpected bytes", "offset 76", NULL);
  g_clear_error (&error);
  g_free (path);

  gz = gzip_bytes (images->data, images->len);
  error = load_bad (gz, NULL, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "unexpected data", "offset 76", NULL);
  g_clear_error (&error);
  g_free (path);

  /* A small .gz file whose header claims 10⁹ pixels (4 GB as floats, which would fit in
   * memory) is refused before anything is allocated: deflate cannot expand 1032:1 or more. */
  {
    static const guint32 dims[3] = { 1000, 1000, 1000 };
    g_autofree guint8 *zeros = g_malloc0 (1000);
    g_autoptr(GByteArray) liar = make_idx (0x08, 3, dims, garbage, sizeof garbage);
    g_autoptr(GByteArray) liar_labels = make_idx (0x08, 1, dims, zeros, 1000);
    g_autofree char *pl = write_bytes ("liar-labels.idx", liar_labels);
    g_autofree char *pi = NULL;

    g_clear_pointer (&gz, g_byte_array_unref);
    gz = gzip_bytes (liar->data, liar->len);
    pi = write_bytes ("liar-images.idx.gz", gz);
    g_assert_null (lab_dataset_load_idx (pi, pl, &error));
    assert_error_names (error, LAB_ERROR_DATASET, pi, "truncated or corrupted",
                        "1000000000 bytes", "offset 16", NULL);
    g_clear_error (&error);
  }

  /* A gzip stream cut in the middle: its content is incomplete and its CRC unchecked. */
  g_clear_pointer (&gz, g_byte_array_unref);
  g_byte_array_set_size (images, images->len - sizeof garbage);
  gz = gzip_bytes (images->data, images->len);
  gz_cut = g_byte_array_sized_new (gz->len);
  g_byte_array_append (gz_cut, gz->data, gz->len - 12);
  error = load_bad (gz_cut, NULL, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "truncated", "gzip", "offset", NULL);
  g_clear_error (&error);
  g_free (path);
}

static void
test_idx_corrupted_gzip (void)
{
  g_autoptr(GByteArray) images = NULL;
  g_autoptr(GByteArray) labels = NULL;
  g_autoptr(GByteArray) gz = NULL;
  GError *error;
  char *path;

  sample_images (&images, &labels);

  /* Damaged deflate data: inflate rejects it or the CRC-32 at the end does not match. */
  for (guint where = 0; where < 3; where++)
    {
      gz = gzip_bytes (images->data, images->len);
      if (where == 0)
        gz->data[12] ^= 0xff;                 /* first bytes of the deflate stream */
      else if (where == 1)
        gz->data[gz->len / 2] ^= 0x55;        /* the middle */
      else
        gz->data[gz->len - 6] ^= 0x01;        /* the CRC-32 in the trailer */
      error = load_bad (gz, NULL, &path);
      assert_error_names (error, LAB_ERROR_DATASET, path, "offset", NULL);
      g_assert_true (strstr (error->message, "corrupted") != NULL ||
                     strstr (error->message, "truncated") != NULL ||
                     strstr (error->message, "unexpected data") != NULL);
      g_clear_error (&error);
      g_free (path);
      g_clear_pointer (&gz, g_byte_array_unref);
    }

  /* Garbage after the gzip member is not a second member. */
  gz = gzip_bytes (images->data, images->len);
  g_byte_array_append (gz, (const guint8 *) "garbage!", 8);
  error = load_bad (gz, NULL, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "corrupted", "compressed byte", NULL);
  g_clear_error (&error);
  g_free (path);
}

static void
test_idx_mismatch_and_too_large (void)
{
  static const guint32 four[1] = { 4 };
  static const guint32 huge[3] = { 100000, 10000, 10000 };
  static const guint32 overflow[3] = { 0xffffffff, 0xffff, 0xffff };
  guint8 y[4] = { 0, 1, 2, 3 };
  g_autoptr(GByteArray) labels4 = make_idx (0x08, 1, four, y, 4);
  g_autoptr(GByteArray) big = make_idx (0x08, 3, huge, NULL, 0);
  g_autoptr(GByteArray) bigger = make_idx (0x08, 3, overflow, NULL, 0);
  g_autoptr(GByteArray) big_labels = NULL;
  g_autoptr(GByteArray) bigger_labels = NULL;
  g_autofree char *pi = NULL, *pl = NULL;
  GError *error = NULL;
  char *path;

  error = load_bad (NULL, labels4, &path);
  assert_error_names (error, LAB_ERROR_DATASET, path, "5 images", "4 labels", "offset 4",
                      "bad-images.idx", NULL);
  g_clear_error (&error);
  g_free (path);

  /* 10¹³ pixels (40 TB as floats) and 2⁶⁴ bytes: refused before allocating. */
  big_labels = make_idx (0x08, 1, huge, NULL, 0);
  pi = write_bytes ("huge-images.idx", big);
  pl = write_bytes ("huge-labels.idx", big_labels);
  g_assert_null (lab_dataset_load_idx (pi, pl, &error));
  assert_error_names (error, LAB_ERROR_TOO_LARGE, pi, "offset 4", "100000 images", NULL);
  g_clear_error (&error);
  g_free (pi);
  g_free (pl);

  bigger_labels = make_idx (0x08, 1, overflow, NULL, 0);
  pi = write_bytes ("huger-images.idx.gz", bigger);
  pl = write_bytes ("huger-labels.idx", bigger_labels);
  g_assert_null (lab_dataset_load_idx (pi, pl, &error));
  assert_error_names (error, LAB_ERROR_TOO_LARGE, pi, "offset 4", "16 EiB", NULL);
  g_clear_error (&error);

  g_assert_null (lab_dataset_load_idx ("/nonexistent/x.idx", pl, &error));
  assert_error_names (error, LAB_ERROR_DATASET, "/nonexistent/x.idx", NULL);
  g_clear_error (&error);
}

static void
test_fashion_mnist_fake (void)
{
  static const guint32 idims[3] = { 3, 2, 2 };
  static const guint32 ldims[1] = { 3 };
  guint8 px[12] = { 0 };
  guint8 good[3] = { 9, 0, 4 };
  guint8 bad[3] = { 1, 12, 0 };
  g_autoptr(GByteArray) images = make_idx (0x08, 3, idims, px, 12);
  g_autoptr(GByteArray) labels = make_idx (0x08, 1, ldims, good, 3);
  g_autoptr(GByteArray) bad_labels = make_idx (0x08, 1, ldims, bad, 3);
  g_autoptr(GByteArray) gz = gzip_bytes (images->data, images->len);
  g_autofree char *dir = test_path ("fmnist");
  g_autofree char *pi = NULL, *pl = NULL, *bl = NULL;
  g_autoptr(GError) error = NULL;
  LabDataset *data;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  pi = write_bytes ("fmnist/t10k-images-idx3-ubyte.gz", gz);
  pl = write_bytes ("fmnist/t10k-labels-idx1-ubyte", labels);

  data = lab_dataset_load_fashion_mnist (dir, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->n, ==, 3);
  g_assert_cmpuint (data->n_classes, ==, 10);
  g_assert_cmpstr (data->class_names[0], ==, "T-shirt/top");
  g_assert_cmpstr (data->class_names[9], ==, "Ankle boot");
  g_assert_null (data->class_names[10]);
  g_assert_cmpstr (data->name, ==, "Fashion-MNIST (test)");
  lab_dataset_free (data);

  bl = write_bytes ("fmnist/t10k-labels-idx1-ubyte", bad_labels);
  g_assert_null (lab_dataset_load_fashion_mnist (dir, TRUE, &error));
  assert_error_names (error, LAB_ERROR_DATASET, bl, "label 12", "offset 9", NULL);
  g_clear_error (&error);

  g_assert_null (lab_dataset_load_fashion_mnist (dir, FALSE, &error));
  assert_error_names (error, LAB_ERROR_DATASET, "train-images-idx3-ubyte.gz", NULL);
}

static void
test_fashion_mnist_real (void)
{
  static const char * const names[] = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
  };
  const char *dir = lab_dataset_fashion_mnist_dir ();
  g_autofree char *probe = g_build_filename (dir, "train-images-idx3-ubyte.gz", NULL);

  if (!g_file_test (probe, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("Fashion-MNIST is not installed in /usr/share/datasets/fashion-mnist "
                   "(Debian package dataset-fashion-mnist)");
      return;
    }

  for (guint t = 0; t < 2; t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LabDataset) data = lab_dataset_load_fashion_mnist (NULL, t == 1, &error);
      gsize expected = t ? 10000 : 60000;
      gsize counts[10];
      float lo = 1, hi = 0;

      g_assert_no_error (error);
      g_assert_cmpuint (data->n, ==, expected);
      g_assert_cmpuint (data->x_shape.ndim, ==, 3);
      g_assert_cmpuint (data->x_shape.dims[0], ==, 1);
      g_assert_cmpuint (data->x_shape.dims[1], ==, 28);
      g_assert_cmpuint (data->x_shape.dims[2], ==, 28);
      g_assert_cmpuint (data->x_dim, ==, 784);
      g_assert_cmpuint (data->n_classes, ==, 10);
      for (gsize i = 0; i < data->n * data->x_dim; i++)
        {
          lo = MIN (lo, data->x[i]);
          hi = MAX (hi, data->x[i]);
        }
      g_assert_cmpfloat (lo, ==, 0.0f);
      g_assert_cmpfloat (hi, ==, 1.0f);
      for (gsize i = 0; i < data->n; i++)
        g_assert_true (data->y[i] >= 0 && data->y[i] <= 9 && data->y[i] == floorf (data->y[i]));
      lab_dataset_class_counts (data, counts);
      for (guint c = 0; c < 10; c++)
        {
          g_assert_cmpuint (counts[c], ==, expected / 10);
          g_assert_cmpstr (data->class_names[c], ==, names[c]);
        }
    }
}

/* ---------------------------------------------------------------- CSV */

static LabDataset *
load_csv_text (const char  *text,
               const char  *label,
               gboolean     classification,
               char       **path_out,
               GError     **error)
{
  g_autofree char *path = write_text ("data.csv", text);
  LabDataset *data = lab_dataset_load_csv (path, label, classification, error);

  if (path_out)
    *path_out = g_steal_pointer (&path);
  return data;
}

static void
test_csv_numeric_labels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabDataset) data =
    load_csv_text ("a,b,label\n1,2,10\n3, 4.5 ,2\n5,-6e-1,1.0\n7,8,1\n", "label", TRUE, NULL,
                   &error);

  g_assert_no_error (error);
  g_assert_cmpuint (data->n, ==, 4);
  g_assert_cmpuint (data->x_dim, ==, 2);
  g_assert_cmpuint (data->x_shape.ndim, ==, 1);
  g_assert_cmpstr (data->name, ==, "data.csv");
  g_assert_cmpstr (data->feature_names[0], ==, "a");
  g_assert_cmpstr (data->feature_names[1], ==, "b");
  g_assert_null (data->feature_names[2]);
  g_assert_cmpfloat (data->x[3], ==, 4.5f);
  g_assert_cmpfloat (data->x[5], ==, -0.6f);
  /* Numbers sort by value and "1.0" is the same class as "1": 1 < 2 < 10. */
  g_assert_cmpuint (data->n_classes, ==, 3);
  g_assert_cmpstr (data->class_names[0], ==, "1.0");
  g_assert_cmpstr (data->class_names[1], ==, "2");
  g_assert_cmpstr (data->class_names[2], ==, "10");
  g_assert_cmpfloat (data->y[0], ==, 2);
  g_assert_cmpfloat (data->y[1], ==, 1);
  g_assert_cmpfloat (data->y[2], ==, 0);
  g_assert_cmpfloat (data->y[3], ==, 0);
}

static void
test_csv_string_labels (void)
{
  /* BOM, CRLF, quoted fields with commas, "" and a line break, label in the middle, no final
   * newline. */
  const char *text =
    "\xEF\xBB\xBF" "\"width, mm\",species,\"say \"\"hi\"\"\"\r\n"
    "1.5,\"virginica, var. b\",2\r\n"
    "\r\n"
    "2.5,setosa,\"3\"\r\n"
    "3.5,\"set\nosa\",4\r\n"
    "4.5,setosa,5";
  g_autoptr(GError) error = NULL;
  g_autoptr(LabDataset) data = load_csv_text (text, "species", TRUE, NULL, &error);
  gsize counts[3];

  g_assert_no_error (error);
  g_assert_cmpuint (data->n, ==, 4);
  g_assert_cmpuint (data->x_dim, ==, 2);
  g_assert_cmpstr (data->feature_names[0], ==, "width, mm");
  g_assert_cmpstr (data->feature_names[1], ==, "say \"hi\"");
  g_assert_cmpuint (data->n_classes, ==, 3);
  g_assert_cmpstr (data->class_names[0], ==, "set\nosa");
  g_assert_cmpstr (data->class_names[1], ==, "setosa");
  g_assert_cmpstr (data->class_names[2], ==, "virginica, var. b");
  g_assert_cmpfloat (data->y[0], ==, 2);
  g_assert_cmpfloat (data->y[1], ==, 1);
  g_assert_cmpfloat (data->y[2], ==, 0);
  g_assert_cmpfloat (data->x[0], ==, 1.5f);
  g_assert_cmpfloat (data->x[1], ==, 2.0f);
  g_assert_cmpfloat (data->x[7], ==, 5.0f);
  lab_dataset_class_counts (data, counts);
  g_assert_cmpuint (counts[0], ==, 1);
  g_assert_cmpuint (counts[1], ==, 2);
  g_assert_cmpuint (counts[2], ==, 1);
}

static void
test_csv_regression (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabDataset) data = load_csv_text ("price,x1,x2\n1.25,1,2\n-3e2,3,4\n", NULL, FALSE,
                                              NULL, &error);

  g_assert_no_error (error);
  g_clear_pointer (&data, lab_dataset_free);

  /* NULL picks the last column; here the target is named. */
  data = load_csv_text ("price,x1,x2\n1.25,1,2\n-3e2,3,4\n", "price", FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->n_classes, ==, 0);
  g_assert_null (data->class_names);
  g_assert_cmpuint (data->x_dim, ==, 2);
  g_assert_cmpfloat (data->y[0], ==, 1.25f);
  g_assert_cmpfloat (data->y[1], ==, -300.0f);
  g_assert_cmpfloat (data->x[2], ==, 3.0f);
  g_assert_cmpstr (data->feature_names[0], ==, "x1");
}

typedef struct
{
  const char *text;
  const char *label;
  gboolean    classification;
  const char *places[3];
  gsize       len;        /* 0: strlen (text) */
} BadCsv;

static void
test_csv_bad (void)
{
  static const BadCsv cases[] = {
    { "", "y", TRUE, { "empty", "line 1" } },
    { "\xEF\xBB\xBF\n\n", "y", TRUE, { "empty", "line 1" } },
    { "a,b,y\n", "y", TRUE, { "no samples", "line 1" } },
    { "a,b,y\r\n\r\n", "y", TRUE, { "no samples", "line 1" } },
    { "1,2,3\n4,5,6\n", "y", TRUE, { "Line 1", "header" } },
    { "a,b,c\n1,2,3\n", "label", TRUE, { "line 1", "“label”", "“a”, “b”, “c”" } },
    { "a,b,y\n1,2,0\n3,4\n", "y", TRUE, { "Line 3", "2 columns", "has 3" } },
    { "a,b,y\n1,2,0\n3,4,1,5\n", "y", TRUE, { "Line 3", "4 columns" } },
    { "a,b,y\n1,abc,0\n", "y", TRUE, { "Line 2", "column “b”", "“abc”" } },
    { "a,b,y\n1,2,0\n\n3,x,1\n", "y", TRUE, { "Line 4", "column “b”", "“x”" } },
    { "a,b,y\r\n1,2,0\r\n3,NA,1\r\n", "y", TRUE, { "Line 3", "column “b”", "“NA”" } },
    { "a,\"b\nc\",y\n1,2,0\n3,?,1\n", "y", TRUE, { "Line 4", "“?”" } },
    { "a,b,y\n1,,0\n", "y", TRUE, { "Line 2", "column “b”", "empty" } },
    { "a,b,y\n1,2,\n", "y", TRUE, { "Line 2", "column “y”", "empty" } },
    { "a,b,y\n1,2,0\n1,2,0\n4,nan,1\n", "y", TRUE, { "Line 4", "column “b”", "“nan”" } },
    { "a,b,y\n1,-inf,0\n", "y", FALSE, { "Line 2", "column “b”", "“-inf”" } },
    { "a,b,y\n1,1e39,0\n", "y", FALSE, { "Line 2", "column “b”", "“1e39”" } },
    { "a,b,y\n1,2,0\n1,2,NaN\n", "y", TRUE, { "Line 3", "column “y”", "“NaN”" } },
    { "a,b,y\n1,2,0\n1,2,cat\n", "y", FALSE, { "Line 3", "column “y”", "“cat”" } },
    { "a,b,y\n1,\"2,0\n", "y", TRUE, { "Line 2", "never closed" } },
    { "a,b,y\n1,\"2\"x,0\n", "y", TRUE, { "Line 2", "field 2" } },
    { "a,a,y\n1,2,0\n", "y", TRUE, { "Line 1", "“a” appears twice" } },
    { "y\n1\n", "y", TRUE, { "line 1", "only the column" } },
    { "a,b,y\n1,2\x00,0\n", "y", TRUE, { "offset 9", "zero byte" }, 13 },
    { "a,b,y\n1,\xff,0\n", "y", TRUE, { "offset 8", "UTF-8" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize len = cases[i].len ? cases[i].len : strlen (cases[i].text);
      g_autofree char *file = write_file ("bad.csv", cases[i].text, len);
      LabDataset *data = lab_dataset_load_csv (file, cases[i].label, cases[i].classification,
                                               &error);

      g_test_message ("case %u", i);
      g_assert_null (data);
      assert_error_names (error, LAB_ERROR_DATASET, file,
                          cases[i].places[0], cases[i].places[1], cases[i].places[2], NULL);
    }
}

static void
test_csv_too_many_classes (void)
{
  g_autoptr(GString) text = g_string_new ("x,id\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  for (guint i = 0; i < 1001; i++)
    g_string_append_printf (text, "%u,sample-%04u\n", i, i);
  g_assert_null (load_csv_text (text->str, "id", TRUE, &path, &error));
  assert_error_names (error, LAB_ERROR_DATASET, path, "“id”", "1001 distinct values", NULL);
  g_clear_error (&error);

  g_assert_null (lab_dataset_load_csv ("/nonexistent/data.csv", "y", TRUE, &error));
  assert_error_names (error, LAB_ERROR_DATASET, "data.csv", NULL);
}

/* ---------------------------------------------------------------- synthetic */

static void
test_synthetic_shapes (void)
{
  for (guint kind = 0; kind < LAB_SYNTHETIC_N_KINDS; kind++)
    {
      guint K = kind == LAB_SYNTHETIC_SPIRALS ? 3 : kind == LAB_SYNTHETIC_BLOBS ? 7 : 2;
      g_autoptr(GError) error = NULL;
      g_autoptr(LabDataset) a = lab_dataset_synthetic (kind, 1001, 0.1, K, 42, &error);
      g_autoptr(LabDataset) b = lab_dataset_synthetic (kind, 1001, 0.1, K, 42, &error);
      g_autoptr(LabDataset) c = lab_dataset_synthetic (kind, 1001, 0.1, K, 43, &error);
      g_autoptr(LabDataset) clean = lab_dataset_synthetic (kind, 1001, 0.0, K, 42, &error);
      g_autoptr(LabDataset) clean2 = lab_dataset_synthetic (kind, 1001, 0.0, K, 42, &error);
      LabSyntheticKind parsed;
      gsize counts[10];
      float noisy_max = 0;

      g_assert_no_error (error);
      g_test_message ("%s", lab_synthetic_kind_to_string (kind));
      g_assert_cmpstr (a->name, ==, lab_synthetic_kind_to_string (kind));
      g_assert_true (lab_synthetic_kind_from_string (lab_synthetic_kind_to_string (kind), &parsed));
      g_assert_cmpint (parsed, ==, kind);
      g_assert_cmpuint (a->n, ==, 1001);
      g_assert_cmpuint (a->x_dim, ==, 2);
      g_assert_cmpuint (a->y_dim, ==, 1);
      g_assert_cmpuint (a->n_classes, ==, K);
      g_assert_nonnull (a->class_names);
      g_assert_cmpuint (g_strv_length (a->class_names), ==, K);

      lab_dataset_class_counts (a, counts);
      for (guint k = 0; k < K; k++)
        g_assert_cmpuint (counts[k], >=, 1001 / K);
      for (guint k = 0; k < K; k++)
        g_assert_cmpuint (counts[k], <=, 1001 / K + 1);

      /* Same seed, same data; another seed, other data, with and without noise. */
      g_assert_cmpmem (a->x, 2 * 1001 * sizeof (float), b->x, 2 * 1001 * sizeof (float));
      g_assert_cmpmem (a->y, 1001 * sizeof (float), b->y, 1001 * sizeof (float));
      g_assert_cmpmem (clean->x, 2 * 1001 * sizeof (float), clean2->x, 2 * 1001 * sizeof (float));
      g_assert_true (memcmp (a->x, c->x, 2 * 1001 * sizeof (float)) != 0);
      g_assert_true (memcmp (a->x, clean->x, 2 * 1001 * sizeof (float)) != 0);

      /* Without noise every point is inside [−1, 1]²; with σ = 0.1 within about 6 σ more. */
      for (gsize i = 0; i < 2 * 1001; i++)
        {
          g_assert_cmpfloat (fabsf (clean->x[i]), <=, 1.0f);
          noisy_max = MAX (noisy_max, fabsf (a->x[i]));
        }
      g_assert_cmpfloat (noisy_max, <=, 1.6f);
      g_assert_cmpfloat (noisy_max, >, 0.5f);
    }
  {
    LabSyntheticKind parsed;

    g_assert_false (lab_synthetic_kind_from_string ("swirls", &parsed));
    g_assert_true (lab_synthetic_kind_from_string ("XOR", &parsed));
    g_assert_cmpint (parsed, ==, LAB_SYNTHETIC_XOR);
  }
}

/* Noise 0 leaves each point exactly on its shape; noise moves some across. */
static void
test_synthetic_geometry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabDataset) circles = lab_dataset_synthetic (LAB_SYNTHETIC_CIRCLES, 500, 0, 2, 1,
                                                         &error);
  g_autoptr(LabDataset) noisy = lab_dataset_synthetic (LAB_SYNTHETIC_CIRCLES, 500, 0.2, 2, 1,
                                                       &error);
  g_autoptr(LabDataset) xor = lab_dataset_synthetic (LAB_SYNTHETIC_XOR, 500, 0, 2, 1, &error);
  g_autoptr(LabDataset) spirals = lab_dataset_synthetic (LAB_SYNTHETIC_SPIRALS, 500, 0, 4, 1,
                                                         &error);
  guint outside = 0;

  g_assert_no_error (error);
  for (gsize i = 0; i < 500; i++)
    {
      float r = hypotf (circles->x[2 * i], circles->x[2 * i + 1]);
      float rn = hypotf (noisy->x[2 * i], noisy->x[2 * i + 1]);
      float xy = xor->x[2 * i] * xor->x[2 * i + 1];
      /* spirals: r = 0.2 + 0.8 s, θ = 2πk/K + 2π (1.5/K) s */
      float rs = hypotf (spirals->x[2 * i], spirals->x[2 * i + 1]);
      double s = (rs - 0.2) / 0.8;
      double k = spirals->y[i];
      double t = 2 * G_PI * k / 4 + 2 * G_PI * (1.5 / 4) * s;
      double dx = rs * cos (t) - spirals->x[2 * i];
      double dy = rs * sin (t) - spirals->x[2 * i + 1];

      if (circles->y[i] == 0)
        g_assert_cmpfloat (r, <=, 0.5f + 1e-6f);
      else
        g_assert_true (r >= 0.7f - 1e-6f && r <= 1.0f + 1e-6f);
      if ((noisy->y[i] == 0 && rn > 0.6f) || (noisy->y[i] == 1 && rn < 0.6f))
        outside++;
      g_assert_true (xor->y[i] == 1 ? xy > 0 : xy < 0);
      g_assert_true (rs >= 0.2f - 1e-6f && rs <= 1.0f + 1e-6f);
      g_assert_cmpfloat (hypot (dx, dy), <, 1e-4);
    }
  g_assert_cmpuint (outside, >, 0);
}

static void
test_synthetic_bad (void)
{
  static const struct { LabSyntheticKind kind; gsize n; double noise; guint K; const char *p; }
  cases[] = {
    { LAB_SYNTHETIC_SPIRALS, 0, 0.1, 2, "0" },
    { LAB_SYNTHETIC_SPIRALS, 10, 0.1, 1, "2 to 10" },
    { LAB_SYNTHETIC_SPIRALS, 10, 0.1, 11, "not 11" },
    { LAB_SYNTHETIC_BLOBS, 10, 0.1, 0, "not 0" },
    { LAB_SYNTHETIC_CIRCLES, 10, 0.1, 3, "exactly 2" },
    { LAB_SYNTHETIC_XOR, 10, 0.1, 4, "exactly 2" },
    { LAB_SYNTHETIC_MOONS, 10, 0.1, 1, "exactly 2" },
    { LAB_SYNTHETIC_MOONS, 10, -0.1, 2, "-0.1" },
    { LAB_SYNTHETIC_CIRCLES, 10, NAN, 2, "nan" },
    { LAB_SYNTHETIC_XOR, 10, INFINITY, 2, "inf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (lab_dataset_synthetic (cases[i].kind, cases[i].n, cases[i].noise, cases[i].K,
                                            1, &error));
      assert_error_names (error, LAB_ERROR_DATASET, NULL,
                          lab_synthetic_kind_to_string (cases[i].kind), cases[i].p, NULL);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (lab_dataset_synthetic (LAB_SYNTHETIC_BLOBS, G_MAXSIZE / 4, 0.1, 3, 1,
                                          &error));
    g_assert_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE);
  }
}

/* A 2-H-H-K tanh MLP with softmax cross-entropy and Adam, trained on train, scored on val. */
static double
mlp_accuracy (const LabDataset *train,
              const LabDataset *val,
              guint             H,
              guint             epochs)
{
  const guint K = train->n_classes, B = 32;
  const guint sizes[4] = { 2, H, H, K };
  g_autofree float *w = NULL, *g = NULL, *m = NULL, *v = NULL, *act = NULL, *del = NULL;
  gsize off_w[3], off_b[3], n_par = 0;
  g_autofree guint32 *order = g_new (guint32, train->n);
  guint correct = 0, step = 0;
  LabRng rng;

  for (guint l = 0; l < 3; l++)
    {
      off_w[l] = n_par;
      n_par += sizes[l] * sizes[l + 1];
      off_b[l] = n_par;
      n_par += sizes[l + 1];
    }
  w = g_new0 (float, n_par);
  g = g_new0 (float, n_par);
  m = g_new0 (float, n_par);
  v = g_new0 (float, n_par);
  act = g_new0 (float, 4 * (gsize) MAX (H, K));   /* activations of layers 0..3 */
  del = g_new0 (float, 4 * (gsize) MAX (H, K));
  lab_rng_init (&rng, 7);
  for (guint l = 0; l < 3; l++)
    for (guint i = 0; i < sizes[l] * sizes[l + 1]; i++)
      w[off_w[l] + i] = lab_rng_normal (&rng) * sqrtf (1.0f / sizes[l]);
  for (gsize i = 0; i < train->n; i++)
    order[i] = (guint32) i;

#define A(l, j) act[(l) * MAX (H, K) + (j)]
#define D(l, j) del[(l) * MAX (H, K) + (j)]
#define FORWARD(xp)                                                              \
  do {                                                                           \
    A (0, 0) = (xp)[0];                                                          \
    A (0, 1) = (xp)[1];                                                          \
    for (guint l = 0; l < 3; l++)                                                \
      for (guint o = 0; o < sizes[l + 1]; o++)                                   \
        {                                                                        \
          float z = w[off_b[l] + o];                                             \
          for (guint in = 0; in < sizes[l]; in++)                                \
            z += w[off_w[l] + o * sizes[l] + in] * A (l, in);                    \
          A (l + 1, o) = l < 2 ? tanhf (z) : z;                                  \
        }                                                                        \
  } while (0)

  for (guint e = 0; e < epochs; e++)
    {
      lab_rng_shuffle (&rng, order, train->n);
      for (gsize start = 0; start < train->n; start += B)
        {
          gsize end = MIN (start + B, train->n);

          memset (g, 0, n_par * sizeof (float));
          for (gsize b = start; b < end; b++)
            {
              const float *xi = train->x + 2 * (gsize) order[b];
              guint yi = (guint) train->y[order[b]];
              float mx = -INFINITY, sum = 0;

              FORWARD (xi);
              for (guint k = 0; k < K; k++)
                mx = MAX (mx, A (3, k));
              for (guint k = 0; k < K; k++)
                sum += expf (A (3, k) - mx);
              for (guint k = 0; k < K; k++)
                D (3, k) = (expf (A (3, k) - mx) / sum - (k == yi)) / (end - start);
              for (guint l = 3; l-- > 0; )
                {
                  for (guint in = 0; in < sizes[l]; in++)
                    D (l, in) = 0;
                  for (guint o = 0; o < sizes[l + 1]; o++)
                    {
                      g[off_b[l] + o] += D (l + 1, o);
                      for (guint in = 0; in < sizes[l]; in++)
                        {
                          g[off_w[l] + o * sizes[l] + in] += D (l + 1, o) * A (l, in);
                          D (l, in) += w[off_w[l] + o * sizes[l] + in] * D (l + 1, o);
                        }
                    }
                  if (l > 0)
                    for (guint in = 0; in < sizes[l]; in++)
                      D (l, in) *= 1 - A (l, in) * A (l, in);
                }
            }
          step++;
          for (gsize i = 0; i < n_par; i++)
            {
              m[i] = 0.9f * m[i] + 0.1f * g[i];
              v[i] = 0.999f * v[i] + 0.001f * g[i] * g[i];
              w[i] -= 0.01f * (m[i] / (1 - powf (0.9f, step))) /
                      (sqrtf (v[i] / (1 - powf (0.999f, step))) + 1e-8f);
            }
        }
    }

  for (gsize i = 0; i < val->n; i++)
    {
      guint best = 0;

      FORWARD (val->x + 2 * i);
      for (guint k = 1; k < K; k++)
        if (A (3, k) > A (3, best))
          best = k;
      correct += best == (guint) val->y[i];
    }
#undef FORWARD
#undef A
#undef D
  return (double) correct / val->n;
}

static void
test_synthetic_spirals_learnable (void)
{
  static const struct { guint K; double noise; } cases[] = { { 2, 0.1 }, { 2, 0.05 }, { 3, 0.05 } };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LabDataset) all = lab_dataset_synthetic (LAB_SYNTHETIC_SPIRALS, 1000,
                                                         cases[c].noise, cases[c].K, 3, &error);
      g_autoptr(LabDataset) train = NULL;
      g_autoptr(LabDataset) val = NULL;
      g_autofree guint32 *tr = NULL, *va = NULL, *te = NULL;
      gsize ntr, nva, nte;
      double acc;

      g_assert_true (lab_dataset_split (all->n, 0.2, 0, 5, &tr, &ntr, &va, &nva, &te, &nte,
                                        &error));
      train = lab_dataset_subset (all, tr, ntr, "train", &error);
      val = lab_dataset_subset (all, va, nva, "val", &error);
      g_assert_no_error (error);
      acc = mlp_accuracy (train, val, 32, 200);
      g_test_message ("spirals K=%u noise %.2f: validation accuracy %.3f",
                      cases[c].K, cases[c].noise, acc);
      g_assert_cmpfloat (acc, >=, 0.97);
    }
}

/* ---------------------------------------------------------------- splits, subsets, one-hot */

static void
test_split (void)
{
  g_autofree guint32 *tr = NULL, *va = NULL, *te = NULL;
  g_autofree guint32 *tr2 = NULL, *va2 = NULL, *te2 = NULL;
  g_autofree guint32 *tr3 = NULL, *va3 = NULL, *te3 = NULL;
  g_autoptr(GError) error = NULL;
  gsize ntr, nva, nte, n2, n3, n4;
  gboolean seen[100] = { FALSE };

  g_assert_true (lab_dataset_split (100, 0.29, 0.1, 9, &tr, &ntr, &va, &nva, &te, &nte, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nva, ==, 29);
  g_assert_cmpuint (nte, ==, 10);
  g_assert_cmpuint (ntr, ==, 61);
  for (gsize i = 0; i < ntr; i++)
    seen[tr[i]] = TRUE;
  for (gsize i = 0; i < nva; i++)
    {
      g_assert_false (seen[va[i]]);
      seen[va[i]] = TRUE;
    }
  for (gsize i = 0; i < nte; i++)
    {
      g_assert_false (seen[te[i]]);
      seen[te[i]] = TRUE;
    }
  for (guint i = 0; i < 100; i++)
    g_assert_true (seen[i]);

  g_assert_true (lab_dataset_split (100, 0.29, 0.1, 9, &tr2, &n2, &va2, &n3, &te2, &n4, &error));
  g_assert_cmpmem (tr, ntr * 4, tr2, n2 * 4);
  g_assert_cmpmem (va, nva * 4, va2, n3 * 4);
  g_assert_cmpmem (te, nte * 4, te2, n4 * 4);
  g_assert_true (lab_dataset_split (100, 0.29, 0.1, 10, &tr3, &n2, &va3, &n3, &te3, &n4, &error));
  g_assert_true (memcmp (tr, tr3, ntr * 4) != 0);

  g_clear_pointer (&tr3, g_free);
  g_clear_pointer (&va3, g_free);
  g_clear_pointer (&te3, g_free);
  g_assert_true (lab_dataset_split (7, 0, 0, 1, &tr3, &n2, &va3, &n3, &te3, &n4, &error));
  g_assert_cmpuint (n2, ==, 7);
  g_assert_cmpuint (n3, ==, 0);
  g_assert_cmpuint (n4, ==, 0);

  {
    static const double bad[][2] = { { -0.1, 0 }, { 0.5, 0.5 }, { 0.9, 0.2 }, { NAN, 0 },
                                     { 0, INFINITY } };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        guint32 *a, *b, *c;

        g_assert_false (lab_dataset_split (10, bad[i][0], bad[i][1], 1, &a, &n2, &b, &n3, &c, &n4,
                                           &error));
        g_assert_error (error, LAB_ERROR, LAB_ERROR_DATASET);
        g_assert_null (a);
        g_clear_error (&error);
      }
  }
  {
    guint32 *a, *b, *c;

    g_assert_false (lab_dataset_split (0, 0.1, 0.1, 1, &a, &n2, &b, &n3, &c, &n4, &error));
    g_assert_error (error, LAB_ERROR, LAB_ERROR_DATASET);
  }
}

static void
test_subset_one_hot (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabDataset) all = lab_dataset_synthetic (LAB_SYNTHETIC_BLOBS, 30, 0.1, 3, 2, &error);
  g_autoptr(LabDataset) sub = NULL;
  g_autoptr(LabDataset) huge = NULL;
  g_autoptr(LabDataset) reg = NULL;
  guint32 idx[4] = { 29, 0, 5, 5 };
  guint32 bad_idx[1] = { 30 };
  gsize before[3], after[3];
  LabShape shape = lab_shape_flat (1000);

  g_assert_no_error (error);
  sub = lab_dataset_subset (all, idx, 4, "sub", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sub->name, ==, "sub");
  g_assert_cmpuint (sub->n, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpmem (sub->x + 2 * i, 8, all->x + 2 * idx[i], 8);
      g_assert_cmpfloat (sub->y[i], ==, all->y[idx[i]]);
    }
  g_assert_cmpstr (sub->class_names[2], ==, all->class_names[2]);
  g_assert_null (lab_dataset_subset (all, bad_idx, 1, NULL, &error));
  assert_error_names (error, LAB_ERROR_DATASET, NULL, "blobs", "30", NULL);
  g_clear_error (&error);

  lab_dataset_class_counts (all, before);
  g_assert_true (lab_dataset_one_hot (all, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (all->y_dim, ==, 3);
  for (guint i = 0; i < 30; i++)
    for (guint k = 0; k < 3; k++)
      g_assert_cmpfloat (all->y[3 * i + k], ==, k == i % 3 ? 1.0f : 0.0f);
  lab_dataset_class_counts (all, after);
  g_assert_cmpmem (before, sizeof before, after, sizeof after);
  g_assert_cmpuint (after[0], ==, 10);
  g_assert_true (lab_dataset_one_hot (all, &error));   /* idempotent */
  g_assert_cmpuint (all->y_dim, ==, 3);

  reg = lab_dataset_new ("reg", 2, &shape, 1, 0, &error);
  g_assert_no_error (error);
  g_assert_false (lab_dataset_one_hot (reg, &error));
  assert_error_names (error, LAB_ERROR_DATASET, NULL, "reg", NULL);
  g_clear_error (&error);
  reg->n_classes = 2;
  reg->y[1] = 2;
  g_assert_false (lab_dataset_one_hot (reg, &error));
  assert_error_names (error, LAB_ERROR_DATASET, NULL, "Sample 1", "label 2", NULL);
  g_clear_error (&error);

  huge = lab_dataset_new ("huge", (gsize) 1 << 40, &shape, 1, 0, &error);
  g_assert_null (huge);
  assert_error_names (error, LAB_ERROR_TOO_LARGE, NULL, "huge", NULL);
}

/* ---------------------------------------------------------------- scaling */

/* Train feature 0 spans [2, 6]; feature 1 is the constant 0.1 (not exact in binary). */
static LabDataset *
scaling_data (gsize  n,
              float  base)
{
  LabShape shape = lab_shape_flat (2);
  LabDataset *data = lab_dataset_new ("scaling", n, &shape, 1, 0, NULL);

  for (gsize i = 0; i < n; i++)
    {
      data->x[2 * i] = base + 4.0f * i / (n - 1);
      data->x[2 * i + 1] = base == 2.0f ? 0.1f : 50.0f + i;
    }
  return data;
}

static void
test_scaler (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabDataset) train = scaling_data (1001, 2.0f);
  g_autoptr(LabDataset) val = scaling_data (11, 100.0f);
  g_autoptr(LabScaler) mm = lab_scaler_fit (LAB_SCALING_MINMAX, train, &error);
  g_autoptr(LabScaler) z = lab_scaler_fit (LAB_SCALING_ZSCORE, train, &error);
  g_autoptr(LabScaler) none = lab_scaler_fit (LAB_SCALING_NONE, train, &error);
  g_autoptr(LabDataset) t2 = lab_dataset_subset (train, (guint32[]) { 0, 500, 1000 }, 3, NULL,
                                                 &error);
  LabScalingKind kind;
  double mean = 0, var = 0;

  g_assert_no_error (error);

  /* The statistics are the training split's: min 2, range 4, mean 4, constant → scale 0. */
  g_assert_cmpfloat_with_epsilon (mm->offset[0], 2.0f, 1e-6);
  g_assert_cmpfloat_with_epsilon (mm->scale[0], 0.25f, 1e-6);
  g_assert_cmpfloat (mm->scale[1], ==, 0.0f);
  g_assert_cmpfloat_with_epsilon (z->offset[0], 4.0f, 1e-5);
  g_assert_cmpfloat (z->scale[1], ==, 0.0f);

  lab_scaler_apply (mm, t2);
  g_assert_cmpfloat_with_epsilon (t2->x[0], 0.0f, 1e-6);
  g_assert_cmpfloat_with_epsilon (t2->x[2], 0.5f, 1e-6);
  g_assert_cmpfloat_with_epsilon (t2->x[4], 1.0f, 1e-6);
  g_assert_cmpfloat (t2->x[1], ==, 0.0f);

  /* Validation data far from the training range stays far: nothing was fitted on it. */
  lab_scaler_apply (mm, val);
  g_assert_cmpfloat_with_epsilon (val->x[0], (100.0f - 2.0f) / 4.0f, 1e-4);
  g_assert_cmpfloat (val->x[1], ==, 0.0f);   /* a constant feature in train maps to 0 */
  g_assert_cmpfloat (val->x[3], ==, 0.0f);

  lab_scaler_apply (z, train);
  for (gsize i = 0; i < train->n; i++)
    mean += train->x[2 * i];
  mean /= train->n;
  for (gsize i = 0; i < train->n; i++)
    var += (train->x[2 * i] - mean) * (train->x[2 * i] - mean);
  var /= train->n;
  g_assert_cmpfloat_with_epsilon (mean, 0.0, 1e-5);
  g_assert_cmpfloat_with_epsilon (var, 1.0, 1e-4);   /* population variance */
  for (gsize i = 0; i < train->n; i++)
    g_assert_cmpfloat (train->x[2 * i + 1], ==, 0.0f);

  lab_scaler_apply (none, val);
  g_assert_cmpfloat_with_epsilon (val->x[0], (100.0f - 2.0f) / 4.0f, 1e-4);

  g_assert_true (lab_scaling_kind_from_string ("zscore", &kind));
  g_assert_cmpint (kind, ==, LAB_SCALING_ZSCORE);
  g_assert_cmpstr (lab_scaling_kind_to_string (LAB_SCALING_MINMAX), ==, "minmax");
  g_assert_cmpstr (lab_scaling_kind_to_string (LAB_SCALING_NONE), ==, "none");
  g_assert_false (lab_scaling_kind_from_string ("robust", &kind));

  train->x[7] = NAN;
  g_assert_null (lab_scaler_fit (LAB_SCALING_ZSCORE, train, &error));
  assert_error_names (error, LAB_ERROR_DATASET, NULL, "scaling", "Sample 3", "feature 2", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/dataset/idx/roundtrip", test_idx_roundtrip);
  g_test_add_func ("/core/dataset/idx/label-range", test_idx_label_range);
  g_test_add_func ("/core/dataset/idx/bad-header", test_idx_bad_header);
  g_test_add_func ("/core/dataset/idx/truncated-trailing", test_idx_truncated_and_trailing);
  g_test_add_func ("/core/dataset/idx/corrupted-gzip", test_idx_corrupted_gzip);
  g_test_add_func ("/core/dataset/idx/mismatch-too-large", test_idx_mismatch_and_too_large);
  g_test_add_func ("/core/dataset/fashion-mnist/fake", test_fashion_mnist_fake);
  g_test_add_func ("/core/dataset/fashion-mnist/real", test_fashion_mnist_real);
  g_test_add_func ("/core/dataset/csv/numeric-labels", test_csv_numeric_labels);
  g_test_add_func ("/core/dataset/csv/string-labels", test_csv_string_labels);
  g_test_add_func ("/core/dataset/csv/regression", test_csv_regression);
  g_test_add_func ("/core/dataset/csv/bad", test_csv_bad);
  g_test_add_func ("/core/dataset/csv/too-many-classes", test_csv_too_many_classes);
  g_test_add_func ("/core/dataset/synthetic/shapes", test_synthetic_shapes);
  g_test_add_func ("/core/dataset/synthetic/geometry", test_synthetic_geometry);
  g_test_add_func ("/core/dataset/synthetic/bad", test_synthetic_bad);
  g_test_add_func ("/core/dataset/synthetic/spirals-learnable", test_synthetic_spirals_learnable);
  g_test_add_func ("/core/dataset/split", test_split);
  g_test_add_func ("/core/dataset/subset-one-hot", test_subset_one_hot);
  g_test_add_func ("/core/dataset/scaler", test_scaler);

  return g_test_run ();
}

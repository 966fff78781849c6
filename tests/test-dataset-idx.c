/* test-dataset-idx.c: IDX files, raw and gzip-compressed, and the Fashion-MNIST loader, with
 * every kind of bad input
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "dataset-util.h"
#include "lab-dataset.h"
#include "lab-error.h"

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

  return g_test_run ();
}

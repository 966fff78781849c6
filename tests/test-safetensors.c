/* test-safetensors.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-safetensors"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lab-core.h"

#define PYTHON "/usr/bin/python3"

/* Inside the per-test directories of G_TEST_OPTION_ISOLATE_DIRS, not the shared /tmp. */
static char *
tmp_path (const char *name)
{
  const char *dir = g_get_user_cache_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* Fills n floats with reproducible values, finite unless @specials. */
static float *
make_values (gsize    n,
             guint64  seed,
             gboolean specials)
{
  float *v = g_new (float, MAX (n, 1));
  LabRng rng;

  lab_rng_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    v[i] = lab_rng_normal (&rng) * 3.0f;
  if (specials && n >= 5)
    {
      guint32 nan_bits = 0x7fc12345; /* a NaN with a payload must survive bit for bit */

      v[0] = -0.0f;
      v[1] = INFINITY;
      v[2] = -INFINITY;
      v[3] = 1e-42f; /* subnormal */
      memcpy (&v[4], &nan_bits, sizeof nan_bits);
    }
  return v;
}

typedef struct
{
  const char *name;
  LabShape    shape;
  float      *data;
} Fixture;

static void
fill_fixture (Fixture  *t,
              gboolean  specials)
{
  t[0] = (Fixture) { "fc1.bias", lab_shape_make (1, 7), NULL };
  t[1] = (Fixture) { "fc1.weight", lab_shape_make (2, 5, 3), NULL };
  t[2] = (Fixture) { "bn.running_mean", lab_shape_make (3, 2, 3, 4), NULL };
  /* 40,960 floats: more than one 16,384-float chunk of the writer */
  t[3] = (Fixture) { "conv1.weight", lab_shape_make (4, 8, 16, 16, 20), NULL };
  t[4] = (Fixture) { "empty", lab_shape_make (2, 0, 3), NULL };
  for (guint i = 0; i < 5; i++)
    t[i].data = make_values (lab_shape_size (&t[i].shape), i + 1, specials);
}

static void
free_fixture (Fixture *t)
{
  for (guint i = 0; i < 5; i++)
    g_free (t[i].data);
}

static LabSafetensors *
fixture_file (Fixture *t)
{
  LabSafetensors *st = lab_safetensors_new ();

  for (guint i = 0; i < 5; i++)
    lab_safetensors_add (st, t[i].name, &t[i].shape, t[i].data);
  lab_safetensors_set_meta (st, "format", "layerlab-weights");
  lab_safetensors_set_meta (st, "note", "“quotes\" and \\ and ünïcode");
  lab_safetensors_set_meta (st, "format", "layerlab-weights-1"); /* replaces, keeps order */
  return st;
}

static void
test_round_trip (void)
{
  g_autofree char *path = tmp_path ("model.safetensors");
  g_autoptr(LabSafetensors) st = NULL;
  g_autoptr(LabSafetensors) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize size;
  guint64 header_len;
  Fixture t[5];

  fill_fixture (t, TRUE);
  st = fixture_file (t);
  g_assert_true (lab_safetensors_write (st, path, &error));
  g_assert_no_error (error);

  /* the data section starts 8-byte aligned behind a space-padded header */
  g_file_get_contents (path, &bytes, &size, &error);
  g_assert_no_error (error);
  memcpy (&header_len, bytes, 8);
  header_len = GUINT64_FROM_LE (header_len);
  g_assert_cmpuint (header_len % 8, ==, 0);
  g_assert_cmpint (bytes[8], ==, '{');
  g_assert_cmpuint (size, ==, 8 + header_len + 4 * (7 + 15 + 24 + 40960));

  back = lab_safetensors_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lab_safetensors_count (back), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const LabSafetensor *r = lab_safetensors_get (back, i);

      g_assert_cmpstr (r->name, ==, t[i].name);
      g_assert_true (lab_shape_equal (&r->shape, &t[i].shape));
      g_assert_true (lab_safetensors_find (back, t[i].name) == r);
      g_assert_cmpmem (r->data, lab_shape_size (&r->shape) * 4,
                       t[i].data, lab_shape_size (&t[i].shape) * 4);
    }
  g_assert_null (lab_safetensors_find (back, "missing"));
  g_assert_cmpstr (lab_safetensors_get_meta (back, "format"), ==, "layerlab-weights-1");
  g_assert_cmpstr (lab_safetensors_get_meta (back, "note"), ==, "“quotes\" and \\ and ünïcode");
  g_assert_null (lab_safetensors_get_meta (back, "other"));
  free_fixture (t);
}

/* The whole file for one tensor, byte for byte. */
static void
test_exact_bytes (void)
{
  static const char header[] = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
  static const guint8 data[] = { 0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0 };
  const float w[] = { 1.0f, -2.0f };
  g_autofree char *path = tmp_path ("w.safetensors");
  g_autoptr(LabSafetensors) st = lab_safetensors_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) want = g_byte_array_new ();
  g_autofree char *bytes = NULL;
  LabShape shape = lab_shape_make (1, 2);
  gsize size, padded = (sizeof header - 1 + 7) / 8 * 8;
  guint64 len = GUINT64_TO_LE (padded);

  lab_safetensors_add (st, "w", &shape, w);
  g_assert_true (lab_safetensors_write (st, path, &error));
  g_byte_array_append (want, (const guint8 *) &len, 8);
  g_byte_array_append (want, (const guint8 *) header, sizeof header - 1);
  while (want->len < 8 + padded)
    g_byte_array_append (want, (const guint8 *) " ", 1);
  g_byte_array_append (want, data, sizeof data);

  g_file_get_contents (path, &bytes, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (bytes, size, want->data, want->len);
}

static void
write_raw (const char *path,
           const char *header,
           gsize       data_len)
{
  g_autoptr(GByteArray) file = g_byte_array_new ();
  guint64 len = GUINT64_TO_LE ((guint64) strlen (header));
  g_autoptr(GError) error = NULL;

  g_byte_array_append (file, (const guint8 *) &len, 8);
  g_byte_array_append (file, (const guint8 *) header, strlen (header));
  for (gsize i = 0; i < data_len; i++)
    {
      /* data i/4 as a little-endian float */
      float v = (float) (i / 4);
      guint32 bits;
      guint8 byte;

      memcpy (&bits, &v, 4);
      bits = GUINT32_TO_LE (bits);
      byte = ((const guint8 *) &bits)[i % 4];
      g_byte_array_append (file, &byte, 1);
    }
  g_file_set_contents (path, (const char *) file->data, file->len, &error);
  g_assert_no_error (error);
}

/* Another writer's file: metadata first, entries out of data order, a scalar, and a header of
 * 142 bytes, so the data is not 8-byte aligned. */
static void
test_foreign_file (void)
{
  static const char header[] =
    "{\"__metadata__\":{\"format\":\"pt\"},"
    "\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[24,28]},"
    "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}";
  g_autofree char *path = tmp_path ("foreign.safetensors");
  g_autoptr(LabSafetensors) st = NULL;
  g_autoptr(GError) error = NULL;
  const LabSafetensor *a, *b;

  g_assert_cmpuint (strlen (header) % 8, !=, 0);
  write_raw (path, header, 28);
  st = lab_safetensors_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lab_safetensors_count (st), ==, 2);
  a = lab_safetensors_get (st, 0);
  b = lab_safetensors_get (st, 1);
  g_assert_cmpstr (a->name, ==, "a");
  g_assert_cmpuint (a->shape.ndim, ==, 2);
  g_assert_cmpuint (a->shape.dims[1], ==, 3);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpfloat (a->data[i], ==, (float) i);
  g_assert_cmpstr (b->name, ==, "b");
  g_assert_cmpuint (b->shape.ndim, ==, 1);
  g_assert_cmpuint (b->shape.dims[0], ==, 1);
  g_assert_cmpfloat (b->data[0], ==, 6.0f);
  g_assert_cmpstr (lab_safetensors_get_meta (st, "format"), ==, "pt");
}

typedef struct
{
  const char *header;   /* NULL: write raw bytes instead */
  gsize       data_len;
  const char *expect;   /* a phrase of the message */
  const char *at;       /* "key:NAME" (the entry in the header), "data:N" or "file:N" */
} BadCase;

static const BadCase bad_cases[] = {
  { "{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4, "dtype F16", "key:w" },
  { "{\"w\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8, "dtype I64", "key:w" },
  { "{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "has no “dtype”", "key:w" },
  { "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8, "has no “shape”", "key:w" },
  { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, "has no “data_offsets”", "key:w" },
  { "{\"w\":{\"dtype\":7,\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "not a string", "key:w" },
  { "{\"w\":{\"dtype\":\"F32\",\"shape\":[1,1,1,1,2],\"data_offsets\":[0,8]}}", 8,
    "5 dimensions", "key:w" },
  { "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8,
    "needs 3 float32 values, but its data_offsets span 8 bytes", "key:w" },
  { "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, "not a size",
    "key:w" },
  { "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8, "outside the data",
    "key:w" },
  { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, "outside the data",
    "key:w" },
  { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0.0,8]}}", 8, "not two byte",
    "key:w" },
  { "{\"w\":5}", 0, "described by a number instead of", "key:w" },
  { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
    "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "overlaps tensor “a”",
    "data:4" },
  { "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
    "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", 20,
    "4 bytes before tensor “w” belong to no tensor", "data:8" },
  { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 12,
    "last 4 bytes of the file belong to no tensor", "data:8" },
  { "{\"__metadata__\":{\"epoch\":3}}", 0, "metadata “epoch” is not a string", "key:__metadata__" },
  { "{\"w\": {\"dtype\": ", 0, "not valid JSON", "file:8" },
  { "[1, 2]", 0, "a list instead of a JSON object", "file:8" },
};

static void
check_bad_file (const char *path,
                const char *expect,
                guint64     at,
                const char *tensor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabSafetensors) st = lab_safetensors_read (path, &error);
  g_autofree char *byte = g_strdup_printf ("at byte %" G_GUINT64_FORMAT ":", at);
  g_autofree char *quoted = tensor ? g_strdup_printf ("“%s”", tensor) : NULL;
  g_autofree char *base = g_path_get_basename (path);

  g_assert_null (st);
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE);
  g_test_message ("%s", error->message);
  if (strstr (error->message, base) == NULL || strstr (error->message, expect) == NULL ||
      strstr (error->message, byte) == NULL ||
      (quoted != NULL && strstr (error->message, quoted) == NULL))
    g_error ("message “%s” should name %s, say “%s”, “%s”%s%s", error->message, base, expect,
             byte, quoted ? " and " : "", quoted ? quoted : "");
}

static void
test_bad_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autofree char *name = g_strdup_printf ("bad-%u.safetensors", i);
      g_autofree char *path = tmp_path (name);
      guint64 header_len = strlen (c->header);
      guint64 at = g_ascii_strtoull (strchr (c->at, ':') + 1, NULL, 10);
      const char *tensor = NULL;

      write_raw (path, c->header, c->data_len);
      if (g_str_has_prefix (c->at, "key:"))
        {
          g_autofree char *key = g_strdup_printf ("\"%s\"", c->at + 4);

          if (strcmp (c->at + 4, "__metadata__") != 0)
            tensor = c->at + 4;
          at = 8 + (strstr (c->header, key) - c->header);
        }
      else if (g_str_has_prefix (c->at, "data:"))
        at += 8 + header_len;
      check_bad_file (path, c->expect, at, tensor);
    }
}

/* Files too short for the header length, or whose header length is absurd or too long. */
static void
test_bad_lengths (void)
{
  g_autofree char *path = tmp_path ("short.safetensors");
  g_autoptr(GError) error = NULL;
  guint64 len;
  char bytes[18] = { 0 };

  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);
  check_bad_file (path, "0 bytes, too few", 0, NULL);
  g_file_set_contents (path, "12345", 5, &error);
  check_bad_file (path, "5 bytes, too few", 0, NULL);

  len = GUINT64_TO_LE (G_GUINT64_CONSTANT (200000000));
  memcpy (bytes, &len, 8);
  g_file_set_contents (path, bytes, sizeof bytes, &error);
  check_bad_file (path, "more than the 100 MB", 0, NULL);

  len = GUINT64_TO_LE (100);
  memcpy (bytes, &len, 8);
  g_file_set_contents (path, bytes, sizeof bytes, &error);
  check_bad_file (path, "100 bytes but only 10 bytes follow", 0, NULL);

  g_clear_error (&error);
  g_assert_null (lab_safetensors_read ("/nonexistent/x.safetensors", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* The names in @dir, sorted, as one string: shows any temporary file left behind. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
make_dir (const char *name)
{
  char *dir = tmp_path (name);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return dir;
}

static void
assert_contents (const char *path,
                 const char *want)
{
  g_autofree char *got = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &got, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, want);
}

static void
test_atomic_replace (void)
{
  g_autofree char *dir = make_dir ("replace");
  g_autofree char *path = g_build_filename (dir, "project.json", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lab_file_write_atomic (path, "old", 3, &error));
  g_assert_true (lab_file_write_atomic (path, "new contents", 12, &error));
  g_assert_no_error (error);
  assert_contents (path, "new contents");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "project.json");
}

static void
test_atomic_no_parent (void)
{
  g_autofree char *dir = make_dir ("no-parent");
  g_autofree char *path = g_build_filename (dir, "missing", "w.safetensors", NULL);
  g_autoptr(LabSafetensors) st = lab_safetensors_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_false (lab_safetensors_write (st, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "w.safetensors"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");
}

/* Renaming a file over a directory fails after the data was written: the temporary file must go
 * and the directory stay. */
static void
test_atomic_rename_fails (void)
{
  g_autofree char *dir = make_dir ("rename");
  g_autofree char *target = g_build_filename (dir, "taken", NULL);
  g_autofree char *inner = g_build_filename (target, "keep", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (target, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inner, "kept", -1, NULL));
  g_assert_false (lab_file_write_atomic (target, "data", 4, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_test_message ("%s", error->message);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_DIR));
  assert_contents (inner, "kept");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "taken");
}

/* A write that fails half-way (the file-size limit stands in for a full disk). */
static void
test_atomic_write_fails (void)
{
  g_autofree char *dir = make_dir ("full");
  g_autofree char *path = g_build_filename (dir, "w.safetensors", NULL);
  g_autofree float *big = g_new0 (float, 1 << 20);
  g_autoptr(LabSafetensors) st = lab_safetensors_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  LabShape shape = lab_shape_make (2, 1024, 1024);
  struct rlimit old, limited;
  void (*old_handler) (int);
  gboolean ok;

  g_assert_true (lab_file_write_atomic (path, "old weights", 11, &error));
  lab_safetensors_add (st, "big", &shape, big);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
  limited = old;
  limited.rlim_cur = 65536;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
  ok = lab_safetensors_write (st, path, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
  signal (SIGXFSZ, old_handler);

  g_assert_false (ok);
  g_assert_error (error, G_FILE_ERROR, g_file_error_from_errno (EFBIG));
  g_test_message ("%s", error->message);
  assert_contents (path, "old weights");
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "w.safetensors");
}

static void
test_atomic_read_only_dir (void)
{
  g_autofree char *dir = make_dir ("read-only");
  g_autofree char *path = g_build_filename (dir, "w.bin", NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (geteuid () == 0)
    {
      g_test_skip ("running as root, which may write into read-only folders; the other atomic "
                   "tests still check failures");
      return;
    }
  g_assert_true (lab_file_write_atomic (path, "old", 3, &error));
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  ok = lab_file_write_atomic (path, "new", 3, &error);
  g_chmod (dir, 0755);
  g_assert_false (ok);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  assert_contents (path, "old");
}

static gboolean
python_has (const char *module)
{
  g_autofree char *code = g_strdup_printf ("import %s", module);
  const char *argv[] = { PYTHON, "-c", code, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* numpy reads what we wrote, with the format parsed in a few lines of Python. */
static void
test_numpy_read_back (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "read_safetensors.py", NULL);
  g_autofree char *path = tmp_path ("numpy.safetensors");
  const char *argv[] = { PYTHON, script, path, NULL };
  g_autoptr(LabSafetensors) st = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root, *tensors, *meta;
  int status = 0;
  Fixture t[5];

  if (!python_has ("numpy"))
    {
      g_test_skip ("numpy is not importable by " PYTHON " (install python3-numpy); the "
                   "read-back check did not run");
      return;
    }

  fill_fixture (t, FALSE); /* JSON has no NaN or infinity */
  st = fixture_file (t);
  g_assert_true (lab_safetensors_write (st, path, &error));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", script, err);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "header_length") % 8, ==, 0);
  meta = json_object_get_object_member (root, "metadata");
  g_assert_cmpstr (json_object_get_string_member (meta, "format"), ==, "layerlab-weights-1");
  g_assert_cmpstr (json_object_get_string_member (meta, "note"), ==,
                   "“quotes\" and \\ and ünïcode");
  tensors = json_object_get_object_member (root, "tensors");
  g_assert_cmpuint (json_object_get_size (tensors), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *tensor = json_object_get_object_member (tensors, t[i].name);
      JsonArray *shape = json_object_get_array_member (tensor, "shape");
      JsonArray *values = json_object_get_array_member (tensor, "values");
      gsize n = lab_shape_size (&t[i].shape), middle = 0;

      g_assert_cmpuint (json_array_get_length (shape), ==, t[i].shape.ndim);
      for (guint d = 0; d < t[i].shape.ndim; d++)
        {
          g_assert_cmpint (json_array_get_int_element (shape, d), ==, t[i].shape.dims[d]);
          middle = middle * t[i].shape.dims[d] + t[i].shape.dims[d] / 2;
        }
      g_assert_cmpuint (json_array_get_length (values), ==, n);
      for (gsize j = 0; j < n; j++)
        g_assert_cmpfloat (json_array_get_double_element (values, j), ==, t[i].data[j]);
      if (n > 0)
        g_assert_cmpfloat (json_object_get_double_member (tensor, "middle"), ==,
                           t[i].data[middle]);
    }
  free_fixture (t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/safetensors/round-trip", test_round_trip);
  g_test_add_func ("/core/safetensors/exact-bytes", test_exact_bytes);
  g_test_add_func ("/core/safetensors/foreign-file", test_foreign_file);
  g_test_add_func ("/core/safetensors/bad/entries", test_bad_files);
  g_test_add_func ("/core/safetensors/bad/lengths", test_bad_lengths);
  g_test_add_func ("/core/safetensors/atomic/replace", test_atomic_replace);
  g_test_add_func ("/core/safetensors/atomic/no-parent", test_atomic_no_parent);
  g_test_add_func ("/core/safetensors/atomic/rename-fails", test_atomic_rename_fails);
  g_test_add_func ("/core/safetensors/atomic/write-fails", test_atomic_write_fails);
  g_test_add_func ("/core/safetensors/atomic/read-only-dir", test_atomic_read_only_dir);
  g_test_add_func ("/core/safetensors/numpy", test_numpy_read_back);

  return g_test_run ();
}

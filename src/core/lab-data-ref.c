/* lab-data-ref.c: where a project's data comes from (LabDataRef in lab-settings.h)
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-data-ref"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-error.h"
#include "lab-json-private.h"
#include "lab-settings.h"

#define MAX_SYNTHETIC_SAMPLES 10000000u
#define MAX_CLASSES           10u
#define MAX_NOISE             10.0

void
lab_data_ref_init (LabDataRef *self)
{
  g_return_if_fail (self != NULL);

  *self = (LabDataRef) { 0 };
  self->kind = LAB_DATA_SYNTHETIC;
  self->synthetic = LAB_SYNTHETIC_SPIRALS;
  self->n_samples = 1000;
  self->noise = 0.1;
  self->n_classes = 2;
  self->classification = TRUE;
}

void
lab_data_ref_clear (LabDataRef *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->train_images, g_free);
  g_clear_pointer (&self->train_labels, g_free);
  g_clear_pointer (&self->test_images, g_free);
  g_clear_pointer (&self->test_labels, g_free);
  g_clear_pointer (&self->csv_path, g_free);
  g_clear_pointer (&self->label_column, g_free);
}

/* dest is overwritten without being cleared first: clear it if it holds strings. */
void
lab_data_ref_copy (LabDataRef       *dest,
                   const LabDataRef *src)
{
  LabDataRef copy;

  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);

  copy = *src;
  copy.dir = g_strdup (src->dir);
  copy.train_images = g_strdup (src->train_images);
  copy.train_labels = g_strdup (src->train_labels);
  copy.test_images = g_strdup (src->test_images);
  copy.test_labels = g_strdup (src->test_labels);
  copy.csv_path = g_strdup (src->csv_path);
  copy.label_column = g_strdup (src->label_column);
  *dest = copy;
}

static const char *
data_kind_name (int kind)
{
  switch (kind)
    {
    case LAB_DATA_SYNTHETIC:     return "synthetic";
    case LAB_DATA_FASHION_MNIST: return "fashion-mnist";
    case LAB_DATA_IDX:           return "idx";
    case LAB_DATA_CSV:           return "csv";
    default:                     return NULL;
    }
}

static const char *
synthetic_name (int kind)
{
  return lab_synthetic_kind_to_string (kind);
}

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
}

static void
add_int (JsonBuilder *b,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

JsonNode *
lab_data_ref_to_json (const LabDataRef *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (b);
  add_string (b, "kind", data_kind_name (self->kind));
  switch (self->kind)
    {
    case LAB_DATA_SYNTHETIC:
      add_string (b, "generator", lab_synthetic_kind_to_string (self->synthetic));
      add_int (b, "samples", self->n_samples);
      json_builder_set_member_name (b, "noise");
      json_builder_add_double_value (b, self->noise);
      add_int (b, "classes", self->n_classes);
      break;
    case LAB_DATA_FASHION_MNIST:
      add_string (b, "dir", self->dir);
      break;
    case LAB_DATA_IDX:
      add_string (b, "train-images", self->train_images);
      add_string (b, "train-labels", self->train_labels);
      add_string (b, "test-images", self->test_images);
      add_string (b, "test-labels", self->test_labels);
      break;
    case LAB_DATA_CSV:
      add_string (b, "path", self->csv_path);
      add_string (b, "label-column", self->label_column);
      json_builder_set_member_name (b, "classification");
      json_builder_add_boolean_value (b, self->classification);
      break;
    default:
      break;
    }
  if (self->limit > 0)
    add_int (b, "limit", self->limit);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
missing (const char  *key,
         const char  *why,
         GError     **error)
{
  g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE, _("dataset: “%s” is missing; %s"), key, why);
  return FALSE;
}

static gboolean
read_path (JsonObject  *obj,
           const char  *key,
           char       **out,
           GError     **error)
{
  const char *text;

  if (!lab_json_read_string (obj, "dataset", key, &text, error))
    return FALSE;
  g_free (*out);
  *out = (text != NULL && *text != '\0') ? g_strdup (text) : NULL;
  return TRUE;
}

static gboolean
read_synthetic (JsonObject  *obj,
                LabDataRef  *ref,
                GError     **error)
{
  const char *path = "dataset";
  int generator = ref->synthetic;
  guint64 samples = ref->n_samples;

  if (!lab_json_read_enum (obj, path, "generator", _("generator"), synthetic_name,
                           LAB_SYNTHETIC_N_KINDS, &generator, error) ||
      !lab_json_read_count (obj, path, "samples", MAX_SYNTHETIC_SAMPLES, &samples, error) ||
      !lab_json_read_double (obj, path, "noise", &ref->noise, error) ||
      !lab_json_read_uint (obj, path, "classes", &ref->n_classes, error))
    return FALSE;
  ref->synthetic = generator;
  ref->n_samples = samples;
  if (ref->n_samples < 2)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE,
                   _("dataset.samples: must be between 2 and %u, not %zu"),
                   MAX_SYNTHETIC_SAMPLES, ref->n_samples);
      return FALSE;
    }
  if (!(ref->noise >= 0 && ref->noise <= MAX_NOISE))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE,
                   _("dataset.noise: must be between 0 and %g, not %g"), MAX_NOISE, ref->noise);
      return FALSE;
    }
  if (ref->n_classes < 2 || ref->n_classes > MAX_CLASSES)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE,
                   _("dataset.classes: must be between 2 and %u, not %u"),
                   MAX_CLASSES, ref->n_classes);
      return FALSE;
    }
  return TRUE;
}

gboolean
lab_data_ref_from_json (LabDataRef  *self,
                        JsonNode    *node,
                        GError     **error)
{
  LabDataRef ref;
  JsonObject *obj;
  int kind = LAB_DATA_SYNTHETIC;
  guint64 limit = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_FILE, _("dataset: expected an object, not %s"),
                   lab_json_describe_node (node));
      return FALSE;
    }
  obj = json_node_get_object (node);
  lab_data_ref_init (&ref);

  if (lab_json_member (obj, "kind") == NULL)
    {
      missing ("kind", _("it says where the data comes from: synthetic, fashion-mnist, idx or csv"),
               error);
      return FALSE;
    }
  if (!lab_json_read_enum (obj, "dataset", "kind", _("data source"), data_kind_name,
                           LAB_DATA_CSV + 1, &kind, error) ||
      !lab_json_read_count (obj, "dataset", "limit", G_MAXSIZE, &limit, error))
    goto out;
  ref.kind = kind;
  ref.limit = limit;

  switch (ref.kind)
    {
    case LAB_DATA_SYNTHETIC:
      ok = read_synthetic (obj, &ref, error);
      break;

    case LAB_DATA_FASHION_MNIST:
      ok = read_path (obj, "dir", &ref.dir, error);
      break;

    case LAB_DATA_IDX:
      if (!read_path (obj, "train-images", &ref.train_images, error) ||
          !read_path (obj, "train-labels", &ref.train_labels, error) ||
          !read_path (obj, "test-images", &ref.test_images, error) ||
          !read_path (obj, "test-labels", &ref.test_labels, error))
        break;
      if (ref.train_images == NULL || ref.train_labels == NULL)
        missing (ref.train_images == NULL ? "train-images" : "train-labels",
                 _("IDX data needs a training images file and a training labels file"), error);
      else if ((ref.test_images == NULL) != (ref.test_labels == NULL))
        missing (ref.test_images == NULL ? "test-images" : "test-labels",
                 _("a test set needs both its images and its labels file"), error);
      else
        ok = TRUE;
      break;

    case LAB_DATA_CSV:
      if (!read_path (obj, "path", &ref.csv_path, error) ||
          !read_path (obj, "label-column", &ref.label_column, error) ||
          !lab_json_read_bool (obj, "dataset", "classification", &ref.classification, error))
        break;
      if (ref.csv_path == NULL)
        missing ("path", _("it names the CSV file"), error);
      else if (ref.label_column == NULL)
        missing ("label-column", _("it names the column the network learns to predict"), error);
      else
        ok = TRUE;
      break;

    default:
      g_assert_not_reached ();
    }

out:
  if (!ok)
    {
      lab_data_ref_clear (&ref);
      return FALSE;
    }
  lab_data_ref_clear (self);
  *self = ref;
  return TRUE;
}

char *
lab_data_ref_describe (const LabDataRef *self)
{
  g_autofree char *what = NULL;
  g_autofree char *limit = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->limit > 0)
    limit = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, ", first %zu sample",
                                          ", first %zu samples", self->limit),
                             self->limit);

  switch (self->kind)
    {
    case LAB_DATA_SYNTHETIC:
      switch (self->synthetic)
        {
        case LAB_SYNTHETIC_SPIRALS:
          what = self->n_classes == 2 ? g_strdup (_("Two spirals"))
                                      : g_strdup_printf (_("%u spirals"), self->n_classes);
          break;
        case LAB_SYNTHETIC_CIRCLES: what = g_strdup (_("Two circles")); break;
        case LAB_SYNTHETIC_XOR:     what = g_strdup (_("XOR quadrants")); break;
        case LAB_SYNTHETIC_MOONS:   what = g_strdup (_("Two moons")); break;
        case LAB_SYNTHETIC_BLOBS:
        default:
          what = g_strdup_printf (_("%u blobs"), self->n_classes);
          break;
        }
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %zu point, noise %g",
                                           "%s, %zu points, noise %g",
                                           self->n_samples),
                              what, self->n_samples, self->noise);

    case LAB_DATA_FASHION_MNIST:
      if (self->dir != NULL)
        return g_strdup_printf (_("Fashion-MNIST from %s%s"), self->dir, limit ? limit : "");
      return g_strdup_printf (_("Fashion-MNIST%s"), limit ? limit : "");

    case LAB_DATA_IDX:
      if (self->train_images == NULL)
        return g_strdup (_("IDX images, no file chosen yet"));
      what = g_path_get_basename (self->train_images);
      return g_strdup_printf (_("IDX images %s%s%s"), what,
                              self->test_images ? _(" with a test set") : "", limit ? limit : "");

    case LAB_DATA_CSV:
      if (self->csv_path == NULL)
        return g_strdup (_("A CSV file, none chosen yet"));
      what = g_path_get_basename (self->csv_path);
      /* Without a label column every column is an input: data for an autoencoder. */
      if (self->label_column == NULL || *self->label_column == '\0')
        return g_strdup_printf (_("%s, inputs only (no label column)%s"), what, limit ? limit : "");
      return g_strdup_printf (self->classification ? _("%s, classes in “%s”%s")
                                                   : _("%s, predicting “%s”%s"),
                              what, self->label_column, limit ? limit : "");

    default:
      return g_strdup (_("Unknown data"));
    }
}

/* Relative paths in a project are relative to the project's folder. */
static char *
resolve (const char *base_dir,
         const char *path)
{
  if (path == NULL)
    return NULL;
  if (g_path_is_absolute (path) || base_dir == NULL)
    return g_strdup (path);
  return g_build_filename (base_dir, path, NULL);
}

static LabDataset *
first_rows (LabDataset  *data,
            gsize        limit,
            GError     **error)
{
  g_autofree guint32 *indices = NULL;
  LabDataset *slice;

  if (limit == 0 || limit >= data->n)
    return data;
  if (limit > G_MAXUINT32)
    return data;
  indices = g_new (guint32, limit);
  for (gsize i = 0; i < limit; i++)
    indices[i] = (guint32) i;
  slice = lab_dataset_subset (data, indices, limit, data->name, error);
  lab_dataset_free (data);
  return slice;
}

gboolean
lab_data_ref_load (const LabDataRef  *self,
                   const char        *base_dir,
                   guint64            seed,
                   LabDataset       **train,
                   LabDataset       **test,
                   GError           **error)
{
  g_autoptr(LabDataset) tr = NULL;
  g_autoptr(LabDataset) te = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (train != NULL, FALSE);
  g_return_val_if_fail (test != NULL, FALSE);

  *train = NULL;
  *test = NULL;

  switch (self->kind)
    {
    case LAB_DATA_SYNTHETIC:
      tr = lab_dataset_synthetic (self->synthetic, self->n_samples, self->noise, self->n_classes,
                                  seed, error);
      if (tr == NULL)
        {
          g_prefix_error (error, _("Generating the %s data: "),
                          lab_synthetic_kind_to_string (self->synthetic));
          return FALSE;
        }
      break;

    case LAB_DATA_FASHION_MNIST:
      {
        g_autofree char *dir = resolve (base_dir, self->dir);

        tr = lab_dataset_load_fashion_mnist (dir, FALSE, error);
        if (tr != NULL)
          te = lab_dataset_load_fashion_mnist (dir, TRUE, error);
        if (te == NULL)
          {
            g_prefix_error (error, _("Loading Fashion-MNIST: "));
            return FALSE;
          }
      }
      break;

    case LAB_DATA_IDX:
      {
        g_autofree char *images = resolve (base_dir, self->train_images);
        g_autofree char *labels = resolve (base_dir, self->train_labels);
        g_autofree char *test_images = resolve (base_dir, self->test_images);
        g_autofree char *test_labels = resolve (base_dir, self->test_labels);

        tr = lab_dataset_load_idx (images, labels, error);
        if (tr == NULL)
          {
            g_prefix_error (error, _("Loading the training images: "));
            return FALSE;
          }
        if (test_images != NULL && test_labels != NULL)
          {
            te = lab_dataset_load_idx (test_images, test_labels, error);
            if (te == NULL)
              {
                g_prefix_error (error, _("Loading the test images: "));
                return FALSE;
              }
          }
      }
      break;

    case LAB_DATA_CSV:
      {
        g_autofree char *path = resolve (base_dir, self->csv_path);

        tr = lab_dataset_load_csv (path, self->label_column, self->classification, error);
        if (tr == NULL)
          {
            g_prefix_error (error, _("Loading the CSV data: "));
            return FALSE;
          }
      }
      break;

    default:
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET, _("Unknown kind of data source (%d)"),
                   (int) self->kind);
      return FALSE;
    }

  tr = first_rows (g_steal_pointer (&tr), self->limit, error);
  if (tr == NULL)
    {
      g_prefix_error (error, _("Keeping the first %zu samples: "), self->limit);
      return FALSE;
    }
  *train = g_steal_pointer (&tr);
  *test = g_steal_pointer (&te);
  return TRUE;
}

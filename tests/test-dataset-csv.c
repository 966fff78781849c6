/* test-dataset-csv.c: CSV files with numeric or string labels and for regression, with every
 * kind of bad input
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "dataset-util.h"
#include "lab-dataset.h"
#include "lab-error.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/dataset/csv/numeric-labels", test_csv_numeric_labels);
  g_test_add_func ("/core/dataset/csv/string-labels", test_csv_string_labels);
  g_test_add_func ("/core/dataset/csv/regression", test_csv_regression);
  g_test_add_func ("/core/dataset/csv/bad", test_csv_bad);
  g_test_add_func ("/core/dataset/csv/too-many-classes", test_csv_too_many_classes);

  return g_test_run ();
}

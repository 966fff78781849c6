/* lab-dataset-csv.c: tabular datasets from comma-separated values
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The syntax is RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): fields separated by commas,
 * records by CRLF or LF, fields in double quotes may hold commas, line breaks and "" for a quote.
 * On top of it: a UTF-8 byte order mark is skipped, blank lines are ignored, and spaces around
 * unquoted fields are trimmed. Every problem is reported with the file, the line and the column,
 * because a silently skipped or zeroed cell would train a model on wrong data.
 */
#define G_LOG_DOMAIN "lab-dataset"

#include "config.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lab-dataset.h"
#include "lab-error.h"

/* More distinct values than this in a label column means it is not a class label. */
#define CSV_MAX_CLASSES 1000

typedef struct
{
  const char *display;
  const char *p;
  const char *end;
  guint       line;      /* the line the parser is on */
  GString    *cells;     /* the current record's cells, each NUL-terminated */
  GArray     *starts;    /* gsize offsets of the cells in cells->str */
} CsvParser;

static const char *
csv_cell (CsvParser *c,
          guint      i)
{
  return c->cells->str + g_array_index (c->starts, gsize, i);
}

static void
skip_blanks (CsvParser *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
    c->p++;
}

/* Reads one record starting at *record_line; FALSE without error at the end of the file. */
static gboolean
csv_next_record (CsvParser  *c,
                 guint      *record_line,
                 GError    **error)
{
  /* Blank lines, including the trailing newline of the last record, are not records. */
  while (c->p < c->end && (*c->p == '\n' || *c->p == '\r'))
    {
      if (*c->p == '\n' || c->p + 1 == c->end || c->p[1] != '\n')
        c->line++;
      c->p++;
    }
  if (c->p >= c->end)
    return FALSE;

  *record_line = c->line;
  g_string_truncate (c->cells, 0);
  g_array_set_size (c->starts, 0);

  for (;;)
    {
      gsize start = c->cells->len;

      g_array_append_val (c->starts, start);
      skip_blanks (c);
      if (c->p < c->end && *c->p == '"')
        {
          guint quote_line = c->line;

          for (c->p++; ; c->p++)
            {
              if (c->p >= c->end)
                {
                  g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                               _("Line %u of “%s”: the quoted field that starts here is never "
                                 "closed with a double quote"), quote_line, c->display);
                  return FALSE;
                }
              if (*c->p == '"')
                {
                  if (c->p + 1 < c->end && c->p[1] == '"')
                    c->p++;
                  else
                    break;
                }
              else if (*c->p == '\n')
                c->line++;
              g_string_append_c (c->cells, *c->p);
            }
          c->p++;
          skip_blanks (c);
          if (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r')
            {
              g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                           _("Line %u of “%s”, field %u: unexpected text after the closing double "
                             "quote; a quote inside a quoted field is written as \"\""),
                           c->line, c->display, c->starts->len);
              return FALSE;
            }
        }
      else
        {
          const char *q = c->p;

          while (q < c->end && *q != ',' && *q != '\n' && *q != '\r')
            q++;
          g_string_append_len (c->cells, c->p, q - c->p);
          c->p = q;
          while (c->cells->len > start &&
                 (c->cells->str[c->cells->len - 1] == ' ' ||
                  c->cells->str[c->cells->len - 1] == '\t'))
            g_string_truncate (c->cells, c->cells->len - 1);
        }
      g_string_append_c (c->cells, '\0');

      if (c->p < c->end && *c->p == ',')
        {
          c->p++;
          continue;
        }
      if (c->p < c->end)
        {
          /* \r\n, \n or a lone \r ends the record. */
          if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')
            c->p++;
          c->p++;
          c->line++;
        }
      return TRUE;
    }
}

typedef enum
{
  CELL_OK,
  CELL_EMPTY,
  CELL_NOT_NUMBER,
  CELL_NOT_FINITE,
} CellStatus;

static CellStatus
parse_number (const char *text,
              double     *out)
{
  char *end = NULL;

  if (*text == '\0')
    return CELL_EMPTY;
  *out = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    return CELL_NOT_NUMBER;
  /* Finite as a double but beyond float32 would silently become infinite in x. */
  if (!isfinite (*out) || fabs (*out) > FLT_MAX)
    return CELL_NOT_FINITE;
  return CELL_OK;
}

static gboolean
cell_error (CellStatus   status,
            const char  *display,
            guint        line,
            const char  *column,
            const char  *text,
            GError     **error)
{
  switch (status)
    {
    case CELL_OK:
      return TRUE;
    case CELL_EMPTY:
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("Line %u of “%s”, column “%s”: the cell is empty; fill in a value or remove "
                     "the row"), line, display, column);
      break;
    case CELL_NOT_NUMBER:
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("Line %u of “%s”, column “%s”: “%s” is not a number"),
                   line, display, column, text);
      break;
    case CELL_NOT_FINITE:
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("Line %u of “%s”, column “%s”: “%s” is not a finite 32-bit number (NaN and "
                     "infinite values cannot be trained on)"),
                   line, display, column, text);
      break;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* A growable float array that reports running out of memory instead of aborting. */
typedef struct
{
  float *data;
  gsize  len;
  gsize  cap;
} FloatBuf;

static gboolean
float_buf_push (FloatBuf    *b,
                float        v,
                const char  *display,
                GError     **error)
{
  if (b->len == b->cap)
    {
      gsize cap = MAX (b->cap * 2, 1024);
      float *data = cap < G_MAXSIZE / sizeof (float) ? g_try_renew (float, b->data, cap) : NULL;

      if (data == NULL)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                       _("The values of “%s” do not fit in memory"), display);
          return FALSE;
        }
      b->data = data;
      b->cap = cap;
    }
  b->data[b->len++] = v;
  return TRUE;
}

typedef struct
{
  const char *text;      /* first spelling seen, owned by the hash table */
  guint       first_line;
  double      value;
  guint       temp;      /* order of first appearance */
} LabelInfo;

static int
compare_by_value (gconstpointer a,
                  gconstpointer b)
{
  const LabelInfo *la = *(LabelInfo * const *) a;
  const LabelInfo *lb = *(LabelInfo * const *) b;

  return (la->value > lb->value) - (la->value < lb->value);
}

static int
compare_by_text (gconstpointer a,
                 gconstpointer b)
{
  const LabelInfo *la = *(LabelInfo * const *) a;
  const LabelInfo *lb = *(LabelInfo * const *) b;

  return strcmp (la->text, lb->text);
}

/* Turns the distinct label texts into sorted classes: remap[temp] is the class index. */
static char **
assign_classes (GPtrArray   *infos,
                guint       *remap,
                guint       *n_classes,
                const char  *display,
                const char  *column,
                GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean numeric = TRUE;
  LabelInfo *bad = NULL;

  for (guint i = 0; i < infos->len; i++)
    {
      LabelInfo *li = g_ptr_array_index (infos, i);
      CellStatus status = parse_number (li->text, &li->value);

      if (status == CELL_NOT_NUMBER)
        numeric = FALSE;
      else if (status == CELL_NOT_FINITE && bad == NULL)
        bad = li;
    }
  if (numeric && bad != NULL)
    {
      cell_error (CELL_NOT_FINITE, display, bad->first_line, column, bad->text, error);
      return NULL;
    }

  /* Numbers sort by value ("1" and "1.0" are one class), names by their bytes. */
  g_ptr_array_sort (infos, numeric ? compare_by_value : compare_by_text);
  for (guint i = 0; i < infos->len; i++)
    {
      LabelInfo *li = g_ptr_array_index (infos, i);

      if (names->len == 0 || !numeric ||
          li->value != ((LabelInfo *) g_ptr_array_index (infos, i - 1))->value)
        g_ptr_array_add (names, g_strdup (li->text));
      remap[li->temp] = names->len - 1;
    }
  if (names->len > CSV_MAX_CLASSES)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("Column “%s” of “%s” has %u distinct values, more than the %u classes a "
                     "classification target may have; use it as a regression target or pick "
                     "another label column"),
                   column, display, names->len, CSV_MAX_CLASSES);
      return NULL;
    }
  *n_classes = names->len;
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static char *
column_list (char **header)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; header[i] != NULL; i++)
    g_string_append_printf (s, i ? ", “%s”" : "“%s”", header[i]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

LabDataset *
lab_dataset_load_csv (const char  *path,
                      const char  *label_column,
                      gboolean     classification,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) label_ids = NULL;
  g_autoptr(GPtrArray) label_infos = NULL;
  g_autoptr(GArray) row_labels = NULL;
  g_autoptr(LabDataset) data = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_autofree char *basename = NULL;
  g_autofree guint *remap = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) class_names = NULL;
  FloatBuf xs = { 0 };
  CsvParser c = { 0 };
  const char *bad_utf8;
  const char *nul;
  gsize length = 0;
  guint n_cols, label_col = G_MAXUINT, header_line = 0, line = 0, n_classes = 0;
  gsize n = 0;
  LabShape shape;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, LAB_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOMEM) ?
                   LAB_ERROR_TOO_LARGE : LAB_ERROR_DATASET,
                   _("Could not read “%s”: %s"), display, local_error->message);
      return NULL;
    }
  if ((nul = memchr (contents, '\0', length)) != NULL)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("“%s” has a zero byte at offset %zu: it is not a text file"),
                   display, (gsize) (nul - contents));
      return NULL;
    }
  if (!g_utf8_validate (contents, length, &bad_utf8))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("“%s” is not UTF-8 text (invalid byte at offset %zu); save it with the "
                     "UTF-8 encoding"),
                   display, (gsize) (bad_utf8 - contents));
      return NULL;
    }

  c.display = display;
  c.p = contents;
  c.end = contents + length;
  c.line = 1;
  c.cells = g_string_new (NULL);
  c.starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  if (length >= 3 && memcmp (contents, "\xEF\xBB\xBF", 3) == 0)
    c.p += 3;

  if (!csv_next_record (&c, &header_line, error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                     _("“%s” is empty (line 1): a CSV dataset needs a header line naming the "
                       "columns, then one line per sample"), display);
      goto fail;
    }

  n_cols = c.starts->len;
  header = g_new0 (char *, n_cols + 1);
  for (guint i = 0; i < n_cols; i++)
    header[i] = g_strdup (csv_cell (&c, i));

  {
    gboolean all_numbers = TRUE;
    double v;

    for (guint i = 0; i < n_cols; i++)
      all_numbers &= parse_number (header[i], &v) != CELL_NOT_NUMBER && header[i][0] != '\0';
    if (all_numbers)
      {
        g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                     _("Line %u of “%s” holds numbers (“%s”, …) where the header with the column "
                       "names should be; add a header line such as “x1,x2,label”"),
                     header_line, display, header[0]);
        goto fail;
      }
  }
  for (guint i = 0; i < n_cols; i++)
    for (guint j = 0; j < i; j++)
      if (strcmp (header[i], header[j]) == 0)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                       _("Line %u of “%s”: the column name “%s” appears twice (columns %u and %u)"),
                       header_line, display, header[i], j + 1, i + 1);
          goto fail;
        }

  /* No label column named: the last one, the usual place of the target. */
  if (label_column == NULL)
    label_col = n_cols - 1;
  for (guint i = 0; label_column != NULL && i < n_cols; i++)
    if (strcmp (header[i], label_column) == 0)
      label_col = i;
  if (label_col == G_MAXUINT)
    {
      g_autofree char *list = column_list (header);

      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("The header of “%s” (line %u) has no column “%s”; its columns are %s"),
                   display, header_line, label_column, list);
      goto fail;
    }
  if (n_cols < 2)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("The header of “%s” (line %u) has only the column “%s”: a dataset needs a "
                     "label column and at least one feature column, separated by commas"),
                   display, header_line, header[0]);
      goto fail;
    }

  label_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  label_infos = g_ptr_array_new_with_free_func (g_free);
  row_labels = g_array_new (FALSE, FALSE, sizeof (float));

  while (csv_next_record (&c, &line, error))
    {
      const char *label = csv_cell (&c, label_col);
      float y;

      if (c.starts->len != n_cols)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                       _("Line %u of “%s” has %u columns, but the header (line %u) has %u"),
                       line, display, c.starts->len, header_line, n_cols);
          goto fail;
        }
      for (guint i = 0; i < n_cols; i++)
        {
          double v = 0;

          if (i == label_col)
            continue;
          if (!cell_error (parse_number (csv_cell (&c, i), &v), display, line, header[i],
                           csv_cell (&c, i), error) ||
              !float_buf_push (&xs, (float) v, display, error))
            goto fail;
        }

      if (classification)
        {
          gpointer id;

          if (*label == '\0')
            {
              cell_error (CELL_EMPTY, display, line, header[label_col], label, error);
              goto fail;
            }
          if (!g_hash_table_lookup_extended (label_ids, label, NULL, &id))
            {
              LabelInfo *li = g_new0 (LabelInfo, 1);
              char *key = g_strdup (label);

              li->text = key;
              li->first_line = line;
              li->temp = label_infos->len;
              id = GUINT_TO_POINTER (li->temp);
              g_ptr_array_add (label_infos, li);
              g_hash_table_insert (label_ids, key, id);
            }
          y = (float) GPOINTER_TO_UINT (id);
        }
      else
        {
          double v = 0;

          if (!cell_error (parse_number (label, &v), display, line, header[label_col], label,
                           error))
            goto fail;
          y = (float) v;
        }
      g_array_append_val (row_labels, y);
      n++;
    }
  if (error != NULL && *error != NULL)
    goto fail;
  if (n == 0)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("“%s” has a header (line %u) but no samples: add one line per sample"),
                   display, header_line);
      goto fail;
    }

  if (classification)
    {
      remap = g_new0 (guint, label_infos->len);
      class_names = assign_classes (label_infos, remap, &n_classes, display, header[label_col],
                                    error);
      if (class_names == NULL)
        goto fail;
      for (gsize i = 0; i < n; i++)
        g_array_index (row_labels, float, i) = remap[(guint) g_array_index (row_labels, float, i)];
    }

  basename = g_path_get_basename (path);
  shape = lab_shape_flat (n_cols - 1);
  data = lab_dataset_new (basename, n, &shape, 1, n_classes, error);
  if (data == NULL)
    goto fail;
  memcpy (data->x, xs.data, xs.len * sizeof (float));
  memcpy (data->y, row_labels->data, n * sizeof (float));
  data->class_names = g_steal_pointer (&class_names);
  data->feature_names = g_new0 (char *, n_cols);
  for (guint i = 0, j = 0; i < n_cols; i++)
    if (i != label_col)
      data->feature_names[j++] = g_strdup (header[i]);

fail:
  g_free (xs.data);
  g_string_free (c.cells, TRUE);
  g_array_unref (c.starts);
  return g_steal_pointer (&data);
}

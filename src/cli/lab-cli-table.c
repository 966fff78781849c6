/* lab-cli-table.c: tables with aligned columns, for info, evaluate and gradcheck
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-cli"

#include <glib.h>

#include "lab-cli.h"

struct LabCliTable
{
  guint      n_columns;
  guint64    right_aligned;   /* bit c: column c is numeric */
  GPtrArray *rows;            /* GStrv, or NULL for a rule */
  GPtrArray *notes;           /* after row i: a line of its own, or NULL */
};

LabCliTable *
lab_cli_table_new (guint   n_columns,
                   guint64 right_aligned)
{
  LabCliTable *t = g_new0 (LabCliTable, 1);

  t->n_columns = n_columns;
  t->right_aligned = right_aligned;
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  t->notes = g_ptr_array_new_with_free_func (g_free);
  return t;
}

void
lab_cli_table_free (LabCliTable *t)
{
  g_ptr_array_unref (t->rows);
  g_ptr_array_unref (t->notes);
  g_free (t);
}

void
lab_cli_table_take_row (LabCliTable  *t,
                        char        **row)
{
  g_ptr_array_add (t->rows, row);
  g_ptr_array_add (t->notes, NULL);
}

void
lab_cli_table_add (LabCliTable *t,
                   ...)
{
  char **row = g_new0 (char *, t->n_columns + 1);
  va_list ap;

  va_start (ap, t);
  for (guint c = 0; c < t->n_columns; c++)
    row[c] = va_arg (ap, char *);
  va_end (ap);
  lab_cli_table_take_row (t, row);
}

void
lab_cli_table_rule (LabCliTable *t)
{
  g_ptr_array_add (t->rows, NULL);
  g_ptr_array_add (t->notes, NULL);
}

void
lab_cli_table_note (LabCliTable *t,
                    const char  *note)
{
  g_free (t->notes->pdata[t->notes->len - 1]);
  t->notes->pdata[t->notes->len - 1] = g_strdup (note);
}

void
lab_cli_table_print (LabCliTable *t)
{
  g_autofree int *width = g_new0 (int, t->n_columns);
  int total = 0;

  for (guint r = 0; r < t->rows->len; r++)
    {
      char **row = g_ptr_array_index (t->rows, r);

      for (guint c = 0; row != NULL && c < t->n_columns; c++)
        width[c] = MAX (width[c], (int) g_utf8_strlen (row[c], -1));
    }
  for (guint c = 0; c < t->n_columns; c++)
    total += width[c] + (c > 0 ? 2 : 0);

  for (guint r = 0; r < t->rows->len; r++)
    {
      char **row = g_ptr_array_index (t->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      if (row == NULL)
        {
          for (int i = 0; i < total; i++)
            g_string_append_c (line, '-');
        }
      else
        for (guint c = 0; c < t->n_columns; c++)
          {
            int pad = width[c] - (int) g_utf8_strlen (row[c], -1);
            gboolean right = (t->right_aligned >> c) & 1;

            if (c > 0)
              g_string_append (line, "  ");
            if (right)
              for (int i = 0; i < pad; i++)
                g_string_append_c (line, ' ');
            g_string_append (line, row[c]);
            if (!right && c + 1 < t->n_columns)
              for (int i = 0; i < pad; i++)
                g_string_append_c (line, ' ');
          }
      g_print ("%s\n", line->str);
      if (g_ptr_array_index (t->notes, r) != NULL)
        g_print ("    ↳ %s\n", (char *) g_ptr_array_index (t->notes, r));
    }
}

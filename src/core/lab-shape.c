/* lab-shape.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-shape"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lab-types.h"

LabShape
lab_shape_make (guint ndim,
                ...)
{
  LabShape shape = { 0 };
  va_list ap;

  g_return_val_if_fail (ndim <= LAB_MAX_DIMS, shape);

  shape.ndim = ndim;
  va_start (ap, ndim);
  for (guint i = 0; i < ndim; i++)
    shape.dims[i] = va_arg (ap, guint);
  va_end (ap);

  return shape;
}

LabShape
lab_shape_flat (gsize n)
{
  return lab_shape_make (1, (guint) n);
}

gsize
lab_shape_size (const LabShape *shape)
{
  gsize n = 1;

  if (shape->ndim == 0)
    return 0;
  for (guint i = 0; i < shape->ndim; i++)
    n *= shape->dims[i];
  return n;
}

gboolean
lab_shape_equal (const LabShape *a,
                 const LabShape *b)
{
  if (a->ndim != b->ndim)
    return FALSE;
  for (guint i = 0; i < a->ndim; i++)
    if (a->dims[i] != b->dims[i])
      return FALSE;
  return TRUE;
}

char *
lab_shape_to_string (const LabShape *shape)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < shape->ndim; i++)
    g_string_append_printf (s, i ? "×%u" : "%u", shape->dims[i]);
  return g_string_free (s, FALSE);
}

gboolean
lab_shape_parse (const char *text,
                 LabShape   *shape)
{
  LabShape parsed = { 0 };
  const char *p = text;

  if (text == NULL)
    return FALSE;

  while (*p == ' ')
    p++;
  while (*p != '\0')
    {
      char *end = NULL;
      guint64 v;

      if (parsed.ndim == LAB_MAX_DIMS || !g_ascii_isdigit (*p))
        return FALSE;
      v = g_ascii_strtoull (p, &end, 10);
      if (v == 0 || v > G_MAXINT)
        return FALSE;
      parsed.dims[parsed.ndim++] = (guint) v;
      p = end;
      while (*p == ' ')
        p++;
      if (*p == '\0')
        break;
      if (*p == 'x' || *p == 'X' || *p == ',' || *p == '*')
        p++;
      else if (strncmp (p, "×", strlen ("×")) == 0)
        p += strlen ("×");
      else
        return FALSE;
      while (*p == ' ')
        p++;
      if (*p == '\0')
        return FALSE;
    }
  if (parsed.ndim == 0)
    return FALSE;
  *shape = parsed;
  return TRUE;
}

/* lab-hparam.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-hparam"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-error.h"
#include "lab-hparam.h"

void
lab_hparams_defaults (const LabHParamSpec *specs,
                      guint                n_specs,
                      LabHValue           *values)
{
  for (guint i = 0; i < n_specs; i++)
    {
      memset (&values[i], 0, sizeof values[i]);
      values[i].v = specs[i].def;
      if (specs[i].kind == LAB_HP_SHAPE && !lab_shape_parse (specs[i].def_shape, &values[i].shape))
        g_critical ("Bad default shape “%s” for “%s”", specs[i].def_shape, specs[i].key);
    }
}

int
lab_hparams_find (const LabHParamSpec *specs,
                  guint                n_specs,
                  const char          *key)
{
  for (guint i = 0; i < n_specs; i++)
    if (g_strcmp0 (specs[i].key, key) == 0)
      return (int) i;
  return -1;
}

static guint
n_choices (const LabHParamSpec *spec)
{
  return spec->choices ? g_strv_length ((char **) spec->choices) : 0;
}

gboolean
lab_hparam_check (const LabHParamSpec *spec,
                  const LabHValue     *value,
                  const char          *node_name,
                  GError             **error)
{
  switch (spec->kind)
    {
    case LAB_HP_INT:
    case LAB_HP_FLOAT:
      if (!isfinite (value->v) || value->v < spec->min || value->v > spec->max)
        {
          g_autofree char *lo = g_strdup_printf ("%g", spec->min);
          g_autofree char *hi = g_strdup_printf ("%g", spec->max);

          g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                       _("Layer “%s”: %s is %g, but must be between %s and %s"),
                       node_name, _(spec->label), value->v, lo, hi);
          return FALSE;
        }
      if (spec->kind == LAB_HP_INT && value->v != floor (value->v))
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                       _("Layer “%s”: %s must be a whole number, not %g"),
                       node_name, _(spec->label), value->v);
          return FALSE;
        }
      return TRUE;

    case LAB_HP_BOOL:
      return TRUE;

    case LAB_HP_CHOICE:
      if (value->v < 0 || value->v >= n_choices (spec) || value->v != floor (value->v))
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                       _("Layer “%s”: %s has no option number %g"),
                       node_name, _(spec->label), value->v);
          return FALSE;
        }
      return TRUE;

    case LAB_HP_SHAPE:
      if (value->shape.ndim == 0 || value->shape.ndim > 3 || lab_shape_size (&value->shape) == 0)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                       _("Layer “%s”: %s must have one to three positive sizes, such as 784 or 1×28×28"),
                       node_name, _(spec->label));
          return FALSE;
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

gboolean
lab_hparam_parse (const LabHParamSpec *spec,
                  const char          *text,
                  const char          *node_name,
                  LabHValue           *value,
                  GError             **error)
{
  LabHValue parsed = { 0 };
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  char *end = NULL;

  switch (spec->kind)
    {
    case LAB_HP_INT:
    case LAB_HP_FLOAT:
      parsed.v = g_ascii_strtod (stripped, &end);
      if (*stripped == '\0' || end == NULL || *end != '\0')
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                       _("Layer “%s”: %s must be a number, not “%s”"),
                       node_name, _(spec->label), stripped);
          return FALSE;
        }
      break;

    case LAB_HP_BOOL:
      if (g_ascii_strcasecmp (stripped, "true") == 0 || g_ascii_strcasecmp (stripped, "yes") == 0 ||
          g_ascii_strcasecmp (stripped, "on") == 0 || strcmp (stripped, "1") == 0)
        parsed.v = 1;
      else if (g_ascii_strcasecmp (stripped, "false") == 0 || g_ascii_strcasecmp (stripped, "no") == 0 ||
               g_ascii_strcasecmp (stripped, "off") == 0 || strcmp (stripped, "0") == 0)
        parsed.v = 0;
      else
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                       _("Layer “%s”: %s must be true or false, not “%s”"),
                       node_name, _(spec->label), stripped);
          return FALSE;
        }
      break;

    case LAB_HP_CHOICE:
      {
        int found = -1;

        for (guint i = 0; spec->choices[i] != NULL; i++)
          if (g_ascii_strcasecmp (spec->choices[i], stripped) == 0)
            found = (int) i;
        if (found < 0)
          {
            g_autofree char *options = g_strjoinv (", ", (char **) spec->choices);

            g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                         _("Layer “%s”: %s cannot be “%s”; choose one of %s"),
                         node_name, _(spec->label), stripped, options);
            return FALSE;
          }
        parsed.v = found;
      }
      break;

    case LAB_HP_SHAPE:
      if (!lab_shape_parse (stripped, &parsed.shape))
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                       _("Layer “%s”: %s “%s” is not a shape such as 784 or 1×28×28"),
                       node_name, _(spec->label), stripped);
          return FALSE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  if (!lab_hparam_check (spec, &parsed, node_name, error))
    return FALSE;
  *value = parsed;
  return TRUE;
}

char *
lab_hparam_to_string (const LabHParamSpec *spec,
                      const LabHValue     *value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (spec->kind)
    {
    case LAB_HP_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value->v);
    case LAB_HP_FLOAT:
      /* The shortest text that reads back as the same number: "0.01", not "0.0100000000000000002",
       * and 0.123456789 whole, where %g would have kept six digits and saved another value. */
      for (int digits = 6; digits <= 17; digits++)
        {
          char format[8];

          g_snprintf (format, sizeof format, "%%.%dg", digits);
          g_ascii_formatd (buf, sizeof buf, format, value->v);
          if (g_ascii_strtod (buf, NULL) == value->v)
            break;
        }
      return g_strdup (buf);
    case LAB_HP_BOOL:
      return g_strdup (value->v != 0 ? "true" : "false");
    case LAB_HP_CHOICE:
      if (value->v >= 0 && value->v < n_choices (spec))
        return g_strdup (spec->choices[(int) value->v]);
      return g_strdup ("?");
    case LAB_HP_SHAPE:
      return lab_shape_to_string (&value->shape);
    default:
      g_assert_not_reached ();
    }
}

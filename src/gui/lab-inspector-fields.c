/* lab-inspector-fields.c: the controls the inspector's pages build their rows from, and how
 * they show numbers
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spin buttons whose range, step and digits follow a setting's spec (log steps for learning
 * rates), rows with a tooltip that teaches, and the formats of counts, FLOPs and bytes.
 */
#define G_LOG_DOMAIN "lab-inspector"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lab-inspector-private.h"

/* ---- pure helpers --------------------------------------------------------------------- */

char *
lab_format_count (guint64 n)
{
  char digits[32];
  GString *out = g_string_new (NULL);
  int len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);

  for (int i = 0; i < len; i++)
    {
      /* translators: the thousands separator in parameter counts such as 235,146 */
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, C_("thousands separator", ","));
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
lab_format_flops (guint64 flops)
{
  static const char * const units[] = { N_("FLOPs"), N_("kFLOPs"), N_("MFLOPs"), N_("GFLOPs"), N_("TFLOPs") };
  double v = (double) flops;
  guint u = 0;

  while (v >= 999.95 && u + 1 < G_N_ELEMENTS (units))
    {
      v /= 1000.0;
      u++;
    }
  if (u == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "\u00a0%s", flops, _(units[0]));
  /* One decimal below 100 ("1.2 MFLOPs"), none above ("235 MFLOPs"); a no-break space, as
   * g_format_size() uses, keeps number and unit on one line. */
  return g_strdup_printf (v < 99.95 ? "%.1f\u00a0%s" : "%.0f\u00a0%s", v, _(units[u]));
}

char *
lab_format_bytes (guint64 bytes)
{
  return g_format_size (bytes);
}

double
lab_spin_log_step (double value,
                   double fallback)
{
  double mag;

  if (!isfinite (value) || value == 0.0)
    return fallback;
  /* 0.99 so that a power of ten steps down by a tenth of itself: 0.01 → 0.001. */
  mag = floor (log10 (fabs (value) * 0.99));
  return pow (10.0, mag);
}

guint
lab_spin_digits_for (double value,
                     double step,
                     guint  min_digits,
                     guint  max_digits)
{
  int digits = (int) min_digits;

  if (step > 0.0 && step < 1.0)
    digits = MAX (digits, (int) ceil (-log10 (step) - 1e-9));
  if (isfinite (value) && value != 0.0 && fabs (value) < 1.0)
    digits = MAX (digits, (int) ceil (-log10 (fabs (value)) - 1e-9) + 1);
  return (guint) CLAMP (digits, (int) min_digits, (int) max_digits);
}

void
lab_spin_params_for_hparam (const LabHParamSpec *spec,
                            double               value,
                            LabSpinParams       *params)
{
  g_return_if_fail (spec != NULL && params != NULL);

  params->lower = spec->min;
  params->upper = spec->max;
  if (spec->kind == LAB_HP_INT)
    {
      params->step = 1.0;
      /* A page of a tenth of the range, in a round number: 64 units → 8, 4096 → 512. */
      params->page = MAX (1.0, pow (2.0, floor (log2 (MAX (1.0, (spec->max - spec->min) / 10.0)))));
      params->digits = 0;
      return;
    }

  /* Floats: steps follow the value's magnitude; a rate near 0.01 moves by 0.001. */
  {
    double fallback = spec->def > 0.0 ? lab_spin_log_step (spec->def, 0.01) : (spec->max - spec->min) / 100.0;
    double step = lab_spin_log_step (value, fallback);

    /* Never more than the range's own decade: 0.1 for a rate in 0…0.95. */
    if (spec->max - spec->min > 0.0)
      step = MIN (step, pow (10.0, floor (log10 (spec->max - spec->min))));
    params->step = step;
    params->page = step * 10.0;
    params->digits = lab_spin_digits_for (value, step, 2,  8);
    params->digits = MAX (params->digits, lab_spin_digits_for (spec->def, 0.0, 2, 8));
  }
}

/* ---- row builders --------------------------------------------------------------------- */

GtkWidget *
lab_inspector_spin_new (double      lower,
                        double      upper,
                        double      step,
                        guint       digits)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 7);
  /* A typed value becomes an undoable edit of the model once applied; the text's own undo
   * would take Ctrl+Z from the window and turn "undo" into yet another edit. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (spin), FALSE);
  return spin;
}

GtkWidget *
lab_inspector_row_new (const char *title,
                       const char *tooltip,
                       GtkWidget  *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (row, tooltip);
  if (suffix != NULL)
    {
      /* The activatable widget is labelled by the row's title: its accessible name is the
       * title, without setting it twice (GTK would read "Units Units"). */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), suffix);
    }
  return row;
}

GtkWidget *
lab_inspector_switch_row_new (const char  *title,
                              const char  *tooltip,
                              GtkWidget  **out_switch)
{
  GtkWidget *sw = gtk_switch_new ();

  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  *out_switch = sw;
  return lab_inspector_row_new (title, tooltip, sw);
}

GtkWidget *
lab_inspector_value_row_new (const char  *title,
                             const char  *tooltip,
                             GtkWidget  **out_value)
{
  GtkWidget *value = gtk_label_new (NULL);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (row, tooltip);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (value, "dim-label");
  gtk_widget_add_css_class (value, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  *out_value = value;
  return row;
}

void
lab_inspector_set_error (GtkWidget  *control,
                         const char *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (control, "error");
  else
    gtk_widget_remove_css_class (control, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message != NULL ? message : "", -1);
}

char *
lab_format_spin_value (double value,
                       guint  digits)
{
  char format[16];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *text;
  gsize len;

  /* Below 0.0001 the zeros are unreadable in a spin button: 1e-08 instead. */
  if (value != 0.0 && fabs (value) < 1e-4)
    return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", value));
  g_snprintf (format, sizeof format, "%%.%uf", MIN (digits, 12u));
  text = g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
  if (strchr (text, '.') != NULL)
    {
      len = strlen (text);
      while (len > 0 && text[len - 1] == '0')
        text[--len] = '\0';
      if (len > 0 && text[len - 1] == '.')
        text[--len] = '\0';
    }
  if (strcmp (text, "-0") == 0)
    text[0] = '0', text[1] = '\0';
  return text;
}

static gboolean
on_spin_output_cb (GtkSpinButton *spin,
                   gpointer       user_data)
{
  g_autofree char *text = lab_format_spin_value (gtk_spin_button_get_value (spin),
                                                 gtk_spin_button_get_digits (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_spin_input_cb (GtkSpinButton *spin,
                  double        *new_value,
                  gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end == text || !isfinite (v))
    return GTK_INPUT_ERROR;
  while (*end == ' ')
    end++;
  if (*end != '\0')
    return GTK_INPUT_ERROR;
  *new_value = v;
  return TRUE;
}

void
lab_inspector_spin_use_plain_format (GtkWidget *spin)
{
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_spin_input_cb), NULL);
}

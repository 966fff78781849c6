/* lab-sample-strip.c: a horizontal strip of dataset samples to pick one from
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-inside"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-sample-strip.h"

#define THUMB 56

struct _LabSampleStrip
{
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkWidget *box;
  LabShape   shape;
  gsize      x_dim;
  guint      n;
  float     *x;          /* (n, x_dim) */
  guint     *classes;    /* (n); G_MAXUINT without classes */
  gsize     *indices;    /* (n) in the dataset */
  guint      selected;
  gboolean   syncing;
};

G_DEFINE_FINAL_TYPE (LabSampleStrip, lab_sample_strip, GTK_TYPE_WIDGET)

enum { SAMPLE_SELECTED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* libadwaita's palette: blue, orange, green, purple, red, yellow, brown, light blue, dark green,
 * pink; shade 3 on dark backgrounds, 4–5 on light ones so small marks keep their contrast. */
GdkRGBA
lab_class_color (guint    k,
                 gboolean dark)
{
  static const char *light[] = { "#1c71d8", "#e66100", "#26a269", "#813d9c", "#c01c28",
                                 "#c88800", "#865e3c", "#3584e4", "#1a5fb4", "#9141ac" };
  static const char *darkc[] = { "#62a0ea", "#ffa348", "#57e389", "#c061cb", "#f66151",
                                 "#f8e45c", "#cdab8f", "#99c1f1", "#8ff0a4", "#dc8add" };
  GdkRGBA c;

  gdk_rgba_parse (&c, (dark ? darkc : light)[k % G_N_ELEMENTS (light)]);
  return c;
}

void
lab_widget_fg_color (GtkWidget *widget,
                     GdkRGBA   *out)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), out);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

gboolean
lab_widget_lookup_color (GtkWidget  *widget,
                         const char *name,
                         GdkRGBA    *out)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  return gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, out);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

guint
lab_sample_strip_pick (const LabDataset *data,
                       guint             max,
                       guint32          *indices)
{
  g_autofree gsize *next = NULL;
  guint n = 0;
  gboolean progress = TRUE;

  if (data == NULL || data->n == 0 || max == 0)
    return 0;
  if (data->n_classes == 0 || data->y_dim != 1)
    {
      for (n = 0; n < MIN ((gsize) max, data->n); n++)
        indices[n] = n;
      return n;
    }
  /* For each class, the position to look for its next sample from. */
  next = g_new0 (gsize, data->n_classes);
  while (n < max && progress)
    {
      progress = FALSE;
      for (guint c = 0; c < data->n_classes && n < max; c++)
        {
          while (next[c] < data->n && (guint) data->y[next[c]] != c)
            next[c]++;
          if (next[c] < data->n)
            {
              indices[n++] = (guint32) next[c]++;
              progress = TRUE;
            }
        }
    }
  return n;
}

void
lab_draw_image_sample (cairo_t        *cr,
                       const float    *x,
                       const LabShape *shape,
                       double          size,
                       const GdkRGBA  *bg,
                       const GdkRGBA  *fg)
{
  guint C = shape->ndim == 3 ? shape->dims[0] : 1;
  guint H = shape->ndim == 3 ? shape->dims[1] : 1;
  guint W = shape->ndim == 3 ? shape->dims[2] : shape->dims[0];
  gsize plane = (gsize) H * W;
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  guint32 *pix = (guint32 *) (void *) cairo_image_surface_get_data (img);
  int stride = cairo_image_surface_get_stride (img) / 4;
  float lo = INFINITY, hi = -INFINITY;

  /* Scaled data (z-scores) is no longer in [0, 1]: stretch the sample's own range. */
  for (gsize i = 0; i < plane * C; i++)
    if (isfinite (x[i]))
      {
        lo = MIN (lo, x[i]);
        hi = MAX (hi, x[i]);
      }
  if (!(hi > lo))
    {
      lo = 0;
      hi = 1;
    }
  cairo_surface_flush (img);
  for (guint r = 0; r < H; r++)
    for (guint c = 0; c < W; c++)
      {
        double rgb[3];

        for (guint k = 0; k < 3; k++)
          {
            double v = 0;

            if (C == 3)
              v = x[k * plane + r * W + c];
            else
              {
                for (guint ch = 0; ch < C; ch++)
                  v += x[ch * plane + r * W + c];
                v /= C;
              }
            v = CLAMP ((v - lo) / (hi - lo), 0, 1);
            if (C == 3)
              rgb[k] = v;
            else
              rgb[k] = k == 0 ? bg->red + (fg->red - bg->red) * v
                     : k == 1 ? bg->green + (fg->green - bg->green) * v
                              : bg->blue + (fg->blue - bg->blue) * v;
          }
        pix[r * stride + c] = ((guint32) lround (rgb[0] * 255) << 16) |
                              ((guint32) lround (rgb[1] * 255) << 8) |
                              (guint32) lround (rgb[2] * 255);
      }
  cairo_surface_mark_dirty (img);
  cairo_save (cr);
  cairo_scale (cr, size / MAX (W, H), size / MAX (W, H));
  cairo_set_source_surface (cr, img, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (img);
}

static gboolean
is_image (LabSampleStrip *self)
{
  return self->shape.ndim == 3;
}

static void
draw_thumb (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  LabSampleStrip *self = LAB_SAMPLE_STRIP (gtk_widget_get_ancestor (GTK_WIDGET (area), LAB_TYPE_SAMPLE_STRIP));
  guint i = GPOINTER_TO_UINT (user_data);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA fg, bg;

  if (self == NULL || i >= self->n)
    return;
  lab_widget_fg_color (GTK_WIDGET (area), &fg);
  if (is_image (self))
    {
      bg = dark ? (GdkRGBA) { 0.12, 0.12, 0.12, 1 } : (GdkRGBA) { 1, 1, 1, 1 };
      lab_draw_image_sample (cr, self->x + (gsize) i * self->x_dim, &self->shape,
                             MIN (width, height), &bg, &fg);
      return;
    }
  /* A point in its class colour. */
  {
    GdkRGBA c = self->classes[i] != G_MAXUINT ? lab_class_color (self->classes[i], dark) : fg;

    cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1, 0, 2 * G_PI);
    gdk_cairo_set_source_rgba (cr, &c);
    cairo_fill (cr);
  }
}

static void
on_toggled_cb (GtkToggleButton *button,
               LabSampleStrip  *self)
{
  if (self->syncing || !gtk_toggle_button_get_active (button))
    return;
  self->selected = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "sample"));
  g_signal_emit (self, signals[SAMPLE_SELECTED], 0);
}

static char *
feature_text (LabSampleStrip *self,
              guint           i)
{
  GString *s = g_string_new (NULL);
  const float *x = self->x + (gsize) i * self->x_dim;

  for (gsize k = 0; k < MIN (self->x_dim, (gsize) 3); k++)
    g_string_append_printf (s, "%s%.2f", k ? ", " : "", x[k]);
  if (self->x_dim > 3)
    g_string_append (s, ", …");
  return g_string_free (s, FALSE);
}

static void
rebuild (LabSampleStrip  *self,
         const LabDataset *data)
{
  GtkWidget *child;
  GtkToggleButton *group = NULL;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);

  for (guint i = 0; i < self->n; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (is_image (self) ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *thumb = gtk_drawing_area_new ();
      g_autofree char *features = is_image (self) ? NULL : feature_text (self, i);
      const char *cls = self->classes[i] != G_MAXUINT && data->class_names != NULL
                        ? data->class_names[self->classes[i]] : NULL;
      g_autofree char *cls_num = self->classes[i] != G_MAXUINT && cls == NULL
                                 ? g_strdup_printf (_("Class %u"), self->classes[i]) : NULL;
      g_autofree char *tip = NULL;
      GtkWidget *label;

      if (cls == NULL)
        cls = cls_num;
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (thumb), is_image (self) ? THUMB : 12);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (thumb), is_image (self) ? THUMB : 12);
      gtk_widget_set_valign (thumb, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (thumb), draw_thumb, GUINT_TO_POINTER (i), NULL);
      gtk_box_append (GTK_BOX (box), thumb);
      label = gtk_label_new (is_image (self) ? cls : features);
      /* No ellipsis: the strip scrolls, and "…" would say nothing. */
      gtk_widget_add_css_class (label, "caption");
      if (!is_image (self))
        gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), label);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "flat");
      if (cls != NULL)
        /* translators: a sample's tooltip: "Sample 12 · Sneaker\nClick to see…" */
        tip = g_strdup_printf (_("Sample %lu · %s\nClick to see how the network "
                                 "processes it, layer by layer"), (gulong) self->indices[i] + 1, cls);
      else
        tip = g_strdup_printf (_("Sample %lu\nClick to see how the network "
                                 "processes it, layer by layer"), (gulong) self->indices[i] + 1);
      gtk_widget_set_tooltip_text (button, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      g_object_set_data (G_OBJECT (button), "sample", GUINT_TO_POINTER (i));
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      self->syncing = TRUE;
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), i == self->selected);
      self->syncing = FALSE;
      g_signal_connect (button, "toggled", G_CALLBACK (on_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->box), button);
    }
}

void
lab_sample_strip_set_dataset (LabSampleStrip   *self,
                              const LabDataset *data,
                              guint             max_samples)
{
  g_autofree guint32 *picked = NULL;

  g_return_if_fail (LAB_IS_SAMPLE_STRIP (self));

  g_clear_pointer (&self->x, g_free);
  g_clear_pointer (&self->classes, g_free);
  g_clear_pointer (&self->indices, g_free);
  self->n = 0;
  self->selected = 0;
  if (data != NULL && data->n > 0)
    {
      picked = g_new (guint32, max_samples);
      self->n = lab_sample_strip_pick (data, max_samples, picked);
      self->shape = data->x_shape;
      self->x_dim = data->x_dim;
      self->x = g_new (float, (gsize) self->n * data->x_dim);
      self->classes = g_new (guint, self->n);
      self->indices = g_new (gsize, self->n);
      for (guint i = 0; i < self->n; i++)
        {
          memcpy (self->x + (gsize) i * data->x_dim, data->x + (gsize) picked[i] * data->x_dim,
                  data->x_dim * sizeof (float));
          self->classes[i] = data->n_classes > 0 && data->y_dim == 1
                             ? (guint) data->y[picked[i]] : G_MAXUINT;
          self->indices[i] = picked[i];
        }
    }
  rebuild (self, data);
  g_signal_emit (self, signals[SAMPLE_SELECTED], 0);
}

const float *
lab_sample_strip_get_selected (LabSampleStrip *self)
{
  g_return_val_if_fail (LAB_IS_SAMPLE_STRIP (self), NULL);

  return self->n > 0 ? self->x + (gsize) self->selected * self->x_dim : NULL;
}

guint
lab_sample_strip_get_selected_class (LabSampleStrip *self)
{
  g_return_val_if_fail (LAB_IS_SAMPLE_STRIP (self), G_MAXUINT);

  return self->n > 0 ? self->classes[self->selected] : G_MAXUINT;
}

gsize
lab_sample_strip_get_selected_index (LabSampleStrip *self)
{
  g_return_val_if_fail (LAB_IS_SAMPLE_STRIP (self), 0);

  return self->n > 0 ? self->indices[self->selected] : 0;
}

guint
lab_sample_strip_get_n_samples (LabSampleStrip *self)
{
  g_return_val_if_fail (LAB_IS_SAMPLE_STRIP (self), 0);

  return self->n;
}

static void
lab_sample_strip_dispose (GObject *object)
{
  LabSampleStrip *self = LAB_SAMPLE_STRIP (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (lab_sample_strip_parent_class)->dispose (object);
}

static void
lab_sample_strip_finalize (GObject *object)
{
  LabSampleStrip *self = LAB_SAMPLE_STRIP (object);

  g_free (self->x);
  g_free (self->classes);
  g_free (self->indices);
  G_OBJECT_CLASS (lab_sample_strip_parent_class)->finalize (object);
}

static void
lab_sample_strip_class_init (LabSampleStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_sample_strip_dispose;
  object_class->finalize = lab_sample_strip_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  signals[SAMPLE_SELECTED] =
    g_signal_new ("sample-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lab_sample_strip_init (LabSampleStrip *self)
{
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (self->box, 6);
  gtk_widget_set_margin_end (self->box, 6);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->box);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Samples to inspect"), -1);
}

GtkWidget *
lab_sample_strip_new (void)
{
  return g_object_new (LAB_TYPE_SAMPLE_STRIP, NULL);
}

/* lab-decision-view.c: a 2-D classifier's decision boundary with the data on top
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

#include "lab-decision-view.h"
#include "lab-sample-strip.h"

struct _LabDecisionView
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkWidget       *area;
  GtkWidget       *legend;
  LabDecisionGrid *grid;
  float           *points;   /* (n_points, 2) */
  guint           *labels;   /* (n_points) */
  gsize            n_points;
};

G_DEFINE_FINAL_TYPE (LabDecisionView, lab_decision_view, GTK_TYPE_WIDGET)

void
lab_decision_cell_color (const float   *probs,
                         guint          n_classes,
                         gboolean       dark,
                         const GdkRGBA *bg,
                         GdkRGBA       *out)
{
  double r = 0, g = 0, b = 0, pmax = 0, sum = 0, conf, a;

  for (guint k = 0; k < n_classes; k++)
    {
      GdkRGBA c = lab_class_color (k, dark);
      double p = isfinite (probs[k]) ? CLAMP (probs[k], 0, 1) : 0;

      r += p * c.red;
      g += p * c.green;
      b += p * c.blue;
      sum += p;
      pmax = MAX (pmax, p);
    }
  if (sum > 0)
    {
      r /= sum;
      g /= sum;
      b /= sum;
      pmax /= sum;
    }
  /* 0 where every class is equally likely, 1 where one is certain. */
  conf = n_classes > 1 ? CLAMP ((pmax - 1.0 / n_classes) / (1 - 1.0 / n_classes), 0, 1) : 1;
  /* Light enough for the points to stand out on it, in either scheme. */
  a = (dark ? 0.55 : 0.45) * conf;
  out->red = bg->red + (r - bg->red) * a;
  out->green = bg->green + (g - bg->green) * a;
  out->blue = bg->blue + (b - bg->blue) * a;
  out->alpha = 1;
}

void
lab_draw_decision_map (cairo_t               *cr,
                       const LabDecisionGrid *grid,
                       const float           *points,
                       const guint           *labels,
                       gsize                  n_points,
                       double                 width,
                       double                 height,
                       gboolean               dark,
                       const GdkRGBA         *bg,
                       const GdkRGBA         *fg,
                       double                 rect[4])
{
  double aspect = 1, w, h, x0, y0, sx, sy;
  cairo_surface_t *img;
  GdkRGBA frame = *fg;

  if (grid != NULL && grid->y_max > grid->y_min)
    aspect = (grid->x_max - grid->x_min) / (grid->y_max - grid->y_min);
  w = MIN (width, height * aspect);
  h = w / aspect;
  x0 = floor ((width - w) / 2);
  y0 = floor ((height - h) / 2);
  rect[0] = x0;
  rect[1] = y0;
  rect[2] = w;
  rect[3] = h;
  if (grid == NULL)
    return;

  img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, grid->grid, grid->grid);
  {
    guint32 *pix = (guint32 *) (void *) cairo_image_surface_get_data (img);
    int stride = cairo_image_surface_get_stride (img) / 4;

    cairo_surface_flush (img);
    for (guint j = 0; j < grid->grid; j++)
      for (guint i = 0; i < grid->grid; i++)
        {
          GdkRGBA c;

          lab_decision_cell_color (grid->probs + ((gsize) j * grid->grid + i) * grid->n_classes,
                                   grid->n_classes, dark, bg, &c);
          /* Row j holds y from the bottom up; images go top down. */
          pix[(grid->grid - 1 - j) * stride + i] = ((guint32) lround (c.red * 255) << 16) |
                                                   ((guint32) lround (c.green * 255) << 8) |
                                                   (guint32) lround (c.blue * 255);
        }
    cairo_surface_mark_dirty (img);
  }
  cairo_save (cr);
  cairo_rectangle (cr, x0, y0, w, h);
  cairo_clip (cr);
  cairo_translate (cr, x0, y0);
  cairo_scale (cr, w / grid->grid, h / grid->grid);
  cairo_set_source_surface (cr, img, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (img);

  frame.alpha = 0.2;
  gdk_cairo_set_source_rgba (cr, &frame);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, x0 + 0.5, y0 + 0.5, w - 1, h - 1);
  cairo_stroke (cr);

  sx = w / (grid->x_max - grid->x_min);
  sy = h / (grid->y_max - grid->y_min);
  cairo_set_line_width (cr, 1.25);
  for (gsize p = 0; p < n_points; p++)
    {
      double px = x0 + (points[p * 2] - grid->x_min) * sx;
      double py = y0 + h - (points[p * 2 + 1] - grid->y_min) * sy;
      GdkRGBA c = lab_class_color (labels[p], dark);

      cairo_new_sub_path (cr);
      cairo_arc (cr, px, py, 3.5, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &c);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, bg);
      cairo_stroke (cr);
    }
}

static void
background (GtkWidget *widget,
            GdkRGBA   *bg)
{
  if (!lab_widget_lookup_color (widget, "card_bg_color", bg) || bg->alpha < 1)
    {
      gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

      /* card_bg_color is translucent in the dark scheme: the opaque colour it shows as. */
      *bg = dark ? (GdkRGBA) { 0.208, 0.208, 0.208, 1 } : (GdkRGBA) { 1, 1, 1, 1 };
    }
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  LabDecisionView *self = LAB_DECISION_VIEW (user_data);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA bg, fg;
  double rect[4];

  background (GTK_WIDGET (area), &bg);
  lab_widget_fg_color (GTK_WIDGET (area), &fg);
  lab_draw_decision_map (cr, self->grid, self->points, self->labels, self->n_points, width,
                         height, dark, &bg, &fg, rect);
}

/* A dot in a class colour; Pango wants #rrggbb, not CSS's rgb(). */
static char *
dot_markup (const GdkRGBA *c)
{
  return g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">●</span>",
                          (guint) lround (c->red * 255), (guint) lround (c->green * 255),
                          (guint) lround (c->blue * 255));
}

static void
rebuild_legend (LabDecisionView  *self,
                const LabDataset *data)
{
  GtkWidget *child;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  while ((child = gtk_widget_get_first_child (self->legend)) != NULL)
    gtk_box_remove (GTK_BOX (self->legend), child);
  for (guint k = 0; data != NULL && k < data->n_classes; k++)
    {
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *dot = gtk_label_new (NULL);
      GdkRGBA c = lab_class_color (k, dark);
      g_autofree char *markup = dot_markup (&c);
      g_autofree char *fallback = g_strdup_printf (_("Class %u"), k);

      gtk_label_set_markup (GTK_LABEL (dot), markup);
      gtk_box_append (GTK_BOX (item), dot);
      gtk_box_append (GTK_BOX (item), gtk_label_new (data->class_names ? data->class_names[k] : fallback));
      gtk_box_append (GTK_BOX (self->legend), item);
    }
}

void
lab_decision_view_set_points (LabDecisionView  *self,
                              const LabDataset *data,
                              gsize             max_points)
{
  g_return_if_fail (LAB_IS_DECISION_VIEW (self));

  g_clear_pointer (&self->points, g_free);
  g_clear_pointer (&self->labels, g_free);
  self->n_points = 0;
  if (data != NULL && data->x_dim == 2 && data->n_classes > 0 && data->y_dim == 1)
    {
      /* An even spread over the whole set rather than its first samples. */
      gsize step = MAX (1, (data->n + max_points - 1) / MAX (max_points, 1));

      self->points = g_new (float, (data->n / step + 1) * 2);
      self->labels = g_new (guint, data->n / step + 1);
      for (gsize i = 0; i < data->n; i += step)
        {
          memcpy (self->points + self->n_points * 2, data->x + i * 2, 2 * sizeof (float));
          self->labels[self->n_points++] = (guint) data->y[i];
        }
    }
  rebuild_legend (self, self->n_points > 0 ? data : NULL);
  gtk_widget_queue_draw (self->area);
}

void
lab_decision_view_set_grid (LabDecisionView *self,
                            LabDecisionGrid *grid)
{
  g_return_if_fail (LAB_IS_DECISION_VIEW (self));

  g_clear_pointer (&self->grid, lab_decision_grid_free);
  self->grid = grid;
  gtk_widget_queue_draw (self->area);
}

static void
on_dark_changed_cb (LabDecisionView *self)
{
  gtk_widget_queue_draw (self->area);
  /* The legend's dots take their colours from the scheme. */
  if (self->n_points > 0)
    {
      GtkWidget *item = gtk_widget_get_first_child (self->legend);
      gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

      for (guint k = 0; item != NULL; k++, item = gtk_widget_get_next_sibling (item))
        {
          GdkRGBA c = lab_class_color (k, dark);
          g_autofree char *markup = dot_markup (&c);

          gtk_label_set_markup (GTK_LABEL (gtk_widget_get_first_child (item)), markup);
        }
    }
}

static void
lab_decision_view_dispose (GObject *object)
{
  LabDecisionView *self = LAB_DECISION_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (lab_decision_view_parent_class)->dispose (object);
}

static void
lab_decision_view_finalize (GObject *object)
{
  LabDecisionView *self = LAB_DECISION_VIEW (object);

  g_clear_pointer (&self->grid, lab_decision_grid_free);
  g_free (self->points);
  g_free (self->labels);
  G_OBJECT_CLASS (lab_decision_view_parent_class)->finalize (object);
}

static void
lab_decision_view_class_init (LabDecisionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_decision_view_dispose;
  object_class->finalize = lab_decision_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lab_decision_view_init (LabDecisionView *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->area), 320);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->area), 320);
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  gtk_widget_set_tooltip_text (self->area,
                               _("The colour of each spot of the input plane is the class the "
                                 "network predicts there, stronger where it is sure; the pale "
                                 "seams are its decision boundaries. The dots are the data. A "
                                 "boundary that bends around single dots suggests overfitting."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Decision boundary over the input plane"), -1);
  self->legend = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_widget_set_halign (self->legend, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), self->area);
  gtk_box_append (GTK_BOX (self->box), self->legend);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_dark_changed_cb), self);
}

GtkWidget *
lab_decision_view_new (void)
{
  return g_object_new (LAB_TYPE_DECISION_VIEW, NULL);
}

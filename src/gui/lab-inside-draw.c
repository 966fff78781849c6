/* lab-inside-draw.c: colour maps, grid layouts and drawings shared by the Inside views
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions on a cairo_t, so that the tests draw them on image surfaces without a display.
 */
#define G_LOG_DOMAIN "lab-inside"

#include <math.h>

#include "lab-inside-draw.h"

#define MAP_TARGET 56.0

/* Colours */

void
lab_heat_color (double   t,
                GdkRGBA *out)
{
  /* Stops of matplotlib's viridis, which rises steadily in lightness. */
  static const double stops[][3] = {
    { 0.267, 0.005, 0.329 }, { 0.230, 0.322, 0.546 }, { 0.128, 0.567, 0.551 },
    { 0.369, 0.789, 0.383 }, { 0.993, 0.906, 0.144 },
  };
  double s, f;
  guint i;

  t = isfinite (t) ? CLAMP (t, 0, 1) : 0;
  s = t * (G_N_ELEMENTS (stops) - 1);
  i = MIN ((guint) s, G_N_ELEMENTS (stops) - 2);
  f = s - i;
  out->red = stops[i][0] + (stops[i + 1][0] - stops[i][0]) * f;
  out->green = stops[i][1] + (stops[i + 1][1] - stops[i][1]) * f;
  out->blue = stops[i][2] + (stops[i + 1][2] - stops[i][2]) * f;
  out->alpha = 1;
}

void
lab_diverging_color (double         t,
                     const GdkRGBA *mid,
                     gboolean       dark,
                     GdkRGBA       *out)
{
  /* libadwaita blue 3 / orange 3 on dark, blue 4 / orange 4 on light backgrounds. */
  GdkRGBA neg = dark ? (GdkRGBA) { 0.384, 0.627, 0.918, 1 } : (GdkRGBA) { 0.110, 0.443, 0.847, 1 };
  GdkRGBA pos = dark ? (GdkRGBA) { 1.000, 0.639, 0.282, 1 } : (GdkRGBA) { 0.902, 0.380, 0.000, 1 };
  const GdkRGBA *end;
  double a;

  t = isfinite (t) ? CLAMP (t, -1, 1) : 0;
  end = t < 0 ? &neg : &pos;
  a = fabs (t);
  out->red = mid->red + (end->red - mid->red) * a;
  out->green = mid->green + (end->green - mid->green) * a;
  out->blue = mid->blue + (end->blue - mid->blue) * a;
  out->alpha = 1;
}

void
lab_value_scale_fit (LabValueScale *scale,
                     const float   *values,
                     gsize          n)
{
  float lo = 0, hi = 0;

  for (gsize i = 0; i < n; i++)
    if (isfinite (values[i]))
      {
        lo = MIN (lo, values[i]);
        hi = MAX (hi, values[i]);
      }
  scale->diverging = lo < 0;
  if (scale->diverging)
    {
      float m = MAX (-lo, hi);

      scale->lo = -m;
      scale->hi = m;
    }
  else
    {
      scale->lo = 0;
      scale->hi = hi;
    }
  if (!(scale->hi > scale->lo))
    scale->hi = scale->lo + 1;
}

void
lab_value_scale_color (const LabValueScale *scale,
                       float                v,
                       GdkRGBA             *out)
{
  if (scale->diverging)
    lab_diverging_color (v / scale->hi, &scale->mid, scale->dark, out);
  else
    lab_heat_color ((v - scale->lo) / (scale->hi - scale->lo), out);
}

/* Layout and drawing */

void
lab_feature_grid_layout (guint   n_maps,
                         guint   map_w,
                         guint   map_h,
                         double  avail_width,
                         double  gap,
                         guint  *cols,
                         guint  *rows,
                         double *cell)
{
  guint side = MAX (MAX (map_w, map_h), 1);
  double k = MAX (1.0, round (MAP_TARGET / side));

  /* Whole multiples keep every value a crisp square; large maps shrink to the width. */
  *cell = MIN (side * k, MAX (avail_width, 8.0));
  *cols = MAX (1, (guint) floor ((avail_width + gap) / (*cell + gap)));
  *cols = MIN (*cols, MAX (n_maps, 1));
  *rows = n_maps > 0 ? (n_maps + *cols - 1) / *cols : 0;
}

void
lab_draw_feature_maps (cairo_t             *cr,
                       const float         *values,
                       guint                n_maps,
                       guint                map_h,
                       guint                map_w,
                       double               avail_width,
                       double               gap,
                       const LabValueScale *scale,
                       const GdkRGBA       *frame)
{
  guint cols, rows;
  double cell, px;
  cairo_surface_t *img;
  guint32 *pix;
  int stride;

  if (n_maps == 0 || map_w == 0 || map_h == 0)
    return;
  lab_feature_grid_layout (n_maps, map_w, map_h, avail_width, gap, &cols, &rows, &cell);
  px = cell / MAX (map_w, map_h);
  img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, map_w, map_h);
  stride = cairo_image_surface_get_stride (img) / 4;
  for (guint m = 0; m < n_maps; m++)
    {
      const float *v = values + (gsize) m * map_h * map_w;   /* (map_h, map_w) */
      double x = (m % cols) * (cell + gap), y = (m / cols) * (cell + gap);

      cairo_surface_flush (img);
      pix = (guint32 *) (void *) cairo_image_surface_get_data (img);
      for (guint r = 0; r < map_h; r++)
        for (guint c = 0; c < map_w; c++)
          {
            GdkRGBA col;

            lab_value_scale_color (scale, v[r * map_w + c], &col);
            pix[r * stride + c] = ((guint32) lround (col.red * 255) << 16) |
                                  ((guint32) lround (col.green * 255) << 8) |
                                  (guint32) lround (col.blue * 255);
          }
      cairo_surface_mark_dirty (img);
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_scale (cr, px, px);
      cairo_set_source_surface (cr, img, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_rectangle (cr, 0, 0, map_w, map_h);
      cairo_fill (cr);
      cairo_restore (cr);
      if (frame != NULL)
        {
          cairo_rectangle (cr, x + 0.5, y + 0.5, map_w * px - 1, map_h * px - 1);
          gdk_cairo_set_source_rgba (cr, frame);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
    }
  cairo_surface_destroy (img);
}

void
lab_heat_strip_layout (gsize   n,
                       double  width,
                       guint  *per_row,
                       guint  *rows)
{
  guint fit = MAX (1, (guint) floor (width / 6.0));

  *per_row = (guint) MIN (n, (gsize) fit);
  *per_row = MAX (*per_row, 1);
  *rows = n > 0 ? (guint) ((n + *per_row - 1) / *per_row) : 0;
}

void
lab_draw_heat_strip (cairo_t             *cr,
                     const float         *values,
                     gsize                n,
                     double               width,
                     const LabValueScale *scale)
{
  guint per_row, rows;
  double w;

  lab_heat_strip_layout (n, width, &per_row, &rows);
  w = width / per_row;
  for (gsize i = 0; i < n; i++)
    {
      GdkRGBA col;
      /* Whole pixels, so neighbouring cells neither overlap nor leave seams. */
      double x0 = round ((i % per_row) * w), x1 = round ((i % per_row + 1) * w);

      lab_value_scale_color (scale, values[i], &col);
      gdk_cairo_set_source_rgba (cr, &col);
      cairo_rectangle (cr, x0, (i / per_row) * LAB_HEAT_ROW_HEIGHT, x1 - x0, LAB_HEAT_ROW_HEIGHT - 2);
      cairo_fill (cr);
    }
}

/* Drawing areas */

static gboolean
apply_height_in_idle (gpointer user_data)
{
  g_autoptr(GtkWidget) area = g_weak_ref_get (user_data);

  if (area != NULL)
    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area),
                                         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "want-height")));
  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

void
lab_drawing_area_set_height_later (GtkDrawingArea *area,
                                   int             height)
{
  GWeakRef *ref;

  if (height == gtk_drawing_area_get_content_height (area) ||
      height == GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "want-height")))
    return;
  g_object_set_data (G_OBJECT (area), "want-height", GINT_TO_POINTER (height));
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, area);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_height_in_idle, ref, (GDestroyNotify) weak_ref_free);
}


void
lab_draw_histogram_history (cairo_t                    *cr,
                            const LabHistogram * const *hists,
                            guint                       n,
                            double                      width,
                            double                      height,
                            const GdkRGBA              *color,
                            const GdkRGBA              *bg)
{
  double lo = INFINITY, hi = -INFINITY, col_w;

  for (guint c = 0; c < n; c++)
    if (hists[c]->n > hists[c]->n_nonfinite)
      {
        lo = MIN (lo, hists[c]->min);
        hi = MAX (hi, hists[c]->max);
      }
  if (!(hi > lo))
    return;
  /* A few columns do not stretch over the whole width: the picture fills up as training goes. */
  col_w = width / MAX (n, 32);
  for (guint c = 0; c < n; c++)
    {
      const LabHistogram *h = hists[c];
      double bw = (h->max - h->min) / h->n_bins, x0 = round (c * col_w), x1 = round ((c + 1) * col_w);
      guint most = 0;

      for (guint b = 0; b < h->n_bins; b++)
        most = MAX (most, h->counts[b]);
      for (guint b = 0; b < h->n_bins && most > 0; b++)
        {
          double v0 = h->min + b * bw, v1 = v0 + bw;
          double y0 = height * (1 - (v1 - lo) / (hi - lo)), y1 = height * (1 - (v0 - lo) / (hi - lo));
          double a = h->counts[b] > 0 ? 0.12 + 0.88 * h->counts[b] / (double) most : 0;

          if (a == 0)
            continue;
          cairo_set_source_rgba (cr, bg->red + (color->red - bg->red) * a,
                                 bg->green + (color->green - bg->green) * a,
                                 bg->blue + (color->blue - bg->blue) * a, 1);
          cairo_rectangle (cr, x0, floor (y0), MAX (x1 - x0, 1), MAX (ceil (y1) - floor (y0), 1));
          cairo_fill (cr);
        }
    }
  /* Zero, when the range crosses it. */
  if (lo < 0 && hi > 0)
    {
      double y = round (height * hi / (hi - lo)) + 0.5;

      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.5);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, width, y);
      cairo_stroke (cr);
    }
}

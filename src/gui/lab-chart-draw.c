/* lab-chart-draw.c: painting a chart scene with Cairo and Pango, without a widget
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass: the grid and tick labels, the series (lab-chart-lines.c, decimated to a few points
 * per pixel column by lab-chart-math.c), the diagonal and the marker, the legend, then the
 * read-out and the zoom box (lab-chart-overlay.c). Nothing here keeps state, so the same scene draws identically on
 * screen and in a file.
 */
#define G_LOG_DOMAIN "lab-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "lab-chart-draw-private.h"


void
lab_chart_colors_init_default (LabChartColors *colors,
                               gboolean        dark)
{
  /* libadwaita 1.2's named colours, for drawing without a widget; the widget reads the real
   * ones from its style. */
  if (dark)
    {
      gdk_rgba_parse (&colors->bg, "#242424");
      gdk_rgba_parse (&colors->fg, "#ffffff");
      gdk_rgba_parse (&colors->legend_bg, "rgba(48,48,48,0.92)");
      gdk_rgba_parse (&colors->accent, "#78aeed");
    }
  else
    {
      gdk_rgba_parse (&colors->bg, "#ffffff");
      gdk_rgba_parse (&colors->fg, "rgba(0,0,0,0.8)");
      gdk_rgba_parse (&colors->legend_bg, "rgba(255,255,255,0.92)");
      gdk_rgba_parse (&colors->accent, "#1c71d8");
    }
  colors->grid = colors->fg;
  colors->grid.alpha = dark ? 0.12 : 0.1;
  colors->dark = dark;
}

GdkRGBA
lab_chart_palette_color (guint    index,
                         gboolean dark)
{
  /* blue, orange, green, purple, red, brown, yellow, slate: shades 4-5 of the GNOME palette on
   * light backgrounds, 2-3 on dark ones. */
  static const char * const light[] = {
    "#1c71d8", "#e66100", "#26a269", "#813d9c", "#c01c28", "#865e3c", "#c88800", "#5e5c64",
  };
  static const char * const darkp[] = {
    "#62a0ea", "#ffa348", "#57e389", "#dc8add", "#f66151", "#cdab8f", "#f8e45c", "#c0bfbc",
  };
  GdkRGBA c;

  gdk_rgba_parse (&c, (dark ? darkp : light)[index % G_N_ELEMENTS (light)]);
  return c;
}

/* Transforms. */

static double
ty (const LabChartScene *s,
    double               y)
{
  return s->y_scale == LAB_CHART_SCALE_LOG ? (y > 0 ? log10 (y) : NAN) : y;
}

void
lab_chart_scene_to_pixel (const LabChartScene *s,
                          const LabChartRect  *plot,
                          double               x,
                          double               y,
                          double              *px,
                          double              *py)
{
  double y0 = ty (s, s->y_min), y1 = ty (s, s->y_max);

  *px = plot->x + (x - s->x_min) / (s->x_max - s->x_min) * plot->width;
  *py = plot->y + plot->height - (ty (s, y) - y0) / (y1 - y0) * plot->height;
}

void
lab_chart_scene_to_data (const LabChartScene *s,
                         const LabChartRect  *plot,
                         double               px,
                         double               py,
                         double              *x,
                         double              *y)
{
  double y0 = ty (s, s->y_min), y1 = ty (s, s->y_max);
  double t = y0 + (plot->y + plot->height - py) / plot->height * (y1 - y0);

  *x = s->x_min + (px - plot->x) / plot->width * (s->x_max - s->x_min);
  *y = s->y_scale == LAB_CHART_SCALE_LOG ? pow (10, t) : t;
}

/* Text. */

PangoLayout *
lab_chart_make_layout (cairo_t             *cr,
                       const LabChartScene *s,
                       gboolean             bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font;

  font = s->font != NULL ? pango_font_description_copy (s->font)
                         : pango_font_description_from_string ("Sans 9");
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

void
lab_chart_text_size (PangoLayout *layout,
                     const char  *text,
                     double      *w,
                     double      *h)
{
  int iw, ih;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &iw, &ih);
  *w = iw;
  *h = ih;
}

void
lab_chart_show_text (cairo_t     *cr,
                     PangoLayout *layout,
                     const char  *text,
                     double       x,
                     double       y)
{
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static guint
y_ticks (const LabChartScene *s,
         double               plot_height,
         double              *ticks,
         double              *step)
{
  guint max = CLAMP ((guint) (plot_height / 28.0), 3, 12);

  *step = 0;
  if (s->y_scale == LAB_CHART_SCALE_LOG)
    return lab_chart_log_ticks (s->y_min, s->y_max, max, ticks);
  return lab_chart_nice_ticks (s->y_min, s->y_max, max, ticks, step);
}

static char *
y_tick_text (const LabChartScene *s,
             double               value,
             double               step)
{
  return lab_chart_format_value (value, s->y_scale == LAB_CHART_SCALE_LOG ? value : step);
}

static gboolean
plot_drawable (const LabChartScene *s)
{
  return s->x_max > s->x_min && s->y_max > s->y_min &&
         (s->y_scale != LAB_CHART_SCALE_LOG || s->y_min > 0);
}

static LabChartRect
layout_plot (const LabChartScene *s,
             cairo_t             *cr,
             int                  width,
             int                  height,
             double              *legend_strip)
{
  g_autoptr(PangoLayout) layout = lab_chart_make_layout (cr, s, FALSE);
  double ticks[LAB_CHART_MAX_TICKS], step, tw, th, label_w = 0, top, bottom, left;
  LabChartRect plot;
  guint n;

  lab_chart_text_size (layout, "0", &tw, &th);
  top = th / 2 + PAD;
  if (s->title != NULL && *s->title != '\0')
    top += th + PAD;
  bottom = th + PAD + 4 + (s->x_label != NULL && *s->x_label != '\0' ? th + PAD : 0);
  n = y_ticks (s, height - top - bottom, ticks, &step);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *t = y_tick_text (s, ticks[i], step);

      lab_chart_text_size (layout, t, &tw, &th);
      label_w = MAX (label_w, tw);
    }
  left = PAD + label_w + PAD + (s->y_label != NULL && *s->y_label != '\0' ? th + PAD : 0);
  plot = (LabChartRect) { left, top, MAX (1.0, width - left - 3 * PAD),
                          MAX (1.0, height - top - bottom) };
  /* A legend that would hide points wherever it went moves above the plot. */
  *legend_strip = plot.width > 1 && plot.height > 1 && plot_drawable (s)
                  ? lab_chart_legend_strip (cr, s, &plot) : 0;
  plot.y += *legend_strip;
  plot.height -= *legend_strip;
  return plot;
}

LabChartRect
lab_chart_scene_plot_area (const LabChartScene *s,
                           cairo_t             *cr,
                           int                  width,
                           int                  height)
{
  double strip;

  return layout_plot (s, cr, width, height, &strip);
}

void
lab_chart_set_source (cairo_t       *cr,
                      const GdkRGBA *c,
                      double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* Decorations. */

static void
draw_grid (cairo_t              *cr,
           const LabChartScene  *s,
           const LabChartRect   *plot,
           const LabChartColors *colors,
           PangoLayout          *layout)
{
  double ticks[LAB_CHART_MAX_TICKS], step, w, h, px, py;
  guint n, max_x;

  n = y_ticks (s, plot->height, ticks, &step);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *t = y_tick_text (s, ticks[i], step);

      lab_chart_scene_to_pixel (s, plot, s->x_min, ticks[i], &px, &py);
      py = round (py) + 0.5;
      lab_chart_set_source (cr, &colors->grid, 1.0);
      cairo_move_to (cr, plot->x, py);
      cairo_line_to (cr, plot->x + plot->width, py);
      cairo_stroke (cr);
      lab_chart_text_size (layout, t, &w, &h);
      lab_chart_set_source (cr, &colors->fg, 0.7);
      lab_chart_show_text (cr, layout, t, plot->x - PAD - w, py - h / 2);
    }

  max_x = CLAMP ((guint) (plot->width / 70.0), 2, 12);
  n = lab_chart_nice_ticks (s->x_min, s->x_max, max_x, ticks, &step);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *t = lab_chart_format_value (ticks[i], step);

      lab_chart_scene_to_pixel (s, plot, ticks[i], s->y_min, &px, &py);
      px = round (px) + 0.5;
      lab_chart_set_source (cr, &colors->grid, 1.0);
      cairo_move_to (cr, px, plot->y);
      cairo_line_to (cr, px, plot->y + plot->height);
      cairo_stroke (cr);
      lab_chart_text_size (layout, t, &w, &h);
      lab_chart_set_source (cr, &colors->fg, 0.7);
      lab_chart_show_text (cr, layout, t, px - w / 2, plot->y + plot->height + PAD);
    }

  /* The axes themselves: left and bottom. */
  lab_chart_set_source (cr, &colors->fg, 0.45);
  cairo_move_to (cr, plot->x + 0.5, plot->y);
  cairo_line_to (cr, plot->x + 0.5, plot->y + plot->height + 0.5);
  cairo_line_to (cr, plot->x + plot->width, plot->y + plot->height + 0.5);
  cairo_stroke (cr);
}

static void
draw_labels (cairo_t              *cr,
             const LabChartScene  *s,
             const LabChartRect   *plot,
             const LabChartColors *colors,
             int                   width,
             int                   height)
{
  g_autoptr(PangoLayout) layout = lab_chart_make_layout (cr, s, FALSE);
  double w, h;

  lab_chart_set_source (cr, &colors->fg, 0.8);
  if (s->x_label != NULL && *s->x_label != '\0')
    {
      lab_chart_text_size (layout, s->x_label, &w, &h);
      lab_chart_show_text (cr, layout, s->x_label, plot->x + (plot->width - w) / 2, height - PAD - h);
    }
  if (s->y_label != NULL && *s->y_label != '\0')
    {
      lab_chart_text_size (layout, s->y_label, &w, &h);
      cairo_save (cr);
      cairo_move_to (cr, PAD, plot->y + (plot->height + w) / 2);
      cairo_rotate (cr, -G_PI / 2);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
  if (s->title != NULL && *s->title != '\0')
    {
      g_autoptr(PangoLayout) bold = lab_chart_make_layout (cr, s, TRUE);

      lab_chart_set_source (cr, &colors->fg, 1.0);
      lab_chart_show_text (cr, bold, s->title, PAD, PAD);
    }
  (void) width;
}

LabChartRect
lab_chart_draw_scene (cairo_t              *cr,
                      int                   width,
                      int                   height,
                      const LabChartScene  *s,
                      const LabChartColors *colors)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) idx = NULL;
  LabChartRect plot;
  gboolean any = FALSE;
  double strip;

  g_return_val_if_fail (cr != NULL && s != NULL && colors != NULL, (LabChartRect) { 0 });

  cairo_save (cr);
  if (colors->bg.alpha > 0)
    {
      lab_chart_set_source (cr, &colors->bg, 1.0);
      cairo_paint (cr);
    }
  plot = layout_plot (s, cr, width, height, &strip);
  /* The caller keeps the view drawable (the widget fits a degenerate range out). */
  if (!plot_drawable (s))
    {
      cairo_restore (cr);
      g_return_val_if_reached (plot);
    }

  layout = lab_chart_make_layout (cr, s, FALSE);
  cairo_set_line_width (cr, 1.0);
  draw_grid (cr, s, &plot, colors, layout);
  draw_labels (cr, s, &plot, colors, width, height);

  cairo_save (cr);
  cairo_rectangle (cr, plot.x - 2, plot.y - 2, plot.width + 4, plot.height + 4);
  cairo_clip (cr);
  idx = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (guint i = 0; i < s->n_series; i++)
    if (s->series[i].visible && s->series[i].n > 0)
      {
        lab_chart_draw_series (cr, s, &plot, &s->series[i], idx);
        any = TRUE;
      }
  cairo_restore (cr);

  /* Dots may stand out of the plot by their radius: a point at its edge stays whole. */
  cairo_save (cr);
  cairo_rectangle (cr, plot.x - 5, plot.y - 5, plot.width + 10, plot.height + 10);
  cairo_clip (cr);
  for (guint i = 0; i < s->n_series; i++)
    if (s->series[i].visible && (s->series[i].flags & LAB_CHART_SERIES_MARKERS))
      lab_chart_draw_markers (cr, s, &plot, &s->series[i], colors);
  cairo_restore (cr);

  if (!any && s->empty_text != NULL)
    {
      double w, h;

      pango_layout_set_width (layout, (int) (plot.width * 0.8) * PANGO_SCALE);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      lab_chart_text_size (layout, s->empty_text, &w, &h);
      lab_chart_set_source (cr, &colors->fg, 0.55);
      lab_chart_show_text (cr, layout, s->empty_text, plot.x + plot.width * 0.1,
                           plot.y + (plot.height - h) / 2);
    }

  lab_chart_draw_overlays (cr, s, &plot, colors, strip);
  cairo_restore (cr);
  return plot;
}

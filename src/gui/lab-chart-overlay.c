/* lab-chart-overlay.c: what a chart draws over its series: the chance diagonal, a labelled
 * marker, the legend, the hover read-out and the zoom box
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "lab-chart-draw-private.h"

static void
rounded_box (cairo_t *cr,
             double   x,
             double   y,
             double   w,
             double   h,
             double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_box (cairo_t              *cr,
          const LabChartColors *colors,
          double                x,
          double                y,
          double                w,
          double                h)
{
  rounded_box (cr, x, y, w, h, 6);
  lab_chart_set_source (cr, &colors->legend_bg, 1.0);
  cairo_fill_preserve (cr);
  lab_chart_set_source (cr, &colors->fg, 0.15);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static void
draw_swatch (cairo_t                   *cr,
             const LabChartSceneSeries *series,
             double                     x,
             double                     y)
{
  lab_chart_set_source (cr, &series->color, 1.0);
  cairo_set_line_width (cr, 2.5);
  if (series->flags & LAB_CHART_SERIES_DASHED)
    cairo_set_dash (cr, (double[]) { 4, 2 }, 2, 0);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + 16, y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  if (series->flags & LAB_CHART_SERIES_MARKERS)
    {
      cairo_arc (cr, x + 8, y, 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw_diagonal (cairo_t              *cr,
               const LabChartScene  *s,
               const LabChartRect   *plot,
               const LabChartColors *colors)
{
  double a = MIN (s->x_min, s->y_min), b = MAX (s->x_max, s->y_max), x0, y0, x1, y1;

  lab_chart_scene_to_pixel (s, plot, a, a, &x0, &y0);
  lab_chart_scene_to_pixel (s, plot, b, b, &x1, &y1);
  cairo_save (cr);
  cairo_rectangle (cr, plot->x, plot->y, plot->width, plot->height);
  cairo_clip (cr);
  lab_chart_set_source (cr, &colors->fg, 0.4);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, (double[]) { 2, 3 }, 2, 0);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_marker (cairo_t              *cr,
             const LabChartScene  *s,
             const LabChartRect   *plot,
             const LabChartColors *colors)
{
  g_autoptr(PangoLayout) layout = lab_chart_make_layout (cr, s, FALSE);
  double px, py, w, h, bx, by;

  lab_chart_scene_to_pixel (s, plot, s->marker_x, s->marker_y, &px, &py);
  if (!isfinite (px) || !isfinite (py) || px < plot->x - 1 || px > plot->x + plot->width + 1 ||
      py < plot->y - 1 || py > plot->y + plot->height + 1)
    return;
  cairo_new_path (cr);
  cairo_arc (cr, px, py, 5.5, 0, 2 * G_PI);
  lab_chart_set_source (cr, &colors->legend_bg, 1.0);
  cairo_fill_preserve (cr);
  lab_chart_set_source (cr, &colors->fg, 1.0);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);

  if (s->marker_label == NULL || *s->marker_label == '\0')
    return;
  lab_chart_text_size (layout, s->marker_label, &w, &h);
  /* Right of and below the point, unless that leaves the plot. */
  bx = px + 10;
  by = py + 8;
  if (bx + w + 2 * PAD > plot->x + plot->width)
    bx = px - 10 - w - 2 * PAD;
  if (by + h + PAD > plot->y + plot->height)
    by = py - 8 - h - PAD;
  draw_box (cr, colors, bx, by, w + 2 * PAD, h + PAD);
  lab_chart_set_source (cr, &colors->fg, 1.0);
  lab_chart_show_text (cr, layout, s->marker_label, bx + PAD, by + PAD / 2);
}

/* The corner of the plot whose legend box would hide the fewest points (sampled: a few
 * thousand per series say well enough where the curves run); top right when they tie. */
static gsize
legend_corner (const LabChartScene *s,
               const LabChartRect  *plot,
               double               bw,
               double               bh,
               double              *bx,
               double              *by)
{
  double left = plot->x + PAD, right = plot->x + plot->width - bw - PAD;
  double top = plot->y + PAD, bottom = plot->y + plot->height - bh - PAD;
  double corners[4][2] = { { right, top }, { left, top }, { right, bottom }, { left, bottom } };
  gsize hidden[4] = { 0, 0, 0, 0 }, best = 0;

  for (guint i = 0; i < s->n_series; i++)
    {
      const LabChartSceneSeries *series = &s->series[i];
      const double *y = series->smooth != NULL ? series->smooth : series->y;
      gsize stride = MAX (series->n / 4000, 1);

      if (!series->visible)
        continue;
      for (gsize k = 0; k < series->n; k += stride)
        {
          double px, py;

          lab_chart_scene_to_pixel (s, plot, series->x[k], y[k], &px, &py);
          for (guint c = 0; c < 4; c++)
            if (px >= corners[c][0] - 4 && px <= corners[c][0] + bw + 4 &&
                py >= corners[c][1] - 4 && py <= corners[c][1] + bh + 4)
              hidden[c] += stride;
        }
    }
  for (guint c = 1; c < 4; c++)
    if (hidden[c] < hidden[best])
      best = c;
  *bx = corners[best][0];
  *by = corners[best][1];
  return hidden[best];
}

/* The size of the legend as a box of one entry per line; FALSE when no series has a name. */
static gboolean
legend_box (PangoLayout         *layout,
            const LabChartScene *s,
            double              *bw,
            double              *bh,
            double              *row)
{
  double w, h, max_w = 0;
  guint n = 0;

  *row = 0;
  for (guint i = 0; i < s->n_series; i++)
    if (s->series[i].visible && s->series[i].name != NULL && *s->series[i].name != '\0')
      {
        lab_chart_text_size (layout, s->series[i].name, &w, &h);
        max_w = MAX (max_w, w);
        *row = MAX (*row, h);
        n++;
      }
  *bw = PAD + 16 + PAD + max_w + PAD;
  *bh = PAD / 2 + n * (*row + 2) + PAD / 2;
  return n > 0;
}

/* Lays the entries out in lines no wider than width, from (x, y) when draw; returns the
 * height they take. */
static double
legend_lines (cairo_t              *cr,
              PangoLayout          *layout,
              const LabChartScene  *s,
              const LabChartColors *colors,
              double                x0,
              double                y0,
              double                width,
              gboolean              draw)
{
  double x = 0, line = 0, w, h, row = 0;

  for (guint i = 0; i < s->n_series; i++)
    {
      const LabChartSceneSeries *series = &s->series[i];
      double entry;

      if (!series->visible || series->name == NULL || *series->name == '\0')
        continue;
      lab_chart_text_size (layout, series->name, &w, &h);
      row = MAX (row, h);
      entry = 16 + PAD + w;
      if (x > 0 && x + entry > width)
        {
          x = 0;
          line++;
        }
      if (draw)
        {
          double y = y0 + line * (h + 2);

          draw_swatch (cr, series, x0 + x, y + h / 2 + 1);
          lab_chart_set_source (cr, &colors->fg, 0.9);
          lab_chart_show_text (cr, layout, series->name, x0 + x + 16 + PAD, y + 1);
        }
      x += entry + 3 * PAD;
    }
  return row > 0 ? (line + 1) * (row + 2) : 0;
}

double
lab_chart_legend_strip (cairo_t             *cr,
                        const LabChartScene *s,
                        const LabChartRect  *plot)
{
  g_autoptr(PangoLayout) layout = NULL;
  double bw, bh, row, bx, by, strip;

  if (!s->show_legend)
    return 0;
  layout = lab_chart_make_layout (cr, s, FALSE);
  if (!legend_box (layout, s, &bw, &bh, &row))
    return 0;
  /* Inside, in a corner, while one of them leaves every curve in view. */
  if (bw <= plot->width * 0.7 && bh <= plot->height * 0.85 &&
      legend_corner (s, plot, bw, bh, &bx, &by) == 0)
    return 0;
  /* Otherwise above the plot, unless that would leave too little of it. */
  strip = legend_lines (cr, layout, s, NULL, 0, 0, plot->width, FALSE) + PAD;
  return plot->height - strip >= 80 ? strip : 0;
}

static void
draw_legend (cairo_t              *cr,
             const LabChartScene  *s,
             const LabChartRect   *plot,
             const LabChartColors *colors,
             double                strip)
{
  g_autoptr(PangoLayout) layout = lab_chart_make_layout (cr, s, FALSE);
  double bw, bh, row, bx, by;
  guint k = 0;

  if (strip > 0)
    {
      legend_lines (cr, layout, s, colors, plot->x, plot->y - strip, plot->width, TRUE);
      return;
    }
  if (!legend_box (layout, s, &bw, &bh, &row) || bw > plot->width * 0.7 || bh > plot->height * 0.85)
    return;
  legend_corner (s, plot, bw, bh, &bx, &by);
  draw_box (cr, colors, bx, by, bw, bh);
  for (guint i = 0; i < s->n_series; i++)
    {
      const LabChartSceneSeries *series = &s->series[i];
      double y = by + PAD / 2 + k * (row + 2);

      if (!series->visible || series->name == NULL || *series->name == '\0')
        continue;
      draw_swatch (cr, series, bx + PAD, y + row / 2 + 1);
      lab_chart_set_source (cr, &colors->fg, 0.9);
      lab_chart_show_text (cr, layout, series->name, bx + PAD + 16 + PAD, y + 1);
      k++;
    }
}

static char *
readout_value (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    return g_strdup ("–");
  if (fabs (v) >= 1e5 || (v != 0 && fabs (v) < 1e-3))
    return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", v));
  return g_strdup_printf ("%.4f", v);
}

static void
draw_readout (cairo_t              *cr,
              const LabChartScene  *s,
              const LabChartRect   *plot,
              const LabChartColors *colors)
{
  g_autoptr(PangoLayout) layout = lab_chart_make_layout (cr, s, FALSE);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *x_text = NULL;
  double hx, hy, w, h, bx, by, x_at = NAN;
  /* x to a five-hundredth of the view: "Epoch 8.18", not 8.184000 nor 8. */
  double x_step = pow (10, floor (log10 ((s->x_max - s->x_min) / 500)));
  guint n = 0;

  for (guint i = 0; i < s->n_series; i++)
    if (s->series[i].visible && s->series[i].hover >= 0)
      {
        const LabChartSceneSeries *series = &s->series[i];
        double y = (series->flags & LAB_CHART_SERIES_SMOOTHED) && series->smooth != NULL
                   ? series->smooth[series->hover] : series->y[series->hover];

        if (isnan (x_at))
          x_at = series->x[series->hover];
        lab_chart_scene_to_pixel (s, plot, series->x[series->hover], y, &hx, &hy);
        if (isfinite (hy) && hy >= plot->y - 1 && hy <= plot->y + plot->height + 1)
          {
            cairo_new_path (cr);
            cairo_arc (cr, hx, hy, 4, 0, 2 * G_PI);
            lab_chart_set_source (cr, &series->color, 1.0);
            cairo_fill_preserve (cr);
            lab_chart_set_source (cr, &colors->legend_bg, 1.0);
            cairo_set_line_width (cr, 1.5);
            cairo_stroke (cr);
          }
        {
          g_autofree char *name = g_markup_escape_text (series->name ? series->name : "", -1);
          g_autofree char *v = readout_value (y);
          g_autofree char *px = lab_chart_format_value (series->x[series->hover], x_step);

          /* Unsorted series (ROC curves) are read at their own point, so name its x too. */
          if (series->sorted)
            g_string_append_printf (text, "\n%s  <b>%s</b>", name, v);
          else
            {
              /* Translators: a chart read-out line: series name, value, then its x value. */
              g_string_append_c (text, '\n');
              g_string_append_printf (text, _("%s  <b>%s</b> at %s"), name, v, px);
            }
        }
        n++;
      }
  if (n == 0)
    return;

  /* The vertical rule at the pointer. */
  lab_chart_set_source (cr, &colors->fg, 0.3);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, round (s->hover_x) + 0.5, plot->y);
  cairo_line_to (cr, round (s->hover_x) + 0.5, plot->y + plot->height);
  cairo_stroke (cr);

  x_text = lab_chart_format_value (x_at, x_step);
  {
    g_autofree char *label = g_markup_escape_text (s->x_label && *s->x_label ? s->x_label : "x", -1);
    g_autofree char *head = g_strdup_printf ("%s %s", label, x_text);

    g_string_prepend (text, head);
  }
  pango_layout_set_markup (layout, text->str, -1);
  {
    int iw, ih;

    pango_layout_get_pixel_size (layout, &iw, &ih);
    w = iw;
    h = ih;
  }
  bx = s->hover_x + 12;
  if (bx + w + 2 * PAD > plot->x + plot->width)
    bx = s->hover_x - 12 - w - 2 * PAD;
  bx = MAX (bx, plot->x);
  by = plot->y + PAD;
  draw_box (cr, colors, bx, by, w + 2 * PAD, h + PAD);
  lab_chart_set_source (cr, &colors->fg, 1.0);
  cairo_move_to (cr, bx + PAD, by + PAD / 2);
  pango_cairo_show_layout (cr, layout);
}

void
lab_chart_draw_overlays (cairo_t              *cr,
                         const LabChartScene  *s,
                         const LabChartRect   *plot,
                         const LabChartColors *colors,
                         double                legend_strip)
{
  if (s->show_diagonal && s->y_scale == LAB_CHART_SCALE_LINEAR)
    draw_diagonal (cr, s, plot, colors);
  if (s->has_marker)
    draw_marker (cr, s, plot, colors);
  /* A legend above the plot stays; one inside gives way to the read-out. */
  if (s->show_legend && (!s->hover || legend_strip > 0))
    draw_legend (cr, s, plot, colors, legend_strip);
  if (s->hover)
    draw_readout (cr, s, plot, colors);
  if (s->band)
    {
      cairo_rectangle (cr, MIN (s->band_x0, s->band_x1), MIN (s->band_y0, s->band_y1),
                       fabs (s->band_x1 - s->band_x0), fabs (s->band_y1 - s->band_y0));
      lab_chart_set_source (cr, &colors->accent, 0.15);
      cairo_fill_preserve (cr);
      lab_chart_set_source (cr, &colors->accent, 0.8);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
}

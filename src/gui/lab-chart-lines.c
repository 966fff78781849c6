/* lab-chart-lines.c: a series' line, band and dots, as few as the pixels need
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the visible stretch of a sorted series is looked at (found by bisection), reduced to
 * the first, lowest, highest and last point of every pixel column. Where more than two points
 * share a column, the raw line becomes the filled band between each column's extremes, which
 * looks the same as its stroke and rasterises several times faster; the moving average over it
 * is drawn through one point per column.
 */
#define G_LOG_DOMAIN "lab-chart"

#include <math.h>

#include "lab-chart-draw-private.h"

#define COORD_LIMIT  1e6

static void
visible_range (const LabChartSceneSeries *series,
               double                     x_min,
               double                     x_max,
               gsize                     *start,
               gsize                     *end)
{
  gsize lo = 0, hi = series->n;

  *start = 0;
  *end = series->n;
  if (!series->sorted || series->n == 0)
    return;
  /* First point ≥ x_min, one before it so that the line enters the plot. */
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (series->x[mid] < x_min)
        lo = mid + 1;
      else
        hi = mid;
    }
  *start = lo > 0 ? lo - 1 : 0;
  hi = series->n;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (series->x[mid] <= x_max)
        lo = mid + 1;
      else
        hi = mid;
    }
  *end = MIN (series->n, lo + 1);
}

static gsize
trace (cairo_t             *cr,
       const LabChartScene *s,
       const LabChartRect  *plot,
       const double        *x,
       const double        *y,
       const gsize         *idx,
       gsize                n_idx)
{
  gboolean pen = FALSE;
  gsize drawn = 0;

  for (gsize k = 0; k < n_idx; k++)
    {
      double px, py;

      lab_chart_scene_to_pixel (s, plot, x[idx[k]], y[idx[k]], &px, &py);
      if (!isfinite (px) || !isfinite (py))
        {
          pen = FALSE;
          continue;
        }
      px = CLAMP (px, -COORD_LIMIT, COORD_LIMIT);
      py = CLAMP (py, -COORD_LIMIT, COORD_LIMIT);
      if (pen)
        cairo_line_to (cr, px, py);
      else
        cairo_move_to (cr, px, py);
      pen = TRUE;
      drawn++;
    }
  return drawn;
}

static void
decimate (GArray                    *idx,
          const LabChartSceneSeries *series,
          const double              *y,
          const gsize               *block_lo,
          const gsize               *block_hi,
          gsize                      start,
          gsize                      end,
          double                     x0,
          double                     scale)
{
  g_array_set_size (idx, 0);
  if (series->sorted)
    lab_chart_decimate_sorted (idx, series->x, y, block_lo, block_hi, start, end, x0, scale);
  else
    lab_chart_decimate (idx, series->x, y, start, end, x0, scale);
}

/* A dense line (many points per pixel column) as the filled band between each column's lowest
 * and highest point, `thick` pixels taller: what its stroke would cover, at a fraction of the
 * rasterising cost of a zig-zag of thousands of segments. */
static void
fill_envelope (cairo_t             *cr,
               const LabChartScene *s,
               const LabChartRect  *plot,
               const double        *x,
               const double        *y,
               const gsize         *idx,
               gsize                n_idx,
               double               thick,
               gboolean             dilate)
{
  g_autoptr(GArray) cols = g_array_new (FALSE, FALSE, sizeof (double) * 3);
  double scale = plot->width / (s->x_max - s->x_min);
  gint64 column = G_MININT64;
  double cur[3] = { 0, 0, 0 };

  for (gsize k = 0; k < n_idx; k++)
    {
      double px, py, c;

      lab_chart_scene_to_pixel (s, plot, x[idx[k]], y[idx[k]], &px, &py);
      if (!isfinite (px) || !isfinite (py))
        continue;
      c = CLAMP (floor ((x[idx[k]] - s->x_min) * scale), -4.0, 1e7);
      py = CLAMP (py, -COORD_LIMIT, COORD_LIMIT);
      if ((gint64) c != column)
        {
          if (column != G_MININT64)
            g_array_append_vals (cols, cur, 1);
          column = (gint64) c;
          cur[0] = CLAMP (px, plot->x - 8, plot->x + plot->width + 8);
          cur[1] = cur[2] = py;
        }
      cur[1] = MIN (cur[1], py);
      cur[2] = MAX (cur[2], py);
    }
  if (column != G_MININT64)
    g_array_append_vals (cols, cur, 1);
  if (cols->len == 0)
    return;
  /* A strong line also spans its neighbours' extremes, so that a steep stretch is as wide as
   * a stroke would be instead of one column. */
  if (dilate)
    {
      g_autoptr(GArray) orig = g_array_copy (cols);
      const double *o = (const double *) (const void *) orig->data;
      double *c = (double *) (void *) cols->data;

      for (guint k = 0; k < cols->len; k++)
        for (int d = -1; d <= 1; d += 2)
          if ((gint64) k + d >= 0 && k + d < cols->len)
            {
              c[3 * k + 1] = MIN (c[3 * k + 1], o[3 * (k + d) + 1]);
              c[3 * k + 2] = MAX (c[3 * k + 2], o[3 * (k + d) + 2]);
            }
    }

  cairo_new_path (cr);
  for (guint k = 0; k < cols->len; k++)
    {
      const double *c = (const double *) (const void *) (cols->data + k * sizeof (double) * 3);
      double mid = (c[1] + c[2]) / 2, half = (c[2] - c[1]) / 2 + thick / 2;

      if (k == 0)
        cairo_move_to (cr, c[0], mid - half);
      else
        cairo_line_to (cr, c[0], mid - half);
    }
  for (guint k = cols->len; k-- > 0;)
    {
      const double *c = (const double *) (const void *) (cols->data + k * sizeof (double) * 3);
      double mid = (c[1] + c[2]) / 2, half = (c[2] - c[1]) / 2 + thick / 2;

      cairo_line_to (cr, c[0], mid + half);
    }
  cairo_close_path (cr);
  cairo_fill (cr);
}

void
lab_chart_draw_series (cairo_t                   *cr,
                       const LabChartScene       *s,
                       const LabChartRect        *plot,
                       const LabChartSceneSeries *series,
                       GArray                    *idx)
{
  gboolean smoothed = (series->flags & LAB_CHART_SERIES_SMOOTHED) && series->smooth != NULL;
  double scale = plot->width / (s->x_max - s->x_min);
  gboolean dense, dashed = (series->flags & LAB_CHART_SERIES_DASHED) != 0;
  gsize start, end;

  visible_range (series, s->x_min, s->x_max, &start, &end);
  decimate (idx, series, series->y, series->y_lo, series->y_hi, start, end, s->x_min, scale);
  /* Unsorted curves (ROC) can fold back over a column, so only sorted ones become a band. */
  dense = series->sorted && !dashed && end - start > 2 * plot->width;

  /* Round joins look best on a few segments; on thousands, bevels look the same and stroke
   * several times faster. */
  cairo_set_line_join (cr, idx->len > plot->width ? CAIRO_LINE_JOIN_BEVEL : CAIRO_LINE_JOIN_ROUND);
  lab_chart_set_source (cr, &series->color, smoothed ? 0.25 : 1.0);
  if (dense)
    fill_envelope (cr, s, plot, series->x, series->y, (gsize *) (void *) idx->data, idx->len,
                   smoothed ? 1.0 : 1.2, !smoothed);
  else
    {
      if (dashed)
        cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
      cairo_new_path (cr);
      trace (cr, s, plot, series->x, series->y, (gsize *) (void *) idx->data, idx->len);
      cairo_set_line_width (cr, smoothed ? 1.0 : 2.0);
      cairo_stroke (cr);
    }

  if (smoothed)
    {
      /* Where points are dense, the average over hundreds of them barely moves within a pixel
       * column: one point per column draws it, and strokes four times faster. */
      g_array_set_size (idx, 0);
      if (dense)
        lab_chart_sample_columns (idx, series->x, start, end, s->x_min, scale);
      else
        decimate (idx, series, series->smooth, series->smooth_lo, series->smooth_hi, start, end,
                  s->x_min, scale);
      if (dashed)
        cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
      cairo_new_path (cr);
      trace (cr, s, plot, series->x, series->smooth, (gsize *) (void *) idx->data, idx->len);
      lab_chart_set_source (cr, &series->color, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

void
lab_chart_draw_markers (cairo_t                   *cr,
                        const LabChartScene       *s,
                        const LabChartRect        *plot,
                        const LabChartSceneSeries *series,
                        const LabChartColors      *colors)
{
  gsize start, end, shown = 0;

  visible_range (series, s->x_min, s->x_max, &start, &end);
  /* Dots only while they stay 8 px apart (per-epoch values); closer, they would be a smear. */
  for (gsize k = start; k < end && shown < plot->width / 8; k++)
    shown += !isnan (series->y[k]);
  if (shown == 0 || shown >= plot->width / 8)
    return;
  for (gsize k = start; k < end; k++)
    {
      double px, py;

      lab_chart_scene_to_pixel (s, plot, series->x[k], series->y[k], &px, &py);
      if (!isfinite (px) || !isfinite (py))
        continue;
      cairo_new_path (cr);
      cairo_arc (cr, px, py, 3.5, 0, 2 * G_PI);
      lab_chart_set_source (cr, &series->color, 1.0);
      cairo_fill_preserve (cr);
      lab_chart_set_source (cr, &colors->bg, colors->bg.alpha > 0 ? 1.0 : 0.0);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
}

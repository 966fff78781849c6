/* lab-chart-draw.h: the chart's pure parts: ticks, decimation, smoothing, drawing on a cairo_t
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing here needs a widget or a display: the LabChart widget fills a LabChartScene from its
 * series and its view and calls lab_chart_draw_scene () in its snapshot; the tests, the
 * benchmark and the exports call it on image, SVG and PDF surfaces.
 */
#pragma once

#include <cairo.h>
#include <gdk/gdk.h>
#include <pango/pango.h>

#include "lab-chart.h"

G_BEGIN_DECLS

#define LAB_CHART_MAX_TICKS 32
#define LAB_CHART_BLOCK     64

typedef struct
{
  double x, y, width, height;
} LabChartRect;

/* Colours come from the widget's style (or lab_chart_colors_init_default for exports and
 * tests), so light and dark both read well. bg with alpha 0 leaves the background alone. */
typedef struct
{
  GdkRGBA  bg;
  GdkRGBA  fg;          /* labels, axes */
  GdkRGBA  grid;
  GdkRGBA  legend_bg;
  GdkRGBA  accent;      /* the zoom box, the marker */
  gboolean dark;
} LabChartColors;

void     lab_chart_colors_init_default (LabChartColors *colors,
                                        gboolean        dark);
/* The n-th series colour (it cycles), from libadwaita's palette: darker shades on light
 * backgrounds, lighter ones on dark. */
GdkRGBA  lab_chart_palette_color       (guint           index,
                                        gboolean        dark);

/* One series as drawn: borrowed arrays. smooth (n values) is the EMA for SMOOTHED series. */
typedef struct
{
  const char          *name;
  const double        *x;
  const double        *y;
  const double        *smooth;
  gsize                n;
  /* Block summaries of y and smooth (nullable; sorted series only): faster decimation. */
  const gsize         *y_lo, *y_hi, *smooth_lo, *smooth_hi;
  gboolean             sorted;     /* x never decreases: binary search the visible range */
  GdkRGBA              color;
  LabChartSeriesFlags  flags;
  gboolean             visible;
  gssize               hover;      /* index of the point the read-out names; -1: none */
} LabChartSceneSeries;

typedef struct
{
  const char   *title;
  const char   *x_label;
  const char   *y_label;
  /* The data rectangle shown; with a log y scale y_min and y_max are data values (> 0). */
  double        x_min, x_max, y_min, y_max;
  LabChartScale y_scale;
  gboolean      show_diagonal;
  gboolean      has_marker;
  double        marker_x, marker_y;
  const char   *marker_label;
  gboolean      show_legend;
  /* The read-out at a pixel column (series hover indices say which points). */
  gboolean      hover;
  double        hover_x;
  /* A zoom box being dragged, in pixels. */
  gboolean      band;
  double        band_x0, band_y0, band_x1, band_y1;
  /* The sentence shown instead of axes when there is nothing to plot (may be NULL). */
  const char   *empty_text;
  const PangoFontDescription *font;   /* NULL: Sans 9 */
  LabChartSceneSeries *series;
  guint         n_series;
} LabChartScene;

/* Linear ticks: multiples of 1, 2 or 5 × 10^k inside [lo, hi], at most max_ticks of them (but
 * at least two when lo < hi). Returns how many were written to ticks (capacity
 * LAB_CHART_MAX_TICKS) and the spacing in *step. */
guint    lab_chart_nice_ticks   (double   lo,
                                 double   hi,
                                 guint    max_ticks,
                                 double  *ticks,
                                 double  *step);
/* Log ticks at the powers of ten inside [lo, hi] (lo > 0); every second or fifth decade when
 * there are more than max_ticks; when the range spans less than one decade, 1-2-5 values. */
guint    lab_chart_log_ticks    (double   lo,
                                 double   hi,
                                 guint    max_ticks,
                                 double  *ticks);
/* A tick label with as many decimals as step needs ("0.25", "1e-05", "20k" never: plain). */
char    *lab_chart_format_value (double   value,
                                 double   step);

/* Min/max decimation: consecutive points falling into the same pixel column (column =
 * floor ((x - x0) * scale)) are reduced to the first, the lowest, the highest and the last of
 * them, in their original order, so every extreme survives and the line looks the same.
 * Points with a NaN y are kept as breaks. Appends indices in [start, end) to out (gsize). */
void     lab_chart_decimate     (GArray        *out,
                                 const double  *x,
                                 const double  *y,
                                 gsize          start,
                                 gsize          end,
                                 double         x0,
                                 double         scale);
/* The same for x that never decreases, much faster: column ends are found by search, and
 * the extremes of whole blocks of LAB_CHART_BLOCK points come from their summaries
 * (block_lo/block_hi, nullable, see lab_chart_blocks_update). NaN values are left out of the
 * extremes instead of breaking the line. */
void     lab_chart_decimate_sorted (GArray       *out,
                                    const double *x,
                                    const double *y,
                                    const gsize  *block_lo,
                                    const gsize  *block_hi,
                                    gsize         start,
                                    gsize         end,
                                    double        x0,
                                    double        scale);
/* The first point of every pixel column and the last point (x never decreasing): enough for
 * a line that cannot move by a pixel within a column, such as a moving average over many. */
void     lab_chart_sample_columns (GArray       *out,
                                   const double *x,
                                   gsize         start,
                                   gsize         end,
                                   double        x0,
                                   double        scale);
/* Brings the per-block summaries of y up to date for n points (appended since the last call,
 * or all when lo and hi are empty): for each block of LAB_CHART_BLOCK points, the index of its
 * first lowest and first highest value. lo and hi are GArrays of gsize. */
void     lab_chart_blocks_update (GArray       *lo,
                                  GArray       *hi,
                                  const double *y,
                                  gsize         n);
/* Exponential moving average with bias correction (TensorBoard's): out[i] is the weighted
 * mean of y[0..i] with weights w^(i-j). NaNs are skipped (out is NaN until the first value). */
void     lab_chart_smooth       (double        *out,
                                 const double  *y,
                                 gsize          n,
                                 double         weight);
/* The same, going on from out[start] with the running sums *acc and *norm (both 0 at first). */
void     lab_chart_smooth_range (double       *out,
                                 const double *y,
                                 gsize         start,
                                 gsize         end,
                                 double        weight,
                                 double       *acc,
                                 double       *norm);
/* The smoothing weight for n points: a window of about n / 300 points (a power of two),
 * between 0.6 and 0.995. */
double   lab_chart_smooth_weight (gsize         n);
/* Index of the point nearest to x_target in x (sorted: binary search), ignoring NaN y; -1
 * when there is none. */
gssize   lab_chart_nearest      (const double  *x,
                                 const double  *y,
                                 gsize          n,
                                 gboolean       sorted,
                                 double         x_target);

/* Where the plot area lies for this scene at width × height (depends on the labels' sizes). */
LabChartRect lab_chart_scene_plot_area (const LabChartScene *scene,
                                        cairo_t             *cr,
                                        int                  width,
                                        int                  height);
/* Pixel ↔ data within the plot area (log scale aware). */
void     lab_chart_scene_to_pixel (const LabChartScene *scene,
                                   const LabChartRect  *plot,
                                   double               x,
                                   double               y,
                                   double              *px,
                                   double              *py);
void     lab_chart_scene_to_data  (const LabChartScene *scene,
                                   const LabChartRect  *plot,
                                   double               px,
                                   double               py,
                                   double              *x,
                                   double              *y);
/* Draws everything; returns the plot area it used. */
LabChartRect lab_chart_draw_scene (cairo_t              *cr,
                                   int                   width,
                                   int                   height,
                                   const LabChartScene  *scene,
                                   const LabChartColors *colors);

/* Exports (lab-chart-export.c). Surfaces go to a temporary file beside path, renamed on success. */
gboolean lab_chart_scene_export (const LabChartScene  *scene,
                                 const LabChartColors *colors,
                                 const char           *path,
                                 LabChartFormat        format,
                                 int                   width,
                                 int                   height,
                                 GError              **error);
/* "series,x,y" then one line per point; names quoted when they need it; values round-trip. */
char    *lab_chart_scene_to_csv (const LabChartScene  *scene,
                                 gsize                *length);
/* The format a file name asks for (.png, .svg, .pdf, any case); FALSE for anything else. */
gboolean lab_chart_format_from_path (const char      *path,
                                     LabChartFormat  *format);

G_END_DECLS

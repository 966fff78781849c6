/* lab-inside-draw.h: colour maps, grid layouts and drawings shared by the Inside views
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-inspect.h"

G_BEGIN_DECLS

/* The zero of diverging scales: a grey a step away from the card it lies on, so that a value
 * of zero still reads as a cell and not as a hole. */
#define LAB_INSIDE_MID_LIGHT ((GdkRGBA) { 0.87, 0.87, 0.87, 1 })
#define LAB_INSIDE_MID_DARK  ((GdkRGBA) { 0.33, 0.33, 0.33, 1 })

/* Sequential colour for t in [0, 1] (dark blue-violet → teal → yellow, readable on light and
 * dark backgrounds, monotonic in lightness). */
void       lab_heat_color        (double         t,
                                  GdkRGBA       *out);
/* Diverging colour for t in [−1, 1]: blue for negative, mid at 0, orange for positive. */
void       lab_diverging_color   (double         t,
                                  const GdkRGBA *mid,
                                  gboolean       dark,
                                  GdkRGBA       *out);

/* Colours of n values on one scale: sequential over [0, max] when nothing is negative, else
 * diverging over [−m, m], m the largest magnitude. */
typedef struct
{
  gboolean diverging;
  float    lo;
  float    hi;
  GdkRGBA  mid;
  gboolean dark;
} LabValueScale;

void       lab_value_scale_fit   (LabValueScale *scale,
                                  const float   *values,
                                  gsize          n);
void       lab_value_scale_color (const LabValueScale *scale,
                                  float                v,
                                  GdkRGBA             *out);

/* A grid of n maps of map_w × map_h values in avail_width pixels with gap pixels between:
 * each map drawn at *cell pixels (about 56 px, whole multiples of the map for small maps,
 * shrunk to fit the width), *cols × *rows of them. */
void       lab_feature_grid_layout (guint    n_maps,
                                    guint    map_w,
                                    guint    map_h,
                                    double   avail_width,
                                    double   gap,
                                    guint   *cols,
                                    guint   *rows,
                                    double  *cell);
/* values (n_maps, map_h, map_w) as that grid, each map framed by a hairline. */
void       lab_draw_feature_maps   (cairo_t             *cr,
                                    const float         *values,
                                    guint                n_maps,
                                    guint                map_h,
                                    guint                map_w,
                                    double               avail_width,
                                    double               gap,
                                    const LabValueScale *scale,
                                    const GdkRGBA       *frame);

#define LAB_HEAT_ROW_HEIGHT 18.0
/* n values as rows of cells at least 6 px wide: per_row per row, rows rows. */
void       lab_heat_strip_layout   (gsize    n,
                                    double   width,
                                    guint   *per_row,
                                    guint   *rows);
void       lab_draw_heat_strip     (cairo_t             *cr,
                                    const float         *values,
                                    gsize                n,
                                    double               width,
                                    const LabValueScale *scale);

/* Sets a drawing area's content height from its "resize" handler: a resize queued during an
 * allocation is lost, so this one waits for the next idle. */
void       lab_drawing_area_set_height_later (GtkDrawingArea *area,
                                              int             height);

/* Histograms of one tensor over time as a picture, as TensorBoard draws distributions: one
 * column per histogram, left (oldest) to right, values bottom to top over the common range of
 * all of them, each bin shaded by its share of the column's largest bin. */
void       lab_draw_histogram_history   (cairo_t                    *cr,
                                         const LabHistogram * const *hists,
                                         guint                       n,
                                         double                      width,
                                         double                      height,
                                         const GdkRGBA              *color,
                                         const GdkRGBA              *bg);

G_END_DECLS

/* lab-chart-draw-private.h: helpers shared by the chart's drawing files
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lab-chart-draw.h"

G_BEGIN_DECLS

#define PAD 6.0

PangoLayout *lab_chart_make_layout (cairo_t             *cr,
                                    const LabChartScene *scene,
                                    gboolean             bold);
void         lab_chart_text_size   (PangoLayout         *layout,
                                    const char          *text,
                                    double              *width,
                                    double              *height);
void         lab_chart_show_text   (cairo_t             *cr,
                                    PangoLayout         *layout,
                                    const char          *text,
                                    double               x,
                                    double               y);
void         lab_chart_set_source  (cairo_t             *cr,
                                    const GdkRGBA       *color,
                                    double               alpha);
/* lab-chart-lines.c: one series' line (idx is scratch space for decimated indices), and its
 * dots for MARKERS series. */
void         lab_chart_draw_series  (cairo_t                   *cr,
                                     const LabChartScene       *scene,
                                     const LabChartRect        *plot,
                                     const LabChartSceneSeries *series,
                                     GArray                    *idx);
void         lab_chart_draw_markers (cairo_t                   *cr,
                                     const LabChartScene       *scene,
                                     const LabChartRect        *plot,
                                     const LabChartSceneSeries *series,
                                     const LabChartColors      *colors);
/* lab-chart-overlay.c: what lies over the series; legend_strip is the height kept above the
 * plot for the legend (0: the legend goes in a corner). */
void         lab_chart_draw_overlays (cairo_t              *cr,
                                      const LabChartScene  *scene,
                                      const LabChartRect   *plot,
                                      const LabChartColors *colors,
                                      double                legend_strip);
/* The height to keep above plot for the legend: 0 when it fits in a corner without hiding
 * any point, else enough for its entries in lines as wide as the plot. */
double       lab_chart_legend_strip  (cairo_t              *cr,
                                      const LabChartScene  *scene,
                                      const LabChartRect   *plot);

G_END_DECLS

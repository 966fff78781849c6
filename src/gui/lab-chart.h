/* lab-chart.h: one reusable Cairo chart for every curve LayerLab plots
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loss and accuracy per batch and per epoch, the learning rate, ROC and precision-recall curves
 * and two runs overlaid are all the same widget: line series in data coordinates over axes with
 * "nice" ticks. It decimates by min/max per pixel column, so a million points draw as fast as a
 * thousand and no spike disappears; zoom (ctrl+scroll, drag a box), pan (drag), double-click to
 * fit; a hover read-out names the nearest point of every series. It exports what it shows as
 * PNG, SVG or PDF and its data as CSV.
 *
 *   GtkWidget *chart = lab_chart_new ();
 *   lab_chart_set_axis_labels (LAB_CHART (chart), _("Epoch"), _("Loss"));
 *   guint train = lab_chart_add_series (LAB_CHART (chart), _("Training"), 0, LAB_CHART_SERIES_SMOOTHED);
 *   lab_chart_series_append (LAB_CHART (chart), train, 0.5, 1.93);
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  LAB_CHART_SCALE_LINEAR,
  LAB_CHART_SCALE_LOG,
} LabChartScale;

typedef enum
{
  LAB_CHART_SERIES_NONE     = 0,
  /* Draws the raw values faint and an exponential moving average of them strong. */
  LAB_CHART_SERIES_SMOOTHED = 1 << 0,
  LAB_CHART_SERIES_DASHED   = 1 << 1,
  /* A dot at every point (per-epoch values). */
  LAB_CHART_SERIES_MARKERS  = 1 << 2,
} LabChartSeriesFlags;

typedef enum
{
  LAB_CHART_FORMAT_PNG,
  LAB_CHART_FORMAT_SVG,
  LAB_CHART_FORMAT_PDF,
} LabChartFormat;

#define LAB_TYPE_CHART (lab_chart_get_type ())
G_DECLARE_FINAL_TYPE (LabChart, lab_chart, LAB, CHART, GtkWidget)

GtkWidget *lab_chart_new              (void);

void       lab_chart_set_title        (LabChart      *self,
                                       const char    *title);
void       lab_chart_set_axis_labels  (LabChart      *self,
                                       const char    *x_label,
                                       const char    *y_label);
void       lab_chart_set_y_scale      (LabChart      *self,
                                       LabChartScale  scale);
LabChartScale lab_chart_get_y_scale   (LabChart      *self);
/* Fixed limits (ROC and PR curves live in [0, 1]²); NaN for a limit means "fit the data". */
void       lab_chart_set_limits       (LabChart      *self,
                                       double         x_min,
                                       double         x_max,
                                       double         y_min,
                                       double         y_max);
/* The dotted y = x line of a chance-level classifier on ROC charts. */
void       lab_chart_set_show_diagonal (LabChart     *self,
                                        gboolean      show);

/* color_index picks the n-th colour of a palette that reads on light and dark backgrounds. */
guint      lab_chart_add_series       (LabChart            *self,
                                       const char          *name,
                                       guint                color_index,
                                       LabChartSeriesFlags  flags);
void       lab_chart_series_append    (LabChart      *self,
                                       guint          series,
                                       double         x,
                                       double         y);
void       lab_chart_series_set_data  (LabChart      *self,
                                       guint          series,
                                       const double  *x,
                                       const double  *y,
                                       gsize          n);
void       lab_chart_series_set_visible (LabChart    *self,
                                         guint        series,
                                         gboolean     visible);
gsize      lab_chart_series_get_n_points (LabChart   *self,
                                          guint       series);
/* How many series there are: the index the next lab_chart_add_series returns. */
guint      lab_chart_series_get_count (LabChart      *self);
/* Removes every series (their indices start again at 0) and the marker. */
void       lab_chart_clear            (LabChart      *self);

/* A labelled point drawn over the series (an operating point on a ROC curve); label NULL hides it. */
void       lab_chart_set_marker       (LabChart      *self,
                                       double         x,
                                       double         y,
                                       const char    *label);

/* A sentence or two on what the chart shows and how to read it, for its tooltip (shown over
 * the axes, ahead of how to zoom and export; inside the plot the read-out speaks). A tooltip
 * text set on the chart itself serves the same way; one set on a parent would cover the
 * read-out. */
void       lab_chart_set_description  (LabChart     *self,
                                       const char   *description);

/* The size the chart asks for when there is room (480 × 260 unless set; -1 keeps one). */
void       lab_chart_set_natural_size (LabChart     *self,
                                       int           width,
                                       int           height);

/* Zoom back to the whole data (also on double-click). */
void       lab_chart_zoom_to_fit      (LabChart      *self);

/* Writes what the chart shows at width × height pixels (points for PDF). Atomic. */
gboolean   lab_chart_export           (LabChart       *self,
                                       const char     *path,
                                       LabChartFormat  format,
                                       int             width,
                                       int             height,
                                       GError        **error);
/* Every series' points as CSV: series,x,y with a header line. Atomic. */
gboolean   lab_chart_export_csv       (LabChart       *self,
                                       const char     *path,
                                       GError        **error);

G_END_DECLS

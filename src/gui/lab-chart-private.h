/* lab-chart-private.h: the chart widget's parts shared with its export code
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lab-chart.h"
#include "lab-chart-draw.h"

G_BEGIN_DECLS

typedef struct
{
  char                *name;
  guint                color_index;
  LabChartSeriesFlags  flags;
  gboolean             visible;
  GArray              *x;
  GArray              *y;
  GArray              *smooth;
  double               smooth_weight, acc, norm;
  /* Block summaries (lab_chart_blocks_update) of y and smooth, for sorted series. */
  GArray              *b_lo, *b_hi, *s_lo, *s_hi;
  gboolean             sorted;
  /* Bounds of the finite points, kept as points arrive; y_pos is the least positive y. */
  double               x_lo, x_hi, y_lo, y_hi, y_pos;
} LabChartSeries;

typedef enum { LAB_CHART_DRAG_NONE, LAB_CHART_DRAG_PAN, LAB_CHART_DRAG_BAND } LabChartDrag;

struct _LabChart
{
  GtkWidget      parent_instance;

  char          *title, *x_label, *y_label, *description;
  LabChartScale  scale;
  double         limits[4];   /* x_min, x_max, y_min, y_max; NaN: fit the data */
  gboolean       diagonal;
  GPtrArray     *series;
  gboolean       has_marker;
  double         marker_x, marker_y;
  char          *marker_label;

  gboolean       auto_fit;
  double         view[4];
  LabChartRect   plot;        /* of the last frame, for the gestures */

  gboolean       hover;
  double         hover_x;
  double         pointer_x, pointer_y;
  int            natural_width, natural_height;
  LabChartDrag   drag;
  double         drag_x, drag_y, drag_dx, drag_dy, drag_view[4];
  GtkWidget     *menu;
};


/* lab-chart-series.c */
LabChartSeries *lab_chart_series_new (const char          *name,
                                      guint                color_index,
                                      LabChartSeriesFlags  flags);
void lab_chart_series_free  (gpointer        series);
void lab_chart_series_reset (LabChartSeries *series);
void lab_chart_series_take  (LabChartSeries *series,
                             double          x,
                             double          y);
/* Brings the moving average and the block summaries up to date with the points. */
void lab_chart_series_update (LabChartSeries *series);
/* The view that shows every visible point, within the fixed limits. */
void lab_chart_fit_view     (LabChart       *self,
                             double         *view);

/* Fills scene with what the chart shows now; series points to an array the caller frees with
 * g_free (scene->series). hover and band are left out (exports show neither). */
void lab_chart_fill_scene   (LabChart      *self,
                             LabChartScene *scene,
                             gboolean       dark);
/* The accessible label and description: the title and the series' names. */
void lab_chart_update_accessible (LabChart *self);
/* The view rectangle shown now (x_min, x_max, y_min, y_max). */
void lab_chart_get_view     (LabChart      *self,
                             double        *view);
void lab_chart_set_view     (LabChart      *self,
                             const double  *view);
/* lab-chart-input.c: hover, drag, scroll, clicks and the context menu. */
void lab_chart_init_input   (LabChart      *self);
void lab_chart_class_init_input (GtkWidgetClass *widget_class);
/* Scales the view by factor about the pixel (px, py); factor < 1 zooms in. */
void lab_chart_zoom_at      (LabChart      *self,
                             double         px,
                             double         py,
                             double         factor);
/* The file choosers behind the "Export image…" and "Export data as CSV…" menu items. */
void lab_chart_choose_image (LabChart      *self);
void lab_chart_choose_csv   (LabChart      *self);

G_END_DECLS

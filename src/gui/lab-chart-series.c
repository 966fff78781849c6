/* lab-chart-series.c: a chart's points, their bounds and their moving average, and the view
 * that fits them
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-chart"

#include <math.h>

#include "lab-chart-private.h"

static GArray *
new_array (gsize element)
{
  return g_array_new (FALSE, FALSE, element);
}

LabChartSeries *
lab_chart_series_new (const char          *name,
                      guint                color_index,
                      LabChartSeriesFlags  flags)
{
  LabChartSeries *s = g_new0 (LabChartSeries, 1);

  s->name = g_strdup (name);
  s->color_index = color_index;
  s->flags = flags;
  s->visible = TRUE;
  s->x = new_array (sizeof (double));
  s->y = new_array (sizeof (double));
  s->smooth = new_array (sizeof (double));
  s->b_lo = new_array (sizeof (gsize));
  s->b_hi = new_array (sizeof (gsize));
  s->s_lo = new_array (sizeof (gsize));
  s->s_hi = new_array (sizeof (gsize));
  lab_chart_series_reset (s);
  return s;
}

void
lab_chart_series_free (gpointer data)
{
  LabChartSeries *s = data;

  g_free (s->name);
  g_array_unref (s->x);
  g_array_unref (s->y);
  g_array_unref (s->smooth);
  g_array_unref (s->b_lo);
  g_array_unref (s->b_hi);
  g_array_unref (s->s_lo);
  g_array_unref (s->s_hi);
  g_free (s);
}

void
lab_chart_series_reset (LabChartSeries *s)
{
  s->x_lo = s->y_lo = s->y_pos = INFINITY;
  s->x_hi = s->y_hi = -INFINITY;
  s->sorted = TRUE;
  g_array_set_size (s->x, 0);
  g_array_set_size (s->y, 0);
  g_array_set_size (s->smooth, 0);
  g_array_set_size (s->b_lo, 0);
  g_array_set_size (s->b_hi, 0);
  g_array_set_size (s->s_lo, 0);
  g_array_set_size (s->s_hi, 0);
  s->acc = s->norm = 0;
}

void
lab_chart_series_take (LabChartSeries *s,
                       double          x,
                       double          y)
{
  guint n = s->x->len;

  if (n > 0 && !(x >= g_array_index (s->x, double, n - 1)))
    s->sorted = FALSE;
  g_array_append_val (s->x, x);
  g_array_append_val (s->y, y);
  if (!isfinite (x) || !isfinite (y))
    return;
  s->x_lo = MIN (s->x_lo, x);
  s->x_hi = MAX (s->x_hi, x);
  s->y_lo = MIN (s->y_lo, y);
  s->y_hi = MAX (s->y_hi, y);
  if (y > 0)
    s->y_pos = MIN (s->y_pos, y);
}

void
lab_chart_series_update (LabChartSeries *s)
{
  double w = lab_chart_smooth_weight (s->y->len);
  guint done = s->smooth->len;

  if (s->sorted)
    lab_chart_blocks_update (s->b_lo, s->b_hi, (const double *) (void *) s->y->data, s->y->len);
  if (!(s->flags & LAB_CHART_SERIES_SMOOTHED) || done == s->y->len)
    return;
  if (w != s->smooth_weight)
    {
      /* A new weight: the average starts over, and so do its summaries. */
      s->smooth_weight = w;
      s->acc = s->norm = 0;
      done = 0;
      g_array_set_size (s->s_lo, 0);
      g_array_set_size (s->s_hi, 0);
    }
  g_array_set_size (s->smooth, s->y->len);
  lab_chart_smooth_range ((double *) (void *) s->smooth->data, (const double *) (void *) s->y->data,
                          done, s->y->len, w, &s->acc, &s->norm);
  if (s->sorted)
    lab_chart_blocks_update (s->s_lo, s->s_hi, (const double *) (void *) s->smooth->data,
                             s->smooth->len);
}

/* The public series API. */

guint
lab_chart_add_series (LabChart            *self,
                      const char          *name,
                      guint                color_index,
                      LabChartSeriesFlags  flags)
{
  LabChartSeries *s;

  g_return_val_if_fail (LAB_IS_CHART (self), 0);

  s = lab_chart_series_new (name, color_index, flags);
  g_ptr_array_add (self->series, s);
  lab_chart_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return self->series->len - 1;
}

static LabChartSeries *
get_series (LabChart *self,
            guint     series)
{
  g_return_val_if_fail (LAB_IS_CHART (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  return g_ptr_array_index (self->series, series);
}

void
lab_chart_series_append (LabChart *self,
                         guint     series,
                         double    x,
                         double    y)
{
  LabChartSeries *s = get_series (self, series);

  if (s == NULL)
    return;
  lab_chart_series_take (s, x, y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lab_chart_series_set_data (LabChart     *self,
                           guint         series,
                           const double *x,
                           const double *y,
                           gsize         n)
{
  LabChartSeries *s = get_series (self, series);

  if (s == NULL)
    return;
  g_return_if_fail (n == 0 || (x != NULL && y != NULL));
  lab_chart_series_reset (s);
  for (gsize i = 0; i < n; i++)
    lab_chart_series_take (s, x[i], y[i]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lab_chart_series_set_visible (LabChart *self,
                              guint     series,
                              gboolean  visible)
{
  LabChartSeries *s = get_series (self, series);

  if (s == NULL)
    return;
  s->visible = !!visible;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gsize
lab_chart_series_get_n_points (LabChart *self,
                               guint     series)
{
  LabChartSeries *s = get_series (self, series);

  return s != NULL ? s->x->len : 0;
}

guint
lab_chart_series_get_count (LabChart *self)
{
  g_return_val_if_fail (LAB_IS_CHART (self), 0);
  return self->series->len;
}

/* The view. */

void
lab_chart_fit_view (LabChart *self,
                    double   *v)
{
  gboolean log = self->scale == LAB_CHART_SCALE_LOG;
  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = INFINITY, y_hi = -INFINITY;

  for (guint i = 0; i < self->series->len; i++)
    {
      LabChartSeries *s = g_ptr_array_index (self->series, i);

      if (!s->visible)
        continue;
      x_lo = MIN (x_lo, s->x_lo);
      x_hi = MAX (x_hi, s->x_hi);
      y_lo = MIN (y_lo, log ? s->y_pos : s->y_lo);
      y_hi = MAX (y_hi, s->y_hi);
    }
  if (!isfinite (x_lo))
    x_lo = 0, x_hi = 1;
  if (!isfinite (y_lo) || !isfinite (y_hi) || (log && !(y_hi > 0)))
    y_lo = log ? 0.01 : 0, y_hi = 1;

  /* A little air above and below the data, none at the ends of x. */
  if (log)
    {
      double a = log10 (y_lo), b = log10 (y_hi), pad = MAX ((b - a) * 0.05, 0.05);

      y_lo = pow (10, a - pad);
      y_hi = pow (10, b + pad);
    }
  else
    {
      double pad = (y_hi - y_lo) * 0.05;

      /* A constant (a fixed learning rate of 0.005): a band around it at its own scale. */
      if (pad == 0)
        pad = y_hi != 0 ? fabs (y_hi) * 0.1 : 0.5;
      y_lo -= pad;
      y_hi += pad;
    }
  if (x_hi == x_lo)
    x_lo -= MAX (fabs (x_lo) * 0.1, 0.5), x_hi = 2 * x_hi - x_lo;

  v[0] = isnan (self->limits[0]) ? x_lo : self->limits[0];
  v[1] = isnan (self->limits[1]) ? x_hi : self->limits[1];
  v[2] = isnan (self->limits[2]) || (log && !(self->limits[2] > 0)) ? y_lo : self->limits[2];
  v[3] = isnan (self->limits[3]) || (log && !(self->limits[3] > 0)) ? y_hi : self->limits[3];
  if (!(v[1] > v[0]))
    v[1] = v[0] + 1;
  if (!(v[3] > v[2]))
    v[3] = log ? v[2] * 10 : v[2] + 1;
}

/* lab-chart-math.c: the chart's numbers: ticks, labels, decimation, smoothing, nearest points
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-chart"

#include <math.h>
#include <string.h>

#include "lab-chart-draw.h"

guint
lab_chart_nice_ticks (double  lo,
                      double  hi,
                      guint   max_ticks,
                      double *ticks,
                      double *step)
{
  static const double mantissas[] = { 1, 2, 5 };
  double range = hi - lo, s = 0;
  gint64 first = 0, last = -1;

  g_return_val_if_fail (ticks != NULL && step != NULL, 0);

  *step = 0;
  if (!isfinite (lo) || !isfinite (hi) || !(range > 0))
    return 0;
  max_ticks = CLAMP (max_ticks, 2, LAB_CHART_MAX_TICKS);

  /* The smallest 1-2-5 step that yields at most max_ticks ticks, starting a decade below the
   * even split so that the loop finds it within a few tries. When that leaves a single tick
   * (a short range between two round numbers), the step before it, with a few ticks more. */
  for (int k = (int) floor (log10 (range / max_ticks)) - 1; ; k++)
    {
      gboolean found = FALSE;

      for (guint m = 0; m < G_N_ELEMENTS (mantissas); m++)
        {
          double candidate = mantissas[m] * pow (10, k);
          gint64 f = (gint64) ceil (lo / candidate - 1e-9);
          gint64 l = (gint64) floor (hi / candidate + 1e-9);

          if (l - f + 1 <= (gint64) max_ticks && (l - f + 1 >= 2 || s > 0))
            {
              if (l - f + 1 >= 2)
                s = candidate, first = f, last = l;
              found = TRUE;
              break;
            }
          s = candidate, first = f, last = l;
        }
      if (found)
        break;
    }
  if (last - first + 1 > LAB_CHART_MAX_TICKS)
    last = first + LAB_CHART_MAX_TICKS - 1;

  *step = s;
  for (gint64 i = first; i <= last; i++)
    {
      double v = i * s;

      /* i * s can be 1e-17 instead of 0: snap it so the label reads "0". */
      ticks[i - first] = fabs (v) < s * 1e-9 ? 0.0 : v;
    }
  return (guint) (last - first + 1);
}

guint
lab_chart_log_ticks (double  lo,
                     double  hi,
                     guint   max_ticks,
                     double *ticks)
{
  int d0, d1, stride;
  guint n = 0;

  g_return_val_if_fail (ticks != NULL, 0);

  if (!(lo > 0) || !(hi > lo) || !isfinite (hi))
    return 0;
  max_ticks = CLAMP (max_ticks, 2, LAB_CHART_MAX_TICKS);
  d0 = (int) ceil (log10 (lo) - 1e-9);
  d1 = (int) floor (log10 (hi) + 1e-9);

  if (d1 - d0 + 1 >= 2)
    {
      /* Decades; every second, fifth, tenth… when there are too many. */
      stride = 1;
      while ((d1 - d0) / stride + 1 > (int) max_ticks)
        stride = stride == 1 ? 2 : stride == 2 ? 5 : stride * 2;
      for (int d = d0; d <= d1; d++)
        if (((d % stride) + stride) % stride == 0)
          ticks[n++] = pow (10, d);
      if (n >= 2)
        return n;
      n = 0;
    }

  /* Less than a decade: 1, 2 and 5 times the powers of ten in the range. */
  for (int d = (int) floor (log10 (lo)); d <= (int) ceil (log10 (hi)) && n < max_ticks; d++)
    for (guint m = 0; m < 3 && n < max_ticks; m++)
      {
        double v = (double[]) { 1, 2, 5 }[m] * pow (10, d);

        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9))
          ticks[n++] = v;
      }
  if (n >= 2)
    return n;
  {
    double step;

    return lab_chart_nice_ticks (lo, hi, max_ticks, ticks, &step);
  }
}

char *
lab_chart_format_value (double value,
                        double step)
{
  double a = fabs (value);
  int decimals;

  if (!isfinite (value))
    return g_strdup ("–");
  if (value != 0 && (a >= 1e6 || a < 1e-4))
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* 1e-05, 2.5e+07: short and exact enough for a tick. */
      g_ascii_formatd (buf, sizeof buf, "%.3g", value);
      return g_strdup (buf);
    }
  step = fabs (step);
  /* Steps are 1, 2 or 5 × 10^k, so the step's own decimals show every tick exactly. */
  decimals = step > 0 && step < 1 ? (int) ceil (-log10 (step) - 1e-9) : 0;
  if (value == 0)
    return g_strdup_printf ("%.*f", CLAMP (decimals, 0, 8), 0.0);
  return g_strdup_printf ("%.*f", CLAMP (decimals, 0, 8), value);
}

void
lab_chart_decimate (GArray       *out,
                    const double *x,
                    const double *y,
                    gsize         start,
                    gsize         end,
                    double        x0,
                    double        scale)
{
  gint64 column = G_MININT64;
  gsize first = 0, lo = 0, hi = 0, last = 0;
  gboolean open = FALSE;

  g_return_if_fail (out != NULL && g_array_get_element_size (out) == sizeof (gsize));

#define FLUSH()                                                                  \
  G_STMT_START {                                                                 \
    if (open)                                                                    \
      {                                                                          \
        gsize keep[4] = { first, MIN (lo, hi), MAX (lo, hi), last };             \
        for (guint k = 0; k < 4; k++)                                            \
          if (k == 0 || keep[k] != keep[k - 1])                                  \
            g_array_append_val (out, keep[k]);                                   \
        open = FALSE;                                                            \
      }                                                                          \
  } G_STMT_END

  for (gsize i = start; i < end; i++)
    {
      double c;
      gint64 col;

      if (isnan (y[i]) || isnan (x[i]))
        {
          FLUSH ();
          g_array_append_val (out, i);   /* a break in the line */
          column = G_MININT64;
          continue;
        }
      /* Columns far outside the plot collapse into one on each side. */
      c = floor ((x[i] - x0) * scale);
      col = (gint64) CLAMP (c, -4.0, 1e7);
      if (!open || col != column)
        {
          FLUSH ();
          column = col;
          first = lo = hi = last = i;
          open = TRUE;
          continue;
        }
      if (y[i] < y[lo])
        lo = i;
      if (y[i] > y[hi])
        hi = i;
      last = i;
    }
  FLUSH ();
#undef FLUSH
}

/* First index in [lo, hi) with x ≥ limit, searching outwards from lo first: a pixel column
 * usually holds few points, so this costs a handful of steps instead of a full bisection. */
static gsize
gallop (const double *x,
        gsize         lo,
        gsize         hi,
        double        limit)
{
  gsize step = 1, a = lo, b;

  while (lo + step < hi && x[lo + step] < limit)
    {
      a = lo + step;
      step *= 2;
    }
  b = MIN (lo + step, hi);
  while (a < b)
    {
      gsize mid = a + (b - a) / 2;

      if (x[mid] < limit)
        a = mid + 1;
      else
        b = mid;
    }
  return a;
}

void
lab_chart_blocks_update (GArray       *lo,
                         GArray       *hi,
                         const double *y,
                         gsize         n)
{
  gsize first, n_blocks = (n + LAB_CHART_BLOCK - 1) / LAB_CHART_BLOCK;

  g_return_if_fail (lo != NULL && hi != NULL);

  /* The last block may have been partial: it is redone with its new points. */
  first = lo->len > 0 ? lo->len - 1 : 0;
  g_array_set_size (lo, n_blocks);
  g_array_set_size (hi, n_blocks);
  for (gsize b = first; b < n_blocks; b++)
    {
      gsize start = b * LAB_CHART_BLOCK, end = MIN (start + LAB_CHART_BLOCK, n), l = start, h = start;
      double vlo = INFINITY, vhi = -INFINITY;

      for (gsize k = start; k < end; k++)
        {
          if (y[k] < vlo)
            vlo = y[k], l = k;
          if (y[k] > vhi)
            vhi = y[k], h = k;
        }
      g_array_index (lo, gsize, b) = l;
      g_array_index (hi, gsize, b) = h;
    }
}

void
lab_chart_decimate_sorted (GArray       *out,
                           const double *x,
                           const double *y,
                           const gsize  *block_lo,
                           const gsize  *block_hi,
                           gsize         start,
                           gsize         end,
                           double        x0,
                           double        scale)
{
  gsize i = start;

  g_return_if_fail (out != NULL && g_array_get_element_size (out) == sizeof (gsize));

  while (i < end)
    {
      double c = CLAMP (floor ((x[i] - x0) * scale), -4.0, 1e7);
      double limit = c >= 1e7 ? INFINITY : x0 + (c + 1) / scale;
      gsize j = gallop (x, i + 1, end, limit), lo = i, hi = i, k = i;
      double vlo = INFINITY, vhi = -INFINITY;

      /* Whole blocks by their summaries, the rest point by point; NaNs never compare, so they
       * drop out of the extremes. Both keep the first of equal extremes: the same result. */
      while (k < j)
        {
          if (block_lo != NULL && k % LAB_CHART_BLOCK == 0 && k + LAB_CHART_BLOCK <= j)
            {
              gsize b = k / LAB_CHART_BLOCK;

              if (y[block_lo[b]] < vlo)
                vlo = y[block_lo[b]], lo = block_lo[b];
              if (y[block_hi[b]] > vhi)
                vhi = y[block_hi[b]], hi = block_hi[b];
              k += LAB_CHART_BLOCK;
              continue;
            }
          if (y[k] < vlo)
            vlo = y[k], lo = k;
          if (y[k] > vhi)
            vhi = y[k], hi = k;
          k++;
        }
      {
        gsize keep[4] = { i, MIN (lo, hi), MAX (lo, hi), j - 1 };

        for (guint m = 0; m < 4; m++)
          if (m == 0 || keep[m] != keep[m - 1])
            g_array_append_val (out, keep[m]);
      }
      i = j;
    }
}

void
lab_chart_sample_columns (GArray       *out,
                          const double *x,
                          gsize         start,
                          gsize         end,
                          double        x0,
                          double        scale)
{
  gsize i = start;

  g_return_if_fail (out != NULL && g_array_get_element_size (out) == sizeof (gsize));

  while (i < end)
    {
      double c = CLAMP (floor ((x[i] - x0) * scale), -4.0, 1e7);
      double limit = c >= 1e7 ? INFINITY : x0 + (c + 1) / scale;

      g_array_append_val (out, i);
      i = gallop (x, i + 1, end, limit);
    }
  if (end > start && g_array_index (out, gsize, out->len - 1) != end - 1)
    {
      gsize last = end - 1;

      g_array_append_val (out, last);
    }
}

double
lab_chart_smooth_weight (gsize n)
{
  /* A window of about n / 300 points, rounded down to a power of two so that appending points
   * changes the weight only when their number doubles: the average can then go on from where
   * it was instead of starting over. */
  double window = exp2 (floor (log2 (MAX (n / 300.0, 1.0))));

  return CLAMP (1.0 - 1.0 / window, 0.6, 0.995);
}

void
lab_chart_smooth_range (double       *out,
                        const double *y,
                        gsize         start,
                        gsize         end,
                        double        weight,
                        double       *acc,
                        double       *norm)
{
  for (gsize i = start; i < end; i++)
    {
      if (!isnan (y[i]))
        {
          *acc = *acc * weight + (1 - weight) * y[i];
          *norm = *norm * weight + (1 - weight);
        }
      out[i] = *norm > 0 ? *acc / *norm : NAN;
    }
}

void
lab_chart_smooth (double       *out,
                  const double *y,
                  gsize         n,
                  double        weight)
{
  double acc = 0, norm = 0;

  lab_chart_smooth_range (out, y, 0, n, weight, &acc, &norm);
}

gssize
lab_chart_nearest (const double *x,
                   const double *y,
                   gsize         n,
                   gboolean      sorted,
                   double        x_target)
{
  gssize best = -1;
  double best_d = INFINITY;

  if (n == 0 || isnan (x_target))
    return -1;
  if (sorted)
    {
      gsize lo = 0, hi = n;

      while (lo < hi)
        {
          gsize mid = lo + (hi - lo) / 2;

          if (x[mid] < x_target)
            lo = mid + 1;
          else
            hi = mid;
        }
      /* Walk outwards past points without a value, a few hundred at most. */
      for (gsize k = 0; k < 512; k++)
        {
          if (lo + k < n && !isnan (y[lo + k]) && fabs (x[lo + k] - x_target) < best_d)
            {
              best = lo + k;
              best_d = fabs (x[lo + k] - x_target);
            }
          if (lo >= k + 1 && !isnan (y[lo - k - 1]) && fabs (x[lo - k - 1] - x_target) < best_d)
            {
              best = lo - k - 1;
              best_d = fabs (x[lo - k - 1] - x_target);
            }
          if (best >= 0)
            break;
        }
      return best;
    }
  for (gsize i = 0; i < n; i++)
    if (!isnan (y[i]) && fabs (x[i] - x_target) < best_d)
      {
        best = i;
        best_d = fabs (x[i] - x_target);
      }
  return best;
}

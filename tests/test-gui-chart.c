/* test-gui-chart.c: the chart's ticks, decimation, smoothing, drawing and exports, without a
 * display; the widget itself when there is one
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "lab-chart.h"
#include "lab-chart-draw.h"

static void
check_linear_ticks (double lo,
                    double hi,
                    guint  max)
{
  double ticks[LAB_CHART_MAX_TICKS], step, m;
  guint n = lab_chart_nice_ticks (lo, hi, max, ticks, &step);

  g_assert_cmpuint (n, >=, 2);
  /* At most max, unless max would leave a single tick in a short range. */
  g_assert_cmpuint (n, <=, max + 2);
  /* The step is 1, 2 or 5 times a power of ten. */
  m = step / pow (10, floor (log10 (step) + 1e-12));
  g_assert_true (fabs (m - 1) < 1e-9 || fabs (m - 2) < 1e-9 || fabs (m - 5) < 1e-9);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (ticks[i], >=, lo - step * 1e-6);
      g_assert_cmpfloat (ticks[i], <=, hi + step * 1e-6);
      g_assert_cmpfloat_with_epsilon (ticks[i] / step, round (ticks[i] / step), 1e-6);
      if (i > 0)
        g_assert_cmpfloat_with_epsilon (ticks[i] - ticks[i - 1], step, step * 1e-6);
    }
}

static void
test_ticks_linear (void)
{
  double ticks[LAB_CHART_MAX_TICKS], step;
  guint n;

  n = lab_chart_nice_ticks (0, 1, 6, ticks, &step);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpfloat_with_epsilon (step, 0.2, 1e-12);
  g_assert_cmpfloat (ticks[0], ==, 0.0);
  g_assert_cmpfloat_with_epsilon (ticks[5], 1.0, 1e-12);

  n = lab_chart_nice_ticks (-3.7, 12.1, 8, ticks, &step);
  g_assert_cmpfloat_with_epsilon (step, 2.0, 1e-12);
  g_assert_cmpuint (n, ==, 8);   /* -2 0 2 … 12 */
  g_assert_cmpfloat (ticks[0], ==, -2.0);
  g_assert_cmpfloat (ticks[1], ==, 0.0);

  n = lab_chart_nice_ticks (0.0013, 0.0087, 5, ticks, &step);
  g_assert_cmpfloat_with_epsilon (step, 0.002, 1e-15);
  g_assert_cmpuint (n, ==, 4);

  /* Empty or broken ranges give nothing. */
  g_assert_cmpuint (lab_chart_nice_ticks (1, 1, 5, ticks, &step), ==, 0);
  g_assert_cmpuint (lab_chart_nice_ticks (NAN, 1, 5, ticks, &step), ==, 0);

  for (int k = -9; k <= 9; k += 3)
    for (double a = -7.3; a < 8; a += 2.9)
      for (guint max = 2; max <= 12; max += 5)
        check_linear_ticks (a * pow (10, k), (a + 1.7) * pow (10, k), max);
  check_linear_ticks (0, 1000000, 10);
  check_linear_ticks (12345.6, 12345.7, 5);
}

static void
test_ticks_log (void)
{
  double ticks[LAB_CHART_MAX_TICKS];
  guint n;

  n = lab_chart_log_ticks (0.001, 10, 8, ticks);
  g_assert_cmpuint (n, ==, 5);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (ticks[i], pow (10, (int) i - 3), 1e-12);

  /* 17 decades at most 5 ticks: every fifth decade. */
  n = lab_chart_log_ticks (1e-8, 1e8, 5, ticks);
  g_assert_cmpuint (n, <=, 5);
  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    {
      double d = log10 (ticks[i]);

      g_assert_cmpfloat_with_epsilon (d, round (d), 1e-9);
      g_assert_cmpint ((int) round (d) % 5, ==, 0);
    }

  /* Less than a decade: 1-2-5 values. */
  n = lab_chart_log_ticks (1.5, 9, 8, ticks);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat_with_epsilon (ticks[0], 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks[1], 5, 1e-12);

  g_assert_cmpuint (lab_chart_log_ticks (0, 10, 5, ticks), ==, 0);
  g_assert_cmpuint (lab_chart_log_ticks (-1, 10, 5, ticks), ==, 0);
}

static void
test_format (void)
{
  struct { double v, step; const char *text; } cases[] = {
    { 0.2, 0.2, "0.2" }, { 0, 0.2, "0.0" }, { 0, 5, "0" }, { 1000, 500, "1000" }, { 0.05, 0.01, "0.05" },
    { 1e-5, 1e-5, "1e-05" }, { -2.5, 0.5, "-2.5" }, { 0.001, 0.001, "0.001" },
    { 2e7, 1e7, "2e+07" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *t = lab_chart_format_value (cases[i].v, cases[i].step);

      g_assert_cmpstr (t, ==, cases[i].text);
    }
}

static void
test_decimate_spike (void)
{
  const gsize n = 1000000, spike = 123457, dip = 876543;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (gsize));
  gboolean has_spike = FALSE, has_dip = FALSE;

  for (gsize i = 0; i < n; i++)
    {
      x[i] = i;
      y[i] = 1.0 + 0.01 * sin (i * 0.37);
    }
  y[spike] = 50;
  y[dip] = -3;
  lab_chart_decimate (out, x, y, 0, n, 0, 1280.0 / n);
  g_assert_cmpuint (out->len, <=, 4 * 1281);
  g_assert_cmpuint (out->len, >=, 1280);
  for (guint k = 0; k < out->len; k++)
    {
      gsize i = g_array_index (out, gsize, k);

      has_spike |= i == spike;
      has_dip |= i == dip;
      if (k > 0)
        g_assert_cmpuint (i, >, g_array_index (out, gsize, k - 1));
    }
  g_assert_true (has_spike);
  g_assert_true (has_dip);
  /* The first and the last point stay, so the line spans the same x. */
  g_assert_cmpuint (g_array_index (out, gsize, 0), ==, 0);
  g_assert_cmpuint (g_array_index (out, gsize, out->len - 1), ==, n - 1);

  /* The sorted path, with and without block summaries, keeps the same points. */
  {
    g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (gsize));
    g_autoptr(GArray) blocked = g_array_new (FALSE, FALSE, sizeof (gsize));
    g_autoptr(GArray) lo = g_array_new (FALSE, FALSE, sizeof (gsize));
    g_autoptr(GArray) hi = g_array_new (FALSE, FALSE, sizeof (gsize));
    double scales[] = { 1280.0 / n, 1.0 / 3, 7.0 / n, 1e-9 };

    /* Summaries built in uneven appends equal those built at once. */
    lab_chart_blocks_update (lo, hi, y, 1000);
    lab_chart_blocks_update (lo, hi, y, 1001);
    lab_chart_blocks_update (lo, hi, y, n);
    for (guint t = 0; t < G_N_ELEMENTS (scales); t++)
      {
        g_array_set_size (out, 0);
        g_array_set_size (sorted, 0);
        g_array_set_size (blocked, 0);
        lab_chart_decimate (out, x, y, 10, n - 10, -0.5, scales[t]);
        lab_chart_decimate_sorted (sorted, x, y, NULL, NULL, 10, n - 10, -0.5, scales[t]);
        lab_chart_decimate_sorted (blocked, x, y, (gsize *) (void *) lo->data,
                                   (gsize *) (void *) hi->data, 10, n - 10, -0.5, scales[t]);
        g_assert_cmpuint (out->len, ==, sorted->len);
        g_assert_cmpuint (out->len, ==, blocked->len);
        g_assert_cmpmem (out->data, out->len * sizeof (gsize), sorted->data, sorted->len * sizeof (gsize));
        g_assert_cmpmem (out->data, out->len * sizeof (gsize), blocked->data, blocked->len * sizeof (gsize));
      }
  }

  /* A NaN is kept as a break. */
  y[500] = NAN;
  g_array_set_size (out, 0);
  lab_chart_decimate (out, x, y, 0, 1000, 0, 1.0 / 100);
  {
    gboolean has_nan = FALSE;

    for (guint k = 0; k < out->len; k++)
      has_nan |= g_array_index (out, gsize, k) == 500;
    g_assert_true (has_nan);
  }
}

static void
test_smooth (void)
{
  double y[] = { 1, 0, NAN, 4, 4, 4 }, out[6], part[6], acc = 0, norm = 0;

  lab_chart_smooth (out, y, 6, 0.5);
  g_assert_cmpfloat_with_epsilon (out[0], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[1], 1.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[2], 1.0 / 3.0, 1e-12);   /* a NaN carries the mean */
  /* (0.125·1 + 0.25·0 + 0.5·4) / 0.875 */
  g_assert_cmpfloat_with_epsilon (out[3], 2.125 / 0.875, 1e-12);

  /* In two steps, the same. */
  lab_chart_smooth_range (part, y, 0, 3, 0.5, &acc, &norm);
  lab_chart_smooth_range (part, y, 3, 6, 0.5, &acc, &norm);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpfloat_with_epsilon (part[i], out[i], 1e-12);

  /* A constant stays constant (the bias correction). */
  {
    double c[100], s[100];

    for (guint i = 0; i < 100; i++)
      c[i] = 0.7;
    lab_chart_smooth (s, c, 100, 0.99);
    for (guint i = 0; i < 100; i++)
      g_assert_cmpfloat_with_epsilon (s[i], 0.7, 1e-12);
  }

  g_assert_cmpfloat (lab_chart_smooth_weight (10), ==, 0.6);
  g_assert_cmpfloat (lab_chart_smooth_weight (20000), >, 0.95);
  g_assert_cmpfloat (lab_chart_smooth_weight (20000), ==, lab_chart_smooth_weight (20001));
}

static void
test_nearest (void)
{
  double x[] = { 0, 1, 2, 3, 4 }, y[] = { 5, NAN, 7, 8, 9 };
  double ux[] = { 0, 0, 0.5, 1 }, uy[] = { 0, 0.5, 0.9, 1 };

  g_assert_cmpint (lab_chart_nearest (x, y, 5, TRUE, 2.2), ==, 2);
  g_assert_cmpint (lab_chart_nearest (x, y, 5, TRUE, 1.1), ==, 2);   /* 1 has no value */
  g_assert_cmpint (lab_chart_nearest (x, y, 5, TRUE, -10), ==, 0);
  g_assert_cmpint (lab_chart_nearest (x, y, 5, TRUE, 100), ==, 4);
  g_assert_cmpint (lab_chart_nearest (x, y, 0, TRUE, 1), ==, -1);
  g_assert_cmpint (lab_chart_nearest (ux, uy, 4, FALSE, 0.6), ==, 2);
}

/* Drawing: a red line on white; red where the line is, never outside the plot area. */

static gboolean
is_red (const guint8 *p)
{
  /* ARGB32 in native byte order: B G R A on little-endian. */
  guint32 v = *(const guint32 *) (const void *) p;
  guint r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;

  return r > 200 && g < 90 && b < 90;
}

static void
draw_line_scene (cairo_surface_t *surface,
                 LabChartScale    scale,
                 LabChartRect    *plot)
{
  static double x[] = { -10, 0, 0.5, 1, 10 }, y[] = { 10, 10, 10, 10, 10 };
  LabChartSceneSeries series = {
    .name = "red", .x = x, .y = y, .n = 5, .sorted = TRUE,
    .color = { 1, 0, 0, 1 }, .visible = TRUE, .hover = -1,
  };
  LabChartScene scene = {
    .title = "Title", .x_label = "Epoch", .y_label = "Loss",
    .x_min = 0, .x_max = 1, .y_min = 1, .y_max = 100, .y_scale = scale,
    .series = &series, .n_series = 1,
  };
  LabChartColors colors;
  cairo_t *cr = cairo_create (surface);

  lab_chart_colors_init_default (&colors, FALSE);
  *plot = lab_chart_draw_scene (cr, 400, 300, &scene, &colors);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
}

static void
test_draw_pixels (void)
{
  LabChartScale scales[] = { LAB_CHART_SCALE_LINEAR, LAB_CHART_SCALE_LOG };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
      LabChartRect plot;
      const guint8 *data;
      int stride, row, red_in_row = 0;
      double expect;

      draw_line_scene (surface, scales[s], &plot);
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      /* The plot area leaves room for labels on the left and below. */
      g_assert_cmpfloat (plot.x, >, 20);
      g_assert_cmpfloat (plot.y + plot.height, <, 290);
      /* y = 10 lies at (10 - 1)/99 of the height on a linear axis, halfway on a log one. */
      expect = scales[s] == LAB_CHART_SCALE_LOG ? 0.5 : 9.0 / 99.0;
      row = (int) round (plot.y + plot.height * (1 - expect));
      for (int px = (int) plot.x + 2; px < (int) (plot.x + plot.width) - 2; px++)
        red_in_row += is_red (data + row * stride + px * 4) ||
                      is_red (data + (row - 1) * stride + px * 4);
      g_assert_cmpint (red_in_row, >, (int) plot.width - 8);

      for (int py = 0; py < 300; py++)
        for (int px = 0; px < 400; px++)
          if (px < plot.x - 3 || px > plot.x + plot.width + 3 ||
              py < plot.y - 3 || py > plot.y + plot.height + 3)
            g_assert_false (is_red (data + py * stride + px * 4));
      cairo_surface_destroy (surface);
    }
}

static void
test_draw_everything (void)
{
  /* Every decoration at once on each kind of surface: nothing may put cairo in an error. */
  static double x[] = { 0, 0.1, 0.4, 1 }, y[] = { 0, 0.6, 0.9, 1 }, sm[] = { 0, 0.3, 0.6, 0.8 };
  LabChartSceneSeries series[] = {
    { .name = "ROC", .x = x, .y = y, .smooth = sm, .n = 4, .sorted = TRUE,
      .color = { 0, 0, 1, 1 }, .flags = LAB_CHART_SERIES_SMOOTHED, .visible = TRUE, .hover = 2 },
    { .name = "dashed", .x = x, .y = sm, .n = 4, .color = { 0, 1, 0, 1 },
      .flags = LAB_CHART_SERIES_DASHED | LAB_CHART_SERIES_MARKERS, .visible = TRUE, .hover = 1 },
  };
  LabChartScene scene = {
    .x_min = 0, .x_max = 1, .y_min = 0, .y_max = 1, .show_diagonal = TRUE,
    .has_marker = TRUE, .marker_x = 0.1, .marker_y = 0.6, .marker_label = "threshold 0.5",
    .show_legend = TRUE, .hover = TRUE, .hover_x = 200, .band = TRUE, .band_x0 = 10,
    .band_y0 = 10, .band_x1 = 100, .band_y1 = 80, .series = series, .n_series = 2,
  };
  LabChartColors colors;

  for (int dark = 0; dark < 2; dark++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 320, 240);
      cairo_t *cr = cairo_create (surface);

      lab_chart_colors_init_default (&colors, dark);
      lab_chart_draw_scene (cr, 320, 240, &scene, &colors);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* A legend that would hide points in every corner moves above the plot. */
static void
test_legend_above (void)
{
  static double x[] = { 0, 0, 0.5, 1, 1 }, y[] = { 1, 0, 0.5, 1, 0 };
  static double x2[] = { 0.45, 0.55 }, y2[] = { 0.5, 0.5 };
  LabChartSceneSeries series[] = {
    { .name = "corners", .x = x, .y = y, .n = 5, .color = { 1, 0, 0, 1 }, .visible = TRUE,
      .flags = LAB_CHART_SERIES_MARKERS, .hover = -1 },
    { .name = "middle", .x = x2, .y = y2, .n = 2, .sorted = TRUE, .color = { 0, 0, 1, 1 },
      .visible = TRUE, .hover = -1 },
  };
  LabChartScene scene = { .x_min = -0.01, .x_max = 1.01, .y_min = -0.01, .y_max = 1.01,
                          .series = series, .n_series = 2 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cairo_t *cr = cairo_create (surface);
  LabChartRect without, with;

  without = lab_chart_scene_plot_area (&scene, cr, 400, 300);
  scene.show_legend = TRUE;
  with = lab_chart_scene_plot_area (&scene, cr, 400, 300);
  g_assert_cmpfloat (with.y, >, without.y + 5);
  g_assert_cmpfloat (with.height, <, without.height - 5);
  g_assert_cmpfloat (with.x, ==, without.x);

  /* Only the middle series: a corner is free, the legend goes there. */
  series[0].visible = FALSE;
  with = lab_chart_scene_plot_area (&scene, cr, 400, 300);
  g_assert_cmpfloat (with.y, ==, without.y);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Exports. */

static LabChartScene *
export_scene (void)
{
  static double x[] = { 1, 2, 3, 0.1 + 0.2 }, y[] = { 0.5, 1e-300, -2.25, 1.0 / 3 };
  static LabChartSceneSeries series[] = {
    { .name = "Training, smoothed \"raw\"", .x = x, .y = y, .n = 4, .color = { 0, 0, 1, 1 },
      .visible = TRUE, .hover = -1 },
    { .name = "Validation", .x = x, .y = y, .n = 3, .sorted = TRUE, .color = { 1, 0, 0, 1 },
      .flags = LAB_CHART_SERIES_MARKERS, .visible = TRUE, .hover = -1 },
  };
  static LabChartScene scene = {
    .title = "Loss", .x_min = 0, .x_max = 4, .y_min = -3, .y_max = 1,
    .show_legend = TRUE, .series = series, .n_series = 2,
  };

  return &scene;
}

static char *
export_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "exports", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static void
test_export_png (void)
{
  g_autofree char *path = export_path ("chart.png");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *back;
  LabChartColors colors;

  lab_chart_colors_init_default (&colors, FALSE);
  g_assert_true (lab_chart_scene_export (export_scene (), &colors, path, LAB_CHART_FORMAT_PNG,
                                         500, 300, &error));
  g_assert_no_error (error);
  back = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (back), ==, 500);
  g_assert_cmpint (cairo_image_surface_get_height (back), ==, 300);
  cairo_surface_destroy (back);

  /* A folder that does not exist: an error naming the file, and no file. */
  g_assert_false (lab_chart_scene_export (export_scene (), &colors, "/nonexistent/dir/c.png",
                                          LAB_CHART_FORMAT_PNG, 50, 50, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent/dir/c.png"));
}

static void
svg_start (GMarkupParseContext *context,
           const char          *element,
           const char         **names,
           const char         **values,
           gpointer             user_data,
           GError             **error)
{
  guint *counts = user_data;

  counts[0] += g_str_equal (element, "svg");
  counts[1] += g_str_equal (element, "path");
}

static void
test_export_svg_pdf (void)
{
  g_autofree char *svg = export_path ("chart.svg");
  g_autofree char *pdf = export_path ("chart.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  LabChartColors colors;
  gsize length;
  LabChartFormat format;

  lab_chart_colors_init_default (&colors, FALSE);
  g_assert_true (lab_chart_scene_export (export_scene (), &colors, svg, LAB_CHART_FORMAT_SVG,
                                         500, 300, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &text, &length, &error));
  {
    GMarkupParser parser = { svg_start, NULL, NULL, NULL, NULL };
    guint counts[2] = { 0, 0 };
    GMarkupParseContext *ctx = g_markup_parse_context_new (&parser, 0, counts, NULL);

    g_assert_true (g_markup_parse_context_parse (ctx, text, length, &error));
    g_assert_true (g_markup_parse_context_end_parse (ctx, &error));
    g_assert_no_error (error);
    g_markup_parse_context_free (ctx);
    g_assert_cmpuint (counts[0], ==, 1);
    g_assert_cmpuint (counts[1], >, 0);
  }
  g_clear_pointer (&text, g_free);

  g_assert_true (lab_chart_scene_export (export_scene (), &colors, pdf, LAB_CHART_FORMAT_PDF,
                                         500, 300, &error));
  g_assert_true (g_file_get_contents (pdf, &text, &length, &error));
  g_assert_cmpuint (length, >, 100);
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_assert_nonnull (g_strrstr_len (text + length - 32, 32, "%%EOF"));

  g_assert_true (lab_chart_format_from_path ("a/B.PnG", &format));
  g_assert_cmpint (format, ==, LAB_CHART_FORMAT_PNG);
  g_assert_true (lab_chart_format_from_path ("x.svg", &format));
  g_assert_cmpint (format, ==, LAB_CHART_FORMAT_SVG);
  g_assert_true (lab_chart_format_from_path ("x.pdf", &format));
  g_assert_cmpint (format, ==, LAB_CHART_FORMAT_PDF);
  g_assert_false (lab_chart_format_from_path ("x.jpeg", &format));
}

/* A minimal RFC 4180 reader for the round trip. */
static GPtrArray *
csv_fields (const char **p)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (; **p != '\0'; (*p)++)
    {
      char c = **p;

      if (quoted)
        {
          if (c == '"' && (*p)[1] == '"')
            g_string_append_c (field, '"'), (*p)++;
          else if (c == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, c);
        }
      else if (c == '"')
        quoted = TRUE;
      else if (c == ',')
        g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE)), field = g_string_new (NULL);
      else if (c == '\n')
        {
          (*p)++;
          break;
        }
      else
        g_string_append_c (field, c);
    }
  g_ptr_array_add (fields, g_string_free (field, FALSE));
  return fields;
}

static void
test_export_csv (void)
{
  LabChartScene *scene = export_scene ();
  g_autofree char *csv = lab_chart_scene_to_csv (scene, NULL);
  const char *p = csv;
  g_autoptr(GPtrArray) header = csv_fields (&p);

  g_assert_cmpuint (header->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "series");
  for (guint s = 0; s < scene->n_series; s++)
    for (gsize i = 0; i < scene->series[s].n; i++)
      {
        g_autoptr(GPtrArray) row = csv_fields (&p);

        g_assert_cmpuint (row->len, ==, 3);
        g_assert_cmpstr (g_ptr_array_index (row, 0), ==, scene->series[s].name);
        /* Bit for bit. */
        g_assert_cmpfloat (g_ascii_strtod (g_ptr_array_index (row, 1), NULL), ==, scene->series[s].x[i]);
        g_assert_cmpfloat (g_ascii_strtod (g_ptr_array_index (row, 2), NULL), ==, scene->series[s].y[i]);
      }
  g_assert_cmpstr (p, ==, "");
}

/* The widget (needs a display). */

static void
test_widget (void)
{
  g_autofree char *png = export_path ("widget.png");
  g_autofree char *csv_path = export_path ("widget.csv");
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *chart;
  guint a, b;
  double x[100], y[100];

  if (!gtk_init_check ())
    {
      g_test_skip ("needs a display (run under shared/tools/gui-session exec)");
      return;
    }
  chart = g_object_ref_sink (lab_chart_new ());
  lab_chart_set_title (LAB_CHART (chart), "Loss");
  lab_chart_set_axis_labels (LAB_CHART (chart), "Epoch", "Loss");
  a = lab_chart_add_series (LAB_CHART (chart), "Training", 0, LAB_CHART_SERIES_SMOOTHED);
  b = lab_chart_add_series (LAB_CHART (chart), "Validation", 1, LAB_CHART_SERIES_MARKERS);
  g_assert_cmpuint (a, ==, 0);
  g_assert_cmpuint (b, ==, 1);
  for (guint i = 0; i < 100; i++)
    {
      x[i] = i;
      y[i] = exp (-i / 30.0);
      lab_chart_series_append (LAB_CHART (chart), a, i, y[i]);
    }
  lab_chart_series_set_data (LAB_CHART (chart), b, x, y, 10);
  g_assert_cmpuint (lab_chart_series_get_n_points (LAB_CHART (chart), a), ==, 100);
  g_assert_cmpuint (lab_chart_series_get_n_points (LAB_CHART (chart), b), ==, 10);
  g_assert_cmpuint (lab_chart_series_get_count (LAB_CHART (chart)), ==, 2);

  /* The "Log scale" menu item is the log-scale property. */
  g_assert_true (gtk_widget_activate_action (chart, "chart.log-scale", NULL));
  g_assert_cmpint (lab_chart_get_y_scale (LAB_CHART (chart)), ==, LAB_CHART_SCALE_LOG);
  lab_chart_set_y_scale (LAB_CHART (chart), LAB_CHART_SCALE_LINEAR);

  g_assert_true (lab_chart_export (LAB_CHART (chart), png, LAB_CHART_FORMAT_PNG, 300, 200, &error));
  g_assert_no_error (error);
  g_assert_true (lab_chart_export_csv (LAB_CHART (chart), csv_path, &error));
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_true (g_str_has_prefix (csv, "series,x,y\nTraining,0,1\n"));

  lab_chart_series_set_visible (LAB_CHART (chart), a, FALSE);
  lab_chart_set_marker (LAB_CHART (chart), 3, 0.5, "here");
  lab_chart_clear (LAB_CHART (chart));
  g_assert_cmpuint (lab_chart_series_get_count (LAB_CHART (chart)), ==, 0);
  g_assert_cmpuint (lab_chart_add_series (LAB_CHART (chart), "again", 2, 0), ==, 0);
  g_object_unref (chart);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/gui/chart/ticks/linear", test_ticks_linear);
  g_test_add_func ("/gui/chart/ticks/log", test_ticks_log);
  g_test_add_func ("/gui/chart/ticks/format", test_format);
  g_test_add_func ("/gui/chart/decimate/spike", test_decimate_spike);
  g_test_add_func ("/gui/chart/smooth", test_smooth);
  g_test_add_func ("/gui/chart/nearest", test_nearest);
  g_test_add_func ("/gui/chart/draw/pixels", test_draw_pixels);
  g_test_add_func ("/gui/chart/draw/everything", test_draw_everything);
  g_test_add_func ("/gui/chart/draw/legend-above", test_legend_above);
  g_test_add_func ("/gui/chart/export/png", test_export_png);
  g_test_add_func ("/gui/chart/export/svg-pdf", test_export_svg_pdf);
  g_test_add_func ("/gui/chart/export/csv", test_export_csv);
  g_test_add_func ("/gui/chart/widget", test_widget);
  return g_test_run ();
}

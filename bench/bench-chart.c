/* bench-chart.c: frame times of the chart drawing a million points
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A per-batch loss curve of 1,000,000 noisy points (smoothed: the raw line faint and its moving
 * average strong, so two lines are decimated every frame) plus 100 per-epoch validation points
 * with markers, drawn into a 1280×400 Cairo image surface as the widget does in its snapshot:
 * the whole curve, then panning at 10× zoom, then a zoom sweep from everything down to 1,000
 * points. No display is needed. Run it by hand:
 *
 *   ninja -C build bench/bench-chart && ./build/bench/bench-chart [--png DIR]
 *
 * It prints the mean, 95th percentile and worst frame time per scene in milliseconds of CPU
 * time, and the mean wall time. The aim is under 8 ms a frame, so that the chart never costs
 * the window a frame at 60 fps.
 */
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "lab-chart-draw.h"

#define WIDTH    1280
#define HEIGHT   400
#define N_POINTS 1000000
#define N_FRAMES 60

/* CPU time of this thread: on a shared build machine the wall clock also counts the time
 * other jobs hold the cores. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
run_scene (const char     *name,
           LabChartScene  *scene,
           const double   *views,   /* N_FRAMES × 4, or NULL: the scene's own */
           const char     *png_dir)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  LabChartColors colors;
  double times[N_FRAMES], sum = 0, wall = 0;

  lab_chart_colors_init_default (&colors, FALSE);
  for (guint f = 0; f < N_FRAMES; f++)
    {
      gint64 t0;
      double c0;
      cairo_t *cr;

      if (views != NULL)
        {
          scene->x_min = views[4 * f];
          scene->x_max = views[4 * f + 1];
          scene->y_min = views[4 * f + 2];
          scene->y_max = views[4 * f + 3];
        }
      t0 = g_get_monotonic_time ();
      c0 = cpu_ms ();
      cr = cairo_create (surface);
      lab_chart_draw_scene (cr, WIDTH, HEIGHT, scene, &colors);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      times[f] = cpu_ms () - c0;
      wall += (g_get_monotonic_time () - t0) / 1000.0;
      sum += times[f];
      if (f == 0 && png_dir != NULL)
        {
          g_autofree char *file = g_strdup_printf ("%s/bench-chart-%s.png", png_dir, name);

          cairo_surface_write_to_png (surface, file);
        }
    }
  qsort (times, N_FRAMES, sizeof (double), compare);
  g_print ("%-8s CPU mean %6.2f ms  p95 %6.2f ms  worst %6.2f ms   (wall mean %6.2f ms)\n",
           name, sum / N_FRAMES, times[(int) (N_FRAMES * 0.95)], times[N_FRAMES - 1],
           wall / N_FRAMES);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree double *x = g_new (double, N_POINTS);
  g_autofree double *y = g_new (double, N_POINTS);
  g_autofree double *smooth = g_new (double, N_POINTS);
  g_autofree double *views = g_new (double, 4 * N_FRAMES);
  g_autoptr(GArray) y_lo = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) y_hi = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) s_lo = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) s_hi = g_array_new (FALSE, FALSE, sizeof (gsize));
  double ex[100], ey[100];
  const char *png_dir = argc > 2 && g_str_equal (argv[1], "--png") ? argv[2] : NULL;
  GRand *rand = g_rand_new_with_seed (1);
  gint64 t0;
  LabChartSceneSeries series[2];
  LabChartScene scene;

  /* 100 epochs of 10,000 batches: a decaying loss with noise and a few spikes. */
  for (gsize i = 0; i < N_POINTS; i++)
    {
      x[i] = i / 10000.0;
      y[i] = 2.3 * exp (-x[i] / 20) + 0.1 + 0.3 * g_rand_double (rand) * exp (-x[i] / 50);
      if (g_rand_int_range (rand, 0, 100000) == 0)
        y[i] += 3;
    }
  for (guint e = 0; e < 100; e++)
    {
      ex[e] = e + 1;
      ey[e] = 2.3 * exp (-ex[e] / 20) + 0.25;
    }
  t0 = g_get_monotonic_time ();
  lab_chart_smooth (smooth, y, N_POINTS, lab_chart_smooth_weight (N_POINTS));
  g_print ("smoothing 1,000,000 points once: %.2f ms\n", (g_get_monotonic_time () - t0) / 1000.0);

  /* The widget keeps these summaries up to date as points arrive. */
  t0 = g_get_monotonic_time ();
  lab_chart_blocks_update (y_lo, y_hi, y, N_POINTS);
  lab_chart_blocks_update (s_lo, s_hi, smooth, N_POINTS);
  g_print ("block summaries of 2 x 1,000,000 points once: %.2f ms\n",
           (g_get_monotonic_time () - t0) / 1000.0);

  series[0] = (LabChartSceneSeries) {
    .name = "Training", .x = x, .y = y, .smooth = smooth, .n = N_POINTS, .sorted = TRUE,
    .y_lo = (gsize *) (void *) y_lo->data, .y_hi = (gsize *) (void *) y_hi->data,
    .smooth_lo = (gsize *) (void *) s_lo->data, .smooth_hi = (gsize *) (void *) s_hi->data,
    .color = lab_chart_palette_color (0, FALSE), .flags = LAB_CHART_SERIES_SMOOTHED,
    .visible = TRUE, .hover = -1,
  };
  series[1] = (LabChartSceneSeries) {
    .name = "Validation", .x = ex, .y = ey, .n = 100, .sorted = TRUE,
    .color = lab_chart_palette_color (1, FALSE), .flags = LAB_CHART_SERIES_MARKERS,
    .visible = TRUE, .hover = -1,
  };
  scene = (LabChartScene) { .title = "Loss", .x_label = "Epoch", .y_label = "Loss",
                            .x_min = 0, .x_max = 100, .y_min = 0, .y_max = 5.5,
                            .show_legend = TRUE, .series = series, .n_series = 2 };
  run_scene ("fit", &scene, NULL, png_dir);

  /* Panning a view of 10 epochs (100,000 points) across the curve. */
  for (guint f = 0; f < N_FRAMES; f++)
    {
      views[4 * f] = f * 1.5;
      views[4 * f + 1] = f * 1.5 + 10;
      views[4 * f + 2] = 0;
      views[4 * f + 3] = 3;
    }
  run_scene ("pan", &scene, views, png_dir);

  /* Zooming from all 100 epochs to 0.1 epoch about epoch 50. */
  for (guint f = 0; f < N_FRAMES; f++)
    {
      double half = 50 * pow (0.001, f / (double) (N_FRAMES - 1));

      views[4 * f] = 50 - half;
      views[4 * f + 1] = 50 + half;
      views[4 * f + 2] = 0;
      views[4 * f + 3] = 3;
    }
  run_scene ("zoom", &scene, views, png_dir);

  /* The same on a log scale. */
  scene.y_scale = LAB_CHART_SCALE_LOG;
  scene.x_min = 0;
  scene.x_max = 100;
  scene.y_min = 0.05;
  scene.y_max = 6;
  run_scene ("fit-log", &scene, NULL, png_dir);

  g_rand_free (rand);
  return 0;
}

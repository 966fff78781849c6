/* test-gui-inside.c: the Inside page's layouts and drawings on image surfaces, health badges on
 * the canvas, and (with a display) its widgets
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "lab-activation-view.h"
#include "lab-core.h"
#include "lab-decision-view.h"
#include "lab-filter-view.h"
#include "lab-graph-view-private.h"
#include "lab-examples.h"
#include "lab-health-view.h"
#include "lab-inside-page.h"
#include "lab-project.h"
#include "lab-sample-strip.h"

static gboolean have_display;

/* The colour at (x, y) of an ARGB32/RGB24 surface. */
static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       double          *r,
       double          *g,
       double          *b)
{
  const guint8 *data;
  guint32 p;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  p = *(const guint32 *) (const void *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x);
  *r = ((p >> 16) & 0xff) / 255.0;
  *g = ((p >> 8) & 0xff) / 255.0;
  *b = (p & 0xff) / 255.0;
}

static void
assert_pixel (cairo_surface_t *surface,
              int              x,
              int              y,
              const GdkRGBA   *want,
              double           tolerance)
{
  double r, g, b;

  pixel (surface, x, y, &r, &g, &b);
  if (fabs (r - want->red) > tolerance || fabs (g - want->green) > tolerance ||
      fabs (b - want->blue) > tolerance)
    g_error ("pixel (%d, %d) is %.3f %.3f %.3f, expected %.3f %.3f %.3f", x, y, r, g, b,
             want->red, want->green, want->blue);
}

static cairo_surface_t *
blank (int      w,
       int      h,
       cairo_t **cr)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);

  *cr = cairo_create (s);
  cairo_set_source_rgb (*cr, 1, 1, 1);
  cairo_paint (*cr);
  return s;
}

static void
test_grid_layout (void)
{
  guint cols, rows;
  double cell;

  /* 32 feature maps of 28×28: doubled to 56 px, ten to a row of 600 px with 4 px gaps. */
  lab_feature_grid_layout (32, 28, 28, 600, 4, &cols, &rows, &cell);
  g_assert_cmpfloat (cell, ==, 56);
  g_assert_cmpuint (cols, ==, 10);
  g_assert_cmpuint (rows, ==, 4);
  g_assert_cmpfloat (cols * (cell + 4) - 4, <=, 600);
  /* 3×3 kernels: whole multiples of 3 near 56; only as many columns as maps. */
  lab_feature_grid_layout (5, 3, 3, 1000, 4, &cols, &rows, &cell);
  g_assert_cmpfloat (cell, ==, 57);
  g_assert_cmpuint (cols, ==, 5);
  g_assert_cmpuint (rows, ==, 1);
  /* A large map shrinks to the width. */
  lab_feature_grid_layout (3, 224, 224, 100, 4, &cols, &rows, &cell);
  g_assert_cmpfloat (cell, ==, 100);
  g_assert_cmpuint (cols, ==, 1);
  g_assert_cmpuint (rows, ==, 3);
  lab_feature_grid_layout (0, 7, 7, 300, 4, &cols, &rows, &cell);
  g_assert_cmpuint (rows, ==, 0);
}

static void
test_feature_maps_drawing (void)
{
  /* Two 2×2 maps: 0, 1, 2, 3 and 4, 5, 6, 7 on a sequential scale up to 7. */
  const float v[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };
  LabValueScale scale = { 0 };
  cairo_t *cr;
  cairo_surface_t *s = blank (200, 100, &cr);
  guint cols, rows;
  double cell;
  GdkRGBA want;

  lab_value_scale_fit (&scale, v, 8);
  g_assert_false (scale.diverging);
  g_assert_cmpfloat (scale.hi, ==, 7);
  lab_feature_grid_layout (2, 2, 2, 200, 4, &cols, &rows, &cell);
  g_assert_cmpuint (cols, ==, 2);
  lab_draw_feature_maps (cr, v, 2, 2, 2, 200, 4, &scale, NULL);
  /* Each value is a cell/2 square: sample the middle of each. */
  for (guint m = 0; m < 2; m++)
    for (guint k = 0; k < 4; k++)
      {
        int x = (int) (m * (cell + 4) + (k % 2 + 0.5) * cell / 2);
        int y = (int) ((k / 2 + 0.5) * cell / 2);

        lab_heat_color (v[m * 4 + k] / 7.0, &want);
        assert_pixel (s, x, y, &want, 1.5 / 255);
      }
  /* The gap between the maps stays untouched. */
  want = (GdkRGBA) { 1, 1, 1, 1 };
  assert_pixel (s, (int) (cell + 2), 5, &want, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

static void
test_heat_strip_colours (void)
{
  const float seq[4] = { 0, 0.5f, 1, 2 };
  const float div[3] = { -2, 0, 1 };
  LabValueScale scale = { 0 };
  guint per_row, rows;
  cairo_t *cr;
  cairo_surface_t *s = blank (400, 40, &cr);
  GdkRGBA want, c0, c1;

  lab_heat_strip_layout (64, 600, &per_row, &rows);
  g_assert_cmpuint (per_row, ==, 64);
  g_assert_cmpuint (rows, ==, 1);
  lab_heat_strip_layout (512, 600, &per_row, &rows);
  g_assert_cmpuint (per_row, ==, 100);
  g_assert_cmpuint (rows, ==, 6);

  /* The colour map runs from dark violet to yellow, getting lighter. */
  lab_heat_color (0, &c0);
  lab_heat_color (1, &c1);
  g_assert_cmpfloat (c0.red + c0.green + c0.blue, <, 0.7);
  g_assert_cmpfloat (c1.red, >, 0.9);
  g_assert_cmpfloat (c1.green, >, 0.85);

  lab_value_scale_fit (&scale, seq, 4);
  lab_draw_heat_strip (cr, seq, 4, 400, &scale);
  for (guint i = 0; i < 4; i++)
    {
      lab_heat_color (seq[i] / 2, &want);
      assert_pixel (s, (int) (i * 100 + 50), 8, &want, 1.5 / 255);
    }

  /* Negative values: diverging around mid over [−2, 2]: full blue, mid, half orange. */
  scale.mid = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
  lab_value_scale_fit (&scale, div, 3);
  scale.mid = (GdkRGBA) { 0.5, 0.5, 0.5, 1 };
  g_assert_true (scale.diverging);
  g_assert_cmpfloat (scale.lo, ==, -2);
  g_assert_cmpfloat (scale.hi, ==, 2);
  lab_draw_heat_strip (cr, div, 3, 300, &scale);
  lab_diverging_color (-1, &scale.mid, FALSE, &want);
  assert_pixel (s, 50, 8, &want, 1.5 / 255);
  g_assert_cmpfloat (want.blue, >, want.red);
  assert_pixel (s, 150, 8, &scale.mid, 1.5 / 255);
  lab_diverging_color (0.5, &scale.mid, FALSE, &want);
  assert_pixel (s, 250, 8, &want, 1.5 / 255);
  g_assert_cmpfloat (want.red, >, want.blue);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

static void
test_decision_colours (void)
{
  const GdkRGBA bg = { 1, 1, 1, 1 };
  const float sure0[2] = { 1, 0 }, unsure[2] = { 0.5f, 0.5f }, sure1[2] = { 0, 1 };
  GdkRGBA c, k0 = lab_class_color (0, FALSE), k1 = lab_class_color (1, FALSE);
  LabDecisionGrid grid = { 0 };
  float probs[4 * 4 * 2];
  const float points[2 * 2] = { -0.5f, 0.5f, 0.5f, -0.5f };
  const guint labels[2] = { 0, 1 };
  double rect[4];
  cairo_t *cr;
  cairo_surface_t *s;

  /* Certain: towards the class colour; undecided: the background itself. */
  lab_decision_cell_color (sure0, 2, FALSE, &bg, &c);
  g_assert_cmpfloat (fabs (c.blue - k0.blue) + fabs (c.red - k0.red), <,
                     fabs (c.blue - k1.blue) + fabs (c.red - k1.red));
  g_assert_cmpfloat (c.red, <, 0.95);
  lab_decision_cell_color (unsure, 2, FALSE, &bg, &c);
  g_assert_cmpfloat_with_epsilon (c.red, 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.green, 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.blue, 1, 1e-9);
  lab_decision_cell_color (sure1, 2, FALSE, &bg, &c);
  g_assert_cmpfloat (c.blue, <, c.red);   /* orange */

  /* A 4×4 grid over [−1, 1]²: class 0 left of x = 0, class 1 right. */
  grid.grid = 4;
  grid.n_classes = 2;
  grid.x_min = grid.y_min = -1;
  grid.x_max = grid.y_max = 1;
  grid.probs = probs;
  for (guint j = 0; j < 4; j++)
    for (guint i = 0; i < 4; i++)
      {
        probs[(j * 4 + i) * 2] = i < 2 ? 1 : 0;
        probs[(j * 4 + i) * 2 + 1] = i < 2 ? 0 : 1;
      }
  s = blank (300, 200, &cr);
  lab_draw_decision_map (cr, &grid, points, labels, 2, 300, 200, FALSE, &bg, &(GdkRGBA) { 0, 0, 0, 1 }, rect);
  /* A square of 200 centred in 300. */
  g_assert_cmpfloat (rect[0], ==, 50);
  g_assert_cmpfloat (rect[2], ==, 200);
  lab_decision_cell_color (sure0, 2, FALSE, &bg, &c);
  assert_pixel (s, 70, 20, &c, 2.0 / 255);
  lab_decision_cell_color (sure1, 2, FALSE, &bg, &c);
  assert_pixel (s, 230, 180, &c, 2.0 / 255);
  /* The points, in their class colours: (−0.5, 0.5) is up left, (0.5, −0.5) down right. */
  assert_pixel (s, 100, 50, &k0, 2.0 / 255);
  assert_pixel (s, 200, 150, &k1, 2.0 / 255);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

static void
test_histogram_history (void)
{
  const float a[4] = { -1, -1, 0, 1 }, b[4] = { 0, 1, 1, 1 };
  LabHistogram h[2] = { { 0 }, { 0 } };
  const LabHistogram *hists[2] = { &h[0], &h[1] };
  const GdkRGBA color = { 0, 0, 1, 1 }, bg = { 1, 1, 1, 1 };
  cairo_t *cr;
  cairo_surface_t *s = blank (320, 100, &cr);
  double r, g, bl;

  lab_histogram_compute (&h[0], a, 4, 2);   /* [−1, 0): 2, [0, 1]: 2 */
  lab_histogram_compute (&h[1], b, 4, 2);   /* [0, 0.5): 1, [0.5, 1]: 3 */
  lab_draw_histogram_history (cr, hists, 2, 320, 100, &color, &bg);
  /* Columns of 10 px (room for 32); values −1 … 1 from bottom to top. First column: full
   * strength in both halves. */
  pixel (s, 5, 75, &r, &g, &bl);
  g_assert_cmpfloat (r, <, 0.05);
  pixel (s, 5, 25, &r, &g, &bl);
  g_assert_cmpfloat (r, <, 0.05);
  /* Second column: nothing below zero, 1/3 strength in [0, 0.5), full in [0.5, 1]. */
  pixel (s, 15, 90, &r, &g, &bl);
  g_assert_cmpfloat (r, ==, 1);
  pixel (s, 15, 12, &r, &g, &bl);
  g_assert_cmpfloat (r, <, 0.05);
  pixel (s, 15, 37, &r, &g, &bl);
  g_assert_cmpfloat (r, >, 0.4);
  g_assert_cmpfloat (r, <, 0.8);
  /* Past the columns: empty. */
  pixel (s, 100, 90, &r, &g, &bl);
  g_assert_cmpfloat (r, ==, 1);
  lab_histogram_clear (&h[0]);
  lab_histogram_clear (&h[1]);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

static void
test_sample_pick_and_image (void)
{
  g_autoptr(GError) error = NULL;
  LabShape shape = lab_shape_make (3, 1, 2, 2);
  g_autoptr(LabDataset) d = lab_dataset_new ("t", 6, &shape, 1, 3, &error);
  const float y[6] = { 0, 0, 1, 1, 2, 0 };
  guint32 idx[6];
  cairo_t *cr;
  cairo_surface_t *s = blank (20, 20, &cr);
  const GdkRGBA black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 };

  g_assert_no_error (error);
  memcpy (d->y, y, sizeof y);
  /* The classes in turn: 0, 1, 2, then 0 again. */
  g_assert_cmpuint (lab_sample_strip_pick (d, 4, idx), ==, 4);
  g_assert_cmpuint (idx[0], ==, 0);
  g_assert_cmpuint (idx[1], ==, 2);
  g_assert_cmpuint (idx[2], ==, 4);
  g_assert_cmpuint (idx[3], ==, 1);
  g_assert_cmpuint (lab_sample_strip_pick (d, 10, idx), ==, 6);

  /* A 2×2 image 0, 1 / 1, 0 as a 20 px picture from black to white. */
  d->x[0] = 0; d->x[1] = 1; d->x[2] = 1; d->x[3] = 0;
  lab_draw_image_sample (cr, d->x, &d->x_shape, 20, &black, &white);
  assert_pixel (s, 5, 5, &black, 0);
  assert_pixel (s, 15, 5, &white, 0);
  assert_pixel (s, 5, 15, &white, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

static void
test_filter_set (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabGraph) g = lab_graph_new ();
  guint in = lab_graph_add_node (g, "Input", "in", 0, 0, &error);
  guint conv = lab_graph_add_node (g, "Conv2D", "conv", 0, 0, &error);
  guint flat = lab_graph_add_node (g, "Flatten", "flat", 0, 0, &error);
  guint fc = lab_graph_add_node (g, "Dense", "fc", 0, 0, &error);
  g_autoptr(LabNetwork) net = NULL;
  g_autoptr(LabFilterSet) set = NULL;
  LabStep *step;

  g_assert_true (lab_graph_set_hparam_text (g, in, "shape", "2x5x5", &error));
  g_assert_true (lab_graph_set_hparam_text (g, conv, "filters", "3", &error));
  g_assert_true (lab_graph_connect (g, in, conv, &error));
  g_assert_true (lab_graph_connect (g, conv, flat, &error));
  g_assert_true (lab_graph_connect (g, flat, fc, &error));
  net = lab_network_new (g, 1, LAB_LOSS_CROSS_ENTROPY, &error);
  g_assert_no_error (error);
  step = lab_network_find_step (net, "conv");
  /* Filter 1, channel 0 all 2, channel 1 all 4: its image is their mean, 3. */
  for (guint k = 0; k < 9; k++)
    {
      net->params[step->param_offset + (1 * 2 + 0) * 9 + k] = 2;
      net->params[step->param_offset + (1 * 2 + 1) * 9 + k] = 4;
    }
  set = lab_filter_set_from_network (net);
  /* The Dense layer reads the conv layer, not the image: only the kernels. */
  g_assert_nonnull (set);
  g_assert_cmpuint (set->n_layers, ==, 1);
  g_assert_cmpuint (set->layers[0].n, ==, 3);
  g_assert_cmpuint (set->layers[0].h, ==, 3);
  for (guint k = 0; k < 9; k++)
    g_assert_cmpfloat_with_epsilon (set->layers[0].images[9 + k], 3, 1e-6);
  g_assert_nonnull (strstr (set->layers[0].caption, "2"));
}

static void
test_badges (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabGraph) g = lab_graph_new ();
  LabCanvasState s;
  cairo_surface_t *surface;
  cairo_t *cr;
  const LabCanvasNode *n;
  double x, y;
  guint id = lab_graph_add_node (g, "Dense", "fc1", 40, 40, &error);

  g_assert_no_error (error);
  lab_canvas_state_init (&s);
  lab_canvas_colors_init_default (&s.colors, FALSE);
  lab_canvas_state_set_graph (&s, g);
  g_assert_null (lab_canvas_state_get_badge (&s, "fc1"));
  g_assert_true (lab_canvas_state_set_badge (&s, "fc1", "no-such-icon-here", "Dead ReLUs"));
  g_assert_false (lab_canvas_state_set_badge (&s, "fc1", "no-such-icon-here", "Dead ReLUs"));
  g_assert_cmpstr (lab_canvas_state_get_badge (&s, "fc1")->tooltip, ==, "Dead ReLUs");
  g_assert_true (lab_canvas_state_set_badge (&s, "fc1", "no-such-icon-here", "Other"));

  /* Drawn at the card's top right corner in the warning colour. */
  n = &g_array_index (s.nodes, LabCanvasNode, lab_canvas_state_find (&s, id));
  s.view = (LabTransform) { 1.0, 0, 0 };
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cr = cairo_create (surface);
  lab_canvas_draw (&s, cr, 400, 300);
  /* A lone Dense lacks its input: it has the error badge too, and the health badge sits left of
   * it. */
  g_assert_nonnull (lab_graph_get_node (g, id)->error);
  lab_transform_to_widget (&s.view, n->rect.x + n->rect.width - 24, n->rect.y + 2, &x, &y);
  /* Left of the "!" mark, inside the circle. */
  assert_pixel (surface, (int) round (x) - 5, (int) round (y), &s.colors.warning_bg, 3.0 / 255);

  /* Cleared: the card's own corner again. */
  g_assert_true (lab_canvas_state_set_badge (&s, "fc1", NULL, NULL));
  g_assert_false (lab_canvas_state_set_badge (&s, "fc1", NULL, NULL));
  g_assert_null (lab_canvas_state_get_badge (&s, "fc1"));
  lab_canvas_draw (&s, cr, 400, 300);
  {
    double r, gg, b;

    pixel (surface, (int) round (x) - 5, (int) round (y), &r, &gg, &b);
    g_assert_false (fabs (r - s.colors.warning_bg.red) < 0.05 && fabs (gg - s.colors.warning_bg.green) < 0.05 &&
                    fabs (b - s.colors.warning_bg.blue) < 0.05);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  lab_canvas_state_clear (&s);
}

/* With a display: the widgets take their data. */

static LabActivations *
make_activations (void)
{
  LabActivations *a = g_new0 (LabActivations, 1);
  const char *names[] = { "in", "conv", "fc", "out" };
  LabShape shapes[] = { lab_shape_make (3, 1, 4, 4), lab_shape_make (3, 2, 4, 4), lab_shape_flat (8),
                        lab_shape_flat (3) };

  a->n_layers = 4;
  a->layers = g_new0 (LabLayerActivation, 4);
  for (guint i = 0; i < 4; i++)
    {
      a->layers[i].name = g_strdup (names[i]);
      a->layers[i].type_name = g_strdup (i == 1 ? "Conv2D" : "Dense");
      a->layers[i].shape = shapes[i];
      a->layers[i].size = lab_shape_size (&shapes[i]);
      a->layers[i].values = g_new0 (float, a->layers[i].size);
      a->layers[i].is_output = i == 3;
    }
  a->layers[3].values[1] = 1;
  return a;
}

static void
test_widgets (void)
{
  const char *classes[] = { "cat", "dog", "fox", NULL };
  GtkWidget *av, *hv, *gv;
  LabHistory *history;
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(GError) error = NULL;
  LabTrainPoint p = { 0 };
  char *layer_names[] = { (char *) "fc", NULL };
  double grads[1] = { 1e-9 }, weights[1] = { 3 };

  if (!have_display)
    {
      g_test_skip ("no display: run under Xvfb (shared/tools/gui-session exec)");
      return;
    }
  av = g_object_ref_sink (lab_activation_view_new ());
  lab_activation_view_set_activations (LAB_ACTIVATION_VIEW (av), make_activations (), classes, 1);
  /* Same structure: the widgets stay, the values change. */
  lab_activation_view_set_activations (LAB_ACTIVATION_VIEW (av), make_activations (), classes, 2);
  lab_activation_view_set_activations (LAB_ACTIVATION_VIEW (av), NULL, NULL, G_MAXUINT);
  g_object_unref (av);

  /* The health view warns about a layer whose gradient vanishes, and says so once. */
  hv = g_object_ref_sink (lab_health_view_new ());
  p.loss = 0.7;   /* still learning: a fitted model's tiny gradients are no warning */
  p.n_layers = 1;
  p.layer_names = layer_names;
  p.layer_grad_norms = grads;
  p.layer_weight_norms = weights;
  for (guint i = 0; i < 60; i++)
    {
      p.step = i + 1;
      lab_health_view_add_point (LAB_HEALTH_VIEW (hv), &p);
    }
  g_assert_cmpuint (lab_health_view_get_warnings (LAB_HEALTH_VIEW (hv))->len, ==, 1);
  lab_health_view_clear (LAB_HEALTH_VIEW (hv));
  g_assert_cmpuint (lab_health_view_get_warnings (LAB_HEALTH_VIEW (hv))->len, ==, 0);
  g_object_unref (hv);

  /* The canvas's public badge call. */
  lab_graph_add_node (g, "Dense", "fc", 0, 0, &error);
  history = lab_history_new (g);
  gv = g_object_ref_sink (lab_graph_view_new ());
  lab_graph_view_set_history (LAB_GRAPH_VIEW (gv), history);
  lab_graph_view_set_node_badge (LAB_GRAPH_VIEW (gv), "fc", "dialog-warning-symbolic", "Vanishing");
  g_assert_nonnull (lab_canvas_state_get_badge (&LAB_GRAPH_VIEW (gv)->state, "fc"));
  lab_graph_view_set_node_badge (LAB_GRAPH_VIEW (gv), "fc", NULL, NULL);
  g_assert_null (lab_canvas_state_get_badge (&LAB_GRAPH_VIEW (gv)->state, "fc"));
  g_object_unref (gv);
  g_object_unref (history);
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* The page on a real session training the spiral: probes come back while it trains, one at a
 * time and no more often than the throttle allows. */
static void
test_page_live (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(LabProject) project = NULL;
  g_autoptr(LabTrainSession) session = NULL;
  GtkWidget *window, *page;
  gint64 start, end;
  guint wake, probes, max_outstanding = 0;
  double seconds;

  if (!have_display)
    {
      g_test_skip ("no display: run under Xvfb (shared/tools/gui-session exec)");
      return;
    }
  path = lab_example_find_path ("spiral-mlp", &error);
  g_assert_no_error (error);
  project = lab_project_load (path, &error);
  g_assert_no_error (error);
  project->settings.epochs = 100000;   /* stopped below */
  dir = g_path_get_dirname (path);
  session = lab_train_session_new ();
  page = lab_inside_page_new (session);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  lab_train_session_set_data (session, &project->data);
  lab_train_session_start (session, project->graph, &project->settings, dir);

  wake = g_timeout_add (20, wake_cb, NULL);
  start = g_get_monotonic_time ();
  end = start + 60 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end && lab_inside_page_get_probe_count (LAB_INSIDE_PAGE (page), NULL) < 5)
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  probes = lab_inside_page_get_probe_count (LAB_INSIDE_PAGE (page), &max_outstanding);
  g_assert_true (lab_train_session_is_busy (session));
  lab_train_session_stop (session);
  while (g_get_monotonic_time () < end && lab_train_session_is_busy (session))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);

  g_test_message ("%u probes in %.1f s of training", probes, seconds);
  g_assert_false (lab_train_session_is_busy (session));
  g_assert_cmpuint (probes, >=, 5);
  g_assert_cmpuint (max_outstanding, ==, 1);
  /* At most one every 300 ms, and one more for the start. */
  g_assert_cmpfloat (probes, <=, seconds / 0.3 + 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add_func ("/gui/inside/grid-layout", test_grid_layout);
  g_test_add_func ("/gui/inside/feature-maps", test_feature_maps_drawing);
  g_test_add_func ("/gui/inside/heat-strip", test_heat_strip_colours);
  g_test_add_func ("/gui/inside/decision-colours", test_decision_colours);
  g_test_add_func ("/gui/inside/histogram-history", test_histogram_history);
  g_test_add_func ("/gui/inside/sample-pick", test_sample_pick_and_image);
  g_test_add_func ("/gui/inside/filter-set", test_filter_set);
  g_test_add_func ("/gui/inside/badges", test_badges);
  g_test_add_func ("/gui/inside/widgets", test_widgets);
  g_test_add_func ("/gui/inside/page-live", test_page_live);
  return g_test_run ();
}

/* test-gui-canvas.c: the graph canvas's geometry, hit testing, texts and drawing, without a
 * display
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lab-canvas-geometry.h"
#include "lab-core.h"
#include "lab-graph-view-private.h"

static LabCanvasNode
make_node (guint  id,
           double x,
           double y,
           double w,
           double h,
           guint  n_in)
{
  return (LabCanvasNode) { id, { x, y, w, h }, n_in, TRUE };
}

static void
test_transform_round_trip (void)
{
  LabTransform transforms[] = {
    { 1.0, 0, 0 }, { 0.1, -500, 37.5 }, { 4.0, 123.25, -999 }, { 0.5, 640, 400 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (transforms); i++)
    for (double x = -1000; x <= 1000; x += 250)
      {
        double wx, wy, cx, cy;

        lab_transform_to_widget (&transforms[i], x, -x / 3, &wx, &wy);
        lab_transform_to_canvas (&transforms[i], wx, wy, &cx, &cy);
        g_assert_cmpfloat_with_epsilon (cx, x, 1e-9);
        g_assert_cmpfloat_with_epsilon (cy, -x / 3, 1e-9);
      }

  /* What the widget shows is the canvas rectangle between its corners. */
  {
    LabTransform t = { 2.0, 100, 50 };
    LabRect v = lab_transform_visible (&t, 800, 600);

    g_assert_cmpfloat_with_epsilon (v.x, -50, 1e-9);
    g_assert_cmpfloat_with_epsilon (v.y, -25, 1e-9);
    g_assert_cmpfloat_with_epsilon (v.width, 400, 1e-9);
    g_assert_cmpfloat_with_epsilon (v.height, 300, 1e-9);
  }
}

static void
test_zoom_about_point (void)
{
  LabTransform t = { 1.0, 30, -20 };
  double points[][2] = { { 0, 0 }, { 400, 300 }, { 1279, 799 }, { 17.5, 640 } };
  double zooms[] = { 2.0, 0.5, 3.9, 0.11, 1.0 };

  for (guint p = 0; p < G_N_ELEMENTS (points); p++)
    for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
      {
        double cx0, cy0, cx1, cy1;

        lab_transform_to_canvas (&t, points[p][0], points[p][1], &cx0, &cy0);
        lab_transform_zoom_about (&t, zooms[z], points[p][0], points[p][1]);
        g_assert_cmpfloat_with_epsilon (t.zoom, zooms[z], 1e-12);
        lab_transform_to_canvas (&t, points[p][0], points[p][1], &cx1, &cy1);
        g_assert_cmpfloat_with_epsilon (cx1, cx0, 1e-9);
        g_assert_cmpfloat_with_epsilon (cy1, cy0, 1e-9);
      }

  /* 10 % to 400 %, and nonsense becomes 100 %. */
  lab_transform_zoom_about (&t, 100, 0, 0);
  g_assert_cmpfloat (t.zoom, ==, LAB_CANVAS_ZOOM_MAX);
  lab_transform_zoom_about (&t, 0.001, 0, 0);
  g_assert_cmpfloat (t.zoom, ==, LAB_CANVAS_ZOOM_MIN);
  g_assert_cmpfloat (lab_canvas_clamp_zoom (NAN), ==, 1.0);
}

static void
test_fit (void)
{
  LabCanvasNode nodes[] = {
    make_node (1, -300, 40, 150, 60, 0), make_node (2, 2000, 900, 200, 80, 1),
    make_node (3, 500, -700, 150, 60, 2),
  };
  struct { double w, h; } sizes[] = { { 1280, 800 }, { 300, 900 }, { 4000, 3000 } };
  LabRect bounds;

  g_assert_false (lab_canvas_nodes_bounds (nodes, 0, &bounds));
  g_assert_true (lab_canvas_nodes_bounds (nodes, G_N_ELEMENTS (nodes), &bounds));
  g_assert_cmpfloat (bounds.x, ==, -300);
  g_assert_cmpfloat (bounds.y, ==, -700);
  g_assert_cmpfloat (bounds.width, ==, 2500);
  g_assert_cmpfloat (bounds.height, ==, 1680);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      LabTransform t = { 1.0, 0, 0 };

      lab_transform_fit (&t, &bounds, sizes[i].w, sizes[i].h, 32, 1.0);
      g_assert_cmpfloat (t.zoom, <=, 1.0);
      for (guint k = 0; k < G_N_ELEMENTS (nodes); k++)
        {
          const LabRect *r = &nodes[k].rect;
          double x0, y0, x1, y1;

          lab_transform_to_widget (&t, r->x, r->y, &x0, &y0);
          lab_transform_to_widget (&t, r->x + r->width, r->y + r->height, &x1, &y1);
          /* Inside, with the margin (unless the zoom had to stop at its minimum), give or
           * take the half pixel of rounding the pan to whole pixels. */
          g_assert_cmpfloat (t.pan_x, ==, round (t.pan_x));
          g_assert_cmpfloat (t.pan_y, ==, round (t.pan_y));
          if (t.zoom > LAB_CANVAS_ZOOM_MIN)
            {
              g_assert_cmpfloat (x0, >=, 32 - 0.5);
              g_assert_cmpfloat (y0, >=, 32 - 0.5);
              g_assert_cmpfloat (x1, <=, sizes[i].w - 32 + 0.5);
              g_assert_cmpfloat (y1, <=, sizes[i].h - 32 + 0.5);
            }
        }
    }

  /* A big window does not blow a small graph up past 100 %. */
  {
    LabTransform t = { 0.3, 0, 0 };
    LabRect small = { 0, 0, 100, 50 };
    double cx, cy;

    lab_transform_fit (&t, &small, 1280, 800, 32, 1.0);
    g_assert_cmpfloat (t.zoom, ==, 1.0);
    lab_transform_to_canvas (&t, 640, 400, &cx, &cy);
    g_assert_cmpfloat_with_epsilon (cx, 50, 1e-9);
    g_assert_cmpfloat_with_epsilon (cy, 25, 1e-9);
  }
}

static void
test_first_view (void)
{
  LabRect small = { 0, 0, 600, 300 };
  LabRect chain = { 40, 120, 2148, 65 };
  LabRect tall = { 0, 0, 3000, 3000 };
  LabTransform t;
  double x, y;

  /* Readable when whole: the same as a fit. */
  lab_transform_first_view (&t, &small, 1280, 800, 32, 0.5, 0.75);
  g_assert_cmpfloat (t.zoom, ==, 1.0);
  /* A long chain in a narrow canvas: its start, at a readable zoom, centred vertically. */
  lab_transform_first_view (&t, &chain, 650, 740, 32, 0.5, 0.75);
  g_assert_cmpfloat (t.zoom, ==, 0.75);
  lab_transform_to_widget (&t, chain.x, chain.y + chain.height / 2, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 32, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 370, 0.5);   /* the pan is rounded to whole pixels */
  /* Too tall as well: from the top-left corner. */
  lab_transform_first_view (&t, &tall, 650, 740, 32, 0.5, 0.75);
  lab_transform_to_widget (&t, 0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 32, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 32, 1e-9);
}

static void
test_bezier (void)
{
  double ends[][4] = { { 0, 0, 200, 100 }, { 300, 50, 100, -40 }, { 10, 10, 10, 300 } };

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      double x0 = ends[i][0], y0 = ends[i][1], x3 = ends[i][2], y3 = ends[i][3];
      double d = fabs (x3 - x0) / 2, x, y;
      LabBezier b;
      LabRect box;

      lab_bezier_for_edge (&b, x0, y0, x3, y3);
      /* Horizontal tangents: the control points share the ends' heights, d away. */
      g_assert_cmpfloat (b.x1, ==, x0 + d);
      g_assert_cmpfloat (b.y1, ==, y0);
      g_assert_cmpfloat (b.x2, ==, x3 - d);
      g_assert_cmpfloat (b.y2, ==, y3);
      lab_bezier_point (&b, 0, &x, &y);
      g_assert_cmpfloat (x, ==, x0);
      g_assert_cmpfloat (y, ==, y0);
      lab_bezier_point (&b, 1, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, x3, 1e-9);
      g_assert_cmpfloat_with_epsilon (y, y3, 1e-9);
      /* Symmetric: the middle is the middle of the ends. */
      lab_bezier_point (&b, 0.5, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, (x0 + x3) / 2, 1e-9);
      g_assert_cmpfloat_with_epsilon (y, (y0 + y3) / 2, 1e-9);
      g_assert_cmpfloat (lab_bezier_distance (&b, x0, y0), <, 1e-9);
      g_assert_cmpfloat (lab_bezier_distance (&b, x, y), <, 0.5);
      g_assert_cmpfloat (lab_bezier_distance (&b, x + 30, y + 1000), >, 500);
      if (x3 > x0)   /* beyond the end along its tangent, the end is nearest */
        g_assert_cmpfloat_with_epsilon (lab_bezier_distance (&b, x3 + 40, y3), 40, 1e-6);
      box = lab_bezier_bounds (&b);
      for (double t = 0; t <= 1; t += 0.125)
        {
          lab_bezier_point (&b, t, &x, &y);
          g_assert_true (lab_rect_contains (&box, x, y));
        }
    }
}

static void
test_ports (void)
{
  LabCanvasNode node = make_node (1, 100, 200, 160, 0, 3);
  double w, h, x, y, prev = -G_MAXDOUBLE;

  /* Sources have none; a fixed count shows every slot; merges grow with a free one. */
  g_assert_cmpuint (lab_canvas_n_input_ports (0, 0, 0), ==, 0);
  g_assert_cmpuint (lab_canvas_n_input_ports (1, 1, 0), ==, 1);
  g_assert_cmpuint (lab_canvas_n_input_ports (1, 1, 1), ==, 1);
  g_assert_cmpuint (lab_canvas_n_input_ports (2, 8, 0), ==, 2);
  g_assert_cmpuint (lab_canvas_n_input_ports (2, 8, 2), ==, 3);
  g_assert_cmpuint (lab_canvas_n_input_ports (2, 8, 5), ==, 6);
  g_assert_cmpuint (lab_canvas_n_input_ports (2, 8, 8), ==, 8);

  lab_canvas_node_size (10, 40, 1, &w, &h);
  g_assert_cmpfloat (w, ==, LAB_CANVAS_NODE_MIN_W);
  g_assert_cmpfloat (h, ==, 40 + 2 * LAB_CANVAS_NODE_PAD);
  lab_canvas_node_size (1000, 40, 1, &w, &h);
  g_assert_cmpfloat (w, ==, LAB_CANVAS_NODE_MAX_W);
  lab_canvas_node_size (150, 40, 8, &w, &h);
  g_assert_cmpfloat (w, ==, 150 + 2 * LAB_CANVAS_NODE_PAD);
  g_assert_cmpfloat (h, >=, 8 * LAB_CANVAS_PORT_SPACING);

  node.rect.height = h;
  for (guint i = 0; i < node.n_in_ports; i++)
    {
      lab_canvas_input_port (&node, i, &x, &y);
      g_assert_cmpfloat (x, ==, node.rect.x);
      g_assert_cmpfloat (y, >, node.rect.y);
      g_assert_cmpfloat (y, <, node.rect.y + node.rect.height);
      if (i > 0)
        g_assert_cmpfloat_with_epsilon (y - prev, LAB_CANVAS_PORT_SPACING, 1e-9);
      prev = y;
    }
  /* Centred: the middle port is at mid-height. */
  lab_canvas_input_port (&node, 1, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, node.rect.y + h / 2, 1e-9);
  lab_canvas_output_port (&node, &x, &y);
  g_assert_cmpfloat (x, ==, node.rect.x + node.rect.width);
  g_assert_cmpfloat_with_epsilon (y, node.rect.y + h / 2, 1e-9);
}

static void
test_hit_test (void)
{
  LabCanvasNode nodes[] = {
    make_node (1, 0, 0, 150, 60, 0),
    make_node (2, 300, 0, 150, 60, 1),
    make_node (3, 320, 20, 150, 60, 2),   /* on top of node 2 */
  };
  LabCanvasEdge edge = { 1, 2, 0, { 0 } };
  double ox, oy, ix, iy, mx, my;
  LabHit hit;

  lab_canvas_output_port (&nodes[0], &ox, &oy);
  lab_canvas_input_port (&nodes[1], 0, &ix, &iy);
  lab_bezier_for_edge (&edge.path, ox, oy, ix, iy);

  hit = lab_canvas_hit_test (nodes, 3, &edge, 1, 75, 30, 1.0);
  g_assert_cmpint (hit.kind, ==, LAB_HIT_NODE);
  g_assert_cmpint (hit.node, ==, 0);
  hit = lab_canvas_hit_test (nodes, 3, &edge, 1, ox + 3, oy - 2, 1.0);
  g_assert_cmpint (hit.kind, ==, LAB_HIT_OUTPUT_PORT);
  g_assert_cmpint (hit.node, ==, 0);
  /* Where the nodes overlap, the one drawn last is hit. */
  hit = lab_canvas_hit_test (nodes, 3, &edge, 1, 400, 40, 1.0);
  g_assert_cmpint (hit.kind, ==, LAB_HIT_NODE);
  g_assert_cmpint (hit.node, ==, 2);
  lab_canvas_input_port (&nodes[2], 1, &ix, &iy);
  hit = lab_canvas_hit_test (nodes, 3, &edge, 1, ix - 2, iy + 2, 1.0);
  g_assert_cmpint (hit.kind, ==, LAB_HIT_INPUT_PORT);
  g_assert_cmpint (hit.node, ==, 2);
  g_assert_cmpuint (hit.port, ==, 1);
  lab_bezier_point (&edge.path, 0.5, &mx, &my);
  hit = lab_canvas_hit_test (nodes, 3, &edge, 1, mx, my + 3, 1.0);
  g_assert_cmpint (hit.kind, ==, LAB_HIT_EDGE);
  g_assert_cmpint (hit.edge, ==, 0);
  /* The pick distance is in pixels: 3 canvas units off is 12 pixels at 400 %. */
  hit = lab_canvas_hit_test (nodes, 3, &edge, 1, mx, my + 3, 4.0);
  g_assert_cmpint (hit.kind, ==, LAB_HIT_NONE);
  hit = lab_canvas_hit_test (nodes, 3, &edge, 1, 200, 300, 1.0);
  g_assert_cmpint (hit.kind, ==, LAB_HIT_NONE);
  g_assert_cmpint (hit.node, ==, -1);
}

static void
test_rubber_band (void)
{
  LabCanvasNode nodes[] = {
    make_node (7, 0, 0, 100, 50, 0), make_node (8, 200, 0, 100, 50, 1),
    make_node (9, 0, 200, 100, 50, 1), make_node (10, 200, 200, 100, 50, 1),
  };
  struct { LabRect r; guint n; guint ids[4]; } cases[] = {
    { { 150, 150, 10, 10 }, 0, { 0 } },
    { { -10, -10, 50, 50 }, 1, { 7 } },
    { { 50, -10, 200, 30 }, 2, { 7, 8 } },
    { { 250, 20, 10, 300 }, 2, { 8, 10 } },
    { { -100, -100, 1000, 1000 }, 4, { 7, 8, 9, 10 } },
  };
  LabRect dragged = lab_rect_from_corners (260, 300, 40, 20);

  g_assert_cmpfloat (dragged.x, ==, 40);
  g_assert_cmpfloat (dragged.y, ==, 20);
  g_assert_cmpfloat (dragged.width, ==, 220);
  g_assert_cmpfloat (dragged.height, ==, 280);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));

      lab_canvas_nodes_in_rect (nodes, G_N_ELEMENTS (nodes), &cases[c].r, ids);
      g_assert_cmpuint (ids->len, ==, cases[c].n);
      for (guint i = 0; i < ids->len; i++)
        g_assert_cmpuint (g_array_index (ids, guint, i), ==, cases[c].ids[i]);
    }
}

/* in → fc (Dense 64) → act (ReLU) → drop (Dropout 0.5) → bad (Conv2D: wants an image) */
static LabGraph *
make_graph (guint *ids)
{
  LabGraph *g = lab_graph_new ();
  GError *error = NULL;

  ids[0] = lab_graph_add_node (g, "Input", "in", 20, 40, &error);
  ids[1] = lab_graph_add_node (g, "Dense", "fc", 260, 40, &error);
  ids[2] = lab_graph_add_node (g, "Activation", "act", 500, 40, &error);
  ids[3] = lab_graph_add_node (g, "Dropout", "drop", 20, 240, &error);
  ids[4] = lab_graph_add_node (g, "Conv2D", "bad", 300, 240, &error);
  g_assert_no_error (error);
  lab_graph_set_hparam_text (g, ids[0], "shape", "64", &error);
  lab_graph_set_hparam_text (g, ids[1], "units", "64", &error);
  lab_graph_set_hparam_text (g, ids[3], "rate", "0.5", &error);
  g_assert_no_error (error);
  for (guint i = 0; i + 1 < 5; i++)
    {
      lab_graph_connect (g, ids[i], ids[i + 1], &error);
      g_assert_no_error (error);
    }
  return g;
}

static void
test_texts (void)
{
  guint ids[5];
  g_autoptr(LabGraph) g = make_graph (ids);
  g_autofree char *dense = NULL, *act = NULL, *drop = NULL, *conv = NULL, *summary = NULL;
  g_autofree char *bad = NULL, *big = NULL, *zero = NULL;
  GError *error = NULL;

  lab_graph_set_hparam_text (g, ids[4], "filters", "32", &error);
  lab_graph_set_hparam_text (g, ids[4], "kernel_size", "3", &error);
  lab_graph_set_hparam_text (g, ids[4], "padding", "same", &error);
  g_assert_no_error (error);
  lab_graph_analyze (g);

  dense = lab_canvas_node_settings_text (lab_graph_get_node (g, ids[1]));
  act = lab_canvas_node_settings_text (lab_graph_get_node (g, ids[2]));
  drop = lab_canvas_node_settings_text (lab_graph_get_node (g, ids[3]));
  conv = lab_canvas_node_settings_text (lab_graph_get_node (g, ids[4]));
  g_assert_cmpstr (dense, ==, "64 units");
  g_assert_cmpstr (act, ==, "ReLU");
  g_assert_cmpstr (drop, ==, "rate 0.5");
  g_assert_cmpstr (conv, ==, "32 × 3×3, same");

  /* 64 × 64 weights + 64 biases */
  summary = lab_canvas_node_summary_text (lab_graph_get_node (g, ids[1]));
  g_assert_cmpstr (summary, ==, "64 · 4,160 params");
  bad = lab_canvas_node_summary_text (lab_graph_get_node (g, ids[4]));
  g_assert_nonnull (lab_graph_get_node (g, ids[4])->error);
  g_assert_cmpstr (bad, ==, "Shape mismatch");

  big = lab_canvas_format_count (1234567);
  zero = lab_canvas_format_count (0);
  g_assert_cmpstr (big, ==, "1,234,567");
  g_assert_cmpstr (zero, ==, "0");
}

static gboolean
pixel_differs (const guint8  *px,
               const GdkRGBA *c)
{
  /* ARGB32 in native order: on little endian B, G, R, A. */
  return abs (px[2] - (int) round (c->red * 255)) > 8 ||
         abs (px[1] - (int) round (c->green * 255)) > 8 ||
         abs (px[0] - (int) round (c->blue * 255)) > 8;
}

static void
check_drawing (gboolean dark)
{
  guint ids[5];
  g_autoptr(LabGraph) g = make_graph (ids);
  LabCanvasState s;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 400);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  guint n_error = 0;

  lab_canvas_state_init (&s);
  lab_canvas_colors_init_default (&s.colors, dark);
  lab_canvas_state_set_graph (&s, g);
  g_assert_cmpuint (s.nodes->len, ==, 5);
  g_assert_cmpuint (s.edges->len, ==, 4);
  g_assert_cmpuint (s.n_invalid, ==, 1);
  s.view = (LabTransform) { 1.0, 10, 10 };
  lab_canvas_draw (&s, cr, 900, 400);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (guint i = 0; i < s.nodes->len; i++)
    {
      const LabCanvasNode *n = &g_array_index (s.nodes, LabCanvasNode, i);
      double x0, y0, x1, y1;
      guint n_fg = 0;

      lab_transform_to_widget (&s.view, n->rect.x, n->rect.y, &x0, &y0);
      lab_transform_to_widget (&s.view, n->rect.x + n->rect.width, n->rect.y + n->rect.height,
                               &x1, &y1);
      g_assert_cmpfloat (x1, <, 900);
      /* The card and its text are not the canvas background. */
      for (int y = (int) y0 + 2; y < (int) y1 - 2; y++)
        for (int x = (int) x0 + 2; x < (int) x1 - 2; x++)
          n_fg += pixel_differs (data + y * stride + 4 * x, &s.colors.bg);
      g_assert_cmpuint (n_fg, >, (x1 - x0 - 4) * (y1 - y0 - 4) / 2);

      if (n->id == ids[4])
        for (int x = (int) x0 + 12; x < (int) x1 - 12; x++)
          {
            const guint8 *px = data + (int) round (y0) * stride + 4 * x;

            n_error += !pixel_differs (px, &s.colors.error);
          }
    }
  /* The invalid node's top border is drawn in the error colour. */
  g_assert_cmpuint (n_error, >, 40);

  lab_canvas_state_clear (&s);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_draw_light (void)
{
  check_drawing (FALSE);
}

static void
test_draw_dark (void)
{
  check_drawing (TRUE);
}

static void
test_text_cache (void)
{
  guint ids[5];
  g_autoptr(LabGraph) g = make_graph (ids);
  LabCanvasState s;
  LabNodeText *text;
  PangoLayout *title;
  GError *error = NULL;

  lab_canvas_state_init (&s);
  lab_canvas_state_set_graph (&s, g);
  text = g_hash_table_lookup (s.texts, GUINT_TO_POINTER (ids[1]));
  title = text->title;

  /* A change elsewhere keeps this node's layouts; a change of its text rebuilds them. */
  lab_graph_set_position (g, ids[2], 900, 900);
  lab_canvas_state_invalidate (&s);
  lab_canvas_state_sync (&s);
  g_assert_true (((LabNodeText *) g_hash_table_lookup (s.texts, GUINT_TO_POINTER (ids[1])))->title == title);
  g_assert_cmpfloat (g_array_index (s.nodes, LabCanvasNode, 2).rect.x, ==, 900);
  lab_graph_rename (g, ids[1], "a_much_longer_name_than_before", &error);
  g_assert_no_error (error);
  lab_canvas_state_invalidate (&s);
  lab_canvas_state_sync (&s);
  text = g_hash_table_lookup (s.texts, GUINT_TO_POINTER (ids[1]));
  g_assert_cmpstr (pango_layout_get_text (text->title), ==, "a_much_longer_name_than_before");
  g_assert_cmpfloat (g_array_index (s.nodes, LabCanvasNode, 1).rect.width, >, LAB_CANVAS_NODE_MIN_W);

  /* A removed node's texts go. */
  lab_graph_remove_node (g, ids[4]);
  lab_canvas_state_invalidate (&s);
  lab_canvas_state_sync (&s);
  g_assert_null (g_hash_table_lookup (s.texts, GUINT_TO_POINTER (ids[4])));
  g_assert_cmpuint (s.nodes->len, ==, 4);
  g_assert_cmpint (lab_canvas_state_find (&s, ids[4]), ==, -1);
  g_assert_cmpint (lab_canvas_state_find (&s, ids[3]), ==, 3);

  lab_canvas_state_clear (&s);
}

/* Widget tests: they need a display (run under Xvfb with shared/tools/gui-session exec) and
 * skip without one. */
static gboolean have_display;

static void
on_message_cb (GtkWidget  *view,
               const char *text,
               char      **last)
{
  g_free (*last);
  *last = g_strdup (text);
}

typedef struct
{
  LabGraph     *graph;
  LabHistory   *history;
  GtkWidget    *view;
  char         *message;
  guint         ids[5];
} Fixture;

static gboolean
fixture_setup (Fixture *f)
{
  if (!have_display)
    {
      g_test_skip ("no display: run under Xvfb (shared/tools/gui-session exec)");
      return FALSE;
    }
  f->graph = make_graph (f->ids);
  f->history = lab_history_new (f->graph);
  f->view = g_object_ref_sink (lab_graph_view_new ());
  f->message = NULL;
  g_signal_connect (f->view, "message", G_CALLBACK (on_message_cb), &f->message);
  lab_graph_view_set_history (LAB_GRAPH_VIEW (f->view), f->history);
  return TRUE;
}

static void
fixture_teardown (Fixture *f)
{
  g_clear_object (&f->view);
  g_clear_object (&f->history);
  g_clear_object (&f->graph);
  g_clear_pointer (&f->message, g_free);
}

static void
test_widget_add_layer (void)
{
  Fixture f;
  guint id, n = 0;
  g_autofree char *function = NULL;
  g_autoptr(GArray) selection = NULL;

  if (!fixture_setup (&f))
    return;
  n = lab_graph_get_n_nodes (f.graph);
  id = lab_graph_view_add_layer (LAB_GRAPH_VIEW (f.view), "Activation:tanh");
  g_assert_cmpuint (id, !=, 0);
  g_assert_cmpuint (lab_graph_get_n_nodes (f.graph), ==, n + 1);
  function = lab_graph_dup_hparam_text (f.graph, id, "function");
  g_assert_cmpstr (function, ==, "tanh");
  selection = lab_graph_view_dup_selection (LAB_GRAPH_VIEW (f.view));
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_cmpuint (g_array_index (selection, guint, 0), ==, id);
  /* Adding, presetting and centring are one step. */
  g_assert_true (lab_history_undo (f.history));
  g_assert_cmpuint (lab_graph_get_n_nodes (f.graph), ==, n);
  g_assert_false (lab_history_can_undo (f.history));

  /* Bad specs add nothing and say why. */
  g_assert_cmpuint (lab_graph_view_add_layer (LAB_GRAPH_VIEW (f.view), "NoSuchLayer"), ==, 0);
  g_assert_nonnull (f.message);
  g_assert_cmpuint (lab_graph_view_add_layer (LAB_GRAPH_VIEW (f.view), "Activation:nope"), ==, 0);
  g_assert_cmpuint (lab_graph_get_n_nodes (f.graph), ==, n);
  g_assert_false (lab_history_can_undo (f.history));

  /* Locked while training: refused with the reason. */
  lab_graph_view_set_locked (LAB_GRAPH_VIEW (f.view), "Training is running");
  g_assert_cmpuint (lab_graph_view_add_layer (LAB_GRAPH_VIEW (f.view), "Dense"), ==, 0);
  g_assert_cmpstr (f.message, ==, "Training is running");
  lab_graph_view_set_locked (LAB_GRAPH_VIEW (f.view), NULL);
  g_assert_cmpuint (lab_graph_view_add_layer (LAB_GRAPH_VIEW (f.view), "Dense"), !=, 0);
  fixture_teardown (&f);
}

static void
test_widget_connection_check (void)
{
  Fixture f;
  LabGraphView *view;
  g_autofree char *cycle = NULL, *taken = NULL, *self_loop = NULL, *to_input = NULL;
  g_autofree char *shape = NULL, *fine = NULL, *rerouted = NULL;
  LabEdgeKey edge;
  guint extra;
  GError *error = NULL;

  if (!fixture_setup (&f))
    return;
  view = LAB_GRAPH_VIEW (f.view);
  extra = lab_graph_add_node (f.graph, "Dense", "extra", 0, 400, &error);
  g_assert_no_error (error);

  cycle = lab_graph_view_check_connection (view, f.ids[3], f.ids[1], 0, NULL);   /* drop → fc */
  taken = lab_graph_view_check_connection (view, extra, f.ids[2], 0, NULL);       /* act has one */
  self_loop = lab_graph_view_check_connection (view, extra, extra, 0, NULL);
  to_input = lab_graph_view_check_connection (view, extra, f.ids[0], 0, NULL);
  fine = lab_graph_view_check_connection (view, f.ids[2], extra, 0, NULL);        /* 64 → Dense */
  g_assert_nonnull (cycle);
  g_assert_nonnull (taken);
  g_assert_nonnull (self_loop);
  g_assert_nonnull (to_input);
  g_assert_null (fine);

  /* A shape the target cannot take: the engine's own words. Conv2D after the flat Input. */
  lab_graph_disconnect (f.graph, f.ids[3], f.ids[4]);
  lab_graph_analyze (f.graph);
  shape = lab_graph_view_check_connection (view, f.ids[0], f.ids[4], 0, NULL);
  g_assert_nonnull (shape);
  g_assert_nonnull (strstr (shape, "bad"));

  /* Re-routing act's edge: its slot counts as free. */
  edge = (LabEdgeKey) { f.ids[1], f.ids[2] };
  rerouted = lab_graph_view_check_connection (view, extra, f.ids[2], 0, &edge);
  g_assert_null (rerouted);
  fixture_teardown (&f);
}

static void
test_widget_actions (void)
{
  Fixture f;
  guint n, edges_before;
  g_autoptr(GArray) selection = NULL;
  double x0;

  if (!fixture_setup (&f))
    return;
  n = lab_graph_get_n_nodes (f.graph);
  edges_before = lab_graph_get_node (f.graph, f.ids[2])->inputs->len;

  g_assert_true (gtk_widget_activate_action (f.view, "canvas.select-all", NULL));
  selection = lab_graph_view_dup_selection (LAB_GRAPH_VIEW (f.view));
  g_assert_cmpuint (selection->len, ==, n);

  lab_graph_view_set_selection (LAB_GRAPH_VIEW (f.view), &f.ids[1], 1);
  g_assert_true (gtk_widget_activate_action (f.view, "canvas.delete", NULL));
  g_assert_cmpuint (lab_graph_get_n_nodes (f.graph), ==, n - 1);
  g_assert_null (lab_graph_get_node (f.graph, f.ids[1]));
  g_assert_true (lab_history_undo (f.history));
  g_assert_cmpuint (lab_graph_get_n_nodes (f.graph), ==, n);
  g_assert_cmpuint (lab_graph_get_node (f.graph, f.ids[2])->inputs->len, ==, edges_before);

  /* Duplicate: one step, new nodes selected, 24 units away. */
  lab_graph_view_set_selection (LAB_GRAPH_VIEW (f.view), &f.ids[1], 1);
  x0 = lab_graph_get_node (f.graph, f.ids[1])->x;
  g_assert_true (gtk_widget_activate_action (f.view, "canvas.duplicate", NULL));
  g_assert_cmpuint (lab_graph_get_n_nodes (f.graph), ==, n + 1);
  g_clear_pointer (&selection, g_array_unref);
  selection = lab_graph_view_dup_selection (LAB_GRAPH_VIEW (f.view));
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_cmpfloat (lab_graph_get_node (f.graph, g_array_index (selection, guint, 0))->x, ==, x0 + 24);
  g_assert_true (lab_history_undo (f.history));
  g_assert_cmpuint (lab_graph_get_n_nodes (f.graph), ==, n);

  /* Arrange moves the nodes as one step. */
  g_assert_true (gtk_widget_activate_action (f.view, "canvas.arrange", NULL));
  g_assert_true (lab_history_can_undo (f.history));
  g_assert_true (lab_history_undo (f.history));
  g_assert_false (lab_history_can_undo (f.history));
  g_assert_cmpfloat (lab_graph_get_node (f.graph, f.ids[4])->x, ==, 300);

  /* The same actions as a group, for a toolbar beside the canvas. */
  {
    GActionGroup *group = lab_graph_view_get_action_group (LAB_GRAPH_VIEW (f.view));

    g_assert_true (g_action_group_has_action (group, "zoom-in"));
    g_assert_true (g_action_group_has_action (group, "arrange"));
    g_assert_false (g_action_group_has_action (group, "canvas.zoom-in"));
    lab_graph_view_set_zoom (LAB_GRAPH_VIEW (f.view), 1.0);
    g_action_group_activate_action (group, "zoom-in", NULL);
    g_assert_cmpfloat (lab_graph_view_get_zoom (LAB_GRAPH_VIEW (f.view)), >, 1.0);
  }

  /* Zoom: clamped, and 100 % back. */
  lab_graph_view_set_zoom (LAB_GRAPH_VIEW (f.view), 9);
  g_assert_cmpfloat (lab_graph_view_get_zoom (LAB_GRAPH_VIEW (f.view)), ==, LAB_CANVAS_ZOOM_MAX);
  g_assert_true (gtk_widget_activate_action (f.view, "canvas.zoom-reset", NULL));
  g_assert_cmpfloat (lab_graph_view_get_zoom (LAB_GRAPH_VIEW (f.view)), ==, 1.0);
  fixture_teardown (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();

  g_test_add_func ("/gui/canvas/geometry/transform-round-trip", test_transform_round_trip);
  g_test_add_func ("/gui/canvas/geometry/zoom-about-point", test_zoom_about_point);
  g_test_add_func ("/gui/canvas/geometry/fit", test_fit);
  g_test_add_func ("/gui/canvas/geometry/first-view", test_first_view);
  g_test_add_func ("/gui/canvas/geometry/bezier", test_bezier);
  g_test_add_func ("/gui/canvas/geometry/ports", test_ports);
  g_test_add_func ("/gui/canvas/geometry/hit-test", test_hit_test);
  g_test_add_func ("/gui/canvas/geometry/rubber-band", test_rubber_band);
  g_test_add_func ("/gui/canvas/texts", test_texts);
  g_test_add_func ("/gui/canvas/text-cache", test_text_cache);
  g_test_add_func ("/gui/canvas/draw/light", test_draw_light);
  g_test_add_func ("/gui/canvas/draw/dark", test_draw_dark);
  g_test_add_func ("/gui/canvas/widget/add-layer", test_widget_add_layer);
  g_test_add_func ("/gui/canvas/widget/connection-check", test_widget_connection_check);
  g_test_add_func ("/gui/canvas/widget/actions", test_widget_actions);

  return g_test_run ();
}

/* bench-canvas.c: frame times of the graph canvas's drawing on a 300-node graph
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a 300-node graph (a long chain of blocks that branch into two Dense layers and merge
 * them again with Add), lays it out with lab_layout_layered(), and draws frames of the canvas
 * into a 1280×800 Cairo image surface, as the widget does in its snapshot: the whole graph
 * fitted, panning at 25 %, 50 %, 100 % and 200 %, a zoom sweep, and while dragging ten nodes
 * (which moves them and their edges every frame). The layered layout of a chain is long and
 * low, so few nodes are in view at once; the last scenes put the same nodes on a 20 × 15 grid,
 * where all 300 are in view at 26 % and about 160 with their text at 35 %: the worst case.
 * No display is needed. Run it by hand:
 *
 *   ninja -C build bench/bench-canvas && ./build/bench/bench-canvas [--png DIR]
 *
 * It prints the mean, 95th percentile and worst frame time per scene, in milliseconds, and the
 * frames per second the mean allows. The aim is under 8 ms a frame (so 60 fps with room for
 * GTK's own work); --png writes the first frame of each scene for a look.
 */
#include <math.h>
#include <stdlib.h>

#include "lab-core.h"
#include "lab-graph-view-private.h"
#include "lab-layout.h"

#define WIDTH  1280
#define HEIGHT 800
#define N_FRAMES 120

static guint
add (LabGraph   *g,
     const char *type,
     guint       input)
{
  g_autoptr(GError) error = NULL;
  guint id = lab_graph_add_node (g, type, NULL, 0, 0, &error);

  g_assert_no_error (error);
  if (input != 0)
    lab_graph_connect (g, input, id, &error);
  g_assert_no_error (error);
  return id;
}

/* in → 49 × [Dense → Activation → (Dense, Dense) → Add → Dropout] → Dense → ReLU → Dense →
 * ReLU → Dense: 1 + 294 + 5 = 300 nodes. */
static LabGraph *
build_graph (void)
{
  LabGraph *g = lab_graph_new ();
  g_autoptr(GError) error = NULL;
  guint prev = add (g, "Input", 0);

  lab_graph_set_hparam_text (g, prev, "shape", "64", &error);
  for (guint b = 0; b < 49; b++)
    {
      guint fc = add (g, "Dense", prev);
      guint act = add (g, "Activation", fc);
      guint left = add (g, "Dense", act);
      guint right = add (g, "Dense", act);
      guint sum = add (g, "Add", left);

      lab_graph_connect (g, right, sum, &error);
      g_assert_no_error (error);
      prev = add (g, "Dropout", sum);
    }
  prev = add (g, "Activation", add (g, "Dense", prev));
  add (g, "Dense", add (g, "Activation", add (g, "Dense", prev)));
  g_assert_cmpuint (lab_graph_get_n_nodes (g), ==, 300);
  return g;
}

static void
arrange (LabCanvasState *s)
{
  g_autofree LabLayoutPosition *positions = NULL;
  double w = 0, h = 0;
  guint n = 0;

  lab_canvas_state_sync (s);
  for (guint i = 0; i < s->nodes->len; i++)
    {
      w = MAX (w, g_array_index (s->nodes, LabCanvasNode, i).rect.width);
      h = MAX (h, g_array_index (s->nodes, LabCanvasNode, i).rect.height);
    }
  /* The same spacing as the canvas's Arrange action. */
  lab_layout_layered (s->graph, w, h, 88, 32, &positions, &n);
  for (guint i = 0; i < n; i++)
    lab_graph_set_position (s->graph, positions[i].id, positions[i].x, positions[i].y);
  lab_canvas_state_invalidate (s);
  lab_canvas_state_sync (s);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef void (*SceneStep) (LabCanvasState *s, guint frame);

static double all_times[16 * N_FRAMES];
static guint n_all;

static void
run_scene (LabCanvasState *s,
           const char     *name,
           SceneStep       step,
           cairo_t        *cr,
           const char     *png_dir)
{
  double times[N_FRAMES], sum = 0;

  for (guint f = 0; f < N_FRAMES; f++)
    {
      gint64 t0;

      step (s, f);
      t0 = g_get_monotonic_time ();
      /* As in a drag: the moved nodes' rectangles and edges are recomputed for the frame. */
      if (s->action == LAB_CANVAS_ACTION_MOVE)
        lab_canvas_state_relayout (s);
      lab_canvas_draw (s, cr, WIDTH, HEIGHT);
      cairo_surface_flush (cairo_get_target (cr));
      times[f] = (g_get_monotonic_time () - t0) / 1000.0;
      sum += times[f];
      all_times[n_all++] = times[f];
      if (f == 0 && png_dir != NULL)
        {
          g_autofree char *file = g_strdup_printf ("%s/bench-canvas-%s.png", png_dir, name);

          cairo_surface_write_to_png (cairo_get_target (cr), file);
        }
    }
  qsort (times, N_FRAMES, sizeof (double), compare_double);
  g_print ("%-22s zoom %4.0f %%  mean %6.2f ms  p95 %6.2f ms  max %6.2f ms  %6.0f fps\n", name,
           s->view.zoom * 100, sum / N_FRAMES, times[(int) (0.95 * N_FRAMES)], times[N_FRAMES - 1],
           1000.0 / (sum / N_FRAMES));
}

static LabRect bounds;

static void
pan_at (LabCanvasState *s,
        double          zoom,
        guint           frame)
{
  /* Sweep the graph from left to right, slowly up and down, as a pan would. */
  double cx = bounds.x + bounds.width * frame / (double) N_FRAMES;
  double cy = bounds.y + bounds.height * (0.5 + 0.4 * sin (frame / 10.0));

  s->view.zoom = zoom;
  s->view.pan_x = WIDTH / 2.0 - cx * zoom;
  s->view.pan_y = HEIGHT / 2.0 - cy * zoom;
}

static void
step_fit (LabCanvasState *s, guint frame)
{
  lab_transform_fit (&s->view, &bounds, WIDTH, HEIGHT, 32, 1.0);
}

static void step_pan_25 (LabCanvasState *s, guint frame) { pan_at (s, 0.25, frame); }
static void step_pan_35 (LabCanvasState *s, guint frame) { pan_at (s, 0.35, frame); }
static void step_pan_50 (LabCanvasState *s, guint frame) { pan_at (s, 0.5, frame); }
static void step_pan_75 (LabCanvasState *s, guint frame) { pan_at (s, 0.75, frame); }
static void step_pan_100 (LabCanvasState *s, guint frame) { pan_at (s, 1.0, frame); }
static void step_pan_200 (LabCanvasState *s, guint frame) { pan_at (s, 2.0, frame); }

static void
step_zoom_sweep (LabCanvasState *s,
                 guint           frame)
{
  LabTransform t;

  /* Ctrl+scroll from 10 % to 400 % about the middle of the graph. */
  lab_transform_fit (&t, &bounds, WIDTH, HEIGHT, 32, 1.0);
  s->view = t;
  lab_transform_zoom_about (&s->view, 0.1 * pow (40, frame / (double) (N_FRAMES - 1)),
                            WIDTH / 2.0, HEIGHT / 2.0);
}

static void
step_drag (LabCanvasState *s,
           guint           frame)
{
  if (frame == 0)
    {
      const LabCanvasNode *first = &g_array_index (s->nodes, LabCanvasNode, 100);

      /* Ten nodes in view at 100 %, selected and dragged in a circle. */
      g_hash_table_remove_all (s->selected);
      for (guint i = 100; i < 110; i++)
        g_hash_table_add (s->selected,
                          GUINT_TO_POINTER (g_array_index (s->nodes, LabCanvasNode, i).id));
      s->view = (LabTransform) { 1.0, WIDTH / 2.0 - first->rect.x, HEIGHT / 2.0 - first->rect.y };
      s->action = LAB_CANVAS_ACTION_MOVE;
    }
  s->move_dx = round (120 * sin (frame / 15.0));
  s->move_dy = round (80 * (1 - cos (frame / 15.0)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LabGraph) graph = build_graph ();
  const char *png_dir = argc > 2 && g_str_equal (argv[1], "--png") ? argv[2] : NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  LabCanvasState s;
  double sum = 0;

  lab_canvas_state_init (&s);
  lab_canvas_state_set_graph (&s, graph);
  arrange (&s);
  lab_canvas_nodes_bounds ((LabCanvasNode *) s.nodes->data, s.nodes->len, &bounds);
  g_print ("300 nodes, %u edges, laid out over %.0f x %.0f canvas units; %dx%d frames\n",
           s.edges->len, bounds.width, bounds.height, WIDTH, HEIGHT);

  run_scene (&s, "fit", step_fit, cr, png_dir);
  run_scene (&s, "pan-25", step_pan_25, cr, png_dir);
  run_scene (&s, "pan-50", step_pan_50, cr, png_dir);
  run_scene (&s, "pan-100", step_pan_100, cr, png_dir);
  run_scene (&s, "pan-200", step_pan_200, cr, png_dir);
  run_scene (&s, "zoom-sweep", step_zoom_sweep, cr, png_dir);
  run_scene (&s, "drag-10-nodes", step_drag, cr, png_dir);
  s.action = LAB_CANVAS_ACTION_NONE;

  for (guint i = 0; i < s.nodes->len; i++)
    lab_graph_set_position (graph, g_array_index (s.nodes, LabCanvasNode, i).id,
                            (i % 20) * 240.0, (i / 20) * 110.0);
  lab_canvas_state_invalidate (&s);
  lab_canvas_state_sync (&s);
  lab_canvas_nodes_bounds ((LabCanvasNode *) s.nodes->data, s.nodes->len, &bounds);
  run_scene (&s, "grid-all-in-view", step_fit, cr, png_dir);
  run_scene (&s, "grid-pan-35", step_pan_35, cr, png_dir);
  run_scene (&s, "grid-pan-75", step_pan_75, cr, png_dir);
  run_scene (&s, "grid-drag-10-nodes", step_drag, cr, png_dir);

  qsort (all_times, n_all, sizeof (double), compare_double);
  for (guint i = 0; i < n_all; i++)
    sum += all_times[i];
  g_print ("%-22s            mean %6.2f ms  p95 %6.2f ms  max %6.2f ms  %6.0f fps\n", "all",
           sum / n_all, all_times[(int) (0.95 * n_all)], all_times[n_all - 1], 1000.0 / (sum / n_all));

  lab_canvas_state_clear (&s);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}

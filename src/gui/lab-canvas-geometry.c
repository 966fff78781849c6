/* lab-canvas-geometry.c: the graph canvas's geometry as pure functions
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-canvas"

#include <math.h>

#include "lab-canvas-geometry.h"

/* Straight pieces a curve is cut into for picking: at 100 % an edge 600 px long gives 19 px
 * pieces whose chords stray less than a pixel from the curve. */
#define BEZIER_STEPS 32

gboolean
lab_rect_contains (const LabRect *rect,
                   double         x,
                   double         y)
{
  return x >= rect->x && x <= rect->x + rect->width &&
         y >= rect->y && y <= rect->y + rect->height;
}

gboolean
lab_rect_intersects (const LabRect *a,
                     const LabRect *b)
{
  return a->x <= b->x + b->width && b->x <= a->x + a->width &&
         a->y <= b->y + b->height && b->y <= a->y + a->height;
}

LabRect
lab_rect_from_corners (double x0,
                       double y0,
                       double x1,
                       double y1)
{
  return (LabRect) { MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0) };
}

void
lab_rect_union (LabRect       *acc,
                const LabRect *other)
{
  double x0 = MIN (acc->x, other->x);
  double y0 = MIN (acc->y, other->y);
  double x1 = MAX (acc->x + acc->width, other->x + other->width);
  double y1 = MAX (acc->y + acc->height, other->y + other->height);

  *acc = (LabRect) { x0, y0, x1 - x0, y1 - y0 };
}

double
lab_canvas_clamp_zoom (double zoom)
{
  if (!isfinite (zoom))
    return 1.0;
  return CLAMP (zoom, LAB_CANVAS_ZOOM_MIN, LAB_CANVAS_ZOOM_MAX);
}

void
lab_transform_to_widget (const LabTransform *t,
                         double              cx,
                         double              cy,
                         double             *wx,
                         double             *wy)
{
  *wx = cx * t->zoom + t->pan_x;
  *wy = cy * t->zoom + t->pan_y;
}

void
lab_transform_to_canvas (const LabTransform *t,
                         double              wx,
                         double              wy,
                         double             *cx,
                         double             *cy)
{
  *cx = (wx - t->pan_x) / t->zoom;
  *cy = (wy - t->pan_y) / t->zoom;
}

LabRect
lab_transform_visible (const LabTransform *t,
                       double              width,
                       double              height)
{
  double x0, y0;

  lab_transform_to_canvas (t, 0, 0, &x0, &y0);
  return (LabRect) { x0, y0, width / t->zoom, height / t->zoom };
}

void
lab_transform_zoom_about (LabTransform *t,
                          double        zoom,
                          double        wx,
                          double        wy)
{
  double cx, cy;

  zoom = lab_canvas_clamp_zoom (zoom);
  lab_transform_to_canvas (t, wx, wy, &cx, &cy);
  t->zoom = zoom;
  t->pan_x = wx - cx * zoom;
  t->pan_y = wy - cy * zoom;
}

void
lab_transform_fit (LabTransform  *t,
                   const LabRect *bounds,
                   double         width,
                   double         height,
                   double         margin,
                   double         max_zoom)
{
  double avail_w = MAX (width - 2 * margin, 1.0);
  double avail_h = MAX (height - 2 * margin, 1.0);
  double zoom = max_zoom;

  if (bounds->width > 0)
    zoom = MIN (zoom, avail_w / bounds->width);
  if (bounds->height > 0)
    zoom = MIN (zoom, avail_h / bounds->height);
  t->zoom = lab_canvas_clamp_zoom (zoom);
  /* Whole pixels: the same graph then looks the same, pixel for pixel, wherever it is shown. */
  t->pan_x = round (width / 2 - (bounds->x + bounds->width / 2) * t->zoom);
  t->pan_y = round (height / 2 - (bounds->y + bounds->height / 2) * t->zoom);
}

void
lab_transform_first_view (LabTransform  *t,
                          const LabRect *bounds,
                          double         width,
                          double         height,
                          double         margin,
                          double         min_zoom,
                          double         readable_zoom)
{
  lab_transform_fit (t, bounds, width, height, margin, 1.0);
  if (t->zoom >= min_zoom)
    return;
  t->zoom = lab_canvas_clamp_zoom (readable_zoom);
  t->pan_x = round (margin - bounds->x * t->zoom);
  if (bounds->height * t->zoom <= height - 2 * margin)
    t->pan_y = round (height / 2 - (bounds->y + bounds->height / 2) * t->zoom);
  else
    t->pan_y = round (margin - bounds->y * t->zoom);
}

guint
lab_canvas_n_input_ports (guint min_inputs,
                          guint max_inputs,
                          guint n_connected)
{
  guint n;

  if (max_inputs == 0)
    return 0;
  if (max_inputs == min_inputs)
    return max_inputs;
  /* A merge grows: every connection keeps its port and one more stays free to drop onto. */
  n = n_connected < max_inputs ? n_connected + 1 : max_inputs;
  return MAX (n, MAX (min_inputs, 1));
}

void
lab_canvas_node_size (double  text_width,
                      double  text_height,
                      guint   n_in_ports,
                      double *width,
                      double *height)
{
  double w = text_width + 2 * LAB_CANVAS_NODE_PAD;
  double h = text_height + 2 * LAB_CANVAS_NODE_PAD;
  double ports_h = (n_in_ports + 1) * LAB_CANVAS_PORT_SPACING;

  /* Whole units keep the card's 1 px border crisp at 100 %. */
  *width = ceil (CLAMP (w, LAB_CANVAS_NODE_MIN_W, LAB_CANVAS_NODE_MAX_W));
  *height = ceil (MAX (h, ports_h));
}

void
lab_canvas_input_port (const LabCanvasNode *node,
                       guint                index,
                       double              *x,
                       double              *y)
{
  double first = -((double) node->n_in_ports - 1) * LAB_CANVAS_PORT_SPACING / 2;

  *x = node->rect.x;
  *y = node->rect.y + node->rect.height / 2 + first + index * LAB_CANVAS_PORT_SPACING;
}

void
lab_canvas_output_port (const LabCanvasNode *node,
                        double              *x,
                        double              *y)
{
  *x = node->rect.x + node->rect.width;
  *y = node->rect.y + node->rect.height / 2;
}

void
lab_bezier_for_edge (LabBezier *b,
                     double     x0,
                     double     y0,
                     double     x3,
                     double     y3)
{
  double d = fabs (x3 - x0) / 2;

  *b = (LabBezier) { x0, y0, x0 + d, y0, x3 - d, y3, x3, y3 };
}

void
lab_bezier_point (const LabBezier *b,
                  double           t,
                  double          *x,
                  double          *y)
{
  double u = 1 - t;
  double c0 = u * u * u, c1 = 3 * u * u * t, c2 = 3 * u * t * t, c3 = t * t * t;

  *x = c0 * b->x0 + c1 * b->x1 + c2 * b->x2 + c3 * b->x3;
  *y = c0 * b->y0 + c1 * b->y1 + c2 * b->y2 + c3 * b->y3;
}

static double
segment_distance (double ax,
                  double ay,
                  double bx,
                  double by,
                  double px,
                  double py)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (ax + t * dx - px, ay + t * dy - py);
}

double
lab_bezier_distance (const LabBezier *b,
                     double           x,
                     double           y)
{
  double best = G_MAXDOUBLE;
  double px = b->x0, py = b->y0;

  for (guint i = 1; i <= BEZIER_STEPS; i++)
    {
      double qx, qy;

      lab_bezier_point (b, (double) i / BEZIER_STEPS, &qx, &qy);
      best = MIN (best, segment_distance (px, py, qx, qy, x, y));
      px = qx;
      py = qy;
    }
  return best;
}

LabRect
lab_bezier_bounds (const LabBezier *b)
{
  double x0 = MIN (MIN (b->x0, b->x1), MIN (b->x2, b->x3));
  double y0 = MIN (MIN (b->y0, b->y1), MIN (b->y2, b->y3));
  double x1 = MAX (MAX (b->x0, b->x1), MAX (b->x2, b->x3));
  double y1 = MAX (MAX (b->y0, b->y1), MAX (b->y2, b->y3));

  return (LabRect) { x0, y0, x1 - x0, y1 - y0 };
}

gboolean
lab_canvas_nodes_bounds (const LabCanvasNode *nodes,
                         guint                n_nodes,
                         LabRect             *bounds)
{
  if (n_nodes == 0)
    return FALSE;
  *bounds = nodes[0].rect;
  for (guint i = 1; i < n_nodes; i++)
    lab_rect_union (bounds, &nodes[i].rect);
  return TRUE;
}

static gboolean
near (double ax,
      double ay,
      double bx,
      double by,
      double r)
{
  return (ax - bx) * (ax - bx) + (ay - by) * (ay - by) <= r * r;
}

LabHit
lab_canvas_hit_test (const LabCanvasNode *nodes,
                     guint                n_nodes,
                     const LabCanvasEdge *edges,
                     guint                n_edges,
                     double               x,
                     double               y,
                     double               zoom)
{
  LabHit hit = { LAB_HIT_NONE, -1, 0, -1 };
  double port_r = MAX (LAB_CANVAS_PORT_HIT / zoom, LAB_CANVAS_PORT_RADIUS + 2);
  double edge_tol = LAB_CANVAS_EDGE_HIT / zoom;
  double best = G_MAXDOUBLE;

  /* Top-down, so a node drawn over another hides that one's ports. */
  for (guint k = n_nodes; k-- > 0;)
    {
      const LabCanvasNode *node = &nodes[k];
      double px, py;

      if (node->has_output)
        {
          lab_canvas_output_port (node, &px, &py);
          if (near (x, y, px, py, port_r))
            return (LabHit) { LAB_HIT_OUTPUT_PORT, (int) k, 0, -1 };
        }
      for (guint i = 0; i < node->n_in_ports; i++)
        {
          lab_canvas_input_port (node, i, &px, &py);
          if (near (x, y, px, py, MIN (port_r, LAB_CANVAS_PORT_SPACING / 2)))
            return (LabHit) { LAB_HIT_INPUT_PORT, (int) k, i, -1 };
        }
      if (lab_rect_contains (&node->rect, x, y))
        return (LabHit) { LAB_HIT_NODE, (int) k, 0, -1 };
    }

  for (guint e = 0; e < n_edges; e++)
    {
      LabRect box = lab_bezier_bounds (&edges[e].path);
      double d;

      box = (LabRect) { box.x - edge_tol, box.y - edge_tol,
                        box.width + 2 * edge_tol, box.height + 2 * edge_tol };
      if (!lab_rect_contains (&box, x, y))
        continue;
      d = lab_bezier_distance (&edges[e].path, x, y);
      if (d <= edge_tol && d < best)
        {
          best = d;
          hit.kind = LAB_HIT_EDGE;
          hit.edge = (int) e;
        }
    }
  return hit;
}

void
lab_canvas_nodes_in_rect (const LabCanvasNode *nodes,
                          guint                n_nodes,
                          const LabRect       *rect,
                          GArray              *ids)
{
  for (guint i = 0; i < n_nodes; i++)
    if (lab_rect_intersects (&nodes[i].rect, rect))
      g_array_append_val (ids, nodes[i].id);
}

/* lab-canvas-geometry.h: the graph canvas's geometry as pure functions
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing here draws or needs a display, so tests check it directly. Two coordinate systems:
 * canvas units (where LabNode x/y live) and widget pixels. A LabTransform maps one to the
 * other: widget = canvas × zoom + pan. Nodes are rectangles in canvas units with input ports
 * on their left edge and one output port on the right; edges are cubic Béziers leaving and
 * entering horizontally, as in gtknodes: the control points sit d = |x1 − x0| / 2 away.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LAB_CANVAS_ZOOM_MIN      0.1
#define LAB_CANVAS_ZOOM_MAX      4.0
#define LAB_CANVAS_NODE_MIN_W    148.0   /* canvas units */
#define LAB_CANVAS_NODE_MAX_W    260.0
#define LAB_CANVAS_NODE_PAD      10.0    /* padding inside the card */
#define LAB_CANVAS_PORT_SPACING  18.0    /* between two input ports */
#define LAB_CANVAS_PORT_RADIUS   5.0
#define LAB_CANVAS_PORT_HIT      10.0    /* pick radius of a port, in widget pixels */
#define LAB_CANVAS_EDGE_HIT      6.0     /* pick distance of an edge, in widget pixels */

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} LabRect;

/* widget = canvas × zoom + pan */
typedef struct
{
  double zoom;
  double pan_x;
  double pan_y;
} LabTransform;

/* Start, two control points, end. */
typedef struct
{
  double x0, y0;
  double x1, y1;
  double x2, y2;
  double x3, y3;
} LabBezier;

typedef struct
{
  guint   id;           /* the LabNode's id */
  LabRect rect;         /* canvas units */
  guint   n_in_ports;   /* input ports drawn on the left edge */
  gboolean has_output;
} LabCanvasNode;

typedef struct
{
  guint     src;        /* node ids */
  guint     dst;
  guint     port;       /* index in dst's inputs, which is also its input port */
  LabBezier path;       /* canvas units */
} LabCanvasEdge;

typedef enum
{
  LAB_HIT_NONE,
  LAB_HIT_NODE,
  LAB_HIT_INPUT_PORT,
  LAB_HIT_OUTPUT_PORT,
  LAB_HIT_EDGE,
} LabHitKind;

typedef struct
{
  LabHitKind kind;
  int        node;      /* index in the nodes array, -1 for none */
  guint      port;      /* INPUT_PORT: its index */
  int        edge;      /* EDGE: index in the edges array, -1 for none */
} LabHit;

gboolean lab_rect_contains          (const LabRect      *rect,
                                     double              x,
                                     double              y);
gboolean lab_rect_intersects        (const LabRect      *a,
                                     const LabRect      *b);
/* The rectangle spanned by two corners in any order. */
LabRect  lab_rect_from_corners      (double              x0,
                                     double              y0,
                                     double              x1,
                                     double              y1);
void     lab_rect_union             (LabRect            *acc,
                                     const LabRect      *other);

double   lab_canvas_clamp_zoom      (double              zoom);
void     lab_transform_to_widget    (const LabTransform *t,
                                     double              cx,
                                     double              cy,
                                     double             *wx,
                                     double             *wy);
void     lab_transform_to_canvas    (const LabTransform *t,
                                     double              wx,
                                     double              wy,
                                     double             *cx,
                                     double             *cy);
/* The canvas rectangle a widget of width × height pixels shows. */
LabRect  lab_transform_visible      (const LabTransform *t,
                                     double              width,
                                     double              height);
/* Sets the zoom (clamped) so that the canvas point under widget point (wx, wy) stays there. */
void     lab_transform_zoom_about   (LabTransform       *t,
                                     double              zoom,
                                     double              wx,
                                     double              wy);
/* Zoom and pan that show bounds whole and centred in width × height with margin pixels on
 * every side, zooming in no further than max_zoom. */
void     lab_transform_fit          (LabTransform       *t,
                                     const LabRect      *bounds,
                                     double              width,
                                     double              height,
                                     double              margin,
                                     double              max_zoom);
/* A first view of a graph: the whole of it when that is readable (zoom at least min_zoom),
 * otherwise its start (the left edge, where the Input is) at readable_zoom, centred
 * vertically when it fits, else from its top. */
void     lab_transform_first_view   (LabTransform       *t,
                                     const LabRect      *bounds,
                                     double              width,
                                     double              height,
                                     double              margin,
                                     double              min_zoom,
                                     double              readable_zoom);

/* Input ports a node shows: none for a source, one per slot for a fixed count, and for a
 * merge one per connection plus a free one (at least min_inputs). */
guint    lab_canvas_n_input_ports   (guint               min_inputs,
                                     guint               max_inputs,
                                     guint               n_connected);
/* A card big enough for text_width × text_height of text and the ports, within the width
 * limits (longer text is ellipsized). */
void     lab_canvas_node_size       (double              text_width,
                                     double              text_height,
                                     guint               n_in_ports,
                                     double             *width,
                                     double             *height);
void     lab_canvas_input_port      (const LabCanvasNode *node,
                                     guint               index,
                                     double             *x,
                                     double             *y);
void     lab_canvas_output_port     (const LabCanvasNode *node,
                                     double             *x,
                                     double             *y);

/* From an output port at (x0, y0) to an input port at (x3, y3), tangents horizontal. */
void     lab_bezier_for_edge        (LabBezier          *b,
                                     double              x0,
                                     double              y0,
                                     double              x3,
                                     double              y3);
void     lab_bezier_point           (const LabBezier    *b,
                                     double              t,
                                     double             *x,
                                     double             *y);
/* Distance from (x, y) to the curve (to within a small fraction of its length). */
double   lab_bezier_distance        (const LabBezier    *b,
                                     double              x,
                                     double              y);
/* A rectangle holding the whole curve (its control polygon's). */
LabRect  lab_bezier_bounds          (const LabBezier    *b);

/* FALSE when there are no nodes. */
gboolean lab_canvas_nodes_bounds    (const LabCanvasNode *nodes,
                                     guint               n_nodes,
                                     LabRect            *bounds);
/* What is under canvas point (x, y) at this zoom: ports first (their pick radius is in
 * pixels), then nodes (the last drawn, on top, wins), then edges. */
LabHit   lab_canvas_hit_test        (const LabCanvasNode *nodes,
                                     guint               n_nodes,
                                     const LabCanvasEdge *edges,
                                     guint               n_edges,
                                     double              x,
                                     double              y,
                                     double              zoom);
/* Appends to ids (guint) the id of every node the rectangle touches. */
void     lab_canvas_nodes_in_rect   (const LabCanvasNode *nodes,
                                     guint               n_nodes,
                                     const LabRect      *rect,
                                     GArray             *ids);

G_END_DECLS

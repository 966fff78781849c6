/* lab-graph-view-testlog.c: where the canvas shows each node's ports, for headless GUI tests
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas is one Cairo widget, so AT-SPI cannot see its nodes. With LAYERLAB_TEST_LOG=1 it
 * prints, whenever a frame shows them somewhere new, one line giving every node's input and
 * output port in window pixels (the coordinates of a screenshot of the window), which is what
 * a test needs to drag a connection the way a person would:
 *
 *   canvas: in out=212,301 | fc1 in=260,301 out=420,301 | ...
 */

#define G_LOG_DOMAIN "lab-graph-view"

#include "lab-graph-view-private.h"

/* Widget pixels to the pixels of the toplevel's surface, which is what a window shot shows. */
static void
to_window (GtkWidget *widget,
           double     x,
           double     y,
           int       *out_x,
           int       *out_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t p;
  double sx = 0, sy = 0;

  if (!gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &p))
    p = GRAPHENE_POINT_INIT (x, y);
  gtk_native_get_surface_transform (native, &sx, &sy);
  *out_x = (int) (p.x + sx + 0.5);
  *out_y = (int) (p.y + sy + 0.5);
}

void
lab_graph_view_log_geometry (LabGraphView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GString) line = g_string_new ("canvas:");
  LabGraph *graph = self->state.graph;

  if (graph == NULL || gtk_widget_get_native (widget) == NULL)
    return;

  for (guint i = 0; i < self->state.nodes->len; i++)
    {
      const LabCanvasNode *node = &g_array_index (self->state.nodes, LabCanvasNode, i);
      LabNode *graph_node = lab_graph_get_node (graph, node->id);
      double cx, cy, wx, wy;
      int x, y;

      if (graph_node == NULL)
        continue;
      g_string_append_printf (line, "%s %s", i ? " |" : "", graph_node->name);
      if (node->n_in_ports > 0)
        {
          lab_canvas_input_port (node, 0, &cx, &cy);
          lab_transform_to_widget (&self->state.view, cx, cy, &wx, &wy);
          to_window (widget, wx, wy, &x, &y);
          g_string_append_printf (line, " in=%d,%d", x, y);
        }
      if (node->has_output)
        {
          lab_canvas_output_port (node, &cx, &cy);
          lab_transform_to_widget (&self->state.view, cx, cy, &wx, &wy);
          to_window (widget, wx, wy, &x, &y);
          g_string_append_printf (line, " out=%d,%d", x, y);
        }
    }

  if (g_strcmp0 (line->str, self->geometry_logged) == 0)
    return;
  g_free (self->geometry_logged);
  self->geometry_logged = g_strdup (line->str);
  g_print ("%s\n", line->str);
  fflush (stdout);
}

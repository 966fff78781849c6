/* lab-layout.h: automatic left-to-right arrangement of a graph
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Sugiyama-style layered layout: every node goes into the column of its longest path from a
 * source (the Input), edges that skip columns get invisible waypoints, a few barycenter sweeps
 * order each column to reduce crossings, and each node is then placed as close to the mean height
 * of its neighbours as the spacing allows. The result is deterministic and takes O((n + e) log n)
 * per sweep. It is returned, not applied, so that the window applies it as one undoable step:
 *
 *   lab_layout_layered (graph, 160, 64, 80, 40, &positions, &n);
 *   lab_history_set_positions (history, positions, n, NULL, &error);
 *   g_free (positions);
 */
#pragma once

#include "lab-graph.h"

G_BEGIN_DECLS

typedef struct
{
  guint  id;
  double x;   /* top-left, in canvas units, like LabNode */
  double y;
} LabLayoutPosition;

/* Positions for every node of g, in the graph's node order, for nodes node_w × node_h apart by at
 * least gap_x between columns and gap_y within a column. The layout keeps the graph's top-left
 * corner where it was. Edges that close a cycle (a file may hold one) are left out of the layering
 * and may point right to left. *positions: (transfer full), free with g_free(). */
void lab_layout_layered (LabGraph           *g,
                         double              node_w,
                         double              node_h,
                         double              gap_x,
                         double              gap_y,
                         LabLayoutPosition **positions,
                         guint              *n);

G_END_DECLS

/* lab-graph-view-draw.c: painting the graph canvas with Cairo and Pango
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over what is visible: the dot grid, the edges with their shape labels, the node
 * cards, then the gesture in progress. Texts are laid out once per node (lab-graph-view-text.c
 * rebuilds them when the node's text changes), so a frame costs drawing only, and below 40 %
 * zoom the small lines become grey bars that read as text without costing glyphs.
 */
#define G_LOG_DOMAIN "lab-canvas"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-graph-view-private.h"

#define CORNER        8.0
#define GRID_STEP     24.0
#define NEAR_ZOOM     0.75   /* from here: every line at its normal size */
#define BAR_ZOOM      0.3    /* below: text as grey bars, no edge labels, no shadows */

void
lab_canvas_colors_init_default (LabCanvasColors *colors,
                                gboolean         dark)
{
  /* libadwaita 1.2's named colours, for drawing without a widget (tests, the benchmark); the
   * widget reads the real ones from its style. The canvas is the window background a shade
   * darker, so that cards stand out in both schemes. */
  if (dark)
    {
      gdk_rgba_parse (&colors->bg, "#1d1d1d");
      gdk_rgba_parse (&colors->fg, "#ffffff");
      gdk_rgba_parse (&colors->card, "rgba(255,255,255,0.08)");
      gdk_rgba_parse (&colors->accent, "#78aeed");
      gdk_rgba_parse (&colors->error, "#ff7b63");
      gdk_rgba_parse (&colors->shade, "rgba(0,0,0,0.36)");
    }
  else
    {
      gdk_rgba_parse (&colors->bg, "#f1f1f1");
      gdk_rgba_parse (&colors->fg, "rgba(0,0,0,0.8)");
      gdk_rgba_parse (&colors->card, "#ffffff");
      gdk_rgba_parse (&colors->accent, "#1c71d8");
      gdk_rgba_parse (&colors->error, "#c01c28");
      gdk_rgba_parse (&colors->shade, "rgba(0,0,0,0.07)");
    }
  colors->dark = dark;
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *c,
           double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_grid (LabCanvasState *s,
           cairo_t        *cr,
           int             width,
           int             height)
{
  double step = GRID_STEP;
  double cx, cy, dot;

  /* Thin the grid out when zoomed away so that dots stay at least 12 px apart. */
  while (step * s->view.zoom < 12)
    step *= 2;
  dot = s->view.zoom >= 0.75 ? 1.5 : 1.0;
  lab_transform_to_canvas (&s->view, 0, 0, &cx, &cy);
  cx = floor (cx / step) * step;
  cy = floor (cy / step) * step;
  for (double gy = cy;; gy += step)
    {
      double wx, wy;

      lab_transform_to_widget (&s->view, cx, gy, &wx, &wy);
      if (wy > height)
        break;
      for (double gx = cx;; gx += step)
        {
          lab_transform_to_widget (&s->view, gx, gy, &wx, &wy);
          if (wx > width)
            break;
          cairo_rectangle (cr, round (wx) - dot / 2, round (wy) - dot / 2, dot, dot);
        }
    }
  set_color (cr, &s->colors.fg, s->colors.dark ? 0.16 : 0.2);
  cairo_fill (cr);
}

/* Where text would be at a zoom too small to read it: a bar of its size, which costs no glyphs. */
static void
draw_bar (cairo_t     *cr,
          PangoLayout *layout,
          double       x,
          double       y)
{
  PangoRectangle ink;

  pango_layout_get_pixel_extents (layout, NULL, &ink);
  rounded_rect (cr, x, y + 3, MIN (ink.x + ink.width, 120), 7, 3.5);
  cairo_fill (cr);
}

static void
draw_icon (LabCanvasState *s,
           cairo_t        *cr,
           const char     *name,
           double          x,
           double          y,
           double          size)
{
  cairo_surface_t *mask = lab_canvas_state_get_icon (s, name);

  if (mask == NULL)
    return;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, size / cairo_image_surface_get_width (mask),
               size / cairo_image_surface_get_height (mask));
  cairo_mask_surface (cr, mask, 0, 0);
  cairo_restore (cr);
}

static LabNode *
node_at (LabCanvasState *s,
         int             index)
{
  return lab_graph_get_node (s->graph, g_array_index (s->nodes, LabCanvasNode, index).id);
}

static void
draw_edge_label (LabCanvasState *s,
                 cairo_t        *cr,
                 const LabCanvasEdge *edge)
{
  LabNodeText *text = g_hash_table_lookup (s->texts, GUINT_TO_POINTER (edge->src));
  PangoLayout *layout;
  PangoRectangle logical;
  double mx, my, w, h;

  if (text == NULL || text->shape == NULL)
    return;
  layout = text->shape;
  if (s->view.zoom < NEAR_ZOOM)
    {
      if (text->far_shape == NULL)
        text->far_shape = lab_canvas_make_layout (s, s->font_far_body,
                                                  pango_layout_get_text (text->shape), -1);
      layout = text->far_shape;
    }
  pango_layout_get_extents (layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE + 10;
  h = (double) logical.height / PANGO_SCALE + 3;
  /* Only where the curve has room for it between the two cards. */
  if (fabs (edge->path.x3 - edge->path.x0) < w + 12)
    return;
  lab_bezier_point (&edge->path, 0.5, &mx, &my);
  rounded_rect (cr, mx - w / 2, my - h / 2, w, h, h / 2);
  set_color (cr, &s->colors.bg, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, &s->colors.fg, 0.18);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  set_color (cr, &s->colors.fg, 0.7);
  cairo_move_to (cr, mx - w / 2 + 5, my - h / 2 + 1.5);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_edges (LabCanvasState *s,
            cairo_t        *cr,
            const LabRect  *visible)
{
  gboolean labels = s->view.zoom >= BAR_ZOOM;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* Plain edges in one stroke; highlighted ones after, on top. */
  for (int pass = 0; pass < 3; pass++)
    {
      for (guint i = 0; i < s->edges->len; i++)
        {
          const LabCanvasEdge *e = &g_array_index (s->edges, LabCanvasEdge, i);
          const LabBezier *b = &e->path;
          LabRect box = lab_bezier_bounds (b);
          LabNode *dst;
          int kind;

          if (!lab_rect_intersects (&box, visible) ||
              (e->src == s->hidden_edge.src && e->dst == s->hidden_edge.dst))
            continue;
          dst = lab_graph_get_node (s->graph, e->dst);
          kind = lab_canvas_state_edge_selected (s, e->src, e->dst) ? 2
                 : (dst != NULL && dst->error != NULL) ? 1 : 0;
          if (kind != pass)
            continue;
          cairo_move_to (cr, b->x0, b->y0);
          cairo_curve_to (cr, b->x1, b->y1, b->x2, b->y2, b->x3, b->y3);
          if (pass > 0)
            {
              set_color (cr, pass == 2 ? &s->colors.accent : &s->colors.error, 1.0);
              cairo_set_line_width (cr, pass == 2 ? 3.0 : 2.0);
              cairo_stroke (cr);
            }
        }
      if (pass == 0)
        {
          set_color (cr, &s->colors.fg, s->colors.dark ? 0.45 : 0.4);
          cairo_set_line_width (cr, 2.0);
          cairo_stroke (cr);
        }
    }

  if (!labels)
    return;
  for (guint i = 0; i < s->edges->len; i++)
    {
      const LabCanvasEdge *e = &g_array_index (s->edges, LabCanvasEdge, i);
      LabRect box = lab_bezier_bounds (&e->path);

      if (lab_rect_intersects (&box, visible) &&
          !(e->src == s->hidden_edge.src && e->dst == s->hidden_edge.dst))
        draw_edge_label (s, cr, e);
    }
}

static void
draw_port (LabCanvasState *s,
           cairo_t        *cr,
           double          x,
           double          y,
           gboolean        filled,
           const GdkRGBA  *highlight)
{
  double r = highlight != NULL ? LAB_CANVAS_PORT_RADIUS + 1.5 : LAB_CANVAS_PORT_RADIUS;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  if (highlight != NULL)
    {
      set_color (cr, highlight, 1.0);
      cairo_fill (cr);
      return;
    }
  set_color (cr, &s->colors.bg, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, &s->colors.card, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, &s->colors.fg, filled ? 0.55 : 0.45);
  if (filled)
    cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

static void
draw_badge (LabCanvasState *s,
            cairo_t        *cr,
            double          x,
            double          y)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, 9, 0, 2 * G_PI);
  set_color (cr, &s->colors.bg, 1.0);
  cairo_set_line_width (cr, 2);
  cairo_stroke_preserve (cr);
  set_color (cr, &s->colors.error, 1.0);
  cairo_fill (cr);
  /* An exclamation mark: a bar and a dot, in the card colour for contrast. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  rounded_rect (cr, x - 1.25, y - 5.5, 2.5, 7, 1.25);
  cairo_fill (cr);
  cairo_arc (cr, x, y + 4, 1.4, 0, 2 * G_PI);
  cairo_fill (cr);
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/* The card's text at three levels of detail. Near: icon and name, "Type · settings" and
 * "shape · params" (or what is wrong). Far (below 75 %): the name and one line in type large
 * enough to read at 50 %. Below 30 %: bars where the text would be. */
static void
draw_node_text (LabCanvasState      *s,
                cairo_t             *cr,
                const LabCanvasNode *cn,
                LabNode             *node,
                LabNodeText         *text)
{
  const LabRect *r = &cn->rect;
  double tx = r->x + LAB_CANVAS_NODE_PAD, ty = r->y + LAB_CANVAS_NODE_PAD;
  double title_h, icon;

  if (s->view.zoom < BAR_ZOOM)
    {
      set_color (cr, &s->colors.fg, 0.3);
      draw_bar (cr, text->title, tx, ty);
      set_color (cr, node->error != NULL ? &s->colors.error : &s->colors.fg, 0.2);
      draw_bar (cr, text->detail, tx, ty + 20);
      return;
    }

  if (s->view.zoom < NEAR_ZOOM)
    {
      double w = r->width - 2 * LAB_CANVAS_NODE_PAD;
      const char *line = pango_layout_get_text (node->error != NULL ? text->summary : text->detail);
      double detail_h;

      icon = 20;
      if (text->far_title == NULL)
        {
          text->far_title = lab_canvas_make_layout (s, s->font_far_title, node->name,
                                                    w - icon - LAB_CANVAS_ICON_GAP);
          text->far_detail = lab_canvas_make_layout (s, s->font_far_body, line, w);
        }
      title_h = layout_height (text->far_title);
      detail_h = layout_height (text->far_detail);
      ty = r->y + (r->height - title_h - detail_h) / 2;
      set_color (cr, &s->colors.fg, 1.0);
      if (text->icon != NULL)
        draw_icon (s, cr, text->icon, tx, ty + (title_h - icon) / 2, icon);
      cairo_move_to (cr, tx + icon + LAB_CANVAS_ICON_GAP, ty);
      pango_cairo_show_layout (cr, text->far_title);
      if (node->error != NULL)
        set_color (cr, &s->colors.error, 1.0);
      else
        set_color (cr, &s->colors.fg, 0.7);
      cairo_move_to (cr, tx, ty + title_h);
      pango_cairo_show_layout (cr, text->far_detail);
      return;
    }

  icon = LAB_CANVAS_ICON_SIZE;
  title_h = layout_height (text->title);
  set_color (cr, &s->colors.fg, 1.0);
  if (text->icon != NULL)
    draw_icon (s, cr, text->icon, tx, ty + (title_h - icon) / 2, icon);
  cairo_move_to (cr, tx + icon + LAB_CANVAS_ICON_GAP, ty);
  pango_cairo_show_layout (cr, text->title);
  ty += title_h + 3;
  set_color (cr, &s->colors.fg, 0.65);
  cairo_move_to (cr, tx, ty);
  pango_cairo_show_layout (cr, text->detail);
  ty += layout_height (text->detail) + 1;
  if (node->error != NULL)
    set_color (cr, &s->colors.error, 1.0);
  cairo_move_to (cr, tx, ty);
  pango_cairo_show_layout (cr, text->summary);
}

static void
draw_node (LabCanvasState      *s,
           cairo_t             *cr,
           int                  index)
{
  const LabCanvasNode *cn = &g_array_index (s->nodes, LabCanvasNode, index);
  LabNode *node = node_at (s, index);
  LabNodeText *text = g_hash_table_lookup (s->texts, GUINT_TO_POINTER (cn->id));
  const LabRect *r = &cn->rect;
  gboolean selected = lab_canvas_state_is_selected (s, cn->id);

  if (node == NULL || text == NULL)
    return;

  /* A soft shadow: two offset layers are far cheaper than a blur. */
  if (s->view.zoom >= BAR_ZOOM)
    {
      rounded_rect (cr, r->x - 1, r->y, r->width + 2, r->height + 3, CORNER + 1);
      set_color (cr, &s->colors.shade, 0.5);
      cairo_fill (cr);
      rounded_rect (cr, r->x, r->y + 1, r->width, r->height, CORNER);
      set_color (cr, &s->colors.shade, 1.0);
      cairo_fill (cr);
    }

  rounded_rect (cr, r->x, r->y, r->width, r->height, CORNER);
  set_color (cr, &s->colors.bg, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, &s->colors.card, 1.0);
  cairo_fill_preserve (cr);
  if (node->error != NULL)
    {
      set_color (cr, &s->colors.error, 1.0);
      cairo_set_line_width (cr, selected ? 3.0 : 2.0);
    }
  else if (selected)
    {
      set_color (cr, &s->colors.accent, 1.0);
      cairo_set_line_width (cr, 2.0);
    }
  else
    {
      set_color (cr, &s->colors.fg, s->hover_node == index ? 0.3 : 0.15);
      cairo_set_line_width (cr, 1.0);
    }
  cairo_stroke (cr);
  if (selected && node->error != NULL)
    {
      /* Selected and invalid: the accent ring just outside the error border. */
      rounded_rect (cr, r->x - 3.5, r->y - 3.5, r->width + 7, r->height + 7, CORNER + 3.5);
      set_color (cr, &s->colors.accent, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }

  draw_node_text (s, cr, cn, node, text);

  for (guint p = 0; p < cn->n_in_ports; p++)
    {
      const GdkRGBA *hl = NULL;
      double px, py;

      if (s->action == LAB_CANVAS_ACTION_CONNECT && s->target_node == index &&
          s->target_port == p)
        hl = s->reject_reason != NULL ? &s->colors.error : &s->colors.accent;
      lab_canvas_input_port (cn, p, &px, &py);
      draw_port (s, cr, px, py, p < node->inputs->len &&
                 !(s->hidden_edge.dst == cn->id && s->hidden_edge.src ==
                   g_array_index (node->inputs, guint, p)), hl);
    }
  if (cn->has_output)
    {
      double px, py;

      lab_canvas_output_port (cn, &px, &py);
      draw_port (s, cr, px, py, text->has_consumers,
                 s->action == LAB_CANVAS_ACTION_CONNECT && s->connecting &&
                 fabs (px - s->cx0) < 0.01 && fabs (py - s->cy0) < 0.01 ? &s->colors.accent : NULL);
    }
  if (node->error != NULL)
    draw_badge (s, cr, r->x + r->width - 2, r->y + 2);
}

static void
draw_connection (LabCanvasState *s,
                 cairo_t        *cr)
{
  LabBezier b;

  lab_bezier_for_edge (&b, s->cx0, s->cy0, s->cx1, s->cy1);
  cairo_move_to (cr, b.x0, b.y0);
  cairo_curve_to (cr, b.x1, b.y1, b.x2, b.y2, b.x3, b.y3);
  set_color (cr, s->reject_reason != NULL ? &s->colors.error : &s->colors.accent, 1.0);
  cairo_set_line_width (cr, 2.5);
  if (s->target_node < 0)
    {
      double dash = 6.0;

      cairo_set_dash (cr, &dash, 1, 0);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* The reason a connection is refused, in a pill beside the pointer (widget pixels). */
static void
draw_reason (LabCanvasState *s,
             cairo_t        *cr,
             int             width)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (s->pango);
  PangoRectangle logical;
  double x, y, w, h;

  pango_layout_set_font_description (layout, s->font_body);
  pango_layout_set_width (layout, 320 * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, s->reject_reason, -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  w = logical.width + 16;
  h = logical.height + 8;
  lab_transform_to_widget (&s->view, s->cx1, s->cy1, &x, &y);
  x += 16;
  y += 12;
  if (x + w > width - 4)
    x = MAX (4, x - w - 32);
  rounded_rect (cr, x, y, w, h, 6);
  set_color (cr, &s->colors.error, 1.0);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x + 8, y + 4);
  pango_cairo_show_layout (cr, layout);
}

void
lab_canvas_draw (LabCanvasState *s,
                 cairo_t        *cr,
                 int             width,
                 int             height)
{
  LabRect visible;

  g_return_if_fail (s != NULL && cr != NULL);

  lab_canvas_state_sync (s);
  set_color (cr, &s->colors.bg, 1.0);
  cairo_paint (cr);
  draw_grid (s, cr, width, height);
  if (s->graph == NULL)
    return;

  visible = lab_transform_visible (&s->view, width, height);
  /* A margin for shadows, badges and ports that reach outside a card. */
  visible = (LabRect) { visible.x - 16, visible.y - 16, visible.width + 32, visible.height + 32 };

  cairo_save (cr);
  cairo_translate (cr, s->view.pan_x, s->view.pan_y);
  cairo_scale (cr, s->view.zoom, s->view.zoom);
  draw_edges (s, cr, &visible);
  for (guint i = 0; i < s->nodes->len; i++)
    if (lab_rect_intersects (&g_array_index (s->nodes, LabCanvasNode, i).rect, &visible))
      draw_node (s, cr, (int) i);
  if (s->action == LAB_CANVAS_ACTION_CONNECT && s->connecting)
    draw_connection (s, cr);
  if (s->action == LAB_CANVAS_ACTION_BAND)
    {
      cairo_rectangle (cr, s->band.x, s->band.y, s->band.width, s->band.height);
      set_color (cr, &s->colors.accent, 0.15);
      cairo_fill_preserve (cr);
      set_color (cr, &s->colors.accent, 0.8);
      cairo_set_line_width (cr, 1.0 / s->view.zoom);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  if (s->action == LAB_CANVAS_ACTION_CONNECT && s->connecting && s->reject_reason != NULL)
    draw_reason (s, cr, width);
}

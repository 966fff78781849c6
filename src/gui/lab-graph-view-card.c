/* lab-graph-view-card.c: one node's card on the canvas
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GNOME card: a soft shadow, a 1 px border (the accent colour when selected, the error colour
 * when the engine found something wrong, with a badge), the layer's icon and name, its type and
 * settings, its output shape and parameter count, input ports on the left and the output port
 * on the right. Everything is a fill, never a stroke, and text comes from the layouts cached by
 * lab-graph-view-text.c, so a card costs a few microseconds.
 */
#define G_LOG_DOMAIN "lab-canvas"

#include <math.h>

#include "lab-graph-view-private.h"

/* Badges */
void
lab_canvas_badge_free (LabCanvasBadge *badge)
{
  g_free (badge->icon);
  g_free (badge->tooltip);
  g_free (badge);
}

gboolean
lab_canvas_state_set_badge (LabCanvasState *s,
                            const char     *node_name,
                            const char     *icon,
                            const char     *tooltip)
{
  LabCanvasBadge *old = g_hash_table_lookup (s->badges, node_name);
  LabCanvasBadge *badge;

  if (icon == NULL)
    return g_hash_table_remove (s->badges, node_name);
  if (old != NULL && g_strcmp0 (old->icon, icon) == 0 && g_strcmp0 (old->tooltip, tooltip) == 0)
    return FALSE;
  badge = g_new0 (LabCanvasBadge, 1);
  badge->icon = g_strdup (icon);
  badge->tooltip = g_strdup (tooltip);
  g_hash_table_replace (s->badges, g_strdup (node_name), badge);
  return TRUE;
}

const LabCanvasBadge *
lab_canvas_state_get_badge (LabCanvasState *s,
                            const char     *node_name)
{
  return node_name != NULL ? g_hash_table_lookup (s->badges, node_name) : NULL;
}

static LabNode *
node_at (LabCanvasState *s,
         int             index)
{
  return lab_graph_get_node (s->graph, g_array_index (s->nodes, LabCanvasNode, index).id);
}

/* The icon at size canvas units, drawn in device pixels from a mask made for that pixel size:
 * a plain copy, where scaling a mask for every card would cost more than the card. Sizes are
 * rounded to a few steps so that a zoom sweep renders each icon only a few times. */
static void
draw_icon (LabCanvasState *s,
           cairo_t        *cr,
           const char     *name,
           double          x,
           double          y,
           double          size)
{
  static const int steps[] = { 6, 8, 10, 12, 14, 16, 18, 20, 24, 28, 32, 40, 48, 56, 64 };
  double dx = size, dy = 0, px;
  cairo_surface_t *mask;
  int pixels = steps[0];

  cairo_user_to_device_distance (cr, &dx, &dy);
  px = hypot (dx, dy);
  for (guint i = 0; i < G_N_ELEMENTS (steps) && steps[i] <= px + 1; i++)
    pixels = steps[i];
  mask = lab_canvas_state_get_icon (s, name, pixels);
  if (mask == NULL)
    return;
  /* Centred where the icon belongs, on whole device pixels. */
  x += size / 2;
  y += size / 2;
  cairo_user_to_device (cr, &x, &y);
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_mask_surface (cr, mask, round (x - pixels / 2.0), round (y - pixels / 2.0));
  cairo_restore (cr);
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
  if (highlight != NULL || filled)
    {
      lab_canvas_set_color (cr, highlight != NULL ? highlight : &s->colors.port, 1.0);
      cairo_fill (cr);
      return;
    }
  /* Free: a ring, hollow to say "drop a connection here". */
  lab_canvas_set_color (cr, &s->colors.card_solid, 1.0);
  cairo_fill_preserve (cr);
  lab_canvas_set_color (cr, &s->colors.port, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

/* Port p of a node (p == n_in_ports: its output): where, connected, highlighted as a target. */
static void
port_state (LabCanvasState      *s,
            int                  index,
            const LabCanvasNode *cn,
            LabNode             *node,
            LabNodeText         *text,
            guint                p,
            double              *x,
            double              *y,
            gboolean            *filled,
            const GdkRGBA      **highlight)
{
  gboolean connecting = s->action == LAB_CANVAS_ACTION_CONNECT && s->connecting;

  if (p == cn->n_in_ports)
    {
      if (!cn->has_output)
        {
          *x = *y = G_MAXDOUBLE;   /* off the canvas */
          *filled = TRUE;
          return;
        }
      lab_canvas_output_port (cn, x, y);
      *filled = text->has_consumers;
      if (connecting && fabs (*x - s->cx0) < 0.01 && fabs (*y - s->cy0) < 0.01)
        *highlight = &s->colors.accent;
      return;
    }
  lab_canvas_input_port (cn, p, x, y);
  /* The edge being re-routed no longer fills its port. */
  *filled = p < node->inputs->len &&
            !(s->hidden_edge.dst == cn->id &&
              s->hidden_edge.src == g_array_index (node->inputs, guint, p));
  if (connecting && s->target_node == index && s->target_port == p)
    *highlight = s->reject_reason != NULL ? &s->colors.error : &s->colors.accent;
}

static void
draw_badge (LabCanvasState *s,
            cairo_t        *cr,
            double          x,
            double          y)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, 9, 0, 2 * G_PI);
  lab_canvas_set_color (cr, &s->colors.bg, 1.0);
  cairo_set_line_width (cr, 2);
  cairo_stroke_preserve (cr);
  lab_canvas_set_color (cr, &s->colors.error_bg, 1.0);
  cairo_fill (cr);
  /* An exclamation mark: a bar and a dot, in the error background's text colour. */
  lab_canvas_set_color (cr, &s->colors.error_fg, 1.0);
  lab_canvas_rounded_rect (cr, x - 1.25, y - 5.5, 2.5, 7, 1.25);
  cairo_fill (cr);
  cairo_arc (cr, x, y + 4, 1.4, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* A health warning: a warning triangle (the error badge is a circle) in the warning colours,
 * ringed by the canvas so that it reads over the card's corner, with the icon, or a plain "!"
 * when the app's icons lack it. */
static void
draw_health_badge (LabCanvasState       *s,
                   cairo_t              *cr,
                   const LabCanvasBadge *badge,
                   double                x,
                   double                y)
{
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (cr, x, y - 9.5);
  cairo_line_to (cr, x + 10, y + 7.5);
  cairo_line_to (cr, x - 10, y + 7.5);
  cairo_close_path (cr);
  lab_canvas_set_color (cr, &s->colors.bg, 1.0);
  cairo_set_line_width (cr, 4);
  cairo_stroke_preserve (cr);
  lab_canvas_set_color (cr, &s->colors.warning_bg, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke_preserve (cr);
  cairo_fill (cr);
  cairo_restore (cr);
  lab_canvas_set_color (cr, &s->colors.warning_fg, 1.0);
  if (lab_canvas_state_get_icon (s, badge->icon, 10) != NULL)
    {
      draw_icon (s, cr, badge->icon, x - 4.5, y - 2.5, 9);
      return;
    }
  lab_canvas_rounded_rect (cr, x - 1.1, y - 4.5, 2.2, 6.5, 1.1);
  cairo_fill (cr);
  cairo_arc (cr, x, y + 4.3, 1.25, 0, 2 * G_PI);
  cairo_fill (cr);
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/* The card's text at two levels of detail (draw_cards_batched () does the third). Near: icon
 * and name, "Type · settings" and "shape · params" (or what is wrong). Far (below 75 %): the name
 * and one line in type large enough to read at 50 %, then the name alone. */
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

  if (s->view.zoom < LAB_CANVAS_NEAR_ZOOM)
    {
      double detail_h;

      icon = LAB_CANVAS_FAR_ICON_SIZE;
      title_h = layout_height (text->far_title);
      /* Smaller than 6 px the second line is noise: the name alone, centred. */
      detail_h = s->view.zoom >= LAB_CANVAS_FAR_DETAIL_ZOOM ? layout_height (text->far_detail) : 0;
      ty = r->y + (r->height - title_h - detail_h) / 2;
      lab_canvas_set_color (cr, &s->colors.fg, 1.0);
      if (text->icon != NULL)
        draw_icon (s, cr, text->icon, tx, ty + (title_h - icon) / 2, icon);
      cairo_move_to (cr, tx + icon + LAB_CANVAS_ICON_GAP, ty);
      pango_cairo_show_layout (cr, text->far_title);
      if (node->error != NULL)
        lab_canvas_set_color (cr, &s->colors.error, 1.0);
      else
        lab_canvas_set_color (cr, &s->colors.fg, 0.7);
      if (detail_h > 0)
        {
          cairo_move_to (cr, tx, ty + title_h);
          pango_cairo_show_layout (cr, text->far_detail);
        }
      return;
    }

  icon = LAB_CANVAS_ICON_SIZE;
  title_h = layout_height (text->title);
  lab_canvas_set_color (cr, &s->colors.fg, 1.0);
  if (text->icon != NULL)
    draw_icon (s, cr, text->icon, tx, ty + (title_h - icon) / 2, icon);
  cairo_move_to (cr, tx + icon + LAB_CANVAS_ICON_GAP, ty);
  pango_cairo_show_layout (cr, text->title);
  ty += title_h + 3;
  lab_canvas_set_color (cr, &s->colors.fg, 0.65);
  cairo_move_to (cr, tx, ty);
  pango_cairo_show_layout (cr, text->detail);
  ty += layout_height (text->detail) + 1;
  if (node->error != NULL)
    lab_canvas_set_color (cr, &s->colors.error, 1.0);
  cairo_move_to (cr, tx, ty);
  pango_cairo_show_layout (cr, text->summary);
}

void
lab_canvas_draw_card (LabCanvasState *s,
                      cairo_t        *cr,
                      int             index)
{
  const LabCanvasNode *cn = &g_array_index (s->nodes, LabCanvasNode, index);
  LabNode *node = node_at (s, index);
  LabNodeText *text = g_hash_table_lookup (s->texts, GUINT_TO_POINTER (cn->id));
  const LabRect *r = &cn->rect;
  gboolean selected = lab_canvas_state_is_selected (s, cn->id);
  GdkRGBA border;
  double bw = 1.0;

  if (node == NULL || text == NULL)
    return;

  /* Shadow, border and card as three fills, no stroke: an offset layer is far cheaper than a
   * blur, and a filled ring than a stroked one. */
  if (s->view.zoom >= LAB_CANVAS_NEAR_ZOOM)
    {
      lab_canvas_rounded_rect (cr, r->x - 0.5, r->y + 0.5, r->width + 1, r->height + 2, LAB_CANVAS_CORNER + 0.5);
      lab_canvas_set_color (cr, &s->colors.shade, 1.0);
      cairo_fill (cr);
    }
  if (node->error != NULL)
    {
      border = s->colors.error;
      bw = selected ? 3.0 : 2.0;
    }
  else if (selected)
    {
      border = s->colors.accent;
      bw = 2.0;
    }
  else
    border = lab_canvas_mix (&s->colors.fg, s->hover_node == index ? 0.3 : 0.15, &s->colors.card_solid);
  lab_canvas_rounded_rect (cr, r->x - bw / 2, r->y - bw / 2, r->width + bw, r->height + bw, LAB_CANVAS_CORNER + bw / 2);
  lab_canvas_set_color (cr, &border, 1.0);
  cairo_fill (cr);
  lab_canvas_rounded_rect (cr, r->x + bw / 2, r->y + bw / 2, r->width - bw, r->height - bw, LAB_CANVAS_CORNER - bw / 2);
  lab_canvas_set_color (cr, &s->colors.card_solid, 1.0);
  cairo_fill (cr);
  if (selected && node->error != NULL)
    {
      /* Selected and invalid: the accent ring just outside the error border. */
      lab_canvas_rounded_rect (cr, r->x - 3.5, r->y - 3.5, r->width + 7, r->height + 7, LAB_CANVAS_CORNER + 3.5);
      lab_canvas_set_color (cr, &s->colors.accent, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }

  draw_node_text (s, cr, cn, node, text);

  /* Connected ports, the usual case, in one fill; free and highlighted ones one by one. */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint p = 0; p <= cn->n_in_ports; p++)
        {
          const GdkRGBA *hl = NULL;
          gboolean filled;
          double px, py;

          port_state (s, index, cn, node, text, p, &px, &py, &filled, &hl);
          if (pass == 0 && filled && hl == NULL)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, px, py, LAB_CANVAS_PORT_RADIUS, 0, 2 * G_PI);
            }
          else if (pass == 1 && (!filled || hl != NULL))
            draw_port (s, cr, px, py, filled, hl);
        }
      if (pass == 0)
        {
          lab_canvas_set_color (cr, &s->colors.port, 1.0);
          cairo_fill (cr);
        }
    }
  if (node->error != NULL)
    draw_badge (s, cr, r->x + r->width - 2, r->y + 2);
  {
    const LabCanvasBadge *badge = lab_canvas_state_get_badge (s, node->name);

    /* Beside the error badge when the node has both. */
    if (badge != NULL)
      draw_health_badge (s, cr, badge, r->x + r->width - (node->error != NULL ? 24 : 2), r->y + 2);
  }
}


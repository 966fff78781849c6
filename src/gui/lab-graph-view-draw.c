/* lab-graph-view-draw.c: painting the graph canvas with Cairo and Pango
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over what is visible: the dot grid, the edges with their shape labels, the node
 * cards (lab-graph-view-card.c), then the gesture in progress. Texts are laid out once per node
 * (lab-graph-view-text.c rebuilds them when the node's text changes), so a frame costs drawing
 * only; below 30 % zoom, where no text can be read, all cards take a handful of fills.
 */
#define G_LOG_DOMAIN "lab-canvas"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-graph-view-private.h"

#define GRID_STEP     24.0


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
      gdk_rgba_parse (&colors->error_bg, "#c01c28");
      gdk_rgba_parse (&colors->shade, "rgba(0,0,0,0.36)");
    }
  else
    {
      gdk_rgba_parse (&colors->bg, "#f1f1f1");
      gdk_rgba_parse (&colors->fg, "rgba(0,0,0,0.8)");
      gdk_rgba_parse (&colors->card, "#ffffff");
      gdk_rgba_parse (&colors->accent, "#1c71d8");
      gdk_rgba_parse (&colors->error, "#c01c28");
      gdk_rgba_parse (&colors->error_bg, "#e01b24");
      gdk_rgba_parse (&colors->shade, "rgba(0,0,0,0.07)");
    }
  gdk_rgba_parse (&colors->error_fg, "#ffffff");
  gdk_rgba_parse (&colors->warning_bg, dark ? "#cd9309" : "#e5a50a");
  gdk_rgba_parse (&colors->warning_fg, "rgba(0,0,0,0.8)");
  colors->dark = dark;
}

GdkRGBA
lab_canvas_mix (const GdkRGBA *over,
                double         alpha,
                const GdkRGBA *under)
{
  double a = over->alpha * alpha;

  return (GdkRGBA) { over->red * a + under->red * (1 - a), over->green * a + under->green * (1 - a),
                     over->blue * a + under->blue * (1 - a), 1.0 };
}

void
lab_canvas_set_color (cairo_t       *cr,
                      const GdkRGBA *c,
                      double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

void
lab_canvas_rounded_rect (cairo_t *cr,
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
  double step = GRID_STEP, px, dot;
  cairo_surface_t *tile;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  cairo_t *tcr;
  int size;

  /* Thin the grid out when zoomed away so that dots stay at least 12 px apart. */
  while (step * s->view.zoom < 12)
    step *= 2;
  px = step * s->view.zoom;
  dot = s->view.zoom >= 0.75 ? 1.5 : 1.2;

  /* One dot on a tile repeated over the view: a single copy instead of a rectangle per dot.
   * The tile has whole pixels (a stretched pattern would be resampled, at several times the
   * cost), so far from the origin dots drift from canvas multiples by a fraction of a pixel
   * per tile; they move with the graph when it pans, which is what the eye follows. */
  size = (int) round (px);
  tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  tcr = cairo_create (tile);
  cairo_rectangle (tcr, 0, 0, dot, dot);
  lab_canvas_set_color (tcr, &s->colors.fg, s->colors.dark ? 0.2 : 0.25);
  cairo_fill (tcr);
  cairo_destroy (tcr);
  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_matrix_init_translate (&matrix, size - round (fmod (s->view.pan_x, size)),
                               size - round (fmod (s->view.pan_y, size)));
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_set_source (cr, pattern);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_pattern_destroy (pattern);
  cairo_surface_destroy (tile);
}

static void
draw_edge_label (LabCanvasState *s,
                 cairo_t        *cr,
                 const LabCanvasEdge *edge)
{
  LabNodeText *text = g_hash_table_lookup (s->texts, GUINT_TO_POINTER (edge->src));
  PangoLayout *layout;
  PangoRectangle logical;
  GdkRGBA border;
  double mx, my, w, h;

  if (text == NULL || text->shape == NULL)
    return;
  layout = s->view.zoom < LAB_CANVAS_NEAR_ZOOM ? text->far_shape : text->shape;
  pango_layout_get_extents (layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE + 10;
  h = (double) logical.height / PANGO_SCALE + 3;
  /* Only where the curve has room for it between the two cards. */
  if (fabs (edge->path.x3 - edge->path.x0) < w + 12)
    return;
  lab_bezier_point (&edge->path, 0.5, &mx, &my);
  /* A pill with a hairline border, as two fills. */
  border = lab_canvas_mix (&s->colors.fg, 0.2, &s->colors.bg);
  lab_canvas_rounded_rect (cr, mx - w / 2 - 0.5, my - h / 2 - 0.5, w + 1, h + 1, h / 2 + 0.5);
  lab_canvas_set_color (cr, &border, 1.0);
  cairo_fill (cr);
  lab_canvas_rounded_rect (cr, mx - w / 2 + 0.5, my - h / 2 + 0.5, w - 1, h - 1, h / 2 - 0.5);
  lab_canvas_set_color (cr, &s->colors.bg, 1.0);
  cairo_fill (cr);
  lab_canvas_set_color (cr, &s->colors.fg, 0.7);
  cairo_move_to (cr, mx - w / 2 + 5, my - h / 2 + 1.5);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_edges (LabCanvasState *s,
            cairo_t        *cr,
            const LabRect  *visible)
{
  gboolean labels = s->view.zoom >= LAB_CANVAS_FAR_DETAIL_ZOOM;

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
              lab_canvas_set_color (cr, pass == 2 ? &s->colors.accent : &s->colors.error, 1.0);
              cairo_set_line_width (cr, pass == 2 ? 3.0 : 2.0);
              cairo_stroke (cr);
            }
        }
      if (pass == 0)
        {
          lab_canvas_set_color (cr, &s->colors.fg, s->colors.dark ? 0.45 : 0.4);
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
draw_connection (LabCanvasState *s,
                 cairo_t        *cr)
{
  LabBezier b;

  lab_bezier_for_edge (&b, s->cx0, s->cy0, s->cx1, s->cy1);
  cairo_move_to (cr, b.x0, b.y0);
  cairo_curve_to (cr, b.x1, b.y1, b.x2, b.y2, b.x3, b.y3);
  lab_canvas_set_color (cr, s->reject_reason != NULL ? &s->colors.error : &s->colors.accent, 1.0);
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
  lab_canvas_rounded_rect (cr, x, y, w, h, 6);
  lab_canvas_set_color (cr, &s->colors.error, 1.0);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x + 8, y + 4);
  pango_cairo_show_layout (cr, layout);
}

/* Below 30 %, where no text can be read: every card, bar and port of the view in a handful
 * of fills, instead of a dozen operations per card. */
static void
draw_cards_batched (LabCanvasState *s,
                    cairo_t        *cr,
                    const LabRect  *visible)
{
  GArray *shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), s->nodes->len);

  for (guint i = 0; i < s->nodes->len; i++)
    if (lab_rect_intersects (&g_array_index (s->nodes, LabCanvasNode, i).rect, visible))
      g_array_append_val (shown, i);

  /* Plain rectangles: the corners would be 2 px. The border is the card's rectangle one pixel
   * larger, filled first. */
  for (guint pass = 0; pass < 2; pass++)
    {
      double grow = pass == 0 ? 1.0 / s->view.zoom : 0;

      for (guint k = 0; k < shown->len; k++)
        {
          const LabRect *r = &g_array_index (s->nodes, LabCanvasNode, g_array_index (shown, guint, k)).rect;

          cairo_rectangle (cr, r->x - grow, r->y - grow, r->width + 2 * grow, r->height + 2 * grow);
        }
      if (pass == 0)
        {
          GdkRGBA border = lab_canvas_mix (&s->colors.fg, 0.25, &s->colors.card_solid);

          lab_canvas_set_color (cr, &border, 1.0);
        }
      else
        lab_canvas_set_color (cr, &s->colors.card_solid, 1.0);
      cairo_fill (cr);
    }

  for (guint k = 0; k < shown->len; k++)
    {
      int i = g_array_index (shown, guint, k);
      const LabCanvasNode *cn = &g_array_index (s->nodes, LabCanvasNode, i);
      LabNodeText *text = g_hash_table_lookup (s->texts, GUINT_TO_POINTER (cn->id));
      const LabRect *r = &cn->rect;
      double x = r->x + LAB_CANVAS_NODE_PAD, y = r->y + LAB_CANVAS_NODE_PAD;
      LabNode *node = lab_graph_get_node (s->graph, cn->id);
      gboolean selected = lab_canvas_state_is_selected (s, cn->id);

      if (text != NULL)
        {
          cairo_rectangle (cr, x, y + 3, MIN (text->text_w, r->width - 2 * LAB_CANVAS_NODE_PAD), 8);
          cairo_rectangle (cr, x, y + 22, MIN (text->text_w * 0.7, r->width - 2 * LAB_CANVAS_NODE_PAD), 6);
        }
      if (node != NULL && (node->error != NULL || selected))
        {
          cairo_save (cr);
          cairo_new_path (cr);
          cairo_rectangle (cr, r->x, r->y, r->width, r->height);
          lab_canvas_set_color (cr, node->error != NULL ? &s->colors.error : &s->colors.accent, 1.0);
          cairo_set_line_width (cr, 2.0 / s->view.zoom);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
    }
  lab_canvas_set_color (cr, &s->colors.fg, 0.22);
  cairo_fill (cr);

  for (guint k = 0; k < shown->len; k++)
    {
      const LabCanvasNode *cn = &g_array_index (s->nodes, LabCanvasNode, g_array_index (shown, guint, k));
      double px, py;

      /* Ports of 3 px or less: squares look the same as circles and cost less. */
      for (guint p = 0; p < cn->n_in_ports; p++)
        {
          lab_canvas_input_port (cn, p, &px, &py);
          cairo_rectangle (cr, px - 4, py - 4, 8, 8);
        }
      lab_canvas_output_port (cn, &px, &py);
      cairo_rectangle (cr, px - 4, py - 4, 8, 8);
    }
  lab_canvas_set_color (cr, &s->colors.port, 1.0);
  cairo_fill (cr);
  g_array_unref (shown);
}

/* An empty network: say how to start, in the middle of the view. */
static void
draw_empty_hint (LabCanvasState *s,
                 cairo_t        *cr,
                 int             width,
                 int             height)
{
  g_autoptr(PangoLayout) title = lab_canvas_make_layout (s, s->font_far_title,
                                                         _("No Layers Yet"), -1);
  g_autoptr(PangoLayout) body = lab_canvas_make_layout (s, s->font_far_body,
                                                        _("Drag layers here from the palette, "
                                                          "or double-click one there"), -1);
  PangoRectangle t, b;

  pango_layout_get_pixel_extents (title, NULL, &t);
  pango_layout_get_pixel_extents (body, NULL, &b);
  lab_canvas_set_color (cr, &s->colors.fg, 0.55);
  cairo_move_to (cr, (width - t.width) / 2.0, height / 2.0 - t.height - 2);
  pango_cairo_show_layout (cr, title);
  lab_canvas_set_color (cr, &s->colors.fg, 0.5);
  cairo_move_to (cr, (width - b.width) / 2.0, height / 2.0 + 4);
  pango_cairo_show_layout (cr, body);
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
  lab_canvas_set_color (cr, &s->colors.bg, 1.0);
  cairo_paint (cr);
  draw_grid (s, cr, width, height);
  if (s->graph == NULL)
    return;

  if (s->nodes->len == 0)
    {
      draw_empty_hint (s, cr, width, height);
      return;
    }
  visible = lab_transform_visible (&s->view, width, height);
  /* A margin for shadows, badges and ports that reach outside a card. */
  visible = (LabRect) { visible.x - 16, visible.y - 16, visible.width + 32, visible.height + 32 };

  s->colors.card_solid = lab_canvas_mix (&s->colors.card, 1.0, &s->colors.bg);
  s->colors.port = lab_canvas_mix (&s->colors.fg, 0.55, &s->colors.card_solid);
  cairo_save (cr);
  cairo_translate (cr, s->view.pan_x, s->view.pan_y);
  cairo_scale (cr, s->view.zoom, s->view.zoom);
  draw_edges (s, cr, &visible);
  if (s->view.zoom < LAB_CANVAS_BAR_ZOOM)
    draw_cards_batched (s, cr, &visible);
  else
    for (guint i = 0; i < s->nodes->len; i++)
      if (lab_rect_intersects (&g_array_index (s->nodes, LabCanvasNode, i).rect, &visible))
        lab_canvas_draw_card (s, cr, (int) i);
  if (s->action == LAB_CANVAS_ACTION_CONNECT && s->connecting)
    draw_connection (s, cr);
  if (s->action == LAB_CANVAS_ACTION_BAND)
    {
      cairo_rectangle (cr, s->band.x, s->band.y, s->band.width, s->band.height);
      lab_canvas_set_color (cr, &s->colors.accent, 0.15);
      cairo_fill_preserve (cr);
      lab_canvas_set_color (cr, &s->colors.accent, 0.8);
      cairo_set_line_width (cr, 1.0 / s->view.zoom);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  if (s->action == LAB_CANVAS_ACTION_CONNECT && s->connecting && s->reject_reason != NULL)
    draw_reason (s, cr, width);
}

/* The widget: colours from its style (light or dark, the accent the user chose). */

static void
resolve_colors (LabGraphView *self)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  LabCanvasColors *c = &self->state.colors;
  GdkRGBA window_bg, shade;
  double a, luminance;

  lab_canvas_colors_init_default (c, FALSE);
  if (gtk_style_context_lookup_color (context, "window_bg_color", &window_bg) &&
      gtk_style_context_lookup_color (context, "shade_color", &shade))
    {
      /* The window background half a shade darker: cards stand out in both schemes. */
      a = shade.alpha * 0.5;
      c->bg = (GdkRGBA) { window_bg.red * (1 - a) + shade.red * a,
                          window_bg.green * (1 - a) + shade.green * a,
                          window_bg.blue * (1 - a) + shade.blue * a, 1.0 };
      c->shade = shade;
    }
  luminance = 0.2126 * c->bg.red + 0.7152 * c->bg.green + 0.0722 * c->bg.blue;
  if (luminance < 0.5)
    {
      GdkRGBA bg = c->bg;

      lab_canvas_colors_init_default (c, TRUE);
      c->bg = bg;
    }
  gtk_style_context_lookup_color (context, "window_fg_color", &c->fg);
  gtk_style_context_lookup_color (context, "card_bg_color", &c->card);
  gtk_style_context_lookup_color (context, "accent_color", &c->accent);
  gtk_style_context_lookup_color (context, "error_color", &c->error);
  gtk_style_context_lookup_color (context, "error_bg_color", &c->error_bg);
  gtk_style_context_lookup_color (context, "error_fg_color", &c->error_fg);
  gtk_style_context_lookup_color (context, "warning_bg_color", &c->warning_bg);
  gtk_style_context_lookup_color (context, "warning_fg_color", &c->warning_fg);
  gtk_style_context_lookup_color (context, "shade_color", &c->shade);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

void
lab_graph_view_draw (LabGraphView *self,
                     cairo_t      *cr,
                     int           width,
                     int           height)
{
  g_return_if_fail (LAB_IS_GRAPH_VIEW (self));

  resolve_colors (self);
  lab_canvas_draw (&self->state, cr, width, height);
}

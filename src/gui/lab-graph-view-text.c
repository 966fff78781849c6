/* lab-graph-view-text.c: what each node card says, laid out once and cached
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card shows the node's name, its type with the settings that matter ("Conv2D · 32 × 3×3,
 * same") and its output shape with its parameter count ("64 · 4,160 params"), or a short hint
 * of what is wrong. The Pango layouts are rebuilt only when that text changes, so a frame never
 * shapes text; their sizes decide the card's. lab_canvas_state_sync () brings the cache and the
 * node and edge geometry up to date after the graph changed.
 */
#define G_LOG_DOMAIN "lab-canvas"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-error.h"
#include "lab-graph-view-private.h"
#include "lab-layer-icons.h"
#include "lab-resources.h"

static int
hp_index (const LabNode *node,
          const char    *key)
{
  return lab_hparams_find (node->type->hparams, node->type->n_hparams, key);
}

static int
hp_int (const LabNode *node,
        const char    *key)
{
  int i = hp_index (node, key);

  return i >= 0 ? (int) node->hp[i].v : 0;
}

static const char *
hp_choice (const LabNode *node,
           const char    *key,
           gboolean       label)
{
  int i = hp_index (node, key);
  const LabHParamSpec *spec;
  int v;

  if (i < 0)
    return "";
  spec = &node->type->hparams[i];
  v = (int) node->hp[i].v;
  if (spec->kind != LAB_HP_CHOICE || v < 0 || spec->choices[v] == NULL)
    return "";
  return label ? _(spec->choice_labels[v]) : spec->choices[v];
}

char *
lab_canvas_node_settings_text (const LabNode *node)
{
  const char *t;
  int i;

  g_return_val_if_fail (node != NULL, NULL);

  t = node->type->name;
  /* An Input's shape is its output, which the summary line shows. */
  if (g_str_equal (t, "Reshape") && (i = hp_index (node, "shape")) >= 0)
    {
      g_autofree char *shape = lab_shape_to_string (&node->hp[i].shape);

      /* translators: the shape a Reshape layer produces, e.g. "→ 1×28×28" */
      return g_strdup_printf (_("→ %s"), shape);
    }
  if (g_str_equal (t, "Dense"))
    {
      int units = hp_int (node, "units");

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d unit", "%d units", units), units);
    }
  if (g_str_equal (t, "Conv2D"))
    {
      int k = hp_int (node, "kernel_size"), stride = hp_int (node, "stride");
      /* translators: filters × kernel, padding, e.g. "32 × 3×3, same" */
      g_autofree char *base = g_strdup_printf (_("%d × %d×%d, %s"), hp_int (node, "filters"), k, k,
                                               hp_choice (node, "padding", FALSE));

      return stride == 1 ? g_steal_pointer (&base)
                         : g_strdup_printf (_("%s, stride %d"), base, stride);
    }
  if (g_str_equal (t, "MaxPool2D") || g_str_equal (t, "AvgPool2D"))
    {
      int k = hp_int (node, "pool_size");
      g_autofree char *base = g_strdup_printf (_("%d×%d, stride %d"), k, k, hp_int (node, "stride"));

      return g_str_equal (hp_choice (node, "padding", FALSE), "same")
             ? g_strdup_printf ("%s, same", base) : g_steal_pointer (&base);
    }
  if (g_str_equal (t, "Dropout") && (i = hp_index (node, "rate")) >= 0)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup_printf (_("rate %s"), g_ascii_formatd (buf, sizeof buf, "%g", node->hp[i].v));
    }
  if (g_str_equal (t, "Activation"))
    return g_strdup (hp_choice (node, "function", TRUE));
  if (node->type->max_inputs > 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u input", "%u inputs", node->inputs->len),
                            node->inputs->len);
  return g_strdup ("");
}

char *
lab_canvas_format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  /* translators: the separator of thousands in parameter counts ("4,160") */
  const char *sep = C_("thousands separator", ",");
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
lab_canvas_node_summary_text (const LabNode *node)
{
  g_autofree char *shape = NULL;
  g_autofree char *count = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  if (node->error != NULL)
    {
      /* The card has room for a hint only; the tooltip gives the engine's whole message. */
      if (node->error_code == LAB_ERROR_SHAPE_MISMATCH)
        return g_strdup (_("Shape mismatch"));
      if (node->error_code == LAB_ERROR_INVALID_PARAM)
        return g_strdup (_("Invalid setting"));
      if (node->inputs->len == 0 && node->type->min_inputs > 0)
        return g_strdup (_("Not connected"));
      if (node->inputs->len < node->type->min_inputs)
        return g_strdup_printf (_("Needs %u inputs"), node->type->min_inputs);
      return g_strdup (_("Check its inputs"));
    }
  if (!node->shape_known)
    return g_strdup (_("Shape unknown"));
  shape = lab_shape_to_string (&node->out_shape);
  if (node->n_frozen > 0)
    {
      count = lab_canvas_format_count (node->n_frozen);
      /* translators: output shape · parameter count, e.g. "64 · 4,160 frozen" */
      return g_strdup_printf (_("%s · %s frozen"), shape, count);
    }
  if (node->n_params == 0)
    return g_steal_pointer (&shape);
  count = lab_canvas_format_count (node->n_params);
  /* translators: output shape · parameter count, e.g. "64 · 4,160 params" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s param", "%s · %s params",
                                       node->n_params > G_MAXULONG ? G_MAXULONG : (gulong) node->n_params),
                          shape, count);
}

PangoLayout *
lab_canvas_make_layout (LabCanvasState       *s,
                        PangoFontDescription *font,
                        const char           *text,
                        double                max_width)
{
  PangoLayout *layout = pango_layout_new (s->pango);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static double
layout_width (PangoLayout *layout,
              double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
  return (double) logical.width / PANGO_SCALE;
}

void
lab_canvas_node_text_free (LabNodeText *text)
{
  g_free (text->key);
  g_free (text->icon);
  g_clear_object (&text->title);
  g_clear_object (&text->detail);
  g_clear_object (&text->summary);
  g_clear_object (&text->shape);
  g_clear_object (&text->far_title);
  g_clear_object (&text->far_detail);
  g_clear_object (&text->far_shape);
  g_free (text);
}

/* Rebuilds the layouts of node when what they show changed. */
static void
update_text (LabCanvasState *s,
             LabNode        *node,
             LabNodeText    *text)
{
  g_autofree char *settings = lab_canvas_node_settings_text (node);
  g_autofree char *summary = lab_canvas_node_summary_text (node);
  g_autofree char *shape = node->shape_known ? lab_shape_to_string (&node->out_shape) : NULL;
  const char *label = _(node->type->label);
  g_autofree char *detail = settings[0] != '\0'
                            ? g_strdup_printf (_("%s · %s"), label, settings) : g_strdup (label);
  guint n_ports = lab_canvas_n_input_ports (node->type->min_inputs, node->type->max_inputs,
                                            node->inputs->len);
  const char *icon = lab_layer_icon_name (node->type, g_str_equal (node->type->name, "Activation")
                                                      ? hp_choice (node, "function", FALSE) : NULL);
  g_autofree char *key = g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s\x1f%u\x1f%s", node->name, detail,
                                          summary, shape ? shape : "", n_ports, icon);
  double text_w = LAB_CANVAS_NODE_MAX_W - 2 * LAB_CANVAS_NODE_PAD;
  double w, h, title_h, detail_h, summary_h;

  if (text->key != NULL && g_str_equal (text->key, key))
    return;
  g_free (text->key);
  text->key = g_steal_pointer (&key);
  g_free (text->icon);
  text->icon = g_strdup (icon);
  g_clear_object (&text->title);
  g_clear_object (&text->detail);
  g_clear_object (&text->summary);
  g_clear_object (&text->shape);
  g_clear_object (&text->far_title);
  g_clear_object (&text->far_detail);
  g_clear_object (&text->far_shape);
  text->title = lab_canvas_make_layout (s, s->font_title, node->name,
                                        text_w - LAB_CANVAS_ICON_SIZE - LAB_CANVAS_ICON_GAP);
  text->detail = lab_canvas_make_layout (s, s->font_body, detail, text_w);
  text->summary = lab_canvas_make_layout (s, s->font_body, summary, text_w);
  if (shape != NULL)
    {
      text->shape = lab_canvas_make_layout (s, s->font_small, shape, -1);
      text->far_shape = lab_canvas_make_layout (s, s->font_far_body, shape, -1);
    }

  w = layout_width (text->title, &title_h) + LAB_CANVAS_ICON_SIZE + LAB_CANVAS_ICON_GAP;
  w = MAX (w, layout_width (text->detail, &detail_h));
  w = MAX (w, layout_width (text->summary, &summary_h));
  h = title_h + 3 + detail_h + 1 + summary_h;
  text->text_w = w;
  text->text_h = h;
  lab_canvas_node_size (w, h, n_ports, &text->width, &text->height);

  /* For zoomed-out views, made now rather than in the first far frame, which would then
   * shape every visible card at once. Far, the icon tells the type, so the line says the
   * settings, or what is wrong. */
  w = text->width - 2 * LAB_CANVAS_NODE_PAD;
  text->far_title = lab_canvas_make_layout (s, s->font_far_title, node->name,
                                            w - LAB_CANVAS_FAR_ICON_SIZE - LAB_CANVAS_ICON_GAP);
  text->far_detail = lab_canvas_make_layout (s, s->font_far_body,
                                             node->error != NULL ? summary
                                             : settings[0] != '\0' ? settings : label, w);
}

void
lab_canvas_state_relayout (LabCanvasState *s)
{
  GPtrArray *nodes;

  g_array_set_size (s->nodes, 0);
  g_array_set_size (s->edges, 0);
  g_hash_table_remove_all (s->index);
  if (s->graph == NULL)
    return;

  nodes = lab_graph_get_nodes (s->graph);
  for (guint i = 0; i < nodes->len; i++)
    {
      LabNode *node = g_ptr_array_index (nodes, i);
      LabNodeText *text = g_hash_table_lookup (s->texts, GUINT_TO_POINTER (node->id));
      LabCanvasNode cn = { node->id, { node->x, node->y, 0, 0 }, 0, TRUE };

      if (text == NULL)
        continue;
      if (s->action == LAB_CANVAS_ACTION_MOVE && lab_canvas_state_is_selected (s, node->id))
        {
          cn.rect.x += s->move_dx;
          cn.rect.y += s->move_dy;
        }
      cn.rect.width = text->width;
      cn.rect.height = text->height;
      cn.n_in_ports = lab_canvas_n_input_ports (node->type->min_inputs, node->type->max_inputs,
                                                node->inputs->len);
      text->has_consumers = FALSE;
      g_array_append_val (s->nodes, cn);
      g_hash_table_insert (s->index, GUINT_TO_POINTER (node->id), GUINT_TO_POINTER (s->nodes->len));
    }

  for (guint i = 0; i < nodes->len; i++)
    {
      LabNode *node = g_ptr_array_index (nodes, i);
      int d = lab_canvas_state_find (s, node->id);

      for (guint p = 0; d >= 0 && p < node->inputs->len; p++)
        {
          guint src = g_array_index (node->inputs, guint, p);
          int k = lab_canvas_state_find (s, src);
          LabCanvasEdge e = { src, node->id, p, { 0 } };
          double x0, y0, x1, y1;

          if (k < 0 || p >= g_array_index (s->nodes, LabCanvasNode, d).n_in_ports)
            continue;
          lab_canvas_output_port (&g_array_index (s->nodes, LabCanvasNode, k), &x0, &y0);
          lab_canvas_input_port (&g_array_index (s->nodes, LabCanvasNode, d), p, &x1, &y1);
          lab_bezier_for_edge (&e.path, x0, y0, x1, y1);
          g_array_append_val (s->edges, e);
          ((LabNodeText *) g_hash_table_lookup (s->texts, GUINT_TO_POINTER (src)))->has_consumers = TRUE;
        }
    }
}

void
lab_canvas_state_sync (LabCanvasState *s)
{
  GHashTableIter iter;
  LabNodeText *text;
  GPtrArray *nodes;

  if (!s->dirty)
    return;
  s->dirty = FALSE;
  s->generation++;
  s->n_invalid = 0;
  if (s->graph != NULL)
    {
      lab_graph_analyze (s->graph);
      nodes = lab_graph_get_nodes (s->graph);
      for (guint i = 0; i < nodes->len; i++)
        {
          LabNode *node = g_ptr_array_index (nodes, i);

          text = g_hash_table_lookup (s->texts, GUINT_TO_POINTER (node->id));
          if (text == NULL)
            {
              text = g_new0 (LabNodeText, 1);
              g_hash_table_insert (s->texts, GUINT_TO_POINTER (node->id), text);
            }
          update_text (s, node, text);
          text->generation = s->generation;
          s->n_invalid += node->error != NULL;
        }
    }
  g_hash_table_iter_init (&iter, s->texts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &text))
    if (text->generation != s->generation)
      g_hash_table_iter_remove (&iter);
  lab_canvas_state_relayout (s);
}

cairo_surface_t *
lab_canvas_state_get_icon (LabCanvasState *s,
                           const char     *name,
                           int             pixels)
{
  g_autofree char *key = g_strdup_printf ("%s@%d", name, pixels);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *mask = NULL;
  gpointer cached;

  if (g_hash_table_lookup_extended (s->icons, key, NULL, &cached))
    return cached;

  path = g_strdup_printf ("/io/github/layerlab/LayerLab/icons/scalable/actions/%s.svg", name);
  bytes = g_resource_lookup_data (lab_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    {
      stream = g_memory_input_stream_new_from_bytes (bytes);
      /* Rendered at the size it is shown, so drawing it is a plain copy. */
      pixbuf = gdk_pixbuf_new_from_stream_at_scale (stream, pixels, pixels, TRUE, NULL, &error);
    }
  if (pixbuf != NULL && gdk_pixbuf_get_has_alpha (pixbuf))
    {
      int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
      const guchar *src = gdk_pixbuf_read_pixels (pixbuf);
      int src_stride = gdk_pixbuf_get_rowstride (pixbuf);
      guchar *dst;
      int dst_stride;

      /* A symbolic icon is its alpha: painted through as a mask it takes any colour. */
      mask = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
      dst = cairo_image_surface_get_data (mask);
      dst_stride = cairo_image_surface_get_stride (mask);
      cairo_surface_flush (mask);
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          dst[y * dst_stride + x] = src[y * src_stride + 4 * x + 3];
      cairo_surface_mark_dirty (mask);
    }
  else
    g_debug ("No icon %s: %s", name, error != NULL ? error->message : "no alpha");
  g_hash_table_insert (s->icons, g_steal_pointer (&key), mask);
  return mask;
}

/* The state's life cycle */

void
lab_canvas_state_init (LabCanvasState *s)
{
  memset (s, 0, sizeof *s);
  s->view.zoom = 1.0;
  s->selected = g_hash_table_new (NULL, NULL);
  s->selected_edges = g_array_new (FALSE, FALSE, sizeof (LabEdgeKey));
  s->texts = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) lab_canvas_node_text_free);
  s->badges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) lab_canvas_badge_free);
  s->icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) cairo_surface_destroy);
  s->nodes = g_array_new (FALSE, FALSE, sizeof (LabCanvasNode));
  s->index = g_hash_table_new (NULL, NULL);
  s->edges = g_array_new (FALSE, FALSE, sizeof (LabCanvasEdge));
  s->target_node = -1;
  s->hover_node = -1;
  lab_canvas_colors_init_default (&s->colors, FALSE);
  lab_canvas_state_set_pango (s, NULL);
}

void
lab_canvas_state_clear (LabCanvasState *s)
{
  g_clear_object (&s->graph);
  g_clear_object (&s->pango);
  g_clear_pointer (&s->font_title, pango_font_description_free);
  g_clear_pointer (&s->font_body, pango_font_description_free);
  g_clear_pointer (&s->font_small, pango_font_description_free);
  g_clear_pointer (&s->font_far_title, pango_font_description_free);
  g_clear_pointer (&s->font_far_body, pango_font_description_free);
  g_clear_pointer (&s->selected, g_hash_table_unref);
  g_clear_pointer (&s->selected_edges, g_array_unref);
  g_clear_pointer (&s->texts, g_hash_table_unref);
  g_clear_pointer (&s->badges, g_hash_table_unref);
  g_clear_pointer (&s->icons, g_hash_table_unref);
  g_clear_pointer (&s->nodes, g_array_unref);
  g_clear_pointer (&s->index, g_hash_table_unref);
  g_clear_pointer (&s->edges, g_array_unref);
  g_clear_pointer (&s->reject_reason, g_free);
}

void
lab_canvas_state_set_graph (LabCanvasState *s,
                            LabGraph       *graph)
{
  g_set_object (&s->graph, graph);
  g_hash_table_remove_all (s->selected);
  g_array_set_size (s->selected_edges, 0);
  g_hash_table_remove_all (s->texts);
  s->action = LAB_CANVAS_ACTION_NONE;
  s->hidden_edge = (LabEdgeKey) { 0, 0 };
  s->hover_node = s->target_node = -1;
  lab_canvas_state_invalidate (s);
  lab_canvas_state_sync (s);
}

void
lab_canvas_state_set_pango (LabCanvasState *s,
                            PangoContext   *pango)
{
  const PangoFontDescription *base;
  const char *family = NULL;
  cairo_font_options_t *options;

  g_clear_object (&s->pango);
  s->pango = pango != NULL ? g_object_ref (pango)
                           : pango_font_map_create_context (pango_cairo_font_map_get_default ());
  /* Unhinted metrics: a layout made once measures the same at every zoom, so scaling the
   * Cairo context scales the text exactly. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (s->pango, options);
  cairo_font_options_destroy (options);

  /* A bare context defaults to a serif face; the widget's brings the desktop's font. */
  base = pango != NULL ? pango_context_get_font_description (s->pango) : NULL;
  if (base != NULL)
    family = pango_font_description_get_family (base);
  g_clear_pointer (&s->font_title, pango_font_description_free);
  g_clear_pointer (&s->font_body, pango_font_description_free);
  g_clear_pointer (&s->font_small, pango_font_description_free);
  g_clear_pointer (&s->font_far_title, pango_font_description_free);
  g_clear_pointer (&s->font_far_body, pango_font_description_free);
  s->font_title = pango_font_description_new ();
  pango_font_description_set_family (s->font_title, family != NULL ? family : "Sans");
  s->font_body = pango_font_description_copy (s->font_title);
  s->font_small = pango_font_description_copy (s->font_title);
  pango_font_description_set_weight (s->font_title, PANGO_WEIGHT_BOLD);
  pango_font_description_set_absolute_size (s->font_title, 13 * PANGO_SCALE);
  pango_font_description_set_absolute_size (s->font_body, 11 * PANGO_SCALE);
  pango_font_description_set_absolute_size (s->font_small, 10 * PANGO_SCALE);
  s->font_far_title = pango_font_description_copy (s->font_title);
  s->font_far_body = pango_font_description_copy (s->font_body);
  pango_font_description_set_absolute_size (s->font_far_title, 17 * PANGO_SCALE);
  pango_font_description_set_absolute_size (s->font_far_body, 14 * PANGO_SCALE);
  if (s->texts != NULL)
    g_hash_table_remove_all (s->texts);
  lab_canvas_state_invalidate (s);
}

void
lab_canvas_state_invalidate (LabCanvasState *s)
{
  s->dirty = TRUE;
}

int
lab_canvas_state_find (LabCanvasState *s,
                       guint           id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (s->index, GUINT_TO_POINTER (id))) - 1;
}

gboolean
lab_canvas_state_is_selected (LabCanvasState *s,
                              guint           id)
{
  return g_hash_table_contains (s->selected, GUINT_TO_POINTER (id));
}

gboolean
lab_canvas_state_edge_selected (LabCanvasState *s,
                                guint           src,
                                guint           dst)
{
  for (guint i = 0; i < s->selected_edges->len; i++)
    {
      const LabEdgeKey *k = &g_array_index (s->selected_edges, LabEdgeKey, i);

      if (k->src == src && k->dst == dst)
        return TRUE;
    }
  return FALSE;
}

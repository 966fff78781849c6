/* lab-graph-view.c: the graph canvas widget: properties, signals, actions, the history
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view owns view state only (LabCanvasState: zoom, pan, selection, the gesture in
 * progress); every edit is a lab_history_*() call, so the core validates it and it can be undone.
 * Drawing is in lab-graph-view-draw.c, the node texts in lab-graph-view-text.c, the gestures in
 * lab-graph-view-input.c; this file holds what the window sees: actions, drops, the clipboard,
 * tooltips and the accessible description.
 */
#define G_LOG_DOMAIN "lab-canvas"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-graph-view-private.h"

G_DEFINE_FINAL_TYPE (LabGraphView, lab_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_ZOOM,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define FIT_MARGIN   32.0

void
lab_graph_view_message (LabGraphView *self,
                        const char   *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

gboolean
lab_graph_view_check_unlocked (LabGraphView *self)
{
  if (self->history == NULL)
    return FALSE;
  if (self->locked_reason == NULL)
    return TRUE;
  lab_graph_view_message (self, self->locked_reason);
  return FALSE;
}

void
lab_graph_view_selection_changed (LabGraphView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
update_accessible (LabGraphView *self)
{
  LabCanvasState *s = &self->state;
  g_autofree char *text = NULL;
  guint n;

  lab_canvas_state_sync (s);
  n = s->nodes->len;
  if (n == 0)
    text = g_strdup (_("Empty: drag layers here from the palette"));
  else
    {
      guint e = s->edges->len;
      g_autofree char *layers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u layer",
                                                              "%u layers", n), n);
      g_autofree char *edges = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u connection",
                                                             "%u connections", e), e);
      g_autofree char *errors = s->n_invalid == 0
        ? g_strdup (_("no errors"))
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u with an error", "%u with errors",
                                        s->n_invalid), s->n_invalid);

      /* translators: "12 layers, 11 connections, no errors" */
      text = g_strdup_printf (_("%s, %s, %s"), layers, edges, errors);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

static void
update_accessible_in_idle (gpointer data)
{
  LabGraphView *self = data;

  self->a11y_idle = 0;
  update_accessible (self);
}

/* Drops the selected nodes and edges the graph no longer has. */
static gboolean
prune_selection (LabGraphView *self)
{
  LabCanvasState *s = &self->state;
  GHashTableIter iter;
  gpointer key;
  gboolean changed = FALSE;

  g_hash_table_iter_init (&iter, s->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (lab_graph_get_node (s->graph, GPOINTER_TO_UINT (key)) == NULL)
      {
        g_hash_table_iter_remove (&iter);
        changed = TRUE;
      }
  for (guint i = s->selected_edges->len; i-- > 0;)
    {
      LabEdgeKey *k = &g_array_index (s->selected_edges, LabEdgeKey, i);
      LabNode *dst = lab_graph_get_node (s->graph, k->dst);
      gboolean found = FALSE;

      for (guint j = 0; dst != NULL && j < dst->inputs->len; j++)
        found |= g_array_index (dst->inputs, guint, j) == k->src;
      if (!found)
        {
          g_array_remove_index (s->selected_edges, i);
          changed = TRUE;
        }
    }
  return changed;
}

static void
on_graph_changed_cb (LabGraphView *self,
                     LabGraph     *graph)
{
  lab_canvas_state_invalidate (&self->state);
  /* A gesture holds node indices and a verdict on the old graph: drop it. */
  if (self->state.action != LAB_CANVAS_ACTION_NONE)
    gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag));
  if (prune_selection (self))
    lab_graph_view_selection_changed (self);
  if (self->a11y_idle == 0)
    self->a11y_idle = g_idle_add_once (update_accessible_in_idle, self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lab_graph_view_set_zoom_about (LabGraphView *self,
                               double        zoom,
                               double        wx,
                               double        wy)
{
  double old = self->state.view.zoom;

  lab_transform_zoom_about (&self->state.view, zoom, wx, wy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (old != self->state.view.zoom)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* A new graph opens readable: whole if it fits at 50 % or more, else its start at 75 %, which
 * beats an overview too small to read; Fit to View still shows everything. Waits for a size. */
static void
show_first_view (LabGraphView *self)
{
  LabCanvasState *s = &self->state;
  int w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  double old = s->view.zoom;
  LabRect bounds;

  if (w <= 0 || h <= 0)
    return;
  self->first_view_pending = FALSE;
  lab_canvas_state_sync (s);
  if (lab_canvas_nodes_bounds ((LabCanvasNode *) s->nodes->data, s->nodes->len, &bounds))
    lab_transform_first_view (&s->view, &bounds, w, h, FIT_MARGIN, 0.5, 0.75);
  else
    s->view = (LabTransform) { 1.0, 0, 0 };
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (old != s->view.zoom)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* Public API */

GtkWidget *
lab_graph_view_new (void)
{
  return g_object_new (LAB_TYPE_GRAPH_VIEW, NULL);
}

void
lab_graph_view_set_history (LabGraphView *self,
                            LabHistory   *history)
{
  g_return_if_fail (LAB_IS_GRAPH_VIEW (self));
  g_return_if_fail (history == NULL || LAB_IS_HISTORY (history));

  if (self->history == history)
    return;
  if (self->history != NULL)
    g_clear_signal_handler (&self->changed_id, lab_history_get_graph (self->history));
  g_set_object (&self->history, history);
  lab_canvas_state_set_graph (&self->state, history ? lab_history_get_graph (history) : NULL);
  if (history != NULL)
    self->changed_id = g_signal_connect_object (lab_history_get_graph (history), "changed",
                                                G_CALLBACK (on_graph_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  self->first_view_pending = TRUE;
  show_first_view (self);
  update_accessible (self);
  lab_graph_view_selection_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

LabHistory *
lab_graph_view_get_history (LabGraphView *self)
{
  g_return_val_if_fail (LAB_IS_GRAPH_VIEW (self), NULL);

  return self->history;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

GArray *
lab_graph_view_dup_selection (LabGraphView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (LAB_IS_GRAPH_VIEW (self), ids);

  g_hash_table_iter_init (&iter, self->state.selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint id = GPOINTER_TO_UINT (key);

      g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_uint);
  return ids;
}

void
lab_graph_view_set_selection (LabGraphView *self,
                              const guint  *ids,
                              guint         n)
{
  LabCanvasState *s;

  g_return_if_fail (LAB_IS_GRAPH_VIEW (self));
  g_return_if_fail (ids != NULL || n == 0);

  s = &self->state;
  g_hash_table_remove_all (s->selected);
  g_array_set_size (s->selected_edges, 0);
  for (guint i = 0; i < n; i++)
    if (s->graph != NULL && lab_graph_get_node (s->graph, ids[i]) != NULL)
      g_hash_table_add (s->selected, GUINT_TO_POINTER (ids[i]));
  lab_graph_view_selection_changed (self);
}

double
lab_graph_view_get_zoom (LabGraphView *self)
{
  g_return_val_if_fail (LAB_IS_GRAPH_VIEW (self), 1.0);

  return self->state.view.zoom;
}

void
lab_graph_view_set_zoom (LabGraphView *self,
                         double        zoom)
{
  GtkWidget *widget = GTK_WIDGET (self);

  g_return_if_fail (LAB_IS_GRAPH_VIEW (self));

  lab_graph_view_set_zoom_about (self, zoom, gtk_widget_get_width (widget) / 2.0,
                                 gtk_widget_get_height (widget) / 2.0);
}

void
lab_graph_view_fit (LabGraphView *self)
{
  LabCanvasState *s;
  int w, h;
  LabRect bounds;
  double old;

  g_return_if_fail (LAB_IS_GRAPH_VIEW (self));

  s = &self->state;
  w = gtk_widget_get_width (GTK_WIDGET (self));
  h = gtk_widget_get_height (GTK_WIDGET (self));
  lab_canvas_state_sync (s);
  if (w <= 0 || h <= 0)
    return;   /* size_allocate shows a first view once there is a size */
  self->first_view_pending = FALSE;
  old = s->view.zoom;
  if (lab_canvas_nodes_bounds ((LabCanvasNode *) s->nodes->data, s->nodes->len, &bounds))
    lab_transform_fit (&s->view, &bounds, w, h, FIT_MARGIN, 1.0);
  else
    s->view = (LabTransform) { 1.0, 0, 0 };
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (old != s->view.zoom)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

guint
lab_graph_view_add_layer (LabGraphView *self,
                          const char   *spec)
{
  double cx, cy;

  g_return_val_if_fail (LAB_IS_GRAPH_VIEW (self), 0);
  g_return_val_if_fail (spec != NULL, 0);

  lab_transform_to_canvas (&self->state.view, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, &cx, &cy);
  return lab_graph_view_add_layer_at (self, spec, cx, cy);
}

void
lab_graph_view_set_locked (LabGraphView *self,
                           const char   *reason)
{
  g_return_if_fail (LAB_IS_GRAPH_VIEW (self));

  g_free (self->locked_reason);
  self->locked_reason = g_strdup (reason);
}

void
lab_graph_view_set_node_badge (LabGraphView *self,
                               const char   *node_name,
                               const char   *icon_name,
                               const char   *tooltip)
{
  g_return_if_fail (LAB_IS_GRAPH_VIEW (self));
  g_return_if_fail (node_name != NULL);

  if (lab_canvas_state_set_badge (&self->state, node_name, icon_name, tooltip))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Tooltips: a node's blurb and what is wrong with it, an edge's shape, how to use a port. */
static gboolean
lab_graph_view_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  LabGraphView *self = LAB_GRAPH_VIEW (widget);
  LabCanvasState *s = &self->state;
  g_autofree char *markup = NULL;
  LabHit hit;
  LabNode *node = NULL;
  double cx, cy;

  if (s->graph == NULL || keyboard || s->action != LAB_CANVAS_ACTION_NONE)
    return FALSE;
  lab_canvas_state_sync (s);
  lab_transform_to_canvas (&s->view, x, y, &cx, &cy);
  hit = lab_canvas_hit_test ((LabCanvasNode *) s->nodes->data, s->nodes->len,
                             (LabCanvasEdge *) s->edges->data, s->edges->len, cx, cy, s->view.zoom);
  if (hit.node >= 0)
    node = lab_graph_get_node (s->graph, g_array_index (s->nodes, LabCanvasNode, hit.node).id);

  if (hit.kind == LAB_HIT_OUTPUT_PORT)
    markup = g_strdup (_("Drag from here to another layer to connect them"));
  else if (hit.kind == LAB_HIT_INPUT_PORT && node != NULL && hit.port < node->inputs->len)
    markup = g_strdup (_("Drag this connection away to remove it, or onto another layer to re-route it"));
  else if (hit.kind == LAB_HIT_INPUT_PORT)
    markup = g_strdup (_("Drop a connection here"));
  else if (hit.kind == LAB_HIT_NODE && node != NULL)
    {
      g_autofree char *name = g_markup_escape_text (node->name, -1);
      g_autofree char *blurb = g_markup_escape_text (_(node->type->blurb), -1);

      if (node->error != NULL)
        {
          g_autofree char *err = g_markup_escape_text (node->error, -1);

          markup = g_strdup_printf ("<b>%s</b> · %s\n%s\n\n<b>%s</b> %s", name,
                                    _(node->type->label), blurb, _("Problem:"), err);
        }
      else
        markup = g_strdup_printf ("<b>%s</b> · %s\n%s", name, _(node->type->label), blurb);
      {
        const LabCanvasBadge *badge = lab_canvas_state_get_badge (s, node->name);

        if (badge != NULL && badge->tooltip != NULL)
          {
            g_autofree char *tip = g_markup_escape_text (badge->tooltip, -1);
            char *with = g_strdup_printf ("%s\n\n<b>%s</b> %s", markup, _("While training:"), tip);

            g_free (markup);
            markup = with;
          }
      }
      {
        const LabRect *r = &g_array_index (s->nodes, LabCanvasNode, hit.node).rect;
        double wx, wy;

        lab_transform_to_widget (&s->view, r->x, r->y, &wx, &wy);
        gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) wx, (int) wy,
                                  (int) (r->width * s->view.zoom), (int) (r->height * s->view.zoom) });
      }
    }
  else if (hit.kind == LAB_HIT_EDGE)
    {
      const LabCanvasEdge *e = &g_array_index (s->edges, LabCanvasEdge, hit.edge);
      LabNode *src = lab_graph_get_node (s->graph, e->src);
      LabNode *dst = lab_graph_get_node (s->graph, e->dst);
      g_autofree char *shape = src->shape_known ? lab_shape_to_string (&src->out_shape) : NULL;
      g_autofree char *a = g_markup_escape_text (src->name, -1);
      g_autofree char *b = g_markup_escape_text (dst->name, -1);

      if (shape != NULL)
        /* translators: an edge's tooltip, e.g. "conv1 → relu1\nCarries 32×28×28 per sample" */
        markup = g_strdup_printf (_("<b>%s → %s</b>\nCarries %s per sample"), a, b, shape);
      else
        markup = g_strdup_printf (_("<b>%s → %s</b>\nIts shape is unknown until the layers before "
                                    "it are valid"), a, b);
    }
  if (markup == NULL)
    return FALSE;
  /* A label of our own, because a tooltip's does not wrap the engine's long messages. */
  if (self->tooltip_label == NULL)
    {
      self->tooltip_label = g_object_ref_sink (gtk_label_new (NULL));
      gtk_label_set_wrap (GTK_LABEL (self->tooltip_label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (self->tooltip_label), 60);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (self->tooltip_label), GTK_NATURAL_WRAP_NONE);
      gtk_label_set_xalign (GTK_LABEL (self->tooltip_label), 0);
    }
  gtk_label_set_markup (GTK_LABEL (self->tooltip_label), markup);
  gtk_tooltip_set_custom (tooltip, self->tooltip_label);
  return TRUE;
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            LabGraphView  *self)
{
  const char *spec = g_value_get_string (value);
  double cx, cy;

  if (spec == NULL || self->history == NULL)
    return FALSE;
  lab_transform_to_canvas (&self->state.view, x, y, &cx, &cy);
  return lab_graph_view_add_layer_at (self, spec, cx, cy) != 0;
}

static void
lab_graph_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (w <= 0 || h <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  lab_graph_view_draw (LAB_GRAPH_VIEW (widget), cr, w, h);
  cairo_destroy (cr);
  if (G_UNLIKELY (LAB_GRAPH_VIEW (widget)->test_log))
    lab_graph_view_log_geometry (LAB_GRAPH_VIEW (widget));
}

static void
lab_graph_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  LabGraphView *self = LAB_GRAPH_VIEW (widget);

  if (self->first_view_pending)
    show_first_view (self);
}

static void
lab_graph_view_root (GtkWidget *widget)
{
  LabGraphView *self = LAB_GRAPH_VIEW (widget);
  PangoContext *pango;

  GTK_WIDGET_CLASS (lab_graph_view_parent_class)->root (widget);
  /* The desktop's font family, at the canvas's own sizes. */
  pango = gtk_widget_create_pango_context (widget);
  lab_canvas_state_set_pango (&self->state, pango);
  g_object_unref (pango);
}

static void
lab_graph_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (lab_graph_view_parent_class)->css_changed (widget, change);
  /* Colours are read at each frame: a light/dark switch only needs one. */
  gtk_widget_queue_draw (widget);
}

static void
lab_graph_view_dispose (GObject *object)
{
  LabGraphView *self = LAB_GRAPH_VIEW (object);

  if (self->history != NULL)
    g_clear_signal_handler (&self->changed_id, lab_history_get_graph (self->history));
  g_clear_object (&self->history);
  g_clear_handle_id (&self->a11y_idle, g_source_remove);
  g_clear_object (&self->tooltip_label);
  g_clear_object (&self->action_group);
  G_OBJECT_CLASS (lab_graph_view_parent_class)->dispose (object);
}

static void
lab_graph_view_finalize (GObject *object)
{
  LabGraphView *self = LAB_GRAPH_VIEW (object);

  lab_canvas_state_clear (&self->state);
  g_clear_pointer (&self->band_base, g_hash_table_unref);
  g_free (self->locked_reason);
  g_free (self->geometry_logged);
  G_OBJECT_CLASS (lab_graph_view_parent_class)->finalize (object);
}

static void
lab_graph_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LabGraphView *self = LAB_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->state.view.zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lab_graph_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LabGraphView *self = LAB_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      lab_graph_view_set_history (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      lab_graph_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lab_graph_view_class_init (LabGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_graph_view_dispose;
  object_class->finalize = lab_graph_view_finalize;
  object_class->get_property = lab_graph_view_get_property;
  object_class->set_property = lab_graph_view_set_property;
  widget_class->snapshot = lab_graph_view_snapshot;
  widget_class->size_allocate = lab_graph_view_size_allocate;
  widget_class->root = lab_graph_view_root;
  widget_class->css_changed = lab_graph_view_css_changed;
  widget_class->query_tooltip = lab_graph_view_query_tooltip;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, LAB_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, LAB_CANVAS_ZOOM_MIN, LAB_CANVAS_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "labgraphview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  lab_graph_view_class_install_actions (widget_class);
}

static void
lab_graph_view_init (LabGraphView *self)
{
  GtkDropTarget *drop;

  lab_canvas_state_init (&self->state);
  self->test_log = g_getenv ("LAYERLAB_TEST_LOG") != NULL;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  lab_graph_view_init_input (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Graph canvas"), -1);
  update_accessible (self);
}

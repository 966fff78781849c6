/* lab-graph-view-actions.c: the canvas's edits: adding layers, deleting, the clipboard,
 * arranging, and the check that decides whether a connection fits
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit goes through the LabHistory; edits that take several calls (add and preset,
 * paste and place) are wrapped in one history group so that they undo in one step.
 */
#define G_LOG_DOMAIN "lab-canvas"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-clipboard.h"
#include "lab-error.h"
#include "lab-graph-view-private.h"
#include "lab-layout.h"

#define PASTE_OFFSET 24.0

guint
lab_graph_view_add_layer_at (LabGraphView *self,
                             const char   *spec,
                             double        cx,
                             double        cy)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GError) error = NULL;
  const LabLayerType *type;
  guint id = 0;
  gboolean added;

  if (!lab_graph_view_check_unlocked (self))
    return 0;
  parts = g_strsplit (spec, ":", 2);
  type = lab_layer_type_find (parts[0]);
  if (type == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("There is no layer type “%s”"), parts[0]);

      lab_graph_view_message (self, msg);
      return 0;
    }

  if (parts[1] != NULL)
    {
      int k = lab_hparams_find (type->hparams, type->n_hparams, "function");
      LabHValue value;

      /* Checked before anything is added, so that a bad preset leaves no half-made step. */
      if (k < 0 || !lab_hparam_parse (&type->hparams[k], parts[1], type->name, &value, &error))
        {
          lab_graph_view_message (self, error != NULL ? error->message
                                                      : _("This layer type has no function to preset"));
          return 0;
        }
    }

  /* Adding, presetting the function and centring are one step to undo. */
  lab_history_begin_group (self->history, NULL);
  id = lab_history_add_node (self->history, type->name, NULL, round (cx - LAB_CANVAS_NODE_MIN_W / 2),
                             round (cy - 36), &error);
  added = id != 0;
  if (id != 0 && parts[1] != NULL &&
      !lab_history_set_hparam_text (self->history, id, "function", parts[1], &error))
    id = 0;
  if (id != 0)
    {
      LabCanvasState *s = &self->state;
      int i;

      lab_canvas_state_sync (s);
      if ((i = lab_canvas_state_find (s, id)) >= 0)
        {
          const LabRect *r = &g_array_index (s->nodes, LabCanvasNode, i).rect;
          double dx = round (cx - r->width / 2) - r->x, dy = round (cy - r->height / 2) - r->y;

          if ((dx != 0 || dy != 0) && !lab_history_move_nodes (self->history, &id, 1, dx, dy, &error))
            id = 0;
        }
    }
  lab_history_end_group (self->history);
  if (id == 0)
    {
      if (added)
        lab_history_undo (self->history);
      lab_graph_view_message (self, error != NULL ? error->message : _("Could not add the layer"));
      return 0;
    }
  lab_graph_view_set_selection (self, &id, 1);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return id;
}

char *
lab_graph_view_check_connection (LabGraphView *self,
                                 guint         src,
                                 guint         dst,
                                 guint         port,
                                 LabEdgeKey   *without)
{
  LabGraph *graph = self->state.graph;
  LabNode *s = lab_graph_get_node (graph, src);
  LabNode *d = lab_graph_get_node (graph, dst);
  g_autoptr(LabGraph) trial = NULL;
  g_autoptr(GError) error = NULL;
  gboolean rerouted = without != NULL && without->dst == dst && without->src != 0;
  guint n_inputs;
  LabNode *after;

  if (s == NULL || d == NULL)
    return g_strdup (_("That layer is gone"));
  if (self->locked_reason != NULL)
    return g_strdup (self->locked_reason);
  if (src == dst)
    return g_strdup (_("A layer cannot feed itself"));
  if (d->type->max_inputs == 0)
    return g_strdup_printf (_("“%s” is an input layer: it takes no inputs"), d->name);
  n_inputs = d->inputs->len - (rerouted ? 1 : 0);
  for (guint i = 0; i < d->inputs->len; i++)
    if (g_array_index (d->inputs, guint, i) == src && !(rerouted && without->src == src))
      return g_strdup_printf (_("“%s” already feeds “%s”"), s->name, d->name);
  if (n_inputs >= d->type->max_inputs)
    {
      if (d->type->max_inputs == 1)
        return g_strdup_printf (_("“%s” already has its input: drag that connection away first, "
                                  "or merge both with an Add or Concatenate layer"), d->name);
      return g_strdup_printf (_("“%s” takes at most %u inputs"), d->name, d->type->max_inputs);
    }
  if (lab_graph_would_cycle (graph, src, dst))
    return g_strdup_printf (_("That would make a loop: “%s” already depends on “%s”"),
                            s->name, d->name);

  /* Trial run on a copy: does dst accept src's shape? */
  trial = lab_graph_copy (graph);
  if (rerouted)
    lab_graph_disconnect (trial, without->src, without->dst);
  if (!lab_graph_connect (trial, src, dst, &error))
    return g_strdup (error->message);
  lab_graph_analyze (trial);
  after = lab_graph_get_node (trial, dst);
  if (after->error != NULL && after->error_code != LAB_ERROR_INVALID_GRAPH)
    {
      /* Blame the new connection only for a problem it brings, not one dst already had. */
      if (d->error == NULL || d->error_code == LAB_ERROR_INVALID_GRAPH ||
          !g_str_equal (d->error, after->error))
        return g_strdup (after->error);
    }
  return NULL;
}

/* Actions */

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LabGraphView *self = LAB_GRAPH_VIEW (widget);
  LabCanvasState *s = &self->state;
  g_autoptr(GArray) ids = lab_graph_view_dup_selection (self);
  g_autoptr(GArray) edges = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if ((ids->len == 0 && s->selected_edges->len == 0) || !lab_graph_view_check_unlocked (self))
    return;
  edges = g_array_copy (s->selected_edges);
  lab_history_begin_group (self->history, NULL);
  for (guint i = 0; ok && i < edges->len; i++)
    {
      LabEdgeKey *k = &g_array_index (edges, LabEdgeKey, i);

      /* An edge of a deleted node goes with it. */
      if (!lab_canvas_state_is_selected (s, k->src) && !lab_canvas_state_is_selected (s, k->dst))
        ok = lab_history_disconnect (self->history, k->src, k->dst, &error);
    }
  if (ok && ids->len > 0)
    ok = lab_history_remove_nodes (self->history, (guint *) ids->data, ids->len, &error);
  lab_history_end_group (self->history);
  if (!ok)
    lab_graph_view_message (self, error->message);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  LabGraphView *self = LAB_GRAPH_VIEW (widget);
  LabCanvasState *s = &self->state;

  lab_canvas_state_sync (s);
  g_array_set_size (s->selected_edges, 0);
  for (guint i = 0; i < s->nodes->len; i++)
    g_hash_table_add (s->selected, GUINT_TO_POINTER (g_array_index (s->nodes, LabCanvasNode, i).id));
  lab_graph_view_selection_changed (self);
}

static gboolean
copy_selection (LabGraphView *self)
{
  g_autoptr(GArray) ids = lab_graph_view_dup_selection (self);
  g_autoptr(GdkContentProvider) provider = NULL;
  g_autofree char *text = NULL;
  GdkContentProvider *both[2];
  GBytes *bytes;

  if (ids->len == 0 || self->state.graph == NULL)
    return FALSE;
  text = lab_graph_serialize_nodes (self->state.graph, (guint *) ids->data, ids->len);
  /* Offered as our own type and as plain text, which any text editor takes. */
  bytes = g_bytes_new (text, strlen (text));
  both[0] = gdk_content_provider_new_for_bytes (LAB_CLIPBOARD_MIME_TYPE, bytes);
  both[1] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  provider = gdk_content_provider_new_union (both, 2);
  g_bytes_unref (bytes);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
  self->n_pastes = 0;
  return TRUE;
}

static void
copy_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  copy_selection (LAB_GRAPH_VIEW (widget));
}

static void
cut_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  LabGraphView *self = LAB_GRAPH_VIEW (widget);

  if (lab_graph_view_check_unlocked (self) && copy_selection (self))
    delete_action (widget, "canvas.delete", NULL);
}

/* Pasted or duplicated nodes: placed, selected. With at_pointer, centred on the pointer. */
static void
place_new_nodes (LabGraphView *self,
                 GArray       *ids,
                 gboolean      at_pointer)
{
  LabCanvasState *s = &self->state;
  g_autoptr(GError) error = NULL;
  LabRect bounds = { 0 };
  double cx, cy;

  lab_canvas_state_sync (s);
  for (guint i = 0; i < ids->len; i++)
    {
      int k = lab_canvas_state_find (s, g_array_index (ids, guint, i));

      if (k < 0)
        continue;
      if (bounds.width == 0)
        bounds = g_array_index (s->nodes, LabCanvasNode, k).rect;
      else
        lab_rect_union (&bounds, &g_array_index (s->nodes, LabCanvasNode, k).rect);
    }
  if (at_pointer && bounds.width > 0)
    {
      lab_transform_to_canvas (&s->view, self->pointer_x, self->pointer_y, &cx, &cy);
      if (!lab_history_move_nodes (self->history, (guint *) ids->data, ids->len,
                                   round (cx - bounds.x - bounds.width / 2),
                                   round (cy - bounds.y - bounds.height / 2), &error))
        lab_graph_view_message (self, error->message);
    }
  lab_graph_view_set_selection (self, (guint *) ids->data, ids->len);
}

static void
on_paste_text_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(LabGraphView) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  gboolean at_pointer = self->pointer_in;
  double offset;

  if (text == NULL || self->history == NULL || !lab_graph_view_check_unlocked (self))
    return;
  self->n_pastes++;
  offset = at_pointer ? 0 : PASTE_OFFSET * self->n_pastes;
  lab_history_begin_group (self->history, NULL);
  if (lab_history_paste (self->history, text, offset, offset, &ids, &error))
    place_new_nodes (self, ids, at_pointer);
  lab_history_end_group (self->history);
  if (error != NULL)
    lab_graph_view_message (self, error->message);
}

static void
paste_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  LabGraphView *self = LAB_GRAPH_VIEW (widget);

  if (!lab_graph_view_check_unlocked (self))
    return;
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_paste_text_cb,
                                 g_object_ref (self));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  LabGraphView *self = LAB_GRAPH_VIEW (widget);
  g_autoptr(GArray) ids = lab_graph_view_dup_selection (self);
  g_autoptr(GArray) new_ids = NULL;
  g_autoptr(GError) error = NULL;

  if (ids->len == 0 || !lab_graph_view_check_unlocked (self))
    return;
  if (lab_history_duplicate (self->history, (guint *) ids->data, ids->len, PASTE_OFFSET,
                             PASTE_OFFSET, &new_ids, &error))
    place_new_nodes (self, new_ids, FALSE);
  else
    lab_graph_view_message (self, error->message);
}

static void
zoom_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LabGraphView *self = LAB_GRAPH_VIEW (widget);
  double zoom = self->state.view.zoom;

  if (g_str_equal (name, "canvas.zoom-in"))
    zoom *= 1.25;
  else if (g_str_equal (name, "canvas.zoom-out"))
    zoom /= 1.25;
  else
    zoom = 1.0;
  /* Land on round percentages when stepping near them. */
  if (fabs (zoom - round (zoom * 10) / 10) < 0.03)
    zoom = round (zoom * 10) / 10;
  lab_graph_view_set_zoom (self, zoom);
}

static void
fit_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  lab_graph_view_fit (LAB_GRAPH_VIEW (widget));
}

static void
arrange_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  LabGraphView *self = LAB_GRAPH_VIEW (widget);
  LabCanvasState *s = &self->state;
  g_autofree LabLayoutPosition *positions = NULL;
  g_autoptr(GError) error = NULL;
  double w = LAB_CANVAS_NODE_MIN_W, h = 0;
  guint n = 0;

  if (!lab_graph_view_check_unlocked (self) || lab_graph_get_n_nodes (s->graph) == 0)
    return;
  lab_canvas_state_sync (s);
  for (guint i = 0; i < s->nodes->len; i++)
    {
      const LabRect *r = &g_array_index (s->nodes, LabCanvasNode, i).rect;

      w = MAX (w, r->width);
      h = MAX (h, r->height);
    }
  /* Columns far enough apart for the shape labels on the edges. */
  lab_layout_layered (s->graph, w, h, 88, 32, &positions, &n);
  if (!lab_history_set_positions (self->history, positions, n, NULL, &error))
    lab_graph_view_message (self, error->message);
  lab_graph_view_fit (self);
}

static const struct {
  const char                 *name;
  GtkWidgetActionActivateFunc activate;
  guint                       key;
  GdkModifierType             mods;
} actions[] = {
  { "canvas.delete", delete_action, GDK_KEY_Delete, 0 },
  { "canvas.select-all", select_all_action, GDK_KEY_a, GDK_CONTROL_MASK },
  { "canvas.cut", cut_action, GDK_KEY_x, GDK_CONTROL_MASK },
  { "canvas.copy", copy_action, GDK_KEY_c, GDK_CONTROL_MASK },
  { "canvas.paste", paste_action, GDK_KEY_v, GDK_CONTROL_MASK },
  { "canvas.duplicate", duplicate_action, GDK_KEY_d, GDK_CONTROL_MASK },
  { "canvas.zoom-in", zoom_action, GDK_KEY_plus, GDK_CONTROL_MASK },
  { "canvas.zoom-out", zoom_action, GDK_KEY_minus, GDK_CONTROL_MASK },
  { "canvas.zoom-reset", zoom_action, GDK_KEY_0, GDK_CONTROL_MASK },
  { "canvas.fit", fit_action, GDK_KEY_1, GDK_CONTROL_MASK },
  { "canvas.arrange", arrange_action, GDK_KEY_l, GDK_CONTROL_MASK },
};

void
lab_graph_view_class_install_actions (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gtk_widget_class_install_action (widget_class, actions[i].name, NULL, actions[i].activate);
      gtk_widget_class_add_binding_action (widget_class, actions[i].key, actions[i].mods,
                                           actions[i].name, NULL);
    }
  /* The usual second keys: BackSpace deletes, Ctrl+= zooms in without Shift. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "canvas.zoom-out", NULL);
}

static void
on_forward_activate_cb (GSimpleAction *action,
                        GVariant      *param,
                        LabGraphView  *self)
{
  g_autofree char *name = g_strconcat ("canvas.", g_action_get_name (G_ACTION (action)), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self), name, NULL);
}

GActionGroup *
lab_graph_view_get_action_group (LabGraphView *self)
{
  g_return_val_if_fail (LAB_IS_GRAPH_VIEW (self), NULL);

  if (self->action_group == NULL)
    {
      /* Widget actions are seen by the widget and what it contains only; a toolbar beside the
       * canvas finds these instead, and each runs the canvas's own. */
      self->action_group = g_simple_action_group_new ();
      for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
        {
          g_autoptr(GSimpleAction) action = g_simple_action_new (actions[i].name + strlen ("canvas."),
                                                                 NULL);

          g_signal_connect_object (action, "activate", G_CALLBACK (on_forward_activate_cb), self, 0);
          g_action_map_add_action (G_ACTION_MAP (self->action_group), G_ACTION (action));
        }
    }
  return G_ACTION_GROUP (self->action_group);
}

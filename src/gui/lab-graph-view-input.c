/* lab-graph-view-input.c: the canvas's gestures, as an explicit state machine
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GtkGestureDrag decides at press what the drag is (gtknodes' ACTION_* idea): a pan (middle
 * button, or Space held), a connection (from an output port, or an existing edge picked up at
 * its input port), a move of the selected nodes, or a rubber band on empty space. While it
 * lasts the graph is untouched: a move is drawn offset and committed at release as one history
 * step, so other views see one change per drag, not one per motion event.
 */
#define G_LOG_DOMAIN "lab-canvas"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-graph-view-private.h"

#define DRAG_THRESHOLD 4.0   /* pixels before a press on a node becomes a move */

typedef enum
{
  CLICK_NOTHING,
  CLICK_SELECT_ONLY,   /* a plain click on a node of a larger selection selects just it */
  CLICK_TOGGLE,        /* shift-click */
} ClickEffect;


static LabHit
hit_at (LabGraphView *self,
        double        wx,
        double        wy,
        double       *cx,
        double       *cy)
{
  LabCanvasState *s = &self->state;

  lab_canvas_state_sync (s);
  lab_transform_to_canvas (&s->view, wx, wy, cx, cy);
  return lab_canvas_hit_test ((LabCanvasNode *) s->nodes->data, s->nodes->len,
                              (LabCanvasEdge *) s->edges->data, s->edges->len, *cx, *cy,
                              s->view.zoom);
}

static guint
node_id (LabCanvasState *s,
         int             index)
{
  return g_array_index (s->nodes, LabCanvasNode, index).id;
}

static void
select_only (LabGraphView *self,
             guint         id)
{
  lab_graph_view_set_selection (self, &id, id != 0 ? 1 : 0);
}

static void
reset_gesture_state (LabGraphView *self)
{
  LabCanvasState *s = &self->state;

  s->action = LAB_CANVAS_ACTION_NONE;
  s->connecting = FALSE;
  s->move_dx = s->move_dy = 0;
  s->hidden_edge = (LabEdgeKey) { 0, 0 };
  s->target_node = -1;
  g_clear_pointer (&s->reject_reason, g_free);
  g_clear_pointer (&self->band_base, g_hash_table_unref);
  lab_canvas_state_relayout (s);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
begin_connection (LabGraphView *self,
                  guint         src,
                  double        cx,
                  double        cy)
{
  LabCanvasState *s = &self->state;
  int k = lab_canvas_state_find (s, src);

  self->connect_src = src;
  lab_canvas_output_port (&g_array_index (s->nodes, LabCanvasNode, k), &s->cx0, &s->cy0);
  s->cx1 = cx;
  s->cy1 = cy;
  s->action = LAB_CANVAS_ACTION_CONNECT;
  s->connecting = TRUE;
  s->target_node = -1;
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  LabGraphView   *self)
{
  LabCanvasState *s = &self->state;
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean shift = (mods & GDK_SHIFT_MASK) != 0;
  LabHit hit;
  LabNode *node = NULL;
  double cx, cy;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->press_x = x;
  self->press_y = y;
  self->moved = FALSE;
  self->click_effect = CLICK_NOTHING;
  if (s->graph == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (button == GDK_BUTTON_MIDDLE || (button == GDK_BUTTON_PRIMARY && self->space_held))
    {
      s->action = LAB_CANVAS_ACTION_PAN;
      self->pan_x0 = s->view.pan_x;
      self->pan_y0 = s->view.pan_y;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      return;
    }
  if (button != GDK_BUTTON_PRIMARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  hit = hit_at (self, x, y, &cx, &cy);
  if (hit.node >= 0)
    node = lab_graph_get_node (s->graph, node_id (s, hit.node));

  if (hit.kind == LAB_HIT_OUTPUT_PORT && node != NULL)
    {
      if (lab_graph_view_check_unlocked (self))
        begin_connection (self, node->id, cx, cy);
      return;
    }
  if (hit.kind == LAB_HIT_INPUT_PORT && node != NULL && hit.port < node->inputs->len)
    {
      /* Pick the edge up by its end: drop it elsewhere to re-route it, on nothing to remove it. */
      if (lab_graph_view_check_unlocked (self))
        {
          guint src = g_array_index (node->inputs, guint, hit.port);

          s->hidden_edge = (LabEdgeKey) { src, node->id };
          begin_connection (self, src, cx, cy);
          s->target_node = hit.node;
          s->target_port = hit.port;
          lab_canvas_state_relayout (s);
        }
      return;
    }
  if (node != NULL)
    {
      self->click_node = node->id;
      if (shift)
        {
          self->click_effect = CLICK_TOGGLE;
          if (!lab_canvas_state_is_selected (s, node->id))
            {
              /* Added now so that a shift-drag moves it with the others. */
              g_hash_table_add (s->selected, GUINT_TO_POINTER (node->id));
              self->click_effect = CLICK_NOTHING;
              lab_graph_view_selection_changed (self);
            }
        }
      else if (!lab_canvas_state_is_selected (s, node->id))
        select_only (self, node->id);
      else if (g_hash_table_size (s->selected) > 1 || s->selected_edges->len > 0)
        self->click_effect = CLICK_SELECT_ONLY;
      s->action = LAB_CANVAS_ACTION_MOVE;
      return;
    }
  if (hit.kind == LAB_HIT_EDGE)
    {
      const LabCanvasEdge *e = &g_array_index (s->edges, LabCanvasEdge, hit.edge);
      LabEdgeKey key = { e->src, e->dst };
      gboolean was = lab_canvas_state_edge_selected (s, e->src, e->dst);

      if (!shift)
        {
          g_hash_table_remove_all (s->selected);
          g_array_set_size (s->selected_edges, 0);
        }
      if (!was || !shift)
        g_array_append_val (s->selected_edges, key);
      else
        for (guint i = 0; i < s->selected_edges->len; i++)
          if (g_array_index (s->selected_edges, LabEdgeKey, i).src == key.src &&
              g_array_index (s->selected_edges, LabEdgeKey, i).dst == key.dst)
            g_array_remove_index (s->selected_edges, i--);
      lab_graph_view_selection_changed (self);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  /* Empty space: a rubber band, which a click without dragging turns into "select nothing". */
  if (!shift && (g_hash_table_size (s->selected) > 0 || s->selected_edges->len > 0))
    {
      g_hash_table_remove_all (s->selected);
      g_array_set_size (s->selected_edges, 0);
      lab_graph_view_selection_changed (self);
    }
  self->band_base = g_hash_table_new (NULL, NULL);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, s->selected);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_add (self->band_base, key);
  }
  s->action = LAB_CANVAS_ACTION_BAND;
  s->band = (LabRect) { cx, cy, 0, 0 };
}

/* The connection's target under canvas point (cx, cy), and whether it would be accepted. */
static void
update_target (LabGraphView *self,
               double        cx,
               double        cy)
{
  LabCanvasState *s = &self->state;
  LabHit hit = lab_canvas_hit_test ((LabCanvasNode *) s->nodes->data, s->nodes->len, NULL, 0,
                                    cx, cy, s->view.zoom);
  int target = -1;
  guint port = 0;

  if ((hit.kind == LAB_HIT_INPUT_PORT || hit.kind == LAB_HIT_NODE) &&
      node_id (s, hit.node) != self->connect_src)
    {
      const LabCanvasNode *cn = &g_array_index (s->nodes, LabCanvasNode, hit.node);
      LabNode *node = lab_graph_get_node (s->graph, cn->id);

      target = hit.node;
      /* Over the body: the port a new connection would take, the first free one. */
      if (hit.kind == LAB_HIT_INPUT_PORT)
        port = hit.port;
      else if (cn->n_in_ports > 0)
        port = MIN (node->inputs->len, cn->n_in_ports - 1);
    }
  s->cx1 = cx;
  s->cy1 = cy;
  if (target != s->target_node || port != s->target_port)
    {
      s->target_node = target;
      s->target_port = port;
      g_clear_pointer (&s->reject_reason, g_free);
      if (target >= 0)
        s->reject_reason = lab_graph_view_check_connection (self, self->connect_src,
                                                            node_id (s, target), port,
                                                            &s->hidden_edge);
    }
  if (target >= 0 && s->reject_reason == NULL)
    {
      const LabCanvasNode *cn = &g_array_index (s->nodes, LabCanvasNode, target);

      if (s->target_port < cn->n_in_ports)
        lab_canvas_input_port (cn, s->target_port, &s->cx1, &s->cy1);   /* snap */
    }
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   LabGraphView   *self)
{
  LabCanvasState *s = &self->state;
  double cx, cy, cx0, cy0;

  switch (s->action)
    {
    case LAB_CANVAS_ACTION_PAN:
      s->view.pan_x = self->pan_x0 + dx;
      s->view.pan_y = self->pan_y0 + dy;
      break;
    case LAB_CANVAS_ACTION_MOVE:
      if (!self->moved && hypot (dx, dy) < DRAG_THRESHOLD)
        return;
      if (!self->moved && !lab_graph_view_check_unlocked (self))
        {
          s->action = LAB_CANVAS_ACTION_NONE;
          return;
        }
      self->moved = TRUE;
      s->move_dx = round (dx / s->view.zoom);
      s->move_dy = round (dy / s->view.zoom);
      lab_canvas_state_relayout (s);
      break;
    case LAB_CANVAS_ACTION_CONNECT:
      lab_transform_to_canvas (&s->view, self->press_x + dx, self->press_y + dy, &cx, &cy);
      update_target (self, cx, cy);
      break;
    case LAB_CANVAS_ACTION_BAND:
      lab_transform_to_canvas (&s->view, self->press_x, self->press_y, &cx0, &cy0);
      lab_transform_to_canvas (&s->view, self->press_x + dx, self->press_y + dy, &cx, &cy);
      s->band = lab_rect_from_corners (cx0, cy0, cx, cy);
      {
        g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
        GHashTableIter iter;
        gpointer key;

        lab_canvas_nodes_in_rect ((LabCanvasNode *) s->nodes->data, s->nodes->len, &s->band, ids);
        g_hash_table_remove_all (s->selected);
        g_hash_table_iter_init (&iter, self->band_base);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          g_hash_table_add (s->selected, key);
        for (guint i = 0; i < ids->len; i++)
          g_hash_table_add (s->selected, GUINT_TO_POINTER (g_array_index (ids, guint, i)));
      }
      break;
    case LAB_CANVAS_ACTION_NONE:
    default:
      return;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
finish_move (LabGraphView *self)
{
  LabCanvasState *s = &self->state;
  g_autoptr(GArray) ids = lab_graph_view_dup_selection (self);
  g_autoptr(GError) error = NULL;
  double dx = s->move_dx, dy = s->move_dy;

  /* The offset is dropped before the edit, whose ::changed redraws at the new places. */
  s->move_dx = s->move_dy = 0;
  if (ids->len == 0 || (dx == 0 && dy == 0))
    return;
  lab_history_begin_group (self->history, NULL);
  if (!lab_history_move_nodes (self->history, (guint *) ids->data, ids->len, dx, dy, &error))
    lab_graph_view_message (self, error->message);
  lab_history_end_group (self->history);
}

static void
finish_connection (LabGraphView *self)
{
  LabCanvasState *s = &self->state;
  g_autoptr(GError) error = NULL;
  LabEdgeKey hidden = s->hidden_edge;
  guint dst = s->target_node >= 0 ? node_id (s, s->target_node) : 0;
  gboolean ok = TRUE;

  if (dst != 0 && s->reject_reason != NULL)
    {
      lab_graph_view_message (self, s->reject_reason);
      return;
    }
  if (hidden.src != 0 && dst == hidden.dst)
    return;   /* put back where it was */
  if (dst == 0 && hidden.src == 0)
    return;   /* dropped on nothing */

  lab_history_begin_group (self->history, NULL);
  if (hidden.src != 0)
    ok = lab_history_disconnect (self->history, hidden.src, hidden.dst, &error);
  if (ok && dst != 0)
    ok = lab_history_connect (self->history, self->connect_src, dst, &error);
  lab_history_end_group (self->history);
  if (!ok)
    lab_graph_view_message (self, error->message);
}

static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                LabGraphView   *self)
{
  LabCanvasState *s = &self->state;
  LabCanvasAction action = s->action;

  /* Over before the edits below, whose ::changed would otherwise cancel it mid-way. */
  s->action = LAB_CANVAS_ACTION_NONE;
  if (action == LAB_CANVAS_ACTION_MOVE && self->moved)
    finish_move (self);
  else if (action == LAB_CANVAS_ACTION_MOVE && self->click_effect == CLICK_SELECT_ONLY)
    select_only (self, self->click_node);
  else if (action == LAB_CANVAS_ACTION_MOVE && self->click_effect == CLICK_TOGGLE)
    {
      g_hash_table_remove (s->selected, GUINT_TO_POINTER (self->click_node));
      lab_graph_view_selection_changed (self);
    }
  else if (action == LAB_CANVAS_ACTION_CONNECT)
    finish_connection (self);
  else if (action == LAB_CANVAS_ACTION_BAND)
    lab_graph_view_selection_changed (self);
  reset_gesture_state (self);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->space_held ? "grab" : NULL);
}

static void
on_drag_cancel_cb (GtkGesture       *gesture,
                   GdkEventSequence *sequence,
                   LabGraphView     *self)
{
  /* Nothing is applied: "end" follows and finds no action. */
  if (self->state.action == LAB_CANVAS_ACTION_BAND)
    lab_graph_view_selection_changed (self);
  reset_gesture_state (self);
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              LabGraphView             *self)
{
  LabCanvasState *s = &self->state;
  const char *cursor = NULL;
  LabHit hit;
  double cx, cy;
  int hover;

  self->pointer_in = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (s->action != LAB_CANVAS_ACTION_NONE || s->graph == NULL)
    return;
  hit = hit_at (self, x, y, &cx, &cy);
  hover = hit.kind == LAB_HIT_EDGE ? -1 : hit.node;
  if (hit.kind == LAB_HIT_OUTPUT_PORT || hit.kind == LAB_HIT_INPUT_PORT)
    cursor = "crosshair";
  else if (hit.kind == LAB_HIT_EDGE)
    cursor = "pointer";
  if (self->space_held)
    cursor = "grab";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
  if (hover != s->hover_node)
    {
      s->hover_node = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             LabGraphView             *self)
{
  self->pointer_in = FALSE;
  if (self->state.hover_node != -1)
    {
      self->state.hover_node = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *scroll,
              double                    dx,
              double                    dy,
              LabGraphView             *self)
{
  LabCanvasState *s = &self->state;
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  double step = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL ? 48 : 1;

  if (mods & GDK_CONTROL_MASK)
    {
      double wx = self->pointer_in ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      double wy = self->pointer_in ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

      /* One wheel notch is 10 %; a touchpad's fractions of a notch zoom as smoothly. */
      lab_graph_view_set_zoom_about (self, s->view.zoom * pow (1.1, -dy), wx, wy);
      return TRUE;
    }
  if ((mods & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  s->view.pan_x -= dx * step;
  s->view.pan_y -= dy * step;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
on_zoom_scale_changed_cb (GtkGestureZoom *gesture,
                          double          scale,
                          LabGraphView   *self)
{
  double x, y;

  if (self->pinch_zoom0 <= 0)
    self->pinch_zoom0 = self->state.view.zoom;
  if (gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    lab_graph_view_set_zoom_about (self, self->pinch_zoom0 * scale, x, y);
}

static void
on_zoom_end_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                LabGraphView     *self)
{
  self->pinch_zoom0 = 0;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *key,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        mods,
                   LabGraphView          *self)
{
  if (keyval == GDK_KEY_space)
    {
      if (!self->space_held)
        {
          self->space_held = TRUE;
          gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
        }
      return TRUE;
    }
  if (keyval == GDK_KEY_Escape)
    {
      if (self->state.action != LAB_CANVAS_ACTION_NONE)
        {
          /* Nothing is applied; a band's selection so far stays. */
          if (self->state.action == LAB_CANVAS_ACTION_BAND)
            lab_graph_view_selection_changed (self);
          reset_gesture_state (self);
          gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag));
        }
      else
        lab_graph_view_set_selection (self, NULL, 0);
      return TRUE;
    }
  return FALSE;
}

static void
on_key_released_cb (GtkEventControllerKey *key,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        mods,
                    LabGraphView          *self)
{
  if (keyval == GDK_KEY_space)
    {
      self->space_held = FALSE;
      if (self->state.action != LAB_CANVAS_ACTION_PAN)
        gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
    }
}

void
lab_graph_view_init_input (LabGraphView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *zoom;

  self->drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag), 0);
  g_signal_connect (self->drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (self->drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (self->drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  g_signal_connect (self->drag, "cancel", G_CALLBACK (on_drag_cancel_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (self->drag));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  g_signal_connect (zoom, "end", G_CALLBACK (on_zoom_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (zoom));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (on_key_released_cb), self);
  gtk_widget_add_controller (widget, controller);
}

/* lab-chart-input.c: the chart's pointer and keyboard: read-out, pan, zoom and the menu
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drag pans; Shift+drag (or Ctrl+drag) draws a box to zoom into; Ctrl+scroll zooms about the
 * pointer and a plain scroll is left to the page around the chart; double-click fits the data
 * again. The secondary button, Shift+F10 and the Menu key open the chart's menu.
 */
#define G_LOG_DOMAIN "lab-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-chart-private.h"

static double
to_t (LabChart *self,
      double    y)
{
  return self->scale == LAB_CHART_SCALE_LOG ? log10 (y) : y;
}

static double
from_t (LabChart *self,
        double    t)
{
  return self->scale == LAB_CHART_SCALE_LOG ? pow (10, t) : t;
}

static gboolean
in_plot (LabChart *self,
         double    x,
         double    y)
{
  return x >= self->plot.x && x <= self->plot.x + self->plot.width &&
         y >= self->plot.y && y <= self->plot.y + self->plot.height;
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           LabChart                 *self)
{
  gboolean hover = self->drag == LAB_CHART_DRAG_NONE && in_plot (self, x, y);

  self->pointer_x = x;
  self->pointer_y = y;
  if (hover != self->hover || (hover && x != self->hover_x))
    {
      self->hover = hover;
      self->hover_x = x;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  (void) motion;
}

static void
on_leave (GtkEventControllerMotion *motion,
          LabChart                 *self)
{
  self->hover = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  (void) motion;
}

/* Scales the view by factor about the pixel (px, py); factor < 1 zooms in. */
void
lab_chart_zoom_at (LabChart *self,
                   double    px,
                   double    py,
                   double    factor)
{
  double v[4], fx, fy, ax, at, t0, t1;

  g_return_if_fail (LAB_IS_CHART (self));

  lab_chart_get_view (self, v);
  fx = CLAMP ((px - self->plot.x) / self->plot.width, 0, 1);
  fy = CLAMP ((self->plot.y + self->plot.height - py) / self->plot.height, 0, 1);
  t0 = to_t (self, v[2]);
  t1 = to_t (self, v[3]);
  ax = v[0] + fx * (v[1] - v[0]);
  at = t0 + fy * (t1 - t0);
  lab_chart_set_view (self, (double[]) {
    ax - (ax - v[0]) * factor, ax + (v[1] - ax) * factor,
    from_t (self, at - (at - t0) * factor), from_t (self, at + (t1 - at) * factor) });
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           LabChart                 *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));

  /* Without Ctrl the page around the chart scrolls, as everywhere else. */
  if (!(mods & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;
  lab_chart_zoom_at (self, self->pointer_x, self->pointer_y, pow (1.15, CLAMP (dy, -5, 5)));
  (void) dx;
  return TRUE;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LabChart       *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (!in_plot (self, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag = (mods & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) ? LAB_CHART_DRAG_BAND
                                                            : LAB_CHART_DRAG_PAN;
  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
  lab_chart_get_view (self, self->drag_view);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                LabChart       *self)
{
  double *v = self->drag_view, sx, st, t0, t1;

  if (self->drag == LAB_CHART_DRAG_NONE)
    return;
  /* A click is not a drag: leave the first few pixels to the double-click. */
  if (fabs (dx) < 3 && fabs (dy) < 3 && self->drag_dx == 0 && self->drag_dy == 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_dx = dx;
  self->drag_dy = dy;
  self->hover = FALSE;
  if (self->drag == LAB_CHART_DRAG_BAND)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  t0 = to_t (self, v[2]);
  t1 = to_t (self, v[3]);
  sx = dx / self->plot.width * (v[1] - v[0]);
  st = dy / self->plot.height * (t1 - t0);
  lab_chart_set_view (self, (double[]) { v[0] - sx, v[1] - sx,
                                         from_t (self, t0 + st), from_t (self, t1 + st) });
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             LabChart       *self)
{
  LabChartDrag drag = self->drag;

  self->drag = LAB_CHART_DRAG_NONE;
  if (drag == LAB_CHART_DRAG_BAND && fabs (dx) > 4 && fabs (dy) > 4)
    {
      double *v = self->drag_view, x0, x1, y0, y1, f0, f1, g0, g1, t0, t1;

      x0 = CLAMP (MIN (self->drag_x, self->drag_x + dx), self->plot.x, self->plot.x + self->plot.width);
      x1 = CLAMP (MAX (self->drag_x, self->drag_x + dx), self->plot.x, self->plot.x + self->plot.width);
      y0 = CLAMP (MIN (self->drag_y, self->drag_y + dy), self->plot.y, self->plot.y + self->plot.height);
      y1 = CLAMP (MAX (self->drag_y, self->drag_y + dy), self->plot.y, self->plot.y + self->plot.height);
      f0 = (x0 - self->plot.x) / self->plot.width;
      f1 = (x1 - self->plot.x) / self->plot.width;
      g0 = (self->plot.y + self->plot.height - y1) / self->plot.height;
      g1 = (self->plot.y + self->plot.height - y0) / self->plot.height;
      t0 = to_t (self, v[2]);
      t1 = to_t (self, v[3]);
      lab_chart_set_view (self, (double[]) { v[0] + f0 * (v[1] - v[0]), v[0] + f1 * (v[1] - v[0]),
                                             from_t (self, t0 + g0 * (t1 - t0)),
                                             from_t (self, t0 + g1 * (t1 - t0)) });
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  (void) gesture;
}

static void
popup_menu (LabChart *self,
            double    x,
            double    y)
{
  if (self->menu == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenu) view = g_menu_new ();
      g_autoptr(GMenu) export = g_menu_new ();

      g_menu_append (view, _("_Log Scale"), "chart.log-scale");
      g_menu_append (view, _("Zoom to _Fit"), "chart.zoom-fit");
      g_menu_append (export, _("Export _Image…"), "chart.export-image");
      g_menu_append (export, _("Export Data as _CSV…"), "chart.export-csv");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (view));
      g_menu_append_section (menu, NULL, G_MENU_MODEL (export));
      self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
on_pressed (GtkGestureClick *click,
            int              n_press,
            double           x,
            double           y,
            LabChart        *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (click));

  if (button == GDK_BUTTON_SECONDARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (click), GTK_EVENT_SEQUENCE_CLAIMED);
      popup_menu (self, x, y);
    }
  else if (button == GDK_BUTTON_PRIMARY && n_press == 2)
    {
      gtk_gesture_set_state (GTK_GESTURE (click), GTK_EVENT_SEQUENCE_CLAIMED);
      lab_chart_zoom_to_fit (self);
    }
  else if (button == GDK_BUTTON_PRIMARY)
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* The class's own query-tooltip, so that a tooltip text set on the chart with
 * gtk_widget_set_tooltip_text () becomes its description instead of covering the read-out. */
static gboolean
query_tooltip (GtkWidget  *widget,
               int         x,
               int         y,
               gboolean    keyboard,
               GtkTooltip *tooltip)
{
  LabChart *self = LAB_CHART (widget);
  const char *own = gtk_widget_get_tooltip_text (widget);
  const char *description = self->description != NULL ? self->description : own;

  /* Inside the plot the read-out says what the pointer is over; the axes explain the chart. */
  if (!keyboard && in_plot (self, x, y))
    return FALSE;
  {
    const char *help = _("Point at a curve to read its values. Drag to move the view, "
                         "Shift+drag a box to zoom into it, Ctrl+scroll to zoom, "
                         "double-click to see everything again. Right-click for a "
                         "log scale and to export the chart or its data.");
    g_autofree char *text = description != NULL && *description != '\0'
                            ? g_strconcat (description, "\n\n", help, NULL)
                            : g_strdup (help);

    /* A label of our own: GTK's stops wrapping at a paragraph break. */
    GtkWidget *label = gtk_label_new (text);

    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_max_width_chars (GTK_LABEL (label), 52);
    gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (text, -1), 40));
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_tooltip_set_custom (tooltip, label);
  }
  (void) widget;
  return TRUE;
}

static void
action_zoom_fit (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  lab_chart_zoom_to_fit (LAB_CHART (widget));
  (void) name;
  (void) param;
}

static void
action_export_image (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  lab_chart_choose_image (LAB_CHART (widget));
  (void) name;
  (void) param;
}

static void
action_export_csv (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  lab_chart_choose_csv (LAB_CHART (widget));
  (void) name;
  (void) param;
}

static void
action_menu (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LabChart *self = LAB_CHART (widget);

  popup_menu (self, self->plot.x + self->plot.width / 2, self->plot.y + self->plot.height / 2);
  (void) name;
  (void) param;
}

static void
action_zoom (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LabChart *self = LAB_CHART (widget);

  lab_chart_zoom_at (self, self->plot.x + self->plot.width / 2,
                     self->plot.y + self->plot.height / 2,
                     g_str_equal (name, "chart.zoom-in") ? 1 / 1.25 : 1.25);
  (void) param;
}

void
lab_chart_class_init_input (GtkWidgetClass *widget_class)
{
  widget_class->query_tooltip = query_tooltip;
  gtk_widget_class_install_property_action (widget_class, "chart.log-scale", "log-scale");
  gtk_widget_class_install_action (widget_class, "chart.zoom-fit", NULL, action_zoom_fit);
  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "chart.export-image", NULL, action_export_image);
  gtk_widget_class_install_action (widget_class, "chart.export-csv", NULL, action_export_csv);
  gtk_widget_class_install_action (widget_class, "chart.menu", NULL, action_menu);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "chart.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "chart.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "chart.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "chart.zoom-out", NULL);
}

void
lab_chart_init_input (LabChart *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *motion, *scroll;
  GtkGesture *drag, *click;

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, motion);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, scroll);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (widget, TRUE);
}

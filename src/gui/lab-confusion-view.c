/* lab-confusion-view.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-confusion-view"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "lab-confusion-view.h"

struct _LabConfusionView
{
  GtkWidget             parent_instance;

  guint                 n_classes;
  guint64              *counts;
  char                **class_names;
  int                   hover_true, hover_predicted;
  int                   selected_true, selected_predicted;
  LabConfusionGeometry  geometry;   /* of the last frame */
};

G_DEFINE_FINAL_TYPE (LabConfusionView, lab_confusion_view, GTK_TYPE_WIDGET)

enum { CELL_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
fill_scene (LabConfusionView  *self,
            LabConfusionScene *scene)
{
  *scene = (LabConfusionScene) {
    self->n_classes, self->counts, (const char * const *) self->class_names,
    pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self))),
    self->hover_true, self->hover_predicted, self->selected_true, self->selected_predicted,
  };
}

static GdkRGBA
over (const GdkRGBA *top,
      const GdkRGBA *bottom)
{
  float a = top->alpha;

  return (GdkRGBA) { top->red * a + bottom->red * (1 - a), top->green * a + bottom->green * (1 - a),
                     top->blue * a + bottom->blue * (1 - a), 1.0f };
}

static void
style_colors (LabConfusionView   *self,
              LabConfusionColors *colors)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA accent, window_bg, card_bg, faint;

  lab_confusion_colors_init_default (colors, dark);
  /* GTK 4.8 has no gtk_widget_get_color () yet. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (style, &colors->fg);
  if (gtk_style_context_lookup_color (style, "accent_bg_color", &accent))
    colors->high = over (&accent, &colors->low);
  /* Empty cells: the foreground faintly over the card (itself translucent over the window in
   * dark mode), made opaque so that the scale between it and the accent stays one hue. */
  if (gtk_style_context_lookup_color (style, "window_bg_color", &window_bg) &&
      gtk_style_context_lookup_color (style, "card_bg_color", &card_bg))
    {
      card_bg = over (&card_bg, &window_bg);
      faint = colors->fg;
      faint.alpha = dark ? 0.08f : 0.06f;
      colors->low = over (&faint, &card_bg);
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
lab_confusion_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  LabConfusionView *self = LAB_CONFUSION_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  LabConfusionScene scene;
  LabConfusionColors colors;
  cairo_t *cr;

  if (self->n_classes == 0 || width <= 0 || height <= 0)
    return;
  fill_scene (self, &scene);
  style_colors (self, &colors);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->geometry = lab_confusion_draw (cr, width, height, &scene, &colors);
  cairo_destroy (cr);
}

static void
set_hover (LabConfusionView *self,
           int               row,
           int               col)
{
  if (self->hover_true == row && self->hover_predicted == col)
    return;
  self->hover_true = row;
  self->hover_predicted = col;
  /* Screen readers hear the cell the keyboard or the pointer is on. */
  if (row >= 0 && col >= 0 && (guint) row < self->n_classes && (guint) col < self->n_classes)
    {
      LabConfusionScene scene;
      g_autofree char *sentence = NULL;

      fill_scene (self, &scene);
      sentence = lab_confusion_cell_sentence (&scene, (guint) row, (guint) col);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sentence, -1);
    }
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           LabConfusionView         *self)
{
  guint row, col;

  if (lab_confusion_hit (&self->geometry, x, y, &row, &col))
    set_hover (self, (int) row, (int) col);
  else
    set_hover (self, -1, -1);
}

static void
on_leave (GtkEventControllerMotion *motion,
          LabConfusionView         *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    set_hover (self, -1, -1);
}

static void
on_released (GtkGestureClick  *gesture,
             int               n_press,
             double            x,
             double            y,
             LabConfusionView *self)
{
  guint row, col;

  if (lab_confusion_hit (&self->geometry, x, y, &row, &col))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self));
      g_signal_emit (self, signals[CELL_ACTIVATED], 0, row, col);
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                LabConfusionView      *self)
{
  int row = MAX (self->hover_true, 0), col = MAX (self->hover_predicted, 0);
  int last = (int) self->n_classes - 1;

  if (self->n_classes == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left: col = MAX (col - 1, 0); break;
    case GDK_KEY_Right: col = MIN (col + 1, last); break;
    case GDK_KEY_Up: row = MAX (row - 1, 0); break;
    case GDK_KEY_Down: row = MIN (row + 1, last); break;
    case GDK_KEY_Home: row = col = 0; break;
    case GDK_KEY_End: row = col = last; break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->hover_true >= 0)
        g_signal_emit (self, signals[CELL_ACTIVATED], 0, (guint) row, (guint) col);
      return TRUE;
    default:
      return FALSE;
    }
  set_hover (self, row, col);
  return TRUE;
}

/* Keyboard focus lands on a cell, so that it shows where the arrow keys start from. */
static void
on_focus_enter (LabConfusionView *self)
{
  if (self->hover_true < 0 && self->n_classes > 0)
    set_hover (self, 0, 0);
}

static void
on_focus_leave (LabConfusionView *self)
{
  set_hover (self, -1, -1);
}

static gboolean
on_query_tooltip (GtkWidget        *widget,
                  int               x,
                  int               y,
                  gboolean          keyboard,
                  GtkTooltip       *tooltip,
                  LabConfusionView *self)
{
  LabConfusionScene scene;
  g_autofree char *sentence = NULL;
  guint row, col;
  GdkRectangle rect;

  if (keyboard && self->hover_true >= 0)
    {
      row = (guint) self->hover_true;
      col = (guint) self->hover_predicted;
    }
  else if (!lab_confusion_hit (&self->geometry, x, y, &row, &col))
    return FALSE;

  fill_scene (self, &scene);
  sentence = lab_confusion_cell_sentence (&scene, row, col);
  gtk_tooltip_set_text (tooltip, sentence);
  if (lab_confusion_view_get_cell_rect (self, row, col, &rect))
    gtk_tooltip_set_tip_area (tooltip, &rect);
  return TRUE;
}

static void
lab_confusion_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  LabConfusionView *self = LAB_CONFUSION_VIEW (widget);
  int K = (int) MAX (self->n_classes, 2u);

  /* Room for the names around the grid, and cells that can hold a count and a percentage
   * (about 46 px) when there is space; 24 px cells at the least, though never so many pixels
   * that a hundred classes would widen the window: their cells get small and say it in
   * their tooltips. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN (24 * K, 400) + 200;
      *natural = MIN (44 * K, 800) + 220;
    }
  else
    {
      *minimum = MIN (24 * K, 400) + 120;
      *natural = MIN (46 * K + 150, 700);
    }
}

static void
lab_confusion_view_finalize (GObject *object)
{
  LabConfusionView *self = LAB_CONFUSION_VIEW (object);

  g_free (self->counts);
  g_strfreev (self->class_names);

  G_OBJECT_CLASS (lab_confusion_view_parent_class)->finalize (object);
}

static void
lab_confusion_view_class_init (LabConfusionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lab_confusion_view_finalize;
  widget_class->snapshot = lab_confusion_view_snapshot;
  widget_class->measure = lab_confusion_view_measure;

  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "confusionview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lab_confusion_view_init (LabConfusionView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->hover_true = self->hover_predicted = -1;
  self->selected_true = self->selected_predicted = -1;

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Confusion matrix"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Rows are the true classes, columns the predicted ones. "
                                    "Use the arrow keys to move between cells and Enter to "
                                    "show a cell’s samples."),
                                  -1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
lab_confusion_view_new (void)
{
  return g_object_new (LAB_TYPE_CONFUSION_VIEW, NULL);
}

void
lab_confusion_view_set_matrix (LabConfusionView   *self,
                               guint               n_classes,
                               const guint64      *counts,
                               const char * const *class_names)
{
  g_return_if_fail (LAB_IS_CONFUSION_VIEW (self));
  g_return_if_fail (n_classes == 0 || counts != NULL);

  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->class_names, g_strfreev);
  if (self->n_classes != n_classes)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  self->n_classes = n_classes;
  if (n_classes > 0)
    {
      self->counts = g_memdup2 (counts, sizeof (guint64) * n_classes * n_classes);
      if (class_names != NULL)
        {
          self->class_names = g_new0 (char *, n_classes + 1);
          for (guint k = 0; k < n_classes; k++)
            self->class_names[k] = g_strdup (class_names[k] ? class_names[k] : "");
        }
    }
  if (self->hover_true >= (int) n_classes || self->hover_predicted >= (int) n_classes)
    self->hover_true = self->hover_predicted = -1;
  if (self->selected_true >= (int) n_classes || self->selected_predicted >= (int) n_classes)
    self->selected_true = self->selected_predicted = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lab_confusion_view_set_selected (LabConfusionView *self,
                                 int               true_class,
                                 int               predicted_class)
{
  g_return_if_fail (LAB_IS_CONFUSION_VIEW (self));

  self->selected_true = true_class;
  self->selected_predicted = predicted_class;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
lab_confusion_view_get_cell_rect (LabConfusionView *self,
                                  guint             true_class,
                                  guint             predicted_class,
                                  GdkRectangle     *rect)
{
  const LabConfusionGeometry *g;

  g_return_val_if_fail (LAB_IS_CONFUSION_VIEW (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  g = &self->geometry;
  if (true_class >= g->n || predicted_class >= g->n || g->cell <= 0)
    return FALSE;
  *rect = (GdkRectangle) { (int) (g->x + predicted_class * g->cell),
                           (int) (g->y + true_class * g->cell),
                           (int) g->cell, (int) g->cell };
  return TRUE;
}

/* lab-chart.c: the chart widget: series, view, hover, zoom and pan
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget keeps the points and the view rectangle; every frame it hands a LabChartScene to
 * lab_chart_draw_scene () (lab-chart-draw.c). While the user has not zoomed or panned, the view
 * follows the data as it grows; a double-click returns to that.
 */
#define G_LOG_DOMAIN "lab-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-chart-private.h"

static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

G_DEFINE_FINAL_TYPE (LabChart, lab_chart, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_LOG_SCALE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
current_view (LabChart *self,
              double   *v)
{
  if (self->auto_fit)
    lab_chart_fit_view (self, v);
  else
    memcpy (v, self->view, sizeof self->view);
}

void
lab_chart_fill_scene (LabChart      *self,
                      LabChartScene *scene,
                      gboolean       dark)
{
  double v[4];

  g_return_if_fail (LAB_IS_CHART (self));

  current_view (self, v);
  *scene = (LabChartScene) {
    .title = self->title, .x_label = self->x_label, .y_label = self->y_label,
    .x_min = v[0], .x_max = v[1], .y_min = v[2], .y_max = v[3],
    .y_scale = self->scale, .show_diagonal = self->diagonal,
    .has_marker = self->has_marker, .marker_x = self->marker_x, .marker_y = self->marker_y,
    .marker_label = self->marker_label, .show_legend = TRUE,
    .series = g_new0 (LabChartSceneSeries, MAX (self->series->len, 1)),
    .n_series = self->series->len,
  };
  for (guint i = 0; i < self->series->len; i++)
    {
      LabChartSeries *s = g_ptr_array_index (self->series, i);

      lab_chart_series_update (s);
      scene->series[i] = (LabChartSceneSeries) {
        .name = s->name, .x = (double *) (void *) s->x->data, .y = (double *) (void *) s->y->data,
        .smooth = s->smooth->len == s->y->len ? (double *) (void *) s->smooth->data : NULL,
        .n = s->x->len, .sorted = s->sorted, .color = lab_chart_palette_color (s->color_index, dark),
        .flags = s->flags, .visible = s->visible, .hover = -1,
      };
      if (s->sorted && s->b_lo->len > 0)
        {
          scene->series[i].y_lo = (const gsize *) (void *) s->b_lo->data;
          scene->series[i].y_hi = (const gsize *) (void *) s->b_hi->data;
        }
      if (s->sorted && scene->series[i].smooth != NULL && s->s_lo->len > 0)
        {
          scene->series[i].smooth_lo = (const gsize *) (void *) s->s_lo->data;
          scene->series[i].smooth_hi = (const gsize *) (void *) s->s_hi->data;
        }
    }
}

/* Drawing. */

static void
resolve_colors (LabChart       *self,
                LabChartColors *c)
{
  GdkRGBA fg, bg, accent;
  double luminance;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, &fg);
  luminance = 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue;
  lab_chart_colors_init_default (c, luminance > 0.5);
  c->fg = fg;
  c->grid = fg;
  c->grid.alpha = c->dark ? 0.12 : 0.1;
  /* The widget draws on whatever it sits on (a card, the window). */
  c->bg.alpha = 0;
  if (gtk_style_context_lookup_color (context, "popover_bg_color", &bg))
    {
      c->legend_bg = bg;
      c->legend_bg.alpha = 0.94;
    }
  if (gtk_style_context_lookup_color (context, "accent_color", &accent))
    c->accent = accent;
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
lab_chart_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  LabChart *self = LAB_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  PangoFontDescription *font;
  LabChartColors colors;
  LabChartScene scene;
  cairo_t *cr;

  if (width < 2 || height < 2)
    return;
  resolve_colors (self, &colors);
  lab_chart_fill_scene (self, &scene, colors.dark);
  /* Tick labels a little smaller than body text, in the desktop's font. */
  font = pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  pango_font_description_set_size (font, pango_font_description_get_size (font) * 0.85);
  scene.font = font;
  scene.empty_text = _("No data yet");
  if (self->hover)
    {
      double x, y;

      scene.hover = TRUE;
      scene.hover_x = self->hover_x;
      lab_chart_scene_to_data (&scene, &self->plot, self->hover_x, self->plot.y, &x, &y);
      for (guint i = 0; i < scene.n_series; i++)
        if (scene.series[i].visible)
          scene.series[i].hover = lab_chart_nearest (scene.series[i].x, scene.series[i].y,
                                                     scene.series[i].n, scene.series[i].sorted, x);
    }
  if (self->drag == LAB_CHART_DRAG_BAND)
    {
      scene.band = TRUE;
      scene.band_x0 = self->drag_x;
      scene.band_y0 = self->drag_y;
      scene.band_x1 = self->drag_x + self->drag_dx;
      scene.band_y1 = self->drag_y + self->drag_dy;
    }
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->plot = lab_chart_draw_scene (cr, width, height, &scene, &colors);
  cairo_destroy (cr);
  pango_font_description_free (font);
  g_free (scene.series);
}

static void
lab_chart_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  LabChart *self = LAB_CHART (widget);

  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = MAX (*minimum, orientation == GTK_ORIENTATION_HORIZONTAL ? self->natural_width
                                                                     : self->natural_height);
  (void) for_size;
  (void) minimum_baseline;
  (void) natural_baseline;
}

static void
lab_chart_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (lab_chart_parent_class)->css_changed (widget, change);
  /* Colours are read at each frame: a light/dark switch only needs one. */
  gtk_widget_queue_draw (widget);
}

void
lab_chart_get_view (LabChart *self,
                    double   *view)
{
  g_return_if_fail (LAB_IS_CHART (self));
  current_view (self, view);
}

void
lab_chart_set_view (LabChart     *self,
                    const double *view)
{
  g_return_if_fail (LAB_IS_CHART (self));

  /* Refuse what cannot be drawn (zoomed beyond double precision, or a log view below 0). */
  if (!(view[1] - view[0] > 1e-12 * MAX (1.0, fabs (view[0]))) ||
      !(view[3] - view[2] > 1e-12 * MAX (1.0, fabs (view[2]))) ||
      !isfinite (view[0] + view[1] + view[2] + view[3]) ||
      (self->scale == LAB_CHART_SCALE_LOG && !(view[2] > 0)))
    return;
  memcpy (self->view, view, sizeof self->view);
  self->auto_fit = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The public API. */

GtkWidget *
lab_chart_new (void)
{
  return g_object_new (LAB_TYPE_CHART, NULL);
}

void
lab_chart_update_accessible (LabChart *self)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < self->series->len; i++)
    {
      LabChartSeries *s = g_ptr_array_index (self->series, i);

      if (s->name == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, s->name);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, names->str,
                                  -1);
}

void
lab_chart_set_title (LabChart   *self,
                     const char *title)
{
  g_return_if_fail (LAB_IS_CHART (self));

  if (set_str (&self->title, title))
    {
      lab_chart_update_accessible (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
lab_chart_set_axis_labels (LabChart   *self,
                           const char *x_label,
                           const char *y_label)
{
  g_return_if_fail (LAB_IS_CHART (self));

  set_str (&self->x_label, x_label);
  set_str (&self->y_label, y_label);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lab_chart_set_y_scale (LabChart      *self,
                       LabChartScale  scale)
{
  g_return_if_fail (LAB_IS_CHART (self));

  if (self->scale == scale)
    return;
  self->scale = scale;
  /* The old view means nothing on the other scale. */
  self->auto_fit = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
}

LabChartScale
lab_chart_get_y_scale (LabChart *self)
{
  g_return_val_if_fail (LAB_IS_CHART (self), LAB_CHART_SCALE_LINEAR);
  return self->scale;
}

void
lab_chart_set_limits (LabChart *self,
                      double    x_min,
                      double    x_max,
                      double    y_min,
                      double    y_max)
{
  g_return_if_fail (LAB_IS_CHART (self));

  self->limits[0] = x_min;
  self->limits[1] = x_max;
  self->limits[2] = y_min;
  self->limits[3] = y_max;
  self->auto_fit = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lab_chart_set_show_diagonal (LabChart *self,
                             gboolean  show)
{
  g_return_if_fail (LAB_IS_CHART (self));
  self->diagonal = !!show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lab_chart_clear (LabChart *self)
{
  g_return_if_fail (LAB_IS_CHART (self));

  g_ptr_array_set_size (self->series, 0);
  lab_chart_set_marker (self, 0, 0, NULL);
  self->auto_fit = TRUE;
  lab_chart_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lab_chart_set_marker (LabChart   *self,
                      double      x,
                      double      y,
                      const char *label)
{
  g_return_if_fail (LAB_IS_CHART (self));

  self->has_marker = label != NULL;
  self->marker_x = x;
  self->marker_y = y;
  set_str (&self->marker_label, label);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lab_chart_set_description (LabChart   *self,
                           const char *description)
{
  g_return_if_fail (LAB_IS_CHART (self));
  set_str (&self->description, description);
}

void
lab_chart_set_natural_size (LabChart *self,
                            int       width,
                            int       height)
{
  g_return_if_fail (LAB_IS_CHART (self));

  if (width >= 0)
    self->natural_width = width;
  if (height >= 0)
    self->natural_height = height;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
lab_chart_zoom_to_fit (LabChart *self)
{
  g_return_if_fail (LAB_IS_CHART (self));

  self->auto_fit = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GObject. */

static void
lab_chart_dispose (GObject *object)
{
  LabChart *self = LAB_CHART (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  G_OBJECT_CLASS (lab_chart_parent_class)->dispose (object);
}

static void
lab_chart_finalize (GObject *object)
{
  LabChart *self = LAB_CHART (object);

  g_ptr_array_unref (self->series);
  g_free (self->title);
  g_free (self->x_label);
  g_free (self->y_label);
  g_free (self->marker_label);
  g_free (self->description);
  G_OBJECT_CLASS (lab_chart_parent_class)->finalize (object);
}

static void
lab_chart_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LabChart *self = LAB_CHART (object);

  switch (prop_id)
    {
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, self->scale == LAB_CHART_SCALE_LOG);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lab_chart_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LabChart *self = LAB_CHART (object);

  switch (prop_id)
    {
    case PROP_LOG_SCALE:
      lab_chart_set_y_scale (self, g_value_get_boolean (value) ? LAB_CHART_SCALE_LOG
                                                               : LAB_CHART_SCALE_LINEAR);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lab_chart_class_init (LabChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_chart_dispose;
  object_class->finalize = lab_chart_finalize;
  object_class->get_property = lab_chart_get_property;
  object_class->set_property = lab_chart_set_property;
  widget_class->snapshot = lab_chart_snapshot;
  widget_class->measure = lab_chart_measure;
  widget_class->css_changed = lab_chart_css_changed;

  /* The y axis on a logarithmic scale (the "Log scale" menu item is this property). */
  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "labchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  lab_chart_class_init_input (widget_class);
}

static void
lab_chart_init (LabChart *self)
{
  self->series = g_ptr_array_new_with_free_func (lab_chart_series_free);
  for (guint i = 0; i < 4; i++)
    self->limits[i] = NAN;
  self->auto_fit = TRUE;
  self->natural_width = 480;
  self->natural_height = 260;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  lab_chart_update_accessible (self);
  lab_chart_init_input (self);
}

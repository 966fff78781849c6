/* lab-activation-view.c: every layer's output for one sample
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One card per layer. Flatten, Reshape and Dropout are left out: at inference they pass their
 * input on unchanged, so their card would repeat the one before.
 */
#define G_LOG_DOMAIN "lab-inside"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-activation-view.h"
#include "lab-sample-strip.h"

#define GAP        4.0
#define INPUT_SIZE 112

struct _LabActivationView
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  LabActivations *acts;
  char          **class_names;
  guint           true_class;
  GPtrArray      *areas;       /* drawing areas, to redraw when only values change */
  GPtrArray      *bars;        /* the output's GtkLevelBar per class */
  GPtrArray      *percents;    /* and their GtkLabel */
};

G_DEFINE_FINAL_TYPE (LabActivationView, lab_activation_view, GTK_TYPE_WIDGET)

static void
scale_for (GtkWidget                *widget,
           const LabLayerActivation *l,
           LabValueScale            *scale)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  lab_value_scale_fit (scale, l->values, l->size);
  scale->dark = dark;
  scale->mid = dark ? LAB_INSIDE_MID_DARK : LAB_INSIDE_MID_LIGHT;
}

static gboolean
is_map (const LabLayerActivation *l)
{
  return l->shape.ndim == 3;
}

/* A layer of a few units (two input features, a small hidden layer) reads better with its
 * values written in the cells, in black or white, whichever stands out on the cell. */
static void
draw_cell_numbers (GtkWidget                *widget,
                   cairo_t                  *cr,
                   const LabLayerActivation *l,
                   int                       width,
                   const LabValueScale      *scale)
{
  guint per_row, rows;
  double w;

  lab_heat_strip_layout (l->size, width, &per_row, &rows);
  w = (double) width / per_row;
  if (rows != 1 || w < 48)
    return;
  for (guint k = 0; k < l->size; k++)
    {
      g_autofree char *text = g_strdup_printf ("%.3g", l->values[k]);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      GdkRGBA c;
      int tw, th;

      lab_value_scale_color (scale, l->values[k], &c);
      pango_layout_get_pixel_size (layout, &tw, &th);
      if (tw > w - 4)
        continue;
      if (0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue > 0.5)
        cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, round (k * w + (w - tw) / 2), round ((LAB_HEAT_ROW_HEIGHT - 2 - th) / 2));
      pango_cairo_show_layout (cr, layout);
    }
}

static void
draw_layer (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  LabActivationView *self = LAB_ACTIVATION_VIEW (user_data);
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "layer"));
  const LabLayerActivation *l;
  LabValueScale scale;
  GdkRGBA frame;

  if (self->acts == NULL || i >= self->acts->n_layers)
    return;
  l = &self->acts->layers[i];
  if (i == 0 && is_map (l))
    {
      /* The input as the picture it is, like the thumbnails. */
      gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
      GdkRGBA bg = dark ? (GdkRGBA) { 0.12, 0.12, 0.12, 1 } : (GdkRGBA) { 1, 1, 1, 1 }, fg;

      lab_widget_fg_color (GTK_WIDGET (area), &fg);
      fg.alpha = 1;
      lab_draw_image_sample (cr, l->values, &l->shape, MIN (width, INPUT_SIZE), &bg, &fg);
      return;
    }
  scale_for (GTK_WIDGET (area), l, &scale);
  lab_widget_fg_color (GTK_WIDGET (area), &frame);
  frame.alpha = 0.15;
  if (is_map (l))
    lab_draw_feature_maps (cr, l->values, l->shape.dims[0], l->shape.dims[1], l->shape.dims[2],
                           width, GAP, &scale, &frame);
  else
    {
      lab_draw_heat_strip (cr, l->values, l->size, width, &scale);
      draw_cell_numbers (GTK_WIDGET (area), cr, l, width, &scale);
    }
}

/* Height for the width the area was given: the grid wraps. */
static void
on_area_resize_cb (GtkDrawingArea *area,
                   int             width,
                   int             height,
                   LabActivationView *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "layer"));
  const LabLayerActivation *l;
  int want;

  if (self->acts == NULL || i >= self->acts->n_layers)
    return;
  l = &self->acts->layers[i];
  if (i == 0 && is_map (l))
    want = MIN (width, INPUT_SIZE);
  else if (is_map (l))
    {
      guint cols, rows;
      double cell;

      lab_feature_grid_layout (l->shape.dims[0], l->shape.dims[2], l->shape.dims[1], width, GAP,
                               &cols, &rows, &cell);
      want = (int) ceil (rows * (cell + GAP) - GAP);
    }
  else
    {
      guint per_row, rows;

      lab_heat_strip_layout (l->size, width, &per_row, &rows);
      want = (int) (rows * LAB_HEAT_ROW_HEIGHT);
    }
  lab_drawing_area_set_height_later (area, want);
}

static const char *
layer_blurb (const LabLayerActivation *l)
{
  if (l->is_output)
    return _("How sure the network is of each class for this sample. The bold class is its "
             "prediction; the coloured one is the true label.");
  if (is_map (l))
    return _("One image per channel (feature map): where in the input this channel responds. "
             "Yellow is strong, dark violet zero; blue and orange mark negative and positive "
             "values when a layer has both.");
  return _("One cell per unit, in order: yellow units respond strongly to this sample, dark "
           "violet ones stay at zero; blue and orange mark negative and positive values.");
}

/* The channel or unit under the pointer, with its figures; the card's tooltip says what the
 * picture means. */
static gboolean
on_area_query_tooltip_cb (GtkWidget         *area,
                          int                x,
                          int                y,
                          gboolean           keyboard,
                          GtkTooltip        *tooltip,
                          LabActivationView *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "layer"));
  int width = gtk_widget_get_width (area);
  const LabLayerActivation *l;
  g_autofree char *text = NULL;

  if (self->acts == NULL || i >= self->acts->n_layers || keyboard)
    return FALSE;
  l = &self->acts->layers[i];
  if (i == 0 && is_map (l))
    return FALSE;
  if (is_map (l))
    {
      guint cols, rows, C = l->shape.dims[0], m;
      gsize plane = (gsize) l->shape.dims[1] * l->shape.dims[2];
      double cell, sum = 0;
      float top = -INFINITY;

      lab_feature_grid_layout (C, l->shape.dims[2], l->shape.dims[1], width, GAP, &cols, &rows, &cell);
      if (x >= cols * (cell + GAP) || fmod (x, cell + GAP) > cell || fmod (y, cell + GAP) > cell)
        return FALSE;
      m = (guint) (y / (cell + GAP)) * cols + (guint) (x / (cell + GAP));
      if (m >= C)
        return FALSE;
      for (gsize k = 0; k < plane; k++)
        {
          top = MAX (top, l->values[m * plane + k]);
          sum += l->values[m * plane + k];
        }
      /* translators: a feature map's tooltip, "Channel 5 of 32: strongest 2.31, mean 0.4" */
      text = g_strdup_printf (_("Channel %u of %u: strongest %.3g, mean %.3g"), m + 1, C,
                              top, sum / plane);
    }
  else
    {
      guint per_row, rows, u;
      double w;

      lab_heat_strip_layout (l->size, width, &per_row, &rows);
      w = (double) width / per_row;
      u = (guint) (y / LAB_HEAT_ROW_HEIGHT) * per_row + (guint) (x / w);
      if (u >= l->size)
        return FALSE;
      /* translators: a unit's tooltip, "Unit 12 of 64: 0.83" */
      text = g_strdup_printf (_("Unit %u of %u: %.3g"), u + 1, (guint) l->size, l->values[u]);
    }
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static gboolean
skipped (const LabLayerActivation *l)
{
  return g_strcmp0 (l->type_name, "Flatten") == 0 || g_strcmp0 (l->type_name, "Reshape") == 0 ||
         g_strcmp0 (l->type_name, "Dropout") == 0;
}

static void
add_output_bars (LabActivationView        *self,
                 GtkWidget                *card,
                 const LabLayerActivation *l)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  for (guint k = 0; k < l->size; k++)
    {
      g_autofree char *fallback = g_strdup_printf (_("Class %u"), k);
      const char *name = self->class_names != NULL && self->class_names[0] != NULL &&
                         k < g_strv_length (self->class_names) ? self->class_names[k] : fallback;
      GtkWidget *label = gtk_label_new (name);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
      GtkWidget *pct = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 10);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_label_set_xalign (GTK_LABEL (pct), 1);
      gtk_label_set_width_chars (GTK_LABEL (pct), 7);
      gtk_widget_add_css_class (pct, "numeric");
      gtk_grid_attach (GTK_GRID (grid), label, 0, k, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), bar, 1, k, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), pct, 2, k, 1, 1);
      g_ptr_array_add (self->bars, bar);
      g_ptr_array_add (self->percents, pct);
    }
  gtk_box_append (GTK_BOX (card), grid);
}

static void
update_output_bars (LabActivationView *self)
{
  const LabLayerActivation *l = NULL;
  guint best = 0;

  for (guint i = 0; self->acts != NULL && i < self->acts->n_layers; i++)
    if (self->acts->layers[i].is_output)
      l = &self->acts->layers[i];
  if (l == NULL || l->size != self->bars->len)
    return;
  for (guint k = 1; k < l->size; k++)
    if (l->values[k] > l->values[best])
      best = k;
  for (guint k = 0; k < l->size; k++)
    {
      g_autofree char *text = g_strdup_printf ("%.1f %%", l->values[k] * 100);
      GtkWidget *label = gtk_widget_get_prev_sibling (g_ptr_array_index (self->bars, k));

      gtk_level_bar_set_value (g_ptr_array_index (self->bars, k), CLAMP (l->values[k], 0, 1));
      gtk_label_set_text (g_ptr_array_index (self->percents, k), text);
      /* The prediction in bold, the true class in the accent colour. */
      if (k == best)
        gtk_widget_add_css_class (label, "heading");
      else
        gtk_widget_remove_css_class (label, "heading");
      if (k == self->true_class)
        gtk_widget_add_css_class (label, "accent");
      else
        gtk_widget_remove_css_class (label, "accent");
    }
}

static void
rebuild (LabActivationView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  g_ptr_array_set_size (self->areas, 0);
  g_ptr_array_set_size (self->bars, 0);
  g_ptr_array_set_size (self->percents, 0);
  if (self->acts == NULL)
    return;

  for (guint i = 0; i < self->acts->n_layers; i++)
    {
      const LabLayerActivation *l = &self->acts->layers[i];
      GtkWidget *card, *inner, *header, *title, *detail;
      g_autofree char *shape = lab_shape_to_string (&l->shape);
      g_autofree char *info = NULL;

      if (skipped (l))
        continue;
      card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_add_css_class (card, "card");
      inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_margin_start (inner, 12);
      gtk_widget_set_margin_end (inner, 12);
      gtk_widget_set_margin_top (inner, 12);
      gtk_widget_set_margin_bottom (inner, 12);
      gtk_box_append (GTK_BOX (card), inner);
      header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      title = gtk_label_new (l->name);
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (title, TRUE);
      /* translators: a layer's type and output shape, "Conv2D · 32×28×28" */
      info = g_strdup_printf (_("%s · %s"), i == 0 ? _("Input") : l->type_name, shape);
      detail = gtk_label_new (info);
      gtk_widget_add_css_class (detail, "dim-label");
      gtk_widget_add_css_class (detail, "caption");
      gtk_box_append (GTK_BOX (header), title);
      gtk_box_append (GTK_BOX (header), detail);
      gtk_box_append (GTK_BOX (inner), header);
      gtk_widget_set_tooltip_text (card, layer_blurb (l));
      if (l->is_output && l->size > 1 && l->size <= 100)
        add_output_bars (self, inner, l);
      else
        {
          GtkWidget *area = gtk_drawing_area_new ();

          g_object_set_data (G_OBJECT (area), "layer", GUINT_TO_POINTER (i));
          gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_layer, self, NULL);
          gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 24);
          g_signal_connect (area, "resize", G_CALLBACK (on_area_resize_cb), self);
          gtk_widget_set_has_tooltip (area, TRUE);
          g_signal_connect (area, "query-tooltip", G_CALLBACK (on_area_query_tooltip_cb), self);
          gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          info, -1);
          gtk_box_append (GTK_BOX (inner), area);
          g_ptr_array_add (self->areas, area);
        }
      gtk_box_append (GTK_BOX (self->box), card);
    }
  update_output_bars (self);
}

static gboolean
same_structure (const LabActivations *a,
                const LabActivations *b)
{
  if (a == NULL || b == NULL || a->n_layers != b->n_layers)
    return FALSE;
  for (guint i = 0; i < a->n_layers; i++)
    if (g_strcmp0 (a->layers[i].name, b->layers[i].name) != 0 ||
        !lab_shape_equal (&a->layers[i].shape, &b->layers[i].shape))
      return FALSE;
  return TRUE;
}

void
lab_activation_view_set_activations (LabActivationView  *self,
                                     LabActivations     *acts,
                                     const char * const *class_names,
                                     guint               true_class)
{
  gboolean same;
  gboolean names_same;

  g_return_if_fail (LAB_IS_ACTIVATION_VIEW (self));

  same = same_structure (self->acts, acts);
  names_same = (class_names == NULL && self->class_names == NULL) ||
               (class_names != NULL && self->class_names != NULL &&
                g_strv_equal ((const char * const *) self->class_names, class_names));
  g_clear_pointer (&self->acts, lab_activations_free);
  self->acts = acts;
  self->true_class = true_class;
  if (!names_same)
    {
      g_strfreev (self->class_names);
      self->class_names = g_strdupv ((char **) class_names);
    }
  if (same && names_same)
    {
      for (guint i = 0; i < self->areas->len; i++)
        gtk_widget_queue_draw (g_ptr_array_index (self->areas, i));
      update_output_bars (self);
      return;
    }
  rebuild (self);
}

static void
lab_activation_view_dispose (GObject *object)
{
  LabActivationView *self = LAB_ACTIVATION_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (lab_activation_view_parent_class)->dispose (object);
}

static void
lab_activation_view_finalize (GObject *object)
{
  LabActivationView *self = LAB_ACTIVATION_VIEW (object);

  g_clear_pointer (&self->acts, lab_activations_free);
  g_strfreev (self->class_names);
  g_ptr_array_unref (self->areas);
  g_ptr_array_unref (self->bars);
  g_ptr_array_unref (self->percents);
  G_OBJECT_CLASS (lab_activation_view_parent_class)->finalize (object);
}

static void
lab_activation_view_class_init (LabActivationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_activation_view_dispose;
  object_class->finalize = lab_activation_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lab_activation_view_init (LabActivationView *self)
{
  self->areas = g_ptr_array_new ();
  self->bars = g_ptr_array_new ();
  self->percents = g_ptr_array_new ();
  self->true_class = G_MAXUINT;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Activations of every layer"), -1);
}

GtkWidget *
lab_activation_view_new (void)
{
  return g_object_new (LAB_TYPE_ACTIVATION_VIEW, NULL);
}

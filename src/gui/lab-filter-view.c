/* lab-filter-view.c: what the layers look for: conv kernels and first dense weights as images
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-inside"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-activation-view.h"
#include "lab-filter-view.h"
#include "lab-sample-strip.h"

#define GAP 4.0
#define MAX_UNITS 256   /* a wider Dense layer shows its first units only */

struct _LabFilterView
{
  GtkWidget     parent_instance;

  GtkWidget    *stack;
  GtkWidget    *box;
  LabFilterSet *set;
  GPtrArray    *areas;
};

G_DEFINE_FINAL_TYPE (LabFilterView, lab_filter_view, GTK_TYPE_WIDGET)

static void
add_conv (GArray        *layers,
          const LabStep *step,
          const float   *w)     /* (F, C, k, k) */
{
  LabFilterImages f = { 0 };
  const LabShape *s = &step->params[0].shape;
  guint F = s->dims[0], C = s->dims[1], kh = s->dims[2], kw = s->dims[3];
  gsize plane = (gsize) kh * kw;

  f.layer = g_strdup (step->name);
  f.n = F;
  f.h = kh;
  f.w = kw;
  f.images = g_new0 (float, F * plane);
  for (guint o = 0; o < F; o++)
    for (guint c = 0; c < C; c++)
      for (gsize k = 0; k < plane; k++)
        f.images[o * plane + k] += w[((gsize) o * C + c) * plane + k] / C;
  if (C == 1)
    f.caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u kernel of %u×%u",
                                              "%u kernels of %u×%u", F), F, kh, kw);
  else
    /* translators: "32 kernels of 3×3, averaged over their 16 input channels" */
    f.caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u kernel of %u×%u, averaged over its %u input channels",
                                              "%u kernels of %u×%u, averaged over their %u input channels", F),
                                 F, kh, kw, C);
  g_array_append_val (layers, f);
}

static void
add_dense (GArray        *layers,
           const LabStep *step,
           const float   *w,         /* (units, C·H·W) */
           const LabShape *in)
{
  LabFilterImages f = { 0 };
  guint units = step->params[0].shape.dims[0];
  guint C = in->dims[0], H = in->dims[1], W = in->dims[2];
  gsize plane = (gsize) H * W;

  f.layer = g_strdup (step->name);
  f.n = MIN (units, MAX_UNITS);
  f.h = H;
  f.w = W;
  f.images = g_new0 (float, f.n * plane);
  for (guint u = 0; u < f.n; u++)
    for (guint c = 0; c < C; c++)
      for (gsize k = 0; k < plane; k++)
        f.images[u * plane + k] += w[(gsize) u * C * plane + c * plane + k] / C;
  if (units > f.n)
    /* translators: "the first 256 of 512 units' weights, as images of the input" */
    f.caption = g_strdup_printf (_("The weights of the first %u of %u units, as images of the "
                                   "input"), f.n, units);
  else
    f.caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The weights of its %u unit, as an image of the input",
                                              "The weights of its %u units, as images of the input",
                                              units), units);
  g_array_append_val (layers, f);
}

LabFilterSet *
lab_filter_set_from_network (LabNetwork *net)
{
  g_autoptr(GArray) layers = g_array_new (FALSE, TRUE, sizeof (LabFilterImages));
  gboolean dense_done = FALSE;
  LabFilterSet *self;

  g_return_val_if_fail (net != NULL, NULL);

  for (guint i = 1; i < net->n_steps; i++)
    {
      const LabStep *step = &net->steps[i];
      const float *w = net->params + step->param_offset;

      if (step->n_params == 0)
        continue;
      if (step->type == &lab_layer_conv2d && step->params[0].shape.ndim == 4)
        add_conv (layers, step, w);
      /* A Dense layer that reads the flattened image, through copies only. */
      else if (step->type == &lab_layer_dense && !dense_done && net->in_shape.ndim == 3 &&
               step->info.in_shape[0].dims[0] == net->in_size)
        {
          const LabStep *src = &net->steps[step->inputs[0]];

          while (src != &net->steps[0] && (src->type == &lab_layer_flatten ||
                                           src->type == &lab_layer_reshape ||
                                           src->type == &lab_layer_dropout))
            src = &net->steps[src->inputs[0]];
          if (src == &net->steps[0])
            {
              add_dense (layers, step, w, &net->in_shape);
              dense_done = TRUE;
            }
        }
    }
  if (layers->len == 0)
    return NULL;
  self = g_new0 (LabFilterSet, 1);
  self->n_layers = layers->len;
  self->layers = (LabFilterImages *) (void *) g_array_free (g_steal_pointer (&layers), FALSE);
  return self;
}

void
lab_filter_set_free (LabFilterSet *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_layers; i++)
    {
      g_free (self->layers[i].layer);
      g_free (self->layers[i].caption);
      g_free (self->layers[i].images);
    }
  g_free (self->layers);
  g_free (self);
}

/* The widget */

static void
draw_filters (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  LabFilterView *self = LAB_FILTER_VIEW (user_data);
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "layer"));
  const LabFilterImages *f;
  LabValueScale scale;
  GdkRGBA frame;
  guint cols, rows;
  double cell;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (self->set == NULL || i >= self->set->n_layers)
    return;
  f = &self->set->layers[i];
  lab_widget_fg_color (GTK_WIDGET (area), &frame);
  frame.alpha = 0.15;
  lab_feature_grid_layout (f->n, f->w, f->h, width, GAP, &cols, &rows, &cell);
  /* Each filter on its own scale, as weight pictures usually are: a few large weights elsewhere
   * would otherwise wash out its pattern. Signed, so always diverging, grey at zero. */
  for (guint m = 0; m < f->n; m++)
    {
      const float *img = f->images + (gsize) m * f->h * f->w;

      lab_value_scale_fit (&scale, img, (gsize) f->h * f->w);
      if (!scale.diverging)
        {
          scale.diverging = TRUE;
          scale.lo = -scale.hi;
        }
      scale.dark = dark;
      scale.mid = dark ? LAB_INSIDE_MID_DARK : LAB_INSIDE_MID_LIGHT;
      cairo_save (cr);
      cairo_translate (cr, (m % cols) * (cell + GAP), (m / cols) * (cell + GAP));
      lab_draw_feature_maps (cr, img, 1, f->h, f->w, width, GAP, &scale, &frame);
      cairo_restore (cr);
    }
}

static void
on_area_resize_cb (GtkDrawingArea *area,
                   int             width,
                   int             height,
                   LabFilterView  *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "layer"));
  const LabFilterImages *f;
  guint cols, rows;
  double cell;
  int want;

  if (self->set == NULL || i >= self->set->n_layers)
    return;
  f = &self->set->layers[i];
  lab_feature_grid_layout (f->n, f->w, f->h, width, GAP, &cols, &rows, &cell);
  want = (int) ceil (rows * (cell + GAP) - GAP);
  lab_drawing_area_set_height_later (area, want);
}

static gboolean
same_structure (const LabFilterSet *a,
                const LabFilterSet *b)
{
  if (a == NULL || b == NULL || a->n_layers != b->n_layers)
    return FALSE;
  for (guint i = 0; i < a->n_layers; i++)
    if (g_strcmp0 (a->layers[i].layer, b->layers[i].layer) != 0 || a->layers[i].n != b->layers[i].n ||
        a->layers[i].h != b->layers[i].h || a->layers[i].w != b->layers[i].w)
      return FALSE;
  return TRUE;
}

static void
rebuild (LabFilterView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  g_ptr_array_set_size (self->areas, 0);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), self->set != NULL ? "filters" : "empty");
  if (self->set == NULL)
    return;
  for (guint i = 0; i < self->set->n_layers; i++)
    {
      const LabFilterImages *f = &self->set->layers[i];
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *title = gtk_label_new (f->layer);
      GtkWidget *caption = gtk_label_new (f->caption);
      GtkWidget *area = gtk_drawing_area_new ();

      gtk_widget_add_css_class (card, "card");
      gtk_widget_set_margin_start (inner, 12);
      gtk_widget_set_margin_end (inner, 12);
      gtk_widget_set_margin_top (inner, 12);
      gtk_widget_set_margin_bottom (inner, 12);
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_widget_add_css_class (caption, "caption");
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_label_set_xalign (GTK_LABEL (caption), 1);
      gtk_box_append (GTK_BOX (header), title);
      gtk_box_append (GTK_BOX (header), caption);
      gtk_box_append (GTK_BOX (inner), header);
      g_object_set_data (G_OBJECT (area), "layer", GUINT_TO_POINTER (i));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_filters, self, NULL);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 24);
      g_signal_connect (area, "resize", G_CALLBACK (on_area_resize_cb), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      f->caption, -1);
      gtk_widget_set_tooltip_text (area, _("Each square is one filter’s weights, on its own "
                                           "scale: orange where it adds the input, blue where "
                                           "it subtracts it, grey where it ignores it. Random "
                                           "noise at first; trained filters often look like "
                                           "edge and blob detectors."));
      gtk_box_append (GTK_BOX (inner), area);
      gtk_box_append (GTK_BOX (card), inner);
      gtk_box_append (GTK_BOX (self->box), card);
      g_ptr_array_add (self->areas, area);
    }
}

void
lab_filter_view_set_filters (LabFilterView *self,
                             LabFilterSet  *set)
{
  gboolean same;

  g_return_if_fail (LAB_IS_FILTER_VIEW (self));

  same = same_structure (self->set, set);
  g_clear_pointer (&self->set, lab_filter_set_free);
  self->set = set;
  if (same)
    {
      for (guint i = 0; i < self->areas->len; i++)
        gtk_widget_queue_draw (g_ptr_array_index (self->areas, i));
      return;
    }
  rebuild (self);
}

gboolean
lab_filter_view_is_empty (LabFilterView *self)
{
  g_return_val_if_fail (LAB_IS_FILTER_VIEW (self), TRUE);

  return self->set == NULL;
}

static void
lab_filter_view_dispose (GObject *object)
{
  LabFilterView *self = LAB_FILTER_VIEW (object);

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  G_OBJECT_CLASS (lab_filter_view_parent_class)->dispose (object);
}

static void
lab_filter_view_finalize (GObject *object)
{
  LabFilterView *self = LAB_FILTER_VIEW (object);

  g_clear_pointer (&self->set, lab_filter_set_free);
  g_ptr_array_unref (self->areas);
  G_OBJECT_CLASS (lab_filter_view_parent_class)->finalize (object);
}

static void
lab_filter_view_class_init (LabFilterViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_filter_view_dispose;
  object_class->finalize = lab_filter_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lab_filter_view_init (LabFilterView *self)
{
  GtkWidget *empty = adw_status_page_new ();

  self->areas = g_ptr_array_new ();
  self->stack = gtk_stack_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "view-grid-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Filters to Show"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Filters are the weights of Conv2D layers, and of a Dense "
                                     "layer that reads an image directly. This network has "
                                     "neither."));
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), self->box, "filters");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filters of the convolution layers"), -1);
}

GtkWidget *
lab_filter_view_new (void)
{
  return g_object_new (LAB_TYPE_FILTER_VIEW, NULL);
}

/* lab-health-histograms.c: every tensor's weight and gradient histograms over time
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per parameter tensor: its name, then the history of its weights and of its gradients
 * side by side (lab_draw_histogram_history), each with the latest range and norm below.
 */
#define G_LOG_DOMAIN "lab-inside"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "lab-health-view.h"
#include "lab-sample-strip.h"

#define MAX_COLUMNS 96    /* histograms kept per tensor; halved when full, so the whole run stays */

typedef struct
{
  GPtrArray *w;        /* LabHistogram * over time */
  GPtrArray *g;
  GtkWidget *w_area;
  GtkWidget *g_area;
  GtkWidget *w_caption;
  GtkWidget *g_caption;
} TensorHistory;

struct _LabHistogramBoard
{
  GtkWidget   parent_instance;

  GtkWidget  *grid;
  GHashTable *histories;    /* "layer.tensor" → TensorHistory */
  GPtrArray  *order;        /* keys of histories in network order */
};

G_DEFINE_FINAL_TYPE (LabHistogramBoard, lab_histogram_board, GTK_TYPE_WIDGET)

static void
histogram_free (LabHistogram *h)
{
  lab_histogram_clear (h);
  g_free (h);
}

static void
tensor_history_free (TensorHistory *t)
{
  g_ptr_array_unref (t->w);
  g_ptr_array_unref (t->g);
  g_free (t);
}

static void
draw_history (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  GPtrArray *hists = user_data;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  gboolean grads = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "grads"));
  GdkRGBA color = lab_class_color (grads ? 1 : 0, dark);
  GdkRGBA bg;

  if (!lab_widget_lookup_color (GTK_WIDGET (area), "view_bg_color", &bg) || bg.alpha < 1)
    bg = dark ? (GdkRGBA) { 0.118, 0.118, 0.118, 1 } : (GdkRGBA) { 1, 1, 1, 1 };

  lab_draw_histogram_history (cr, (const LabHistogram * const *) hists->pdata, hists->len,
                              width, height, &color, &bg);
}

static GtkWidget *
history_area (GPtrArray  *hists,
              gboolean    grads,
              const char *name)
{
  GtkWidget *area = gtk_drawing_area_new ();
  g_autofree char *label = g_strdup_printf (grads ? _("Gradients of %s over time")
                                                  : _("Weights of %s over time"), name);

  g_object_set_data (G_OBJECT (area), "grads", GINT_TO_POINTER (grads));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 64);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_history, hists, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (area, grads
    ? _("The spread of this tensor’s gradients at each check, oldest on the left, values from "
        "bottom to top, darker where more of them lie. A band that shrinks towards zero while "
        "the loss is still high hints at vanishing gradients; one that widens fast at "
        "exploding ones.")
    : _("The spread of this tensor’s weights at each check, oldest on the left, values from "
        "bottom to top, darker where more of them lie. Weights that spread out steadily are "
        "learning; a sudden blow-up hints at a learning rate that is too high."));
  return area;
}

static GtkWidget *
caption_label (void)
{
  GtkWidget *l = gtk_label_new (NULL);

  gtk_widget_add_css_class (l, "caption");
  gtk_widget_add_css_class (l, "dim-label");
  gtk_widget_add_css_class (l, "numeric");
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  return l;
}

static void
push (GPtrArray    *hists,
      LabHistogram *h)
{
  LabHistogram *copy = g_new (LabHistogram, 1);

  *copy = *h;
  h->counts = NULL;   /* stolen */
  if (hists->len >= MAX_COLUMNS)
    for (guint i = 0; i < hists->len; i++)   /* every other one goes: half the density */
      g_ptr_array_remove_index (hists, i);
  g_ptr_array_add (hists, copy);
}

void
lab_histogram_board_add (LabHistogramBoard  *self,
                         LabParamHistograms *h)
{
  g_return_if_fail (LAB_IS_HISTOGRAM_BOARD (self));

  for (guint i = 0; i < h->n_tensors; i++)
    {
      LabTensorHistogram *t = &h->tensors[i];
      g_autofree char *key = g_strdup_printf ("%s.%s", t->layer, t->tensor);
      TensorHistory *th = g_hash_table_lookup (self->histories, key);
      g_autofree char *wtext = NULL, *gtext = NULL;

      if (th == NULL)
        {
          GtkWidget *name = gtk_label_new (key);
          guint row = self->order->len + 1;

          th = g_new0 (TensorHistory, 1);
          th->w = g_ptr_array_new_with_free_func ((GDestroyNotify) histogram_free);
          th->g = g_ptr_array_new_with_free_func ((GDestroyNotify) histogram_free);
          th->w_area = history_area (th->w, FALSE, key);
          th->g_area = history_area (th->g, TRUE, key);
          th->w_caption = caption_label ();
          th->g_caption = caption_label ();
          gtk_label_set_xalign (GTK_LABEL (name), 0);
          gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
          gtk_label_set_width_chars (GTK_LABEL (name), 14);
          gtk_widget_set_valign (name, GTK_ALIGN_START);
          /* Weights and gradients in equal halves, whatever their captions say. */
          {
            GtkWidget *pair = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
            GtkWidget *wbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
            GtkWidget *gbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

            gtk_box_set_homogeneous (GTK_BOX (pair), TRUE);
            gtk_widget_set_hexpand (pair, TRUE);
            gtk_label_set_ellipsize (GTK_LABEL (th->w_caption), PANGO_ELLIPSIZE_END);
            gtk_label_set_ellipsize (GTK_LABEL (th->g_caption), PANGO_ELLIPSIZE_END);
            gtk_box_append (GTK_BOX (wbox), th->w_area);
            gtk_box_append (GTK_BOX (wbox), th->w_caption);
            gtk_box_append (GTK_BOX (gbox), th->g_area);
            gtk_box_append (GTK_BOX (gbox), th->g_caption);
            gtk_box_append (GTK_BOX (pair), wbox);
            gtk_box_append (GTK_BOX (pair), gbox);
            gtk_grid_attach (GTK_GRID (self->grid), name, 0, row, 1, 1);
            gtk_grid_attach (GTK_GRID (self->grid), pair, 1, row, 1, 1);
          }
          g_ptr_array_add (self->order, g_strdup (key));
          g_hash_table_insert (self->histories, g_strdup (key), th);
        }
      /* translators: a histogram's range and the tensor's norm, "−0.31 … 0.29 · ‖w‖ 4.12" */
      wtext = g_strdup_printf (_("%.3g … %.3g · norm %.3g"), t->weights.min, t->weights.max, t->weights.norm);
      gtk_label_set_text (GTK_LABEL (th->w_caption), wtext);
      push (th->w, &t->weights);
      if (t->trainable)
        {
          gtk_label_set_text (GTK_LABEL (th->g_caption),
                              (gtext = g_strdup_printf (_("%.3g … %.3g · norm %.3g"), t->grads.min,
                                                        t->grads.max, t->grads.norm)));
          push (th->g, &t->grads);
        }
      else
        gtk_label_set_text (GTK_LABEL (th->g_caption), _("Frozen: no gradient"));
      gtk_widget_queue_draw (th->w_area);
      gtk_widget_queue_draw (th->g_area);
    }
}

guint
lab_histogram_board_get_n_tensors (LabHistogramBoard *self)
{
  g_return_val_if_fail (LAB_IS_HISTOGRAM_BOARD (self), 0);

  return self->order->len;
}

void
lab_histogram_board_clear (LabHistogramBoard *self)
{
  GtkWidget *child;

  g_return_if_fail (LAB_IS_HISTOGRAM_BOARD (self));

  /* The areas draw from the histories: they go first. */
  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
  g_hash_table_remove_all (self->histories);
  g_ptr_array_set_size (self->order, 0);
}

static void
lab_histogram_board_dispose (GObject *object)
{
  LabHistogramBoard *self = LAB_HISTOGRAM_BOARD (object);

  g_clear_pointer (&self->grid, gtk_widget_unparent);
  G_OBJECT_CLASS (lab_histogram_board_parent_class)->dispose (object);
}

static void
lab_histogram_board_finalize (GObject *object)
{
  LabHistogramBoard *self = LAB_HISTOGRAM_BOARD (object);

  g_hash_table_unref (self->histories);
  g_ptr_array_unref (self->order);
  G_OBJECT_CLASS (lab_histogram_board_parent_class)->finalize (object);
}

static void
lab_histogram_board_class_init (LabHistogramBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_histogram_board_dispose;
  object_class->finalize = lab_histogram_board_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lab_histogram_board_init (LabHistogramBoard *self)
{
  self->histories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) tensor_history_free);
  self->order = g_ptr_array_new_with_free_func (g_free);
  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 9);
  gtk_widget_set_margin_start (self->grid, 12);
  gtk_widget_set_margin_end (self->grid, 12);
  gtk_widget_set_margin_top (self->grid, 12);
  gtk_widget_set_margin_bottom (self->grid, 12);
  gtk_widget_set_parent (self->grid, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Weight and gradient histograms over time"), -1);
}

GtkWidget *
lab_histogram_board_new (void)
{
  return g_object_new (LAB_TYPE_HISTOGRAM_BOARD, NULL);
}

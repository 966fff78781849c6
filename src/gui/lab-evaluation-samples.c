/* lab-evaluation-samples.c: the samples behind one cell of the confusion matrix
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A click on a cell opens a popover with the samples of that cell, the most confident
 * predictions first (for a mistake, the ones the model was surest about are the most telling):
 * images as thumbnails, other data as rows of feature values.
 */
#define G_LOG_DOMAIN "lab-evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-evaluation-private.h"

#define MAX_SHOWN   60
#define THUMB_SIZE  56
#define MAX_FEATURES 6

typedef struct
{
  guint32 index;
  float   score;
} Ranked;

static int
ranked_compare (const void *pa,
                const void *pb)
{
  const Ranked *a = pa, *b = pb;

  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  return (a->index > b->index) - (a->index < b->index);
}

/* The score the model gave the class it predicted. */
static float
predicted_score (const LabEvalSnapshot *s,
                 gsize                  i,
                 guint                  predicted)
{
  if (lab_eval_snapshot_is_binary (s))
    {
      float p = lab_eval_snapshot_positive_score (s, i);

      return predicted == 1 ? p : 1.0f - p;
    }
  return s->scores[i * s->out_size + predicted];
}

gsize
lab_eval_cell_samples (const LabEvalSnapshot *snapshot,
                       guint                  true_class,
                       guint                  predicted_class,
                       double                 threshold,
                       GArray                *indices,
                       guint                  max)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));

  g_return_val_if_fail (snapshot != NULL && indices != NULL, 0);

  for (gsize i = 0; i < snapshot->n; i++)
    if (snapshot->targets[i] == (float) true_class &&
        lab_eval_snapshot_predict (snapshot, i, threshold) == predicted_class)
      {
        Ranked r = { (guint32) i, predicted_score (snapshot, i, predicted_class) };

        g_array_append_val (ranked, r);
      }
  g_array_sort (ranked, ranked_compare);
  for (guint k = 0; k < MIN (ranked->len, max); k++)
    g_array_append_val (indices, g_array_index (ranked, Ranked, k).index);
  return ranked->len;
}

static gboolean
is_image (const LabDataset *data)
{
  return data->x_shape.ndim == 3 && (data->x_shape.dims[0] == 1 || data->x_shape.dims[0] == 3) &&
         data->x_shape.dims[1] >= 4 && data->x_shape.dims[2] >= 4;
}

GdkTexture *
lab_eval_sample_texture (const LabDataset *data,
                         gsize             index)
{
  guint C, H, W, scale;
  const float *x;
  float lo = INFINITY, hi = -INFINITY;
  guint8 *pixels;
  gsize stride;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (data != NULL && index < data->n, NULL);

  if (!is_image (data))
    return NULL;
  C = data->x_shape.dims[0];
  H = data->x_shape.dims[1];
  W = data->x_shape.dims[2];
  x = data->x + index * data->x_dim;
  /* The prepared data may be standardised: stretch each image to the full grey range. */
  for (gsize i = 0; i < data->x_dim; i++)
    {
      lo = MIN (lo, x[i]);
      hi = MAX (hi, x[i]);
    }
  /* Upscaled with nearest neighbours: a smoothed 28×28 image would blur. */
  scale = MAX (1u, THUMB_SIZE / MAX (H, W));
  stride = (gsize) W * scale * 3;
  pixels = g_malloc ((gsize) H * scale * stride);
  for (guint r = 0; r < H * scale; r++)
    for (guint c = 0; c < W * scale; c++)
      for (guint k = 0; k < 3; k++)
        {
          float v = x[((gsize) (C == 3 ? k : 0) * H + r / scale) * W + c / scale];
          double t = hi > lo ? (v - lo) / (hi - lo) : 0.0;

          pixels[r * stride + c * 3 + k] = (guint8) lround (255.0 * t);
        }
  bytes = g_bytes_new_take (pixels, (gsize) H * scale * stride);
  return gdk_memory_texture_new ((int) (W * scale), (int) (H * scale), GDK_MEMORY_R8G8B8,
                                 bytes, stride);
}

static char *
name_of (const char * const *names,
         guint               k)
{
  if (names != NULL && names[k] != NULL)
    return g_strdup (names[k]);
  return g_strdup_printf ("%u", k);
}

static char *
sample_tooltip (const LabEvalSnapshot *s,
                const char * const    *names,
                gsize                  i,
                guint                  true_class,
                guint                  predicted)
{
  g_autofree char *t = name_of (names, true_class);
  g_autofree char *p = name_of (names, predicted);
  float ps = predicted_score (s, i, predicted);

  if (true_class == predicted)
    return g_strdup_printf (_("Sample %zu: “%s”, predicted with probability %.2f."), i, t, ps);
  return g_strdup_printf (_("Sample %zu: “%s”, predicted as “%s” with probability %.2f "
                            "(“%s” got %.2f)."),
                          i, t, p, ps, t, predicted_score (s, i, true_class));
}

static GtkWidget *
image_grid (const LabEvalSnapshot *s,
            const LabDataset      *data,
            const char * const    *names,
            GArray                *indices,
            guint                  true_class,
            guint                  predicted)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 8);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  for (guint k = 0; k < indices->len; k++)
    {
      guint32 i = g_array_index (indices, guint32, k);
      g_autoptr(GdkTexture) texture = lab_eval_sample_texture (data, i);
      g_autofree char *tip = sample_tooltip (s, names, i, true_class, predicted);
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
      /* Its own size, not the flow box cell's, so that the card's corners frame the image. */
      gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (picture, tip);
      gtk_widget_add_css_class (picture, "card");
      gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), picture);
    }
  return flow;
}

static GtkWidget *
cell_label (const char *text,
            gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_widget_add_css_class (label, header ? "caption-heading" : "numeric");
  if (header)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
feature_table (const LabEvalSnapshot *s,
               const LabDataset      *data,
               const char * const    *names,
               GArray                *indices,
               guint                  predicted)
{
  GtkWidget *grid = gtk_grid_new ();
  guint n_features = (guint) MIN (data->x_dim, (gsize) MAX_FEATURES);
  g_autofree char *pred_name = name_of (names, predicted);
  g_autofree char *prob = g_strdup_printf (_("P(“%s”)"), pred_name);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_attach (GTK_GRID (grid), cell_label (_("Sample"), TRUE), 0, 0, 1, 1);
  for (guint f = 0; f < n_features; f++)
    {
      g_autofree char *fallback = g_strdup_printf ("x%u", f + 1);
      const char *name = data->feature_names != NULL ? data->feature_names[f] : fallback;

      gtk_grid_attach (GTK_GRID (grid), cell_label (name, TRUE), (int) f + 1, 0, 1, 1);
    }
  gtk_grid_attach (GTK_GRID (grid), cell_label (prob, TRUE), (int) n_features + 1, 0, 1, 1);

  for (guint k = 0; k < indices->len; k++)
    {
      guint32 i = g_array_index (indices, guint32, k);
      g_autofree char *index_text = g_strdup_printf ("%u", i);
      g_autofree char *p_text = g_strdup_printf ("%.3f", predicted_score (s, i, predicted));

      gtk_grid_attach (GTK_GRID (grid), cell_label (index_text, FALSE), 0, (int) k + 1, 1, 1);
      for (guint f = 0; f < n_features; f++)
        {
          g_autofree char *v = g_strdup_printf ("%.3g", data->x[(gsize) i * data->x_dim + f]);

          gtk_grid_attach (GTK_GRID (grid), cell_label (v, FALSE), (int) f + 1, (int) k + 1, 1, 1);
        }
      gtk_grid_attach (GTK_GRID (grid), cell_label (p_text, FALSE),
                       (int) n_features + 1, (int) k + 1, 1, 1);
    }
  return grid;
}

GtkWidget *
lab_eval_samples_popover_new (const LabEvalSnapshot *snapshot,
                              const LabDataset      *data,
                              const char * const    *names,
                              guint                  true_class,
                              guint                  predicted_class,
                              double                 threshold)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title, *subtitle, *scrolled, *body = NULL;
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *t = name_of (names, true_class);
  g_autofree char *p = name_of (names, predicted_class);
  g_autofree char *heading = NULL;
  g_autofree char *summary = NULL;
  gsize total;

  g_return_val_if_fail (snapshot != NULL, NULL);

  heading = true_class == predicted_class
    ? g_strdup_printf (_("“%s” predicted correctly"), t)
    : g_strdup_printf (_("“%s” predicted as “%s”"), t, p);
  total = lab_eval_cell_samples (snapshot, true_class, predicted_class, threshold, indices, MAX_SHOWN);

  if (data == NULL || data->n != snapshot->n)
    summary = g_strdup (_("The samples of this evaluation are no longer loaded: evaluate again "
                          "to see them."));
  else if (total == 0)
    summary = g_strdup (_("No sample falls into this cell."));
  else if (total > indices->len)
    summary = g_strdup_printf (_("The %u most confident of %zu samples, most confident first. "
                                 "Hover over one for its probabilities."),
                               indices->len, total);
  else
    summary = g_strdup_printf (ngettext ("%zu sample, most confident first.",
                                         "%zu samples, most confident first.", total), total);

  title = gtk_label_new (heading);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  subtitle = gtk_label_new (summary);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 50);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);

  if (data != NULL && data->n == snapshot->n && indices->len > 0)
    body = is_image (data) ? image_grid (snapshot, data, names, indices, true_class, predicted_class)
                           : feature_table (snapshot, data, names, indices, predicted_class);
  if (body != NULL)
    {
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), body);
      gtk_box_append (GTK_BOX (box), scrolled);
    }

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (popover),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  return popover;
}

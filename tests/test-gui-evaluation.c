/* test-gui-evaluation.c: the Evaluation page: the confusion matrix's drawing and hit testing,
 * the threshold and the curves behind it without a display, the page's figures with one
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "lab-chart.h"
#include "lab-class-table.h"
#include "lab-confusion-view.h"
#include "lab-evaluation-private.h"

static gboolean have_display;

/* ---- a hand-made evaluation ---- */

/* Nine samples of three classes, predicted as: true 0 → 0 0 1, true 1 → 1 1 2, true 2 → 2 2 2.
 * Counts [[2 1 0] [0 2 1] [0 0 3]]: precision 1, 2/3, 3/4; recall 2/3, 2/3, 1; accuracy 7/9. */
static const float three_labels[] = { 0, 0, 0, 1, 1, 1, 2, 2, 2 };
static const guint three_predicted[] = { 0, 0, 1, 1, 1, 2, 2, 2, 2 };

static LabEvaluation *
make_evaluation (const float *labels,
                 const float *scores,
                 gsize        n,
                 guint        n_classes,
                 guint        out_size)
{
  LabEvaluation *e = g_new0 (LabEvaluation, 1);

  e->n = n;
  e->n_classes = n_classes;
  e->out_size = out_size;
  e->loss = 0.5;
  e->scores = lab_try_alloc_floats (n * out_size, "scores", NULL);
  memcpy (e->scores, scores, sizeof (float) * n * out_size);
  e->targets = g_memdup2 (labels, sizeof (float) * n * (n_classes > 0 ? 1 : out_size));
  e->auc_macro = e->auc_micro = NAN;
  if (n_classes == 0)
    {
      e->accuracy = NAN;
      lab_regression_report (e->targets, e->scores, n, out_size, &e->regression);
      return e;
    }
  e->report = lab_class_report_new (labels, scores, n, n_classes, out_size, 0.5);
  e->accuracy = e->report->accuracy;
  if (out_size == n_classes)
    {
      e->auc_macro = lab_roc_auc_macro (labels, scores, n, n_classes);
      e->auc_micro = lab_roc_auc_micro (labels, scores, n, n_classes);
    }
  else
    {
      g_autoptr(LabCurve) roc = lab_roc_curve (labels, scores, n, 1, 1);

      e->auc_macro = e->auc_micro = roc->area;
    }
  return e;
}

static LabEvaluation *
make_three_class (void)
{
  float scores[9 * 3];

  /* The predicted class gets 0.6 + i/100 (distinct scores), the others share the rest. */
  for (guint i = 0; i < 9; i++)
    for (guint c = 0; c < 3; c++)
      scores[i * 3 + c] = c == three_predicted[i] ? 0.6f + i / 100.0f : (0.4f - i / 100.0f) / 2;
  return make_evaluation (three_labels, scores, 9, 3, 3);
}

/* Six samples of two classes, P(class 1) = 0.1 0.625 0.4 0.8 0.7 0.3 (as in test-metrics). */
static const float two_labels[] = { 0, 0, 1, 1, 1, 0 };
static const float two_scores[] = { 0.1f, 0.625f, 0.4f, 0.8f, 0.7f, 0.3f };

/* ---- the confusion matrix's pure parts ---- */

static cairo_t *
image_context (int               width,
               int               height,
               cairo_surface_t **surface)
{
  *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  return cairo_create (*surface);
}

static GdkRGBA
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  guint8 *data;
  guint32 p;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  p = *(guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  return (GdkRGBA) { ((p >> 16) & 0xff) / 255.0f, ((p >> 8) & 0xff) / 255.0f, (p & 0xff) / 255.0f,
                     ((p >> 24) & 0xff) / 255.0f };
}

static double
distance (const GdkRGBA *a,
          const GdkRGBA *b)
{
  return fabs (a->red - b->red) + fabs (a->green - b->green) + fabs (a->blue - b->blue);
}

static void
check_colors_increase (gboolean dark)
{
  /* Every row holds 100 samples, so the shade follows the count across the whole matrix. */
  const guint64 counts[] = { 90, 8, 2, 5, 80, 15, 0, 30, 70 };
  const char *names[] = { "T-shirt", "Shirt", "Coat" };
  LabConfusionScene scene = { 3, counts, names, NULL, -1, -1, -1, -1 };
  LabConfusionColors colors;
  LabConfusionGeometry g;
  cairo_surface_t *surface;
  cairo_t *cr = image_context (420, 360, &surface);
  double d[9];

  lab_confusion_colors_init_default (&colors, dark);
  g = lab_confusion_draw (cr, 420, 360, &scene, &colors);
  g_assert_cmpuint (g.n, ==, 3);
  g_assert_cmpfloat (g.cell, >, 40);

  for (guint i = 0; i < 9; i++)
    {
      /* A cell's corner, away from its text. */
      GdkRGBA c = pixel (surface, (int) (g.x + (i % 3) * g.cell + 4), (int) (g.y + (i / 3) * g.cell + 4));

      d[i] = distance (&c, &colors.low);
    }
  for (guint i = 0; i < 9; i++)
    for (guint j = 0; j < 9; j++)
      if (counts[i] < counts[j])
        g_assert_cmpfloat (d[i], <, d[j]);
  /* An empty cell is the empty colour; a full row would be the accent. */
  g_assert_cmpfloat (d[6], <, 0.02);
  {
    GdkRGBA full = lab_confusion_cell_color (&colors, 1.0);

    g_assert_cmpfloat (distance (&full, &colors.high), <, 1e-6);
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_confusion_colors (void)
{
  check_colors_increase (FALSE);
  check_colors_increase (TRUE);
}

static void
test_confusion_text_fits (void)
{
  const int sizes[][2] = { { 900, 700 }, { 480, 420 }, { 300, 260 }, { 1600, 1000 } };
  const guint ks[] = { 2, 3, 10, 20 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint k = 0; k < G_N_ELEMENTS (ks); k++)
      for (guint64 big = 9; big <= 999999; big = big * 100 + 99)
        {
          guint K = ks[k];
          g_autofree guint64 *counts = g_new0 (guint64, K * K);
          cairo_surface_t *surface;
          cairo_t *cr = image_context (sizes[s][0], sizes[s][1], &surface);
          LabConfusionScene scene = { K, counts, NULL, NULL, -1, -1, -1, -1 };
          LabConfusionColors colors;
          LabConfusionGeometry g;

          for (guint i = 0; i < K; i++)
            counts[i * K + i] = big;
          lab_confusion_colors_init_default (&colors, FALSE);
          g = lab_confusion_draw (cr, sizes[s][0], sizes[s][1], &scene, &colors);

          /* The grid stays inside the widget, and what a cell says fits in it. */
          g_assert_cmpfloat (g.x, >=, 0);
          g_assert_cmpfloat (g.x + K * g.cell, <=, sizes[s][0]);
          g_assert_cmpfloat (g.y + K * g.cell, <=, sizes[s][1]);
          if (g.text != LAB_CONFUSION_TEXT_NONE)
            {
              g_assert_cmpfloat (g.text_width, <=, g.cell - 4);
              g_assert_cmpfloat (g.text_height, <=, g.cell - 2);
            }
          /* Large cells always have room for the count and the percentage. */
          if (g.cell >= 80 && big < 100000)
            g_assert_cmpint (g.text, ==, LAB_CONFUSION_TEXT_COUNT_AND_PERCENT);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
}

static void
test_confusion_hit (void)
{
  LabConfusionGeometry g = { .x = 100, .y = 10, .cell = 40, .n = 4 };
  guint t = 99, p = 99;

  for (guint row = 0; row < 4; row++)
    for (guint col = 0; col < 4; col++)
      {
        g_assert_true (lab_confusion_hit (&g, 100 + col * 40 + 20, 10 + row * 40 + 20, &t, &p));
        g_assert_cmpuint (t, ==, row);
        g_assert_cmpuint (p, ==, col);
        /* Both edges of a cell belong to it: left/top inclusive. */
        g_assert_true (lab_confusion_hit (&g, 100 + col * 40, 10 + row * 40 + 39.9, &t, &p));
        g_assert_cmpuint (t, ==, row);
        g_assert_cmpuint (p, ==, col);
      }
  g_assert_false (lab_confusion_hit (&g, 99.9, 20, &t, &p));
  g_assert_false (lab_confusion_hit (&g, 260, 20, &t, &p));
  g_assert_false (lab_confusion_hit (&g, 120, 9, &t, &p));
  g_assert_false (lab_confusion_hit (&g, 120, 170, &t, &p));

  /* The geometry of a drawn view agrees with hit testing at every cell centre. */
  {
    const guint64 counts[] = { 5, 1, 2, 7 };
    LabConfusionScene scene = { 2, counts, NULL, NULL, -1, -1, -1, -1 };
    cairo_surface_t *surface;
    cairo_t *cr = image_context (400, 300, &surface);
    LabConfusionGeometry d = lab_confusion_geometry (&scene, cr, 400, 300);

    g_assert_true (lab_confusion_hit (&d, d.x + 1.5 * d.cell, d.y + 0.5 * d.cell, &t, &p));
    g_assert_cmpuint (t, ==, 0);
    g_assert_cmpuint (p, ==, 1);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

static void
test_confusion_sentence (void)
{
  const guint64 counts[] = { 870, 87, 43, 0, 1, 0, 0, 0, 0 };
  const char *names[] = { "T-shirt", "Shirt", "Coat" };
  LabConfusionScene scene = { 3, counts, names, NULL, -1, -1, -1, -1 };
  g_autofree char *off = lab_confusion_cell_sentence (&scene, 0, 1);
  g_autofree char *diag = lab_confusion_cell_sentence (&scene, 0, 0);
  g_autofree char *one = lab_confusion_cell_sentence (&scene, 1, 1);
  g_autofree char *none = lab_confusion_cell_sentence (&scene, 1, 0);
  g_autofree char *empty = lab_confusion_cell_sentence (&scene, 2, 0);

  g_assert_cmpstr (off, ==, "87 “T-shirt” samples predicted as “Shirt”: 8.7 % of the “T-shirt” samples.");
  g_assert_cmpstr (diag, ==, "870 “T-shirt” samples predicted correctly: 87.0 % of the “T-shirt” samples.");
  g_assert_cmpstr (one, ==, "1 “Shirt” sample predicted correctly: 100.0 % of the “Shirt” samples.");
  g_assert_cmpstr (none, ==, "No “Shirt” sample was predicted as “T-shirt”.");
  g_assert_cmpstr (empty, ==, "This split has no “Coat” samples.");
}

/* ---- threshold, curves and samples ---- */

static void
test_threshold (void)
{
  g_autoptr(LabEvaluation) e = make_evaluation (two_labels, two_scores, 6, 2, 1);
  LabEvalSnapshot *s = lab_eval_snapshot_new (LAB_SPLIT_VALIDATION, 3, e);
  const struct { double t, fpr, tpr, precision; } cases[] = {
    { 0.5, 1.0 / 3, 2.0 / 3, 2.0 / 3 },
    { 0.35, 1.0 / 3, 1.0, 3.0 / 4 },
    { 0.625, 0.0, 2.0 / 3, 1.0 },
    /* nothing predicted positive: the PR curve's start */
    { 1.0, 0.0, 0.0, 1.0 },
  };
  g_autoptr(GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint32));
  LabEvalCurves *c;

  g_assert_true (lab_eval_snapshot_is_binary (s));
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(LabClassReport) r = lab_class_report_new_binary (s->targets, s->scores, s->n,
                                                                 s->out_size, cases[k].t);
      double fpr, tpr, precision;

      lab_eval_operating_point (r, &fpr, &tpr, &precision);
      g_assert_cmpfloat_with_epsilon (fpr, cases[k].fpr, 1e-12);
      g_assert_cmpfloat_with_epsilon (tpr, cases[k].tpr, 1e-12);
      g_assert_cmpfloat_with_epsilon (precision, cases[k].precision, 1e-12);
    }

  /* At 0.35 the false positive is sample 1 (0.625); at 0.5 the missed positive is sample 2. */
  g_assert_cmpuint (lab_eval_cell_samples (s, 0, 1, 0.35, idx, 10), ==, 1);
  g_assert_cmpuint (g_array_index (idx, guint32, 0), ==, 1);
  g_array_set_size (idx, 0);
  g_assert_cmpuint (lab_eval_cell_samples (s, 1, 0, 0.5, idx, 10), ==, 1);
  g_assert_cmpuint (g_array_index (idx, guint32, 0), ==, 2);
  /* True positives at 0.35, most confident first: 0.8, 0.7, 0.4; capped at two. */
  g_array_set_size (idx, 0);
  g_assert_cmpuint (lab_eval_cell_samples (s, 1, 1, 0.35, idx, 2), ==, 3);
  g_assert_cmpuint (idx->len, ==, 2);
  g_assert_cmpuint (g_array_index (idx, guint32, 0), ==, 3);
  g_assert_cmpuint (g_array_index (idx, guint32, 1), ==, 4);

  /* The drawn precision-recall curve is the envelope: points (0, 1) (1/3, 1) (2/3, 1)
   * (2/3, 2/3) (1, 3/4) (1, 3/5) (1, 1/2). */
  {
    g_autoptr(LabCurve) pr = lab_pr_curve (s->targets, s->scores, s->n, 1, 1);
    double r[7], p[7];
    const double expected[7] = { 1, 1, 1, 1, 1, 0.75, 0.75 };

    lab_pr_envelope (pr, r, p, 7);
    for (guint j = 0; j < 7; j++)
      {
        g_assert_cmpfloat_with_epsilon (r[j], j / 6.0, 1e-12);
        g_assert_cmpfloat_with_epsilon (p[j], expected[j], 1e-12);
      }
  }

  /* One curve, of class 1, the same as the core's. */
  c = lab_eval_curves_compute (s);
  g_assert_true (c->binary);
  g_assert_null (c->roc[0]);
  g_assert_nonnull (c->roc[1]);
  g_assert_cmpfloat_with_epsilon (c->roc[1]->area, e->auc_macro, 1e-12);
  /* 8 of the 9 (positive, negative) pairs are ordered right */
  g_assert_cmpfloat_with_epsilon (c->roc[1]->area, 8.0 / 9, 1e-12);
  lab_eval_curves_free (c);

  {
    g_autofree char *text = lab_eval_snapshot_describe (s);

    g_assert_nonnull (strstr (text, "Validation set, after epoch 3 · 6 samples"));
  }
  lab_eval_snapshot_unref (s);
}

static void
test_curves (void)
{
  g_autoptr(LabEvaluation) e = make_three_class ();
  LabEvalSnapshot *s = lab_eval_snapshot_new (LAB_SPLIT_TEST, 0, e);
  LabEvalCurves *c = lab_eval_curves_compute (s);
  double mean_auc = 0;

  g_assert_false (c->binary);
  g_assert_cmpfloat_with_epsilon (c->roc_micro->area, e->auc_micro, 1e-12);
  for (guint k = 0; k < 3; k++)
    mean_auc += c->roc[k]->area / 3;
  g_assert_cmpfloat_with_epsilon (mean_auc, e->auc_macro, 1e-12);
  g_assert_cmpuint (c->n_macro, ==, LAB_EVAL_MACRO_POINTS);
  g_assert_cmpfloat (c->macro_fpr[0], ==, 0);
  g_assert_cmpfloat (c->macro_fpr[c->n_macro - 1], ==, 1);
  g_assert_cmpfloat (c->macro_tpr[c->n_macro - 1], ==, 1);
  for (gsize i = 1; i < c->n_macro; i++)
    g_assert_cmpfloat (c->macro_tpr[i], >=, c->macro_tpr[i - 1]);
  lab_eval_curves_free (c);
  lab_eval_snapshot_unref (s);

  /* The mean of two hand curves: a perfect one and the diagonal. */
  {
    double px[] = { 0, 0, 1 }, py[] = { 0, 1, 1 }, dx[] = { 0, 1 }, dy[] = { 0, 1 };
    LabCurve perfect = { 3, px, py, NULL, 1.0 }, diagonal = { 2, dx, dy, NULL, 0.5 };
    LabCurve *curves[] = { &perfect, &diagonal };
    double fpr[5], tpr[5];

    lab_roc_mean_curve (curves, 2, fpr, tpr, 5);
    for (guint j = 0; j < 5; j++)
      {
        g_assert_cmpfloat_with_epsilon (fpr[j], j / 4.0, 1e-12);
        g_assert_cmpfloat_with_epsilon (tpr[j], (1.0 + j / 4.0) / 2, 1e-12);
      }
  }
}

static void
test_sample_texture (void)
{
  LabShape shape = lab_shape_make (3, 1, 4, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(LabDataset) data = lab_dataset_new ("images", 2, &shape, 1, 2, &error);
  LabShape flat = lab_shape_make (1, 16);
  g_autoptr(LabDataset) table = lab_dataset_new ("table", 2, &flat, 1, 2, &error);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *pixels = NULL;
  int w, h;

  g_assert_no_error (error);
  /* Standardised values: the image is stretched to the full grey range. */
  for (guint i = 0; i < 32; i++)
    data->x[i] = (float) (i % 16) - 3.0f;
  texture = lab_eval_sample_texture (data, 1);
  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);
  g_assert_cmpint (w, ==, h);
  g_assert_cmpint (w, ==, 4 * (56 / 4));
  pixels = g_malloc (w * h * 4);
  gdk_texture_download (texture, pixels, w * 4);
  /* top-left pixel is the minimum, bottom-right the maximum (Cairo order: B G R A) */
  g_assert_cmpuint (pixels[0], ==, 0);
  g_assert_cmpuint (pixels[(h - 1) * w * 4 + (w - 1) * 4], ==, 255);
  /* flat data has no image */
  g_assert_null (lab_eval_sample_texture (table, 0));
}

/* ---- the page (needs a display) ---- */

static void
wait_for_curves (LabEvaluationPage *page)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (page->snapshots[page->shown]->curves == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (page->snapshots[page->shown]->curves);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static const char *
label_text (GtkWidget *label)
{
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
test_page_classes (void)
{
  GtkWidget *window, *widget;
  LabEvaluationPage *page;
  LabClassTable *table;
  g_autoptr(LabEvaluation) e = NULL;
  const char *names[] = { "T-shirt", "Shirt", "Coat", NULL };
  const char *expected[][5] = {
    { "T-shirt", "1.000", "0.667", "0.800", "3" },
    { "Shirt", "0.667", "0.667", "0.667", "3" },
    { "Coat", "0.750", "1.000", "0.857", "3" },
    { "Macro average", "0.806", "0.778", "0.775", "9" },
    { "Micro average", "0.778", "0.778", "0.778", "9" },
  };

  if (!have_display)
    {
      g_test_skip ("no display: run under Xvfb (shared/tools/gui-session exec)");
      return;
    }

  widget = lab_evaluation_page_new (NULL);
  page = LAB_EVALUATION_PAGE (widget);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page->stack)), ==, "empty");
  e = make_three_class ();
  lab_evaluation_page_set_class_names (page, names);
  lab_evaluation_page_show (page, LAB_SPLIT_VALIDATION, e, 7);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page->stack)), ==, "content");
  g_assert_nonnull (strstr (label_text (page->describe_label), "Validation set, after epoch 7"));
  g_assert_cmpstr (label_text (page->stat_value[0]), ==, "77.8 %");
  g_assert_cmpstr (label_text (page->stat_value[1]), ==, "0.5000");
  g_assert_false (gtk_widget_get_visible (page->stat_delta[0]));

  table = LAB_CLASS_TABLE (page->table);
  for (guint r = 0; r < G_N_ELEMENTS (expected); r++)
    for (guint c = 0; c < 5; c++)
      g_assert_cmpstr (lab_class_table_get_text (table, r, c), ==, expected[r][c]);
  g_assert_null (lab_class_table_get_text (table, 5, 0));
  g_assert_false (gtk_widget_get_visible (page->threshold_card));
  g_assert_false (gtk_widget_get_visible (page->scatter_card));

  /* The curves arrive from the worker: three classes, micro and macro averages. */
  wait_for_curves (page);
  for (guint k = 0; k < 5; k++)
    g_assert_cmpuint (lab_chart_series_get_n_points (LAB_CHART (page->roc_chart), k), >, 1);
  for (guint k = 0; k < 4; k++)
    g_assert_cmpuint (lab_chart_series_get_n_points (LAB_CHART (page->pr_chart), k), >, 1);
  /* The filter offers all, the averages and each class by name, and keeps a choice. */
  g_assert_true (gtk_widget_get_visible (page->curves_bar));
  {
    GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (page->curves_filter));

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 3), ==, "Shirt");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (page->curves_filter), 3);
    lab_evaluation_page_show (page, LAB_SPLIT_VALIDATION, e, 8);
    wait_for_curves (page);
    g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (page->curves_filter)), ==, 3);
    /* The figures say how they changed since epoch 7: not at all. */
    g_assert_true (gtk_widget_get_visible (page->stat_delta[0]));
    g_assert_cmpstr (label_text (page->stat_delta[0]), ==, "±0.0 pt");
    g_assert_cmpstr (label_text (page->stat_delta[1]), ==, "±0.0000");
    g_assert_cmpuint (g_array_index (page->class_series, guint, 1), ==, 1);
  }

  /* A test evaluation is shown when it comes, and the switch goes back to validation. */
  lab_evaluation_page_show (page, LAB_SPLIT_TEST, e, 7);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (page->test_toggle)));
  g_assert_nonnull (strstr (label_text (page->describe_label), "Test set"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (page->validation_toggle), TRUE);
  g_assert_nonnull (strstr (label_text (page->describe_label), "Validation set"));

  /* Clicking a cell opens its samples: without their data the popover only says so… */
  g_signal_emit_by_name (page->confusion, "cell-activated", 0u, 1u);
  g_assert_nonnull (page->popover);
  g_assert_true (gtk_widget_get_visible (page->popover));
  g_assert_null (find_descendant (page->popover, GTK_TYPE_FLOW_BOX));

  /* …with image data it shows them: the two T-shirts predicted correctly. */
  {
    LabShape shape = lab_shape_make (3, 1, 8, 8);
    g_autoptr(LabDataset) data = lab_dataset_new ("images", 9, &shape, 1, 3, NULL);
    GtkWidget *flow;

    for (gsize i = 0; i < data->n * data->x_dim; i++)
      data->x[i] = (float) (i % 7);
    lab_evaluation_page_set_dataset (page, LAB_SPLIT_VALIDATION, data);
    g_signal_emit_by_name (page->confusion, "cell-activated", 0u, 0u);
    flow = find_descendant (page->popover, GTK_TYPE_FLOW_BOX);
    g_assert_nonnull (flow);
    g_assert_cmpuint (count_children (flow), ==, 2);
    gtk_popover_popdown (GTK_POPOVER (page->popover));
    lab_evaluation_page_set_dataset (page, LAB_SPLIT_VALIDATION, NULL);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_page_threshold (void)
{
  GtkWidget *window, *widget;
  LabEvaluationPage *page;
  LabClassTable *table;
  g_autoptr(LabEvaluation) e = NULL;

  if (!have_display)
    {
      g_test_skip ("no display: run under Xvfb (shared/tools/gui-session exec)");
      return;
    }

  widget = lab_evaluation_page_new (NULL);
  page = LAB_EVALUATION_PAGE (widget);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  e = make_evaluation (two_labels, two_scores, 6, 2, 1);
  lab_evaluation_page_show (page, LAB_SPLIT_VALIDATION, e, 2);
  wait_for_curves (page);
  table = LAB_CLASS_TABLE (page->table);

  g_assert_true (gtk_widget_get_visible (page->threshold_card));
  /* 0.5: precision and recall of class 1 are 2/3, accuracy 4/6 */
  g_assert_cmpstr (lab_class_table_get_text (table, 1, 1), ==, "0.667");
  g_assert_cmpstr (label_text (page->stat_value[0]), ==, "66.7 %");
  /* AP of the hand curve: recall steps 1/3 at precisions 1, 1, 3/4 → 0.917 */
  g_assert_cmpstr (label_text (page->stat_value[3]), ==, "0.917");

  gtk_range_set_value (GTK_RANGE (page->threshold_scale), 0.35);
  g_assert_cmpstr (label_text (page->threshold_label), ==, "0.35");
  g_assert_cmpstr (lab_class_table_get_text (table, 1, 1), ==, "0.750");
  g_assert_cmpstr (lab_class_table_get_text (table, 1, 2), ==, "1.000");
  g_assert_cmpstr (lab_class_table_get_text (table, 0, 1), ==, "1.000");
  g_assert_cmpstr (lab_class_table_get_text (table, 0, 2), ==, "0.667");
  g_assert_cmpstr (label_text (page->stat_value[0]), ==, "83.3 %");
  g_assert_cmpuint (page->threshold_report->counts[1], ==, 1);
  g_assert_cmpuint (page->threshold_report->counts[3], ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_page_regression (void)
{
  const float target[] = { 1, 2, 3, 4 };
  const float pred[] = { 1, 2, 3, 5 };
  GtkWidget *window, *widget;
  LabEvaluationPage *page;
  g_autoptr(LabEvaluation) e = NULL;

  if (!have_display)
    {
      g_test_skip ("no display: run under Xvfb (shared/tools/gui-session exec)");
      return;
    }

  widget = lab_evaluation_page_new (NULL);
  page = LAB_EVALUATION_PAGE (widget);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  e = make_evaluation (target, pred, 4, 0, 1);
  lab_evaluation_page_show (page, LAB_SPLIT_VALIDATION, e, 1);
  wait_for_curves (page);

  /* MSE 1/4, MAE 1/4, R² = 1 − 1/5 */
  g_assert_cmpstr (label_text (page->stat_value[0]), ==, "0.800");
  g_assert_cmpstr (label_text (page->stat_value[1]), ==, "0.25");
  g_assert_cmpstr (label_text (page->stat_value[2]), ==, "0.25");
  g_assert_false (gtk_widget_get_visible (page->class_row));
  g_assert_true (gtk_widget_get_visible (page->scatter_card));
  /* four crosses of six points each */
  g_assert_cmpuint (lab_chart_series_get_n_points (LAB_CHART (page->scatter_chart), 0), ==, 24);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add_func ("/gui/evaluation/confusion/colors", test_confusion_colors);
  g_test_add_func ("/gui/evaluation/confusion/text-fits", test_confusion_text_fits);
  g_test_add_func ("/gui/evaluation/confusion/hit", test_confusion_hit);
  g_test_add_func ("/gui/evaluation/confusion/sentence", test_confusion_sentence);
  g_test_add_func ("/gui/evaluation/threshold", test_threshold);
  g_test_add_func ("/gui/evaluation/curves", test_curves);
  g_test_add_func ("/gui/evaluation/sample-texture", test_sample_texture);
  g_test_add_func ("/gui/evaluation/page/classes", test_page_classes);
  g_test_add_func ("/gui/evaluation/page/threshold", test_page_threshold);
  g_test_add_func ("/gui/evaluation/page/regression", test_page_regression);

  return g_test_run ();
}

/* lab-confusion-view.h: a confusion matrix as a heat map
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are the true classes, columns the predicted ones. Each cell shows its count and the share
 * of its row (the true class), and its colour grows with that share, so a class with few
 * samples reads as clearly as a large one. Hovering names the cell in a sentence; a click (or
 * Enter on the focused cell) emits "cell-activated" (guint true_class, guint predicted_class).
 *
 * The drawing and the hit testing are pure functions on a cairo_t so that tests can run them on
 * an image surface without a display.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  GdkRGBA  fg;        /* axis labels and titles */
  GdkRGBA  low;       /* a cell with no samples */
  GdkRGBA  high;      /* a cell holding its whole row */
  GdkRGBA  outline;   /* hovered, focused and selected cells */
  gboolean dark;
} LabConfusionColors;

void lab_confusion_colors_init_default (LabConfusionColors *colors,
                                        gboolean            dark);

typedef struct
{
  guint                       n_classes;
  const guint64              *counts;        /* (n_classes, n_classes): row true, column predicted */
  const char * const         *class_names;   /* n_classes names, or NULL for "0", "1", … */
  const PangoFontDescription *font;          /* NULL: Sans 9 */
  int                         hover_true, hover_predicted;        /* -1: none */
  int                         selected_true, selected_predicted;  /* -1: none */
} LabConfusionScene;

typedef enum
{
  LAB_CONFUSION_TEXT_NONE,
  LAB_CONFUSION_TEXT_COUNT,
  LAB_CONFUSION_TEXT_COUNT_AND_PERCENT,
} LabConfusionTextMode;

/* Where the grid lies for a scene at a size (it depends on the labels' widths). */
typedef struct
{
  double               x, y;      /* top-left corner of the grid */
  double               cell;      /* square cells */
  guint                n;
  gboolean             rotated;   /* predicted-class names at 45° because they are too wide */
  LabConfusionTextMode text;      /* what the cells say at this size */
  double               text_width, text_height;   /* the largest cell text's extents */
} LabConfusionGeometry;

LabConfusionGeometry lab_confusion_geometry (const LabConfusionScene *scene,
                                             cairo_t                 *cr,
                                             int                      width,
                                             int                      height);
/* The cell under a point; FALSE outside the grid. */
gboolean lab_confusion_hit        (const LabConfusionGeometry *geometry,
                                   double                      x,
                                   double                      y,
                                   guint                      *true_class,
                                   guint                      *predicted_class);
/* The colour of a cell holding fraction (0..1) of its row. */
GdkRGBA  lab_confusion_cell_color (const LabConfusionColors *colors,
                                   double                    fraction);
/* Draws the whole view; returns the geometry it used. */
LabConfusionGeometry lab_confusion_draw (cairo_t                  *cr,
                                         int                       width,
                                         int                       height,
                                         const LabConfusionScene  *scene,
                                         const LabConfusionColors *colors);
/* "87 “T-shirt/top” samples predicted as “Shirt”: 8.7 % of the “T-shirt/top” samples." */
char    *lab_confusion_cell_sentence (const LabConfusionScene *scene,
                                      guint                    true_class,
                                      guint                    predicted_class);

#define LAB_TYPE_CONFUSION_VIEW (lab_confusion_view_get_type ())
G_DECLARE_FINAL_TYPE (LabConfusionView, lab_confusion_view, LAB, CONFUSION_VIEW, GtkWidget)

GtkWidget *lab_confusion_view_new        (void);
/* Copies counts and names; n_classes 0 empties the view. */
void       lab_confusion_view_set_matrix (LabConfusionView    *self,
                                          guint                n_classes,
                                          const guint64       *counts,
                                          const char * const  *class_names);
/* Marks the cell whose samples are shown elsewhere; -1, -1 clears the mark. */
void       lab_confusion_view_set_selected (LabConfusionView *self,
                                            int               true_class,
                                            int               predicted_class);
/* A cell's rectangle in widget coordinates (for a popover pointing at it). */
gboolean   lab_confusion_view_get_cell_rect (LabConfusionView *self,
                                             guint             true_class,
                                             guint             predicted_class,
                                             GdkRectangle     *rect);

G_END_DECLS

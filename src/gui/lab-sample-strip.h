/* lab-sample-strip.h: a horizontal strip of dataset samples to pick one from
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The strip copies a few samples of a dataset, a couple of each class, and shows them as
 * thumbnails (images) or as a coloured point with its coordinates (2-D data). A click selects
 * one and emits ::sample-selected. Also home to the class colours and the grayscale thumbnail
 * drawing the other "Inside" views share.
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-core.h"

G_BEGIN_DECLS

#define LAB_TYPE_SAMPLE_STRIP (lab_sample_strip_get_type ())
G_DECLARE_FINAL_TYPE (LabSampleStrip, lab_sample_strip, LAB, SAMPLE_STRIP, GtkWidget)

GtkWidget   *lab_sample_strip_new          (void);
/* Copies up to max_samples samples of data (NULL clears) and selects the first. */
void         lab_sample_strip_set_dataset  (LabSampleStrip   *self,
                                            const LabDataset *data,
                                            guint             max_samples);
/* The selected sample's inputs (x_dim floats) or NULL. (transfer none) */
const float *lab_sample_strip_get_selected (LabSampleStrip   *self);
/* Its class (G_MAXUINT for none) and its index in the dataset. */
guint        lab_sample_strip_get_selected_class (LabSampleStrip *self);
gsize        lab_sample_strip_get_selected_index (LabSampleStrip *self);
guint        lab_sample_strip_get_n_samples (LabSampleStrip  *self);

/* Pure parts, for the views and the tests. */

/* Indices of up to max samples taking the classes in turn (sample order within a class), so
 * that every class shows; the first max samples for regression data. Returns the count. */
guint        lab_sample_strip_pick         (const LabDataset *data,
                                            guint             max,
                                            guint32          *indices);
/* Class k's colour from libadwaita's palette: a darker shade on light backgrounds. */
GdkRGBA      lab_class_color               (guint             k,
                                            gboolean          dark);
/* An image sample (C, H, W) as a size × size picture: values 0 … 1 mixed from bg to fg (the
 * mean over channels for C ≠ 3, colour for C = 3). */
void         lab_draw_image_sample         (cairo_t          *cr,
                                            const float      *x,
                                            const LabShape   *shape,
                                            double            size,
                                            const GdkRGBA    *bg,
                                            const GdkRGBA    *fg);

/* The widget's text colour and a named colour of its style ("accent_color", "card_bg_color"),
 * as GTK 4.8 offers them. lookup returns FALSE, leaving out alone, for an unknown name. */
void         lab_widget_fg_color           (GtkWidget        *widget,
                                            GdkRGBA          *out);
gboolean     lab_widget_lookup_color       (GtkWidget        *widget,
                                            const char       *name,
                                            GdkRGBA          *out);

/* Signals: "sample-selected" () */

G_END_DECLS

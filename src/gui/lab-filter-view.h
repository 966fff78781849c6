/* lab-filter-view.h: what the layers look for: conv kernels and first dense weights as images
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-core.h"
#include "lab-network.h"

G_BEGIN_DECLS

/* One layer's weights as n images of h × w. */
typedef struct
{
  char   *layer;
  char   *caption;   /* translated: "32 kernels of 3×3, averaged over 16 input channels" */
  guint   n, h, w;
  float  *images;    /* (n, h, w) */
} LabFilterImages;

typedef struct
{
  guint            n_layers;
  LabFilterImages *layers;
} LabFilterSet;

/* Copies every Conv2D layer's kernels (the mean over input channels when there are several:
 * one image per filter) and, when the input is an image, the weights of a Dense layer that
 * reads the flattened input directly, one image of the input's size per unit. Reads the
 * network only, so it may run on the worker that owns it. NULL when there is nothing to show. */
LabFilterSet *lab_filter_set_from_network (LabNetwork   *net);
void          lab_filter_set_free         (LabFilterSet *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabFilterSet, lab_filter_set_free)

#define LAB_TYPE_FILTER_VIEW (lab_filter_view_get_type ())
G_DECLARE_FINAL_TYPE (LabFilterView, lab_filter_view, LAB, FILTER_VIEW, GtkWidget)

GtkWidget *lab_filter_view_new         (void);
/* transfer full; NULL shows a hint that there are no filters to show */
void       lab_filter_view_set_filters (LabFilterView *self,
                                        LabFilterSet  *set);
gboolean   lab_filter_view_is_empty    (LabFilterView *self);

G_END_DECLS

/* lab-activation-view.h: every layer's output for one sample
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Image-shaped outputs (conv layers, pooling, their activations) as a grid of feature-map
 * images, flat ones (dense layers) as heat strips, the network's output as class probability
 * bars with the class names (drawn by lab-inside-draw.h).
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-inside-draw.h"
#include "lab-inspect.h"

G_BEGIN_DECLS

#define LAB_TYPE_ACTIVATION_VIEW (lab_activation_view_get_type ())
G_DECLARE_FINAL_TYPE (LabActivationView, lab_activation_view, LAB, ACTIVATION_VIEW, GtkWidget)

GtkWidget *lab_activation_view_new             (void);
/* Shows acts (transfer full; NULL clears). class_names (copied) may be NULL; true_class is the
 * sample's label, G_MAXUINT for none. */
void       lab_activation_view_set_activations (LabActivationView   *self,
                                                LabActivations      *acts,
                                                const char * const  *class_names,
                                                guint                true_class);

G_END_DECLS

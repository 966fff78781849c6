/* lab-inside-page.h: the "Inside" page: activations, filters, health and decision boundary
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A strip of samples on top and, beside a sidebar, one of four views of the network the
 * session trains. Everything that reads weights or activations runs as a probe on the training
 * worker, at most a few times a second and never while one is still outstanding, so the page
 * refreshes live while training without slowing it down or blocking the window.
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-graph-view.h"
#include "lab-train-session.h"

G_BEGIN_DECLS

#define LAB_TYPE_INSIDE_PAGE (lab_inside_page_get_type ())
G_DECLARE_FINAL_TYPE (LabInsidePage, lab_inside_page, LAB, INSIDE_PAGE, GtkWidget)

GtkWidget *lab_inside_page_new            (LabTrainSession *session);
/* The canvas whose nodes get a badge for each layer with a health warning (NULL: none). */
void       lab_inside_page_set_graph_view (LabInsidePage   *self,
                                           LabGraphView    *view);

/* Probes answered so far, and the most that were ever outstanding at once (1 by design): for
 * the tests and diagnostics. */
guint      lab_inside_page_get_probe_count (LabInsidePage *self,
                                            guint         *max_outstanding);

G_END_DECLS

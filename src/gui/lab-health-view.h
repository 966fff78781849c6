/* lab-health-view.h: how each layer fares over time: norms, histograms, dead ReLUs, warnings
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gradient and weight norms per layer come with every training point; histograms and dead-unit
 * counts come from probes. The view keeps a window of recent points, runs the core's health
 * check on it and lists the warnings with what they mean and what usually helps.
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-inside-draw.h"
#include "lab-inspect.h"

G_BEGIN_DECLS

#define LAB_TYPE_HEALTH_VIEW (lab_health_view_get_type ())
G_DECLARE_FINAL_TYPE (LabHealthView, lab_health_view, LAB, HEALTH_VIEW, GtkWidget)

GtkWidget *lab_health_view_new          (void);
/* Forgets everything (a fresh run). */
void       lab_health_view_clear        (LabHealthView       *self);
/* A training point (per batch; epoch ends are ignored). */
void       lab_health_view_add_point    (LabHealthView       *self,
                                         const LabTrainPoint *point);
/* A probe's histograms and dead-unit report (both transfer full, either may be NULL). */
void       lab_health_view_add_probe    (LabHealthView       *self,
                                         LabParamHistograms  *histograms,
                                         LabDeadReport       *dead);
/* The current warnings, LabHealthWarning each. (transfer none) */
GPtrArray *lab_health_view_get_warnings (LabHealthView       *self);

/* Signals: "warnings-changed" () */

G_END_DECLS

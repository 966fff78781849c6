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

/* Part of the view (lab-health-histograms.c): every tensor's histograms over time. */
#define LAB_TYPE_HISTOGRAM_BOARD (lab_histogram_board_get_type ())
G_DECLARE_FINAL_TYPE (LabHistogramBoard, lab_histogram_board, LAB, HISTOGRAM_BOARD, GtkWidget)

GtkWidget *lab_histogram_board_new           (void);
/* Appends each tensor's histograms (it takes their counts) to its history. */
void       lab_histogram_board_add           (LabHistogramBoard  *self,
                                              LabParamHistograms *histograms);
void       lab_histogram_board_clear         (LabHistogramBoard  *self);
guint      lab_histogram_board_get_n_tensors (LabHistogramBoard  *self);

G_END_DECLS

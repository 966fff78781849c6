/* lab-inspector-private.h: what the inspector's pages share, and its pure helpers (for tests)
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lab-inspector.h"

G_BEGIN_DECLS

/* Numbers for people (lab-inspector.c). Each returns a new string. */
char       *lab_format_count            (guint64              n);       /* "235,146" */
char       *lab_format_flops            (guint64              flops);   /* "1.2 MFLOPs" */
char       *lab_format_bytes            (guint64              bytes);   /* "1.8 MB" */

/* How a spin button edits a value of spec, currently value. */
typedef struct
{
  double lower;
  double upper;
  double step;
  double page;
  guint  digits;
} LabSpinParams;

void        lab_spin_params_for_hparam  (const LabHParamSpec *spec,
                                         double               value,
                                         LabSpinParams       *params);
/* A step one decade below value's leading digit (0.01 → 0.001, 0.05 → 0.01, 3 → 1), so that
 * the arrows move rates on a roughly logarithmic scale; fallback for 0. */
double      lab_spin_log_step           (double               value,
                                         double               fallback);
/* Digits enough to show value and step with two significant digits, at least min_digits. */
guint       lab_spin_digits_for         (double               value,
                                         double               step,
                                         guint                min_digits,
                                         guint                max_digits);

/* value with at most digits decimals, without trailing zeros, always with a '.' (as the core
 * parses it): 0.5 → "0.5", 0.001 → "0.001", 64 → "64"; below 0.0001 in exponent form, 1e-08. */
char       *lab_format_spin_value       (double               value,
                                         guint                digits);
/* Makes spin show and read values as lab_format_spin_value() does. */
void        lab_inspector_spin_use_plain_format (GtkWidget   *spin);

/* The one-click fix the node page offers for the node's error (lab-inspector-node.c). */
typedef enum
{
  LAB_NODE_FIX_NONE,
  LAB_NODE_FIX_INSERT_FLATTEN,   /* on the edge *src → node */
  LAB_NODE_FIX_CONNECT_INPUT,    /* the node has no input: connect the one before it, *src */
} LabNodeFix;

/* TRUE when the node has weights that can be frozen. */
gboolean    lab_node_has_weights        (const LabNode       *node);
LabNodeFix  lab_node_fix_for            (LabGraph            *graph,
                                         const LabNode       *node,
                                         guint               *src);

/* Row builders shared by the pages (lab-inspector.c). A row's control is labelled by the row's
 * title (its accessible name); the tooltip goes on the row. */
GtkWidget  *lab_inspector_spin_new      (double               lower,
                                         double               upper,
                                         double               step,
                                         guint                digits);
GtkWidget  *lab_inspector_row_new       (const char          *title,
                                         const char          *tooltip,
                                         GtkWidget           *suffix);
GtkWidget  *lab_inspector_switch_row_new (const char         *title,
                                          const char         *tooltip,
                                          GtkWidget         **out_switch);
GtkWidget  *lab_inspector_value_row_new (const char          *title,
                                         const char          *tooltip,
                                         GtkWidget          **out_value);
void        lab_inspector_set_error     (GtkWidget           *control,
                                         const char          *message);

void        lab_inspector_emit_message          (LabInspector *self,
                                                 const char   *text);
void        lab_inspector_emit_settings_changed (LabInspector *self);

/* The pages. Each keeps its state on the returned widget; _sync re-reads the model into the
 * controls without making edits. */
GtkWidget  *lab_inspector_node_page_new     (LabInspector *inspector,
                                             LabHistory   *history,
                                             guint         id);
void        lab_inspector_node_page_sync    (GtkWidget    *page);
GtkWidget  *lab_inspector_settings_page_new (LabInspector *inspector,
                                             LabProject   *project);
void        lab_inspector_settings_page_sync (GtkWidget   *page);
/* Everything but the learning rate insensitive while training. */
void        lab_inspector_settings_page_set_training (GtkWidget *page,
                                                      gboolean   training);

G_END_DECLS

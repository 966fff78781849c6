/* lab-class-table.h: per-class precision, recall, F1 and support, with their averages
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lab-metrics.h"

G_BEGIN_DECLS

#define LAB_TYPE_CLASS_TABLE (lab_class_table_get_type ())
G_DECLARE_FINAL_TYPE (LabClassTable, lab_class_table, LAB, CLASS_TABLE, GtkWidget)

GtkWidget  *lab_class_table_new        (void);
/* Shows report (read now, not kept); class_names may be NULL. NULL report empties the table. */
void        lab_class_table_set_report (LabClassTable        *self,
                                        const LabClassReport *report,
                                        const char * const   *class_names);
/* The text of a cell, for tests: row 0..n_classes-1 are the classes, then "macro" and "micro";
 * column 0 the name, 1 precision, 2 recall, 3 F1, 4 support. NULL outside the table. */
const char *lab_class_table_get_text   (LabClassTable        *self,
                                        guint                 row,
                                        guint                 column);

/* "0.873", or "—" for NaN. */
char       *lab_class_table_format_metric (double value);

G_END_DECLS

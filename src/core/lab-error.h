/* lab-error.h
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LAB_ERROR (lab_error_quark ())

typedef enum
{
  LAB_ERROR_INVALID_GRAPH = 1,   /* cycles, dangling inputs, wrong input counts, unknown layers */
  LAB_ERROR_SHAPE_MISMATCH,      /* shapes that cannot be wired together */
  LAB_ERROR_INVALID_PARAM,       /* a hyperparameter or setting out of range */
  LAB_ERROR_INVALID_FILE,        /* a project, weights or checkpoint file that cannot be read */
  LAB_ERROR_DATASET,             /* a dataset file or generator that cannot give data */
  LAB_ERROR_TOO_LARGE,           /* an allocation that would exceed the machine's memory */
  LAB_ERROR_DIVERGED,            /* the loss became NaN or infinite */
  LAB_ERROR_WEIGHTS_MISMATCH,    /* a weights file that does not fit the graph */
} LabError;

GQuark lab_error_quark (void) G_GNUC_CONST;

/* Allocates n floats, 64-byte aligned and zeroed, or sets LAB_ERROR_TOO_LARGE with the size it
 * would need, naming @what ("the activations of “conv1”"). Free with lab_free(). */
float *lab_try_alloc_floats (gsize        n,
                             const char  *what,
                             GError     **error);
void   lab_free             (gpointer     mem);

/* Refuses sizes beyond what the machine could hold before anything is allocated. */
gboolean lab_check_alloc    (guint64      n_bytes,
                             const char  *what,
                             GError     **error);

G_END_DECLS

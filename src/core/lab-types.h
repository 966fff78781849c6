/* lab-types.h: shapes, forward typedefs and limits shared by the whole core
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A per-sample shape, outermost first: (D) for flat vectors, (C, H, W) for images.
 * Runtime buffers add the batch dimension N in front: (N, D) or (N, C, H, W).
 * Parameter tensors use up to four dimensions, e.g. a conv kernel (Cout, Cin, KH, KW). */
#define LAB_MAX_DIMS 4

typedef struct
{
  guint ndim;
  guint dims[LAB_MAX_DIMS];
} LabShape;

/* Most inputs a merge layer (Add, Concatenate) takes, and most tensors a layer owns. */
#define LAB_MAX_INPUTS 8
#define LAB_MAX_PARAMS 4

typedef struct _LabRng       LabRng;
typedef struct _LabTensor    LabTensor;
typedef struct _LabLayerType LabLayerType;

LabShape  lab_shape_make     (guint ndim, ...);
LabShape  lab_shape_flat     (gsize n);
gsize     lab_shape_size     (const LabShape *shape);
gboolean  lab_shape_equal    (const LabShape *a,
                              const LabShape *b);
/* "32×14×14"; returns a newly allocated string. */
char     *lab_shape_to_string (const LabShape *shape);
/* Parses "1x28x28", "1×28×28", "784" or "3,32,32"; FALSE on anything else. */
gboolean  lab_shape_parse    (const char *text,
                              LabShape   *shape);

G_END_DECLS

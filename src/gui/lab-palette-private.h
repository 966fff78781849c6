/* lab-palette-private.h: the palette's entries and search, without widgets (for tests)
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lab-layer.h"

G_BEGIN_DECLS

/* The words shown for one activation function in the palette: the function is the key the
 * Activation layer stores ("leaky_relu"); title, description and tooltip are N_() strings. */
typedef struct
{
  const char *function;
  const char *title;
  const char *description;
  const char *tooltip;
} LabActivationPreset;

/* Presets in palette order (most used first). */
const LabActivationPreset *lab_activation_presets   (guint              *n_presets);
/* A sentence or two on when to use the type, for the palette's tooltips (translated). */
const char                *lab_layer_type_tooltip   (const LabLayerType *type);

typedef struct
{
  char       *spec;         /* "Dense", "Activation:relu" */
  const char *type_name;    /* "Activation" */
  const char *category;     /* the type's untranslated category, "Pooling" */
  const char *title;        /* translated */
  const char *description;  /* translated, one line */
  const char *tooltip;      /* translated */
  const char *icon_name;
} LabPaletteEntry;

/* Every layer type of the registry, the Activation type replaced by one entry per preset,
 * grouped in category order and in registry order within a category.
 * Returns: (transfer full) (element-type LabPaletteEntry) */
GPtrArray  *lab_palette_entries_new        (void);
/* The header shown for a category (translated); unknown categories are shown as they are. */
const char *lab_palette_category_label     (const char            *category);
/* TRUE when every word of query occurs, ignoring case, in the entry's title, type name,
 * description or category. An empty query matches everything. */
gboolean    lab_palette_entry_matches      (const LabPaletteEntry *entry,
                                            const char            *query);

G_END_DECLS

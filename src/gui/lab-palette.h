/* lab-palette.h: every layer type, grouped, searchable, to drag onto the canvas
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Entries are layer specs: a type name ("Dense") or a preset "Type:function" for the
 * activation functions ("Activation:relu"). Dragging an entry offers its spec as a string
 * (G_TYPE_STRING); activating it (double-click, Enter) emits ::layer-activated with the spec.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LAB_TYPE_PALETTE (lab_palette_get_type ())
G_DECLARE_FINAL_TYPE (LabPalette, lab_palette, LAB, PALETTE, GtkWidget)

GtkWidget *lab_palette_new          (void);
/* Focuses the search entry (Ctrl+F in the window). */
void       lab_palette_focus_search (LabPalette *self);

/* Signals:
 *   "layer-activated" (const char *spec) */

G_END_DECLS

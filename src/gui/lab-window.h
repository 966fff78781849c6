/* lab-window.h
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lab-application.h"

G_BEGIN_DECLS

#define LAB_TYPE_WINDOW (lab_window_get_type ())
G_DECLARE_FINAL_TYPE (LabWindow, lab_window, LAB, WINDOW, AdwApplicationWindow)

LabWindow *lab_window_new          (LabApplication *app);
/* Loads a project on a worker thread; a failure is shown and leaves the open project as it was. */
void       lab_window_open_file    (LabWindow      *self,
                                    GFile          *file);
/* Opens a built-in example or template as a new, unsaved project. */
gboolean   lab_window_open_example (LabWindow      *self,
                                    const char     *name,
                                    GError        **error);

G_END_DECLS

/* lab-examples.h: the example projects shipped with LayerLab, found by name
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   g_autofree char *path = lab_example_find_path ("spiral-mlp", &error);
 *   g_autoptr(LabProject) project = path ? lab_project_load (path, &error) : NULL;
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;          /* "spiral-mlp": the file is data/examples/NAME.layerlab */
  const char *description;   /* N_() one line: translate with _() where shown */
} LabExample;

/* Every example, in menu order; the list ends with an entry whose name is NULL. */
const LabExample *lab_examples_list     (void);
/* The example's file, searched in $LAB_EXAMPLES_DIR, then the source tree's data/examples (to run
 * from a build directory), then the installed examples. An unknown name is an error listing the
 * known ones (LAB_ERROR_INVALID_PARAM); a known one not found is G_IO_ERROR_NOT_FOUND naming the
 * folders searched. Returns: (transfer full) */
char             *lab_example_find_path (const char  *name,
                                         GError     **error);

G_END_DECLS

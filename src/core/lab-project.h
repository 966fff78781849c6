/* lab-project.h: a .layerlab project file: the graph with node positions, the training settings
 * and the dataset reference, as JSON with a format version
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   {
 *     "format": "layerlab-project", "format-version": 1,
 *     "name": "Spiral MLP", "description": "…",
 *     "graph": { "nodes": [ { "name": "in", "type": "Input", "x": 40, "y": 120, "frozen": false,
 *                             "params": { "shape": "2" }, "inputs": [] }, … ] },
 *     "training": { … lab_train_settings_to_json … },
 *     "dataset": { … lab_data_ref_to_json … },
 *     "weights": "spiral.safetensors",           (optional, relative to the project's folder)
 *     "runs": [ { … lab_run_to_json … }, … ]     (optional: older files have none)
 *   }
 */
#pragma once

#include "lab-graph.h"
#include "lab-run.h"
#include "lab-settings.h"

G_BEGIN_DECLS

#define LAB_PROJECT_FORMAT_VERSION 1

typedef struct
{
  char             *name;
  char             *description;
  LabGraph         *graph;
  LabTrainSettings  settings;
  LabDataRef        data;
  char             *weights;   /* nullable, relative to the project's folder */
  GPtrArray        *runs;      /* LabRun *, oldest first (lab-run.h) */
} LabProject;

LabProject *lab_project_new        (void);
void        lab_project_free       (LabProject  *self);
/* Reads a project. Every problem is an error naming the file and the place: a JSON syntax
 * error with its line and column, a newer format version, an unknown layer type, a bad
 * hyperparameter, an edge to a missing node (naming both nodes), a duplicate name. The graph
 * may still be invalid (a shape mismatch is the user's to fix in the editor): call
 * lab_graph_validate() before training. */
LabProject *lab_project_load       (const char  *path,
                                    GError     **error);
LabProject *lab_project_load_from_data (const char *data,
                                        gssize      length,
                                        const char *display_name,
                                        GError    **error);
/* Atomic: a temporary file beside path, then a rename. */
gboolean    lab_project_save       (LabProject  *self,
                                    const char  *path,
                                    GError     **error);
char       *lab_project_to_data    (LabProject  *self,
                                    gsize       *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabProject, lab_project_free)

G_END_DECLS

/* lab-clipboard.h: layers as text, for copy, paste and duplicate
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Copied layers are JSON in the project file's node format, inside an object of their own:
 *
 *   { "format": "layerlab-layers", "format-version": 1,
 *     "nodes": [ { "name": "fc1", "type": "Dense", "x": 240, "y": 120, "frozen": false,
 *                  "params": { "units": "64", "bias": "true" }, "inputs": [ "in" ] }, … ] }
 *
 * Only the edges between copied layers are kept: "inputs" names copied layers only. Pasting goes
 * through lab_history_paste() (lab-history.h) so that it can be undone; the function here does
 * the graph part and is what it uses.
 */
#pragma once

#include "lab-graph.h"

G_BEGIN_DECLS

#define LAB_CLIPBOARD_FORMAT         "layerlab-layers"
#define LAB_CLIPBOARD_FORMAT_VERSION 1
/* The MIME type a window offers the text under, besides text/plain. */
#define LAB_CLIPBOARD_MIME_TYPE      "application/x-layerlab-layers+json"

/* The nodes ids (any order; unknown ids are skipped) in the graph's insertion order, with their
 * settings as text, positions, frozen flags and the edges among them. Returns: (transfer full) */
char   *lab_graph_serialize_nodes      (LabGraph     *graph,
                                        const guint  *ids,
                                        guint         n);
/* Adds the nodes of text, moved by (dx, dy), with the edges among them. A name already taken
 * gets a fresh one: "fc1" becomes "fc1_copy", then "fc1_copy2", … Returns the new ids in the
 * order of the text, or NULL and an error that says what is wrong with the text (not JSON, not
 * layers, a member of the wrong type, an unknown layer type or setting, an input naming a layer
 * that is not in the text); on error the graph is left as it was. Returns: (transfer full) */
GArray *lab_graph_add_serialized_nodes (LabGraph     *graph,
                                        const char   *text,
                                        double        dx,
                                        double        dy,
                                        GError      **error);

G_END_DECLS

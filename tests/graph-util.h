/* graph-util.h: building test graphs in one line a layer
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lab-graph.h"

/* Adds a layer of type named name with settings "key=value key=value" (NULL for the defaults);
 * any error fails the test. Returns its id. */
guint lab_test_add_node (LabGraph   *g,
                         const char *type,
                         const char *name,
                         const char *settings);

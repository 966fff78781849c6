/* lab-core.h: the umbrella header of LayerLab's headless engine
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine in five steps:
 *
 *   g_autoptr(LabGraph) graph = lab_graph_new ();           // an editable DAG of named layers
 *   in = lab_graph_add_node (graph, "Input", "in", 0, 0, &error);
 *   fc = lab_graph_add_node (graph, "Dense", "fc1", 200, 0, &error);
 *   lab_graph_connect (graph, in, fc, &error);
 *   lab_graph_validate (graph, &error);                     // shapes, cycles, errors naming nodes
 *   net = lab_network_new (graph, batch, loss, &error);      // compiled plan + parameter arena
 *   lab_trainer_run (&job, progress_cb, data, cancellable, &error);  // on any thread
 */
#pragma once

#include "lab-types.h"
#include "lab-error.h"
#include "lab-rng.h"
#include "lab-blas.h"
#include "lab-hparam.h"
#include "lab-layer.h"
#include "lab-activation.h"
#include "lab-init.h"
#include "lab-loss.h"
#include "lab-optimizer.h"
#include "lab-schedule.h"
#include "lab-dataset.h"
#include "lab-metrics.h"
#include "lab-safetensors.h"

/* lab-templates.h: classic networks to start from, built with the graph API
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unlike the example projects (lab-examples.h), which are files with trained settings, templates
 * are built in code, so they always match the current layer types. Each comes with training
 * settings and data that suit it:
 *
 *   g_autoptr(LabGraph) graph = lab_template_build ("lenet5", &error);
 *   lab_template_settings ("lenet5", &settings, &data);   // cross-entropy on Fashion-MNIST
 */
#pragma once

#include "lab-graph.h"
#include "lab-settings.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;          /* stable id: "lenet5" */
  const char *title;         /* N_("LeNet-5"): translate with _() where shown */
  const char *description;   /* N_() one line */
  const char *category;      /* N_("Basics"), N_("Convolutional"), N_("Branching"),
                              * N_("Unsupervised") */
} LabTemplate;

/* Every template, in menu order; the list ends with an entry whose name is NULL. */
const LabTemplate *lab_templates_list    (void);
/* NULL for an unknown name. */
const LabTemplate *lab_template_find     (const char       *name);
/* A new graph of the template, laid out left to right, that passes lab_graph_validate(). An
 * unknown name is LAB_ERROR_INVALID_PARAM listing the known ones. Returns: (transfer full) */
LabGraph          *lab_template_build    (const char       *name,
                                          GError          **error);
/* Overwrites settings and data (call lab_data_ref_clear() on data when done) with what the
 * template trains well with. The loss each expects:
 *   logistic-regression   binary cross-entropy (the sigmoid is fused into the loss), 2 blobs
 *   mlp                   cross-entropy on two spirals
 *   lenet5, vgg-small,
 *   residual, inception   cross-entropy on Fashion-MNIST
 *   autoencoder           MSE with min-max scaling on Fashion-MNIST, reconstructing its input
 *                         (settings->reconstruct). */
void               lab_template_settings (const char       *name,
                                          LabTrainSettings *settings,
                                          LabDataRef       *data);

G_END_DECLS

/* lab-gradcheck.h: a whole-network gradient check
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compares the gradients that backpropagation gives for the loss of a small batch with numerical
 * derivatives of the float32 forward pass, layer by layer, in two ways:
 *
 * - along random directions, as kann's kad_check_grad: s0 = g·δ against
 *   s1 = (f(θ + εδ) − f(θ − εδ)) / 2ε, which checks every parameter of the layer at once;
 * - by central differences on a sample of single elements of every tensor (those with the largest
 *   gradients and some at random), which finds a wrong or missing term in one tensor.
 *
 *   LabGradcheckReport report = { 0 };
 *   if (!lab_network_gradcheck (net, &loss, x, y, 1, 4, 1, &report, &error)) ...   // could not run
 *   if (!report.passed) ...                                                        // wrong gradients
 *   lab_gradcheck_report_clear (&report);
 */
#pragma once

#include "lab-loss.h"
#include "lab-network.h"

G_BEGIN_DECLS

typedef struct
{
  char    *name;                /* the layer's name */
  char    *type_name;           /* "Dense" */
  gsize    n_params;            /* trainable floats of the layer */
  double   grad_norm;           /* ‖g‖₂ of the analytical gradient */
  double   noise;               /* measured round-off of the loss as the layer's weights move */
  guint    n_directions;        /* random directions compared (those crossing a kink are not) */
  double   directional_error;   /* worst |s0 − s1| / max(|s0|, |s1|, ‖g‖₂‖δ‖₂/√n_params) */
  guint    n_checked;           /* single elements compared */
  guint    n_skipped;           /* elements on a kink (ReLU at 0, a max-pool tie), not compared */
  double   element_error;       /* worst relative error of the elements compared */
  char    *worst_element;       /* "weight[12]" where element_error was seen, or NULL */
  double   analytic;            /* the two derivatives of that element */
  double   numeric;
  gboolean passed;
} LabGradcheckLayer;

typedef struct
{
  double             loss;         /* at the unperturbed weights */
  double             tolerance;    /* the relative error allowed, for both checks */
  guint              n_layers;     /* layers with trainable parameters */
  LabGradcheckLayer *layers;
  gboolean           passed;
} LabGradcheckReport;

/* Largest number of single elements compared per tensor. */
#define LAB_GRADCHECK_ELEMENTS 24

/* Checks the gradients of loss(net(x), y) on the batch x (n, in_size), y (n, y_dim) with
 * n ≤ net->max_batch, in training mode. Dropout masks are the same for every evaluation (the
 * network's random state is restored before each) and BatchNorm's running statistics are restored
 * after each, so the network is left as it was, weights and gradients included. seed picks the
 * random directions and elements.
 *
 * Returns FALSE with an error when the check cannot be made (the loss at θ is not finite, the
 * batch does not fit); otherwise TRUE, with the verdict in report->passed. Clear the report with
 * lab_gradcheck_report_clear(). */
gboolean lab_network_gradcheck      (LabNetwork          *net,
                                     const LabLoss       *loss,
                                     const float         *x,
                                     const float         *y,
                                     guint                y_dim,
                                     guint                n,
                                     guint64              seed,
                                     LabGradcheckReport  *report,
                                     GError             **error);
void     lab_gradcheck_report_clear (LabGradcheckReport  *report);

G_END_DECLS

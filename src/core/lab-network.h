/* lab-network.h: a graph compiled into an execution plan with its parameter arena
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A network is built from a validated graph and then owns everything it needs: the worker thread
 * that trains it never looks at the graph again. All parameters live in one arena (as llm.c's
 * malloc_and_point_parameters), trainable ones first and frozen ones after them, so an optimizer
 * is one loop over params[0 .. n_trainable) and zeroing the gradients is one memset.
 */
#pragma once

#include "lab-graph.h"
#include "lab-init.h"
#include "lab-loss.h"
#include "lab-safetensors.h"

G_BEGIN_DECLS

typedef struct
{
  char               *name;
  guint               node_id;
  const LabLayerType *type;
  LabLayerInfo        info;           /* info.hp points at hp */
  LabHValue          *hp;
  guint               inputs[LAB_MAX_INPUTS];   /* step indices */
  gboolean            frozen;
  gboolean            needs_grad;     /* something at or before this step is trained */
  gsize               out_size;       /* per sample */
  float              *out;            /* (max_batch, out_size) */
  float              *dout;
  float              *cache;
  gsize               cache_floats;   /* for max_batch */
  guint               n_params;
  LabParamDesc        params[LAB_MAX_PARAMS];
  gsize               param_offset;   /* into the arena */
  gsize               param_size;
  guint               n_state;
  LabParamDesc        state[LAB_MAX_PARAMS];
  gsize               state_offset;
  gsize               state_size;
  gboolean            shares_input;   /* a view (Flatten, Reshape) whose out and dout are its
                                       * input's buffers: neither forward nor backward runs */
  gboolean            zero_dout;      /* backward clears dout first: the step that writes it
                                       * first accumulates */
  gboolean            dinp_assign[LAB_MAX_INPUTS];  /* this step writes input j's gradient
                                                     * first, and overwrites it */
  gboolean            relu_folded;    /* backward does the ReLU before it (inputs[0]) as well */
  gboolean            backward_folded;  /* a ReLU whose backward its consumer does */
} LabStep;

typedef struct
{
  guint     n_steps;
  LabStep  *steps;            /* topological order; steps[0] is the Input */
  guint     output;           /* index of the last step */
  guint     max_batch;
  LabShape  in_shape;
  LabShape  out_shape;
  gsize     in_size;
  gsize     out_size;
  float    *params;           /* [n_params]: trainable first */
  float    *grads;            /* [n_params] */
  gsize     n_params;
  gsize     n_trainable;
  float    *state;            /* [n_state] */
  gsize     n_state;
  float    *scratch;          /* shared by all steps: the largest scratch_floats */
  gsize     scratch_floats;
  LabRng    rng;              /* dropout masks */
  LabLossKind loss;
  gboolean  last_training;    /* the mode of the last forward, which backward must match */
  gboolean  fused_output;     /* the last step is a softmax/sigmoid Activation that the loss
                               * applies itself, so it passes logits through */
} LabNetwork;

/* Compiles a graph (validated here) for batches of up to max_batch samples with the given loss;
 * refuses, with a message naming both, a network whose output does not suit the loss (a softmax
 * end with binary cross-entropy, a sigmoid end with categorical cross-entropy). */
LabNetwork  *lab_network_new            (LabGraph       *graph,
                                         guint           max_batch,
                                         LabLossKind     loss,
                                         GError        **error);
void         lab_network_free           (LabNetwork     *self);
/* Fills every tensor as its layer asks (LAB_FILL_WEIGHT and LAB_FILL_BIAS with init), from one
 * seeded stream. */
void         lab_network_init_params    (LabNetwork     *self,
                                         const LabInit  *init,
                                         guint64         seed);
/* Runs the network on x (n, in_size); returns the output (n, out_size): logits when the loss
 * applies softmax/sigmoid itself (cross-entropy and BCE), otherwise the last layer's values.
 * Every step's output stays readable until the next call (lab_network_find_step). */
const float *lab_network_forward        (LabNetwork     *self,
                                         const float    *x,
                                         guint           n,
                                         gboolean        training);
void         lab_network_zero_grad      (LabNetwork     *self);
/* Backpropagates dout (n, out_size) from the last forward; gradients accumulate in grads. */
void         lab_network_backward       (LabNetwork     *self,
                                         const float    *dout,
                                         guint           n);
/* Sets grads to the gradients for dout (n, out_size) of the last forward: the values of
 * lab_network_zero_grad () then lab_network_backward (), without a pass that clears buffers the
 * layers then overwrite. Frozen tensors' gradients are left as they are. */
void         lab_network_compute_grads  (LabNetwork     *self,
                                         const float    *dout,
                                         guint           n);
/* Turns outputs into what a person reads: softmax probabilities for cross-entropy, sigmoid for
 * BCE, the values themselves otherwise. out may equal logits. */
void         lab_network_probabilities  (LabNetwork     *self,
                                         const float    *logits,
                                         float          *out,
                                         guint           n);
LabStep     *lab_network_find_step      (LabNetwork     *self,
                                         const char     *name);
/* Copies of all weights and running statistics, for best-weight snapshots and NaN rollback. */
float       *lab_network_snapshot       (LabNetwork     *self);
void         lab_network_restore        (LabNetwork     *self,
                                         const float    *snapshot);
/* Weights and running statistics as safetensors ("<layer>.<tensor>"); metadata may be NULL. */
gboolean     lab_network_save_weights   (LabNetwork     *self,
                                         const char     *path,
                                         GHashTable     *metadata,
                                         GError        **error);
/* Loads weights saved for a graph of the same shape. A missing, extra or differently shaped
 * tensor is LAB_ERROR_WEIGHTS_MISMATCH naming it; on error nothing is changed. */
gboolean     lab_network_load_weights   (LabNetwork     *self,
                                         const char     *path,
                                         GError        **error);

/* The same through an open safetensors object, for checkpoints that add optimizer state. */
void         lab_network_put_tensors    (LabNetwork     *self,
                                         LabSafetensors *file);
gboolean     lab_network_take_tensors   (LabNetwork     *self,
                                         LabSafetensors *file,
                                         const char     *display_name,
                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabNetwork, lab_network_free)

G_END_DECLS

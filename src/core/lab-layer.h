/* lab-layer.h: what every layer type provides
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A layer type is one const LabLayerType, defined in its own file under layers/. The graph holds
 * hyperparameter values per node; the network asks each type for its output shape, its parameter
 * tensors, its FLOPs and how much it must cache, then calls forward and backward on raw buffers.
 *
 * Conventions, as in llm.c:
 * - every runtime buffer is contiguous float32 with the batch dimension first: (N, per-sample shape);
 * - backward accumulates (+=) into dinp and dparams, which the caller zeroes once per step
 *   (unless the run asks a grad_assign type to overwrite them instead, below);
 * - dinp[i] is NULL when input i needs no gradient (it comes from the Input layer), and dparams is
 *   NULL when the layer is frozen: skip that work;
 * - parameter tensors are laid out one after the other in the order params() lists them, and
 *   use PyTorch's layouts so weights compare and export directly: Dense weight (out, in),
 *   Conv2D weight (Cout, Cin, KH, KW).
 */
#pragma once

#include <glib.h>

#include "lab-hparam.h"
#include "lab-rng.h"
#include "lab-types.h"

G_BEGIN_DECLS

/* How a parameter tensor starts out. WEIGHT uses the initializer the user chose. */
typedef enum
{
  LAB_FILL_WEIGHT,
  LAB_FILL_ZEROS,
  LAB_FILL_ONES,
  LAB_FILL_CONST,
  LAB_FILL_BIAS,         /* zeros, or what the initializer draws for biases (lab_init_fill_bias) */
} LabFill;

typedef struct
{
  const char *name;      /* "weight", "bias", "gamma", "running_mean": the file name is "<node>.<name>" */
  LabShape    shape;
  LabFill     fill;
  float       value;     /* LAB_FILL_CONST */
  guint       fan_in;    /* LAB_FILL_WEIGHT: for Glorot and He; LAB_FILL_BIAS: the weight's */
  guint       fan_out;
} LabParamDesc;

/* What a type knows about one node while compiling: settings and input shapes. */
typedef struct
{
  const char      *name;                     /* the node's name, for messages */
  const LabHValue *hp;                       /* values in the order of type->hparams */
  guint            n_inputs;
  LabShape         in_shape[LAB_MAX_INPUTS]; /* per sample */
  LabShape         out_shape;                /* filled by infer_shape */
} LabLayerInfo;

/* One call of forward or backward. */
typedef struct
{
  const LabLayerInfo *info;
  guint               batch;                  /* N */
  gboolean            training;               /* Dropout and BatchNorm behave differently */
  gboolean            output_logits;          /* Activation only: this node ends the network and
                                               * the loss applies softmax/sigmoid itself, so pass
                                               * the input through unchanged */
  const float        *inp[LAB_MAX_INPUTS];    /* (N, in_shape[i]) */
  float              *dinp[LAB_MAX_INPUTS];   /* (N, in_shape[i]), accumulate; may be NULL */
  float              *out;                    /* (N, out_shape) */
  const float        *dout;                   /* (N, out_shape) */
  float              *params;                 /* the tensors of params(), concatenated */
  float              *dparams;                /* same layout, accumulate; NULL when frozen */
  float              *state;                  /* the buffers of state(): BatchNorm running stats */
  float              *cache;                  /* cache_floats (info, N) floats, forward to backward */
  float              *scratch;                /* scratch_floats (info, N) floats, not kept */
  LabRng             *rng;                    /* Dropout's masks */
  /* Set by the network only for types with grad_assign: the buffer holds stale values, so
   * backward writes (=) into it instead of accumulating, with the values that zeroing it first
   * and accumulating would give. Zero (accumulate) everywhere else, as in tests. */
  gboolean            dinp_assign[LAB_MAX_INPUTS];
  gboolean            dparams_assign;
  /* Set by the network only for types with fold_relu: inp[0] is the output of a ReLU that
   * feeds nothing else, and dinp[0] is that ReLU's input gradient, so backward applies the
   * ReLU's backward too (passes the gradient on only where the ReLU's output was > 0). */
  gboolean            relu_folded;
} LabLayerRun;

struct _LabLayerType
{
  const char          *name;        /* stable id in files: "Dense" */
  const char          *label;       /* N_("Dense") */
  const char          *category;    /* "Core", "Convolution", "Pooling", "Normalization",
                                     * "Regularization", "Activation", "Merge" */
  const char          *blurb;       /* N_() one-line description for the palette */
  guint                min_inputs;  /* Input: 0; most: 1; Add and Concatenate: 2 */
  guint                max_inputs;  /* at most LAB_MAX_INPUTS */
  const LabHParamSpec *hparams;
  guint                n_hparams;

  /* Fills info->out_shape from info->in_shape, or explains what is wrong, naming the node and
   * saying how to fix it (LAB_ERROR_SHAPE_MISMATCH or LAB_ERROR_INVALID_PARAM). Required. */
  gboolean (*infer_shape)   (LabLayerInfo       *info,
                             GError            **error);
  /* Trainable tensors (weights, biases, PReLU's alpha); NULL for none. Returns their count. */
  guint    (*params)        (const LabLayerInfo *info,
                             LabParamDesc       *descs);
  /* Non-trainable buffers saved with the weights (BatchNorm running mean/var); NULL for none. */
  guint    (*state)         (const LabLayerInfo *info,
                             LabParamDesc       *descs);
  /* Floats to keep from forward to backward for a batch of n; NULL for none. */
  gsize    (*cache_floats)  (const LabLayerInfo *info,
                             guint               n);
  /* Temporary floats for one call (im2col columns); NULL for none. */
  gsize    (*scratch_floats) (const LabLayerInfo *info,
                              guint               n);
  /* Floating-point operations of one forward pass for one sample (a multiply-add counts 2). */
  guint64  (*flops)         (const LabLayerInfo *info);
  void     (*forward)       (const LabLayerRun  *run);
  void     (*backward)      (const LabLayerRun  *run);

  /* Optional, to spare the network passes over memory; FALSE is always correct. */
  gboolean   grad_assign;   /* backward honours run->dinp_assign and run->dparams_assign */
  gboolean   view;          /* one input, and the output is that input's values unchanged in
                             * memory order (Flatten, Reshape): the network may share the
                             * input's buffers and run neither forward nor backward */
  gboolean   fold_relu;     /* backward honours run->relu_folded */
};

/* Every type, in palette order; NULL-terminated. */
const LabLayerType * const *lab_layer_types      (void);
const LabLayerType         *lab_layer_type_find  (const char *name);

/* The types, one per file in layers/. */
extern const LabLayerType lab_layer_input;
extern const LabLayerType lab_layer_dense;
extern const LabLayerType lab_layer_conv2d;
extern const LabLayerType lab_layer_maxpool2d;
extern const LabLayerType lab_layer_avgpool2d;
extern const LabLayerType lab_layer_global_avgpool2d;
extern const LabLayerType lab_layer_flatten;
extern const LabLayerType lab_layer_reshape;
extern const LabLayerType lab_layer_dropout;
extern const LabLayerType lab_layer_batchnorm;
extern const LabLayerType lab_layer_layernorm;
extern const LabLayerType lab_layer_activation;
extern const LabLayerType lab_layer_add;
extern const LabLayerType lab_layer_concatenate;

/* Sum of the sizes of descs[0..n). */
gsize lab_param_descs_size (const LabParamDesc *descs,
                            guint               n);

G_END_DECLS

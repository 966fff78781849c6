/* lab-layer-activation.c: a stand-alone activation function
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function but softmax works element by element through lab-activation.c. Softmax runs over
 * the channel axis, axis 0 of the per-sample shape, like torch.nn.Softmax(dim=1): over all
 * features of a flat input, over C at each (h, w) of a C×H×W one.
 *
 * Backward reads run->inp[0] and run->out, which the network keeps unchanged between the forward
 * and the backward of one batch, so this layer caches nothing.
 *
 * When run->output_logits is set the node ends the network and the loss applies softmax or sigmoid
 * itself on the logits (a fused, stable cross-entropy), so forward copies its input and backward
 * passes the gradient through.
 */
#define G_LOG_DOMAIN "lab-layer-activation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-activation.h"
#include "lab-layer.h"

enum {
  HP_FUNCTION,
  HP_NEGATIVE_SLOPE,
  HP_ELU_ALPHA,
  HP_PRELU_INIT,
  N_HPARAMS
};

/* In the order of LabActivationKind, so that the choice index is the kind. */
static const char * const function_choices[] = {
  "linear", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "swish", "softplus",
  "softmax", NULL,
};

static const char * const function_labels[] = {
  N_("Linear (none)"), N_("Sigmoid"), N_("Tanh"), N_("ReLU"), N_("Leaky ReLU"), N_("PReLU"),
  N_("ELU"), N_("Swish (SiLU)"), N_("Softplus"), N_("Softmax"), NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (function_choices) == LAB_ACT_N_KINDS + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (function_labels) == LAB_ACT_N_KINDS + 1);

static const LabHParamSpec activation_hparams[N_HPARAMS] = {
  [HP_FUNCTION] = {
    .key = "function",
    .label = N_("Function"),
    .blurb = N_("The non-linearity applied to every value. ReLU is the usual choice between hidden "
                "layers; softmax turns the last layer's scores into class probabilities that sum "
                "to 1, sigmoid gives one probability per output, linear leaves values unchanged "
                "for regression."),
    .kind = LAB_HP_CHOICE,
    .def = LAB_ACT_RELU,
    .choices = function_choices,
    .choice_labels = function_labels,
  },
  [HP_NEGATIVE_SLOPE] = {
    .key = "negative_slope",
    .label = N_("Negative slope"),
    .blurb = N_("Leaky ReLU only: the slope for negative inputs, so that units never stop "
                "learning completely. Typical values are 0.01 to 0.3; 0.01 is the default."),
    .kind = LAB_HP_FLOAT,
    .min = 0.0,
    .max = 1.0,
    .def = 0.01,
  },
  [HP_ELU_ALPHA] = {
    .key = "elu_alpha",
    .label = N_("ELU alpha"),
    .blurb = N_("ELU only: negative inputs approach −alpha smoothly instead of being cut to 0, "
                "which keeps mean activations closer to zero. 1.0 is the usual value."),
    .kind = LAB_HP_FLOAT,
    .min = 0.0,
    .max = 10.0,
    .def = 1.0,
  },
  [HP_PRELU_INIT] = {
    .key = "prelu_init",
    .label = N_("PReLU initial slope"),
    .blurb = N_("PReLU only: the starting value of the negative slope, which training then "
                "learns like a weight (one slope for the whole layer). 0.25 is the usual start."),
    .kind = LAB_HP_FLOAT,
    .min = 0.0,
    .max = 1.0,
    .def = 0.25,
  },
};

static LabActivationKind
get_kind (const LabLayerInfo *info)
{
  return (LabActivationKind) LAB_HP_INT_VALUE (info->hp, HP_FUNCTION);
}

/* The axis softmax runs over (C) and the positions it is repeated at (S = H·W, 1 when flat). */
static void
channel_split (const LabShape *shape,
               gsize          *C,
               gsize          *S)
{
  *C = shape->dims[0];
  *S = lab_shape_size (shape) / shape->dims[0];
}

static gboolean
activation_infer_shape (LabLayerInfo  *info,
                        GError       **error)
{
  for (guint i = 0; i < N_HPARAMS; i++)
    if (!lab_hparam_check (&activation_hparams[i], &info->hp[i], info->name, error))
      return FALSE;
  info->out_shape = info->in_shape[0];
  return TRUE;
}

static guint
activation_params (const LabLayerInfo *info,
                   LabParamDesc       *descs)
{
  if (get_kind (info) != LAB_ACT_PRELU)
    return 0;
  descs[0] = (LabParamDesc) {
    .name = "alpha",
    .shape = lab_shape_flat (1),
    .fill = LAB_FILL_CONST,
    .value = LAB_HP_FLOAT_VALUE (info->hp, HP_PRELU_INIT),
  };
  return 1;
}

static gsize
activation_scratch_floats (const LabLayerInfo *info,
                           guint               n)
{
  gsize C, S;

  if (get_kind (info) != LAB_ACT_SOFTMAX)
    return 0;
  channel_split (&info->in_shape[0], &C, &S);
  return 2 * S;
}

static guint64
activation_flops (const LabLayerInfo *info)
{
  /* Per element, counting exp, log and tanh as one operation each. */
  static const guint per_element[LAB_ACT_N_KINDS] = {
    [LAB_ACT_LINEAR] = 0, [LAB_ACT_SIGMOID] = 3, [LAB_ACT_TANH] = 1, [LAB_ACT_RELU] = 1,
    [LAB_ACT_LEAKY_RELU] = 2, [LAB_ACT_PRELU] = 2, [LAB_ACT_ELU] = 3, [LAB_ACT_SWISH] = 4,
    [LAB_ACT_SOFTPLUS] = 4, [LAB_ACT_SOFTMAX] = 5,
  };
  LabActivationKind kind = get_kind (info);

  if (kind >= LAB_ACT_N_KINDS)
    return 0;
  return (guint64) per_element[kind] * lab_shape_size (&info->in_shape[0]);
}

static void
softmax_channels_forward (float       *out,
                          float       *maxval,
                          float       *sum,
                          const float *inp,
                          gsize        N,
                          gsize        C,
                          gsize        S)
{
  /* inp, out: (N, C, S); maxval, sum: (S) scratch. The loops run over s innermost so that every
   * pass reads contiguous rows of S values. */
  for (gsize n = 0; n < N; n++)
    {
      const float *x = inp + n * C * S;
      float *y = out + n * C * S;

      memcpy (maxval, x, S * sizeof (float));
      for (gsize c = 1; c < C; c++)
        for (gsize s = 0; s < S; s++)
          maxval[s] = MAX (maxval[s], x[c * S + s]);
      memset (sum, 0, S * sizeof (float));
      for (gsize c = 0; c < C; c++)
        for (gsize s = 0; s < S; s++)
          {
            y[c * S + s] = expf (x[c * S + s] - maxval[s]);
            sum[s] += y[c * S + s];
          }
      /* sum ≥ 1: the maximum contributes e⁰ */
      for (gsize s = 0; s < S; s++)
        sum[s] = 1.0f / sum[s];
      for (gsize c = 0; c < C; c++)
        for (gsize s = 0; s < S; s++)
          y[c * S + s] *= sum[s];
    }
}

static void
softmax_channels_backward (float       *dinp,
                           float       *dot,
                           const float *out,
                           const float *dout,
                           gsize        N,
                           gsize        C,
                           gsize        S)
{
  /* out, dout, dinp: (N, C, S); dot: (S) scratch.
   * ∂L/∂x_c = y_c (∂L/∂y_c − Σ_k ∂L/∂y_k · y_k), the Jacobian-vector product of softmax. */
  for (gsize n = 0; n < N; n++)
    {
      const float *y = out + n * C * S;
      const float *dy = dout + n * C * S;
      float *dx = dinp + n * C * S;

      memset (dot, 0, S * sizeof (float));
      for (gsize c = 0; c < C; c++)
        for (gsize s = 0; s < S; s++)
          dot[s] += dy[c * S + s] * y[c * S + s];
      for (gsize c = 0; c < C; c++)
        for (gsize s = 0; s < S; s++)
          dx[c * S + s] += y[c * S + s] * (dy[c * S + s] - dot[s]);
    }
}

/* dinp = dout where inp > 0, else 0 (the subgradient 0 at x = 0, as PyTorch); dinp, inp, dout
 * (n). The same values as lab_activation_backward () adding onto zeros. */
static void
relu_backward_assign (float *restrict       dinp,
                      const float *restrict inp,
                      const float *restrict dout,
                      gsize                 n)
{
  typedef float v4f __attribute__ ((vector_size (16)));
  typedef gint32 v4i __attribute__ ((vector_size (16)));
  gsize i = 0;

  /* Four at a time: the mask of x > 0 (all ones or zeros) keeps dout's bits or clears them. */
  for (; i + 4 <= n; i += 4)
    {
      v4f x, g;
      v4i keep;

      memcpy (&x, inp + i, sizeof x);
      memcpy (&g, dout + i, sizeof g);
      keep = x > (v4f) { 0.0f, 0.0f, 0.0f, 0.0f };
      g = (v4f) ((v4i) g & keep);
      memcpy (dinp + i, &g, sizeof g);
    }
  for (; i < n; i++)
    dinp[i] = inp[i] > 0.0f ? dout[i] : 0.0f;
}

static float
get_alpha (const LabLayerRun *run,
           LabActivationKind  kind)
{
  switch (kind)
    {
    case LAB_ACT_LEAKY_RELU:
      return LAB_HP_FLOAT_VALUE (run->info->hp, HP_NEGATIVE_SLOPE);
    case LAB_ACT_ELU:
      return LAB_HP_FLOAT_VALUE (run->info->hp, HP_ELU_ALPHA);
    case LAB_ACT_PRELU:
      return run->params[0];
    default:
      return 0.0f;
    }
}

static void
activation_forward (const LabLayerRun *run)
{
  const LabShape *shape = &run->info->in_shape[0];
  LabActivationKind kind = get_kind (run->info);
  gsize n = run->batch * lab_shape_size (shape);

  if (run->output_logits)
    {
      memcpy (run->out, run->inp[0], n * sizeof (float));
      return;
    }

  if (kind == LAB_ACT_SOFTMAX)
    {
      gsize C, S;

      channel_split (shape, &C, &S);
      if (S == 1)
        lab_softmax_forward (run->inp[0], run->out, run->batch, C);
      else
        softmax_channels_forward (run->out, run->scratch, run->scratch + S, run->inp[0],
                                  run->batch, C, S);
      return;
    }

  lab_activation_forward (kind, get_alpha (run, kind), run->inp[0], run->out, n);
}

static void
activation_backward (const LabLayerRun *run)
{
  const LabShape *shape = &run->info->in_shape[0];
  LabActivationKind kind = get_kind (run->info);
  gsize n = run->batch * lab_shape_size (shape);
  const float *inp = run->inp[0];
  float *dinp = run->dinp[0];

  if (run->output_logits)
    {
      if (dinp != NULL && run->dinp_assign[0])
        memcpy (dinp, run->dout, n * sizeof (float));
      else if (dinp != NULL)
        for (gsize i = 0; i < n; i++)
          dinp[i] += run->dout[i];
      return;
    }

  /* PReLU's slope: ∂L/∂α = Σ_{x ≤ 0} x · ∂L/∂y, summed over the batch and every position. */
  if (kind == LAB_ACT_PRELU && run->dparams != NULL)
    {
      double dalpha = 0.0;

      for (gsize i = 0; i < n; i++)
        if (inp[i] <= 0.0f)
          dalpha += (double) inp[i] * run->dout[i];
      run->dparams[0] = (run->dparams_assign ? 0.0f : run->dparams[0]) + (float) dalpha;
    }

  if (dinp == NULL)
    return;

  if (run->dinp_assign[0])
    {
      /* ReLU, the common case, writes its gradient in one pass; the other functions
       * accumulate onto zeros, which gives the same values. */
      if (kind == LAB_ACT_RELU)
        {
          relu_backward_assign (dinp, inp, run->dout, n);
          return;
        }
      memset (dinp, 0, n * sizeof (float));
    }

  if (kind == LAB_ACT_SOFTMAX)
    {
      gsize C, S;

      channel_split (shape, &C, &S);
      softmax_channels_backward (dinp, run->scratch, run->out, run->dout, run->batch, C, S);
      return;
    }

  lab_activation_backward (kind, get_alpha (run, kind), inp, run->out, run->dout, dinp, n);
}

const LabLayerType lab_layer_activation = {
  .name = "Activation",
  .label = N_("Activation"),
  .category = "Activation",
  .blurb = N_("Applies a non-linear function such as ReLU, sigmoid or softmax to every value"),
  .min_inputs = 1,
  .max_inputs = 1,
  .hparams = activation_hparams,
  .n_hparams = N_HPARAMS,
  .infer_shape = activation_infer_shape,
  .params = activation_params,
  .scratch_floats = activation_scratch_floats,
  .flops = activation_flops,
  .forward = activation_forward,
  .backward = activation_backward,
  .grad_assign = TRUE,
};

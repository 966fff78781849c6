/* lab-layer-dense.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fully connected layer: out = inp · Wᵀ + b, with W stored (units, in) as in PyTorch's Linear.
 * N = batch, I = input features, U = units.
 */
#define G_LOG_DOMAIN "lab-layer-dense"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-blas.h"
#include "lab-error.h"
#include "lab-layer.h"

enum { HP_UNITS, HP_BIAS };

static const LabHParamSpec dense_hparams[] = {
  {
    .key = "units",
    .label = N_("Units"),
    .blurb = N_("How many neurons the layer has, which is the length of its output. More units "
                "can learn more but cost more time and may overfit; hidden layers often use 32 "
                "to 256, an output layer one unit per class."),
    .kind = LAB_HP_INT,
    .min = 1,
    .max = 65536,
    .def = 64,
  },
  {
    .key = "bias",
    .label = N_("Bias"),
    .blurb = N_("Adds a learned offset to each unit, so it can output a non-zero value for a zero "
                "input. Keep it on unless a normalization layer follows, which cancels it."),
    .kind = LAB_HP_BOOL,
    .def = 1,
  },
};

static gboolean
dense_infer_shape (LabLayerInfo  *info,
                   GError       **error)
{
  const LabShape *in = &info->in_shape[0];

  for (guint i = 0; i < G_N_ELEMENTS (dense_hparams); i++)
    if (!lab_hparam_check (&dense_hparams[i], &info->hp[i], info->name, error))
      return FALSE;

  if (in->ndim != 1)
    {
      g_autofree char *got = lab_shape_to_string (in);

      g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                   _("Dense “%s” needs a flat input but receives %s: insert a Flatten layer"),
                   info->name, got);
      return FALSE;
    }
  info->out_shape = lab_shape_flat (LAB_HP_INT_VALUE (info->hp, HP_UNITS));
  return TRUE;
}

static guint
dense_params (const LabLayerInfo *info,
              LabParamDesc       *descs)
{
  guint in = info->in_shape[0].dims[0];
  guint units = LAB_HP_INT_VALUE (info->hp, HP_UNITS);

  descs[0] = (LabParamDesc) {
    .name = "weight",
    .shape = lab_shape_make (2, units, in),
    .fill = LAB_FILL_WEIGHT,
    .fan_in = in,
    .fan_out = units,
  };
  if (!LAB_HP_BOOL_VALUE (info->hp, HP_BIAS))
    return 1;
  descs[1] = (LabParamDesc) {
    .name = "bias",
    .shape = lab_shape_flat (units),
    .fill = LAB_FILL_BIAS,
    .fan_in = in,
  };
  return 2;
}

static guint64
dense_flops (const LabLayerInfo *info)
{
  guint64 in = info->in_shape[0].dims[0];
  guint64 units = LAB_HP_INT_VALUE (info->hp, HP_UNITS);

  return 2 * in * units + (LAB_HP_BOOL_VALUE (info->hp, HP_BIAS) ? units : 0);
}

/* out (N, U), inp (N, I), weight (U, I), bias (U) or NULL */
static void
dense_forward_kernel (float       *out,
                      const float *inp,
                      const float *weight,
                      const float *bias,
                      int          N,
                      int          I,
                      int          U)
{
  float beta = 0.0f;

  if (bias != NULL)
    {
      /* Start every row from the bias and let the product add to it. */
      for (int n = 0; n < N; n++)
        memcpy (out + (gsize) n * U, bias, U * sizeof (float));
      beta = 1.0f;
    }
  lab_sgemm (FALSE, TRUE, N, U, I, 1.0f, inp, I, weight, I, beta, out, U);
}

/* dinp (N, I) or NULL, dweight (U, I) or NULL, dbias (U) or NULL, dout (N, U), inp (N, I),
 * weight (U, I). The gradients accumulate, or are overwritten where assign_dinp and
 * assign_dparams say so (beta 0: the same values as accumulating onto zeros). */
static void
dense_backward_kernel (float       *dinp,
                       float       *dweight,
                       float       *dbias,
                       const float *dout,
                       const float *inp,
                       const float *weight,
                       int          N,
                       int          I,
                       int          U,
                       gboolean     assign_dinp,
                       gboolean     assign_dparams)
{
  if (dweight != NULL)
    lab_sgemm (TRUE, FALSE, U, I, N, 1.0f, dout, U, inp, I, assign_dparams ? 0.0f : 1.0f, dweight, I);
  if (dbias != NULL)
    {
      int n = 0;

      if (assign_dparams && N > 0)
        {
          memcpy (dbias, dout, U * sizeof (float));
          n = 1;
        }
      for (; n < N; n++)
        for (int u = 0; u < U; u++)
          dbias[u] += dout[(gsize) n * U + u];
    }
  if (dinp != NULL)
    lab_sgemm (FALSE, FALSE, N, I, U, 1.0f, dout, U, weight, I, assign_dinp ? 0.0f : 1.0f, dinp, I);
}

static void
dense_forward (const LabLayerRun *run)
{
  const LabLayerInfo *info = run->info;
  int I = info->in_shape[0].dims[0];
  int U = LAB_HP_INT_VALUE (info->hp, HP_UNITS);
  gboolean has_bias = LAB_HP_BOOL_VALUE (info->hp, HP_BIAS);

  dense_forward_kernel (run->out, run->inp[0], run->params,
                        has_bias ? run->params + (gsize) U * I : NULL,
                        run->batch, I, U);
}

static void
dense_backward (const LabLayerRun *run)
{
  const LabLayerInfo *info = run->info;
  int I = info->in_shape[0].dims[0];
  int U = LAB_HP_INT_VALUE (info->hp, HP_UNITS);
  gboolean has_bias = LAB_HP_BOOL_VALUE (info->hp, HP_BIAS);
  float *dweight = run->dparams;
  float *dbias = (run->dparams != NULL && has_bias) ? run->dparams + (gsize) U * I : NULL;

  dense_backward_kernel (run->dinp[0], dweight, dbias, run->dout, run->inp[0], run->params,
                         run->batch, I, U, run->dinp_assign[0], run->dparams_assign);
}

const LabLayerType lab_layer_dense = {
  .name = "Dense",
  .label = N_("Dense"),
  .category = "Core",
  .blurb = N_("Fully connected: every output unit is a weighted sum of all inputs plus a bias"),
  .min_inputs = 1,
  .max_inputs = 1,
  .hparams = dense_hparams,
  .n_hparams = G_N_ELEMENTS (dense_hparams),
  .infer_shape = dense_infer_shape,
  .params = dense_params,
  .flops = dense_flops,
  .forward = dense_forward,
  .backward = dense_backward,
  .grad_assign = TRUE,
};

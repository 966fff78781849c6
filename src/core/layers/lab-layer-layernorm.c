/* lab-layer-layernorm.c: layer normalization
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * reference: https://pytorch.org/docs/stable/generated/torch.nn.LayerNorm.html, with
 * normalized_shape = the whole per-sample shape, and llm.c's layernorm_forward/backward.
 *
 * Each sample is normalized over all its D values with its own mean and (biased) variance, then
 * scaled and shifted element by element by gamma and beta of the per-sample shape. Nothing depends
 * on the other samples of the batch, so training and inference behave alike and any batch size,
 * even 1, gives the same output per sample.
 *
 * Parameters: gamma (D), beta (D). Cache: xhat (N, D), then rstd (N).
 */
#define G_LOG_DOMAIN "lab-layer-layernorm"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-layer.h"

enum {
  HP_EPSILON,
  N_HPARAMS
};

static const LabHParamSpec layernorm_hparams[N_HPARAMS] = {
  [HP_EPSILON] = {
    .key = "epsilon",
    .label = N_("Epsilon"),
    .blurb = N_("A small number added to the variance before the square root so that samples "
                "with almost constant values do not divide by zero. 1e-5 rarely needs changing."),
    .kind = LAB_HP_FLOAT,
    .min = 1e-10,
    .max = 1.0,
    .def = 1e-5,
  },
};

static gboolean
layernorm_infer_shape (LabLayerInfo  *info,
                       GError       **error)
{
  if (!lab_hparam_check (&layernorm_hparams[HP_EPSILON], &info->hp[HP_EPSILON], info->name, error))
    return FALSE;
  info->out_shape = info->in_shape[0];
  return TRUE;
}

static guint
layernorm_params (const LabLayerInfo *info,
                  LabParamDesc       *descs)
{
  descs[0] = (LabParamDesc) { .name = "gamma", .shape = info->in_shape[0], .fill = LAB_FILL_ONES };
  descs[1] = (LabParamDesc) { .name = "beta", .shape = info->in_shape[0], .fill = LAB_FILL_ZEROS };
  return 2;
}

static gsize
layernorm_cache_floats (const LabLayerInfo *info,
                        guint               n)
{
  return (gsize) n * (lab_shape_size (&info->in_shape[0]) + 1);
}

static guint64
layernorm_flops (const LabLayerInfo *info)
{
  /* mean and variance (3 per value) + normalization and scale-shift (4 per value) */
  return 7 * (guint64) lab_shape_size (&info->in_shape[0]);
}

static void
layernorm_forward (const LabLayerRun *run)
{
  /* inp, out, xhat: (N, D); gamma, beta: (D); rstd: (N) */
  gsize N = run->batch;
  gsize D = lab_shape_size (&run->info->in_shape[0]);
  float eps = LAB_HP_FLOAT_VALUE (run->info->hp, HP_EPSILON);
  const float *gamma = run->params;
  const float *beta = run->params + D;
  float *xhat = run->cache;
  float *rstd = run->cache + N * D;

  for (gsize n = 0; n < N; n++)
    {
      const float *x = run->inp[0] + n * D;
      float *y = run->out + n * D;
      float *xh = xhat + n * D;
      double sum = 0.0, ssd = 0.0;
      float m, r;

      for (gsize i = 0; i < D; i++)
        sum += x[i];
      m = (float) (sum / D);
      for (gsize i = 0; i < D; i++)
        {
          float d = x[i] - m;

          ssd += (double) d * d;
        }
      r = (float) (1.0 / sqrt (ssd / D + eps));
      rstd[n] = r;
      for (gsize i = 0; i < D; i++)
        {
          xh[i] = (x[i] - m) * r;
          y[i] = gamma[i] * xh[i] + beta[i];
        }
    }
}

static void
layernorm_backward (const LabLayerRun *run)
{
  gsize N = run->batch;
  gsize D = lab_shape_size (&run->info->in_shape[0]);
  const float *gamma = run->params;
  const float *xhat = run->cache;
  const float *rstd = run->cache + N * D;
  float *dgamma = run->dparams;
  float *dbeta = run->dparams ? run->dparams + D : NULL;

  for (gsize n = 0; n < N; n++)
    {
      const float *dy = run->dout + n * D;
      const float *xh = xhat + n * D;
      double sum_g = 0.0, sum_g_xhat = 0.0;
      float mean_g, mean_g_xhat;
      float *dx;

      if (dgamma != NULL)
        for (gsize i = 0; i < D; i++)
          {
            dgamma[i] += dy[i] * xh[i];
            dbeta[i] += dy[i];
          }
      if (run->dinp[0] == NULL)
        continue;

      /* g = ∂L/∂x̂ = γ ⊙ ∂L/∂y; ∂L/∂x = rstd·(g − mean(g) − x̂·mean(g ⊙ x̂)) */
      for (gsize i = 0; i < D; i++)
        {
          float g = gamma[i] * dy[i];

          sum_g += g;
          sum_g_xhat += (double) g * xh[i];
        }
      mean_g = (float) (sum_g / D);
      mean_g_xhat = (float) (sum_g_xhat / D);
      dx = run->dinp[0] + n * D;
      for (gsize i = 0; i < D; i++)
        dx[i] += rstd[n] * (gamma[i] * dy[i] - mean_g - xh[i] * mean_g_xhat);
    }
}

const LabLayerType lab_layer_layernorm = {
  .name = "LayerNorm",
  .label = N_("Layer Normalization"),
  .category = "Normalization",
  .blurb = N_("Normalizes all values of each sample on its own, so it behaves the same for any batch size"),
  .min_inputs = 1,
  .max_inputs = 1,
  .hparams = layernorm_hparams,
  .n_hparams = N_HPARAMS,
  .infer_shape = layernorm_infer_shape,
  .params = layernorm_params,
  .cache_floats = layernorm_cache_floats,
  .flops = layernorm_flops,
  .forward = layernorm_forward,
  .backward = layernorm_backward,
};

/* lab-layer-batchnorm.c: batch normalization
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * reference: https://pytorch.org/docs/stable/generated/torch.nn.BatchNorm2d.html
 *
 * Statistics are taken per channel, axis 0 of the per-sample shape: over (N, H, W) for C×H×W
 * inputs (BatchNorm2d) and over N for flat inputs, one channel per feature (BatchNorm1d).
 * Buffers are (N, C, S) with S = H·W, or S = 1 when flat; M = N·S values per channel.
 *
 * Training normalizes with the batch mean and the biased batch variance and updates the running
 * statistics as PyTorch does, running = (1 − momentum)·running + momentum·batch, the variance
 * entering unbiased (× M / (M − 1)). Inference normalizes with the running statistics: batch
 * normalization is not switched off there, it becomes a fixed affine map.
 *
 * A training batch with a single value per channel (M = 1, a batch of 1 with flat input) has
 * variance 0. PyTorch refuses it; here x̂ = 0, the output is β, the input gradient 0, and the
 * running variance is left as it was since its unbiased estimate is undefined. Nothing is NaN.
 *
 * Parameters: gamma (C), beta (C). State: running_mean (C), running_var (C).
 * Cache: xhat (N, C, S), then mean (C), then rstd (C) of the forward, for either mode, so that
 * backward also works after an inference forward (the statistics are then constants).
 * Scratch: 2·C floats for the per-channel sums of backward.
 * Forward and backward of one batch must be called with the same run->training.
 */
#define G_LOG_DOMAIN "lab-layer-batchnorm"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-layer.h"

enum {
  HP_MOMENTUM,
  HP_EPSILON,
  N_HPARAMS
};

static const LabHParamSpec batchnorm_hparams[N_HPARAMS] = {
  [HP_MOMENTUM] = {
    .key = "momentum",
    .label = N_("Momentum"),
    .blurb = N_("How quickly the running mean and variance used at inference follow each training "
                "batch: running = (1 − momentum)·running + momentum·batch. 0.1 is the usual value "
                "(PyTorch's convention; Keras calls the same setting 0.99)."),
    .kind = LAB_HP_FLOAT,
    .min = 0.0,
    .max = 1.0,
    .def = 0.1,
  },
  [HP_EPSILON] = {
    .key = "epsilon",
    .label = N_("Epsilon"),
    .blurb = N_("A small number added to the variance before the square root so that channels "
                "with almost constant values do not divide by zero. 1e-5 rarely needs changing."),
    .kind = LAB_HP_FLOAT,
    .min = 1e-10,
    .max = 1.0,
    .def = 1e-5,
  },
};

static void
channel_split (const LabShape *shape,
               gsize          *C,
               gsize          *S)
{
  *C = shape->dims[0];
  *S = lab_shape_size (shape) / shape->dims[0];
}

static gboolean
batchnorm_infer_shape (LabLayerInfo  *info,
                       GError       **error)
{
  for (guint i = 0; i < N_HPARAMS; i++)
    if (!lab_hparam_check (&batchnorm_hparams[i], &info->hp[i], info->name, error))
      return FALSE;
  info->out_shape = info->in_shape[0];
  return TRUE;
}

static guint
batchnorm_params (const LabLayerInfo *info,
                  LabParamDesc       *descs)
{
  LabShape shape = lab_shape_flat (info->in_shape[0].dims[0]);

  descs[0] = (LabParamDesc) { .name = "gamma", .shape = shape, .fill = LAB_FILL_ONES };
  descs[1] = (LabParamDesc) { .name = "beta", .shape = shape, .fill = LAB_FILL_ZEROS };
  return 2;
}

static guint
batchnorm_state (const LabLayerInfo *info,
                 LabParamDesc       *descs)
{
  LabShape shape = lab_shape_flat (info->in_shape[0].dims[0]);

  descs[0] = (LabParamDesc) { .name = "running_mean", .shape = shape, .fill = LAB_FILL_ZEROS };
  descs[1] = (LabParamDesc) { .name = "running_var", .shape = shape, .fill = LAB_FILL_ONES };
  return 2;
}

static gsize
batchnorm_cache_floats (const LabLayerInfo *info,
                        guint               n)
{
  return (gsize) n * lab_shape_size (&info->in_shape[0]) + 2 * info->in_shape[0].dims[0];
}

static gsize
batchnorm_scratch_floats (const LabLayerInfo *info,
                          guint               n)
{
  return 2 * info->in_shape[0].dims[0];
}

static guint64
batchnorm_flops (const LabLayerInfo *info)
{
  /* statistics (about 3 per value) + normalization and scale-shift (4 per value) */
  return 7 * (guint64) lab_shape_size (&info->in_shape[0]);
}

/* Sums over one row of S values of a channel. Four partial sums break the chain of dependent
 * additions (and let GCC pair them into one SIMD add); a row is short enough for float. */
static float
row_sum (const float *x,
         gsize        S)
{
  float a0 = 0.0f, a1 = 0.0f, a2 = 0.0f, a3 = 0.0f;
  gsize s = 0;

  for (; s + 4 <= S; s += 4)
    {
      a0 += x[s];
      a1 += x[s + 1];
      a2 += x[s + 2];
      a3 += x[s + 3];
    }
  for (; s < S; s++)
    a0 += x[s];
  return (a0 + a1) + (a2 + a3);
}

static float
row_ssd (const float *x,
         float        m,
         gsize        S)
{
  float a0 = 0.0f, a1 = 0.0f, a2 = 0.0f, a3 = 0.0f;
  gsize s = 0;

  for (; s + 4 <= S; s += 4)
    {
      a0 += (x[s] - m) * (x[s] - m);
      a1 += (x[s + 1] - m) * (x[s + 1] - m);
      a2 += (x[s + 2] - m) * (x[s + 2] - m);
      a3 += (x[s + 3] - m) * (x[s + 3] - m);
    }
  for (; s < S; s++)
    a0 += (x[s] - m) * (x[s] - m);
  return (a0 + a1) + (a2 + a3);
}

static float
row_dot (const float *x,
         const float *y,
         gsize        S)
{
  float a0 = 0.0f, a1 = 0.0f, a2 = 0.0f, a3 = 0.0f;
  gsize s = 0;

  for (; s + 4 <= S; s += 4)
    {
      a0 += x[s] * y[s];
      a1 += x[s + 1] * y[s + 1];
      a2 += x[s + 2] * y[s + 2];
      a3 += x[s + 3] * y[s + 3];
    }
  for (; s < S; s++)
    a0 += x[s] * y[s];
  return (a0 + a1) + (a2 + a3);
}

/* Per-channel mean and sum of squared deviations of inp (N, C, S) into mean, ssd (C). Two passes,
 * the second over deviations from the mean, so that a large mean costs no precision. The loops run
 * over n, then c, then the contiguous S values of a row: no strided access. */
static void
channel_moments (float       *mean,
                 float       *ssd,
                 const float *inp,
                 gsize        N,
                 gsize        C,
                 gsize        S)
{
  memset (mean, 0, C * sizeof (float));
  memset (ssd, 0, C * sizeof (float));
  if (S == 1)
    {
      /* Flat rows: the channels are the contiguous features, summed across rows. */
      for (gsize n = 0; n < N; n++)
        for (gsize c = 0; c < C; c++)
          mean[c] += inp[n * C + c];
      for (gsize c = 0; c < C; c++)
        mean[c] /= N;
      for (gsize n = 0; n < N; n++)
        for (gsize c = 0; c < C; c++)
          {
            float d = inp[n * C + c] - mean[c];

            ssd[c] += d * d;
          }
      return;
    }

  for (gsize n = 0; n < N; n++)
    for (gsize c = 0; c < C; c++)
      mean[c] += row_sum (inp + (n * C + c) * S, S);
  for (gsize c = 0; c < C; c++)
    mean[c] /= N * S;
  for (gsize n = 0; n < N; n++)
    for (gsize c = 0; c < C; c++)
      ssd[c] += row_ssd (inp + (n * C + c) * S, mean[c], S);
}

/* Per-channel Σ dout and Σ dout·xhat over (N, S), as channel_moments(). */
static void
channel_grad_sums (float       *sum_dy,
                   float       *sum_dy_xhat,
                   const float *dout,
                   const float *xhat,
                   gsize        N,
                   gsize        C,
                   gsize        S)
{
  memset (sum_dy, 0, C * sizeof (float));
  memset (sum_dy_xhat, 0, C * sizeof (float));
  if (S == 1)
    {
      for (gsize n = 0; n < N; n++)
        for (gsize c = 0; c < C; c++)
          {
            sum_dy[c] += dout[n * C + c];
            sum_dy_xhat[c] += dout[n * C + c] * xhat[n * C + c];
          }
      return;
    }

  for (gsize n = 0; n < N; n++)
    for (gsize c = 0; c < C; c++)
      {
        gsize off = (n * C + c) * S;

        sum_dy[c] += row_sum (dout + off, S);
        sum_dy_xhat[c] += row_dot (dout + off, xhat + off, S);
      }
}

static void
batchnorm_forward (const LabLayerRun *run)
{
  /* inp, out, xhat: (N, C, S); gamma, beta, running_mean, running_var, mean, rstd: (C) */
  gsize N = run->batch, C, S, M;
  float momentum = LAB_HP_FLOAT_VALUE (run->info->hp, HP_MOMENTUM);
  float eps = LAB_HP_FLOAT_VALUE (run->info->hp, HP_EPSILON);
  const float *inp = run->inp[0];
  const float *gamma = run->params;
  const float *beta;
  float *running_mean = run->state;
  float *running_var;
  float *xhat = run->cache;
  float *mean, *rstd;

  channel_split (&run->info->in_shape[0], &C, &S);
  M = N * S;
  beta = gamma + C;
  running_var = running_mean + C;
  mean = xhat + N * C * S;
  rstd = mean + C;

  if (run->training)
    {
      /* rstd first receives the sums of squared deviations. */
      channel_moments (mean, rstd, inp, N, C, S);
      for (gsize c = 0; c < C; c++)
        {
          float ssd = rstd[c];

          rstd[c] = 1.0f / sqrtf (ssd / M + eps);
          running_mean[c] = (1.0f - momentum) * running_mean[c] + momentum * mean[c];
          if (M > 1)
            running_var[c] = (1.0f - momentum) * running_var[c] + momentum * (ssd / (M - 1));
        }
    }
  else
    for (gsize c = 0; c < C; c++)
      {
        /* A negative variance can only come from a damaged file; treat it as 0, not NaN. */
        mean[c] = running_mean[c];
        rstd[c] = 1.0f / sqrtf (MAX (running_var[c], 0.0f) + eps);
      }

  for (gsize n = 0; n < N; n++)
    for (gsize c = 0; c < C; c++)
      {
        gsize off = (n * C + c) * S;
        float m = mean[c], r = rstd[c], g = gamma[c], b = beta[c];

        for (gsize s = 0; s < S; s++)
          {
            float xh = (inp[off + s] - m) * r;

            xhat[off + s] = xh;
            run->out[off + s] = g * xh + b;
          }
      }
}

static void
batchnorm_backward (const LabLayerRun *run)
{
  /* dout, dinp, xhat: (N, C, S); sum_dy, sum_dy_xhat (the scratch): (C) */
  gsize N = run->batch, C, S, M;
  const float *gamma = run->params;
  const float *xhat = run->cache;
  const float *dout = run->dout;
  const float *rstd;
  float *dinp = run->dinp[0];
  float *sum_dy = run->scratch;
  float *sum_dy_xhat;

  channel_split (&run->info->in_shape[0], &C, &S);
  M = N * S;
  rstd = xhat + N * C * S + C;
  sum_dy_xhat = sum_dy + C;

  channel_grad_sums (sum_dy, sum_dy_xhat, dout, xhat, N, C, S);
  if (run->dparams != NULL)
    for (gsize c = 0; c < C; c++)
      {
        run->dparams[c] += sum_dy_xhat[c];       /* dgamma */
        run->dparams[C + c] += sum_dy[c];        /* dbeta */
      }
  if (dinp == NULL)
    return;

  for (gsize n = 0; n < N; n++)
    for (gsize c = 0; c < C; c++)
      {
        gsize off = (n * C + c) * S;
        float k = gamma[c] * rstd[c];

        if (!run->training)
          {
            /* The running statistics are constants: a per-channel scale. */
            for (gsize s = 0; s < S; s++)
              dinp[off + s] += k * dout[off + s];
          }
        else
          {
            /* With x̂ = (x − μ)·rstd and μ, σ² depending on every x of the channel:
             * ∂L/∂x = γ·rstd·(∂L/∂y − mean(∂L/∂y) − x̂·mean(∂L/∂y·x̂)). */
            float mean_dy = sum_dy[c] / M, mean_dy_xhat = sum_dy_xhat[c] / M;

            for (gsize s = 0; s < S; s++)
              dinp[off + s] += k * (dout[off + s] - mean_dy - xhat[off + s] * mean_dy_xhat);
          }
      }
}

const LabLayerType lab_layer_batchnorm = {
  .name = "BatchNorm",
  .label = N_("Batch Normalization"),
  .category = "Normalization",
  .blurb = N_("Normalizes each channel over the batch, then scales and shifts it; often allows a higher learning rate"),
  .min_inputs = 1,
  .max_inputs = 1,
  .hparams = batchnorm_hparams,
  .n_hparams = N_HPARAMS,
  .infer_shape = batchnorm_infer_shape,
  .params = batchnorm_params,
  .state = batchnorm_state,
  .cache_floats = batchnorm_cache_floats,
  .scratch_floats = batchnorm_scratch_floats,
  .flops = batchnorm_flops,
  .forward = batchnorm_forward,
  .backward = batchnorm_backward,
};

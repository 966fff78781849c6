/* lab-layer-dropout.c: inverted dropout
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In training every value is kept with probability 1 − p and the kept ones are scaled by
 * 1 / (1 − p), so the expected output equals the input and nothing has to change at inference,
 * where the layer is the identity (torch.nn.Dropout). The classic alternative, scaling by the keep
 * probability at test time, gives the same expectations; multiplying by p itself, as some texts
 * say, is only right when p = 0.5.
 *
 * The cache holds the mask of the last training forward, each entry 0 or 1 / (1 − p), so that
 * backward applies exactly the same units. Forward and backward of one batch must be called with
 * the same run->training.
 */
#define G_LOG_DOMAIN "lab-layer-dropout"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-layer.h"

enum {
  HP_RATE,
  N_HPARAMS
};

static const LabHParamSpec dropout_hparams[N_HPARAMS] = {
  [HP_RATE] = {
    .key = "rate",
    .label = N_("Rate"),
    .blurb = N_("The fraction of values set to zero at each training step, which keeps units from "
                "relying on each other and reduces overfitting. Typical values are 0.2 to 0.5; "
                "dropout is switched off when the network is evaluated or used."),
    .kind = LAB_HP_FLOAT,
    .min = 0.0,
    .max = 0.95,
    .def = 0.5,
  },
};

static gboolean
dropout_infer_shape (LabLayerInfo  *info,
                     GError       **error)
{
  if (!lab_hparam_check (&dropout_hparams[HP_RATE], &info->hp[HP_RATE], info->name, error))
    return FALSE;
  info->out_shape = info->in_shape[0];
  return TRUE;
}

static gsize
dropout_cache_floats (const LabLayerInfo *info,
                      guint               n)
{
  return (gsize) n * lab_shape_size (&info->in_shape[0]);
}

static guint64
dropout_flops (const LabLayerInfo *info)
{
  /* one multiplication per element in training */
  return lab_shape_size (&info->in_shape[0]);
}

static void
dropout_forward (const LabLayerRun *run)
{
  /* inp, out, mask (the cache): (N, D) with D the per-sample size */
  gsize n = run->batch * lab_shape_size (&run->info->in_shape[0]);
  float p = LAB_HP_FLOAT_VALUE (run->info->hp, HP_RATE);
  float scale = 1.0f / (1.0f - p);
  const float *inp = run->inp[0];
  float *mask = run->cache;

  if (!run->training)
    {
      memcpy (run->out, inp, n * sizeof (float));
      return;
    }

  g_return_if_fail (run->rng != NULL);

  /* u ∈ [0, 1) is below p with probability p: that unit is dropped. */
  for (gsize i = 0; i < n; i++)
    {
      mask[i] = lab_rng_uniform (run->rng) >= p ? scale : 0.0f;
      run->out[i] = inp[i] * mask[i];
    }
}

static void
dropout_backward (const LabLayerRun *run)
{
  gsize n = run->batch * lab_shape_size (&run->info->in_shape[0]);
  const float *mask = run->cache;
  float *dinp = run->dinp[0];

  if (dinp == NULL)
    return;

  if (!run->training)
    {
      for (gsize i = 0; i < n; i++)
        dinp[i] += run->dout[i];
      return;
    }

  for (gsize i = 0; i < n; i++)
    dinp[i] += mask[i] * run->dout[i];
}

const LabLayerType lab_layer_dropout = {
  .name = "Dropout",
  .label = N_("Dropout"),
  .category = "Regularization",
  .blurb = N_("Randomly zeroes values during training to reduce overfitting; does nothing at inference"),
  .min_inputs = 1,
  .max_inputs = 1,
  .hparams = dropout_hparams,
  .n_hparams = N_HPARAMS,
  .infer_shape = dropout_infer_shape,
  .cache_floats = dropout_cache_floats,
  .flops = dropout_flops,
  .forward = dropout_forward,
  .backward = dropout_backward,
};

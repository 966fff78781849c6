/* bench-layers.c: times forward + backward of each layer of the benchmark CNN on its own, at
 * batch 64, the way bench/torch_layers.py times the same layers in PyTorch, so that a slow layer
 * shows up before it hides inside an epoch time.
 *
 *   bench-layers [--reps 30] [--cold]
 *
 * --cold evicts the caches (by writing 64 MB) before each forward and each backward, as happens
 * inside a network whose activations do not fit in L2. Prints the best time of --reps runs.
 * Run with OPENBLAS_NUM_THREADS=1 to compare with PyTorch on one thread.
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <stdio.h>

#include "lab-core.h"

#define BATCH 64
#define FLUSH_FLOATS (16u << 20)

static float *flush_buf;

static void
evict_caches (void)
{
  for (gsize i = 0; i < FLUSH_FLOATS; i += 16)
    flush_buf[i] += 1.0f;
}

/* Best forward and forward + backward times in ms of type with settings hp on in_shape. */
static void
time_layer (const char         *label,
            const LabLayerType *type,
            const LabHValue    *hp,
            LabShape            in_shape,
            gboolean            need_dinp,
            int                 reps,
            gboolean            cold)
{
  g_autoptr(GError) error = NULL;
  LabLayerInfo info = { .name = label, .hp = hp, .n_inputs = 1, .in_shape = { in_shape } };
  LabLayerRun run = { 0 };
  LabParamDesc descs[LAB_MAX_PARAMS];
  LabRng rng;
  gsize in_size, out_size, n_params;
  float *bufs[8];
  double best_fwd = G_MAXDOUBLE, best_all = G_MAXDOUBLE;

  if (!type->infer_shape (&info, &error))
    g_error ("%s: %s", label, error->message);
  in_size = BATCH * lab_shape_size (&in_shape);
  out_size = BATCH * lab_shape_size (&info.out_shape);
  n_params = type->params ? lab_param_descs_size (descs, type->params (&info, descs)) : 0;

  bufs[0] = g_new (float, in_size);
  bufs[1] = g_new0 (float, in_size);
  bufs[2] = g_new (float, out_size);
  bufs[3] = g_new (float, out_size);
  bufs[4] = g_new (float, n_params + 1);
  bufs[5] = g_new0 (float, n_params + 1);
  bufs[6] = g_new0 (float, (type->cache_floats ? type->cache_floats (&info, BATCH) : 0) + 1);
  bufs[7] = g_new0 (float, (type->scratch_floats ? type->scratch_floats (&info, BATCH) : 0) + 1);
  lab_rng_init (&rng, 1);
  for (gsize i = 0; i < in_size; i++)
    bufs[0][i] = lab_rng_normal (&rng);
  for (gsize i = 0; i < out_size; i++)
    bufs[3][i] = lab_rng_normal (&rng);
  for (gsize i = 0; i < n_params; i++)
    bufs[4][i] = 0.1f * lab_rng_normal (&rng);

  run.info = &info;
  run.batch = BATCH;
  run.training = TRUE;
  run.inp[0] = bufs[0];
  run.dinp[0] = need_dinp ? bufs[1] : NULL;
  run.out = bufs[2];
  run.dout = bufs[3];
  run.params = bufs[4];
  run.dparams = n_params ? bufs[5] : NULL;
  run.cache = bufs[6];
  run.scratch = bufs[7];

  for (int r = -1; r < reps; r++)
    {
      gint64 t0, t1, t2, t3;

      if (cold)
        evict_caches ();
      t0 = g_get_monotonic_time ();
      type->forward (&run);
      t1 = g_get_monotonic_time ();
      if (cold)
        evict_caches ();
      t2 = g_get_monotonic_time ();
      type->backward (&run);
      t3 = g_get_monotonic_time ();
      if (r >= 0)   /* the first run only warms up */
        {
          best_fwd = MIN (best_fwd, (t1 - t0) / 1e3);
          best_all = MIN (best_all, (t1 - t0 + t3 - t2) / 1e3);
        }
    }
  printf ("%-10s %-28s fwd %7.3f ms   fwd+bwd %7.3f ms   (%.1f GFLOP/s)\n",
          label, type->name, best_fwd, best_all,
          (need_dinp ? 3.0 : 2.0) * type->flops (&info) * BATCH / (best_all * 1e6));

  for (guint i = 0; i < G_N_ELEMENTS (bufs); i++)
    g_free (bufs[i]);
}

static const LabHValue *
settings (const LabLayerType *type,
          LabHValue          *hp,
          const char * const *pairs)
{
  lab_hparams_defaults (type->hparams, type->n_hparams, hp);
  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      int k = lab_hparams_find (type->hparams, type->n_hparams, pairs[i]);
      g_autoptr(GError) error = NULL;

      if (k < 0 || !lab_hparam_parse (&type->hparams[k], pairs[i + 1], type->name, &hp[k], &error))
        g_error ("%s: bad setting %s", type->name, pairs[i]);
    }
  return hp;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  int reps = 30;
  gboolean cold = FALSE;
  GOptionEntry entries[] = {
    { "reps", 0, 0, G_OPTION_ARG_INT, &reps, "Runs to take the best of", "N" },
    { "cold", 0, 0, G_OPTION_ARG_NONE, &cold, "Evict the caches before each pass", NULL },
    { NULL }
  };
  const char * const conv1[] = { "filters", "32", "kernel_size", "3", "padding", "same", NULL };
  const char * const conv2[] = { "filters", "64", "kernel_size", "3", "padding", "same", NULL };
  const char * const pool[] = { NULL };
  const char * const fc1[] = { "units", "128", NULL };
  const char * const fc2[] = { "units", "10", NULL };
  LabHValue hp[8];

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  flush_buf = g_new0 (float, FLUSH_FLOATS);
  printf ("# batch %d, best of %d%s, %d BLAS thread(s)\n", BATCH, reps, cold ? ", cold caches" : "",
          lab_blas_get_threads ());

  /* The first convolution reads the Input layer, which needs no gradient. */
  time_layer ("conv1", &lab_layer_conv2d, settings (&lab_layer_conv2d, hp, conv1),
              lab_shape_make (3, 1, 28, 28), FALSE, reps, cold);
  time_layer ("pool1", &lab_layer_maxpool2d, settings (&lab_layer_maxpool2d, hp, pool),
              lab_shape_make (3, 32, 28, 28), TRUE, reps, cold);
  time_layer ("conv2", &lab_layer_conv2d, settings (&lab_layer_conv2d, hp, conv2),
              lab_shape_make (3, 32, 14, 14), TRUE, reps, cold);
  time_layer ("pool2", &lab_layer_maxpool2d, settings (&lab_layer_maxpool2d, hp, pool),
              lab_shape_make (3, 64, 14, 14), TRUE, reps, cold);
  time_layer ("fc1", &lab_layer_dense, settings (&lab_layer_dense, hp, fc1),
              lab_shape_flat (3136), TRUE, reps, cold);
  time_layer ("fc2", &lab_layer_dense, settings (&lab_layer_dense, hp, fc2),
              lab_shape_flat (128), TRUE, reps, cold);
  g_free (flush_buf);
  return 0;
}

/* gradcheck-util.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The forward runs in float32, so the numerical derivative carries round-off: with the objective
 * accumulated in double, a step of EPS = 1e-2 and inputs of order 1, float rounding of ~6e-8 per
 * output element gives an error of about 6e-8·√n / EPS ≲ 1e-4, and the truncation error of the
 * central difference is EPS²·f‴/6 ≲ 2e-5 for the smooth functions here. TOL = 2e-3 (relative to
 * max(1, |g|)) leaves a margin of ten while still catching any wrong term, which changes a
 * derivative by order one. Elements sitting on a kink (ReLU at 0, a max-pool tie) are detected by
 * comparing central differences at steps EPS and EPS/2, and skipped, as ggml's grad_expect()
 * skips them.
 */
#define G_LOG_DOMAIN "gradcheck"

#include <math.h>
#include <string.h>

#include "gradcheck-util.h"

#define EPS 1e-2
#define TOL 2e-3

typedef struct
{
  const GradcheckCase *c;
  LabLayerInfo  info;
  LabLayerRun   run;
  float        *inp[LAB_MAX_INPUTS];
  float        *dinp[LAB_MAX_INPUTS];
  gsize         in_size[LAB_MAX_INPUTS];
  gsize         out_size;
  float        *R;
  float        *dout_zero;
  gsize         n_params;
  gsize         n_state;
  float        *params;
  float        *dparams;
  float        *state;
  float        *state_saved;
  LabRng        rng;
} Harness;

static float *
alloc_floats (gsize n)
{
  return g_new0 (float, MAX (n, 1));
}

static double
objective (Harness *h)
{
  double L = 0.0;

  /* The same dropout mask and the same running statistics for every evaluation. */
  lab_rng_init (&h->rng, h->c->seed + 1);
  if (h->n_state)
    memcpy (h->state, h->state_saved, h->n_state * sizeof (float));
  h->c->type->forward (&h->run);
  for (gsize i = 0; i < h->c->batch * h->out_size; i++)
    L += (double) h->run.out[i] * h->R[i];
  return L;
}

static double
check_tensor (Harness    *h,
              float      *x,
              const float *analytic,
              gsize       n,
              const char *what)
{
  double worst = 0.0;

  for (gsize i = 0; i < n; i++)
    {
      float saved = x[i];
      double fp, fm, hp, hm, num, half, err;

      x[i] = saved + EPS;
      fp = objective (h);
      x[i] = saved - EPS;
      fm = objective (h);
      x[i] = saved + EPS / 2;
      hp = objective (h);
      x[i] = saved - EPS / 2;
      hm = objective (h);
      x[i] = saved;

      num = (fp - fm) / (2 * EPS);
      half = (hp - hm) / EPS;
      /* Smooth functions give the same slope at both steps (they differ by EPS²·f‴/8 plus
       * round-off, far below TOL); a kink inside [x − EPS, x + EPS] changes it by a share of the
       * jump, whatever the size of R. */
      if (fabs (num - half) > TOL / 2 * MAX (1.0, fabs (num)))
        continue;

      err = fabs (num - analytic[i]) / MAX (1.0, fabs (num));
      worst = MAX (worst, err);
      if (err > TOL)
        {
          g_test_message ("%s: %s[%zu]: analytical %.6g, numerical %.6g",
                          h->c->type->name, what, i, analytic[i], num);
          g_test_fail ();
          return err;
        }
    }
  return worst;
}

double
gradcheck_layer (const GradcheckCase *c)
{
  Harness h = { 0 };
  g_autoptr(GError) error = NULL;
  LabHValue defaults[32];
  LabParamDesc descs[LAB_MAX_PARAMS];
  LabRng init_rng;
  double worst = 0.0;
  guint n_descs = 0;

  h.c = c;
  g_assert_cmpuint (c->type->n_hparams, <=, G_N_ELEMENTS (defaults));
  lab_hparams_defaults (c->type->hparams, c->type->n_hparams, defaults);

  h.info.name = "under-test";
  h.info.hp = c->hp ? c->hp : defaults;
  h.info.n_inputs = c->n_inputs;
  for (guint i = 0; i < c->n_inputs; i++)
    h.info.in_shape[i] = c->in_shape[i];
  if (!c->type->infer_shape (&h.info, &error))
    g_error ("%s: shape inference failed: %s", c->type->name, error->message);

  lab_rng_init (&init_rng, c->seed);
  for (guint i = 0; i < c->n_inputs; i++)
    {
      h.in_size[i] = lab_shape_size (&c->in_shape[i]);
      h.inp[i] = alloc_floats (c->batch * h.in_size[i]);
      h.dinp[i] = alloc_floats (c->batch * h.in_size[i]);
      for (gsize j = 0; j < c->batch * h.in_size[i]; j++)
        h.inp[i][j] = lab_rng_normal (&init_rng);
    }
  h.out_size = lab_shape_size (&h.info.out_shape);
  h.R = alloc_floats (c->batch * h.out_size);
  for (gsize j = 0; j < c->batch * h.out_size; j++)
    h.R[j] = lab_rng_normal (&init_rng);

  if (c->type->params)
    n_descs = c->type->params (&h.info, descs);
  h.n_params = lab_param_descs_size (descs, n_descs);
  h.params = alloc_floats (h.n_params);
  h.dparams = alloc_floats (h.n_params);
  for (gsize j = 0; j < h.n_params; j++)
    h.params[j] = 0.5f * lab_rng_normal (&init_rng);

  if (c->type->state)
    {
      LabParamDesc sdescs[LAB_MAX_PARAMS];
      guint n_s = c->type->state (&h.info, sdescs);

      h.n_state = lab_param_descs_size (sdescs, n_s);
    }
  h.state = alloc_floats (h.n_state);
  h.state_saved = alloc_floats (h.n_state);
  for (gsize j = 0; j < h.n_state; j++)
    h.state_saved[j] = 0.5f + lab_rng_uniform (&init_rng);   /* positive, valid as variances */

  h.run.info = &h.info;
  h.run.batch = c->batch;
  h.run.training = c->training;
  for (guint i = 0; i < c->n_inputs; i++)
    {
      h.run.inp[i] = h.inp[i];
      h.run.dinp[i] = h.dinp[i];
    }
  h.run.out = alloc_floats (c->batch * h.out_size);
  h.run.dout = h.R;
  h.run.params = h.params;
  h.run.dparams = h.dparams;
  h.run.state = h.state;
  h.run.cache = alloc_floats (c->type->cache_floats ? c->type->cache_floats (&h.info, c->batch) : 0);
  h.run.scratch = alloc_floats (c->type->scratch_floats ? c->type->scratch_floats (&h.info, c->batch) : 0);
  h.run.rng = &h.rng;

  /* Analytical: one forward, one backward. Fill the gradient buffers with a constant first so
   * that a backward that overwrites instead of accumulating shows up. */
  objective (&h);
  for (guint i = 0; i < c->n_inputs; i++)
    for (gsize j = 0; j < c->batch * h.in_size[i]; j++)
      h.dinp[i][j] = 1.0f;
  for (gsize j = 0; j < h.n_params; j++)
    h.dparams[j] = 1.0f;
  c->type->backward (&h.run);
  for (guint i = 0; i < c->n_inputs; i++)
    for (gsize j = 0; j < c->batch * h.in_size[i]; j++)
      h.dinp[i][j] -= 1.0f;
  for (gsize j = 0; j < h.n_params; j++)
    h.dparams[j] -= 1.0f;

  for (guint i = 0; i < c->n_inputs; i++)
    {
      g_autofree char *what = g_strdup_printf ("input %u", i);

      worst = MAX (worst, check_tensor (&h, h.inp[i], h.dinp[i], c->batch * h.in_size[i], what));
    }
  for (guint d = 0, off = 0; d < n_descs; off += lab_shape_size (&descs[d].shape), d++)
    worst = MAX (worst, check_tensor (&h, h.params + off, h.dparams + off,
                                      lab_shape_size (&descs[d].shape), descs[d].name));

  for (guint i = 0; i < c->n_inputs; i++)
    {
      g_free (h.inp[i]);
      g_free (h.dinp[i]);
    }
  g_free (h.R);
  g_free (h.params);
  g_free (h.dparams);
  g_free (h.state);
  g_free (h.state_saved);
  g_free (h.run.out);
  g_free (h.run.cache);
  g_free (h.run.scratch);
  return worst;
}

/* test-layers-spatial.c: Input, Dense, Conv2D, pooling, Flatten and Reshape
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gradients are checked against central differences (gradcheck-util.h); forward values against
 * plain loops written here, independent of the im2col/GEMM code; shapes and parameter counts
 * against docs/concepts.md §19e and §19g.
 */
#define G_LOG_DOMAIN "test-layers-spatial"

#include <math.h>
#include <string.h>

#include "gradcheck-util.h"

enum { VALID, SAME };

/* One layer outside any network, with its buffers. */
typedef struct
{
  const LabLayerType *type;
  LabHValue    hp[8];
  LabLayerInfo info;
  LabLayerRun  run;
  gsize        in_size;
  gsize        out_size;
  gsize        n_params;
  LabParamDesc descs[LAB_MAX_PARAMS];
  guint        n_descs;
} Layer;

static void
set_hp (Layer      *l,
        const char *key,
        double      v)
{
  int i = lab_hparams_find (l->type->hparams, l->type->n_hparams, key);

  g_assert_cmpint (i, >=, 0);
  l->hp[i].v = v;
}

static void
layer_init (Layer              *l,
            const LabLayerType *type)
{
  memset (l, 0, sizeof *l);
  l->type = type;
  g_assert_cmpuint (type->n_hparams, <=, G_N_ELEMENTS (l->hp));
  lab_hparams_defaults (type->hparams, type->n_hparams, l->hp);
  l->info.name = "node";
  l->info.hp = l->hp;
}

/* Settings for Conv2D (filters ≥ 1) or pooling (filters = 0). */
static void
layer_init_window (Layer              *l,
                   const LabLayerType *type,
                   guint               filters,
                   guint               size,
                   guint               stride,
                   int                 padding,
                   gboolean            bias)
{
  layer_init (l, type);
  if (filters > 0)
    {
      set_hp (l, "filters", filters);
      set_hp (l, "kernel_size", size);
      set_hp (l, "bias", bias);
    }
  else
    set_hp (l, "pool_size", size);
  set_hp (l, "stride", stride);
  set_hp (l, "padding", padding);
}

/* Infers the shape for an input of in_shape and allocates every buffer for a batch of n;
 * inputs and parameters get reproducible random values. */
static void
layer_compile (Layer    *l,
               LabShape  in_shape,
               guint     n,
               guint64   seed)
{
  g_autoptr(GError) error = NULL;
  LabRng rng;

  l->info.n_inputs = l->type->min_inputs;
  l->info.in_shape[0] = in_shape;
  if (!l->type->infer_shape (&l->info, &error))
    g_error ("%s: %s", l->type->name, error->message);
  l->in_size = lab_shape_size (&in_shape);
  l->out_size = lab_shape_size (&l->info.out_shape);
  l->n_descs = l->type->params ? l->type->params (&l->info, l->descs) : 0;
  l->n_params = lab_param_descs_size (l->descs, l->n_descs);

  lab_rng_init (&rng, seed);
  l->run.info = &l->info;
  l->run.batch = n;
  l->run.training = TRUE;
  l->run.inp[0] = g_new0 (float, n * l->in_size + 1);
  l->run.dinp[0] = g_new0 (float, n * l->in_size + 1);
  l->run.out = g_new0 (float, n * l->out_size + 1);
  l->run.dout = g_new0 (float, n * l->out_size + 1);
  l->run.params = g_new0 (float, l->n_params + 1);
  l->run.dparams = g_new0 (float, l->n_params + 1);
  l->run.cache = g_new0 (float, 1 + (l->type->cache_floats
                                     ? l->type->cache_floats (&l->info, n) : 0));
  l->run.scratch = g_new0 (float, 1 + (l->type->scratch_floats
                                       ? l->type->scratch_floats (&l->info, n) : 0));
  for (gsize i = 0; i < n * l->in_size; i++)
    ((float *) l->run.inp[0])[i] = lab_rng_normal (&rng);
  for (gsize i = 0; i < n * l->out_size; i++)
    ((float *) l->run.dout)[i] = lab_rng_normal (&rng);
  for (gsize i = 0; i < l->n_params; i++)
    l->run.params[i] = 0.5f * lab_rng_normal (&rng);
}

static void
layer_clear (Layer *l)
{
  g_free ((float *) l->run.inp[0]);
  g_free (l->run.dinp[0]);
  g_free (l->run.out);
  g_free ((float *) l->run.dout);
  g_free (l->run.params);
  g_free (l->run.dparams);
  g_free (l->run.cache);
  g_free (l->run.scratch);
}

static void
assert_floats_close (const float *got,
                     const float *want,
                     gsize        n,
                     double       tol,
                     const char  *what)
{
  for (gsize i = 0; i < n; i++)
    if (!(fabs ((double) got[i] - want[i]) <= tol * MAX (1.0, fabs (want[i]))))
      g_error ("%s[%zu]: got %.7g, expected %.7g", what, i, got[i], want[i]);
}

/* ---- gradient checks ---- */

static void
check_gradients (Layer    *l,
                 LabShape  in_shape)
{
  GradcheckCase c = {
    .type = l->type,
    .hp = l->hp,
    .n_inputs = 1,
    .in_shape = { in_shape },
    .batch = 2,
    .training = TRUE,
    .seed = 7,
  };
  double worst = gradcheck_layer (&c);

  g_test_message ("%s: worst relative error %.2g", l->type->name, worst);
  g_assert_cmpfloat (worst, <, 2e-3);
}

static void
test_dense_backward (void)
{
  const guint sizes[][2] = { { 7, 5 }, { 1, 3 }, { 12, 1 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int bias = 0; bias <= 1; bias++)
      {
        Layer l;

        layer_init (&l, &lab_layer_dense);
        set_hp (&l, "units", sizes[i][1]);
        set_hp (&l, "bias", bias);
        check_gradients (&l, lab_shape_flat (sizes[i][0]));
      }
}

/* C, H, W, filters, kernel, stride, padding, bias: every stride, padding, kernel 1/3/5 (and an
 * even kernel, padded unevenly), H ≠ W, several channel counts */
static const guint conv_cases[][8] = {
  { 1, 5, 6, 2, 1, 1, VALID, 1 },
  { 2, 6, 5, 3, 3, 1, SAME, 1 },
  { 3, 7, 6, 2, 3, 2, SAME, 0 },
  { 2, 8, 7, 2, 5, 1, VALID, 1 },
  { 2, 7, 9, 3, 5, 2, SAME, 1 },
  { 1, 6, 7, 2, 3, 2, VALID, 0 },
  { 4, 5, 5, 1, 3, 1, SAME, 0 },
  { 2, 5, 6, 2, 4, 1, SAME, 1 },
  { 1, 3, 4, 2, 5, 1, SAME, 1 },   /* a kernel larger than the input, allowed with "same" */
  { 3, 9, 8, 2, 3, 3, VALID, 1 },
};

static void
test_conv_backward (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (conv_cases); i++)
    {
      const guint *k = conv_cases[i];
      Layer l;

      layer_init_window (&l, &lab_layer_conv2d, k[3], k[4], k[5], k[6], k[7]);
      check_gradients (&l, lab_shape_make (3, k[0], k[1], k[2]));
    }
}

/* C, H, W, pool, stride, padding */
static const guint pool_cases[][6] = {
  { 2, 6, 5, 2, 2, VALID },
  { 1, 7, 6, 3, 2, SAME },
  { 3, 5, 4, 2, 1, VALID },
  { 2, 5, 7, 3, 1, SAME },
  { 1, 6, 8, 2, 2, SAME },
  { 2, 9, 7, 4, 3, VALID },
  { 1, 4, 15, 2, 2, VALID },
};

static void
test_pool_backward (gconstpointer data)
{
  const LabLayerType *type = data;

  for (guint i = 0; i < G_N_ELEMENTS (pool_cases); i++)
    {
      const guint *k = pool_cases[i];
      Layer l;

      layer_init_window (&l, type, 0, k[3], k[4], k[5], FALSE);
      check_gradients (&l, lab_shape_make (3, k[0], k[1], k[2]));
    }
}

static void
test_reshaping_backward (void)
{
  Layer l;

  layer_init (&l, &lab_layer_global_avgpool2d);
  check_gradients (&l, lab_shape_make (3, 3, 4, 5));
  check_gradients (&l, lab_shape_make (3, 1, 1, 2));

  layer_init (&l, &lab_layer_flatten);
  check_gradients (&l, lab_shape_make (3, 2, 3, 4));
  check_gradients (&l, lab_shape_flat (5));

  layer_init (&l, &lab_layer_reshape);
  g_assert_true (lab_shape_parse ("3x4", &l.hp[0].shape));
  check_gradients (&l, lab_shape_flat (12));
  g_assert_true (lab_shape_parse ("24", &l.hp[0].shape));
  check_gradients (&l, lab_shape_make (3, 2, 3, 4));
}

/* ---- forward against plain loops ---- */

static void
naive_dense (float       *out,
             const float *inp,
             const float *w,
             const float *b,
             guint        N,
             guint        I,
             guint        U)
{
  for (guint n = 0; n < N; n++)
    for (guint u = 0; u < U; u++)
      {
        double acc = b ? b[u] : 0.0;

        for (guint i = 0; i < I; i++)
          acc += (double) inp[n * I + i] * w[u * I + i];
        out[n * U + u] = (float) acc;
      }
}

static void
test_dense_forward (void)
{
  for (int bias = 0; bias <= 1; bias++)
    {
      Layer l;
      g_autofree float *want = NULL;

      layer_init (&l, &lab_layer_dense);
      set_hp (&l, "units", 5);
      set_hp (&l, "bias", bias);
      layer_compile (&l, lab_shape_flat (7), 3, 11);
      want = g_new (float, 3 * 5);
      naive_dense (want, l.run.inp[0], l.run.params, bias ? l.run.params + 35 : NULL, 3, 7, 5);
      l.type->forward (&l.run);
      assert_floats_close (l.run.out, want, 3 * 5, 1e-5, "dense out");
      layer_clear (&l);
    }
}

/* TF's rule, written out on its own: out = ⌈W/S⌉, padding (out − 1)·S + F − W split with the
 * smaller half first; valid: ⌊(W − F)/S⌋ + 1. */
static guint
ref_out (guint  in,
         guint  F,
         guint  S,
         int    padding,
         guint *pad)
{
  if (padding == VALID)
    {
      *pad = 0;
      return (in - F) / S + 1;
    }
  *pad = MAX ((int) (((in + S - 1) / S - 1) * S + F) - (int) in, 0) / 2;
  return (in + S - 1) / S;
}

/* out (N, OC, OH, OW) by the definition of a cross-correlation with zero padding */
static void
naive_conv (float       *out,
            const float *inp,
            const float *w,
            const float *b,
            guint        N,
            guint        C,
            guint        H,
            guint        W,
            guint        OC,
            guint        F,
            guint        S,
            int          padding)
{
  guint pt, pl;
  guint OH = ref_out (H, F, S, padding, &pt);
  guint OW = ref_out (W, F, S, padding, &pl);

  for (guint n = 0; n < N; n++)
    for (guint o = 0; o < OC; o++)
      for (guint y = 0; y < OH; y++)
        for (guint x = 0; x < OW; x++)
          {
            double acc = b ? b[o] : 0.0;

            for (guint c = 0; c < C; c++)
              for (guint i = 0; i < F; i++)
                for (guint j = 0; j < F; j++)
                  {
                    int h = (int) (y * S + i) - (int) pt;
                    int v = (int) (x * S + j) - (int) pl;

                    if (h >= 0 && h < (int) H && v >= 0 && v < (int) W)
                      acc += (double) inp[((n * C + c) * H + h) * W + v]
                             * w[((o * C + c) * F + i) * F + j];
                  }
            out[((n * OC + o) * OH + y) * OW + x] = (float) acc;
          }
}

/* N, C, H, W, filters, kernel, stride, padding, bias: the gradient-check cases plus sizes where
 * one sample fills a GEMM (34×33 > 1024 cells), or where the batch splits into uneven groups */
static const guint conv_forward_cases[][9] = {
  { 2, 3, 9, 8, 4, 3, 2, SAME, 1 },
  { 3, 2, 8, 7, 2, 5, 1, VALID, 0 },
  { 2, 1, 34, 33, 3, 3, 1, SAME, 1 },
  { 5, 3, 20, 15, 2, 3, 1, SAME, 1 },
  { 5, 3, 20, 15, 2, 4, 2, SAME, 0 },
  { 3, 2, 12, 13, 3, 1, 1, VALID, 1 },
  { 2, 2, 6, 5, 2, 7, 1, SAME, 1 },
};

static void
test_conv_forward (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (conv_forward_cases); i++)
    {
      const guint *k = conv_forward_cases[i];
      Layer l;
      g_autofree float *want = NULL;

      layer_init_window (&l, &lab_layer_conv2d, k[4], k[5], k[6], k[7], k[8]);
      layer_compile (&l, lab_shape_make (3, k[1], k[2], k[3]), k[0], 100 + i);
      want = g_new (float, k[0] * l.out_size);
      naive_conv (want, l.run.inp[0], l.run.params,
                  k[8] ? l.run.params + k[4] * k[1] * k[5] * k[5] : NULL,
                  k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7]);
      l.type->forward (&l.run);
      assert_floats_close (l.run.out, want, k[0] * l.out_size, 1e-4, "conv out");
      layer_clear (&l);
    }
}

/* Backward of larger cases against the naive forward: d(Σ out·dout)/dθ is linear in θ, so for
 * the weights the analytic gradient must equal Σ dout · (input patch), which a finite difference
 * of the naive forward gives exactly up to rounding (step 1, no truncation error). */
static void
test_conv_backward_large (void)
{
  for (guint i = 2; i < G_N_ELEMENTS (conv_forward_cases); i++)
    {
      const guint *k = conv_forward_cases[i];
      Layer l;
      g_autofree float *base = NULL;
      g_autofree float *bumped = NULL;

      layer_init_window (&l, &lab_layer_conv2d, k[4], k[5], k[6], k[7], k[8]);
      layer_compile (&l, lab_shape_make (3, k[1], k[2], k[3]), k[0], 200 + i);
      l.type->forward (&l.run);
      l.type->backward (&l.run);
      base = g_new (float, k[0] * l.out_size);
      bumped = g_new (float, k[0] * l.out_size);
      naive_conv (base, l.run.inp[0], l.run.params,
                  k[8] ? l.run.params + k[4] * k[1] * k[5] * k[5] : NULL,
                  k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7]);

      /* A few elements of every tensor: first, last and some in between. */
      for (guint t = 0; t < 2; t++)
        {
          gsize n = t == 0 ? l.n_params : k[0] * l.in_size;
          float *target = t == 0 ? l.run.params : (float *) l.run.inp[0];
          const float *grad = t == 0 ? l.run.dparams : l.run.dinp[0];

          for (gsize e = 0; e < n; e += MAX (n / 23, 1))
            {
              double num = 0.0;
              float saved = target[e];

              target[e] = saved + 1.0f;
              naive_conv (bumped, l.run.inp[0], l.run.params,
                          k[8] ? l.run.params + k[4] * k[1] * k[5] * k[5] : NULL,
                          k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7]);
              target[e] = saved;
              for (gsize o = 0; o < k[0] * l.out_size; o++)
                num += ((double) bumped[o] - base[o]) * l.run.dout[o];
              if (fabs (num - grad[e]) > 1e-3 * MAX (1.0, fabs (num)))
                g_error ("conv case %u %s[%zu]: analytic %.6g, expected %.6g",
                         i, t == 0 ? "params" : "input", e, grad[e], num);
            }
        }
      layer_clear (&l);
    }
}

/* ---- known values ---- */

static const float four_by_four[] = {
   1,  2,  5,  6,
   3,  4,  7,  8,
   9, 10, 13, 14,
  11, 12, 15, 16,
};

static void
test_maxpool_known (void)
{
  const float want[] = { 4, 8, 12, 16 };
  const float want_avg[] = { 2.5f, 6.5f, 10.5f, 14.5f };
  Layer l;

  layer_init (&l, &lab_layer_maxpool2d);   /* defaults: 2×2, stride 2, valid */
  layer_compile (&l, lab_shape_make (3, 1, 4, 4), 1, 1);
  g_assert_cmpuint (l.info.out_shape.dims[1], ==, 2);
  g_assert_cmpuint (l.info.out_shape.dims[2], ==, 2);
  memcpy ((float *) l.run.inp[0], four_by_four, sizeof four_by_four);
  l.type->forward (&l.run);
  assert_floats_close (l.run.out, want, 4, 0, "max");

  /* Each window's gradient goes to its maximum only. */
  for (guint i = 0; i < 4; i++)
    ((float *) l.run.dout)[i] = i + 1.0f;
  l.type->backward (&l.run);
  for (guint i = 0; i < 16; i++)
    {
      float g = l.run.dinp[0][i];

      switch (i)
        {
        case 5: g_assert_cmpfloat (g, ==, 1); break;
        case 7: g_assert_cmpfloat (g, ==, 2); break;
        case 13: g_assert_cmpfloat (g, ==, 3); break;
        case 15: g_assert_cmpfloat (g, ==, 4); break;
        default: g_assert_cmpfloat (g, ==, 0);
        }
    }
  layer_clear (&l);

  layer_init (&l, &lab_layer_avgpool2d);
  layer_compile (&l, lab_shape_make (3, 1, 4, 4), 1, 1);
  memcpy ((float *) l.run.inp[0], four_by_four, sizeof four_by_four);
  l.type->forward (&l.run);
  assert_floats_close (l.run.out, want_avg, 4, 1e-7, "avg");
  layer_clear (&l);
}

/* Max pooling against a plain loop on inputs full of ties (small integers): the value, and
 * the gradient going to the first largest cell in row-major order, for the 2×2 kernels (rows of
 * 11 and 4 windows: vector blocks, an overlapping last block, scalar rows of 2) and the general
 * one. */
static void
test_maxpool_naive (void)
{
  /* C, H, W, pool, stride, padding */
  const guint cases[][6] = {
    { 3, 8, 22, 2, 2, VALID },
    { 2, 9, 23, 2, 2, VALID },
    { 2, 6, 8, 2, 2, SAME },
    { 1, 4, 4, 2, 2, VALID },
    { 2, 5, 9, 2, 2, SAME },
    { 2, 7, 6, 3, 2, SAME },
    { 1, 6, 7, 3, 1, VALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const guint *k = cases[i];
      guint N = 2, C = k[0], H = k[1], W = k[2], F = k[3], S = k[4];
      guint pt, pl, OH, OW;
      Layer l;
      g_autofree float *want = NULL;
      g_autofree float *want_dinp = NULL;
      float *x;

      layer_init_window (&l, &lab_layer_maxpool2d, 0, F, S, k[5], FALSE);
      layer_compile (&l, lab_shape_make (3, C, H, W), N, 300 + i);
      OH = ref_out (H, F, S, k[5], &pt);
      OW = ref_out (W, F, S, k[5], &pl);
      g_assert_cmpuint (l.out_size, ==, C * OH * OW);
      x = (float *) l.run.inp[0];
      for (gsize e = 0; e < N * l.in_size; e++)
        x[e] = floorf (fabsf (x[e]) * 2.0f);   /* 0, 1, 2, ...: many ties */

      want = g_new0 (float, N * l.out_size);
      want_dinp = g_new0 (float, N * l.in_size);
      for (guint plane = 0; plane < N * C; plane++)
        for (guint y = 0; y < OH; y++)
          for (guint v = 0; v < OW; v++)
            {
              int best_at = -1;

              for (guint a = 0; a < F; a++)
                for (guint b = 0; b < F; b++)
                  {
                    int h = (int) (y * S + a) - (int) pt, w = (int) (v * S + b) - (int) pl;
                    int at = (int) (plane * H * W) + h * (int) W + w;

                    if (h >= 0 && h < (int) H && w >= 0 && w < (int) W
                        && (best_at < 0 || x[at] > x[best_at]))
                      best_at = at;
                  }
              want[(plane * OH + y) * OW + v] = x[best_at];
              want_dinp[best_at] += l.run.dout[(plane * OH + y) * OW + v];
            }

      l.type->forward (&l.run);
      assert_floats_close (l.run.out, want, N * l.out_size, 0, "max");
      l.type->backward (&l.run);
      assert_floats_close (l.run.dinp[0], want_dinp, N * l.in_size, 1e-6, "max dinp");
      layer_clear (&l);
    }
}

/* Padded cells count neither for max (all inputs negative: a counted zero would win) nor for
 * the average (a 3×3 "same" window on ones stays 1 at the corners, not 4/9). */
static void
test_pool_padding_ignored (void)
{
  Layer l;

  layer_init_window (&l, &lab_layer_avgpool2d, 0, 3, 1, SAME, FALSE);
  layer_compile (&l, lab_shape_make (3, 2, 3, 4), 2, 1);
  for (guint i = 0; i < 2 * 24; i++)
    ((float *) l.run.inp[0])[i] = 1.0f;
  l.type->forward (&l.run);
  for (guint i = 0; i < 2 * l.out_size; i++)
    g_assert_cmpfloat_with_epsilon (l.run.out[i], 1.0f, 1e-6);
  layer_clear (&l);

  layer_init_window (&l, &lab_layer_maxpool2d, 0, 3, 2, SAME, FALSE);
  layer_compile (&l, lab_shape_make (3, 1, 5, 5), 1, 1);
  for (guint i = 0; i < 25; i++)
    ((float *) l.run.inp[0])[i] = -1.0f - i;
  l.type->forward (&l.run);
  /* 5 → 3, padding 1 on each side: window (0, 0) covers cells (0..1, 0..1), whose largest is
   * cell 0 = −1; window (2, 2) covers (3..4, 3..4), whose largest is cell 18 = −19. */
  g_assert_cmpfloat (l.run.out[0], ==, -1.0f);
  g_assert_cmpfloat (l.run.out[8], ==, -19.0f);
  layer_clear (&l);
}

static void
test_global_avgpool_values (void)
{
  Layer l;

  layer_init (&l, &lab_layer_global_avgpool2d);
  layer_compile (&l, lab_shape_make (3, 1, 4, 4), 1, 1);
  memcpy ((float *) l.run.inp[0], four_by_four, sizeof four_by_four);
  l.type->forward (&l.run);
  g_assert_cmpuint (l.info.out_shape.ndim, ==, 1);
  g_assert_cmpfloat_with_epsilon (l.run.out[0], 8.5f, 1e-6);
  layer_clear (&l);
}

static void
test_input (void)
{
  Layer l;

  layer_init (&l, &lab_layer_input);
  g_assert_cmpuint (l.type->min_inputs, ==, 0);
  g_assert_true (lab_shape_parse ("1x28x28", &l.hp[0].shape));
  l.info.n_inputs = 0;
  g_assert_true (l.type->infer_shape (&l.info, NULL));
  g_assert_cmpuint (lab_shape_size (&l.info.out_shape), ==, 784);
  g_assert_cmpuint (l.info.out_shape.ndim, ==, 3);
  g_assert_cmpuint (l.type->flops (&l.info), ==, 0);

  /* The network fills out itself; forward and backward must leave it as it is. */
  {
    float out[4] = { 1, 2, 3, 4 };
    LabLayerRun run = { .info = &l.info, .batch = 1, .out = out, .dout = out };

    l.type->forward (&run);
    l.type->backward (&run);
    g_assert_cmpfloat (out[3], ==, 4);
  }
}

/* ---- sizes, parameter counts, FLOPs ---- */

static LabShape
out_shape_of (Layer    *l,
              LabShape  in_shape)
{
  g_autoptr(GError) error = NULL;

  l->info.n_inputs = 1;
  l->info.in_shape[0] = in_shape;
  if (!l->type->infer_shape (&l->info, &error))
    g_error ("%s", error->message);
  return l->info.out_shape;
}

static gsize
n_params_of (Layer *l)
{
  LabParamDesc descs[LAB_MAX_PARAMS];

  return lab_param_descs_size (descs, l->type->params (&l->info, descs));
}

static void
test_standard_sizes (void)
{
  /* §19e C1, C2 and §19g G1, G2: 32×32×3, 5×5 kernel, stride 1, valid → 28×28; 7×7 → 26×26. */
  const struct { guint filters, F; guint want_hw; gsize params; } cases[] = {
    { 1, 5, 28, 76 },
    { 2, 5, 28, 152 },
    { 1, 7, 26, 7 * 7 * 3 + 1 },
  };
  Layer l;
  LabShape s;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      layer_init_window (&l, &lab_layer_conv2d, cases[i].filters, cases[i].F, 1, VALID, TRUE);
      s = out_shape_of (&l, lab_shape_make (3, 3, 32, 32));
      g_assert_cmpuint (s.ndim, ==, 3);
      g_assert_cmpuint (s.dims[0], ==, cases[i].filters);
      g_assert_cmpuint (s.dims[1], ==, cases[i].want_hw);
      g_assert_cmpuint (s.dims[2], ==, cases[i].want_hw);
      g_assert_cmpuint (n_params_of (&l), ==, cases[i].params);
    }

  /* Without bias: 5·5·3 = 75; the benchmark's second conv: (3·3·32 + 1)·64. */
  layer_init_window (&l, &lab_layer_conv2d, 1, 5, 1, VALID, FALSE);
  out_shape_of (&l, lab_shape_make (3, 3, 32, 32));
  g_assert_cmpuint (n_params_of (&l), ==, 75);
  layer_init_window (&l, &lab_layer_conv2d, 64, 3, 1, SAME, TRUE);
  s = out_shape_of (&l, lab_shape_make (3, 32, 14, 14));
  g_assert_cmpuint (s.dims[1], ==, 14);
  g_assert_cmpuint (n_params_of (&l), ==, 18496);
  g_assert_cmpuint (l.type->flops (&l.info), ==, (guint64) 64 * 196 * (2 * 288 + 1));

  /* Dense (n_in + 1)·n_out; §19d B10: Input(10) → Dense(5) → Dense(1) has 61. */
  layer_init (&l, &lab_layer_dense);
  set_hp (&l, "units", 5);
  out_shape_of (&l, lab_shape_flat (10));
  g_assert_cmpuint (n_params_of (&l), ==, 55);
  g_assert_cmpuint (l.type->flops (&l.info), ==, 2 * 10 * 5 + 5);
  set_hp (&l, "units", 1);
  out_shape_of (&l, lab_shape_flat (5));
  g_assert_cmpuint (n_params_of (&l), ==, 6);
  set_hp (&l, "bias", FALSE);
  out_shape_of (&l, lab_shape_flat (10));
  g_assert_cmpuint (n_params_of (&l), ==, 10);

  /* Every pooling and conv output size against the rule written out in ref_out(). */
  for (guint in = 1; in <= 12; in++)
    for (guint F = 1; F <= 6; F++)
      for (guint S = 1; S <= 4; S++)
        for (int padding = VALID; padding <= SAME; padding++)
          {
            guint pad;

            if (padding == VALID && F > in)
              continue;
            layer_init_window (&l, &lab_layer_maxpool2d, 0, F, S, padding, FALSE);
            s = out_shape_of (&l, lab_shape_make (3, 2, in, 13));
            g_assert_cmpuint (s.dims[1], ==, ref_out (in, F, S, padding, &pad));
            layer_init_window (&l, &lab_layer_conv2d, 3, F, S, padding, TRUE);
            s = out_shape_of (&l, lab_shape_make (3, 2, 13, in));
            g_assert_cmpuint (s.dims[2], ==, ref_out (in, F, S, padding, &pad));
          }

  layer_init (&l, &lab_layer_flatten);
  s = out_shape_of (&l, lab_shape_make (3, 64, 7, 7));
  g_assert_cmpuint (s.ndim, ==, 1);
  g_assert_cmpuint (s.dims[0], ==, 3136);
  layer_init (&l, &lab_layer_global_avgpool2d);
  s = out_shape_of (&l, lab_shape_make (3, 64, 7, 7));
  g_assert_cmpuint (s.ndim, ==, 1);
  g_assert_cmpuint (s.dims[0], ==, 64);
}

/* ---- messages ---- */

static GError *
infer_error (Layer      *l,
             const char *name,
             LabShape    in_shape)
{
  GError *error = NULL;

  l->info.name = name;
  l->info.n_inputs = 1;
  l->info.in_shape[0] = in_shape;
  g_assert_false (l->type->infer_shape (&l->info, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == LAB_ERROR);
  return error;
}

static void
test_errors (void)
{
  Layer l;
  GError *error;

  layer_init (&l, &lab_layer_dense);
  error = infer_error (&l, "fc1", lab_shape_make (3, 32, 14, 14));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH);
  g_assert_cmpstr (error->message, ==,
                   "Dense “fc1” needs a flat input but receives 32×14×14: insert a Flatten layer");
  g_clear_error (&error);

  layer_init_window (&l, &lab_layer_conv2d, 8, 5, 1, VALID, TRUE);
  error = infer_error (&l, "conv1", lab_shape_make (3, 1, 3, 4));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
  g_assert_nonnull (strstr (error->message, "“conv1”"));
  g_assert_nonnull (strstr (error->message, "5×5 kernel"));
  g_assert_nonnull (strstr (error->message, "3×4 input"));
  g_clear_error (&error);

  error = infer_error (&l, "conv1", lab_shape_flat (784));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH);
  g_assert_nonnull (strstr (error->message, "“conv1”"));
  g_assert_nonnull (strstr (error->message, "receives 784"));
  g_assert_nonnull (strstr (error->message, "1×28×28"));
  g_assert_nonnull (strstr (error->message, "Reshape"));
  g_clear_error (&error);

  layer_init_window (&l, &lab_layer_maxpool2d, 0, 3, 3, VALID, FALSE);
  error = infer_error (&l, "pool1", lab_shape_make (3, 4, 2, 9));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
  g_assert_nonnull (strstr (error->message, "“pool1”"));
  g_assert_nonnull (strstr (error->message, "2×9"));
  g_clear_error (&error);

  layer_init (&l, &lab_layer_reshape);
  g_assert_true (lab_shape_parse ("1x28x29", &l.hp[0].shape));
  error = infer_error (&l, "to-image", lab_shape_flat (784));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH);
  g_assert_nonnull (strstr (error->message, "“to-image”"));
  g_assert_nonnull (strstr (error->message, "784 values"));
  g_assert_nonnull (strstr (error->message, "1×28×29 (812 values)"));
  g_clear_error (&error);

  /* Out-of-range settings are refused before any kernel could divide by a zero stride. */
  layer_init_window (&l, &lab_layer_conv2d, 8, 3, 0, VALID, TRUE);
  error = infer_error (&l, "conv2", lab_shape_make (3, 1, 8, 8));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
  g_clear_error (&error);

  /* Planes the kernels could not index are refused, not overflowed. */
  layer_init_window (&l, &lab_layer_maxpool2d, 0, 2, 2, VALID, FALSE);
  error = infer_error (&l, "pool2", lab_shape_make (3, 1, 70000, 70000));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE);
  g_clear_error (&error);

  layer_init (&l, &lab_layer_global_avgpool2d);
  error = infer_error (&l, "gap", lab_shape_flat (10));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH);
  g_clear_error (&error);
}

static void
test_labels (void)
{
  const LabLayerType *types[] = {
    &lab_layer_input, &lab_layer_dense, &lab_layer_conv2d, &lab_layer_maxpool2d,
    &lab_layer_avgpool2d, &lab_layer_global_avgpool2d, &lab_layer_flatten, &lab_layer_reshape,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      const LabLayerType *t = types[i];

      g_assert_true (lab_layer_type_find (t->name) == t);
      g_assert_nonnull (t->label);
      g_assert_nonnull (t->blurb);
      g_assert_nonnull (t->category);
      for (guint h = 0; h < t->n_hparams; h++)
        {
          g_assert_nonnull (t->hparams[h].label);
          g_assert_cmpuint (strlen (t->hparams[h].blurb), >, 40);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/layer/input/shape", test_input);
  g_test_add_func ("/core/layer/dense/forward", test_dense_forward);
  g_test_add_func ("/core/layer/dense/backward", test_dense_backward);
  g_test_add_func ("/core/layer/conv2d/forward", test_conv_forward);
  g_test_add_func ("/core/layer/conv2d/backward", test_conv_backward);
  g_test_add_func ("/core/layer/conv2d/backward-large", test_conv_backward_large);
  g_test_add_data_func ("/core/layer/maxpool2d/backward", &lab_layer_maxpool2d, test_pool_backward);
  g_test_add_data_func ("/core/layer/avgpool2d/backward", &lab_layer_avgpool2d, test_pool_backward);
  g_test_add_func ("/core/layer/pool2d/known-values", test_maxpool_known);
  g_test_add_func ("/core/layer/pool2d/padding-ignored", test_pool_padding_ignored);
  g_test_add_func ("/core/layer/maxpool2d/naive", test_maxpool_naive);
  g_test_add_func ("/core/layer/global-avgpool2d/values", test_global_avgpool_values);
  g_test_add_func ("/core/layer/reshaping/backward", test_reshaping_backward);
  g_test_add_func ("/core/layer/spatial/sizes", test_standard_sizes);
  g_test_add_func ("/core/layer/spatial/errors", test_errors);
  g_test_add_func ("/core/layer/spatial/labels", test_labels);

  return g_test_run ();
}

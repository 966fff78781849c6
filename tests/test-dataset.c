/* test-dataset.c: synthetic generators, splits, subsets, one-hot targets and scaling, with
 * every kind of bad input
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "dataset-util.h"
#include "lab-dataset.h"
#include "lab-error.h"
#include "lab-rng.h"

/* ---------------------------------------------------------------- synthetic */

static void
test_synthetic_shapes (void)
{
  for (guint kind = 0; kind < LAB_SYNTHETIC_N_KINDS; kind++)
    {
      guint K = kind == LAB_SYNTHETIC_SPIRALS ? 3 : kind == LAB_SYNTHETIC_BLOBS ? 7 : 2;
      g_autoptr(GError) error = NULL;
      g_autoptr(LabDataset) a = lab_dataset_synthetic (kind, 1001, 0.1, K, 42, &error);
      g_autoptr(LabDataset) b = lab_dataset_synthetic (kind, 1001, 0.1, K, 42, &error);
      g_autoptr(LabDataset) c = lab_dataset_synthetic (kind, 1001, 0.1, K, 43, &error);
      g_autoptr(LabDataset) clean = lab_dataset_synthetic (kind, 1001, 0.0, K, 42, &error);
      g_autoptr(LabDataset) clean2 = lab_dataset_synthetic (kind, 1001, 0.0, K, 42, &error);
      LabSyntheticKind parsed;
      gsize counts[10];
      float noisy_max = 0;

      g_assert_no_error (error);
      g_test_message ("%s", lab_synthetic_kind_to_string (kind));
      g_assert_cmpstr (a->name, ==, lab_synthetic_kind_to_string (kind));
      g_assert_true (lab_synthetic_kind_from_string (lab_synthetic_kind_to_string (kind), &parsed));
      g_assert_cmpint (parsed, ==, kind);
      g_assert_cmpuint (a->n, ==, 1001);
      g_assert_cmpuint (a->x_dim, ==, 2);
      g_assert_cmpuint (a->y_dim, ==, 1);
      g_assert_cmpuint (a->n_classes, ==, K);
      g_assert_nonnull (a->class_names);
      g_assert_cmpuint (g_strv_length (a->class_names), ==, K);

      lab_dataset_class_counts (a, counts);
      for (guint k = 0; k < K; k++)
        g_assert_cmpuint (counts[k], >=, 1001 / K);
      for (guint k = 0; k < K; k++)
        g_assert_cmpuint (counts[k], <=, 1001 / K + 1);

      /* Same seed, same data; another seed, other data, with and without noise. */
      g_assert_cmpmem (a->x, 2 * 1001 * sizeof (float), b->x, 2 * 1001 * sizeof (float));
      g_assert_cmpmem (a->y, 1001 * sizeof (float), b->y, 1001 * sizeof (float));
      g_assert_cmpmem (clean->x, 2 * 1001 * sizeof (float), clean2->x, 2 * 1001 * sizeof (float));
      g_assert_true (memcmp (a->x, c->x, 2 * 1001 * sizeof (float)) != 0);
      g_assert_true (memcmp (a->x, clean->x, 2 * 1001 * sizeof (float)) != 0);

      /* Without noise every point is inside [−1, 1]²; with σ = 0.1 within about 6 σ more. */
      for (gsize i = 0; i < 2 * 1001; i++)
        {
          g_assert_cmpfloat (fabsf (clean->x[i]), <=, 1.0f);
          noisy_max = MAX (noisy_max, fabsf (a->x[i]));
        }
      g_assert_cmpfloat (noisy_max, <=, 1.6f);
      g_assert_cmpfloat (noisy_max, >, 0.5f);
    }
  {
    LabSyntheticKind parsed;

    g_assert_false (lab_synthetic_kind_from_string ("swirls", &parsed));
    g_assert_true (lab_synthetic_kind_from_string ("XOR", &parsed));
    g_assert_cmpint (parsed, ==, LAB_SYNTHETIC_XOR);
  }
}

/* Noise 0 leaves each point exactly on its shape; noise moves some across. */
static void
test_synthetic_geometry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabDataset) circles = lab_dataset_synthetic (LAB_SYNTHETIC_CIRCLES, 500, 0, 2, 1,
                                                         &error);
  g_autoptr(LabDataset) noisy = lab_dataset_synthetic (LAB_SYNTHETIC_CIRCLES, 500, 0.2, 2, 1,
                                                       &error);
  g_autoptr(LabDataset) xor = lab_dataset_synthetic (LAB_SYNTHETIC_XOR, 500, 0, 2, 1, &error);
  g_autoptr(LabDataset) spirals = lab_dataset_synthetic (LAB_SYNTHETIC_SPIRALS, 500, 0, 4, 1,
                                                         &error);
  guint outside = 0;

  g_assert_no_error (error);
  for (gsize i = 0; i < 500; i++)
    {
      float r = hypotf (circles->x[2 * i], circles->x[2 * i + 1]);
      float rn = hypotf (noisy->x[2 * i], noisy->x[2 * i + 1]);
      float xy = xor->x[2 * i] * xor->x[2 * i + 1];
      /* spirals: r = 0.2 + 0.8 s, θ = 2πk/K + 2π (1.5/K) s */
      float rs = hypotf (spirals->x[2 * i], spirals->x[2 * i + 1]);
      double s = (rs - 0.2) / 0.8;
      double k = spirals->y[i];
      double t = 2 * G_PI * k / 4 + 2 * G_PI * (1.5 / 4) * s;
      double dx = rs * cos (t) - spirals->x[2 * i];
      double dy = rs * sin (t) - spirals->x[2 * i + 1];

      if (circles->y[i] == 0)
        g_assert_cmpfloat (r, <=, 0.5f + 1e-6f);
      else
        g_assert_true (r >= 0.7f - 1e-6f && r <= 1.0f + 1e-6f);
      if ((noisy->y[i] == 0 && rn > 0.6f) || (noisy->y[i] == 1 && rn < 0.6f))
        outside++;
      g_assert_true (xor->y[i] == 1 ? xy > 0 : xy < 0);
      g_assert_true (rs >= 0.2f - 1e-6f && rs <= 1.0f + 1e-6f);
      g_assert_cmpfloat (hypot (dx, dy), <, 1e-4);
    }
  g_assert_cmpuint (outside, >, 0);
}

static void
test_synthetic_bad (void)
{
  static const struct { LabSyntheticKind kind; gsize n; double noise; guint K; const char *p; }
  cases[] = {
    { LAB_SYNTHETIC_SPIRALS, 0, 0.1, 2, "0" },
    { LAB_SYNTHETIC_SPIRALS, 10, 0.1, 1, "2 to 10" },
    { LAB_SYNTHETIC_SPIRALS, 10, 0.1, 11, "not 11" },
    { LAB_SYNTHETIC_BLOBS, 10, 0.1, 0, "not 0" },
    { LAB_SYNTHETIC_CIRCLES, 10, 0.1, 3, "exactly 2" },
    { LAB_SYNTHETIC_XOR, 10, 0.1, 4, "exactly 2" },
    { LAB_SYNTHETIC_MOONS, 10, 0.1, 1, "exactly 2" },
    { LAB_SYNTHETIC_MOONS, 10, -0.1, 2, "-0.1" },
    { LAB_SYNTHETIC_CIRCLES, 10, NAN, 2, "nan" },
    { LAB_SYNTHETIC_XOR, 10, INFINITY, 2, "inf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (lab_dataset_synthetic (cases[i].kind, cases[i].n, cases[i].noise, cases[i].K,
                                            1, &error));
      assert_error_names (error, LAB_ERROR_DATASET, NULL,
                          lab_synthetic_kind_to_string (cases[i].kind), cases[i].p, NULL);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (lab_dataset_synthetic (LAB_SYNTHETIC_BLOBS, G_MAXSIZE / 4, 0.1, 3, 1,
                                          &error));
    g_assert_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE);
  }
}

/* A 2-H-H-K tanh MLP with softmax cross-entropy and Adam, trained on train, scored on val. */
static double
mlp_accuracy (const LabDataset *train,
              const LabDataset *val,
              guint             H,
              guint             epochs)
{
  const guint K = train->n_classes, B = 32;
  const guint sizes[4] = { 2, H, H, K };
  g_autofree float *w = NULL, *g = NULL, *m = NULL, *v = NULL, *act = NULL, *del = NULL;
  gsize off_w[3], off_b[3], n_par = 0;
  g_autofree guint32 *order = g_new (guint32, train->n);
  guint correct = 0, step = 0;
  LabRng rng;

  for (guint l = 0; l < 3; l++)
    {
      off_w[l] = n_par;
      n_par += sizes[l] * sizes[l + 1];
      off_b[l] = n_par;
      n_par += sizes[l + 1];
    }
  w = g_new0 (float, n_par);
  g = g_new0 (float, n_par);
  m = g_new0 (float, n_par);
  v = g_new0 (float, n_par);
  act = g_new0 (float, 4 * (gsize) MAX (H, K));   /* activations of layers 0..3 */
  del = g_new0 (float, 4 * (gsize) MAX (H, K));
  lab_rng_init (&rng, 7);
  for (guint l = 0; l < 3; l++)
    for (guint i = 0; i < sizes[l] * sizes[l + 1]; i++)
      w[off_w[l] + i] = lab_rng_normal (&rng) * sqrtf (1.0f / sizes[l]);
  for (gsize i = 0; i < train->n; i++)
    order[i] = (guint32) i;

#define A(l, j) act[(l) * MAX (H, K) + (j)]
#define D(l, j) del[(l) * MAX (H, K) + (j)]
#define FORWARD(xp)                                                              \
  do {                                                                           \
    A (0, 0) = (xp)[0];                                                          \
    A (0, 1) = (xp)[1];                                                          \
    for (guint l = 0; l < 3; l++)                                                \
      for (guint o = 0; o < sizes[l + 1]; o++)                                   \
        {                                                                        \
          float z = w[off_b[l] + o];                                             \
          for (guint in = 0; in < sizes[l]; in++)                                \
            z += w[off_w[l] + o * sizes[l] + in] * A (l, in);                    \
          A (l + 1, o) = l < 2 ? tanhf (z) : z;                                  \
        }                                                                        \
  } while (0)

  for (guint e = 0; e < epochs; e++)
    {
      lab_rng_shuffle (&rng, order, train->n);
      for (gsize start = 0; start < train->n; start += B)
        {
          gsize end = MIN (start + B, train->n);

          memset (g, 0, n_par * sizeof (float));
          for (gsize b = start; b < end; b++)
            {
              const float *xi = train->x + 2 * (gsize) order[b];
              guint yi = (guint) train->y[order[b]];
              float mx = -INFINITY, sum = 0;

              FORWARD (xi);
              for (guint k = 0; k < K; k++)
                mx = MAX (mx, A (3, k));
              for (guint k = 0; k < K; k++)
                sum += expf (A (3, k) - mx);
              for (guint k = 0; k < K; k++)
                D (3, k) = (expf (A (3, k) - mx) / sum - (k == yi)) / (end - start);
              for (guint l = 3; l-- > 0; )
                {
                  for (guint in = 0; in < sizes[l]; in++)
                    D (l, in) = 0;
                  for (guint o = 0; o < sizes[l + 1]; o++)
                    {
                      g[off_b[l] + o] += D (l + 1, o);
                      for (guint in = 0; in < sizes[l]; in++)
                        {
                          g[off_w[l] + o * sizes[l] + in] += D (l + 1, o) * A (l, in);
                          D (l, in) += w[off_w[l] + o * sizes[l] + in] * D (l + 1, o);
                        }
                    }
                  if (l > 0)
                    for (guint in = 0; in < sizes[l]; in++)
                      D (l, in) *= 1 - A (l, in) * A (l, in);
                }
            }
          step++;
          for (gsize i = 0; i < n_par; i++)
            {
              m[i] = 0.9f * m[i] + 0.1f * g[i];
              v[i] = 0.999f * v[i] + 0.001f * g[i] * g[i];
              w[i] -= 0.01f * (m[i] / (1 - powf (0.9f, step))) /
                      (sqrtf (v[i] / (1 - powf (0.999f, step))) + 1e-8f);
            }
        }
    }

  for (gsize i = 0; i < val->n; i++)
    {
      guint best = 0;

      FORWARD (val->x + 2 * i);
      for (guint k = 1; k < K; k++)
        if (A (3, k) > A (3, best))
          best = k;
      correct += best == (guint) val->y[i];
    }
#undef FORWARD
#undef A
#undef D
  return (double) correct / val->n;
}

static void
test_synthetic_spirals_learnable (void)
{
  static const struct { guint K; double noise; } cases[] = { { 2, 0.1 }, { 2, 0.05 }, { 3, 0.05 } };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LabDataset) all = lab_dataset_synthetic (LAB_SYNTHETIC_SPIRALS, 1000,
                                                         cases[c].noise, cases[c].K, 3, &error);
      g_autoptr(LabDataset) train = NULL;
      g_autoptr(LabDataset) val = NULL;
      g_autofree guint32 *tr = NULL, *va = NULL, *te = NULL;
      gsize ntr, nva, nte;
      double acc;

      g_assert_true (lab_dataset_split (all->n, 0.2, 0, 5, &tr, &ntr, &va, &nva, &te, &nte,
                                        &error));
      train = lab_dataset_subset (all, tr, ntr, "train", &error);
      val = lab_dataset_subset (all, va, nva, "val", &error);
      g_assert_no_error (error);
      acc = mlp_accuracy (train, val, 32, 200);
      g_test_message ("spirals K=%u noise %.2f: validation accuracy %.3f",
                      cases[c].K, cases[c].noise, acc);
      g_assert_cmpfloat (acc, >=, 0.97);
    }
}

/* ---------------------------------------------------------------- splits, subsets, one-hot */

static void
test_split (void)
{
  g_autofree guint32 *tr = NULL, *va = NULL, *te = NULL;
  g_autofree guint32 *tr2 = NULL, *va2 = NULL, *te2 = NULL;
  g_autofree guint32 *tr3 = NULL, *va3 = NULL, *te3 = NULL;
  g_autoptr(GError) error = NULL;
  gsize ntr, nva, nte, n2, n3, n4;
  gboolean seen[100] = { FALSE };

  g_assert_true (lab_dataset_split (100, 0.29, 0.1, 9, &tr, &ntr, &va, &nva, &te, &nte, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nva, ==, 29);
  g_assert_cmpuint (nte, ==, 10);
  g_assert_cmpuint (ntr, ==, 61);
  for (gsize i = 0; i < ntr; i++)
    seen[tr[i]] = TRUE;
  for (gsize i = 0; i < nva; i++)
    {
      g_assert_false (seen[va[i]]);
      seen[va[i]] = TRUE;
    }
  for (gsize i = 0; i < nte; i++)
    {
      g_assert_false (seen[te[i]]);
      seen[te[i]] = TRUE;
    }
  for (guint i = 0; i < 100; i++)
    g_assert_true (seen[i]);

  g_assert_true (lab_dataset_split (100, 0.29, 0.1, 9, &tr2, &n2, &va2, &n3, &te2, &n4, &error));
  g_assert_cmpmem (tr, ntr * 4, tr2, n2 * 4);
  g_assert_cmpmem (va, nva * 4, va2, n3 * 4);
  g_assert_cmpmem (te, nte * 4, te2, n4 * 4);
  g_assert_true (lab_dataset_split (100, 0.29, 0.1, 10, &tr3, &n2, &va3, &n3, &te3, &n4, &error));
  g_assert_true (memcmp (tr, tr3, ntr * 4) != 0);

  g_clear_pointer (&tr3, g_free);
  g_clear_pointer (&va3, g_free);
  g_clear_pointer (&te3, g_free);
  g_assert_true (lab_dataset_split (7, 0, 0, 1, &tr3, &n2, &va3, &n3, &te3, &n4, &error));
  g_assert_cmpuint (n2, ==, 7);
  g_assert_cmpuint (n3, ==, 0);
  g_assert_cmpuint (n4, ==, 0);

  {
    static const double bad[][2] = { { -0.1, 0 }, { 0.5, 0.5 }, { 0.9, 0.2 }, { NAN, 0 },
                                     { 0, INFINITY } };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        guint32 *a, *b, *c;

        g_assert_false (lab_dataset_split (10, bad[i][0], bad[i][1], 1, &a, &n2, &b, &n3, &c, &n4,
                                           &error));
        g_assert_error (error, LAB_ERROR, LAB_ERROR_DATASET);
        g_assert_null (a);
        g_clear_error (&error);
      }
  }
  {
    guint32 *a, *b, *c;

    g_assert_false (lab_dataset_split (0, 0.1, 0.1, 1, &a, &n2, &b, &n3, &c, &n4, &error));
    g_assert_error (error, LAB_ERROR, LAB_ERROR_DATASET);
  }
}

static void
test_subset_one_hot (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabDataset) all = lab_dataset_synthetic (LAB_SYNTHETIC_BLOBS, 30, 0.1, 3, 2, &error);
  g_autoptr(LabDataset) sub = NULL;
  g_autoptr(LabDataset) huge = NULL;
  g_autoptr(LabDataset) reg = NULL;
  guint32 idx[4] = { 29, 0, 5, 5 };
  guint32 bad_idx[1] = { 30 };
  gsize before[3], after[3];
  LabShape shape = lab_shape_flat (1000);

  g_assert_no_error (error);
  sub = lab_dataset_subset (all, idx, 4, "sub", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sub->name, ==, "sub");
  g_assert_cmpuint (sub->n, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpmem (sub->x + 2 * i, 8, all->x + 2 * idx[i], 8);
      g_assert_cmpfloat (sub->y[i], ==, all->y[idx[i]]);
    }
  g_assert_cmpstr (sub->class_names[2], ==, all->class_names[2]);
  g_assert_null (lab_dataset_subset (all, bad_idx, 1, NULL, &error));
  assert_error_names (error, LAB_ERROR_DATASET, NULL, "blobs", "30", NULL);
  g_clear_error (&error);

  lab_dataset_class_counts (all, before);
  g_assert_true (lab_dataset_one_hot (all, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (all->y_dim, ==, 3);
  for (guint i = 0; i < 30; i++)
    for (guint k = 0; k < 3; k++)
      g_assert_cmpfloat (all->y[3 * i + k], ==, k == i % 3 ? 1.0f : 0.0f);
  lab_dataset_class_counts (all, after);
  g_assert_cmpmem (before, sizeof before, after, sizeof after);
  g_assert_cmpuint (after[0], ==, 10);
  g_assert_true (lab_dataset_one_hot (all, &error));   /* idempotent */
  g_assert_cmpuint (all->y_dim, ==, 3);

  reg = lab_dataset_new ("reg", 2, &shape, 1, 0, &error);
  g_assert_no_error (error);
  g_assert_false (lab_dataset_one_hot (reg, &error));
  assert_error_names (error, LAB_ERROR_DATASET, NULL, "reg", NULL);
  g_clear_error (&error);
  reg->n_classes = 2;
  reg->y[1] = 2;
  g_assert_false (lab_dataset_one_hot (reg, &error));
  assert_error_names (error, LAB_ERROR_DATASET, NULL, "Sample 1", "label 2", NULL);
  g_clear_error (&error);

  huge = lab_dataset_new ("huge", (gsize) 1 << 40, &shape, 1, 0, &error);
  g_assert_null (huge);
  assert_error_names (error, LAB_ERROR_TOO_LARGE, NULL, "huge", NULL);
}

/* ---------------------------------------------------------------- scaling */

/* Train feature 0 spans [2, 6]; feature 1 is the constant 0.1 (not exact in binary). */
static LabDataset *
scaling_data (gsize  n,
              float  base)
{
  LabShape shape = lab_shape_flat (2);
  LabDataset *data = lab_dataset_new ("scaling", n, &shape, 1, 0, NULL);

  for (gsize i = 0; i < n; i++)
    {
      data->x[2 * i] = base + 4.0f * i / (n - 1);
      data->x[2 * i + 1] = base == 2.0f ? 0.1f : 50.0f + i;
    }
  return data;
}

static void
test_scaler (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabDataset) train = scaling_data (1001, 2.0f);
  g_autoptr(LabDataset) val = scaling_data (11, 100.0f);
  g_autoptr(LabScaler) mm = lab_scaler_fit (LAB_SCALING_MINMAX, train, &error);
  g_autoptr(LabScaler) z = lab_scaler_fit (LAB_SCALING_ZSCORE, train, &error);
  g_autoptr(LabScaler) none = lab_scaler_fit (LAB_SCALING_NONE, train, &error);
  g_autoptr(LabDataset) t2 = lab_dataset_subset (train, (guint32[]) { 0, 500, 1000 }, 3, NULL,
                                                 &error);
  LabScalingKind kind;
  double mean = 0, var = 0;

  g_assert_no_error (error);

  /* The statistics are the training split's: min 2, range 4, mean 4, constant → scale 0. */
  g_assert_cmpfloat_with_epsilon (mm->offset[0], 2.0f, 1e-6);
  g_assert_cmpfloat_with_epsilon (mm->scale[0], 0.25f, 1e-6);
  g_assert_cmpfloat (mm->scale[1], ==, 0.0f);
  g_assert_cmpfloat_with_epsilon (z->offset[0], 4.0f, 1e-5);
  g_assert_cmpfloat (z->scale[1], ==, 0.0f);

  lab_scaler_apply (mm, t2);
  g_assert_cmpfloat_with_epsilon (t2->x[0], 0.0f, 1e-6);
  g_assert_cmpfloat_with_epsilon (t2->x[2], 0.5f, 1e-6);
  g_assert_cmpfloat_with_epsilon (t2->x[4], 1.0f, 1e-6);
  g_assert_cmpfloat (t2->x[1], ==, 0.0f);

  /* Validation data far from the training range stays far: nothing was fitted on it. */
  lab_scaler_apply (mm, val);
  g_assert_cmpfloat_with_epsilon (val->x[0], (100.0f - 2.0f) / 4.0f, 1e-4);
  g_assert_cmpfloat (val->x[1], ==, 0.0f);   /* a constant feature in train maps to 0 */
  g_assert_cmpfloat (val->x[3], ==, 0.0f);

  lab_scaler_apply (z, train);
  for (gsize i = 0; i < train->n; i++)
    mean += train->x[2 * i];
  mean /= train->n;
  for (gsize i = 0; i < train->n; i++)
    var += (train->x[2 * i] - mean) * (train->x[2 * i] - mean);
  var /= train->n;
  g_assert_cmpfloat_with_epsilon (mean, 0.0, 1e-5);
  g_assert_cmpfloat_with_epsilon (var, 1.0, 1e-4);   /* population variance */
  for (gsize i = 0; i < train->n; i++)
    g_assert_cmpfloat (train->x[2 * i + 1], ==, 0.0f);

  lab_scaler_apply (none, val);
  g_assert_cmpfloat_with_epsilon (val->x[0], (100.0f - 2.0f) / 4.0f, 1e-4);

  g_assert_true (lab_scaling_kind_from_string ("zscore", &kind));
  g_assert_cmpint (kind, ==, LAB_SCALING_ZSCORE);
  g_assert_cmpstr (lab_scaling_kind_to_string (LAB_SCALING_MINMAX), ==, "minmax");
  g_assert_cmpstr (lab_scaling_kind_to_string (LAB_SCALING_NONE), ==, "none");
  g_assert_false (lab_scaling_kind_from_string ("robust", &kind));

  train->x[7] = NAN;
  g_assert_null (lab_scaler_fit (LAB_SCALING_ZSCORE, train, &error));
  assert_error_names (error, LAB_ERROR_DATASET, NULL, "scaling", "Sample 3", "feature 2", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/dataset/synthetic/shapes", test_synthetic_shapes);
  g_test_add_func ("/core/dataset/synthetic/geometry", test_synthetic_geometry);
  g_test_add_func ("/core/dataset/synthetic/bad", test_synthetic_bad);
  g_test_add_func ("/core/dataset/synthetic/spirals-learnable", test_synthetic_spirals_learnable);
  g_test_add_func ("/core/dataset/split", test_split);
  g_test_add_func ("/core/dataset/subset-one-hot", test_subset_one_hot);
  g_test_add_func ("/core/dataset/scaler", test_scaler);

  return g_test_run ();
}

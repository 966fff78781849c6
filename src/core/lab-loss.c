/* lab-loss.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every loss returns PyTorch's 'mean' reduction and writes d(loss)/d(pred) for the same mean, so
 * the trainer's backward pass starts from the exact gradient of the number it reports. Sums are
 * taken in double: the batch loss is a long sum of small terms, and gradient checks compare it
 * with central differences.
 */
#define G_LOG_DOMAIN "lab-loss"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-loss.h"

static const struct
{
  const char *name;
  const char *label;
  const char *blurb;
} loss_info[LAB_LOSS_N_KINDS] = {
  [LAB_LOSS_MSE] = {
    "mse", N_("Mean squared error"),
    N_("The average squared difference between prediction and target. The usual choice for "
       "regression with a linear output; large errors weigh much more than small ones."),
  },
  [LAB_LOSS_MAE] = {
    "mae", N_("Mean absolute error"),
    N_("The average absolute difference between prediction and target. For regression when "
       "the data has outliers that should not dominate training."),
  },
  [LAB_LOSS_HUBER] = {
    "huber", N_("Huber"),
    N_("Squared error for small differences and absolute error beyond delta (1 by default): "
       "regression that is smooth near the target yet robust to outliers."),
  },
  [LAB_LOSS_BCE_LOGITS] = {
    "bce", N_("Binary cross-entropy"),
    N_("Sigmoid and cross-entropy in one stable step, on raw outputs (logits). For yes/no "
       "labels and for several independent yes/no labels per sample; leave the last layer "
       "linear."),
  },
  [LAB_LOSS_CROSS_ENTROPY] = {
    "cross-entropy", N_("Categorical cross-entropy"),
    N_("Softmax and cross-entropy in one stable step, on raw outputs (logits). For choosing one "
       "class out of several; labels may be class numbers or one-hot rows. Leave the last layer "
       "linear."),
  },
};

/* Class indices arrive as floats (datasets keep one float type); anything that is not one of
 * 0 … D−1 is a bug in whoever built the batch, since datasets check their labels on loading. */
static inline gboolean
class_index (float  t,
             guint  D,
             guint *idx)
{
  if (!(t >= 0.0f && t < (float) D))
    return FALSE;
  *idx = (guint) t;
  return TRUE;
}

static double
bad_label (float t,
           guint D)
{
  g_critical ("Class label %g is not one of 0 … %u; the batch was built with unchecked labels",
              t, D - 1);
  return NAN;
}

/* log(1 + e^x) without overflow for large x or loss of precision for very negative x. */
static inline double
softplus (double x)
{
  return fmax (x, 0.0) + log1p (exp (-fabs (x)));
}

static inline double
sigmoid (double x)
{
  if (x >= 0.0)
    return 1.0 / (1.0 + exp (-x));
  else
    {
      double e = exp (x);

      return e / (1.0 + e);
    }
}

/* MSE, MAE, Huber and BCE: one term per element, averaged over N·D.
 *   pred, dpred (N, D); target (N, D), or (N, 1) class indices expanded to one-hot rows */
static double
elementwise_loss (const LabLoss *loss,
                  const float   *pred,
                  const float   *target,
                  gboolean       indices,
                  float         *dpred,
                  guint          N,
                  guint          D)
{
  const double scale = 1.0 / ((double) N * D);
  double delta = loss->huber_delta > 0.0f ? loss->huber_delta : 1.0;
  double w0 = 1.0;
  double w1 = 1.0;
  double sum = 0.0;

  if (loss->kind == LAB_LOSS_BCE_LOGITS && loss->class_weights != NULL)
    {
      g_return_val_if_fail (loss->n_class_weights >= 2, NAN);
      w0 = loss->class_weights[0];
      w1 = loss->class_weights[1];
    }

  for (guint n = 0; n < N; n++)
    {
      const float *y = pred + (gsize) n * D;
      guint idx = G_MAXUINT;

      if (indices && !class_index (target[n], D, &idx))
        return bad_label (target[n], D);

      for (guint j = 0; j < D; j++)
        {
          double t = indices ? (j == idx ? 1.0 : 0.0) : target[(gsize) n * D + j];
          double x = y[j];
          double d = x - t;
          double l;
          double g;

          switch (loss->kind)
            {
            case LAB_LOSS_MSE:
              l = d * d;
              g = 2.0 * d;
              break;

            case LAB_LOSS_MAE:
              /* sign(0) = 0, as torch's L1Loss subgradient. */
              l = fabs (d);
              g = (d > 0.0) - (d < 0.0);
              break;

            case LAB_LOSS_HUBER:
              if (fabs (d) < delta)
                {
                  l = 0.5 * d * d;
                  g = d;
                }
              else
                {
                  l = delta * (fabs (d) - 0.5 * delta);
                  g = d > 0.0 ? delta : -delta;
                }
              break;

            case LAB_LOSS_BCE_LOGITS:
              /* −[w₁·t·log σ(x) + w₀·(1−t)·log(1−σ(x))] with log σ(x) = −softplus(−x) and
               * log(1−σ(x)) = −softplus(x); torch's weight = w₀, pos_weight = w₁/w₀. */
              l = w1 * t * softplus (-x) + w0 * (1.0 - t) * softplus (x);
              {
                double s = sigmoid (x);

                g = w0 * (1.0 - t) * s - w1 * t * (1.0 - s);
              }
              break;

            case LAB_LOSS_CROSS_ENTROPY:
            case LAB_LOSS_N_KINDS:
            default:
              g_assert_not_reached ();
            }

          sum += l;
          if (dpred != NULL)
            dpred[(gsize) n * D + j] = (float) (g * scale);
        }
    }

  return sum * scale;
}

/* Softmax + cross-entropy of each row, fused so that neither exp overflows nor log(0) occurs:
 * loss_n = Σ_c w_c·t_c·(lse − x_c) with lse = m + log Σ_c e^(x_c − m), m = max_c x_c, and
 * d loss_n / d x_c = (Σ_k w_k·t_k)·p_c − w_c·t_c.
 *   pred, dpred (N, D); target (N, D) probabilities or (N, 1) class indices */
static double
cross_entropy_loss (const LabLoss *loss,
                    const float   *pred,
                    const float   *target,
                    gboolean       indices,
                    float         *dpred,
                    guint          N,
                    guint          D)
{
  const float *cw = loss->class_weights;
  double denom = 0.0;
  double sum = 0.0;

  g_return_val_if_fail (cw == NULL || loss->n_class_weights >= D, NAN);

  /* torch divides by Σ_n w_(y_n) for class indices. Soft targets get the same rule with
   * Σ_c w_c·t_nc as the row's weight (torch divides those by N instead), so one-hot rows and
   * class indices always give the same loss. Without weights both are N. */
  if (cw == NULL)
    denom = N;
  else
    for (guint n = 0; n < N; n++)
      {
        guint idx;

        if (indices)
          {
            if (!class_index (target[n], D, &idx))
              return bad_label (target[n], D);
            denom += cw[idx];
          }
        else
          for (guint c = 0; c < D; c++)
            denom += (double) cw[c] * target[(gsize) n * D + c];
      }

  /* All weights zero: no sample counts, so nothing is learned (torch would give 0/0). */
  if (denom == 0.0)
    {
      if (dpred != NULL)
        memset (dpred, 0, sizeof (float) * N * D);
      return 0.0;
    }

  for (guint n = 0; n < N; n++)
    {
      const float *x = pred + (gsize) n * D;
      const float *t = indices ? NULL : target + (gsize) n * D;
      double m = x[0];
      double s = 0.0;
      double lse;
      double row_w = 0.0;
      guint idx = G_MAXUINT;

      if (indices && !class_index (target[n], D, &idx))
        return bad_label (target[n], D);

      for (guint c = 1; c < D; c++)
        m = fmax (m, x[c]);
      for (guint c = 0; c < D; c++)
        s += exp (x[c] - m);
      lse = m + log (s);

      if (indices)
        {
          row_w = cw != NULL ? cw[idx] : 1.0;
          sum += row_w * (lse - x[idx]);
        }
      else
        for (guint c = 0; c < D; c++)
          {
            double wt = (cw != NULL ? cw[c] : 1.0) * t[c];

            row_w += wt;
            sum += wt * (lse - x[c]);
          }

      if (dpred != NULL)
        {
          float *dx = dpred + (gsize) n * D;

          for (guint c = 0; c < D; c++)
            {
              double p = exp (x[c] - lse);
              double wt;

              if (indices)
                wt = c == idx ? row_w : 0.0;
              else
                wt = (cw != NULL ? cw[c] : 1.0) * t[c];
              dx[c] = (float) ((row_w * p - wt) / denom);
            }
        }
    }

  return sum / denom;
}

double
lab_loss_compute (const LabLoss *loss,
                  const float   *pred,
                  const float   *target,
                  guint          target_dim,
                  float         *dpred,
                  guint          N,
                  guint          D)
{
  gboolean indices;

  g_return_val_if_fail (loss != NULL, NAN);
  g_return_val_if_fail (loss->kind < LAB_LOSS_N_KINDS, NAN);
  g_return_val_if_fail (pred != NULL && target != NULL, NAN);
  g_return_val_if_fail (N > 0 && D > 0, NAN);
  g_return_val_if_fail (target_dim == D || target_dim == 1, NAN);

  /* With D = 1 a single target column is a value, not an index. */
  indices = target_dim == 1 && D > 1;

  if (loss->kind == LAB_LOSS_CROSS_ENTROPY)
    return cross_entropy_loss (loss, pred, target, indices, dpred, N, D);
  else
    return elementwise_loss (loss, pred, target, indices, dpred, N, D);
}

void
lab_loss_balanced_weights (const float *labels,
                           gsize        n,
                           guint        n_classes,
                           float       *weights)
{
  g_autofree gsize *count = NULL;
  gsize n_valid = 0;

  g_return_if_fail (labels != NULL || n == 0);
  g_return_if_fail (weights != NULL);
  g_return_if_fail (n_classes > 0);

  count = g_new0 (gsize, n_classes);
  for (gsize i = 0; i < n; i++)
    {
      guint idx;

      if (class_index (labels[i], n_classes, &idx))
        {
          count[idx]++;
          n_valid++;
        }
    }

  /* scikit-learn's compute_class_weight ('balanced'): n_samples / (n_classes · bincount). */
  for (guint c = 0; c < n_classes; c++)
    weights[c] = count[c] > 0 ? (float) ((double) n_valid / ((double) n_classes * count[c])) : 0.0f;
}

const char *
lab_loss_kind_to_string (LabLossKind kind)
{
  g_return_val_if_fail (kind < LAB_LOSS_N_KINDS, NULL);
  return loss_info[kind].name;
}

gboolean
lab_loss_kind_from_string (const char  *text,
                           LabLossKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < LAB_LOSS_N_KINDS; i++)
    if (g_strcmp0 (text, loss_info[i].name) == 0)
      {
        *kind = (LabLossKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
lab_loss_kind_label (LabLossKind kind)
{
  g_return_val_if_fail (kind < LAB_LOSS_N_KINDS, NULL);
  return _(loss_info[kind].label);
}

const char *
lab_loss_kind_blurb (LabLossKind kind)
{
  g_return_val_if_fail (kind < LAB_LOSS_N_KINDS, NULL);
  return _(loss_info[kind].blurb);
}

/* lab-inspect-health.c: warnings about vanishing and exploding gradients and dead ReLUs
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The thresholds are rules of thumb that flag a layer worth a look, not proofs:
 *
 * Vanishing gradients (over at least MIN_POINTS recent batches, medians so one odd batch does
 * not decide):
 *   - ‖g‖ / ‖w‖ < VANISH_RATIO (1e-5): a step of plain SGD at learning rate 0.01 would move the
 *     weights by less than 1e-7 of their size, so the layer has practically stopped learning;
 *   - or ‖g‖ < VANISH_RELATIVE (1e-3) × ‖g‖ of the layer with the largest gradient: the signal
 *     fades on its way back, the "early layers ≪ late layers" pattern of the per-layer chart.
 *   A layer whose gradient is exactly zero in every batch is frozen (or cut off, which the
 *   dead-ReLU rule reports) and is skipped. The first rule is left out once the model fits its
 *   training batches (median loss below FITTED_LOSS, 1e-3): gradients are then tiny because
 *   little is left to learn, not because they fade on their way back.
 * Exploding gradients:
 *   - any norm that is NaN or infinite: the values overflowed;
 *   - or ‖g‖ ≥ EXPLODE_GRAD (1e3) in the recent quarter of the window;
 *   - or ‖g‖ of the last quarter ≥ EXPLODE_GROWTH (10) × that of the first quarter while being
 *     ≥ 1, the rule of thumb that gradients staying above 1.0 are a warning sign;
 *   - or ‖w‖ of the last quarter ≥ EXPLODE_GROWTH × that of the first quarter: weights growing
 *     fast.
 * Dead ReLUs: at least DEAD_FRACTION (50 %) of a ReLU layer's units output 0 for every sample of
 *   the measured batch, so no gradient flows through them.
 *
 * The advice follows docs/concepts.md; gradient clipping is offered for exploding gradients only,
 * since it does nothing for vanishing ones.
 */
#define G_LOG_DOMAIN "lab-inspect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "lab-inspect.h"

#define MIN_POINTS      8
#define VANISH_RATIO    1e-5
#define VANISH_RELATIVE 1e-3
#define EXPLODE_GRAD    1e3
#define EXPLODE_GROWTH  10.0
#define DEAD_FRACTION   0.5
#define FITTED_LOSS     1e-3

void
lab_health_warning_free (LabHealthWarning *self)
{
  if (self == NULL)
    return;
  g_free (self->layer);
  g_free (self->summary);
  g_free (self);
}

const char *
lab_health_kind_title (LabHealthKind kind)
{
  switch (kind)
    {
    case LAB_HEALTH_VANISHING:
      return _("Vanishing gradients");
    case LAB_HEALTH_EXPLODING:
      return _("Exploding gradients");
    case LAB_HEALTH_DEAD_RELU:
      return _("Dead ReLUs");
    default:
      g_return_val_if_reached ("");
    }
}

static const char *
advice_for (LabHealthKind kind)
{
  switch (kind)
    {
    case LAB_HEALTH_VANISHING:
      return _("The gradient reaching this layer is tiny, so its weights barely change and it "
               "stops learning. What usually helps: ReLU-like activations instead of sigmoid or "
               "tanh in hidden layers, He initialization, batch normalization, residual "
               "connections, or fewer layers.");
    case LAB_HEALTH_EXPLODING:
      return _("The gradients are very large or growing, so each step throws the weights far "
               "and the loss may jump about or become NaN. What usually helps: a lower learning "
               "rate, gradient clipping by norm, batch normalization, or a smaller "
               "initialization.");
    case LAB_HEALTH_DEAD_RELU:
      return _("Most units of this ReLU output zero for every sample, so no gradient passes "
               "through them and they have stopped learning. What usually helps: a lower "
               "learning rate, Leaky ReLU or ELU instead of ReLU, He initialization, or a "
               "batch normalization layer before the activation.");
    default:
      g_return_val_if_reached ("");
    }
}

static void
add (GPtrArray     *warnings,
     LabHealthKind  kind,
     const char    *layer,
     char          *summary)
{
  LabHealthWarning *w = g_new0 (LabHealthWarning, 1);

  w->kind = kind;
  w->layer = g_strdup (layer);
  w->summary = summary;
  w->advice = advice_for (kind);
  g_ptr_array_add (warnings, w);
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Median of v[0..n), which it sorts. */
static double
median (double *v,
        guint   n)
{
  if (n == 0)
    return NAN;
  qsort (v, n, sizeof (double), cmp_double);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* The values of layer (its index in each point, looked up by name, since points of different
 * runs may list different layers) over points[from..to). */
static guint
collect (const LabTrainPoint * const *points,
         guint                        from,
         guint                        to,
         const char                  *layer,
         gboolean                     grads,
         double                      *out)
{
  guint n = 0;

  for (guint i = from; i < to; i++)
    for (guint l = 0; l < points[i]->n_layers; l++)
      if (g_strcmp0 (points[i]->layer_names[l], layer) == 0)
        {
          out[n++] = grads ? points[i]->layer_grad_norms[l] : points[i]->layer_weight_norms[l];
          break;
        }
  return n;
}

static void
check_layer (GPtrArray                   *warnings,
             const LabTrainPoint * const *points,
             guint                        n_points,
             const char                  *layer,
             double                       max_grad,
             gboolean                     fitted,
             double                      *buf)
{
  guint q = MAX (n_points / 4, 1), n, nw;
  g_autofree double *w = g_new (double, n_points);
  double g_med, w_med, g_first, g_last, w_first, w_last;
  gboolean all_zero = TRUE;

  n = collect (points, 0, n_points, layer, TRUE, buf);
  nw = collect (points, 0, n_points, layer, FALSE, w);
  for (guint i = 0; i < n; i++)
    if (!isfinite (buf[i]) || (i < nw && !isfinite (w[i])))
      {
        add (warnings, LAB_HEALTH_EXPLODING, layer,
             g_strdup (_("Its weights or gradients became NaN or infinite.")));
        return;
      }
  for (guint i = 0; i < n; i++)
    all_zero &= buf[i] == 0.0;
  if (n < MIN_POINTS || all_zero)
    return;

  /* Points of other runs may lack the layer: medians of what each quarter has (NaN for none,
   * which no comparison below passes). */
  n = collect (points, n_points - q, n_points, layer, TRUE, buf);
  g_last = median (buf, n);
  n = collect (points, 0, q, layer, TRUE, buf);
  g_first = median (buf, n);
  nw = collect (points, n_points - q, n_points, layer, FALSE, w);
  w_last = median (w, nw);
  nw = collect (points, 0, q, layer, FALSE, w);
  w_first = median (w, nw);
  n = collect (points, 0, n_points, layer, TRUE, buf);
  g_med = median (buf, n);
  nw = collect (points, 0, n_points, layer, FALSE, w);
  w_med = median (w, nw);

  if (g_last >= EXPLODE_GRAD)
    add (warnings, LAB_HEALTH_EXPLODING, layer,
         g_strdup_printf (_("Its gradient norm is %.3g, far above the usual range."), g_last));
  else if (n_points >= 2 * MIN_POINTS && g_last >= 1.0 && g_last >= EXPLODE_GROWTH * g_first)
    add (warnings, LAB_HEALTH_EXPLODING, layer,
         g_strdup_printf (_("Its gradient norm grew from %.3g to %.3g over the recent batches."),
                          g_first, g_last));
  else if (n_points >= 2 * MIN_POINTS && w_first > 0 && w_last >= EXPLODE_GROWTH * w_first)
    add (warnings, LAB_HEALTH_EXPLODING, layer,
         g_strdup_printf (_("Its weight norm grew from %.3g to %.3g over the recent batches."),
                          w_first, w_last));
  else if (!fitted && w_med > 0 && g_med == 0)
    add (warnings, LAB_HEALTH_VANISHING, layer,
         g_strdup_printf (_("Its gradient is zero in most batches, against a weight norm of "
                            "%.2g."), w_med));
  else if (!fitted && w_med > 0 && g_med < VANISH_RATIO * w_med)
    add (warnings, LAB_HEALTH_VANISHING, layer,
         g_strdup_printf (_("Its gradient norm (%.2g) is less than 1/100,000 of its weight "
                            "norm (%.2g)."), g_med, w_med));
  else if (max_grad > 0 && g_med < VANISH_RELATIVE * max_grad)
    add (warnings, LAB_HEALTH_VANISHING, layer,
         g_strdup_printf (_("Its gradient norm (%.2g) is less than 1/1,000 of the largest "
                            "layer’s (%.2g)."), g_med, max_grad));
}

GPtrArray *
lab_health_check (const LabTrainPoint * const *points,
                  guint                        n_points,
                  const LabDeadReport         *dead)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_health_warning_free);
  g_autoptr(GPtrArray) layers = g_ptr_array_new ();
  g_autofree double *buf = g_new (double, MAX (n_points, 1));
  double max_grad = 0;
  gboolean fitted;

  g_return_val_if_fail (points != NULL || n_points == 0, warnings);

  for (guint i = 0; i < n_points; i++)
    buf[i] = points[i]->loss;
  fitted = n_points > 0 && median (buf, n_points) < FITTED_LOSS;

  /* Every layer named in the window, in the order first seen. */
  for (guint i = 0; i < n_points; i++)
    for (guint l = 0; l < points[i]->n_layers; l++)
      {
        const char *name = points[i]->layer_names[l];
        gboolean seen = FALSE;

        for (guint k = 0; k < layers->len && !seen; k++)
          seen = g_strcmp0 (g_ptr_array_index (layers, k), name) == 0;
        if (!seen)
          g_ptr_array_add (layers, (gpointer) name);
      }
  for (guint k = 0; k < layers->len; k++)
    {
      guint n = collect (points, 0, n_points, g_ptr_array_index (layers, k), TRUE, buf);
      double m = median (buf, n);

      if (isfinite (m))
        max_grad = MAX (max_grad, m);
    }
  for (guint k = 0; k < layers->len; k++)
    check_layer (warnings, points, n_points, g_ptr_array_index (layers, k), max_grad, fitted, buf);

  for (guint i = 0; dead != NULL && i < dead->n_layers; i++)
    if (dead->layers[i].n_units > 0 && dead->layers[i].fraction >= DEAD_FRACTION)
      add (warnings, LAB_HEALTH_DEAD_RELU, dead->layers[i].layer,
           g_strdup_printf (_("%.0f %% of its units (%u of %u) output zero for all %u samples "
                              "checked."), dead->layers[i].fraction * 100, dead->layers[i].n_dead,
                            dead->layers[i].n_units, (guint) dead->n_samples));
  return warnings;
}

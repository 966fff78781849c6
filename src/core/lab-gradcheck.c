/* lab-gradcheck.c: a whole-network gradient check
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Round-off. The forward pass runs in float32, so the loss f carries round-off that changes with
 * every perturbation in an unpredictable way, and numerical derivatives divide it by the step.
 * Rather than guess its size, the check measures it for each layer: it moves the layer's weights
 * (all together by ±2⁻¹⁸ of themselves for the directional check, one at a time by ±2⁻¹² for the
 * element check), which changes the rounding of many operations while the second-order change of
 * f stays far below it, and takes the root mean square of f(θ') − f(θ) − g·Δ over a few such
 * moves as the standard deviation σ of one evaluation's round-off. Every comparison grants SIGMAS
 * = 4 standard deviations of its combination of evaluations (√2σ for f₊ − f₋, √6σ for
 * f₊ + f₋ − 2f₀): three for the round-off, one more because σ itself is estimated from eight
 * samples.
 *
 * TOL = 1e-2 relative: with the round-off granted separately, what is left is the truncation error
 * of the central difference, ε²|f‴|/6 relative to |f′|, about 1e-4 … 1e-3 for the steps used here
 * and losses of order one, and the kinks below; a wrong term (a missing factor, a transposed
 * index, a forgotten bias gradient) changes a derivative by order one, a hundred times the
 * tolerance. Comparisons where the round-off dominates (tiny gradients) are lenient by nature;
 * those of the elements with the largest gradients, which are always among the sampled ones, are
 * not.
 *
 * Kinks. ReLU at 0 and ties in max pooling make f non-differentiable, and a central difference
 * whose interval holds a kink averages two slopes; its error is then half the difference of the
 * one-sided differences. So, as tests/gradcheck-util.c and ggml's grad_expect() do, those are
 * compared (for a direction as kann's p_m_err, the curvature f₊ + f₋ − 2f₀ against f₊ − f₋),
 * and must agree within TOL. Kinks on both sides can cancel in that test, so the estimate must
 * also agree within TOL/2 with the one of a tenfold smaller step; the smaller step's estimate is
 * then used, as kinks bias it least, with the round-off of both granted. Failing that, the steps
 * shrink tenfold once more; an element still on a kink is skipped and counted, a direction is
 * replaced by another.
 */
#define G_LOG_DOMAIN "lab-gradcheck"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-error.h"
#include "lab-gradcheck.h"

#define TOL             1e-2
#define SIGMAS          4.0
#define N_NOISE_PROBES  8
#define NUDGE_ALL       (1.0f / 262144)   /* 2⁻¹⁸ of every weight of a layer */
#define NUDGE_ONE       (1.0f / 4096)     /* 2⁻¹² of one weight */
#define N_DIRECTIONS    3
#define MAX_DRAWS       12     /* directions drawn at most to find N_DIRECTIONS without kinks */
#define ELEMENT_STEP    1e-2
#define DIRECTION_DF    1e-3   /* the change of f aimed at along a direction */

typedef struct
{
  LabNetwork    *net;
  const LabLoss *loss;
  const float   *x;
  const float   *y;
  guint          y_dim;
  guint          n;
  LabRng         net_rng;      /* the dropout stream every evaluation starts from */
  float         *state;        /* running statistics to restore after every evaluation */
  float         *g;            /* [n_trainable] analytical gradient */
  double         f0;
  double         sigma;        /* round-off of one evaluation of f: the layer's weights moving */
  double         sigma_one;    /* the same, one weight moving */
  LabRng         rng;          /* directions and samples */
} Check;

static double
evaluate (Check *c,
          float *dpred)
{
  LabNetwork *net = c->net;
  const float *out;
  double f;

  net->rng = c->net_rng;
  out = lab_network_forward (net, c->x, c->n, TRUE);
  f = lab_loss_compute (c->loss, out, c->y, c->y_dim, dpred, c->n, (guint) net->out_size);
  memcpy (net->state, c->state, net->n_state * sizeof (float));
  return f;
}

/* The round-off of f when the layer's parameters p[0..m) move, as the module comment explains:
 * all of them together (single FALSE) or one at a time. */
static double
measure_noise (Check       *c,
               float       *p,
               const float *g,
               gsize        m,
               gboolean     single)
{
  g_autofree float *saved = g_memdup2 (p, m * sizeof (float));
  double sum = 0.0;

  for (guint i = 0; i < N_NOISE_PROBES; i++)
    {
      gsize first = single ? lab_rng_below (&c->rng, (guint32) MIN (m, G_MAXUINT32)) : 0;
      gsize last = single ? first + 1 : m;
      float nudge = single ? NUDGE_ONE : NUDGE_ALL;
      double linear = 0.0, dev;

      for (gsize k = first; k < last; k++)
        {
          /* A weight at 0 moves by an absolute amount instead. */
          float step = saved[k] != 0.0f ? saved[k] * nudge : nudge;

          p[k] = saved[k] + (lab_rng_below (&c->rng, 2) ? step : -step);
          linear += (double) g[k] * ((double) p[k] - saved[k]);
        }
      dev = evaluate (c, NULL) - c->f0 - linear;
      memcpy (p + first, saved + first, (last - first) * sizeof (float));
      sum += dev * dev;
    }
  /* Never quite zero, so that comparing equal values never divides by zero. */
  return MAX (sqrt (sum / N_NOISE_PROBES), ldexp (fabs (c->f0), -40));
}

static double
norm2 (const float *v,
       gsize        m)
{
  double s = 0.0;

  for (gsize k = 0; k < m; k++)
    s += (double) v[k] * v[k];
  return sqrt (s);
}

/* One central difference along the displacement ±delta (float steps as applied after rounding):
 * s0 = g·(θ₊ − θ₋) and s1 = f(θ₊) − f(θ₋). FALSE when the three values of f are too curved for
 * the central difference to be trusted (see the module comment on kinks). */
static gboolean
directional_difference (Check       *c,
                        float       *p,
                        const float *saved,
                        const float *g,
                        const float *delta,
                        double       scale,
                        gsize        m,
                        double      *s0,
                        double      *s1,
                        double      *dnorm)
{
  double fp, fm, curvature;

  *s0 = *dnorm = 0.0;
  for (gsize k = 0; k < m; k++)
    p[k] = saved[k] + (float) (scale * delta[k]);
  fp = evaluate (c, NULL);
  for (gsize k = 0; k < m; k++)
    {
      double plus = p[k];

      p[k] = saved[k] - (float) (scale * delta[k]);
      *s0 += g[k] * (plus - p[k]);
      *dnorm += (plus - p[k]) * (plus - p[k]);
    }
  fm = evaluate (c, NULL);
  memcpy (p, saved, m * sizeof (float));

  *s1 = fp - fm;
  curvature = fabs (fp + fm - 2 * c->f0);
  return curvature <= TOL * fabs (*s1) + SIGMAS * G_SQRT2 * sqrt (3.0) * c->sigma;
}

/* Random directions through the layer's parameters p[0..m) with gradient g. */
static double
check_directions (Check       *c,
                  float       *p,
                  const float *g,
                  gsize        m,
                  guint       *n_done)
{
  g_autofree float *saved = g_memdup2 (p, m * sizeof (float));
  g_autofree float *delta = g_new (float, m);
  double gnorm = norm2 (g, m);
  /* Steps of about DIRECTION_DF / ‖g‖ per element change f by about DIRECTION_DF. */
  double step = CLAMP (DIRECTION_DF / MAX (gnorm, 1e-30), 1e-4, 1e-2);
  double worst = 0.0;
  guint done = 0;

  for (guint draw = 0; draw < MAX_DRAWS && done < N_DIRECTIONS; draw++)
    {
      double s0 = 0.0, s1 = 0.0, dnorm = 0.0, scale, allowance = 0.0;
      double prev_d = 0.0, prev_noise = 0.0;
      gboolean accepted = FALSE, prev_smooth = FALSE;
      double h = step;

      for (gsize k = 0; k < m; k++)
        delta[k] = lab_rng_normal (&c->rng);
      /* Kinks on both sides can hide from the curvature test; a tenfold smaller step that gives
       * the same derivative shows that none is near. */
      for (int i = 0; i < 3 && !accepted; i++, h /= 10)
        {
          gboolean smooth = directional_difference (c, p, saved, g, delta, h, m, &s0, &s1, &dnorm);
          double d = s1 / h, noise = SIGMAS * G_SQRT2 * c->sigma / h;

          if (smooth && prev_smooth &&
              fabs (d - prev_d) <= TOL / 2 * MAX (fabs (d), fabs (prev_d)) + noise + prev_noise)
            {
              /* As for elements: the smaller step's estimate, granted the uncertainty of both. */
              accepted = TRUE;
              allowance = (noise + prev_noise) * h;
            }
          prev_smooth = smooth;
          prev_d = d;
          prev_noise = noise;
        }
      if (!accepted)
        continue;   /* a kink too close: another direction */
      done++;

      /* g·δ of a random δ is typically ‖g‖‖δ‖/√m; judging the difference against at least that
       * keeps an unlucky direction nearly orthogonal to g from inflating the error. */
      scale = MAX (MAX (fabs (s0), fabs (s1)), gnorm * sqrt (dnorm / (double) m));
      /* error ≤ TOL ⇔ |s0 − s1| ≤ TOL·scale + what the step comparison could not rule out */
      scale += allowance / TOL;
      g_debug ("direction %u: g·δ %.7g, Δf %.7g, scale %.3g, error %.2e", draw, s0, s1, scale,
               fabs (s0 - s1) / scale);
      worst = MAX (worst, fabs (s0 - s1) / scale);
    }
  *n_done = done;
  return worst;
}

static int
compare_abs_desc (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const float *g = user_data;
  float x = fabsf (g[*(const guint32 *) a]);
  float y = fabsf (g[*(const guint32 *) b]);

  return (x < y) - (x > y);
}

/* Up to LAB_GRADCHECK_ELEMENTS indices of the tensor g[0..m): half those with the largest
 * gradients, where the signal stands out of the round-off best, and half at random, so that a
 * gradient missing altogether shows too. */
static gsize
pick_elements (Check       *c,
               const float *g,
               gsize        m,
               guint32     *picked)
{
  g_autofree guint32 *order = NULL;
  gsize n_top, count;

  if (m <= LAB_GRADCHECK_ELEMENTS)
    {
      for (gsize k = 0; k < m; k++)
        picked[k] = (guint32) k;
      return m;
    }
  order = g_new (guint32, m);
  for (gsize k = 0; k < m; k++)
    order[k] = (guint32) k;
  g_qsort_with_data (order, (gint) m, sizeof (guint32), compare_abs_desc, (gpointer) g);
  n_top = LAB_GRADCHECK_ELEMENTS / 2;
  memcpy (picked, order, n_top * sizeof (guint32));
  /* The rest at random from the others, by a partial Fisher–Yates shuffle of order[n_top..m). */
  count = n_top;
  for (gsize k = n_top; count < LAB_GRADCHECK_ELEMENTS; k++)
    {
      gsize j = k + lab_rng_below (&c->rng, (guint32) MIN (m - k, G_MAXUINT32));
      guint32 t = order[j];

      order[j] = order[k];
      order[k] = t;
      picked[count++] = t;
    }
  return count;
}

/* The central difference of f in p[k] with step h; FALSE when the one-sided differences disagree
 * too much for it to be trusted (see the module comment on kinks). */
static gboolean
element_difference (Check  *c,
                    float  *p,
                    gsize   k,
                    double  h,
                    double *num,
                    double *noise)
{
  float saved = p[k];
  float up = (float) (saved + h);
  float down = (float) (saved - h);
  double fp, fm, left, right;

  p[k] = up;
  fp = evaluate (c, NULL);
  p[k] = down;
  fm = evaluate (c, NULL);
  p[k] = saved;

  left = (c->f0 - fm) / ((double) saved - down);
  right = (fp - c->f0) / ((double) up - saved);
  *num = (fp - fm) / ((double) up - down);
  /* num = (f₊ − f₋) / (up − down); left − right ≈ (2f₀ − f₊ − f₋) / ((up − down) / 2). */
  *noise = SIGMAS * G_SQRT2 * c->sigma_one / ((double) up - down);
  return fabs (left - right) <= TOL * MAX (fabs (left), fabs (right)) +
                                SIGMAS * 2 * G_SQRT2 * sqrt (3.0) * c->sigma_one / ((double) up - down);
}

static void
check_elements (Check             *c,
                LabGradcheckLayer *layer,
                const char        *tensor,
                float             *p,
                const float       *g,
                gsize              m)
{
  guint32 picked[LAB_GRADCHECK_ELEMENTS];
  gsize count = pick_elements (c, g, m, picked);

  for (gsize i = 0; i < count; i++)
    {
      guint32 k = picked[i];
      double num = 0.0, noise = 0.0, prev_num = 0.0, prev_noise = 0.0, err;
      gboolean accepted = FALSE, prev_smooth = FALSE;
      double h = ELEMENT_STEP, used = 0.0;

      /* As for directions: a tenfold smaller step must agree. */
      for (int j = 0; j < 3 && !accepted; j++, h /= 10)
        {
          gboolean smooth = element_difference (c, p, k, h, &num, &noise);

          if (smooth && prev_smooth &&
              fabs (num - prev_num) <= TOL / 2 * MAX (fabs (num), fabs (prev_num)) + noise + prev_noise)
            {
              accepted = TRUE;
              /* Kinks bias the smaller step's estimate least (tenfold less when they are dense,
               * as with many samples); what the comparison cannot rule out is the round-off of
               * both, which is granted. */
              noise += prev_noise;
              used = h;
            }
          prev_smooth = smooth;
          prev_num = num;
          prev_noise = noise;
        }
      if (!accepted)
        {
          g_debug ("%s.%s[%u]: on a kink", layer->name, tensor, k);
          layer->n_skipped++;
          continue;
        }
      layer->n_checked++;
      /* err ≤ TOL ⇔ |num − g| ≤ TOL·max(|num|, |g|) + the round-off of num */
      err = fabs (num - g[k]) / (MAX (fabs (num), fabs (g[k])) + noise / TOL);
      g_debug ("%s.%s[%u]: analytical %.7g, numerical %.7g (step %.0e), error %.2e",
               layer->name, tensor, k, g[k], num, used, err);
      if (err > layer->element_error || layer->worst_element == NULL)
        {
          layer->element_error = err;
          g_free (layer->worst_element);
          layer->worst_element = g_strdup_printf ("%s[%u]", tensor, k);
          layer->analytic = g[k];
          layer->numeric = num;
        }
    }
}

static void
check_step (Check             *c,
            LabStep           *step,
            LabGradcheckLayer *layer)
{
  LabNetwork *net = c->net;
  float *p = net->params + step->param_offset;
  const float *g = c->g + step->param_offset;

  layer->name = g_strdup (step->name);
  layer->type_name = g_strdup (step->type->name);
  layer->n_params = step->param_size;
  layer->grad_norm = norm2 (g, step->param_size);
  c->sigma = measure_noise (c, p, g, step->param_size, FALSE);
  c->sigma_one = measure_noise (c, p, g, step->param_size, TRUE);
  layer->noise = c->sigma;
  layer->directional_error = check_directions (c, p, g, step->param_size,
                                                &layer->n_directions);
  for (guint d = 0; d < step->n_params; d++)
    {
      gsize size = lab_shape_size (&step->params[d].shape);

      check_elements (c, layer, step->params[d].name, p, g, size);
      p += size;
      g += size;
    }
  layer->passed = layer->directional_error <= TOL && layer->element_error <= TOL;
}

gboolean
lab_network_gradcheck (LabNetwork          *net,
                       const LabLoss       *loss,
                       const float         *x,
                       const float         *y,
                       guint                y_dim,
                       guint                n,
                       guint64              seed,
                       LabGradcheckReport  *report,
                       GError             **error)
{
  Check c = { 0 };
  g_autofree float *grads_saved = NULL;
  g_autofree float *dpred = NULL;
  g_autoptr(GArray) layers = NULL;

  g_return_val_if_fail (net != NULL && loss != NULL && x != NULL && y != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  report->tolerance = TOL;
  if (n == 0 || n > net->max_batch)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                   _("A gradient check needs between 1 and %u samples, not %u"),
                   net->max_batch, n);
      return FALSE;
    }

  c.net = net;
  c.loss = loss;
  c.x = x;
  c.y = y;
  c.y_dim = y_dim;
  c.n = n;
  c.net_rng = net->rng;
  c.state = g_memdup2 (net->state, MAX (net->n_state, 1) * sizeof (float));
  c.g = g_new0 (float, MAX (net->n_trainable, 1));
  grads_saved = g_memdup2 (net->grads, MAX (net->n_params, 1) * sizeof (float));
  dpred = g_new (float, (gsize) n * net->out_size);
  lab_rng_init (&c.rng, seed);

  c.f0 = evaluate (&c, dpred);
  report->loss = c.f0;
  if (!isfinite (c.f0))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DIVERGED,
                   _("The loss of the network is %g before any change, so its gradients cannot "
                     "be checked; check the weights and the data for extreme values"), c.f0);
      goto out;
    }
  /* evaluate() ran the forward pass in training mode with the dropout stream the backward pass
   * must see, and restored the running statistics after it, which backward does not read. */
  lab_network_zero_grad (net);
  lab_network_backward (net, dpred, n);
  memcpy (c.g, net->grads, net->n_trainable * sizeof (float));

  layers = g_array_new (FALSE, TRUE, sizeof (LabGradcheckLayer));
  report->passed = TRUE;
  for (guint i = 0; i < net->n_steps; i++)
    {
      LabStep *step = &net->steps[i];
      LabGradcheckLayer layer = { 0 };

      if (step->frozen || step->param_size == 0)
        continue;
      check_step (&c, step, &layer);
      report->passed &= layer.passed;
      g_array_append_val (layers, layer);
    }
  report->n_layers = layers->len;
  report->layers = (LabGradcheckLayer *) (gpointer) g_array_free (g_steal_pointer (&layers), FALSE);

out:
  /* Leave the network as it was found. */
  net->rng = c.net_rng;
  memcpy (net->grads, grads_saved, net->n_params * sizeof (float));
  g_free (c.state);
  g_free (c.g);
  return isfinite (c.f0);
}

void
lab_gradcheck_report_clear (LabGradcheckReport *report)
{
  if (report == NULL)
    return;
  for (guint i = 0; i < report->n_layers; i++)
    {
      g_free (report->layers[i].name);
      g_free (report->layers[i].type_name);
      g_free (report->layers[i].worst_element);
    }
  g_free (report->layers);
  memset (report, 0, sizeof *report);
}

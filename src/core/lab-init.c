/* lab-init.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Glorot (Glorot & Bengio 2010) keeps the variance of activations and gradients about constant
 * through tanh/sigmoid layers with Var(w) = 2 / (fan_in + fan_out); He (He et al. 2015) doubles
 * the fan-in variance, 2 / fan_in, because ReLU zeroes half of its inputs. A uniform U(−a, a) has
 * variance a²/3, hence the √6 limits. The normal variants are not truncated, as torch's
 * xavier_normal_ and kaiming_normal_.
 *
 * PyTorch's own default for nn.Linear and nn.Conv2d (reset_parameters in torch 1.13) is
 * kaiming_uniform_(a = √5) for the weights: gain √(2 / (1 + a²)) = √(1/3), limit
 * gain·√(3 / fan_in) = 1/√fan_in, so variance 1 / (3·fan_in), a third of LeCun's and a sixth of
 * He's; and U(±1/√fan_in) for the biases, which every other initializer here leaves at zero.
 * It is offered under its own name so that a run can be compared with a PyTorch script that
 * keeps the defaults. (It is not "LeCun uniform", whose limit is √(3 / fan_in).)
 */
#define G_LOG_DOMAIN "lab-init"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lab-init.h"

static const struct
{
  const char *name;
  const char *label;
  const char *blurb;
} init_info[LAB_INIT_N_KINDS] = {
  [LAB_INIT_ZEROS] = {
    "zeros", N_("Zeros"),
    N_("Every weight starts at 0. Fine for biases, but for weights all units of a layer stay "
       "identical (they get the same gradient), so the layer cannot learn."),
  },
  [LAB_INIT_CONSTANT] = {
    "constant", N_("Constant"),
    N_("Every weight starts at the same value. Like zeros, this makes all units of a layer "
       "identical, so they cannot learn different features; meant for biases and scales."),
  },
  [LAB_INIT_UNIFORM] = {
    "uniform", N_("Random uniform"),
    N_("Small random weights drawn evenly between −limit and +limit. Breaks the symmetry "
       "between units; the limit has to be tuned by hand (e.g. 0.05)."),
  },
  [LAB_INIT_NORMAL] = {
    "normal", N_("Random normal"),
    N_("Small random weights from a bell curve around 0 with the given standard deviation "
       "(e.g. 0.01). Too large explodes the activations, too small makes them vanish."),
  },
  [LAB_INIT_GLOROT_UNIFORM] = {
    "glorot-uniform", N_("Glorot (Xavier) uniform"),
    N_("Random uniform weights scaled by the number of inputs and outputs, so the signal keeps "
       "its size through the layer. Suits tanh and sigmoid."),
  },
  [LAB_INIT_GLOROT_NORMAL] = {
    "glorot-normal", N_("Glorot (Xavier) normal"),
    N_("Random normal weights with variance 2 / (inputs + outputs), so the signal keeps its "
       "size through the layer. Suits tanh and sigmoid."),
  },
  [LAB_INIT_HE_UNIFORM] = {
    "he-uniform", N_("He uniform"),
    N_("Random uniform weights scaled by the number of inputs, twice the Glorot variance to "
       "make up for the half of the inputs that ReLU silences. Suits ReLU and its variants."),
  },
  [LAB_INIT_HE_NORMAL] = {
    "he-normal", N_("He normal"),
    N_("Random normal weights with variance 2 / inputs, making up for the half of the inputs "
       "that ReLU silences. The usual choice for ReLU networks."),
  },
  [LAB_INIT_TORCH_DEFAULT] = {
    "pytorch-default", N_("PyTorch default"),
    N_("What PyTorch's Linear and Conv2d layers start with: weights and biases drawn evenly "
       "between ±1/√inputs. Smaller than He, so the signal shrinks through ReLU layers; choose "
       "it to reproduce a PyTorch run that keeps the defaults."),
  },
};

static void
fill_uniform (float  *w,
              gsize   n,
              double  limit,
              LabRng *rng)
{
  float a = (float) limit;

  for (gsize i = 0; i < n; i++)
    w[i] = a * (2.0f * lab_rng_uniform (rng) - 1.0f);
}

static void
fill_normal (float  *w,
             gsize   n,
             double  std,
             LabRng *rng)
{
  float s = (float) std;

  for (gsize i = 0; i < n; i++)
    w[i] = s * lab_rng_normal (rng);
}

void
lab_init_fill (const LabInit *init,
               float         *w,
               gsize          n,
               guint          fan_in,
               guint          fan_out,
               LabRng        *rng)
{
  double fan_sum = (double) fan_in + fan_out;

  g_return_if_fail (init != NULL);
  g_return_if_fail (init->kind < LAB_INIT_N_KINDS);
  g_return_if_fail (w != NULL || n == 0);

  switch (init->kind)
    {
    case LAB_INIT_ZEROS:
      memset (w, 0, n * sizeof (float));
      break;

    case LAB_INIT_CONSTANT:
      for (gsize i = 0; i < n; i++)
        w[i] = init->value;
      break;

    case LAB_INIT_UNIFORM:
      g_return_if_fail (rng != NULL);
      fill_uniform (w, n, init->value, rng);
      break;

    case LAB_INIT_NORMAL:
      g_return_if_fail (rng != NULL);
      fill_normal (w, n, init->value, rng);
      break;

    case LAB_INIT_GLOROT_UNIFORM:
      g_return_if_fail (rng != NULL && fan_sum > 0);
      fill_uniform (w, n, sqrt (6.0 / fan_sum), rng);
      break;

    case LAB_INIT_GLOROT_NORMAL:
      g_return_if_fail (rng != NULL && fan_sum > 0);
      fill_normal (w, n, sqrt (2.0 / fan_sum), rng);
      break;

    case LAB_INIT_HE_UNIFORM:
      g_return_if_fail (rng != NULL && fan_in > 0);
      fill_uniform (w, n, sqrt (6.0 / fan_in), rng);
      break;

    case LAB_INIT_HE_NORMAL:
      g_return_if_fail (rng != NULL && fan_in > 0);
      fill_normal (w, n, sqrt (2.0 / fan_in), rng);
      break;

    case LAB_INIT_TORCH_DEFAULT:
      g_return_if_fail (rng != NULL && fan_in > 0);
      fill_uniform (w, n, 1.0 / sqrt ((double) fan_in), rng);
      break;

    case LAB_INIT_N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

void
lab_init_fill_bias (const LabInit *init,
                    float         *b,
                    gsize          n,
                    guint          fan_in,
                    LabRng        *rng)
{
  g_return_if_fail (init != NULL);
  g_return_if_fail (init->kind < LAB_INIT_N_KINDS);
  g_return_if_fail (b != NULL || n == 0);

  if (init->kind == LAB_INIT_TORCH_DEFAULT && fan_in > 0)
    {
      g_return_if_fail (rng != NULL);
      fill_uniform (b, n, 1.0 / sqrt ((double) fan_in), rng);
    }
  else
    memset (b, 0, n * sizeof (float));
}

const char *
lab_init_kind_to_string (LabInitKind kind)
{
  g_return_val_if_fail (kind < LAB_INIT_N_KINDS, NULL);
  return init_info[kind].name;
}

gboolean
lab_init_kind_from_string (const char  *text,
                           LabInitKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < LAB_INIT_N_KINDS; i++)
    if (g_strcmp0 (text, init_info[i].name) == 0)
      {
        *kind = (LabInitKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
lab_init_kind_label (LabInitKind kind)
{
  g_return_val_if_fail (kind < LAB_INIT_N_KINDS, NULL);
  return _(init_info[kind].label);
}

const char *
lab_init_kind_blurb (LabInitKind kind)
{
  g_return_val_if_fail (kind < LAB_INIT_N_KINDS, NULL);
  return _(init_info[kind].blurb);
}

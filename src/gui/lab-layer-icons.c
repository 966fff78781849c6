/* lab-layer-icons.c: the pictures and words that stand for each layer type: its symbolic icon,
 * the palette's activation presets and the palette's tooltips
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The icons live in resources/icons/scalable/actions; GtkApplication adds the resource base
 * path's icons/ folder to the icon theme, so plain names are enough.
 */
#define G_LOG_DOMAIN "lab-layer-icons"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lab-layer-icons.h"
#include "lab-palette-private.h"

typedef struct
{
  const char *key;
  const char *icon;
} IconEntry;

static const IconEntry layer_icons[] = {
  { "Input", "lab-layer-input-symbolic" },
  { "Dense", "lab-layer-dense-symbolic" },
  { "Conv2D", "lab-layer-conv2d-symbolic" },
  { "MaxPool2D", "lab-layer-maxpool2d-symbolic" },
  { "AvgPool2D", "lab-layer-avgpool2d-symbolic" },
  { "GlobalAvgPool2D", "lab-layer-global-avgpool2d-symbolic" },
  { "Flatten", "lab-layer-flatten-symbolic" },
  { "Reshape", "lab-layer-reshape-symbolic" },
  { "Dropout", "lab-layer-dropout-symbolic" },
  { "BatchNorm", "lab-layer-batchnorm-symbolic" },
  { "LayerNorm", "lab-layer-layernorm-symbolic" },
  { "Add", "lab-layer-add-symbolic" },
  { "Concatenate", "lab-layer-concatenate-symbolic" },
};

/* Keys as the Activation layer stores them (lab_activation_kind_to_string). */
static const IconEntry activation_icons[] = {
  { "linear", "lab-activation-linear-symbolic" },
  { "sigmoid", "lab-activation-sigmoid-symbolic" },
  { "tanh", "lab-activation-tanh-symbolic" },
  { "relu", "lab-activation-relu-symbolic" },
  { "leaky_relu", "lab-activation-leaky-relu-symbolic" },
  { "prelu", "lab-activation-prelu-symbolic" },
  { "elu", "lab-activation-elu-symbolic" },
  { "swish", "lab-activation-swish-symbolic" },
  { "softplus", "lab-activation-softplus-symbolic" },
  { "softmax", "lab-activation-softmax-symbolic" },
};

static const char *
lookup (const IconEntry *entries,
        gsize            n,
        const char      *key)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (entries[i].key, key) == 0)
      return entries[i].icon;
  return NULL;
}

const char *
lab_layer_icon_name (const LabLayerType *type,
                     const char         *function)
{
  const char *icon;

  g_return_val_if_fail (type != NULL, NULL);

  if (strcmp (type->name, "Activation") == 0)
    {
      /* An Activation node without a known function still gets a curve: ReLU is the default. */
      icon = function != NULL ? lookup (activation_icons, G_N_ELEMENTS (activation_icons), function) : NULL;
      return icon != NULL ? icon : "lab-activation-relu-symbolic";
    }

  icon = lookup (layer_icons, G_N_ELEMENTS (layer_icons), type->name);
  /* A type added to the registry without an icon yet: a neutral pictogram rather than none. */
  return icon != NULL ? icon : "lab-layer-dense-symbolic";
}

static const LabActivationPreset presets[] = {
  { "relu", N_("ReLU"),
    N_("Keeps positive values and zeroes negative ones; the usual choice between hidden layers"),
    N_("max(0, x). Cheap and trains well in deep networks, so it is the first thing to try in "
       "hidden layers. Units whose inputs stay negative stop learning (“dying ReLU”): try Leaky "
       "ReLU then.") },
  { "leaky_relu", N_("Leaky ReLU"),
    N_("Like ReLU, but lets a small slope through for negative values"),
    N_("x for positive inputs and 0.01·x for negative ones (the slope is a setting, typically "
       "0.01 to 0.3), so no unit stops learning completely.") },
  { "prelu", N_("PReLU"),
    N_("Leaky ReLU whose negative slope is learned with the weights"),
    N_("Parametric ReLU: like Leaky ReLU, but the slope for negative inputs is a trainable "
       "parameter of the layer, starting at 0.25.") },
  { "elu", N_("ELU"),
    N_("Smooth for negative values, which level off at −α instead of 0"),
    N_("x for positive inputs and α·(eˣ − 1) for negative ones. Its outputs average closer to "
       "zero than ReLU's, which can speed up learning, at a slightly higher cost.") },
  { "swish", N_("Swish (SiLU)"),
    N_("x·sigmoid(x): a smooth ReLU-like curve used in modern networks"),
    N_("x·σ(x), also called SiLU. Smooth and dips slightly below zero; often a little better "
       "than ReLU in deep networks.") },
  { "softplus", N_("Softplus"),
    N_("A smooth version of ReLU whose output is always positive"),
    N_("log(1 + eˣ). Smooth everywhere and always above zero: useful where an output must be "
       "positive, such as a rate or a standard deviation.") },
  { "sigmoid", N_("Sigmoid"),
    N_("Squashes values into 0…1; for yes/no and multi-label outputs"),
    N_("1 / (1 + e⁻ˣ). Use it on the output for binary or multi-label classification; with the "
       "binary cross-entropy loss it is computed on the logits for stability. Its gradient "
       "vanishes for large inputs, so avoid it in deep hidden layers.") },
  { "tanh", N_("Tanh"),
    N_("Squashes values into −1…1, centred on zero"),
    N_("The hyperbolic tangent. Zero-centred, so it usually trains better than sigmoid inside "
       "small networks, but it also saturates for large inputs.") },
  { "softmax", N_("Softmax"),
    N_("Turns the last layer’s scores into class probabilities that sum to 1"),
    N_("eˣⁱ / Σⱼ eˣʲ over the channel axis. Put it last in a multi-class classifier; with the "
       "cross-entropy loss it is computed together with the loss on the logits, which is "
       "numerically stable.") },
  { "linear", N_("Linear"),
    N_("Passes values through unchanged: no activation"),
    N_("f(x) = x. Use it on the output of a regression network, whose predictions can be any "
       "number. Stacked layers without a non-linearity in between act like a single layer.") },
};

const LabActivationPreset *
lab_activation_presets (guint *n_presets)
{
  g_return_val_if_fail (n_presets != NULL, NULL);

  *n_presets = G_N_ELEMENTS (presets);
  return presets;
}

static const IconEntry type_tooltips[] = {
  { "Input", N_("Set its shape to one sample of the data: 784 for flat 28×28 pixels, 1×28×28 "
                "for images that go to convolutions. Every network has exactly one.") },
  { "Dense", N_("The building block of multilayer perceptrons and classifier heads. It needs a "
                "flat input: put a Flatten after convolutions. Parameters: inputs × units + units.") },
  { "Conv2D", N_("Learns local patterns such as edges and textures with few weights, shared "
                 "over the whole image. Typical: 3×3 kernels, 32 to 64 filters, “same” padding.") },
  { "MaxPool2D", N_("A 2×2 window with stride 2 halves the width and height, making later layers "
                    "cheaper and features tolerant of small shifts. It has no weights.") },
  { "AvgPool2D", N_("Like max pooling, but averages each window, keeping more of the overall "
                    "response. It has no weights.") },
  { "GlobalAvgPool2D", N_("Turns C×H×W feature maps into C values, one per map. It ends many "
                          "modern CNNs, with far fewer parameters than Flatten and Dense.") },
  { "Flatten", N_("Turns C×H×W values into one vector of C·H·W without changing them; needed "
                  "between convolutional layers and Dense layers.") },
  { "Reshape", N_("Gives the values a new shape with the same total size, for example 784 → "
                  "1×28×28 to feed flat data to convolutions.") },
  { "Dropout", N_("Each training step zeroes a random fraction of the values (0.2 to 0.5 is "
                  "typical) and scales the rest up, so the network cannot rely on any single "
                  "unit. It is off when evaluating.") },
  { "BatchNorm", N_("Standardizes each channel with the batch’s statistics while training and "
                    "with running averages when evaluating. Usually placed between a Conv2D or "
                    "Dense layer and its activation.") },
  { "LayerNorm", N_("Standardizes each sample over its own features, so it does not depend on "
                    "the batch: common in Transformers and with small batches.") },
  { "Add", N_("Adds inputs of the same shape value by value. A residual (skip) connection lets "
              "the gradient flow past layers and helps deep networks train.") },
  { "Concatenate", N_("Stacks its inputs along the channel axis: feature maps need the same "
                      "height and width, flat vectors may differ in length. Used to join "
                      "parallel branches.") },
};

const char *
lab_layer_type_tooltip (const LabLayerType *type)
{
  const char *text;

  g_return_val_if_fail (type != NULL, NULL);

  text = lookup (type_tooltips, G_N_ELEMENTS (type_tooltips), type->name);
  return text != NULL ? _(text) : _(type->blurb);
}

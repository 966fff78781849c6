/* lab-templates.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each template is a table of nodes: a name, a type, a place on a grid of columns (left to right,
 * in the order data flows) and rows (branches), settings as "key=value" words and inputs as
 * names, in the order the layer sees them.
 */
#define G_LOG_DOMAIN "lab-templates"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lab-error.h"
#include "lab-templates.h"

/* Canvas units between columns and rows; the first node sits at (ORIGIN_X, ORIGIN_Y). The same
 * grid as the example projects. */
#define COLUMN_WIDTH 200.0
#define ROW_HEIGHT   120.0
#define ORIGIN_X     40.0
#define ORIGIN_Y     120.0

typedef struct
{
  const char *name;
  const char *type;
  double      col;
  double      row;
  const char *params;   /* "filters=6 kernel_size=5", or NULL */
  const char *inputs;   /* "a b", or NULL */
} NodeSpec;

static const LabTemplate templates[] = {
  { "logistic-regression", N_("Logistic regression"),
    N_("One Dense unit and a sigmoid: a straight boundary between two classes of 2-D points"),
    N_("Basics") },
  { "mlp", N_("Multilayer perceptron"),
    N_("Two hidden layers of 64 ReLU units that bend the boundary around two spirals"),
    N_("Basics") },
  { "lenet5", N_("LeNet-5"),
    N_("LeCun’s 1998 network: two convolutions with tanh and average pooling, then three dense "
       "layers"),
    N_("Convolutional") },
  { "vgg-small", N_("Small VGG-style network"),
    N_("Two blocks of two 3×3 convolutions and a max-pool, then a dense layer with dropout"),
    N_("Convolutional") },
  { "residual", N_("Residual block"),
    N_("Two convolutions with batch normalization whose output is added to their input, as in "
       "ResNet"),
    N_("Branching") },
  { "inception", N_("Inception block"),
    N_("Parallel 1×1, 3×3 and 5×5 convolutions and a pooling branch, concatenated, as in "
       "GoogLeNet"),
    N_("Branching") },
  { "autoencoder", N_("Dense autoencoder"),
    N_("Squeezes 784 pixels through 32 numbers and back, to reproduce its input"),
    N_("Unsupervised") },
  { NULL, NULL, NULL, NULL },
};

/* Input 2 → Dense 1 → sigmoid: the sigmoid is fused into binary cross-entropy when training. */
static const NodeSpec logistic_regression[] = {
  { "in", "Input", 0, 0, "shape=2", NULL },
  { "linear", "Dense", 1, 0, "units=1", "in" },
  { "sigmoid", "Activation", 2, 0, "function=sigmoid", "linear" },
  { NULL },
};

/* 2·64+64 + 64·64+64 + 64·2+2 = 4,482 parameters. */
static const NodeSpec mlp[] = {
  { "in", "Input", 0, 0, "shape=2", NULL },
  { "fc1", "Dense", 1, 0, "units=64", "in" },
  { "relu1", "Activation", 2, 0, "function=relu", "fc1" },
  { "fc2", "Dense", 3, 0, "units=64", "relu1" },
  { "relu2", "Activation", 4, 0, "function=relu", "fc2" },
  { "out", "Dense", 5, 0, "units=2", "relu2" },
  { NULL },
};

/* LeCun et al. 1998 on 28×28 inputs: the first convolution pads ("same") where the original had
 * 32×32 inputs, so the second still sees 14×14 and gives 16×10×10. 61,706 parameters. */
static const NodeSpec lenet5[] = {
  { "in", "Input", 0, 0, "shape=1x28x28", NULL },
  { "conv1", "Conv2D", 1, 0, "filters=6 kernel_size=5 padding=same", "in" },
  { "tanh1", "Activation", 2, 0, "function=tanh", "conv1" },
  { "pool1", "AvgPool2D", 3, 0, "pool_size=2 stride=2", "tanh1" },
  { "conv2", "Conv2D", 4, 0, "filters=16 kernel_size=5 padding=valid", "pool1" },
  { "tanh2", "Activation", 5, 0, "function=tanh", "conv2" },
  { "pool2", "AvgPool2D", 6, 0, "pool_size=2 stride=2", "tanh2" },
  { "flatten", "Flatten", 7, 0, NULL, "pool2" },
  { "fc1", "Dense", 8, 0, "units=120", "flatten" },
  { "tanh3", "Activation", 9, 0, "function=tanh", "fc1" },
  { "fc2", "Dense", 10, 0, "units=84", "tanh3" },
  { "tanh4", "Activation", 11, 0, "function=tanh", "fc2" },
  { "out", "Dense", 12, 0, "units=10", "tanh4" },
  { NULL },
};

/* Simonyan and Zisserman's pattern, scaled down: 467,818 parameters, most in fc1 (3136·128). */
static const NodeSpec vgg_small[] = {
  { "in", "Input", 0, 0, "shape=1x28x28", NULL },
  { "conv1_1", "Conv2D", 1, 0, "filters=32 kernel_size=3 padding=same", "in" },
  { "relu1_1", "Activation", 2, 0, "function=relu", "conv1_1" },
  { "conv1_2", "Conv2D", 3, 0, "filters=32 kernel_size=3 padding=same", "relu1_1" },
  { "relu1_2", "Activation", 4, 0, "function=relu", "conv1_2" },
  { "pool1", "MaxPool2D", 5, 0, "pool_size=2 stride=2", "relu1_2" },
  { "conv2_1", "Conv2D", 6, 0, "filters=64 kernel_size=3 padding=same", "pool1" },
  { "relu2_1", "Activation", 7, 0, "function=relu", "conv2_1" },
  { "conv2_2", "Conv2D", 8, 0, "filters=64 kernel_size=3 padding=same", "relu2_1" },
  { "relu2_2", "Activation", 9, 0, "function=relu", "conv2_2" },
  { "pool2", "MaxPool2D", 10, 0, "pool_size=2 stride=2", "relu2_2" },
  { "flatten", "Flatten", 11, 0, NULL, "pool2" },
  { "fc1", "Dense", 12, 0, "units=128", "flatten" },
  { "relu3", "Activation", 13, 0, "function=relu", "fc1" },
  { "dropout", "Dropout", 14, 0, "rate=0.5", "relu3" },
  { "out", "Dense", 15, 0, "units=10", "dropout" },
  { NULL },
};

/* He et al. 2016's basic block. The block's convolutions have no bias: the batch normalization
 * after each subtracts the mean anyway. The skip runs along row 0, the block below it. */
static const NodeSpec residual[] = {
  { "in", "Input", 0, 0, "shape=1x28x28", NULL },
  { "conv1", "Conv2D", 1, 0, "filters=16 kernel_size=3 padding=same", "in" },
  { "relu1", "Activation", 2, 0, "function=relu", "conv1" },
  { "block_conv1", "Conv2D", 3, 1, "filters=16 kernel_size=3 padding=same bias=false", "relu1" },
  { "block_bn1", "BatchNorm", 4, 1, NULL, "block_conv1" },
  { "block_relu", "Activation", 5, 1, "function=relu", "block_bn1" },
  { "block_conv2", "Conv2D", 6, 1, "filters=16 kernel_size=3 padding=same bias=false", "block_relu" },
  { "block_bn2", "BatchNorm", 7, 1, NULL, "block_conv2" },
  { "add", "Add", 8, 0, NULL, "block_bn2 relu1" },
  { "relu2", "Activation", 9, 0, "function=relu", "add" },
  { "gap", "GlobalAvgPool2D", 10, 0, NULL, "relu2" },
  { "out", "Dense", 11, 0, "units=10", "gap" },
  { NULL },
};

/* Szegedy et al. 2015's block with 8 channels per branch: 4 branches give 32 channels. */
static const NodeSpec inception[] = {
  { "in", "Input", 0, 1.5, "shape=1x28x28", NULL },
  { "stem", "Conv2D", 1, 1.5, "filters=16 kernel_size=3 padding=same", "in" },
  { "stem_relu", "Activation", 2, 1.5, "function=relu", "stem" },
  { "b1_1x1", "Conv2D", 4, 0, "filters=8 kernel_size=1", "stem_relu" },
  { "b2_reduce", "Conv2D", 3, 1, "filters=8 kernel_size=1", "stem_relu" },
  { "b2_3x3", "Conv2D", 4, 1, "filters=8 kernel_size=3 padding=same", "b2_reduce" },
  { "b3_reduce", "Conv2D", 3, 2, "filters=8 kernel_size=1", "stem_relu" },
  { "b3_5x5", "Conv2D", 4, 2, "filters=8 kernel_size=5 padding=same", "b3_reduce" },
  { "b4_pool", "MaxPool2D", 3, 3, "pool_size=3 stride=1 padding=same", "stem_relu" },
  { "b4_1x1", "Conv2D", 4, 3, "filters=8 kernel_size=1", "b4_pool" },
  { "concat", "Concatenate", 5, 1.5, NULL, "b1_1x1 b2_3x3 b3_5x5 b4_1x1" },
  { "relu", "Activation", 6, 1.5, "function=relu", "concat" },
  { "gap", "GlobalAvgPool2D", 7, 1.5, NULL, "relu" },
  { "out", "Dense", 8, 1.5, "units=10", "gap" },
  { NULL },
};

/* 784 → 128 → 32 → 128 → 784; the sigmoid keeps outputs in [0, 1] like min-max scaled pixels. */
static const NodeSpec autoencoder[] = {
  { "in", "Input", 0, 0, "shape=784", NULL },
  { "enc1", "Dense", 1, 0, "units=128", "in" },
  { "enc_relu", "Activation", 2, 0, "function=relu", "enc1" },
  { "code", "Dense", 3, 0, "units=32", "enc_relu" },
  { "code_relu", "Activation", 4, 0, "function=relu", "code" },
  { "dec1", "Dense", 5, 0, "units=128", "code_relu" },
  { "dec_relu", "Activation", 6, 0, "function=relu", "dec1" },
  { "dec2", "Dense", 7, 0, "units=784", "dec_relu" },
  { "out", "Activation", 8, 0, "function=sigmoid", "dec2" },
  { NULL },
};

static const NodeSpec * const specs[] = {
  logistic_regression, mlp, lenet5, vgg_small, residual, inception, autoencoder,
};

G_STATIC_ASSERT (G_N_ELEMENTS (specs) == G_N_ELEMENTS (templates) - 1);

const LabTemplate *
lab_templates_list (void)
{
  return templates;
}

static int
find_index (const char *name)
{
  for (guint i = 0; templates[i].name != NULL; i++)
    if (g_strcmp0 (templates[i].name, name) == 0)
      return (int) i;
  return -1;
}

const LabTemplate *
lab_template_find (const char *name)
{
  int i = find_index (name);

  return i < 0 ? NULL : &templates[i];
}

static gboolean
build_node (LabGraph        *graph,
            const NodeSpec  *spec,
            GError         **error)
{
  g_auto(GStrv) params = g_strsplit (spec->params ? spec->params : "", " ", -1);
  g_auto(GStrv) inputs = g_strsplit (spec->inputs ? spec->inputs : "", " ", -1);
  guint id;

  id = lab_graph_add_node (graph, spec->type, spec->name, ORIGIN_X + spec->col * COLUMN_WIDTH,
                           ORIGIN_Y + spec->row * ROW_HEIGHT, error);
  if (id == 0)
    return FALSE;
  for (guint k = 0; params[k] != NULL; k++)
    {
      g_auto(GStrv) kv = g_strsplit (params[k], "=", 2);

      if (*params[k] == '\0')
        continue;
      g_assert (kv[0] != NULL && kv[1] != NULL);
      if (!lab_graph_set_hparam_text (graph, id, kv[0], kv[1], error))
        return FALSE;
    }
  for (guint k = 0; inputs[k] != NULL; k++)
    {
      LabNode *src = lab_graph_find_node (graph, inputs[k]);

      if (*inputs[k] == '\0')
        continue;
      /* The tables list inputs before the nodes that read them. */
      g_assert (src != NULL);
      if (!lab_graph_connect (graph, src->id, id, error))
        return FALSE;
    }
  return TRUE;
}

LabGraph *
lab_template_build (const char  *name,
                    GError     **error)
{
  g_autoptr(LabGraph) graph = NULL;
  int index;

  g_return_val_if_fail (name != NULL, NULL);

  index = find_index (name);
  if (index < 0)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (guint i = 0; templates[i].name != NULL; i++)
        g_ptr_array_add (names, (gpointer) templates[i].name);
      g_ptr_array_add (names, NULL);
      list = g_strjoinv (", ", (char **) names->pdata);
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                   _("There is no template called “%s”; the templates are %s"), name, list);
      return NULL;
    }

  graph = lab_graph_new ();
  for (const NodeSpec *spec = specs[index]; spec->name != NULL; spec++)
    if (!build_node (graph, spec, error))
      {
        g_prefix_error (error, _("Building the template “%s”: "), name);
        return NULL;
      }
  return g_steal_pointer (&graph);
}

static void
fashion_mnist (LabTrainSettings *settings,
               LabDataRef       *data,
               guint             epochs)
{
  data->kind = LAB_DATA_FASHION_MNIST;
  settings->batch_size = 64;
  settings->epochs = epochs;
  /* 6,000 validation images are plenty; the test set is Fashion-MNIST's own. */
  settings->val_fraction = 0.1;
}

void
lab_template_settings (const char       *name,
                       LabTrainSettings *settings,
                       LabDataRef       *data)
{
  int index;

  g_return_if_fail (settings != NULL && data != NULL);

  lab_train_settings_defaults (settings);
  lab_data_ref_init (data);
  index = find_index (name);
  g_return_if_fail (index >= 0);

  switch (index)
    {
    case 0:   /* logistic-regression: two Gaussian blobs, which a line separates */
      settings->loss = LAB_LOSS_BCE_LOGITS;
      settings->optimizer.lr = 0.01f;
      settings->epochs = 30;
      data->synthetic = LAB_SYNTHETIC_BLOBS;
      data->n_classes = 2;
      break;

    case 1:   /* mlp: as the spiral example, which reaches about 99 % */
      settings->optimizer.lr = 0.01f;
      lab_schedule_config_defaults (&settings->schedule, LAB_SCHEDULE_COSINE);
      settings->epochs = 60;
      data->synthetic = LAB_SYNTHETIC_SPIRALS;
      data->n_samples = 1500;
      break;

    case 2:   /* lenet5: tanh units start best with Glorot's initialization */
      fashion_mnist (settings, data, 5);
      settings->init.kind = LAB_INIT_GLOROT_UNIFORM;
      break;

    case 3:   /* vgg-small */
    case 4:   /* residual */
    case 5:   /* inception */
      fashion_mnist (settings, data, 5);
      break;

    case 6:   /* autoencoder: pixels in [0, 1] to match the sigmoid output */
      fashion_mnist (settings, data, 10);
      settings->loss = LAB_LOSS_MSE;
      settings->scaling = LAB_SCALING_MINMAX;
      settings->reconstruct = TRUE;
      settings->init.kind = LAB_INIT_GLOROT_UNIFORM;
      break;

    default:
      g_assert_not_reached ();
    }
}

/* lab-network.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-network"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-activation.h"
#include "lab-error.h"
#include "lab-network.h"

static void
step_clear (LabStep *step)
{
  g_free (step->name);
  g_free (step->hp);
  if (!step->shares_input)
    {
      lab_free (step->out);
      lab_free (step->dout);
    }
  lab_free (step->cache);
}

void
lab_network_free (LabNetwork *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_steps; i++)
    step_clear (&self->steps[i]);
  g_free (self->steps);
  lab_free (self->params);
  lab_free (self->grads);
  lab_free (self->state);
  lab_free (self->scratch);
  g_free (self);
}

static int
activation_function (const LabStep *step)
{
  int idx;

  if (step->type != &lab_layer_activation)
    return -1;
  idx = lab_hparams_find (step->type->hparams, step->type->n_hparams, "function");
  return idx < 0 ? -1 : (int) step->hp[idx].v;
}

static gboolean
check_output_suits_loss (LabNetwork  *self,
                         GError     **error)
{
  LabStep *last = &self->steps[self->output];
  int fn = activation_function (last);

  if (self->loss == LAB_LOSS_CROSS_ENTROPY && fn == LAB_ACT_SOFTMAX)
    self->fused_output = TRUE;
  else if (self->loss == LAB_LOSS_BCE_LOGITS && fn == LAB_ACT_SIGMOID)
    self->fused_output = TRUE;
  else if (self->loss == LAB_LOSS_CROSS_ENTROPY && fn == LAB_ACT_SIGMOID)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("The network ends in a sigmoid (“%s”) but the loss is categorical "
                     "cross-entropy, which applies a softmax itself: use binary cross-entropy, "
                     "or change “%s” to softmax"), last->name, last->name);
      return FALSE;
    }
  else if (self->loss == LAB_LOSS_BCE_LOGITS && fn == LAB_ACT_SOFTMAX)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH,
                   _("The network ends in a softmax (“%s”) but the loss is binary "
                     "cross-entropy, which applies a sigmoid itself: use categorical "
                     "cross-entropy, or change “%s” to sigmoid"), last->name, last->name);
      return FALSE;
    }
  return TRUE;
}

/* Lays out the arena: trainable tensors of every step first, then frozen ones, then state. */
static void
assign_offsets (LabNetwork *self)
{
  gsize offset = 0;

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->n_steps; i++)
      {
        LabStep *step = &self->steps[i];

        if (step->frozen != (pass == 1))
          continue;
        step->param_offset = offset;
        offset += step->param_size;
        if (pass == 0)
          self->n_trainable = offset;
      }
  self->n_params = offset;

  offset = 0;
  for (guint i = 0; i < self->n_steps; i++)
    {
      self->steps[i].state_offset = offset;
      offset += self->steps[i].state_size;
    }
  self->n_state = offset;
}

static gboolean
compile_step (LabNetwork  *self,
              LabGraph    *graph,
              LabNode     *node,
              GHashTable  *step_of,
              guint        index,
              GError     **error)
{
  LabStep *step = &self->steps[index];
  g_autofree char *what = NULL;
  gsize scratch = 0;

  step->name = g_strdup (node->name);
  step->node_id = node->id;
  step->type = node->type;
  step->hp = g_memdup2 (node->hp, sizeof (LabHValue) * MAX (node->type->n_hparams, 1));
  step->frozen = node->frozen;
  step->info.name = step->name;
  step->info.hp = step->hp;
  step->info.n_inputs = node->inputs->len;
  for (guint j = 0; j < node->inputs->len; j++)
    {
      gpointer found = g_hash_table_lookup (step_of, GUINT_TO_POINTER (g_array_index (node->inputs, guint, j)));
      LabStep *src;

      g_assert (found != NULL);
      step->inputs[j] = GPOINTER_TO_UINT (found) - 1;
      src = &self->steps[step->inputs[j]];
      step->info.in_shape[j] = src->info.out_shape;
      if (src->needs_grad)
        step->needs_grad = TRUE;
    }
  if (!step->type->infer_shape (&step->info, error))
    return FALSE;
  step->out_size = lab_shape_size (&step->info.out_shape);

  step->n_params = step->type->params ? step->type->params (&step->info, step->params) : 0;
  step->param_size = lab_param_descs_size (step->params, step->n_params);
  step->n_state = step->type->state ? step->type->state (&step->info, step->state) : 0;
  step->state_size = lab_param_descs_size (step->state, step->n_state);
  if (step->param_size > 0 && !step->frozen)
    step->needs_grad = TRUE;

  what = g_strdup_printf (_("The activations of “%s”"), step->name);
  if (!lab_check_alloc ((guint64) self->max_batch * step->out_size * 2 * sizeof (float), what, error))
    return FALSE;
  step->out = lab_try_alloc_floats (self->max_batch * step->out_size, what, error);
  if (step->out == NULL)
    return FALSE;
  step->dout = lab_try_alloc_floats (self->max_batch * step->out_size, what, error);
  if (step->dout == NULL)
    return FALSE;
  step->cache_floats = step->type->cache_floats ? step->type->cache_floats (&step->info, self->max_batch) : 0;
  if (step->cache_floats > 0)
    {
      step->cache = lab_try_alloc_floats (step->cache_floats, what, error);
      if (step->cache == NULL)
        return FALSE;
    }
  if (step->type->scratch_floats)
    scratch = step->type->scratch_floats (&step->info, self->max_batch);
  self->scratch_floats = MAX (self->scratch_floats, scratch);
  return TRUE;
}

/* Steps that consume step k, counting a step once per input slot it takes k in. */
static guint
count_consumers (LabNetwork *self,
                 guint       k)
{
  guint count = 0;

  for (guint i = k + 1; i < self->n_steps; i++)
    for (guint j = 0; j < self->steps[i].info.n_inputs; j++)
      if (self->steps[i].inputs[j] == k)
        count++;
  return count;
}

/* A view (Flatten, Reshape) whose input feeds nothing else takes over the input's buffers: its
 * forward would be a copy and its backward an addition of the same values. With a second
 * consumer the input's gradient buffer would also collect that consumer's share, so the view
 * keeps its own. */
static void
share_views (LabNetwork *self)
{
  for (guint i = 1; i < self->n_steps; i++)
    {
      LabStep *step = &self->steps[i];
      LabStep *src;

      if (!step->type->view || step->info.n_inputs != 1 || step->cache_floats > 0)
        continue;
      src = &self->steps[step->inputs[0]];
      if (count_consumers (self, step->inputs[0]) != 1 || src->out_size != step->out_size)
        continue;
      lab_free (step->out);
      lab_free (step->dout);
      step->out = src->out;
      step->dout = src->dout;
      step->shares_input = TRUE;
    }
}

/* The step whose buffers step k's are (itself unless it shares its input's). */
static guint
buffer_owner (LabNetwork *self,
              guint       k)
{
  while (self->steps[k].shares_input)
    k = self->steps[k].inputs[0];
  return k;
}

/* Backward runs the steps in reverse order, so the first to write a gradient buffer is the
 * last step that reads the buffer's values. When that step can overwrite (grad_assign) and
 * takes the buffer in one input slot only, the buffer need not be cleared before backward. */
static void
plan_gradient_writes (LabNetwork *self)
{
  guint out_owner = buffer_owner (self, self->output);

  for (guint b = 0; b < self->n_steps; b++)
    {
      LabStep *owner = &self->steps[b];
      int first = -1, slot = -1, slots = 0;

      owner->zero_dout = FALSE;
      if (!owner->needs_grad || owner->shares_input || b == out_owner)
        continue;   /* no gradient, someone else's buffer, or the loss gradient is copied in */
      for (guint i = self->n_steps; i-- > b + 1 && first < 0;)
        {
          LabStep *step = &self->steps[i];

          if (step->shares_input)
            continue;
          for (guint j = 0; j < step->info.n_inputs; j++)
            if (buffer_owner (self, step->inputs[j]) == b)
              {
                first = (int) i;
                slot = (int) j;
                slots++;
              }
        }
      if (first >= 0 && slots == 1 && self->steps[first].type->grad_assign)
        self->steps[first].dinp_assign[slot] = TRUE;
      else
        owner->zero_dout = TRUE;
    }
}

/* A ReLU read only by a max pool: in the pool's window the winner is the largest ReLU output, so
 * the ReLU passes the winner's gradient on exactly when the pool's output is > 0. The pool's
 * backward does both, writing the ReLU's input gradient directly, and the ReLU's own gradient
 * buffer is neither written nor read (a pass of writes and one of reads over the largest
 * activations of a CNN). Only when the ReLU's input feeds nothing else, so that no other step's
 * share of that gradient comes in between. Call after plan_gradient_writes (): the pool takes
 * over the ReLU's dinp_assign. */
static void
fold_relus (LabNetwork *self)
{
  for (guint i = 1; i < self->n_steps; i++)
    {
      LabStep *pool = &self->steps[i];
      LabStep *relu;
      guint r;

      if (!pool->type->fold_relu || pool->shares_input || !pool->needs_grad)
        continue;
      r = pool->inputs[0];
      relu = &self->steps[r];
      if (activation_function (relu) != LAB_ACT_RELU || r == self->output || relu->shares_input
          || !relu->needs_grad || relu->info.n_inputs != 1 || relu->param_size > 0
          || count_consumers (self, r) != 1 || count_consumers (self, relu->inputs[0]) != 1)
        continue;
      pool->relu_folded = TRUE;
      relu->backward_folded = TRUE;
    }
}

LabNetwork *
lab_network_new (LabGraph     *graph,
                 guint         max_batch,
                 LabLossKind   loss,
                 GError      **error)
{
  g_autoptr(LabNetwork) self = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GHashTable) step_of = NULL;

  g_return_val_if_fail (LAB_IS_GRAPH (graph), NULL);
  g_return_val_if_fail (max_batch > 0, NULL);

  if (!lab_graph_validate (graph, error))
    return NULL;
  order = lab_graph_topo_order (graph, error);
  if (order == NULL)
    return NULL;

  self = g_new0 (LabNetwork, 1);
  self->max_batch = max_batch;
  self->loss = loss;
  self->n_steps = order->len;
  self->steps = g_new0 (LabStep, order->len);
  step_of = g_hash_table_new (NULL, NULL);
  lab_rng_init (&self->rng, 1);

  for (guint i = 0; i < order->len; i++)
    {
      LabNode *node = lab_graph_get_node (graph, g_array_index (order, guint, i));

      if (!compile_step (self, graph, node, step_of, i, error))
        return NULL;
      g_hash_table_insert (step_of, GUINT_TO_POINTER (node->id), GUINT_TO_POINTER (i + 1));
    }

  /* Validation guarantees one Input, which has no inputs and so comes first, and one output. */
  g_assert (self->steps[0].type == &lab_layer_input);
  self->output = self->n_steps - 1;
  self->in_shape = self->steps[0].info.out_shape;
  self->in_size = self->steps[0].out_size;
  self->out_shape = self->steps[self->output].info.out_shape;
  self->out_size = self->steps[self->output].out_size;
  if (!check_output_suits_loss (self, error))
    return NULL;

  share_views (self);
  plan_gradient_writes (self);
  fold_relus (self);
  assign_offsets (self);
  self->params = lab_try_alloc_floats (self->n_params, _("The weights"), error);
  if (self->params == NULL)
    return NULL;
  self->grads = lab_try_alloc_floats (self->n_params, _("The gradients"), error);
  if (self->grads == NULL)
    return NULL;
  self->state = lab_try_alloc_floats (self->n_state, _("The running statistics"), error);
  if (self->state == NULL)
    return NULL;
  self->scratch = lab_try_alloc_floats (self->scratch_floats, _("The working memory"), error);
  if (self->scratch == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

static void
fill_tensors (const LabParamDesc *descs,
              guint               n,
              float              *data,
              const LabInit      *init,
              LabRng             *rng)
{
  for (guint d = 0; d < n; d++)
    {
      gsize size = lab_shape_size (&descs[d].shape);

      switch (descs[d].fill)
        {
        case LAB_FILL_WEIGHT:
          lab_init_fill (init, data, size, descs[d].fan_in, descs[d].fan_out, rng);
          break;
        case LAB_FILL_BIAS:
          lab_init_fill_bias (init, data, size, descs[d].fan_in, rng);
          break;
        case LAB_FILL_ZEROS:
          memset (data, 0, size * sizeof (float));
          break;
        case LAB_FILL_ONES:
          for (gsize k = 0; k < size; k++)
            data[k] = 1.0f;
          break;
        case LAB_FILL_CONST:
          for (gsize k = 0; k < size; k++)
            data[k] = descs[d].value;
          break;
        default:
          g_assert_not_reached ();
        }
      data += size;
    }
}

void
lab_network_init_params (LabNetwork    *self,
                         const LabInit *init,
                         guint64        seed)
{
  LabRng rng;

  lab_rng_init (&rng, seed);
  for (guint i = 0; i < self->n_steps; i++)
    {
      LabStep *step = &self->steps[i];

      fill_tensors (step->params, step->n_params, self->params + step->param_offset, init, &rng);
      fill_tensors (step->state, step->n_state, self->state + step->state_offset, init, &rng);
    }
  lab_rng_init (&self->rng, seed ^ G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
}

static void
prepare_run (LabNetwork  *self,
             LabStep     *step,
             LabLayerRun *run,
             guint        n,
             gboolean     training,
             gboolean     backward)
{
  memset (run, 0, sizeof *run);
  run->info = &step->info;
  run->batch = n;
  run->training = training;
  run->output_logits = self->fused_output && step == &self->steps[self->output];
  for (guint j = 0; j < step->info.n_inputs; j++)
    {
      LabStep *src = &self->steps[step->inputs[j]];

      run->inp[j] = src->out;
      run->dinp[j] = src->needs_grad ? src->dout : NULL;
    }
  run->out = step->out;
  run->dout = step->dout;
  run->params = self->params + step->param_offset;
  run->dparams = step->frozen ? NULL : self->grads + step->param_offset;
  run->state = self->state + step->state_offset;
  run->cache = step->cache;
  run->scratch = self->scratch;
  run->rng = &self->rng;
  if (backward)
    for (guint j = 0; j < step->info.n_inputs; j++)
      run->dinp_assign[j] = step->dinp_assign[j] && run->dinp[j] != NULL;
  if (backward && step->relu_folded)
    {
      /* The ReLU's input gradient, written as the ReLU would have written it. */
      LabStep *relu = &self->steps[step->inputs[0]];
      LabStep *src = &self->steps[relu->inputs[0]];

      run->relu_folded = TRUE;
      run->dinp[0] = src->needs_grad ? src->dout : NULL;
      run->dinp_assign[0] = relu->dinp_assign[0] && run->dinp[0] != NULL;
    }
}

const float *
lab_network_forward (LabNetwork  *self,
                     const float *x,
                     guint        n,
                     gboolean     training)
{
  g_return_val_if_fail (n > 0 && n <= self->max_batch, NULL);

  self->last_training = training;
  /* The trainer gathers its batches straight into the Input's buffer. */
  if (x != self->steps[0].out)
    memcpy (self->steps[0].out, x, (gsize) n * self->in_size * sizeof (float));
  for (guint i = 1; i < self->n_steps; i++)
    {
      LabLayerRun run;

      if (self->steps[i].shares_input)
        continue;
      prepare_run (self, &self->steps[i], &run, n, training, FALSE);
      self->steps[i].type->forward (&run);
    }
  return self->steps[self->output].out;
}

void
lab_network_zero_grad (LabNetwork *self)
{
  memset (self->grads, 0, self->n_params * sizeof (float));
}

static void
run_backward (LabNetwork  *self,
              const float *dout,
              guint        n,
              gboolean     fresh)
{
  /* Gradient buffers whose first writer accumulates start from zero; fan-out needs that. */
  for (guint i = 0; i < self->n_steps; i++)
    if (self->steps[i].zero_dout)
      memset (self->steps[i].dout, 0, (gsize) n * self->steps[i].out_size * sizeof (float));
  memcpy (self->steps[self->output].dout, dout, (gsize) n * self->out_size * sizeof (float));

  for (guint i = self->n_steps; i-- > 1;)
    {
      LabStep *step = &self->steps[i];
      LabLayerRun run;

      if (!step->needs_grad || step->shares_input || step->backward_folded)
        continue;
      prepare_run (self, step, &run, n, self->last_training, TRUE);
      if (fresh && run.dparams != NULL)
        {
          if (step->type->grad_assign)
            run.dparams_assign = TRUE;
          else
            memset (run.dparams, 0, step->param_size * sizeof (float));
        }
      step->type->backward (&run);
    }
}

void
lab_network_backward (LabNetwork  *self,
                      const float *dout,
                      guint        n)
{
  g_return_if_fail (n > 0 && n <= self->max_batch);

  run_backward (self, dout, n, FALSE);
}

void
lab_network_compute_grads (LabNetwork  *self,
                           const float *dout,
                           guint        n)
{
  g_return_if_fail (n > 0 && n <= self->max_batch);

  run_backward (self, dout, n, TRUE);
}

void
lab_network_probabilities (LabNetwork  *self,
                           const float *logits,
                           float       *out,
                           guint        n)
{
  gsize total = (gsize) n * self->out_size;

  if (self->loss == LAB_LOSS_CROSS_ENTROPY)
    lab_softmax_forward (logits, out, n, self->out_size);
  else if (self->loss == LAB_LOSS_BCE_LOGITS)
    lab_sigmoid_forward (logits, out, total);
  else if (out != logits)
    memcpy (out, logits, total * sizeof (float));
}

LabStep *
lab_network_find_step (LabNetwork *self,
                       const char *name)
{
  for (guint i = 0; i < self->n_steps; i++)
    if (g_strcmp0 (self->steps[i].name, name) == 0)
      return &self->steps[i];
  return NULL;
}

float *
lab_network_snapshot (LabNetwork *self)
{
  float *copy = g_new (float, self->n_params + self->n_state + 1);

  memcpy (copy, self->params, self->n_params * sizeof (float));
  memcpy (copy + self->n_params, self->state, self->n_state * sizeof (float));
  return copy;
}

void
lab_network_restore (LabNetwork  *self,
                     const float *snapshot)
{
  memcpy (self->params, snapshot, self->n_params * sizeof (float));
  memcpy (self->state, snapshot + self->n_params, self->n_state * sizeof (float));
}

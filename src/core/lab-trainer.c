/* lab-trainer.c: the training loop
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-trainer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#if defined (__SSE__)
#include <xmmintrin.h>
#endif
#if defined (__SSE2__)
#include <emmintrin.h>
#endif

#include "lab-blas.h"
#include "lab-error.h"
#include "lab-evaluate.h"
#include "lab-trainer.h"
#include "lab-trainer-private.h"

void
lab_trainer_free (LabTrainer *self)
{
  if (self == NULL)
    return;
  lab_network_free (self->net);
  if (self->opt)
    lab_optimizer_free (self->opt);
  g_free (self->class_weights);
  g_clear_pointer (&self->train, lab_dataset_free);
  g_clear_pointer (&self->val, lab_dataset_free);
  g_clear_pointer (&self->test, lab_dataset_free);
  g_free (self->order);
  g_free (self->best_weights);
  lab_free (self->y_batch);
  lab_free (self->dlogits);
  lab_free (self->previous);
  g_clear_pointer (&self->evaluation, lab_evaluation_free);
  g_free (self);
}

static gboolean
check_data_fits (LabTrainer        *self,
                 const LabDataset  *data,
                 GError           **error)
{
  LabNetwork *net = self->net;
  g_autofree char *want = lab_shape_to_string (&net->in_shape);
  g_autofree char *have = lab_shape_to_string (&data->x_shape);

  if (data->x_dim != net->in_size)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                   _("The Input layer “%s” expects samples of %s but the data “%s” has %s: "
                     "set the Input shape to %s"),
                   net->steps[0].name, want, data->name, have, have);
      return FALSE;
    }
  if (data->n_classes > 0)
    {
      gboolean binary_single = data->n_classes == 2 && net->out_size == 1;

      if (data->y_dim != 1)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                       _("The data “%s” must hold class indices, one per sample"), data->name);
          return FALSE;
        }
      if (net->out_size != data->n_classes && !binary_single)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                       _("The data has %u classes but the last layer “%s” gives %zu outputs: "
                         "set its units to %u"),
                       data->n_classes, net->steps[net->output].name, net->out_size,
                       data->n_classes);
          return FALSE;
        }
      if (binary_single && self->settings.loss == LAB_LOSS_CROSS_ENTROPY)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                       _("Categorical cross-entropy needs one output per class, but “%s” has "
                         "one output: set its units to 2, or use binary cross-entropy"),
                       net->steps[net->output].name);
          return FALSE;
        }
    }
  else
    {
      if (self->settings.loss == LAB_LOSS_CROSS_ENTROPY || self->settings.loss == LAB_LOSS_BCE_LOGITS)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                       _("The data “%s” has numeric targets (regression), but the loss is %s, "
                         "which needs classes: choose MSE, MAE or Huber"),
                       data->name, lab_loss_kind_label (self->settings.loss));
          return FALSE;
        }
      if (data->y_dim != net->out_size)
        {
          g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                       _("The data has %u target values per sample but the last layer “%s” "
                         "gives %zu outputs: set its units to %u"),
                       data->y_dim, net->steps[net->output].name, net->out_size, data->y_dim);
          return FALSE;
        }
    }
  return TRUE;
}

LabTrainer *
lab_trainer_new (LabGraph               *graph,
                 const LabTrainSettings *settings,
                 LabDataset             *train,
                 LabDataset             *val,
                 LabDataset             *test,
                 GError                **error)
{
  LabTrainer *self;
  guint batch;

  g_return_val_if_fail (LAB_IS_GRAPH (graph), NULL);
  g_return_val_if_fail (train != NULL, NULL);

  self = g_new0 (LabTrainer, 1);
  self->settings = *settings;
  self->train = train;
  self->val = val;
  self->test = test;

  if (!lab_train_settings_check (settings, error))
    goto fail;
  if (train->n == 0)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET, _("The training data is empty"));
      goto fail;
    }
  batch = MIN (settings->batch_size, (guint) MIN (train->n, G_MAXUINT));
  self->net = lab_network_new (graph, batch, settings->loss, error);
  if (self->net == NULL)
    goto fail;
  if (!check_data_fits (self, train, error))
    goto fail;

  self->loss.kind = settings->loss;
  self->loss.huber_delta = settings->huber_delta;
  if (settings->class_weights == LAB_CLASS_WEIGHTS_BALANCED && train->n_classes > 0)
    {
      self->class_weights = g_new0 (float, train->n_classes);
      lab_loss_balanced_weights (train->y, train->n, train->n_classes, self->class_weights);
      self->loss.class_weights = self->class_weights;
      self->loss.n_class_weights = train->n_classes;
    }

  self->opt = lab_optimizer_new (&settings->optimizer, self->net->n_trainable, error);
  if (self->opt == NULL)
    goto fail;
  self->base_lr = settings->optimizer.lr;
  lab_schedule_init (&self->schedule, &settings->schedule, settings->epochs,
                     (guint) ((train->n + batch - 1) / batch));
  lab_network_init_params (self->net, &settings->init, settings->seed);
  lab_rng_init (&self->shuffle_rng, settings->seed + 1);

  self->order = g_new (guint32, train->n);
  self->y_batch = lab_try_alloc_floats ((gsize) batch * train->y_dim, _("A batch"), error);
  self->dlogits = lab_try_alloc_floats ((gsize) batch * self->net->out_size, _("A batch"), error);
  if (!self->y_batch || !self->dlogits)
    goto fail;
  self->previous = lab_try_alloc_floats (self->net->n_params + self->net->n_state + 1,
                                         _("The weights"), error);
  if (self->previous == NULL)
    goto fail;
  self->best_metric = NAN;
  return self;

fail:
  /* The caller keeps ownership of the data when construction fails. */
  self->train = self->val = self->test = NULL;
  lab_trainer_free (self);
  return NULL;
}

static void
start_epoch (LabTrainer *self)
{
  for (gsize i = 0; i < self->train->n; i++)
    self->order[i] = (guint32) i;
  if (self->settings.shuffle)
    lab_rng_shuffle (&self->shuffle_rng, self->order, self->train->n);
  self->batch = 0;
  self->epoch_loss_sum = 0;
  self->epoch_correct = 0;
  self->epoch_seen = 0;
}

/* The batch's inputs go straight into the network's Input buffer (x (n, x_dim)), which
 * lab_network_forward () then need not copy; the targets into y_batch. */
static void
gather_batch (LabTrainer *self,
              float      *x,
              gsize       first,
              guint       n)
{
  const LabDataset *d = self->train;

  for (guint i = 0; i < n; i++)
    {
      guint32 s = self->order[first + i];

      memcpy (x + (gsize) i * d->x_dim, d->x + (gsize) s * d->x_dim, d->x_dim * sizeof (float));
      memcpy (self->y_batch + (gsize) i * d->y_dim, d->y + (gsize) s * d->y_dim, d->y_dim * sizeof (float));
    }
}

/* dst (n) = src (n), for a copy that is only read back if training diverges: streaming stores
 * write it around the caches instead of pushing out the weights and activations that the next
 * step reads (the MLP's 235,146 weights are 0.9 MB, its core's whole L2). */
static void
keep_copy (float       *dst,
           const float *src,
           gsize        n)
{
  gsize i = 0;

#if defined (__SSE2__)
  for (; i < n && ((guintptr) (dst + i) & 15) != 0; i++)
    dst[i] = src[i];
  for (; i + 4 <= n; i += 4)
    _mm_stream_ps (dst + i, _mm_loadu_ps (src + i));
  _mm_sfence ();
#endif
  for (; i < n; i++)
    dst[i] = src[i];
}

/* Keeps the best weights and tells whether patience ran out. */
static gboolean
early_stop_check (LabTrainer *self,
                  double      val_loss,
                  double      val_accuracy)
{
  const LabTrainSettings *s = &self->settings;
  gboolean higher_better = s->early_metric == LAB_METRIC_VAL_ACCURACY;
  double metric = higher_better ? val_accuracy : val_loss;
  gboolean improved;

  if (!s->early_stopping || isnan (metric))
    return FALSE;
  if (isnan (self->best_metric))
    improved = TRUE;
  else if (higher_better)
    improved = metric > self->best_metric + s->min_delta;
  else
    improved = metric < self->best_metric - s->min_delta;

  if (improved)
    {
      self->best_metric = metric;
      self->bad_epochs = 0;
      g_free (self->best_weights);
      self->best_weights = lab_network_snapshot (self->net);
      return FALSE;
    }
  self->bad_epochs++;
  return self->bad_epochs >= s->patience;
}

static gboolean
run_epochs (LabTrainer       *self,
            LabTrainControl  *control,
            LabProgressFunc   progress,
            gpointer          user_data,
            GError          **error)
{
  LabNetwork *net = self->net;
  const LabDataset *d = self->train;
  guint max_batch = net->max_batch;
  guint n_batches = (guint) ((d->n + max_batch - 1) / max_batch);
  gboolean classification = d->n_classes > 0;
  gboolean logits = self->loss.kind == LAB_LOSS_CROSS_ENTROPY || self->loss.kind == LAB_LOSS_BCE_LOGITS;
  g_autoptr(GTimer) timer = g_timer_new ();
  gsize samples_this_run = 0;

  lab_blas_set_threads (self->settings.threads > 0 ? (int) self->settings.threads
                                                   : (int) g_get_num_processors ());
  /* The global gradient norm is reported with every batch; without a listener it is not read. */
  lab_optimizer_set_track_grad_norm (self->opt, progress != NULL);
  self->stopped_early = FALSE;

  while (self->epoch < self->settings.epochs)
    {
      LabTrainPoint p = { 0 };
      double val_loss = NAN, val_acc = NAN;
      gboolean stop;

      while (self->batch < n_batches)
        {
          gsize first = (gsize) self->batch * max_batch;
          guint n = (guint) MIN ((gsize) max_batch, d->n - first);
          const float *out;
          double loss, lr;

          if (control != NULL && !lab_train_control_wait (control, &self->base_lr, error))
            return FALSE;
          /* Shuffle only once the batch will run: a run stopped before it must not have drawn
           * from the random stream, or a resume from its checkpoint would shuffle twice. */
          if (self->batch == 0)
            start_epoch (self);

          lr = lab_schedule_lr (&self->schedule, (float) self->base_lr, self->epoch, self->batch);
          gather_batch (self, net->steps[0].out, first, n);
          out = lab_network_forward (net, net->steps[0].out, n, TRUE);
          loss = lab_loss_compute (&self->loss, out, self->y_batch, d->y_dim, self->dlogits, n,
                                   (guint) net->out_size);
          if (!isfinite (loss))
            {
              /* The weights of this forward pass already give a non-finite loss: go back to
               * the ones before the step that produced them. */
              if (self->epoch > 0 || self->batch > 0)
                lab_network_restore (net, self->previous);
              g_set_error (error, LAB_ERROR, LAB_ERROR_DIVERGED,
                           _("Training stopped at epoch %u, batch %u: the loss became %s. The "
                             "weights from before the last step are kept. Try a lower learning "
                             "rate (it was %g), gradient clipping, or check the data for extreme "
                             "values"),
                           self->epoch + 1, self->batch + 1, isnan (loss) ? "NaN" : _("infinite"), lr);
              return FALSE;
            }

          lab_network_compute_grads (net, self->dlogits, n);
          keep_copy (self->previous, net->params, net->n_params);
          keep_copy (self->previous + net->n_params, net->state, net->n_state);
          lab_optimizer_step (self->opt, net->params, net->grads, (float) lr);

          self->batch++;
          self->epoch_loss_sum += loss * n;
          self->epoch_seen += n;
          samples_this_run += n;

          p.epoch = self->epoch + 1;
          p.batch = self->batch;
          p.n_batches = n_batches;
          p.step = lab_optimizer_get_step (self->opt);
          p.loss = loss;
          p.penalty = lab_optimizer_penalty (self->opt, net->params);
          p.accuracy = NAN;
          if (classification)
            {
              guint correct = lab_count_correct (out, self->y_batch, n, (guint) net->out_size, logits);

              self->epoch_correct += correct;
              p.accuracy = (double) correct / n;
            }
          p.val_loss = p.val_accuracy = NAN;
          p.lr = lr;
          p.grad_norm = lab_optimizer_last_grad_norm (self->opt);
          p.elapsed = g_timer_elapsed (timer, NULL);
          p.samples_per_second = p.elapsed > 0 ? samples_this_run / p.elapsed : 0;
          if (progress != NULL)
            {
              lab_train_point_fill_layers (&p, self->net);
              progress (&p, user_data);
              lab_train_point_clear (&p);
            }
        }

      /* End of the epoch. */
      if (self->val != NULL && self->val->n > 0)
        {
          LabEvaluation *eval = self->keep_evaluation
            ? lab_evaluate (self->net, &self->loss, self->val, NULL) : NULL;

          g_clear_pointer (&self->evaluation, lab_evaluation_free);
          if (eval != NULL)
            {
              /* The same tally as lab_trainer_measure, so the same figures. */
              val_loss = eval->loss;
              val_acc = eval->accuracy;
              self->evaluation = eval;
            }
          else
            lab_trainer_measure (self, self->val, &val_loss, &val_acc);
        }
      self->epoch++;
      self->batch = 0;
      lab_schedule_epoch_end (&self->schedule, isnan (val_loss)
                              ? self->epoch_loss_sum / MAX (self->epoch_seen, 1) : val_loss);
      stop = early_stop_check (self, val_loss, val_acc);

      p.epoch = self->epoch;
      p.batch = n_batches;
      p.n_batches = n_batches;
      p.step = lab_optimizer_get_step (self->opt);
      p.end_of_epoch = TRUE;
      p.loss = self->epoch_loss_sum / MAX (self->epoch_seen, 1);
      p.penalty = lab_optimizer_penalty (self->opt, net->params);
      p.accuracy = classification ? self->epoch_correct / MAX (self->epoch_seen, 1) : NAN;
      p.val_loss = val_loss;
      p.val_accuracy = val_acc;
      p.lr = lab_schedule_lr (&self->schedule, (float) self->base_lr, self->epoch - 1, n_batches - 1);
      p.grad_norm = lab_optimizer_last_grad_norm (self->opt);
      p.elapsed = g_timer_elapsed (timer, NULL);
      p.samples_per_second = p.elapsed > 0 ? samples_this_run / p.elapsed : 0;
      if (progress != NULL)
        {
          lab_train_point_fill_layers (&p, self->net);
          progress (&p, user_data);
          lab_train_point_clear (&p);
        }

      if (stop)
        {
          self->stopped_early = TRUE;
          if (self->settings.restore_best && self->best_weights != NULL)
            lab_network_restore (net, self->best_weights);
          break;
        }
    }
  return TRUE;
}

/* Subnormal floats (below 1.2·10⁻³⁸) cost x86 cores a microcode assist of about a hundred
 * cycles per operation. Training makes many: the momentum or Adam moments of a weight whose
 * gradient has become zero (a dead ReLU unit) decay geometrically, μᵏ·b, and cross into the
 * subnormal range within an epoch or two; the MLP's second epoch then ran 2.3 times slower than
 * its first, most of it in the optimizer. Flushing them to zero (FTZ for results, DAZ for
 * inputs), as TensorFlow does by default and torch.set_flush_denormal (True) does, changes
 * nothing a weight can feel: w ± 0.1·10⁻³⁸ rounds back to w for any |w| above 10⁻³⁰. The mode
 * is per thread, so it is set for the run and the caller's mode restored afterwards. */
#if defined (__SSE__)
#define LAB_MXCSR_FTZ_DAZ 0x8040u   /* bit 15 flush-to-zero, bit 6 denormals-are-zero */

static guint
flush_subnormals_begin (void)
{
  guint saved = _mm_getcsr ();

  _mm_setcsr (saved | LAB_MXCSR_FTZ_DAZ);
  return saved;
}

static void
flush_subnormals_end (guint saved)
{
  _mm_setcsr (saved);
}
#else
/* Elsewhere the hardware's default is kept. */
static guint
flush_subnormals_begin (void)
{
  return 0;
}

static void
flush_subnormals_end (guint saved)
{
}
#endif

gboolean
lab_trainer_run (LabTrainer       *self,
                 LabTrainControl  *control,
                 LabProgressFunc   progress,
                 gpointer          user_data,
                 GError          **error)
{
  guint saved = flush_subnormals_begin ();
  gboolean ok = run_epochs (self, control, progress, user_data, error);

  flush_subnormals_end (saved);
  return ok;
}

void
lab_trainer_set_epochs (LabTrainer *self,
                        guint       epochs)
{
  self->settings.epochs = epochs;
  self->schedule.total_epochs = epochs;
}

guint
lab_trainer_get_epoch (LabTrainer *self)
{
  return self->epoch;
}

gboolean
lab_trainer_stopped_early (LabTrainer *self)
{
  return self->stopped_early;
}

void
lab_trainer_set_keep_evaluation (LabTrainer *self,
                                 gboolean    keep)
{
  g_return_if_fail (self != NULL);
  self->keep_evaluation = keep;
  if (!keep)
    g_clear_pointer (&self->evaluation, lab_evaluation_free);
}

LabEvaluation *
lab_trainer_take_evaluation (LabTrainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_steal_pointer (&self->evaluation);
}

LabNetwork *
lab_trainer_get_network (LabTrainer *self)
{
  return self->net;
}

LabOptimizer *
lab_trainer_get_optimizer (LabTrainer *self)
{
  return self->opt;
}

const LabTrainSettings *
lab_trainer_get_settings (LabTrainer *self)
{
  return &self->settings;
}

const LabLoss *
lab_trainer_get_loss (LabTrainer *self)
{
  return &self->loss;
}

LabDataset *
lab_trainer_get_train (LabTrainer *self)
{
  return self->train;
}

LabDataset *
lab_trainer_get_val (LabTrainer *self)
{
  return self->val;
}

LabDataset *
lab_trainer_get_test (LabTrainer *self)
{
  return self->test;
}

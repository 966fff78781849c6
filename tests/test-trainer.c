/* test-trainer.c: the training loop: learning, controls from another thread, NaN rollback,
 * early stopping, exact resume from checkpoints, weight files
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lab-core.h"
#include "lab-evaluate.h"
#include "lab-graph.h"
#include "lab-trainer.h"
#include "lab-trainer-private.h"

/* Input(2) → Dense(16) → tanh → Dense(classes) for 2-D synthetic data. */
static LabGraph *
make_mlp (guint classes,
          guint hidden)
{
  LabGraph *g = lab_graph_new ();
  g_autoptr(GError) error = NULL;
  guint in = lab_graph_add_node (g, "Input", "in", 0, 0, &error);
  guint fc1 = lab_graph_add_node (g, "Dense", "fc1", 0, 0, &error);
  guint act = lab_graph_add_node (g, "Activation", "act", 0, 0, &error);
  guint out = lab_graph_add_node (g, "Dense", "out", 0, 0, &error);
  g_autofree char *units = g_strdup_printf ("%u", classes);
  g_autofree char *hidden_units = g_strdup_printf ("%u", hidden);

  g_assert_no_error (error);
  g_assert_true (lab_graph_set_hparam_text (g, in, "shape", "2", &error));
  g_assert_true (lab_graph_set_hparam_text (g, fc1, "units", hidden_units, &error));
  g_assert_true (lab_graph_set_hparam_text (g, act, "function", "tanh", &error));
  g_assert_true (lab_graph_set_hparam_text (g, out, "units", units, &error));
  g_assert_true (lab_graph_connect (g, in, fc1, &error));
  g_assert_true (lab_graph_connect (g, fc1, act, &error));
  g_assert_true (lab_graph_connect (g, act, out, &error));
  g_assert_no_error (error);
  return g;
}

static LabTrainer *
make_trainer (LabGraph         *g,
              LabTrainSettings *s,
              LabSyntheticKind  kind,
              gsize             n)
{
  g_autoptr(GError) error = NULL;
  LabDataset *all = lab_dataset_synthetic (kind, n, 0.05, 2, 7, &error);
  LabDataset *train = NULL, *val = NULL, *test = NULL;
  LabTrainer *t;

  g_assert_no_error (error);
  g_assert_true (lab_prepare_data (all, NULL, s, &train, &val, &test, &error));
  g_assert_no_error (error);
  lab_dataset_free (all);
  t = lab_trainer_new (g, s, train, val, test, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t);
  return t;
}

typedef struct
{
  guint   batches;
  guint   epochs;
  double  first_loss;
  double  last_epoch_loss;
  double  last_val_accuracy;
  double  last_val_loss;
  double  best_val_loss;
  double  last_lr;
  LabTrainControl *control;
  guint   pause_at;      /* pause after this batch, from the callback */
  guint   cancel_at;
  guint   cancel_at_epoch;   /* cancel from the progress report that ends this epoch */
  double  lr_at_batch;   /* set lr 0 → control at batch pause_at */
} Watch;

static void
on_progress (const LabTrainPoint *p,
             gpointer             user_data)
{
  Watch *w = user_data;

  if (p->end_of_epoch)
    {
      w->epochs++;
      w->last_epoch_loss = p->loss;
      w->last_val_accuracy = p->val_accuracy;
      w->last_val_loss = p->val_loss;
      if (w->epochs == 1 || p->val_loss < w->best_val_loss)
        w->best_val_loss = p->val_loss;
      g_assert_cmpuint (p->n_layers, ==, 2);
      g_assert_cmpfloat (p->layer_weight_norms[0], >, 0);
      if (w->control && w->cancel_at_epoch && w->epochs == w->cancel_at_epoch)
        lab_train_control_cancel (w->control);
      return;
    }
  if (w->batches == 0)
    w->first_loss = p->loss;
  w->batches++;
  w->last_lr = p->lr;
  g_assert_true (isfinite (p->loss));
  g_assert_cmpfloat (p->grad_norm, >=, 0);
  if (w->control && w->cancel_at && w->batches == w->cancel_at)
    lab_train_control_cancel (w->control);
}

static void
test_learns_xor (void)
{
  g_autoptr(LabGraph) g = make_mlp (2, 16);
  g_autoptr(GError) error = NULL;
  LabTrainSettings s;
  LabTrainer *t;
  Watch w = { 0 };

  lab_train_settings_defaults (&s);
  s.epochs = 30;
  s.batch_size = 16;
  lab_optimizer_config_defaults (&s.optimizer, LAB_OPTIMIZER_ADAM);
  s.optimizer.lr = 0.02f;
  t = make_trainer (g, &s, LAB_SYNTHETIC_XOR, 400);

  g_assert_true (lab_trainer_run (t, NULL, on_progress, &w, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (w.epochs, ==, 30);
  /* 400 samples − 20 % validation − 10 % test = 280 training samples: ⌈280/16⌉ = 18 batches. */
  g_assert_cmpuint (w.batches, ==, 30 * 18);
  g_assert_cmpfloat (w.last_epoch_loss, <, 0.5 * w.first_loss);
  g_assert_cmpfloat (w.last_val_accuracy, >=, 0.9);
  g_assert_cmpuint (lab_trainer_get_epoch (t), ==, 30);

  /* Running again with the same target does nothing; raising it continues. */
  w.epochs = 0;
  g_assert_true (lab_trainer_run (t, NULL, on_progress, &w, &error));
  g_assert_cmpuint (w.epochs, ==, 0);
  lab_trainer_set_epochs (t, 32);
  g_assert_true (lab_trainer_run (t, NULL, on_progress, &w, &error));
  g_assert_cmpuint (w.epochs, ==, 2);

  {
    g_autoptr(LabEvaluation) ev = lab_evaluate (lab_trainer_get_network (t), lab_trainer_get_loss (t),
                                                lab_trainer_get_test (t), &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (ev->accuracy, >=, 0.85);
    g_assert_nonnull (ev->report);
    g_assert_cmpuint (ev->report->n, ==, 40);
    g_assert_cmpfloat (ev->auc_macro, >, 0.9);
    /* Probabilities sum to one. */
    g_assert_cmpfloat_with_epsilon (ev->scores[0] + ev->scores[1], 1.0, 1e-5);
  }
  lab_trainer_free (t);
}

/* A trainer that keeps its validation evaluations hands over the one behind each epoch's
 * figures, and trains exactly as one that does not. */
static void
test_keeps_evaluation (void)
{
  g_autoptr(LabGraph) g = make_mlp (2, 8);
  g_autoptr(GError) error = NULL;
  g_autoptr(LabEvaluation) kept = NULL;
  g_autoptr(LabEvaluation) fresh = NULL;
  LabTrainSettings s;
  LabTrainer *plain, *keeping;
  Watch a = { 0 }, b = { 0 };

  lab_train_settings_defaults (&s);
  s.epochs = 3;
  s.batch_size = 16;
  plain = make_trainer (g, &s, LAB_SYNTHETIC_XOR, 300);
  keeping = make_trainer (g, &s, LAB_SYNTHETIC_XOR, 300);
  lab_trainer_set_keep_evaluation (keeping, TRUE);
  g_assert_true (lab_trainer_run (plain, NULL, on_progress, &a, &error));
  g_assert_true (lab_trainer_run (keeping, NULL, on_progress, &b, &error));
  g_assert_no_error (error);
  g_assert_null (lab_trainer_take_evaluation (plain));

  g_assert_cmpfloat (a.last_val_loss, ==, b.last_val_loss);
  g_assert_cmpfloat (a.last_val_accuracy, ==, b.last_val_accuracy);
  kept = lab_trainer_take_evaluation (keeping);
  g_assert_nonnull (kept);
  g_assert_null (lab_trainer_take_evaluation (keeping));   /* taken once */
  g_assert_cmpfloat (kept->loss, ==, b.last_val_loss);
  g_assert_cmpfloat (kept->accuracy, ==, b.last_val_accuracy);
  fresh = lab_evaluate (lab_trainer_get_network (keeping), lab_trainer_get_loss (keeping),
                        lab_trainer_get_val (keeping), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (kept->scores, kept->n * kept->out_size * sizeof (float),
                   fresh->scores, fresh->n * fresh->out_size * sizeof (float));
  lab_trainer_free (plain);
  lab_trainer_free (keeping);
}

static void
test_batch_sizes (void)
{
  g_autoptr(GError) error = NULL;
  LabTrainSettings s;
  guint sizes[] = { 1, 1000 };

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      g_autoptr(LabGraph) g = make_mlp (2, 4);
      LabTrainer *t;
      Watch w = { 0 };

      lab_train_settings_defaults (&s);
      s.epochs = 1;
      s.batch_size = sizes[k];
      t = make_trainer (g, &s, LAB_SYNTHETIC_MOONS, 100);
      g_assert_true (lab_trainer_run (t, NULL, on_progress, &w, &error));
      /* 70 training samples: batch 1 is 70 steps (SGD), a batch larger than the set is one. */
      g_assert_cmpuint (w.batches, ==, sizes[k] == 1 ? 70 : 1);
      lab_trainer_free (t);
    }
}

#if defined (__SSE__)
#include <xmmintrin.h>

static void
record_float_mode (const LabTrainPoint *point,
                   gpointer             user_data)
{
  *(guint *) user_data = _mm_getcsr ();
}

/* Training flushes subnormal floats to zero (their arithmetic is ~100× slower, and decaying
 * momentum makes many), for the run only: the caller's float mode comes back afterwards. */
static void
test_flushes_subnormals_during_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabGraph) g = make_mlp (2, 4);
  LabTrainSettings s;
  LabTrainer *t;
  guint before = _mm_getcsr (), during = 0;

  lab_train_settings_defaults (&s);
  s.epochs = 1;
  t = make_trainer (g, &s, LAB_SYNTHETIC_MOONS, 100);
  g_assert_cmphex (before & 0x8040, ==, 0);
  g_assert_true (lab_trainer_run (t, NULL, record_float_mode, &during, &error));
  g_assert_no_error (error);
  g_assert_cmphex (during & 0x8040, ==, 0x8040);   /* FTZ and DAZ */
  g_assert_cmphex (_mm_getcsr (), ==, before);
  lab_trainer_free (t);
}
#endif

typedef struct
{
  LabTrainer      *trainer;
  LabTrainControl *control;
  Watch           *watch;
  gboolean         ok;
  GError          *error;
} Job;

static gpointer
run_worker (gpointer data)
{
  Job *job = data;

  job->ok = lab_trainer_run (job->trainer, job->control, on_progress, job->watch, &job->error);
  return NULL;
}

static void
test_pause_resume_cancel_lr (void)
{
  g_autoptr(LabGraph) g = make_mlp (2, 8);
  g_autoptr(LabTrainControl) control = lab_train_control_new ();
  LabTrainSettings s;
  LabTrainer *t;
  Watch w = { 0 };
  Job job = { 0 };
  GThread *thread;
  guint seen;

  lab_train_settings_defaults (&s);
  s.epochs = 100000;     /* cancelled long before */
  s.batch_size = 4;
  t = make_trainer (g, &s, LAB_SYNTHETIC_CIRCLES, 200);
  job.trainer = t;
  job.control = control;
  job.watch = &w;

  lab_train_control_pause (control);
  g_assert_true (lab_train_control_is_paused (control));
  thread = g_thread_new ("trainer", run_worker, &job);
  g_usleep (200 * 1000);
  g_assert_cmpuint (g_atomic_int_get (&w.batches), ==, 0);   /* paused before the first batch */

  lab_train_control_set_lr (control, 0.125);
  lab_train_control_resume (control);
  while (g_atomic_int_get (&w.batches) < 20)
    g_usleep (1000);
  g_assert_cmpfloat (w.last_lr, ==, 0.125);

  lab_train_control_pause (control);
  g_usleep (50 * 1000);
  seen = g_atomic_int_get (&w.batches);
  g_usleep (150 * 1000);
  g_assert_cmpuint (g_atomic_int_get (&w.batches), <=, seen + 1);

  lab_train_control_cancel (control);   /* also wakes the paused worker */
  g_thread_join (thread);
  g_assert_false (job.ok);
  g_assert_error (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&job.error);
  lab_trainer_free (t);
}

static gboolean
all_finite (const float *x,
            gsize        n)
{
  for (gsize i = 0; i < n; i++)
    if (!isfinite (x[i]))
      return FALSE;
  return TRUE;
}

static void
test_divergence_keeps_good_weights (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LabDataset) all = NULL;
  LabDataset *train = NULL, *val = NULL, *test = NULL;
  LabTrainSettings s;
  LabTrainer *t;
  LabNetwork *net;
  guint in, out;

  /* Linear regression with a learning rate far too high: the loss explodes to infinity. */
  in = lab_graph_add_node (g, "Input", "in", 0, 0, &error);
  out = lab_graph_add_node (g, "Dense", "out", 0, 0, &error);
  lab_graph_set_hparam_text (g, in, "shape", "2", &error);
  lab_graph_set_hparam_text (g, out, "units", "1", &error);
  lab_graph_connect (g, in, out, &error);
  g_assert_no_error (error);

  all = lab_dataset_new ("line", 64, &(LabShape) { 1, { 2 } }, 1, 0, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < 64; i++)
    {
      all->x[2 * i] = (float) i;
      all->x[2 * i + 1] = (float) (64 - i);
      all->y[i] = 3.0f * i;
    }
  lab_train_settings_defaults (&s);
  s.loss = LAB_LOSS_MSE;
  s.scaling = LAB_SCALING_NONE;
  s.val_fraction = 0;
  s.test_fraction = 0;
  s.epochs = 50;
  s.batch_size = 8;
  lab_optimizer_config_defaults (&s.optimizer, LAB_OPTIMIZER_SGD);
  s.optimizer.lr = 10.0f;
  g_assert_true (lab_prepare_data (all, NULL, &s, &train, &val, &test, &error));
  t = lab_trainer_new (g, &s, train, val, test, &error);
  g_assert_no_error (error);

  g_assert_false (lab_trainer_run (t, NULL, NULL, NULL, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_DIVERGED);
  g_assert_nonnull (strstr (error->message, "learning rate"));
  net = lab_trainer_get_network (t);
  g_assert_true (all_finite (net->params, net->n_params));
  /* The kept weights still give a finite loss. */
  {
    g_autoptr(LabEvaluation) ev = lab_evaluate (net, lab_trainer_get_loss (t), train, NULL);

    g_assert_true (isfinite (ev->loss));
  }
  lab_trainer_free (t);
}

static void
test_early_stopping_restores_best (void)
{
  g_autoptr(LabGraph) g = make_mlp (2, 32);
  g_autoptr(GError) error = NULL;
  LabTrainSettings s;
  LabTrainer *t;
  double val_loss, val_acc;
  Watch w = { 0 };

  lab_train_settings_defaults (&s);
  s.epochs = 400;
  s.batch_size = 8;
  s.early_stopping = TRUE;
  s.early_metric = LAB_METRIC_VAL_LOSS;
  s.patience = 3;
  s.min_delta = 0;
  s.restore_best = TRUE;
  lab_optimizer_config_defaults (&s.optimizer, LAB_OPTIMIZER_ADAM);
  s.optimizer.lr = 0.05f;
  /* Few, noisy samples: the validation loss soon stops improving. */
  t = make_trainer (g, &s, LAB_SYNTHETIC_SPIRALS, 60);
  g_assert_true (lab_trainer_run (t, NULL, on_progress, &w, &error));
  g_assert_no_error (error);
  g_assert_true (lab_trainer_stopped_early (t));
  g_assert_cmpuint (lab_trainer_get_epoch (t), <, 400);
  lab_trainer_measure (t, lab_trainer_get_val (t), &val_loss, &val_acc);
  /* The restored weights are the best ones seen, not the last epoch's worse ones. */
  g_assert_cmpfloat (w.last_val_loss, >, w.best_val_loss);
  g_assert_cmpfloat_with_epsilon (val_loss, w.best_val_loss, 1e-9 * MAX (1.0, w.best_val_loss));
  lab_trainer_free (t);
}

static GBytes *
file_bytes (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

/* Train 3 epochs straight; or stop part-way, checkpoint, a fresh trainer, resume to 3: the
 * weights must be equal bit for bit (dropout included, so the random streams must carry). The
 * stop comes either inside an epoch or right at the end of one, before the next shuffle. */
static void
check_resume_exact (guint cancel_at_batch,
                    guint cancel_at_epoch)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("layerlab-XXXXXX", NULL);
  g_autofree char *ckpt = g_build_filename (dir, "run.checkpoint.safetensors", NULL);
  g_autofree char *w_straight = g_build_filename (dir, "straight.safetensors", NULL);
  g_autofree char *w_resumed = g_build_filename (dir, "resumed.safetensors", NULL);
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  LabTrainSettings s;
  LabTrainer *t;

  lab_train_settings_defaults (&s);
  s.epochs = 3;
  s.batch_size = 16;
  s.early_stopping = TRUE;
  s.patience = 100;
  lab_optimizer_config_defaults (&s.optimizer, LAB_OPTIMIZER_ADAM);

  {
    g_autoptr(LabGraph) g = make_mlp (2, 8);
    guint drop = lab_graph_add_node (g, "Dropout", "drop", 0, 0, &error);
    LabNode *act = lab_graph_find_node (g, "act");
    LabNode *out = lab_graph_find_node (g, "out");

    lab_graph_disconnect (g, act->id, out->id);
    lab_graph_connect (g, act->id, drop, &error);
    lab_graph_connect (g, drop, out->id, &error);
    g_assert_no_error (error);

    t = make_trainer (g, &s, LAB_SYNTHETIC_SPIRALS, 300);
    g_assert_true (lab_trainer_run (t, NULL, NULL, NULL, &error));
    g_assert_true (lab_network_save_weights (lab_trainer_get_network (t), w_straight, NULL, &error));
    lab_trainer_free (t);

    {
      g_autoptr(LabTrainControl) control = lab_train_control_new ();
      Watch w = { 0 };

      t = make_trainer (g, &s, LAB_SYNTHETIC_SPIRALS, 300);
      w.control = control;
      w.cancel_at = cancel_at_batch;
      w.cancel_at_epoch = cancel_at_epoch;
      g_assert_false (lab_trainer_run (t, control, on_progress, &w, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_true (lab_trainer_save_checkpoint (t, ckpt, NULL, &error));
      g_assert_no_error (error);
      lab_trainer_free (t);
    }

    t = make_trainer (g, &s, LAB_SYNTHETIC_SPIRALS, 300);
    g_assert_true (lab_trainer_load_checkpoint (t, ckpt, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (lab_trainer_get_epoch (t), ==, 1);
    g_assert_true (lab_trainer_run (t, NULL, NULL, NULL, &error));
    g_assert_true (lab_network_save_weights (lab_trainer_get_network (t), w_resumed, NULL, &error));
    g_assert_no_error (error);
    lab_trainer_free (t);
  }

  a = file_bytes (w_straight);
  b = file_bytes (w_resumed);
  g_assert_true (g_bytes_equal (a, b));

  g_remove (ckpt);
  g_remove (w_straight);
  g_remove (w_resumed);
  g_rmdir (dir);
}

static void
test_checkpoint_resume_exact (void)
{
  /* 210 training samples / 16 = 14 batches an epoch: stop in the middle of the second. */
  check_resume_exact (14 + 5, 0);
}

static void
test_checkpoint_resume_exact_at_epoch_end (void)
{
  check_resume_exact (0, 1);
}

static void
test_weights_round_trip_and_mismatch (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("layerlab-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "w.safetensors", NULL);
  g_autoptr(LabGraph) g = make_mlp (3, 5);
  g_autoptr(LabGraph) other = make_mlp (3, 6);
  g_autoptr(LabNetwork) net = lab_network_new (g, 4, LAB_LOSS_CROSS_ENTROPY, &error);
  g_autoptr(LabNetwork) same = lab_network_new (g, 4, LAB_LOSS_CROSS_ENTROPY, &error);
  g_autoptr(LabNetwork) wrong = lab_network_new (other, 4, LAB_LOSS_CROSS_ENTROPY, &error);
  LabInit init = { LAB_INIT_GLOROT_UNIFORM, 0 };
  g_autofree float *before = NULL;

  g_assert_no_error (error);
  lab_network_init_params (net, &init, 1);
  lab_network_init_params (same, &init, 2);
  lab_network_init_params (wrong, &init, 3);
  g_assert_true (lab_network_save_weights (net, path, NULL, &error));
  g_assert_true (lab_network_load_weights (same, path, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (net->params, net->n_params * 4, same->params, same->n_params * 4);

  before = lab_network_snapshot (wrong);
  g_assert_false (lab_network_load_weights (wrong, path, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_WEIGHTS_MISMATCH);
  g_assert_nonnull (strstr (error->message, "fc1.weight"));
  g_assert_nonnull (strstr (error->message, "w.safetensors"));
  /* A failed load changes nothing. */
  g_assert_cmpmem (before, wrong->n_params * 4, wrong->params, wrong->n_params * 4);

  g_remove (path);
  g_rmdir (dir);
}

static void
test_frozen_layers_do_not_change (void)
{
  g_autoptr(LabGraph) g = make_mlp (2, 8);
  g_autoptr(GError) error = NULL;
  g_autofree float *before = NULL;
  LabTrainSettings s;
  LabTrainer *t;
  LabNetwork *net;
  LabStep *fc1, *out;

  lab_graph_set_frozen (g, lab_graph_find_node (g, "fc1")->id, TRUE);
  lab_train_settings_defaults (&s);
  s.epochs = 2;
  t = make_trainer (g, &s, LAB_SYNTHETIC_MOONS, 200);
  net = lab_trainer_get_network (t);
  fc1 = lab_network_find_step (net, "fc1");
  out = lab_network_find_step (net, "out");
  /* Trainable tensors first in the arena, frozen ones after. */
  g_assert_cmpuint (net->n_trainable, ==, out->param_size);
  g_assert_cmpuint (fc1->param_offset, ==, net->n_trainable);
  before = lab_network_snapshot (net);
  g_assert_true (lab_trainer_run (t, NULL, NULL, NULL, &error));
  g_assert_cmpmem (before + fc1->param_offset, fc1->param_size * 4,
                   net->params + fc1->param_offset, fc1->param_size * 4);
  g_assert_true (memcmp (before + out->param_offset, net->params + out->param_offset,
                         out->param_size * 4) != 0);
  lab_trainer_free (t);
}

static void
test_data_must_fit (void)
{
  g_autoptr(LabGraph) g = make_mlp (3, 4);   /* 3 outputs for 2-class data */
  g_autoptr(GError) error = NULL;
  LabDataset *all = lab_dataset_synthetic (LAB_SYNTHETIC_MOONS, 50, 0.1, 2, 1, &error);
  LabTrainSettings s;

  lab_train_settings_defaults (&s);
  g_assert_null (lab_trainer_new (g, &s, all, NULL, NULL, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH);
  g_assert_nonnull (strstr (error->message, "“out”"));
  g_assert_nonnull (strstr (error->message, "2"));
  lab_dataset_free (all);
}

/* An autoencoder's targets are its own (scaled) inputs: a 2 → 8 → 2 network learns to copy. */
static void
test_reconstruct (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabGraph) g = make_mlp (2, 8);
  LabTrainSettings s;
  LabTrainer *t;
  Watch w = { 0 };

  lab_train_settings_defaults (&s);
  s.loss = LAB_LOSS_MSE;
  s.reconstruct = TRUE;
  s.epochs = 40;
  lab_optimizer_config_defaults (&s.optimizer, LAB_OPTIMIZER_ADAM);
  s.optimizer.lr = 0.01f;
  t = make_trainer (g, &s, LAB_SYNTHETIC_BLOBS, 300);
  g_assert_cmpuint (lab_trainer_get_train (t)->y_dim, ==, 2);
  g_assert_cmpuint (lab_trainer_get_train (t)->n_classes, ==, 0);
  g_assert_cmpmem (lab_trainer_get_train (t)->x, 2 * sizeof (float), lab_trainer_get_train (t)->y, 2 * sizeof (float));
  g_assert_true (lab_trainer_run (t, NULL, on_progress, &w, &error));
  g_assert_no_error (error);
  /* z-scored inputs have unit variance: copying them well means an MSE far below 1. */
  g_assert_cmpfloat (w.last_epoch_loss, <, 0.05);
  lab_trainer_free (t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/trainer/learns-xor", test_learns_xor);
  g_test_add_func ("/core/trainer/batch-sizes", test_batch_sizes);
  g_test_add_func ("/core/trainer/keeps-evaluation", test_keeps_evaluation);
  g_test_add_func ("/core/trainer/pause-resume-cancel-lr", test_pause_resume_cancel_lr);
  g_test_add_func ("/core/trainer/divergence-keeps-good-weights", test_divergence_keeps_good_weights);
  g_test_add_func ("/core/trainer/early-stopping", test_early_stopping_restores_best);
  g_test_add_func ("/core/trainer/checkpoint-resume-exact", test_checkpoint_resume_exact);
  g_test_add_func ("/core/trainer/checkpoint-resume-exact-at-epoch-end", test_checkpoint_resume_exact_at_epoch_end);
  g_test_add_func ("/core/trainer/weights-round-trip", test_weights_round_trip_and_mismatch);
  g_test_add_func ("/core/trainer/frozen", test_frozen_layers_do_not_change);
  g_test_add_func ("/core/trainer/data-must-fit", test_data_must_fit);
  g_test_add_func ("/core/trainer/reconstruct", test_reconstruct);
#if defined (__SSE__)
  g_test_add_func ("/core/trainer/flushes-subnormals", test_flushes_subnormals_during_run);
#endif
  return g_test_run ();
}

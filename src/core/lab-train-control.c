/* lab-train-control.c: pause, resume, cancel and a live learning rate, shared across threads
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-trainer"

#include "lab-trainer.h"
#include "lab-trainer-private.h"

LabTrainControl *
lab_train_control_new (void)
{
  LabTrainControl *self = g_new0 (LabTrainControl, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->cancellable = g_cancellable_new ();
  return self;
}

LabTrainControl *
lab_train_control_ref (LabTrainControl *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lab_train_control_unref (LabTrainControl *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_object_unref (self->cancellable);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

void
lab_train_control_pause (LabTrainControl *self)
{
  g_mutex_lock (&self->mutex);
  self->paused = TRUE;
  g_mutex_unlock (&self->mutex);
}

void
lab_train_control_resume (LabTrainControl *self)
{
  g_mutex_lock (&self->mutex);
  self->paused = FALSE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

gboolean
lab_train_control_is_paused (LabTrainControl *self)
{
  gboolean paused;

  g_mutex_lock (&self->mutex);
  paused = self->paused;
  g_mutex_unlock (&self->mutex);
  return paused;
}

void
lab_train_control_cancel (LabTrainControl *self)
{
  g_cancellable_cancel (self->cancellable);
  /* Wake a paused worker so that it sees the cancellation. */
  g_mutex_lock (&self->mutex);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

GCancellable *
lab_train_control_get_cancellable (LabTrainControl *self)
{
  return self->cancellable;
}

void
lab_train_control_set_lr (LabTrainControl *self,
                          double           lr)
{
  g_mutex_lock (&self->mutex);
  self->new_lr = lr;
  self->has_new_lr = TRUE;
  g_mutex_unlock (&self->mutex);
}

gboolean
lab_train_control_wait (LabTrainControl *self,
                        double          *new_lr,
                        GError         **error)
{
  gboolean changed = FALSE;

  g_mutex_lock (&self->mutex);
  while (self->paused && !g_cancellable_is_cancelled (self->cancellable))
    g_cond_wait (&self->cond, &self->mutex);
  if (self->has_new_lr)
    {
      *new_lr = self->new_lr;
      self->has_new_lr = FALSE;
      changed = TRUE;
    }
  g_mutex_unlock (&self->mutex);
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;
  (void) changed;
  return TRUE;
}

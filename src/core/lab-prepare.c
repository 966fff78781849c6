/* lab-prepare.c: from loaded data to the training, validation and test splits
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-trainer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lab-error.h"
#include "lab-trainer.h"

gboolean
lab_prepare_data (LabDataset             *all,
                  LabDataset             *own_test,
                  const LabTrainSettings *settings,
                  LabDataset            **train,
                  LabDataset            **val,
                  LabDataset            **test,
                  GError                **error)
{
  g_autofree guint32 *train_idx = NULL;
  g_autofree guint32 *val_idx = NULL;
  g_autofree guint32 *test_idx = NULL;
  gsize n_train, n_val, n_test;
  g_autoptr(LabDataset) tr = NULL;
  g_autoptr(LabDataset) va = NULL;
  g_autoptr(LabDataset) te = NULL;
  g_autoptr(LabScaler) scaler = NULL;
  g_autofree char *train_name = g_strdup_printf (_("%s (training)"), all->name);
  g_autofree char *val_name = g_strdup_printf (_("%s (validation)"), all->name);
  g_autofree char *test_name = g_strdup_printf (_("%s (test)"), all->name);

  if (!lab_dataset_split (all->n, settings->val_fraction,
                          own_test != NULL ? 0.0 : settings->test_fraction,
                          settings->seed, &train_idx, &n_train, &val_idx, &n_val,
                          &test_idx, &n_test, error))
    return FALSE;
  if (n_train == 0)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_DATASET,
                   _("No training samples are left after setting aside validation and test "
                     "data: lower the validation or test fraction"));
      return FALSE;
    }

  tr = lab_dataset_subset (all, train_idx, n_train, train_name, error);
  if (tr == NULL)
    return FALSE;
  if (n_val > 0 && (va = lab_dataset_subset (all, val_idx, n_val, val_name, error)) == NULL)
    return FALSE;
  if (own_test != NULL)
    {
      g_autofree guint32 *every = g_new (guint32, MAX (own_test->n, 1));

      for (gsize i = 0; i < own_test->n; i++)
        every[i] = (guint32) i;
      te = lab_dataset_subset (own_test, every, own_test->n, own_test->name, error);
      if (te == NULL)
        return FALSE;
    }
  else if (n_test > 0 && (te = lab_dataset_subset (all, test_idx, n_test, test_name, error)) == NULL)
    return FALSE;

  if (settings->scaling != LAB_SCALING_NONE)
    {
      /* Fitted on the training split alone, so nothing leaks from validation or test data. */
      scaler = lab_scaler_fit (settings->scaling, tr, error);
      if (scaler == NULL)
        return FALSE;
      lab_scaler_apply (scaler, tr);
      if (va)
        lab_scaler_apply (scaler, va);
      if (te)
        lab_scaler_apply (scaler, te);
    }

  if (settings->reconstruct)
    {
      /* After scaling, so that the network learns to reproduce what it is fed. */
      if (!lab_dataset_targets_from_inputs (tr, error) ||
          (va != NULL && !lab_dataset_targets_from_inputs (va, error)) ||
          (te != NULL && !lab_dataset_targets_from_inputs (te, error)))
        return FALSE;
    }

  *train = g_steal_pointer (&tr);
  *val = g_steal_pointer (&va);
  *test = g_steal_pointer (&te);
  return TRUE;
}

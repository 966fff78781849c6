/* lab-schedule.h: learning-rate schedules with optional linear warm-up
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LAB_SCHEDULE_CONSTANT,
  LAB_SCHEDULE_STEP,         /* lr · gamma^⌊epoch / step_epochs⌋               (torch StepLR) */
  LAB_SCHEDULE_EXPONENTIAL,  /* lr · gamma^epoch                               (torch ExponentialLR) */
  LAB_SCHEDULE_COSINE,       /* min_lr + (lr − min_lr)(1 + cos(π·epoch/T))/2, T = total epochs
                              *                                                (torch CosineAnnealingLR) */
  LAB_SCHEDULE_PLATEAU,      /* × gamma after `patience` epochs without improvement of the
                              * validation loss by more than min_delta, not below min_lr
                              *                                                (torch ReduceLROnPlateau) */
  LAB_SCHEDULE_N_KINDS
} LabScheduleKind;

typedef struct
{
  LabScheduleKind kind;
  float  gamma;          /* STEP: 0.1; EXPONENTIAL: 0.95; PLATEAU: 0.1 */
  guint  step_epochs;    /* STEP */
  float  min_lr;         /* COSINE and PLATEAU floor */
  guint  patience;       /* PLATEAU */
  float  min_delta;      /* PLATEAU */
  guint  warmup_epochs;  /* 0 = none; else the factor rises linearly per batch from
                          * 1/(warmup steps) to 1 over the first warmup_epochs epochs */
} LabScheduleConfig;

typedef struct
{
  LabScheduleConfig config;
  guint             total_epochs;
  guint             steps_per_epoch;
  float             plateau_factor;  /* product of the reductions so far */
  double            plateau_best;
  guint             plateau_bad_epochs;
} LabSchedule;

void     lab_schedule_config_defaults (LabScheduleConfig *config,
                                       LabScheduleKind    kind);
gboolean lab_schedule_config_check    (const LabScheduleConfig *config,
                                       GError                 **error);
void     lab_schedule_init            (LabSchedule             *self,
                                       const LabScheduleConfig *config,
                                       guint                    total_epochs,
                                       guint                    steps_per_epoch);
/* The learning rate for batch `step` (0-based within the epoch) of `epoch` (0-based). */
float    lab_schedule_lr              (const LabSchedule       *self,
                                       float                    base_lr,
                                       guint                    epoch,
                                       guint                    step);
/* Called once after each epoch with the validation loss (PLATEAU reacts to it). */
void     lab_schedule_epoch_end       (LabSchedule             *self,
                                       double                   val_loss);

const char  *lab_schedule_kind_to_string   (LabScheduleKind  kind);  /* "cosine", ... */
gboolean     lab_schedule_kind_from_string (const char      *text,
                                            LabScheduleKind *kind);
const char  *lab_schedule_kind_label       (LabScheduleKind  kind);
const char  *lab_schedule_kind_blurb       (LabScheduleKind  kind);

G_END_DECLS

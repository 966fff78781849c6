/* lab-hparam.h: hyperparameter schemas, so that the engine, the project file, the CLI and the
 * inspector all read one description of every layer setting
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lab-types.h"

G_BEGIN_DECLS

typedef enum
{
  LAB_HP_INT,
  LAB_HP_FLOAT,
  LAB_HP_BOOL,
  LAB_HP_CHOICE,   /* one of spec->choices, stored as its index */
  LAB_HP_SHAPE,    /* a per-sample shape such as 1×28×28 */
} LabHParamKind;

/* One setting of a layer type. Strings are static; label and blurb are marked with N_() and
 * translated where shown. blurb is the tooltip: what it does, when to use it, a typical value. */
typedef struct
{
  const char         *key;            /* stable name in files and on the CLI: "units" */
  const char         *label;          /* "Units" */
  const char         *blurb;
  LabHParamKind       kind;
  double              min;            /* INT and FLOAT: inclusive range */
  double              max;
  double              def;            /* default; CHOICE: index; BOOL: 0 or 1 */
  const char * const *choices;        /* CHOICE: NULL-terminated keys ("valid", "same") */
  const char * const *choice_labels;  /* CHOICE: NULL-terminated N_() labels */
  const char         *def_shape;      /* SHAPE: default as text ("1x28x28") */
} LabHParamSpec;

/* A value of any kind: numbers, booleans and choice indices live in v, shapes in shape. */
typedef struct
{
  double   v;
  LabShape shape;
} LabHValue;

/* Fills values[0..n) with each spec's default. */
void      lab_hparams_defaults    (const LabHParamSpec *specs,
                                   guint                n_specs,
                                   LabHValue           *values);
/* Index of key in specs, or -1. */
int       lab_hparams_find        (const LabHParamSpec *specs,
                                   guint                n_specs,
                                   const char          *key);
/* Checks range, integrality and shape rank; the message names the layer and the setting. */
gboolean  lab_hparam_check        (const LabHParamSpec *spec,
                                   const LabHValue     *value,
                                   const char          *node_name,
                                   GError             **error);
/* Parses a value from text as typed in a panel or on the command line ("same", "64", "1x28x28",
 * "true"); sets LAB_ERROR_INVALID_PARAM naming node and setting. */
gboolean  lab_hparam_parse        (const LabHParamSpec *spec,
                                   const char          *text,
                                   const char          *node_name,
                                   LabHValue           *value,
                                   GError             **error);
/* Text for a value as stored in files and shown on nodes ("same", "64", "0.01", "1×28×28"). */
char     *lab_hparam_to_string    (const LabHParamSpec *spec,
                                   const LabHValue     *value);

#define LAB_HP_INT_VALUE(hp, idx)    ((int) (hp)[idx].v)
#define LAB_HP_FLOAT_VALUE(hp, idx)  ((float) (hp)[idx].v)
#define LAB_HP_BOOL_VALUE(hp, idx)   ((hp)[idx].v != 0.0)

G_END_DECLS

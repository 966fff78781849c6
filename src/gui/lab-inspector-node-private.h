/* lab-inspector-node-private.h: the selected layer's page and its fields, shared by
 * lab-inspector-node.c and lab-inspector-node-field.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lab-inspector-private.h"

G_BEGIN_DECLS

typedef struct _NodePage NodePage;

typedef struct
{
  NodePage            *page;
  const LabHParamSpec *spec;
  GtkWidget           *row;
  GtkWidget           *control;    /* GtkSpinButton, GtkSwitch, AdwComboRow or AdwEntryRow */
  GtkWidget           *error_icon; /* AdwEntryRow only */
} Field;

struct _NodePage
{
  LabInspector *inspector;
  LabHistory   *history;
  LabGraph     *graph;
  guint         id;
  gboolean      syncing;

  GtkWidget    *icon;
  GtkWidget    *name_row;
  GtkWidget    *name_error;
  char         *shown_name;
  GPtrArray    *fields;
  GtkWidget    *freeze_row;
  GtkWidget    *freeze;
  GtkWidget    *shape;
  GtkWidget    *params;
  GtkWidget    *flops;
  GtkWidget    *banner;
  GtkWidget    *banner_label;
  GtkWidget    *fix_button;
  LabNodeFix    fix;
  guint         fix_src;
};

LabNode *lab_node_page_get_node (NodePage            *page);
Field   *lab_node_field_new     (NodePage            *page,
                                 const LabHParamSpec *spec);
void     lab_node_field_sync    (Field               *field,
                                 LabNode             *node,
                                 guint                index);

G_END_DECLS

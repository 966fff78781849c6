/* lab-history.c: the undo and redo stacks, groups, labels and the saved point
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lab-history-private.h"
#include "lab-history.h"

/* No step was ever at this serial: the saved state cannot be reached by undo or redo. */
#define UNREACHABLE G_MAXUINT64

struct _LabHistory
{
  GObject     parent_instance;
  LabGraph   *graph;
  GPtrArray  *undo;         /* LabCommand*, most recent last */
  GPtrArray  *redo;         /* LabCommand*, next to redo last */
  GPtrArray  *groups;       /* open GROUP commands, innermost last */
  guint64     next_serial;
  guint64     saved;        /* serial of the step the saved file matches; 0: no step */
  gboolean    open;         /* the last step may absorb the next change of its setting */

  /* What the properties said last, to notify only on change. */
  gboolean    can_undo;
  gboolean    can_redo;
  gboolean    dirty;
  char       *undo_label;
  char       *redo_label;
};

G_DEFINE_FINAL_TYPE (LabHistory, lab_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_GRAPH,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lab_history_finalize (GObject *object)
{
  LabHistory *self = (LabHistory *) object;

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_free (self->undo_label);
  g_free (self->redo_label);

  G_OBJECT_CLASS (lab_history_parent_class)->finalize (object);
}

static void
lab_history_dispose (GObject *object)
{
  LabHistory *self = (LabHistory *) object;

  g_clear_object (&self->graph);

  G_OBJECT_CLASS (lab_history_parent_class)->dispose (object);
}

static void
lab_history_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LabHistory *self = LAB_HISTORY (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      g_value_set_object (value, self->graph);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, self->undo_label);
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, self->redo_label);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lab_history_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LabHistory *self = LAB_HISTORY (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      self->graph = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lab_history_class_init (LabHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lab_history_dispose;
  object_class->finalize = lab_history_finalize;
  object_class->get_property = lab_history_get_property;
  object_class->set_property = lab_history_set_property;

  properties[PROP_GRAPH] =
    g_param_spec_object ("graph", NULL, NULL, LAB_TYPE_GRAPH,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lab_history_init (LabHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_command_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_command_free);
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_command_free);
  self->next_serial = 1;
  self->undo_label = g_strdup (_("Undo"));
  self->redo_label = g_strdup (_("Redo"));
}

LabHistory *
lab_history_new (LabGraph *graph)
{
  g_return_val_if_fail (LAB_IS_GRAPH (graph), NULL);

  return g_object_new (LAB_TYPE_HISTORY, "graph", graph, NULL);
}

LabGraph *
lab_history_get_graph (LabHistory *self)
{
  g_return_val_if_fail (LAB_IS_HISTORY (self), NULL);

  return self->graph;
}

static guint64
current_serial (LabHistory *self)
{
  if (self->undo->len == 0)
    return 0;
  return ((LabCommand *) g_ptr_array_index (self->undo, self->undo->len - 1))->serial;
}

static void
update_string (LabHistory  *self,
               char       **field,
               char        *value,
               GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return;
    }
  g_free (*field);
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
update_boolean (LabHistory *self,
                gboolean   *field,
                gboolean    value,
                GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static char *
stack_label (GPtrArray *stack,
             gboolean   undo)
{
  LabCommand *top;

  if (stack->len == 0)
    return g_strdup (undo ? _("Undo") : _("Redo"));
  top = g_ptr_array_index (stack, stack->len - 1);
  /* Translators: %s is what the step did, as in "Undo Add Dense “fc1”" or
   * "Redo Delete 2 Layers". */
  return g_strdup_printf (undo ? _("Undo %s") : _("Redo %s"), top->label);
}

/* Brings the cached property values up to date and notifies the ones that changed. */
static void
update_state (LabHistory *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  update_boolean (self, &self->can_undo, self->undo->len > 0, properties[PROP_CAN_UNDO]);
  update_boolean (self, &self->can_redo, self->redo->len > 0, properties[PROP_CAN_REDO]);
  update_boolean (self, &self->dirty, current_serial (self) != self->saved, properties[PROP_DIRTY]);
  update_string (self, &self->undo_label, stack_label (self->undo, TRUE),
                 properties[PROP_UNDO_LABEL]);
  update_string (self, &self->redo_label, stack_label (self->redo, FALSE),
                 properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
lab_history_can_undo (LabHistory *self)
{
  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);

  return self->can_undo;
}

gboolean
lab_history_can_redo (LabHistory *self)
{
  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);

  return self->can_redo;
}

const char *
lab_history_get_undo_label (LabHistory *self)
{
  g_return_val_if_fail (LAB_IS_HISTORY (self), NULL);

  return self->undo_label;
}

const char *
lab_history_get_redo_label (LabHistory *self)
{
  g_return_val_if_fail (LAB_IS_HISTORY (self), NULL);

  return self->redo_label;
}

gboolean
lab_history_is_dirty (LabHistory *self)
{
  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);

  return self->dirty;
}

void
lab_history_mark_saved (LabHistory *self)
{
  g_return_if_fail (LAB_IS_HISTORY (self));

  self->saved = current_serial (self);
  self->open = FALSE;
  update_state (self);
}

void
lab_history_clear (LabHistory *self)
{
  g_return_if_fail (LAB_IS_HISTORY (self));
  g_return_if_fail (self->groups->len == 0);

  self->saved = self->dirty ? UNREACHABLE : 0;
  self->open = FALSE;
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  update_state (self);
}

void
lab_history_record (LabHistory *self,
                    LabCommand *command)
{
  if (self->groups->len > 0)
    {
      LabCommand *group = g_ptr_array_index (self->groups, self->groups->len - 1);
      LabCommand *last = group->children->len > 0
        ? g_ptr_array_index (group->children, group->children->len - 1) : NULL;

      if (last != NULL && lab_command_merge (last, command))
        {
          lab_command_free (command);
          if (lab_command_is_noop (last))
            g_ptr_array_remove_index (group->children, group->children->len - 1);
        }
      else if (lab_command_is_noop (command))
        lab_command_free (command);
      else
        g_ptr_array_add (group->children, command);
      return;
    }
  if (self->open && command->kind == LAB_COMMAND_HPARAM && self->undo->len > 0)
    {
      LabCommand *last = g_ptr_array_index (self->undo, self->undo->len - 1);

      if (last->kind == LAB_COMMAND_HPARAM && lab_command_merge (last, command))
        {
          lab_command_free (command);
          if (lab_command_is_noop (last))
            g_ptr_array_remove_index (self->undo, self->undo->len - 1);
          update_state (self);
          return;
        }
    }
  self->open = FALSE;
  if (lab_command_is_noop (command))
    {
      lab_command_free (command);
      return;
    }
  command->serial = self->next_serial++;
  g_ptr_array_add (self->undo, command);
  g_ptr_array_set_size (self->redo, 0);
  update_state (self);
}

void
lab_history_begin_group (LabHistory *self,
                         const char *label)
{
  LabCommand *group;

  g_return_if_fail (LAB_IS_HISTORY (self));

  group = lab_command_new (LAB_COMMAND_GROUP, g_strdup (label));
  group->children = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_command_free);
  g_ptr_array_add (self->groups, group);
}

void
lab_history_end_group (LabHistory *self)
{
  LabCommand *group;

  g_return_if_fail (LAB_IS_HISTORY (self));
  g_return_if_fail (self->groups->len > 0);

  group = g_ptr_array_steal_index (self->groups, self->groups->len - 1);
  if (group->children->len == 0)
    {
      lab_command_free (group);
      return;
    }
  if (group->label == NULL && group->children->len == 1)
    {
      LabCommand *only = g_ptr_array_steal_index (group->children, 0);

      lab_command_free (group);
      lab_history_record (self, only);
      return;
    }
  if (group->label == NULL)
    group->label = g_strdup (((LabCommand *) g_ptr_array_index (group->children, 0))->label);
  lab_history_record (self, group);
}

LabCommand *
lab_history_peek_group (LabHistory *self)
{
  g_return_val_if_fail (self->groups->len > 0, NULL);

  return g_ptr_array_index (self->groups, self->groups->len - 1);
}

void
lab_history_abort_group (LabHistory *self)
{
  g_autoptr(GError) error = NULL;
  LabCommand *group;

  g_return_if_fail (self->groups->len > 0);

  group = g_ptr_array_steal_index (self->groups, self->groups->len - 1);
  if (!lab_command_apply (group, self->graph, FALSE, &error))
    g_warning ("Could not take back a failed edit: %s", error->message);
  lab_command_free (group);
}

static gboolean
step (LabHistory *self,
      GPtrArray  *from,
      GPtrArray  *to,
      gboolean    forward)
{
  g_autoptr(GError) error = NULL;
  LabCommand *command;

  g_return_val_if_fail (self->groups->len == 0, FALSE);

  if (from->len == 0)
    return FALSE;
  command = g_ptr_array_steal_index (from, from->len - 1);
  if (!lab_command_apply (command, self->graph, forward, &error))
    {
      g_warning ("Cannot %s “%s”: %s", forward ? "redo" : "undo", command->label, error->message);
      lab_command_free (command);
      self->saved = UNREACHABLE;
      g_ptr_array_set_size (self->undo, 0);
      g_ptr_array_set_size (self->redo, 0);
      update_state (self);
      return FALSE;
    }
  g_ptr_array_add (to, command);
  update_state (self);
  return TRUE;
}

void
lab_history_keep_open (LabHistory *self)
{
  g_return_if_fail (LAB_IS_HISTORY (self));

  /* Never reopen the step a save matches: the file would then look current when it is not. */
  if (self->undo->len > 0 &&
      ((LabCommand *) g_ptr_array_index (self->undo, self->undo->len - 1))->serial != self->saved)
    self->open = TRUE;
}

void
lab_history_seal (LabHistory *self)
{
  g_return_if_fail (LAB_IS_HISTORY (self));

  self->open = FALSE;
}

gboolean
lab_history_undo (LabHistory *self)
{
  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);

  self->open = FALSE;
  return step (self, self->undo, self->redo, FALSE);
}

gboolean
lab_history_redo (LabHistory *self)
{
  g_return_val_if_fail (LAB_IS_HISTORY (self), FALSE);

  self->open = FALSE;
  return step (self, self->redo, self->undo, TRUE);
}

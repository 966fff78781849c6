/* lab-inspector-node-field.c: one setting of the selected layer, as a control in the inspector
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every control is built from the type's LabHParamSpec. Text is checked with the core's parser
 * as it is typed and applied through the history only when valid, so each edit is undoable and
 * the message the user sees is the core's. A control whose text already means the graph's value
 * is left alone by a sync, so typing is not disturbed.
 */
#define G_LOG_DOMAIN "lab-inspector"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lab-inspector-node-private.h"
#include "lab-inspector-private.h"

/* ---- applying edits ------------------------------------------------------------------------ */

static void
field_show_error (Field      *field,
                  const char *message)
{
  lab_inspector_set_error (field->control, message);
  if (field->error_icon != NULL)
    {
      gtk_widget_set_visible (field->error_icon, message != NULL);
      gtk_widget_set_tooltip_text (field->error_icon, message);
    }
  else if (ADW_IS_ACTION_ROW (field->row) && !ADW_IS_COMBO_ROW (field->row))
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), message != NULL ? message : "");
      if (message != NULL)
        gtk_widget_add_css_class (field->row, "error");
      else
        gtk_widget_remove_css_class (field->row, "error");
    }
}

static void
field_apply_text (Field      *field,
                  const char *text)
{
  NodePage *page = field->page;
  LabNode *node = lab_node_page_get_node (page);
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  g_autofree char *wanted = NULL;
  LabHValue value = { 0 };

  if (page->syncing || node == NULL)
    return;

  if (!lab_hparam_parse (field->spec, text, node->name, &value, &error) ||
      !lab_hparam_check (field->spec, &value, node->name, &error))
    {
      field_show_error (field, error->message);
      return;
    }
  field_show_error (field, NULL);

  current = lab_graph_dup_hparam_text (page->graph, page->id, field->spec->key);
  wanted = lab_hparam_to_string (field->spec, &value);
  if (g_strcmp0 (current, wanted) == 0)
    return;
  if (!lab_history_set_hparam_text (page->history, page->id, field->spec->key, wanted, &error))
    field_show_error (field, error->message);
}

/* Typed text applies as it is typed, so the canvas follows; the keys typed into one field
 * make one undo step, closed when the field is left or activated. */
static void
on_text_changed_cb (GtkEditable *editable,
                    Field       *field)
{
  field_apply_text (field, gtk_editable_get_text (editable));
  lab_history_keep_open (field->page->history);
}

static void
on_typing_done_cb (Field *field)
{
  lab_history_seal (field->page->history);
}

static void
on_spin_value_changed_cb (GtkSpinButton *spin,
                          Field         *field)
{
  field_apply_text (field, gtk_editable_get_text (GTK_EDITABLE (spin)));
  lab_history_seal (field->page->history);
}

static void
field_watch_typing (Field     *field,
                    GtkWidget *editable)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (editable, "changed", G_CALLBACK (on_text_changed_cb), field);
  /* A spin button has no "activate" in GTK 4.8; Enter sets its value, which seals instead. */
  if (ADW_IS_ENTRY_ROW (editable))
    g_signal_connect_swapped (editable, "entry-activated", G_CALLBACK (on_typing_done_cb), field);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_typing_done_cb), field);
  gtk_widget_add_controller (editable, focus);
}

static void
on_switch_active_cb (GtkSwitch  *sw,
                     GParamSpec *pspec,
                     Field      *field)
{
  field_apply_text (field, gtk_switch_get_active (sw) ? "true" : "false");
}

static void
on_combo_selected_cb (AdwComboRow *combo,
                      GParamSpec  *pspec,
                      Field       *field)
{
  guint selected = adw_combo_row_get_selected (combo);

  if (selected != GTK_INVALID_LIST_POSITION)
    field_apply_text (field, field->spec->choices[selected]);
}

/* ---- building and syncing ----------------------------------------------------------------- */

Field *
lab_node_field_new (NodePage            *page,
                    const LabHParamSpec *spec)
{
  Field *field = g_new0 (Field, 1);
  const char *title = _(spec->label);
  const char *blurb = _(spec->blurb);

  field->page = page;
  field->spec = spec;

  switch (spec->kind)
    {
    case LAB_HP_INT:
    case LAB_HP_FLOAT:
      {
        LabSpinParams sp;

        lab_spin_params_for_hparam (spec, spec->def, &sp);
        field->control = lab_inspector_spin_new (sp.lower, sp.upper, sp.step, sp.digits);
        if (spec->kind == LAB_HP_FLOAT)
          lab_inspector_spin_use_plain_format (field->control);
        field->row = lab_inspector_row_new (title, blurb, field->control);
        field_watch_typing (field, field->control);
        g_signal_connect (field->control, "value-changed", G_CALLBACK (on_spin_value_changed_cb), field);
      }
      break;

    case LAB_HP_BOOL:
      field->row = lab_inspector_switch_row_new (title, blurb, &field->control);
      g_signal_connect (field->control, "notify::active", G_CALLBACK (on_switch_active_cb), field);
      break;

    case LAB_HP_CHOICE:
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

        for (guint i = 0; spec->choice_labels[i] != NULL; i++)
          gtk_string_list_append (labels, _(spec->choice_labels[i]));
        field->row = field->control = adw_combo_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
        adw_combo_row_set_model (ADW_COMBO_ROW (field->row), G_LIST_MODEL (labels));
        gtk_widget_set_tooltip_text (field->row, blurb);
        g_signal_connect (field->row, "notify::selected", G_CALLBACK (on_combo_selected_cb), field);
      }
      break;

    case LAB_HP_SHAPE:
    default:
      field->row = field->control = adw_entry_row_new ();
      gtk_editable_set_enable_undo (GTK_EDITABLE (field->row), FALSE); /* Ctrl+Z undoes the model */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
      gtk_widget_set_tooltip_text (field->row, blurb);
      field->error_icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      gtk_widget_add_css_class (field->error_icon, "error");
      gtk_widget_set_visible (field->error_icon, FALSE);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (field->row), field->error_icon);
      field_watch_typing (field, field->row);
      break;
    }

  return field;
}

/* Activation's extra settings each belong to one function; the others are hidden. */
static gboolean
field_applies (const LabNode       *node,
               const LabHParamSpec *spec)
{
  static const struct { const char *key; const char *function; } owners[] = {
    { "negative_slope", "leaky_relu" },
    { "elu_alpha", "elu" },
    { "prelu_init", "prelu" },
  };
  int f;

  if (strcmp (node->type->name, "Activation") != 0)
    return TRUE;
  f = lab_hparams_find (node->type->hparams, node->type->n_hparams, "function");
  for (guint i = 0; f >= 0 && i < G_N_ELEMENTS (owners); i++)
    if (strcmp (spec->key, owners[i].key) == 0)
      return strcmp (node->type->hparams[f].choices[(int) node->hp[f].v], owners[i].function) == 0;
  return TRUE;
}

void
lab_node_field_sync (Field   *field,
                     LabNode *node,
                     guint    index)
{
  const LabHParamSpec *spec = field->spec;
  const LabHValue *value = &node->hp[index];

  gtk_widget_set_visible (field->row, field_applies (node, spec));
  switch (spec->kind)
    {
    case LAB_HP_INT:
    case LAB_HP_FLOAT:
      {
        GtkSpinButton *spin = GTK_SPIN_BUTTON (field->control);
        LabHValue shown;
        LabSpinParams sp;

        if (lab_hparam_parse (spec, gtk_editable_get_text (GTK_EDITABLE (spin)), node->name, &shown, NULL) &&
            shown.v == value->v)
          break;
        lab_spin_params_for_hparam (spec, value->v, &sp);
        gtk_spin_button_set_digits (spin, sp.digits);
        gtk_spin_button_set_increments (spin, sp.step, sp.page);
        gtk_spin_button_set_value (spin, value->v);
        field_show_error (field, NULL);
      }
      break;

    case LAB_HP_BOOL:
      gtk_switch_set_active (GTK_SWITCH (field->control), value->v != 0.0);
      break;

    case LAB_HP_CHOICE:
      adw_combo_row_set_selected (ADW_COMBO_ROW (field->control), (guint) value->v);
      break;

    case LAB_HP_SHAPE:
    default:
      {
        LabHValue shown;

        if (lab_hparam_parse (spec, gtk_editable_get_text (GTK_EDITABLE (field->control)), node->name, &shown, NULL) &&
            lab_shape_equal (&shown.shape, &value->shape))
          break;
        {
          g_autofree char *text = lab_hparam_to_string (spec, value);

          gtk_editable_set_text (GTK_EDITABLE (field->control), text);
          field_show_error (field, NULL);
        }
      }
      break;
    }
}

/* lab-inspector-node.c: the inspector's page for one selected layer
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header (icon, name), the settings (one field each, lab-inspector-node-field.c), freezing, the
 * output's figures and the error banner with its one-click fix. A sync re-reads the graph after
 * any change; the syncing flag keeps it from being taken for an edit.
 */
#define G_LOG_DOMAIN "lab-inspector"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lab-inspector-node-private.h"
#include "lab-inspector-private.h"
#include "lab-layer-icons.h"

static void
node_page_free (gpointer data)
{
  NodePage *page = data;

  g_clear_pointer (&page->fields, g_ptr_array_unref);
  g_clear_pointer (&page->shown_name, g_free);
  g_clear_object (&page->history);
  g_free (page);
}

LabNode *
lab_node_page_get_node (NodePage *page)
{
  return lab_graph_get_node (page->graph, page->id);
}

gboolean
lab_node_has_weights (const LabNode *node)
{
  g_return_val_if_fail (node != NULL, FALSE);

  if (node->type->params == NULL)
    return FALSE;
  /* Before analysis succeeds the count is unknown: offer the switch rather than hide it. */
  return !node->shape_known || node->n_params + node->n_frozen > 0;
}

LabNodeFix
lab_node_fix_for (LabGraph      *graph,
                  const LabNode *node,
                  guint         *src)
{
  g_return_val_if_fail (LAB_IS_GRAPH (graph), LAB_NODE_FIX_NONE);
  g_return_val_if_fail (node != NULL && src != NULL, LAB_NODE_FIX_NONE);

  *src = 0;
  if (node->error == NULL)
    return LAB_NODE_FIX_NONE;

  /* A flat-only layer fed an image: the core's message asks for a Flatten. Decided from the
   * shapes, not the (translated) words, except for the name of the type. */
  if (node->inputs->len == 1)
    {
      guint in = g_array_index (node->inputs, guint, 0);
      LabNode *prev = lab_graph_get_node (graph, in);

      if (prev != NULL && prev->shape_known && prev->out_shape.ndim > 1 &&
          (strcmp (node->type->name, "Dense") == 0 || strstr (node->error, "Flatten") != NULL))
        {
          *src = in;
          return LAB_NODE_FIX_INSERT_FLATTEN;
        }
    }

  /* Nothing connected: obvious only when exactly one other node has a free output. */
  if (node->inputs->len == 0 && node->type->min_inputs > 0)
    {
      GPtrArray *nodes = lab_graph_get_nodes (graph);
      guint candidate = 0;
      guint n_candidates = 0;

      for (guint i = 0; i < nodes->len; i++)
        {
          LabNode *other = g_ptr_array_index (nodes, i);
          g_autoptr(GArray) consumers = NULL;

          if (other->id == node->id)
            continue;
          consumers = lab_graph_dup_consumers (graph, other->id);
          if (consumers->len == 0 && !lab_graph_would_cycle (graph, other->id, node->id))
            {
              candidate = other->id;
              n_candidates++;
            }
        }
      if (n_candidates == 1)
        {
          *src = candidate;
          return LAB_NODE_FIX_CONNECT_INPUT;
        }
    }

  return LAB_NODE_FIX_NONE;
}

static void
on_name_changed_cb (GtkEditable *editable,
                    NodePage    *page)
{
  const char *text = gtk_editable_get_text (editable);
  LabNode *other = lab_graph_find_node (page->graph, text);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *message = NULL;

  if (page->syncing)
    return;
  if (*stripped == '\0')
    message = g_strdup (_("A layer needs a name"));
  else if (other != NULL && other->id != page->id)
    message = g_strdup_printf (_("Another layer is already called “%s”"), text);

  lab_inspector_set_error (page->name_row, message);
  gtk_label_set_text (GTK_LABEL (page->name_error), message != NULL ? message : "");
  gtk_widget_set_visible (page->name_error, message != NULL);
}

static void
on_name_apply_cb (AdwEntryRow *row,
                  NodePage    *page)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  LabNode *node = lab_node_page_get_node (page);

  if (node == NULL || g_strcmp0 (node->name, text) == 0)
    return;
  if (!lab_history_rename (page->history, page->id, text, &error))
    {
      lab_inspector_set_error (page->name_row, error->message);
      gtk_label_set_text (GTK_LABEL (page->name_error), error->message);
      gtk_widget_set_visible (page->name_error, TRUE);
    }
}

static void
on_freeze_cb (GtkSwitch  *sw,
              GParamSpec *pspec,
              NodePage   *page)
{
  g_autoptr(GError) error = NULL;

  if (page->syncing)
    return;
  if (!lab_history_set_frozen (page->history, page->id, gtk_switch_get_active (sw), &error))
    lab_inspector_emit_message (page->inspector, error->message);
}

static void
on_fix_clicked_cb (GtkButton *button,
                   NodePage  *page)
{
  LabNode *node = lab_node_page_get_node (page);
  LabNode *src = lab_graph_get_node (page->graph, page->fix_src);
  g_autoptr(GError) error = NULL;

  if (node == NULL || src == NULL)
    return;
  if (page->fix == LAB_NODE_FIX_INSERT_FLATTEN)
    {
      if (lab_history_insert_between (page->history, src->id, node->id, "Flatten",
                                      (src->x + node->x) / 2.0, (src->y + node->y) / 2.0, &error) == 0)
        lab_inspector_emit_message (page->inspector, error->message);
    }
  else if (page->fix == LAB_NODE_FIX_CONNECT_INPUT)
    {
      if (!lab_history_connect (page->history, src->id, node->id, &error))
        lab_inspector_emit_message (page->inspector, error->message);
    }
}

/* ---- building ------------------------------------------------------------------------------ */

static GtkWidget *
header_new (NodePage *page,
            LabNode  *node)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (_(node->type->label));
  GtkWidget *blurb = gtk_label_new (_(node->type->blurb));

  page->icon = gtk_image_new ();
  gtk_image_set_pixel_size (GTK_IMAGE (page->icon), 32);
  gtk_widget_set_valign (page->icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (page->icon, 3);
  gtk_box_append (GTK_BOX (box), page->icon);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_widget_add_css_class (title, "title-3");
  gtk_label_set_xalign (GTK_LABEL (blurb), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (blurb), TRUE);
  gtk_widget_add_css_class (blurb, "dim-label");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), blurb);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  return box;
}

static GtkWidget *
banner_new (NodePage *page)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("This layer cannot work yet"));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "lab-error-card");
  gtk_widget_add_css_class (icon, "error");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_start (icon, 15);
  gtk_widget_set_margin_top (icon, 15);
  gtk_box_append (GTK_BOX (card), icon);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (title, "error");
  page->banner_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (page->banner_label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (page->banner_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (page->banner_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (page->banner_label), TRUE);
  page->fix_button = gtk_button_new ();
  gtk_widget_set_halign (page->fix_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (page->fix_button, 6);
  gtk_widget_add_css_class (page->fix_button, "suggested-action");
  g_signal_connect (page->fix_button, "clicked", G_CALLBACK (on_fix_clicked_cb), page);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), page->banner_label);
  gtk_box_append (GTK_BOX (text), page->fix_button);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_margin_top (text, 15);
  gtk_widget_set_margin_bottom (text, 15);
  gtk_widget_set_margin_end (text, 15);
  gtk_box_append (GTK_BOX (card), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);
  return card;
}

GtkWidget *
lab_inspector_node_page_new (LabInspector *inspector,
                             LabHistory   *history,
                             guint         id)
{
  NodePage *page = g_new0 (NodePage, 1);
  LabNode *node;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *group;

  page->inspector = inspector;
  page->history = g_object_ref (history);
  page->graph = lab_history_get_graph (history);
  page->id = id;
  page->fields = g_ptr_array_new_with_free_func (g_free);
  g_object_set_data_full (G_OBJECT (box), "lab-node-page", page, node_page_free);
  node = lab_node_page_get_node (page);
  g_return_val_if_fail (node != NULL, box);

  gtk_box_append (GTK_BOX (box), header_new (page, node));
  page->banner = banner_new (page);
  gtk_box_append (GTK_BOX (box), page->banner);

  /* Name and settings. */
  group = adw_preferences_group_new ();
  page->name_row = adw_entry_row_new ();
  gtk_editable_set_enable_undo (GTK_EDITABLE (page->name_row), FALSE); /* Ctrl+Z undoes the model */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (page->name_row), _("Name"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (page->name_row), TRUE);
  gtk_widget_set_tooltip_text (page->name_row, _("A unique name for this layer. Its weights are saved under it (“conv1.weight”), so keep names when you reuse trained weights. Press Enter to rename."));
  g_signal_connect (page->name_row, "changed", G_CALLBACK (on_name_changed_cb), page);
  g_signal_connect (page->name_row, "apply", G_CALLBACK (on_name_apply_cb), page);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), page->name_row);
  for (guint i = 0; i < node->type->n_hparams; i++)
    {
      Field *field = lab_node_field_new (page, &node->type->hparams[i]);

      g_ptr_array_add (page->fields, field);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field->row);
    }
  page->freeze_row = lab_inspector_switch_row_new (_("Freeze weights"),
                                                   _("Keeps this layer’s weights as they are while the rest of the network trains. In transfer learning you load a network trained on a large dataset, freeze its early layers and train only the new ones on your data."),
                                                   &page->freeze);
  g_signal_connect (page->freeze, "notify::active", G_CALLBACK (on_freeze_cb), page);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), page->freeze_row);
  page->name_error = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (page->name_error), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (page->name_error), TRUE);
  gtk_widget_add_css_class (page->name_error, "error");
  gtk_widget_add_css_class (page->name_error, "caption");
  gtk_widget_set_visible (page->name_error, FALSE);
  gtk_box_append (GTK_BOX (box), group);
  gtk_box_insert_child_after (GTK_BOX (box), page->name_error, group);

  /* What the layer computes. */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Output"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             lab_inspector_value_row_new (_("Shape"), _("The shape of one sample after this layer, channels × height × width for images or the number of features for flat data."), &page->shape));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             lab_inspector_value_row_new (_("Parameters"), _("Weights and biases of this layer. Dense: inputs × units + units; Conv2D: filters × (channels × kernel² + 1)."), &page->params));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             lab_inspector_value_row_new (_("Compute"), _("Floating-point operations of one forward pass for one sample; a multiply-add counts as two."), &page->flops));
  gtk_box_append (GTK_BOX (box), group);

  lab_inspector_node_page_sync (box);
  return box;
}

/* ---- syncing ------------------------------------------------------------------------------- */

void
lab_inspector_node_page_sync (GtkWidget *widget)
{
  NodePage *page = g_object_get_data (G_OBJECT (widget), "lab-node-page");
  LabNode *node;
  g_autofree char *shape = NULL;
  g_autofree char *params = NULL;
  g_autofree char *flops = NULL;
  const char *function = NULL;
  int f;

  g_return_if_fail (page != NULL);
  node = lab_node_page_get_node (page);
  if (node == NULL)
    return;

  page->syncing = TRUE;

  f = lab_hparams_find (node->type->hparams, node->type->n_hparams, "function");
  if (f >= 0 && node->type->hparams[f].kind == LAB_HP_CHOICE)
    function = node->type->hparams[f].choices[(int) node->hp[f].v];
  gtk_image_set_from_icon_name (GTK_IMAGE (page->icon), lab_layer_icon_name (node->type, function));

  if (g_strcmp0 (page->shown_name, node->name) != 0)
    {
      g_free (page->shown_name);
      page->shown_name = g_strdup (node->name);
      gtk_editable_set_text (GTK_EDITABLE (page->name_row), node->name);
      lab_inspector_set_error (page->name_row, NULL);
      gtk_widget_set_visible (page->name_error, FALSE);
    }

  for (guint i = 0; i < page->fields->len; i++)
    lab_node_field_sync (g_ptr_array_index (page->fields, i), node, i);

  gtk_switch_set_active (GTK_SWITCH (page->freeze), node->frozen);
  /* Only layers with weights can be frozen; an Activation has some only as PReLU. */
  gtk_widget_set_visible (page->freeze_row, lab_node_has_weights (node));

  shape = node->shape_known ? lab_shape_to_string (&node->out_shape) : g_strdup (_("Unknown"));
  params = lab_format_count (node->n_params + node->n_frozen);
  if (node->frozen && node->n_frozen > 0)
    {
      char *frozen = g_strdup_printf (_("%s, frozen"), params);

      g_free (params);
      params = frozen;
    }
  flops = lab_format_flops (node->flops);
  gtk_label_set_text (GTK_LABEL (page->shape), shape);
  gtk_label_set_text (GTK_LABEL (page->params), node->shape_known ? params : "—");
  gtk_label_set_text (GTK_LABEL (page->flops), node->shape_known ? flops : "—");

  gtk_widget_set_visible (page->banner, node->error != NULL);
  if (node->error != NULL)
    {
      LabNode *src;

      gtk_label_set_text (GTK_LABEL (page->banner_label), node->error);
      page->fix = lab_node_fix_for (page->graph, node, &page->fix_src);
      src = lab_graph_get_node (page->graph, page->fix_src);
      if (page->fix == LAB_NODE_FIX_INSERT_FLATTEN)
        {
          gtk_button_set_label (GTK_BUTTON (page->fix_button), _("Insert Flatten"));
          gtk_widget_set_tooltip_text (page->fix_button, _("Adds a Flatten layer between the previous layer and this one, turning its feature maps into one vector"));
        }
      else if (page->fix == LAB_NODE_FIX_CONNECT_INPUT && src != NULL)
        {
          g_autofree char *label = g_strdup_printf (_("Connect “%s”"), src->name);

          gtk_button_set_label (GTK_BUTTON (page->fix_button), label);
          gtk_widget_set_tooltip_text (page->fix_button, _("Feeds the output of the only layer that has nothing after it into this one"));
        }
      gtk_widget_set_visible (page->fix_button, page->fix != LAB_NODE_FIX_NONE);
    }

  page->syncing = FALSE;
}

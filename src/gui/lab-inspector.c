/* lab-inspector.c: the panel beside the canvas: totals on top, then the selected layer, the
 * selected layers, or the training settings
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages live in lab-inspector-node.c and lab-inspector-settings.c. On every change of the
 * graph (an edit here, on the canvas, undo, redo) the inspector keeps the page and re-reads the
 * values into it, so a control being typed in keeps its focus; it builds a new page only when
 * the selection itself changes (a selected node was deleted).
 */
#define G_LOG_DOMAIN "lab-inspector"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lab-inspector-private.h"

typedef enum
{
  PAGE_NONE,
  PAGE_NODE,
  PAGE_MULTI,
  PAGE_SETTINGS,
} PageKind;

struct _LabInspector
{
  GtkWidget    parent_instance;

  GtkWidget   *scrolled;
  GtkWidget   *content;          /* totals, then the page */
  GtkWidget   *totals_values[4]; /* trainable, frozen, FLOPs, memory */
  GtkWidget   *page;
  PageKind     page_kind;

  /* The multi-selection page. */
  GtkWidget   *multi_title;
  GtkWidget   *multi_names;
  GtkWidget   *multi_params;
  GtkWidget   *multi_freeze;
  gboolean     syncing;

  LabHistory  *history;
  LabGraph    *graph;
  gulong       changed_id;
  LabProject  *project;          /* borrowed */
  GArray      *selection;        /* guint ids */

  /* While the model trains: what is fixed, and why. */
  gboolean     training;
  GtkWidget   *training_note;
  GtkWidget   *training_note_label;
};

G_DEFINE_FINAL_TYPE (LabInspector, lab_inspector, GTK_TYPE_WIDGET)

enum {
  SETTINGS_CHANGED,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
lab_inspector_emit_message (LabInspector *self,
                            const char   *text)
{
  g_return_if_fail (LAB_IS_INSPECTOR (self));
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

/* ---- totals ------------------------------------------------------------------------------ */

static GtkWidget *
totals_card_new (LabInspector *self)
{
  static const struct { const char *title; const char *tooltip; } cells[] = {
    { N_("Trainable parameters"), N_("Weights and biases the optimizer updates. More parameters can fit more complex data but need more examples to avoid overfitting.") },
    { N_("Frozen parameters"), N_("Weights of frozen layers: used in the forward pass but not trained, as when reusing a pre-trained network.") },
    { N_("Compute per sample"), N_("Floating-point operations of one forward pass for one sample; a multiply-add counts as two. Training costs about three times as much.") },
    { N_("Training memory"), N_("An estimate for one batch: weights, their gradients and the optimizer’s state, plus every layer’s outputs and gradients for the batch size of the training settings.") },
  };
  GtkWidget *card = gtk_grid_new ();

  gtk_widget_add_css_class (card, "card");
  gtk_grid_set_column_homogeneous (GTK_GRID (card), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (card), 12);
  gtk_grid_set_column_spacing (GTK_GRID (card), 12);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *value = gtk_label_new ("0");
      GtkWidget *caption = gtk_label_new (_(cells[i].title));

      gtk_label_set_xalign (GTK_LABEL (value), 0.0f);
      gtk_widget_add_css_class (value, "title-4");
      gtk_widget_add_css_class (value, "numeric");
      gtk_label_set_xalign (GTK_LABEL (caption), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_box_append (GTK_BOX (cell), value);
      gtk_box_append (GTK_BOX (cell), caption);
      gtk_widget_set_tooltip_text (cell, _(cells[i].tooltip));
      gtk_widget_set_margin_start (cell, i % 2 == 0 ? 18 : 0);
      gtk_widget_set_margin_end (cell, i % 2 == 1 ? 18 : 0);
      gtk_widget_set_margin_top (cell, i < 2 ? 15 : 0);
      gtk_widget_set_margin_bottom (cell, i >= 2 ? 15 : 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL, _(cells[i].title), -1);
      gtk_grid_attach (GTK_GRID (card), cell, i % 2, i / 2, 1, 1);
      self->totals_values[i] = value;
    }
  return card;
}

static void
update_totals (LabInspector *self)
{
  LabGraphTotals totals = { 0 };
  guint batch = self->project != NULL ? self->project->settings.batch_size : 32;
  g_autofree char *trainable = NULL;
  g_autofree char *frozen = NULL;
  g_autofree char *flops = NULL;
  g_autofree char *memory = NULL;

  if (self->graph != NULL)
    lab_graph_get_totals (self->graph, &totals);
  trainable = lab_format_count (totals.trainable);
  frozen = lab_format_count (totals.frozen);
  flops = lab_format_flops (totals.flops);
  memory = lab_format_bytes (totals.parameter_bytes + totals.activation_bytes * (guint64) batch);
  gtk_label_set_text (GTK_LABEL (self->totals_values[0]), trainable);
  gtk_label_set_text (GTK_LABEL (self->totals_values[1]), frozen);
  gtk_label_set_text (GTK_LABEL (self->totals_values[2]), flops);
  gtk_label_set_text (GTK_LABEL (self->totals_values[3]), memory);
}

void
lab_inspector_emit_settings_changed (LabInspector *self)
{
  g_return_if_fail (LAB_IS_INSPECTOR (self));
  update_totals (self);   /* the memory estimate follows the batch size */
  g_signal_emit (self, signals[SETTINGS_CHANGED], 0);
}

/* ---- several layers ---------------------------------------------------------------------- */

static void
multi_sync (LabInspector *self)
{
  guint64 params = 0;
  gboolean all_frozen = TRUE;
  gboolean any_trainable = FALSE;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < self->selection->len; i++)
    {
      LabNode *node = lab_graph_get_node (self->graph, g_array_index (self->selection, guint, i));

      params += node->n_params + node->n_frozen;
      if (names->len < 80)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", node->name);
      if (lab_node_has_weights (node))
        {
          any_trainable = TRUE;
          all_frozen = all_frozen && node->frozen;
        }
    }

  self->syncing = TRUE;
  title = g_strdup_printf (ngettext ("%u layer selected", "%u layers selected", self->selection->len),
                           self->selection->len);
  gtk_label_set_text (GTK_LABEL (self->multi_title), title);
  if (names->len >= 80)
    g_string_append (names, "…");
  gtk_label_set_text (GTK_LABEL (self->multi_names), names->str);
  count = lab_format_count (params);
  gtk_label_set_text (GTK_LABEL (self->multi_params), count);
  gtk_switch_set_active (GTK_SWITCH (self->multi_freeze), any_trainable && all_frozen);
  gtk_widget_set_sensitive (self->multi_freeze, any_trainable);
  self->syncing = FALSE;
}

static void
on_multi_freeze_cb (GtkSwitch    *sw,
                    GParamSpec   *pspec,
                    LabInspector *self)
{
  gboolean frozen = gtk_switch_get_active (sw);
  g_autofree char *label = NULL;

  if (self->syncing || self->history == NULL)
    return;

  label = g_strdup_printf (frozen ? ngettext ("Freeze %u Layer", "Freeze %u Layers", self->selection->len)
                                  : ngettext ("Unfreeze %u Layer", "Unfreeze %u Layers", self->selection->len),
                           self->selection->len);
  lab_history_begin_group (self->history, label);
  for (guint i = 0; i < self->selection->len; i++)
    {
      guint id = g_array_index (self->selection, guint, i);
      LabNode *node = lab_graph_get_node (self->graph, id);
      g_autoptr(GError) error = NULL;

      if (!lab_node_has_weights (node) || node->frozen == frozen)
        continue;
      if (!lab_history_set_frozen (self->history, id, frozen, &error))
        lab_inspector_emit_message (self, error->message);
    }
  lab_history_end_group (self->history);
}

static GtkWidget *
multi_page_new (LabInspector *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = adw_preferences_group_new ();

  self->multi_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->multi_title, "title-3");
  gtk_label_set_xalign (GTK_LABEL (self->multi_title), 0.0f);
  self->multi_names = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->multi_names, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->multi_names), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (self->multi_names), TRUE);
  {
    GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

    gtk_box_append (GTK_BOX (heading), self->multi_title);
    gtk_box_append (GTK_BOX (heading), self->multi_names);
    gtk_box_append (GTK_BOX (box), heading);
  }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             lab_inspector_value_row_new (_("Parameters"),
                                                          _("Weights and biases of the selected layers together."),
                                                          &self->multi_params));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             lab_inspector_switch_row_new (_("Freeze weights"),
                                                           _("Keeps the weights of every selected layer as they are while the rest trains. In transfer learning you freeze the layers of a pre-trained network and train only a new head."),
                                                           &self->multi_freeze));
  g_signal_connect (self->multi_freeze, "notify::active", G_CALLBACK (on_multi_freeze_cb), self);
  gtk_box_append (GTK_BOX (box), group);
  return box;
}

/* ---- the lock while training ------------------------------------------------------------- */

/* The session trains a copy built from the layers, the data and the settings as they were when
 * it started: changing them now would not reach the run, and would make the weights belong to
 * a model that no longer exists. The learning rate is the exception: the run takes it live. */
static void
apply_training_lock (LabInspector *self)
{
  const char *note = NULL;

  switch (self->page_kind)
    {
    case PAGE_SETTINGS:
      lab_inspector_settings_page_set_training (self->page, self->training);
      note = _("Training is running. These settings were fixed when it started, since the "
               "network, the optimizer and the data splits are built from them; change them "
               "after stopping. The learning rate takes effect at once, from the next batch.");
      break;
    case PAGE_NODE:
    case PAGE_MULTI:
      gtk_widget_set_sensitive (self->page, !self->training);
      note = _("Training is running. The layers cannot change while the network learns with "
               "them: stop training, or wait until it finishes, to edit them.");
      break;
    case PAGE_NONE:
    default:
      break;
    }
  gtk_label_set_text (GTK_LABEL (self->training_note_label), note != NULL ? note : "");
  gtk_widget_set_visible (self->training_note, self->training && note != NULL);
}

static GtkWidget *
training_note_new (LabInspector *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_start (icon, 12);
  gtk_widget_set_margin_top (icon, 12);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_box_append (GTK_BOX (box), icon);
  self->training_note_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->training_note_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->training_note_label), 0);
  gtk_widget_set_hexpand (self->training_note_label, TRUE);
  gtk_widget_set_margin_top (self->training_note_label, 12);
  gtk_widget_set_margin_bottom (self->training_note_label, 12);
  gtk_widget_set_margin_end (self->training_note_label, 12);
  gtk_box_append (GTK_BOX (box), self->training_note_label);
  gtk_widget_set_visible (box, FALSE);
  return box;
}

void
lab_inspector_set_training (LabInspector *self,
                            gboolean      training)
{
  g_return_if_fail (LAB_IS_INSPECTOR (self));

  training = !!training;
  if (self->training == training)
    return;
  self->training = training;
  apply_training_lock (self);
}

gboolean
lab_inspector_get_training (LabInspector *self)
{
  g_return_val_if_fail (LAB_IS_INSPECTOR (self), FALSE);
  return self->training;
}

/* ---- pages --------------------------------------------------------------------------------- */

static void
rebuild (LabInspector *self)
{
  if (self->page != NULL)
    {
      gtk_box_remove (GTK_BOX (self->content), self->page);
      self->page = NULL;
    }
  self->page_kind = PAGE_NONE;

  if (self->graph != NULL && self->selection->len == 1)
    {
      self->page = lab_inspector_node_page_new (self, self->history, g_array_index (self->selection, guint, 0));
      self->page_kind = PAGE_NODE;
    }
  else if (self->graph != NULL && self->selection->len > 1)
    {
      self->page = multi_page_new (self);
      self->page_kind = PAGE_MULTI;
      multi_sync (self);
    }
  else if (self->project != NULL)
    {
      self->page = lab_inspector_settings_page_new (self, self->project);
      self->page_kind = PAGE_SETTINGS;
    }

  if (self->page != NULL)
    gtk_box_append (GTK_BOX (self->content), self->page);
  apply_training_lock (self);
}

/* Drops ids that no longer exist; TRUE when some did. */
static gboolean
prune_selection (LabInspector *self)
{
  gboolean pruned = FALSE;

  for (guint i = self->selection->len; i > 0; i--)
    if (lab_graph_get_node (self->graph, g_array_index (self->selection, guint, i - 1)) == NULL)
      {
        g_array_remove_index (self->selection, i - 1);
        pruned = TRUE;
      }
  return pruned;
}

static void
on_graph_changed_cb (LabGraph     *graph,
                     LabInspector *self)
{
  lab_graph_analyze (graph);
  update_totals (self);

  if (prune_selection (self))
    {
      rebuild (self);
      return;
    }
  switch (self->page_kind)
    {
    case PAGE_NODE:
      lab_inspector_node_page_sync (self->page);
      break;
    case PAGE_MULTI:
      multi_sync (self);
      break;
    case PAGE_SETTINGS:
    case PAGE_NONE:
    default:
      break;
    }
}

/* ---- the widget ---------------------------------------------------------------------------- */

static void
lab_inspector_dispose (GObject *object)
{
  LabInspector *self = LAB_INSPECTOR (object);

  if (self->graph != NULL)
    g_clear_signal_handler (&self->changed_id, self->graph);
  g_clear_object (&self->graph);
  g_clear_object (&self->history);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  G_OBJECT_CLASS (lab_inspector_parent_class)->dispose (object);
}

static void
lab_inspector_finalize (GObject *object)
{
  LabInspector *self = LAB_INSPECTOR (object);

  g_clear_pointer (&self->selection, g_array_unref);
  G_OBJECT_CLASS (lab_inspector_parent_class)->finalize (object);
}

static void
lab_inspector_class_init (LabInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_inspector_dispose;
  object_class->finalize = lab_inspector_finalize;

  signals[SETTINGS_CHANGED] =
    g_signal_new ("settings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "labinspector");

  /* The error card's tint, from libadwaita's named colours so that dark mode follows. Kept here
   * rather than in style.css so that the inspector looks right wherever it is embedded. */
  if (gdk_display_get_default () != NULL)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider,
                                       "labinspector .lab-error-card {"
                                       "  background-color: alpha(@error_color, 0.08);"
                                       "  box-shadow: inset 0 0 0 1px alpha(@error_color, 0.35);"
                                       "}", -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
}

static void
lab_inspector_init (LabInspector *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *totals = adw_preferences_group_new ();

  self->selection = g_array_new (FALSE, FALSE, sizeof (guint));

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_start (self->content, 12);
  gtk_widget_set_margin_end (self->content, 12);
  gtk_widget_set_margin_top (self->content, 12);
  gtk_widget_set_margin_bottom (self->content, 24);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (totals), _("Model"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (totals), totals_card_new (self));
  gtk_box_append (GTK_BOX (self->content), totals);
  self->training_note = training_note_new (self);
  gtk_box_append (GTK_BOX (self->content), self->training_note);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->content);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Inspector"), -1);
  update_totals (self);
}

GtkWidget *
lab_inspector_new (void)
{
  return g_object_new (LAB_TYPE_INSPECTOR, NULL);
}

void
lab_inspector_set_history (LabInspector *self,
                           LabHistory   *history)
{
  g_return_if_fail (LAB_IS_INSPECTOR (self));
  g_return_if_fail (history == NULL || LAB_IS_HISTORY (history));

  if (self->history == history)
    return;
  if (self->graph != NULL)
    g_clear_signal_handler (&self->changed_id, self->graph);
  g_clear_object (&self->graph);
  g_set_object (&self->history, history);
  g_array_set_size (self->selection, 0);
  if (history != NULL)
    {
      self->graph = g_object_ref (lab_history_get_graph (history));
      self->changed_id = g_signal_connect (self->graph, "changed", G_CALLBACK (on_graph_changed_cb), self);
      lab_graph_analyze (self->graph);
    }
  update_totals (self);
  rebuild (self);
}

void
lab_inspector_set_project (LabInspector *self,
                           LabProject   *project)
{
  g_return_if_fail (LAB_IS_INSPECTOR (self));

  self->project = project;
  update_totals (self);
  if (self->selection->len == 0 || project == NULL)
    rebuild (self);
}

void
lab_inspector_set_selection (LabInspector *self,
                             const guint  *ids,
                             guint         n)
{
  g_return_if_fail (LAB_IS_INSPECTOR (self));
  g_return_if_fail (ids != NULL || n == 0);

  if (n == self->selection->len &&
      (n == 0 || memcmp (ids, self->selection->data, n * sizeof (guint)) == 0))
    return;
  g_array_set_size (self->selection, 0);
  g_array_append_vals (self->selection, ids, n);
  if (self->graph != NULL)
    prune_selection (self);
  rebuild (self);
}

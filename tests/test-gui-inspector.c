/* test-gui-inspector.c: the side panels' logic (number formats, spin buttons from a setting's
 * spec, the one-click fixes, palette search) and, with a display, an edit made in the inspector
 * that reaches the graph and is undone
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>

#include "lab-core.h"
#include "lab-history.h"
#include "lab-inspector-private.h"
#include "lab-palette.h"
#include "lab-palette-private.h"

static void
check_str (char       *owned,
           const char *expected)
{
  g_assert_cmpstr (owned, ==, expected);
  g_free (owned);
}

static void
test_format_numbers (void)
{
  check_str (lab_format_count (0), "0");
  check_str (lab_format_count (999), "999");
  check_str (lab_format_count (1000), "1,000");
  check_str (lab_format_count (235146), "235,146");
  check_str (lab_format_count (1234567), "1,234,567");

  check_str (lab_format_flops (120), "120\u00a0FLOPs");
  check_str (lab_format_flops (1200000), "1.2\u00a0MFLOPs");
  check_str (lab_format_flops (8600000), "8.6\u00a0MFLOPs");
  check_str (lab_format_flops (235000000), "235\u00a0MFLOPs");
  check_str (lab_format_flops (999999), "1.0\u00a0MFLOPs");
  check_str (lab_format_flops (4500000000), "4.5\u00a0GFLOPs");

  check_str (lab_format_bytes (1800000), "1.8\u00a0MB");

  check_str (lab_format_spin_value (0.5, 2), "0.5");
  check_str (lab_format_spin_value (64, 0), "64");
  check_str (lab_format_spin_value (0.001, 5), "0.001");
  check_str (lab_format_spin_value (0.1 + 0.2, 2), "0.3");
  check_str (lab_format_spin_value (1e-8, 12), "1e-08");
  check_str (lab_format_spin_value (-0.0, 3), "0");
}

static const LabHParamSpec *
find_spec (const char *type_name,
           const char *key)
{
  const LabLayerType *type = lab_layer_type_find (type_name);
  int i;

  g_assert_nonnull (type);
  i = lab_hparams_find (type->hparams, type->n_hparams, key);
  g_assert_cmpint (i, >=, 0);
  return &type->hparams[i];
}

static void
test_spin_params (void)
{
  const LabHParamSpec *units = find_spec ("Dense", "units");
  const LabHParamSpec *rate = find_spec ("Dropout", "rate");
  const LabHParamSpec *eps = find_spec ("BatchNorm", "epsilon");
  LabSpinParams sp;

  lab_spin_params_for_hparam (units, 64, &sp);
  g_assert_cmpfloat (sp.lower, ==, units->min);
  g_assert_cmpfloat (sp.upper, ==, units->max);
  g_assert_cmpfloat (sp.step, ==, 1.0);
  g_assert_cmpuint (sp.digits, ==, 0);
  g_assert_cmpfloat (sp.page, >, 1.0);

  lab_spin_params_for_hparam (rate, 0.5, &sp);
  g_assert_cmpfloat (sp.lower, ==, 0.0);
  g_assert_cmpfloat (sp.upper, ==, rate->max);
  g_assert_cmpfloat_with_epsilon (sp.step, 0.1, 1e-12);
  g_assert_cmpuint (sp.digits, ==, 2);

  /* A tiny epsilon gets steps and digits of its own size, not 0.01. */
  lab_spin_params_for_hparam (eps, 1e-5, &sp);
  g_assert_cmpfloat_with_epsilon (sp.step, 1e-6, 1e-15);
  g_assert_cmpuint (sp.digits, >=, 6);

  /* Steps follow the value on a log scale. */
  g_assert_cmpfloat_with_epsilon (lab_spin_log_step (0.01, 1), 0.001, 1e-15);
  g_assert_cmpfloat_with_epsilon (lab_spin_log_step (0.05, 1), 0.01, 1e-15);
  g_assert_cmpfloat_with_epsilon (lab_spin_log_step (3, 1), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (lab_spin_log_step (0.001, 1), 0.0001, 1e-15);
  g_assert_cmpfloat (lab_spin_log_step (0, 0.25), ==, 0.25);
  g_assert_cmpuint (lab_spin_digits_for (0.001, 0.0001, 2, 8), ==, 4);
  g_assert_cmpuint (lab_spin_digits_for (0.5, 0.1, 2, 8), ==, 2);
  g_assert_cmpuint (lab_spin_digits_for (1e-12, 0, 2, 8), ==, 8);
}

static guint
add (LabGraph   *graph,
     const char *type,
     const char *name)
{
  g_autoptr(GError) error = NULL;
  guint id = lab_graph_add_node (graph, type, name, 0, 0, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_fix_detection (void)
{
  g_autoptr(LabGraph) graph = lab_graph_new ();
  g_autoptr(LabHistory) history = lab_history_new (graph);
  g_autoptr(GError) error = NULL;
  guint in = add (graph, "Input", "in");
  guint conv = add (graph, "Conv2D", "conv");
  guint fc = add (graph, "Dense", "fc");
  guint flat;
  guint src = 99;

  g_assert_true (lab_graph_set_hparam_text (graph, in, "shape", "1x8x8", &error));
  g_assert_true (lab_graph_connect (graph, in, conv, &error));
  g_assert_true (lab_graph_connect (graph, conv, fc, &error));
  g_assert_no_error (error);
  lab_graph_analyze (graph);

  /* Dense after a convolution: the fix is a Flatten on the edge conv → fc. */
  g_assert_nonnull (lab_graph_get_node (graph, fc)->error);
  g_assert_cmpint (lab_node_fix_for (graph, lab_graph_get_node (graph, fc), &src), ==, LAB_NODE_FIX_INSERT_FLATTEN);
  g_assert_cmpuint (src, ==, conv);

  /* Valid nodes need no fix. */
  g_assert_cmpint (lab_node_fix_for (graph, lab_graph_get_node (graph, conv), &src), ==, LAB_NODE_FIX_NONE);
  g_assert_cmpuint (src, ==, 0);

  /* After the fix the Dense layer is valid. */
  flat = lab_history_insert_between (history, conv, fc, "Flatten", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flat, !=, 0);
  lab_graph_analyze (graph);
  g_assert_null (lab_graph_get_node (graph, fc)->error);
  g_assert_cmpint (lab_node_fix_for (graph, lab_graph_get_node (graph, fc), &src), ==, LAB_NODE_FIX_NONE);

  /* A Dense fed a flat vector is not offered a Flatten, even when something else is wrong. */
  {
    g_autoptr(LabGraph) g2 = lab_graph_new ();
    guint i2 = add (g2, "Input", "in");
    guint d1 = add (g2, "Dense", "d1");
    guint d2 = add (g2, "Dense", "d2");

    g_assert_true (lab_graph_set_hparam_text (g2, i2, "shape", "16", &error));
    g_assert_true (lab_graph_connect (g2, i2, d1, &error));
    lab_graph_analyze (g2);
    g_assert_cmpint (lab_node_fix_for (g2, lab_graph_get_node (g2, d1), &src), ==, LAB_NODE_FIX_NONE);

    /* d2 has no input and d1 is the only free output: connect it. */
    g_assert_nonnull (lab_graph_get_node (g2, d2)->error);
    g_assert_cmpint (lab_node_fix_for (g2, lab_graph_get_node (g2, d2), &src), ==, LAB_NODE_FIX_CONNECT_INPUT);
    g_assert_cmpuint (src, ==, d1);

    /* With two candidates it is not obvious which one. */
    add (g2, "Dense", "d3");
    lab_graph_analyze (g2);
    g_assert_cmpint (lab_node_fix_for (g2, lab_graph_get_node (g2, d2), &src), ==, LAB_NODE_FIX_NONE);
  }
}

static const LabPaletteEntry *
entry_for (GPtrArray  *entries,
           const char *spec)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const LabPaletteEntry *e = g_ptr_array_index (entries, i);

      if (strcmp (e->spec, spec) == 0)
        return e;
    }
  return NULL;
}

static guint
count_matches (GPtrArray  *entries,
               const char *query)
{
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    n += lab_palette_entry_matches (g_ptr_array_index (entries, i), query);
  return n;
}

static void
test_palette_entries (void)
{
  g_autoptr(GPtrArray) entries = lab_palette_entries_new ();
  const LabLayerType * const *types = lab_layer_types ();
  static const char * const order[] = { "Core", "Convolution", "Pooling", "Normalization",
                                        "Regularization", "Activation", "Merge" };
  guint rank = 0;
  guint n_presets;

  lab_activation_presets (&n_presets);
  g_assert_cmpuint (n_presets, ==, LAB_ACT_N_KINDS);

  /* Every type but the bare Activation, and one preset per function. */
  for (guint i = 0; types[i] != NULL; i++)
    if (strcmp (types[i]->name, "Activation") == 0)
      g_assert_null (entry_for (entries, "Activation"));
    else
      g_assert_nonnull (entry_for (entries, types[i]->name));
  for (guint k = 0; k < LAB_ACT_N_KINDS; k++)
    {
      g_autofree char *spec = g_strconcat ("Activation:", lab_activation_kind_to_string (k), NULL);
      const LabPaletteEntry *e = entry_for (entries, spec);

      g_assert_nonnull (e);
      g_assert_cmpstr (e->category, ==, "Activation");
      g_assert_true (g_str_has_prefix (e->icon_name, "lab-activation-"));
      g_assert_cmpuint (strlen (e->description), >, 20);
      g_assert_cmpuint (strlen (e->tooltip), >, strlen (e->description));
    }

  /* Grouped in the palette's category order. */
  for (guint i = 0; i < entries->len; i++)
    {
      const LabPaletteEntry *e = g_ptr_array_index (entries, i);

      while (rank < G_N_ELEMENTS (order) && strcmp (order[rank], e->category) != 0)
        rank++;
      g_assert_cmpuint (rank, <, G_N_ELEMENTS (order));
    }

  /* Search: title, type name, description and category, any case, every word. */
  g_assert_cmpuint (count_matches (entries, NULL), ==, entries->len);
  g_assert_cmpuint (count_matches (entries, "  "), ==, entries->len);
  g_assert_true (lab_palette_entry_matches (entry_for (entries, "Conv2D"), "conv"));
  g_assert_true (lab_palette_entry_matches (entry_for (entries, "MaxPool2D"), "POOL"));
  g_assert_true (lab_palette_entry_matches (entry_for (entries, "MaxPool2D"), "max pool"));
  g_assert_false (lab_palette_entry_matches (entry_for (entries, "AvgPool2D"), "max pool"));
  g_assert_true (lab_palette_entry_matches (entry_for (entries, "Activation:softmax"), "probabilities"));
  g_assert_true (lab_palette_entry_matches (entry_for (entries, "Activation:relu"), "activation"));
  g_assert_true (lab_palette_entry_matches (entry_for (entries, "BatchNorm"), "normalization"));
  g_assert_true (lab_palette_entry_matches (entry_for (entries, "GlobalAvgPool2D"), "globalavg"));
  g_assert_cmpuint (count_matches (entries, "merge"), ==, 2);
  g_assert_cmpuint (count_matches (entries, "zzzz"), ==, 0);
  g_assert_cmpuint (count_matches (entries, "relu"), >=, 3);   /* ReLU, Leaky ReLU, PReLU */
}

/* ---- with a display ---------------------------------------------------------------------- */

static void
collect (GtkWidget *widget,
         GType      type,
         gboolean   hidden_too,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (hidden_too || gtk_widget_get_visible (widget)))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, hidden_too, found);
}

static GtkWidget *
find_first (GtkWidget *root,
            GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, type, FALSE, found);
  g_assert_cmpuint (found->len, >, 0);
  return g_ptr_array_index (found, 0);
}

static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, type, TRUE, found);
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (found, i)), title) == 0)
      return g_ptr_array_index (found, i);
  g_assert_not_reached ();
  return NULL;
}

static gboolean display_ok;

static void
on_layer_activated_cb (LabPalette *palette,
                       const char *spec,
                       char      **out)
{
  g_free (*out);
  *out = g_strdup (spec);
}

static char *
units_of (LabGraph *graph,
          guint     id)
{
  return lab_graph_dup_hparam_text (graph, id, "units");
}

static void
test_inspector_edit_undo (void)
{
  g_autoptr(LabGraph) graph = NULL;
  g_autoptr(LabHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *inspector, *palette, *spin, *search;
  guint in, fc;
  char *activated = NULL;

  if (!display_ok)
    {
      g_test_skip ("needs a display: run under Xvfb (shared/tools/gui-session exec)");
      return;
    }

  graph = lab_graph_new ();
  in = add (graph, "Input", "in");
  fc = add (graph, "Dense", "fc");
  g_assert_true (lab_graph_set_hparam_text (graph, in, "shape", "20", &error));
  g_assert_true (lab_graph_connect (graph, in, fc, &error));
  history = lab_history_new (graph);

  window = gtk_window_new ();
  inspector = lab_inspector_new ();
  palette = lab_palette_new ();
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

    gtk_box_append (GTK_BOX (box), palette);
    gtk_box_append (GTK_BOX (box), inspector);
    gtk_window_set_child (GTK_WINDOW (window), box);
  }
  lab_inspector_set_history (LAB_INSPECTOR (inspector), history);
  lab_inspector_set_selection (LAB_INSPECTOR (inspector), &fc, 1);
  gtk_window_present (GTK_WINDOW (window));

  /* Dense has one spin button: units. */
  spin = find_first (inspector, GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 64);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 100);
  check_str (units_of (graph, fc), "100");
  g_assert_true (lab_history_can_undo (history));

  /* Invalid text is marked and not applied; valid text is applied as typed. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "abc");
  g_assert_true (gtk_widget_has_css_class (spin, "error"));
  check_str (units_of (graph, fc), "100");
  gtk_editable_set_text (GTK_EDITABLE (spin), "0");
  g_assert_true (gtk_widget_has_css_class (spin, "error"));
  check_str (units_of (graph, fc), "100");
  gtk_editable_set_text (GTK_EDITABLE (spin), "120");
  g_assert_false (gtk_widget_has_css_class (spin, "error"));
  check_str (units_of (graph, fc), "120");

  /* Undo restores the graph and the control follows without making an edit of its own. */
  while (lab_history_can_undo (history))
    g_assert_true (lab_history_undo (history));
  check_str (units_of (graph, fc), "64");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 64);
  g_assert_false (lab_history_can_undo (history));
  g_assert_true (lab_history_can_redo (history));

  /* An Activation shows the setting of its function only, and follows undo. */
  {
    guint act = add (graph, "Activation", "act");
    guint both[2] = { fc, act };
    GtkWidget *sw;

    g_assert_true (lab_graph_connect (graph, fc, act, &error));
    g_assert_no_error (error);
    lab_inspector_set_selection (LAB_INSPECTOR (inspector), &act, 1);
    g_assert_false (gtk_widget_get_visible (find_row (inspector, ADW_TYPE_ACTION_ROW, "Negative slope")));
    adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (inspector, ADW_TYPE_COMBO_ROW, "Function")), LAB_ACT_LEAKY_RELU);
    check_str (lab_graph_dup_hparam_text (graph, act, "function"), "leaky_relu");
    g_assert_true (gtk_widget_get_visible (find_row (inspector, ADW_TYPE_ACTION_ROW, "Negative slope")));
    g_assert_true (lab_history_undo (history));
    check_str (lab_graph_dup_hparam_text (graph, act, "function"), "relu");
    g_assert_false (gtk_widget_get_visible (find_row (inspector, ADW_TYPE_ACTION_ROW, "Negative slope")));
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_row (inspector, ADW_TYPE_COMBO_ROW, "Function"))), ==, LAB_ACT_RELU);

    /* Two layers: the switch freezes the one with weights, as one step. */
    lab_inspector_set_selection (LAB_INSPECTOR (inspector), both, 2);
    sw = find_first (inspector, GTK_TYPE_SWITCH);
    gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
    g_assert_true (lab_graph_get_node (graph, fc)->frozen);
    g_assert_true (lab_history_undo (history));
    g_assert_false (lab_graph_get_node (graph, fc)->frozen);
    g_assert_false (gtk_switch_get_active (GTK_SWITCH (sw)));

    /* Deleting a selected node leaves the other selected. */
    g_assert_true (lab_history_remove_nodes (history, &act, 1, &error));
    g_assert_nonnull (find_row (inspector, ADW_TYPE_ENTRY_ROW, "Name"));
  }

  /* The palette: Enter in the search adds the first match. */
  g_signal_connect (palette, "layer-activated", G_CALLBACK (on_layer_activated_cb), &activated);
  search = find_first (palette, GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (search), "softmax");
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (activated, ==, "Activation:softmax");
  g_free (activated);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
suffix_spin (GtkWidget *row)
{
  return find_first (row, GTK_TYPE_SPIN_BUTTON);
}

static void
count_signal_cb (GtkWidget *widget,
                 guint     *count)
{
  (*count)++;
}

static void
on_message_cb (LabInspector *inspector,
               const char   *text,
               char        **out)
{
  g_free (*out);
  *out = g_strdup (text);
}

static void
test_inspector_settings (void)
{
  g_autoptr(LabProject) project = NULL;
  g_autoptr(LabHistory) history = NULL;
  GtkWidget *window, *inspector, *combo, *spin;
  guint changed = 0;
  char *message = NULL;
  double val;

  if (!display_ok)
    {
      g_test_skip ("needs a display: run under Xvfb (shared/tools/gui-session exec)");
      return;
    }

  project = lab_project_new ();
  history = lab_history_new (project->graph);
  window = gtk_window_new ();
  inspector = lab_inspector_new ();
  gtk_window_set_child (GTK_WINDOW (window), inspector);
  lab_inspector_set_history (LAB_INSPECTOR (inspector), history);
  lab_inspector_set_project (LAB_INSPECTOR (inspector), project);
  g_signal_connect (inspector, "settings-changed", G_CALLBACK (count_signal_cb), &changed);
  g_signal_connect (inspector, "message", G_CALLBACK (on_message_cb), &message);
  gtk_window_present (GTK_WINDOW (window));

  /* Adam shows β₁ and no momentum; picking SGD swaps them and takes SGD's defaults. */
  g_assert_cmpint (project->settings.optimizer.kind, ==, LAB_OPTIMIZER_ADAM);
  g_assert_true (gtk_widget_get_visible (find_row (inspector, ADW_TYPE_ACTION_ROW, "β₁")));
  g_assert_false (gtk_widget_get_visible (find_row (inspector, ADW_TYPE_ACTION_ROW, "Momentum")));
  combo = find_row (inspector, ADW_TYPE_COMBO_ROW, "Optimizer");
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), LAB_OPTIMIZER_SGD);
  g_assert_cmpint (project->settings.optimizer.kind, ==, LAB_OPTIMIZER_SGD);
  g_assert_cmpfloat_with_epsilon (project->settings.optimizer.lr, 0.01, 1e-7);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (gtk_widget_get_visible (find_row (inspector, ADW_TYPE_ACTION_ROW, "Momentum")));
  g_assert_false (gtk_widget_get_visible (find_row (inspector, ADW_TYPE_ACTION_ROW, "β₁")));

  /* The learning rate spin writes the setting. */
  spin = suffix_spin (find_row (inspector, ADW_TYPE_ACTION_ROW, "Learning rate"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0.05);
  g_assert_cmpfloat_with_epsilon (project->settings.optimizer.lr, 0.05, 1e-7);
  g_assert_cmpuint (changed, ==, 2);

  /* Validation + test fractions of 1 or more are refused with the core's message. */
  val = project->settings.val_fraction;
  project->settings.test_fraction = 0.3;
  spin = suffix_spin (find_row (inspector, ADW_TYPE_ACTION_ROW, "Validation fraction"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0.8);
  g_assert_cmpfloat (project->settings.val_fraction, ==, val);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "add up to less than 1"));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, val);
  g_assert_cmpuint (changed, ==, 2);
  g_free (message);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Not gtk_test_init (): it aborts without a display, and these tests skip instead. */
  if (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL)
    {
      display_ok = gtk_init_check ();
      if (display_ok)
        adw_init ();
    }

  g_test_add_func ("/gui/inspector/format", test_format_numbers);
  g_test_add_func ("/gui/inspector/spin-params", test_spin_params);
  g_test_add_func ("/gui/inspector/fix-detection", test_fix_detection);
  g_test_add_func ("/gui/palette/entries-and-search", test_palette_entries);
  g_test_add_func ("/gui/inspector/edit-and-undo", test_inspector_edit_undo);
  g_test_add_func ("/gui/inspector/training-settings", test_inspector_settings);
  return g_test_run ();
}

/* test-graph.c: the editable model and its validation
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lab-core.h"
#include "lab-graph.h"
#include "lab-network.h"

#include <string.h>

static guint
add (LabGraph   *g,
     const char *type,
     const char *name)
{
  g_autoptr(GError) error = NULL;
  guint id = lab_graph_add_node (g, type, name, 0, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (id, !=, 0);
  return id;
}

static void
connect (LabGraph *g,
         guint     a,
         guint     b)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lab_graph_connect (g, a, b, &error));
  g_assert_no_error (error);
}

static void
set (LabGraph   *g,
     guint       id,
     const char *key,
     const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lab_graph_set_hparam_text (g, id, key, text, &error));
  g_assert_no_error (error);
}

/* Input(10) → Dense(5) → ReLU → Dense(1): 10·5+5 + 5·1+1 = 61 parameters (concepts.md B10). */
static LabGraph *
make_b10 (guint *ids)
{
  LabGraph *g = lab_graph_new ();

  ids[0] = add (g, "Input", "in");
  ids[1] = add (g, "Dense", "hidden");
  ids[2] = add (g, "Activation", "relu");
  ids[3] = add (g, "Dense", "out");
  set (g, ids[0], "shape", "10");
  set (g, ids[1], "units", "5");
  set (g, ids[3], "units", "1");
  connect (g, ids[0], ids[1]);
  connect (g, ids[1], ids[2]);
  connect (g, ids[2], ids[3]);
  return g;
}

static void
on_changed (LabGraph *g,
            guint    *count)
{
  (*count)++;
}

static void
test_edit_and_count (void)
{
  guint ids[4];
  g_autoptr(LabGraph) g = make_b10 (ids);
  g_autoptr(GError) error = NULL;
  LabGraphTotals totals;
  LabNode *node;

  g_assert_true (lab_graph_validate (g, &error));
  g_assert_no_error (error);
  lab_graph_get_totals (g, &totals);
  g_assert_cmpuint (totals.trainable, ==, 61);
  g_assert_cmpuint (totals.frozen, ==, 0);
  g_assert_cmpuint (totals.flops, >=, 2 * (10 * 5 + 5 * 1));

  node = lab_graph_get_node (g, ids[1]);
  g_assert_cmpuint (node->n_params, ==, 55);
  g_assert_cmpuint (node->out_shape.ndim, ==, 1);
  g_assert_cmpuint (node->out_shape.dims[0], ==, 5);
  g_assert_true (lab_graph_get_input (g) == lab_graph_get_node (g, ids[0]));
  g_assert_true (lab_graph_get_output (g) == lab_graph_get_node (g, ids[3]));

  /* Freezing moves the counts without changing the total. */
  lab_graph_set_frozen (g, ids[1], TRUE);
  lab_graph_analyze (g);
  lab_graph_get_totals (g, &totals);
  g_assert_cmpuint (totals.trainable, ==, 6);
  g_assert_cmpuint (totals.frozen, ==, 55);
}

static void
test_auto_names_and_errors (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(GError) error = NULL;
  guint a, b, in;
  guint changes = 0;

  g_signal_connect (g, "changed", G_CALLBACK (on_changed), &changes);
  a = add (g, "Dense", NULL);
  b = add (g, "Dense", NULL);
  g_assert_cmpstr (lab_graph_get_node (g, a)->name, ==, "dense1");
  g_assert_cmpstr (lab_graph_get_node (g, b)->name, ==, "dense2");
  g_assert_cmpuint (changes, ==, 2);

  g_assert_cmpuint (lab_graph_add_node (g, "Dense", "dense1", 0, 0, &error), ==, 0);
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
  g_assert_nonnull (strstr (error->message, "dense1"));
  g_clear_error (&error);

  g_assert_cmpuint (lab_graph_add_node (g, "Dense3D", NULL, 0, 0, &error), ==, 0);
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
  g_assert_nonnull (strstr (error->message, "Dense3D"));
  g_assert_nonnull (strstr (error->message, "Conv2D"));   /* lists the known types */
  g_clear_error (&error);

  g_assert_false (lab_graph_rename (g, a, "dense2", &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
  g_clear_error (&error);
  g_assert_false (lab_graph_rename (g, a, "a.b", &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
  g_clear_error (&error);
  g_assert_true (lab_graph_rename (g, a, "fc1", &error));
  g_assert_cmpstr (lab_graph_get_node (g, a)->name, ==, "fc1");

  g_assert_false (lab_graph_connect (g, a, a, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
  g_clear_error (&error);

  in = add (g, "Input", NULL);
  g_assert_false (lab_graph_connect (g, a, in, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
  g_clear_error (&error);

  connect (g, in, a);
  g_assert_false (lab_graph_connect (g, in, a, &error));   /* duplicate */
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
  g_clear_error (&error);
  g_assert_false (lab_graph_connect (g, b, a, &error));    /* Dense takes one input */
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
  g_assert_nonnull (strstr (error->message, "Add"));
  g_clear_error (&error);

  /* Bad settings name the layer and the setting. */
  g_assert_false (lab_graph_set_hparam_text (g, a, "units", "-3", &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
  g_assert_nonnull (strstr (error->message, "fc1"));
  g_clear_error (&error);
  g_assert_false (lab_graph_set_hparam_text (g, a, "units", "many", &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
  g_clear_error (&error);
  g_assert_false (lab_graph_set_hparam_text (g, a, "kernel_size", "3", &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
  g_assert_nonnull (strstr (error->message, "units"));
  g_clear_error (&error);

  /* Removing a node removes its edges. */
  g_assert_true (lab_graph_remove_node (g, in));
  g_assert_cmpuint (lab_graph_get_node (g, a)->inputs->len, ==, 0);
  g_assert_null (lab_graph_get_node (g, in));
}

static void
test_validation_messages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LabGraph) empty = lab_graph_new ();
  guint ids[4];

  g_assert_false (lab_graph_validate (empty, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
  g_clear_error (&error);

  /* Dense after an image: the issue's own example message. */
  {
    g_autoptr(LabGraph) g = lab_graph_new ();
    guint in = add (g, "Input", "in");
    guint fc = add (g, "Dense", "fc1");

    set (g, in, "shape", "32x14x14");
    connect (g, in, fc);
    g_assert_false (lab_graph_validate (g, &error));
    g_assert_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH);
    g_assert_nonnull (strstr (error->message, "“fc1”"));
    g_assert_nonnull (strstr (error->message, "32×14×14"));
    g_assert_nonnull (strstr (error->message, "Flatten"));
    g_clear_error (&error);
    g_assert_nonnull (lab_graph_get_node (g, fc)->error);
    g_assert_false (lab_graph_get_node (g, fc)->shape_known);
    g_assert_true (lab_graph_get_node (g, in)->shape_known);
  }

  /* A dangling layer: no input. */
  {
    g_autoptr(LabGraph) g = make_b10 (ids);
    guint lonely = add (g, "Dense", "lonely");

    g_assert_false (lab_graph_validate (g, &error));
    g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
    g_assert_nonnull (strstr (error->message, "lonely"));
    g_assert_nonnull (strstr (error->message, "no input"));
    g_clear_error (&error);
    g_assert_true (lab_graph_remove_node (g, lonely));
    g_assert_true (lab_graph_validate (g, NULL));
  }

  /* Two outputs. */
  {
    g_autoptr(LabGraph) g = make_b10 (ids);
    guint extra = add (g, "Dense", "extra");

    connect (g, ids[2], extra);
    g_assert_false (lab_graph_validate (g, &error));
    g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
    g_assert_nonnull (strstr (error->message, "“out”"));
    g_assert_nonnull (strstr (error->message, "“extra”"));
    g_clear_error (&error);
  }

  /* Two inputs. */
  {
    g_autoptr(LabGraph) g = make_b10 (ids);
    guint in2 = add (g, "Input", "in2");
    guint sum = add (g, "Add", "sum");

    set (g, in2, "shape", "1");
    connect (g, ids[3], sum);
    connect (g, in2, sum);
    g_assert_false (lab_graph_validate (g, &error));
    g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
    g_assert_nonnull (strstr (error->message, "in2"));
    g_clear_error (&error);
  }

  /* A cycle, as a file may hold one: named in order. */
  {
    g_autoptr(LabGraph) g = lab_graph_new ();
    guint in = add (g, "Input", "in");
    guint a = add (g, "Add", "a");
    guint b = add (g, "Activation", "b");
    guint c = add (g, "Activation", "c");

    connect (g, in, a);
    connect (g, a, b);
    g_assert_false (lab_graph_would_cycle (g, a, b));
    g_assert_true (lab_graph_would_cycle (g, b, a));
    connect (g, b, a);
    connect (g, b, c);
    g_assert_false (lab_graph_validate (g, &error));
    g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
    g_assert_nonnull (strstr (error->message, "cycle"));
    g_assert_nonnull (strstr (error->message, "a → b → a") != NULL
                      ? strstr (error->message, "a → b → a")
                      : strstr (error->message, "b → a → b"));
    g_clear_error (&error);
    g_assert_null (lab_graph_topo_order (g, &error));
    g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
    g_clear_error (&error);
    g_assert_false (lab_graph_analyze (g));
    g_assert_nonnull (lab_graph_get_node (g, a)->error);
    g_assert_nonnull (lab_graph_get_node (g, b)->error);
    g_assert_null (lab_graph_get_node (g, c)->error);   /* downstream: unknown, not guilty */
    g_assert_false (lab_graph_get_node (g, c)->shape_known);
  }
}

/* A residual block and a concatenation: branches, fan-out and merges. */
static void
test_branches (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GArray) consumers = NULL;
  guint in = add (g, "Input", "in");
  guint c1 = add (g, "Conv2D", "c1");
  guint c2 = add (g, "Conv2D", "c2");
  guint sum = add (g, "Add", "sum");
  guint cat = add (g, "Concatenate", "cat");
  guint gap = add (g, "GlobalAvgPool2D", "gap");
  guint out = add (g, "Dense", "out");

  set (g, in, "shape", "4x8x8");
  set (g, c1, "filters", "4");
  set (g, c1, "padding", "same");
  set (g, c2, "filters", "6");
  set (g, c2, "padding", "same");
  set (g, out, "units", "3");
  connect (g, in, c1);
  connect (g, c1, sum);
  connect (g, in, sum);       /* skip connection: in fans out to c1 and sum */
  connect (g, sum, cat);
  connect (g, in, cat);
  connect (g, cat, c2);
  connect (g, c2, gap);
  connect (g, gap, out);

  g_assert_true (lab_graph_validate (g, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lab_graph_get_node (g, cat)->out_shape.dims[0], ==, 8);
  g_assert_cmpuint (lab_graph_get_node (g, c2)->out_shape.dims[0], ==, 6);
  g_assert_cmpuint (lab_graph_get_node (g, c2)->out_shape.dims[1], ==, 8);

  order = lab_graph_topo_order (g, &error);
  g_assert_nonnull (order);
  g_assert_cmpuint (g_array_index (order, guint, 0), ==, in);
  g_assert_cmpuint (g_array_index (order, guint, order->len - 1), ==, out);
  consumers = lab_graph_dup_consumers (g, in);
  g_assert_cmpuint (consumers->len, ==, 3);

  /* A mismatch in a merge names the layer. */
  set (g, c1, "filters", "5");
  g_assert_false (lab_graph_validate (g, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH);
  g_assert_nonnull (strstr (error->message, "sum"));
}

static void
test_copy (void)
{
  guint ids[4];
  g_autoptr(LabGraph) g = make_b10 (ids);
  g_autoptr(LabGraph) copy = lab_graph_copy (g);
  g_autofree char *units = NULL;

  g_assert_cmpuint (lab_graph_get_n_nodes (copy), ==, 4);
  units = lab_graph_dup_hparam_text (copy, ids[1], "units");
  g_assert_cmpstr (units, ==, "5");
  set (copy, ids[1], "units", "7");
  g_free (units);
  units = lab_graph_dup_hparam_text (g, ids[1], "units");
  g_assert_cmpstr (units, ==, "5");
  g_assert_true (lab_graph_validate (copy, NULL));
  /* New ids never collide with copied ones. */
  g_assert_cmpuint (add (copy, "Dense", NULL), >, ids[3]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/graph/edit-and-count", test_edit_and_count);
  g_test_add_func ("/core/graph/names-and-errors", test_auto_names_and_errors);
  g_test_add_func ("/core/graph/validation-messages", test_validation_messages);
  g_test_add_func ("/core/graph/branches", test_branches);
  g_test_add_func ("/core/graph/copy", test_copy);
  return g_test_run ();
}

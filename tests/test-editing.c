/* test-editing.c: the editing model behind the window: undo/redo, clipboard, templates, layout
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "lab-clipboard.h"
#include "lab-core.h"
#include "lab-history.h"
#include "lab-layout.h"
#include "lab-network.h"
#include "lab-project.h"
#include "lab-templates.h"

/* Everything undo must restore: node order, ids, names, types, settings, positions, frozen flags
 * and inputs in order. */
static char *
dump (LabGraph *g)
{
  GString *s = g_string_new (NULL);
  GPtrArray *nodes = lab_graph_get_nodes (g);

  for (guint i = 0; i < nodes->len; i++)
    {
      LabNode *node = g_ptr_array_index (nodes, i);

      g_string_append_printf (s, "%u %s %s (%g,%g)%s [", node->id, node->name, node->type->name,
                              node->x, node->y, node->frozen ? " frozen" : "");
      for (guint k = 0; k < node->type->n_hparams; k++)
        {
          g_autofree char *text = lab_hparam_to_string (&node->type->hparams[k], &node->hp[k]);

          g_string_append_printf (s, " %s=%s", node->type->hparams[k].key, text);
        }
      g_string_append (s, " ] <-");
      for (guint j = 0; j < node->inputs->len; j++)
        g_string_append_printf (s, " %u", g_array_index (node->inputs, guint, j));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* The project file's text for a graph. */
static char *
project_text (LabGraph *g)
{
  g_autoptr(LabProject) project = lab_project_new ();

  g_set_object (&project->graph, g);
  return lab_project_to_data (project, NULL);
}

static guint
add (LabHistory *h,
     const char *type,
     const char *name,
     double      x)
{
  g_autoptr(GError) error = NULL;
  guint id = lab_history_add_node (h, type, name, x, 100, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (id, !=, 0);
  return id;
}

static void
wire (LabHistory *h,
      guint       a,
      guint       b)
{
  g_autoptr(GError) error = NULL;

  lab_history_connect (h, a, b, &error);
  g_assert_no_error (error);
}

static void
set (LabHistory *h,
     guint       id,
     const char *key,
     const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lab_history_set_hparam_text (h, id, key, text, &error));
  g_assert_no_error (error);
}

static void
assert_undo_label (LabHistory *h,
                   const char *label)
{
  g_autofree char *property = NULL;

  g_assert_cmpstr (lab_history_get_undo_label (h), ==, label);
  g_object_get (h, "undo-label", &property, NULL);
  g_assert_cmpstr (property, ==, label);
}

/* Records the graph after every step, then undoes to the start and redoes to the end, comparing
 * each state with the dump and the project text. */
typedef struct
{
  GPtrArray *dumps;
  GPtrArray *texts;
} Trail;

static void
trail_push (Trail    *t,
            LabGraph *g)
{
  g_ptr_array_add (t->dumps, dump (g));
  g_ptr_array_add (t->texts, project_text (g));
}

static void
trail_check (Trail      *t,
             LabHistory *h)
{
  LabGraph *g = lab_history_get_graph (h);

  for (guint i = t->dumps->len - 1; i-- > 0;)
    {
      g_autofree char *d = NULL, *p = NULL;

      g_assert_true (lab_history_undo (h));
      d = dump (g);
      p = project_text (g);
      g_assert_cmpstr (d, ==, g_ptr_array_index (t->dumps, i));
      g_assert_cmpstr (p, ==, g_ptr_array_index (t->texts, i));
    }
  g_assert_false (lab_history_can_undo (h));
  g_assert_false (lab_history_undo (h));
  for (guint i = 1; i < t->dumps->len; i++)
    {
      g_autofree char *d = NULL, *p = NULL;

      g_assert_true (lab_history_redo (h));
      d = dump (g);
      p = project_text (g);
      g_assert_cmpstr (d, ==, g_ptr_array_index (t->dumps, i));
      g_assert_cmpstr (p, ==, g_ptr_array_index (t->texts, i));
    }
  g_assert_false (lab_history_can_redo (h));
}

static void
test_every_edit_round_trip (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(LabHistory) h = lab_history_new (g);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pasted = NULL;
  g_autofree char *clip = NULL;
  Trail t = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  guint in, conv, relu, flat, fc1, out, ids[3];

  trail_push (&t, g);   /* empty */
  in = add (h, "Input", "in", 0);                          trail_push (&t, g);
  set (h, in, "shape", "1x28x28");                         trail_push (&t, g);
  conv = add (h, "Conv2D", "conv", 200);                   trail_push (&t, g);
  relu = add (h, "Activation", NULL, 400);                 trail_push (&t, g);
  fc1 = add (h, "Dense", "fc1", 600);                      trail_push (&t, g);
  out = add (h, "Dense", "out", 800);                      trail_push (&t, g);
  assert_undo_label (h, "Undo Add Dense “out”");
  wire (h, in, conv);                                      trail_push (&t, g);
  wire (h, conv, relu);                                    trail_push (&t, g);
  wire (h, relu, fc1);                                     trail_push (&t, g);
  assert_undo_label (h, "Undo Connect “activation1” → “fc1”");
  wire (h, fc1, out);                                      trail_push (&t, g);
  set (h, fc1, "units", "100");                            trail_push (&t, g);
  assert_undo_label (h, "Undo Change Units of “fc1”");
  g_assert_true (lab_history_rename (h, relu, "relu", &error));   trail_push (&t, g);
  assert_undo_label (h, "Undo Rename “activation1” to “relu”");
  g_assert_true (lab_history_set_frozen (h, conv, TRUE, &error)); trail_push (&t, g);
  assert_undo_label (h, "Undo Freeze “conv”");

  /* The one-click fix: Dense after a Conv needs a Flatten. */
  g_assert_false (lab_graph_validate (g, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH);
  g_assert_nonnull (strstr (error->message, "Flatten"));
  g_clear_error (&error);
  flat = lab_history_insert_between (h, relu, fc1, "Flatten", 500, 100, &error);
  g_assert_no_error (error);
  trail_push (&t, g);
  assert_undo_label (h, "Undo Insert Flatten “flatten1”");
  g_assert_true (lab_graph_validate (g, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (lab_graph_get_node (g, fc1)->inputs, guint, 0), ==, flat);

  ids[0] = conv;
  ids[1] = relu;
  ids[2] = flat;
  lab_history_begin_group (h, NULL);
  for (guint i = 0; i < 20; i++)
    g_assert_true (lab_history_move_nodes (h, ids, 3, 3, -1, &error));
  lab_history_end_group (h);
  trail_push (&t, g);
  assert_undo_label (h, "Undo Move 3 Layers");

  clip = lab_graph_serialize_nodes (g, ids, 3);
  g_assert_true (lab_history_paste (h, clip, 40, 300, &pasted, &error));
  g_assert_no_error (error);
  trail_push (&t, g);
  assert_undo_label (h, "Undo Paste 3 Layers");
  g_assert_true (lab_history_duplicate (h, &fc1, 1, 0, 120, NULL, &error));
  trail_push (&t, g);
  assert_undo_label (h, "Undo Duplicate “fc1”");
  g_assert_true (lab_history_disconnect (h, fc1, out, &error));  trail_push (&t, g);
  assert_undo_label (h, "Undo Disconnect “fc1” → “out”");

  /* Delete nodes with edges in both directions: conv (reads in, feeds relu) and fc1 (reads flat). */
  ids[0] = fc1;
  ids[1] = conv;
  g_assert_true (lab_history_remove_nodes (h, ids, 2, &error));  trail_push (&t, g);
  assert_undo_label (h, "Undo Delete 2 Layers");
  g_assert_no_error (error);

  trail_check (&t, h);
  g_ptr_array_unref (t.dumps);
  g_ptr_array_unref (t.texts);
}

/* A Concatenate whose middle input goes: undo must put it back in the middle, and the deleted
 * nodes back at their places in the node order. */
static void
test_delete_restores_order (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(LabHistory) h = lab_history_new (g);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL, *undone = NULL;
  guint in, a, b, c, cat, tail, ids[2];

  in = add (h, "Input", "in", 0);
  a = add (h, "Dense", "a", 200);
  b = add (h, "Dense", "b", 200);
  c = add (h, "Dense", "c", 200);
  cat = add (h, "Concatenate", "cat", 400);
  tail = add (h, "Dense", "tail", 600);
  wire (h, in, a);
  wire (h, in, b);
  wire (h, in, c);
  wire (h, a, cat);
  wire (h, b, cat);
  wire (h, c, cat);
  wire (h, cat, tail);
  before = dump (g);

  ids[0] = b;
  ids[1] = cat;   /* edges into it from kept a and c, out of it to kept tail, and from b */
  g_assert_true (lab_history_remove_nodes (h, ids, 2, &error));
  g_assert_no_error (error);
  after = dump (g);
  g_assert_cmpuint (lab_graph_get_n_nodes (g), ==, 4);
  g_assert_cmpuint (lab_graph_get_node (g, tail)->inputs->len, ==, 0);

  g_assert_true (lab_history_undo (h));
  undone = dump (g);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (lab_history_redo (h));
  g_free (undone);
  undone = dump (g);
  g_assert_cmpstr (undone, ==, after);

  /* A missing id is an error and changes nothing. */
  ids[0] = 999;
  g_assert_false (lab_history_remove_nodes (h, ids, 1, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

static void
test_groups_and_labels (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(LabHistory) h = lab_history_new (g);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  guint a, b, ids[2];

  g_signal_connect (h, "notify", G_CALLBACK (on_notify), log);
  assert_undo_label (h, "Undo");
  g_assert_cmpstr (lab_history_get_redo_label (h), ==, "Redo");
  a = add (h, "Dense", "fc1", 0);
  g_assert_nonnull (strstr (log->str, "can-undo;"));
  g_assert_nonnull (strstr (log->str, "undo-label;"));
  g_assert_null (strstr (log->str, "can-redo;"));
  b = add (h, "Dense", "fc2", 200);
  ids[0] = a;
  ids[1] = b;

  /* A drag: many moves, one step, the sum of the moves. */
  lab_history_begin_group (h, NULL);
  for (guint i = 0; i < 50; i++)
    g_assert_true (lab_history_move_nodes (h, ids, 2, 1, 2, &error));
  lab_history_end_group (h);
  assert_undo_label (h, "Undo Move 2 Layers");
  g_assert_cmpfloat (lab_graph_get_node (g, b)->x, ==, 250);
  g_assert_true (lab_history_undo (h));
  g_assert_cmpfloat (lab_graph_get_node (g, b)->x, ==, 200);
  g_assert_cmpfloat (lab_graph_get_node (g, a)->y, ==, 100);
  assert_undo_label (h, "Undo Add Dense “fc2”");
  g_assert_cmpstr (lab_history_get_redo_label (h), ==, "Redo Move 2 Layers");
  g_assert_true (lab_history_redo (h));

  /* A drag that ends where it began is no step; nor is an empty group. */
  lab_history_begin_group (h, NULL);
  g_assert_true (lab_history_move_nodes (h, &a, 1, 10, 0, &error));
  g_assert_true (lab_history_move_nodes (h, &a, 1, -10, 0, &error));
  lab_history_end_group (h);
  lab_history_begin_group (h, "Nothing");
  lab_history_end_group (h);
  assert_undo_label (h, "Undo Move 2 Layers");

  /* Typing in a field inside a group is one change; a labelled group keeps its label. */
  lab_history_begin_group (h, NULL);
  set (h, a, "units", "1");
  set (h, a, "units", "12");
  set (h, a, "units", "128");
  lab_history_end_group (h);
  assert_undo_label (h, "Undo Change Units of “fc1”");
  g_assert_true (lab_history_undo (h));
  g_assert_cmpfloat (lab_graph_get_node (g, a)->hp[0].v, ==, 64);
  g_assert_true (lab_history_redo (h));
  lab_history_begin_group (h, "Make Wider");
  set (h, a, "units", "256");
  set (h, b, "units", "256");
  lab_history_end_group (h);
  assert_undo_label (h, "Undo Make Wider");
  g_assert_true (lab_history_undo (h));
  g_assert_cmpfloat (lab_graph_get_node (g, a)->hp[0].v, ==, 128);
  g_assert_cmpfloat (lab_graph_get_node (g, b)->hp[0].v, ==, 64);
  g_assert_true (lab_history_can_redo (h));

  /* A new edit ends the redo list; unchanged values record nothing. */
  set (h, b, "units", "64");
  g_assert_true (lab_history_can_redo (h));
  g_assert_true (lab_history_set_frozen (h, b, FALSE, &error));
  g_assert_true (lab_history_can_redo (h));
  g_string_truncate (log, 0);
  set (h, b, "units", "16");
  g_assert_false (lab_history_can_redo (h));
  g_assert_nonnull (strstr (log->str, "can-redo;"));
}

static void
test_failed_edits_record_nothing (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(LabHistory) h = lab_history_new (g);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  guint in, fc, fc2;

  in = add (h, "Input", "in", 0);
  fc = add (h, "Dense", "fc", 200);
  fc2 = add (h, "Dense", "fc2", 400);
  wire (h, in, fc);
  g_assert_true (lab_history_undo (h));
  wire (h, in, fc);
  g_assert_true (lab_history_undo (h));
  g_assert_true (lab_history_can_redo (h));
  before = dump (g);

  g_assert_cmpuint (lab_history_add_node (h, "Dense", "fc", 0, 0, &error), ==, 0);
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
  g_clear_error (&error);
  g_assert_false (lab_history_connect (h, fc, fc, &error));
  g_clear_error (&error);
  g_assert_false (lab_history_connect (h, fc, in, &error));
  g_clear_error (&error);
  g_assert_false (lab_history_disconnect (h, in, fc, &error));
  g_assert_nonnull (strstr (error->message, "not connected"));
  g_clear_error (&error);
  g_assert_false (lab_history_set_hparam_text (h, fc, "units", "many", &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
  g_clear_error (&error);
  g_assert_false (lab_history_set_hparam_text (h, fc, "colour", "red", &error));
  g_clear_error (&error);
  g_assert_false (lab_history_rename (h, fc, "fc2", &error));
  g_clear_error (&error);
  g_assert_false (lab_history_set_frozen (h, 77, TRUE, &error));
  g_clear_error (&error);
  /* An Input cannot go between two layers: the half-done insertion is taken back. */
  lab_graph_connect (g, fc, fc2, NULL);   /* behind the history's back, then put back */
  g_assert_cmpuint (lab_history_insert_between (h, fc, fc2, "Input", 0, 0, &error), ==, 0);
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_GRAPH);
  g_clear_error (&error);
  lab_graph_disconnect (g, fc, fc2);
  g_assert_cmpuint (lab_history_insert_between (h, in, fc, "Flatten", 0, 0, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "not connected"));
  g_clear_error (&error);

  after = dump (g);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (lab_history_can_redo (h));
  assert_undo_label (h, "Undo Add Dense “fc2”");
}

/* Inserting a Dense right after a Conv2D breaks the network with a message that says how to fix
 * it; undo makes it valid again. */
static void
test_validation_after_edits (void)
{
  g_autoptr(LabGraph) g = lab_template_build ("vgg-small", NULL);
  g_autoptr(LabHistory) h = lab_history_new (g);
  g_autoptr(GError) error = NULL;
  guint pool = lab_graph_find_node (g, "pool2")->id;
  guint flatten = lab_graph_find_node (g, "flatten")->id;
  guint dense;

  g_assert_true (lab_graph_validate (g, &error));
  dense = lab_history_insert_between (h, pool, flatten, "Dense", 2000, 300, &error);
  g_assert_no_error (error);
  g_assert_false (lab_graph_validate (g, &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH);
  g_assert_nonnull (strstr (error->message, lab_graph_get_node (g, dense)->name));
  g_assert_nonnull (strstr (error->message, "Flatten"));
  g_clear_error (&error);
  g_assert_nonnull (lab_graph_get_node (g, dense)->error);

  g_assert_true (lab_history_undo (h));
  g_assert_true (lab_graph_validate (g, &error));
  g_assert_no_error (error);

  /* Deleting the flatten breaks it too, and undo mends it. */
  g_assert_true (lab_history_remove_nodes (h, &flatten, 1, &error));
  g_assert_false (lab_graph_validate (g, &error));
  g_clear_error (&error);
  g_assert_true (lab_history_undo (h));
  g_assert_true (lab_graph_validate (g, &error));
  g_assert_no_error (error);
}

static void
test_dirty (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(LabHistory) h = lab_history_new (g);
  gboolean dirty = TRUE;
  guint a;

  g_assert_false (lab_history_is_dirty (h));
  a = add (h, "Dense", "fc1", 0);
  g_assert_true (lab_history_is_dirty (h));
  lab_history_mark_saved (h);
  g_assert_false (lab_history_is_dirty (h));
  set (h, a, "units", "8");
  g_object_get (h, "dirty", &dirty, NULL);
  g_assert_true (dirty);
  g_assert_true (lab_history_undo (h));
  g_assert_false (lab_history_is_dirty (h));     /* back at the saved point */
  g_assert_true (lab_history_undo (h));
  g_assert_true (lab_history_is_dirty (h));      /* before it */
  g_assert_true (lab_history_redo (h));
  g_assert_false (lab_history_is_dirty (h));
  g_assert_true (lab_history_undo (h));
  add (h, "Dense", "other", 0);                  /* the saved step can no longer come back */
  g_assert_true (lab_history_is_dirty (h));
  g_assert_true (lab_history_undo (h));
  g_assert_true (lab_history_is_dirty (h));
  lab_history_clear (h);
  g_assert_true (lab_history_is_dirty (h));      /* clearing does not make it saved */
  g_assert_false (lab_history_can_undo (h));
  lab_history_mark_saved (h);
  g_assert_false (lab_history_is_dirty (h));
  lab_history_clear (h);
  g_assert_false (lab_history_is_dirty (h));
}

/* Typing "3", "32" into a field is one step; sealing, another setting or a save end it. */
static void
test_typing_merges (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(LabHistory) h = lab_history_new (g);
  g_autofree char *units = NULL;
  guint a = add (h, "Dense", "fc1", 0);           /* units 64 */

  set (h, a, "units", "3");
  lab_history_keep_open (h);
  set (h, a, "units", "32");
  lab_history_keep_open (h);
  g_assert_true (lab_history_undo (h));
  units = lab_graph_dup_hparam_text (g, a, "units");
  g_assert_cmpstr (units, ==, "64");              /* one step: 64 → 32 */
  g_assert_true (lab_history_redo (h));
  g_clear_pointer (&units, g_free);
  units = lab_graph_dup_hparam_text (g, a, "units");
  g_assert_cmpstr (units, ==, "32");

  /* Redo closed the step: the next change is a step of its own. */
  set (h, a, "units", "16");
  lab_history_keep_open (h);
  lab_history_seal (h);
  set (h, a, "units", "8");
  g_assert_true (lab_history_undo (h));
  g_clear_pointer (&units, g_free);
  units = lab_graph_dup_hparam_text (g, a, "units");
  g_assert_cmpstr (units, ==, "16");

  /* Typing back to where the step began leaves no step. */
  set (h, a, "units", "4");
  lab_history_keep_open (h);
  set (h, a, "units", "16");
  g_assert_true (lab_history_undo (h));
  g_clear_pointer (&units, g_free);
  units = lab_graph_dup_hparam_text (g, a, "units");
  g_assert_cmpstr (units, ==, "32");

  /* A saved step never absorbs later typing, so the file's state stays recognisable. */
  set (h, a, "units", "5");
  lab_history_mark_saved (h);
  lab_history_keep_open (h);
  set (h, a, "units", "50");
  g_assert_true (lab_history_is_dirty (h));
  g_assert_true (lab_history_undo (h));
  g_assert_false (lab_history_is_dirty (h));
}

static void
test_paste (void)
{
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(LabGraph) other = lab_graph_new ();
  g_autoptr(LabHistory) h = lab_history_new (g);
  g_autoptr(LabHistory) h2 = lab_history_new (other);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) second = NULL;
  g_autoptr(GArray) third = NULL;
  g_autofree char *text = NULL;
  LabNode *copy;
  guint in, fc1, relu, fc2, ids[3];

  in = add (h, "Input", "in", 0);
  fc1 = add (h, "Dense", "fc1", 200);
  relu = add (h, "Activation", "relu", 400);
  fc2 = add (h, "Dense", "fc2", 600);
  wire (h, in, fc1);
  wire (h, fc1, relu);
  wire (h, relu, fc2);
  set (h, fc1, "units", "7");
  set (h, relu, "function", "tanh");
  lab_history_set_frozen (h, fc1, TRUE, NULL);

  ids[0] = relu;   /* any order: the text follows the graph's */
  ids[1] = fc1;
  text = lab_graph_serialize_nodes (g, ids, 2);
  g_assert_nonnull (strstr (text, "\"format\": \"layerlab-layers\""));
  g_assert_null (strstr (text, "\"in\""));   /* in → fc1 leaves the selection */
  g_assert_null (strstr (text, "fc2"));

  g_assert_true (lab_history_paste (h, text, 10, 300, &first, &error));
  g_assert_no_error (error);
  assert_undo_label (h, "Undo Paste 2 Layers");
  g_assert_cmpuint (first->len, ==, 2);
  copy = lab_graph_get_node (g, g_array_index (first, guint, 0));
  g_assert_cmpstr (copy->name, ==, "fc1_copy");
  g_assert_cmpfloat (copy->x, ==, 210);
  g_assert_cmpfloat (copy->y, ==, 400);
  g_assert_true (copy->frozen);
  g_assert_cmpfloat (copy->hp[0].v, ==, 7);
  g_assert_cmpuint (copy->inputs->len, ==, 0);
  copy = lab_graph_get_node (g, g_array_index (first, guint, 1));
  g_assert_cmpstr (copy->name, ==, "relu_copy");
  g_assert_cmpuint (copy->inputs->len, ==, 1);
  g_assert_cmpuint (g_array_index (copy->inputs, guint, 0), ==, g_array_index (first, guint, 0));
  g_assert_cmpuint (lab_graph_get_node (g, fc2)->inputs->len, ==, 1);

  g_assert_true (lab_history_paste (h, text, 0, 0, &second, &error));
  g_assert_cmpstr (lab_graph_get_node (g, g_array_index (second, guint, 0))->name, ==, "fc1_copy2");
  /* Copying a copy counts on from the original name. */
  g_free (text);
  text = lab_graph_serialize_nodes (g, (guint *) first->data, 1);
  g_assert_true (lab_history_paste (h, text, 0, 0, &third, &error));
  g_assert_cmpstr (lab_graph_get_node (g, g_array_index (third, guint, 0))->name, ==, "fc1_copy3");

  g_assert_true (lab_history_undo (h));
  g_assert_true (lab_history_undo (h));
  g_assert_true (lab_history_undo (h));
  g_assert_cmpuint (lab_graph_get_n_nodes (g), ==, 4);

  /* Into another graph the names are free. */
  g_free (text);
  text = lab_graph_serialize_nodes (g, ids, 2);
  g_assert_true (lab_history_paste (h2, text, 0, 0, NULL, &error));
  g_assert_nonnull (lab_graph_find_node (other, "fc1"));
  g_assert_nonnull (lab_graph_find_node (other, "relu"));

  /* Duplicate is one step. */
  g_assert_true (lab_history_duplicate (h, ids, 2, 20, 20, NULL, &error));
  assert_undo_label (h, "Undo Duplicate 2 Layers");
  g_assert_cmpuint (lab_graph_get_n_nodes (g), ==, 6);
  g_assert_true (lab_history_undo (h));
  g_assert_cmpuint (lab_graph_get_n_nodes (g), ==, 4);
}

static void
test_paste_bad_text (void)
{
  static const struct { const char *text; const char *needle; } cases[] = {
    { "{ \"format\": ", "JSON" },
    { "[1, 2]", "layerlab-layers" },
    { "{ \"format\": \"layerlab-project\", \"nodes\": [] }", "layerlab-layers" },
    { "{ \"format\": \"layerlab-layers\" }", "nodes" },
    { "{ \"format\": \"layerlab-layers\", \"format-version\": 99, \"nodes\": [] }", "newer" },
    { "{ \"format\": \"layerlab-layers\", \"nodes\": [ 3 ] }", "nodes[0]" },
    { "{ \"format\": \"layerlab-layers\", \"nodes\": [ { \"type\": \"Dense\" } ] }", "name" },
    { "{ \"format\": \"layerlab-layers\", \"nodes\": [ { \"name\": \"a\", \"type\": \"Dens\" } ] }",
      "Dens" },
    { "{ \"format\": \"layerlab-layers\", \"nodes\": [ { \"name\": \"a\", \"type\": \"Dense\", "
      "\"x\": \"left\" } ] }", "nodes[0].x" },
    { "{ \"format\": \"layerlab-layers\", \"nodes\": [ { \"name\": \"a\", \"type\": \"Dense\", "
      "\"params\": { \"units\": \"-3\" } } ] }", "Units" },
    { "{ \"format\": \"layerlab-layers\", \"nodes\": [ { \"name\": \"a\", \"type\": \"Dense\" }, "
      "{ \"name\": \"b\", \"type\": \"Dense\", \"inputs\": [ \"a\", \"ghost\" ] } ] }", "ghost" },
  };
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(LabHistory) h = lab_history_new (g);
  g_autofree char *before = NULL;

  add (h, "Input", "a", 0);
  before = dump (g);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = NULL;
      g_autofree char *after = NULL;

      g_assert_false (lab_history_paste (h, cases[i].text, 0, 0, &ids, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == LAB_ERROR);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
      g_assert_null (ids);
      after = dump (g);
      g_assert_cmpstr (after, ==, before);
      assert_undo_label (h, "Undo Add Input “a”");
    }
}

/* Bounding boxes w × h at every position: no two overlap and every edge runs left to right. */
static void
assert_tidy (LabGraph                *g,
             const LabLayoutPosition *pos,
             guint                    n,
             double                   w,
             double                   h)
{
  g_autoptr(GHashTable) x_of = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  GPtrArray *nodes = lab_graph_get_nodes (g);

  for (guint i = 0; i < n; i++)
    {
      g_hash_table_insert (x_of, GUINT_TO_POINTER (pos[i].id), g_memdup2 (&pos[i].x, sizeof (double)));
      for (guint j = 0; j < i; j++)
        g_assert_true (pos[i].x + w <= pos[j].x + 1e-9 || pos[j].x + w <= pos[i].x + 1e-9 ||
                       pos[i].y + h <= pos[j].y + 1e-9 || pos[j].y + h <= pos[i].y + 1e-9);
    }
  for (guint i = 0; i < nodes->len; i++)
    {
      LabNode *node = g_ptr_array_index (nodes, i);

      for (guint j = 0; j < node->inputs->len; j++)
        g_assert_cmpfloat (*(double *) g_hash_table_lookup (x_of, GUINT_TO_POINTER (g_array_index (node->inputs, guint, j))),
                           <, *(double *) g_hash_table_lookup (x_of, GUINT_TO_POINTER (node->id)));
    }
}

static void
test_templates (void)
{
  /* By hand (weights + biases):
   *   logistic-regression  2·1+1 = 3
   *   mlp                  (2·64+64) + (64·64+64) + (64·2+2) = 192 + 4,160 + 130 = 4,482
   *   lenet5   conv1 6·1·5·5+6 = 156 (out 6×28×28, pool → 6×14×14)
   *            conv2 16·6·5·5+16 = 2,416 (valid: 16×10×10, pool → 16×5×5 = 400)
   *            fc1 400·120+120 = 48,120; fc2 120·84+84 = 10,164; out 84·10+10 = 850
   *            total 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706
   *   vgg-small  320 + 9,248 + 18,496 + 36,928 + (64·7·7=3,136)·128+128 = 401,536 + 1,290
   *              = 467,818
   *   residual   160 + 2·(16·16·9 = 2,304 without bias) + 2·(BN γ, β: 32) + 16·10+10 = 5,002
   *   inception  stem 160; 1×1 16→8: 136 (×4); 3×3 8→8: 584; 5×5 8→8: 1,608; out 32·10+10 = 330
   *              = 160 + 4·136 + 584 + 1,608 + 330 = 3,226
   *   autoencoder  100,480 + 4,128 + 4,224 + 101,136 = 209,968 */
  static const struct { const char *name; guint64 params; LabDataKind data; } expected[] = {
    { "logistic-regression", 3, LAB_DATA_SYNTHETIC },
    { "mlp", 4482, LAB_DATA_SYNTHETIC },
    { "lenet5", 61706, LAB_DATA_FASHION_MNIST },
    { "vgg-small", 467818, LAB_DATA_FASHION_MNIST },
    { "residual", 5002, LAB_DATA_FASHION_MNIST },
    { "inception", 3226, LAB_DATA_FASHION_MNIST },
    { "autoencoder", 209968, LAB_DATA_FASHION_MNIST },
  };
  const LabTemplate *list = lab_templates_list ();
  g_autoptr(GError) error = NULL;
  guint count = 0;

  for (; list[count].name != NULL; count++)
    {
      g_assert_cmpstr (list[count].name, ==, expected[count].name);
      g_assert_true (lab_template_find (list[count].name) == &list[count]);
      g_assert_nonnull (list[count].title);
      g_assert_nonnull (list[count].description);
      g_assert_nonnull (list[count].category);
    }
  g_assert_cmpuint (count, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(LabGraph) g = lab_template_build (expected[i].name, &error);
      g_autoptr(LabNetwork) net = NULL;
      g_autofree LabLayoutPosition *pos = NULL;
      LabTrainSettings settings;
      LabDataRef data;
      LabGraphTotals totals;
      GPtrArray *nodes;

      g_assert_no_error (error);
      g_assert_true (lab_graph_validate (g, &error));
      g_assert_no_error (error);
      lab_graph_get_totals (g, &totals);
      g_assert_cmpuint (totals.trainable, ==, expected[i].params);

      lab_template_settings (expected[i].name, &settings, &data);
      g_assert_true (lab_train_settings_check (&settings, &error));
      g_assert_cmpint (data.kind, ==, expected[i].data);
      /* The graph compiles with the loss it is meant for. */
      net = lab_network_new (g, 2, settings.loss, &error);
      g_assert_no_error (error);
      g_assert_nonnull (net);
      lab_data_ref_clear (&data);

      nodes = lab_graph_get_nodes (g);
      pos = g_new (LabLayoutPosition, nodes->len);
      for (guint k = 0; k < nodes->len; k++)
        {
          LabNode *node = g_ptr_array_index (nodes, k);

          pos[k] = (LabLayoutPosition) { node->id, node->x, node->y };
        }
      assert_tidy (g, pos, nodes->len, 160, 80);
    }

  {
    LabTrainSettings settings;
    LabDataRef data;

    lab_template_settings ("mlp", &settings, &data);
    g_assert_cmpint (data.synthetic, ==, LAB_SYNTHETIC_SPIRALS);
    lab_data_ref_clear (&data);
    lab_template_settings ("autoencoder", &settings, &data);
    g_assert_cmpint (settings.loss, ==, LAB_LOSS_MSE);
    lab_data_ref_clear (&data);
  }
  g_assert_null (lab_template_build ("lenet6", &error));
  g_assert_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM);
  g_assert_nonnull (strstr (error->message, "lenet5"));
}

static LabGraph *
random_dag (guint n,
            guint seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  LabGraph *g = lab_graph_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      guint id = lab_graph_add_node (g, i == 0 ? "Input" : "Concatenate", NULL,
                                     g_rand_int_range (rand, 0, 2000),
                                     g_rand_int_range (rand, 0, 2000), NULL);
      guint n_inputs = i == 0 ? 0 : g_rand_int_range (rand, 1, 4);

      g_assert_cmpuint (id, !=, 0);
      for (guint k = 0; k < n_inputs; k++)
        {
          /* Mostly recent nodes, sometimes far back: long skip edges. */
          guint back = g_rand_boolean (rand) ? g_rand_int_range (rand, 1, MIN (i, 4) + 1)
                                             : g_rand_int_range (rand, 1, i + 1);

          lab_graph_connect (g, g_array_index (ids, guint, i - back), id, NULL);
        }
      g_array_append_val (ids, id);
    }
  return g;
}

static void
test_layout (void)
{
  g_autoptr(LabGraph) big = random_dag (300, 7);
  g_autoptr(LabGraph) g = lab_graph_new ();
  g_autoptr(LabHistory) h = lab_history_new (g);
  g_autoptr(GError) error = NULL;
  g_autofree LabLayoutPosition *p1 = NULL, *p2 = NULL, *p3 = NULL;
  g_autofree char *before = NULL, *undone = NULL;
  guint n1, n2, n3, a1, a2, b1, b2;
  gint64 start;

  start = g_get_monotonic_time ();
  lab_layout_layered (big, 160, 64, 80, 40, &p1, &n1);
  g_test_message ("300 nodes laid out in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  lab_layout_layered (big, 160, 64, 80, 40, &p2, &n2);
  g_assert_cmpuint (n1, ==, 300);
  g_assert_cmpmem (p1, n1 * sizeof *p1, p2, n2 * sizeof *p2);
  assert_tidy (big, p1, n1, 160, 64);

  /* A cycle (a file may hold one) is laid out all the same, without overlaps. */
  {
    g_autoptr(LabGraph) cyclic = lab_graph_new ();
    g_autofree LabLayoutPosition *pc = NULL;
    guint c[3], nc;

    for (guint i = 0; i < 3; i++)
      c[i] = lab_graph_add_node (cyclic, "Dense", NULL, 0, 0, NULL);
    for (guint i = 0; i < 3; i++)
      g_assert_true (lab_graph_connect (cyclic, c[i], c[(i + 1) % 3], NULL));
    lab_layout_layered (cyclic, 100, 50, 50, 20, &pc, &nc);
    g_assert_cmpuint (nc, ==, 3);
    g_assert_cmpfloat (pc[0].x, <, pc[1].x);
    g_assert_cmpfloat (pc[1].x, <, pc[2].x);
  }

  /* Two chains added so that the second column starts crossed: the layout uncrosses them. */
  a1 = add (h, "Input", "a1", 0);
  b1 = add (h, "Dense", "b1", 0);
  b2 = add (h, "Concatenate", "b2", 0);
  a2 = add (h, "Dense", "a2", 0);
  wire (h, a1, a2);
  wire (h, b1, b2);
  wire (h, a1, b2);
  before = dump (g);
  lab_layout_layered (g, 100, 50, 50, 20, &p3, &n3);
  assert_tidy (g, p3, n3, 100, 50);
  g_assert_true (lab_history_set_positions (h, p3, n3, NULL, &error));
  g_assert_no_error (error);
  assert_undo_label (h, "Undo Arrange Layers");
  g_assert_cmpfloat (lab_graph_get_node (g, a1)->x, ==, 0);
  g_assert_cmpfloat (lab_graph_get_node (g, a2)->x, ==, 150);
  g_assert_true ((lab_graph_get_node (g, a1)->y < lab_graph_get_node (g, b1)->y) ==
                 (lab_graph_get_node (g, a2)->y < lab_graph_get_node (g, b2)->y));
  g_assert_true (lab_history_undo (h));
  undone = dump (g);
  g_assert_cmpstr (undone, ==, before);

  /* Arranging through a whole-graph replacement is one step too. */
  {
    g_autoptr(LabGraph) copy = lab_graph_copy (g);

    for (guint i = 0; i < n3; i++)
      lab_graph_set_position (copy, p3[i].id, p3[i].x, p3[i].y);
    g_assert_true (lab_history_replace_graph (h, copy, NULL, &error));
    assert_undo_label (h, "Undo Replace Network");
    g_assert_cmpfloat (lab_graph_get_node (g, a2)->x, ==, 150);
    g_assert_true (lab_history_undo (h));
    g_free (undone);
    undone = dump (g);
    g_assert_cmpstr (undone, ==, before);
  }

  /* A template in place of the graph: its ids overlap the graph's, which all go first. */
  {
    g_autoptr(LabGraph) lenet = lab_template_build ("lenet5", &error);
    g_autofree char *expected = dump (lenet), *replaced = NULL;

    g_assert_true (lab_history_replace_graph (h, lenet, "Use LeNet-5", &error));
    g_assert_no_error (error);
    replaced = dump (g);
    g_assert_cmpstr (replaced, ==, expected);
    g_assert_true (lab_graph_validate (g, &error));
    g_assert_true (lab_history_undo (h));
    g_free (undone);
    undone = dump (g);
    g_assert_cmpstr (undone, ==, before);
    g_assert_true (lab_history_redo (h));
    g_free (replaced);
    replaced = dump (g);
    g_assert_cmpstr (replaced, ==, expected);
    assert_undo_label (h, "Undo Use LeNet-5");
  }
}

static void
test_save_reload (void)
{
  g_autoptr(LabProject) project = lab_project_new ();
  g_autoptr(LabHistory) h = lab_history_new (project->graph);
  g_autoptr(LabProject) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "editing", NULL);
  g_autofree char *path = g_build_filename (dir, "edited.layerlab", NULL);
  g_autofree char *saved = NULL, *reread = NULL;
  guint in, conv, dense, ids[1];

  in = add (h, "Input", "in", 0);
  conv = add (h, "Conv2D", "conv", 200);
  dense = add (h, "Dense", "out", 400);
  set (h, in, "shape", "1x8x8");
  set (h, conv, "filters", "4");
  wire (h, in, conv);
  wire (h, conv, dense);
  g_assert_cmpuint (lab_history_insert_between (h, conv, dense, "Flatten", 300, 100, &error), !=, 0);
  lab_history_set_frozen (h, conv, TRUE, &error);
  ids[0] = dense;
  g_assert_true (lab_history_duplicate (h, ids, 1, 0, 150, NULL, &error));
  g_assert_true (lab_history_undo (h));
  g_assert_true (lab_graph_validate (project->graph, &error));

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (lab_project_save (project, path, &error));
  g_assert_no_error (error);
  lab_history_mark_saved (h);
  g_assert_false (lab_history_is_dirty (h));
  loaded = lab_project_load (path, &error);
  g_assert_no_error (error);
  saved = lab_project_to_data (project, NULL);
  reread = lab_project_to_data (loaded, NULL);
  g_assert_cmpstr (saved, ==, reread);
  g_assert_true (lab_graph_validate (loaded->graph, &error));
  g_assert_true (lab_graph_find_node (loaded->graph, "conv")->frozen);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/editing/history/every-edit-round-trip", test_every_edit_round_trip);
  g_test_add_func ("/core/editing/history/delete-restores-order", test_delete_restores_order);
  g_test_add_func ("/core/editing/history/groups-and-labels", test_groups_and_labels);
  g_test_add_func ("/core/editing/history/failed-edits", test_failed_edits_record_nothing);
  g_test_add_func ("/core/editing/history/dirty", test_dirty);
  g_test_add_func ("/core/editing/history/typing-merges", test_typing_merges);
  g_test_add_func ("/core/editing/history/validation", test_validation_after_edits);
  g_test_add_func ("/core/editing/clipboard/paste", test_paste);
  g_test_add_func ("/core/editing/clipboard/bad-text", test_paste_bad_text);
  g_test_add_func ("/core/editing/templates", test_templates);
  g_test_add_func ("/core/editing/layout", test_layout);
  g_test_add_func ("/core/editing/save-reload", test_save_reload);

  return g_test_run ();
}

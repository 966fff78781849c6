/* graph-util.c: building test graphs in one line a layer
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "graph-util.h"

guint
lab_test_add_node (LabGraph   *g,
                   const char *type,
                   const char *name,
                   const char *settings)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pairs = g_strsplit (settings ? settings : "", " ", -1);
  guint id = lab_graph_add_node (g, type, name, 0, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; pairs[i] && *pairs[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);

      g_assert_true (lab_graph_set_hparam_text (g, id, kv[0], kv[1], &error));
      g_assert_no_error (error);
    }
  return id;
}

/* lab-window-log.c: what the window tells the headless GUI tests
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With LAYERLAB_TEST_LOG=1 the window prints what happens in plain lines on stdout: edits
 * ("edit: Undo Add Dense “dense1” | layers 3 | dirty 1"), the graph after each change, files
 * opened and saved, the training's states and epochs. The scripts in tests/gui read them;
 * without the variable nothing is printed.
 */
#define G_LOG_DOMAIN "lab-window"

#include <glib/gprintf.h>
#include <stdarg.h>
#include <stdio.h>

#include "lab-window-private.h"

void
lab_window_log (LabWindow  *self,
                const char *format,
                ...)
{
  va_list args;

  /* LAYERLAB_TEST_LOG=1 tells the headless GUI tests what happened, in plain lines. */
  if (g_getenv ("LAYERLAB_TEST_LOG") == NULL)
    return;
  va_start (args, format);
  g_vprintf (format, args);
  va_end (args);
  g_print ("\n");
  fflush (stdout);
}

/* For the headless tests: the whole graph in one line, e.g.
 * "graph: in Input shape=2 <- | dense1 Dense units=32 bias=true <- in | …" */
void
lab_window_log_graph (LabWindow *self)
{
  GPtrArray *nodes;
  g_autoptr(GString) line = NULL;

  if (g_getenv ("LAYERLAB_TEST_LOG") == NULL || self->history == NULL)
    return;
  line = g_string_new ("graph:");
  nodes = lab_graph_get_nodes (lab_history_get_graph (self->history));
  for (guint i = 0; i < nodes->len; i++)
    {
      LabNode *node = g_ptr_array_index (nodes, i);

      g_string_append_printf (line, "%s %s %s", i ? " |" : "", node->name, node->type->name);
      for (guint k = 0; k < node->type->n_hparams; k++)
        {
          g_autofree char *text = lab_hparam_to_string (&node->type->hparams[k], &node->hp[k]);

          g_string_append_printf (line, " %s=%s", node->type->hparams[k].key, text);
        }
      g_string_append (line, " <-");
      for (guint k = 0; k < node->inputs->len; k++)
        {
          LabNode *src = lab_graph_get_node (lab_history_get_graph (self->history),
                                             g_array_index (node->inputs, guint, k));

          g_string_append_printf (line, " %s", src ? src->name : "?");
        }
    }
  lab_window_log (self, "%s", line->str);
}

void
lab_window_log_edit (LabWindow *self)
{
  const char *label = lab_history_get_undo_label (self->history);

  lab_window_log (self, "edit: %s | layers %u | dirty %d", label ? label : "(none)",
                  lab_graph_get_n_nodes (lab_history_get_graph (self->history)),
                  lab_window_is_dirty (self));
}


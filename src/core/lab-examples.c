/* lab-examples.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-examples"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "lab-error.h"
#include "lab-examples.h"

static const LabExample examples[] = {
  { "spiral-mlp",  N_("Two interleaved spirals, learned by a small multilayer perceptron in seconds") },
  { "fashion-mlp", N_("Fashion-MNIST clothing images, classified by a three-layer perceptron") },
  { "fashion-cnn", N_("Fashion-MNIST clothing images, classified by a small convolutional network") },
  { NULL, NULL },
};

const LabExample *
lab_examples_list (void)
{
  return examples;
}

char *
lab_example_find_path (const char  *name,
                       GError     **error)
{
  g_autofree char *file = NULL;
  g_autoptr(GPtrArray) dirs = g_ptr_array_new ();
  g_autofree char *searched = NULL;
  const char *env;
  gboolean known = FALSE;

  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; examples[i].name != NULL; i++)
    known |= g_strcmp0 (examples[i].name, name) == 0;
  if (!known)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (guint i = 0; examples[i].name != NULL; i++)
        g_ptr_array_add (names, (gpointer) examples[i].name);
      g_ptr_array_add (names, NULL);
      list = g_strjoinv (", ", (char **) names->pdata);
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                   _("There is no example called “%s”; the examples are %s"), name, list);
      return NULL;
    }

  env = g_getenv ("LAB_EXAMPLES_DIR");
  if (env != NULL && *env != '\0')
    g_ptr_array_add (dirs, (gpointer) env);
  g_ptr_array_add (dirs, (gpointer) LAB_SOURCE_EXAMPLES_DIR);
  g_ptr_array_add (dirs, (gpointer) LAB_EXAMPLES_DIR);

  file = g_strconcat (name, ".layerlab", NULL);
  for (guint i = 0; i < dirs->len; i++)
    {
      g_autofree char *path = g_build_filename (g_ptr_array_index (dirs, i), file, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  g_ptr_array_add (dirs, NULL);
  searched = g_strjoinv (", ", (char **) dirs->pdata);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The example file %s is not in any of these folders: %s"), file, searched);
  return NULL;
}

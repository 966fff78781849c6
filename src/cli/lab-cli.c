/* lab-cli.c: layerlab-cli, training and inspecting models without the window
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lab-cli.h"
#include "lab-error.h"
#include "lab-examples.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static int run_examples (int argc, char **argv);

static const Command commands[] = {
  { "train", lab_cli_train,
    N_("Train a project’s model with live progress; write its weights and a checkpoint") },
  { "resume", lab_cli_resume,
    N_("Continue a training run from a checkpoint that train wrote") },
  { "evaluate", lab_cli_evaluate,
    N_("Measure trained weights on a split: per-class metrics, ROC AUC, confusion matrix") },
  { "info", lab_cli_info,
    N_("Show each layer’s output shape, parameters, FLOPs and memory; check the graph") },
  { "gradcheck", lab_cli_gradcheck,
    N_("Compare backpropagated gradients with numerical derivatives, layer by layer") },
  { "examples", run_examples,
    N_("List the built-in example projects, which commands accept by name") },
};

void
lab_cli_print_error (const char   *command,
                     const GError *error)
{
  if (command != NULL)
    g_printerr ("layerlab-cli %s: %s\n", command, error->message);
  else
    g_printerr ("layerlab-cli: %s\n", error->message);
}

int
lab_cli_usage_error (const char *command,
                     const char *message)
{
  g_printerr ("layerlab-cli %s: %s\n", command, message);
  g_printerr (_("Run “layerlab-cli %s --help” to see its usage.\n"), command);
  return LAB_CLI_EXIT_USAGE;
}

gboolean
lab_cli_parse_options (GOptionContext   *context,
                       const char       *command,
                       int              *argc,
                       char           ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strconcat ("layerlab-cli ", command, NULL);

  /* The usage line of --help reads "layerlab-cli train [OPTION…] PROJECT|EXAMPLE". */
  g_set_prgname (prgname);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      lab_cli_usage_error (command, error->message);
      return FALSE;
    }
  return TRUE;
}

void
lab_cli_project_clear (LabCliProject *self)
{
  g_clear_pointer (&self->project, lab_project_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->basename, g_free);
}

/* A path when it names a file or looks like one, else an example's name. */
static gboolean
looks_like_path (const char *arg)
{
  return g_str_has_suffix (arg, ".layerlab") || strchr (arg, G_DIR_SEPARATOR) != NULL ||
         g_file_test (arg, G_FILE_TEST_EXISTS);
}

gboolean
lab_cli_project_load (LabCliProject  *self,
                      const char     *arg,
                      GError        **error)
{
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;

  memset (self, 0, sizeof *self);
  path = looks_like_path (arg) ? g_strdup (arg) : lab_example_find_path (arg, error);
  if (path == NULL)
    return FALSE;
  self->project = lab_project_load (path, error);
  if (self->project == NULL)
    return FALSE;

  if (g_path_is_absolute (path))
    self->dir = g_path_get_dirname (path);
  else
    {
      g_autofree char *cwd = g_get_current_dir ();
      g_autofree char *dir = g_path_get_dirname (path);

      self->dir = g_canonicalize_filename (dir, cwd);
    }
  self->path = g_strdup (path);
  base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".layerlab"))
    base[strlen (base) - strlen (".layerlab")] = '\0';
  self->basename = g_steal_pointer (&base);
  return TRUE;
}

gboolean
lab_cli_load_one_project (GOptionContext  *context,
                          const char      *command,
                          int             *argc,
                          char          ***argv,
                          LabCliProject   *cli,
                          int             *status)
{
  g_autoptr(GError) error = NULL;

  *status = LAB_CLI_EXIT_USAGE;
  if (!lab_cli_parse_options (context, command, argc, argv))
    return FALSE;
  if (*argc != 2)
    {
      lab_cli_usage_error (command, _("Name one project file or example"));
      return FALSE;
    }
  *status = LAB_CLI_EXIT_FAILURE;
  if (!lab_cli_project_load (cli, (*argv)[1], &error))
    {
      lab_cli_print_error (command, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
lab_cli_load_splits (LabCliProject  *self,
                     LabDataset    **train,
                     LabDataset    **val,
                     LabDataset    **test,
                     GError        **error)
{
  g_autoptr(LabDataset) all = NULL;
  g_autoptr(LabDataset) own_test = NULL;

  if (!lab_data_ref_load (&self->project->data, self->dir, self->project->settings.seed,
                          &all, &own_test, error))
    return FALSE;
  return lab_prepare_data (all, own_test, &self->project->settings, train, val, test, error);
}

char *
lab_cli_format_count (guint64 n)
{
  if (n >= 1000000000)
    return g_strdup_printf ("%.1f G", n / 1e9);
  if (n >= 1000000)
    return g_strdup_printf ("%.1f M", n / 1e6);
  if (n >= 10000)
    return g_strdup_printf ("%.1f k", n / 1e3);
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

char *
lab_cli_format_percent (double fraction)
{
  if (isnan (fraction))
    return g_strdup ("–");
  return g_strdup_printf ("%.2f %%", 100.0 * fraction);
}

void
lab_cli_json_add_number (JsonBuilder *b,
                         const char  *name,
                         double       value)
{
  json_builder_set_member_name (b, name);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);   /* JSON has no NaN */
}

void
lab_cli_json_print (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

static int
run_examples (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  const LabExample *examples = lab_examples_list ();
  int width = 0;

  g_option_context_set_summary (context, _("Lists the example projects built into LayerLab. "
                                           "Pass a name where a command takes a project."));
  if (!lab_cli_parse_options (context, "examples", &argc, &argv))
    return LAB_CLI_EXIT_USAGE;
  if (argc > 1)
    return lab_cli_usage_error ("examples", _("This command takes no arguments"));

  for (guint i = 0; examples[i].name != NULL; i++)
    width = MAX (width, (int) strlen (examples[i].name));
  for (guint i = 0; examples[i].name != NULL; i++)
    g_print ("%-*s  %s\n", width, examples[i].name, _(examples[i].description));
  return LAB_CLI_EXIT_OK;
}

static void
print_help (FILE *stream)
{
  int width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i].name));

  fprintf (stream, "%s\n  layerlab-cli %s\n\n%s\n\n%s\n", _("Usage:"), _("COMMAND [OPTION…] [ARGUMENT…]"),
           _("Designs, trains and checks LayerLab neural networks from the command line. A project is "
             "a .layerlab file saved by LayerLab, or the name of a built-in example."),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-*s  %s\n", width, commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n  %s\n  %s\n  %s\n  %s\n\n%s\n",
           _("Exit status:"),
           _("0    success"),
           _("1    bad input or data, an invalid graph, diverged training or a failed check"),
           _("2    wrong usage: an unknown command or option, a missing argument"),
           _("130  training stopped by Ctrl-C or SIGTERM, after writing a checkpoint"),
           _("Run “layerlab-cli COMMAND --help” to see a command’s options."));
}

int
main (int    argc,
      char **argv)
{
  const char *name;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_help (stderr);
      return LAB_CLI_EXIT_USAGE;
    }
  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help") ||
      g_str_equal (name, "-?"))
    {
      print_help (stdout);
      return LAB_CLI_EXIT_OK;
    }
  if (g_str_equal (name, "--version"))
    {
      g_print ("layerlab-cli %s\n", PACKAGE_VERSION);
      return LAB_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      {
        /* The subcommand sees its own name as argv[0]. */
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr (_("layerlab-cli: “%s” is not a command. The commands are:"), name);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_printerr (" %s", commands[i].name);
  g_printerr ("\n");
  g_printerr (_("Run “layerlab-cli --help” for a sentence about each.\n"));
  return LAB_CLI_EXIT_USAGE;
}

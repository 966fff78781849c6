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
#include <sys/ioctl.h>
#include <unistd.h>

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

/* Progress of a training run, as the output mode wants it. */

/* Off a terminal, a tenth of an epoch gets a line of its own when it took at least this long. */
#define LONG_TENTH_SECONDS 2.0

void
lab_cli_progress_init (LabCliProgress *self,
                       LabCliOutput    mode,
                       guint           total_epochs,
                       guint64         first_step)
{
  memset (self, 0, sizeof *self);
  self->mode = mode;
  self->total_epochs = total_epochs;
  self->first_step = first_step;
  self->utf8 = g_get_charset (NULL);
}

static int
terminal_columns (void)
{
  struct winsize ws;

  if (ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
    return ws.ws_col;
  return 80;
}

void
lab_cli_progress_clear_bar (LabCliProgress *self)
{
  if (self->bar_shown)
    {
      g_print ("\r\033[K");
      self->bar_shown = FALSE;
    }
}

static char *
format_duration (double seconds)
{
  guint64 s = (guint64) MAX (0.0, seconds + 0.5);

  if (s >= 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", s / 3600, (guint) (s / 60 % 60), (guint) (s % 60));
  return g_strdup_printf ("%u:%02u", (guint) (s / 60), (guint) (s % 60));
}

static void
draw_bar (LabCliProgress      *self,
          const LabTrainPoint *p)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *head = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *eta = NULL;
  guint64 done = p->step - self->first_step;
  guint64 left = (guint64) (self->total_epochs - p->epoch) * p->n_batches + (p->n_batches - p->batch);
  int width, digits;

  eta = done > 0 ? format_duration (p->elapsed / done * left) : g_strdup ("?");
  head = g_strdup_printf (_("Epoch %u/%u"), p->epoch, self->total_epochs);
  /* Fixed-width fields keep the bar from changing size between redraws. */
  digits = snprintf (NULL, 0, "%u", p->n_batches);
  if (isnan (p->accuracy))
    tail = g_strdup_printf (_("%*u/%u  loss %7.4f  %6.0f/s  ETA %s"), digits, p->batch,
                            p->n_batches, p->loss, p->samples_per_second, eta);
  else
    tail = g_strdup_printf (_("%*u/%u  loss %7.4f  acc %5.1f %%  %6.0f/s  ETA %s"), digits,
                            p->batch, p->n_batches, p->loss, 100 * p->accuracy,
                            p->samples_per_second, eta);
  /* One column spare: writing the last one makes some terminals wrap, which breaks \r. */
  width = terminal_columns () - 12 - (int) g_utf8_strlen (head, -1) - (int) g_utf8_strlen (tail, -1);
  width = CLAMP (width, 0, 30);

  g_string_append_printf (line, "\r\033[K%s ", head);
  if (width >= 5)
    {
      int filled = (int) ((double) width * p->batch / MAX (p->n_batches, 1));

      g_string_append (line, "[");
      for (int i = 0; i < width; i++)
        g_string_append (line, i < filled ? (self->utf8 ? "█" : "#") : (self->utf8 ? "░" : "."));
      g_string_append (line, "] ");
    }
  g_string_append (line, tail);
  g_print ("%s", line->str);
  self->bar_shown = TRUE;
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

static void
show_epoch (LabCliProgress      *self,
            const LabTrainPoint *p)
{
  double seconds = p->elapsed - self->last_epoch_elapsed;

  self->last_epoch_elapsed = p->elapsed;
  self->last_line = p->elapsed;
  self->last_tenth = 0;
  if (self->mode == LAB_CLI_OUTPUT_JSON)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "epoch");
      json_builder_set_member_name (b, "epoch");
      json_builder_add_int_value (b, p->epoch);
      json_builder_set_member_name (b, "epochs");
      json_builder_add_int_value (b, self->total_epochs);
      json_builder_set_member_name (b, "step");
      json_builder_add_int_value (b, (gint64) p->step);
      lab_cli_json_add_number (b, "loss", p->loss);
      lab_cli_json_add_number (b, "accuracy", p->accuracy);
      lab_cli_json_add_number (b, "val_loss", p->val_loss);
      lab_cli_json_add_number (b, "val_accuracy", p->val_accuracy);
      lab_cli_json_add_number (b, "lr", p->lr);
      lab_cli_json_add_number (b, "grad_norm", p->grad_norm);
      lab_cli_json_add_number (b, "seconds", seconds);
      lab_cli_json_add_number (b, "samples_per_second", p->samples_per_second);
      json_builder_end_object (b);
      lab_cli_json_print (b);
      return;
    }

  lab_cli_progress_clear_bar (self);
  /* Epoch numbers padded to the width of the last one, so the columns line up. */
  g_print (_("Epoch %*u/%u  loss %.4f"), snprintf (NULL, 0, "%u", self->total_epochs),
           p->epoch, self->total_epochs, p->loss);
  if (!isnan (p->accuracy))
    g_print (_("  acc %.2f %%"), 100 * p->accuracy);
  if (!isnan (p->val_loss))
    g_print (_("  val loss %.4f"), p->val_loss);
  if (!isnan (p->val_accuracy))
    g_print (_("  val acc %.2f %%"), 100 * p->val_accuracy);
  g_print (_("  lr %.3g  %.1f s\n"), p->lr, seconds);
}

void
lab_cli_progress_show (LabCliProgress      *self,
            const LabTrainPoint *p)
{
  if (p->end_of_epoch)
    {
      show_epoch (self, p);
      return;
    }
  if (self->mode == LAB_CLI_OUTPUT_TERMINAL)
    {
      gint64 now = g_get_monotonic_time ();

      /* Ten redraws a second are plenty for the eye and cheap for the terminal. */
      if (now - self->last_draw >= G_USEC_PER_SEC / 10)
        {
          draw_bar (self, p);
          self->last_draw = now;
        }
    }
  else if (self->mode == LAB_CLI_OUTPUT_PLAIN)
    {
      guint tenth = p->batch * 10 / p->n_batches;

      /* Only long epochs: those where a tenth takes a while. */
      if (tenth > self->last_tenth && tenth < 10 && p->elapsed - self->last_line >= LONG_TENTH_SECONDS)
        {
          self->last_tenth = tenth;
          self->last_line = p->elapsed;
          g_print (_("Epoch %u/%u  batch %u/%u  loss %.4f"), p->epoch, self->total_epochs, p->batch,
                   p->n_batches, p->loss);
          if (!isnan (p->accuracy))
            g_print (_("  acc %.2f %%"), 100 * p->accuracy);
          g_print (_("  %.0f samples/s\n"), p->samples_per_second);
        }
    }
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

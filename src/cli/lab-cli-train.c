/* lab-cli-train.c: `layerlab-cli train` and `layerlab-cli resume`
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trainer runs on a GTask thread while the main thread runs a GMainLoop that prints progress
 * and listens for SIGINT/SIGTERM. Progress crosses over through one mutex-protected queue, and at
 * most one idle flush is pending at a time (STYLE.md §6; lab-cli-progress.c). Ctrl-C cancels
 * through the LabTrainControl, so the worker stops after its current batch and the main thread
 * writes a checkpoint; the project travels inside the checkpoint, so `resume` needs nothing else.
 */
#define G_LOG_DOMAIN "lab-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lab-cli.h"
#include "lab-error.h"

#define META_PROJECT      "layerlab.project"
#define META_PROJECT_DIR  "layerlab.project-dir"
#define META_PROJECT_NAME "layerlab.project-name"

typedef struct
{
  LabCliProject    *cli;
  const char       *command;
  LabTrainer       *trainer;
  LabTrainControl  *control;
  GMainLoop        *loop;
  GMainContext     *context;
  LabCliOutput      mode;
  char             *weights_path;
  char             *checkpoint_path;
  LabCliProgress    progress;         /* the worker queues into it, the main thread shows */

  /* Main thread only. */
  GError           *error;
  guint             n_signals;
} Run;

static void
train_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;

  if (lab_trainer_run (run->trainer, run->control, lab_cli_progress_queue, &run->progress, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_trained (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;

  g_task_propagate_boolean (G_TASK (result), &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  Run *run = user_data;

  lab_cli_progress_clear_bar (&run->progress);
  run->n_signals++;
  if (run->n_signals == 1)
    {
      g_printerr (_("Stopping after this batch to write a checkpoint "
                    "(press Ctrl-C twice more to quit at once)…\n"));
      lab_train_control_cancel (run->control);
    }
  else if (run->n_signals == 2)
    g_printerr (_("Press Ctrl-C once more to quit at once, without a checkpoint.\n"));
  else
    {
      g_printerr (_("Quitting without a checkpoint.\n"));
      fflush (stdout);
      /* The worker may be inside OpenBLAS: leave without running exit handlers under it. */
      _exit (LAB_CLI_EXIT_INTERRUPTED);
    }
  return G_SOURCE_CONTINUE;
}

static GHashTable *
checkpoint_meta (LabCliProject *cli)
{
  GHashTable *meta = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  /* The project as trained (with the command line's changes), so resume needs nothing else;
   * its folder, for data paths relative to it; its name, for default file names. */
  g_hash_table_insert (meta, (gpointer) META_PROJECT, lab_project_to_data (cli->project, NULL));
  g_hash_table_insert (meta, (gpointer) META_PROJECT_DIR, g_strdup (cli->dir));
  g_hash_table_insert (meta, (gpointer) META_PROJECT_NAME, g_strdup (cli->basename));
  return meta;
}

/* Main thread, after the worker returned: writes what the outcome calls for. */
static int
finish (Run *run)
{
  LabNetwork *net = lab_trainer_get_network (run->trainer);
  guint epoch = lab_trainer_get_epoch (run->trainer);
  g_autoptr(GHashTable) meta = checkpoint_meta (run->cli);
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(GError) error = NULL;

  if (g_error_matches (run->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *quoted = g_shell_quote (run->checkpoint_path);

      if (!lab_trainer_save_checkpoint (run->trainer, run->checkpoint_path, meta, &error))
        {
          lab_cli_print_error (run->command, error);
          return LAB_CLI_EXIT_FAILURE;
        }
      g_printerr (_("Stopped during epoch %u of %u. The checkpoint %s holds the weights and the "
                    "state of the run; to go on from there:\n  layerlab-cli resume %s\n"),
                  epoch + 1, run->progress.total_epochs, run->checkpoint_path, quoted);
      return LAB_CLI_EXIT_INTERRUPTED;
    }
  if (g_error_matches (run->error, LAB_ERROR, LAB_ERROR_DIVERGED))
    {
      lab_cli_print_error (run->command, run->error);
      if (lab_network_save_weights (net, run->weights_path, NULL, &error))
        g_printerr (_("The weights from before the step that diverged were written to %s.\n"),
                    run->weights_path);
      else
        lab_cli_print_error (run->command, error);
      return LAB_CLI_EXIT_FAILURE;
    }
  if (run->error != NULL)
    {
      lab_cli_print_error (run->command, run->error);
      return LAB_CLI_EXIT_FAILURE;
    }

  if (!lab_network_save_weights (net, run->weights_path, NULL, &error) ||
      !lab_trainer_save_checkpoint (run->trainer, run->checkpoint_path, meta, &error))
    {
      lab_cli_print_error (run->command, error);
      return LAB_CLI_EXIT_FAILURE;
    }

  if (run->mode == LAB_CLI_OUTPUT_JSON)
    {
      b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "result");
      json_builder_set_member_name (b, "epochs");
      json_builder_add_int_value (b, epoch);
      json_builder_set_member_name (b, "stopped_early");
      json_builder_add_boolean_value (b, lab_trainer_stopped_early (run->trainer));
    }
  else if (lab_trainer_stopped_early (run->trainer))
    g_print (_("Early stopping ended training after epoch %u.\n"), epoch);
  lab_cli_report_test (run->trainer, run->command, b);
  if (b != NULL)
    {
      json_builder_set_member_name (b, "weights");
      json_builder_add_string_value (b, run->weights_path);
      json_builder_set_member_name (b, "checkpoint");
      json_builder_add_string_value (b, run->checkpoint_path);
      json_builder_end_object (b);
      lab_cli_json_print (b);
    }
  else
    {
      g_print (_("Weights written to %s\n"), run->weights_path);
      g_print (_("Checkpoint written to %s (train further with “layerlab-cli resume --epochs N”)\n"),
               run->checkpoint_path);
    }
  return LAB_CLI_EXIT_OK;
}

static int
run_training (Run *run)
{
  g_autoptr(GTask) task = NULL;
  guint sigint_id, sigterm_id;
  int status;

  run->context = g_main_context_ref_thread_default ();
  run->loop = g_main_loop_new (run->context, FALSE);
  run->control = lab_train_control_new ();
  lab_cli_progress_init (&run->progress, run->mode, lab_trainer_get_settings (run->trainer)->epochs,
                         lab_optimizer_get_step (lab_trainer_get_optimizer (run->trainer)));

  sigint_id = g_unix_signal_add (SIGINT, on_signal, run);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, run);

  task = g_task_new (NULL, NULL, on_trained, run);
  g_task_set_source_tag (task, run_training);
  g_task_set_task_data (task, run, NULL);
  g_task_run_in_thread (task, train_worker);
  g_main_loop_run (run->loop);

  /* The completion can overtake the last idle flush, whose priority is lower. */
  lab_cli_progress_flush (&run->progress);
  lab_cli_progress_clear_bar (&run->progress);
  /* The handlers stay while the files are written, so that Ctrl-C cannot cut that short. */
  status = finish (run);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  g_clear_error (&run->error);
  lab_cli_progress_clear (&run->progress);
  g_clear_pointer (&run->control, lab_train_control_unref);
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_pointer (&run->context, g_main_context_unref);
  return status;
}

static LabCliOutput
output_mode (gboolean quiet,
             gboolean json)
{
  if (json)
    return LAB_CLI_OUTPUT_JSON;
  if (quiet)
    return LAB_CLI_OUTPUT_QUIET;
  return isatty (STDOUT_FILENO) ? LAB_CLI_OUTPUT_TERMINAL : LAB_CLI_OUTPUT_PLAIN;
}

/* Options that train and resume share. */
typedef struct
{
  int       epochs;
  int       threads;
  char     *checkpoint;
  char     *weights_out;
  gboolean  quiet;
  gboolean  json;
} CommonOptions;

static void
common_options_clear (CommonOptions *o)
{
  g_free (o->checkpoint);
  g_free (o->weights_out);
}

static gboolean
common_options_check (const CommonOptions *o,
                      const char          *command)
{
  if (o->epochs != -1 && o->epochs < 1)
    lab_cli_usage_error (command, _("--epochs must be at least 1"));
  else if (o->threads != -1 && o->threads < 0)
    lab_cli_usage_error (command, _("--threads must be 0 (all cores) or more"));
  else if (o->quiet && o->json)
    lab_cli_usage_error (command, _("--quiet and --json exclude each other"));
  else
    return TRUE;
  return FALSE;
}

/* Builds the trainer for cli->project and runs it; load_checkpoint NULL starts afresh. */
static int
train_project (LabCliProject       *cli,
               const char          *command,
               const CommonOptions *o,
               const char          *load_checkpoint)
{
  Run run = { 0 };
  LabDataset *train = NULL, *val = NULL, *test = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (o->epochs != -1)
    cli->project->settings.epochs = (guint) o->epochs;
  if (o->threads != -1)
    cli->project->settings.threads = (guint) o->threads;

  if (!lab_cli_load_splits (cli, &train, &val, &test, &error))
    goto fail;
  run.trainer = lab_trainer_new (cli->project->graph, &cli->project->settings, train, val, test,
                                 &error);
  if (run.trainer == NULL)
    {
      g_autofree char *display = g_filename_display_name (cli->path);

      /* The graph's problems name the layer; say which file holds it. */
      g_prefix_error (&error, "%s: ", display);
      g_clear_pointer (&train, lab_dataset_free);
      g_clear_pointer (&val, lab_dataset_free);
      g_clear_pointer (&test, lab_dataset_free);
      goto fail;
    }
  if (load_checkpoint != NULL)
    {
      if (!lab_trainer_load_checkpoint (run.trainer, load_checkpoint, &error))
        goto fail;
      if (lab_trainer_get_epoch (run.trainer) >= cli->project->settings.epochs)
        {
          g_set_error (&error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                       _("%s has already trained %u of %u epochs: pass --epochs with a larger "
                         "number to train further"), load_checkpoint,
                       lab_trainer_get_epoch (run.trainer), cli->project->settings.epochs);
          goto fail;
        }
    }

  run.cli = cli;
  run.command = command;
  run.mode = output_mode (o->quiet, o->json);
  run.weights_path = o->weights_out ? g_strdup (o->weights_out)
                                    : g_strconcat (cli->basename, ".safetensors", NULL);
  if (o->checkpoint != NULL)
    run.checkpoint_path = g_strdup (o->checkpoint);
  else if (load_checkpoint != NULL)
    run.checkpoint_path = g_strdup (load_checkpoint);
  else
    run.checkpoint_path = g_strconcat (cli->basename, ".checkpoint.safetensors", NULL);

  if (run.mode != LAB_CLI_OUTPUT_JSON && run.mode != LAB_CLI_OUTPUT_QUIET)
    {
      g_autofree char *data = lab_data_ref_describe (&cli->project->data);

      gsize n = lab_trainer_get_train (run.trainer)->n;

      if (load_checkpoint != NULL)
        g_print (_("Resuming %s in epoch %u of %u on %s (%zu training samples)\n"),
                 cli->project->name, lab_trainer_get_epoch (run.trainer) + 1,
                 cli->project->settings.epochs, data, n);
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "Training %s for %u epoch on %s (%zu training samples)\n",
                              "Training %s for %u epochs on %s (%zu training samples)\n",
                              cli->project->settings.epochs),
                 cli->project->name, cli->project->settings.epochs, data, n);
    }

  status = run_training (&run);
  g_free (run.weights_path);
  g_free (run.checkpoint_path);
  lab_trainer_free (run.trainer);
  return status;

fail:
  lab_cli_print_error (command, error);
  g_clear_pointer (&run.trainer, lab_trainer_free);
  return LAB_CLI_EXIT_FAILURE;
}

#define COMMON_ENTRIES(o) \
  { "epochs", 'e', 0, G_OPTION_ARG_INT, &(o).epochs, \
    N_("Train until N epochs in total (default: the project’s)"), "N" }, \
  { "threads", 't', 0, G_OPTION_ARG_INT, &(o).threads, \
    N_("Use N OpenBLAS threads, 0 for all cores (default: the project’s)"), "N" }, \
  { "checkpoint", 'c', 0, G_OPTION_ARG_FILENAME, &(o).checkpoint, \
    N_("Write the checkpoint to PATH (default: NAME.checkpoint.safetensors here)"), "PATH" }, \
  { "weights-out", 'o', 0, G_OPTION_ARG_FILENAME, &(o).weights_out, \
    N_("Write the trained weights to PATH (default: NAME.safetensors here)"), "PATH" }, \
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &(o).quiet, \
    N_("Show no progress, only the result"), NULL }, \
  { "json", 0, 0, G_OPTION_ARG_NONE, &(o).json, \
    N_("Print one JSON object per epoch and one with the result, for scripts"), NULL }

#define STOP_DESCRIPTION \
  N_("Ctrl-C (or SIGTERM) stops after the current batch and writes a checkpoint that “resume” " \
     "continues exactly; a third Ctrl-C quits at once. On a terminal a progress bar shows the " \
     "epoch, batch, loss, accuracy, speed and time left; otherwise a line is printed per epoch.")

int
lab_cli_train (int    argc,
               char **argv)
{
  CommonOptions o = { -1, -1, NULL, NULL, FALSE, FALSE };
  int batch_size = -1;
  gint64 limit = -1;
  double lr = NAN;
  g_autofree char *seed = NULL;
  const GOptionEntry entries[] = {
    COMMON_ENTRIES (o),
    { "batch-size", 'b', 0, G_OPTION_ARG_INT, &batch_size,
      N_("Samples per step (default: the project’s)"), "N" },
    { "lr", 'l', 0, G_OPTION_ARG_DOUBLE, &lr,
      N_("Base learning rate (default: the project’s)"), "X" },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed,
      N_("Random seed for the weights, the splits and the shuffling (default: the project’s)"), "N" },
    { "limit", 0, 0, G_OPTION_ARG_INT64, &limit,
      N_("Use only the first N rows of the training data, for a quick run"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT|EXAMPLE"));
  LabCliProject cli = { 0 };
  g_autoptr(GError) error = NULL;
  guint64 seed_value = 0;
  int status;

  g_option_context_set_summary (context,
                                _("Trains the model of a .layerlab project, or of a built-in example "
                                  "(see “layerlab-cli examples”), with the project’s settings unless "
                                  "options change them."));
  g_option_context_set_description (context, _(STOP_DESCRIPTION));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lab_cli_parse_options (context, "train", &argc, &argv))
    return LAB_CLI_EXIT_USAGE;
  if (!common_options_check (&o, "train"))
    {
      common_options_clear (&o);
      return LAB_CLI_EXIT_USAGE;
    }
  status = LAB_CLI_EXIT_USAGE;
  if (argc != 2)
    lab_cli_usage_error ("train", _("Name one project file or example to train"));
  else if (batch_size != -1 && batch_size < 1)
    lab_cli_usage_error ("train", _("--batch-size must be at least 1"));
  else if (limit != -1 && limit < 1)
    lab_cli_usage_error ("train", _("--limit must be at least 1"));
  else if (!isnan (lr) && !(lr > 0 && isfinite (lr)))
    lab_cli_usage_error ("train", _("--lr must be a positive number"));
  else if (seed != NULL && !g_ascii_string_to_unsigned (seed, 10, 0, G_MAXUINT64, &seed_value, &error))
    lab_cli_usage_error ("train", error->message);
  else if (!lab_cli_project_load (&cli, argv[1], &error))
    {
      lab_cli_print_error ("train", error);
      status = LAB_CLI_EXIT_FAILURE;
    }
  else
    {
      LabTrainSettings *s = &cli.project->settings;

      if (batch_size != -1)
        s->batch_size = (guint) batch_size;
      if (!isnan (lr))
        s->optimizer.lr = lr;
      if (seed != NULL)
        s->seed = seed_value;
      if (limit != -1)
        cli.project->data.limit = (gsize) limit;
      status = train_project (&cli, "train", &o, NULL);
    }
  lab_cli_project_clear (&cli);
  common_options_clear (&o);
  return status;
}

int
lab_cli_resume (int    argc,
                char **argv)
{
  CommonOptions o = { -1, -1, NULL, NULL, FALSE, FALSE };
  const GOptionEntry entries[] = { COMMON_ENTRIES (o), { NULL } };
  g_autoptr(GOptionContext) context = g_option_context_new (_("CHECKPOINT"));
  g_autoptr(LabSafetensors) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  LabCliProject cli = { 0 };
  const char *text, *dir, *name;
  int status = LAB_CLI_EXIT_FAILURE;

  g_option_context_set_summary (context,
                                _("Continues the training run saved in a checkpoint written by "
                                  "“layerlab-cli train” (when stopped, or at its end with --epochs "
                                  "to train further); the result equals that of an uninterrupted "
                                  "run bit for bit."));
  g_option_context_set_description (context, _(STOP_DESCRIPTION));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lab_cli_parse_options (context, "resume", &argc, &argv) ||
      !common_options_check (&o, "resume"))
    {
      common_options_clear (&o);
      return LAB_CLI_EXIT_USAGE;
    }
  if (argc != 2)
    {
      common_options_clear (&o);
      return lab_cli_usage_error ("resume", _("Name the checkpoint to resume"));
    }

  display = g_filename_display_name (argv[1]);
  file = lab_safetensors_read (argv[1], &error);
  if (file == NULL)
    goto out;
  text = lab_safetensors_get_meta (file, META_PROJECT);
  if (text == NULL)
    {
      g_set_error (&error, LAB_ERROR, LAB_ERROR_INVALID_FILE,
                   _("%s holds no project: only checkpoints written by “layerlab-cli train” can "
                     "be resumed"), display);
      goto out;
    }
  cli.project = lab_project_load_from_data (text, -1, display, &error);
  if (cli.project == NULL)
    goto out;
  dir = lab_safetensors_get_meta (file, META_PROJECT_DIR);
  name = lab_safetensors_get_meta (file, META_PROJECT_NAME);
  cli.path = g_strdup (argv[1]);
  cli.dir = dir ? g_strdup (dir) : g_path_get_dirname (argv[1]);
  cli.basename = g_strdup (name ? name : "model");
  g_clear_pointer (&file, lab_safetensors_free);

  status = train_project (&cli, "resume", &o, argv[1]);
  g_clear_error (&error);

out:
  if (error != NULL)
    lab_cli_print_error ("resume", error);
  lab_cli_project_clear (&cli);
  common_options_clear (&o);
  return status;
}

/* lab-cli.h: what the subcommands of layerlab-cli share
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lab-project.h"
#include "lab-trainer.h"

G_BEGIN_DECLS

/* Exit statuses, as documented in `layerlab-cli --help`. */
enum
{
  LAB_CLI_EXIT_OK = 0,
  LAB_CLI_EXIT_FAILURE = 1,      /* bad input or data, an invalid graph, a failed check */
  LAB_CLI_EXIT_USAGE = 2,        /* unknown command or option, missing argument */
  LAB_CLI_EXIT_INTERRUPTED = 130 /* stopped by Ctrl-C or SIGTERM (128 + SIGINT) */
};

/* A project named on the command line: a .layerlab file or the name of a built-in example. */
typedef struct
{
  LabProject *project;
  char       *path;       /* the file read, as given */
  char       *dir;        /* the project's folder, for relative data paths */
  char       *basename;   /* "spiral-mlp" for spiral-mlp.layerlab, for default output names */
} LabCliProject;

void     lab_cli_project_clear  (LabCliProject  *self);
gboolean lab_cli_project_load   (LabCliProject  *self,
                                 const char     *arg,
                                 GError        **error);

/* Parses a subcommand's options; on a usage error prints it with a hint and returns FALSE. */
gboolean lab_cli_parse_options  (GOptionContext *context,
                                 const char     *command,
                                 int            *argc,
                                 char         ***argv);
/* Parses the options of a command that takes one project and loads it; on an error prints it,
 * sets *status to the exit status and returns FALSE. */
gboolean lab_cli_load_one_project (GOptionContext  *context,
                                   const char      *command,
                                   int             *argc,
                                   char          ***argv,
                                   LabCliProject   *cli,
                                   int             *status);
/* "layerlab-cli train: MESSAGE" on stderr. */
void     lab_cli_print_error    (const char     *command,
                                 const GError   *error);
int      lab_cli_usage_error    (const char     *command,
                                 const char     *message);

/* Loads the project's data and splits and scales it as training does. */
gboolean lab_cli_load_splits    (LabCliProject  *self,
                                 LabDataset    **train,
                                 LabDataset    **val,
                                 LabDataset    **test,
                                 GError        **error);

/* Human figures: "1.2 M", "38 k", "512". */
char    *lab_cli_format_count   (guint64         n);
/* "12.34 %", or "–" for NaN. */
char    *lab_cli_format_percent (double          fraction);

/* A table printed with aligned columns; cells are UTF-8, so widths count characters. */
typedef struct LabCliTable LabCliTable;

/* Bit c of right_aligned: column c is numeric. */
LabCliTable *lab_cli_table_new      (guint        n_columns,
                                     guint64      right_aligned);
void         lab_cli_table_free     (LabCliTable *t);
/* Takes the n_columns strings that follow (each freed). */
void         lab_cli_table_add      (LabCliTable *t,
                                     ...);
/* Takes a row of n_columns strings, as g_strfreev frees it. */
void         lab_cli_table_take_row (LabCliTable *t,
                                     char       **row);
void         lab_cli_table_rule     (LabCliTable *t);
/* A line of its own under the last row. */
void         lab_cli_table_note     (LabCliTable *t,
                                     const char  *note);
void         lab_cli_table_print    (LabCliTable *t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabCliTable, lab_cli_table_free)

typedef enum
{
  LAB_CLI_OUTPUT_TERMINAL,   /* a live bar redrawn in place, a line per epoch */
  LAB_CLI_OUTPUT_PLAIN,      /* a line per epoch, and per tenth of a long epoch */
  LAB_CLI_OUTPUT_JSON,       /* a JSON object per epoch, and one at the end */
  LAB_CLI_OUTPUT_QUIET,      /* the result only */
} LabCliOutput;

/* How a training run's progress is shown: the worker thread queues the points, the main thread
 * shows them. */
typedef struct
{
  LabCliOutput  mode;
  guint         total_epochs;
  guint64       first_step;          /* optimizer steps before this run, for the ETA */

  /* Main thread only. */
  double        last_epoch_elapsed;
  double        last_line;           /* when the last plain line was printed */
  gint64        last_draw;
  guint         last_tenth;
  gboolean      bar_shown;
  gboolean      utf8;

  /* Shared with the worker, under the mutex. */
  GMutex        mutex;
  GPtrArray    *pending;             /* LabTrainPoint */
  GSource      *flush_source;
  GMainContext *context;             /* the main thread's, where the points are shown */
} LabCliProgress;

/* On the main thread, whose thread-default context then shows the points. */
void lab_cli_progress_init      (LabCliProgress      *self,
                                 LabCliOutput         mode,
                                 guint                total_epochs,
                                 guint64              first_step);
void lab_cli_progress_clear     (LabCliProgress      *self);
/* Worker thread: a LabProgressFunc, with the LabCliProgress as user_data. */
void lab_cli_progress_queue     (const LabTrainPoint *point,
                                 gpointer             user_data);
/* Main thread: shows the points queued so far. */
void lab_cli_progress_flush     (LabCliProgress      *self);
/* Erases the live bar, before other output. */
void lab_cli_progress_clear_bar (LabCliProgress      *self);

/* A number member, null when not finite (JSON has no NaN); the object as one line on stdout. */
void lab_cli_json_add_number    (JsonBuilder         *builder,
                                 const char          *name,
                                 double               value);
void lab_cli_json_print         (JsonBuilder         *builder);

/* After training: the loss and accuracy (or the regression errors) on the test split, as a
 * line on stdout, or as members of builder when it is not NULL. */
void lab_cli_report_test        (LabTrainer          *trainer,
                                 const char          *command,
                                 JsonBuilder         *builder);

int lab_cli_train     (int argc, char **argv);
int lab_cli_resume    (int argc, char **argv);
int lab_cli_info      (int argc, char **argv);
int lab_cli_evaluate  (int argc, char **argv);
int lab_cli_gradcheck (int argc, char **argv);

G_END_DECLS

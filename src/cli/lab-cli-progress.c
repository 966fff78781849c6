/* lab-cli-progress.c: a training run's progress, as a live bar, plain lines or JSON
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trainer reports progress on its worker thread; the points cross over to the main thread
 * through one mutex-protected queue, with at most one idle flush pending at a time (STYLE.md §6).
 */
#define G_LOG_DOMAIN "lab-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lab-cli.h"

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
  g_mutex_init (&self->mutex);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_train_point_free);
  self->context = g_main_context_ref_thread_default ();
}

void
lab_cli_progress_clear (LabCliProgress *self)
{
  if (self->flush_source != NULL)
    {
      g_source_destroy (self->flush_source);
      g_clear_pointer (&self->flush_source, g_source_unref);
    }
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);
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

static void
show_point (LabCliProgress      *self,
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

/* Main thread: shows what the worker queued. */
void
lab_cli_progress_flush (LabCliProgress *self)
{
  g_autoptr(GPtrArray) points = NULL;

  g_mutex_lock (&self->mutex);
  points = g_steal_pointer (&self->pending);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_train_point_free);
  if (self->flush_source != NULL)
    {
      g_source_destroy (self->flush_source);
      g_clear_pointer (&self->flush_source, g_source_unref);
    }
  g_mutex_unlock (&self->mutex);

  for (guint i = 0; i < points->len; i++)
    show_point (self, g_ptr_array_index (points, i));
}

static gboolean
flush_in_idle (gpointer user_data)
{
  lab_cli_progress_flush (user_data);
  return G_SOURCE_REMOVE;
}

/* Worker thread: queues a copy, keeping only the latest of consecutive batch points. */
void
lab_cli_progress_queue (const LabTrainPoint *point,
                        gpointer             user_data)
{
  LabCliProgress *self = user_data;

  if (self->mode == LAB_CLI_OUTPUT_QUIET ||
      (self->mode == LAB_CLI_OUTPUT_JSON && !point->end_of_epoch))
    return;

  g_mutex_lock (&self->mutex);
  if (self->pending->len > 0)
    {
      LabTrainPoint *last = g_ptr_array_index (self->pending, self->pending->len - 1);

      if (!last->end_of_epoch)
        g_ptr_array_remove_index (self->pending, self->pending->len - 1);
    }
  g_ptr_array_add (self->pending, lab_train_point_copy (point));
  if (self->flush_source == NULL)
    {
      self->flush_source = g_idle_source_new ();
      g_source_set_priority (self->flush_source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (self->flush_source, flush_in_idle, self, NULL);
      g_source_attach (self->flush_source, self->context);
    }
  g_mutex_unlock (&self->mutex);
}

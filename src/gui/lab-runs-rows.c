/* lab-runs-rows.c: the Runs page's figures as text: settings lined up by key, results with
 * the better one marked, one-line summaries
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No widgets here: test-gui-runs checks all of it without a display.
 */
#define G_LOG_DOMAIN "lab-runs"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-runs-page.h"

void
lab_runs_compare_row_free (LabRunsCompareRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row->label);
  g_free (row->a);
  g_free (row->b);
  g_free (row);
}

static LabRunRow *
find_row (GPtrArray  *rows,
          const char *key)
{
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      LabRunRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->key, key))
        return row;
    }
  return NULL;
}

static void
add_compare_row (GPtrArray *out,
                 LabRunRow *ra,
                 LabRunRow *rb,
                 gboolean   two)
{
  LabRunsCompareRow *row = g_new0 (LabRunsCompareRow, 1);
  LabRunRow *any = ra != NULL ? ra : rb;

  row->key = g_strdup (any->key);
  row->label = g_strdup (any->label);
  row->a = g_strdup (ra != NULL ? ra->value : "–");
  if (two)
    {
      row->b = g_strdup (rb != NULL ? rb->value : "–");
      row->differs = g_strcmp0 (row->a, row->b) != 0;
    }
  g_ptr_array_add (out, row);
}

GPtrArray *
lab_runs_compare_rows (const LabRun *a,
                       const LabRun *b)
{
  g_autoptr(GPtrArray) ra = NULL, rb = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_runs_compare_row_free);

  if (a == NULL && b == NULL)
    return out;
  if (a == NULL)
    a = b, b = NULL;
  ra = lab_run_settings_rows (a);
  rb = b != NULL ? lab_run_settings_rows (b) : NULL;
  /* a's order, then whatever only b has (a run saved by another version of LayerLab). */
  for (guint i = 0; i < ra->len; i++)
    {
      LabRunRow *row = g_ptr_array_index (ra, i);

      add_compare_row (out, row, find_row (rb, row->key), b != NULL);
    }
  for (guint i = 0; rb != NULL && i < rb->len; i++)
    {
      LabRunRow *row = g_ptr_array_index (rb, i);

      if (find_row (ra, row->key) == NULL)
        add_compare_row (out, NULL, row, TRUE);
    }
  return out;
}

typedef enum { LOWER_IS_BETTER = -1, NO_ORDER = 0, HIGHER_IS_BETTER = 1 } Order;

static void
add_result (GPtrArray  *out,
            const char *key,
            const char *label,
            char       *a,
            char       *b,
            double      va,
            double      vb,
            Order       order)
{
  LabRunsCompareRow *row;

  /* A row that neither run can fill says nothing. */
  if (g_strcmp0 (a, "–") == 0 && (b == NULL || g_strcmp0 (b, "–") == 0))
    {
      g_free (a);
      g_free (b);
      return;
    }
  row = g_new0 (LabRunsCompareRow, 1);
  row->key = g_strdup (key);
  row->label = g_strdup (label);
  row->a = a;
  row->b = b;
  row->differs = b != NULL && g_strcmp0 (a, b) != 0;
  if (row->differs && order != NO_ORDER && isfinite (va) && isfinite (vb) && va != vb)
    row->better = (order == HIGHER_IS_BETTER) == (va > vb) ? 1 : 2;
  g_ptr_array_add (out, row);
}

static char *
format_duration (double seconds)
{
  if (!(seconds > 0))
    return g_strdup ("–");
  if (seconds < 60)
    /* Translators: a training time in seconds. */
    return g_strdup_printf (_("%.1f s"), seconds);
  /* Translators: a training time in minutes and seconds. */
  return g_strdup_printf (_("%u min %02u s"), (guint) (seconds / 60), (guint) fmod (seconds, 60));
}

/* The best validation accuracy of a run and the epoch it came at (NaN, 0 without one). */
static double
best_accuracy (const LabRun *run,
               guint        *epoch)
{
  double best = NAN;

  *epoch = 0;
  for (guint i = 0; run != NULL && i < run->epochs->len; i++)
    {
      const LabRunEpoch *e = &g_array_index (run->epochs, LabRunEpoch, i);

      if (isfinite (e->val_accuracy) && !(e->val_accuracy <= best))
        {
          best = e->val_accuracy;
          *epoch = (guint) e->epoch;
        }
    }
  return best;
}

static char *
format_best (double best,
             guint  epoch)
{
  g_autofree char *acc = NULL;

  if (!isfinite (best))
    return g_strdup ("–");
  acc = lab_runs_format_accuracy (best);
  /* Translators: the best accuracy of a run and the epoch it reached it at. */
  return g_strdup_printf (_("%s (epoch %u)"), acc, epoch);
}

GPtrArray *
lab_runs_result_rows (const LabRun *a,
                      const LabRun *b)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) lab_runs_compare_row_free);
  const LabRunEpoch *la, *lb;
  double nan = NAN, ba, bb;
  guint ea, eb;

  if (a == NULL)
    a = b, b = NULL;
  if (a == NULL)
    return out;
  la = lab_run_get_last_epoch (a);
  lb = b != NULL ? lab_run_get_last_epoch (b) : NULL;
#define FIG(run, last, field) ((last) != NULL ? (last)->field : nan)
#define TWO(expr_a, expr_b) (expr_a), (b != NULL ? (expr_b) : NULL)

  add_result (out, "epochs", _("Epochs"),
              TWO (g_strdup_printf ("%u", a->epochs->len),
                   g_strdup_printf ("%u", b->epochs->len)), nan, nan, NO_ORDER);
  add_result (out, "duration", _("Training time"),
              TWO (format_duration (a->duration), format_duration (b->duration)),
              nan, nan, NO_ORDER);
  add_result (out, "loss", _("Final training loss"),
              TWO (lab_runs_format_loss (FIG (a, la, loss)), lab_runs_format_loss (FIG (b, lb, loss))),
              FIG (a, la, loss), FIG (b, lb, loss), LOWER_IS_BETTER);
  add_result (out, "val-loss", _("Final validation loss"),
              TWO (lab_runs_format_loss (FIG (a, la, val_loss)),
                   lab_runs_format_loss (FIG (b, lb, val_loss))),
              FIG (a, la, val_loss), FIG (b, lb, val_loss), LOWER_IS_BETTER);
  add_result (out, "val-accuracy", _("Final validation accuracy"),
              TWO (lab_runs_format_accuracy (FIG (a, la, val_accuracy)),
                   lab_runs_format_accuracy (FIG (b, lb, val_accuracy))),
              FIG (a, la, val_accuracy), FIG (b, lb, val_accuracy), HIGHER_IS_BETTER);
  ba = best_accuracy (a, &ea);
  bb = best_accuracy (b, &eb);
  add_result (out, "best-val-accuracy", _("Best validation accuracy"),
              TWO (format_best (ba, ea), format_best (bb, eb)), ba, bb, HIGHER_IS_BETTER);
  add_result (out, "test-accuracy", _("Test accuracy"),
              TWO (lab_runs_format_accuracy (a->test_accuracy),
                   lab_runs_format_accuracy (b->test_accuracy)),
              a->test_accuracy, b != NULL ? b->test_accuracy : nan, HIGHER_IS_BETTER);
  add_result (out, "test-loss", _("Test loss"),
              TWO (lab_runs_format_loss (a->test_loss), lab_runs_format_loss (b->test_loss)),
              a->test_loss, b != NULL ? b->test_loss : nan, LOWER_IS_BETTER);
#undef FIG
#undef TWO
  return out;
}

char *
lab_runs_format_accuracy (double accuracy)
{
  if (!isfinite (accuracy))
    return g_strdup ("–");
  /* Translators: an accuracy in percent, like "96.4 %". */
  return g_strdup_printf (_("%.1f %%"), accuracy * 100);
}

char *
lab_runs_format_loss (double loss)
{
  if (!isfinite (loss))
    return g_strdup ("–");
  return g_strdup_printf (fabs (loss) < 0.01 && loss != 0 ? "%.2e" : "%.3f", loss);
}

char *
lab_runs_describe (const LabRun *run)
{
  g_autoptr(GDateTime) local = NULL, now = NULL;
  g_autofree char *when = NULL, *end = NULL, *epochs = NULL;
  const LabRunEpoch *last;

  g_return_val_if_fail (run != NULL, NULL);

  local = g_date_time_to_local (run->started);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: when a run started this year, for g_date_time_format(): "22 Nov, 06:30". */
    when = g_date_time_format (local, _("%-d %b, %H:%M"));
  else
    /* Translators: when a run started in another year: "22 Nov 2026, 06:30". */
    when = g_date_time_format (local, _("%-d %b %Y, %H:%M"));
  epochs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u epoch", "%u epochs",
                                         run->epochs->len), run->epochs->len);
  end = lab_run_describe_end (run);
  last = lab_run_get_last_epoch (run);
  if (last != NULL && (isfinite (last->val_accuracy) || isfinite (last->val_loss)))
    {
      g_autofree char *acc = lab_runs_format_accuracy (last->val_accuracy);
      g_autofree char *loss = lab_runs_format_loss (last->val_loss);

      /* Translators: a run's summary: when, epochs, outcome; then its last validation figures. */
      return g_strdup_printf (_("%s · %s · %s\nValidation accuracy %s · loss %s"),
                              when, epochs, end, acc, loss);
    }
  return g_strdup_printf ("%s · %s · %s", when, epochs, end);
}

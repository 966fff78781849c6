/* lab-class-table.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkGrid rather than a GtkColumnView: at most a few dozen rows that never scroll on their
 * own, which a grid lays out with aligned numbers and no list machinery.
 */
#define G_LOG_DOMAIN "lab-class-table"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lab-class-table.h"

#define N_COLUMNS 5

struct _LabClassTable
{
  GtkWidget  parent_instance;

  GtkWidget *grid;
  guint      n_rows;      /* data rows: classes + 2 averages */
  GPtrArray *cells;       /* GtkLabel, n_rows × N_COLUMNS, row-major */
};

G_DEFINE_FINAL_TYPE (LabClassTable, lab_class_table, GTK_TYPE_WIDGET)

char *
lab_class_table_format_metric (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.3f", value);
}

static const char *
header_tooltip (guint column)
{
  switch (column)
    {
    case 0:
      return _("Each class against all the others. The averages below sum the classes up.");
    case 1:
      return _("Precision: of the samples predicted as this class, the share that really belong "
               "to it, TP / (TP + FP). Low precision means many false alarms for this class.");
    case 2:
      return _("Recall (true-positive rate): of the samples that belong to this class, the share "
               "the model finds, TP / (TP + FN). Low recall means this class is often missed.");
    case 3:
      return _("F1: the harmonic mean of precision and recall, 2PR / (P + R). It is high only "
               "when both are, so it shows the weakest classes at a glance.");
    default:
      return _("Support: how many samples of this class the split holds. The figures of a class "
               "with little support are noisy.");
    }
}

static GtkWidget *
make_label (const char *text,
            float       xalign,
            gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
clear_rows (LabClassTable *self)
{
  GtkWidget *child, *next;

  /* Keep the header row (row 0) and drop everything below it. */
  for (child = gtk_widget_get_first_child (self->grid); child != NULL; child = next)
    {
      int row;

      next = gtk_widget_get_next_sibling (child);
      gtk_grid_query_child (GTK_GRID (self->grid), child, NULL, &row, NULL, NULL);
      if (row > 0)
        gtk_grid_remove (GTK_GRID (self->grid), child);
    }
  g_ptr_array_set_size (self->cells, 0);
  self->n_rows = 0;
}

static void
add_row (LabClassTable *self,
         int            grid_row,
         const char    *name,
         double         precision,
         double         recall,
         double         f1,
         guint64        support,
         const char    *tooltips[N_COLUMNS],
         gboolean       average)
{
  double values[3] = { precision, recall, f1 };
  GtkWidget *label;

  label = make_label (name, 0.0f, FALSE);
  gtk_widget_set_hexpand (label, TRUE);
  if (average)
    gtk_widget_add_css_class (label, "heading");
  else
    {
      /* Long class names (CSV labels) must not widen the table without end. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
    }
  g_ptr_array_add (self->cells, label);

  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *text = lab_class_table_format_metric (values[c]);

      g_ptr_array_add (self->cells, make_label (text, 1.0f, TRUE));
    }
  {
    g_autofree char *text = g_strdup_printf ("%llu", (unsigned long long) support);

    g_ptr_array_add (self->cells, make_label (text, 1.0f, TRUE));
  }

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      label = g_ptr_array_index (self->cells, self->cells->len - N_COLUMNS + c);
      if (tooltips[c] != NULL)
        gtk_widget_set_tooltip_text (label, tooltips[c]);
      gtk_grid_attach (GTK_GRID (self->grid), label, (int) c, grid_row, 1, 1);
    }
  self->n_rows++;
}

static void
add_class_row (LabClassTable        *self,
               const LabClassReport *r,
               guint                 k,
               const char           *name)
{
  guint K = r->n_classes;
  guint64 tp = r->counts[(gsize) k * K + k], predicted = 0;
  g_autofree char *tip_p = NULL;
  g_autofree char *tip_r = NULL;
  g_autofree char *tip_f = NULL;
  const char *tips[N_COLUMNS];

  for (guint t = 0; t < K; t++)
    predicted += r->counts[(gsize) t * K + k];

  tip_p = predicted > 0
    ? g_strdup_printf (_("%llu of the %llu samples predicted as “%s” really are “%s”."),
                       (unsigned long long) tp, (unsigned long long) predicted, name, name)
    : g_strdup_printf (_("No sample was predicted as “%s”, so its precision counts as 0."), name);
  tip_r = r->support[k] > 0
    ? g_strdup_printf (_("The model finds %llu of the %llu “%s” samples."),
                       (unsigned long long) tp, (unsigned long long) r->support[k], name)
    : g_strdup_printf (_("This split has no “%s” samples, so its recall counts as 0."), name);
  tip_f = g_strdup_printf (_("F1 of “%s”: 2 × %.3f × %.3f / (%.3f + %.3f)."),
                           name, r->precision[k], r->recall[k], r->precision[k], r->recall[k]);
  tips[0] = name;
  tips[1] = tip_p;
  tips[2] = tip_r;
  tips[3] = tip_f;
  tips[4] = header_tooltip (4);
  add_row (self, (int) k + 1, name, r->precision[k], r->recall[k], r->f1[k], r->support[k],
           tips, FALSE);
}

void
lab_class_table_set_report (LabClassTable        *self,
                            const LabClassReport *report,
                            const char * const   *class_names)
{
  const char *macro_tips[N_COLUMNS] = { NULL };
  const char *micro_tips[N_COLUMNS] = { NULL };
  GtkWidget *separator;
  guint K;

  g_return_if_fail (LAB_IS_CLASS_TABLE (self));

  clear_rows (self);
  if (report == NULL)
    return;

  K = report->n_classes;
  for (guint k = 0; k < K; k++)
    {
      g_autofree char *fallback = g_strdup_printf (_("Class %u"), k);

      add_class_row (self, report, k,
                     class_names != NULL && class_names[k] != NULL ? class_names[k] : fallback);
    }

  separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_grid_attach (GTK_GRID (self->grid), separator, 0, (int) K + 1, N_COLUMNS, 1);

  for (guint c = 0; c < N_COLUMNS; c++)
    macro_tips[c] = _("Macro average: the plain mean over the classes. Every class counts the "
                      "same, so a weak small class pulls it down.");
  for (guint c = 0; c < N_COLUMNS; c++)
    micro_tips[c] = _("Micro average: every sample counts once, over all classes. With one "
                      "label per sample, micro precision, recall and F1 all equal the accuracy.");
  add_row (self, (int) K + 2, _("Macro average"), report->macro_precision, report->macro_recall,
           report->macro_f1, report->n, macro_tips, TRUE);
  add_row (self, (int) K + 3, _("Micro average"), report->micro_precision, report->micro_recall,
           report->micro_f1, report->n, micro_tips, TRUE);
}

const char *
lab_class_table_get_text (LabClassTable *self,
                          guint          row,
                          guint          column)
{
  g_return_val_if_fail (LAB_IS_CLASS_TABLE (self), NULL);

  if (row >= self->n_rows || column >= N_COLUMNS)
    return NULL;
  return gtk_label_get_text (g_ptr_array_index (self->cells, row * N_COLUMNS + column));
}

static void
lab_class_table_dispose (GObject *object)
{
  LabClassTable *self = LAB_CLASS_TABLE (object);

  g_clear_pointer (&self->grid, gtk_widget_unparent);
  g_clear_pointer (&self->cells, g_ptr_array_unref);

  G_OBJECT_CLASS (lab_class_table_parent_class)->dispose (object);
}

static void
lab_class_table_class_init (LabClassTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_class_table_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "classtable");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TABLE);
}

static void
lab_class_table_init (LabClassTable *self)
{
  const char *headers[N_COLUMNS] = { N_("Class"), N_("Precision"), N_("Recall"), N_("F1"),
                                     N_("Support") };

  self->cells = g_ptr_array_new ();
  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 6);
  gtk_widget_set_parent (self->grid, GTK_WIDGET (self));

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkWidget *label = make_label (_(headers[c]), c == 0 ? 0.0f : 1.0f, FALSE);

      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_tooltip_text (label, header_tooltip (c));
      gtk_grid_attach (GTK_GRID (self->grid), label, (int) c, 0, 1, 1);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Per-class metrics"), -1);
}

GtkWidget *
lab_class_table_new (void)
{
  return g_object_new (LAB_TYPE_CLASS_TABLE, NULL);
}

/* lab-inspector-settings.c: the inspector's page when nothing is selected: how the model trains
 * and on which data
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is a table of fields, each an offset into LabTrainSettings or LabDataRef. An edit is
 * made on a copy of the settings and checked with lab_train_settings_check(); a refused value is
 * reported with the core's message and the control goes back to the stored value.
 */
#define G_LOG_DOMAIN "lab-inspector"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lab-inspector-private.h"

typedef enum { T_FLOAT, T_DOUBLE, T_UINT, T_UINT64, T_SIZE, T_BOOL, T_ENUM, T_PATH, T_TEXT } FieldType;
typedef enum { H_SETTINGS, H_DATA } Home;

typedef enum
{
  K_NONE, K_LOSS, K_HUBER, K_CLASS_WEIGHTS, K_OPTIMIZER, K_SGD, K_ADAM, K_EPS, K_RMSPROP, K_ADAMW,
  K_SCHEDULE, K_GAMMA, K_STEP, K_MIN_LR, K_PLATEAU, K_INIT, K_INIT_VALUE, K_EARLY, K_DATA_KIND,
  K_SYNTHETIC, K_SYNTHETIC_KIND, K_CLASSES, K_MNIST, K_CSV, K_IDX, K_TEST_FRACTION,
} Key;

typedef struct
{
  Key                  key;        /* decides visibility and side effects */
  const char          *group;      /* starts a new group when not NULL ("" = no title) */
  const char          *title;
  const char          *tooltip;
  Home                 home;
  gsize                offset;
  FieldType            type;
  double               lo, hi, step;
  guint                digits;
  gboolean             log_step;
  const char          *(*label) (int);
  const char          *(*blurb) (int);
  const char * const  *labels;     /* T_ENUM without label(); T_PATH: NULL = file, else folder */
  guint                n_choices;
} Desc;

static const char * const class_weight_labels[] = { N_("None"), N_("Balanced"), NULL };
static const char * const metric_labels[] = { N_("Validation loss"), N_("Validation accuracy"), NULL };
static const char * const data_kind_labels[] = { N_("Synthetic points"), N_("Fashion-MNIST"), N_("IDX files"), N_("CSV file"), NULL };
static const char * const synthetic_labels[] = { N_("Spirals"), N_("Circles"), N_("XOR"), N_("Blobs"), N_("Moons"), NULL };
static const char * const scaling_labels[] = { N_("None"), N_("Min-max to 0…1"), N_("Standardize (z-score)"), NULL };
static const char * const folder_marker[] = { "folder", NULL };

#define S(m) H_SETTINGS, G_STRUCT_OFFSET (LabTrainSettings, m)
#define D(m) H_DATA, G_STRUCT_OFFSET (LabDataRef, m)
#define ENUM_F(lab, blb, n) 0, 0, 0, 0, FALSE, (const char *(*) (int)) lab, (const char *(*) (int)) blb, NULL, n
#define ENUM_L(l, n) 0, 0, 0, 0, FALSE, NULL, NULL, l, n
#define NUM(lo, hi, step, digits, log) lo, hi, step, digits, log, NULL, NULL, NULL, 0

static const Desc descs[] = {
  { K_LOSS, N_("Loss"), N_("Loss function"), NULL, S (loss), T_ENUM, ENUM_F (lab_loss_kind_label, lab_loss_kind_blurb, LAB_LOSS_N_KINDS) },
  { K_HUBER, NULL, N_("Huber delta"), N_("Errors smaller than delta are squared, larger ones count linearly, so outliers pull less on the fit. 1.0 is the usual value."), S (huber_delta), T_FLOAT, NUM (0.0001, 10000, 0.1, 3, TRUE) },
  { K_CLASS_WEIGHTS, NULL, N_("Class weights"), N_("Balanced weighs each class inversely to how often it occurs in the training data, so rare classes count as much as common ones. Use it for imbalanced data."), S (class_weights), T_ENUM, ENUM_L (class_weight_labels, 2) },

  { K_OPTIMIZER, N_("Optimizer"), N_("Optimizer"), NULL, S (optimizer.kind), T_ENUM, ENUM_F (lab_optimizer_kind_label, lab_optimizer_kind_blurb, LAB_OPTIMIZER_N_KINDS) },
  { K_NONE, NULL, N_("Learning rate"), N_("How far each step moves the weights against the gradient. Too high and the loss jumps or diverges, too low and training crawls. Typical: 0.001 for Adam, 0.01 to 0.1 for SGD."), S (optimizer.lr), T_FLOAT, NUM (0.000001, 10, 0.0001, 5, TRUE) },
  { K_SGD, NULL, N_("Momentum"), N_("Keeps a running average of past gradients, so steps gather speed in steady directions and oscillations cancel out. 0.9 is typical; 0 is plain SGD."), S (optimizer.momentum), T_FLOAT, NUM (0, 0.999, 0.01, 3, FALSE) },
  { K_SGD, NULL, N_("Nesterov momentum"), N_("Takes the gradient one step ahead along the momentum, which often converges a little faster. Needs a momentum above 0."), S (optimizer.nesterov), T_BOOL, NUM (0, 1, 1, 0, FALSE) },
  { K_ADAM, NULL, N_("β₁"), N_("How slowly Adam’s average of the gradients (its momentum) forgets. 0.9 is the standard value."), S (optimizer.beta1), T_FLOAT, NUM (0, 0.9999, 0.01, 4, FALSE) },
  { K_ADAM, NULL, N_("β₂"), N_("How slowly the average of squared gradients, which sets each weight’s step size, forgets. 0.999 is standard; 0.98 can steady unstable training."), S (optimizer.beta2), T_FLOAT, NUM (0, 0.99999, 0.001, 5, FALSE) },
  { K_RMSPROP, NULL, N_("ρ (decay)"), N_("How slowly RMSProp’s average of squared gradients forgets. 0.9 is the usual value."), S (optimizer.rho), T_FLOAT, NUM (0, 0.9999, 0.01, 4, FALSE) },
  { K_EPS, NULL, N_("ε"), N_("A tiny number added before dividing by the root of the squared-gradient average, so steps stay finite. Leave it at its default unless training is unstable."), S (optimizer.eps), T_FLOAT, NUM (1e-12, 1, 1e-9, 12, TRUE) },
  { K_ADAMW, NULL, N_("Weight decay"), N_("AdamW shrinks every weight by learning rate × decay at each step, apart from the gradient; this regularizes better than an L2 penalty with Adam. 0.01 is typical."), S (optimizer.weight_decay), T_FLOAT, NUM (0, 1, 0.001, 4, TRUE) },

  { K_SCHEDULE, N_("Learning-Rate Schedule"), N_("Schedule"), NULL, S (schedule.kind), T_ENUM, ENUM_F (lab_schedule_kind_label, lab_schedule_kind_blurb, LAB_SCHEDULE_N_KINDS) },
  { K_GAMMA, NULL, N_("Factor"), N_("What the learning rate is multiplied by at each reduction: 0.1 divides it by ten (step, plateau), 0.95 takes 5 % off every epoch (exponential)."), S (schedule.gamma), T_FLOAT, NUM (0.001, 1, 0.01, 3, FALSE) },
  { K_STEP, NULL, N_("Step every (epochs)"), N_("The learning rate is reduced once every this many epochs."), S (schedule.step_epochs), T_UINT, NUM (1, 100000, 1, 0, FALSE) },
  { K_MIN_LR, NULL, N_("Minimum learning rate"), N_("The floor the schedule does not go below."), S (schedule.min_lr), T_FLOAT, NUM (0, 1, 0.0001, 6, TRUE) },
  { K_PLATEAU, NULL, N_("Patience (epochs)"), N_("Epochs without improvement of the validation loss before the learning rate is reduced."), S (schedule.patience), T_UINT, NUM (1, 10000, 1, 0, FALSE) },
  { K_PLATEAU, NULL, N_("Minimum improvement"), N_("A smaller drop of the validation loss does not count as an improvement."), S (schedule.min_delta), T_FLOAT, NUM (0, 1, 0.0001, 5, TRUE) },
  { K_NONE, NULL, N_("Warm-up (epochs)"), N_("Raises the learning rate gradually from almost 0 over the first epochs, which steadies the start with high learning rates or big batches. 0 turns it off."), S (schedule.warmup_epochs), T_UINT, NUM (0, 1000, 1, 0, FALSE) },

  { K_NONE, N_("Training"), N_("Batch size"), N_("How many samples are averaged for each weight update. Small batches (16 to 64) give noisy but frequent updates; large ones are smoother and need more memory. 32 is a common start."), S (batch_size), T_UINT, NUM (1, 1 << 20, 1, 0, FALSE) },
  { K_NONE, NULL, N_("Epochs"), N_("One epoch is one pass over the training data. When the validation loss stops improving, more epochs only overfit: early stopping can end training then."), S (epochs), T_UINT, NUM (1, 100000, 1, 0, FALSE) },
  { K_NONE, NULL, N_("Shuffle"), N_("Shuffles the training samples before every epoch so that batches differ. Leave it on unless the order matters."), S (shuffle), T_BOOL, NUM (0, 1, 1, 0, FALSE) },
  { K_NONE, NULL, N_("Seed"), N_("Starts the random numbers for initial weights, shuffling, dropout and generated data. The same seed and settings give the same run."), S (seed), T_UINT64, NUM (0, 4294967295.0, 1, 0, FALSE) },
  { K_NONE, NULL, N_("Reconstruct the inputs"), N_("Trains the network to output its own (scaled) input instead of the labels, as an autoencoder does: the output must have the input’s shape, and the loss is usually MSE."), S (reconstruct), T_BOOL, NUM (0, 1, 1, 0, FALSE) },
  { K_INIT, NULL, N_("Weight initializer"), NULL, S (init.kind), T_ENUM, ENUM_F (lab_init_kind_label, lab_init_kind_blurb, LAB_INIT_N_KINDS) },
  { K_INIT_VALUE, NULL, N_("Initializer value"), N_("The constant, the uniform limit or the normal standard deviation the weights start from."), S (init.value), T_FLOAT, NUM (0, 100, 0.01, 4, TRUE) },

  { K_NONE, N_("Regularization"), N_("L1 penalty"), N_("Adds λ·Σ|w| to the loss, which pushes weights to exactly zero (a sparse model). Typical λ: 0.00001 to 0.001; 0 turns it off."), S (optimizer.l1), T_FLOAT, NUM (0, 1, 0.00001, 6, TRUE) },
  { K_NONE, NULL, N_("L2 penalty"), N_("Adds λ·Σw² to the loss, which keeps weights small and reduces overfitting. Typical λ: 0.00001 to 0.001; 0 turns it off."), S (optimizer.l2), T_FLOAT, NUM (0, 1, 0.00001, 6, TRUE) },
  { K_NONE, NULL, N_("Clip gradients at"), N_("Limits every gradient value to ± this, against exploding gradients. 0 turns it off."), S (optimizer.clip_value), T_FLOAT, NUM (0, 1000, 0.1, 3, TRUE) },
  { K_NONE, NULL, N_("Clip gradient norm at"), N_("Scales all gradients down together when their overall length exceeds this, keeping their direction. 1 to 5 is typical; 0 turns it off."), S (optimizer.clip_norm), T_FLOAT, NUM (0, 1000, 0.1, 3, TRUE) },
  { K_EARLY, NULL, N_("Early stopping"), N_("Stops training when the validation metric has not improved for a number of epochs, so you can ask for many epochs without overfitting."), S (early_stopping), T_BOOL, NUM (0, 1, 1, 0, FALSE) },
  { K_EARLY, NULL, N_("Watch"), N_("The validation loss is the usual choice; accuracy for classifiers when it is what matters."), S (early_metric), T_ENUM, ENUM_L (metric_labels, 2) },
  { K_EARLY, NULL, N_("Patience (epochs)"), N_("How many epochs without improvement to wait before stopping. 5 to 10 is typical."), S (patience), T_UINT, NUM (1, 100000, 1, 0, FALSE) },
  { K_EARLY, NULL, N_("Minimum improvement"), N_("A smaller change of the metric does not count as an improvement."), S (min_delta), T_DOUBLE, NUM (0, 1, 0.0001, 5, TRUE) },
  { K_EARLY, NULL, N_("Restore best weights"), N_("When training stops, go back to the weights of the best epoch instead of keeping the last ones."), S (restore_best), T_BOOL, NUM (0, 1, 1, 0, FALSE) },

  { K_DATA_KIND, N_("Data"), N_("Source"), N_("Where the samples come from: generated 2-D points to experiment quickly, the Fashion-MNIST clothing images, or your own IDX or CSV files."), D (kind), T_ENUM, ENUM_L (data_kind_labels, 4) },
  { K_SYNTHETIC_KIND, NULL, N_("Pattern"), N_("The shape of the generated classes. Spirals need a non-linear network; blobs can be split by straight lines."), D (synthetic), T_ENUM, ENUM_L (synthetic_labels, LAB_SYNTHETIC_N_KINDS) },
  { K_SYNTHETIC, NULL, N_("Samples"), N_("How many points to generate. More points make the boundary clearer and each epoch longer."), D (n_samples), T_SIZE, NUM (10, 1000000, 100, 0, FALSE) },
  { K_SYNTHETIC, NULL, N_("Noise"), N_("The standard deviation of the random jitter added to each point. More noise makes the classes overlap, so no model reaches 100 %."), D (noise), T_DOUBLE, NUM (0, 5, 0.01, 2, FALSE) },
  { K_CLASSES, NULL, N_("Classes"), N_("How many spiral arms or blobs, each a class."), D (n_classes), T_UINT, NUM (2, 10, 1, 0, FALSE) },
  { K_MNIST, NULL, N_("Folder"), N_("The folder with the four Fashion-MNIST IDX files; none uses the copy installed on the system."), D (dir), T_PATH, 0, 0, 0, 0, FALSE, NULL, NULL, folder_marker, 0 },
  { K_CSV, NULL, N_("CSV file"), N_("A table with a header line, one sample per row and numbers in every column but the label."), D (csv_path), T_PATH, NUM (0, 0, 0, 0, FALSE) },
  { K_CSV, NULL, N_("Label column"), N_("The name of the column to predict; empty means the last column."), D (label_column), T_TEXT, NUM (0, 0, 0, 0, FALSE) },
  { K_CSV, NULL, N_("Classification"), N_("On: the labels are classes (whole numbers or names). Off: they are numbers to predict (regression)."), D (classification), T_BOOL, NUM (0, 1, 1, 0, FALSE) },
  { K_IDX, NULL, N_("Training images"), N_("An IDX file of training inputs, raw or gzip-compressed."), D (train_images), T_PATH, NUM (0, 0, 0, 0, FALSE) },
  { K_IDX, NULL, N_("Training labels"), N_("An IDX file with one label per training image."), D (train_labels), T_PATH, NUM (0, 0, 0, 0, FALSE) },
  { K_IDX, NULL, N_("Test images"), N_("Optional: test inputs kept apart for the final evaluation."), D (test_images), T_PATH, NUM (0, 0, 0, 0, FALSE) },
  { K_IDX, NULL, N_("Test labels"), N_("Optional: the labels of the test images."), D (test_labels), T_PATH, NUM (0, 0, 0, 0, FALSE) },
  { K_NONE, NULL, N_("Use at most (samples)"), N_("Trains on only the first samples of the training data, for quick experiments on a slice of a big set; 0 uses all."), D (limit), T_SIZE, NUM (0, 100000000, 1000, 0, FALSE) },
  { K_NONE, NULL, N_("Validation fraction"), N_("The part of the training data held out to measure generalization after each epoch. 0.1 to 0.2 is typical."), S (val_fraction), T_DOUBLE, NUM (0, 0.9, 0.05, 2, FALSE) },
  { K_TEST_FRACTION, NULL, N_("Test fraction"), N_("The part kept apart for the final evaluation, for data without a test set of its own."), S (test_fraction), T_DOUBLE, NUM (0, 0.9, 0.05, 2, FALSE) },
  { K_NONE, NULL, N_("Scaling"), N_("Brings every input feature to a similar range, fitted on the training split only. Standardizing (mean 0, deviation 1) suits most networks."), S (scaling), T_ENUM, ENUM_L (scaling_labels, 3) },
};

typedef struct _SettingsPage SettingsPage;

typedef struct
{
  SettingsPage *page;
  const Desc   *desc;
  GtkWidget    *row;
  GtkWidget    *control;
} Field;

struct _SettingsPage
{
  LabInspector *inspector;
  LabProject   *project;
  gboolean      syncing;
  GPtrArray    *fields;
  GtkWidget    *data_group;
  GtkWidget    *early;      /* AdwExpanderRow */
};

static void settings_sync (SettingsPage *page);

static void
settings_page_free (gpointer data)
{
  SettingsPage *page = data;

  g_clear_pointer (&page->fields, g_ptr_array_unref);
  g_free (page);
}

static gpointer
field_ptr (const Desc       *desc,
           LabTrainSettings *settings,
           LabDataRef       *data)
{
  return (guint8 *) (desc->home == H_SETTINGS ? (gpointer) settings : (gpointer) data) + desc->offset;
}

static double
field_get (const Desc *desc,
           gpointer    p)
{
  switch (desc->type)
    {
    case T_FLOAT:  return *(float *) p;
    case T_DOUBLE: return *(double *) p;
    case T_UINT:   return *(guint *) p;
    case T_UINT64: return (double) *(guint64 *) p;
    case T_SIZE:   return (double) *(gsize *) p;
    case T_BOOL:   return *(gboolean *) p ? 1.0 : 0.0;
    case T_ENUM:   return *(int *) p;
    case T_PATH:
    case T_TEXT:
    default:       return 0.0;
    }
}

static void
field_set (const Desc *desc,
           gpointer    p,
           double      v)
{
  switch (desc->type)
    {
    case T_FLOAT:  *(float *) p = (float) v; break;
    case T_DOUBLE: *(double *) p = v; break;
    case T_UINT:   *(guint *) p = (guint) v; break;
    case T_UINT64: *(guint64 *) p = (guint64) v; break;
    case T_SIZE:   *(gsize *) p = (gsize) v; break;
    case T_BOOL:   *(gboolean *) p = v != 0.0; break;
    case T_ENUM:   *(int *) p = (int) v; break;
    case T_PATH:
    case T_TEXT:
    default:       break;
    }
}

/* Side effects of picking a kind: the new kind's defaults for the settings that belong to it. */
static void
apply_kind_defaults (const Desc       *desc,
                     LabTrainSettings *s,
                     LabDataRef       *data)
{
  if (desc->key == K_OPTIMIZER)
    {
      LabOptimizerConfig old = s->optimizer;

      /* Penalties and clipping are the user's, not the optimizer's: keep them. */
      lab_optimizer_config_defaults (&s->optimizer, old.kind);
      s->optimizer.l1 = old.l1;
      s->optimizer.l2 = old.l2;
      s->optimizer.clip_value = old.clip_value;
      s->optimizer.clip_norm = old.clip_norm;
    }
  else if (desc->key == K_SCHEDULE)
    {
      guint warmup = s->schedule.warmup_epochs;

      lab_schedule_config_defaults (&s->schedule, s->schedule.kind);
      s->schedule.warmup_epochs = warmup;
    }
  else if (desc->key == K_SYNTHETIC_KIND && data->synthetic != LAB_SYNTHETIC_SPIRALS &&
           data->synthetic != LAB_SYNTHETIC_BLOBS)
    data->n_classes = 2;
}

static void
field_apply (Field  *field,
             double  v)
{
  SettingsPage *page = field->page;
  const Desc *desc = field->desc;

  if (page->syncing)
    return;

  if (desc->home == H_SETTINGS)
    {
      LabTrainSettings tmp = page->project->settings;
      g_autoptr(GError) error = NULL;

      if (field_get (desc, field_ptr (desc, &tmp, NULL)) == v)
        return;
      field_set (desc, field_ptr (desc, &tmp, NULL), v);
      apply_kind_defaults (desc, &tmp, &page->project->data);
      if (!lab_train_settings_check (&tmp, &error))
        {
          lab_inspector_emit_message (page->inspector, error->message);
          settings_sync (page);
          return;
        }
      page->project->settings = tmp;
    }
  else
    {
      gpointer p = field_ptr (desc, NULL, &page->project->data);

      if (field_get (desc, p) == v)
        return;
      field_set (desc, p, v);
      apply_kind_defaults (desc, &page->project->settings, &page->project->data);
    }

  settings_sync (page);
  lab_inspector_emit_settings_changed (page->inspector);
}

static void
field_apply_string (Field      *field,
                    const char *text)
{
  SettingsPage *page = field->page;
  char **p = field_ptr (field->desc, NULL, &page->project->data);

  if (page->syncing || g_strcmp0 (*p, text) == 0)
    return;
  g_free (*p);
  *p = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  settings_sync (page);
  lab_inspector_emit_settings_changed (page->inspector);
}

static void
on_spin_value_cb (GtkSpinButton *spin,
                  Field         *field)
{
  field_apply (field, gtk_spin_button_get_value (spin));
}

static void
on_switch_cb (GObject    *object,
              GParamSpec *pspec,
              Field      *field)
{
  gboolean active;

  g_object_get (object, pspec->name, &active, NULL);
  field_apply (field, active ? 1.0 : 0.0);
}

static void
on_combo_cb (AdwComboRow *combo,
             GParamSpec  *pspec,
             Field       *field)
{
  if (adw_combo_row_get_selected (combo) != GTK_INVALID_LIST_POSITION)
    field_apply (field, adw_combo_row_get_selected (combo));
}

static void
on_text_cb (GtkEditable *editable,
            Field       *field)
{
  field_apply_string (field, gtk_editable_get_text (editable));
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        Field           *field)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        field_apply_string (field, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_choose_clicked_cb (GtkButton *button,
                      Field     *field)
{
  gboolean folder = field->desc->labels != NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_(field->desc->title), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Select"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), field);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_clear_clicked_cb (GtkButton *button,
                     Field     *field)
{
  field_apply_string (field, NULL);
}

/* The expander row's own enable switch has no accessible name in libadwaita 1.2. */
static void
name_switches (GtkWidget  *widget,
               const char *title)
{
  if (GTK_IS_SWITCH (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_switches (child, title);
}

static Field *
field_new (SettingsPage *page,
           const Desc   *desc)
{
  Field *field = g_new0 (Field, 1);
  const char *title = _(desc->title);
  const char *tooltip = desc->tooltip != NULL ? _(desc->tooltip) : NULL;

  field->page = page;
  field->desc = desc;
  switch (desc->type)
    {
    case T_BOOL:
      if (desc->key == K_EARLY && page->early == NULL)
        {
          field->row = field->control = page->early = adw_expander_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
          adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (field->row), TRUE);
          gtk_widget_set_tooltip_text (field->row, tooltip);
          name_switches (field->row, title);
          g_signal_connect (field->row, "notify::enable-expansion", G_CALLBACK (on_switch_cb), field);
          break;
        }
      field->row = lab_inspector_switch_row_new (title, tooltip, &field->control);
      g_signal_connect (field->control, "notify::active", G_CALLBACK (on_switch_cb), field);
      break;

    case T_ENUM:
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

        for (guint i = 0; i < desc->n_choices; i++)
          gtk_string_list_append (labels, desc->label != NULL ? desc->label ((int) i) : _(desc->labels[i]));
        field->row = field->control = adw_combo_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
        adw_combo_row_set_model (ADW_COMBO_ROW (field->row), G_LIST_MODEL (labels));
        gtk_widget_set_tooltip_text (field->row, tooltip);
        g_signal_connect (field->row, "notify::selected", G_CALLBACK (on_combo_cb), field);
      }
      break;

    case T_TEXT:
      field->row = field->control = adw_entry_row_new ();
      gtk_editable_set_enable_undo (GTK_EDITABLE (field->row), FALSE); /* Ctrl+Z undoes the model */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
      gtk_widget_set_tooltip_text (field->row, tooltip);
      g_signal_connect (field->row, "changed", G_CALLBACK (on_text_cb), field);
      break;

    case T_PATH:
      {
        GtkWidget *choose = gtk_button_new_from_icon_name (desc->labels != NULL ? "folder-open-symbolic" : "document-open-symbolic");
        GtkWidget *clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");

        gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
        gtk_widget_add_css_class (clear, "flat");
        gtk_widget_set_tooltip_text (clear, _("Forget this file"));
        gtk_accessible_update_property (GTK_ACCESSIBLE (clear), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Clear"), -1);
        g_signal_connect (clear, "clicked", G_CALLBACK (on_clear_clicked_cb), field);
        gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
        gtk_widget_add_css_class (choose, "flat");
        gtk_widget_set_tooltip_text (choose, _("Choose…"));
        g_signal_connect (choose, "clicked", G_CALLBACK (on_choose_clicked_cb), field);
        field->row = lab_inspector_row_new (title, tooltip, choose);
        adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), clear);
        adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (field->row), 1);
        field->control = clear;
      }
      break;

    case T_FLOAT:
    case T_DOUBLE:
    case T_UINT:
    case T_UINT64:
    case T_SIZE:
    default:
      field->control = lab_inspector_spin_new (desc->lo, desc->hi, desc->step, desc->digits);
      if (desc->digits > 0)
        lab_inspector_spin_use_plain_format (field->control);
      gtk_spin_button_set_increments (GTK_SPIN_BUTTON (field->control), desc->step, desc->step * 10);
      field->row = lab_inspector_row_new (title, tooltip, field->control);
      g_signal_connect (field->control, "value-changed", G_CALLBACK (on_spin_value_cb), field);
      break;
    }
  return field;
}

static gboolean
field_visible (const Desc             *desc,
               const LabTrainSettings *s,
               const LabDataRef       *data)
{
  LabOptimizerKind opt = s->optimizer.kind;
  LabScheduleKind sched = s->schedule.kind;

  switch (desc->key)
    {
    case K_HUBER:          return s->loss == LAB_LOSS_HUBER;
    case K_CLASS_WEIGHTS:  return s->loss == LAB_LOSS_CROSS_ENTROPY || s->loss == LAB_LOSS_BCE_LOGITS;
    case K_SGD:            return opt == LAB_OPTIMIZER_SGD;
    case K_ADAM:           return opt == LAB_OPTIMIZER_ADAM || opt == LAB_OPTIMIZER_AMSGRAD || opt == LAB_OPTIMIZER_ADAMW;
    case K_EPS:            return opt != LAB_OPTIMIZER_SGD;
    case K_RMSPROP:        return opt == LAB_OPTIMIZER_RMSPROP;
    case K_ADAMW:          return opt == LAB_OPTIMIZER_ADAMW;
    case K_GAMMA:          return sched == LAB_SCHEDULE_STEP || sched == LAB_SCHEDULE_EXPONENTIAL || sched == LAB_SCHEDULE_PLATEAU;
    case K_STEP:           return sched == LAB_SCHEDULE_STEP;
    case K_MIN_LR:         return sched == LAB_SCHEDULE_COSINE || sched == LAB_SCHEDULE_PLATEAU;
    case K_PLATEAU:        return sched == LAB_SCHEDULE_PLATEAU;
    case K_INIT_VALUE:     return s->init.kind == LAB_INIT_CONSTANT || s->init.kind == LAB_INIT_UNIFORM || s->init.kind == LAB_INIT_NORMAL;
    case K_SYNTHETIC:
    case K_SYNTHETIC_KIND: return data->kind == LAB_DATA_SYNTHETIC;
    case K_CLASSES:        return data->kind == LAB_DATA_SYNTHETIC && (data->synthetic == LAB_SYNTHETIC_SPIRALS || data->synthetic == LAB_SYNTHETIC_BLOBS);
    case K_MNIST:          return data->kind == LAB_DATA_FASHION_MNIST;
    case K_CSV:            return data->kind == LAB_DATA_CSV;
    case K_IDX:            return data->kind == LAB_DATA_IDX;
    case K_TEST_FRACTION:  return data->kind == LAB_DATA_SYNTHETIC || data->kind == LAB_DATA_CSV ||
                                  (data->kind == LAB_DATA_IDX && data->test_images == NULL);
    case K_NONE:
    case K_LOSS:
    case K_OPTIMIZER:
    case K_SCHEDULE:
    case K_INIT:
    case K_EARLY:
    case K_DATA_KIND:
    default:               return TRUE;
    }
}

static void
field_sync (Field *field)
{
  const Desc *desc = field->desc;
  LabProject *project = field->page->project;
  gpointer p = field_ptr (desc, &project->settings, &project->data);
  double v = field_get (desc, p);

  gtk_widget_set_visible (field->row, field_visible (desc, &project->settings, &project->data));
  switch (desc->type)
    {
    case T_BOOL:
      g_object_set (field->control, field->control == field->page->early ? "enable-expansion" : "active", v != 0.0, NULL);
      break;
    case T_ENUM:
      adw_combo_row_set_selected (ADW_COMBO_ROW (field->control), (guint) v);
      if (desc->blurb != NULL)
        gtk_widget_set_tooltip_text (field->row, desc->blurb ((int) v));
      break;
    case T_TEXT:
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field->control)), *(char **) p ? *(char **) p : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (field->control), *(char **) p ? *(char **) p : "");
      break;
    case T_PATH:
      {
        const char *path = *(char **) p;
        g_autofree char *base = path != NULL ? g_path_get_basename (path) : NULL;

        adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row),
                                     base != NULL ? base : desc->labels != NULL ? _("System copy") : _("None chosen"));
        gtk_widget_set_visible (field->control, path != NULL);
      }
      break;
    case T_FLOAT:
    case T_DOUBLE:
    case T_UINT:
    case T_UINT64:
    case T_SIZE:
    default:
      if (desc->log_step)
        {
          double step = lab_spin_log_step (v, desc->step);

          gtk_spin_button_set_increments (GTK_SPIN_BUTTON (field->control), step, step * 10);
        }
      if (gtk_spin_button_get_value (GTK_SPIN_BUTTON (field->control)) != v)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (field->control), v);
      break;
    }
}

static void
settings_sync (SettingsPage *page)
{
  g_autofree char *description = lab_data_ref_describe (&page->project->data);

  page->syncing = TRUE;
  for (guint i = 0; i < page->fields->len; i++)
    field_sync (g_ptr_array_index (page->fields, i));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (page->data_group), description);
  page->syncing = FALSE;
}

void
lab_inspector_settings_page_sync (GtkWidget *widget)
{
  SettingsPage *page = g_object_get_data (G_OBJECT (widget), "lab-settings-page");

  g_return_if_fail (page != NULL);
  settings_sync (page);
}

/* The one setting a run takes while it goes on. */
static gboolean
field_is_live (const Desc *desc)
{
  return desc->home == H_SETTINGS && desc->offset == G_STRUCT_OFFSET (LabTrainSettings, optimizer.lr);
}

void
lab_inspector_settings_page_set_training (GtkWidget *widget,
                                          gboolean   training)
{
  SettingsPage *page = g_object_get_data (G_OBJECT (widget), "lab-settings-page");

  g_return_if_fail (page != NULL);
  for (guint i = 0; i < page->fields->len; i++)
    {
      Field *field = g_ptr_array_index (page->fields, i);

      if (field_is_live (field->desc))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row),
                                     training ? _("Applies to the running training from its "
                                                  "next batch")
                                              : NULL);
      else
        gtk_widget_set_sensitive (field->row, !training);
    }
}

GtkWidget *
lab_inspector_settings_page_new (LabInspector *inspector,
                                 LabProject   *project)
{
  SettingsPage *page = g_new0 (SettingsPage, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *group = NULL;

  page->inspector = inspector;
  page->project = project;
  page->fields = g_ptr_array_new_with_free_func (g_free);
  g_object_set_data_full (G_OBJECT (box), "lab-settings-page", page, settings_page_free);

  for (guint i = 0; i < G_N_ELEMENTS (descs); i++)
    {
      const Desc *desc = &descs[i];
      gboolean in_expander = desc->key == K_EARLY && page->early != NULL;
      Field *field;

      if (desc->group != NULL)
        {
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(desc->group));
          gtk_box_append (GTK_BOX (box), group);
          if (desc->key == K_DATA_KIND)
            page->data_group = group;
        }
      field = field_new (page, desc);
      g_ptr_array_add (page->fields, field);
      if (in_expander)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (page->early), field->row);
      else
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field->row);
    }

  settings_sync (page);
  return box;
}

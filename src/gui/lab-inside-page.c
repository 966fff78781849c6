/* lab-inside-page.c: the "Inside" page: activations, filters, health and decision boundary
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Probes: a timer looks every TICK_MS whether something changed (a batch was trained, another
 * sample or view was picked) and, when no probe is outstanding, asks the session for one. What it
 * computes depends on what is on screen: the selected sample's activations, the filters or the
 * decision grid for the visible view, and, at most every HEALTH_MS, histograms and dead units,
 * which feed the health warnings and the canvas's badges even while another page shows.
 */
#define G_LOG_DOMAIN "lab-inside"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "lab-activation-view.h"
#include "lab-decision-view.h"
#include "lab-filter-view.h"
#include "lab-health-view.h"
#include "lab-inside-page.h"
#include "lab-inside-probe.h"
#include "lab-inspect.h"
#include "lab-sample-strip.h"

#define TICK_MS       300    /* at most ~3 probes a second */
#define HEALTH_MS     1000
#define STRIP_SAMPLES 24
#define DECISION_POINTS 600

struct _LabInsidePage
{
  GtkWidget        parent_instance;

  LabTrainSession *session;
  LabGraphView    *graph_view;     /* weak */
  GPtrArray       *badged;         /* node names given a badge */

  GtkWidget       *status_stack;
  GtkWidget       *strip;
  GtkWidget       *stack;
  GtkWidget       *activations;
  GtkWidget       *filters;
  GtkWidget       *health;
  GtkWidget       *decision;
  GtkStackPage    *decision_page;

  const LabDataset *strip_data;    /* the split the strip was filled from: compared, never read
                                    * later, since a fresh run may free it before "prepared" */
  char           **class_names;    /* copied from it */
  gsize            x_dim;
  guint            tick;
  gboolean         probing;
  guint            outstanding;    /* probes asked for and not answered: at most 1 */
  guint            max_outstanding;
  guint            n_probes;
  guint            dirty;          /* LabInsideProbeFlags to refresh */
  gint64           last_health;
  guint64          last_step;
};

G_DEFINE_FINAL_TYPE (LabInsidePage, lab_inside_page, GTK_TYPE_WIDGET)

static void schedule (LabInsidePage *self);

static const char * const *
class_names (LabInsidePage *self)
{
  return (const char * const *) self->class_names;
}

static void
probe_done (gpointer result,
            gpointer user_data)
{
  LabInsideProbeJob *job = user_data;
  g_autoptr(LabInsidePage) self = g_weak_ref_get (&job->page);
  LabInsideProbeResult *r = result;

  g_weak_ref_clear (&job->page);
  g_free (job->x);
  g_free (job);
  if (self == NULL)
    return;
  g_debug ("probe answered%s", r == NULL ? " without a result" : "");
  self->probing = FALSE;
  self->outstanding--;
  self->n_probes++;
  if (self->dirty != 0)
    schedule (self);
  if (r == NULL)
    return;
  /* The views take what they show; the session frees the rest. */
  if (r->acts != NULL)
    lab_activation_view_set_activations (LAB_ACTIVATION_VIEW (self->activations),
                                         g_steal_pointer (&r->acts), class_names (self),
                                         lab_sample_strip_get_selected_class (LAB_SAMPLE_STRIP (self->strip)));
  if (r->filters != NULL)
    lab_filter_view_set_filters (LAB_FILTER_VIEW (self->filters), g_steal_pointer (&r->filters));
  if (r->hists != NULL || r->dead != NULL)
    lab_health_view_add_probe (LAB_HEALTH_VIEW (self->health), g_steal_pointer (&r->hists),
                               g_steal_pointer (&r->dead));
  if (r->grid != NULL)
    lab_decision_view_set_grid (LAB_DECISION_VIEW (self->decision), g_steal_pointer (&r->grid));
}

static LabInsideProbeFlags
visible_flag (LabInsidePage *self)
{
  const char *name = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || name == NULL)
    return 0;
  if (g_str_equal (name, "activations"))
    return PROBE_ACTIVATIONS;
  if (g_str_equal (name, "filters"))
    return PROBE_FILTERS;
  if (g_str_equal (name, "decision"))
    return PROBE_DECISION;
  return PROBE_HEALTH;
}

static gboolean on_tick_cb (gpointer user_data);

/* The timer runs only while there is something to refresh, so an idle window never wakes up. */
static void
schedule (LabInsidePage *self)
{
  if (self->tick == 0 && self->session != NULL)
    self->tick = g_timeout_add (TICK_MS, on_tick_cb, self);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  LabInsidePage *self = user_data;
  LabInsideProbeFlags flags = self->dirty & visible_flag (self);
  gint64 now = g_get_monotonic_time ();
  LabInsideProbeJob *job;
  const float *x;

  if (self->probing)
    return G_SOURCE_CONTINUE;   /* probe_done looks again */
  if (!lab_train_session_has_weights (self->session))
    flags = 0;
  else if ((self->dirty & PROBE_HEALTH) && (now - self->last_health >= HEALTH_MS * 1000 ||
                                            visible_flag (self) == PROBE_HEALTH))
    flags |= PROBE_HEALTH;
  if (flags == 0)
    {
      g_debug ("tick: nothing to probe (dirty 0x%x, visible 0x%x)", self->dirty, visible_flag (self));
      /* Health waits for its turn; views that are not shown wait to be shown. */
      if ((self->dirty & PROBE_HEALTH) && lab_train_session_has_weights (self->session))
        return G_SOURCE_CONTINUE;
      self->tick = 0;
      return G_SOURCE_REMOVE;
    }

  job = g_new0 (LabInsideProbeJob, 1);
  g_weak_ref_init (&job->page, self);
  job->flags = flags;
  x = lab_sample_strip_get_selected (LAB_SAMPLE_STRIP (self->strip));
  if (x != NULL)
    {
      job->x_dim = self->x_dim;
      job->x = g_memdup2 (x, job->x_dim * sizeof (float));
    }
  self->dirty &= ~flags;
  if (flags & PROBE_HEALTH)
    self->last_health = now;
  g_debug ("probe for 0x%x", flags);
  self->probing = TRUE;
  self->outstanding++;
  self->max_outstanding = MAX (self->max_outstanding, self->outstanding);
  lab_train_session_probe (self->session, lab_inside_probe_worker, probe_done, job,
                           (GDestroyNotify) lab_inside_probe_result_free);
  return G_SOURCE_CONTINUE;
}

/* Data and state */

static void
update_data (LabInsidePage *self)
{
  LabDataset *data = lab_train_session_get_dataset (self->session, LAB_SPLIT_VALIDATION);
  gboolean plane;

  if (data == NULL || data->n == 0)
    data = lab_train_session_get_dataset (self->session, LAB_SPLIT_TRAIN);
  if (data == self->strip_data)
    return;
  self->strip_data = data;
  g_strfreev (self->class_names);
  self->class_names = data != NULL ? g_strdupv (data->class_names) : NULL;
  self->x_dim = data != NULL ? data->x_dim : 0;
  lab_sample_strip_set_dataset (LAB_SAMPLE_STRIP (self->strip), data, STRIP_SAMPLES);
  plane = data != NULL && data->x_dim == 2 && data->n_classes > 0;
  gtk_stack_page_set_visible (self->decision_page, plane);
  lab_decision_view_set_points (LAB_DECISION_VIEW (self->decision), plane ? data : NULL,
                                DECISION_POINTS);
  self->dirty = PROBE_ACTIVATIONS | PROBE_FILTERS | PROBE_HEALTH | PROBE_DECISION;
  schedule (self);
}

static void
update_state (LabInsidePage *self)
{
  gboolean empty = !lab_train_session_has_weights (self->session) &&
                   lab_train_session_get_state (self->session) == LAB_TRAIN_STATE_IDLE;

  gtk_stack_set_visible_child_name (GTK_STACK (self->status_stack), empty ? "empty" : "inside");
  update_data (self);
  self->dirty = PROBE_ACTIVATIONS | PROBE_FILTERS | PROBE_HEALTH | PROBE_DECISION;
  schedule (self);
}

/* New splits, even if one happens to sit where the old one was. */
static void
on_prepared_cb (LabInsidePage *self)
{
  self->strip_data = NULL;
  update_state (self);
}

static void
on_progress_cb (LabTrainSession     *session,
                const LabTrainPoint *point,
                LabInsidePage       *self)
{
  /* Steps going back mean a fresh run: its history starts anew. */
  if (point->step < self->last_step)
    lab_health_view_clear (LAB_HEALTH_VIEW (self->health));
  self->last_step = point->step;
  lab_health_view_add_point (LAB_HEALTH_VIEW (self->health), point);
  if (self->strip_data == NULL)
    update_data (self);
  self->dirty = PROBE_ACTIVATIONS | PROBE_FILTERS | PROBE_HEALTH | PROBE_DECISION;
  schedule (self);
}

/* Badges */

static void
clear_badges (LabInsidePage *self)
{
  for (guint i = 0; self->graph_view != NULL && i < self->badged->len; i++)
    lab_graph_view_set_node_badge (self->graph_view, g_ptr_array_index (self->badged, i), NULL, NULL);
  g_ptr_array_set_size (self->badged, 0);
}

static void
on_warnings_changed_cb (LabInsidePage *self)
{
  g_autoptr(GHashTable) tips = NULL;
  GPtrArray *warnings;
  GHashTableIter iter;
  gpointer key, value;

  clear_badges (self);
  if (self->graph_view == NULL || self->health == NULL)
    return;
  warnings = lab_health_view_get_warnings (LAB_HEALTH_VIEW (self->health));
  tips = g_hash_table_new (g_str_hash, g_str_equal);
  /* One badge per layer, its tooltip every warning of that layer. */
  for (guint i = 0; i < warnings->len; i++)
    {
      const LabHealthWarning *w = g_ptr_array_index (warnings, i);
      GString *tip = g_hash_table_lookup (tips, w->layer);

      if (tip == NULL)
        g_hash_table_insert (tips, w->layer, (tip = g_string_new (NULL)));
      else
        g_string_append (tip, "\n\n");
      g_string_append_printf (tip, "%s: %s %s", lab_health_kind_title (w->kind), w->summary, w->advice);
    }
  g_hash_table_iter_init (&iter, tips);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      lab_graph_view_set_node_badge (self->graph_view, key, "dialog-warning-symbolic",
                                     ((GString *) value)->str);
      g_ptr_array_add (self->badged, g_strdup (key));
      g_string_free (value, TRUE);
    }
}

void
lab_inside_page_set_graph_view (LabInsidePage *self,
                                LabGraphView  *view)
{
  g_return_if_fail (LAB_IS_INSIDE_PAGE (self));
  g_return_if_fail (view == NULL || LAB_IS_GRAPH_VIEW (view));

  clear_badges (self);
  if (self->graph_view != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->graph_view), (gpointer *) &self->graph_view);
  self->graph_view = view;
  if (view != NULL)
    g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->graph_view);
  on_warnings_changed_cb (self);
}

/* Construction */

static void
on_sample_selected_cb (LabInsidePage *self)
{
  self->dirty |= PROBE_ACTIVATIONS;
  schedule (self);
}

static void
on_visible_child_cb (LabInsidePage *self)
{
  /* The new view shows the current weights at once. */
  self->dirty |= visible_flag (self);
  schedule (self);
}

static void
on_map_cb (LabInsidePage *self)
{
  if (self->dirty != 0)
    schedule (self);
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *sw = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1100);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 800);
  gtk_widget_set_margin_start (child, 18);
  gtk_widget_set_margin_end (child, 18);
  gtk_widget_set_margin_top (child, 18);
  gtk_widget_set_margin_bottom (child, 18);
  adw_clamp_set_child (ADW_CLAMP (clamp), child);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), clamp);
  gtk_widget_set_hexpand (sw, TRUE);
  gtk_widget_set_vexpand (sw, TRUE);
  return sw;
}

static void
add_page (LabInsidePage *self,
          GtkWidget     *view,
          const char    *name,
          const char    *title,
          const char    *icon)
{
  GtkStackPage *page = gtk_stack_add_titled (GTK_STACK (self->stack), scrolled (view), name, title);

  gtk_stack_page_set_icon_name (page, icon);
  if (g_str_equal (name, "decision"))
    self->decision_page = page;
}

static void
build (LabInsidePage *self)
{
  GtkWidget *inside = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *paned = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *sidebar = gtk_stack_sidebar_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *strip_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *strip_title = gtk_label_new (_("Pick a sample to follow through the network"));

  self->status_stack = gtk_stack_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "system-search-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nothing to Look Inside Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Train the model to see what each layer makes of a sample, "
                                     "the filters it learns, how healthy its gradients are and, "
                                     "for two-feature data, where it draws its decision boundary."));
  gtk_stack_add_named (GTK_STACK (self->status_stack), empty, "empty");

  self->strip = lab_sample_strip_new ();
  gtk_widget_add_css_class (strip_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (strip_title), 0);
  gtk_widget_set_margin_start (strip_title, 12);
  gtk_widget_set_margin_top (strip_title, 6);
  gtk_box_append (GTK_BOX (strip_box), strip_title);
  gtk_box_append (GTK_BOX (strip_box), self->strip);
  gtk_box_append (GTK_BOX (inside), strip_box);
  gtk_box_append (GTK_BOX (inside), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  self->activations = lab_activation_view_new ();
  self->filters = lab_filter_view_new ();
  self->health = lab_health_view_new ();
  self->decision = lab_decision_view_new ();
  add_page (self, self->activations, "activations", _("Activations"), "view-reveal-symbolic");
  add_page (self, self->filters, "filters", _("Filters"), "view-grid-symbolic");
  add_page (self, self->health, "health", _("Health"), "dialog-warning-symbolic");
  add_page (self, self->decision, "decision", _("Decision Boundary"), "find-location-symbolic");
  gtk_stack_page_set_visible (self->decision_page, FALSE);

  gtk_stack_sidebar_set_stack (GTK_STACK_SIDEBAR (sidebar), GTK_STACK (self->stack));
  gtk_widget_set_size_request (sidebar, 180, -1);
  gtk_widget_set_tooltip_text (sidebar, _("Activations: what each layer outputs for the picked "
                                          "sample. Filters: the patterns the layers look for. "
                                          "Health: gradients, weights and dead units over time. "
                                          "Decision boundary: the classes over the input plane."));
  gtk_box_append (GTK_BOX (paned), sidebar);
  gtk_box_append (GTK_BOX (paned), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (paned), self->stack);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (inside), paned);
  gtk_stack_add_named (GTK_STACK (self->status_stack), inside, "inside");
  gtk_widget_set_parent (self->status_stack, GTK_WIDGET (self));

  g_signal_connect_swapped (self->strip, "sample-selected", G_CALLBACK (on_sample_selected_cb), self);
  g_signal_connect_swapped (self->stack, "notify::visible-child", G_CALLBACK (on_visible_child_cb), self);
  g_signal_connect_swapped (self->health, "warnings-changed", G_CALLBACK (on_warnings_changed_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Inside the network"), -1);
}

GtkWidget *
lab_inside_page_new (LabTrainSession *session)
{
  LabInsidePage *self;

  g_return_val_if_fail (LAB_IS_TRAIN_SESSION (session), NULL);

  self = g_object_new (LAB_TYPE_INSIDE_PAGE, NULL);
  self->session = g_object_ref (session);
  build (self);
  g_signal_connect_object (session, "progress", G_CALLBACK (on_progress_cb), self, 0);
  g_signal_connect_object (session, "state-changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::has-weights", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  if (g_signal_lookup ("prepared", LAB_TYPE_TRAIN_SESSION) != 0)
    g_signal_connect_object (session, "prepared", G_CALLBACK (on_prepared_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  update_state (self);
  return GTK_WIDGET (self);
}

guint
lab_inside_page_get_probe_count (LabInsidePage *self,
                                 guint         *max_outstanding)
{
  g_return_val_if_fail (LAB_IS_INSIDE_PAGE (self), 0);

  if (max_outstanding != NULL)
    *max_outstanding = self->max_outstanding;
  return self->n_probes;
}

static void
lab_inside_page_dispose (GObject *object)
{
  LabInsidePage *self = LAB_INSIDE_PAGE (object);

  g_clear_handle_id (&self->tick, g_source_remove);
  lab_inside_page_set_graph_view (self, NULL);
  g_clear_pointer (&self->status_stack, gtk_widget_unparent);
  self->health = self->activations = self->filters = self->decision = self->strip = NULL;
  g_clear_object (&self->session);
  G_OBJECT_CLASS (lab_inside_page_parent_class)->dispose (object);
}

static void
lab_inside_page_finalize (GObject *object)
{
  LabInsidePage *self = LAB_INSIDE_PAGE (object);

  g_ptr_array_unref (self->badged);
  g_strfreev (self->class_names);
  G_OBJECT_CLASS (lab_inside_page_parent_class)->finalize (object);
}

static void
lab_inside_page_class_init (LabInsidePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_inside_page_dispose;
  object_class->finalize = lab_inside_page_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lab_inside_page_init (LabInsidePage *self)
{
  self->badged = g_ptr_array_new_with_free_func (g_free);
}

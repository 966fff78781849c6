/* lab-start-page.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-start-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lab-examples.h"
#include "lab-start-page.h"
#include "lab-templates.h"
#include "lab-window-private.h"

struct _LabStartPage
{
  GtkWidget  parent_instance;
  GtkWidget *scroller;
  GtkWidget *recovery_group;
  GtkWidget *recovery_list;
  GtkWidget *recent_group;
  GtkWidget *recent_list;
};

G_DEFINE_FINAL_TYPE (LabStartPage, lab_start_page, GTK_TYPE_WIDGET)

GtkWidget *
lab_start_page_new (void)
{
  return g_object_new (LAB_TYPE_START_PAGE, NULL);
}

static GtkWidget *
card (const char *title,
      const char *description,
      const char *action,
      const char *target)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *body = gtk_label_new (description);

  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "template-card");
  gtk_widget_set_size_request (button, 220, -1);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (body, "dim-label");
  gtk_widget_add_css_class (body, "caption");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_yalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (body), 28);
  gtk_label_set_lines (GTK_LABEL (body), 3);
  gtk_label_set_ellipsize (GTK_LABEL (body), PANGO_ELLIPSIZE_END);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), body);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_widget_set_tooltip_text (button, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return button;
}

static GtkWidget *
section_title (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "title-4");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 18);
  return label;
}

static GtkWidget *
card_grid (void)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 4);
  return flow;
}

/* GTK 4.8 names a mnemonic button "_Recover Recover" for screen readers: name it plainly. */
static GtkWidget *
mnemonic_button (const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  g_autoptr(GString) plain = g_string_new (NULL);

  for (const char *p = label; *p; p++)
    if (*p != '_' || p[1] == '_')   /* "__" is a literal underscore: keep one */
      g_string_append_c (plain, *p);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, plain->str, -1);
  return button;
}

static GtkWidget *
row_with_button (const char *title,
                 const char *subtitle,
                 const char *label,
                 const char *action,
                 const char *target)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = mnemonic_button (label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

void
lab_start_page_refresh (LabStartPage *self)
{
  g_autoptr(GPtrArray) orphans = lab_autosave_list_orphans ();
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n_recent = 0;

  clear_list (self->recovery_list);
  for (guint i = 0; i < orphans->len; i++)
    {
      const char *path = g_ptr_array_index (orphans, i);
      g_autofree char *title = lab_autosave_dup_title (path);
      g_autofree char *subtitle = lab_autosave_dup_subtitle (path);
      GtkWidget *row = row_with_button (title, subtitle, _("_Recover"), "win.recover", path);

      gtk_list_box_append (GTK_LIST_BOX (self->recovery_list), row);
    }
  gtk_widget_set_visible (self->recovery_group, orphans->len > 0);

  clear_list (self->recent_list);
  for (GList *l = items; l != NULL && n_recent < 5; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autofree char *location = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GFile) parent = NULL;

      if (!g_str_has_suffix (uri, ".layerlab") || !gtk_recent_info_exists (info))
        continue;
      file = g_file_new_for_uri (uri);
      parent = g_file_get_parent (file);
      location = g_file_get_parse_name (parent);
      gtk_list_box_append (GTK_LIST_BOX (self->recent_list),
                           row_with_button (gtk_recent_info_get_display_name (info), location,
                                            _("_Open"), "win.open-recent", uri));
      n_recent++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  gtk_widget_set_visible (self->recent_group, n_recent > 0);
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static void
lab_start_page_dispose (GObject *object)
{
  LabStartPage *self = LAB_START_PAGE (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (lab_start_page_parent_class)->dispose (object);
}

static void
lab_start_page_class_init (LabStartPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lab_start_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
lab_start_page_init (LabStartPage *self)
{
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *open = mnemonic_button (_("_Open a Project…"));
  GtkWidget *templates = card_grid ();
  GtkWidget *examples = card_grid ();
  const LabTemplate *t = lab_templates_list ();
  const LabExample *e = lab_examples_list ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), APPLICATION_ID);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Welcome to LayerLab"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Build a neural network by dragging layers onto the canvas. "
                                     "Start from a template or an example, or open a project."));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 960);

  gtk_widget_add_css_class (open, "pill");
  gtk_widget_set_halign (open, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "win.open");
  gtk_box_append (GTK_BOX (box), open);

  self->recovery_group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->recovery_list = boxed_list ();
  gtk_box_append (GTK_BOX (self->recovery_group), section_title (_("Recover Unsaved Work")));
  gtk_box_append (GTK_BOX (self->recovery_group), self->recovery_list);
  gtk_box_append (GTK_BOX (box), self->recovery_group);

  gtk_box_append (GTK_BOX (box), section_title (_("Start From a Template")));
  for (guint i = 0; t[i].name != NULL; i++)
    gtk_flow_box_append (GTK_FLOW_BOX (templates), card (_(t[i].title), _(t[i].description),
                                                         "win.new-template", t[i].name));
  gtk_box_append (GTK_BOX (box), templates);

  gtk_box_append (GTK_BOX (box), section_title (_("Examples With Data")));
  for (guint i = 0; e[i].name != NULL; i++)
    gtk_flow_box_append (GTK_FLOW_BOX (examples), card (e[i].name, _(e[i].description),
                                                        "win.new-template", e[i].name));
  gtk_box_append (GTK_BOX (box), examples);

  self->recent_group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->recent_list = boxed_list ();
  gtk_box_append (GTK_BOX (self->recent_group), section_title (_("Recent Projects")));
  gtk_box_append (GTK_BOX (self->recent_group), self->recent_list);
  gtk_box_append (GTK_BOX (box), self->recent_group);

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), clamp);

  /* AdwStatusPage scrolls by itself. */
  self->scroller = status;
  gtk_widget_set_parent (status, GTK_WIDGET (self));
  lab_start_page_refresh (self);
}

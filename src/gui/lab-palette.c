/* lab-palette.c: the sidebar of layer types to drag onto the canvas
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkListBox in the .navigation-sidebar style, one row per entry, grouped by headers the list
 * box computes from the previous visible row: when the search hides a whole group, its header
 * goes with it.
 */
#define G_LOG_DOMAIN "lab-palette"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <string.h>

#include "lab-layer-icons.h"
#include "lab-palette.h"
#include "lab-palette-private.h"

struct _LabPalette
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkSearchEntry *search;
  GtkStack       *stack;
  GtkListBox     *list;
  GPtrArray      *entries;   /* LabPaletteEntry, in row order */
  char           *query;     /* casefolded */
};

G_DEFINE_FINAL_TYPE (LabPalette, lab_palette, GTK_TYPE_WIDGET)

enum {
  LAYER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The categories of lab-layer.h in the order the palette shows them. */
static const struct
{
  const char *key;
  const char *label;
} categories[] = {
  { "Core", N_("Core") },
  { "Convolution", N_("Convolution") },
  { "Pooling", N_("Pooling") },
  { "Normalization", N_("Normalization") },
  { "Regularization", N_("Regularization") },
  { "Activation", N_("Activation") },
  { "Merge", N_("Merge") },
};

const char *
lab_palette_category_label (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_strcmp0 (categories[i].key, category) == 0)
      return _(categories[i].label);
  return category;
}

static guint
category_rank (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_strcmp0 (categories[i].key, category) == 0)
      return i;
  /* Categories added later go last, in registry order. */
  return G_N_ELEMENTS (categories);
}

static void
palette_entry_free (gpointer data)
{
  LabPaletteEntry *entry = data;

  g_free (entry->spec);
  g_free (entry);
}

GPtrArray *
lab_palette_entries_new (void)
{
  const LabLayerType * const *types = lab_layer_types ();
  GPtrArray *entries = g_ptr_array_new_with_free_func (palette_entry_free);

  for (guint rank = 0; rank <= G_N_ELEMENTS (categories); rank++)
    for (guint t = 0; types[t] != NULL; t++)
      {
        const LabLayerType *type = types[t];

        if (category_rank (type->category) != rank)
          continue;

        if (strcmp (type->name, "Activation") == 0)
          {
            guint n_presets;
            const LabActivationPreset *presets = lab_activation_presets (&n_presets);

            for (guint p = 0; p < n_presets; p++)
              {
                LabPaletteEntry *entry = g_new0 (LabPaletteEntry, 1);

                entry->spec = g_strconcat (type->name, ":", presets[p].function, NULL);
                entry->type_name = type->name;
                entry->category = type->category;
                entry->title = _(presets[p].title);
                entry->description = _(presets[p].description);
                entry->tooltip = _(presets[p].tooltip);
                entry->icon_name = lab_layer_icon_name (type, presets[p].function);
                g_ptr_array_add (entries, entry);
              }
          }
        else
          {
            LabPaletteEntry *entry = g_new0 (LabPaletteEntry, 1);

            entry->spec = g_strdup (type->name);
            entry->type_name = type->name;
            entry->category = type->category;
            entry->title = _(type->label);
            entry->description = _(type->blurb);
            entry->tooltip = lab_layer_type_tooltip (type);
            entry->icon_name = lab_layer_icon_name (type, NULL);
            g_ptr_array_add (entries, entry);
          }
      }

  return entries;
}

static gboolean
contains_casefolded (const char *haystack,
                     const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

gboolean
lab_palette_entry_matches (const LabPaletteEntry *entry,
                           const char            *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (entry != NULL, FALSE);

  if (query == NULL)
    return TRUE;
  folded = g_utf8_casefold (query, -1);
  words = g_strsplit_set (folded, " \t", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];

      if (*w == '\0')
        continue;
      /* The category's header and its key both count, so “activation” finds the presets in
       * any language. */
      if (!contains_casefolded (entry->title, w) &&
          !contains_casefolded (entry->type_name, w) &&
          !contains_casefolded (entry->spec, w) &&
          !contains_casefolded (entry->description, w) &&
          !contains_casefolded (entry->category, w) &&
          !contains_casefolded (lab_palette_category_label (entry->category), w))
        return FALSE;
    }

  return TRUE;
}

static const LabPaletteEntry *
row_get_entry (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "lab-palette-entry");
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  LabPalette *self = user_data;

  return lab_palette_entry_matches (row_get_entry (row), self->query);
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  const LabPaletteEntry *entry = row_get_entry (row);
  GtkWidget *header;

  if (before != NULL && g_strcmp0 (row_get_entry (before)->category, entry->category) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (lab_palette_category_label (entry->category));
  gtk_label_set_xalign (GTK_LABEL (header), 0.0f);
  gtk_widget_add_css_class (header, "caption-heading");
  gtk_widget_add_css_class (header, "dim-label");
  /* Lined up with the rows' icons. */
  gtk_widget_set_margin_start (header, 16);
  gtk_widget_set_margin_end (header, 16);
  gtk_widget_set_margin_top (header, before != NULL ? 18 : 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  lab_palette_category_label (entry->category), -1);
  gtk_list_box_row_set_header (row, header);
}

static GtkWidget *
entry_widget_new (const LabPaletteEntry *entry,
                  gboolean               with_description)
{
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (entry->icon_name);
  GtkWidget *title = gtk_label_new (entry->title);

  gtk_widget_set_valign (icon, with_description ? GTK_ALIGN_START : GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (icon, with_description ? 2 : 0);
  gtk_box_append (GTK_BOX (hbox), icon);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "title");
  gtk_box_append (GTK_BOX (vbox), title);

  if (with_description)
    {
      GtkWidget *description = gtk_label_new (entry->description);

      /* Wrapped, never ellipsized mid-word: the description is the point of the row. Two
       * lines at most at the sidebar's width for every entry. */
      gtk_label_set_xalign (GTK_LABEL (description), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (description), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (description), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (description), 30);
      gtk_label_set_width_chars (GTK_LABEL (description), 24);
      gtk_widget_add_css_class (description, "description");
      gtk_widget_add_css_class (description, "caption");
      gtk_widget_add_css_class (description, "dim-label");
      gtk_box_append (GTK_BOX (vbox), description);
    }

  gtk_widget_set_hexpand (vbox, TRUE);
  gtk_box_append (GTK_BOX (hbox), vbox);
  return hbox;
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    GtkListBoxRow *row)
{
  const LabPaletteEntry *entry = row_get_entry (row);

  return gdk_content_provider_new_typed (G_TYPE_STRING, entry->spec);
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  GtkListBoxRow *row)
{
  GtkWidget *icon = gtk_drag_icon_get_for_drag (drag);
  GtkWidget *content = entry_widget_new (row_get_entry (row), FALSE);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  /* A small card with the icon and title, as the node will look on the canvas. */
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 9);
  gtk_widget_set_margin_bottom (content, 9);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_size_request (card, 160, -1);
  gtk_box_append (GTK_BOX (card), content);
  gtk_drag_icon_set_child (GTK_DRAG_ICON (icon), card);
  gdk_drag_set_hotspot (drag, 20, 18);
}

static GtkWidget *
row_new (LabPalette            *self,
         const LabPaletteEntry *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkDragSource *drag = gtk_drag_source_new ();

  g_object_set_data (G_OBJECT (row), "lab-palette-entry", (gpointer) entry);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), entry_widget_new (entry, TRUE));
  gtk_widget_add_css_class (row, "palette-row");
  gtk_widget_set_tooltip_text (row, entry->tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, entry->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, entry->description,
                                  -1);

  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), row);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
  return row;
}

static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     LabPalette    *self)
{
  g_signal_emit (self, signals[LAYER_ACTIVATED], 0, row_get_entry (row)->spec);
}

static guint
count_matches (LabPalette *self)
{
  guint n = 0;

  for (guint i = 0; i < self->entries->len; i++)
    if (lab_palette_entry_matches (g_ptr_array_index (self->entries, i), self->query))
      n++;
  return n;
}

static void
on_search_changed_cb (GtkSearchEntry *search,
                      LabPalette     *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (search));

  g_clear_pointer (&self->query, g_free);
  if (text != NULL && *text != '\0')
    self->query = g_strdup (text);

  gtk_list_box_invalidate_filter (self->list);
  gtk_list_box_invalidate_headers (self->list);
  gtk_stack_set_visible_child_name (self->stack, count_matches (self) > 0 ? "list" : "empty");
}

/* Enter in the search entry adds the first match, so “conv⏎” is enough. */
static void
on_search_activate_cb (GtkSearchEntry *search,
                       LabPalette     *self)
{
  /* ::search-changed comes after a short delay; Enter may come before it. */
  on_search_changed_cb (search, self);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const LabPaletteEntry *entry = g_ptr_array_index (self->entries, i);

      if (lab_palette_entry_matches (entry, self->query))
        {
          g_signal_emit (self, signals[LAYER_ACTIVATED], 0, entry->spec);
          return;
        }
    }
}

static void
on_search_stop_cb (GtkSearchEntry *search,
                   LabPalette     *self)
{
  gtk_editable_set_text (GTK_EDITABLE (search), "");
}

static void
lab_palette_dispose (GObject *object)
{
  LabPalette *self = LAB_PALETTE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (lab_palette_parent_class)->dispose (object);
}

static void
lab_palette_finalize (GObject *object)
{
  LabPalette *self = LAB_PALETTE (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->query, g_free);
  G_OBJECT_CLASS (lab_palette_parent_class)->finalize (object);
}

static void
lab_palette_class_init (LabPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lab_palette_dispose;
  object_class->finalize = lab_palette_finalize;

  signals[LAYER_ACTIVATED] =
    g_signal_new ("layer-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "labpalette");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lab_palette_init (LabPalette *self)
{
  GtkWidget *scrolled;
  GtkWidget *status;

  self->entries = lab_palette_entries_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search, "placeholder-text", _("Search layers"), NULL);
  gtk_widget_set_margin_start (GTK_WIDGET (self->search), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->search), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->search), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->search), 6);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->search),
                               _("Find a layer by name, purpose or group, e.g. “pool” or “probabilities”. Enter adds the first match."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search layers"), -1);
  g_signal_connect (self->search, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->search, "activate", G_CALLBACK (on_search_activate_cb), self);
  g_signal_connect (self->search, "stop-search", G_CALLBACK (on_search_stop_cb), self);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->search));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  /* Single clicks start drags; a double click or Enter adds the layer. */
  gtk_list_box_set_activate_on_single_click (self->list, FALSE);
  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
  gtk_list_box_set_header_func (self->list, update_header, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Layers"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  for (guint i = 0; i < self->entries->len; i++)
    gtk_list_box_append (self->list, row_new (self, g_ptr_array_index (self->entries, i)));

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_vexpand (scrolled, TRUE);

  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No layers match"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Try a shorter word, or what the layer does, such as “pool” or “normalize”"));
  gtk_widget_add_css_class (status, "compact");

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, status, "empty");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));

  gtk_search_entry_set_key_capture_widget (self->search, GTK_WIDGET (self->list));
}

GtkWidget *
lab_palette_new (void)
{
  return g_object_new (LAB_TYPE_PALETTE, NULL);
}

void
lab_palette_focus_search (LabPalette *self)
{
  g_return_if_fail (LAB_IS_PALETTE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search));
  gtk_editable_select_region (GTK_EDITABLE (self->search), 0, -1);
}

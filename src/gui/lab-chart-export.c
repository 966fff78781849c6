/* lab-chart-export.c: a chart scene as a PNG, SVG or PDF file, its data as CSV
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cairo writes the image to a temporary file beside the destination, which is renamed over it
 * only once the surface finished without error: a failed export never leaves half a file
 * where a good one was. Exports use the light palette on white whatever the desktop's scheme:
 * they end up in documents and slides.
 */
#define G_LOG_DOMAIN "lab-chart"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>

#include "lab-chart-private.h"
#include "lab-safetensors.h"

gboolean
lab_chart_format_from_path (const char     *path,
                            LabChartFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL && format != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    *format = LAB_CHART_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = LAB_CHART_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = LAB_CHART_FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

static gboolean
cairo_ok (cairo_status_t   status,
          const char      *path,
          GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not write the chart to “%s”: %s. Check that the folder exists and that "
                 "you may write to it."), path, cairo_status_to_string (status));
  return FALSE;
}

static cairo_status_t
render (const LabChartScene  *scene,
        const LabChartColors *colors,
        const char           *tmp,
        LabChartFormat        format,
        int                   width,
        int                   height)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  switch (format)
    {
    case LAB_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create (tmp, width, height);
      break;
    case LAB_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create (tmp, width, height);
      break;
    case LAB_CHART_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }
  cr = cairo_create (surface);
  lab_chart_draw_scene (cr, width, height, scene, colors);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == LAB_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png (surface, tmp);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

gboolean
lab_chart_scene_export (const LabChartScene  *scene,
                        const LabChartColors *colors,
                        const char           *path,
                        LabChartFormat        format,
                        int                   width,
                        int                   height,
                        GError              **error)
{
  g_autofree char *dir = NULL, *base = NULL, *tmp = NULL;
  cairo_status_t status;
  int fd;

  g_return_val_if_fail (scene != NULL && colors != NULL && path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  /* 0666 less the umask, as any new file: g_mkstemp's 0600 would hide the image from others. */
  fd = g_mkstemp_full (tmp, O_RDWR, 0666);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write the chart to “%s”: %s. Check that the folder exists and "
                     "that you may write to it."), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  status = render (scene, colors, tmp, format, width, height);
  if (!cairo_ok (status, path, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write the chart to “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static void
append_field (GString    *out,
              const char *text)
{
  /* RFC 4180: quote a field holding a comma, a quote or a line break; double its quotes. */
  if (strpbrk (text, ",\"\r\n") == NULL && !g_ascii_isspace (text[0]))
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
lab_chart_scene_to_csv (const LabChartScene *scene,
                        gsize               *length)
{
  GString *out = g_string_new ("series,x,y\n");

  g_return_val_if_fail (scene != NULL, NULL);

  for (guint i = 0; i < scene->n_series; i++)
    {
      const LabChartSceneSeries *s = &scene->series[i];
      g_autofree char *fallback = g_strdup_printf ("series %u", i + 1);
      const char *name = s->name != NULL && *s->name != '\0' ? s->name : fallback;

      for (gsize k = 0; k < s->n; k++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          append_field (out, name);
          g_string_append_c (out, ',');
          g_string_append (out, g_ascii_dtostr (buf, sizeof buf, s->x[k]));
          g_string_append_c (out, ',');
          g_string_append (out, g_ascii_dtostr (buf, sizeof buf, s->y[k]));
          g_string_append_c (out, '\n');
        }
    }
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* The widget's exports. */

gboolean
lab_chart_export (LabChart        *self,
                  const char      *path,
                  LabChartFormat   format,
                  int              width,
                  int              height,
                  GError         **error)
{
  LabChartColors colors;
  LabChartScene scene;
  gboolean ok;

  g_return_val_if_fail (LAB_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  lab_chart_colors_init_default (&colors, FALSE);
  lab_chart_fill_scene (self, &scene, FALSE);
  ok = lab_chart_scene_export (&scene, &colors, path, format, width, height, error);
  g_free (scene.series);
  return ok;
}

gboolean
lab_chart_export_csv (LabChart    *self,
                      const char  *path,
                      GError     **error)
{
  g_autofree char *data = NULL;
  LabChartScene scene;
  gsize length;

  g_return_val_if_fail (LAB_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  lab_chart_fill_scene (self, &scene, FALSE);
  data = lab_chart_scene_to_csv (&scene, &length);
  g_free (scene.series);
  return lab_file_write_atomic (path, data, length, error);
}

static void
show_error (LabChart     *self,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Could Not Export"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
suggested_name (LabChart   *self,
                const char *extension)
{
  g_autofree char *base = g_strdup (self->title != NULL && *self->title != '\0'
                                    ? self->title : _("chart"));

  /* A file name without the characters file systems and shells dislike. */
  g_strdelimit (base, "/\\:*?\"<>|", '-');
  return g_strconcat (base, extension, NULL);
}

static GtkFileChooserNative *
new_chooser (LabChart   *self,
             const char *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  return native;
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern,
            const char     *mime)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, mime);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
on_image_response (GtkNativeDialog *native,
                   int              response,
                   LabChart        *self)
{
  static const char * const extensions[] = { ".png", ".svg", ".pdf" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  LabChartFormat format = LAB_CHART_FORMAT_PNG;
  int width, height;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && !lab_chart_format_from_path (path, &format))
    {
      /* No known extension: the type chosen in the dialog decides, and names the file. */
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (native));
      g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (native));
      char *named;

      for (guint i = 0; i < g_list_model_get_n_items (filters) && i < 3; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (filters, i);

          if (item == (GObject *) filter)
            format = (LabChartFormat) i;
        }
      named = g_strconcat (path, extensions[format], NULL);
      g_free (path);
      path = named;
    }
  if (path != NULL)
    {
      /* What the widget shows, at its size (a little larger when it is small). */
      width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 640);
      height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 400);
      if (!lab_chart_export (self, path, format, width, height, &error))
        show_error (self, error);
    }
  g_object_unref (native);
  g_object_unref (self);
}

void
lab_chart_choose_image (LabChart *self)
{
  GtkFileChooserNative *native = new_chooser (self, _("Export Chart Image"));
  g_autofree char *name = suggested_name (self, ".png");

  add_filter (GTK_FILE_CHOOSER (native), _("PNG Image"), "*.png", "image/png");
  add_filter (GTK_FILE_CHOOSER (native), _("SVG Image"), "*.svg", "image/svg+xml");
  add_filter (GTK_FILE_CHOOSER (native), _("PDF Document"), "*.pdf", "application/pdf");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (on_image_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_csv_response (GtkNativeDialog *native,
                 int              response,
                 LabChart        *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && !lab_chart_export_csv (self, path, &error))
    show_error (self, error);
  g_object_unref (native);
  g_object_unref (self);
}

void
lab_chart_choose_csv (LabChart *self)
{
  GtkFileChooserNative *native = new_chooser (self, _("Export Chart Data"));
  g_autofree char *name = suggested_name (self, ".csv");

  add_filter (GTK_FILE_CHOOSER (native), _("CSV Table"), "*.csv", "text/csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (on_csv_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

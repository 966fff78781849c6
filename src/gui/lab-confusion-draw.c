/* lab-confusion-draw.c: the confusion matrix's geometry, colours and drawing on a cairo_t
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-confusion-view"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "lab-confusion-view.h"

#define PAD       6.0
#define GAP       6.0
#define BAR_W     12.0
#define MAX_CELL  120.0
#define SIN45     0.70710678

static GdkRGBA
rgba_from_hex (guint32 hex)
{
  return (GdkRGBA) { ((hex >> 16) & 0xff) / 255.0f, ((hex >> 8) & 0xff) / 255.0f,
                     (hex & 0xff) / 255.0f, 1.0f };
}

void
lab_confusion_colors_init_default (LabConfusionColors *colors,
                                   gboolean            dark)
{
  g_return_if_fail (colors != NULL);

  /* libadwaita's card backgrounds, its blue 4 (light) / blue 3 (dark) and window foreground */
  colors->dark = dark;
  colors->fg = dark ? (GdkRGBA) { 1, 1, 1, 1 } : (GdkRGBA) { 0, 0, 0, 0.8f };
  colors->low = dark ? rgba_from_hex (0x3a3a3a) : rgba_from_hex (0xf2f2f2);
  colors->high = dark ? rgba_from_hex (0x3584e4) : rgba_from_hex (0x1c71d8);
  colors->outline = dark ? rgba_from_hex (0xf6d32d) : rgba_from_hex (0xe66100);
}

GdkRGBA
lab_confusion_cell_color (const LabConfusionColors *colors,
                          double                    fraction)
{
  /* The square root lifts small shares: a class confused 5 % of the time still shows, while
   * the order of the shades stays that of the shares. */
  double t = sqrt (CLAMP (isnan (fraction) ? 0.0 : fraction, 0.0, 1.0));

  return (GdkRGBA) {
    colors->low.red + (colors->high.red - colors->low.red) * t,
    colors->low.green + (colors->high.green - colors->low.green) * t,
    colors->low.blue + (colors->high.blue - colors->low.blue) * t,
    colors->low.alpha + (colors->high.alpha - colors->low.alpha) * t,
  };
}

static double
luminance (const GdkRGBA *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

static guint64
row_total (const LabConfusionScene *scene,
           guint                    row)
{
  guint64 total = 0;

  for (guint c = 0; c < scene->n_classes; c++)
    total += scene->counts[(gsize) row * scene->n_classes + c];
  return total;
}

static char *
class_name (const LabConfusionScene *scene,
            guint                    k)
{
  if (scene->class_names != NULL && scene->class_names[k] != NULL)
    return g_strdup (scene->class_names[k]);
  return g_strdup_printf ("%u", k);
}

static PangoLayout *
make_layout (cairo_t                    *cr,
             const PangoFontDescription *font,
             double                      pixels,
             gboolean                    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = font ? pango_font_description_copy (font)
                                    : pango_font_description_from_string ("Sans 9");

  if (pixels > 0)
    pango_font_description_set_absolute_size (desc, pixels * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  return layout;
}

static void
text_size (PangoLayout *layout,
           const char  *text,
           double      *w,
           double      *h)
{
  int pw, ph;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &pw, &ph);
  *w = pw;
  *h = ph;
}

static double
cell_font_pixels (double cell)
{
  return CLAMP (cell * 0.2, 8.0, 15.0);
}

/* The widest texts a cell may have to hold: the largest count and "100.0 %". */
static void
measure_cell_texts (cairo_t                 *cr,
                    const LabConfusionScene *scene,
                    double                   cell,
                    double                  *count_w,
                    double                  *count_h,
                    double                  *pct_w,
                    double                  *pct_h)
{
  g_autoptr(PangoLayout) bold = make_layout (cr, scene->font, cell_font_pixels (cell), TRUE);
  g_autoptr(PangoLayout) small = make_layout (cr, scene->font, cell_font_pixels (cell) * 0.8, FALSE);
  guint64 max = 0;
  g_autofree char *count = NULL;

  for (gsize i = 0; i < (gsize) scene->n_classes * scene->n_classes; i++)
    max = MAX (max, scene->counts[i]);
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, max);
  text_size (bold, count, count_w, count_h);
  text_size (small, "100.0 %", pct_w, pct_h);
}

LabConfusionGeometry
lab_confusion_geometry (const LabConfusionScene *scene,
                        cairo_t                 *cr,
                        int                      width,
                        int                      height)
{
  LabConfusionGeometry g = { 0 };
  g_autoptr(PangoLayout) layout = NULL;
  double name_w = 0, line_h = 0, legend_w, left, bottom, avail_w, avail_h, w, h;
  double count_w, count_h, pct_w, pct_h;
  guint K;

  g_return_val_if_fail (scene != NULL && cr != NULL, g);

  K = g.n = scene->n_classes;
  if (K == 0)
    return g;

  layout = make_layout (cr, scene->font, 0, FALSE);
  for (guint k = 0; k < K; k++)
    {
      g_autofree char *name = class_name (scene, k);

      text_size (layout, name, &w, &h);
      name_w = MAX (name_w, w);
      line_h = MAX (line_h, h);
    }
  text_size (layout, "100 %", &w, &h);
  legend_w = GAP * 2 + BAR_W + 4 + w;

  /* Left: the rotated axis title, then the true-class names. */
  left = PAD + line_h + GAP + name_w + GAP;
  avail_w = width - left - legend_w - PAD;
  /* Below: the predicted-class names, then the axis title; at 45° when they do not fit. */
  bottom = GAP + line_h + GAP + line_h + PAD;
  avail_h = height - PAD - bottom;
  g.cell = MIN (avail_w, avail_h) / K;
  if (name_w + 4 > g.cell)
    {
      g.rotated = TRUE;
      bottom = GAP + (name_w + line_h) * SIN45 + GAP + line_h + PAD;
      avail_h = height - PAD - bottom;
      g.cell = MIN (avail_w, avail_h) / K;
    }
  g.cell = floor (MIN (MAX (g.cell, 0.0), MAX_CELL));
  g.x = floor (left + MAX (0.0, avail_w - g.cell * K) / 2);
  g.y = PAD;

  measure_cell_texts (cr, scene, g.cell, &count_w, &count_h, &pct_w, &pct_h);
  if (MAX (count_w, pct_w) + 6 <= g.cell && count_h + pct_h + 6 <= g.cell)
    {
      g.text = LAB_CONFUSION_TEXT_COUNT_AND_PERCENT;
      g.text_width = MAX (count_w, pct_w);
      g.text_height = count_h + pct_h;
    }
  else if (count_w + 4 <= g.cell && count_h + 2 <= g.cell)
    {
      g.text = LAB_CONFUSION_TEXT_COUNT;
      g.text_width = count_w;
      g.text_height = count_h;
    }
  return g;
}

gboolean
lab_confusion_hit (const LabConfusionGeometry *geometry,
                   double                      x,
                   double                      y,
                   guint                      *true_class,
                   guint                      *predicted_class)
{
  double col, row;

  g_return_val_if_fail (geometry != NULL, FALSE);

  if (geometry->n == 0 || geometry->cell <= 0)
    return FALSE;
  col = floor ((x - geometry->x) / geometry->cell);
  row = floor ((y - geometry->y) / geometry->cell);
  if (col < 0 || row < 0 || col >= geometry->n || row >= geometry->n)
    return FALSE;
  if (true_class)
    *true_class = (guint) row;
  if (predicted_class)
    *predicted_class = (guint) col;
  return TRUE;
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static void
show_centered (cairo_t     *cr,
               PangoLayout *layout,
               const char  *text,
               double       cx,
               double       y)
{
  double w, h;

  text_size (layout, text, &w, &h);
  cairo_move_to (cr, cx - w / 2, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_cell (cairo_t                    *cr,
           const LabConfusionScene    *scene,
           const LabConfusionColors   *colors,
           const LabConfusionGeometry *g,
           guint                       row,
           guint                       col,
           guint64                     total,
           PangoLayout                *bold,
           PangoLayout                *small)
{
  guint64 count = scene->counts[(gsize) row * g->n + col];
  double fraction = total > 0 ? (double) count / total : 0.0;
  double x = g->x + col * g->cell, y = g->y + row * g->cell;
  GdkRGBA fill = lab_confusion_cell_color (colors, fraction);
  GdkRGBA ink;
  g_autofree char *count_text = NULL;

  set_source (cr, &fill);
  cairo_rectangle (cr, x + 1, y + 1, g->cell - 2, g->cell - 2);
  cairo_fill (cr);

  if (g->text == LAB_CONFUSION_TEXT_NONE)
    return;

  /* Dark text on light cells, white on dark ones; empty cells say 0 quietly. */
  ink = luminance (&fill) > 0.45 ? (GdkRGBA) { 0, 0, 0, 0.85f } : (GdkRGBA) { 1, 1, 1, 1 };
  if (count == 0)
    ink.alpha = 0.35f;
  set_source (cr, &ink);
  count_text = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
  if (g->text == LAB_CONFUSION_TEXT_COUNT)
    {
      double w, h;

      text_size (bold, count_text, &w, &h);
      show_centered (cr, bold, count_text, x + g->cell / 2, y + (g->cell - h) / 2);
    }
  else if (count == 0)
    {
      double w, h;

      /* A percentage of nothing is noise: empty cells only say 0. */
      text_size (bold, count_text, &w, &h);
      show_centered (cr, bold, count_text, x + g->cell / 2, y + (g->cell - h) / 2);
    }
  else
    {
      g_autofree char *pct = g_strdup_printf ("%.1f %%", 100.0 * fraction);
      double top = y + (g->cell - g->text_height) / 2;
      double w, h;

      text_size (bold, count_text, &w, &h);
      show_centered (cr, bold, count_text, x + g->cell / 2, top);
      ink.alpha *= 0.85f;
      set_source (cr, &ink);
      show_centered (cr, small, pct, x + g->cell / 2, top + h);
    }
}

static void
outline_cell (cairo_t                    *cr,
              const LabConfusionGeometry *g,
              int                         row,
              int                         col,
              const GdkRGBA              *color,
              double                      width)
{
  if (row < 0 || col < 0 || (guint) row >= g->n || (guint) col >= g->n)
    return;
  set_source (cr, color);
  cairo_set_line_width (cr, width);
  cairo_rectangle (cr, g->x + col * g->cell + width / 2, g->y + row * g->cell + width / 2,
                   g->cell - width, g->cell - width);
  cairo_stroke (cr);
}

static void
draw_labels (cairo_t                    *cr,
             const LabConfusionScene    *scene,
             const LabConfusionColors   *colors,
             const LabConfusionGeometry *g,
             int                         height)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, scene->font, 0, FALSE);
  g_autoptr(PangoLayout) strong = make_layout (cr, scene->font, 0, TRUE);
  double side = g->cell * g->n, w, h, names_h = 0, top = g->y + side + GAP;

  set_source (cr, &colors->fg);
  for (guint k = 0; k < g->n; k++)
    {
      g_autofree char *name = class_name (scene, k);
      PangoLayout *l = (int) k == scene->hover_true ? strong : layout;

      text_size (l, name, &w, &h);
      cairo_move_to (cr, g->x - GAP - w, g->y + k * g->cell + (g->cell - h) / 2);
      pango_cairo_show_layout (cr, l);
    }

  for (guint k = 0; k < g->n; k++)
    {
      g_autofree char *name = class_name (scene, k);
      PangoLayout *l = (int) k == scene->hover_predicted ? strong : layout;
      double cx = g->x + (k + 0.5) * g->cell;

      text_size (l, name, &w, &h);
      if (!g->rotated)
        {
          names_h = MAX (names_h, h);
          cairo_move_to (cr, cx - w / 2, top);
          pango_cairo_show_layout (cr, l);
          continue;
        }
      /* The name ends under its column and runs down to the left at 45°. */
      names_h = MAX (names_h, (w + h) * SIN45);
      cairo_save (cr);
      cairo_translate (cr, cx, top);
      cairo_rotate (cr, -G_PI / 4);
      cairo_move_to (cr, -w - h * 0.3, -h * 0.2);
      pango_cairo_show_layout (cr, l);
      cairo_restore (cr);
    }

  /* Axis titles. */
  text_size (strong, _("Predicted class"), &w, &h);
  cairo_move_to (cr, g->x + side / 2 - w / 2, MIN (top + names_h + GAP, height - h));
  pango_cairo_show_layout (cr, strong);
  text_size (strong, _("True class"), &w, &h);
  cairo_save (cr);
  cairo_translate (cr, PAD, g->y + side / 2 + w / 2);
  cairo_rotate (cr, -G_PI / 2);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, strong);
  cairo_restore (cr);
}

static void
draw_legend (cairo_t                    *cr,
             const LabConfusionScene    *scene,
             const LabConfusionColors   *colors,
             const LabConfusionGeometry *g)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, scene->font, 0, FALSE);
  double side = g->cell * g->n;
  double x = g->x + side + GAP * 2, y = g->y, bar_h = MIN (side, 240.0);
  const double stops[] = { 0.0, 0.25, 0.5, 0.75, 1.0 };

  /* The bar is drawn in strips so that it shows the same square-root scale as the cells. */
  for (int i = 0; i < (int) bar_h; i++)
    {
      GdkRGBA c = lab_confusion_cell_color (colors, 1.0 - (double) i / MAX (bar_h - 1, 1.0));

      set_source (cr, &c);
      cairo_rectangle (cr, x, y + i, BAR_W, 1);
      cairo_fill (cr);
    }
  set_source (cr, &colors->fg);
  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      /* Ticks where each share sits on the square-root scale. */
      double ty = y + (1.0 - sqrt (stops[i])) * (bar_h - 1);
      g_autofree char *text = g_strdup_printf ("%.0f %%", 100.0 * stops[i]);
      double w, h;

      text_size (layout, text, &w, &h);
      cairo_move_to (cr, x + BAR_W + 4, CLAMP (ty - h / 2, y - h / 2, y + bar_h - h / 2));
      pango_cairo_show_layout (cr, layout);
    }
}

LabConfusionGeometry
lab_confusion_draw (cairo_t                  *cr,
                    int                       width,
                    int                       height,
                    const LabConfusionScene  *scene,
                    const LabConfusionColors *colors)
{
  LabConfusionGeometry g;
  g_autoptr(PangoLayout) bold = NULL;
  g_autoptr(PangoLayout) small = NULL;

  g_return_val_if_fail (cr != NULL && scene != NULL && colors != NULL, (LabConfusionGeometry) { 0 });

  g = lab_confusion_geometry (scene, cr, width, height);
  if (g.n == 0 || g.cell < 2)
    return g;

  bold = make_layout (cr, scene->font, cell_font_pixels (g.cell), TRUE);
  small = make_layout (cr, scene->font, cell_font_pixels (g.cell) * 0.8, FALSE);
  for (guint row = 0; row < g.n; row++)
    {
      guint64 total = row_total (scene, row);

      for (guint col = 0; col < g.n; col++)
        draw_cell (cr, scene, colors, &g, row, col, total, bold, small);
    }
  outline_cell (cr, &g, scene->selected_true, scene->selected_predicted, &colors->outline, 3);
  outline_cell (cr, &g, scene->hover_true, scene->hover_predicted, &colors->fg, 2);
  draw_labels (cr, scene, colors, &g, height);
  draw_legend (cr, scene, colors, &g);
  return g;
}

char *
lab_confusion_cell_sentence (const LabConfusionScene *scene,
                             guint                    true_class,
                             guint                    predicted_class)
{
  g_autofree char *t = NULL;
  g_autofree char *p = NULL;
  guint64 count, total;
  double pct;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (true_class < scene->n_classes && predicted_class < scene->n_classes, NULL);

  t = class_name (scene, true_class);
  p = class_name (scene, predicted_class);
  count = scene->counts[(gsize) true_class * scene->n_classes + predicted_class];
  total = row_total (scene, true_class);
  if (total == 0)
    return g_strdup_printf (_("This split has no “%s” samples."), t);
  pct = 100.0 * count / total;
  if (count == 0 && true_class != predicted_class)
    return g_strdup_printf (_("No “%s” sample was predicted as “%s”."), t, p);
  if (count == 0)
    return g_strdup_printf (_("No “%s” sample was predicted correctly."), t);

  if (true_class == predicted_class)
    return g_strdup_printf (ngettext ("%llu “%s” sample predicted correctly: %.1f %% of the “%s” samples.",
                                      "%llu “%s” samples predicted correctly: %.1f %% of the “%s” samples.",
                                      (gulong) MIN (count, G_MAXULONG)),
                            (unsigned long long) count, t, pct, t);
  return g_strdup_printf (ngettext ("%llu “%s” sample predicted as “%s”: %.1f %% of the “%s” samples.",
                                    "%llu “%s” samples predicted as “%s”: %.1f %% of the “%s” samples.",
                                    (gulong) MIN (count, G_MAXULONG)),
                          (unsigned long long) count, t, p, pct, t);
}

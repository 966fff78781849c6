/* lab-layer-pool2d.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Max and average pooling over square windows, sharing their settings and output sizes with
 * Conv2D (see lab-layer-spatial-private.h). Padded cells never count: max pooling ignores them,
 * and average pooling divides by the number of real cells in each window, which is PyTorch's
 * AvgPool2d (count_include_pad=False) and TensorFlow's "same" average pooling.
 *
 * C = channels, H×W input, OH×OW output, F = window, S = stride.
 */
#define G_LOG_DOMAIN "lab-layer-pool2d"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-layer-spatial-private.h"

enum { HP_POOL_SIZE, HP_STRIDE, HP_PADDING };

static const char * const padding_choices[] = { "valid", "same", NULL };
static const char * const padding_labels[] = { N_("Valid"), N_("Same"), NULL };

static const LabHParamSpec pool_hparams[] = {
  {
    .key = "pool_size",
    .label = N_("Pool size"),
    .blurb = N_("The width and height of the square window summarized into one value. 2 is "
                "typical: with stride 2 it halves the width and height of the feature maps."),
    .kind = LAB_HP_INT,
    .min = 1,
    .max = 64,
    .def = 2,
  },
  {
    .key = "stride",
    .label = N_("Stride"),
    .blurb = N_("How many cells the window moves between outputs. Usually equal to the pool "
                "size, so windows do not overlap; 2 halves each side."),
    .kind = LAB_HP_INT,
    .min = 1,
    .max = 64,
    .def = 2,
  },
  {
    .key = "padding",
    .label = N_("Padding"),
    .blurb = N_("“Valid” uses only whole windows inside the input; “same” pads the border so "
                "the output is the input size divided by the stride, rounded up. Padded cells "
                "are never counted."),
    .kind = LAB_HP_CHOICE,
    .def = LAB_PADDING_VALID,
    .choices = padding_choices,
    .choice_labels = padding_labels,
  },
};

static gboolean
pool_geom (LabWindowGeom      *geom,
           const LabLayerInfo *info,
           const char         *type_name,
           GError            **error)
{
  return lab_window_geom_init (geom, info, type_name, FALSE,
                               LAB_HP_INT_VALUE (info->hp, HP_POOL_SIZE),
                               LAB_HP_INT_VALUE (info->hp, HP_STRIDE),
                               (LabPadding) LAB_HP_INT_VALUE (info->hp, HP_PADDING), error);
}

static gboolean
pool_infer_shape (const LabLayerType *type,
                  LabLayerInfo       *info,
                  GError            **error)
{
  LabWindowGeom g;

  if (!lab_layer_check_hparams (type, info, error) || !pool_geom (&g, info, type->name, error))
    return FALSE;
  info->out_shape = lab_shape_make (3, g.C, g.OH, g.OW);
  return TRUE;
}

/* The row range [*lo, *hi) of input cells that window o covers, clipped to the input. */
static inline void
window_range (guint  o,
              guint  S,
              guint  F,
              guint  pad,
              guint  size,
              guint *lo,
              guint *hi)
{
  gint64 start = (gint64) o * S - pad;

  *lo = (guint) MAX (start, 0);
  *hi = (guint) MIN (start + F, (gint64) size);
}

static guint64
pool_flops (const LabLayerInfo *info)
{
  LabWindowGeom g;

  if (!pool_geom (&g, info, "", NULL))
    return 0;
  return (guint64) g.C * g.OH * g.OW * g.F * g.F;
}

/* ---- max ---- */

static inline void
put_index (float  *slot,
           gint32  index)
{
  memcpy (slot, &index, sizeof index);
}

static inline gint32
get_index (const float *slot)
{
  gint32 index;

  memcpy (&index, slot, sizeof index);
  return index;
}

/* when ? a : b, computed with a mask rather than a branch: on real data the comparisons of max
 * pooling are coin tosses that a branch predictor misses half the time (GCC turns the plain
 * conditional into a jump here, which made the 2×2 kernel three times slower). The float
 * selects beside it compile to maxss on their own. */
static inline gint32
select_index (gboolean when,
              gint32   a,
              gint32   b)
{
  gint32 mask = -(gint32) (when != 0);

  return b ^ ((a ^ b) & mask);
}

/* The common 2×2 window with stride 2 and no padding, without the bounds arithmetic.
 * out (OH, OW), argmax (OH, OW), x (H, W) */
static void
maxpool_plane_2x2 (float               *out,
                   float               *argmax,
                   const float         *x,
                   const LabWindowGeom *g)
{
  for (guint oh = 0; oh < g->OH; oh++)
    {
      const float *r0 = x + (gsize) 2 * oh * g->W;
      const float *r1 = r0 + g->W;

      for (guint ow = 0; ow < g->OW; ow++)
        {
          float a = r0[2 * ow], b = r0[2 * ow + 1], c = r1[2 * ow], d = r1[2 * ow + 1];
          gint32 top_at = b > a;
          gint32 bottom_at = (gint32) g->W + (d > c);
          float top = b > a ? b : a;
          float bottom = d > c ? d : c;
          gint32 at = (gint32) (2 * oh * g->W + 2 * ow);

          out[oh * g->OW + ow] = bottom > top ? bottom : top;
          put_index (&argmax[oh * g->OW + ow], at + select_index (bottom > top, bottom_at, top_at));
        }
    }
}

/* Any window, stride and padding. out (OH, OW), argmax (OH, OW), x (H, W) */
static void
maxpool_plane (float               *out,
               float               *argmax,
               const float         *x,
               const LabWindowGeom *g)
{
  for (guint oh = 0; oh < g->OH; oh++)
    {
      guint h0, h1;

      window_range (oh, g->S, g->F, g->pad_top, g->H, &h0, &h1);
      for (guint ow = 0; ow < g->OW; ow++)
        {
          guint w0, w1;
          gint32 best_at;
          float best;

          window_range (ow, g->S, g->F, g->pad_left, g->W, &w0, &w1);
          best_at = (gint32) (h0 * g->W + w0);
          best = x[best_at];
          for (guint h = h0; h < h1; h++)
            for (guint w = w0; w < w1; w++)
              {
                float v = x[h * g->W + w];

                best_at = select_index (v > best, (gint32) (h * g->W + w), best_at);
                best = v > best ? v : best;
              }
          out[oh * g->OW + ow] = best;
          put_index (&argmax[oh * g->OW + ow], best_at);
        }
    }
}

/* out (N·C, OH, OW), argmax (N·C, OH, OW) as int32 bit patterns: the winning cell's offset in its
 * H×W plane (the first one on a tie), inp (N·C, H, W) */
static void
maxpool_forward_kernel (float               *out,
                        float               *argmax,
                        const float         *inp,
                        const LabWindowGeom *g,
                        gsize                NC)
{
  gboolean fast = g->F == 2 && g->S == 2 && g->pad_top == 0 && g->pad_left == 0
                  && 2 * g->OH <= g->H && 2 * g->OW <= g->W;

  for (gsize plane = 0; plane < NC; plane++)
    {
      const float *x = inp + plane * g->H * g->W;
      float *y = out + plane * g->OH * g->OW;
      float *idx = argmax + plane * g->OH * g->OW;

      if (fast)
        maxpool_plane_2x2 (y, idx, x, g);
      else
        maxpool_plane (y, idx, x, g);
    }
}

/* dinp (N·C, H, W) += dout routed to the cells that won in forward */
static void
maxpool_backward_kernel (float               *dinp,
                         const float         *dout,
                         const float         *argmax,
                         const LabWindowGeom *g,
                         gsize                NC)
{
  gsize P = (gsize) g->OH * g->OW;

  for (gsize plane = 0; plane < NC; plane++)
    {
      float *dx = dinp + plane * g->H * g->W;

      for (gsize p = 0; p < P; p++)
        dx[get_index (&argmax[plane * P + p])] += dout[plane * P + p];
    }
}

static gboolean
maxpool_infer_shape (LabLayerInfo  *info,
                     GError       **error)
{
  return pool_infer_shape (&lab_layer_maxpool2d, info, error);
}

/* One index per output element, kept from forward to backward. */
static gsize
pool_cache_floats (const LabLayerInfo *info,
                   guint               n)
{
  return (gsize) n * lab_shape_size (&info->out_shape);
}

static void
maxpool_forward (const LabLayerRun *run)
{
  LabWindowGeom g;

  if (!pool_geom (&g, run->info, "", NULL))
    g_return_if_reached ();
  maxpool_forward_kernel (run->out, run->cache, run->inp[0], &g, (gsize) run->batch * g.C);
}

static void
maxpool_backward (const LabLayerRun *run)
{
  LabWindowGeom g;

  if (run->dinp[0] == NULL)
    return;
  if (!pool_geom (&g, run->info, "", NULL))
    g_return_if_reached ();
  maxpool_backward_kernel (run->dinp[0], run->dout, run->cache, &g, (gsize) run->batch * g.C);
}

const LabLayerType lab_layer_maxpool2d = {
  .name = "MaxPool2D",
  .label = N_("Max Pooling"),
  .category = "Pooling",
  .blurb = N_("Keeps the strongest response in each window, shrinking the feature maps"),
  .min_inputs = 1,
  .max_inputs = 1,
  .hparams = pool_hparams,
  .n_hparams = G_N_ELEMENTS (pool_hparams),
  .infer_shape = maxpool_infer_shape,
  .cache_floats = pool_cache_floats,
  .flops = pool_flops,
  .forward = maxpool_forward,
  .backward = maxpool_backward,
};

/* ---- average ---- */

/* out (N·C, OH, OW), inp (N·C, H, W); each window's mean over its real cells */
static void
avgpool_forward_kernel (float               *out,
                        const float         *inp,
                        const LabWindowGeom *g,
                        gsize                NC)
{
  for (gsize plane = 0; plane < NC; plane++)
    {
      const float *x = inp + plane * g->H * g->W;
      float *y = out + plane * g->OH * g->OW;

      for (guint oh = 0; oh < g->OH; oh++)
        {
          guint h0, h1;

          window_range (oh, g->S, g->F, g->pad_top, g->H, &h0, &h1);
          for (guint ow = 0; ow < g->OW; ow++)
            {
              guint w0, w1;
              float acc = 0.0f;

              window_range (ow, g->S, g->F, g->pad_left, g->W, &w0, &w1);
              for (guint h = h0; h < h1; h++)
                for (guint w = w0; w < w1; w++)
                  acc += x[h * g->W + w];
              y[oh * g->OW + ow] = acc / (float) ((h1 - h0) * (w1 - w0));
            }
        }
    }
}

/* dinp (N·C, H, W) += each window's dout shared evenly among its real cells */
static void
avgpool_backward_kernel (float               *dinp,
                         const float         *dout,
                         const LabWindowGeom *g,
                         gsize                NC)
{
  for (gsize plane = 0; plane < NC; plane++)
    {
      float *dx = dinp + plane * g->H * g->W;
      const float *dy = dout + plane * g->OH * g->OW;

      for (guint oh = 0; oh < g->OH; oh++)
        {
          guint h0, h1;

          window_range (oh, g->S, g->F, g->pad_top, g->H, &h0, &h1);
          for (guint ow = 0; ow < g->OW; ow++)
            {
              guint w0, w1;
              float share;

              window_range (ow, g->S, g->F, g->pad_left, g->W, &w0, &w1);
              share = dy[oh * g->OW + ow] / (float) ((h1 - h0) * (w1 - w0));
              for (guint h = h0; h < h1; h++)
                for (guint w = w0; w < w1; w++)
                  dx[h * g->W + w] += share;
            }
        }
    }
}

static gboolean
avgpool_infer_shape (LabLayerInfo  *info,
                     GError       **error)
{
  return pool_infer_shape (&lab_layer_avgpool2d, info, error);
}

static void
avgpool_forward (const LabLayerRun *run)
{
  LabWindowGeom g;

  if (!pool_geom (&g, run->info, "", NULL))
    g_return_if_reached ();
  avgpool_forward_kernel (run->out, run->inp[0], &g, (gsize) run->batch * g.C);
}

static void
avgpool_backward (const LabLayerRun *run)
{
  LabWindowGeom g;

  if (run->dinp[0] == NULL)
    return;
  if (!pool_geom (&g, run->info, "", NULL))
    g_return_if_reached ();
  avgpool_backward_kernel (run->dinp[0], run->dout, &g, (gsize) run->batch * g.C);
}

const LabLayerType lab_layer_avgpool2d = {
  .name = "AvgPool2D",
  .label = N_("Average Pooling"),
  .category = "Pooling",
  .blurb = N_("Replaces each window by its mean, shrinking the feature maps smoothly"),
  .min_inputs = 1,
  .max_inputs = 1,
  .hparams = pool_hparams,
  .n_hparams = G_N_ELEMENTS (pool_hparams),
  .infer_shape = avgpool_infer_shape,
  .flops = pool_flops,
  .forward = avgpool_forward,
  .backward = avgpool_backward,
};

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

#if defined (__SSE2__)
#include <emmintrin.h>
#endif

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

/* The common 2×2 window with stride 2 and no padding gets its own kernels. Each window's winner
 * is kept as a byte, 0..3 for top-left, top-right, bottom-left, bottom-right, which is a quarter
 * of the memory traffic of an offset. */
static inline gboolean
is_pool_2x2 (const LabWindowGeom *g)
{
  return g->F == 2 && g->S == 2 && g->pad_top == 0 && g->pad_left == 0
         && 2 * g->OH <= g->H && 2 * g->OW <= g->W;
}

/* One output row: y (OW) and code (OW) from the input rows r0 and r1 (2·OW). Ties go to the
 * earlier cell. */
static void
maxpool_row_2x2 (float       *y,
                 guint8      *code,
                 const float *r0,
                 const float *r1,
                 guint        OW)
{
  guint ow = 0;

#if defined (__SSE2__)
  /* Four windows at a time; a last partial block is redone overlapping the previous one, which
   * writes the same values again, so no slow scalar tail is left. */
  while (OW >= 4 && ow < OW)
    {
      guint o = MIN (ow, OW - 4);
      __m128 t0 = _mm_loadu_ps (r0 + 2 * o), t1 = _mm_loadu_ps (r0 + 2 * o + 4);
      __m128 b0 = _mm_loadu_ps (r1 + 2 * o), b1 = _mm_loadu_ps (r1 + 2 * o + 4);
      __m128 a = _mm_shuffle_ps (t0, t1, _MM_SHUFFLE (2, 0, 2, 0));   /* top-left cells */
      __m128 b = _mm_shuffle_ps (t0, t1, _MM_SHUFFLE (3, 1, 3, 1));   /* top-right */
      __m128 c = _mm_shuffle_ps (b0, b1, _MM_SHUFFLE (2, 0, 2, 0));   /* bottom-left */
      __m128 d = _mm_shuffle_ps (b0, b1, _MM_SHUFFLE (3, 1, 3, 1));   /* bottom-right */
      __m128 top = _mm_max_ps (b, a);          /* b > a ? b : a */
      __m128 bottom = _mm_max_ps (d, c);
      __m128i one = _mm_set1_epi32 (1);
      __m128i top_code = _mm_and_si128 (_mm_castps_si128 (_mm_cmpgt_ps (b, a)), one);
      __m128i right_below = _mm_and_si128 (_mm_castps_si128 (_mm_cmpgt_ps (d, c)), one);
      __m128i bottom_code = _mm_add_epi32 (right_below, _mm_set1_epi32 (2));
      __m128i lower = _mm_castps_si128 (_mm_cmpgt_ps (bottom, top));
      __m128i codes = _mm_or_si128 (_mm_and_si128 (lower, bottom_code),
                                    _mm_andnot_si128 (lower, top_code));
      gint32 four = _mm_cvtsi128_si32 (_mm_packus_epi16 (_mm_packs_epi32 (codes, codes),
                                                         _mm_setzero_si128 ()));

      _mm_storeu_ps (y + o, _mm_max_ps (bottom, top));
      memcpy (code + o, &four, sizeof four);
      ow = o + 4;
    }
#endif

  for (; ow < OW; ow++)
    {
      float a = r0[2 * ow], b = r0[2 * ow + 1], c = r1[2 * ow], d = r1[2 * ow + 1];
      float top = b > a ? b : a;
      float bottom = d > c ? d : c;

      y[ow] = bottom > top ? bottom : top;
      code[ow] = (guint8) select_index (bottom > top, 2 + (d > c), b > a);
    }
}

/* Any window, stride and padding. out (OH, OW), argmax (OH, OW) as int32 bit patterns: the
 * winning cell's offset in the plane x (H, W), the first one on a tie */
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

#if defined (__SSE2__)
/* d[0..4) += v */
static inline void
add_vec (float  *d,
         __m128  v)
{
  _mm_storeu_ps (d, _mm_add_ps (_mm_loadu_ps (d), v));
}
#endif

/* d0 and d1 (2·OW), the gradients of two input rows, += dy (OW) put where code (OW) says; with
 * assign, = instead: each cell gets its window's dy or 0, as adding onto zeros would give. When
 * y (OW), the pooled outputs, is not NULL, a folded ReLU passes dy on only where y > 0. */
G_ALWAYS_INLINE
static inline void
maxpool_row_2x2_backward (float        *d0,
                          float        *d1,
                          const float  *dy,
                          const guint8 *code,
                          const float  *y,
                          guint         OW,
                          gboolean      assign)
{
  guint ow = 0;

#if defined (__SSE2__)
  /* Four windows at a time, adding to all eight cells of both rows (zero where a cell lost), so
   * that the rows are read and written in order rather than scattered into. */
  for (; ow + 4 <= OW; ow += 4)
    {
      __m128 g = _mm_loadu_ps (dy + ow);
      __m128i zero = _mm_setzero_si128 ();

      if (y != NULL)
        g = _mm_and_ps (g, _mm_cmpgt_ps (_mm_loadu_ps (y + ow), _mm_setzero_ps ()));
      gint32 four;
      __m128i c;
      __m128 v0, v1, v2, v3;

      memcpy (&four, code + ow, sizeof four);
      c = _mm_unpacklo_epi16 (_mm_unpacklo_epi8 (_mm_cvtsi32_si128 (four), zero), zero);
      v0 = _mm_and_ps (g, _mm_castsi128_ps (_mm_cmpeq_epi32 (c, _mm_set1_epi32 (0))));
      v1 = _mm_and_ps (g, _mm_castsi128_ps (_mm_cmpeq_epi32 (c, _mm_set1_epi32 (1))));
      v2 = _mm_and_ps (g, _mm_castsi128_ps (_mm_cmpeq_epi32 (c, _mm_set1_epi32 (2))));
      v3 = _mm_and_ps (g, _mm_castsi128_ps (_mm_cmpeq_epi32 (c, _mm_set1_epi32 (3))));
      if (assign)
        {
          _mm_storeu_ps (d0 + 2 * ow, _mm_unpacklo_ps (v0, v1));
          _mm_storeu_ps (d0 + 2 * ow + 4, _mm_unpackhi_ps (v0, v1));
          _mm_storeu_ps (d1 + 2 * ow, _mm_unpacklo_ps (v2, v3));
          _mm_storeu_ps (d1 + 2 * ow + 4, _mm_unpackhi_ps (v2, v3));
        }
      else
        {
          add_vec (d0 + 2 * ow, _mm_unpacklo_ps (v0, v1));
          add_vec (d0 + 2 * ow + 4, _mm_unpackhi_ps (v0, v1));
          add_vec (d1 + 2 * ow, _mm_unpacklo_ps (v2, v3));
          add_vec (d1 + 2 * ow + 4, _mm_unpackhi_ps (v2, v3));
        }
    }
#endif

  for (; ow < OW; ow++)
    {
      if (assign)
        d0[2 * ow] = d0[2 * ow + 1] = d1[2 * ow] = d1[2 * ow + 1] = 0.0f;
      (code[ow] & 2 ? d1 : d0)[2 * ow + (code[ow] & 1)] += y == NULL || y[ow] > 0.0f ? dy[ow] : 0.0f;
    }
}

/* out (N·C, OH, OW), cache (N·C, OH, OW): where each maximum was (a byte code for 2×2 windows,
 * else an offset), inp (N·C, H, W) */
static void
maxpool_forward_kernel (float               *out,
                        float               *cache,
                        const float         *inp,
                        const LabWindowGeom *g,
                        gsize                NC)
{
  gsize P = (gsize) g->OH * g->OW;

  if (is_pool_2x2 (g))
    {
      guint8 *codes = (guint8 *) cache;

      for (gsize plane = 0; plane < NC; plane++)
        for (guint oh = 0; oh < g->OH; oh++)
          {
            const float *r0 = inp + (plane * g->H + 2 * oh) * g->W;

            maxpool_row_2x2 (out + plane * P + oh * g->OW, codes + plane * P + oh * g->OW,
                             r0, r0 + g->W, g->OW);
          }
      return;
    }

  for (gsize plane = 0; plane < NC; plane++)
    maxpool_plane (out + plane * P, cache + plane * P, inp + plane * g->H * g->W, g);
}

/* dinp (N·C, H, W) += dout routed to the cells that won in forward; = when assign. With out
 * (N·C, OH, OW), the pooled outputs, a folded ReLU lets through only windows whose out > 0. */
static void
maxpool_backward_kernel (float               *dinp,
                         const float         *dout,
                         const float         *cache,
                         const float         *out,
                         const LabWindowGeom *g,
                         gsize                NC,
                         gboolean             assign)
{
  gsize P = (gsize) g->OH * g->OW;
  /* 2×2 windows that tile the whole input write every input cell exactly once. */
  gboolean tiles = is_pool_2x2 (g) && 2 * g->OH == g->H && 2 * g->OW == g->W;

  if (assign && !tiles)
    memset (dinp, 0, NC * g->H * g->W * sizeof (float));

  if (is_pool_2x2 (g))
    {
      const guint8 *codes = (const guint8 *) cache;

      for (gsize plane = 0; plane < NC; plane++)
        for (guint oh = 0; oh < g->OH; oh++)
          {
            float *r0 = dinp + (plane * g->H + 2 * oh) * g->W;
            gsize at = plane * P + oh * g->OW;

            if (assign && tiles)
              maxpool_row_2x2_backward (r0, r0 + g->W, dout + at, codes + at,
                                        out != NULL ? out + at : NULL, g->OW, TRUE);
            else
              maxpool_row_2x2_backward (r0, r0 + g->W, dout + at, codes + at,
                                        out != NULL ? out + at : NULL, g->OW, FALSE);
          }
      return;
    }

  for (gsize plane = 0; plane < NC; plane++)
    {
      float *dx = dinp + plane * g->H * g->W;

      for (gsize p = 0; p < P; p++)
        if (out == NULL || out[plane * P + p] > 0.0f)
          dx[get_index (&cache[plane * P + p])] += dout[plane * P + p];
    }
}

static gboolean
maxpool_infer_shape (LabLayerInfo  *info,
                     GError       **error)
{
  return pool_infer_shape (&lab_layer_maxpool2d, info, error);
}

/* Where each maximum was, one float's room per output element, kept from forward to backward. */
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
  maxpool_backward_kernel (run->dinp[0], run->dout, run->cache,
                           run->relu_folded ? run->out : NULL, &g, (gsize) run->batch * g.C,
                           run->dinp_assign[0]);
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
  .grad_assign = TRUE,
  .fold_relu = TRUE,
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

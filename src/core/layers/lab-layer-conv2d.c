/* lab-layer-conv2d.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 2-D convolution (cross-correlation, as in every framework) with square kernels, computed as a
 * matrix product: im2col lays the input patches of a group of samples out as the columns of a
 * (KK, G·P) matrix, so that one GEMM with the (OC, KK) weight gives G samples' outputs at once.
 * Grouping matters: one sample of a 14×14 map gives only P = 196 columns, too few for OpenBLAS
 * to run at full speed. Backward reuses the same matrices: dW += dout·colᵀ, dcol = Wᵀ·dout and
 * col2im adds dcol back onto the input gradient.
 *
 * Shapes: inp (N, C, H, W), out (N, OC, OH, OW), weight (OC, C, F, F) as in PyTorch, bias (OC).
 * P = OH·OW output cells, KK = C·F·F patch length, G = samples per GEMM.
 */
#define G_LOG_DOMAIN "lab-layer-conv2d"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-blas.h"
#include "lab-layer-spatial-private.h"

enum { HP_FILTERS, HP_KERNEL_SIZE, HP_STRIDE, HP_PADDING, HP_BIAS };

/* Columns per GEMM: enough for OpenBLAS to reach its speed, few enough that the column matrix of
 * a typical layer (KK = 288) stays near 1 MB, inside the core's L2 cache. */
#define TARGET_COLUMNS 800

static const char * const padding_choices[] = { "valid", "same", NULL };
static const char * const padding_labels[] = { N_("Valid"), N_("Same"), NULL };

static const LabHParamSpec conv_hparams[] = {
  {
    .key = "filters",
    .label = N_("Filters"),
    .blurb = N_("How many different patterns the layer looks for; each gives one output channel "
                "(feature map). Layers often start at 32 and double after each pooling step."),
    .kind = LAB_HP_INT,
    .min = 1,
    .max = 4096,
    .def = 32,
  },
  {
    .key = "kernel_size",
    .label = N_("Kernel size"),
    .blurb = N_("The width and height of each filter, in pixels. 3 is the usual choice; two "
                "stacked 3×3 layers see as far as one 5×5 with fewer weights. 1 mixes channels "
                "only."),
    .kind = LAB_HP_INT,
    .min = 1,
    .max = 64,
    .def = 3,
  },
  {
    .key = "stride",
    .label = N_("Stride"),
    .blurb = N_("How many pixels the filter moves between outputs. 1 keeps every position; 2 "
                "halves the width and height, a cheaper alternative to pooling."),
    .kind = LAB_HP_INT,
    .min = 1,
    .max = 64,
    .def = 1,
  },
  {
    .key = "padding",
    .label = N_("Padding"),
    .blurb = N_("“Valid” uses no padding, so each side shrinks by kernel size − 1; “same” adds "
                "zeros around the border so the output keeps the input size (divided by the "
                "stride)."),
    .kind = LAB_HP_CHOICE,
    .def = LAB_PADDING_VALID,
    .choices = padding_choices,
    .choice_labels = padding_labels,
  },
  {
    .key = "bias",
    .label = N_("Bias"),
    .blurb = N_("Adds a learned offset to each output channel. Keep it on unless a normalization "
                "layer follows, which cancels it."),
    .kind = LAB_HP_BOOL,
    .def = 1,
  },
};

typedef struct
{
  LabWindowGeom g;
  int           OC;
  gboolean      has_bias;
  int           P;      /* OH·OW */
  int           KK;     /* C·F·F */
} ConvPlan;

static gboolean
conv_plan (ConvPlan           *plan,
           const LabLayerInfo *info,
           GError            **error)
{
  if (!lab_window_geom_init (&plan->g, info, "Conv2D", TRUE,
                             LAB_HP_INT_VALUE (info->hp, HP_KERNEL_SIZE),
                             LAB_HP_INT_VALUE (info->hp, HP_STRIDE),
                             (LabPadding) LAB_HP_INT_VALUE (info->hp, HP_PADDING), error))
    return FALSE;
  /* BLAS counts in int; lab_window_geom_init() already bounds H·W ≥ OH·OW. */
  if ((guint64) plan->g.C * plan->g.F * plan->g.F >= G_MAXINT)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                   _("Conv2D “%s”: each kernel would hold too many weights; use fewer input "
                     "channels or a smaller kernel size"),
                   info->name);
      return FALSE;
    }
  plan->OC = LAB_HP_INT_VALUE (info->hp, HP_FILTERS);
  plan->has_bias = LAB_HP_BOOL_VALUE (info->hp, HP_BIAS);
  plan->P = (int) (plan->g.OH * plan->g.OW);
  plan->KK = (int) (plan->g.C * plan->g.F * plan->g.F);
  return TRUE;
}

/* Samples per GEMM for a batch of n. */
static guint
conv_group (const ConvPlan *plan,
            guint           n)
{
  guint g = MAX (TARGET_COLUMNS / plan->P, 1);

  return CLAMP (g, 1, MAX (n, 1));
}

static gboolean
conv_infer_shape (LabLayerInfo  *info,
                  GError       **error)
{
  ConvPlan plan;

  if (!lab_layer_check_hparams (&lab_layer_conv2d, info, error) || !conv_plan (&plan, info, error))
    return FALSE;
  info->out_shape = lab_shape_make (3, plan.OC, plan.g.OH, plan.g.OW);
  return TRUE;
}

static guint
conv_params (const LabLayerInfo *info,
             LabParamDesc       *descs)
{
  guint C = info->in_shape[0].dims[0];
  guint F = LAB_HP_INT_VALUE (info->hp, HP_KERNEL_SIZE);
  guint OC = LAB_HP_INT_VALUE (info->hp, HP_FILTERS);

  descs[0] = (LabParamDesc) {
    .name = "weight",
    .shape = lab_shape_make (4, OC, C, F, F),
    .fill = LAB_FILL_WEIGHT,
    .fan_in = C * F * F,
    .fan_out = OC * F * F,
  };
  if (!LAB_HP_BOOL_VALUE (info->hp, HP_BIAS))
    return 1;
  descs[1] = (LabParamDesc) {
    .name = "bias",
    .shape = lab_shape_flat (OC),
    .fill = LAB_FILL_BIAS,
    .fan_in = C * F * F,
  };
  return 2;
}

/* The three matrices of ConvScratch, below. */
static gsize
conv_scratch_floats (const LabLayerInfo *info,
                     guint               n)
{
  ConvPlan plan;
  gsize cols;

  if (!conv_plan (&plan, info, NULL))
    return 0;
  cols = (gsize) conv_group (&plan, n) * plan.P;
  return (cols + plan.KK + 1) * plan.OC + cols * (plan.KK + 1);
}

static guint64
conv_flops (const LabLayerInfo *info)
{
  ConvPlan plan;

  if (!conv_plan (&plan, info, NULL))
    return 0;
  return (guint64) plan.OC * plan.P * (2 * (guint64) plan.KK + (plan.has_bias ? 1 : 0));
}

/* Output columns [*lo, *hi) whose input column o·S + k − pad lies inside [0, size). */
static inline void
valid_range (guint  k,
             guint  S,
             guint  pad,
             guint  size,
             guint  n_out,
             guint *lo,
             guint *hi)
{
  *lo = k < pad ? MIN ((pad - k + S - 1) / S, n_out) : 0;
  *hi = size + pad > k ? MIN ((size + pad - k + S - 1) / S, n_out) : 0;
  *lo = MIN (*lo, *hi);
}

/* Where kernel tap (kh, kw) reads from: output rows [h_lo, h_hi) and columns [w_lo, w_hi) see
 * the input, the others see padding. The same for every channel and sample, so computed once. */
typedef struct
{
  guint  kh, kw;
  guint  h_lo, h_hi, w_lo, w_hi;
  gssize shift;   /* input cell = output cell + shift, on a shifted plane (below) */
} Tap;

static void
tap_init (Tap                 *t,
          const LabWindowGeom *g,
          guint                kh,
          guint                kw)
{
  t->kh = kh;
  t->kw = kw;
  valid_range (kh, g->S, g->pad_top, g->H, g->OH, &t->h_lo, &t->h_hi);
  valid_range (kw, g->S, g->pad_left, g->W, g->OW, &t->w_lo, &t->w_hi);
  if (t->w_lo == t->w_hi)
    t->h_hi = t->h_lo;   /* nothing to read */
  t->shift = ((gssize) kh - g->pad_top) * g->W + (gssize) kw - g->pad_left;
}

/* When the stride is 1 and the output is as wide as the input ("same" padding, or a 1×1
 * kernel), output cell i of a tap reads input cell i + shift: the tap's row of the column matrix
 * is the input plane moved by one offset. It is copied (or added back) as one contiguous run,
 * from the first cell inside the input to the last, and the cells that wrapped around a row
 * edge are then cleared. */
static inline gboolean
is_shifted_plane (const LabWindowGeom *g)
{
  return g->S == 1 && g->OW == g->W;
}

/* Clears the cells of dst (OH, OW) in rows [h_lo, h_hi) that lie left of w_lo or right of w_hi. */
static void
clear_wrapped (float               *dst,
               const LabWindowGeom *g,
               const Tap           *t)
{
  for (guint ow = 0; ow < t->w_lo; ow++)
    for (guint oh = t->h_lo; oh < t->h_hi; oh++)
      dst[(gsize) oh * g->OW + ow] = 0.0f;
  for (guint ow = t->w_hi; ow < g->OW; ow++)
    for (guint oh = t->h_lo; oh < t->h_hi; oh++)
      dst[(gsize) oh * g->OW + ow] = 0.0f;
}

/* dst (OH, OW), the row of tap t for one sample and channel, from that channel's plane x (H, W) */
static void
im2col_tap (float               *dst,
            const float         *x,
            const LabWindowGeom *g,
            const Tap           *t)
{
  gsize P = (gsize) g->OH * g->OW;

  if (t->h_lo == t->h_hi)
    {
      lab_fill_floats (dst, 0.0f, P);
      return;
    }
  lab_fill_floats (dst, 0.0f, (gsize) t->h_lo * g->OW);
  lab_fill_floats (dst + (gsize) t->h_hi * g->OW, 0.0f, (gsize) (g->OH - t->h_hi) * g->OW);
  if (is_shifted_plane (g))
    {
      gsize a = (gsize) t->h_lo * g->W + t->w_lo;
      gsize b = (gsize) (t->h_hi - 1) * g->W + t->w_hi;

      memcpy (dst + a, x + (gssize) a + t->shift, (b - a) * sizeof (float));
      clear_wrapped (dst, g, t);
      return;
    }

  for (guint oh = t->h_lo; oh < t->h_hi; oh++)
    {
      const float *src = x + (gsize) (oh * g->S + t->kh - g->pad_top) * g->W
                         + (gsize) t->w_lo * g->S + t->kw - g->pad_left;
      float *d = dst + (gsize) oh * g->OW;

      lab_fill_floats (d, 0.0f, t->w_lo);
      if (g->S == 1)
        memcpy (d + t->w_lo, src, (t->w_hi - t->w_lo) * sizeof (float));
      else
        for (guint ow = t->w_lo; ow < t->w_hi; ow++)
          d[ow] = src[(gsize) (ow - t->w_lo) * g->S];
      lab_fill_floats (d + t->w_hi, 0.0f, g->OW - t->w_hi);
    }
}

/* dx (H, W) += src (OH, OW) put back where im2col_tap took it from; src is scratch and may be
 * changed (the shifted-plane path clears its wrapped cells first) */
static void
col2im_tap (float               *dx,
            float               *src,
            const LabWindowGeom *g,
            const Tap           *t)
{
  if (t->h_lo == t->h_hi)
    return;
  if (is_shifted_plane (g))
    {
      gsize a = (gsize) t->h_lo * g->W + t->w_lo;
      gsize b = (gsize) (t->h_hi - 1) * g->W + t->w_hi;

      clear_wrapped (src, g, t);
      lab_add_floats (dx + (gssize) a + t->shift, src + a, b - a);
      return;
    }

  for (guint oh = t->h_lo; oh < t->h_hi; oh++)
    {
      float *d = dx + (gsize) (oh * g->S + t->kh - g->pad_top) * g->W
                 + (gsize) t->w_lo * g->S + t->kw - g->pad_left;
      const float *v = src + (gsize) oh * g->OW;

      if (g->S == 1)
        lab_add_floats (d, v + t->w_lo, t->w_hi - t->w_lo);
      else
        for (guint ow = t->w_lo; ow < t->w_hi; ow++)
          d[(gsize) (ow - t->w_lo) * g->S] += v[ow];
    }
}

/* col (KK, ld) from inp (G, C, H, W): row (c·F + kh)·F + kw, column s·P + oh·OW + ow holds
 * inp[s, c, oh·S + kh − pad_top, ow·S + kw − pad_left], or 0 in the padding. */
static void
im2col (float               *col,
        const float         *inp,
        const LabWindowGeom *g,
        guint                G,
        gsize                ld)
{
  gsize P = (gsize) g->OH * g->OW;
  gsize HW = (gsize) g->H * g->W;

  for (guint kh = 0; kh < g->F; kh++)
    for (guint kw = 0; kw < g->F; kw++)
      {
        Tap t;

        tap_init (&t, g, kh, kw);
        for (guint c = 0; c < g->C; c++)
          {
            float *row = col + ((gsize) (c * g->F + kh) * g->F + kw) * ld;

            for (guint s = 0; s < G; s++)
              im2col_tap (row + s * P, inp + (s * (gsize) g->C + c) * HW, g, &t);
          }
      }
}

/* dinp (G, C, H, W) += the columns of dcol (KK, ld) put back where im2col took them from;
 * dcol is scratch and gets changed */
static void
col2im (float               *dinp,
        float               *dcol,
        const LabWindowGeom *g,
        guint                G,
        gsize                ld)
{
  gsize P = (gsize) g->OH * g->OW;
  gsize HW = (gsize) g->H * g->W;

  for (guint kh = 0; kh < g->F; kh++)
    for (guint kw = 0; kw < g->F; kw++)
      {
        Tap t;

        tap_init (&t, g, kh, kw);
        for (guint c = 0; c < g->C; c++)
          {
            float *row = dcol + ((gsize) (c * g->F + kh) * g->F + kw) * ld;

            for (guint s = 0; s < G; s++)
              col2im_tap (dinp + (s * (gsize) g->C + c) * HW, row + s * P, g, &t);
          }
      }
}

/* The scratch buffer, cut into three matrices for a group of G samples (cols = G·P). */
typedef struct
{
  float *col;     /* (KK + 1, cols): patches, then a row of ones for the bias; dcol in backward */
  float *wide;    /* (OC, cols): the GEMM's output before it is split per sample; dout side by
                   * side in backward */
  float *wmat;    /* (OC, KK + 1): [weight | bias] in forward; [dweight | dbias]ᵀ in backward */
} ConvScratch;

static ConvScratch
conv_scratch (float          *scratch,
              const ConvPlan *p,
              gsize           cols)
{
  ConvScratch sc;

  sc.col = scratch;
  sc.wide = sc.col + (gsize) (p->KK + 1) * cols;
  sc.wmat = sc.wide + (gsize) p->OC * cols;
  return sc;
}

/* out (G, OC, P), inp (G, C, H, W), weight (OC, K1), where K1 = KK + 1 when the last column holds
 * the bias, and the last row of the column matrix is then ones, so that the GEMM adds the bias
 * itself instead of a separate pass over the output. */
static void
conv_forward_group (float             *out,
                    const ConvScratch *sc,
                    const float       *inp,
                    const float       *weight,
                    const ConvPlan    *p,
                    guint              G)
{
  gsize ld = (gsize) G * p->P;
  int K1 = p->KK + (p->has_bias ? 1 : 0);
  float *y = G > 1 ? sc->wide : out;

  im2col (sc->col, inp, &p->g, G, ld);
  if (p->has_bias)
    lab_fill_floats (sc->col + (gsize) p->KK * ld, 1.0f, ld);
  lab_sgemm (FALSE, FALSE, p->OC, ld, K1, 1.0f, weight, K1, sc->col, ld, 0.0f, y, ld);
  if (G > 1)
    for (guint s = 0; s < G; s++)
      for (int oc = 0; oc < p->OC; oc++)
        memcpy (out + ((gsize) s * p->OC + oc) * p->P, y + oc * ld + (gsize) s * p->P,
                p->P * sizeof (float));
}

/* dinp (G, C, H, W) or NULL, accumulated; dgradT (K1, OC) or NULL, accumulated unless first:
 * [dweight | dbias]ᵀ, whose last row gets the bias gradient from the row of ones in col;
 * dout (G, OC, P), inp (G, C, H, W), weight (OC, KK) */
static void
conv_backward_group (float             *dinp,
                     float             *dgradT,
                     const ConvScratch *sc,
                     const float       *dout,
                     const float       *inp,
                     const float       *weight,
                     const ConvPlan    *p,
                     guint              G,
                     gboolean           first)
{
  gsize ld = (gsize) G * p->P;
  int K1 = p->KK + (p->has_bias ? 1 : 0);
  const float *dy = dout;

  /* Side by side, the samples' gradients form one wide (OC, G·P) matrix for the GEMMs below;
   * one sample's dout already is that matrix. */
  if (G > 1)
    {
      for (guint s = 0; s < G; s++)
        for (int oc = 0; oc < p->OC; oc++)
          memcpy (sc->wide + oc * ld + (gsize) s * p->P, dout + ((gsize) s * p->OC + oc) * p->P,
                  p->P * sizeof (float));
      dy = sc->wide;
    }

  if (dgradT != NULL)
    {
      /* [dW | db]ᵀ = col · doutᵀ rather than dW = dout · colᵀ: the same product, but OpenBLAS
       * runs the tall (K1, OC) result about 10 % faster than the wide one, and the bias comes
       * with it instead of another pass over dout. */
      im2col (sc->col, inp, &p->g, G, ld);
      if (p->has_bias)
        lab_fill_floats (sc->col + (gsize) p->KK * ld, 1.0f, ld);
      lab_sgemm (FALSE, TRUE, K1, p->OC, ld, 1.0f, sc->col, ld, dy, ld,
                 first ? 0.0f : 1.0f, dgradT, p->OC);
    }
  if (dinp != NULL)
    {
      lab_sgemm (TRUE, FALSE, p->KK, ld, p->OC, 1.0f, weight, p->KK, dy, ld, 0.0f, sc->col, ld);
      col2im (dinp, sc->col, &p->g, G, ld);
    }
}

static void
conv_forward (const LabLayerRun *run)
{
  ConvPlan p;
  ConvScratch sc;
  gsize in_size, out_size;
  const float *weight;
  guint group;

  if (!conv_plan (&p, run->info, NULL))
    g_return_if_reached ();
  in_size = lab_shape_size (&run->info->in_shape[0]);
  out_size = (gsize) p.OC * p.P;
  group = conv_group (&p, run->batch);
  sc = conv_scratch (run->scratch, &p, (gsize) group * p.P);

  weight = run->params;
  if (p.has_bias)
    {
      const float *bias = run->params + (gsize) p.OC * p.KK;

      for (int oc = 0; oc < p.OC; oc++)
        {
          memcpy (sc.wmat + (gsize) oc * (p.KK + 1), run->params + (gsize) oc * p.KK,
                  p.KK * sizeof (float));
          sc.wmat[(gsize) oc * (p.KK + 1) + p.KK] = bias[oc];
        }
      weight = sc.wmat;
    }

  for (guint s0 = 0; s0 < run->batch; s0 += group)
    conv_forward_group (run->out + s0 * out_size, &sc, run->inp[0] + s0 * in_size, weight, &p,
                        MIN (group, run->batch - s0));
}

static void
conv_backward (const LabLayerRun *run)
{
  ConvPlan p;
  ConvScratch sc;
  gsize in_size, out_size;
  guint group;
  float *dparams = run->dparams;

  if (!conv_plan (&p, run->info, NULL))
    g_return_if_reached ();
  if (run->batch == 0 || (dparams == NULL && run->dinp[0] == NULL))
    return;
  in_size = lab_shape_size (&run->info->in_shape[0]);
  out_size = (gsize) p.OC * p.P;
  group = conv_group (&p, run->batch);
  sc = conv_scratch (run->scratch, &p, (gsize) group * p.P);

  /* col2im adds into the input gradient; overwriting means adding onto zeros. */
  if (run->dinp[0] != NULL && run->dinp_assign[0])
    memset (run->dinp[0], 0, run->batch * in_size * sizeof (float));
  for (guint s0 = 0; s0 < run->batch; s0 += group)
    conv_backward_group (run->dinp[0] != NULL ? run->dinp[0] + s0 * in_size : NULL,
                         dparams != NULL ? sc.wmat : NULL, &sc,
                         run->dout + s0 * out_size, run->inp[0] + s0 * in_size,
                         run->params, &p, MIN (group, run->batch - s0), s0 == 0);

  /* dweight (OC, KK) += the first KK rows of wmat (K1, OC), transposed; dbias += its last row;
   * = instead of += when the run asks to overwrite */
  if (dparams != NULL && run->dparams_assign)
    {
      for (int k = 0; k < p.KK; k++)
        for (int oc = 0; oc < p.OC; oc++)
          dparams[(gsize) oc * p.KK + k] = sc.wmat[(gsize) k * p.OC + oc];
      if (p.has_bias)
        for (int oc = 0; oc < p.OC; oc++)
          dparams[(gsize) p.OC * p.KK + oc] = sc.wmat[(gsize) p.KK * p.OC + oc];
    }
  else if (dparams != NULL)
    {
      for (int k = 0; k < p.KK; k++)
        for (int oc = 0; oc < p.OC; oc++)
          dparams[(gsize) oc * p.KK + k] += sc.wmat[(gsize) k * p.OC + oc];
      if (p.has_bias)
        for (int oc = 0; oc < p.OC; oc++)
          dparams[(gsize) p.OC * p.KK + oc] += sc.wmat[(gsize) p.KK * p.OC + oc];
    }
}

const LabLayerType lab_layer_conv2d = {
  .name = "Conv2D",
  .label = N_("Conv2D"),
  .category = "Convolution",
  .blurb = N_("Slides small learned filters over an image, giving one feature map per filter"),
  .min_inputs = 1,
  .max_inputs = 1,
  .hparams = conv_hparams,
  .n_hparams = G_N_ELEMENTS (conv_hparams),
  .infer_shape = conv_infer_shape,
  .params = conv_params,
  .scratch_floats = conv_scratch_floats,
  .flops = conv_flops,
  .forward = conv_forward,
  .backward = conv_backward,
  .grad_assign = TRUE,
};

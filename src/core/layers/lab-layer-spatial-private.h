/* lab-layer-spatial-private.h: the window geometry shared by Conv2D and the pooling layers, and
 * a few vector loops for them
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A square window of F×F cells slides over a C×H×W input with stride S. Output sizes follow
 * TensorFlow, which PyTorch matches wherever it offers the same option:
 *   valid: out = ⌊(W − F) / S⌋ + 1, no padding;
 *   same:  out = ⌈W / S⌉, padded with total = max((out − 1)·S + F − W, 0) zeros, total / 2 before
 *          and the rest after (PyTorch's padding="same" exists only for stride 1, where it pads
 *          the same way for odd kernels).
 * With either rule every window overlaps at least one real cell, so max and average pooling never
 * see an empty window.
 *
 * Include config.h and <glib/gi18n-lib.h> first: the messages are translated.
 */
#pragma once

#include <glib.h>
#include <string.h>

#include "lab-error.h"
#include "lab-layer.h"

G_BEGIN_DECLS

typedef enum
{
  LAB_PADDING_VALID,
  LAB_PADDING_SAME,
} LabPadding;

typedef struct
{
  guint C, H, W;        /* input channels and size */
  guint F, S;           /* window (kernel) size and stride */
  guint OH, OW;         /* output size */
  guint pad_top;        /* zero rows above row 0; the rest of the padding goes below */
  guint pad_left;       /* zero columns left of column 0; the rest goes right */
} LabWindowGeom;

static inline guint
lab_window_out_size (guint       in,
                     guint       F,
                     guint       S,
                     LabPadding  padding,
                     guint      *pad_before)
{
  guint out;

  if (padding == LAB_PADDING_SAME)
    {
      guint64 span;

      out = (in + S - 1) / S;
      span = (guint64) (out - 1) * S + F;
      *pad_before = span > in ? (guint) ((span - in) / 2) : 0;
      return out;
    }
  *pad_before = 0;
  return in >= F ? (in - F) / S + 1 : 0;
}

/* Fills geom from an input shape; FALSE with a message naming the layer when the input is not an
 * image or, with valid padding, is smaller than the window. is_kernel picks the wording
 * ("kernel" for Conv2D, "pooling window" for pooling). */
static inline gboolean
lab_window_geom_init (LabWindowGeom      *geom,
                      const LabLayerInfo *info,
                      const char         *type_name,
                      gboolean            is_kernel,
                      guint               F,
                      guint               S,
                      LabPadding          padding,
                      GError            **error)
{
  const LabShape *in = &info->in_shape[0];

  if (in->ndim != 3)
    {
      g_autofree char *got = lab_shape_to_string (in);

      g_set_error (error, LAB_ERROR, LAB_ERROR_SHAPE_MISMATCH,
                   _("%s “%s” needs an image input (channels×height×width) but receives %s: "
                     "set the Input shape to an image shape such as 1×28×28, or insert a "
                     "Reshape layer"),
                   type_name, info->name, got);
      return FALSE;
    }
  if (F == 0 || S == 0)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                   _("%s “%s”: the window size and the stride must be at least 1"),
                   type_name, info->name);
      return FALSE;
    }

  /* Kernels index a plane with int32 (BLAS sizes, max-pool positions). */
  if ((guint64) in->dims[1] * in->dims[2] > G_MAXINT32)
    {
      g_autofree char *got = lab_shape_to_string (in);

      g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                   _("%s “%s”: the input %s is too large; use a smaller Input shape"),
                   type_name, info->name, got);
      return FALSE;
    }
  geom->C = in->dims[0];
  geom->H = in->dims[1];
  geom->W = in->dims[2];
  geom->F = F;
  geom->S = S;
  if (padding == LAB_PADDING_VALID && (F > geom->H || F > geom->W))
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_INVALID_PARAM,
                   is_kernel
                   ? _("%s “%s”: the %u×%u kernel is larger than its %u×%u input with “valid” "
                       "padding: use a smaller kernel size, or padding “same”")
                   : _("%s “%s”: the %u×%u pooling window is larger than its %u×%u input with "
                       "“valid” padding: use a smaller pool size, or padding “same”"),
                   type_name, info->name, F, F, geom->H, geom->W);
      return FALSE;
    }
  geom->OH = lab_window_out_size (geom->H, F, S, padding, &geom->pad_top);
  geom->OW = lab_window_out_size (geom->W, F, S, padding, &geom->pad_left);
  return TRUE;
}

/* Checks every hyperparameter against its spec, so that kernels never see a stride of 0 even when
 * a caller skipped validation. */
static inline gboolean
lab_layer_check_hparams (const LabLayerType *type,
                         const LabLayerInfo *info,
                         GError            **error)
{
  for (guint i = 0; i < type->n_hparams; i++)
    if (!lab_hparam_check (&type->hparams[i], &info->hp[i], info->name, error))
      return FALSE;
  return TRUE;
}

/* Small loops that GCC does not vectorize at -O2: GNU C vector types make the four-wide SIMD
 * explicit (SSE on x86-64, NEON on ARM) without tying the code to one instruction set. */
typedef float LabVec4 __attribute__ ((vector_size (16)));

static inline LabVec4
lab_vec_load (const float *p)
{
  LabVec4 v;

  memcpy (&v, p, sizeof v);
  return v;
}

static inline void
lab_vec_store (float   *p,
               LabVec4  v)
{
  memcpy (p, &v, sizeof v);
}

/* d[0..n) += s[0..n) */
static inline void
lab_add_floats (float       *d,
                const float *s,
                gsize        n)
{
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      lab_vec_store (d + i, lab_vec_load (d + i) + lab_vec_load (s + i));
      lab_vec_store (d + i + 4, lab_vec_load (d + i + 4) + lab_vec_load (s + i + 4));
    }
  for (; i < n; i++)
    d[i] += s[i];
}

/* d[0..n) = v */
static inline void
lab_fill_floats (float *d,
                 float  v,
                 gsize  n)
{
  LabVec4 vv = { v, v, v, v };
  gsize i = 0;

  for (; i + 4 <= n; i += 4)
    lab_vec_store (d + i, vv);
  for (; i < n; i++)
    d[i] = v;
}

/* Σ s[0..n), with independent partial sums so that the adds overlap */
static inline float
lab_sum_floats (const float *s,
                gsize        n)
{
  LabVec4 a = { 0 }, b = { 0 };
  gsize i = 0;
  float acc;

  for (; i + 8 <= n; i += 8)
    {
      a += lab_vec_load (s + i);
      b += lab_vec_load (s + i + 4);
    }
  a += b;
  acc = (a[0] + a[1]) + (a[2] + a[3]);
  for (; i < n; i++)
    acc += s[i];
  return acc;
}

/* Flatten and Reshape keep the row-major values and change only the shape label, so both run
 * these: out (N, D) = inp (N, D), and dinp (N, D) += dout (N, D). In lab-layer-flatten.c. */
void lab_layer_copy_forward  (const LabLayerRun *run);
void lab_layer_copy_backward (const LabLayerRun *run);

G_END_DECLS

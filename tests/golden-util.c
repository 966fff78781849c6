/* golden-util.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tolerance. Golden files such as torch-golden.json are computed in float64 from float32 inputs,
 * so they are exact to ~1e-16 and any difference is LayerLab's float32 round-off.
 * With unit round-off u = 6e-8 and the short reductions of these tiny shapes (at most ~50 terms, as
 * in a 3×3×4 convolution or a batch-norm sum), a value whose terms have magnitude at most S carries
 * an error ≲ n·u·S ≈ 3e-6·S in the worst case and ~√n·u·S ≈ 4e-7·S typically. Terms are bounded
 * by the tensor's largest value times a small factor, so we require, per tensor b of length n,
 *     max |a − b| ≤ 1e-4 · ‖b‖∞ + 1e-6        and        NMSE = Σ(a − b)² / Σb² ≤ 1e-9,
 * i.e. a margin of 30× over the worst case while any wrong term (an off-by-one window, a missing
 * 1/N, a biased instead of unbiased variance: relative changes of 1e-2 or more) still fails both.
 * The NMSE bound (ggml's test-backend-ops metric) catches small errors spread over every element
 * that the max bound alone might pass. Optimizer weights after ten steps get the same criterion,
 * since every update rule here damps rather than amplifies earlier round-off. (Measured on
 * torch-golden.json: every tensor agrees within 1e-6·‖b‖∞.)
 */
#define G_LOG_DOMAIN "golden-util"

#include <math.h>
#include <string.h>

#include "golden-util.h"

#define MAX_TOL   1e-4
#define ABS_TOL   1e-6
#define NMSE_TOL  1e-9

/* Logs why the running test fails and marks it failed; returns FALSE for the caller to pass on. */
gboolean
golden_fail (const char *format,
             ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("%s", text);
  g_test_fail ();
  return FALSE;
}

void
golden_check_close (const char  *case_name,
                    const char  *what,
                    const float *got,
                    JsonArray   *expected,
                    double       factor)
{
  guint n = json_array_get_length (expected);
  double inf_norm = 0, err2 = 0, ref2 = 0, worst = 0;
  gboolean has_nan = FALSE;
  guint worst_i = 0;

  for (guint i = 0; i < n; i++)
    {
      double b = factor * json_array_get_double_element (expected, i);
      double d = fabs ((double) got[i] - b);

      inf_norm = MAX (inf_norm, fabs (b));
      err2 += d * d;
      ref2 += b * b;
      if (!has_nan && (isnan (d) || d > worst))
        {
          has_nan = isnan (d);
          worst = d;
          worst_i = i;
        }
    }
  if (has_nan || worst > MAX_TOL * inf_norm + ABS_TOL || (ref2 > 0 && err2 / ref2 > NMSE_TOL))
    golden_fail ("%s: %s differs from the golden value: element %u is %.9g, golden %.9g "
          "(max error %.3g, allowed %.3g; NMSE %.3g)",
          case_name, what, worst_i, got[worst_i],
          factor * json_array_get_double_element (expected, worst_i), worst,
          MAX_TOL * inf_norm + ABS_TOL, ref2 > 0 ? err2 / ref2 : 0.0);
}

void
golden_check_value (const char *case_name,
                    const char *what,
                    double      got,
                    double      expected)
{
  if (!(fabs (got - expected) <= MAX_TOL * fabs (expected) + ABS_TOL))
    golden_fail ("%s: %s is %.9g, golden %.9g", case_name, what, got, expected);
}

float *
golden_floats (JsonArray *array)
{
  guint n = json_array_get_length (array);
  float *f = g_new0 (float, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    f[i] = (float) json_array_get_double_element (array, i);
  return f;
}

gboolean
golden_shape (JsonArray *array,
              LabShape  *s)
{
  memset (s, 0, sizeof *s);
  if (json_array_get_length (array) > LAB_MAX_DIMS)
    return golden_fail ("shape of %u dimensions", json_array_get_length (array));
  s->ndim = json_array_get_length (array);
  for (guint i = 0; i < s->ndim; i++)
    s->dims[i] = json_array_get_int_element (array, i);
  return TRUE;
}

gboolean
golden_nodes_match (JsonNode   *a,
                    JsonNode   *b,
                    const char *path,
                    const char *skip_key,
                    double      tol)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return golden_fail ("%s: different kinds of value", path);

  if (JSON_NODE_HOLDS_OBJECT (a))
    {
      JsonObject *oa = json_node_get_object (a), *ob = json_node_get_object (b);
      g_autoptr(GList) keys = json_object_get_members (oa);

      if (json_object_get_size (oa) != json_object_get_size (ob))
        return golden_fail ("%s: different members", path);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          g_autofree char *sub = g_strdup_printf ("%s.%s", path, (const char *) l->data);

          if (g_strcmp0 (l->data, skip_key) == 0)
            continue;
          if (!json_object_has_member (ob, l->data))
            return golden_fail ("%s: missing", sub);
          if (!golden_nodes_match (json_object_get_member (oa, l->data),
                                   json_object_get_member (ob, l->data), sub, skip_key, tol))
            return FALSE;
        }
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (a))
    {
      JsonArray *xa = json_node_get_array (a), *xb = json_node_get_array (b);

      if (json_array_get_length (xa) != json_array_get_length (xb))
        return golden_fail ("%s: different lengths", path);
      for (guint i = 0; i < json_array_get_length (xa); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);

          if (!golden_nodes_match (json_array_get_element (xa, i), json_array_get_element (xb, i),
                                   sub, skip_key, tol))
            return FALSE;
        }
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (a) && json_node_get_value_type (a) == G_TYPE_STRING)
    {
      if (g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) != 0)
        return golden_fail ("%s: “%s” vs “%s”", path, json_node_get_string (a),
                     json_node_get_string (b));
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (a))
    {
      double x = json_node_get_double (a), y = json_node_get_double (b);

      if (!(fabs (x - y) <= tol * MAX (1.0, fabs (y))))
        return golden_fail ("%s: %.17g vs %.17g", path, x, y);
    }
  return TRUE;
}

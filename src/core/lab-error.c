/* lab-error.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-error"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lab-error.h"

G_DEFINE_QUARK (lab-error-quark, lab_error)

static guint64
physical_memory (void)
{
  long pages = sysconf (_SC_PHYS_PAGES);
  long page_size = sysconf (_SC_PAGE_SIZE);

  if (pages <= 0 || page_size <= 0)
    return G_GUINT64_CONSTANT (1) << 40;
  return (guint64) pages * (guint64) page_size;
}

gboolean
lab_check_alloc (guint64      n_bytes,
                 const char  *what,
                 GError     **error)
{
  guint64 limit = physical_memory ();

  if (n_bytes > limit)
    {
      g_autofree char *need = g_format_size (n_bytes);
      g_autofree char *have = g_format_size (limit);

      g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                   _("%s would need %s of memory, more than this machine has (%s)"),
                   what, need, have);
      return FALSE;
    }
  return TRUE;
}

float *
lab_try_alloc_floats (gsize        n,
                      const char  *what,
                      GError     **error)
{
  void *mem = NULL;
  gsize bytes;

  if (n > G_MAXSIZE / sizeof (float) - 64)
    {
      g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                   _("%s would need more memory than can be addressed"), what);
      return NULL;
    }
  bytes = MAX (n, 1) * sizeof (float);
  bytes = (bytes + 63) & ~(gsize) 63;
  if (!lab_check_alloc (bytes, what, error))
    return NULL;
  if (posix_memalign (&mem, 64, bytes) != 0 || mem == NULL)
    {
      g_autofree char *need = g_format_size (bytes);

      g_set_error (error, LAB_ERROR, LAB_ERROR_TOO_LARGE,
                   _("%s would need %s of memory, which could not be allocated"), what, need);
      return NULL;
    }
  memset (mem, 0, bytes);
  return mem;
}

void
lab_free (gpointer mem)
{
  free (mem);
}

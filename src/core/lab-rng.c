/* lab-rng.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-rng"

#include <math.h>

#include "lab-rng.h"

void
lab_rng_init (LabRng  *rng,
              guint64  seed)
{
  /* splitmix64 */
  guint64 z = seed + G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  z ^= z >> 31;
  rng->state = z ? z : G_GUINT64_CONSTANT (0x2545F4914F6CDD1D);
}

guint32
lab_rng_u32 (LabRng *rng)
{
  rng->state ^= rng->state >> 12;
  rng->state ^= rng->state << 25;
  rng->state ^= rng->state >> 27;
  return (guint32) ((rng->state * G_GUINT64_CONSTANT (0x2545F4914F6CDD1D)) >> 32);
}

float
lab_rng_uniform (LabRng *rng)
{
  return (lab_rng_u32 (rng) >> 8) / 16777216.0f;
}

guint32
lab_rng_below (LabRng  *rng,
               guint32  n)
{
  guint32 limit;
  guint32 r;

  g_return_val_if_fail (n > 0, 0);

  /* Reject the top sliver that would bias the low values. */
  limit = G_MAXUINT32 - (G_MAXUINT32 % n);
  do
    r = lab_rng_u32 (rng);
  while (r >= limit);
  return r % n;
}

float
lab_rng_normal (LabRng *rng)
{
  /* u1 in (0, 1] so the logarithm stays finite. */
  double u1 = 1.0 - lab_rng_uniform (rng);
  double u2 = lab_rng_uniform (rng);

  return (float) (sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2));
}

void
lab_rng_shuffle (LabRng  *rng,
                 guint32 *items,
                 gsize    n)
{
  for (gsize i = n; i > 1; i--)
    {
      guint32 j = lab_rng_below (rng, (guint32) i);
      guint32 tmp = items[i - 1];

      items[i - 1] = items[j];
      items[j] = tmp;
    }
}

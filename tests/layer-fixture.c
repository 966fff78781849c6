/* layer-fixture.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "layer-fixture"

#include <string.h>

#include "layer-fixture.h"

void
fixture_init (Fixture            *f,
              const LabLayerType *type)
{
  memset (f, 0, sizeof *f);
  f->type = type;
  g_assert_cmpuint (type->n_hparams, <=, G_N_ELEMENTS (f->hp));
  lab_hparams_defaults (type->hparams, type->n_hparams, f->hp);
  f->info.name = "node";
  f->info.hp = f->hp;
}

void
set_hp (LabHValue          *hp,
        const LabLayerType *type,
        const char         *key,
        double              v)
{
  int i = lab_hparams_find (type->hparams, type->n_hparams, key);

  g_assert_cmpint (i, >=, 0);
  hp[i].v = v;
}

static void
fill (float              *buf,
      const LabParamDesc *descs,
      guint               n)
{
  for (guint d = 0; d < n; d++)
    {
      gsize size = lab_shape_size (&descs[d].shape);

      for (gsize i = 0; i < size; i++)
        buf[i] = descs[d].fill == LAB_FILL_ONES ? 1.0f
               : descs[d].fill == LAB_FILL_CONST ? descs[d].value : 0.0f;
      buf += size;
    }
}

void
fixture_compile (Fixture        *f,
                 guint           n_inputs,
                 const LabShape *shapes,
                 guint           batch,
                 gboolean        training)
{
  g_autoptr(GError) error = NULL;
  LabParamDesc descs[LAB_MAX_PARAMS];
  guint n;

  f->info.n_inputs = n_inputs;
  for (guint i = 0; i < n_inputs; i++)
    f->info.in_shape[i] = shapes[i];
  g_assert_true (f->type->infer_shape (&f->info, &error));
  g_assert_no_error (error);

  f->run.info = &f->info;
  f->run.batch = batch;
  f->run.training = training;
  for (guint i = 0; i < n_inputs; i++)
    {
      f->in_size[i] = lab_shape_size (&shapes[i]);
      f->run.inp[i] = g_new0 (float, batch * f->in_size[i]);
      f->run.dinp[i] = g_new0 (float, batch * f->in_size[i]);
    }
  f->out_size = lab_shape_size (&f->info.out_shape);
  f->run.out = g_new0 (float, batch * f->out_size);
  f->run.dout = g_new0 (float, batch * f->out_size);

  n = f->type->params ? f->type->params (&f->info, descs) : 0;
  f->n_params = lab_param_descs_size (descs, n);
  f->run.params = g_new0 (float, f->n_params + 1);
  f->run.dparams = g_new0 (float, f->n_params + 1);
  fill (f->run.params, descs, n);
  n = f->type->state ? f->type->state (&f->info, descs) : 0;
  f->n_state = lab_param_descs_size (descs, n);
  f->run.state = g_new0 (float, f->n_state + 1);
  fill (f->run.state, descs, n);

  f->run.cache = g_new0 (float, (f->type->cache_floats ? f->type->cache_floats (&f->info, batch) : 0) + 1);
  f->run.scratch = g_new0 (float, (f->type->scratch_floats ? f->type->scratch_floats (&f->info, batch) : 0) + 1);
  lab_rng_init (&f->rng, 42);
  f->run.rng = &f->rng;
}

void
fixture_random_input (Fixture *f,
                      guint64  seed)
{
  LabRng rng;

  lab_rng_init (&rng, seed);
  for (guint i = 0; i < f->info.n_inputs; i++)
    for (gsize j = 0; j < f->run.batch * f->in_size[i]; j++)
      ((float *) f->run.inp[i])[j] = 2.0f * lab_rng_normal (&rng);
}

void
fixture_clear (Fixture *f)
{
  for (guint i = 0; i < f->info.n_inputs; i++)
    {
      g_free ((float *) f->run.inp[i]);
      g_free (f->run.dinp[i]);
    }
  g_free (f->run.out);
  g_free ((float *) f->run.dout);
  g_free (f->run.params);
  g_free (f->run.dparams);
  g_free (f->run.state);
  g_free (f->run.cache);
  g_free (f->run.scratch);
}

/* lab-network-io.c: a network's weights and running statistics as safetensors
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tensors are named "<layer>.<tensor>" ("fc1.weight", "bn1.running_mean") in PyTorch's layouts,
 * so torch.load_state_dict-style tooling can map them one to one.
 */
#define G_LOG_DOMAIN "lab-network"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab-error.h"
#include "lab-network.h"

typedef void (*TensorFunc) (const char         *name,
                            const LabParamDesc *desc,
                            float              *data,
                            gpointer            user_data);

static void
foreach_tensor (LabNetwork *self,
                TensorFunc  func,
                gpointer    user_data)
{
  for (guint i = 0; i < self->n_steps; i++)
    {
      LabStep *step = &self->steps[i];
      float *p = self->params + step->param_offset;
      float *s = self->state + step->state_offset;

      for (guint d = 0; d < step->n_params; d++)
        {
          g_autofree char *name = g_strdup_printf ("%s.%s", step->name, step->params[d].name);

          func (name, &step->params[d], p, user_data);
          p += lab_shape_size (&step->params[d].shape);
        }
      for (guint d = 0; d < step->n_state; d++)
        {
          g_autofree char *name = g_strdup_printf ("%s.%s", step->name, step->state[d].name);

          func (name, &step->state[d], s, user_data);
          s += lab_shape_size (&step->state[d].shape);
        }
    }
}

static void
put_one (const char         *name,
         const LabParamDesc *desc,
         float              *data,
         gpointer            user_data)
{
  lab_safetensors_add (user_data, name, &desc->shape, data);
}

void
lab_network_put_tensors (LabNetwork     *self,
                         LabSafetensors *file)
{
  foreach_tensor (self, put_one, file);
}

typedef struct
{
  LabSafetensors *file;
  const char     *display_name;
  GError         *error;
  GHashTable     *used;
  gboolean        apply;
} TakeState;

static void
take_one (const char         *name,
          const LabParamDesc *desc,
          float              *data,
          gpointer            user_data)
{
  TakeState *state = user_data;
  const LabSafetensor *t;

  if (state->error != NULL)
    return;
  t = lab_safetensors_find (state->file, name);
  if (t == NULL)
    {
      g_set_error (&state->error, LAB_ERROR, LAB_ERROR_WEIGHTS_MISMATCH,
                   _("%s: has no tensor “%s”; the weights were saved for another network"),
                   state->display_name, name);
      return;
    }
  if (!lab_shape_equal (&t->shape, &desc->shape))
    {
      g_autofree char *want = lab_shape_to_string (&desc->shape);
      g_autofree char *have = lab_shape_to_string (&t->shape);

      g_set_error (&state->error, LAB_ERROR, LAB_ERROR_WEIGHTS_MISMATCH,
                   _("%s: tensor “%s” is %s but the network needs %s; the layer’s settings "
                     "changed since the weights were saved"),
                   state->display_name, name, have, want);
      return;
    }
  g_hash_table_add (state->used, (gpointer) t->name);
  if (state->apply)
    memcpy (data, t->data, lab_shape_size (&desc->shape) * sizeof (float));
}

gboolean
lab_network_take_tensors (LabNetwork      *self,
                          LabSafetensors  *file,
                          const char      *display_name,
                          GError         **error)
{
  TakeState state = { file, display_name, NULL, NULL, FALSE };

  state.used = g_hash_table_new (g_str_hash, g_str_equal);

  /* Check everything first so that a mismatch changes nothing. */
  foreach_tensor (self, take_one, &state);
  if (state.error == NULL)
    for (guint i = 0; i < lab_safetensors_count (file); i++)
      {
        const LabSafetensor *t = lab_safetensors_get (file, i);

        if (!g_hash_table_contains (state.used, t->name) && !g_str_has_prefix (t->name, "__"))
          {
            g_set_error (&state.error, LAB_ERROR, LAB_ERROR_WEIGHTS_MISMATCH,
                         _("%s: tensor “%s” belongs to no layer of this network"),
                         display_name, t->name);
            break;
          }
      }
  if (state.error == NULL)
    {
      state.apply = TRUE;
      foreach_tensor (self, take_one, &state);
    }
  g_hash_table_unref (state.used);
  if (state.error != NULL)
    {
      g_propagate_error (error, state.error);
      return FALSE;
    }
  return TRUE;
}

gboolean
lab_network_save_weights (LabNetwork  *self,
                          const char  *path,
                          GHashTable  *metadata,
                          GError     **error)
{
  g_autoptr(LabSafetensors) file = lab_safetensors_new ();

  lab_network_put_tensors (self, file);
  if (metadata != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, metadata);
      while (g_hash_table_iter_next (&iter, &key, &value))
        lab_safetensors_set_meta (file, key, value);
    }
  return lab_safetensors_write (file, path, error);
}

gboolean
lab_network_load_weights (LabNetwork  *self,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(LabSafetensors) file = lab_safetensors_read (path, error);
  g_autofree char *display = NULL;

  if (file == NULL)
    return FALSE;
  display = g_filename_display_name (path);
  return lab_network_take_tensors (self, file, display, error);
}

/* lab-safetensors.h: the safetensors format (8-byte little-endian header length, a JSON header,
 * then raw little-endian tensors), which PyTorch, numpy and the Hugging Face tools read
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lab-types.h"

G_BEGIN_DECLS

typedef struct
{
  char     *name;
  LabShape  shape;   /* up to four dimensions */
  float    *data;    /* F32; owned by the file object on read, borrowed on write */
} LabSafetensor;

typedef struct _LabSafetensors LabSafetensors;

LabSafetensors *lab_safetensors_new       (void);
/* Borrows data until written. */
void            lab_safetensors_add       (LabSafetensors *self,
                                           const char     *name,
                                           const LabShape *shape,
                                           const float    *data);
/* String metadata kept in the header's "__metadata__" object. */
void            lab_safetensors_set_meta  (LabSafetensors *self,
                                           const char     *key,
                                           const char     *value);
const char     *lab_safetensors_get_meta  (LabSafetensors *self,
                                           const char     *key);
/* Writes atomically: a temporary file beside path, then a rename, so a failure leaves the old
 * file as it was. */
gboolean        lab_safetensors_write     (LabSafetensors *self,
                                           const char     *path,
                                           GError        **error);
/* Reads F32 tensors (refuses other dtypes, overlapping or out-of-range offsets, bad JSON, a
 * header length beyond the file, naming the file and the byte offset). */
LabSafetensors *lab_safetensors_read      (const char     *path,
                                           GError        **error);
const LabSafetensor *lab_safetensors_find (LabSafetensors *self,
                                           const char     *name);
guint           lab_safetensors_count     (LabSafetensors *self);
const LabSafetensor *lab_safetensors_get  (LabSafetensors *self,
                                           guint           i);
void            lab_safetensors_free      (LabSafetensors *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabSafetensors, lab_safetensors_free)

/* Writes contents atomically with the same temporary-file-and-rename rule; used for projects too. */
gboolean lab_file_write_atomic (const char  *path,
                                const void  *contents,
                                gsize        length,
                                GError     **error);

G_END_DECLS

/* lab-json-private.h: reading members of JSON objects with errors that name the member's path,
 * and writing JSON that json-glib 1.6 would get wrong
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every reader leaves *out alone when the member is missing, and sets LAB_ERROR_INVALID_FILE
 * naming "path.key" when it has the wrong type: "training.batch-size: expected a whole number,
 * not a text".
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lab-graph.h"

G_BEGIN_DECLS

typedef const char *(*LabEnumNameFunc) (int value);

/* "an object", "a text", "a number", … for messages. */
const char *lab_json_describe_node (JsonNode    *node);
JsonNode   *lab_json_member        (JsonObject  *obj,
                                    const char  *key);
gboolean    lab_json_read_double   (JsonObject  *obj,
                                    const char  *path,
                                    const char  *key,
                                    double      *out,
                                    GError     **error);
gboolean    lab_json_read_float    (JsonObject  *obj,
                                    const char  *path,
                                    const char  *key,
                                    float       *out,
                                    GError     **error);
/* A whole number from 0 to max. */
gboolean    lab_json_read_count    (JsonObject  *obj,
                                    const char  *path,
                                    const char  *key,
                                    guint64      max,
                                    guint64     *out,
                                    GError     **error);
gboolean    lab_json_read_uint     (JsonObject  *obj,
                                    const char  *path,
                                    const char  *key,
                                    guint       *out,
                                    GError     **error);
gboolean    lab_json_read_bool     (JsonObject  *obj,
                                    const char  *path,
                                    const char  *key,
                                    gboolean    *out,
                                    GError     **error);
/* *out points into obj; a missing member or null gives NULL. */
gboolean    lab_json_read_string   (JsonObject  *obj,
                                    const char  *path,
                                    const char  *key,
                                    const char **out,
                                    GError     **error);
/* A name among name_of (0 … n_values − 1), compared without case; what names the kind of thing
 * for "training.optimizer.kind: unknown optimizer “adamx”; choose one of sgd, adagrad, …". */
gboolean    lab_json_read_enum     (JsonObject  *obj,
                                    const char  *path,
                                    const char  *key,
                                    const char  *what,
                                    LabEnumNameFunc name_of,
                                    int          n_values,
                                    int         *out,
                                    GError     **error);
/* *out is borrowed from obj, NULL when missing. */
gboolean    lab_json_read_object   (JsonObject  *obj,
                                    const char  *path,
                                    const char  *key,
                                    JsonObject **out,
                                    GError     **error);

/* The shortest decimal that reads back as the same float, as a double: 0.1f → 0.1. */
double      lab_json_float         (float        value);
/* Pretty-printed JSON with two-space indents, lists of plain values on one line, and every
 * double in its shortest exact form. json-glib 1.6's generator writes 17 digits (0.1 becomes
 * 0.10000000000000001) and appends ".0" to exponents (1e-08.0), which no parser accepts. */
char       *lab_json_to_data       (JsonNode    *node,
                                    gsize       *length);

/* One node as projects and the clipboard write it: name, type, position, frozen, its settings
 * as texts and its inputs by name. keep (node ids, nullable) drops the inputs outside it, for
 * a copied selection whose sources stay behind. */
void        lab_json_add_node      (JsonBuilder *b,
                                    LabGraph    *graph,
                                    LabNode     *node,
                                    GHashTable  *keep);

G_END_DECLS

/* golden-util.h: comparing LayerLab's float32 results with golden values stored in JSON
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lab-core.h"

G_BEGIN_DECLS

/* Logs the message, marks the running test failed (it goes on), and returns FALSE. */
gboolean golden_fail         (const char *format,
                              ...) G_GNUC_PRINTF (1, 2);
/* Checks got[0..n) against factor × the n numbers of expected with the criterion of
 * golden-util.c; on a mismatch logs the worst element, naming case_name and what. */
void     golden_check_close  (const char  *case_name,
                              const char  *what,
                              const float *got,
                              JsonArray   *expected,
                              double       factor);
/* The same criterion for one scalar. */
void     golden_check_value  (const char  *case_name,
                              const char  *what,
                              double       got,
                              double       expected);
/* A newly allocated float copy of a JSON array of numbers (at least one element). */
float   *golden_floats       (JsonArray   *array);
/* A shape from a JSON array of sizes; FALSE (and a failed test) beyond LAB_MAX_DIMS. */
gboolean golden_shape        (JsonArray   *array,
                              LabShape    *shape);
/* Same structure, equal strings and booleans, numbers within tol·max(1, |b|); object members
 * named skip_key (such as "meta", which holds a date) are not compared. Fails the test naming the
 * first difference by its path ("$.layers[3].out[7]"). */
gboolean golden_nodes_match  (JsonNode    *a,
                              JsonNode    *b,
                              const char  *path,
                              const char  *skip_key,
                              double       tol);

G_END_DECLS

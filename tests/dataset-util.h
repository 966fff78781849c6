/* dataset-util.h: test files (text, IDX, gzip) in the test's private directory, and checks of
 * error messages, for the dataset tests
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *test_path          (const char    *name);
/* Write the data to test_path (name); return that path. */
char       *write_file         (const char    *name,
                                const void    *data,
                                gsize          len);
char       *write_text         (const char    *name,
                                const char    *text);
char       *write_bytes        (const char    *name,
                                GByteArray    *b);

GByteArray *make_idx           (guint8         type,
                                guint8         ndim,
                                const guint32 *dims,
                                const guint8  *data,
                                gsize          data_len);
GByteArray *gzip_bytes         (const guint8  *data,
                                gsize          len);

/* The places follow path, ending with NULL; path may be NULL. */
void        assert_error_names (const GError  *error,
                                int            code,
                                const char    *path,
                                ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS

/* lab-blas.h: the only door to OpenBLAS, with naive references beside each call
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Row-major C = alpha * op(A) · op(B) + beta * C, where op(X) is X or Xᵀ.
 * op(A) is (M, K), op(B) is (K, N), C is (M, N); lda, ldb, ldc are the row strides as stored. */
void lab_sgemm       (gboolean     trans_a,
                      gboolean     trans_b,
                      int          M,
                      int          N,
                      int          K,
                      float        alpha,
                      const float *A,
                      int          lda,
                      const float *B,
                      int          ldb,
                      float        beta,
                      float       *C,
                      int          ldc);
/* The same product computed with plain loops in double, for tests. */
void lab_sgemm_naive (gboolean     trans_a,
                      gboolean     trans_b,
                      int          M,
                      int          N,
                      int          K,
                      float        alpha,
                      const float *A,
                      int          lda,
                      const float *B,
                      int          ldb,
                      float        beta,
                      float       *C,
                      int          ldc);

/* Σ x[i]² accumulated in double over eight lanes, so that GCC vectorises it (a single running
 * sum it may not reorder); the same lanes every time, so the same result. x (n) */
double lab_sum_squares (const float *x,
                        gsize        n);

/* Threads OpenBLAS may use; call from the thread that trains, between steps. */
void lab_blas_set_threads (int n_threads);
int  lab_blas_get_threads (void);

G_END_DECLS

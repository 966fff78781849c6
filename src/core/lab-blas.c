/* lab-blas.c
 *
 * Copyright 2026 The LayerLab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lab-blas"

#include <cblas.h>

#include "lab-blas.h"

void
lab_sgemm (gboolean     trans_a,
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
           int          ldc)
{
  if (M == 0 || N == 0)
    return;
  cblas_sgemm (CblasRowMajor,
               trans_a ? CblasTrans : CblasNoTrans,
               trans_b ? CblasTrans : CblasNoTrans,
               M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

void
lab_sgemm_naive (gboolean     trans_a,
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
                 int          ldc)
{
  for (int i = 0; i < M; i++)
    for (int j = 0; j < N; j++)
      {
        double acc = 0.0;

        for (int k = 0; k < K; k++)
          {
            float a = trans_a ? A[k * lda + i] : A[i * lda + k];
            float b = trans_b ? B[j * ldb + k] : B[k * ldb + j];

            acc += (double) a * b;
          }
        C[i * ldc + j] = (float) (alpha * acc + (beta == 0.0f ? 0.0 : (double) beta * C[i * ldc + j]));
      }
}

void
lab_blas_set_threads (int n_threads)
{
  openblas_set_num_threads (MAX (n_threads, 1));
}

int
lab_blas_get_threads (void)
{
  return openblas_get_num_threads ();
}

double
lab_sum_squares (const float *x,
                 gsize        n)
{
  const gsize n8 = n & ~(gsize) 7;
  double lane[8] = { 0 };
  double sum = 0.0;

  for (gsize i = 0; i < n8; i += 8)
    for (guint j = 0; j < 8; j++)
      lane[j] += (double) x[i + j] * x[i + j];
  for (gsize i = n8; i < n; i++)
    sum += (double) x[i] * x[i];
  for (guint j = 0; j < 8; j++)
    sum += lane[j];
  return sum;
}

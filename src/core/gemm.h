#pragma once
/// Small-shape float matrix products for the dense layers: a register-tiled kernel that reads
/// its operands in place (no packing), for the products of one training step (a few hundred rows
/// and columns at most), where the packing and dispatch of a general product (Eigen's) cost a
/// large share of the work. Larger products go to Eigen (gemm_small_fits()).
///
/// Every matrix is column-major with a leading dimension (the distance between columns, in
/// elements), as Eigen's default storage: element (i, j) of A is a[i + j * lda].
///
/// Results are the same in every build: each element of a product is summed in one fixed order,
///   s = 0;  s = s + a(i,p) * b(p,j)  for p = 0, 1, ..., k-1   (a rounded product, then a rounded
///   sum; never a fused multiply-add),
/// then stored as s (overwrite), c + s (accumulate) or bias(i) + s (bias), whether the element
/// comes from the SSE2, WebAssembly SIMD128 or scalar code path and wherever it lies in a tile.
/// The native and WebAssembly builds therefore produce bit-identical products.
#include "core/tensor.h"

TL_NAMESPACE_BEGIN

/// How a product is written into its destination C.
enum class GemmStore {
  kOverwrite,   ///< C = A B
  kAccumulate,  ///< C = C + A B
  kRowBias,     ///< C = bias 1^T + A B (bias: one value per row of C)
};

/// Whether the small-shape kernel handles C (m x n) = A (m x k) B (k x n), i.e. all three
/// dimensions are positive and A and one column panel of B stay in the core's caches. Above it,
/// Eigen's packed product is as fast or faster.
bool gemm_small_fits(long m, long k, long n);

/// C (m x n) = A (m x k) B (k x n), stored as `store` says (bias: m values when kRowBias, else
/// unused). C must not overlap A, B or bias. Allocates nothing.
void gemm_nn(int m, int n, int k, const float* a, int lda, const float* b, int ldb, float* c,
             int ldc, GemmStore store, const float* bias = nullptr);

/// C (m x n) = A (m x k) B^T, with B stored as an n x k matrix, stored as `store` says. C must not
/// overlap A, B or bias. Allocates nothing.
void gemm_nt(int m, int n, int k, const float* a, int lda, const float* b, int ldb, float* c,
             int ldc, GemmStore store, const float* bias = nullptr);

/// The SIMD path this build's kernel uses: "SSE2", "WebAssembly SIMD128" or "scalar".
const char* gemm_simd_path();

TL_NAMESPACE_END

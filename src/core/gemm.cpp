#include "core/gemm.h"

// No fused multiply-add anywhere in this file: a contracted a*b+s rounds once instead of twice
// and would make the builds disagree (the build also compiles this file with -ffp-contract=off).
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define TL_GEMM_WASM 1
#elif defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define TL_GEMM_SSE2 1
#endif

TL_NAMESPACE_BEGIN

namespace {

// --- Four-float vectors ------------------------------------------------------------------------
// The kernel is written once over this small interface; each build maps it to its SIMD
// instructions, or to four scalar lanes. Every operation is lane-wise and rounds like the scalar
// float operation, so all three give the same bits.
#if TL_GEMM_WASM
struct V4 {
  v128_t v;
};
inline V4 v_zero() {
  return {wasm_f32x4_splat(0.0f)};
}
inline V4 v_load(const float* p) {
  return {wasm_v128_load(p)};
}
inline V4 v_splat(const float* p) {
  return {wasm_v128_load32_splat(p)};
}
inline void v_store(float* p, V4 x) {
  wasm_v128_store(p, x.v);
}
inline V4 v_add(V4 x, V4 y) {
  return {wasm_f32x4_add(x.v, y.v)};
}
inline V4 v_mul(V4 x, V4 y) {
  return {wasm_f32x4_mul(x.v, y.v)};
}
#elif TL_GEMM_SSE2
struct V4 {
  __m128 v;
};
inline V4 v_zero() {
  return {_mm_setzero_ps()};
}
inline V4 v_load(const float* p) {
  return {_mm_loadu_ps(p)};
}
inline V4 v_splat(const float* p) {
  return {_mm_load1_ps(p)};
}
inline void v_store(float* p, V4 x) {
  _mm_storeu_ps(p, x.v);
}
inline V4 v_add(V4 x, V4 y) {
  return {_mm_add_ps(x.v, y.v)};
}
inline V4 v_mul(V4 x, V4 y) {
  return {_mm_mul_ps(x.v, y.v)};
}
#else
struct V4 {
  float v[4];
};
inline V4 v_zero() {
  return {{0.0f, 0.0f, 0.0f, 0.0f}};
}
inline V4 v_load(const float* p) {
  return {{p[0], p[1], p[2], p[3]}};
}
inline V4 v_splat(const float* p) {
  return {{p[0], p[0], p[0], p[0]}};
}
inline void v_store(float* p, V4 x) {
  for (int l = 0; l < 4; ++l) p[l] = x.v[l];
}
inline V4 v_add(V4 x, V4 y) {
  V4 r;
  for (int l = 0; l < 4; ++l) r.v[l] = x.v[l] + y.v[l];
  return r;
}
inline V4 v_mul(V4 x, V4 y) {
  V4 r;
  for (int l = 0; l < 4; ++l) r.v[l] = x.v[l] * y.v[l];
  return r;
}
#endif

// --- Micro-kernel ------------------------------------------------------------------------------
// One tile of C: 4*MV rows (MV vectors of four rows) by NR columns, NR <= 4, held in MV*NR vector
// registers while p runs over the shared dimension:
//
//     acc[v][j] += A(rows of vector v, p) * B(p, j)       for p = 0 .. k-1
//
// A's column p is contiguous (column-major), so its 4*MV rows are MV vector loads; B(p, j) is one
// float broadcast to the four lanes. Without transposition B(p, j) lies at b[p + j*ldb] (down
// column j); with it (B given as its n x k transpose Bt, B(p, j) = Bt(j, p)) at b[j + p*ldb], so
// the NR values a step reads are adjacent. Per step: MV loads, NR broadcasts, MV*NR multiplies and
// adds. The 8 x 4 tile keeps 8 accumulators + 2 A vectors + 1 broadcast live, inside the 16 vector
// registers of SSE2 on x86-64 (and of the x86-64 code V8 generates for SIMD128).
//
// The operands are read in place: at these sizes A (at most a few hundred KB) stays in the L2
// cache and the k x 4 panel of B in L1 across the tiles of a column block, which is what packing
// would buy.
template <int MV, int NR, bool kTransB>
inline void tile(int k, const float* a, int lda, const float* b, int ldb, float* c, int ldc,
                 GemmStore store, const float* bias, int lo = 0, int hi = 4) {
  V4 acc[MV][NR];
#pragma GCC unroll 4
  for (int v = 0; v < MV; ++v)
#pragma GCC unroll 4
    for (int j = 0; j < NR; ++j) acc[v][j] = v_zero();
  for (int p = 0; p < k; ++p) {
    const float* ap = a + static_cast<long>(p) * lda;
    V4 av[MV];
#pragma GCC unroll 4
    for (int v = 0; v < MV; ++v) av[v] = v_load(ap + 4 * v);
#pragma GCC unroll 4
    for (int j = 0; j < NR; ++j) {
      const V4 bj = kTransB ? v_splat(b + j + static_cast<long>(p) * ldb)
                            : v_splat(b + p + static_cast<long>(j) * ldb);
#pragma GCC unroll 4
      for (int v = 0; v < MV; ++v) acc[v][j] = v_add(acc[v][j], v_mul(av[v], bj));
    }
  }
  // Store: s, c + s or bias + s, for the rows [lo, hi) of the tile (MV == 1 when not all four):
  // a tile placed over the last four rows of a matrix whose row count is not a multiple of four
  // leaves the rows of the previous tile alone (same values, but accumulating them twice would
  // not be), and a tile over a matrix of fewer than four rows touches only those.
  const bool partial = lo > 0 || hi < 4;
#pragma GCC unroll 4
  for (int j = 0; j < NR; ++j) {
    float* cj = c + static_cast<long>(j) * ldc;
#pragma GCC unroll 4
    for (int v = 0; v < MV; ++v) {
      V4 r = acc[v][j];
      if (!partial) {
        if (store == GemmStore::kAccumulate)
          r = v_add(v_load(cj + 4 * v), r);
        else if (store == GemmStore::kRowBias)
          r = v_add(v_load(bias + 4 * v), r);
        v_store(cj + 4 * v, r);
      } else {
        alignas(16) float lanes[4] = {0.0f, 0.0f, 0.0f, 0.0f};
        if (store != GemmStore::kOverwrite) {
          const float* init = store == GemmStore::kAccumulate ? cj : bias;
          for (int l = lo; l < hi; ++l) lanes[l] = init[l];
          r = v_add(v_load(lanes), r);
        }
        v_store(lanes, r);
        for (int l = lo; l < hi; ++l) cj[l] = lanes[l];
      }
    }
  }
}

// All row tiles of one block of NR columns starting at column j0.
template <int NR, bool kTransB>
void column_block(int m, int k, const float* a, int lda, const float* b, int ldb, float* c, int ldc,
                  GemmStore store, const float* bias, int j0) {
  // (m < 4 is handled by the caller: gemm_short.)
  const float* bj = kTransB ? b + j0 : b + static_cast<long>(j0) * ldb;
  float* cj = c + static_cast<long>(j0) * ldc;
  const bool has_bias = store == GemmStore::kRowBias;
  int i = 0;
  for (; i + 8 <= m; i += 8)
    tile<2, NR, kTransB>(k, a + i, lda, bj, ldb, cj + i, ldc, store, has_bias ? bias + i : nullptr,
                         0);
  if (i + 4 <= m) {
    tile<1, NR, kTransB>(k, a + i, lda, bj, ldb, cj + i, ldc, store, has_bias ? bias + i : nullptr,
                         0);
    i += 4;
  }
  if (i < m) {  // 1-3 rows left: one tile over the last four rows, storing only the new ones
    const int i4 = m - 4;
    tile<1, NR, kTransB>(k, a + i4, lda, bj, ldb, cj + i4, ldc, store,
                         has_bias ? bias + i4 : nullptr, i - i4, 4);
  }
}

// Fewer than four rows (a network's two-class output layer): the product is computed transposed,
// C^T = B^T A^T, four columns of C at a time as the four lanes. A block of four columns of B
// becomes the tile's A operand (B(p, j..j+3) adjacent: read in place when B is given transposed,
// else copied into the stack buffer b4), A becomes the tile's transposed B operand (A(i, p) at
// a[i + p*lda]), and the tile's m columns are C's rows. The sum per element keeps its order
// (products commute exactly). Shared dimensions longer than b4 take the element loop below.
constexpr int kShortRowsK = 512;

// One element, in the same order as a tile lane.
template <bool kTransB>
void element(int k, const float* a, int lda, const float* b, int ldb, float* c, GemmStore store,
             const float* bias) {
  float s = 0.0f;
  for (int p = 0; p < k; ++p) {
    const float prod =
        a[static_cast<long>(p) * lda] * (kTransB ? b[static_cast<long>(p) * ldb] : b[p]);
    s = s + prod;
  }
  if (store == GemmStore::kAccumulate)
    s = *c + s;
  else if (store == GemmStore::kRowBias)
    s = *bias + s;
  *c = s;
}

template <int M>
void short_block(int k, const float* bt, int ldbt, const float* a, int lda, float* c, int ldc,
                 int nr, GemmStore store, const float* bias) {
  alignas(16) float t[4 * M];
  tile<1, M, true>(k, bt, ldbt, a, lda, t, 4, GemmStore::kOverwrite, nullptr);
  for (int i = 0; i < M; ++i)
    for (int jj = 0; jj < nr; ++jj) {
      float& dst = c[i + static_cast<long>(jj) * ldc];
      const float sum = t[jj + 4 * i];
      dst = store == GemmStore::kAccumulate ? dst + sum
            : store == GemmStore::kRowBias  ? bias[i] + sum
                                            : sum;
    }
}

template <bool kTransB>
void gemm_short(int m, int n, int k, const float* a, int lda, const float* b, int ldb, float* c,
                int ldc, GemmStore store, const float* bias) {
  alignas(16) float b4[4 * kShortRowsK];
  for (int j0 = 0; j0 < n; j0 += 4) {
    const int nr = n - j0 >= 4 ? 4 : n - j0;
    const float* bt = b4;
    int ldbt = 4;
    if (kTransB && nr == 4) {
      bt = b + j0;
      ldbt = ldb;
    } else {
      for (int jj = 0; jj < 4; ++jj) {
        float* dst = b4 + jj;
        if (jj >= nr) {
          for (int p = 0; p < k; ++p) dst[4 * p] = 0.0f;
        } else if (kTransB) {
          const float* src = b + j0 + jj;
          for (int p = 0; p < k; ++p) dst[4 * p] = src[static_cast<long>(p) * ldb];
        } else {
          const float* src = b + static_cast<long>(j0 + jj) * ldb;
          for (int p = 0; p < k; ++p) dst[4 * p] = src[p];
        }
      }
    }
    float* cj = c + static_cast<long>(j0) * ldc;
    switch (m) {
      case 3:
        short_block<3>(k, bt, ldbt, a, lda, cj, ldc, nr, store, bias);
        break;
      case 2:
        short_block<2>(k, bt, ldbt, a, lda, cj, ldc, nr, store, bias);
        break;
      default:
        short_block<1>(k, bt, ldbt, a, lda, cj, ldc, nr, store, bias);
        break;
    }
  }
}

template <bool kTransB>
void gemm(int m, int n, int k, const float* a, int lda, const float* b, int ldb, float* c, int ldc,
          GemmStore store, const float* bias) {
  if (m <= 0 || n <= 0) return;
  if (m < 4) {
    if (k <= kShortRowsK) {
      gemm_short<kTransB>(m, n, k, a, lda, b, ldb, c, ldc, store, bias);
    } else {
      for (int j = 0; j < n; ++j)
        for (int i = 0; i < m; ++i)
          element<kTransB>(k, a + i, lda, kTransB ? b + j : b + static_cast<long>(j) * ldb, ldb,
                           c + i + static_cast<long>(j) * ldc, store,
                           store == GemmStore::kRowBias ? bias + i : nullptr);
    }
    return;
  }
  int j = 0;
  for (; j + 4 <= n; j += 4) column_block<4, kTransB>(m, k, a, lda, b, ldb, c, ldc, store, bias, j);
  switch (n - j) {
    case 3:
      column_block<3, kTransB>(m, k, a, lda, b, ldb, c, ldc, store, bias, j);
      break;
    case 2:
      column_block<2, kTransB>(m, k, a, lda, b, ldb, c, ldc, store, bias, j);
      break;
    case 1:
      column_block<1, kTransB>(m, k, a, lda, b, ldb, c, ldc, store, bias, j);
      break;
    default:
      break;
  }
}

}  // namespace

// The threshold is on A (m x k), which every block of four columns reads again from the cache:
// up to 64K floats (256 KB, within a core's L2) the kernel matched or beat Eigen's packed product
// in a single-thread comparison on the W2 shapes, 32^3 and 256^3 (natively about equal on the W2
// shapes, 1.2x at 256^3; under WebAssembly 1.4-2x, as Eigen's SSE code there runs through
// Emscripten's SSE-to-SIMD128 mapping). Natively a 512 x 512 A (1 MB) was 15% slower than Eigen,
// so larger A goes to Eigen. The columns (n) are not bounded: B and C stream through once.
bool gemm_small_fits(long m, long k, long n) {
  return m > 0 && k > 0 && n > 0 && m * k <= 65536 && m <= 1024 && k <= 1024;
}

void gemm_nn(int m, int n, int k, const float* a, int lda, const float* b, int ldb, float* c,
             int ldc, GemmStore store, const float* bias) {
  gemm<false>(m, n, k, a, lda, b, ldb, c, ldc, store, bias);
}

void gemm_nt(int m, int n, int k, const float* a, int lda, const float* b, int ldb, float* c,
             int ldc, GemmStore store, const float* bias) {
  gemm<true>(m, n, k, a, lda, b, ldb, c, ldc, store, bias);
}

const char* gemm_simd_path() {
#if TL_GEMM_WASM
  return "WebAssembly SIMD128";
#elif TL_GEMM_SSE2
  return "SSE2";
#else
  return "scalar";
#endif
}

TL_NAMESPACE_END

// The small-shape product kernel (core/gemm.h) against Eigen's product and against its own
// documented summation order, on odd shapes, both operand layouts and every store mode.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/dense.h"
#include "core/gemm.h"
#include "core/rng.h"

namespace {

using tl::GemmStore;
using FMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>;

FMat random_mat(tl::Rng& rng, int rows, int cols) {
  FMat m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = float(rng.uniform(-1, 1));
  return m;
}

// The kernel's contract for one element: s = 0; s = s + a(i,p) b(p,j) for p ascending, each
// product and sum rounded to float; then s, c + s or bias + s.
float ordered_element(const FMat& A, const FMat& B, int i, int j, GemmStore store, float c,
                      float bias) {
  float s = 0.0f;
  for (Eigen::Index p = 0; p < A.cols(); ++p) {
    const float prod = A(i, p) * B(p, j);
    s = s + prod;
  }
  if (store == GemmStore::kAccumulate) return c + s;
  if (store == GemmStore::kRowBias) return bias + s;
  return s;
}

// Runs one product through the kernel with leading dimensions larger than the row counts (the
// operands are blocks of bigger matrices) and checks it against Eigen and the ordered sum.
void check_product(tl::Rng& rng, int m, int k, int n, bool trans_b, GemmStore store) {
  CAPTURE(m);
  CAPTURE(k);
  CAPTURE(n);
  CAPTURE(trans_b);
  CAPTURE(static_cast<int>(store));
  const FMat a_big = random_mat(rng, m + 3, k);
  const FMat b_big = trans_b ? random_mat(rng, n + 2, k) : random_mat(rng, k + 2, n);
  const FMat bias = random_mat(rng, m, 1);
  FMat c_big = random_mat(rng, m + 1, n);
  const FMat c0 = c_big;
  const FMat A = a_big.topRows(m);
  const FMat B = trans_b ? FMat(b_big.topRows(n).transpose()) : FMat(b_big.topRows(k));
  if (trans_b)
    tl::gemm_nt(m, n, k, a_big.data(), m + 3, b_big.data(), n + 2, c_big.data(), m + 1, store,
                bias.data());
  else
    tl::gemm_nn(m, n, k, a_big.data(), m + 3, b_big.data(), k + 2, c_big.data(), m + 1, store,
                bias.data());

  FMat expect = A * B;  // Eigen
  if (store == GemmStore::kAccumulate) expect += c0.topRows(m);
  if (store == GemmStore::kRowBias) expect.colwise() += bias.col(0);
  // Rounding bound of a k-term float sum: a few ulps of the sum of |terms|.
  const FMat scale = A.cwiseAbs() * B.cwiseAbs();
  int far = 0, unordered = 0;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < m; ++i) {
      const float got = c_big(i, j);
      const float base = store == GemmStore::kAccumulate ? std::abs(c0(i, j))
                         : store == GemmStore::kRowBias  ? std::abs(bias(i))
                                                         : 0.0f;
      if (std::abs(got - expect(i, j)) > 4e-6f * (float(k) * scale(i, j) + base) + 1e-30f) ++far;
      if (got != ordered_element(A, B, i, j, store, c0(i, j), bias(i))) ++unordered;
    }
  CHECK(far == 0);
  CHECK(unordered == 0);
  // The row beyond m (inside the leading dimension) is never written.
  CHECK(c_big.row(m) == c0.row(m));
}

}  // namespace

TEST_SUITE("core/gemm") {
  TEST_CASE("the small-shape kernel agrees with Eigen's product on odd shapes in every mode") {
    tl::Rng rng(11);
    const int sizes[] = {1, 3, 5, 31, 33, 64, 127};
    const GemmStore stores[] = {GemmStore::kOverwrite, GemmStore::kAccumulate, GemmStore::kRowBias};
    for (int m : sizes)
      for (int n : sizes) {
        const int k = sizes[(m * 7 + n * 3) % 7];  // a varying shared dimension
        for (bool trans_b : {false, true})
          for (GemmStore store : stores) check_product(rng, m, k, n, trans_b, store);
      }
    // The shared dimension's own odd sizes, on the products a training step runs.
    for (int k : sizes) {
      check_product(rng, 128, k, 64, false, GemmStore::kRowBias);
      check_product(rng, 10, k, 128, true, GemmStore::kAccumulate);
      check_product(rng, 33, k, 2, true, GemmStore::kAccumulate);
      check_product(rng, 2, k, 32, false, GemmStore::kRowBias);
    }
    check_product(rng, 3, 600, 5, false, GemmStore::kRowBias);
    check_product(rng, 2, 600, 6, true, GemmStore::kAccumulate);
  }

  TEST_CASE("an empty shared dimension stores the bias, the old values or zeros") {
    tl::Rng rng(2);
    FMat c = random_mat(rng, 5, 3);
    const FMat c0 = c;
    const FMat bias = random_mat(rng, 5, 1);
    const float dummy = 0.0f;
    tl::gemm_nn(5, 3, 0, &dummy, 5, &dummy, 1, c.data(), 5, GemmStore::kAccumulate);
    CHECK(c == c0);
    tl::gemm_nn(5, 3, 0, &dummy, 5, &dummy, 1, c.data(), 5, GemmStore::kRowBias, bias.data());
    for (int j = 0; j < 3; ++j) CHECK(c.col(j) == bias.col(0));
    tl::gemm_nt(5, 3, 0, &dummy, 5, &dummy, 3, c.data(), 5, GemmStore::kOverwrite);
    CHECK(c.isZero(0.0f));
  }

  TEST_CASE(
      "the size threshold sends a training step's products to the kernel and big ones to "
      "Eigen") {
    CHECK(tl::gemm_small_fits(128, 128, 64));  // W2's hidden layer
    CHECK(tl::gemm_small_fits(128, 64, 512));  // its weight gradient at batch 512
    CHECK(tl::gemm_small_fits(2, 32, 32));     // W1's output layer
    CHECK_FALSE(tl::gemm_small_fits(1024, 1024, 64));
    CHECK_FALSE(tl::gemm_small_fits(0, 5, 5));
    CHECK_FALSE(tl::gemm_small_fits(5, 5, 0));
  }

  TEST_CASE("a dense layer's forward and backward through the kernel match the Eigen formulas") {
    tl::Rng rng(5);
    for (int n : {1, 7, 64}) {
      CAPTURE(n);
      tl::Dense layer(33, 10, tl::Activation::kTanh);
      layer.init(rng);
      layer.b.value = random_mat(rng, 10, 1).cast<tl::Scalar>();
      const tl::Mat X = random_mat(rng, 33, n).cast<tl::Scalar>();
      const tl::Mat dA = random_mat(rng, 10, n).cast<tl::Scalar>();
      const tl::Mat A = layer.forward(X);
      tl::Mat Z = layer.W.value * X;
      Z.colwise() += layer.b.value.col(0);
      CHECK((A - Z.array().tanh().matrix()).cwiseAbs().maxCoeff() < 1e-5f);
      layer.W.zero_grad();
      const tl::Mat dX = layer.backward(dA, true);
      const tl::Mat dZ = dA.cwiseProduct((1 - A.array().square()).matrix());
      CHECK((layer.W.grad - dZ * X.transpose()).cwiseAbs().maxCoeff() < 1e-4f);
      CHECK((dX - layer.W.value.transpose() * dZ).cwiseAbs().maxCoeff() < 1e-4f);
    }
  }
}

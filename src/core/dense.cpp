#include "core/dense.h"

#include <cassert>
#include <cmath>

#include "core/gemm.h"

TL_NAMESPACE_BEGIN

Dense::Dense(int in, int out, Activation activation, const std::string& name) : act(activation) {
  W.name = name + ".W";
  b.name = name + ".b";
  W.value = Mat::Zero(out, in);
  b.value = Mat::Zero(out, 1);
  W.zero_grad();
  b.zero_grad();
}

void Dense::init(Rng& rng) {
  const double fan = act == Activation::kRelu ? in() : 0.5 * (in() + out());
  const double limit = std::sqrt(3.0 / fan);  // Var = limit^2/3 = 1/fan (He) or 2/(in+out)
  for (Eigen::Index j = 0; j < W.value.cols(); ++j)
    for (Eigen::Index i = 0; i < W.value.rows(); ++i)
      W.value(i, j) = static_cast<Scalar>(rng.uniform(-limit, limit));
  b.value.setZero();
  W.reset_state();
  b.reset_state();
}

const Mat& Dense::forward(const Mat& X) {
  assert(X.rows() == in());
  x_ = &X;
  Mat& a = a_.get(out(), X.cols());
  infer(X, a);
  return a;
}

// A = b 1^T + W X, then f in place. Small products (a training step's) go to the register-tiled
// kernel of core/gemm.h, which adds the bias as it stores each tile; larger ones to Eigen, whose
// product kernel adds its register sums onto A = b 1^T (no separate pass for the bias either).
void Dense::infer(const Mat& X, Mat& A) const {
  const int n = static_cast<int>(X.cols());
  A.resize(out(), n);
#ifndef TL_DOUBLE  // the kernel is float-only; the double build (gradient checks) uses Eigen
  if (gemm_small_fits(out(), in(), n)) {
    gemm_nn(out(), n, in(), W.value.data(), out(), X.data(), in(), A.data(), out(),
            GemmStore::kRowBias, b.value.data());
    activate(act, A, A);
    return;
  }
#endif
  A.colwise() = b.value.col(0);
  A.noalias() += W.value * X;
  activate(act, A, A);
}

// Z = W X + b 1^T, A = f(Z), objective L.
//   dL/dZ = dL/dA .* f'(Z)               (element-wise; f' from A)
//   dL/dW = dL/dZ X^T,  dL/db = dL/dZ 1   (sum over the batch's columns)
//   dL/dX = W^T dL/dZ
const Mat& Dense::backward(const Mat& dA, bool need_input_grad) {
  assert(x_ != nullptr && dA.rows() == out() && dA.cols() == x_->cols());
  const Mat& a = a_.current();
  const int n = static_cast<int>(dA.cols());
  Mat& dz = dz_.get(out(), n);
  activate_backward(act, a, dA, dz);
  if (W.trainable) {
    // dW += dZ X^T: dZ (out x n) times the transpose of X (in x n), read in place.
    bool done = false;
#ifndef TL_DOUBLE  // the kernel is float-only
    if (gemm_small_fits(out(), n, in())) {
      gemm_nt(out(), in(), n, dz.data(), out(), x_->data(), in(), W.grad.data(), out(),
              GemmStore::kAccumulate);
      done = true;
    }
#endif
    if (!done) W.grad.noalias() += dz * x_->transpose();
  }
  if (b.trainable) b.grad.noalias() += dz.rowwise().sum();
  if (!need_input_grad) return none_;
  Mat& dx = dx_.get(in(), n);
#ifndef TL_DOUBLE
  if (gemm_small_fits(in(), out(), n)) {
    // dX = W^T dZ through a copy of W^T (in x out), so that the kernel's A operand has contiguous
    // columns; the copy costs in*out moves against in*out*n multiply-adds.
    wt_.noalias() = W.value.transpose();
    gemm_nn(in(), n, out(), wt_.data(), in(), dz.data(), out(), dx.data(), in(),
            GemmStore::kOverwrite);
    return dx;
  }
#endif
  dx.noalias() = W.value.transpose() * dz;
  return dx;
}

TL_NAMESPACE_END

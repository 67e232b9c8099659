#include "core/dense.h"

#include <cassert>
#include <cmath>

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

// A = b 1^T, then A += W X: the product accumulates onto the bias (Eigen's product kernel adds
// its register sums to the destination, so the bias costs no separate pass), then f in place.
void Dense::infer(const Mat& X, Mat& A) const {
  A.resize(out(), X.cols());
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
  Mat& dz = dz_.get(out(), dA.cols());
  activate_backward(act, a, dA, dz);
  if (W.trainable) W.grad.noalias() += dz * x_->transpose();
  if (b.trainable) b.grad.noalias() += dz.rowwise().sum();
  if (!need_input_grad) return none_;
  Mat& dx = dx_.get(in(), dA.cols());
  dx.noalias() = W.value.transpose() * dz;
  return dx;
}

TL_NAMESPACE_END

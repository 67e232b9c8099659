#include "core/loss.h"

#include <algorithm>
#include <cassert>
#include <cmath>

TL_NAMESPACE_BEGIN

void softmax(const Mat& logits, Mat& probs) {
  probs.resize(logits.rows(), logits.cols());
  for (Eigen::Index j = 0; j < logits.cols(); ++j) {
    const Scalar top = logits.col(j).maxCoeff();
    probs.col(j) = (logits.col(j).array() - top).exp();
    probs.col(j) /= probs.col(j).sum();
  }
}

void softmax_block(const Mat& logits, Eigen::Ref<Mat> probs) {
  const Eigen::Index k = logits.rows(), n = logits.cols();
  assert(probs.rows() == k && probs.cols() == n && (n <= 1 || probs.outerStride() == k));
  if (k == 0 || n == 0) return;
  const Scalar* z = logits.data();
  Scalar* p = probs.data();
  for (Eigen::Index j = 0; j < n; ++j, z += k, p += k) {
    Scalar top = z[0];
    for (Eigen::Index i = 1; i < k; ++i) top = std::max(top, z[i]);
    for (Eigen::Index i = 0; i < k; ++i) p[i] = z[i] - top;
  }
  Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>> all(probs.data(), k * n);
  all = all.exp();
  p = probs.data();
  for (Eigen::Index j = 0; j < n; ++j, p += k) {
    Scalar sum = 0;
    for (Eigen::Index i = 0; i < k; ++i) sum += p[i];
    const Scalar inv = Scalar(1) / sum;
    for (Eigen::Index i = 0; i < k; ++i) p[i] *= inv;
  }
}

Scalar softmax_cross_entropy(const Mat& logits, const Labels& y, Mat& dlogits,
                             const std::vector<Scalar>* weights) {
  assert(static_cast<Eigen::Index>(y.size()) == logits.cols());
  softmax(logits, dlogits);
  double total_weight = 0, loss = 0;
  for (Eigen::Index j = 0; j < logits.cols(); ++j) {
    const int label = y[j];
    if (label < 0) continue;
    const double w = weights ? (*weights)[j] : 1.0;
    total_weight += w;
    // -log p_y computed from logits: log sum exp(z - max) - (z_y - max)
    const Scalar top = logits.col(j).maxCoeff();
    const double lse = std::log((logits.col(j).array() - top).exp().sum());
    loss += w * (lse - (logits(label, j) - top));
  }
  const Scalar inv = total_weight > 0 ? static_cast<Scalar>(1.0 / total_weight) : Scalar(0);
  for (Eigen::Index j = 0; j < logits.cols(); ++j) {
    const int label = y[j];
    if (label < 0) {
      dlogits.col(j).setZero();
      continue;
    }
    // d(-log softmax(z)_y)/dz = softmax(z) - onehot(y)
    dlogits(label, j) -= 1;
    dlogits.col(j) *= inv * (weights ? (*weights)[j] : Scalar(1));
  }
  return static_cast<Scalar>(loss * inv);
}

namespace {

template <class Target>
Scalar binary_cross_entropy_of(const Mat& logits, Target target, Mat& dlogits) {
  const Eigen::Index n = logits.cols();
  dlogits.resize(1, n);
  double loss = 0;
  for (Eigen::Index j = 0; j < n; ++j) {
    const double z = logits(0, j);
    const Scalar t = target(j);
    // softplus(z) = max(z,0) + log(1 + exp(-|z|)), stable for large |z|
    const double softplus = std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z)));
    loss += softplus - t * z;
    const double s = 1.0 / (1.0 + std::exp(-z));
    dlogits(0, j) = static_cast<Scalar>((s - t) / n);
  }
  return n > 0 ? static_cast<Scalar>(loss / n) : Scalar(0);
}

}  // namespace

Scalar binary_cross_entropy(const Mat& logits, const RowVec& targets, Mat& dlogits) {
  assert(logits.rows() == 1 && logits.cols() == targets.cols());
  return binary_cross_entropy_of(
      logits, [&](Eigen::Index j) { return targets(j); }, dlogits);
}

Scalar binary_cross_entropy(const Mat& logits, Scalar target, Mat& dlogits) {
  assert(logits.rows() == 1);
  return binary_cross_entropy_of(
      logits, [target](Eigen::Index) { return target; }, dlogits);
}

Scalar mean_squared_error(const Mat& pred, const Mat& target, Mat& dpred) {
  assert(pred.rows() == target.rows() && pred.cols() == target.cols());
  const Eigen::Index n = pred.cols();
  if (n == 0) {
    dpred.resize(pred.rows(), 0);
    return 0;
  }
  dpred = (pred - target) / static_cast<Scalar>(n);
  return static_cast<Scalar>(0.5 * (pred - target).squaredNorm() / n);
}

TL_NAMESPACE_END

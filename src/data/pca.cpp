#include "data/pca.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

TL_NAMESPACE_BEGIN

Mat Projection2d::apply(const Mat& F) const {
  return axes.transpose() * (F.colwise() - mean);
}

Projection2d fit_pca_2d(const Mat& F) {
  Projection2d p;
  const Eigen::Index d = F.rows();
  p.axes = Mat::Zero(d, 2);
  p.mean = F.cols() > 0 ? Vec(F.rowwise().mean()) : Vec(Vec::Zero(d));
  if (d == 0 || F.cols() == 0) return p;
  const Eigen::MatrixXd centred = (F.colwise() - p.mean).cast<double>();
  const Eigen::MatrixXd cov =
      (centred * centred.transpose()) / std::max<double>(1.0, static_cast<double>(F.cols() - 1));
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(cov);
  for (Eigen::Index k = 0; k < std::min<Eigen::Index>(2, d); ++k) {
    Eigen::VectorXd v = eig.eigenvectors().col(d - 1 - k);
    Eigen::Index big = 0;
    v.cwiseAbs().maxCoeff(&big);
    if (v(big) < 0) v = -v;
    p.axes.col(k) = v.cast<Scalar>();
  }
  return p;
}

Projection2d fit_pca_2d_aligned(const Mat& F, const Projection2d& previous) {
  Projection2d p = fit_pca_2d(F);
  const Mat& prev = previous.axes;
  if (prev.rows() != p.axes.rows() || prev.cols() != 2 || prev.isZero()) return p;
  const Mat dots = prev.transpose() * p.axes;  // dots(i, k) = <previous i, new k>
  const double kept = std::abs(dots(0, 0)) + std::abs(dots(1, 1));
  const double swapped = std::abs(dots(0, 1)) + std::abs(dots(1, 0));
  if (swapped > kept) p.axes.col(0).swap(p.axes.col(1));
  for (int k = 0; k < 2; ++k)
    if (prev.col(k).dot(p.axes.col(k)) < 0) p.axes.col(k) = -p.axes.col(k);
  return p;
}

Projection2d fit_axis_pca_2d(const Mat& F, const Vec& axis, const Projection2d& previous) {
  const Eigen::Index d = F.rows();
  const double norm = axis.size() == d ? static_cast<double>(axis.norm()) : 0.0;
  if (!(norm > 1e-12) || !std::isfinite(norm) || d < 2 || F.cols() == 0)
    return fit_pca_2d_aligned(F, previous);
  const Vec a = (axis.cast<double>() / norm).cast<Scalar>();
  Projection2d p;
  p.mean = F.rowwise().mean();
  Mat rest = F.colwise() - p.mean;
  rest -= a * (a.transpose() * rest);
  Projection2d second = fit_pca_2d(rest);
  Vec b = second.axes.col(0);
  b -= a * a.dot(b);  // exactly orthogonal to a, whatever the rounding
  const Scalar bn = b.norm();
  if (bn > Scalar(1e-6)) {
    b /= bn;
  } else {
    // No spread beside `axis`: any unit vector orthogonal to it.
    Eigen::Index small = 0;
    a.cwiseAbs().minCoeff(&small);
    b = Vec::Zero(d);
    b(small) = 1;
    b -= a * a.dot(b);
    b.normalize();
  }
  const Mat& prev = previous.axes;
  if (prev.rows() == d && prev.cols() == 2 && prev.col(1).dot(b) < 0) b = -b;
  p.axes.resize(d, 2);
  p.axes.col(0) = a;
  p.axes.col(1) = b;
  return p;
}

TL_NAMESPACE_END

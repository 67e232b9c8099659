#include "data/pca.h"

#include <Eigen/Eigenvalues>
#include <algorithm>

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

TL_NAMESPACE_END

#pragma once
/// Principal-component projection onto two axes, for drawing data or learned features of any
/// dimension in the plane.
#include "core/tensor.h"

TL_NAMESPACE_BEGIN

/// A 2-D PCA projection: x ~ mean + axes * xy.
struct Projection2d {
  Vec mean;  ///< d, the mean of the fitted columns
  Mat axes;  ///< d x 2, orthonormal leading principal directions (zero columns past d)
  /// 2 x n coordinates of the columns of F (d x n).
  Mat apply(const Mat& F) const;
};

/// PCA of the columns of F (d x n). The covariance is computed in double precision; the axes are
/// the eigenvectors of the two largest eigenvalues, each signed so that its entry of largest
/// magnitude (the first such entry on a tie) is positive. With d == 1 the second axis is zero;
/// with no columns the mean and both axes are zero.
Projection2d fit_pca_2d(const Mat& F);

/// PCA of the columns of F like fit_pca_2d, with the axes matched to an earlier projection of
/// the same space so that a picture redrawn after the refit does not jump: when the two new axes
/// match the previous ones better in swapped order (larger sum of absolute dot products) they are
/// swapped, and then each axis is negated when its dot product with the previous axis is
/// negative. Without a usable previous projection (a different dimension, or zero axes) it is
/// fit_pca_2d(F).
Projection2d fit_pca_2d_aligned(const Mat& F, const Projection2d& previous);

/// A projection of the columns of F (d x n) whose first axis is the given direction `axis`
/// (normalised) and whose second is the leading principal direction of F's centred columns with
/// their component along `axis` removed: the plane that shows the spread along `axis` (e.g. the
/// difference between two groups' means) beside the widest remaining spread. The second axis is
/// signed like fit_pca_2d's, or, with a usable `previous` projection, to match its second axis.
/// With a zero or non-finite `axis` (or one of another dimension) it is
/// fit_pca_2d_aligned(F, previous).
Projection2d fit_axis_pca_2d(const Mat& F, const Vec& axis, const Projection2d& previous);

TL_NAMESPACE_END

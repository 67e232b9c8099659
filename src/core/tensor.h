#pragma once
/// Eigen aliases. Matrices store one observation per column: X is dim x n.
#include <Eigen/Core>
#include <vector>

#include "core/config.h"

TL_NAMESPACE_BEGIN
using Mat = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
using Vec = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
using RowVec = Eigen::Matrix<Scalar, 1, Eigen::Dynamic>;
using Labels = std::vector<int>;
TL_NAMESPACE_END

#include "data/grid.h"

#include <algorithm>

TL_NAMESPACE_BEGIN

// Each cell centre's coordinate is computed once per column and once per row (the same
// double-precision expressions as point by point), then the points are filled row by row.
Mat grid_points(const GridSpec& g) {
  const Eigen::Index n = std::max(0, g.n);
  Mat P(2, n * n);
  const double dx = (g.xmax - g.xmin) / g.n, dy = (g.ymax - g.ymin) / g.n;
  RowVec xs(n);
  for (Eigen::Index c = 0; c < n; ++c) xs(c) = static_cast<Scalar>(g.xmin + (c + 0.5) * dx);
  for (Eigen::Index r = 0; r < n; ++r) {
    auto row = P.middleCols(r * n, n);
    row.row(0) = xs;
    row.row(1).setConstant(static_cast<Scalar>(g.ymin + (r + 0.5) * dy));
  }
  return P;
}

GridSpec fit_grid(const Mat& X, int n, double margin) {
  GridSpec g;
  g.n = n;
  if (X.rows() < 2 || X.cols() == 0) return g;
  const double x0 = X.row(0).minCoeff(), x1 = X.row(0).maxCoeff();
  const double y0 = X.row(1).minCoeff(), y1 = X.row(1).maxCoeff();
  const double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const double half = std::max({x1 - x0, y1 - y0, 1e-3}) * (0.5 + margin);
  g.xmin = cx - half;
  g.xmax = cx + half;
  g.ymin = cy - half;
  g.ymax = cy + half;
  return g;
}

TL_NAMESPACE_END

#pragma once
/// An N x N grid over a rectangle of the plane, for heatmaps of a model's prediction.
#include "core/tensor.h"

TL_NAMESPACE_BEGIN

struct GridSpec {
  double xmin = -2, xmax = 2, ymin = -2, ymax = 2;
  int n = 128;
};

/// 2 x n^2 points at cell centres; point r*n + c is row r (y from ymin upwards), column c.
Mat grid_points(const GridSpec& g);
/// A square-celled view around the data's bounding box with a relative margin.
GridSpec fit_grid(const Mat& X, int n, double margin = 0.15);

TL_NAMESPACE_END

#pragma once
/// A labelled (or unlabelled) data set: features as columns, integer labels, optional domain id
/// per point and an optional per-class attribute table (for zero-shot learning).
#include <string>
#include <vector>

#include "core/tensor.h"

TL_NAMESPACE_BEGIN

/// Label value of a point without a label (unlabelled target or source data).
constexpr int kUnlabelled = -1;

struct Dataset {
  Mat X;                                   ///< dim x n features
  Labels y;                                ///< n labels in [0, num_classes) or kUnlabelled
  std::vector<int> domain;                 ///< n domain ids (0 source, 1 target) or empty
  int num_classes = 0;                     ///< number of classes (labels are 0..num_classes-1)
  std::vector<std::string> class_names;    ///< optional, num_classes entries when set
  std::vector<std::string> feature_names;  ///< optional, dim entries when set
  Mat attributes;                          ///< optional num_classes x num_attributes table
  std::vector<std::string> attribute_names;

  int dim() const { return static_cast<int>(X.rows()); }
  int size() const { return static_cast<int>(X.cols()); }
  bool empty() const { return X.cols() == 0; }
  bool has_domains() const { return !domain.empty(); }

  /// The points with the given column indices (labels, domains carried along; tables kept).
  Dataset subset(const std::vector<int>& idx) const;
  /// The labelled points (label >= 0), in order; a plain copy when every point is labelled.
  Dataset labelled() const;
  /// Points of the given classes, relabelled 0..k-1 in the given order when `relabel`.
  Dataset with_classes(const std::vector<int>& classes, bool relabel) const;
  /// Count of points per class (size num_classes).
  std::vector<int> class_counts() const;
  /// Recomputes num_classes as 1 + the largest label (at least the current value).
  void fit_num_classes();
};

/// Concatenates two data sets of the same dimension (class count is the larger of both).
Dataset concat(const Dataset& a, const Dataset& b);

TL_NAMESPACE_END

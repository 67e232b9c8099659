#include "data/dataset.h"

#include <algorithm>
#include <cassert>

TL_NAMESPACE_BEGIN

Dataset Dataset::subset(const std::vector<int>& idx) const {
  Dataset out;
  out.X.resize(X.rows(), static_cast<Eigen::Index>(idx.size()));
  out.y.resize(idx.size());
  if (has_domains()) out.domain.resize(idx.size());
  for (size_t j = 0; j < idx.size(); ++j) {
    out.X.col(static_cast<Eigen::Index>(j)) = X.col(idx[j]);
    out.y[j] = y[idx[j]];
    if (has_domains()) out.domain[j] = domain[idx[j]];
  }
  out.num_classes = num_classes;
  out.class_names = class_names;
  out.feature_names = feature_names;
  out.attributes = attributes;
  out.attribute_names = attribute_names;
  return out;
}

Dataset Dataset::labelled() const {
  std::vector<int> idx;
  for (int j = 0; j < size(); ++j)
    if (y[j] >= 0) idx.push_back(j);
  return static_cast<int>(idx.size()) == size() ? *this : subset(idx);
}

Dataset Dataset::with_classes(const std::vector<int>& classes, bool relabel) const {
  std::vector<int> idx;
  for (int j = 0; j < size(); ++j)
    if (std::find(classes.begin(), classes.end(), y[j]) != classes.end()) idx.push_back(j);
  Dataset out = subset(idx);
  if (relabel) {
    for (int& label : out.y)
      label = static_cast<int>(std::find(classes.begin(), classes.end(), label) - classes.begin());
    out.num_classes = static_cast<int>(classes.size());
    if (!class_names.empty()) {
      out.class_names.clear();
      for (int c : classes) out.class_names.push_back(class_names[c]);
    }
    if (attributes.size() > 0) {
      out.attributes.resize(static_cast<Eigen::Index>(classes.size()), attributes.cols());
      for (size_t k = 0; k < classes.size(); ++k)
        out.attributes.row(static_cast<Eigen::Index>(k)) = attributes.row(classes[k]);
    }
  }
  return out;
}

std::vector<int> Dataset::class_counts() const {
  std::vector<int> counts(std::max(num_classes, 0), 0);
  for (int label : y)
    if (label >= 0 && label < num_classes) ++counts[label];
  return counts;
}

void Dataset::fit_num_classes() {
  int top = -1;
  for (int label : y) top = std::max(top, label);
  num_classes = std::max(num_classes, top + 1);
}

Dataset concat(const Dataset& a, const Dataset& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  assert(a.dim() == b.dim());
  Dataset out = a;
  out.X.resize(a.dim(), a.size() + b.size());
  out.X << a.X, b.X;
  out.y.insert(out.y.end(), b.y.begin(), b.y.end());
  if (a.has_domains() || b.has_domains()) {
    out.domain = a.has_domains() ? a.domain : std::vector<int>(a.size(), 0);
    if (b.has_domains())
      out.domain.insert(out.domain.end(), b.domain.begin(), b.domain.end());
    else
      out.domain.insert(out.domain.end(), b.size(), 0);
  }
  out.num_classes = std::max(a.num_classes, b.num_classes);
  if (out.class_names.size() < b.class_names.size()) out.class_names = b.class_names;
  return out;
}

TL_NAMESPACE_END

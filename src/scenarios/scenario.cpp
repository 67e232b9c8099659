#include "scenarios/scenario.h"

TL_NAMESPACE_BEGIN

Status Scenario::set_user_source(std::optional<Dataset>) {
  return {"this scenario does not take a source data set"};
}

Status Scenario::set_user_target(std::optional<Dataset>) {
  return {"this scenario does not take a target data set"};
}

Status check_labelled(const Dataset& ds, const std::string& what, int dim) {
  if (ds.empty()) return {what + ": no data points"};
  if (dim > 0 && ds.dim() != dim)
    return {what + ": expected " + std::to_string(dim) + " feature columns, got " +
            std::to_string(ds.dim())};
  if (!ds.X.allFinite()) return {what + ": contains NaN or infinite values"};
  int classes_present = 0;
  for (int count : ds.class_counts()) classes_present += count > 0;
  if (classes_present < 2)
    return {what + ": needs labelled points of at least 2 classes, found " +
            std::to_string(classes_present)};
  return {};
}

TL_NAMESPACE_END

#include "scenarios/scenario.h"

TL_NAMESPACE_BEGIN

Status Scenario::set_user_source(std::optional<Dataset>) {
  return {"this scenario does not take a source data set"};
}

Status Scenario::set_user_target(std::optional<Dataset>) {
  return {"this scenario does not take a target data set"};
}

Status Scenario::set_user_class_semantics(std::optional<AttributeTable>) {
  return {"this scenario takes no class table"};
}

Status Scenario::set_field(const std::string& key, const std::string& value) {
  return set_config_field(visitor(), key, value);
}

Mat Scenario::predict_model(int index, const Mat& X) const {
  (void)index;
  return predict(X);
}

Status Scenario::guarded_step(StepStats* stats) {
  if (steps_done() == 0) guard_.rearm();  // a fresh model (after reset)
  if (guard_.tripped()) return {guard_.message()};
  guard_.before_step(params(), steps_done());
  const StepStats s = step();
  if (stats) *stats = s;
  return guard_.observe(s, params());
}

Status Scenario::guarded_step_slice(StepStats* stats, bool* complete) {
  *complete = true;
  if (!in_step_) {
    if (steps_done() == 0) guard_.rearm();
    if (guard_.tripped()) return {guard_.message()};
    guard_.before_step(params(), steps_done());
    in_step_ = true;
  }
  StepStats s;
  if (!step_slice(&s)) {
    *complete = false;
    return {};
  }
  in_step_ = false;
  if (stats) *stats = s;
  return guard_.observe(s, params());
}

ParamList join_params(std::initializer_list<ParamList> lists) {
  ParamList out;
  for (const ParamList& l : lists) out.insert(out.end(), l.begin(), l.end());
  return out;
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

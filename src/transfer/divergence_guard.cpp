#include "transfer/divergence_guard.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

TL_NAMESPACE_BEGIN

namespace {

std::string format_number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

}  // namespace

bool DivergenceGuard::Copy::matches(const ParamList& params) const {
  if (step < 0 || params.size() != blocks.size()) return false;
  for (size_t i = 0; i < params.size(); ++i)
    if (params[i] != blocks[i] || params[i]->value.rows() != values[i].rows() ||
        params[i]->value.cols() != values[i].cols())
      return false;
  return true;
}

void DivergenceGuard::Copy::take(const ParamList& params, long steps_done) {
  if (params.size() != blocks.size() || !std::equal(params.begin(), params.end(), blocks.begin()))
    blocks.assign(params.begin(), params.end());
  values.resize(params.size());
  // Same shapes: Eigen's assignment reuses the storage, so a healthy step allocates nothing.
  for (size_t i = 0; i < params.size(); ++i) values[i] = params[i]->value;
  step = steps_done;
}

void DivergenceGuard::rearm() {
  good_.step = -1;
  pending_.step = -1;
  phase_.clear();
  phase_started_ = false;
  phase_best_ = 0;
  message_.clear();
  restored_step_ = -1;
}

void DivergenceGuard::before_step(const ParamList& params, long steps_done) {
  pending_.take(params, steps_done);
}

double DivergenceGuard::Copy::scale() const {
  double m = 0;
  for (const Mat& v : values)
    if (v.size() > 0) m = std::max<double>(m, v.cwiseAbs().maxCoeff());
  return m;
}

std::string DivergenceGuard::judge_loss(const StepStats& stats) {
  const double loss = stats.loss;
  if (!std::isfinite(loss)) return "the loss became " + format_number(loss);
  if (loss > cfg_.max_loss) return "the loss exploded to " + format_number(loss);
  // The weights this loss was computed with (those the step started from).
  const double scale = pending_.scale();
  if (!phase_started_ || stats.phase != phase_) {
    phase_ = stats.phase;
    phase_started_ = true;
    phase_best_ = loss;
    phase_scale_ = scale;
    return {};
  }
  const double reference = std::max(1.0, phase_best_);
  if (loss > cfg_.explode_factor * reference && scale > cfg_.weight_growth * phase_scale_)
    return "the loss exploded to " + format_number(loss) + " (its lowest so far was " +
           format_number(phase_best_) + ") as the largest weight grew from " +
           format_number(phase_scale_) + " to " + format_number(scale);
  phase_best_ = std::min(phase_best_, loss);
  return {};
}

std::string DivergenceGuard::judge_weights(const ParamList& params) const {
  for (const ParamBlock* p : params) {
    if (p->value.size() == 0) continue;
    if (!p->value.allFinite()) return "the weights of " + p->name + " became NaN or infinite";
    const double big = p->value.cwiseAbs().maxCoeff();
    if (big > cfg_.max_weight)
      return "the weights of " + p->name + " exploded (|w| = " + format_number(big) + ")";
  }
  return {};
}

Status DivergenceGuard::observe(const StepStats& stats, const ParamList& params) {
  if (tripped()) return {message_};
  std::string why = judge_loss(stats);
  if (!why.empty()) return trip(stats, why, params);
  // The step's loss vouches for the weights the step started from.
  std::swap(good_, pending_);
  why = judge_weights(params);
  if (!why.empty()) return trip(stats, why, params);
  return {};
}

Status DivergenceGuard::trip(const StepStats& stats, const std::string& why,
                             const ParamList& params) {
  std::string msg = "training diverged at step " + std::to_string(stats.step) + ": " + why + ". ";
  if (good_.matches(params)) {
    for (size_t i = 0; i < params.size(); ++i) {
      params[i]->value = good_.values[i];
      params[i]->reset_state();
    }
    restored_step_ = good_.step;
    msg +=
        "Training stopped; the weights after step " + std::to_string(good_.step) + " are restored.";
  } else {
    restored_step_ = -1;
    msg += "Training stopped (no earlier weights of this phase to restore).";
  }
  msg += " Try a lower learning rate.";
  message_ = msg;
  return {message_};
}

TL_NAMESPACE_END

#pragma once
/// SGD with momentum and Adam (Kingma & Ba 2015). Per-block learning-rate multipliers and
/// freezing come from ParamBlock; state lives on the blocks.
#include "core/param_block.h"

TL_NAMESPACE_BEGIN

enum class OptimizerKind { kSgd, kAdam };

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::kAdam;
  Scalar lr = Scalar(0.01);
  Scalar momentum = Scalar(0.9);  ///< SGD only; 0 gives plain SGD
  Scalar beta1 = Scalar(0.9);
  Scalar beta2 = Scalar(0.999);
  Scalar eps = Scalar(1e-8);
};

class Optimizer {
 public:
  explicit Optimizer(const OptimizerConfig& config = {}) : config_(config) {}
  /// One update of every trainable block with lr_mult != 0, from its current gradient:
  ///   SGD:  m <- mu m + g;  w <- w - lr lr_mult m
  ///   Adam: m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g^2;
  ///         w <- w - lr lr_mult mhat / (sqrt(vhat) + eps), hats bias-corrected by 1 - b^t.
  void step(const ParamList& params);
  void set_lr(Scalar lr) { config_.lr = lr; }
  const OptimizerConfig& config() const { return config_; }

 private:
  OptimizerConfig config_;
};

TL_NAMESPACE_END

#include "core/optimizer.h"

#include <cmath>

TL_NAMESPACE_BEGIN

void Optimizer::step(const ParamList& params) {
  for (ParamBlock* p : params) {
    if (!p->trainable || p->lr_mult == 0) continue;
    const Scalar lr = config_.lr * p->lr_mult;
    if (p->m.size() != p->value.size()) p->m = Mat::Zero(p->value.rows(), p->value.cols());
    ++p->t;
    if (config_.kind == OptimizerKind::kSgd) {
      if (config_.momentum == 0) {
        p->value.noalias() -= lr * p->grad;
      } else {
        p->m = config_.momentum * p->m + p->grad;
        p->value.noalias() -= lr * p->m;
      }
    } else {
      if (p->v.size() != p->value.size()) p->v = Mat::Zero(p->value.rows(), p->value.cols());
      const Scalar b1 = config_.beta1, b2 = config_.beta2;
      p->m = b1 * p->m + (1 - b1) * p->grad;
      p->v = b2 * p->v + (1 - b2) * p->grad.array().square().matrix();
      const Scalar c1 = 1 - static_cast<Scalar>(std::pow(static_cast<double>(b1), p->t));
      const Scalar c2 = 1 - static_cast<Scalar>(std::pow(static_cast<double>(b2), p->t));
      p->value.array() -= lr * (p->m.array() / c1) / ((p->v.array() / c2).sqrt() + config_.eps);
    }
  }
}

TL_NAMESPACE_END

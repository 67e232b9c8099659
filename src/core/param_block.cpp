#include "core/param_block.h"

TL_NAMESPACE_BEGIN

Scalar add_penalties(const ParamList& params) {
  Scalar total = 0;
  for (ParamBlock* p : params) {
    if (!p->trainable) continue;
    if (p->l2 != 0) {
      total += p->l2 / 2 * p->value.squaredNorm();
      p->grad.noalias() += p->l2 * p->value;
    }
    if (p->anchor_weight != 0 && p->anchor.size() == p->value.size()) {
      total += p->anchor_weight / 2 * (p->value - p->anchor).squaredNorm();
      p->grad.noalias() += p->anchor_weight * (p->value - p->anchor);
    }
  }
  return total;
}

void zero_grads(const ParamList& params) {
  for (ParamBlock* p : params) p->zero_grad();
}

Eigen::Index count_params(const ParamList& params) {
  Eigen::Index n = 0;
  for (const ParamBlock* p : params) n += p->size();
  return n;
}

Vec flatten_values(const ParamList& params) {
  Vec flat(count_params(params));
  Eigen::Index at = 0;
  for (const ParamBlock* p : params) {
    flat.segment(at, p->size()) = Eigen::Map<const Vec>(p->value.data(), p->size());
    at += p->size();
  }
  return flat;
}

void unflatten_values(const ParamList& params, const Vec& flat) {
  Eigen::Index at = 0;
  for (ParamBlock* p : params) {
    Eigen::Map<Vec>(p->value.data(), p->size()) = flat.segment(at, p->size());
    at += p->size();
  }
}

Vec flatten_grads(const ParamList& params) {
  Vec flat(count_params(params));
  Eigen::Index at = 0;
  for (const ParamBlock* p : params) {
    flat.segment(at, p->size()) = Eigen::Map<const Vec>(p->grad.data(), p->size());
    at += p->size();
  }
  return flat;
}

TL_NAMESPACE_END

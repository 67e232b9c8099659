#include "transfer/conservative.h"

TL_NAMESPACE_BEGIN

void ConservativeConfig::visit(ConfigVisitor& v) {
  fine_tune.visit(v);
  v.real("alpha", alpha, 0.0, 1e6, "L2-SP: pull toward the source weights (0 = fine-tuning)");
  v.real("beta", beta, 0.0, 1e6, "L2-SP: weight decay of re-initialised layers");
  v.real("kl", kl, 0.0, 1e6, "output KL toward the source model's predictions");
  v.choice("kl_inputs", kl_inputs, {"source", "target"}, "inputs the KL term is measured on");
}

Conservative::Conservative(const ConservativeConfig& cfg, TransferData data, Rng rng)
    : FineTune(cfg.fine_tune, std::move(data), rng), ccfg_(cfg) {}

void Conservative::configure_adapt() {
  Rng r = aux_rng_;
  kl_batcher_ = Batcher(data_.source.size(), cfg_.train.batch, r.split(1));
  const Scalar alpha = static_cast<Scalar>(ccfg_.alpha);
  for (int i = 0; i < net_.num_layers(); ++i) {
    Dense& layer = net_.layers[i];
    if (copied_[i]) {
      layer.W.anchor = source_net_.layers[i].W.value;
      layer.b.anchor = source_net_.layers[i].b.value;
      layer.W.anchor_weight = alpha;
      layer.b.anchor_weight = alpha;
    } else {
      layer.W.l2 = static_cast<Scalar>(ccfg_.beta);
    }
  }
}

namespace {
/// out = log softmax(z), column-wise and stable.
void log_softmax(const Mat& z, Mat& out) {
  const RowVec top = z.colwise().maxCoeff();
  out = z.rowwise() - top;
  const RowVec lse = out.array().exp().colwise().sum().log().matrix();
  out.rowwise() -= lse;
}
}  // namespace

// K = 1/m sum_j sum_c p_cj (log p_cj - log q_cj),  p = softmax(z_src), q = softmax(z).
//   dK/dz_j = 1/m (q_j - p_j)   (p is a constant: the source model is fixed)
double Conservative::extra_loss(const Mat& X_target, bool full, Metrics& aux) {
  if (ccfg_.kl <= 0 || !copied_.back()) return 0;
  const Mat* X = &X_target;
  if (ccfg_.kl_inputs == "source") {
    if (data_.source.empty()) return 0;
    if (full) {
      X = &data_.source.X;
    } else {
      gather(data_.source, kl_batcher_.next(), xs_, ys_);
      X = &xs_;
    }
  }
  const Scalar m = static_cast<Scalar>(X->cols());
  if (m == 0) return 0;
  source_net_.infer(*X, z0_);
  log_softmax(z0_, lp_);
  const Mat& z = net_.forward(*X);
  log_softmax(z, lq_);
  const double value = (lp_.array().exp() * (lp_ - lq_).array()).sum() / m;
  dz_ = (static_cast<Scalar>(ccfg_.kl) / m) * (lq_.array().exp() - lp_.array().exp()).matrix();
  net_.backward(dz_);
  aux.emplace_back("kl", value);
  return ccfg_.kl * value;
}

TL_NAMESPACE_END

#include "transfer/conservative.h"

#include "core/metrics.h"

TL_NAMESPACE_BEGIN

void ConservativeConfig::visit(ConfigVisitor& v) {
  fine_tune.visit(v);
  v.real("alpha", alpha, 0.0, 1e6,
         "Pull toward the source weights\nL2-SP (Li et al. 2018): alpha times the squared distance "
         "to the pre-trained weights. 0 = plain fine-tuning.");
  v.real("beta", beta, 0.0, 1e6,
         "Weight decay of new layers\nL2-SP's beta: weight decay of the re-initialised layers.");
  v.real("kl", kl, 0.0, 1e6,
         "Keep the old head's outputs\nWeight of the output term (Learning without Forgetting, Li "
         "& Hoiem 2016): KL divergence between the old and new heads, times T^2.");
  v.real("T", T, 0.05, 100.0,
         "Softness of the kept outputs\nTemperature T of the output term: higher compares softer "
         "probabilities.");
  choice_enum(
      v, "kl_inputs", kl_inputs, kKlInputsChoices,
      "Outputs kept on\nWhich inputs the output term compares the old and new heads on. target is "
      "LwF proper; rehearsal needs the source data (not LwF).\ntarget = the new task's inputs\n"
      "rehearsal = stored source inputs");
}

Conservative::Conservative(const ConservativeConfig& cfg, TransferData data, Rng rng)
    : FineTune(cfg.fine_tune, std::move(data), rng), ccfg_(cfg) {}

namespace {
/// L2-SP: pulls `layer` toward the source layer `src` with weight alpha.
void anchor_to(Dense& layer, const Dense& src, Scalar alpha) {
  layer.W.anchor = src.W.value;
  layer.b.anchor = src.b.value;
  layer.W.anchor_weight = alpha;
  layer.b.anchor_weight = alpha;
}
}  // namespace

void Conservative::configure_adapt() {
  Rng r = aux_rng_;
  kl_batcher_ = Batcher(data_.source.size(), cfg_.train.batch, r.split(1));
  const Scalar alpha = static_cast<Scalar>(ccfg_.alpha);
  for (int i = 0; i < net_.num_layers(); ++i) {
    if (copied_[i])
      anchor_to(net_.layers[i], source_net_.layers[i], alpha);
    else
      net_.layers[i].W.l2 = static_cast<Scalar>(ccfg_.beta);
  }
  old_head_ = Dense();
  z_rec_.resize(0, 0);
  if (ccfg_.kl <= 0) return;
  // The old head starts as the source model's output layer and gets the copied layers' L2-SP
  // pull toward it (whether or not the target head is a copy of it too).
  const Dense& src = source_net_.layers.back();
  old_head_ = Dense(src.in(), src.out(), src.act, "old_head");
  old_head_.W.value = src.W.value;
  old_head_.b.value = src.b.value;
  anchor_to(old_head_, src, alpha);
  // Recorded once: the source model's outputs on the target training inputs (the trunk copied
  // from the source and the old head are the source model at this point).
  if (ccfg_.kl_inputs == KlInputs::kTarget && !data_.target.empty())
    source_net_.infer(data_.target.X, z_rec_);
}

void Conservative::add_params(ParamList& ps) {
  if (!old_head_built()) return;
  ps.push_back(&old_head_.W);
  ps.push_back(&old_head_.b);
}

std::optional<double> Conservative::source_acc_after() const {
  if (!has_old_head()) return FineTune::source_acc_after();
  if (data_.source_test.empty()) return std::nullopt;
  // Trunk, then the old head's logits (their argmax is the prediction).
  Mat h = data_.source_test.X, next;
  for (int i = 0; i + 1 < net_.num_layers(); ++i) {
    net_.layers[i].infer(h, next);
    h.swap(next);
  }
  old_head_.infer(h, next);
  return accuracy(argmax_cols(next), data_.source_test.y);
}

namespace {
/// out = log softmax(z / T), column-wise and stable.
void log_softmax(const Mat& z, Scalar T, Mat& out) {
  out = z / T;
  const RowVec top = out.colwise().maxCoeff();
  out.rowwise() -= top;
  const RowVec lse = out.array().exp().colwise().sum().log().matrix();
  out.rowwise() -= lse;
}
}  // namespace

// K = T^2/m sum_j sum_c p_cj (log p_cj - log q_cj),  p = softmax(z_rec/T), q = softmax(z/T),
// z = old_head(h), h = trunk(x). p is a constant (recorded, or the frozen source model).
//   dK/dz_j = T^2/m * (q_j - p_j) * d(z_j/T)/dz_j = T/m (q_j - p_j)
//   (the softmax-cross-entropy gradient w.r.t. the scaled logits z/T is q - p; the entropy of p
//   does not depend on z). Then dK/dW_old = dz h^T, dK/db_old = dz 1, dK/dh = W_old^T dz, which
//   goes back through the trunk's layers (not through the target head).
double Conservative::extra_loss(const Mat& X_target, const std::vector<int>* batch, Metrics& aux) {
  if (!has_old_head()) return 0;
  const Scalar T = static_cast<Scalar>(ccfg_.T);
  const Mat* X = &X_target;
  const Mat* zr = &zr_;  // the source model's logits on X
  if (ccfg_.kl_inputs == KlInputs::kRehearsal) {
    if (data_.source.empty()) return 0;
    if (batch == nullptr) {
      X = &data_.source.X;
    } else {
      gather(data_.source, kl_batcher_.next(), xs_, ys_);
      X = &xs_;
    }
    source_net_.infer(*X, zr_);
  } else if (batch == nullptr) {
    zr = &z_rec_;
  } else {
    zr_.resize(z_rec_.rows(), static_cast<Eigen::Index>(batch->size()));
    for (size_t k = 0; k < batch->size(); ++k)
      zr_.col(static_cast<Eigen::Index>(k)) = z_rec_.col((*batch)[k]);
  }
  const Scalar m = static_cast<Scalar>(X->cols());
  if (m == 0) return 0;
  // Trunk forward (its caches are refilled for the backward pass below), then the old head.
  const int L = net_.num_layers();
  const Mat* h = X;
  for (int i = 0; i + 1 < L; ++i) h = &net_.layers[i].forward(*h);
  const Mat& z = old_head_.forward(*h);
  log_softmax(*zr, T, lp_);
  log_softmax(z, T, lq_);
  const double value = T * T * (lp_.array().exp() * (lp_ - lq_).array()).sum() / m;
  dz_ = (static_cast<Scalar>(ccfg_.kl) * T / m) * (lq_.array().exp() - lp_.array().exp()).matrix();
  const Mat* d = &old_head_.backward(dz_, L > 1);
  for (int i = L - 2; i >= 0; --i) d = &net_.layers[i].backward(*d, i > 0);
  aux.emplace_back("kl", value);
  return ccfg_.kl * value;
}

TL_NAMESPACE_END

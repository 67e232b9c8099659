#include "transfer/supervised.h"

#include <algorithm>
#include <numeric>

#include "core/loss.h"
#include "core/metrics.h"
#include "core/thread_pool.h"

TL_NAMESPACE_BEGIN

Batcher::Batcher(int n, int batch, Rng rng)
    : n_(n), batch_(std::max(1, batch)), rng_(rng) {
  per_epoch_ = n_ > 0 ? (n_ + batch_ - 1) / batch_ : 0;
  order_.resize(n_);
  std::iota(order_.begin(), order_.end(), 0);
  rng_.shuffle(order_);
}

const std::vector<int>& Batcher::next() {
  if (pos_ >= order_.size()) {
    pos_ = 0;
    rng_.shuffle(order_);
  }
  const size_t end = std::min(order_.size(), pos_ + static_cast<size_t>(batch_));
  current_.assign(order_.begin() + pos_, order_.begin() + end);
  pos_ = end;
  return current_;
}

void gather(const Dataset& ds, const std::vector<int>& idx, Mat& X, Labels& y) {
  X.resize(ds.dim(), static_cast<Eigen::Index>(idx.size()));
  y.resize(idx.size());
  for (size_t j = 0; j < idx.size(); ++j) {
    X.col(static_cast<Eigen::Index>(j)) = ds.X.col(idx[j]);
    y[j] = ds.y[idx[j]];
  }
}

MlpSpec make_spec(const TrainConfig& tc, int input, int output) {
  MlpSpec spec;
  spec.input = input;
  spec.hidden = tc.hidden;
  spec.output = output;
  spec.hidden_act = parse_activation(tc.act).value_or(Activation::kTanh);
  return spec;
}

OptimizerConfig make_optimizer_config(const TrainConfig& tc) {
  OptimizerConfig oc;
  oc.kind = parse_optimizer(tc.optimizer).value_or(OptimizerKind::kAdam);
  oc.lr = static_cast<Scalar>(tc.lr);
  return oc;
}

long steps_for(int n, int batch, int epochs) {
  if (n <= 0) return 0;
  return static_cast<long>(epochs) * ((n + std::max(1, batch) - 1) / std::max(1, batch));
}

Mat predict_proba(const Mlp& net, const Mat& X) {
  Mat logits, probs;
  net.infer(X, logits);
  softmax(logits, probs);
  return probs;
}

double accuracy_of(const Mlp& net, const Dataset& ds) {
  if (ds.empty()) return 0;
  Mat logits;
  net.infer(ds.X, logits);
  return accuracy(argmax_cols(logits), ds.y);
}

namespace {
Dataset labelled_only(const Dataset& ds) {
  std::vector<int> idx;
  for (int j = 0; j < ds.size(); ++j)
    if (ds.y[j] >= 0) idx.push_back(j);
  return idx.size() == static_cast<size_t>(ds.size()) ? ds : ds.subset(idx);
}
}  // namespace

SupervisedTrainer::SupervisedTrainer(Mlp network, Dataset data, const TrainConfig& tc, Rng rng)
    : net(std::move(network)),
      optimizer(make_optimizer_config(tc)),
      data_(labelled_only(data)),
      batcher_(data_.size(), tc.batch, rng) {}

StepStats SupervisedTrainer::step() {
  StepStats s;
  s.phase = "train";
  if (data_.empty()) return s;
  gather(data_, batcher_.next(), xb_, yb_);
  const ParamList params = net.params();
  s.loss = batch_gradient();
  const Scalar penalty = add_penalties(params);
  if (penalty != 0) s.aux.emplace_back("penalty", penalty);
  optimizer.step(params);
  s.step = ++steps_;
  return s;
}

double SupervisedTrainer::batch_gradient() {
  const ParamList params = net.params();
  zero_grads(params);
  const int n = static_cast<int>(xb_.cols());
  const int shards = (n + kShardColumns - 1) / kShardColumns;
  if (shards <= 1) {
    const Mat& logits = net.forward(xb_);
    const double loss = softmax_cross_entropy(logits, yb_, dlogits_);
    net.backward(dlogits_);
    return loss;
  }
  if (static_cast<int>(replicas_.size()) < shards) {
    replicas_.resize(shards, net);
    shard_x_.resize(shards);
    shard_d_.resize(shards);
    shard_y_.resize(shards);
    shard_loss_.resize(shards);
    shard_count_.resize(shards);
  }
  training_pool().run(shards, [&](int k) {
    Mlp& r = replicas_[k];
    for (size_t l = 0; l < net.layers.size(); ++l) {
      r.layers[l].W.value = net.layers[l].W.value;
      r.layers[l].b.value = net.layers[l].b.value;
      r.layers[l].W.trainable = net.layers[l].W.trainable;
      r.layers[l].b.trainable = net.layers[l].b.trainable;
    }
    const int begin = k * kShardColumns, cols = std::min(kShardColumns, n - begin);
    shard_x_[k] = xb_.middleCols(begin, cols);
    shard_y_[k].assign(yb_.begin() + begin, yb_.begin() + begin + cols);
    shard_count_[k] = static_cast<int>(
        std::count_if(shard_y_[k].begin(), shard_y_[k].end(), [](int y) { return y >= 0; }));
    zero_grads(r.params());
    shard_loss_[k] = softmax_cross_entropy(r.forward(shard_x_[k]), shard_y_[k], shard_d_[k]);
    r.backward(shard_d_[k]);
  });
  // Each shard's loss is a mean over its m_k labelled points; the batch mean is sum (m_k/m) L_k,
  // and likewise for the gradients, summed in shard order.
  int m = 0;
  for (int k = 0; k < shards; ++k) m += shard_count_[k];
  double loss = 0;
  if (m == 0) return 0;
  for (int k = 0; k < shards; ++k) {
    const Scalar w = static_cast<Scalar>(shard_count_[k]) / static_cast<Scalar>(m);
    loss += w * shard_loss_[k];
    const ParamList rp = replicas_[k].params();
    for (size_t i = 0; i < params.size(); ++i) params[i]->grad.noalias() += w * rp[i]->grad;
  }
  return loss;
}

double SupervisedTrainer::evaluate(bool with_grad) {
  const ParamList params = net.params();
  zero_grads(params);
  const Mat& logits = net.forward(data_.X);
  double loss = softmax_cross_entropy(logits, data_.y, dlogits_);
  if (with_grad) net.backward(dlogits_);
  Scalar penalty = add_penalties(params);
  return loss + penalty;
}

double SupervisedTrainer::objective() { return evaluate(false); }

Vec SupervisedTrainer::gradient() {
  evaluate(true);
  return flatten_grads(net.params());
}

TL_NAMESPACE_END

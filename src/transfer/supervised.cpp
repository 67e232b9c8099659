#include "transfer/supervised.h"

#include <algorithm>
#include <numeric>

#include "core/loss.h"
#include "core/metrics.h"
#include "core/thread_pool.h"

TL_NAMESPACE_BEGIN

Batcher::Batcher(int n, int batch, Rng rng) : n_(n), batch_(std::max(1, batch)), rng_(rng) {
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
  spec.hidden_act = tc.act;
  return spec;
}

OptimizerConfig make_optimizer_config(const TrainConfig& tc) {
  OptimizerConfig oc;
  oc.kind = tc.optimizer;
  oc.lr = static_cast<Scalar>(tc.lr);
  return oc;
}

long steps_for(int n, int batch, int epochs) {
  if (n <= 0) return 0;
  return static_cast<long>(epochs) * ((n + std::max(1, batch) - 1) / std::max(1, batch));
}

Mat predict_proba(const Mlp& net, const Mat& X) {
  Mat probs;
  net.predict_proba(X, probs);
  return probs;
}

double accuracy_of(const Mlp& net, const Dataset& ds) {
  if (ds.empty()) return 0;
  Mat logits;
  net.infer(ds.X, logits);
  return accuracy(argmax_cols(logits), ds.y);
}

SupervisedTrainer::SupervisedTrainer(Mlp network, Dataset data, const TrainConfig& tc, Rng rng)
    : net(std::move(network)),
      optimizer(make_optimizer_config(tc)),
      data_(data.labelled()),
      batcher_(data_.size(), tc.batch, rng) {}

StepStats SupervisedTrainer::step() {
  StepStats s;
  s.phase = "train";
  if (data_.empty()) return s;
  const std::vector<int>& idx = batcher_.next();
  gather(data_, idx, xb_.get(data_.dim(), static_cast<Eigen::Index>(idx.size())), yb_);
  s.loss = batch_gradient();
  const Scalar penalty = add_penalties(params_);
  if (penalty != 0) s.aux.emplace_back("penalty", penalty);
  optimizer.step(params_);
  s.step = ++steps_;
  return s;
}

double SupervisedTrainer::batch_gradient() {
  net.params_into(params_);
  zero_grads(params_);
  const Mat& xb = xb_.current();
  const int n = static_cast<int>(xb.cols());
  const int shards = (n + kShardColumns - 1) / kShardColumns;
  if (shards <= 1) {
    const Mat& logits = net.forward(xb);
    Mat& dlogits = dlogits_.get(logits.rows(), logits.cols());
    const double loss = softmax_cross_entropy(logits, yb_, dlogits);
    net.backward(dlogits);
    return loss;
  }
  const int slots = std::min(shards, kShardsInFlight);
  if (static_cast<int>(replicas_.size()) < slots) {
    replicas_.resize(slots, net);
    shard_params_.resize(slots);
    shard_x_.resize(slots);
    shard_d_.resize(slots);
    shard_y_.resize(slots);
    shard_loss_.resize(slots);
    shard_count_.resize(slots);
  }
  // Each shard's loss is a mean over its m_k labelled points; the batch mean is sum (m_k/m) L_k,
  // and likewise for the gradients, summed in shard order (wave after wave).
  const int m =
      static_cast<int>(std::count_if(yb_.begin(), yb_.end(), [](int y) { return y >= 0; }));
  if (m == 0) return 0;
  double loss = 0;
  for (wave_begin_ = 0; wave_begin_ < shards; wave_begin_ += slots) {
    const int count = std::min(slots, shards - wave_begin_);
    // Captures only `this`, so the std::function the pool takes stores it without allocating.
    training_pool().run(count, [this](int j) { shard_gradient(wave_begin_ + j, j); });
    for (int j = 0; j < count; ++j) {
      const Scalar w = static_cast<Scalar>(shard_count_[j]) / static_cast<Scalar>(m);
      loss += w * shard_loss_[j];
      const ParamList& rp = shard_params_[j];
      for (size_t i = 0; i < params_.size(); ++i) params_[i]->grad.noalias() += w * rp[i]->grad;
    }
  }
  return loss;
}

void SupervisedTrainer::shard_gradient(int k, int slot) {
  Mlp& r = replicas_[slot];
  for (size_t l = 0; l < net.layers.size(); ++l) {
    r.layers[l].W.value = net.layers[l].W.value;
    r.layers[l].b.value = net.layers[l].b.value;
    r.layers[l].W.trainable = net.layers[l].W.trainable;
    r.layers[l].b.trainable = net.layers[l].b.trainable;
  }
  const Mat& xb = xb_.current();
  const int n = static_cast<int>(xb.cols());
  const int begin = k * kShardColumns, cols = std::min(kShardColumns, n - begin);
  Mat& x = shard_x_[slot].get(xb.rows(), cols);
  x = xb.middleCols(begin, cols);
  Labels& y = shard_y_[slot];
  y.assign(yb_.begin() + begin, yb_.begin() + begin + cols);
  shard_count_[slot] =
      static_cast<int>(std::count_if(y.begin(), y.end(), [](int v) { return v >= 0; }));
  r.params_into(shard_params_[slot]);
  zero_grads(shard_params_[slot]);
  const Mat& logits = r.forward(x);
  Mat& d = shard_d_[slot].get(logits.rows(), logits.cols());
  shard_loss_[slot] = softmax_cross_entropy(logits, y, d);
  r.backward(d);
}

double SupervisedTrainer::evaluate(bool with_grad) {
  const ParamList params = net.params();
  zero_grads(params);
  const Mat& logits = net.forward(data_.X);
  Mat& dlogits = dlogits_.get(logits.rows(), logits.cols());
  double loss = softmax_cross_entropy(logits, data_.y, dlogits);
  if (with_grad) net.backward(dlogits);
  Scalar penalty = add_penalties(params);
  return loss + penalty;
}

double SupervisedTrainer::objective() {
  return evaluate(false);
}

Vec SupervisedTrainer::gradient() {
  evaluate(true);
  return flatten_grads(net.params());
}

TL_NAMESPACE_END

#include "transfer/supervised.h"

#include <algorithm>
#include <numeric>

#include "core/loss.h"
#include "core/metrics.h"

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
  zero_grads(params);
  const Mat& logits = net.forward(xb_);
  s.loss = softmax_cross_entropy(logits, yb_, dlogits_);
  net.backward(dlogits_);
  const Scalar penalty = add_penalties(params);
  if (penalty != 0) s.aux.emplace_back("penalty", penalty);
  optimizer.step(params);
  s.step = ++steps_;
  return s;
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

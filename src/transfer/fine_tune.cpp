#include "transfer/fine_tune.h"

#include <algorithm>
#include <cmath>

#include "core/loss.h"

TL_NAMESPACE_BEGIN

void FineTuneConfig::visit_training(ConfigVisitor& v) {
  train.visit(v);
  v.integer(
      "source_epochs", source_epochs, 0, 100000,
      "Pre-training passes\nPasses over the source data before adapting to the target (epochs).");
  v.real("source_lr", source_lr, 1e-6, 10.0,
         "Pre-training learning rate\nLearning rate while training on the source data.");
}

void FineTuneConfig::visit(ConfigVisitor& v) {
  visit_training(v);
  v.flag("reinit_output", reinit_output,
         "New output layer for the target\nRe-initialise the output layer before adapting to the "
         "target.");
}

FineTune::FineTune(const FineTuneConfig& cfg, TransferData data, Rng rng)
    : cfg_(cfg), data_(std::move(data)), rng_(rng) {
  data_.source = data_.source.labelled();
  data_.target = data_.target.labelled();
  reset();
}

void FineTune::reset() {
  // Every generator is drawn here, in a fixed order, so that subclasses and side-by-side variants
  // see the same sequences for the same seed.
  Rng root = rng_;
  Rng init_rng = root.split(1);
  pre_rng_ = root.split(2);
  reinit_rng_ = root.split(3);
  adapt_rng_ = root.split(4);
  aux_rng_ = root.split(5);

  const int source_classes = std::max(2, data_.source.num_classes);
  const int dim = std::max(data_.source.dim(), data_.target.dim());
  init_net_ = Mlp(make_spec(cfg_.train, dim, source_classes), init_rng);
  pre_.reset();
  pretrain_steps_ = steps_for(data_.source.size(), cfg_.train.batch, cfg_.source_epochs);
  adapt_steps_ = steps_for(data_.target.size(), cfg_.train.batch, cfg_.train.epochs);
  adapting_ = false;
  steps_ = 0;
  net_ = Mlp();
  source_net_ = Mlp();
  copied_.clear();
}

SupervisedTrainer& FineTune::pretrainer() {
  if (!pre_) {
    TrainConfig tc = cfg_.train;
    tc.lr = cfg_.source_lr;
    tc.epochs = cfg_.source_epochs;
    pre_.emplace(init_net_, data_.source, tc, pre_rng_);
  }
  return *pre_;
}

std::vector<bool> FineTune::copy_plan(const Mlp& source) const {
  std::vector<bool> plan(source.num_layers(), true);
  if (cfg_.reinit_output) plan.back() = false;
  return plan;
}

void FineTune::begin_adapt(const Mlp& source) {
  source_net_ = source;
  const int target_classes = std::max(2, data_.target.num_classes);
  copied_ = copy_plan(source);
  copied_.resize(source.num_layers(), false);
  // A layer can only be copied when its shape fits the target's network.
  if (source.output_dim() != target_classes) copied_.back() = false;

  // The new network: re-initialised layers come from their own generator (the same for every
  // variant of a seed), copied layers from the source.
  MlpSpec spec = source.spec();
  spec.output = target_classes;
  Rng reinit = reinit_rng_;
  net_ = Mlp(spec, reinit);
  for (int i = 0; i < net_.num_layers(); ++i) {
    if (!copied_[i]) continue;
    net_.layers[i].W.value = source.layers[i].W.value;
    net_.layers[i].b.value = source.layers[i].b.value;
  }
  configure_adapt();
  for (ParamBlock* p : adapt_params()) {
    p->zero_grad();
    p->reset_state();
  }
  opt_ = Optimizer(make_optimizer_config(cfg_.train));
  batcher_ = Batcher(data_.target.size(), cfg_.train.batch, adapt_rng_);
  adapting_ = true;
}

StepStats FineTune::step() {
  if (!adapting_) {
    if (pretrain_steps_ > 0 && pretrainer().steps_done() < pretrain_steps_) {
      StepStats s = pre_->step();
      s.phase = "pretrain";
      s.step = ++steps_;
      if (pre_->steps_done() >= pretrain_steps_) begin_adapt(pre_->net);
      return s;
    }
    begin_adapt(pre_net());
  }
  StepStats s;
  s.phase = "adapt";
  s.step = ++steps_;
  if (data_.target.empty()) return s;
  const std::vector<int>& batch = batcher_.next();
  gather(data_.target, batch, xb_, yb_);
  const ParamList& ps = adapt_params();
  zero_grads(ps);
  const Mat& logits = net_.forward(xb_);
  s.loss = softmax_cross_entropy(logits, yb_, dlogits_);
  net_.backward(dlogits_);
  const double extra = extra_loss(xb_, &batch, s.aux);
  const Scalar penalty = add_penalties(ps);
  if (penalty != 0) s.aux.emplace_back("penalty", penalty);
  s.loss += extra + penalty;
  opt_.step(ps);
  return s;
}

double FineTune::evaluate(bool with_grad) {
  if (!adapting_) return pretrainer().objective();
  const ParamList& ps = adapt_params();
  zero_grads(ps);
  const Mat& logits = net_.forward(data_.target.X);
  double loss = softmax_cross_entropy(logits, data_.target.y, dlogits_);
  if (with_grad) net_.backward(dlogits_);
  Metrics aux;
  loss += extra_loss(data_.target.X, nullptr, aux);
  loss += add_penalties(ps);
  return loss;
}

Vec FineTune::gradient() {
  if (!adapting_) return pretrainer().gradient();
  evaluate(true);
  return flatten_grads(params());
}

ParamList FineTune::params() {
  ParamList all = adapting_ ? adapt_params() : pretrainer().net.params();
  ParamList out;
  for (ParamBlock* p : all)
    if (p->trainable) out.push_back(p);
  return out;
}

double FineTune::weight_distance() const {
  if (!adapting_) return 0;
  double diff = 0, base = 0;
  for (int i = 0; i < net_.num_layers(); ++i) {
    if (!copied_[i]) continue;
    const Dense& a = net_.layers[i];
    const Dense& s = source_net_.layers[i];
    diff += (a.W.value - s.W.value).squaredNorm() + (a.b.value - s.b.value).squaredNorm();
    base += s.W.value.squaredNorm() + s.b.value.squaredNorm();
  }
  return base > 0 ? std::sqrt(diff / base) : 0.0;
}

const ParamList& FineTune::adapt_params() {
  net_.params_into(adapt_ps_);
  add_params(adapt_ps_);
  return adapt_ps_;
}

std::optional<double> FineTune::source_acc_after() const {
  if (!heads_match() || data_.source_test.empty()) return std::nullopt;
  return accuracy_of(net_, data_.source_test);
}

Metrics FineTune::metrics() {
  const Mlp& source = adapting_ ? source_net_ : pre_net();
  Metrics m;
  if (!data_.source_test.empty())
    m.emplace_back("source_acc", accuracy_of(source, data_.source_test));
  if (!data_.target_test.empty()) {
    m.emplace_back("target_acc", accuracy_of(net(), data_.target_test));
    // Only when the target's labels name the source's classes (the same count is not enough).
    if (data_.shared_classes && source.output_dim() == std::max(2, data_.target.num_classes))
      m.emplace_back("source_only_target_acc", accuracy_of(source, data_.target_test));
  }
  if (const std::optional<double> after = source_acc_after())
    m.emplace_back("source_acc_after", *after);
  m.emplace_back("weight_distance", weight_distance());
  return m;
}

TL_NAMESPACE_END

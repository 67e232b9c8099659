#include "transfer/progressive.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "core/loss.h"
#include "core/metrics.h"

TL_NAMESPACE_BEGIN

void ProgressiveConfig::visit(ConfigVisitor& v) {
  train.visit(v);
  v.integer(
      "source_epochs", source_epochs, 0, 100000,
      "Task 1 training passes\nPasses over task 1's data, which trains the first column (epochs).");
  v.real("source_lr", source_lr, 1e-6, 10.0,
         "Task 1 learning rate\nLearning rate of the first column.");
  v.flag("lateral", lateral,
         "Connect to earlier columns\nLateral connections from the frozen earlier columns into the "
         "new one (Rusu et al. 2016).");
  v.flag("warm_start", warm_start,
         "Start from the previous column\nNet2Net-style start from the previous column's weights "
         "(not in Rusu et al. 2016).");
}

ProgressiveNet::ProgressiveNet(int input, const std::vector<int>& hidden, Activation act)
    : input_(input), hidden_(hidden), act_(act) {}

int ProgressiveNet::add_column(int classes, bool lateral, bool preserve, Rng& rng) {
  for (auto& column : cols_)
    for (Layer& layer : column) {
      layer.W.trainable = layer.b.trainable = false;
      for (ParamBlock& u : layer.U) u.trainable = false;
    }
  const int c = num_columns();
  const int laterals = lateral ? c : 0;
  std::vector<Layer> column(num_layers());
  int in = input_;
  for (int i = 0; i < num_layers(); ++i) {
    Layer& layer = column[i];
    const bool last = i + 1 == num_layers();
    const int out = last ? classes : hidden_[i];
    const std::string name = "col" + std::to_string(c) + "." + std::to_string(i);
    layer.act = last ? Activation::kIdentity : act_;
    layer.W.name = name + ".W";
    layer.b.name = name + ".b";
    layer.W.value.resize(out, in);
    layer.b.value = Mat::Zero(out, 1);
    if (i > 0)
      for (int j = 0; j < laterals; ++j) {
        ParamBlock u;
        u.name = name + ".U" + std::to_string(j);
        u.value.resize(out, in);
        layer.U.push_back(std::move(u));
      }
    // Glorot (He for ReLU) over the layer's total fan-in, so the laterals do not inflate the
    // pre-activations' variance.
    const int fan_in = in * (1 + static_cast<int>(layer.U.size()));
    const double fan = layer.act == Activation::kRelu ? fan_in : 0.5 * (fan_in + out);
    const double limit = std::sqrt(3.0 / fan);
    auto fill = [&](Mat& m) {
      for (Eigen::Index col = 0; col < m.cols(); ++col)
        for (Eigen::Index row = 0; row < m.rows(); ++row)
          m(row, col) = static_cast<Scalar>(rng.uniform(-limit, limit));
    };
    fill(layer.W.value);
    for (ParamBlock& u : layer.U) fill(u.value);
    layer.W.zero_grad();
    layer.b.zero_grad();
    for (ParamBlock& u : layer.U) u.zero_grad();
    in = out;
  }
  // Function-preserving start: the new output layer reads the previous column's last hidden
  // layer (and its laterals) with the previous column's output weights, and its own path starts
  // at zero, so the new column first answers exactly like the previous one.
  if (preserve && c > 0 && !column.back().U.empty() &&
      cols_[c - 1].back().W.value.rows() == classes) {
    Layer& top = column.back();
    top.U[c - 1].value = cols_[c - 1].back().W.value;
    top.b.value = cols_[c - 1].back().b.value;
    for (size_t j = 0; j + 1 < top.U.size(); ++j) top.U[j].value = cols_[c - 1].back().U[j].value;
    top.W.value.setZero();
  }
  cols_.push_back(std::move(column));
  return c;
}

// Layer i of column k: Z = W h_{i-1}^(k) + b 1^T + sum_j U_j h_{i-1}^(j), A = f(Z). The order of
// the first three operations is Dense's, so a column without laterals computes exactly what the
// same weights compute in an Mlp.
void ProgressiveNet::compute(const Mat& X, int c, Acts& acts) const {
  acts.resize(cols_.size());
  for (int k = 0; k <= c; ++k) {
    acts[k].resize(num_layers());
    for (int i = 0; i < num_layers(); ++i) {
      const Layer& layer = cols_[k][i];
      const Mat& in = i == 0 ? X : acts[k][i - 1];
      Mat& a = acts[k][i];
      a.resize(layer.W.value.rows(), X.cols());
      a.noalias() = layer.W.value * in;
      a.colwise() += layer.b.value.col(0);
      for (size_t j = 0; j < layer.U.size(); ++j) a.noalias() += layer.U[j].value * acts[j][i - 1];
      activate(layer.act, a, a);
    }
  }
}

const Mat& ProgressiveNet::forward(const Mat& X, int c) {
  assert(c >= 0 && c < num_columns() && X.rows() == input_);
  x_ = &X;
  compute(X, c, acts_);
  return acts_[c].back();
}

void ProgressiveNet::infer(const Mat& X, int c, Mat& logits) const {
  Acts acts;
  compute(X, c, acts);
  logits = std::move(acts[c].back());
}

// Layer i of column c, A = f(Z), Z as in compute():
//   dL/dZ = dL/dA .* f'(Z)
//   dL/dW = dL/dZ (h_{i-1}^(c))^T,  dL/db = dL/dZ 1,  dL/dU_j = dL/dZ (h_{i-1}^(j))^T
//   dL/dh_{i-1}^(c) = W^T dL/dZ   (the earlier columns' h are constants: they are frozen)
void ProgressiveNet::backward(const Mat& dlogits, int c) {
  assert(x_ != nullptr);
  const Mat* d = &dlogits;
  for (int i = num_layers() - 1; i >= 0; --i) {
    Layer& layer = cols_[c][i];
    activate_backward(layer.act, acts_[c][i], *d, dz_);
    const Mat& in = i == 0 ? *x_ : acts_[c][i - 1];
    if (layer.W.trainable) layer.W.grad.noalias() += dz_ * in.transpose();
    if (layer.b.trainable) layer.b.grad.noalias() += dz_.rowwise().sum();
    for (size_t j = 0; j < layer.U.size(); ++j)
      if (layer.U[j].trainable) layer.U[j].grad.noalias() += dz_ * acts_[j][i - 1].transpose();
    if (i > 0) {
      da_next_.resize(layer.W.value.cols(), dz_.cols());
      da_next_.noalias() = layer.W.value.transpose() * dz_;
      std::swap(da_, da_next_);
      d = &da_;
    }
  }
}

ParamList ProgressiveNet::params(int c) {
  ParamList list;
  for (Layer& layer : cols_[c]) {
    list.push_back(&layer.W);
    list.push_back(&layer.b);
    for (ParamBlock& u : layer.U) list.push_back(&u);
  }
  return list;
}

Mlp ProgressiveNet::column_mlp(int c) const {
  MlpSpec spec;
  spec.input = input_;
  spec.hidden = hidden_;
  spec.output = static_cast<int>(cols_[c].back().W.value.rows());
  spec.hidden_act = act_;
  Rng unused(0);
  Mlp net(spec, unused, "col" + std::to_string(c));
  for (int i = 0; i < num_layers(); ++i) {
    net.layers[i].W.value = cols_[c][i].W.value;
    net.layers[i].b.value = cols_[c][i].b.value;
  }
  return net;
}

double ProgressiveNet::lateral_norm(int c, int i, int j) const {
  if (i < 1 || i >= num_layers()) return 0;
  const std::vector<ParamBlock>& U = cols_[c][i].U;
  return j < static_cast<int>(U.size()) ? static_cast<double>(U[j].value.norm()) : 0.0;
}

Progressive::Progressive(const ProgressiveConfig& cfg, std::vector<Dataset> tasks,
                         std::vector<Dataset> tests, Rng rng)
    : cfg_(cfg), tests_(std::move(tests)), rng_(rng) {
  assert(!tasks.empty());
  for (const Dataset& t : tasks) tasks_.push_back(t.labelled());
  tests_.resize(tasks_.size());
  reset();
}

void Progressive::reset() {
  Rng root = rng_;
  init_rngs_.clear();
  batch_rngs_.clear();
  for (size_t k = 0; k < tasks_.size(); ++k) {
    init_rngs_.push_back(root.split(1 + 2 * k));
    batch_rngs_.push_back(root.split(2 + 2 * k));
  }
  const Activation act = cfg_.train.act;
  net_ = ProgressiveNet(tasks_[0].dim(), cfg_.train.hidden, act);
  frozen_acc_.assign(tasks_.size(), std::numeric_limits<double>::quiet_NaN());
  steps_ = 0;
  start_task(0);
}

long Progressive::task_steps(int k) const {
  return steps_for(tasks_[k].size(), cfg_.train.batch,
                   k == 0 ? cfg_.source_epochs : cfg_.train.epochs);
}

long Progressive::total_steps() const {
  long total = 0;
  for (int k = 0; k < num_tasks(); ++k) total += task_steps(k);
  return total;
}

void Progressive::start_task(int k) {
  if (k > 0) frozen_acc_[k - 1] = task_accuracy(k - 1);
  net_.add_column(std::max(2, tasks_[k].num_classes), cfg_.lateral, cfg_.warm_start, init_rngs_[k]);
  TrainConfig tc = cfg_.train;
  if (k == 0) tc.lr = cfg_.source_lr;
  opt_ = Optimizer(make_optimizer_config(tc));
  batcher_ = Batcher(tasks_[k].size(), cfg_.train.batch, batch_rngs_[k]);
  task_step_ = 0;
}

StepStats Progressive::step() {
  int k = current_task();
  while (task_step_ >= task_steps(k) && k + 1 < num_tasks()) start_task(++k);
  StepStats s;
  s.phase = "task" + std::to_string(k + 1);
  s.step = ++steps_;
  ++task_step_;
  if (!tasks_[k].empty()) {
    gather(tasks_[k], batcher_.next(), xb_, yb_);
    const ParamList ps = net_.params(k);
    zero_grads(ps);
    s.loss = softmax_cross_entropy(net_.forward(xb_, k), yb_, dlogits_);
    net_.backward(dlogits_, k);
    const Scalar penalty = add_penalties(ps);
    s.loss += penalty;
    opt_.step(ps);
  }
  // Switch as soon as a task's budget is spent, so the next column exists right away.
  if (task_step_ >= task_steps(k) && k + 1 < num_tasks()) start_task(k + 1);
  return s;
}

double Progressive::evaluate(bool with_grad) {
  const int k = current_task();
  const ParamList ps = net_.params(k);
  zero_grads(ps);
  double loss = softmax_cross_entropy(net_.forward(tasks_[k].X, k), tasks_[k].y, dlogits_);
  if (with_grad) net_.backward(dlogits_, k);
  return loss + add_penalties(ps);
}

Vec Progressive::gradient() {
  evaluate(true);
  return flatten_grads(params());
}

Mat Progressive::predict_task(const Mat& X, int task) const {
  Mat logits, probs;
  net_.infer(X, task, logits);
  softmax(logits, probs);
  return probs;
}

double Progressive::task_accuracy(int k) const {
  if (k >= net_.num_columns() || tests_[k].empty()) return 0;
  Mat logits;
  net_.infer(tests_[k].X, k, logits);
  return accuracy(argmax_cols(logits), tests_[k].y);
}

double Progressive::accuracy_at_freeze(int k) const {
  return frozen_acc_[k];
}

Metrics Progressive::metrics() {
  Metrics m;
  for (int k = 0; k < net_.num_columns(); ++k)
    if (!tests_[k].empty())
      m.emplace_back("task" + std::to_string(k + 1) + "_acc", task_accuracy(k));
  return m;
}

TL_NAMESPACE_END

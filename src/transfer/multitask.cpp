#include "transfer/multitask.h"

#include <algorithm>
#include <cassert>

#include "core/loss.h"
#include "core/metrics.h"

TL_NAMESPACE_BEGIN

void MultitaskConfig::visit(ConfigVisitor& v) {
  train.visit(v);
  v.real("weight_a", weight_a, 0.0, 100.0,
         "Task A's weight\nWeight of task A's loss in the joint objective.");
  v.real("weight_b", weight_b, 0.0, 100.0,
         "Task B's weight\nWeight of task B's loss in the joint objective.");
  v.integer("input_width", input_width, 0, kMaxLayerWidth,
            "Own input layer per task\nWidth of each task's own input layer before the shared "
            "layers (0 = no own layer: the input is shared).");
}

TrainConfig single_task_config(const MultitaskConfig& cfg) {
  TrainConfig tc = cfg.train;
  if (cfg.input_width > 0) tc.hidden.insert(tc.hidden.begin(), cfg.input_width);
  return tc;
}

MultitaskNet::MultitaskNet(int input, const std::vector<int>& hidden, Activation act,
                           const std::vector<int>& classes, Rng& rng) {
  assert(!hidden.empty());
  MlpSpec spec;
  spec.input = input;
  spec.hidden.assign(hidden.begin(), hidden.end() - 1);
  spec.output = hidden.back();
  spec.hidden_act = act;
  spec.output_act = act;
  trunk = Mlp(spec, rng, "trunk");
  for (size_t t = 0; t < classes.size(); ++t) {
    heads.emplace_back(hidden.back(), classes[t], Activation::kIdentity,
                       "head" + std::to_string(t));
    heads.back().init(rng);
  }
}

MultitaskNet::MultitaskNet(const std::vector<int>& input_dims, int input_width,
                           const std::vector<int>& hidden, Activation act,
                           const std::vector<int>& classes, Rng& rng)
    : MultitaskNet(input_width, hidden, act, classes, rng) {
  assert(input_width > 0 && input_dims.size() == classes.size());
  for (size_t t = 0; t < input_dims.size(); ++t) {
    inputs.emplace_back(input_dims[t], input_width, act, "input" + std::to_string(t));
    inputs.back().init(rng);
  }
}

void MultitaskNet::infer(const Mat& X, int task, Mat& logits) const {
  Mat u, h;
  if (task_inputs()) inputs[task].infer(X, u);
  trunk.infer(task_inputs() ? u : X, h);
  heads[task].infer(h, logits);
}

ParamList MultitaskNet::params() {
  ParamList list;
  for (Dense& in : inputs) {
    list.push_back(&in.W);
    list.push_back(&in.b);
  }
  const ParamList shared = trunk.params();
  list.insert(list.end(), shared.begin(), shared.end());
  for (Dense& head : heads) {
    list.push_back(&head.W);
    list.push_back(&head.b);
  }
  return list;
}

Multitask::Multitask(const MultitaskConfig& cfg, Dataset task_a, Dataset task_b, Dataset test_a,
                     Dataset test_b, Rng rng)
    : cfg_(cfg),
      a_(task_a.labelled()),
      b_(task_b.labelled()),
      test_a_(std::move(test_a)),
      test_b_(std::move(test_b)),
      rng_(rng) {
  reset();
}

void Multitask::reset() {
  Rng root = rng_;
  Rng init_rng = root.split(1);
  Rng a_rng = root.split(2);
  Rng b_rng = root.split(3);
  const Activation act = cfg_.train.act;
  const std::vector<int> classes = {std::max(2, a_.num_classes), std::max(2, b_.num_classes)};
  if (cfg_.input_width > 0)
    net_ = MultitaskNet({a_.dim(), b_.dim()}, cfg_.input_width, cfg_.train.hidden, act, classes,
                        init_rng);
  else
    net_ = MultitaskNet(std::max(a_.dim(), b_.dim()), cfg_.train.hidden, act, classes, init_rng);
  opt_ = Optimizer(make_optimizer_config(cfg_.train));
  batch_a_ = Batcher(a_.size(), cfg_.train.batch, a_rng);
  batch_b_ = Batcher(b_.size(), cfg_.train.batch, b_rng);
  total_ = steps_for(std::max(a_.size(), b_.size()), cfg_.train.batch, cfg_.train.epochs);
  steps_ = 0;
}

// Both tasks' points go through the trunk as one matrix [U_a U_b], where U_t = X_t (shared input)
// or U_t = f(V_t X_t + c_t) (task t's own input layer); each head sees its columns.
//   dL/dz_a = weight_a dCE_a/dz_a,  dL/dz_b = weight_b dCE_b/dz_b
//   dL/dH = [W_a^T dL/dz_a, W_b^T dL/dz_b]   (the trunk's gradient is the sum over both tasks)
//   [dL/dU_a dL/dU_b] = the trunk's input gradient; task t's input layer gets only its columns:
//   dL/dV_t = (dL/dU_t . f'(V_t X_t + c_t)) X_t^T, so V_b never sees task A's loss (nor V_a task
//   B's).
double Multitask::loss_on(const Mat& Xa, const Labels& ya, const Mat& Xb, const Labels& yb,
                          bool with_grad, Metrics* aux) {
  const Eigen::Index na = Xa.cols(), nb = Xb.cols();
  const bool own = net_.task_inputs();
  const ParamList ps = net_.params();
  zero_grads(ps);
  x_.resize(own ? net_.inputs[0].out() : std::max(Xa.rows(), Xb.rows()), na + nb);
  if (na) x_.leftCols(na) = own ? net_.inputs[0].forward(Xa) : Xa;
  if (nb) x_.rightCols(nb) = own ? net_.inputs[1].forward(Xb) : Xb;
  const Mat& H = net_.trunk.forward(x_);
  ha_ = H.leftCols(na);
  hb_ = H.rightCols(nb);
  double loss_a = 0, loss_b = 0;
  if (na) loss_a = softmax_cross_entropy(net_.heads[0].forward(ha_), ya, dza_);
  if (nb) loss_b = softmax_cross_entropy(net_.heads[1].forward(hb_), yb, dzb_);
  if (with_grad) {
    dh_.resize(H.rows(), na + nb);
    if (na) {
      dza_ *= static_cast<Scalar>(cfg_.weight_a);
      dh_.leftCols(na) = net_.heads[0].backward(dza_);
    }
    if (nb) {
      dzb_ *= static_cast<Scalar>(cfg_.weight_b);
      dh_.rightCols(nb) = net_.heads[1].backward(dzb_);
    }
    const Mat& du = net_.trunk.backward(dh_, own);
    if (own && na) {
      dua_ = du.leftCols(na);
      net_.inputs[0].backward(dua_, false);
    }
    if (own && nb) {
      dub_ = du.rightCols(nb);
      net_.inputs[1].backward(dub_, false);
    }
  }
  const double penalty = add_penalties(ps);
  if (aux) {
    aux->emplace_back("loss_a", loss_a);
    aux->emplace_back("loss_b", loss_b);
  }
  return cfg_.weight_a * loss_a + cfg_.weight_b * loss_b + penalty;
}

StepStats Multitask::step() {
  StepStats s;
  s.phase = "train";
  s.step = ++steps_;
  if (a_.empty() && b_.empty()) return s;
  // An empty task contributes an empty block (and nothing to the loss).
  gather(a_, a_.empty() ? std::vector<int>() : batch_a_.next(), xa_, ya_);
  gather(b_, b_.empty() ? std::vector<int>() : batch_b_.next(), xb_, yb_);
  s.loss = loss_on(xa_, ya_, xb_, yb_, true, &s.aux);
  opt_.step(net_.params());
  return s;
}

double Multitask::evaluate(bool with_grad) {
  return loss_on(a_.X, a_.y, b_.X, b_.y, with_grad, nullptr);
}

Vec Multitask::gradient() {
  evaluate(true);
  return flatten_grads(net_.params());
}

Mat Multitask::predict_task(const Mat& X, int task) const {
  Mat logits, probs;
  net_.infer(X, task, logits);
  softmax(logits, probs);
  return probs;
}

Metrics Multitask::metrics() {
  Metrics m;
  Mat logits;
  for (int t = 0; t < 2; ++t) {
    const Dataset& test = t == 0 ? test_a_ : test_b_;
    if (test.empty()) continue;
    net_.infer(test.X, t, logits);
    m.emplace_back(t == 0 ? "task_a_acc" : "task_b_acc", accuracy(argmax_cols(logits), test.y));
  }
  return m;
}

TL_NAMESPACE_END

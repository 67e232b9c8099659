#pragma once
/// Multitask learning: one trunk of hidden layers shared by two tasks, one output layer (head)
/// per task, trained on the weighted sum of the tasks' losses. A task with few labels borrows the
/// features that a related task with many labels shapes.
///
/// R. Caruana. Multitask learning. Machine Learning 28(1):41-75, 1997.
#include <vector>

#include "core/mlp.h"
#include "core/optimizer.h"
#include "core/rng.h"
#include "data/dataset.h"
#include "transfer/method.h"
#include "transfer/supervised.h"

TL_NAMESPACE_BEGIN

struct MultitaskConfig {
  TrainConfig train;      ///< trunk widths (hidden), optimizer; epochs count passes over task A
  double weight_a = 1.0;  ///< weight of task A's loss
  double weight_b = 1.0;  ///< weight of task B's loss
  void visit(ConfigVisitor& v);
};

/// A shared trunk (all hidden layers) and one linear head per task.
class MultitaskNet {
 public:
  MultitaskNet() = default;
  /// hidden: at least one width; classes: output size of each head.
  MultitaskNet(int input, const std::vector<int>& hidden, Activation act,
               const std::vector<int>& classes, Rng& rng);
  /// Logits of head `task` for X (input x n), classes x n; leaves the training caches alone.
  void infer(const Mat& X, int task, Mat& logits) const;
  ParamList params();
  int num_tasks() const { return static_cast<int>(heads.size()); }

  Mlp trunk;                 ///< input -> last hidden layer (hidden activation throughout)
  std::vector<Dense> heads;  ///< last hidden -> classes of each task (logits)
};

class Multitask : public Method {
 public:
  Multitask() = default;
  /// Task A (index 0) and task B (index 1): training sets, held-out sets (may be empty).
  Multitask(const MultitaskConfig& cfg, Dataset task_a, Dataset task_b, Dataset test_a,
            Dataset test_b, Rng rng);

  void reset() override;
  // L = weight_a mean CE(head_a(trunk(X_a)), y_a) + weight_b mean CE(head_b(trunk(X_b)), y_b)
  //     + block penalties;  one minibatch of each task per step, through the trunk together.
  StepStats step() override;
  /// Class probabilities of task B (the few-label task).
  Mat predict(const Mat& X) override { return predict_task(X, 1); }
  Mat predict_task(const Mat& X, int task) const;
  /// task_a_acc, task_b_acc on the held-out sets.
  Metrics metrics() override;
  ParamList params() override { return net_.params(); }
  /// L above on both whole training sets, and its gradient.
  double objective() override { return evaluate(false); }
  Vec gradient() override;

  long total_steps() const { return total_; }
  long steps_done() const { return steps_; }
  const MultitaskNet& net() const { return net_; }

 private:
  /// Loss on (Xa, ya) and (Xb, yb) through one trunk pass; gradients when with_grad.
  double loss_on(const Mat& Xa, const Labels& ya, const Mat& Xb, const Labels& yb, bool with_grad,
                 Metrics* aux);
  double evaluate(bool with_grad);

  MultitaskConfig cfg_;
  Dataset a_, b_, test_a_, test_b_;
  Rng rng_;
  MultitaskNet net_;
  Optimizer opt_;
  Batcher batch_a_, batch_b_;
  long total_ = 0, steps_ = 0;
  Mat xa_, xb_, x_, ha_, hb_, dza_, dzb_, dh_;
  Labels ya_, yb_;
};

TL_NAMESPACE_END

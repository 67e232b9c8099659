#pragma once
/// Multitask learning: one trunk of hidden layers shared by two tasks, one output layer (head)
/// per task, trained on the weighted sum of the tasks' losses. A task with few labels borrows the
/// features that a related task with many labels shapes. Optionally each task also has its own
/// input layer (its inputs may live in a different space, of a different dimension) in front of
/// the shared trunk, as in multilingual speech recognition with language-specific input layers.
///
/// R. Caruana. Multitask learning. Machine Learning 28(1):41-75, 1997.
/// J.-T. Huang, J. Li, D. Yu, L. Deng, Y. Gong. Cross-language knowledge transfer using
/// multilingual deep neural network with shared hidden layers. ICASSP 2013, 7304-7308.
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
  /// Width of each task's own input layer in front of the shared trunk; 0: the tasks share the
  /// input layer (the trunk reads the inputs, which then need the same dimension).
  int input_width = 0;
  void visit(ConfigVisitor& v);
};

/// The training config of one task learnt alone by the same architecture: its input layer (when
/// input_width > 0) followed by the trunk's hidden layers and a head, as one MLP.
TrainConfig single_task_config(const MultitaskConfig& cfg);

/// A shared trunk (all hidden layers) and one linear head per task; optionally one input layer
/// per task in front of the trunk.
class MultitaskNet {
 public:
  MultitaskNet() = default;
  /// Shared input: hidden: at least one width; classes: output size of each head.
  MultitaskNet(int input, const std::vector<int>& hidden, Activation act,
               const std::vector<int>& classes, Rng& rng);
  /// Task-specific input layers: task t's input_dims[t] -> input_width (its own weights), then the
  /// shared trunk input_width -> hidden... (at least one width), then task t's head.
  MultitaskNet(const std::vector<int>& input_dims, int input_width, const std::vector<int>& hidden,
               Activation act, const std::vector<int>& classes, Rng& rng);
  /// Logits of head `task` for X (that task's input dim x n), classes x n; leaves the training
  /// caches alone.
  void infer(const Mat& X, int task, Mat& logits) const;
  ParamList params();
  int num_tasks() const { return static_cast<int>(heads.size()); }
  bool task_inputs() const { return !inputs.empty(); }

  std::vector<Dense> inputs;  ///< input of task t -> input_width (empty: shared input)
  Mlp trunk;                  ///< (input or input_width) -> last hidden layer (hidden activation)
  std::vector<Dense> heads;   ///< last hidden -> classes of each task (logits)
};

class Multitask : public Method {
 public:
  Multitask() = default;
  /// Task A (index 0) and task B (index 1): training sets, held-out sets (may be empty).
  Multitask(const MultitaskConfig& cfg, Dataset task_a, Dataset task_b, Dataset test_a,
            Dataset test_b, Rng rng);

  void reset() override;
  // L = weight_a mean CE(head_a(trunk(in_a(X_a))), y_a)
  //     + weight_b mean CE(head_b(trunk(in_b(X_b))), y_b) + block penalties;  in_t = task t's input
  //     layer (identity when the input is shared); one minibatch of each task per step, through the
  //     trunk together.
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
  /// Training set of task t (0: A, 1: B).
  const Dataset& task_data(int t) const { return t == 0 ? a_ : b_; }
  /// Held-out set of task t.
  const Dataset& test_data(int t) const { return t == 0 ? test_a_ : test_b_; }

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
  Mat xa_, xb_, x_, ha_, hb_, dza_, dzb_, dh_, dua_, dub_;
  Labels ya_, yb_;
};

TL_NAMESPACE_END

#pragma once
/// Progressive neural networks: one column (an MLP) per task. Column k is trained on task k while
/// the earlier columns are frozen; each of its layers after the first also receives the earlier
/// columns' activations of the layer below through lateral connections:
///   h_i^(k) = f(W_i^(k) h_{i-1}^(k) + sum_{j<k} U_i^(k:j) h_{i-1}^(j) + b_i^(k)),  h_0 = x.
/// Each task is answered by its own column, and a column never changes after its task, so
/// earlier tasks are not forgotten (by construction) while later tasks reuse their features.
/// The laterals are the paper's linear form (its eq. 1). As in the paper, a new column is
/// randomly initialised; `warm_start` (not in the paper) instead starts it from the previous
/// column's function (see ProgressiveNet::add_column).
///
/// A. A. Rusu, N. C. Rabinowitz, G. Desjardins, H. Soyer, J. Kirkpatrick, K. Kavukcuoglu,
/// R. Pascanu, R. Hadsell. Progressive neural networks. arXiv:1606.04671, 2016.
#include <string>
#include <vector>

#include "core/mlp.h"
#include "core/optimizer.h"
#include "core/rng.h"
#include "data/dataset.h"
#include "transfer/method.h"
#include "transfer/supervised.h"

TL_NAMESPACE_BEGIN

struct ProgressiveConfig {
  TrainConfig train;        ///< every column's widths and activation; lr, epochs of tasks 2, 3..
  int source_epochs = 40;   ///< passes over task 1's data (the first column)
  double source_lr = 0.01;  ///< learning rate of the first column
  bool lateral = true;      ///< lateral connections (off: independent columns, i.e. scratch)
  /// Net2Net-style start: a new column first computes the previous column's function (see
  /// ProgressiveNet::add_column). Off (the paper's method): new columns are randomly initialised.
  bool warm_start = false;
  ProgressiveConfig() { train.epochs = 100; }
  void visit(ConfigVisitor& v);
};

class ProgressiveNet {
 public:
  ProgressiveNet() = default;
  ProgressiveNet(int input, const std::vector<int>& hidden, Activation act);

  /// Adds a column with `classes` outputs, with lateral connections from every existing column
  /// when `lateral`, and freezes the existing columns. Returns the new column's index. With
  /// `preserve` (and laterals, and the previous column's class count), the new column starts by
  /// computing exactly the previous column's outputs: its output layer's laterals copy the
  /// previous column's output weights (and laterals), its own output weights start at zero
  /// (a function-preserving initialisation, as in T. Chen, I. Goodfellow, J. Shlens. Net2Net:
  /// accelerating learning via knowledge transfer. ICLR 2016). Training then starts from the
  /// previous task's solution, as fine-tuning does, without touching the previous columns.
  int add_column(int classes, bool lateral, bool preserve, Rng& rng);
  int num_columns() const { return static_cast<int>(cols_.size()); }
  /// Layers per column (hidden layers + output layer).
  int num_layers() const { return static_cast<int>(hidden_.size()) + 1; }

  /// Logits of column c for X (input x n), computing columns 0..c; X must stay alive and
  /// unchanged until backward().
  const Mat& forward(const Mat& X, int c);
  /// Back-propagates dlogits (classes x n) of the last forward() into column c's own blocks
  /// (W, b, U); the earlier columns receive nothing (they are frozen).
  void backward(const Mat& dlogits, int c);
  /// Logits of column c, leaving the training caches alone.
  void infer(const Mat& X, int c, Mat& logits) const;

  /// Column c's blocks: per layer W, b, then its laterals U.
  ParamList params(int c);
  /// Column c as a plain MLP (its laterals, if any, are dropped): column 0 is exactly an MLP.
  Mlp column_mlp(int c) const;

  int input_dim() const { return input_; }
  const std::vector<int>& hidden() const { return hidden_; }
  /// Width of layer i of column c (the last layer: the column's classes).
  int layer_width(int c, int i) const { return static_cast<int>(cols_[c][i].W.value.rows()); }
  /// Whether column c has a lateral adapter from column j (j < c) into its layers 1, 2, ...
  bool has_lateral(int c, int j) const {
    return num_layers() > 1 && j < static_cast<int>(cols_[c][1].U.size());
  }
  /// Frobenius norm of the lateral adapter U_i^(c:j) (layer i >= 1 of column c, from column j's
  /// layer i - 1); 0 when there is none.
  double lateral_norm(int c, int i, int j) const;
  /// Whether column c is frozen (a later column exists).
  bool frozen(int c) const { return c + 1 < num_columns(); }

 private:
  struct Layer {
    ParamBlock W, b;
    std::vector<ParamBlock> U;  ///< U[j]: from column j's layer below (empty for layer 0)
    Activation act = Activation::kIdentity;
  };
  using Acts = std::vector<std::vector<Mat>>;  ///< [column][layer] activations, width x n
  void compute(const Mat& X, int c, Acts& acts) const;

  int input_ = 0;
  std::vector<int> hidden_;
  Activation act_ = Activation::kTanh;
  std::vector<std::vector<Layer>> cols_;
  Acts acts_;
  const Mat* x_ = nullptr;
  Mat dz_, da_, da_next_;
};

class Progressive : public Method {
 public:
  Progressive() = default;
  /// tasks[k]: training set of task k (column k); tests[k]: its held-out set (may be empty).
  Progressive(const ProgressiveConfig& cfg, std::vector<Dataset> tasks, std::vector<Dataset> tests,
              Rng rng);

  void reset() override;
  // Phase "task<k+1>", column k trainable, earlier columns frozen:
  // L = mean CE(column_k(X_k), y_k)
  StepStats step() override;
  /// Class probabilities of the column being trained (or the last one).
  Mat predict(const Mat& X) override { return predict_task(X, current_task()); }
  Mat predict_task(const Mat& X, int task) const;
  /// task<k>_acc for every column built so far, on its task's held-out set.
  Metrics metrics() override;
  ParamList params() override { return net_.params(current_task()); }
  /// L above on the current task's whole training set, and its gradient.
  double objective() override { return evaluate(false); }
  Vec gradient() override;

  /// Index of the task whose column is being trained.
  int current_task() const { return net_.num_columns() - 1; }
  int num_tasks() const { return static_cast<int>(tasks_.size()); }
  long total_steps() const;
  long steps_done() const { return steps_; }
  /// Steps spent on task k.
  long task_steps(int k) const;
  /// Held-out accuracy of column k when it was frozen (NaN while it is still trained).
  double accuracy_at_freeze(int k) const;
  double task_accuracy(int k) const;
  const ProgressiveNet& net() const { return net_; }

 private:
  void start_task(int k);
  double evaluate(bool with_grad);

  ProgressiveConfig cfg_;
  std::vector<Dataset> tasks_, tests_;
  Rng rng_;
  std::vector<Rng> init_rngs_, batch_rngs_;
  ProgressiveNet net_;
  Optimizer opt_;
  Batcher batcher_;
  long steps_ = 0, task_step_ = 0;
  std::vector<double> frozen_acc_;
  Mat xb_, dlogits_;
  Labels yb_;
};

TL_NAMESPACE_END

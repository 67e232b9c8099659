#pragma once
/// Plain supervised training of an MLP classifier (softmax cross-entropy plus the parameter
/// blocks' penalties), the building block of every method and of every baseline.
#include <vector>

#include "core/mlp.h"
#include "core/optimizer.h"
#include "core/rng.h"
#include "data/dataset.h"
#include "transfer/method.h"

TL_NAMESPACE_BEGIN

/// Shuffled minibatches over n points; an epoch visits every point once (the last partial batch
/// is kept), reshuffling at each epoch start.
class Batcher {
 public:
  Batcher() = default;
  Batcher(int n, int batch, Rng rng);
  const std::vector<int>& next();
  long batches_per_epoch() const { return per_epoch_; }
  int size() const { return n_; }

 private:
  int n_ = 0, batch_ = 1;
  long per_epoch_ = 0;
  size_t pos_ = 0;
  std::vector<int> order_, current_;
  Rng rng_;
};

/// Copies the columns idx of ds into X (dim x |idx|) and their labels into y, reusing storage.
void gather(const Dataset& ds, const std::vector<int>& idx, Mat& X, Labels& y);

MlpSpec make_spec(const TrainConfig& tc, int input, int output);
OptimizerConfig make_optimizer_config(const TrainConfig& tc);
/// Steps for `epochs` passes over n points in minibatches of `batch`.
long steps_for(int n, int batch, int epochs);

/// Class probabilities of a network's outputs (softmax of logits), classes x n: see
/// Mlp::predict_proba (display precision included).
Mat predict_proba(const Mlp& net, const Mat& X);
/// Accuracy of a network on the labelled points of ds.
double accuracy_of(const Mlp& net, const Dataset& ds);

/// Columns per shard of a data-parallel minibatch gradient.
constexpr int kShardColumns = 64;
/// Shards computed at once (each on its own copy of the network): a large minibatch runs in
/// waves of this many, so memory is bounded by this, not by batch / kShardColumns. Fixed (not
/// the thread count), so the reduction order and the results do not depend on threads.
constexpr int kShardsInFlight = 8;

class SupervisedTrainer {
 public:
  SupervisedTrainer() = default;
  /// Trains `net` on the labelled points of `data` (unlabelled points are ignored).
  SupervisedTrainer(Mlp net, Dataset data, const TrainConfig& tc, Rng rng);

  /// L = mean softmax cross-entropy of the minibatch + sum of block penalties (l2, anchors).
  StepStats step();
  long steps_per_epoch() const { return batcher_.batches_per_epoch(); }
  long steps_done() const { return steps_; }
  const Dataset& data() const { return data_; }
  /// The whole objective on the full training set and its gradient (flattened over params).
  double objective();
  Vec gradient();

  Mlp net;
  Optimizer optimizer;

 private:
  double evaluate(bool with_grad);
  /// Softmax cross-entropy and its gradient on the minibatch xb_/yb_ into net's grads; returns
  /// the loss. Batches larger than kShardColumns are cut into fixed shards computed on the
  /// training pool and reduced in shard order (identical results for any thread count).
  double batch_gradient();
  /// One shard of batch_gradient(): columns [k kShardColumns, ...) of the minibatch on replica
  /// `slot` (k mod kShardsInFlight).
  void shard_gradient(int k, int slot);
  Dataset data_;
  // Workspaces: buffers keep their storage per batch shape, so that a steady-state step
  // allocates nothing (tests/core/test_allocations.cpp).
  std::vector<Mlp> replicas_;
  std::vector<ParamList> shard_params_;
  std::vector<Workspace> shard_x_, shard_d_;
  std::vector<Labels> shard_y_;
  std::vector<double> shard_loss_;
  std::vector<int> shard_count_;
  int wave_begin_ = 0;  // first shard of the wave being computed
  ParamList params_;
  Batcher batcher_;
  Workspace xb_, dlogits_;
  Labels yb_;
  long steps_ = 0;
};

TL_NAMESPACE_END

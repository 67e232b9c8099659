#pragma once
/// Fine-tuning: pre-train a network on the labelled source task, then continue training all of it
/// on the few labelled target points (`shots` per class; 1 = one-shot). When the target's classes
/// differ from the source's, the output layer is re-initialised for the new classes.
///
/// J. Yosinski, J. Clune, Y. Bengio, H. Lipson. How transferable are features in deep neural
/// networks? NeurIPS 2014.
///
/// The class is also the base of the methods that only change how the adaptation phase treats
/// the copied weights: conservative training (penalties toward the source model) and layer
/// transfer (per-layer copy/freeze/re-initialise).
#include <optional>
#include <vector>

#include "core/mlp.h"
#include "core/optimizer.h"
#include "core/rng.h"
#include "data/dataset.h"
#include "transfer/method.h"
#include "transfer/supervised.h"

TL_NAMESPACE_BEGIN

/// Labelled source and target data of a two-phase method. The *_test sets are held out: only
/// metrics() reads them (they may be empty).
struct TransferData {
  Dataset source, target;
  Dataset source_test, target_test;
  /// Set by whoever builds the pair: true when label k names the same class in the source and
  /// the target (e.g. moons and rotated moons), false when the target's labels are other classes
  /// (e.g. digits 5-9 relabelled 0-4). Matching class counts alone do not make the classes the
  /// same.
  bool shared_classes = false;
};

struct FineTuneConfig {
  /// The adaptation phase (lr, epochs over the target points, batch) and the network (hidden,
  /// act); the scratch baseline of a scenario uses the same fields on the target alone.
  TrainConfig train;
  int source_epochs = 40;   ///< passes over the source data during pre-training
  double source_lr = 0.01;  ///< learning rate of pre-training
  bool reinit_output =
      false;  ///< new output layer for the target (forced when class counts differ)
  FineTuneConfig() { train.epochs = 100; }
  void visit(ConfigVisitor& v);
  /// Only the training and pre-training fields (for methods that decide layer by layer).
  void visit_training(ConfigVisitor& v);
};

class FineTune : public Method {
 public:
  FineTune() = default;
  FineTune(const FineTuneConfig& cfg, TransferData data, Rng rng);

  /// Fresh network from the seed, pre-training phase.
  void reset() override;
  // Pre-training:  L = mean CE(net(X_src), y_src)
  // Adaptation:    L = mean CE(net(X_tgt), y_tgt) + sum of block penalties + extra_loss()
  StepStats step() override;
  Mat predict(const Mat& X) override { return predict_proba(net(), X); }
  /// source_acc (source model on source_test), target_acc (current network on target_test),
  /// source_only_target_acc (source model on target_test, only when data().shared_classes),
  /// source_acc_after (source task after adaptation, see source_acc_after()), weight_distance.
  Metrics metrics() override;
  /// Trainable blocks of the current phase.
  ParamList params() override;
  /// The objective above on the whole training set of the current phase, and its gradient.
  double objective() override { return evaluate(false); }
  Vec gradient() override;

  /// Ends pre-training and starts adaptation from `source` (a network trained on the source
  /// task). Side-by-side variants call it to share one pre-trained model.
  void begin_adapt(const Mlp& source);

  bool adapting() const { return adapting_; }
  long pretrain_steps() const { return pretrain_steps_; }
  long adapt_steps() const { return adapt_steps_; }
  long total_steps() const { return pretrain_steps_ + adapt_steps_; }
  long steps_done() const { return steps_; }
  /// The network being trained (the source network while pre-training).
  const Mlp& net() const { return adapting_ ? net_ : pre_net(); }
  /// The network at the end of pre-training (valid once adapting).
  const Mlp& source_net() const { return source_net_; }
  /// True when the output layer keeps the source's classes (so source accuracy is defined).
  bool heads_match() const { return adapting_ && copied_.back(); }
  /// Whether layer i was copied from the source model (valid once adapting).
  const std::vector<bool>& copied() const { return copied_; }
  /// ||w - w_src|| / ||w_src|| over the copied layers (0 before adaptation).
  double weight_distance() const;
  const TransferData& data() const { return data_; }
  const FineTuneConfig& config() const { return cfg_; }

 protected:
  /// Decides per layer whether it is copied from the source (true) or re-initialised. Default:
  /// every layer copied except the output layer when reinit_output is set or the class counts
  /// differ.
  virtual std::vector<bool> copy_plan(const Mlp& source) const;
  /// Sets the copied network's block knobs (trainable, lr_mult, l2, anchors) before adaptation.
  virtual void configure_adapt() {}
  /// Further terms of the adaptation objective, evaluated on `X_target`: the minibatch, whose
  /// columns are the points `*batch` of data_.target, or the whole target training set when
  /// `batch` is null. Accumulates their gradients into the adaptation blocks and returns their
  /// value. Called after the cross-entropy's backward pass.
  virtual double extra_loss(const Mat& X_target, const std::vector<int>* batch, Metrics& aux) {
    return 0;
  }
  /// Appends further trainable blocks of the adaptation phase (e.g. a second head) to `ps`.
  virtual void add_params(ParamList& ps) {}
  /// Accuracy on source_test of the adapted model's source-task prediction: the current network
  /// when its output layer is the source's (heads_match()); none otherwise.
  virtual std::optional<double> source_acc_after() const;
  /// All trainable and frozen blocks of the adaptation phase (net_'s, then add_params()), in a
  /// member list refreshed on each call (a training step does not allocate).
  const ParamList& adapt_params();

  FineTuneConfig cfg_;
  TransferData data_;
  Mlp net_;         ///< the adapted network
  Mlp source_net_;  ///< snapshot of the source model
  std::vector<bool> copied_;
  Rng aux_rng_;  ///< for subclasses (drawn in reset() after the base class's generators)

 private:
  double evaluate(bool with_grad);
  /// The pre-training trainer, built on first use (variants that start from a shared source
  /// model never hold a copy of the source data in one).
  SupervisedTrainer& pretrainer();
  const Mlp& pre_net() const { return pre_ ? pre_->net : init_net_; }

  Rng rng_;
  Rng pre_rng_, reinit_rng_, adapt_rng_;
  Mlp init_net_;
  std::optional<SupervisedTrainer> pre_;
  Optimizer opt_;
  Batcher batcher_;
  bool adapting_ = false;
  long pretrain_steps_ = 0, adapt_steps_ = 0, steps_ = 0;
  Mat xb_, dlogits_;
  Labels yb_;
  ParamList adapt_ps_;  ///< storage of adapt_params()
};

TL_NAMESPACE_END

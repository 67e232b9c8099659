#pragma once
/// Conservative training: fine-tuning with a penalty that keeps the adapted model close to the
/// source model, so that a handful of target points cannot drag it far away (less over-fitting,
/// less forgetting of the source task).
///
/// Parameters close (L2-SP): alpha/2 ||w - w_src||^2 on the layers copied from the source and
/// beta/2 ||W||^2 on re-initialised layers' weights.
///   X. Li, Y. Grandvalet, F. Davoine. Explicit inductive bias for transfer learning with
///   convolutional networks. ICML 2018.
/// Outputs close (Learning without Forgetting): the source model's output layer is kept as a
/// second head (the "old head") on the shared trunk, next to the target's head; its outputs on the
/// target training inputs are recorded when adaptation begins, and
///   kl * T^2 * 1/m sum_x KL(softmax(z_rec(x)/T) || softmax(z_old(x)/T))
/// keeps the old head's current outputs z_old close to the recorded ones z_rec while the trunk,
/// the old head and the target head are trained together. Only target inputs are used, so it
/// needs no source data and works when the target's classes differ from the source's (the target
/// head is then new). With the source's classes the target head is the copied source head (as in
/// fine-tuning) and the old head a separate copy of it. With alpha > 0 the old head is pulled
/// toward the source's output layer like the copied layers.
///   Z. Li, D. Hoiem. Learning without forgetting. ECCV 2016 (TPAMI 2018).
///   D. Yu, K. Yao, H. Su, G. Li, F. Seide. KL-divergence regularized deep neural network
///   adaptation for improved large vocabulary speech recognition. ICASSP 2013 (output KL on the
///   target inputs, there on the shared output layer).
/// kl_inputs = rehearsal measures the same term on stored source inputs instead (minibatches of
/// the source training set, outputs of the frozen source model): rehearsal, not LwF.
///
/// alpha = beta = kl = 0 is plain fine-tuning, bit for bit (same generators, same arithmetic).
#include <vector>

#include "core/dense.h"
#include "transfer/fine_tune.h"

TL_NAMESPACE_BEGIN

/// Inputs of the output term (ConservativeConfig::kl_inputs).
enum class KlInputs { kTarget, kRehearsal };
inline const ChoiceSpec<KlInputs> kKlInputsChoices = {{KlInputs::kTarget, "target"},
                                                      {KlInputs::kRehearsal, "rehearsal"}};

struct ConservativeConfig {
  FineTuneConfig fine_tune;
  double alpha = 0.1;  ///< weight of the L2-SP pull toward the source weights (copied layers)
  double beta = 0.01;  ///< weight decay of re-initialised layers' weights
  double kl = 0.0;     ///< weight (lambda_o) of the old head's output term (0 = none)
  double T = 2.0;      ///< temperature of the output term (softened probabilities)
  /// Inputs of the output term: target (LwF) or rehearsal (stored source inputs).
  KlInputs kl_inputs = KlInputs::kTarget;
  void visit(ConfigVisitor& v);
};

class Conservative : public FineTune {
 public:
  Conservative() = default;
  Conservative(const ConservativeConfig& cfg, TransferData data, Rng rng);

  // Pre-training as FineTune; adaptation:
  // L = mean CE(net(X_tgt), y_tgt) + alpha/2 sum_copied ||w - w_src||^2 + beta/2 sum_new ||W||^2
  //     + kl * T^2 * 1/m sum_x KL(softmax(z_rec(x)/T) || softmax(old_head(trunk(x))/T))
  //   (x: the target minibatch; with kl_inputs = rehearsal a source minibatch, z_rec = source
  //   model)
  StepStats step() override { return FineTune::step(); }

  /// Whether the old head is kept (kl > 0, once adapting).
  bool has_old_head() const { return adapting() && old_head_built(); }
  /// The old head (valid when has_old_head()).
  const Dense& old_head() const { return old_head_; }
  const ConservativeConfig& conservative_config() const { return ccfg_; }

 protected:
  void configure_adapt() override;
  double extra_loss(const Mat& X_target, const std::vector<int>* batch, Metrics& aux) override;
  void add_params(ParamList& ps) override;
  /// Through the old head when there is one (the source task's own head), else as FineTune.
  std::optional<double> source_acc_after() const override;

 private:
  bool old_head_built() const { return old_head_.W.value.size() > 0; }

  ConservativeConfig ccfg_;
  Dense old_head_;  ///< last hidden -> source classes
  Mat z_rec_;       ///< recorded old-head logits on the target training inputs (classes x n)
  Batcher kl_batcher_;
  Mat xs_, zr_, lp_, lq_, dz_;
  Labels ys_;
};

TL_NAMESPACE_END

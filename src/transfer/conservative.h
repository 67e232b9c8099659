#pragma once
/// Conservative training: fine-tuning with a penalty that keeps the adapted model close to the
/// source model, so that a handful of target points cannot drag it far away (less over-fitting,
/// less forgetting of the source task).
///
/// Parameters close (L2-SP): alpha/2 ||w - w_src||^2 on the layers copied from the source and
/// beta/2 ||W||^2 on re-initialised layers' weights.
///   X. Li, Y. Grandvalet, F. Davoine. Explicit inductive bias for transfer learning with
///   convolutional networks. ICML 2018.
/// Outputs close (output KL): kl * mean_x KL(p_src(.|x) || p(.|x)) over source inputs (or, as in
/// the papers, over the target inputs), with p_src the frozen source model's class probabilities.
///   D. Yu, K. Yao, H. Su, G. Li, F. Seide. KL-divergence regularized deep neural network
///   adaptation for improved large vocabulary speech recognition. ICASSP 2013.
///   Z. Li, D. Hoiem. Learning without forgetting. ECCV 2016.
///
/// alpha = beta = kl = 0 is plain fine-tuning, bit for bit (same generators, same arithmetic).
#include <string>

#include "transfer/fine_tune.h"

TL_NAMESPACE_BEGIN

struct ConservativeConfig {
  FineTuneConfig fine_tune;
  double alpha = 0.1;  ///< weight of the L2-SP pull toward the source weights (copied layers)
  double beta = 0.01;  ///< weight decay of re-initialised layers' weights
  double kl = 0.0;     ///< weight of the output-KL term (needs the source's output layer)
  std::string kl_inputs = "source";  ///< inputs the KL term is measured on: source or target
  void visit(ConfigVisitor& v);
};

class Conservative : public FineTune {
 public:
  Conservative() = default;
  Conservative(const ConservativeConfig& cfg, TransferData data, Rng rng);

  // Pre-training as FineTune; adaptation:
  // L = mean CE(net(X_tgt), y_tgt) + alpha/2 sum_copied ||w - w_src||^2 + beta/2 sum_new ||W||^2
  //     + kl * 1/m sum_x KL(p_src(.|x) || p(.|x))
  StepStats step() override { return FineTune::step(); }

  const ConservativeConfig& conservative_config() const { return ccfg_; }

 protected:
  void configure_adapt() override;
  double extra_loss(const Mat& X_target, bool full, Metrics& aux) override;

 private:
  ConservativeConfig ccfg_;
  Batcher kl_batcher_;
  Mat xs_, z0_, lp_, lq_, dz_;
  Labels ys_;
};

TL_NAMESPACE_END

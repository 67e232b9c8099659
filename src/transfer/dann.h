#pragma once
/// Domain-adversarial training of neural networks (DANN) and two statistical alignment losses on
/// the same feature extractor.
///
/// - Y. Ganin, V. Lempitsky, "Unsupervised Domain Adaptation by Backpropagation", ICML 2015.
/// - Y. Ganin, E. Ustinova, H. Ajakan, P. Germain, H. Larochelle, F. Laviolette, M. Marchand,
///   V. Lempitsky, "Domain-Adversarial Training of Neural Networks", JMLR 17(59), 2016.
/// - B. Sun, K. Saenko, "Deep CORAL: Correlation Alignment for Deep Domain Adaptation",
///   ECCV 2016 Workshops (align=coral).
/// - M. Long, Y. Cao, J. Wang, M. I. Jordan, "Learning Transferable Features with Deep Adaptation
///   Networks", ICML 2015 (align=mmd: multi-kernel Gaussian MMD).
///
/// The network: a feature extractor G_f (the hidden layers of an MLP classifier), a label
/// predictor G_y (its last, linear layer) trained on labelled source points, and a domain
/// classifier G_d (one hidden layer, one logit: target vs source) on the features of source and
/// target points. With align=dann G_d sits behind a gradient reversal layer, so the extractor
/// learns features that predict the label and hide the domain. With the other settings G_d is a
/// monitor trained alongside on the same features, with no gradient into the extractor, so every
/// setting reports how well a domain classifier tells the domains apart. Target labels are never
/// read.
///
/// Two safeguards that need no target labels keep the adversarial game from deciding the result
/// by where it happens to stand at the last step:
/// - input standardisation fitted on the source and target inputs together (each domain weighing
///   one half), so that both domains reach the extractor on one common, unit scale whatever the
///   units of the user's data;
/// - Polyak-Ruppert averaging (B. T. Polyak, A. B. Juditsky, "Acceleration of Stochastic
///   Approximation by Averaging", SIAM J. Control Optim. 30(4), 1992) of all weights over the last
///   part of training: the average of the oscillating iterates is the returned model.
#include <string>
#include <vector>

#include "core/grad_reversal.h"
#include "core/mlp.h"
#include "core/optimizer.h"
#include "core/rng.h"
#include "data/dataset.h"
#include "transfer/method.h"
#include "transfer/supervised.h"

TL_NAMESPACE_BEGIN

/// How the features of the two domains are aligned (DannConfig::align).
enum class Align { kDann, kCoral, kMmd, kNone };
inline const ChoiceSpec<Align> kAlignChoices = {
    {Align::kDann, "dann"}, {Align::kCoral, "coral"}, {Align::kMmd, "mmd"}, {Align::kNone, "none"}};
/// How the alignment weight grows over training (DannConfig::schedule).
enum class LambdaSchedule { kPaper, kFixed };
inline const ChoiceSpec<LambdaSchedule> kLambdaScheduleChoices = {
    {LambdaSchedule::kPaper, "paper"}, {LambdaSchedule::kFixed, "fixed"}};
/// What the input standardisation is fitted on (DannConfig::scale).
enum class InputScale { kShared, kSource, kNone };
inline const ChoiceSpec<InputScale> kInputScaleChoices = {
    {InputScale::kShared, "shared"}, {InputScale::kSource, "source"}, {InputScale::kNone, "none"}};
/// One standard deviation per feature or one for all (DannConfig::scale_by).
enum class ScaleBy { kFeature, kGlobal };
inline const ChoiceSpec<ScaleBy> kScaleByChoices = {{ScaleBy::kFeature, "feature"},
                                                    {ScaleBy::kGlobal, "global"}};

struct DannConfig {
  /// dann: adversarial domain classifier behind the GRL; coral: Deep CORAL loss; mmd: Gaussian
  /// multi-kernel MMD; none: no alignment (source-only training of the same network).
  Align align = Align::kDann;
  /// paper: lambda_p = lambda (2 / (1 + exp(-gamma p)) - 1), gamma = 10, p = training progress in
  /// [0, 1]; fixed: lambda_p = lambda.
  LambdaSchedule schedule = LambdaSchedule::kPaper;
  /// Final GRL factor of dann (the paper's lambda).
  double lambda = 1.0;
  /// Final weights of the CORAL and MMD losses (they follow the same schedule). CORAL keeps the
  /// paper's 1/(4 d^2) normalisation, under which weights of order 1 barely act.
  double coral_weight = 30.0;
  double mmd_weight = 1.0;
  /// The paper's learning-rate annealing mu_p = lr / (1 + alpha p)^beta, alpha = 10, beta = 0.75.
  /// On by default: it damps the oscillation of the adversarial game late in training.
  bool anneal_lr = true;
  /// Width of the domain classifier's hidden layer (the adversary, or the monitor).
  int domain_hidden = 32;
  /// Input standardisation x -> (x - m) / s: shared fits m and s on the source and target inputs
  /// together (each domain weighing one half; also with align=none, so that a source-only
  /// baseline given the same target inputs sees the same inputs as the adapted network and the
  /// two differ only by the alignment term), source on the source inputs alone, none uses the
  /// inputs as given. No label is read.
  InputScale scale = InputScale::kShared;
  /// feature: a mean and a standard deviation per input feature (a constant feature keeps s = 1);
  /// global: a mean per feature and one common standard deviation (the root mean variance), which
  /// keeps the relative spread of the features (pixels).
  ScaleBy scale_by = ScaleBy::kFeature;
  /// Fraction of the budget at the end over which the weights are averaged (Polyak-Ruppert); the
  /// averaged weights are the model that predicts. 0: the last iterate.
  double average = 0.5;
  /// Learning-rate multiplier of the domain classifier.
  double domain_lr = 1.0;
  /// MMD: base kernel width sigma; 0 takes sigma^2 = the median squared pairwise feature distance
  /// of each batch (held constant for the gradient). The kernel is the mean of
  /// exp(-||a - b||^2 / (sigma^2 2^q)) over q = -2..2.
  double bandwidth = 0;
  void visit(ConfigVisitor& v);
};

/// The schedule's factor at progress p in [0, 1]: 2 / (1 + exp(-10 p)) - 1 (paper) or 1 (fixed).
double dann_schedule(const DannConfig& cfg, double progress);
/// lambda_p: the weight of the alignment term at progress p (lambda, coral_weight or mmd_weight
/// times the schedule's factor; 0 for align=none).
double dann_lambda(const DannConfig& cfg, double progress);
/// The annealed learning rate at progress p (lr itself when anneal_lr is off).
double dann_learning_rate(const DannConfig& cfg, double lr, double progress);

/// Parts of the objective on the full training sets: the label loss L_y (source cross-entropy),
/// the domain classifier's loss L_d (cross-entropy of target vs source, each domain weighing one
/// half), the statistical alignment loss L_a (CORAL or MMD^2; 0 otherwise) and the weight penalty.
struct DannLosses {
  double label = 0;
  double domain = 0;
  double align = 0;
  double penalty = 0;
};

class Dann : public Method {
 public:
  /// Rng tags of the components (for tests that rebuild a part independently).
  static constexpr uint64_t kInitTag = 1;         ///< classifier initialisation
  static constexpr uint64_t kSourceBatchTag = 2;  ///< source minibatch order
  static constexpr uint64_t kTargetBatchTag = 3;  ///< target minibatch order
  static constexpr uint64_t kDomainInitTag = 4;   ///< domain classifier initialisation

  Dann() = default;
  /// source: labelled points (unlabelled ones are ignored); target: its points are used without
  /// their labels (every label is dropped on entry). The classifier is an MLP with tc.hidden as
  /// the extractor's layers and num_classes outputs. The budget is tc.epochs passes over the
  /// labelled source points in minibatches of tc.batch (each paired with tc.batch target points).
  Dann(const Dataset& source, const Dataset& target, int num_classes, const DannConfig& cfg,
       const TrainConfig& tc, Rng rng);

  void reset() override;
  // L = CE(G_y(G_f(Xs)), ys) + L_align, where the extractor receives -lambda_p dL_d/dF through the
  // GRL (dann) or +lambda_p dL_align/dF (coral, mmd), the domain classifier receives dL_d.
  StepStats step() override;
  /// The training part of step(): one source and one target minibatch, the gradient, the update
  /// and the weight averaging, returning the minibatch's losses (penalty included). Allocates
  /// nothing in steady state with align=dann or none (every buffer is a member workspace kept
  /// per batch shape); step() adds its report (StepStats) on top.
  DannLosses train_step();
  Mat predict(const Mat& X) override { return predict_proba(X); }
  /// Class probabilities, classes x n.
  Mat predict_proba(const Mat& X) const;
  /// Accuracy of the training source points (of the model that predicts) and the current lambda.
  Metrics metrics() override;

  /// Extractor, label head, then domain classifier (dann).
  ParamList params() override;
  /// L_y + lambda_p L_a + L_d + penalty on the full (standardised) training sets, at the current
  /// (not averaged) weights. The training direction gradient() is not the gradient of this sum
  /// but the one the GRL produces: dL_y/dtheta_y for the label head, dL_d/dtheta_d for the domain
  /// classifier and, for the extractor,
  ///   dann:        dL_y/dtheta_f - lambda_p dL_d/dtheta_f,
  ///   coral, mmd:  dL_y/dtheta_f + lambda_p dL_a/dtheta_f,
  ///   none:        dL_y/dtheta_f
  /// (plus the penalties' gradients). Tests finite-difference the parts from losses().
  double objective() override;
  Vec gradient() override;
  DannLosses losses();

  // The methods below take inputs as given (raw): the standardisation is applied inside, and they
  // use the averaged weights once averaging has begun (the trained ones before).

  /// The extractor's output G_f(X), feature_dim x n.
  Mat features(const Mat& X) const;
  /// The domain classifier's probability that each point is a target point, 1 x n (empty without
  /// target data).
  Mat domain_proba(const Mat& X) const;
  /// Balanced accuracy of the domain classifier on source points Xs and target points Xt: 0.5
  /// means it cannot tell the domains apart (NaN without target data).
  double domain_accuracy(const Mat& Xs, const Mat& Xt) const;
  /// The unweighted alignment loss `kind` (coral: CORAL, mmd: MMD^2 with this model's bandwidth
  /// setting) between this model's features of source points Xs and target points Xt, whatever
  /// the model was trained with; NaN for the other kinds or with fewer than two points in a
  /// domain.
  double alignment_loss(const Mat& Xs, const Mat& Xt, Align kind) const;

  /// The current weight of the alignment term, lambda_p.
  double lambda() const { return dann_lambda(cfg_, progress()); }
  double progress() const;
  long total_steps() const { return total_; }
  long steps_done() const { return steps_; }
  int feature_dim() const;
  /// The model that predicts as one network on raw inputs: the averaged (or current) weights with
  /// the standardisation folded into the first layer (W' = W diag(1/s), b' = b - W' m).
  Mlp classifier() const;
  /// The network being trained, on standardised inputs (its current, not averaged, weights).
  const Mlp& trained_network() const { return net_; }
  /// The standardisation: inputs x -> (x - input_mean) ./ input_scale (0 and 1 for scale=none).
  const Vec& input_mean() const { return in_mean_; }
  const Vec& input_scale() const { return in_scale_; }
  /// Steps whose weights are in the average so far (0: the model is the current iterate).
  long averaged_steps() const { return averaged_; }
  const DannConfig& config() const { return cfg_; }

 private:
  bool uses_target() const { return cfg_.align != Align::kNone && !target_.empty(); }
  void fit_scaling();
  Mat standardise(const Mat& X) const;
  /// Adds the current weights to the running average when the step is in the averaging window.
  void update_average();
  const Mlp& model_net() const { return averaged_ > 0 ? avg_net_ : net_; }
  const Mlp& model_domain() const { return averaged_ > 0 ? avg_domain_ : domain_; }
  const Mat& extract(const Mat& X);
  void extract_backward(const Mat& dF);
  /// Alignment loss `kind` (coral or mmd) between Fs and Ft with its gradients (unweighted).
  double align_loss(Align kind, const Mat& Fs, const Mat& Ft, Mat& dFs, Mat& dFt,
                    bool with_grad) const;
  double evaluate(const Mat& Xs, const Labels& ys, const Mat& Xt, bool with_grad,
                  DannLosses* parts);

  DannConfig cfg_;
  TrainConfig tc_;
  Dataset source_, target_;  ///< standardised inputs
  Vec in_mean_, in_scale_;
  int num_classes_ = 2;
  Rng rng_;
  Mlp net_;                   ///< extractor (all layers but the last) + label head (last layer)
  Mlp domain_;                ///< domain classifier (dann)
  Mlp avg_net_, avg_domain_;  ///< Polyak-Ruppert averages of net_ and domain_
  long averaged_ = 0;
  GradReversal grl_;
  Optimizer optimizer_;
  Batcher source_batches_, target_batches_;
  long steps_ = 0, total_ = 0;

  // Workspaces reused by step(), kept per batch shape (core/tensor.h) where the source and the
  // target minibatches or the epochs' partial batches change their width.
  Workspace xs_, xt_, dlogits_, dfs_, ddom_s_, ddom_t_, dgrl_s_, dgrl_t_;
  Mat fs_, ft_, dft_, da_s_, da_t_;
  Labels ys_;
  ParamList params_;  ///< params() of the step, refreshed in place
};

TL_NAMESPACE_END

#pragma once
/// Self-taught learning: R. Raina, A. Battle, H. Lee, B. Packer, A. Y. Ng, "Self-taught learning:
/// transfer learning from unlabeled data", ICML 2007.
///
/// A representation is learned from plenty of unlabelled source data, which need not share the
/// target's classes or distribution; the target's few labelled examples are then mapped through
/// it and a classifier is trained on the features. The representation stays fixed while the
/// classifier trains (the paper's setting).
///
/// Representation learner: a denoising (Vincent, Larochelle, Bengio & Manzagol, ICML 2008)
/// sparse autoencoder (Ng, "Sparse autoencoder", CS294A lecture notes, 2011). The encoder is an
/// MLP whose last layer, the code, is sigmoid; the decoder mirrors it and ends linear, so any
/// real-valued input can be reconstructed. Sparsity is a KL penalty that pulls each code unit's
/// mean activation over the batch, rhohat_k, toward a target rho:
///   beta sum_k KL(rho || rhohat_k) = beta sum_k rho log(rho/rhohat_k)
///                                          + (1-rho) log((1-rho)/(1-rhohat_k)).
/// We pick the KL form over an L1 penalty on the codes: it fixes each unit's firing rate rather
/// than shrinking all activations, so no unit can die or stay always on, and it cannot be
/// side-stepped by shrinking the code while the decoder's weights grow. Corruption is additive
/// Gaussian noise of std `ae_corruption` (the default) or masking noise (each input set to 0
/// with probability `ae_corruption`); the clean input is the reconstruction target. On the
/// digits, masking 20% of the pixels gave features that reconstructed unseen digit classes
/// worse and classified them worse than Gaussian noise of std 0.1, hence the default.
///
/// Feature pipeline: optional ZCA whitening fitted on the source (`whiten`), the autoencoder on
/// whole inputs or on p x p patches with mean pooling of the codes over regions (`patch`,
/// `pool`), optionally the raw input stacked under the code (`features=code+raw`, the paper's
/// "raw + learned" combination), optionally standardised with source statistics. The baseline
/// is the same classifier on the raw input as it is. Sparse coding (the paper's own learner) is
/// not implemented.
#include <string>
#include <vector>

#include "core/mlp.h"
#include "core/optimizer.h"
#include "core/rng.h"
#include "data/dataset.h"
#include "transfer/method.h"
#include "transfer/supervised.h"

TL_NAMESPACE_BEGIN

/// The autoencoder's inner activation (the code is always sigmoid), in the page's order.
inline const ChoiceSpec<Activation> kAutoencoderActivationChoices = {
    {Activation::kSigmoid, "sigmoid"}, {Activation::kTanh, "tanh"}, {Activation::kRelu, "relu"}};
/// Denoising corruption of the autoencoder's inputs (AutoencoderConfig::noise).
enum class AeNoise { kMask, kGauss, kNone };
inline const ChoiceSpec<AeNoise> kAeNoiseChoices = {
    {AeNoise::kMask, "mask"}, {AeNoise::kGauss, "gauss"}, {AeNoise::kNone, "none"}};

struct AutoencoderConfig {
  std::vector<int> hidden = {64};  ///< encoder widths; the last one is the code
  Activation act =
      Activation::kSigmoid;         ///< activation of the encoder's (and decoder's) inner layers
  double sparsity = 3.0;            ///< beta, weight of the KL sparsity penalty
  double rho = 0.1;                 ///< target mean activation of each code unit
  AeNoise noise = AeNoise::kGauss;  ///< masking, additive Gaussian or none
  double corruption = 0.1;          ///< masking probability, or std of the Gaussian noise
  double weight_decay = 1e-4;       ///< penalty decay/2 ||W||^2 on every weight matrix
  double lr = 0.01;                 ///< pretraining learning rate (Adam)
  int epochs = 100;                 ///< pretraining passes over the unlabelled data
  int batch = 64;                   ///< pretraining minibatch size
  /// Keys prefixed "ae_" so they do not clash with the classifier's shared training keys.
  void visit(ConfigVisitor& v, bool shared_keys = false);
};

/// The terms of the autoencoder objective on one batch.
struct AeLoss {
  double total = 0;
  double reconstruction = 0;  ///< 1/(2n) sum_j ||xhat_j - x_j||^2
  double sparsity = 0;        ///< beta sum_k KL(rho || rhohat_k)
  double decay = 0;           ///< decay/2 sum ||W||^2
};

class Autoencoder {
 public:
  Autoencoder() = default;
  /// Encoder input -> hidden (last sigmoid), decoder mirrored back to input (last linear).
  Autoencoder(int input, const AutoencoderConfig& config, Rng& rng);

  /// Xc = a corrupted copy of X (dim x n) drawn from rng.
  void corrupt(const Mat& X, Mat& Xc, Rng& rng) const;

  /// Objective on clean X with corrupted input Xc (same shape); when with_grad the parameter
  /// gradients are set (zeroed first) to its derivative.
  AeLoss evaluate(const Mat& X, const Mat& Xc, bool with_grad);

  /// Codes of X: code_dim x n (no corruption).
  void encode(const Mat& X, Mat& H) const;
  /// Reconstruction of X (no corruption): input x n.
  void reconstruct(const Mat& X, Mat& Xhat) const;
  /// Mean squared reconstruction error per entry of the clean X, 1/(dim n) ||xhat - x||^2.
  double reconstruction_error(const Mat& X) const;

  ParamList params();
  int input_dim() const { return encoder.input_dim(); }
  int code_dim() const { return encoder.output_dim(); }
  /// First-layer weights, hidden_1 x input: row k is unit k's filter (for 8x8 digits, pixel
  /// (r, c) at column 8r + c).
  const Mat& filters() const { return encoder.layers.front().W.value; }

  Mlp encoder;
  Mlp decoder;

 private:
  Scalar beta_ = 0, rho_ = Scalar(0.05);
  AeNoise noise_ = AeNoise::kNone;
  Scalar corruption_ = 0;
  Mat dxhat_, dcode_;
};

/// Minibatch training of an autoencoder on unlabelled data (columns of X).
class AutoencoderTrainer {
 public:
  AutoencoderTrainer() = default;
  AutoencoderTrainer(Autoencoder ae, const Mat& X, const AutoencoderConfig& config, Rng rng);

  /// L = 1/(2m) sum_j ||dec(enc(corrupt(x_j))) - x_j||^2 + beta sum_k KL(rho || rhohat_k)
  ///     + decay/2 sum ||W||^2   over a minibatch of m points; one Adam update.
  StepStats step();
  long steps_done() const { return steps_; }
  long total_steps() const { return total_; }
  const Mat& data() const { return X_; }

  Autoencoder ae;
  Optimizer optimizer;

 private:
  Mat X_;
  Batcher batcher_;
  Rng noise_rng_;
  Mat xb_, xc_;
  long steps_ = 0, total_ = 0;
};

/// Images of the first-layer filters: one side x side matrix per hidden unit (row-major pixels),
/// each scaled by its largest absolute weight into [-1, 1]. Needs side*side == input dim.
std::vector<Mat> filter_images(const Mat& filters, int side);

/// Square patches of square images (side x side, pixel (r, c) at row side*r + c) at every offset,
/// and mean pooling of their codes over a pool x pool grid of regions of offsets: the
/// single-layer convolutional feature pipeline of Coates, Lee & Ng, "An analysis of single-layer
/// networks in unsupervised feature learning", AISTATS 2011, with the autoencoder as the
/// patch-level learner.
struct PatchGrid {
  int side = 0;   ///< image side
  int patch = 0;  ///< patch side (0: the whole input is one "patch")
  int pool = 1;   ///< pooling regions per axis
  /// A grid for inputs of `dim` features; whole-input mode when dim is not a square or patch is
  /// 0 or not smaller than the side.
  static PatchGrid make(int dim, int patch, int pool);
  bool whole() const { return patch == 0; }
  int offsets() const { return whole() ? 1 : (side - patch + 1) * (side - patch + 1); }
  int regions() const { return whole() ? 1 : pool * pool; }
  int patch_dim(int dim) const { return whole() ? dim : patch * patch; }
  /// All patches of X (dim x n): patch^2 x (offsets * n), offset o of point j at column o n + j.
  void extract(const Mat& X, Mat& P) const;
  /// Codes H (K x offsets*n, as from extract) averaged over each region: (K regions) x n, rows
  /// region-major (region r, unit k at row r K + k).
  void pool_codes(const Mat& H, Eigen::Index n, Mat& F) const;
};

/// The classifier's input: the learned code, or the code stacked over the raw features.
enum class StlFeatures { kCode, kCodeRaw };
inline const ChoiceSpec<StlFeatures> kStlFeaturesChoices = {{StlFeatures::kCode, "code"},
                                                            {StlFeatures::kCodeRaw, "code+raw"}};
/// Softmax regression, or an MLP with the hidden/act settings.
enum class StlClassifier { kSoftmax, kMlp };
inline const ChoiceSpec<StlClassifier> kStlClassifierChoices = {
    {StlClassifier::kSoftmax, "softmax"}, {StlClassifier::kMlp, "mlp"}};

struct SelfTaughtConfig {
  AutoencoderConfig ae;
  int patch = 0;      ///< 0: autoencoder on whole inputs; p: on p x p patches, codes pooled
  int pool = 2;       ///< pooling regions per axis (patch mode)
  double whiten = 0;  ///< ZCA whitening of the inputs, fitted on the source, with this eps (0: off)
  StlFeatures features = StlFeatures::kCode;           ///< classifier input: code, or code and raw
  StlClassifier classifier = StlClassifier::kSoftmax;  ///< softmax regression or an MLP
  /// Standardise every classifier input with the mean and std it has on the unlabelled source.
  bool standardize = false;
  double clf_l2 = 1e-3;  ///< weight decay of the classifier (also of the raw baseline)
  TrainConfig train;     ///< the classifier's lr, epochs, batch, hidden, act, optimizer
  SelfTaughtConfig();
  void visit(ConfigVisitor& v);
};

/// The classifier network for `input` features (softmax regression or MLP), with clf_l2 weight
/// decay on its weight matrices. Used for the learned features and, with the same settings, for
/// the raw-feature baseline.
Mlp make_self_taught_classifier(const SelfTaughtConfig& config, int input, int classes, Rng& rng);

/// Per-feature affine map x -> (x - mean) / std with statistics from a reference set (std floored
/// at 1e-3 of the largest std, so constant features stay finite). Identity when empty.
struct Standardizer {
  Vec mean, inv_std;
  static Standardizer fit(const Mat& F);
  void apply(Mat& F) const;
};

/// ZCA whitening learned from a reference set: x -> U (L + eps mean(L))^(-1/2) U^T (x - mean), with
/// U L U^T the reference covariance. The regulariser eps (relative to the mean eigenvalue) keeps
/// low-variance directions from being blown up. Identity when empty. (Whitening before feature
/// learning: Coates, Lee & Ng, AISTATS 2011.)
struct Whitener {
  Vec mean;
  Mat W;  ///< dim x dim
  static Whitener fit(const Mat& X, double eps);
  void apply(Mat& X) const;
};

/// Phase "pretrain": autoencoder steps on the unlabelled source. Phase "classifier": the
/// classifier on the labelled target's features (the representation frozen).
class SelfTaught : public Method {
 public:
  /// unlabelled: source points (labels ignored); labelled: the target's labelled points.
  SelfTaught(const SelfTaughtConfig& config, Dataset unlabelled, Dataset labelled, uint64_t seed);

  void reset() override;
  /// One autoencoder step while pretraining, then one classifier step (the objectives are
  /// written above the definition).
  StepStats step() override;
  Mat predict(const Mat& X) override { return predict_proba(X); }
  Mat predict_proba(const Mat& X) const;
  /// train_acc (labelled target, learned features) and reconstruction_error (source).
  Metrics metrics() override;
  /// Autoencoder parameters while pretraining, classifier parameters afterwards.
  ParamList params() override;
  /// Pretraining: the autoencoder objective on a fixed batch of the source (up to 256 points)
  /// with a corruption drawn once at reset(). Afterwards: the classifier's full objective.
  double objective() override;
  Vec gradient() override;

  const std::string& phase() const { return phase_; }
  long total_steps() const { return pretrain_total_ + classifier_total_; }
  long steps_done() const { return ae_.steps_done() + classifier_.steps_done(); }
  long pretrain_steps() const { return pretrain_total_; }
  long classifier_steps() const { return classifier_total_; }

  /// Classifier input for points X: the (pooled) code, or it stacked over the raw features.
  void features(const Mat& X, Mat& F) const;
  /// The autoencoder's mean squared reconstruction error per entry on X's (patches).
  double reconstruction_error(const Mat& X) const;
  /// The autoencoder's codes of whole inputs X (whitened first when whitening is on), code x n;
  /// whole-input mode only (in patch mode: the codes of X's patches, as extract() orders them).
  void codes(const Mat& X, Mat& H) const;
  /// What the autoencoder sees of X (whitened when whitening is on), into `in`, and its
  /// reconstruction, into `out`, both dim x n. In patch mode a pixel's reconstruction is the
  /// mean of its reconstructions in every patch that covers it.
  void reconstruct(const Mat& X, Mat& in, Mat& out) const;
  const PatchGrid& grid() const { return grid_; }
  int feature_dim() const;
  const Autoencoder& autoencoder() const { return ae_.ae; }
  const Mat& filters() const { return ae_.ae.filters(); }
  const Mlp& classifier() const { return classifier_.net; }

 private:
  void start_classifier();

  SelfTaughtConfig cfg_;
  Dataset unlabelled_, labelled_;
  uint64_t seed_;
  AutoencoderTrainer ae_;
  SupervisedTrainer classifier_;
  Rng clf_batch_rng_;
  bool classifier_started_ = false;
  std::string phase_ = "pretrain";
  long pretrain_total_ = 0, classifier_total_ = 0;
  Mat check_x_, check_xc_;  ///< fixed batch and corruption for objective()/gradient()
  Standardizer scaler_;     ///< source statistics of the features (identity when off)
  PatchGrid grid_;
  Whitener whitener_;
};

TL_NAMESPACE_END

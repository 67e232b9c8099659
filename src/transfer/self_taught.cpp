#include "transfer/self_taught.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include <Eigen/Eigenvalues>

#include "core/loss.h"
#include "core/metrics.h"

TL_NAMESPACE_BEGIN

void AutoencoderConfig::visit(ConfigVisitor& v, bool shared_keys) {
  // When the autoencoder is the scenario's only network, its training fields take the shared key
  // names (hidden, lr, epochs, batch) used by every scenario.
  v.layers(shared_keys ? "hidden" : "ae_hidden", hidden,
           "Autoencoder layer widths\nWidths of the encoder's layers; the last is the code (the "
           "learned features).");
  choice_enum(
      v, "ae_act", act, kAutoencoderActivationChoices,
      "Autoencoder activation\nActivation of the autoencoder's inner layers (the code is always "
      "sigmoid).\nsigmoid = smooth, 0 to 1\ntanh = smooth, -1 to 1\nrelu = max(0, x)");
  v.real("ae_sparsity", sparsity, 0.0, 100.0,
         "Sparsity pressure\nWeight beta of the KL sparsity penalty: how strongly code units are "
         "kept mostly off.");
  v.real("ae_rho", rho, 0.001, 0.5,
         "Target code activity\nTarget mean activation rho of each code unit (small = sparse).");
  choice_enum(v, "ae_noise", noise, kAeNoiseChoices,
              "Input corruption\nWhat the denoising autoencoder learns to undo.\nmask = zero some "
              "inputs\ngauss = add Gaussian noise\nnone = no corruption");
  v.real("ae_corruption", corruption, 0.0, 0.95,
         "Corruption amount\nMasking probability (mask) or Gaussian noise std (gauss).");
  v.real("ae_decay", weight_decay, 0.0, 1.0,
         "Autoencoder weight decay\nL2 penalty on the autoencoder's weights.");
  v.real(shared_keys ? "lr" : "ae_lr", lr, 1e-6, 1000.0,
         "Pre-training learning rate\nLearning rate of the autoencoder (Adam).");
  v.integer(shared_keys ? "epochs" : "ae_epochs", epochs, 0, 100000,
            "Pre-training passes\nPasses of the autoencoder over the unlabelled data (epochs).");
  v.integer(shared_keys ? "batch" : "ae_batch", batch, 1, kMaxBatch,
            "Pre-training batch size\nPoints per autoencoder training step.");
}

// ---------------------------------------------------------------------------------------------
// Autoencoder

Autoencoder::Autoencoder(int input, const AutoencoderConfig& cfg, Rng& rng)
    : beta_(static_cast<Scalar>(cfg.sparsity)),
      rho_(static_cast<Scalar>(cfg.rho)),
      noise_(cfg.noise),
      corruption_(static_cast<Scalar>(cfg.corruption)) {
  assert(!cfg.hidden.empty());
  const Activation inner = cfg.act;
  MlpSpec enc;
  enc.input = input;
  enc.hidden.assign(cfg.hidden.begin(), cfg.hidden.end() - 1);
  enc.output = cfg.hidden.back();
  enc.hidden_act = inner;
  enc.output_act = Activation::kSigmoid;
  MlpSpec dec;
  dec.input = cfg.hidden.back();
  dec.hidden.assign(cfg.hidden.rbegin() + 1, cfg.hidden.rend());
  dec.output = input;
  dec.hidden_act = inner;
  dec.output_act = Activation::kIdentity;
  encoder = Mlp(enc, rng, "ae.enc");
  decoder = Mlp(dec, rng, "ae.dec");
  for (Mlp* net : {&encoder, &decoder})
    for (Dense& layer : net->layers) layer.W.l2 = static_cast<Scalar>(cfg.weight_decay);
}

void Autoencoder::corrupt(const Mat& X, Mat& Xc, Rng& rng) const {
  Xc = X;
  if (noise_ == AeNoise::kMask && corruption_ > 0) {
    for (Eigen::Index j = 0; j < Xc.cols(); ++j)
      for (Eigen::Index i = 0; i < Xc.rows(); ++i)
        if (rng.uniform() < corruption_) Xc(i, j) = 0;
  } else if (noise_ == AeNoise::kGauss && corruption_ > 0) {
    for (Eigen::Index j = 0; j < Xc.cols(); ++j)
      for (Eigen::Index i = 0; i < Xc.rows(); ++i)
        Xc(i, j) += static_cast<Scalar>(corruption_ * rng.normal());
  }
}

// H = enc(Xc) (code, sigmoid), Xhat = dec(H), rhohat = H 1 / n.
// L = 1/(2n) ||Xhat - X||^2 + beta sum_k KL(rho || rhohat_k) + decay/2 sum ||W||^2
//   dL/dXhat = (Xhat - X) / n                                     (mean_squared_error)
//   dL/dH    = dec^T-backprop of dL/dXhat  +  dKL/dH, where
//   d/dH_kj beta KL(rho || rhohat_k) = beta/n (-rho/rhohat_k + (1-rho)/(1-rhohat_k))
//   (rhohat_k depends on H_kj with weight 1/n); the encoder then back-propagates dL/dH.
AeLoss Autoencoder::evaluate(const Mat& X, const Mat& Xc, bool with_grad) {
  assert(X.rows() == Xc.rows() && X.cols() == Xc.cols());
  const ParamList ps = params();
  zero_grads(ps);
  AeLoss loss;
  const Eigen::Index n = X.cols();
  if (n == 0) return loss;
  const Mat& H = encoder.forward(Xc);
  const Mat& Xhat = decoder.forward(H);
  loss.reconstruction = mean_squared_error(Xhat, X, dxhat_);

  // Mean activation of each code unit, kept inside (0, 1) so the logarithms stay finite.
  const Scalar tiny = Scalar(1e-6);
  const Vec rhohat = (H.rowwise().mean().array().max(tiny).min(Scalar(1) - tiny)).matrix();
  if (beta_ > 0) {
    const auto r = rhohat.array();
    loss.sparsity = beta_ * (rho_ * (rho_ / r).log() +
                             (Scalar(1) - rho_) * ((Scalar(1) - rho_) / (Scalar(1) - r)).log())
                                .sum();
  }
  if (with_grad) {
    dcode_ = decoder.backward(dxhat_, true);
    if (beta_ > 0) {
      const Vec dkl =
          (beta_ / static_cast<Scalar>(n)) *
          (-rho_ / rhohat.array() + (Scalar(1) - rho_) / (Scalar(1) - rhohat.array())).matrix();
      dcode_.colwise() += dkl;
    }
    encoder.backward(dcode_, false);
  }
  loss.decay = add_penalties(ps);
  loss.total = loss.reconstruction + loss.sparsity + loss.decay;
  return loss;
}

void Autoencoder::encode(const Mat& X, Mat& H) const {
  encoder.infer(X, H);
}

void Autoencoder::reconstruct(const Mat& X, Mat& Xhat) const {
  Mat H;
  encoder.infer(X, H);
  decoder.infer(H, Xhat);
}

double Autoencoder::reconstruction_error(const Mat& X) const {
  if (X.size() == 0) return 0;
  Mat Xhat;
  reconstruct(X, Xhat);
  return static_cast<double>((Xhat - X).squaredNorm()) / static_cast<double>(X.size());
}

ParamList Autoencoder::params() {
  ParamList list = encoder.params();
  for (ParamBlock* p : decoder.params()) list.push_back(p);
  return list;
}

// ---------------------------------------------------------------------------------------------
// AutoencoderTrainer

AutoencoderTrainer::AutoencoderTrainer(Autoencoder autoencoder, const Mat& X,
                                       const AutoencoderConfig& cfg, Rng rng)
    : ae(std::move(autoencoder)), X_(X) {
  OptimizerConfig oc;
  oc.kind = OptimizerKind::kAdam;
  oc.lr = static_cast<Scalar>(cfg.lr);
  optimizer = Optimizer(oc);
  const int n = static_cast<int>(X_.cols());
  batcher_ = Batcher(n, cfg.batch, rng.split(1));
  noise_rng_ = rng.split(2);
  total_ = steps_for(n, cfg.batch, cfg.epochs);
}

// L = 1/(2m) sum_j ||dec(enc(corrupt(x_j))) - x_j||^2 + beta sum_k KL(rho || rhohat_k)
//     + decay/2 sum ||W||^2   over a minibatch of m points (gradient: Autoencoder::evaluate)
StepStats AutoencoderTrainer::step() {
  StepStats s;
  s.phase = "pretrain";
  if (X_.cols() == 0) return s;
  const std::vector<int>& idx = batcher_.next();
  xb_.resize(X_.rows(), static_cast<Eigen::Index>(idx.size()));
  for (size_t j = 0; j < idx.size(); ++j) xb_.col(static_cast<Eigen::Index>(j)) = X_.col(idx[j]);
  ae.corrupt(xb_, xc_, noise_rng_);
  const AeLoss loss = ae.evaluate(xb_, xc_, true);
  optimizer.step(ae.params());
  s.loss = loss.total;
  s.aux = {
      {"reconstruction", loss.reconstruction}, {"sparsity", loss.sparsity}, {"decay", loss.decay}};
  s.step = ++steps_;
  return s;
}

std::vector<Mat> filter_images(const Mat& filters, int side) {
  assert(side * side == filters.cols());
  std::vector<Mat> out;
  out.reserve(filters.rows());
  for (Eigen::Index k = 0; k < filters.rows(); ++k) {
    Mat img(side, side);
    for (int r = 0; r < side; ++r)
      for (int c = 0; c < side; ++c) img(r, c) = filters(k, r * side + c);
    const Scalar top = img.cwiseAbs().maxCoeff();
    if (top > 0) img /= top;
    out.push_back(std::move(img));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// PatchGrid

PatchGrid PatchGrid::make(int dim, int patch, int pool) {
  PatchGrid g;
  int side = 0;
  while ((side + 1) * (side + 1) <= dim) ++side;
  if (patch <= 0 || side * side != dim || patch >= side) return g;
  g.side = side;
  g.patch = patch;
  g.pool = std::max(1, std::min(pool, side - patch + 1));
  return g;
}

void PatchGrid::extract(const Mat& X, Mat& P) const {
  if (whole()) {
    P = X;
    return;
  }
  const Eigen::Index n = X.cols();
  const int g = side - patch + 1;
  P.resize(patch * patch, offsets() * n);
  for (int r0 = 0; r0 < g; ++r0)
    for (int c0 = 0; c0 < g; ++c0) {
      const Eigen::Index col = (r0 * g + c0) * n;
      for (int a = 0; a < patch; ++a)
        P.block(a * patch, col, patch, n) = X.middleRows((r0 + a) * side + c0, patch);
    }
}

void PatchGrid::pool_codes(const Mat& H, Eigen::Index n, Mat& F) const {
  if (whole()) {
    F = H;
    return;
  }
  const Eigen::Index k = H.rows();
  const int g = side - patch + 1;
  F.setZero(k * regions(), n);
  std::vector<int> count(regions(), 0);
  for (int r0 = 0; r0 < g; ++r0)
    for (int c0 = 0; c0 < g; ++c0) {
      const int region = (r0 * pool / g) * pool + c0 * pool / g;
      F.middleRows(region * k, k) += H.middleCols((r0 * g + c0) * n, n);
      ++count[region];
    }
  for (int r = 0; r < regions(); ++r)
    if (count[r] > 0) F.middleRows(r * k, k) /= static_cast<Scalar>(count[r]);
}

// ---------------------------------------------------------------------------------------------
// SelfTaught

SelfTaughtConfig::SelfTaughtConfig() {
  train.lr = 0.01;
  train.epochs = 200;
  train.batch = 32;
  train.hidden = {32};
}

void SelfTaughtConfig::visit(ConfigVisitor& v) {
  ae.visit(v);
  v.integer("patch", patch, 0, 64,
            "Patch size (0 = whole input)\n0: the autoencoder sees whole inputs; p: p x p patches "
            "of square images, their codes pooled.");
  v.integer("pool", pool, 1, 8,
            "Pooling regions per side\nPooling regions per axis when patches are used.");
  v.real("whiten", whiten, 0.0, 100.0,
         "Whitening (0 = off)\nZCA whitening fitted on the source; the value is its regulariser "
         "relative to the mean eigenvalue.");
  choice_enum(v, "features", features, kStlFeaturesChoices,
              "Classifier input\nWhat the classifier sees.\ncode = learned features\ncode+raw = "
              "learned and raw features");
  choice_enum(
      v, "classifier", classifier, kStlClassifierChoices,
      "Classifier\nThe classifier on top of the features (the raw baseline uses the same).\n"
      "softmax = linear (softmax regression)\nmlp = small network (hidden layer "
      "settings)");
  v.flag("standardize", standardize,
         "Standardise classifier inputs\nScale the classifier's inputs with their statistics on "
         "the unlabelled source.");
  v.real("clf_l2", clf_l2, 0.0, 10.0,
         "Classifier weight decay\nL2 penalty of the classifier and of the raw baseline.");
  train.visit(v);
}

Mlp make_self_taught_classifier(const SelfTaughtConfig& cfg, int input, int classes, Rng& rng) {
  MlpSpec spec = make_spec(cfg.train, input, classes);
  if (cfg.classifier == StlClassifier::kSoftmax) spec.hidden.clear();
  Mlp net(spec, rng, "clf");
  for (Dense& layer : net.layers) layer.W.l2 = static_cast<Scalar>(cfg.clf_l2);
  return net;
}

Standardizer Standardizer::fit(const Mat& F) {
  Standardizer s;
  if (F.cols() == 0) return s;
  s.mean = F.rowwise().mean();
  const Vec sd = ((F.colwise() - s.mean).array().square().rowwise().mean().sqrt()).matrix();
  const Scalar floor = std::max(sd.maxCoeff() * Scalar(1e-3), Scalar(1e-12));
  s.inv_std = sd.cwiseMax(floor).cwiseInverse();
  return s;
}

void Standardizer::apply(Mat& F) const {
  if (mean.size() == 0) return;
  F.colwise() -= mean;
  F.array().colwise() *= inv_std.array();
}

Whitener Whitener::fit(const Mat& X, double eps) {
  Whitener w;
  if (X.cols() == 0) return w;
  w.mean = X.rowwise().mean();
  const Mat C = X.colwise() - w.mean;
  const Mat cov = C * C.transpose() / static_cast<Scalar>(X.cols());
  Eigen::SelfAdjointEigenSolver<Mat> es(cov);
  const Vec lam = es.eigenvalues().cwiseMax(Scalar(0));
  const Scalar reg = static_cast<Scalar>(eps) * std::max(lam.mean(), Scalar(1e-12));
  const Vec d = (lam.array() + reg).rsqrt().matrix();
  w.W = es.eigenvectors() * d.asDiagonal() * es.eigenvectors().transpose();
  return w;
}

void Whitener::apply(Mat& X) const {
  if (mean.size() == 0) return;
  X = W * (X.colwise() - mean);
}

SelfTaught::SelfTaught(const SelfTaughtConfig& config, Dataset unlabelled, Dataset labelled,
                       uint64_t seed)
    : cfg_(config),
      unlabelled_(std::move(unlabelled)),
      labelled_(std::move(labelled)),
      seed_(seed) {
  reset();
}

void SelfTaught::reset() {
  scaler_ = Standardizer();
  grid_ = PatchGrid::make(unlabelled_.dim(), cfg_.patch, cfg_.pool);
  whitener_ = cfg_.whiten > 0 ? Whitener::fit(unlabelled_.X, cfg_.whiten) : Whitener();
  Rng rng(seed_);
  Rng ae_init = rng.split(1);
  Autoencoder ae(grid_.patch_dim(unlabelled_.dim()), cfg_.ae, ae_init);
  Mat white = unlabelled_.X, patches;
  whitener_.apply(white);
  grid_.extract(white, patches);
  ae_ = AutoencoderTrainer(std::move(ae), patches, cfg_.ae, rng.split(2));
  pretrain_total_ = ae_.total_steps();

  Rng clf_init = rng.split(3);
  const int classes = std::max(2, labelled_.num_classes);
  Mlp net = make_self_taught_classifier(cfg_, feature_dim(), classes, clf_init);
  Dataset feats;
  feats.y = labelled_.y;
  feats.num_classes = classes;
  features(labelled_.X, feats.X);
  clf_batch_rng_ = rng.split(4);
  classifier_ = SupervisedTrainer(std::move(net), feats, cfg_.train, clf_batch_rng_);
  classifier_total_ = steps_for(classifier_.data().size(), cfg_.train.batch, cfg_.train.epochs);
  classifier_started_ = false;
  phase_ = pretrain_total_ > 0 ? "pretrain" : "classifier";

  // A fixed check batch and corruption for objective()/gradient().
  const Eigen::Index m = std::min<Eigen::Index>(ae_.data().cols(), 256);
  check_x_ = ae_.data().leftCols(m);
  Rng check_rng = rng.split(5);
  ae_.ae.corrupt(check_x_, check_xc_, check_rng);
}

int SelfTaught::feature_dim() const {
  const int code = ae_.ae.code_dim() * grid_.regions();
  return cfg_.features == StlFeatures::kCodeRaw ? code + unlabelled_.dim() : code;
}

void SelfTaught::features(const Mat& X, Mat& F) const {
  Mat P, H, code, white = X;
  whitener_.apply(white);
  grid_.extract(white, P);
  ae_.ae.encode(P, H);
  grid_.pool_codes(H, X.cols(), code);
  if (cfg_.features == StlFeatures::kCodeRaw) {
    F.resize(code.rows() + X.rows(), X.cols());
    F.topRows(code.rows()) = code;
    F.bottomRows(X.rows()) = white;
  } else {
    F = std::move(code);
  }
  scaler_.apply(F);
}

double SelfTaught::reconstruction_error(const Mat& X) const {
  Mat P, white = X;
  whitener_.apply(white);
  grid_.extract(white, P);
  return ae_.ae.reconstruction_error(P);
}

void SelfTaught::codes(const Mat& X, Mat& H) const {
  Mat P, white = X;
  whitener_.apply(white);
  grid_.extract(white, P);
  ae_.ae.encode(P, H);
}

void SelfTaught::reconstruct(const Mat& X, Mat& in, Mat& out) const {
  in = X;
  whitener_.apply(in);
  if (grid_.whole()) {
    ae_.ae.reconstruct(in, out);
    return;
  }
  Mat P, R;
  grid_.extract(in, P);
  ae_.ae.reconstruct(P, R);
  // Patch at offset (a, b) (offset index o = a (side - patch + 1) + b, as extract() lays them
  // out) covers pixels (a + r, b + c).
  const int side = grid_.side, p = grid_.patch, span = side - p + 1;
  const Eigen::Index n = X.cols();
  out = Mat::Zero(X.rows(), n);
  Mat count = Mat::Zero(X.rows(), 1);
  for (int a = 0; a < span; ++a)
    for (int b = 0; b < span; ++b) {
      const Eigen::Index o = a * span + b;
      for (int r = 0; r < p; ++r)
        for (int c = 0; c < p; ++c) {
          const Eigen::Index pixel = (a + r) * side + (b + c);
          out.row(pixel) += R.block(r * p + c, o * n, 1, n);
          count(pixel, 0) += 1;
        }
    }
  for (Eigen::Index i = 0; i < out.rows(); ++i)
    if (count(i, 0) > 0) out.row(i) /= count(i, 0);
}

void SelfTaught::start_classifier() {
  // The representation is final: fit the standardisation on the source's features, recompute
  // the labelled points' features and train on them, from the classifier's initial weights.
  scaler_ = Standardizer();
  if (cfg_.standardize) {
    Mat F;
    features(unlabelled_.X, F);
    scaler_ = Standardizer::fit(F);
  }
  Dataset feats = classifier_.data();
  features(labelled_.X, feats.X);
  classifier_ = SupervisedTrainer(classifier_.net, feats, cfg_.train, clf_batch_rng_);
  classifier_started_ = true;
  phase_ = "classifier";
}

// pretrain:   L = the autoencoder objective above, on a minibatch of source (patches)
// classifier: L = mean softmax cross-entropy of clf(features(x)) on labelled target points
//                 + clf_l2/2 sum ||W_clf||^2   (the representation is frozen)
StepStats SelfTaught::step() {
  if (ae_.steps_done() < pretrain_total_) {
    StepStats s = ae_.step();
    s.step = steps_done();
    return s;
  }
  if (!classifier_started_) start_classifier();
  StepStats s = classifier_.step();
  s.phase = "classifier";
  s.step = steps_done();
  return s;
}

Mat SelfTaught::predict_proba(const Mat& X) const {
  Mat F;
  features(X, F);
  return tl::predict_proba(classifier_.net, F);
}

Metrics SelfTaught::metrics() {
  Mat F;
  features(labelled_.X, F);
  Mat logits;
  classifier_.net.infer(F, logits);
  return {{"train_acc", accuracy(argmax_cols(logits), labelled_.y)},
          {"reconstruction_error", reconstruction_error(unlabelled_.X)}};
}

ParamList SelfTaught::params() {
  return phase_ == "pretrain" ? ae_.ae.params() : classifier_.net.params();
}

double SelfTaught::objective() {
  if (phase_ == "pretrain") return ae_.ae.evaluate(check_x_, check_xc_, false).total;
  return classifier_.objective();
}

Vec SelfTaught::gradient() {
  if (phase_ == "pretrain") {
    ae_.ae.evaluate(check_x_, check_xc_, true);
    return flatten_grads(ae_.ae.params());
  }
  return classifier_.gradient();
}

TL_NAMESPACE_END

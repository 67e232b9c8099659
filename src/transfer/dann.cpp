#include "transfer/dann.h"

#include <algorithm>
#include <cmath>

#include "core/loss.h"
#include "core/metrics.h"

TL_NAMESPACE_BEGIN

void DannConfig::visit(ConfigVisitor& v) {
  choice_enum(
      v, "align", align, kAlignChoices,
      "How the domains are aligned\nHow the features of source and target are made alike: an "
      "adversarial domain classifier (DANN, Ganin et al. 2016), covariance matching (CORAL, "
      "Sun & Saenko 2016), kernel mean matching (MMD), or nothing (source only).\n"
      "dann = adversary\ncoral = match covariances\nmmd = match kernel means\n"
      "none = no alignment");
  choice_enum(
      v, "schedule", schedule, kLambdaScheduleChoices,
      "Alignment strength schedule\nHow the alignment weight (DANN's gradient reversal "
      "factor lambda) changes over training: paper ramps it as 2/(1+exp(-10p))-1 with p the "
      "fraction of training done (Ganin et al. 2016); fixed keeps it.\npaper = grows during "
      "training\nfixed = constant");
  v.real("lambda", lambda, 0.0, 100.0,
         "Adversary strength\nFinal gradient reversal factor lambda (dann): how hard the features "
         "work against the domain classifier.");
  v.real("coral_weight", coral_weight, 0.0, 100000.0,
         "Covariance matching weight\nFinal weight of the CORAL loss (coral).");
  v.real("mmd_weight", mmd_weight, 0.0, 1000.0,
         "Kernel mean matching weight\nFinal weight of the MMD loss (mmd).");
  v.flag("anneal_lr", anneal_lr,
         "Slow down learning over time\nAnneal the learning rate as lr/(1+10p)^0.75, p the "
         "fraction of training done (Ganin et al. 2016).");
  v.integer("domain_hidden", domain_hidden, 1, kMaxLayerWidth,
            "Domain classifier size\nHidden units of the domain classifier (the adversary).");
  choice_enum(v, "scale", scale, kInputScaleChoices,
              "Input scaling fitted on\nWhich inputs the standardisation (mean 0, std 1) is fitted "
              "on; shared uses no labels.\nshared = source and target together\nsource = "
              "source only\nnone = inputs as given");
  choice_enum(
      v, "scale_by", scale_by, kScaleByChoices,
      "Input scaling per\nDivide each feature by its own std (feature) or all by one common "
      "std (global).\nfeature = each feature\nglobal = one common scale");
  v.real("average", average, 0.0, 1.0,
         "Average the final weights over\nFraction of training at the end whose weights are "
         "averaged into the model (0 = the last weights).");
  v.real("domain_lr", domain_lr, 0.0, 100.0,
         "Domain classifier speed\nLearning-rate multiplier of the domain classifier.");
  v.real("bandwidth", bandwidth, 0.0, 1000.0,
         "Kernel width (0 = automatic)\nMMD kernel width sigma; 0 = the median feature distance "
         "of each batch.");
}

double dann_schedule(const DannConfig& cfg, double progress) {
  if (cfg.schedule == LambdaSchedule::kFixed) return 1.0;
  const double p = std::clamp(progress, 0.0, 1.0);
  return 2.0 / (1.0 + std::exp(-10.0 * p)) - 1.0;
}

double dann_lambda(const DannConfig& cfg, double progress) {
  const double weight = cfg.align == Align::kDann    ? cfg.lambda
                        : cfg.align == Align::kCoral ? cfg.coral_weight
                        : cfg.align == Align::kMmd   ? cfg.mmd_weight
                                                     : 0.0;
  return weight * dann_schedule(cfg, progress);
}

double dann_learning_rate(const DannConfig& cfg, double lr, double progress) {
  if (!cfg.anneal_lr) return lr;
  const double p = std::clamp(progress, 0.0, 1.0);
  return lr / std::pow(1.0 + 10.0 * p, 0.75);
}

namespace {

void gather_cols(const Mat& X, const std::vector<int>& idx, Mat& out) {
  out.resize(X.rows(), static_cast<Eigen::Index>(idx.size()));
  for (size_t j = 0; j < idx.size(); ++j) out.col(static_cast<Eigen::Index>(j)) = X.col(idx[j]);
}

constexpr int kMmdKernels = 5;

}  // namespace

Dann::Dann(const Dataset& source, const Dataset& target, int num_classes, const DannConfig& cfg,
           const TrainConfig& tc, Rng rng)
    : cfg_(cfg),
      tc_(tc),
      source_(source.labelled()),
      target_(target),
      num_classes_(std::max(2, num_classes)),
      rng_(rng) {
  // Target labels are never used for training: drop them on entry.
  std::fill(target_.y.begin(), target_.y.end(), kUnlabelled);
  fit_scaling();
  reset();
}

// Each domain weighs one half: m = (m_s + m_t) / 2 and the variance of the equal mixture,
//   v = (v_s + v_t) / 2 + (m_s - m_t)^2 / 4,
// so that a target much larger or smaller than the source does not set the scale alone.
void Dann::fit_scaling() {
  const int d = source_.dim() > 0 ? source_.dim() : target_.dim();
  in_mean_ = Vec::Zero(d);
  in_scale_ = Vec::Ones(d);
  if (cfg_.scale == InputScale::kNone || source_.empty()) return;
  auto moments = [](const Mat& X, Vec& m, Vec& v) {
    m = X.rowwise().mean();
    v = (X.colwise() - m).array().square().rowwise().mean().matrix();
  };
  Vec m, v;
  moments(source_.X, m, v);
  if (cfg_.scale == InputScale::kShared && !target_.empty()) {
    Vec mt, vt;
    moments(target_.X, mt, vt);
    v = (v + vt) / Scalar(2) + (m - mt).array().square().matrix() / Scalar(4);
    m = (m + mt) / Scalar(2);
  }
  in_mean_ = m;
  if (cfg_.scale_by == ScaleBy::kGlobal) {
    const Scalar s = std::sqrt(v.mean());
    if (s > Scalar(1e-12)) in_scale_.setConstant(s);
  } else {
    for (int i = 0; i < d; ++i) in_scale_(i) = v(i) > Scalar(1e-12) ? std::sqrt(v(i)) : Scalar(1);
  }
  source_.X = standardise(source_.X);
  if (!target_.empty()) target_.X = standardise(target_.X);
}

Mat Dann::standardise(const Mat& X) const {
  if (cfg_.scale == InputScale::kNone) return X;
  return ((X.colwise() - in_mean_).array().colwise() / in_scale_.array()).matrix();
}

void Dann::reset() {
  auto child = [this](uint64_t tag) {
    Rng r = rng_;
    return r.split(tag);
  };
  Rng init = child(kInitTag);
  net_ = Mlp(make_spec(tc_, source_.dim(), num_classes_), init, "dann");
  domain_ = Mlp();
  if (!target_.empty()) {
    MlpSpec spec;
    spec.input = feature_dim();
    spec.hidden = {cfg_.domain_hidden};
    spec.output = 1;
    spec.hidden_act = net_.spec().hidden_act;
    Rng dinit = child(kDomainInitTag);
    domain_ = Mlp(spec, dinit, "domain");
    for (ParamBlock* p : domain_.params()) p->lr_mult = static_cast<Scalar>(cfg_.domain_lr);
  }
  avg_net_ = net_;
  avg_domain_ = domain_;
  averaged_ = 0;
  optimizer_ = Optimizer(make_optimizer_config(tc_));
  source_batches_ = Batcher(source_.size(), tc_.batch, child(kSourceBatchTag));
  target_batches_ = Batcher(target_.size(), tc_.batch, child(kTargetBatchTag));
  steps_ = 0;
  total_ = steps_for(source_.size(), tc_.batch, tc_.epochs);
}

int Dann::feature_dim() const {
  const auto& h = net_.spec().hidden;
  return h.empty() ? net_.spec().input : h.back();
}

double Dann::progress() const {
  return total_ > 0 ? std::min(1.0, static_cast<double>(steps_) / total_) : 1.0;
}

const Mat& Dann::extract(const Mat& X) {
  const Mat* h = &X;
  for (int i = 0; i + 1 < net_.num_layers(); ++i) h = &net_.layers[i].forward(*h);
  return *h;
}

void Dann::extract_backward(const Mat& dF) {
  const Mat* d = &dF;
  for (int i = net_.num_layers() - 2; i >= 0; --i) d = &net_.layers[i].backward(*d, i > 0);
}

Mat Dann::features(const Mat& X) const {
  const Mlp& net = model_net();
  Mat a = standardise(X), b;
  for (int i = 0; i + 1 < net.num_layers(); ++i) {
    net.layers[i].infer(a, b);
    a.swap(b);
  }
  return a;
}

Mat Dann::predict_proba(const Mat& X) const {
  return tl::predict_proba(model_net(), cfg_.scale == InputScale::kNone ? X : standardise(X));
}

Mlp Dann::classifier() const {
  Mlp net = model_net();
  if (cfg_.scale == InputScale::kNone || net.num_layers() == 0) return net;
  // W (x - m) ./ s + b = (W diag(1/s)) x + (b - W diag(1/s) m).
  Dense& first = net.layers.front();
  first.W.value = first.W.value * in_scale_.cwiseInverse().asDiagonal();
  first.b.value.col(0) -= first.W.value * in_mean_;
  return net;
}

void Dann::update_average() {
  if (cfg_.average <= 0 || progress() <= 1.0 - cfg_.average) return;
  // Running mean of the iterates in the window: avg += (w - avg) / k.
  const Scalar rate = Scalar(1) / static_cast<Scalar>(++averaged_);
  auto mix = [rate](Mlp& avg, const Mlp& cur) {
    for (int i = 0; i < cur.num_layers(); ++i) {
      avg.layers[i].W.value += rate * (cur.layers[i].W.value - avg.layers[i].W.value);
      avg.layers[i].b.value += rate * (cur.layers[i].b.value - avg.layers[i].b.value);
    }
  };
  mix(avg_net_, net_);
  mix(avg_domain_, domain_);
}

Mat Dann::domain_proba(const Mat& X) const {
  const Mlp& domain = model_domain();
  if (domain.num_layers() == 0) return Mat();
  Mat z;
  domain.infer(features(X), z);
  return (Scalar(1) / (Scalar(1) + (-z.array()).exp())).matrix();
}

ParamList Dann::params() {
  ParamList list = net_.params();
  if (domain_.num_layers() > 0)
    for (ParamBlock* p : domain_.params()) list.push_back(p);
  return list;
}

// CORAL (Sun & Saenko 2016): C = Fc Fc^T / (n - 1) with Fc the centred features (d x n),
//   L = ||C_s - C_t||_F^2 / (4 d^2).
//   dL/dC_s = (C_s - C_t) / (2 d^2) =: G (symmetric), dL/dC_t = -G;
//   dL/dFc_s = (G + G^T) Fc_s / (n_s - 1) = 2 G Fc_s / (n_s - 1); centring's Jacobian
//   (I - 11^T/n) leaves it unchanged because the rows of G Fc_s already have zero mean.
// MMD^2 (biased, Gretton et al. 2012) over Z = [Fs Ft] with the weights W_ij = 1/ns^2 (both
// source), 1/nt^2 (both target), -1/(ns nt) (mixed):
//   L = sum_ij W_ij K(D_ij), D_ij = ||z_i - z_j||^2, K(D) = 1/Q sum_q exp(-D / h_q).
//   dL/dD_ij = W_ij K'(D_ij) =: M_ij (symmetric); dD_ij/dz_a = 2 (z_i - z_j)(d_ia - d_ja), so
//   dL/dz_a = 4 sum_j M_aj (z_a - z_j), i.e. dZ = 4 (Z diag(M 1) - Z M).
double Dann::align_loss(Align kind, const Mat& Fs, const Mat& Ft, Mat& dFs, Mat& dFt,
                        bool with_grad) const {
  const Eigen::Index ns = Fs.cols(), nt = Ft.cols(), d = Fs.rows();
  if (ns < 2 || nt < 2) {
    dFs.setZero(Fs.rows(), ns);
    dFt.setZero(Ft.rows(), nt);
    return 0;
  }
  if (kind == Align::kCoral) {
    const Mat cs = Fs.colwise() - Fs.rowwise().mean();
    const Mat ct = Ft.colwise() - Ft.rowwise().mean();
    const Mat Cs = cs * cs.transpose() / Scalar(ns - 1);
    const Mat Ct = ct * ct.transpose() / Scalar(nt - 1);
    const Mat diff = Cs - Ct;
    const double scale = 1.0 / (4.0 * static_cast<double>(d) * d);
    if (with_grad) {
      const Mat G = diff * static_cast<Scalar>(2 * scale);
      dFs.noalias() = G * cs * Scalar(2.0 / (ns - 1));
      dFt.noalias() = G * ct * Scalar(-2.0 / (nt - 1));
    }
    return scale * diff.squaredNorm();
  }
  // mmd
  const Eigen::Index m = ns + nt;
  Mat Z(d, m);
  Z << Fs, Ft;
  const Vec sq = Z.colwise().squaredNorm().transpose();
  Mat D = Z.transpose() * Z * Scalar(-2);
  D.colwise() += sq;
  D.rowwise() += sq.transpose();
  D = D.cwiseMax(Scalar(0));
  double base = cfg_.bandwidth > 0 ? cfg_.bandwidth * cfg_.bandwidth : 0;
  if (base <= 0) {
    std::vector<Scalar> off;
    off.reserve(static_cast<size_t>(m * (m - 1) / 2));
    for (Eigen::Index j = 0; j < m; ++j)
      for (Eigen::Index i = 0; i < j; ++i) off.push_back(D(i, j));
    std::nth_element(off.begin(), off.begin() + off.size() / 2, off.end());
    base = off[off.size() / 2];
    if (!(base > 1e-12)) base = 1;
  }
  Mat W(m, m);
  W.topLeftCorner(ns, ns).setConstant(Scalar(1.0 / (double(ns) * ns)));
  W.bottomRightCorner(nt, nt).setConstant(Scalar(1.0 / (double(nt) * nt)));
  W.topRightCorner(ns, nt).setConstant(Scalar(-1.0 / (double(ns) * nt)));
  W.bottomLeftCorner(nt, ns).setConstant(Scalar(-1.0 / (double(ns) * nt)));
  Mat K = Mat::Zero(m, m), Kd = Mat::Zero(m, m);
  for (int q = -2; q <= 2; ++q) {
    const double h = base * std::ldexp(1.0, q);
    const Mat e = (D.array() * Scalar(-1.0 / h)).exp().matrix();
    K += e;
    if (with_grad) Kd -= e * Scalar(1.0 / h);
  }
  const double value = (W.array() * K.array()).sum() / kMmdKernels;
  if (with_grad) {
    const Mat M = (W.array() * Kd.array()).matrix() / Scalar(kMmdKernels);
    const Vec rows = M.rowwise().sum();
    Mat dZ = Z * rows.asDiagonal();
    dZ.noalias() -= Z * M;
    dZ *= Scalar(4);
    dFs = dZ.leftCols(ns);
    dFt = dZ.rightCols(nt);
  }
  return value;
}

double Dann::evaluate(const Mat& Xs, const Labels& ys, const Mat& Xt, bool with_grad,
                      DannLosses* parts) {
  const bool target = domain_.num_layers() > 0 && Xt.cols() > 0;
  const bool adversarial = cfg_.align == Align::kDann;
  const bool statistical = cfg_.align == Align::kCoral || cfg_.align == Align::kMmd;
  const double lam = lambda();
  grl_.lambda = static_cast<Scalar>(lam);
  double domain = 0, align = 0;
  if (target) {
    // Target half: the domain classifier should say "target" (t = 1).
    const Mat& ft = extract(Xt);
    if (statistical) ft_ = ft;
    const Mat& z = domain_.forward(ft);
    Mat& ddom = ddom_t_.get(1, Xt.cols());
    domain += 0.5 * binary_cross_entropy(z, Scalar(1), ddom);
    if (with_grad) {
      ddom *= Scalar(0.5);
      if (adversarial) {
        const Mat& dft = domain_.backward(ddom, true);
        Mat& dgrl = dgrl_t_.get(dft.rows(), dft.cols());
        grl_.backward(dft, dgrl);  // the extractor sees -lambda dL_d/dF
        extract_backward(dgrl);
      } else {
        domain_.backward(ddom, false);  // a monitor: nothing reaches the extractor
      }
    }
  }
  const Mat& fs = extract(Xs);
  Dense& head = net_.layers.back();
  const Mat& logits = head.forward(fs);
  Mat& dlogits = dlogits_.get(logits.rows(), logits.cols());
  const double label = softmax_cross_entropy(logits, ys, dlogits);
  Mat& dfs = dfs_.get(fs.rows(), fs.cols());
  if (with_grad) dfs = head.backward(dlogits, true);
  Mat& dalign_s = da_s_;
  Mat& dalign_t = da_t_;
  if (target) {
    // Source half: the domain classifier should say "source" (t = 0).
    const Mat& z = domain_.forward(fs);
    Mat& ddom = ddom_s_.get(1, Xs.cols());
    domain += 0.5 * binary_cross_entropy(z, Scalar(0), ddom);
    if (with_grad) {
      ddom *= Scalar(0.5);
      if (adversarial) {
        const Mat& dd = domain_.backward(ddom, true);
        Mat& dgrl = dgrl_s_.get(dd.rows(), dd.cols());
        grl_.backward(dd, dgrl);
        dfs += dgrl;
      } else {
        domain_.backward(ddom, false);
      }
    }
    if (statistical) {
      fs_ = fs;
      align = align_loss(cfg_.align, fs_, ft_, dalign_s, dalign_t, with_grad);
      if (with_grad) dfs += static_cast<Scalar>(lam) * dalign_s;
    }
  }
  if (with_grad) extract_backward(dfs);
  if (target && statistical && with_grad) {
    // The extractor's caches now hold the source pass: run the target pass again.
    extract(Xt);
    dft_ = static_cast<Scalar>(lam) * dalign_t;
    extract_backward(dft_);
  }
  if (parts) {
    parts->label = label;
    parts->domain = domain;
    parts->align = align;
  }
  return label + lam * align + domain;
}

// L = CE(G_y(G_f(Xs)), ys) + lambda_p L_a + L_d on one source and one target minibatch, with the
// domain part reaching the extractor through the GRL only for align=dann (see evaluate()).
DannLosses Dann::train_step() {
  DannLosses parts;
  if (source_.empty()) return parts;
  optimizer_.set_lr(static_cast<Scalar>(dann_learning_rate(cfg_, tc_.lr, progress())));
  net_.params_into(params_);  // params(), in place
  for (Dense& layer : domain_.layers) {
    params_.push_back(&layer.W);
    params_.push_back(&layer.b);
  }
  zero_grads(params_);
  if (domain_.num_layers() > 0) {
    const std::vector<int>& idx = target_batches_.next();
    gather_cols(target_.X, idx, xt_.get(target_.dim(), static_cast<Eigen::Index>(idx.size())));
  } else {
    xt_.get(source_.dim(), 0);
  }
  const std::vector<int>& idx = source_batches_.next();
  gather(source_, idx, xs_.get(source_.dim(), static_cast<Eigen::Index>(idx.size())), ys_);
  evaluate(xs_.current(), ys_, xt_.current(), true, &parts);
  parts.penalty = add_penalties(params_);
  optimizer_.step(params_);
  ++steps_;
  update_average();
  return parts;
}

StepStats Dann::step() {
  StepStats s;
  s.phase = uses_target() ? "adapt" : "train";
  if (source_.empty()) return s;
  const double lam = lambda();
  const DannLosses parts = train_step();
  s.loss = parts.label;
  s.aux.reserve(4);  // the report's one allocation
  if (domain_.num_layers() > 0) s.aux.emplace_back("domain_loss", parts.domain);
  if (uses_target()) {
    if (cfg_.align != Align::kDann)
      s.aux.emplace_back(kAlignChoices.name(cfg_.align) + "_loss", parts.align);
    s.aux.emplace_back("lambda", lam);
  }
  if (parts.penalty != 0) s.aux.emplace_back("penalty", parts.penalty);
  s.step = steps_;
  return s;
}

DannLosses Dann::losses() {
  const ParamList list = params();
  zero_grads(list);
  DannLosses parts;
  evaluate(source_.X, source_.y, target_.X, false, &parts);
  parts.penalty = add_penalties(list);
  zero_grads(list);
  return parts;
}

double Dann::objective() {
  const ParamList list = params();
  zero_grads(list);
  const double value = evaluate(source_.X, source_.y, target_.X, false, nullptr);
  return value + add_penalties(list);
}

Vec Dann::gradient() {
  const ParamList list = params();
  zero_grads(list);
  evaluate(source_.X, source_.y, target_.X, true, nullptr);
  add_penalties(list);
  return flatten_grads(list);
}

double Dann::domain_accuracy(const Mat& Xs, const Mat& Xt) const {
  const Mlp& domain = model_domain();
  if (domain.num_layers() == 0 || Xs.cols() == 0 || Xt.cols() == 0) return std::nan("");
  Mat zs, zt;
  domain.infer(features(Xs), zs);
  domain.infer(features(Xt), zt);
  const double acc_s = (zs.array() <= 0).cast<double>().mean();
  const double acc_t = (zt.array() > 0).cast<double>().mean();
  return 0.5 * (acc_s + acc_t);
}

double Dann::alignment_loss(const Mat& Xs, const Mat& Xt, Align kind) const {
  const bool statistical = kind == Align::kCoral || kind == Align::kMmd;
  if (!statistical || Xs.cols() < 2 || Xt.cols() < 2) return std::nan("");
  Mat unused_s, unused_t;
  return align_loss(kind, features(Xs), features(Xt), unused_s, unused_t, false);
}

Metrics Dann::metrics() {
  return {{"source_acc", accuracy_of(model_net(), source_)}, {"lambda", lambda()}};
}

TL_NAMESPACE_END

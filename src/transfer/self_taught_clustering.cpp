#include "transfer/self_taught_clustering.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "core/metrics.h"
#include "core/rng.h"

TL_NAMESPACE_BEGIN

void StcConfig::visit(ConfigVisitor& v) {
  v.integer("stc_aux_clusters", aux_clusters, 1, 256,
            "Helper-data clusters\nClusters of the auxiliary (helper) data in the co-clustering "
            "(Dai et al. 2008).");
  v.integer("stc_feature_clusters", feature_clusters, 1, 1024,
            "Feature groups\nClusters of features shared by target and auxiliary data.");
  v.real("stc_lambda", lambda, 0.0, 100.0,
         "Helper-data weight\nWeight lambda of the auxiliary data in the co-clustering.");
  v.integer("stc_iterations", iterations, 1, 1000,
            "Co-clustering rounds\nIterations of the co-clustering (at most).");
  v.integer("stc_restarts", restarts, 1, 100,
            "Co-clustering restarts\nRuns from different starts; the lowest objective wins.");
  v.real("stc_smoothing", smoothing, 1e-6, 10.0,
         "Smoothing\nCo-occurrence smoothing alpha, as a fraction of the mean feature value.");
}

namespace {

// The co-clustering runs in double: J is a difference of mutual informations and each step's
// decrease can be far below float resolution.
using MatD = Eigen::MatrixXd;
using VecD = Eigen::VectorXd;
constexpr double kNegInf = -std::numeric_limits<double>::infinity();

/// Joint distribution p(z, x) (features x points) from non-negative values plus smoothing.
MatD joint(const Mat& X, const VecD& shift, double smoothing) {
  MatD P = X.cast<double>();
  P.colwise() -= shift;
  const double mean = P.size() ? P.mean() : 0.0;
  const double alpha = smoothing * (mean > 0 ? mean : 1.0);
  P.array() += alpha;
  const double total = P.sum();
  if (total > 0) P /= total;
  return P;
}

/// Per-feature shift making every value of both sets >= 0 (zero for features already so).
VecD nonnegative_shift(const Mat& A, const Mat& B) {
  VecD lo = VecD::Zero(A.rows());
  if (A.cols() > 0) lo = lo.cwiseMin(A.rowwise().minCoeff().cast<double>());
  if (B.cols() > 0) lo = lo.cwiseMin(B.rowwise().minCoeff().cast<double>());
  return lo;
}

/// n x k indicator matrix of an assignment.
MatD indicator(const Labels& a, int k) {
  MatD M = MatD::Zero(static_cast<Eigen::Index>(a.size()), k);
  for (size_t i = 0; i < a.size(); ++i) M(static_cast<Eigen::Index>(i), a[i]) = 1;
  return M;
}

/// Element-wise log(A ./ (column sums)), the log of each column's conditional. Empty columns
/// (a cluster without mass) become -inf: no point is assigned to them. Rows without any mass (an
/// empty cluster on the other side) become 0: they are only ever weighted by zero.
MatD log_col_conditional(const MatD& A) {
  MatD L(A.rows(), A.cols());
  const VecD row_mass = A.rowwise().sum();
  for (Eigen::Index c = 0; c < A.cols(); ++c) {
    const double s = A.col(c).sum();
    for (Eigen::Index i = 0; i < A.rows(); ++i) {
      if (!(s > 0))
        L(i, c) = kNegInf;
      else if (!(row_mass(i) > 0))
        L(i, c) = 0;
      else
        L(i, c) = A(i, c) > 0 ? dmath::log(A(i, c) / s) : kNegInf;
    }
  }
  return L;
}

/// Scores S = W L (n x k): S(j, c) = sum_i W(j, i) L(i, c), with 0 * -inf taken as 0 and a
/// column that meets -inf with positive weight scoring -inf for that point.
MatD weighted_log_scores(const MatD& W, const MatD& L) {
  MatD S(W.rows(), L.cols());
  for (Eigen::Index c = 0; c < L.cols(); ++c) {
    if (L.col(c).allFinite()) {
      S.col(c).noalias() = W * L.col(c);
      continue;
    }
    const VecD finite = L.col(c).unaryExpr([](double v) { return std::isfinite(v) ? v : 0.0; });
    S.col(c).noalias() = W * finite;
    for (Eigen::Index i = 0; i < L.rows(); ++i) {
      if (std::isfinite(L(i, c))) continue;
      for (Eigen::Index j = 0; j < W.rows(); ++j)
        if (W(j, i) > 0) S(j, c) = kNegInf;
    }
  }
  return S;
}

/// Column of the largest entry of each row. Short documents give many exactly tied scores;
/// entries within a relative 1e-9 of the row's maximum count as ties and the lowest index wins,
/// so that rounding (which differs between builds) never decides an assignment.
Labels argmax_rows(const MatD& S) {
  Labels out(S.rows());
  for (Eigen::Index i = 0; i < S.rows(); ++i) {
    const double best = S.row(i).maxCoeff();
    const double slack = std::isfinite(best) ? 1e-9 * std::max(1.0, std::abs(best)) : 0.0;
    Eigen::Index c = 0;
    while (c + 1 < S.cols() && !(S(i, c) >= best - slack)) ++c;
    out[i] = static_cast<int>(c);
  }
  return out;
}

/// x log x summed, with 0 log 0 = 0.
double sum_xlogx(const MatD& A) {
  double s = 0;
  for (Eigen::Index i = 0; i < A.size(); ++i) {
    const double v = A.data()[i];
    if (v > 0) s += v * dmath::log(v);
  }
  return s;
}

/// I(X;Z) for a joint P (features x points).
double mutual_information(const MatD& P) {
  const VecD pz = P.rowwise().sum();
  const VecD px = P.colwise().sum().transpose();
  return sum_xlogx(P) - sum_xlogx(pz) - sum_xlogx(px);
}

/// D(p(X,Z) || pt(X,Z)) = I(X;Z) - I(Xt;Zt).
double information_loss(const MatD& P, const MatD& Az, const MatD& Ax) {
  const MatD Pt = Az.transpose() * P * Ax;
  return mutual_information(P) - mutual_information(Pt);
}

/// One side's instance step: C(x) = argmax_xt sum_zt p(zt|x) log p(zt|xt).
Labels instance_step(const MatD& P, const MatD& Az, const Labels& current, int k) {
  const MatD Ax = indicator(current, k);
  const MatD Pzx = Az.transpose() * P;            // p(zt, x): kz x n
  const MatD Lt = log_col_conditional(Pzx * Ax);  // log p(zt|xt): kz x k
  MatD cond = Pzx;                                // p(zt|x)
  for (Eigen::Index j = 0; j < cond.cols(); ++j) {
    const double s = cond.col(j).sum();
    if (s > 0) cond.col(j) /= s;
  }
  return argmax_rows(weighted_log_scores(cond.transpose(), Lt));
}

/// Feature step: C_Z(z) = argmax_zt sum_xt p(z,xt) log p(xt|zt) + lambda sum_yt q(z,yt) log
/// q(yt|zt).
Labels feature_step(const MatD& P, const MatD& Q, const MatD& Ax, const MatD& Ay, const Labels& cz,
                    int kz, double lambda) {
  const MatD Az = indicator(cz, kz);
  const MatD Pzxt = P * Ax;  // p(z, xt): nz x kx
  const MatD Qzyt = Q * Ay;  // q(z, yt): nz x ky
  // log p(xt|zt) (kx x kz) and log q(yt|zt) (ky x kz): column zt is a conditional.
  const MatD Lp = log_col_conditional((Az.transpose() * Pzxt).transpose());
  const MatD Lq = log_col_conditional((Az.transpose() * Qzyt).transpose());
  MatD S = weighted_log_scores(Pzxt, Lp);
  if (lambda > 0) S += lambda * weighted_log_scores(Qzyt, Lq);
  return argmax_rows(S);
}

/// Rows of M (dim x n, columns observations) normalised to sum 1, as float for k-means.
Mat column_conditionals(const MatD& M) {
  MatD C = M;
  for (Eigen::Index j = 0; j < C.cols(); ++j) {
    const double s = C.col(j).sum();
    if (s > 0) C.col(j) /= s;
  }
  return C.cast<Scalar>();
}

Labels kmeans_init(const Mat& points, int k, Rng& rng) {
  KMeansConfig kc;
  kc.k = std::max(1, std::min<int>(k, static_cast<int>(points.cols())));
  kc.restarts = 1;
  return kmeans(points, kc, rng).assign;
}

double objective_of(const MatD& P, const MatD& Q, const Labels& cx, const Labels& cy,
                    const Labels& cz, int kx, int ky, int kz, double lambda) {
  const MatD Az = indicator(cz, kz);
  double j = information_loss(P, Az, indicator(cx, kx));
  if (lambda > 0 && Q.cols() > 0) j += lambda * information_loss(Q, Az, indicator(cy, ky));
  return j;
}

}  // namespace

StcResult self_taught_clustering(const Mat& target, const Mat& aux, const StcConfig& cfg,
                                 Rng& rng) {
  assert(aux.cols() == 0 || aux.rows() == target.rows());
  StcResult best;
  best.objective = std::numeric_limits<double>::infinity();
  if (target.cols() == 0 || target.rows() == 0) return best;
  const VecD shift = nonnegative_shift(target, aux);
  const MatD P = joint(target, shift, cfg.smoothing);
  const MatD Q = aux.cols() > 0 ? joint(aux, shift, cfg.smoothing) : MatD(target.rows(), 0);
  const double lambda = Q.cols() > 0 ? cfg.lambda : 0.0;
  const int nz = static_cast<int>(P.rows());
  const int kx = std::max(1, std::min<int>(cfg.clusters, static_cast<int>(P.cols())));
  const int ky = std::max(1, std::min<int>(cfg.aux_clusters, std::max<int>(1, Q.cols())));
  const int kz = std::max(1, std::min(cfg.feature_clusters, nz));

  // Initialisation inputs: p(Z|x), q(Z|y) and each feature's profile [p(X|z); q(Y|z)].
  const Mat px_cond = column_conditionals(P);
  const Mat qy_cond = column_conditionals(Q);
  MatD profiles(P.cols() + Q.cols(), nz);
  profiles.topRows(P.cols()) = P.transpose();
  if (Q.cols() > 0) profiles.bottomRows(Q.cols()) = Q.transpose();
  const Mat z_profiles = column_conditionals(profiles);

  for (int r = 0; r < std::max(1, cfg.restarts); ++r) {
    Rng run = rng.split(static_cast<uint64_t>(r) + 1);
    StcResult res;
    res.target = kmeans_init(px_cond, kx, run);
    res.aux = Q.cols() > 0 ? kmeans_init(qy_cond, ky, run) : Labels();
    res.features = kmeans_init(z_profiles, kz, run);
    res.objective = objective_of(P, Q, res.target, res.aux, res.features, kx, ky, kz, lambda);
    res.history.push_back(res.objective);
    for (int it = 0; it < cfg.iterations; ++it) {
      const MatD Az = indicator(res.features, kz);
      Labels cx = instance_step(P, Az, res.target, kx);
      Labels cy = Q.cols() > 0 ? instance_step(Q, Az, res.aux, ky) : Labels();
      Labels cz =
          feature_step(P, Q, indicator(cx, kx), indicator(cy, ky), res.features, kz, lambda);
      const bool changed = cx != res.target || cy != res.aux || cz != res.features;
      res.target = std::move(cx);
      res.aux = std::move(cy);
      res.features = std::move(cz);
      res.objective = objective_of(P, Q, res.target, res.aux, res.features, kx, ky, kz, lambda);
      res.history.push_back(res.objective);
      if (!changed) break;
    }
    if (res.objective < best.objective) best = std::move(res);
  }
  return best;
}

double stc_objective(const Mat& target, const Mat& aux, const StcResult& a, const StcConfig& cfg) {
  const VecD shift = nonnegative_shift(target, aux);
  const MatD P = joint(target, shift, cfg.smoothing);
  const MatD Q = aux.cols() > 0 ? joint(aux, shift, cfg.smoothing) : MatD(target.rows(), 0);
  const auto count = [](const Labels& l) {
    int k = 1;
    for (int v : l) k = std::max(k, v + 1);
    return k;
  };
  return objective_of(P, Q, a.target, a.aux, a.features, count(a.target), count(a.aux),
                      count(a.features), Q.cols() > 0 ? cfg.lambda : 0.0);
}

// ---------------------------------------------------------------------------------------------
// SelfTaughtClusterer

SelfTaughtClusteringConfig::SelfTaughtClusteringConfig() {
  ae.hidden = {64};
}

void SelfTaughtClusteringConfig::visit(ConfigVisitor& v) {
  v.integer("clusters", clusters, 1, 256,
            "Number of clusters\nClusters sought in the target data.");
  v.integer("restarts", restarts, 1, 100,
            "Restarts of k-means\nRuns of k-means (k-means++ seeding each); the best wins.");
  v.flag("normalize", normalize,
         "Normalise codes\nScale each code to unit length before k-means (cosine k-means).");
  v.flag("with_target", with_target,
         "Autoencoder also sees the target\nTrain the autoencoder on the target points too, not "
         "only the auxiliary data.");
  ae.visit(v, /*shared_keys=*/true);
  stc.visit(v);
}

SelfTaughtClusterer::SelfTaughtClusterer(const SelfTaughtClusteringConfig& config,
                                         Dataset auxiliary, Dataset target, uint64_t seed)
    : cfg_(config), aux_(std::move(auxiliary)), target_(std::move(target)), seed_(seed) {
  reset();
}

void SelfTaughtClusterer::reset() {
  Rng rng(seed_);
  Rng init = rng.split(1);
  Autoencoder ae(aux_.dim(), cfg_.ae, init);
  Mat train = aux_.X;
  if (cfg_.with_target) {
    train.resize(aux_.dim(), aux_.size() + target_.size());
    train << aux_.X, target_.X;
  }
  ae_ = AutoencoderTrainer(std::move(ae), train, cfg_.ae, rng.split(2));
  cluster_rng_ = rng.split(3);
  clustered_ = false;
  learned_ = KMeansResult();
  stc_ = StcResult();
  stc_noaux_ = StcResult();
  const Eigen::Index m = std::min<Eigen::Index>(aux_.X.cols(), 256);
  check_x_ = aux_.X.leftCols(m);
  Rng check_rng = rng.split(4);
  ae_.ae.corrupt(check_x_, check_xc_, check_rng);
}

void SelfTaughtClusterer::cluster() {
  Rng rng = cluster_rng_;
  Rng km_rng = rng.split(1);
  Rng stc_rng = rng.split(2);
  Mat H;
  ae_.ae.encode(target_.X, H);
  if (cfg_.normalize) normalize_columns(H);
  KMeansConfig kc;
  kc.k = cfg_.clusters;
  kc.restarts = cfg_.restarts;
  learned_ = kmeans(H, kc, km_rng);
  StcConfig sc = cfg_.stc;
  sc.clusters = cfg_.clusters;
  // The control: the same co-clustering (budget, restarts, random stream) on the target alone.
  Rng noaux_rng = stc_rng;
  stc_ = self_taught_clustering(target_.X, aux_.X, sc, stc_rng);
  stc_noaux_ = self_taught_clustering(target_.X, Mat(target_.X.rows(), 0), sc, noaux_rng);
  clustered_ = true;
}

// pretrain: L = the autoencoder objective (transfer/self_taught.cpp) on auxiliary minibatches
// cluster:  once, k-means inertia sum_j ||h_j - c_a(j)||^2 on the target's codes, and the
//           co-clustering objective J = D(p||pt) + lambda D(q||qt) (header); the control
//           co-clustering of the target alone minimises D(p||pt)
StepStats SelfTaughtClusterer::step() {
  if (ae_.steps_done() < ae_.total_steps()) {
    StepStats s = ae_.step();
    s.step = steps_done();
    return s;
  }
  StepStats s;
  s.phase = "cluster";
  if (!clustered_) cluster();
  s.loss = learned_.inertia;
  s.aux = {{"stc_objective", stc_.objective}};
  s.step = steps_done();
  return s;
}

Mat SelfTaughtClusterer::predict(const Mat& X) {
  const int k = std::max(1, cfg_.clusters);
  Mat out = Mat::Zero(k, X.cols());
  if (!clustered_) {
    out.setConstant(Scalar(1) / static_cast<Scalar>(k));
    return out;
  }
  Mat H;
  ae_.ae.encode(X, H);
  if (cfg_.normalize) normalize_columns(H);
  const Labels a = nearest_centroid(learned_.centroids, H);
  for (Eigen::Index j = 0; j < X.cols(); ++j) out(a[j], j) = 1;
  return out;
}

Metrics SelfTaughtClusterer::metrics() {
  Metrics m;
  // The clusterings exist only after the clustering phase: until then only the autoencoder's
  // reconstruction error is a figure (no 0 standing in for a score not yet computed).
  if (clustered_) {
    m.emplace_back("nmi", nmi(learned_.assign, target_.y));
    m.emplace_back("purity", purity(learned_.assign, target_.y));
    m.emplace_back("stc_nmi", nmi(stc_.target, target_.y));
    m.emplace_back("stc_purity", purity(stc_.target, target_.y));
    m.emplace_back("stc_noaux_nmi", nmi(stc_noaux_.target, target_.y));
    m.emplace_back("stc_noaux_purity", purity(stc_noaux_.target, target_.y));
    m.emplace_back("stc_objective", stc_.objective);
  }
  m.emplace_back("reconstruction_error", ae_.ae.reconstruction_error(aux_.X));
  return m;
}

double SelfTaughtClusterer::objective() {
  return ae_.ae.evaluate(check_x_, check_xc_, false).total;
}

Vec SelfTaughtClusterer::gradient() {
  ae_.ae.evaluate(check_x_, check_xc_, true);
  return flatten_grads(ae_.ae.params());
}

TL_NAMESPACE_END

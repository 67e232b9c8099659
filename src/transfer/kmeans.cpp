#include "transfer/kmeans.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

TL_NAMESPACE_BEGIN

void squared_distances(const Mat& C, const Mat& X, Mat& D) {
  D.resize(C.cols(), X.cols());
  D.noalias() = Scalar(-2) * C.transpose() * X;
  D.colwise() += C.colwise().squaredNorm().transpose();
  D.rowwise() += X.colwise().squaredNorm();
  D = D.cwiseMax(Scalar(0));
}

Labels nearest_centroid(const Mat& C, const Mat& X, Vec* dist) {
  Mat D;
  squared_distances(C, X, D);
  Labels out(X.cols());
  if (dist) dist->resize(X.cols());
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    Eigen::Index best = 0;
    const Scalar d = D.col(j).minCoeff(&best);
    out[j] = static_cast<int>(best);
    if (dist) (*dist)(j) = d;
  }
  return out;
}

namespace {

/// Index drawn with probability proportional to w (w >= 0); uniform when w sums to zero.
Eigen::Index draw_weighted(const Vec& w, Rng& rng) {
  const double total = w.template cast<double>().sum();
  const Eigen::Index n = w.size();
  if (!(total > 0)) return static_cast<Eigen::Index>(rng.below(static_cast<uint32_t>(n)));
  const double target = rng.uniform() * total;
  double acc = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    acc += static_cast<double>(w(i));
    if (acc > target) return i;
  }
  // Rounding left the target beyond the sum: take the last point with weight.
  for (Eigen::Index i = n - 1; i >= 0; --i)
    if (w(i) > 0) return i;
  return n - 1;
}

}  // namespace

Mat kmeans_pp_seed(const Mat& X, int k, Rng& rng) {
  const Eigen::Index n = X.cols();
  assert(k >= 1 && k <= n);
  Mat C(X.rows(), k);
  C.col(0) = X.col(static_cast<Eigen::Index>(rng.below(static_cast<uint32_t>(n))));
  // nearest: squared distance of every point to its closest chosen centre so far.
  Vec nearest = (X.colwise() - C.col(0)).colwise().squaredNorm().transpose();
  for (int c = 1; c < k; ++c) {
    C.col(c) = X.col(draw_weighted(nearest, rng));
    nearest = nearest.cwiseMin((X.colwise() - C.col(c)).colwise().squaredNorm().transpose());
  }
  return C;
}

namespace {

/// One restart: Lloyd iterations from k-means++ seeds.
KMeansResult lloyd(const Mat& X, const KMeansConfig& cfg, Rng& rng) {
  const Eigen::Index n = X.cols();
  const int k = cfg.k;
  KMeansResult r;
  r.centroids = kmeans_pp_seed(X, k, rng);
  Mat D, sums(X.rows(), k);
  Vec dist(n);
  std::vector<int> counts(k);
  r.assign.assign(n, 0);
  double prev = std::numeric_limits<double>::infinity();
  for (int it = 0; it < std::max(1, cfg.max_iter); ++it) {
    // Assignment step.
    squared_distances(r.centroids, X, D);
    double inertia = 0;
    for (Eigen::Index j = 0; j < n; ++j) {
      Eigen::Index best = 0;
      dist(j) = D.col(j).minCoeff(&best);
      r.assign[j] = static_cast<int>(best);
      inertia += dist(j);
    }
    r.inertia = inertia;
    r.iterations = it + 1;
    if (prev - inertia <= cfg.tol * std::max(prev, 1e-300) && it > 0) break;
    prev = inertia;
    // Update step: centroids are the means of their points.
    sums.setZero();
    std::fill(counts.begin(), counts.end(), 0);
    for (Eigen::Index j = 0; j < n; ++j) {
      sums.col(r.assign[j]) += X.col(j);
      ++counts[r.assign[j]];
    }
    for (int c = 0; c < k; ++c) {
      if (counts[c] > 0) {
        r.centroids.col(c) = sums.col(c) / static_cast<Scalar>(counts[c]);
      } else {
        // Empty cluster: move it onto the point worst served by its centre, and make that point
        // unavailable for the next empty cluster.
        Eigen::Index far = 0;
        dist.maxCoeff(&far);
        r.centroids.col(c) = X.col(far);
        dist(far) = 0;
      }
    }
  }
  return r;
}

}  // namespace

KMeansResult kmeans(const Mat& X, const KMeansConfig& config, Rng& rng) {
  KMeansConfig cfg = config;
  cfg.k = std::max(1, std::min<int>(cfg.k, static_cast<int>(X.cols())));
  KMeansResult best;
  best.inertia = std::numeric_limits<double>::infinity();
  for (int r = 0; r < std::max(1, cfg.restarts); ++r) {
    Rng run_rng = rng.split(static_cast<uint64_t>(r) + 1);
    KMeansResult res = lloyd(X, cfg, run_rng);
    if (res.inertia < best.inertia) best = std::move(res);
  }
  return best;
}

void normalize_columns(Mat& X) {
  X.array().rowwise() /= X.colwise().norm().array().max(Scalar(1e-12));
}

TL_NAMESPACE_END

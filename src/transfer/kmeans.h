#pragma once
/// k-means clustering (Lloyd 1982) with k-means++ seeding (Arthur & Vassilvitskii, "k-means++:
/// the advantages of careful seeding", SODA 2007) and several seeded restarts, keeping the run
/// with the lowest inertia. Used by self-taught clustering on raw and on learned features.
#include "core/rng.h"
#include "core/tensor.h"

TL_NAMESPACE_BEGIN

struct KMeansConfig {
  int k = 2;
  int restarts = 10;   ///< independent k-means++ initialisations; the best inertia wins
  int max_iter = 100;  ///< Lloyd iterations per restart
  double tol = 1e-6;   ///< stop when the inertia improves by less than tol (relative)
};

struct KMeansResult {
  Mat centroids;       ///< dim x k
  Labels assign;       ///< n cluster ids in [0, k)
  double inertia = 0;  ///< sum of squared distances of points to their centroid
  int iterations = 0;  ///< Lloyd iterations of the winning restart
};

/// Squared Euclidean distances between centroids C (dim x k) and points X (dim x n): k x n,
/// computed as ||c||^2 + ||x||^2 - 2 C^T X and clamped at 0.
void squared_distances(const Mat& C, const Mat& X, Mat& D);

/// Nearest centroid of every column of X; dist (optional) receives the squared distance.
Labels nearest_centroid(const Mat& C, const Mat& X, Vec* dist = nullptr);

/// k-means++ seeding: the first centre uniformly, each next one with probability proportional
/// to the squared distance to the nearest centre chosen so far. Returns dim x k.
Mat kmeans_pp_seed(const Mat& X, int k, Rng& rng);

/// Scales every column of X to unit Euclidean length (all-zero columns stay zero). k-means on
/// the result clusters by cosine similarity (spherical k-means up to the centroids' length).
void normalize_columns(Mat& X);

/// Lloyd iterations from k-means++ seeds, `restarts` times, all randomness from rng. An empty
/// cluster is re-seeded with the point farthest from its centroid. Requires 1 <= k <= n.
KMeansResult kmeans(const Mat& X, const KMeansConfig& config, Rng& rng);

TL_NAMESPACE_END

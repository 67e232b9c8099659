#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "core/metrics.h"
#include "data/synthetic.h"
#include "support/seed.h"
#include "transfer/kmeans.h"

namespace {

using tl::KMeansConfig;
using tl::Mat;
using tl::Rng;

/// k tight blobs far apart (centres on a circle of radius 10, std 0.3).
tl::Dataset far_blobs(int n, int k, uint64_t seed) {
  Rng rng(seed);
  return tl::make_blobs(n, k, 0.3, rng, 10.0);
}

}  // namespace

TEST_SUITE("transfer/kmeans") {
  TEST_CASE("squared distances match the direct computation") {
    Rng rng(tl_test::base_seed());
    Mat C(3, 4), X(3, 5);
    for (Eigen::Index i = 0; i < C.size(); ++i) C.data()[i] = static_cast<tl::Scalar>(rng.normal());
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = static_cast<tl::Scalar>(rng.normal());
    Mat D;
    tl::squared_distances(C, X, D);
    REQUIRE(D.rows() == 4);
    REQUIRE(D.cols() == 5);
    for (int c = 0; c < 4; ++c)
      for (int j = 0; j < 5; ++j)
        CHECK(D(c, j) == doctest::Approx((C.col(c) - X.col(j)).squaredNorm()).epsilon(1e-4));
    tl::Vec dist;
    const tl::Labels a = tl::nearest_centroid(C, X, &dist);
    for (int j = 0; j < 5; ++j) {
      Eigen::Index best = 0;
      D.col(j).minCoeff(&best);
      CHECK(a[j] == best);
      CHECK(dist(j) == doctest::Approx(D(best, j)));
    }
  }

  TEST_CASE("k-means is deterministic for a seed") {
    const tl::Dataset ds = far_blobs(300, 5, tl_test::base_seed());
    KMeansConfig kc;
    kc.k = 5;
    kc.restarts = 4;
    Rng a(tl_test::base_seed() + 1), b(tl_test::base_seed() + 1);
    const tl::KMeansResult ra = tl::kmeans(ds.X, kc, a);
    const tl::KMeansResult rb = tl::kmeans(ds.X, kc, b);
    CHECK(ra.assign == rb.assign);
    CHECK(ra.centroids == rb.centroids);
    CHECK(ra.inertia == rb.inertia);
  }

  TEST_CASE("k-means recovers well separated blobs over several seeds") {
    for (int s = 0; s < 5; ++s) {
      const uint64_t seed = tl_test::base_seed() + 10 * s;
      const tl::Dataset ds = far_blobs(200, 4, seed);
      KMeansConfig kc;
      kc.k = 4;
      Rng rng(seed + 3);
      const tl::KMeansResult r = tl::kmeans(ds.X, kc, rng);
      CAPTURE(s);
      CHECK(tl::nmi(r.assign, ds.y) == doctest::Approx(1.0));
      CHECK(tl::purity(r.assign, ds.y) == doctest::Approx(1.0));
    }
  }

  TEST_CASE("k-means++ seeding puts one seed in each far blob") {
    // Seeding by squared distance makes a second seed in an already seeded tight blob unlikely:
    // a draw lands there with probability (squared distances inside the seeded blobs) / (all
    // squared distances), about 40 * 0.36 per seeded blob against 40 * 138 or more per free
    // blob, so about 1e-2 for the last draw and 1.5% per trial (the rate of 20000 simulated
    // trials). Allowing 3 failures in 20 trials, a correct seeding fails this with probability
    // about 3e-4; uniform seeding (all five blobs with probability 5!/5^5 = 0.04 per trial)
    // always fails it.
    int all_blobs = 0;
    const int trials = 20;
    for (int s = 0; s < trials; ++s) {
      const tl::Dataset ds = far_blobs(200, 5, tl_test::base_seed() + s);
      Rng rng(tl_test::base_seed() + 100 + s);
      const Mat C = tl::kmeans_pp_seed(ds.X, 5, rng);
      std::set<int> blobs;
      for (int c = 0; c < 5; ++c) {
        // The blob of the data point the seed sits on.
        tl::Vec d;
        const tl::Labels owner = tl::nearest_centroid(ds.X, C.col(c), &d);
        CHECK(d(0) == doctest::Approx(0.0));
        blobs.insert(ds.y[owner[0]]);
      }
      all_blobs += blobs.size() == 5;
    }
    CHECK(all_blobs >= trials - 3);
  }

  TEST_CASE("more restarts never give a worse inertia") {
    const tl::Dataset ds = far_blobs(150, 6, tl_test::base_seed() + 5);
    Rng rng(tl_test::base_seed() + 6);
    tl::Dataset noisy = tl::add_noise(ds, 4.0, rng);  // overlapping blobs: local minima exist
    for (int s = 0; s < 5; ++s) {
      KMeansConfig one, many;
      one.k = many.k = 6;
      one.restarts = 1;
      many.restarts = 8;
      Rng a(tl_test::base_seed() + 50 + s), b(tl_test::base_seed() + 50 + s);
      const double i1 = tl::kmeans(noisy.X, one, a).inertia;
      const double i8 = tl::kmeans(noisy.X, many, b).inertia;
      CHECK(i8 <= i1);
    }
  }

  TEST_CASE("k equal to the number of points gives zero inertia and no empty cluster") {
    Mat X(2, 6);
    X << 0, 1, 2, 3, 4, 5, 0, 0, 1, 1, 0, 1;
    KMeansConfig kc;
    kc.k = 6;
    Rng rng(tl_test::base_seed());
    const tl::KMeansResult r = tl::kmeans(X, kc, rng);
    CHECK(r.inertia == doctest::Approx(0.0));
    CHECK(std::set<int>(r.assign.begin(), r.assign.end()).size() == 6);
  }

  TEST_CASE("normalize_columns scales columns to unit length and leaves zero columns at zero") {
    Mat X(2, 3);
    X << 3, 0, -1,  //
        4, 0, 0;
    tl::normalize_columns(X);
    CHECK(X(0, 0) == doctest::Approx(0.6));
    CHECK(X(1, 0) == doctest::Approx(0.8));
    CHECK(X(0, 1) == 0);
    CHECK(X(1, 1) == 0);
    CHECK(X(0, 2) == doctest::Approx(-1.0));
    // Cosine k-means: points on two rays split by direction whatever their lengths.
    Mat R(2, 40);
    tl::Labels truth(40);
    for (int j = 0; j < 40; ++j) {
      const tl::Scalar len = static_cast<tl::Scalar>(0.1 + j);
      truth[j] = j % 2;
      R(0, j) = truth[j] ? len : 0;
      R(1, j) = truth[j] ? 0 : len;
    }
    tl::normalize_columns(R);
    KMeansConfig kc;
    kc.k = 2;
    Rng rng(tl_test::base_seed());
    CHECK(tl::nmi(tl::kmeans(R, kc, rng).assign, truth) == doctest::Approx(1.0));
  }
}

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "core/metrics.h"
#include "scenarios/scenario.h"
#include "support/seed.h"
#include "transfer/kmeans.h"
#include "transfer/self_taught_clustering.h"

namespace {

using tl::Dataset;
using tl::Labels;
using tl::Mat;
using tl::Rng;

/// Bag-of-words documents over `topics` topics of `words` words each. A class is a pair of
/// topics; each of a document's `len` words comes from a uniformly random topic with
/// probability `background`, else from one of the class's two topics, and is a uniform word of
/// that topic. X holds the word counts (topics*words x n).
Dataset topic_documents(const std::vector<std::pair<int, int>>& classes, int per_class, int len,
                        int topics, int words, double background, Rng& rng) {
  Dataset d;
  const int n = static_cast<int>(classes.size()) * per_class;
  d.X = Mat::Zero(topics * words, n);
  d.num_classes = static_cast<int>(classes.size());
  for (int c = 0; c < d.num_classes; ++c)
    for (int k = 0; k < per_class; ++k) {
      const int j = c * per_class + k;
      d.y.push_back(c);
      for (int t = 0; t < len; ++t) {
        const double u = rng.uniform();
        const int topic = u < background ? static_cast<int>(rng.below(topics))
                          : u < background + (1 - background) / 2 ? classes[c].first
                                                                  : classes[c].second;
        d.X(topic * words + static_cast<int>(rng.below(words)), j) += 1;
      }
    }
  return d;
}

/// Target: 4 classes over 8 topics; auxiliary: 8 other classes (other topic pairs) over the same
/// topics, unlabelled and plentiful. Short documents make the raw counts noisy.
std::pair<Dataset, Dataset> short_documents(uint64_t seed) {
  Rng rng(seed);
  const std::vector<std::pair<int, int>> target_classes = {{0, 1}, {2, 3}, {4, 5}, {6, 7}};
  const std::vector<std::pair<int, int>> aux_classes = {{1, 2}, {3, 4}, {5, 6}, {7, 0},
                                                        {0, 4}, {1, 5}, {2, 6}, {3, 7}};
  Dataset target = topic_documents(target_classes, 15, 10, 8, 20, 0.3, rng);
  Dataset aux = topic_documents(aux_classes, 100, 10, 8, 20, 0.3, rng);
  std::fill(aux.y.begin(), aux.y.end(), tl::kUnlabelled);
  return {target, aux};
}

double xlogx_sum(std::initializer_list<double> ps) {
  double h = 0;
  for (double p : ps) h -= p * std::log(p);
  return h;
}

}  // namespace

TEST_SUITE("transfer/self_taught_clustering") {
  TEST_CASE("nmi and purity match hand-computed values") {
    // truth 000111, clusters 001111: joint counts (k0,c0)=2, (k1,c0)=1, (k1,c1)=3 of 6.
    const Labels truth = {0, 0, 0, 1, 1, 1};
    const Labels clusters = {0, 0, 1, 1, 1, 1};
    const double hk = xlogx_sum({2.0 / 6, 4.0 / 6});
    const double hc = std::log(2.0);
    const double mi = 2.0 / 6 * std::log((2.0 / 6) / ((2.0 / 6) * 0.5)) +
                      1.0 / 6 * std::log((1.0 / 6) / ((4.0 / 6) * 0.5)) +
                      3.0 / 6 * std::log((3.0 / 6) / ((4.0 / 6) * 0.5));
    CHECK(mi / std::sqrt(hk * hc) == doctest::Approx(0.479138).epsilon(1e-5));
    CHECK(tl::nmi(clusters, truth) == doctest::Approx(mi / std::sqrt(hk * hc)).epsilon(1e-12));
    CHECK(tl::purity(clusters, truth) == doctest::Approx(5.0 / 6));

    // Perfect agreement up to renaming; independence; trivial partitions.
    CHECK(tl::nmi({2, 2, 0, 0, 1, 1}, {0, 0, 1, 1, 2, 2}) == doctest::Approx(1.0));
    CHECK(tl::purity({2, 2, 0, 0, 1, 1}, {0, 0, 1, 1, 2, 2}) == doctest::Approx(1.0));
    CHECK(tl::nmi({0, 1, 0, 1}, {0, 0, 1, 1}) == doctest::Approx(0.0));
    CHECK(tl::purity({0, 1, 0, 1}, {0, 0, 1, 1}) == doctest::Approx(0.5));
    CHECK(tl::nmi({0, 0, 0}, {1, 1, 1}) == doctest::Approx(1.0));
    CHECK(tl::nmi({0, 0, 0, 0}, {0, 0, 1, 1}) == doctest::Approx(0.0));
    CHECK(tl::purity({0, 0, 0, 0}, {0, 0, 1, 1}) == doctest::Approx(0.5));
    // Every point its own cluster: purity 1, NMI = H(C)/sqrt(H(C) H(K)) = sqrt(ln 2 / ln 4).
    CHECK(tl::purity({0, 1, 2, 3}, {0, 0, 1, 1}) == doctest::Approx(1.0));
    CHECK(tl::nmi({0, 1, 2, 3}, {0, 0, 1, 1}) ==
          doctest::Approx(std::sqrt(std::log(2.0) / std::log(4.0))));
  }

  TEST_CASE("nmi and purity skip unlabelled points") {
    const Labels truth = {0, 0, tl::kUnlabelled, 1, 1, tl::kUnlabelled};
    const Labels clusters = {1, 1, 0, 0, 0, 1};
    CHECK(tl::nmi(clusters, truth) == doctest::Approx(1.0));
    CHECK(tl::purity(clusters, truth) == doctest::Approx(1.0));
  }

  TEST_CASE("co-clustering recovers planted instance and feature clusters") {
    // Three feature blocks of 4 features; target point j uses block j % 3, auxiliary points use
    // all blocks. Clean counts, so both partitions must come out exactly.
    Rng rng(tl_test::base_seed());
    Mat target = Mat::Zero(12, 30), aux = Mat::Zero(12, 60);
    Labels truth(30), feature_truth(12);
    for (int f = 0; f < 12; ++f) feature_truth[f] = f / 4;
    for (int j = 0; j < 30; ++j) {
      truth[j] = j % 3;
      for (int f = 0; f < 4; ++f) target(truth[j] * 4 + f, j) = 1 + rng.uniform();
    }
    for (int j = 0; j < 60; ++j)
      for (int f = 0; f < 4; ++f) aux((j % 3) * 4 + f, j) = 1 + rng.uniform();
    tl::StcConfig cfg;
    cfg.clusters = 3;
    cfg.aux_clusters = 3;
    cfg.feature_clusters = 3;
    Rng run(tl_test::base_seed() + 1);
    const tl::StcResult r = tl::self_taught_clustering(target, aux, cfg, run);
    CHECK(tl::nmi(r.target, truth) == doctest::Approx(1.0));
    CHECK(tl::nmi(r.features, feature_truth) == doctest::Approx(1.0));
  }

  TEST_CASE("the co-clustering objective never increases and matches its definition") {
    for (int s = 0; s < 5; ++s) {
      const auto data = short_documents(tl_test::base_seed() + 17 * s);
      tl::StcConfig cfg;
      cfg.clusters = 4;
      cfg.aux_clusters = 8;
      cfg.feature_clusters = 8;
      cfg.restarts = 2;
      Rng rng(tl_test::base_seed() + s);
      const tl::StcResult r = tl::self_taught_clustering(data.first.X, data.second.X, cfg, rng);
      CAPTURE(s);
      REQUIRE(r.history.size() >= 2);
      for (size_t i = 1; i < r.history.size(); ++i) CHECK(r.history[i] <= r.history[i - 1] + 1e-12);
      CHECK(r.objective == doctest::Approx(r.history.back()));
      CHECK(tl::stc_objective(data.first.X, data.second.X, r, cfg) ==
            doctest::Approx(r.objective).epsilon(1e-9));
      CHECK(r.objective >= 0);
    }
  }

  TEST_CASE("on short documents, auxiliary data make clustering beat raw k-means") {
    // Few words per document make raw counts noisy; the auxiliary documents (other topic pairs)
    // reveal which words co-occur. Both routes should use that: k-means on autoencoder codes,
    // and the co-clustering through shared word clusters.
    double learned = 0, stc = 0, raw = 0;
    const int seeds = 5;
    for (int s = 0; s < seeds; ++s) {
      const uint64_t seed = tl_test::base_seed() + 1000 + 31 * s;
      const auto data = short_documents(seed);
      tl::SelfTaughtClusteringConfig cfg;
      cfg.clusters = 4;
      cfg.ae.hidden = {16};
      cfg.stc.aux_clusters = 8;
      cfg.stc.feature_clusters = 8;
      tl::SelfTaughtClusterer method(cfg, data.second, data.first, seed);
      while (!method.clustered()) method.step();
      const tl::Metrics m = method.metrics();
      tl::KMeansConfig kc;
      kc.k = 4;
      kc.restarts = cfg.restarts;
      Rng rng(seed + 5);
      const double r = tl::nmi(tl::kmeans(data.first.X, kc, rng).assign, data.first.y);
      MESSAGE("seed " << seed << ": nmi " << tl::metric(m, "nmi") << ", stc_nmi "
                      << tl::metric(m, "stc_nmi") << ", raw k-means " << r);
      learned += tl::metric(m, "nmi") / seeds;
      stc += tl::metric(m, "stc_nmi") / seeds;
      raw += r / seeds;
    }
    MESSAGE("mean nmi: learned " << learned << ", stc " << stc << ", raw " << raw);
    CHECK(learned > raw + 0.15);
    CHECK(stc > raw + 0.15);
  }

  TEST_CASE("selftaught-clustering-digits reports its metrics, phases and is deterministic") {
    const tl::ScenarioInfo* info = tl::find_scenario("selftaught-clustering-digits");
    REQUIRE(info != nullptr);
    auto run = [&](uint64_t seed, std::vector<std::string>* phases) {
      auto sc = info->make();
      REQUIRE(tl::set_config_field(sc->visitor(), "epochs", "3").ok());
      REQUIRE(tl::set_config_field(sc->visitor(), "target_per_class", "15").ok());
      REQUIRE(sc->reset(seed).ok());
      while (!sc->done()) {
        const tl::StepStats st = sc->step();
        if (phases && (phases->empty() || phases->back() != st.phase)) phases->push_back(st.phase);
      }
      return sc->metrics();
    };
    std::vector<std::string> phases;
    const tl::Metrics a = run(tl_test::base_seed(), &phases);
    const tl::Metrics b = run(tl_test::base_seed(), nullptr);
    CHECK(phases == std::vector<std::string>{"pretrain", "cluster"});
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      CAPTURE(a[i].first);
      CHECK(a[i].second == b[i].second);
    }
    for (const std::string key :
         {"nmi", "purity", "raw_nmi", "raw_purity", "stc_nmi", "stc_purity"}) {
      CAPTURE(key);
      const double v = tl::metric(a, key, -1);
      CHECK(v >= 0);
      CHECK(v <= 1);
    }
    // Raw k-means on real digits is far from chance (5 balanced classes: purity 0.2).
    CHECK(tl::metric(a, "raw_purity") > 0.5);
  }
}

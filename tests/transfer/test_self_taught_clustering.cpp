#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "core/metrics.h"
#include "data/documents.h"
#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"
#include "support/stats.h"
#include "transfer/kmeans.h"
#include "transfer/self_taught_clustering.h"

namespace {

using tl_test::mean_se;
using tl_test::MeanSe;

using tl::Dataset;
using tl::Labels;
using tl::Mat;
using tl::Rng;

/// Target: 4 classes over 8 topics; auxiliary: 8 other classes (other topic pairs) over the same
/// topics, unlabelled and plentiful. Short documents make the raw counts noisy.
std::pair<Dataset, Dataset> short_documents(uint64_t seed) {
  Rng rng(seed);
  const tl::TopicDocumentsSpec spec;  // 8 topics of 20 words, 10 words per document
  Dataset target = tl::make_topic_documents(tl::adjacent_topic_pairs(8), 15, spec, rng);
  Dataset aux = tl::make_topic_documents(tl::other_topic_pairs(8), 100, spec, rng);
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

  TEST_CASE("on short documents, auxiliary data help both routes against their fair controls") {
    // Few words per document make raw counts noisy; the auxiliary documents (other topic pairs)
    // reveal which words co-occur. The code route (autoencoder + cosine k-means) is compared
    // with cosine k-means on the raw counts, the co-clustering with the same co-clustering
    // without the auxiliary documents. Paired differences over 10 seeds (not the tuning seeds
    // 1-10) must exceed their standard error. Half the default pretraining (50 epochs) keeps the
    // test short and the effect: on these seeds nmi - raw_cosine_nmi is 0.324 (se 0.055) against
    // 0.338 (se 0.049) at the default 100; the co-clustering does not use the autoencoder.
    const int seeds = 10;
    std::vector<double> code_gain, stc_gain;
    for (int s = 0; s < seeds; ++s) {
      const uint64_t seed = 1000 + static_cast<uint64_t>(s);
      const tl::Metrics m =
          tl_test::run_scenario("selftaught-clustering-text", seed, {{"epochs", "50"}});
      MESSAGE("seed " << seed << ": nmi " << tl::metric(m, "nmi") << " (raw cosine "
                      << tl::metric(m, "raw_cosine_nmi") << "), stc_nmi "
                      << tl::metric(m, "stc_nmi") << " (no aux " << tl::metric(m, "stc_noaux_nmi")
                      << ")");
      code_gain.push_back(tl::metric(m, "nmi") - tl::metric(m, "raw_cosine_nmi"));
      stc_gain.push_back(tl::metric(m, "stc_nmi") - tl::metric(m, "stc_noaux_nmi"));
    }
    const MeanSe code = mean_se(code_gain), stc = mean_se(stc_gain);
    MESSAGE("nmi - raw_cosine_nmi " << code.mean << " (se " << code.se << "), stc_nmi - "
                                    << "stc_noaux_nmi " << stc.mean << " (se " << stc.se << ")");
    CHECK(code.mean > code.se);
    CHECK(stc.mean > stc.se);
    CHECK(code.mean > 0.1);
    CHECK(stc.mean > 0.1);
  }

  TEST_CASE("the no-auxiliary control is the co-clustering of the target alone") {
    // The control co-clusters the target with no auxiliary documents, from the same random
    // stream as the joint co-clustering; a clusterer given no auxiliary documents runs exactly
    // that as its joint co-clustering, so both must agree.
    const auto data = short_documents(tl_test::base_seed() + 5);
    tl::SelfTaughtClusteringConfig cfg;
    cfg.clusters = 4;
    cfg.ae.hidden = {8};
    cfg.ae.epochs = 1;
    Dataset no_aux = data.second.subset({});
    tl::SelfTaughtClusterer with(cfg, data.second, data.first, 7),
        without(cfg, no_aux, data.first, 7);
    while (!with.clustered()) with.step();
    while (!without.clustered()) without.step();
    CHECK(with.stc_noaux().target == without.stc().target);
    CHECK(tl::metric(with.metrics(), "stc_noaux_nmi") ==
          doctest::Approx(tl::metric(without.metrics(), "stc_nmi")));
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
         {"nmi", "purity", "raw_nmi", "raw_purity", "raw_cosine_nmi", "raw_cosine_purity",
          "stc_nmi", "stc_purity", "stc_noaux_nmi", "stc_noaux_purity"}) {
      CAPTURE(key);
      const double v = tl::metric(a, key, -1);
      CHECK(v >= 0);
      CHECK(v <= 1);
    }
    // Raw k-means on real digits is far from chance (5 balanced classes: purity 0.2).
    CHECK(tl::metric(a, "raw_purity") > 0.5);
  }
}

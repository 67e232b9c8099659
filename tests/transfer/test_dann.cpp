#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "data/synthetic.h"
#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"
#include "transfer/dann.h"
#include "transfer/supervised.h"

namespace {

using tl_test::Sets;

struct Means {
  double target = 0, source_only = 0, oracle = 0, domain_gap = 0, source_only_domain_gap = 0;
};

/// Means over five seeds; the domain gaps are |domain_acc - 0.5|.
Means effect(const std::string& name, const Sets& sets = {}) {
  Means m;
  constexpr int kSeeds = 5;
  for (int k = 0; k < kSeeds; ++k) {
    const uint64_t seed = tl_test::base_seed() + 101 * k;
    CAPTURE(seed);
    const tl::Metrics r = tl_test::run_scenario(name, seed, sets);
    m.target += tl::metric(r, "target_acc") / kSeeds;
    m.source_only += tl::metric(r, "source_only_target_acc") / kSeeds;
    m.oracle += tl::metric(r, "oracle_target_acc") / kSeeds;
    m.domain_gap += std::abs(tl::metric(r, "domain_acc") - 0.5) / kSeeds;
    m.source_only_domain_gap += std::abs(tl::metric(r, "source_only_domain_acc") - 0.5) / kSeeds;
    CHECK(tl::metric(r, "source_acc") > 0.85);
  }
  return m;
}

struct Domains {
  tl::Dataset source, target;
  explicit Domains(uint64_t seed, int n = 200) {
    tl::Rng rng(seed);
    source = tl::make_moons(n, 0.1, rng);
    target = tl::rotate(tl::make_moons(n, 0.1, rng), 35);
  }
};

}  // namespace

TEST_SUITE("transfer/dann") {
  TEST_CASE("the lambda schedule and the learning-rate annealing follow the paper") {
    tl::DannConfig cfg;
    cfg.lambda = 2;
    CHECK(tl::dann_lambda(cfg, 0.0) == 0.0);
    CHECK(tl::dann_lambda(cfg, 0.5) == doctest::Approx(2 * (2 / (1 + std::exp(-5.0)) - 1)));
    CHECK(tl::dann_lambda(cfg, 1.0) == doctest::Approx(2 * (2 / (1 + std::exp(-10.0)) - 1)));
    CHECK(tl::dann_lambda(cfg, 0.3) < tl::dann_lambda(cfg, 0.4));
    cfg.schedule = "fixed";
    CHECK(tl::dann_lambda(cfg, 0.0) == 2.0);
    cfg.align = "coral";
    cfg.coral_weight = 7;
    CHECK(tl::dann_lambda(cfg, 0.2) == 7.0);
    cfg.align = "none";
    CHECK(tl::dann_lambda(cfg, 0.2) == 0.0);
    cfg.anneal_lr = true;
    CHECK(tl::dann_learning_rate(cfg, 0.01, 0.0) == doctest::Approx(0.01));
    CHECK(tl::dann_learning_rate(cfg, 0.01, 1.0) == doctest::Approx(0.01 / std::pow(11.0, 0.75)));
    cfg.anneal_lr = false;
    CHECK(tl::dann_learning_rate(cfg, 0.01, 1.0) == 0.01);
  }

  TEST_CASE("lambda = 0 is exactly source-only training of the same network") {
    const Domains d(tl_test::base_seed());
    tl::TrainConfig tc;
    tc.epochs = 3;
    const tl::Rng rng(tl_test::base_seed() + 7);
    tl::DannConfig cfg;
    cfg.schedule = "fixed";
    cfg.lambda = 0;
    cfg.anneal_lr = false;
    tl::Dann dann(d.source, d.target, 2, cfg, tc, rng);
    cfg.align = "none";
    tl::Dann plain(d.source, d.target, 2, cfg, tc, rng);
    // The same network trained by the plain supervised trainer from the same start and batches.
    tl::Rng init = rng, batches = rng;
    init = init.split(tl::Dann::kInitTag);
    batches = batches.split(tl::Dann::kSourceBatchTag);
    tl::Mlp net(tl::make_spec(tc, 2, 2), init);
    tl::SupervisedTrainer trainer(net, d.source, tc, batches);
    for (int k = 0; k < 40; ++k) {
      dann.step();
      plain.step();
      trainer.step();
    }
    const tl::Mlp& a = dann.classifier();
    const tl::Mlp& b = plain.classifier();
    REQUIRE(a.num_layers() == trainer.net.num_layers());
    for (int i = 0; i < a.num_layers(); ++i) {
      CHECK(a.layers[i].W.value == trainer.net.layers[i].W.value);
      CHECK(a.layers[i].b.value == trainer.net.layers[i].b.value);
      CHECK(a.layers[i].W.value == b.layers[i].W.value);
      CHECK(a.layers[i].b.value == b.layers[i].b.value);
    }
    // ... while a positive lambda does change the network.
    cfg.align = "dann";
    cfg.lambda = 1;
    tl::Dann adversarial(d.source, d.target, 2, cfg, tc, rng);
    for (int k = 0; k < 40; ++k) adversarial.step();
    CHECK(adversarial.classifier().layers[0].W.value != a.layers[0].W.value);
  }

  TEST_CASE("target labels are never used for training") {
    const Domains d(tl_test::base_seed() + 1);
    tl::Dataset unlabelled = d.target, shuffled = d.target;
    std::fill(unlabelled.y.begin(), unlabelled.y.end(), tl::kUnlabelled);
    for (int& y : shuffled.y) y = 1 - y;
    tl::TrainConfig tc;
    tc.epochs = 2;
    for (const char* align : {"dann", "coral", "mmd"}) {
      CAPTURE(align);
      tl::DannConfig cfg;
      cfg.align = align;
      tl::Dann a(d.source, unlabelled, 2, cfg, tc, tl::Rng(5));
      tl::Dann b(d.source, shuffled, 2, cfg, tc, tl::Rng(5));
      while (a.steps_done() < a.total_steps()) {
        a.step();
        b.step();
      }
      CHECK(a.predict_proba(d.target.X) == b.predict_proba(d.target.X));
    }
  }

  TEST_CASE("features() is the extractor's output and the PCA projection keeps the main axes") {
    const Domains d(tl_test::base_seed() + 2, 50);
    tl::TrainConfig tc;
    tc.hidden = {8, 6};
    tl::Dann dann(d.source, d.target, 2, tl::DannConfig(), tc, tl::Rng(9));
    for (int k = 0; k < 10; ++k) dann.step();
    const tl::Mat F = dann.features(d.target.X);
    REQUIRE(F.rows() == 6);
    REQUIRE(F.cols() == d.target.size());
    tl::Mat logits;
    dann.classifier().infer(d.target.X, logits);
    const tl::Dense& head = dann.classifier().layers.back();
    const tl::Mat again = (head.W.value * F).colwise() + head.b.value.col(0);
    CHECK((again - logits).cwiseAbs().maxCoeff() < 1e-5);

    // Points along known directions: the first axis is the long one, the second the shorter.
    tl::Rng rng(tl_test::base_seed());
    tl::Mat P(3, 400);
    for (int j = 0; j < P.cols(); ++j) {
      const double a = rng.normal() * 5, b = rng.normal() * 1, c = rng.normal() * 0.1;
      P(0, j) = static_cast<tl::Scalar>(b + 1);
      P(1, j) = static_cast<tl::Scalar>(c);
      P(2, j) = static_cast<tl::Scalar>(a - 2);
    }
    const tl::Projection2d pca = tl::fit_pca_2d(P);
    CHECK(std::abs(pca.axes(2, 0)) > 0.99);
    CHECK(std::abs(pca.axes(0, 1)) > 0.99);
    CHECK(pca.axes.col(0).maxCoeff() > 0);  // sign convention: largest entry positive
    const tl::Mat Y = pca.apply(P);
    REQUIRE(Y.rows() == 2);
    CHECK(std::abs(Y.row(0).mean()) < 1e-3);
    CHECK(std::abs(Y(0, 0) - (P(2, 0) - pca.mean(2))) < 0.1);
  }

  TEST_CASE("DANN beats source-only on dann-moons and hides the domain better (5 seeds)") {
    const Means m = effect("dann-moons");
    CHECK(m.target > m.source_only + 0.12);
    CHECK(m.oracle > 0.97);
    CHECK(m.domain_gap + 0.1 < m.source_only_domain_gap);
  }

  TEST_CASE("DANN beats source-only on dann-digits and hides the domain better (5 seeds)") {
    const Means m = effect("dann-digits");
    CHECK(m.target > m.source_only + 0.08);
    CHECK(m.oracle > 0.9);
    CHECK(m.domain_gap + 0.15 < m.source_only_domain_gap);
  }

  TEST_CASE("every alignment runs and reports the same metric names") {
    for (const char* align : {"dann", "coral", "mmd", "none"}) {
      CAPTURE(align);
      const tl::Metrics r = tl_test::run_scenario("dann-moons", tl_test::base_seed(),
                                                  {{"align", align}, {"epochs", "3"}});
      for (const char* key : {"target_acc", "source_only_target_acc", "source_acc", "domain_acc",
                              "gap_closed", "oracle_target_acc"}) {
        CAPTURE(key);
        bool found = false;
        for (const auto& kv : r) found |= kv.first == key;
        CHECK(found);
      }
      CHECK(std::isfinite(tl::metric(r, "domain_acc")));
    }
  }

  TEST_CASE("the same seed gives identical metrics") {
    const Sets sets = {{"epochs", "5"}, {"align", "mmd"}};
    const tl::Metrics a = tl_test::run_scenario("dann-moons", tl_test::base_seed(), sets);
    const tl::Metrics b = tl_test::run_scenario("dann-moons", tl_test::base_seed(), sets);
    const tl::Metrics c = tl_test::run_scenario("dann-moons", tl_test::base_seed() + 1, sets);
    CHECK(a == b);
    CHECK(a != c);
  }

  TEST_CASE("user domains: an unlabelled target leaves the label metrics NaN") {
    const Domains d(tl_test::base_seed() + 3, 120);
    auto s = tl::find_scenario("dann-moons")->make();
    REQUIRE(tl::set_config_field(s->visitor(), "epochs", "5").ok());
    tl::Dataset target = d.target;
    std::fill(target.y.begin(), target.y.end(), tl::kUnlabelled);
    REQUIRE(s->set_user_source(d.source).ok());
    REQUIRE(s->set_user_target(target).ok());
    REQUIRE(s->reset(1).ok());
    while (!s->done()) s->step();
    const tl::Metrics m = s->metrics();
    CHECK(std::isnan(tl::metric(m, "target_acc")));
    CHECK(std::isnan(tl::metric(m, "oracle_target_acc")));
    CHECK(std::isnan(tl::metric(m, "gap_closed")));
    CHECK(std::isfinite(tl::metric(m, "domain_acc")));
    CHECK(tl::metric(m, "source_acc") > 0.5);

    // A single file with a domain column: its domain-1 points are the target.
    tl::Dataset both = tl::concat(d.source, d.target);
    both.domain.assign(both.size(), 0);
    std::fill(both.domain.begin() + d.source.size(), both.domain.end(), 1);
    REQUIRE(s->set_user_target(std::nullopt).ok());
    REQUIRE(s->set_user_source(both).ok());
    REQUIRE(s->reset(1).ok());
    CHECK(s->target_data()->size() == d.target.size());
    while (!s->done()) s->step();
    CHECK(std::isfinite(tl::metric(s->metrics(), "target_acc")));

    // A target of the wrong width is refused with a message naming the widths.
    tl::Dataset wide;
    wide.X = tl::Mat::Random(3, 10);
    wide.y.assign(10, tl::kUnlabelled);
    REQUIRE(s->set_user_target(wide).ok());
    const tl::Status st = s->reset(1);
    CHECK(st.message.find("expected 2 feature columns") != std::string::npos);
  }
}

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "data/pca.h"
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
    cfg.schedule = tl::LambdaSchedule::kFixed;
    CHECK(tl::dann_lambda(cfg, 0.0) == 2.0);
    cfg.align = tl::Align::kCoral;
    cfg.coral_weight = 7;
    CHECK(tl::dann_lambda(cfg, 0.2) == 7.0);
    cfg.align = tl::Align::kNone;
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
    cfg.schedule = tl::LambdaSchedule::kFixed;
    cfg.lambda = 0;
    cfg.anneal_lr = false;
    // The plain trainer sees the inputs as given and returns its last iterate.
    cfg.scale = tl::InputScale::kNone;
    cfg.average = 0;
    tl::Dann dann(d.source, d.target, 2, cfg, tc, rng);
    cfg.align = tl::Align::kNone;
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
    const tl::Mlp& a = dann.trained_network();
    const tl::Mlp& b = plain.trained_network();
    REQUIRE(a.num_layers() == trainer.net.num_layers());
    for (int i = 0; i < a.num_layers(); ++i) {
      CHECK(a.layers[i].W.value == trainer.net.layers[i].W.value);
      CHECK(a.layers[i].b.value == trainer.net.layers[i].b.value);
      CHECK(a.layers[i].W.value == b.layers[i].W.value);
      CHECK(a.layers[i].b.value == b.layers[i].b.value);
    }
    // ... while a positive lambda does change the network.
    cfg.align = tl::Align::kDann;
    cfg.lambda = 1;
    tl::Dann adversarial(d.source, d.target, 2, cfg, tc, rng);
    for (int k = 0; k < 40; ++k) adversarial.step();
    CHECK(adversarial.trained_network().layers[0].W.value != a.layers[0].W.value);
  }

  TEST_CASE("target labels are never used for training") {
    const Domains d(tl_test::base_seed() + 1);
    tl::Dataset unlabelled = d.target, shuffled = d.target;
    std::fill(unlabelled.y.begin(), unlabelled.y.end(), tl::kUnlabelled);
    for (int& y : shuffled.y) y = 1 - y;
    tl::TrainConfig tc;
    tc.epochs = 2;
    for (tl::Align align : {tl::Align::kDann, tl::Align::kCoral, tl::Align::kMmd}) {
      const std::string name = tl::kAlignChoices.name(align);
      CAPTURE(name);
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
    const tl::Mlp net = dann.classifier();  // raw inputs: the standardisation is folded in
    net.infer(d.target.X, logits);
    const tl::Dense& head = net.layers.back();
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

  TEST_CASE("inputs are standardised on both domains, each weighing one half") {
    const Domains d(tl_test::base_seed() + 4, 60);
    tl::Dataset big = d.target;  // a target three times the source's size
    big = tl::concat(tl::concat(big, d.target), d.target);
    big.X.row(0).array() += 2;
    tl::TrainConfig tc;
    tc.epochs = 2;
    tl::DannConfig cfg;
    tl::Dann dann(d.source, big, 2, cfg, tc, tl::Rng(3));
    const tl::Vec ms = d.source.X.rowwise().mean(), mt = big.X.rowwise().mean();
    const tl::Vec vs = (d.source.X.colwise() - ms).array().square().rowwise().mean().matrix();
    const tl::Vec vt = (big.X.colwise() - mt).array().square().rowwise().mean().matrix();
    for (int i = 0; i < 2; ++i) {
      CAPTURE(i);
      CHECK(dann.input_mean()(i) == doctest::Approx((ms(i) + mt(i)) / 2).epsilon(1e-4));
      const double v = (vs(i) + vt(i)) / 2 + (ms(i) - mt(i)) * (ms(i) - mt(i)) / 4;
      CHECK(dann.input_scale()(i) == doctest::Approx(std::sqrt(v)).epsilon(1e-4));
    }
    // align=none (the source-only baseline) shares the standardisation; scale=source fits it on
    // the source alone.
    cfg.align = tl::Align::kNone;
    tl::Dann same(d.source, big, 2, cfg, tc, tl::Rng(3));
    CHECK((same.input_mean() - dann.input_mean()).norm() == 0);
    CHECK((same.input_scale() - dann.input_scale()).norm() == 0);
    cfg.scale = tl::InputScale::kSource;
    tl::Dann plain(d.source, big, 2, cfg, tc, tl::Rng(3));
    CHECK(plain.input_mean()(0) == doctest::Approx(ms(0)).epsilon(1e-4));
    CHECK(plain.input_scale()(1) == doctest::Approx(std::sqrt(vs(1))).epsilon(1e-4));
    // global: one common scale, the root mean variance.
    cfg.align = tl::Align::kDann;
    cfg.scale = tl::InputScale::kShared;
    cfg.scale_by = tl::ScaleBy::kGlobal;
    tl::Dann common(d.source, big, 2, cfg, tc, tl::Rng(3));
    CHECK(common.input_scale()(0) == common.input_scale()(1));
    CHECK(common.input_scale()(0) ==
          doctest::Approx(std::sqrt(dann.input_scale().array().square().mean())).epsilon(1e-4));

    // The exported network takes raw inputs: the scaling is folded into its first layer.
    while (dann.steps_done() < dann.total_steps()) dann.step();
    tl::Mat logits;
    dann.classifier().infer(big.X, logits);
    const tl::Mat p = dann.predict_proba(big.X);
    const tl::Mat e = (logits.rowwise() - logits.colwise().maxCoeff()).array().exp().matrix();
    const tl::Mat q = e.array().rowwise() / e.colwise().sum().array();
    CHECK((p - q).cwiseAbs().maxCoeff() < 1e-4);
  }

  TEST_CASE("the units of the inputs do not change what is learned (shared standardisation)") {
    const Domains d(tl_test::base_seed() + 5, 80);
    tl::Dataset s16 = d.source, t16 = d.target;
    s16.X = s16.X * tl::Scalar(16) + tl::Mat::Constant(2, s16.size(), tl::Scalar(3));
    t16.X = t16.X * tl::Scalar(16) + tl::Mat::Constant(2, t16.size(), tl::Scalar(3));
    tl::TrainConfig tc;
    tc.epochs = 1;
    tl::Dann a(d.source, d.target, 2, tl::DannConfig(), tc, tl::Rng(11));
    tl::Dann b(s16, t16, 2, tl::DannConfig(), tc, tl::Rng(11));
    while (a.steps_done() < a.total_steps()) {
      a.step();
      b.step();
    }
    CHECK((a.predict_proba(d.target.X) - b.predict_proba(t16.X)).cwiseAbs().maxCoeff() < 1e-3);
  }

  TEST_CASE("the model is the Polyak-Ruppert average of the iterates in the averaging window") {
    const Domains d(tl_test::base_seed() + 6, 60);
    tl::TrainConfig tc;
    tc.hidden = {6};
    tc.epochs = 4;
    tl::DannConfig cfg;
    cfg.scale =
        tl::InputScale::kNone;  // so that classifier() holds the averaged weights as they are
    cfg.average = 0.4;
    tl::Dann dann(d.source, d.target, 2, cfg, tc, tl::Rng(7));
    std::vector<tl::Mat> sum;
    long in_window = 0;
    while (dann.steps_done() < dann.total_steps()) {
      dann.step();
      if (dann.progress() <= 1 - cfg.average) {
        CHECK(dann.averaged_steps() == 0);
        continue;
      }
      const tl::Mlp& net = dann.trained_network();
      if (sum.empty())
        for (const tl::Dense& l : net.layers) {
          sum.push_back(tl::Mat::Zero(l.W.value.rows(), l.W.value.cols()));
          sum.push_back(tl::Mat::Zero(l.b.value.rows(), l.b.value.cols()));
        }
      for (int i = 0; i < net.num_layers(); ++i) {
        sum[2 * i] += net.layers[i].W.value;
        sum[2 * i + 1] += net.layers[i].b.value;
      }
      ++in_window;
    }
    REQUIRE(in_window > 2);
    CHECK(dann.averaged_steps() == in_window);
    const tl::Mlp avg = dann.classifier();
    for (int i = 0; i < avg.num_layers(); ++i) {
      const tl::Mat w = sum[2 * i] / tl::Scalar(in_window);
      CHECK((avg.layers[i].W.value - w).cwiseAbs().maxCoeff() < 1e-4);
      CHECK(
          (avg.layers[i].W.value - dann.trained_network().layers[i].W.value).cwiseAbs().maxCoeff() >
          1e-4);  // not the last iterate
    }
  }

  TEST_CASE("DANN beats source-only on dann-moons and hides the domain better (5 seeds)") {
    const Means m = effect("dann-moons");
    CHECK(m.target > m.source_only + 0.12);
    CHECK(m.oracle > 0.97);
    CHECK(m.domain_gap + 0.1 < m.source_only_domain_gap);
  }

  TEST_CASE("DANN beats source-only on dann-digits and hides the domain better (5 seeds)") {
    const Means m = effect("dann-digits");
    // Source-only shares the standardisation fitted on both domains' inputs, which alone lifts it
    // from 0.682 to 0.775 (seeds 1-10): the margin is what the adversary adds on top.
    CHECK(m.target > m.source_only + 0.03);
    CHECK(m.oracle > 0.9);
    CHECK(m.domain_gap + 0.15 < m.source_only_domain_gap);
  }

  TEST_CASE("on shifts the defaults were not tuned on, DANN helps or costs little (10 seeds)") {
    // The defaults were chosen on translation + intensity + noise and on rotation + blur; these
    // shifts were not tuned on. Measured on seeds 1000-1009 (paired gain, SE): intensity x0.5
    // +0.043 (0.007), rotation 25 degrees +0.066 (0.010), pixel noise 0.1 -0.003 (0.003). The
    // translations by 1 and 2 pixels (+0.005 (0.014), -0.013 (0.011): no effect) are not run here
    // to keep the test short.
    struct Shift {
      const char* key;
      const char* value;
      double min_gain;  // the mean paired gain must exceed this and, when positive, 2 SE
    };
    for (const Shift sh : {Shift{"intensity", "0.5", 0.01}, Shift{"angle", "25", 0.01},
                           Shift{"pixel_noise", "0.1", -0.015}}) {
      CAPTURE(sh.key);
      constexpr int kSeeds = 10;
      std::vector<double> gain;
      for (int k = 0; k < kSeeds; ++k) {
        const uint64_t seed = tl_test::base_seed() + 7919 * k;
        CAPTURE(seed);
        const tl::Metrics r = tl_test::run_scenario(
            "dann-digits", seed, {{"angle", "0"}, {"blur", "0"}, {sh.key, sh.value}});
        gain.push_back(tl::metric(r, "target_acc") - tl::metric(r, "source_only_target_acc"));
      }
      double mean = 0, var = 0;
      for (double g : gain) mean += g / kSeeds;
      for (double g : gain) var += (g - mean) * (g - mean) / (kSeeds - 1);
      const double se = std::sqrt(var / kSeeds);
      CAPTURE(mean);
      CAPTURE(se);
      CHECK(mean > sh.min_gain);
      if (sh.min_gain > 0) CHECK(mean > 2 * se);
    }
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

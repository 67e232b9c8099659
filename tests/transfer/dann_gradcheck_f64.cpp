// Finite-difference checks of the domain-adaptation objective in double precision: with the
// gradient reversal layer the extractor's gradient is the label gradient minus lambda times the
// domain gradient; with CORAL and MMD it is the label gradient plus lambda times the alignment
// gradient; the domain classifier always gets the domain loss's own gradient.
#include <doctest/doctest.h>

#include <string>

#include "data/synthetic.h"
#include "support/gradcheck.h"
#include "support/seed.h"
#include "transfer/dann.h"

namespace {

struct Fixture {
  tl::Dataset source, target;
  tl::TrainConfig tc;
  Fixture(uint64_t seed) {
    tl::Rng rng(seed);
    source = tl::make_moons(12, 0.1, rng);
    target = tl::rotate(tl::make_moons(10, 0.1, rng), 35);
    tc.hidden = {5, 4};
    tc.batch = 4;
    tc.epochs = 3;
  }
};

/// Returns the relative error of the analytic gradient against the expected combination of
/// finite differences of the parts.
double check(tl::Align align, double lambda, uint64_t seed) {
  Fixture f(seed);
  tl::DannConfig cfg;
  cfg.align = align;
  cfg.schedule = tl::LambdaSchedule::kFixed;
  cfg.lambda = lambda;
  cfg.coral_weight = lambda;
  cfg.mmd_weight = lambda;
  cfg.domain_hidden = 3;
  cfg.bandwidth = 1.3;  // a fixed kernel width: the median heuristic is held constant in training
  tl::Dann dann(f.source, f.target, 2, cfg, f.tc, tl::Rng(seed + 1));
  // Move away from the initialisation (and give the biases non-zero values).
  for (int k = 0; k < 5; ++k) dann.step();
  const tl::ParamList params = dann.params();
  const tl::Vec analytic = dann.gradient();

  const tl::Vec d_label = tl_test::numeric_gradient(params, [&] { return dann.losses().label; });
  const tl::Vec d_domain = tl_test::numeric_gradient(params, [&] { return dann.losses().domain; });
  const tl::Vec d_align = tl_test::numeric_gradient(params, [&] { return dann.losses().align; });

  // Blocks: extractor (all classifier layers but the last), label head, domain classifier.
  const tl::Mlp& net = dann.classifier();
  Eigen::Index extractor = 0, head = 0;
  for (int i = 0; i < net.num_layers(); ++i) {
    const Eigen::Index n = net.layers[i].W.size() + net.layers[i].b.size();
    (i + 1 < net.num_layers() ? extractor : head) += n;
  }
  const Eigen::Index domain = analytic.size() - extractor - head;
  REQUIRE(domain > 0);
  tl::Vec expected(analytic.size());
  const double lam = dann.lambda();
  CHECK(lam == doctest::Approx(lambda));
  if (align == tl::Align::kDann)
    expected.head(extractor) = d_label.head(extractor) - lam * d_domain.head(extractor);
  else if (align == tl::Align::kNone)
    expected.head(extractor) = d_label.head(extractor);
  else
    expected.head(extractor) = d_label.head(extractor) + lam * d_align.head(extractor);
  expected.segment(extractor, head) = d_label.segment(extractor, head);
  expected.tail(domain) = d_domain.tail(domain);
  // The label loss does not depend on the domain classifier, nor the domain loss on the head.
  CHECK(d_label.tail(domain).norm() == doctest::Approx(0).epsilon(1e-9));
  CHECK(d_domain.segment(extractor, head).norm() == doctest::Approx(0).epsilon(1e-9));
  return tl_test::relative_error(analytic, expected);
}

}  // namespace

TEST_SUITE("transfer/dann") {
  TEST_CASE(
      "with the GRL the extractor's gradient is the label gradient minus lambda times the "
      "domain gradient") {
    const uint64_t seed = tl_test::base_seed();
    CHECK(check(tl::Align::kDann, 0.7, seed) < 1e-6);
    CHECK(check(tl::Align::kDann, 2.5, seed + 1) < 1e-6);
  }

  TEST_CASE(
      "CORAL and MMD add lambda times their gradient; the monitor domain classifier sends "
      "nothing to the extractor") {
    const uint64_t seed = tl_test::base_seed();
    CHECK(check(tl::Align::kCoral, 3.0, seed) < 1e-6);
    CHECK(check(tl::Align::kMmd, 0.8, seed) < 1e-6);
    CHECK(check(tl::Align::kNone, 0.0, seed) < 1e-6);
  }

  TEST_CASE("the objective's value is the sum of its parts") {
    Fixture f(tl_test::base_seed());
    tl::DannConfig cfg;
    cfg.align = tl::Align::kMmd;
    cfg.schedule = tl::LambdaSchedule::kFixed;
    cfg.mmd_weight = 0.5;
    tl::Dann dann(f.source, f.target, 2, cfg, f.tc, tl::Rng(3));
    const tl::DannLosses parts = dann.losses();
    CHECK(parts.align > 0);
    CHECK(dann.objective() ==
          doctest::Approx(parts.label + 0.5 * parts.align + parts.domain).epsilon(1e-12));
  }
}

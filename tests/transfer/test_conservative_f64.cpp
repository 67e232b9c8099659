// Finite-difference checks of conservative training's whole objective (cross-entropy + L2-SP
// penalty + output KL), in double precision.
#include <doctest/doctest.h>

#include <cstdio>

#include "data/synthetic.h"
#include "support/gradcheck.h"
#include "support/seed.h"
#include "transfer/conservative.h"

namespace {


tl::TransferData pair(uint64_t seed) {
  tl::Rng rng(seed);
  tl::TransferData d;
  d.source = tl::make_moons(30, 0.1, rng);
  d.target = tl::rotate(tl::make_moons(8, 0.1, rng), 40);
  return d;
}

/// A conservative trainer a few adaptation steps in (so the weights are off their anchors).
tl::Conservative adapted(const tl::ConservativeConfig& cfg) {
  tl::Conservative c(cfg, pair(tl_test::base_seed()), tl::Rng(8));
  while (!c.adapting()) c.step();
  for (int i = 0; i < 6; ++i) c.step();
  return c;
}

}  // namespace

TEST_SUITE("transfer/conservative") {
  TEST_CASE("gradient check (double): L2-SP penalty with copied and re-initialised layers") {
    tl::ConservativeConfig cfg;
    cfg.fine_tune.train.hidden = {5, 4};
    cfg.fine_tune.source_epochs = 2;
    cfg.fine_tune.reinit_output = true;
    cfg.alpha = 0.7;
    cfg.beta = 0.3;
    tl::Conservative c = adapted(cfg);
    REQUIRE(c.weight_distance() > 0);
    const double err = tl_test::method_gradient_error(c);
    std::printf("conservative L2-SP gradient check: %.2e\n", err);
    CHECK(err < 1e-6);
  }

  TEST_CASE("gradient check (double): output KL on source and on target inputs") {
    for (const char* inputs : {"source", "target"}) {
      tl::ConservativeConfig cfg;
      cfg.fine_tune.train.hidden = {5, 4};
      cfg.fine_tune.source_epochs = 2;
      cfg.alpha = 0.2;
      cfg.kl = 1.5;
      cfg.kl_inputs = inputs;
      tl::Conservative c = adapted(cfg);
      const double err = tl_test::method_gradient_error(c);
      std::printf("conservative KL (%s) gradient check: %.2e\n", inputs, err);
      CHECK(err < 1e-6);
      // The KL term is active (so the check above covers it).
      const tl::StepStats s = c.step();
      CHECK(tl::metric(s.aux, "kl", -1) > 0);
    }
  }
}

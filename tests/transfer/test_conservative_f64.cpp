// Finite-difference checks of conservative training's whole objective (cross-entropy + L2-SP
// penalty + the old head's output term, LwF and rehearsal), in double precision.
#include <doctest/doctest.h>

#include <cstdio>
#include <utility>

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

/// A small network pre-trained briefly (the base of every check below).
tl::ConservativeConfig small_config() {
  tl::ConservativeConfig cfg;
  cfg.fine_tune.train.hidden = {5, 4};
  cfg.fine_tune.source_epochs = 2;
  return cfg;
}

/// A conservative trainer a few adaptation steps in (so the weights are off their anchors).
tl::Conservative adapted(const tl::ConservativeConfig& cfg,
                         tl::TransferData d = pair(tl_test::base_seed())) {
  tl::Conservative c(cfg, std::move(d), tl::Rng(8));
  while (!c.adapting()) c.step();
  for (int i = 0; i < 6; ++i) c.step();
  return c;
}

}  // namespace

TEST_SUITE("transfer/conservative") {
  TEST_CASE("gradient check (double): L2-SP penalty with copied and re-initialised layers") {
    tl::ConservativeConfig cfg = small_config();
    cfg.fine_tune.reinit_output = true;
    cfg.alpha = 0.7;
    cfg.beta = 0.3;
    tl::Conservative c = adapted(cfg);
    REQUIRE(c.weight_distance() > 0);
    const double err = tl_test::method_gradient_error(c);
    std::printf("conservative L2-SP gradient check: %.2e\n", err);
    CHECK(err < 1e-6);
  }

  TEST_CASE("gradient check (double): output term on target (LwF) and on source inputs") {
    for (tl::KlInputs inputs : {tl::KlInputs::kTarget, tl::KlInputs::kRehearsal}) {
      tl::ConservativeConfig cfg = small_config();
      cfg.alpha = 0.2;
      cfg.kl = 1.5;
      cfg.T = 2.5;
      cfg.kl_inputs = inputs;
      tl::Conservative c = adapted(cfg);
      REQUIRE(c.has_old_head());
      // The old head's blocks are part of the objective's parameters.
      CHECK(tl::count_params(c.params()) ==
            tl::count_params(tl::Mlp(c.net()).params()) + 4 * 2 + 2);
      const double err = tl_test::method_gradient_error(c);
      std::printf("conservative output term (%s) gradient check: %.2e\n",
                  tl::kKlInputsChoices.name(inputs).c_str(), err);
      CHECK(err < 1e-6);
      // The term is active (so the check above covers it).
      const tl::StepStats s = c.step();
      CHECK(tl::metric(s.aux, "kl", -1) > 0);
    }
  }

  TEST_CASE("gradient check (double): LwF with new target classes (new head, old head kept)") {
    tl::TransferData d = pair(tl_test::base_seed() + 1);
    tl::Rng blob_rng(tl_test::base_seed() + 2);
    d.target = tl::make_blobs(9, 3, 0.4, blob_rng);
    tl::ConservativeConfig cfg = small_config();
    cfg.alpha = 0;
    cfg.beta = 0.1;
    cfg.kl = 0.8;
    cfg.T = 2;
    tl::Conservative c = adapted(cfg, d);
    REQUIRE(c.has_old_head());
    CHECK(c.net().output_dim() == 3);
    CHECK(c.old_head().out() == 2);
    const double err = tl_test::method_gradient_error(c);
    std::printf("LwF (new classes) gradient check: %.2e\n", err);
    CHECK(err < 1e-6);
  }
}

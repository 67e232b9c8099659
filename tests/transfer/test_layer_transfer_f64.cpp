// Finite-difference check of layer transfer's objective with frozen, tuned and re-initialised
// layers, in double precision.
#include <doctest/doctest.h>

#include <cstdio>

#include "data/synthetic.h"
#include "support/gradcheck.h"
#include "support/seed.h"
#include "transfer/layer_transfer.h"

TEST_SUITE("transfer/layer_transfer") {
  TEST_CASE("gradient check (double): frozen blocks leave params(), the rest is exact") {
    tl::Rng rng(tl_test::base_seed());
    tl::TransferData d;
    d.source = tl::make_moons(30, 0.1, rng);
    d.target = tl::scale(tl::make_moons(8, 0.1, rng), 1.3, 0.8);
    d.shared_classes = true;  // scaled moons: the same two classes
    tl::LayerTransferConfig cfg;
    cfg.fine_tune.train.hidden = {4, 5, 3};
    cfg.fine_tune.source_epochs = 2;
    cfg.copy = 2;
    cfg.from = tl::CopyFrom::kLast;
    cfg.rest = tl::LayerMode::kTune;
    cfg.tuned_lr_mult = 0.5;
    tl::LayerTransfer lt(cfg, d, tl::Rng(4));
    while (!lt.adapting()) lt.step();
    for (int i = 0; i < 4; ++i) lt.step();
    // Layers 0 and 1 tuned (W, b each), layers 2 and 3 frozen.
    CHECK(lt.params().size() == 4);
    const double err = tl_test::method_gradient_error(lt);
    std::printf("layer_transfer gradient check: %.2e\n", err);
    CHECK(err < 1e-6);
  }
}

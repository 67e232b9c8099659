// Finite-difference check of the multitask objective (weighted sum of both tasks' losses through
// the shared trunk), in double precision.
#include <doctest/doctest.h>

#include <cstdio>

#include "data/synthetic.h"
#include "support/gradcheck.h"
#include "support/seed.h"
#include "transfer/multitask.h"

TEST_SUITE("transfer/multitask") {
  TEST_CASE("gradient check (double): weighted sum of the tasks' losses") {
    tl::Rng rng(tl_test::base_seed());
    const tl::Dataset a = tl::make_moons(20, 0.1, rng);
    const tl::Dataset b = tl::make_blobs(9, 3, 0.4, rng);
    tl::MultitaskConfig cfg;
    cfg.train.hidden = {5, 4};
    cfg.weight_a = 0.7;
    cfg.weight_b = 1.3;
    tl::Multitask mt(cfg, a, b, {}, {}, tl::Rng(6));
    for (int i = 0; i < 3; ++i) mt.step();
    const double err = tl_test::method_gradient_error(mt);
    std::printf("multitask gradient check: %.2e\n", err);
    CHECK(err < 1e-6);
  }
}

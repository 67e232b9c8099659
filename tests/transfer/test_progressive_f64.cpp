// Finite-difference check of a progressive column's objective through its lateral connections,
// in double precision.
#include <doctest/doctest.h>

#include <cstdio>

#include "data/synthetic.h"
#include "support/gradcheck.h"
#include "support/seed.h"
#include "transfer/progressive.h"

TEST_SUITE("transfer/progressive") {
  TEST_CASE("gradient check (double): column objective with lateral connections") {
    tl::Rng rng(tl_test::base_seed());
    std::vector<tl::Dataset> tasks = {tl::make_moons(20, 0.1, rng),
                                      tl::rotate(tl::make_moons(8, 0.1, rng), 30),
                                      tl::make_blobs(9, 3, 0.4, rng)};
    tl::ProgressiveConfig cfg;
    cfg.train.hidden = {4, 5};
    cfg.source_epochs = 2;
    cfg.train.epochs = 3;
    tl::Progressive p(cfg, tasks, {}, tl::Rng(3));
    for (int k = 0; k < 3; ++k) {
      while (p.current_task() < k) p.step();
      p.step();
      // Column k: W, b per layer and one lateral per earlier column in layers 1 and 2.
      CHECK(p.params().size() == static_cast<size_t>(3 * 2 + 2 * k));
      const double err = tl_test::method_gradient_error(p);
      std::printf("progressive column %d gradient check: %.2e\n", k + 1, err);
      CHECK(err < 1e-6);
    }
  }
}

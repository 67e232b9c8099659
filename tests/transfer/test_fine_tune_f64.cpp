// Finite-difference checks of fine-tuning's whole objective, in double precision.
#include <doctest/doctest.h>

#include <cstdio>

#include "data/synthetic.h"
#include "support/gradcheck.h"
#include "support/seed.h"
#include "transfer/fine_tune.h"

namespace {

tl::TransferData pair(uint64_t seed) {
  tl::Rng rng(seed);
  tl::TransferData d;
  d.source = tl::make_moons(40, 0.1, rng);
  d.target = tl::rotate(tl::make_moons(8, 0.1, rng), 40);
  return d;
}

}  // namespace

TEST_SUITE("transfer/fine_tune") {
  TEST_CASE("gradient check (double): pre-training and adaptation objectives") {
    static_assert(sizeof(tl::Scalar) == 8, "compiled against the double core");
    tl::FineTuneConfig cfg;
    cfg.train.hidden = {5, 4};
    cfg.source_epochs = 3;
    cfg.reinit_output = true;
    tl::FineTune ft(cfg, pair(tl_test::base_seed()), tl::Rng(2));
    ft.step();
    const double pre = tl_test::method_gradient_error(ft);
    while (!ft.adapting()) ft.step();
    for (int i = 0; i < 5; ++i) ft.step();
    const double adapt = tl_test::method_gradient_error(ft);
    std::printf("fine_tune gradient check: pretrain %.2e, adapt %.2e\n", pre, adapt);
    CHECK(pre < 1e-6);
    CHECK(adapt < 1e-6);
  }
}

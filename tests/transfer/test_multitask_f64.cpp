// Finite-difference check of the multitask objective (weighted sum of both tasks' losses through
// the shared trunk, with a shared input or with task-specific input layers), in double precision.
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

  TEST_CASE("gradient check (double): task-specific input layers of different input dimensions") {
    tl::Rng rng(tl_test::base_seed() + 1);
    const tl::Dataset a = tl::make_moons(20, 0.1, rng);  // 2-D, 2 classes
    tl::Dataset b;                                       // 5-D, 3 classes
    b.X = tl::Mat(5, 12);
    for (int j = 0; j < 12; ++j) {
      for (int i = 0; i < 5; ++i) b.X(i, j) = static_cast<tl::Scalar>(rng.normal());
      b.y.push_back(j % 3);
    }
    b.num_classes = 3;
    tl::MultitaskConfig cfg;
    cfg.input_width = 4;
    cfg.train.hidden = {5, 3};
    cfg.weight_a = 0.6;
    cfg.weight_b = 1.4;
    tl::Multitask mt(cfg, a, b, {}, {}, tl::Rng(7));
    REQUIRE(mt.net().task_inputs());
    CHECK(mt.net().inputs[0].in() == 2);
    CHECK(mt.net().inputs[1].in() == 5);
    for (int i = 0; i < 3; ++i) mt.step();
    const double err = tl_test::method_gradient_error(mt);
    std::printf("multitask (task-specific input layers) gradient check: %.2e\n", err);
    CHECK(err < 1e-6);
  }
}

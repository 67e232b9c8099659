#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <vector>

#include "core/thread_pool.h"
#include "data/digits.h"
#include "data/synthetic.h"
#include "transfer/supervised.h"

TEST_SUITE("core/thread_pool") {
  TEST_CASE("every task runs exactly once, for any number of threads and tasks") {
    for (int threads : {1, 2, 4}) {
      tl::ThreadPool pool(threads);
      CHECK(pool.threads() == std::min(threads, tl::max_threads()));
      for (int tasks : {0, 1, 3, 17, 64}) {
        std::vector<std::atomic<int>> hits(tasks);
        for (auto& h : hits) h = 0;
        for (int round = 0; round < 3; ++round) pool.run(tasks, [&](int t) { ++hits[t]; });
        for (auto& h : hits) CHECK(h == 3);
      }
    }
  }

  TEST_CASE("sharded minibatch training gives identical weights for 1, 2 and 3 threads") {
    tl::Rng data_rng(3);
    tl::Dataset ds = tl::make_spiral(600, 3, 0.05, data_rng);
    tl::TrainConfig tc;
    tc.batch = 200;  // four shards of 64 columns, the last one partial
    tc.hidden = {16, 16};
    std::vector<tl::Mat> finals;
    for (int threads : {1, 2, 3}) {
      tl::set_training_threads(threads);
      tl::Rng init(5);
      tl::SupervisedTrainer t(tl::Mlp(tl::make_spec(tc, 2, 3), init), ds, tc, tl::Rng(6));
      for (int s = 0; s < 30; ++s) t.step();
      finals.push_back(t.net.layers[0].W.value);
    }
    tl::set_training_threads(1);
    CHECK(finals[0] == finals[1]);
    CHECK(finals[0] == finals[2]);
  }

  TEST_CASE("the sharded gradient equals the whole-batch gradient up to rounding") {
    tl::Rng data_rng(4);
    tl::Dataset ds = tl::make_moons(300, 0.1, data_rng);
    tl::TrainConfig small, big;
    small.batch = 300;
    big.batch = 300;
    tl::Rng i1(9), i2(9);
    tl::SupervisedTrainer a(tl::Mlp(tl::make_spec(small, 2, 2), i1), ds, small, tl::Rng(1));
    // Whole-set objective/gradient is computed unsharded; one step of the sharded trainer with
    // plain SGD moves the weights by lr times the same gradient.
    const tl::Vec g = a.gradient();
    tl::OptimizerConfig oc;
    oc.kind = tl::OptimizerKind::kSgd;
    oc.momentum = 0;
    oc.lr = 1;
    tl::SupervisedTrainer b(tl::Mlp(tl::make_spec(big, 2, 2), i2), ds, big, tl::Rng(1));
    b.optimizer = tl::Optimizer(oc);
    const tl::Vec before = tl::flatten_values(b.net.params());
    b.step();
    const tl::Vec moved = before - tl::flatten_values(b.net.params());
    CHECK((moved - g).norm() <= 1e-4 * g.norm());
  }
}

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "data/synthetic.h"
#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"
#include "support/stats.h"
#include "transfer/multitask.h"

namespace {

using tl_test::run_scenario;
using tl_test::Sets;

uint64_t seed_k(int k) {
  return tl_test::base_seed() + 7919u * k;
}

}  // namespace

TEST_SUITE("transfer/multitask") {
  TEST_CASE("multitask-moons reports the metrics the issue names") {
    const tl::Metrics m = run_scenario("multitask-moons", tl_test::base_seed(), {{"epochs", "2"}});
    for (const char* key : {"task_a_acc", "task_b_acc", "single_task_b_acc"}) {
      INFO(key);
      CHECK(tl::metric(m, key, -1) >= 0);
    }
  }

  TEST_CASE("task B with few labels is learnt better together with task A than alone") {
    const int n = 10;
    std::vector<double> gain;
    double a = 0;
    for (int k = 0; k < n; ++k) {
      const tl::Metrics m = run_scenario("multitask-moons", seed_k(k));
      gain.push_back(tl::metric(m, "task_b_acc") - tl::metric(m, "single_task_b_acc"));
      a += tl::metric(m, "task_a_acc") / n;
    }
    const tl_test::MeanSe g = tl_test::mean_se(gain);
    std::printf("multitask-moons: task B gain %.3f (se %.3f, %d seeds), task A %.3f\n", g.mean,
                g.se, n, a);
    CHECK(g.mean > 2 * g.se);
    CHECK(a > 0.95);
  }

  TEST_CASE("with weight_b = 0 task B's head never moves and the trunk follows task A alone") {
    tl::Rng rng(tl_test::base_seed());
    const tl::Dataset a = tl::make_moons(100, 0.1, rng);
    const tl::Dataset b = tl::rotate(tl::make_moons(10, 0.1, rng), 20);
    tl::MultitaskConfig cfg;
    cfg.train.epochs = 5;
    cfg.weight_b = 0;
    tl::Multitask mt(cfg, a, b, {}, {}, tl::Rng(3));
    const tl::Mat head_b = mt.net().heads[1].W.value;
    const tl::Mat head_a = mt.net().heads[0].W.value;
    while (mt.steps_done() < mt.total_steps()) mt.step();
    CHECK(mt.net().heads[1].W.value == head_b);
    CHECK(mt.net().heads[0].W.value != head_a);
  }

  TEST_CASE("multitask-moons is deterministic for a seed") {
    CHECK(run_scenario("multitask-moons", seed_k(1)) == run_scenario("multitask-moons", seed_k(1)));
  }
}

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "data/synthetic.h"
#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"
#include "transfer/progressive.h"

namespace {

using tl_test::run_scenario;
using tl_test::Sets;

uint64_t seed_k(int k) {
  return tl_test::base_seed() + 7919u * k;
}

struct Tasks {
  std::vector<tl::Dataset> train, test;
};

Tasks rotated_tasks(uint64_t seed, int count) {
  tl::Rng rng(seed);
  Tasks t;
  for (int k = 0; k < count; ++k) {
    t.train.push_back(tl::rotate(tl::make_moons(k == 0 ? 200 : 10, 0.1, rng), 35.0 * k));
    t.test.push_back(tl::rotate(tl::make_moons(200, 0.1, rng), 35.0 * k));
  }
  return t;
}

}  // namespace

TEST_SUITE("transfer/progressive") {
  TEST_CASE("progressive-moons reports the metrics the issue names") {
    const tl::Metrics m = run_scenario("progressive-moons", tl_test::base_seed(),
                                       {{"epochs", "3"}, {"source_epochs", "1"}});
    for (const char* key :
         {"task1_acc_after", "task2_acc", "scratch_task2_acc", "finetune_task1_acc_after"}) {
      INFO(key);
      CHECK(tl::metric(m, key, -1) >= 0);
    }
  }

  TEST_CASE("earlier tasks' predictions are exactly unchanged by later columns") {
    Tasks t = rotated_tasks(tl_test::base_seed(), 3);
    tl::ProgressiveConfig cfg;
    cfg.source_epochs = 10;
    cfg.train.epochs = 40;
    tl::Progressive p(cfg, t.train, t.test, tl::Rng(5));
    std::vector<tl::Mat> before;
    std::vector<std::string> phases;
    while (p.steps_done() < p.total_steps()) {
      const int task = p.current_task();
      const tl::StepStats s = p.step();
      if (phases.empty() || phases.back() != s.phase) phases.push_back(s.phase);
      if (p.current_task() != task) before.push_back(p.predict_task(t.test[task].X, task));
    }
    CHECK(phases == std::vector<std::string>{"task1", "task2", "task3"});
    REQUIRE(before.size() == 2);
    for (int k = 0; k < 2; ++k) {
      CHECK(p.predict_task(t.test[k].X, k) == before[k]);
      CHECK(p.task_accuracy(k) == p.accuracy_at_freeze(k));
    }
  }

  TEST_CASE("a new column starts by answering like the previous one") {
    Tasks t = rotated_tasks(tl_test::base_seed() + 1, 2);
    tl::ProgressiveConfig cfg;
    cfg.source_epochs = 10;
    tl::Progressive p(cfg, t.train, t.test, tl::Rng(2));
    while (p.current_task() == 0) p.step();
    const tl::Mat first = p.predict_task(t.test[1].X, 0);
    const tl::Mat second = p.predict_task(t.test[1].X, 1);
    CHECK((first - second).cwiseAbs().maxCoeff() < 1e-6);
  }

  TEST_CASE("progressive networks keep task 1 exactly while fine-tuning forgets it") {
    const int n = 6;
    double kept = 0, finetuned = 0, task2 = 0, scratch = 0;
    for (int k = 0; k < n; ++k) {
      const tl::Metrics m = run_scenario("progressive-moons", seed_k(k));
      CHECK(tl::metric(m, "task1_acc_after") == tl::metric(m, "task1_acc_before", -1));
      kept += tl::metric(m, "task1_acc_after") / n;
      finetuned += tl::metric(m, "finetune_task1_acc_after") / n;
      task2 += tl::metric(m, "task2_acc") / n;
      scratch += tl::metric(m, "scratch_task2_acc") / n;
    }
    std::printf(
        "progressive-moons: task 1 kept %.3f vs fine-tuned %.3f; task 2 %.3f vs scratch %.3f\n",
        kept, finetuned, task2, scratch);
    CHECK(kept > finetuned + 0.05);
    CHECK(task2 > scratch + 0.02);
  }

  TEST_CASE("a third column keeps tasks 1 and 2") {
    const tl::Metrics m = run_scenario("progressive-moons", seed_k(2), {{"columns", "3"}});
    CHECK(tl::metric(m, "task1_acc_after") == tl::metric(m, "task1_acc_before", -1));
    CHECK(tl::metric(m, "task2_acc") == tl::metric(m, "task2_acc_before", -1));
    CHECK(tl::metric(m, "task3_acc", -1) > 0.5);
  }

  TEST_CASE("progressive-moons is deterministic for a seed") {
    CHECK(run_scenario("progressive-moons", seed_k(1)) ==
          run_scenario("progressive-moons", seed_k(1)));
  }
}

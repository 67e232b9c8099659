#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "data/synthetic.h"
#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"
#include "support/stats.h"
#include "transfer/progressive.h"

namespace {

using tl_test::mean_se;
using tl_test::MeanSe;

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

  TEST_CASE("with warm_start a new column starts by answering like the previous one") {
    Tasks t = rotated_tasks(tl_test::base_seed() + 1, 2);
    tl::ProgressiveConfig cfg;
    cfg.source_epochs = 10;
    cfg.warm_start = true;
    tl::Progressive p(cfg, t.train, t.test, tl::Rng(2));
    while (p.current_task() == 0) p.step();
    const tl::Mat first = p.predict_task(t.test[1].X, 0);
    const tl::Mat second = p.predict_task(t.test[1].X, 1);
    CHECK((first - second).cwiseAbs().maxCoeff() < 1e-6);
  }

  TEST_CASE("by default a new column is randomly initialised, as in the paper") {
    Tasks t = rotated_tasks(tl_test::base_seed() + 1, 2);
    tl::ProgressiveConfig cfg;
    cfg.source_epochs = 10;
    CHECK_FALSE(cfg.warm_start);
    tl::Progressive p(cfg, t.train, t.test, tl::Rng(2));
    while (p.current_task() == 0) p.step();
    const tl::Mat first = p.predict_task(t.test[1].X, 0);
    const tl::Mat second = p.predict_task(t.test[1].X, 1);
    CHECK((first - second).cwiseAbs().maxCoeff() > 0.05);
    // Every weight block of the new column, laterals included, starts non-zero.
    for (tl::ParamBlock* b : p.params())
      if (b->name.find(".b") == std::string::npos) CHECK(b->value.norm() > 0);
  }

  TEST_CASE("progressive networks keep task 1 exactly while fine-tuning forgets it") {
    // The paper's method (the default): new columns randomly initialised, laterals from the
    // frozen columns. Effects count as a mean over seeds with a margin above the standard error
    // of the paired differences.
    const int n = 10;
    std::vector<double> forgetting, gain, behind;
    for (int k = 0; k < n; ++k) {
      const tl::Metrics m = run_scenario("progressive-moons", seed_k(k));
      CHECK(tl::metric(m, "task1_acc_after") == tl::metric(m, "task1_acc_before", -1));
      forgetting.push_back(tl::metric(m, "task1_acc_after") -
                           tl::metric(m, "finetune_task1_acc_after"));
      gain.push_back(tl::metric(m, "task2_acc") - tl::metric(m, "scratch_task2_acc"));
      behind.push_back(tl::metric(m, "finetune_task2_acc") - tl::metric(m, "task2_acc"));
    }
    const MeanSe f = mean_se(forgetting), g = mean_se(gain), b = mean_se(behind);
    std::printf(
        "progressive-moons (n = %d): task 1 kept minus fine-tuned %.3f (SE %.3f); task 2 minus "
        "scratch %.3f (SE %.3f); fine-tuning minus progressive on task 2 %.3f (SE %.3f)\n",
        n, f.mean, f.se, g.mean, g.se, b.mean, b.se);
    CHECK(f.mean > 0.05);
    CHECK(f.mean > f.se);
    CHECK(g.mean > g.se);  // the laterals transfer: task 2 beats the same column from scratch
    CHECK(b.mean > b.se);  // ... but stays below fine-tuning the task-1 column on task 2
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

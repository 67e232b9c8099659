#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "data/synthetic.h"
#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"
#include "transfer/fine_tune.h"

namespace {

using tl_test::run_scenario;

using tl_test::Sets;

/// Trains scenario `name` to the end with the given seed and config changes; returns its metrics.

/// Mean over `n` seeds derived from the base seed of metric a minus metric b.
double mean_gain(const std::string& name, const char* a, const char* b, int n,
                 const Sets& sets = {}) {
  double sum_a = 0, sum_b = 0;
  for (int k = 0; k < n; ++k) {
    const tl::Metrics m = run_scenario(name, tl_test::base_seed() + 7919u * k, sets);
    sum_a += tl::metric(m, a, -1);
    sum_b += tl::metric(m, b, -1);
  }
  std::printf("%s: %s %.3f, %s %.3f (mean of %d seeds)\n", name.c_str(), a, sum_a / n, b, sum_b / n,
              n);
  return (sum_a - sum_b) / n;
}

tl::TransferData small_moons_pair(uint64_t seed, double angle, int shots) {
  tl::Rng rng(seed);
  tl::TransferData d;
  d.source = tl::make_moons(200, 0.1, rng);
  d.source_test = tl::make_moons(100, 0.1, rng);
  d.target = tl::rotate(tl::make_moons(2 * shots, 0.1, rng), angle);
  d.target_test = tl::rotate(tl::make_moons(200, 0.1, rng), angle);
  return d;
}

}  // namespace

TEST_SUITE("transfer/fine_tune") {
  TEST_CASE("the fine-tuning scenarios report the metrics the issue names") {
    for (const char* name : {"finetune-moons", "finetune-digits"}) {
      INFO(name);
      const tl::Metrics m =
          run_scenario(name, tl_test::base_seed(), {{"epochs", "2"}, {"source_epochs", "1"}});
      for (const char* key :
           {"target_acc", "scratch_target_acc", "source_only_target_acc", "source_acc"}) {
        INFO(key);
        const double v = tl::metric(m, key, -1);
        CHECK(v >= 0);
        CHECK(v <= 1);
      }
    }
  }

  TEST_CASE("pre-training and adaptation are phases of step()") {
    tl::FineTuneConfig cfg;
    cfg.source_epochs = 2;
    cfg.train.epochs = 3;
    tl::FineTune ft(cfg, small_moons_pair(tl_test::base_seed(), 30, 5), tl::Rng(3));
    const long pre = ft.pretrain_steps();
    CHECK(pre == 2 * 7);  // 200 points in batches of 32
    CHECK(ft.adapt_steps() == 3);
    for (long i = 0; i < pre; ++i) {
      const tl::StepStats s = ft.step();
      CHECK(s.phase == "pretrain");
      CHECK(s.step == i + 1);
    }
    CHECK(ft.adapting());
    const tl::StepStats s = ft.step();
    CHECK(s.phase == "adapt");
    CHECK(s.step == pre + 1);
  }

  TEST_CASE("a new output layer replaces the source's when the classes differ or are asked anew") {
    tl::TransferData d = small_moons_pair(tl_test::base_seed(), 30, 5);
    tl::Rng blob_rng(5);
    d.target = tl::make_blobs(12, 3, 0.3, blob_rng);
    d.target_test = tl::Dataset();
    tl::FineTuneConfig cfg;
    cfg.source_epochs = 1;
    tl::FineTune ft(cfg, d, tl::Rng(4));
    while (!ft.adapting()) ft.step();
    CHECK(ft.net().output_dim() == 3);
    CHECK_FALSE(ft.copied().back());
    CHECK(ft.copied().front());
    CHECK_FALSE(ft.heads_match());

    cfg.reinit_output = true;
    tl::FineTune again(cfg, small_moons_pair(tl_test::base_seed(), 30, 5), tl::Rng(4));
    while (!again.adapting()) again.step();
    CHECK_FALSE(again.copied().back());
    CHECK(again.net().output_dim() == 2);
    // Copied layers start as the source's weights.
    CHECK(again.net().layers[0].W.value == again.source_net().layers[0].W.value);
  }

  TEST_CASE("begin_adapt from a shared source model equals the method's own pre-training") {
    tl::FineTuneConfig cfg;
    cfg.source_epochs = 3;
    cfg.train.epochs = 20;
    const tl::TransferData d = small_moons_pair(tl_test::base_seed(), 40, 4);
    tl::FineTune own(cfg, d, tl::Rng(9)), shared(cfg, d, tl::Rng(9));
    while (!own.adapting()) own.step();
    shared.begin_adapt(own.source_net());
    for (int i = 0; i < 20; ++i) {
      own.step();
      shared.step();
    }
    CHECK(own.net().layers[1].W.value == shared.net().layers[1].W.value);
    CHECK(tl::metric(own.metrics(), "target_acc") == tl::metric(shared.metrics(), "target_acc"));
  }

  TEST_CASE("few-shot fine-tuning beats the same network from scratch on finetune-moons") {
    const double gain = mean_gain("finetune-moons", "target_acc", "scratch_target_acc", 6);
    CHECK(gain > 0.02);
  }

  TEST_CASE("few-shot fine-tuning beats the same network from scratch on finetune-digits") {
    const double gain = mean_gain("finetune-digits", "target_acc", "scratch_target_acc", 12);
    CHECK(gain > 0.005);
  }

  TEST_CASE("one-shot fine-tuning on moons beats scratch") {
    const double gain =
        mean_gain("finetune-moons", "target_acc", "scratch_target_acc", 8, {{"shots", "1"}});
    CHECK(gain > 0.02);
  }

  TEST_CASE("the fine-tuning scenarios are deterministic for a seed") {
    for (const char* name : {"finetune-moons", "finetune-digits"}) {
      INFO(name);
      const Sets quick = {{"epochs", "5"}, {"source_epochs", "2"}};
      const tl::Metrics a = run_scenario(name, tl_test::base_seed() + 1, quick);
      const tl::Metrics b = run_scenario(name, tl_test::base_seed() + 1, quick);
      CHECK(a == b);
    }
  }
}

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "data/synthetic.h"
#include "scenarios/scenario.h"
#include "support/scenario_run.h"
#include "support/seed.h"
#include "transfer/layer_transfer.h"

namespace {

using tl_test::run_scenario;

using tl::LayerMode;
using tl_test::Sets;

uint64_t seed_k(int k) {
  return tl_test::base_seed() + 7919u * k;
}

tl::TransferData moons_pair(uint64_t seed) {
  tl::Rng rng(seed);
  tl::TransferData d;
  d.source = tl::make_moons(200, 0.1, rng);
  d.target = tl::rotate(tl::make_moons(10, 0.1, rng), 30);
  d.target_test = tl::rotate(tl::make_moons(100, 0.1, rng), 30);
  return d;
}

tl::LayerTransfer trained(const tl::LayerTransferConfig& cfg, uint64_t seed) {
  tl::LayerTransfer lt(cfg, moons_pair(seed), tl::Rng(seed + 1));
  while (lt.steps_done() < lt.total_steps()) lt.step();
  return lt;
}

tl::LayerTransferConfig small_config() {
  tl::LayerTransferConfig cfg;
  cfg.fine_tune.train.hidden = {16, 16, 16};
  cfg.fine_tune.source_epochs = 5;
  cfg.fine_tune.train.epochs = 80;
  return cfg;
}

}  // namespace

TEST_SUITE("transfer/layer_transfer") {
  TEST_CASE("layer plans: first or last layers copied, the rest re-initialised or tuned") {
    tl::LayerTransferConfig cfg;
    cfg.copy = 2;
    using V = std::vector<LayerMode>;
    CHECK(tl::layer_plan(cfg, 4) ==
          V{LayerMode::kFreeze, LayerMode::kFreeze, LayerMode::kReinit, LayerMode::kReinit});
    cfg.from = "last";
    cfg.freeze = false;
    CHECK(tl::layer_plan(cfg, 4) ==
          V{LayerMode::kReinit, LayerMode::kReinit, LayerMode::kTune, LayerMode::kTune});
    cfg.rest = "tune";
    cfg.freeze = true;
    CHECK(tl::layer_plan(cfg, 3) == V{LayerMode::kTune, LayerMode::kFreeze, LayerMode::kFreeze});
    cfg.copy = 9;  // clamped
    CHECK(tl::layer_plan(cfg, 2) == V{LayerMode::kFreeze, LayerMode::kFreeze});
  }

  TEST_CASE("frozen blocks are bit-identical to the source after training") {
    tl::LayerTransferConfig cfg = small_config();
    cfg.copy = 2;
    const tl::LayerTransfer lt = trained(cfg, tl_test::base_seed());
    const tl::Mlp& net = lt.net();
    const tl::Mlp& src = lt.source_net();
    for (int i = 0; i < 2; ++i) {
      CHECK(net.layers[i].W.value == src.layers[i].W.value);
      CHECK(net.layers[i].b.value == src.layers[i].b.value);
      CHECK(net.layers[i].W.t == 0);
    }
    // The re-initialised layers did train.
    CHECK(net.layers[2].W.t > 0);
    CHECK((net.layers[3].W.value - src.layers[3].W.value).norm() > 0);
  }

  TEST_CASE("a learning-rate multiplier of 0 equals freezing") {
    tl::LayerTransferConfig frozen = small_config(), zero = small_config();
    frozen.copy = zero.copy = 2;
    zero.freeze = false;
    zero.tuned_lr_mult = 0;
    const tl::LayerTransfer a = trained(frozen, tl_test::base_seed() + 3);
    const tl::LayerTransfer b = trained(zero, tl_test::base_seed() + 3);
    for (int i = 0; i < a.net().num_layers(); ++i) {
      CHECK(a.net().layers[i].W.value == b.net().layers[i].W.value);
      CHECK(a.net().layers[i].b.value == b.net().layers[i].b.value);
    }
    CHECK(b.plan()[0] == LayerMode::kTune);
    CHECK(a.plan()[0] == LayerMode::kFreeze);
  }

  TEST_CASE("the sweep reports every copied depth, frozen and tuned") {
    const tl::Metrics m = run_scenario("layer-transfer-sweep", tl_test::base_seed(),
                                       {{"epochs", "2"}, {"source_epochs", "1"}});
    for (int n = 0; n <= 4; ++n)
      for (const char* mode : {"_frozen", "_tuned"}) {
        const std::string key = "target_acc_copy" + std::to_string(n) + mode;
        INFO(key);
        CHECK(tl::metric(m, key, -1) >= 0);
      }
    CHECK(tl::metric(m, "scratch_target_acc", -1) == tl::metric(m, "target_acc_copy0_frozen"));
    const tl::Metrics d = run_scenario("layer-transfer-digits", tl_test::base_seed(),
                                       {{"epochs", "2"}, {"source_epochs", "1"}, {"copy", "3"}});
    CHECK(tl::metric(d, "target_acc", -1) >= 0);
    CHECK(tl::metric(d, "scratch_target_acc", -1) >= 0);
  }

  TEST_CASE("frozen copies of the first layers beat scratch on digits; deep frozen copies do not") {
    const int n = 12;
    double first = 0, scratch = 0, all = 0;
    for (int k = 0; k < n; ++k) {
      const tl::Metrics m = run_scenario("layer-transfer-sweep", seed_k(k));
      first += tl::metric(m, "target_acc_copy1_frozen") / n;
      all += tl::metric(m, "target_acc_copy4_frozen") / n;
      scratch += tl::metric(m, "scratch_target_acc") / n;
    }
    std::printf("layer-transfer-sweep: copy1 frozen %.3f, copy4 frozen %.3f, scratch %.3f\n", first,
                all, scratch);
    CHECK(first > scratch + 0.005);
    CHECK(all < scratch - 0.3);  // the source's own classifier does not fit the new classes
  }

  TEST_CASE("for an input-side shift, copying the last layers beats copying the first") {
    const int n = 12;
    double last = 0, first = 0, scratch = 0;
    for (int k = 0; k < n; ++k) {
      const tl::Metrics m = run_scenario("layer-transfer-input-shift", seed_k(k));
      last += tl::metric(m, "target_acc") / n;
      first += tl::metric(m, "copy_first_target_acc") / n;
      scratch += tl::metric(m, "scratch_target_acc") / n;
    }
    std::printf("layer-transfer-input-shift: last %.3f, first %.3f, scratch %.3f\n", last, first,
                scratch);
    CHECK(last > first + 0.02);
    CHECK(last > scratch + 0.01);
  }

  TEST_CASE("the layer-transfer scenarios are deterministic for a seed") {
    const Sets quick = {{"epochs", "5"}, {"source_epochs", "1"}};
    for (const char* name :
         {"layer-transfer-digits", "layer-transfer-sweep", "layer-transfer-input-shift"}) {
      INFO(name);
      CHECK(run_scenario(name, seed_k(3), quick) == run_scenario(name, seed_k(3), quick));
    }
  }
}

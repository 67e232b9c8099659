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
#include "transfer/layer_transfer.h"

namespace {

using tl_test::mean_se;
using tl_test::MeanSe;

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
  d.shared_classes = true;  // rotated moons: the same two classes
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
    cfg.from = tl::CopyFrom::kLast;
    cfg.freeze = false;
    CHECK(tl::layer_plan(cfg, 4) ==
          V{LayerMode::kReinit, LayerMode::kReinit, LayerMode::kTune, LayerMode::kTune});
    cfg.rest = tl::LayerMode::kTune;
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

  TEST_CASE("the source's output layer is kept only when the target has the source's classes") {
    tl::LayerTransferConfig cfg = small_config();
    cfg.copy = 9;  // every layer, the output layer included
    cfg.fine_tune.train.epochs = 5;
    for (const bool shared : {true, false}) {
      CAPTURE(shared);
      tl::TransferData d = moons_pair(tl_test::base_seed());
      d.shared_classes = shared;
      tl::LayerTransfer lt(cfg, d, tl::Rng(3));
      while (lt.steps_done() < lt.total_steps()) lt.step();
      const int out = lt.net().num_layers() - 1;
      CHECK(lt.copied()[out] == shared);
      CHECK(lt.copied()[0]);
      const bool same = lt.net().layers[out].W.value == lt.source_net().layers[out].W.value;
      CHECK(same == shared);  // frozen copy, or a new layer that trained
    }
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

  TEST_CASE("the sweep reports mean and std of AnB, AnB+ and BnB for N = 0 .. L-1") {
    const tl::Metrics m = run_scenario("layer-transfer-sweep", tl_test::base_seed(),
                                       {{"epochs", "2"}, {"source_epochs", "1"}, {"repeats", "3"}});
    for (int n = 0; n < 6; ++n)  // five hidden layers and the output layer: L = 6
      for (const char* mode : {"_frozen", "_tuned", "_bnb"}) {
        const std::string key = "target_acc_copy" + std::to_string(n) + mode;
        INFO(key);
        CHECK(tl::metric(m, key, -1) >= 0);
        CHECK(tl::metric(m, key + "_std", -1) >= 0);
      }
    // The output layer is never copied: no point N = L.
    CHECK(tl::metric(m, "target_acc_copy6_frozen", -1) == -1);
    CHECK(tl::metric(m, "repeats_done", -1) == 3);
    // N = 0 copies nothing: the three curves start at scratch.
    const double scratch = tl::metric(m, "scratch_target_acc", -1);
    CHECK(scratch == tl::metric(m, "target_acc_copy0_frozen"));
    CHECK(scratch == tl::metric(m, "target_acc_copy0_tuned"));
    CHECK(scratch == tl::metric(m, "target_acc_copy0_bnb"));
    // The repeats differ (each its own seed), so the spread is a measurement.
    CHECK(tl::metric(m, "scratch_target_acc_std") > 0);
    // While the first repeat pre-trains, nothing is measured yet.
    const tl::Metrics early =
        tl_test::run_scenario_steps("layer-transfer-sweep", tl_test::base_seed(), 5);
    CHECK(tl::metric(early, "repeats_done", -1) == 0);
    CHECK(tl::metric(early, "target_acc_copy1_bnb", -1) == -1);
    CHECK(tl::metric(early, "scratch_target_acc", -1) == -1);
    const tl::Metrics d = run_scenario("layer-transfer-digits", tl_test::base_seed(),
                                       {{"epochs", "2"}, {"source_epochs", "1"}, {"copy", "3"}});
    CHECK(tl::metric(d, "target_acc", -1) >= 0);
    CHECK(tl::metric(d, "scratch_target_acc", -1) >= 0);
  }

  TEST_CASE(
      "sweep on digits: AnB falls at high N where BnB does not; fine-tuning (AnB+) recovers") {
    // One repeat per seed, so that the differences between points are paired per seed.
    const int n = 10;
    std::vector<double> fall, specific, recovered, gain, control;
    for (int k = 0; k < n; ++k) {
      const tl::Metrics m = run_scenario("layer-transfer-sweep", seed_k(k), {{"repeats", "1"}});
      const double frozen1 = tl::metric(m, "target_acc_copy1_frozen");
      const double frozen5 = tl::metric(m, "target_acc_copy5_frozen");
      fall.push_back(frozen1 - frozen5);
      specific.push_back(tl::metric(m, "target_acc_copy5_bnb") - frozen5);
      recovered.push_back(tl::metric(m, "target_acc_copy5_tuned") - frozen5);
      const double scratch = tl::metric(m, "scratch_target_acc");
      gain.push_back(tl::metric(m, "target_acc_copy5_tuned") - scratch);
      double bnb = 0;  // the BnB curve's mean over N = 1 .. 5, against scratch
      for (int c = 1; c <= 5; ++c)
        bnb += tl::metric(m, "target_acc_copy" + std::to_string(c) + "_bnb") / 5;
      control.push_back(bnb - scratch);
    }
    const MeanSe f = mean_se(fall), s = mean_se(specific), r = mean_se(recovered),
                 g = mean_se(gain), c = mean_se(control);
    std::printf(
        "layer-transfer-sweep (n = %d): AnB N=1 minus N=5 %.3f (SE %.3f); BnB minus AnB at N=5 "
        "%.3f (SE %.3f); AnB+ minus AnB at N=5 %.3f (SE %.3f); AnB+ N=5 minus scratch %.3f "
        "(SE %.3f); BnB (mean over N) minus scratch %.3f (SE %.3f)\n",
        n, f.mean, f.se, s.mean, s.se, r.mean, r.se, g.mean, g.se, c.mean, c.se);
    CHECK(f.mean > f.se);  // deep frozen copies of A's layers fit B worse than shallow ones
    CHECK(s.mean > s.se);  // ... because A's deep features are specific to A, not co-adaptation
    CHECK(r.mean > r.se);  // fine-tuning the copied layers undoes the fall
    // The BnB control stays at scratch (no co-adaptation loss on these digits): measured +0.005,
    // SE 0.007; a loss like the paper's at middle N would leave this band.
    CHECK(std::fabs(c.mean) < 0.02);
    // AnB+'s gain over scratch is not asserted: over other seed sets it is within its standard
    // error (e.g. +0.011, SE 0.012 and +0.008, SE 0.014), as the scenario's text says.
  }

  TEST_CASE("layer-transfer-digits: the first layer copied and frozen beats scratch") {
    const int n = 10;
    std::vector<double> gain;
    for (int k = 0; k < n; ++k) {
      const tl::Metrics m = run_scenario("layer-transfer-digits", seed_k(k));
      gain.push_back(tl::metric(m, "target_acc") - tl::metric(m, "scratch_target_acc"));
    }
    const MeanSe g = mean_se(gain);
    std::printf("layer-transfer-digits (n = %d): copy 1 frozen minus scratch %.3f (SE %.3f)\n", n,
                g.mean, g.se);
    CHECK(g.mean > g.se);
  }

  TEST_CASE("for an input-side shift, keeping the last layers beats keeping the first") {
    const int n = 12;
    std::vector<double> over_first, over_scratch;
    for (int k = 0; k < n; ++k) {
      const tl::Metrics m = run_scenario("layer-transfer-input-shift", seed_k(k));
      over_first.push_back(tl::metric(m, "target_acc") - tl::metric(m, "copy_first_target_acc"));
      over_scratch.push_back(tl::metric(m, "target_acc") - tl::metric(m, "scratch_target_acc"));
    }
    const MeanSe f = mean_se(over_first), s = mean_se(over_scratch);
    std::printf(
        "layer-transfer-input-shift (n = %d): last minus first %.3f (SE %.3f); last minus "
        "scratch %.3f (SE %.3f)\n",
        n, f.mean, f.se, s.mean, s.se);
    CHECK(f.mean > f.se);
    CHECK(s.mean > s.se);  // and scratch, by less (about +0.01 to +0.02 over 60 seeds)
  }

  TEST_CASE("the layer-transfer scenarios are deterministic for a seed") {
    const Sets quick = {{"epochs", "5"}, {"source_epochs", "1"}};
    for (const char* name :
         {"layer-transfer-digits", "layer-transfer-sweep", "layer-transfer-input-shift"}) {
      INFO(name);
      Sets sets = quick;
      if (std::string(name) == "layer-transfer-sweep") sets.push_back({"repeats", "2"});
      CHECK(run_scenario(name, seed_k(3), sets) == run_scenario(name, seed_k(3), sets));
    }
  }
}

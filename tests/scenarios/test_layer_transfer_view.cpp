#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/scenario.h"
#include "scenarios/setting_text.h"
#include "support/scenario_run.h"
#include "support/seed.h"
#include "transfer/layer_transfer.h"

namespace {

using tl_test::Sets;

std::unique_ptr<tl::Scenario> make(const std::string& name, const Sets& sets) {
  const tl::ScenarioInfo* info = tl::find_scenario(name);
  REQUIRE(info != nullptr);
  auto s = info->make();
  for (const auto& kv : sets) REQUIRE(tl::set_config_field(s->visitor(), kv.first, kv.second).ok());
  REQUIRE(s->reset(tl_test::base_seed()).ok());
  return s;
}

std::vector<int> plan_of(const tl::ViewData& vd) {
  const tl::Mat* p = vd.mat("plan");
  REQUIRE(p != nullptr);
  std::vector<int> out;
  for (int i = 0; i < p->cols(); ++i) out.push_back(static_cast<int>((*p)(0, i)));
  return out;
}

/// Checks the parts of a "layer_transfer" ViewData every scenario fills.
void check_common(const tl::ViewData& vd, int input, const std::vector<int>& hidden, int classes) {
  CHECK(vd.kind == "layer_transfer");
  const int layers = static_cast<int>(hidden.size()) + 1;
  CHECK(vd.value("layers") == layers);
  const tl::Mat* w = vd.mat("widths");
  REQUIRE(w != nullptr);
  REQUIRE(w->rows() == 1);
  REQUIRE(w->cols() == layers + 1);
  CHECK((*w)(0, 0) == input);
  for (int i = 0; i < layers - 1; ++i) CHECK((*w)(0, i + 1) == hidden[static_cast<size_t>(i)]);
  CHECK((*w)(0, layers) == classes);
  REQUIRE(vd.mat("plan") != nullptr);
  CHECK(vd.mat("plan")->rows() == 1);
  CHECK(vd.mat("plan")->cols() == layers);
  REQUIRE(vd.text("layer_keys") != nullptr);
  CHECK(vd.text("layer_keys")->size() == static_cast<size_t>(layers));
  REQUIRE(vd.text("mode_names") != nullptr);
  CHECK(vd.text("mode_names")->size() == 3);
}

/// Records the help text of every choice field.
class HelpRecorder : public tl::ConfigVisitor {
 public:
  std::vector<std::pair<std::string, std::string>> choices;
  void real(const char*, double&, double, double, const char*) override {}
  void integer(const char*, int&, int, int, const char*) override {}
  void flag(const char*, bool&, const char*) override {}
  void choice(const char* key, int&, const std::vector<std::string>&, const char* help) override {
    choices.emplace_back(key, help);
  }
  void layers(const char*, std::vector<int>&, const char*) override {}
};

}  // namespace

TEST_SUITE("scenarios/layer_transfer_view") {
  TEST_CASE("per-layer entries override the copy rule, and mirroring reverses the plan") {
    using M = tl::LayerMode;
    using V = std::vector<M>;
    tl::LayerTransferConfig cfg;
    cfg.copy = 2;  // first two frozen, the rest re-initialised
    cfg.layers[0] = tl::LayerChoice::kReinit;
    cfg.layers[3] = tl::LayerChoice::kTune;
    CHECK(tl::layer_plan(cfg, 4) == V{M::kReinit, M::kFreeze, M::kReinit, M::kTune});
    // Entries beyond the network are ignored.
    CHECK(tl::layer_plan(cfg, 2) == V{M::kReinit, M::kFreeze});
    const tl::LayerTransferConfig m = tl::mirrored(cfg, 4);
    CHECK(m.from == tl::CopyFrom::kLast);
    CHECK(tl::layer_plan(m, 4) == V{M::kTune, M::kReinit, M::kFreeze, M::kReinit});
    CHECK(std::string(tl::layer_key(0)) == "layer1");
    CHECK(tl::layer_key(tl::kMaxWeightLayers) == nullptr);
    // Each layer field's label (its help's first line) names its layer.
    HelpRecorder rec;
    cfg.fine_tune.train.hidden = {8, 8};
    cfg.visit(rec);
    std::vector<std::pair<std::string, std::string>> layer_fields;
    for (const auto& kv : rec.choices)
      if (kv.first.rfind("layer", 0) == 0) layer_fields.push_back(kv);
    REQUIRE(layer_fields.size() == 3);  // two hidden layers and the output layer
    for (int i = 0; i < 3; ++i) {
      const std::string n = std::to_string(i + 1);
      CHECK(layer_fields[static_cast<size_t>(i)].first == "layer" + n);
      CHECK(tl::setting_text(layer_fields[static_cast<size_t>(i)].second).label == "Layer " + n);
    }
  }

  TEST_CASE("the digits scenario's plan follows copy, freeze and the layer keys") {
    auto s = make("layer-transfer-digits", {{"copy", "2"}, {"freeze", "false"}});
    auto vd = s->view_data();
    REQUIRE(vd != nullptr);
    check_common(*vd, 64, {64, 64, 64}, 5);
    CHECK(plan_of(*vd) == std::vector<int>{1, 1, 2, 2});
    // The hidden layers have keys; the output layer (new classes) has none.
    CHECK(*vd->text("layer_keys") == std::vector<std::string>{"layer1", "layer2", "layer3", ""});
    CHECK(vd->value("sweep", -1) == 0);
    REQUIRE(tl::set_config_field(s->visitor(), "layer3", "freeze").ok());
    REQUIRE(tl::set_config_field(s->visitor(), "layer1", "reinit").ok());
    CHECK(plan_of(*s->view_data()) == std::vector<int>{2, 1, 0, 2});
    // The plan trains as shown: the frozen third layer keeps the source's weights, the
    // re-initialised first layer does not.
    for (const auto& kv : Sets{{"epochs", "2"}, {"source_epochs", "1"}})
      REQUIRE(tl::set_config_field(s->visitor(), kv.first, kv.second).ok());
    REQUIRE(s->reset(tl_test::base_seed()).ok());
    while (!s->done()) REQUIRE(s->guarded_step().ok());
    CHECK(tl::metric(s->metrics(), "target_acc", -1) >= 0);
    const tl::ModelList models = s->models();
    REQUIRE(models.size() == 2);
    CHECK(models[0].key == "method");
    CHECK(models[1].key == "scratch");
    const tl::Dataset* target = s->target_data();
    REQUIRE(target != nullptr);
    for (int i = 0; i < 2; ++i) {
      const tl::Mat p = s->predict_model(i, target->X);
      CHECK(p.rows() == 5);
      CHECK(p.cols() == target->size());
    }
    CHECK(s->predict_model(1, target->X) != s->predict_model(0, target->X));
  }

  TEST_CASE("input shift: every layer has a key and the comparison keeps the mirror image") {
    const Sets quick = {{"epochs", "20"}, {"source_epochs", "5"}};
    auto s = make("layer-transfer-input-shift", quick);
    auto vd = s->view_data();
    REQUIRE(vd != nullptr);
    check_common(*vd, 2, {32, 32}, 2);
    CHECK(plan_of(*vd) == std::vector<int>{2, 0, 0});  // the last two frozen
    CHECK(*vd->text("layer_keys") == std::vector<std::string>{"layer1", "layer2", "layer3"});
    CHECK(vd->value("mirror") == 1);
    CHECK(s->models().size() == 4);
    // A symmetric plan makes the model and its mirror image the same model; the default plan
    // (keep the last two layers vs keep the first two) does not.
    const tl::Metrics asym =
        tl_test::run_scenario("layer-transfer-input-shift", tl_test::base_seed(), quick);
    Sets sym = quick;
    sym.insert(sym.end(), {{"layer1", "tune"}, {"layer2", "freeze"}, {"layer3", "tune"}});
    const tl::Metrics m =
        tl_test::run_scenario("layer-transfer-input-shift", tl_test::base_seed(), sym);
    CHECK(tl::metric(m, "target_acc") == tl::metric(m, "copy_first_target_acc"));
    CHECK(tl::metric(asym, "target_acc") != tl::metric(asym, "copy_first_target_acc"));
  }

  TEST_CASE("the sweep's chart grows point by point to every N while training") {
    auto s =
        make("layer-transfer-sweep", {{"epochs", "2"}, {"source_epochs", "1"}, {"repeats", "2"}});
    const int layers = 6;
    std::vector<int> seen;  // sweep_points after each step, each value once
    auto vd = s->view_data();
    REQUIRE(vd != nullptr);
    check_common(*vd, 64, {64, 64, 64, 64, 64}, 5);
    CHECK(vd->value("sweep") == 1);
    CHECK(vd->value("sweep_total") == layers);
    seen.push_back(static_cast<int>(vd->value("sweep_points", -1)));
    bool live_seen = false;
    while (!s->done()) {
      REQUIRE(s->guarded_step().ok());
      vd = s->view_data();
      const int points = static_cast<int>(vd->value("sweep_points", -1));
      CHECK(points >= seen.back());
      if (points != seen.back()) seen.push_back(points);
      for (const char* k :
           {"sweep_n", "repeats_per_point", "anb_mean", "anb_std", "anbp_mean", "anbp_std",
            "bnb_mean", "bnb_std", "anb_live", "anbp_live", "bnb_live"}) {
        INFO(k);
        REQUIRE(vd->mat(k) != nullptr);
        CHECK(vd->mat(k)->rows() == 1);
        CHECK(vd->mat(k)->cols() == layers);
      }
      const int n = static_cast<int>(vd->value("current_n"));
      if (n >= 1 && n < layers && !std::isnan((*vd->mat("anb_live"))(0, n))) live_seen = true;
    }
    std::vector<int> expected;
    for (int p = 0; p <= layers; ++p) expected.push_back(p);
    CHECK(seen == expected);  // one point at a time, from none to all
    CHECK(live_seen);
    CHECK(vd->value("repeats_done") == 2);
    const tl::Metrics m = s->metrics();
    const tl::Mat& count = *vd->mat("repeats_per_point");
    for (int n = 0; n < layers; ++n) {
      CAPTURE(n);
      CHECK(count(0, n) == 2);
      const std::string p = "target_acc_copy" + std::to_string(n);
      CHECK((*vd->mat("anb_mean"))(0, n) == doctest::Approx(tl::metric(m, p + "_frozen")));
      CHECK((*vd->mat("anbp_mean"))(0, n) == doctest::Approx(tl::metric(m, p + "_tuned")));
      CHECK((*vd->mat("bnb_mean"))(0, n) == doctest::Approx(tl::metric(m, p + "_bnb")));
      CHECK((*vd->mat("anb_std"))(0, n) == doctest::Approx(tl::metric(m, p + "_frozen_std")));
      CHECK(std::isnan((*vd->mat("anb_live"))(0, n)));  // nothing is running any more
    }
    CHECK(vd->value("scratch_mean", -1) == doctest::Approx(tl::metric(m, "scratch_target_acc")));
    CHECK(vd->value("scratch_std", -1) == doctest::Approx(tl::metric(m, "scratch_target_acc_std")));
    REQUIRE(s->models().size() == 2);
    CHECK(s->predict_model(1, s->target_data()->X).rows() == 5);
  }
}

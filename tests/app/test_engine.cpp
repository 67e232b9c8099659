// The page's training engine (no ImGui, GL or browser): the divergence guard stops training,
// keeps the last good weights for the heatmap and says so in the snapshot; a new setup clears it.
#ifndef __EMSCRIPTEN__  // the engine is linked into the native test binary only
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "app/engine.h"
#include "support/seed.h"
#include "transfer/zero_shot.h"

namespace {

/// Ticks the engine until `until` holds for the latest snapshot (or `max_ticks` pass); `last`
/// is the latest snapshot seen before.
template <class Pred>
std::shared_ptr<const tl::Snapshot> tick_until(tl::Engine& e, const tl::Request& r, Pred until,
                                               std::shared_ptr<const tl::Snapshot> last = nullptr,
                                               int max_ticks = 2000) {
  for (int i = 0; i < max_ticks; ++i) {
    e.tick(r, 2.0);
    if (auto s = e.publish_if_changed()) last = s;
    if (last && until(*last)) break;
  }
  return last;
}

}  // namespace

TEST_SUITE("app/engine") {
  TEST_CASE(
      "a diverging setup stops training with a message and finite weights; a new one clears it") {
    tl::Engine e;
    tl::Request r;
    r.setup.scenario = "basic-moons";
    r.setup.config = {{"lr", "100"}, {"optimizer", "sgd"}};
    r.setup.seed = tl_test::base_seed();
    r.setup.version = 1;
    r.playing = true;
    auto s = tick_until(e, r, [](const tl::Snapshot& s) { return !s.diverged.empty(); });
    REQUIRE(s);
    REQUIRE_FALSE(s->diverged.empty());
    CHECK(s->diverged.find("lower learning rate") != std::string::npos);
    CHECK_FALSE(s->playing);
    CHECK(s->step < s->total);
    CHECK(s->diverged_count == 1);
    for (const auto& kv : s->metrics) CHECK(std::isfinite(kv.second));
    // More ticks while "playing": no further steps.
    const long stopped = s->step;
    for (int i = 0; i < 20; ++i) e.tick(r, 2.0);
    if (auto later = e.publish_if_changed()) s = later;
    CHECK(s->step == stopped);
    // The heatmap shows the restored weights: every probability finite.
    s = tick_until(
        e, r, [](const tl::Snapshot& s) { return s.heatmap != nullptr; }, s, 50);
    REQUIRE(s->heatmap);
    for (float p : s->heatmap->probs) REQUIRE(std::isfinite(p));

    // A lower learning rate (a new setup version) trains again.
    r.setup.config = {{"lr", "0.01"}};
    r.setup.version = 2;
    s = tick_until(
        e, r, [](const tl::Snapshot& s) { return s.setup_version == 2 && s.step > 50; }, s);
    REQUIRE(s);
    CHECK(s->diverged.empty());
    CHECK(s->diverged_count == 1);
    CHECK(s->step > 50);
  }
  TEST_CASE("a class table in the setup replaces the zero-shot table; a bad one is rejected") {
    tl::Engine e;
    tl::Request r;
    r.setup.scenario = "zeroshot-animals";
    r.setup.config = {{"method", "embed"}, {"epochs", "2"}};
    r.setup.seed = tl_test::base_seed();
    r.setup.version = 1;
    tl::AttributeTable t = tl::animals_attribute_table();
    t.table.col(0) *= 3;  // real values outside [0, 1]: fine for embed
    r.setup.class_table = std::make_shared<const tl::AttributeTable>(t);
    auto s = tick_until(e, r, [](const tl::Snapshot& s) { return s.setup_version == 1; });
    REQUIRE(s);
    CHECK(s->error.empty());
    // The same table for DAP: refused, naming the methods that take it.
    r.setup.config = {{"method", "dap"}};
    r.setup.version = 2;
    s = tick_until(
        e, r, [](const tl::Snapshot& s) { return s.error_version == 2; }, s);
    REQUIRE(s);
    CHECK(s->error.find("method=conse or method=embed") != std::string::npos);
    // A table naming other classes: refused, naming the class.
    t.class_names[0] = "yak";
    r.setup.class_table = std::make_shared<const tl::AttributeTable>(t);
    r.setup.config = {{"method", "embed"}};
    r.setup.version = 3;
    s = tick_until(
        e, r, [](const tl::Snapshot& s) { return s.error_version == 3; }, s);
    REQUIRE(s);
    CHECK(s->error.find("missing class 'eagle'") != std::string::npos);
  }
  TEST_CASE(
      "the heatmap carries the comparison model's grid: the default baseline, the one asked "
      "for, or none") {
    tl::Engine e;
    tl::Request r;
    r.setup.scenario = "finetune-moons";
    r.setup.config = {{"curve", "false"}};
    r.setup.seed = tl_test::base_seed();
    r.setup.version = 1;
    r.playing = true;
    auto s = tick_until(e, r, [](const tl::Snapshot& s) {
      return s.heatmap && s.step > 450;  // past pre-training: scratch and fine-tuned differ
    });
    REQUIRE(s);
    REQUIRE(s->models);
    REQUIRE(s->models->size() >= 2);
    CHECK(s->models->front().role == tl::MetricRole::kMethod);
    CHECK((*s->models)[1].key == "scratch");
    // Default: the first baseline, with a grid of the method's shape.
    REQUIRE(s->heatmap->compare == 1);
    REQUIRE(s->heatmap->compare_probs.size() == s->heatmap->probs.size());
    REQUIRE(s->heatmap->compare_target.size() == s->heatmap->pred_target.size());
    double diff = 0;
    for (size_t i = 0; i < s->heatmap->probs.size(); ++i)
      diff += std::fabs(s->heatmap->probs[i] - s->heatmap->compare_probs[i]);
    CHECK(diff > 1.0);  // two different models
    // compare = 0: the method alone.
    r.compare = 0;
    r.playing = false;
    s = tick_until(
        e, r, [](const tl::Snapshot& s) { return s.heatmap && s.heatmap->compare < 0; }, s, 200);
    REQUIRE(s);
    CHECK(s->heatmap->compare_probs.empty());
  }
  TEST_CASE("every scenario's models name a method first and metrics the scenario declares") {
    for (const tl::ScenarioInfo& info : tl::scenarios()) {
      CAPTURE(info.name);
      auto scn = info.make();
      const tl::ModelList models = scn->models();
      REQUIRE_FALSE(models.empty());
      CHECK(models.front().role == tl::MetricRole::kMethod);
      const tl::MetricInfoList infos = scn->metrics_info();
      for (const tl::ModelInfo& m : models) {
        CAPTURE(m.key);
        CHECK_FALSE(m.label.empty());
        if (m.metric.empty()) continue;
        tl::MetricInfo mi;
        CHECK(tl::find_metric_info(infos, m.metric, mi));
      }
    }
  }
}
#endif
